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
