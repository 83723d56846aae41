from __future__ import annotations

import os
from pathlib import Path

import pytest

from codemod.discover import Project, find_projects
from codemod.errors import InputError

CONFIG = "export default { providers: [] };\n"


def make_project(root: Path, *configs: str, functions: str = "convex", convex_json: str | None = None) -> Path:
    """A Convex project at `root`: package.json, the functions folder, the named config files."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "package.json").write_text('{"name": "app", "dependencies": {"convex": "^1.27.0"}}\n')
    if convex_json is not None:
        (root / "convex.json").write_text(convex_json)
    functions_dir = root / functions
    functions_dir.mkdir(parents=True, exist_ok=True)
    for name in configs:
        (functions_dir / name).write_text(CONFIG)
    return root


def roots(projects: list[Project]) -> list[Path]:
    return [project.root for project in projects]


def test_folder_that_is_a_project_root(tmp_path):
    root = make_project(tmp_path / "app", "auth.config.ts")

    (project,) = find_projects([root])

    assert project == Project(
        root=root,
        functions_dir=root / "convex",
        config=root / "convex" / "auth.config.ts",
        ignored_configs=(),
        conflict=None,
    )


def test_config_file_path_as_pre_commit_passes_it(tmp_path, monkeypatch):
    root = make_project(tmp_path / "app", "auth.config.js")
    monkeypatch.chdir(root)

    (project,) = find_projects([Path("convex/auth.config.js")])

    assert project.root == root
    assert project.config == root / "convex" / "auth.config.js"


def test_other_files_are_ignored_silently(tmp_path, monkeypatch):
    root = make_project(tmp_path / "app", "auth.config.ts")
    (root / "README.md").write_text("# app\n")
    (root / "convex" / "schema.ts").write_text("export default {};\n")
    monkeypatch.chdir(root)

    assert find_projects([Path("README.md"), Path("convex/schema.ts"), Path("package.json")]) == []


def test_a_config_name_outside_the_functions_folder_is_not_a_config(tmp_path):
    root = make_project(tmp_path / "app", "auth.config.ts")
    (root / "convex" / "lib").mkdir()
    (root / "convex" / "lib" / "auth.config.ts").write_text(CONFIG)
    (root / "auth.config.ts").write_text(CONFIG)

    assert find_projects([root / "convex" / "lib" / "auth.config.ts", root / "auth.config.ts"]) == []


def test_folder_inside_the_functions_folder(tmp_path):
    root = make_project(tmp_path / "app", "auth.config.ts")
    (root / "convex" / "_generated").mkdir()

    assert roots(find_projects([root / "convex"])) == [root]
    assert roots(find_projects([root / "convex" / "_generated"])) == [root]


def test_nested_workspace_project_found_by_walking_down(tmp_path):
    (tmp_path / "package.json").write_text('{"private": true, "workspaces": ["apps/*"]}\n')
    web = make_project(tmp_path / "apps" / "web", "auth.config.ts")
    (tmp_path / "apps" / "docs").mkdir()
    (tmp_path / "apps" / "docs" / "package.json").write_text("{}\n")  # no functions folder: not a project

    (project,) = find_projects([tmp_path])

    assert project.root == web
    assert project.config == web / "convex" / "auth.config.ts"


def test_pruned_folders_are_not_searched(tmp_path):
    (tmp_path / "package.json").write_text("{}\n")
    make_project(tmp_path / "node_modules" / "some-template", "auth.config.ts")
    make_project(tmp_path / ".cache" / "app", "auth.config.ts")
    make_project(tmp_path / "dist" / "app", "auth.config.ts")
    real = make_project(tmp_path / "packages" / "backend", "auth.config.ts")

    assert roots(find_projects([tmp_path])) == [real]


def test_symlinked_folders_are_not_followed(tmp_path):
    elsewhere = make_project(tmp_path / "elsewhere" / "app", "auth.config.ts")
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink(elsewhere, repo / "linked", target_is_directory=True)

    assert find_projects([repo]) == []


def test_convex_json_functions_folder(tmp_path):
    root = make_project(
        tmp_path / "app", "auth.config.ts", functions="src/convex", convex_json='{"functions": "src/convex/"}\n'
    )
    (root / "convex").mkdir()  # a stray default-named folder: convex.json says it is not the one
    (root / "convex" / "auth.config.ts").write_text(CONFIG)

    (project,) = find_projects([root])
    assert project.functions_dir == root / "src" / "convex"
    assert project.config == root / "src" / "convex" / "auth.config.ts"

    assert find_projects([root / "src" / "convex" / "auth.config.ts"]) == [project]
    assert find_projects([root / "convex" / "auth.config.ts"]) == []


def test_convex_json_without_functions_key_means_convex_folder(tmp_path):
    root = make_project(tmp_path / "app", "auth.config.ts", convex_json='{"node": {"externalPackages": []}}\n')

    (project,) = find_projects([root])

    assert project.functions_dir == root / "convex"


def test_both_ts_and_js_is_a_conflict(tmp_path):
    root = make_project(tmp_path / "app", "auth.config.ts", "auth.config.js")
    ts, js = root / "convex" / "auth.config.ts", root / "convex" / "auth.config.js"

    (project,) = find_projects([js])

    assert project.conflict == (ts, js)
    assert project.config == ts


def test_mjs_and_cjs_are_reported_as_ignored(tmp_path):
    root = make_project(tmp_path / "app", "auth.config.mjs", "auth.config.cjs")

    (project,) = find_projects([root / "convex" / "auth.config.mjs"])

    assert project.config is None
    assert project.ignored_configs == (root / "convex" / "auth.config.mjs", root / "convex" / "auth.config.cjs")
    assert project.conflict is None


def test_project_without_any_auth_config_is_still_returned(tmp_path):
    root = make_project(tmp_path / "app")

    assert find_projects([root]) == [Project(root, root / "convex", None, (), None)]


def test_nonexistent_path_is_an_input_error(tmp_path):
    missing = tmp_path / "nope" / "auth.config.ts"

    with pytest.raises(InputError) as raised:
        find_projects([missing])

    assert raised.value.path == missing
    assert str(raised.value) == f"{missing}: no such file or directory"


def test_invalid_convex_json_is_an_input_error_naming_it(tmp_path):
    root = make_project(tmp_path / "app", "auth.config.ts", convex_json='{"functions": "src/convex/",}\n')

    with pytest.raises(InputError) as raised:
        find_projects([root])

    assert raised.value.path == root / "convex.json"
    assert raised.value.reason.startswith("not valid JSON: ")


def test_paths_into_one_project_give_one_project(tmp_path, monkeypatch):
    root = make_project(tmp_path / "app", "auth.config.ts")
    monkeypatch.chdir(tmp_path)

    projects = find_projects([Path("app"), Path("app/convex/auth.config.ts"), root / "convex", Path("app/../app")])

    assert roots(projects) == [root]


def test_projects_come_back_sorted_by_root(tmp_path):
    b = make_project(tmp_path / "b", "auth.config.ts")
    a = make_project(tmp_path / "a", "auth.config.ts")

    assert roots(find_projects([b, a])) == [a, b]
    assert roots(find_projects([tmp_path])) == [a, b]


def test_folder_with_nothing_in_it_gives_nothing(tmp_path):
    (tmp_path / "docs").mkdir()

    assert find_projects([tmp_path / "docs"]) == []


# --- workspaces, git, warnings


def git(repo: Path, *args: str) -> None:
    import subprocess

    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def test_inside_git_ignored_and_pruned_folders_are_never_listed(tmp_path):
    repo = tmp_path / "repo"
    make_project(repo / "apps" / "web", "auth.config.ts")
    make_project(repo / "vendor" / "generated", "auth.config.ts")  # ignored by .gitignore
    make_project(repo / "node_modules" / "template", "auth.config.ts")
    untracked = make_project(repo / "new" / "app", "auth.config.ts")  # a wholly untracked folder
    (repo / ".gitignore").write_text("node_modules/\nvendor/\n")
    git(repo, "init", "-q")
    git(repo, "add", ".gitignore", "apps")

    assert roots(find_projects([repo])) == [repo / "apps" / "web", untracked]


def test_git_listing_is_used_inside_a_work_tree(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    make_project(repo / "apps" / "web", "auth.config.ts")
    git(repo, "init", "-q")
    git(repo, "add", "apps")  # untracked folders are listed once each, then walked
    monkeypatch.setattr(os, "scandir", lambda *_: pytest.fail("walked instead of asking git"))

    assert roots(find_projects([repo])) == [repo / "apps" / "web"]


def test_outside_git_the_walk_finds_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    make_project(tmp_path / "apps" / "web", "auth.config.ts")

    assert roots(find_projects([tmp_path])) == [tmp_path / "apps" / "web"]


@pytest.mark.parametrize("in_git", [False, True], ids=["walk", "git"])
def test_workspace_members_are_found_even_under_pruned_names(tmp_path, in_git):
    (tmp_path / "package.json").write_text('{"private": true, "workspaces": {"packages": ["apps/*", "tools/build"]}}\n')
    web = make_project(tmp_path / "apps" / "web", "auth.config.ts")
    build = make_project(tmp_path / "tools" / "build", "auth.config.ts")  # "build" is pruned as output
    make_project(tmp_path / "dist" / "app", "auth.config.ts")  # not a workspace: still pruned
    if in_git:
        git(tmp_path, "init", "-q")

    assert roots(find_projects([tmp_path])) == [web, build]


def test_pnpm_workspace_yaml_globs_with_negation(tmp_path):
    (tmp_path / "package.json").write_text("{}\n")
    (tmp_path / "pnpm-workspace.yaml").write_text(
        "# monorepo\npackages:\n  - 'packages/**'\n  - \"!**/fixtures/**\"  # not these\ncatalog:\n  convex: ^1.27.0\n")
    deep = make_project(tmp_path / "packages" / "a" / "build", "auth.config.ts")
    make_project(tmp_path / "packages" / "fixtures" / "build", "auth.config.ts")

    assert roots(find_projects([tmp_path])) == [deep]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("packages:\n  - apps/*\n  - 'packages/*'\n", ["apps/*", "packages/*"], id="block"),
        pytest.param("packages:\n- apps/*\n- \"b\"  # c\nonlyBuiltDependencies:\n  - esbuild\n", ["apps/*", "b"], id="compact"),
        pytest.param("packages: ['apps/*', \"b/*\"]\n", ["apps/*", "b/*"], id="flow"),
        pytest.param("catalog:\n  react: ^19\n", [], id="none"),
    ],
)
def test_pnpm_workspace_packages(text, expected):
    from codemod.discover import pnpm_workspace_packages

    assert pnpm_workspace_packages(text) == expected


@pytest.mark.parametrize(
    "relative, globs, member",
    [
        ("apps/web", ["apps/*"], True),
        ("apps/web/nested", ["apps/*"], False),
        ("packages/a/b", ["packages/**"], True),
        ("apps/web", ["./apps/*/"], True),
        ("apps/test", ["apps/*", "!apps/test"], False),
        ("tools/x/y", ["tools/**/y"], True),
        ("libs/ui", ["{apps,libs}/*"], True),
        ("other/ui", ["{apps,libs}/*"], False),
    ],
)
def test_is_workspace_member(relative, globs, member):
    from codemod.discover import is_workspace_member

    assert is_workspace_member(relative, globs) is member


def test_unreadable_folder_is_a_warning_and_the_rest_is_searched(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    ok = make_project(tmp_path / "ok", "auth.config.ts")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:  # tests may run as root, so permissions cannot be relied on
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    warnings = []

    assert roots(find_projects([tmp_path], warnings)) == [ok]
    assert warnings == [(locked, "not searched: Permission denied")]


def test_symlink_loop_is_a_warning_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    ok = make_project(tmp_path / "ok", "auth.config.ts")
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    os.symlink(tmp_path, tmp_path / "ok" / "up", target_is_directory=True)  # a cycle through a real folder
    warnings = []

    assert roots(find_projects([tmp_path, tmp_path / "loop"], warnings)) == [ok]
    assert warnings == [(tmp_path / "loop", "not searched: symlink loop")]
