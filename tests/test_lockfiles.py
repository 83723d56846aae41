"""Every lockfile reader against lockfiles written by the real package managers.

The fixtures under tests/fixtures/lockfiles/<shape>/<manager>-<version>/ come from
tests/fixtures/lockfiles/regenerate.sh (never edited by hand); the versions below were checked
against the files themselves. Node 20 made npm 11 prefer convex 1.48.0 (engines), and pnpm is
strict: a package a project does not declare is not in its node_modules, so it has no version.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from codemod import lockfiles
from codemod.errors import InputError
from codemod.versions import PACKAGES, Installed, installed_versions

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lockfiles"

NPM = ("npm-6.14.18", "npm-8.19.4", "npm-11.19.1")
PNPM = ("pnpm-7.33.7", "pnpm-8.15.9", "pnpm-9.15.9", "pnpm-10.34.9")
YARN = ("yarn-1.22.22", "yarn-3.8.7", "yarn-4.18.1")
BUN = ("bun-1.1.45", "bun-1.2.23", "bun-1.4.5")
LOCKFILE = {"npm": "package-lock.json", "pnpm": "pnpm-lock.yaml", "yarn": "yarn.lock", "bun": "bun.lock"}
# The lockfileVersion each manager wrote: the readers are tested against each of these formats.
FORMAT = {
    "npm-6.14.18": 1, "npm-8.19.4": 2, "npm-11.19.1": 3,
    "pnpm-7.33.7": "5.4", "pnpm-8.15.9": "'6.0'", "pnpm-9.15.9": "'9.0'", "pnpm-10.34.9": "'9.0'",
    "yarn-1.22.22": "# yarn lockfile v1", "yarn-3.8.7": "version: 6", "yarn-4.18.1": "version: 10",
    "bun-1.1.45": 0, "bun-1.2.23": 1, "bun-1.4.5": 2,
}
TANSTACK = "@workos/authkit-tanstack-react-start"
NEXTJS = "@workos-inc/authkit-nextjs"
NODE = "@workos-inc/node"


def lockfile_of(shape: str, manager: str) -> Path:
    return FIXTURES / shape / manager / LOCKFILE[manager.split("-")[0]]


def expected(shape: str, manager: str, importer: str = "") -> dict[str, str]:
    """What node_modules/<name> would hold, for the PACKAGES present (in PACKAGES order)."""
    kind = manager.split("-")[0]
    convex = "1.48.0" if manager == "npm-11.19.1" else "1.51.0"
    if shape == "tanstack-041":
        found = {TANSTACK: "0.4.1", NODE: "8.0.0-rc.5", "convex": convex}
    elif shape == "nextjs":
        found = {NEXTJS: "2.17.0", NODE: "8.13.0", "convex": convex}
    else:
        own = {
            "apps/web": {TANSTACK: "0.4.1", "convex": convex},
            "apps/admin": {NEXTJS: "2.17.0", "convex": "1.25.4"},
            "packages/backend": {"convex": convex},
            "": {},
        }[importer]
        if kind in ("npm", "bun"):
            # Hoisted to the root node_modules: apps/admin's convex won the root's place.
            found = {TANSTACK: "0.4.1", NEXTJS: "2.17.0", NODE: "8.13.0", "convex": "1.25.4", **own}
        elif kind == "yarn":
            # Undeclared names: known when every block resolved to one version (not @workos-inc/node:
            # 8.0.0-rc.5 for authkit-session and 8.13.0 for authkit-nextjs).
            found = {TANSTACK: "0.4.1", NEXTJS: "2.17.0", **own}
            if importer == "":
                found.pop("convex", None)  # two versions, and the root declares none
        else:
            found = own
    if kind == "pnpm":
        found.pop(NODE, None)  # strict: not a direct dependency
    return {name: found[name] for name in PACKAGES if name in found}


SINGLE = [(shape, manager) for shape in ("tanstack-041", "nextjs") for manager in NPM + PNPM + YARN + BUN]
MONOREPO = [(manager, importer) for manager in NPM[1:] + PNPM + YARN + BUN
            for importer in ("apps/web", "apps/admin", "packages/backend", "")]


@pytest.mark.parametrize("shape, manager", SINGLE, ids=[f"{s}/{m}" for s, m in SINGLE])
def test_single_project(shape, manager):
    lockfile = lockfile_of(shape, manager)
    assert str(FORMAT[manager]) in lockfile.read_text()[:400]  # really the format it says

    found = lockfiles.read_versions(lockfile, PACKAGES)

    assert found == expected(shape, manager)


@pytest.mark.parametrize("manager, importer", MONOREPO, ids=[f"{m}/{i or 'root'}" for m, i in MONOREPO])
def test_monorepo_importer(manager, importer):
    lockfile = lockfile_of("monorepo", manager)
    declared = json.loads((lockfile.parent / importer / "package.json").read_text()).get("dependencies", {})

    found = lockfiles.read_versions(lockfile, PACKAGES, importer, declared)

    assert found == expected("monorepo", manager, importer)


@pytest.mark.parametrize("manager", NPM[1:] + PNPM + YARN + BUN)
@pytest.mark.parametrize("importer", ["apps/web", "apps/admin", "packages/backend"])
def test_workspace_project_gets_the_root_lockfiles_versions_for_its_importer(manager, importer):
    """installed_versions from a workspace folder: the root lockfile's entry, named as the source."""
    lockfile = lockfile_of("monorepo", manager)

    found = installed_versions(lockfile.parent / importer)

    locked = expected("monorepo", manager, importer)
    assert {name: i.version for name, i in found.items() if i.source != "package.json"} == locked
    assert {i.source for name, i in found.items() if name in locked} == {lockfile.name}
    assert all(i.path == lockfile for name, i in found.items() if name in locked)
    assert not found.disagreements and not found.warnings


@pytest.mark.parametrize("manager", PNPM + ("yarn-4.18.1", "npm-11.19.1", "bun-1.4.5"))
def test_lockfile_knows_its_importers(manager):
    lock = lockfiles.load(lockfile_of("monorepo", manager), PACKAGES)

    assert lock.importers == {"", "apps/web", "apps/admin", "packages/backend"}


def test_yarn_classic_does_not_record_workspaces():
    assert lockfiles.load(lockfile_of("monorepo", "yarn-1.22.22"), PACKAGES).importers is None


@pytest.mark.parametrize("shape", ["tanstack-041", "nextjs", "monorepo"])
def test_bun_lockb_is_unreadable_with_a_hint(shape):
    lockb = FIXTURES / shape / "bun-1.1.45-lockb" / "bun.lockb"
    assert lockb.read_bytes().startswith(b"#!/usr/bin/env bun\nbun-lockfile-format-v0\n")

    with pytest.raises(lockfiles.Unreadable) as raised:
        lockfiles.load(lockb, PACKAGES)

    assert raised.value.path == lockb
    assert "bun install --save-text-lockfile" in raised.value.hint


def test_bun_lockb_falls_back_to_package_json_with_a_warning():
    project = FIXTURES / "tanstack-041" / "bun-1.1.45-lockb"

    found = installed_versions(project)

    assert found == {
        TANSTACK: Installed("0.4.1", "package.json", project / "package.json"),
        "convex": Installed("^1.27.0", "package.json", project / "package.json"),
    }
    [(path, message)] = found.warnings
    assert path == project / "bun.lockb"
    assert message.startswith("binary lockfile: its versions cannot be read; versions taken from package.json")
    assert message.endswith("bun install --save-text-lockfile  (writes bun.lock; bun 1.2+ does by default)")


def test_bun_lockb_warns_nothing_when_node_modules_has_the_packages(tmp_path):
    project = copy_fixture(FIXTURES / "tanstack-041" / "bun-1.1.45-lockb", tmp_path)
    for name, version in ((TANSTACK, "0.4.1"), ("convex", "1.51.0")):
        write_json(project / "node_modules" / name / "package.json", {"name": name, "version": version})

    found = installed_versions(project)

    assert {name: (i.version, i.source) for name, i in found.items()} == {
        TANSTACK: ("0.4.1", "node_modules"), "convex": ("1.51.0", "node_modules")}
    assert found.warnings == ()


# --- which lockfile applies


def copy_fixture(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(source, target)
    (target / ".git").mkdir()  # the work tree's top: nothing above it is looked at
    return target


def write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) + "\n")
    return path


def test_project_outside_the_workspaces_does_not_use_the_root_lockfile(tmp_path):
    repo = copy_fixture(FIXTURES / "monorepo" / "pnpm-9.15.9", tmp_path)
    stray = write_json(repo / "examples" / "demo" / "package.json", {"dependencies": {"convex": "^1.20.0"}})

    assert installed_versions(stray.parent) == {"convex": Installed("^1.20.0", "package.json", stray)}


def test_yarn_classic_membership_comes_from_the_workspace_globs(tmp_path):
    repo = copy_fixture(FIXTURES / "monorepo" / "yarn-1.22.22", tmp_path)
    stray = write_json(repo / "tools" / "demo" / "package.json", {"dependencies": {"convex": "^1.27.0"}})

    assert installed_versions(repo / "apps" / "web")["convex"] == Installed("1.51.0", "yarn.lock", repo / "yarn.lock")
    assert installed_versions(stray.parent)["convex"].source == "package.json"  # tools/* is no workspace


def test_stale_lockfile_without_the_new_workspace(tmp_path):
    repo = copy_fixture(FIXTURES / "monorepo" / "npm-11.19.1", tmp_path)
    new = write_json(repo / "apps" / "new" / "package.json", {"dependencies": {"convex": "^1.27.0"}})

    assert installed_versions(new.parent)["convex"] == Installed("^1.27.0", "package.json", new)


def test_package_manager_field_picks_among_several_lockfiles(tmp_path):
    repo = copy_fixture(FIXTURES / "nextjs" / "yarn-4.18.1", tmp_path)
    shutil.copy(lockfile_of("nextjs", "npm-11.19.1"), repo / "package-lock.json")
    assert installed_versions(repo)["convex"].source == "package-lock.json"  # READERS order

    manifest = json.loads((repo / "package.json").read_text())
    write_json(repo / "package.json", {**manifest, "packageManager": "yarn@4.18.1"})

    assert installed_versions(repo)["convex"] == Installed("1.51.0", "yarn.lock", repo / "yarn.lock")


# --- disagreements (FAC005)


def test_stale_node_modules_is_a_disagreement(tmp_path):
    repo = copy_fixture(FIXTURES / "nextjs" / "pnpm-9.15.9", tmp_path)
    installed = write_json(repo / "node_modules" / "convex" / "package.json", {"version": "1.40.0"})

    found = installed_versions(repo)

    assert found["convex"] == Installed("1.40.0", "node_modules", installed)
    [(path, message)] = found.disagreements
    assert path == repo / "package.json"
    assert message.startswith("convex 1.40.0 is installed (") and message.endswith(
        ") but pnpm-lock.yaml locks 1.51.0; the installed one was used: install again to match the lockfile")


def test_lockfile_outside_the_declared_range_is_a_disagreement(tmp_path):
    repo = copy_fixture(FIXTURES / "nextjs" / "bun-1.4.5", tmp_path)
    manifest = json.loads((repo / "package.json").read_text())
    manifest["dependencies"]["convex"] = "^1.52.0"  # edited after the last install
    write_json(repo / "package.json", manifest)

    found = installed_versions(repo)

    assert found["convex"] == Installed("1.51.0", "bun.lock", repo / "bun.lock")
    assert found.disagreements == ((repo / "package.json", "bun.lock locks convex 1.51.0, outside the range "
                                    "^1.52.0 in package.json; the locked one was used: the lockfile is out of date"),)


def test_installed_outside_the_range_without_a_lockfile(tmp_path):
    (tmp_path / ".git").mkdir()
    write_json(tmp_path / "package.json", {"dependencies": {"convex": "^1.27.0", NEXTJS: "workspace:*"}})
    write_json(tmp_path / "node_modules" / "convex" / "package.json", {"version": "1.25.4"})
    write_json(tmp_path / "node_modules" / NEXTJS / "package.json", {"version": "2.0.0"})

    [(_, message)] = installed_versions(tmp_path).disagreements  # workspace:* is no semver range

    assert message.startswith("convex 1.25.4 is installed (") and message.endswith(
        "), outside the range ^1.27.0 in package.json; the installed one was used")


def test_agreeing_sources_say_nothing():
    found = installed_versions(FIXTURES / "tanstack-041" / "npm-11.19.1")

    assert found.disagreements == () and found.warnings == ()


# --- readers on edge cases real files can have


def test_pnpm_v5_peer_suffix_and_v9_nested_peers_are_cut(tmp_path):
    lock = tmp_path / "pnpm-lock.yaml"
    lock.write_text(
        "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      convex:\n"
        "        specifier: ^1.27.0\n        version: 1.51.0(react@19.3.1(x@1.0.0))\n"
        "    devDependencies:\n      '@workos-inc/node':\n        specifier: ^8\n        version: '8.13.0'\n"
        "      '@acme/backend':\n        specifier: workspace:*\n        version: link:../backend\n"
        "\n  apps/x: {}\n\npackages:\n\n  convex@9.9.9:\n    resolution: {integrity: x}\n"
    )
    assert lockfiles.read_versions(lock, ["convex", "@workos-inc/node", "@acme/backend"]) == {
        "convex": "1.51.0", "@workos-inc/node": "8.13.0"}

    lock.write_text("lockfileVersion: 5.3\n\nspecifiers:\n  convex: ^1.27.0\n\ndependencies:\n"
                    "  convex: 1.51.0_react@19.3.1\n  alias: /convex/1.0.0\n")
    assert lockfiles.read_versions(lock, ["convex", "alias"]) == {"convex": "1.51.0"}


def test_merge_conflict_in_a_lockfile_is_an_input_error(tmp_path):
    lock = tmp_path / "yarn.lock"
    text = lockfile_of("nextjs", "yarn-1.22.22").read_text()
    lock.write_text(text[:500] + "\n<<<<<<< HEAD\n" + text[500:])

    with pytest.raises(InputError) as raised:
        lockfiles.load(lock, PACKAGES)

    assert raised.value.path == lock and raised.value.reason.startswith("not valid: merge conflict marker at line ")


def test_bun_trailing_commas_are_stripped_but_not_inside_strings(tmp_path):
    lock = tmp_path / "bun.lock"
    lock.write_text('{\n  "lockfileVersion": 1,\n  "workspaces": {"": {"name": "a,]", },},\n'
                    '  "packages": {\n    "convex": ["convex@1.51.0", "", {"bin": "x,}"}, "sha"],\n  },\n}\n')

    assert lockfiles.read_versions(lock, ["convex"]) == {"convex": "1.51.0"}
    assert lockfiles.load(lock, ["convex"])._workspaces == {"": {"name": "a,]"}}


def test_yarn_aliases_are_other_packages(tmp_path):
    lock = tmp_path / "yarn.lock"
    lock.write_text('# yarn lockfile v1\n\n\n"convex-old@npm:convex@1.0.0":\n  version "1.0.0"\n\n'
                    'convex@^1.27.0, "convex@>= 1.27":\n  version "1.51.0"\n')

    assert lockfiles.read_versions(lock, ["convex"], declared={"convex": ">= 1.27"}) == {"convex": "1.51.0"}
    assert lockfiles.read_versions(lock, ["convex-old"]) == {}  # an alias: not the named package


def test_a_lockfile_is_read_once_for_all_the_workspaces(monkeypatch):
    lockfile = lockfile_of("monorepo", "pnpm-9.15.9")
    reads = []
    real_read_text = lockfiles.read_text
    monkeypatch.setattr("codemod.lockfiles.pnpm.read_text", lambda path: reads.append(path) or real_read_text(path))
    lockfiles._cache.clear()

    for importer in ("apps/web", "apps/admin", "packages/backend"):
        installed_versions(lockfile.parent / importer)

    assert reads == [lockfile]


# --- end to end: the JSON report names each version's source


def cli(*args, cwd: Path):
    import os
    import subprocess
    import sys

    environ = {key: value for key, value in os.environ.items() if key != "FORCE_COLOR"}
    return subprocess.run([sys.executable, "-m", "codemod", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, env={**environ, "NO_COLOR": "1", "GIT_CEILING_DIRECTORIES": str(cwd.parent)})


@pytest.mark.parametrize("manager", ["pnpm-9.15.9", "yarn-1.22.22", "yarn-4.18.1", "bun-1.4.5", "npm-8.19.4"])
def test_json_report_names_the_lockfile_of_each_workspace(tmp_path, manager):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "monorepo" / manager, repo)
    source = LOCKFILE[manager.split("-")[0]]

    done = cli("--check", "--format", "json", ".", cwd=repo)

    assert done.returncode == 0, done.stdout + done.stderr
    projects = {p["root"]: p["packages"] for p in json.loads(done.stdout)["projects"]}
    assert projects.keys() == {"apps/web", "packages/backend"}  # apps/admin has no convex/ folder
    assert projects["apps/web"][TANSTACK] == {"version": "0.4.1", "source": source}
    assert projects["apps/web"]["convex"] == {"version": "1.51.0", "source": source}
    assert projects["packages/backend"]["convex"] == {"version": "1.51.0", "source": source}


def test_bun_lockb_warning_is_reported_by_the_cli(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "tanstack-041" / "bun-1.1.45-lockb", repo)

    done = cli("--check", "--format", "json", ".", cwd=repo)

    assert done.returncode == 1, done.stdout + done.stderr  # a warning fails --check, as every warning does
    report = json.loads(done.stdout)
    [lockb] = [file for file in report["files"] if file["path"] == "bun.lockb"]
    [diagnostic] = lockb["diagnostics"]
    assert (diagnostic["code"], diagnostic["severity"]) == ("FAC004", "warning")
    assert diagnostic["message"].startswith("binary lockfile: its versions cannot be read; ")
    assert "bun install --save-text-lockfile" in diagnostic["message"]
    [project] = report["projects"]
    assert project["packages"]["convex"] == {"version": "^1.27.0", "source": "package.json"}
