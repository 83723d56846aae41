from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from codemod import lockfiles, semver
from codemod.errors import InputError
from codemod.versions import PACKAGES, Installed, installed_versions

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
# Written by real npm 6 and the npm on PATH: tests/fixtures/lockfiles/regenerate.sh
NPM_V1 = REPO / "tests" / "fixtures" / "lockfiles" / "npm-v1"
NPM_WORKSPACE = REPO / "tests" / "fixtures" / "lockfiles" / "npm-workspace"


def write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")
    return path


def install(folder: Path, name: str, version: str) -> Path:
    """A node_modules copy as npm leaves it: node_modules/<name>/package.json with its version."""
    return write_json(folder / "node_modules" / name / "package.json", {"name": name, "version": version})


@pytest.fixture
def project(tmp_path):
    """A git work tree whose root is the project, declaring ranges, locked by a real npm 6 lockfile."""
    (tmp_path / ".git").mkdir()
    shutil.copy(NPM_V1 / "package.json", tmp_path / "package.json")
    shutil.copy(NPM_V1 / "package-lock.json", tmp_path / "package-lock.json")
    return tmp_path


def test_node_modules_wins_over_lockfile(project):
    manifest = install(project, "convex", "1.26.0")

    found = installed_versions(project, ["convex"])

    assert found == {"convex": Installed("1.26.0", "node_modules", manifest)}


def test_lockfile_wins_over_package_json_range(project):
    found = installed_versions(project, ["convex", "@workos-inc/authkit-react"])

    assert found == {
        "convex": Installed("1.25.4", "package-lock.json", project / "package-lock.json"),
        "@workos-inc/authkit-react": Installed("0.11.0", "package-lock.json", project / "package-lock.json"),
    }


def test_package_json_range_when_nothing_is_installed_or_locked(tmp_path):
    package_json = write_json(
        tmp_path / "package.json",
        {"dependencies": {"convex": "^1.27.0"}, "devDependencies": {"@workos-inc/node": "~7.1"}},
    )
    (tmp_path / ".git").mkdir()

    found = installed_versions(tmp_path)

    assert found == {
        "@workos-inc/node": Installed("~7.1", "package.json", package_json),
        "convex": Installed("^1.27.0", "package.json", package_json),
    }
    assert found["convex"].is_range and semver.min_version(found["convex"].version) == "1.27.0"


def test_each_package_takes_its_own_best_source(project):
    install(project, "convex", "1.26.0")
    package_json = write_json(
        project / "package.json", {"dependencies": {"convex": "1.25.4", "@workos-inc/authkit-nextjs": "^2.7.1"}}
    )

    found = installed_versions(project, ["convex", "@workos-inc/authkit-react", "@workos-inc/authkit-nextjs"])

    assert {name: installed.source for name, installed in found.items()} == {
        "convex": "node_modules",
        "@workos-inc/authkit-react": "package-lock.json",
        "@workos-inc/authkit-nextjs": "package.json",
    }
    assert found["@workos-inc/authkit-nextjs"].path == package_json


def test_node_modules_found_up_the_tree_but_not_past_the_work_tree(tmp_path):
    install(tmp_path, "@workos-inc/node", "7.0.0")  # outside the repo: another project's
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    hoisted = install(repo, "convex", "1.27.5")
    app = repo / "apps" / "web"
    write_json(app / "package.json", {"dependencies": {"convex": "^1.27.0"}})

    assert installed_versions(app, ["convex", "@workos-inc/node"]) == {
        "convex": Installed("1.27.5", "node_modules", hoisted)
    }


def test_broken_node_modules_copy_falls_back_to_the_lockfile(project):
    broken = project / "node_modules" / "convex" / "package.json"
    broken.parent.mkdir(parents=True)
    broken.write_text("{ not json")

    assert installed_versions(project, ["convex"])["convex"].source == "package-lock.json"


def test_lockfile_read_even_when_node_modules_has_everything(project):
    # node_modules wins, but the lockfile is read too: a stale install is reported (FAC005), so a
    # broken lockfile is noticed whatever node_modules holds.
    install(project, "convex", "1.26.0")
    (project / "package-lock.json").write_text("{ broken")

    with pytest.raises(InputError) as raised:
        installed_versions(project, ["convex"])

    assert raised.value.path == project / "package-lock.json"


def test_shrinkwrap_wins_over_package_lock_in_the_same_folder(project):
    lock = json.loads((project / "package-lock.json").read_text())
    lock["dependencies"]["convex"]["version"] = "1.25.3"  # tells the two files apart
    shrinkwrap = write_json(project / "npm-shrinkwrap.json", lock)

    assert installed_versions(project, ["convex"]) == {"convex": Installed("1.25.3", "npm-shrinkwrap.json", shrinkwrap)}


def test_broken_package_lock_is_an_input_error_naming_it(project):
    lockfile = project / "package-lock.json"
    lockfile.write_text('{"lockfileVersion": 3, "packages": {')

    with pytest.raises(InputError) as raised:
        installed_versions(project)

    assert raised.value.path == lockfile
    assert raised.value.reason.startswith("not valid JSON: ")


def test_broken_package_json_is_an_input_error_naming_it(tmp_path):
    (tmp_path / ".git").mkdir()
    package_json = tmp_path / "package.json"
    package_json.write_text('{"dependencies": {"convex": "^1.27.0",}}')

    with pytest.raises(InputError) as raised:
        installed_versions(tmp_path)

    assert raised.value.path == package_json
    assert raised.value.reason.startswith("not valid JSON: ")


def test_package_json_that_is_not_utf8_is_an_input_error(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "package.json").write_bytes(b'{"name": "caf\xe9"}')

    with pytest.raises(InputError) as raised:
        installed_versions(tmp_path)

    assert raised.value.reason.startswith("not valid JSON: not UTF-8")


def test_unreadable_lockfile_is_an_input_error(project, monkeypatch):
    # Permissions cannot be relied on (tests may run as root), so the read itself fails.
    lockfile = project / "package-lock.json"
    real_read_text = Path.read_text

    def read_text(self, *args, **kwargs):
        if self == lockfile:
            raise PermissionError(13, "Permission denied")
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)

    with pytest.raises(InputError) as raised:
        installed_versions(project)

    assert str(raised.value) == f"{lockfile}: cannot read: Permission denied"


def test_each_file_is_read_at_most_once(project, monkeypatch):
    install(project, "convex", "1.26.0")
    reads = []
    real_read_json = lockfiles.read_json
    monkeypatch.setattr(lockfiles, "read_json", lambda path: reads.append(path) or real_read_json(path))
    monkeypatch.setattr("codemod.lockfiles.npm.read_json", lockfiles.read_json)

    installed_versions(project)  # every package: some installed, some locked, the rest nowhere

    assert sorted(reads) == sorted(
        [project / "node_modules" / "convex" / "package.json", project / "package-lock.json", project / "package.json"]
    )


def test_npm_v1_lockfile_written_by_npm_6():
    lock = json.loads((NPM_V1 / "package-lock.json").read_text())
    assert lock["lockfileVersion"] == 1 and "packages" not in lock  # really the npm 6 format

    assert lockfiles.read_versions(NPM_V1 / "package-lock.json", PACKAGES) == {
        "@workos-inc/authkit-react": "0.11.0",
        "@workos-inc/authkit-js": "0.13.0",
        "convex": "1.25.4",
    }


@pytest.mark.parametrize(
    "importer, expected_convex",
    [
        pytest.param("apps/web", "1.27.5", id="apps/web's own nested copy"),
        pytest.param("apps/api", "1.25.4", id="apps/api uses the hoisted copy"),
        pytest.param("", "1.25.4", id="workspace root"),
    ],
)
def test_npm_workspace_prefers_the_importers_own_copy(importer, expected_convex):
    lockfile = NPM_WORKSPACE / "package-lock.json"
    assert json.loads(lockfile.read_text())["lockfileVersion"] == 3

    found = installed_versions(NPM_WORKSPACE / importer, ["convex", "@workos-inc/authkit-react"])

    assert found == {
        "convex": Installed(expected_convex, "package-lock.json", lockfile),
        "@workos-inc/authkit-react": Installed("0.11.0", "package-lock.json", lockfile),  # hoisted only
    }


def test_tanstack_bug_report_example_pins_authkit_tanstack_041():
    example = EXAMPLES / "tanstack-bug-report"
    lockfile = example / "package-lock.json"
    if not lockfile.is_file():
        pytest.skip("examples/tanstack-bug-report/package-lock.json not generated yet")

    assert lockfiles.read_versions(lockfile, ["@workos/authkit-tanstack-react-start"]) == {
        "@workos/authkit-tanstack-react-start": "0.4.1"
    }
    assert installed_versions(example)["@workos/authkit-tanstack-react-start"].version == "0.4.1"


EXAMPLE_LOCKFILES = sorted(EXAMPLES.glob("*/package-lock.json"))


@pytest.mark.skipif(not EXAMPLE_LOCKFILES, reason="examples' lockfiles not generated yet")
@pytest.mark.parametrize("lockfile", EXAMPLE_LOCKFILES, ids=lambda path: path.parent.name)
def test_example_lockfiles_resolve_every_declared_package_within_its_range(lockfile):
    manifest = json.loads((lockfile.parent / "package.json").read_text())
    declared = {
        name: range_
        for field in ("dependencies", "devDependencies")
        for name, range_ in manifest.get(field, {}).items()
        if name in PACKAGES
    }

    resolved = lockfiles.read_versions(lockfile, list(declared))

    assert declared and resolved.keys() == declared.keys()
    for name, version in resolved.items():
        assert semver.satisfies(version, declared[name]), f"{name} {version} not in {declared[name]}"
