"""Which versions of the packages the rules care about a project has, and where that was read.

Best evidence first: the installed copy Node would load (`node_modules/<name>/package.json`,
nearest folder up the tree), then the nearest lockfile, then the range package.json declares.
"""

from __future__ import annotations

from typing import NamedTuple

import os
from pathlib import Path
from collections.abc import Sequence

from codemod import lockfiles, semver
from codemod.errors import InputError

PACKAGES = (
    "@workos/authkit-tanstack-react-start",
    "@workos-inc/authkit-nextjs",
    "@workos-inc/authkit-react",
    "@workos-inc/authkit-js",
    "@workos-inc/authkit-remix",
    "@workos-inc/authkit-react-router",
    "@workos-inc/node",
    "@convex-dev/workos",
    "@convex-dev/workos-authkit",
    "convex",
)
DEPENDENCY_FIELDS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")


class Installed(NamedTuple):
    version: str  # the resolved version; for source "package.json" the declared range as written
    source: str  # "node_modules", the lockfile's name ("package-lock.json", ...) or "package.json"
    path: Path  # the file it was read from

    @property
    def is_range(self) -> bool:
        """True when only the declared range is known (semver.min_version gives its floor)."""
        return self.source == "package.json"


class Versions(dict):
    """name -> Installed, the best evidence for each package, plus what the user should hear about.

    `warnings`: (path, message) for a lockfile that could not be read (bun.lockb) when it was
    needed. `disagreements`: (path, message) where node_modules, the lockfile and package.json's
    range do not agree about a package (a stale install or lockfile).
    """

    def __init__(self, found=(), warnings=(), disagreements=()) -> None:
        super().__init__(found)
        self.warnings: tuple[tuple[Path, str], ...] = tuple(warnings)
        self.disagreements: tuple[tuple[Path, str], ...] = tuple(disagreements)


def installed_versions(project_root: Path, names: Sequence[str] = PACKAGES) -> Versions:
    """The packages among `names` that the project has, in `names` order; absent ones left out.

    Each from the best source that has it: node_modules, then the lockfile that covers the
    project (the nearest one up the tree, if the project is its root or one of its workspaces),
    then package.json's range. Every source is read, so that disagreements can be reported.
    Raises InputError when the lockfile or the project's package.json is unreadable.
    """
    root = Path(os.path.abspath(project_root))
    folders = _folders_up_to_work_tree(root)
    package_json = root / "package.json"
    declared = _declared_ranges(package_json, names)
    installed = {name: found for name in names if (found := _from_node_modules(folders, name))}

    locked: dict[str, str] = {}
    warnings = []
    lockfile = lockfiles.find_nearest(folders)
    if lockfile is not None:
        importer = root.relative_to(lockfile.parent).as_posix()
        importer = "" if importer == "." else importer
        try:
            lock = lockfiles.load(lockfile, names)
        except lockfiles.Unreadable as unreadable:
            if any(name in declared and name not in installed for name in names):
                warnings.append((lockfile, f"{unreadable.reason}; versions taken from package.json ranges "
                                           f"instead. To let them be read: {unreadable.hint}"))
        else:
            if _covers(lock, lockfile.parent, importer):
                locked = lock.versions(importer, declared)

    found = {}
    for name in names:
        if name in installed:
            found[name] = installed[name]
        elif name in locked:
            found[name] = Installed(locked[name], lockfile.name, lockfile)
        elif name in declared:
            found[name] = Installed(declared[name], "package.json", package_json)
    disagreements = [
        (package_json, message)
        for name in names
        if (message := _disagreement(name, installed.get(name), locked.get(name), lockfile, declared.get(name)))
    ]
    return Versions(found, warnings, disagreements)


def _covers(lock, lock_folder: Path, importer: str) -> bool:
    """Whether the lockfile resolved the project at `importer` (its root, or one of its workspaces)."""
    if importer == "":
        return True
    if lock.importers is not None:
        return importer in lock.importers
    from codemod.discover import is_workspace_member, workspace_globs  # yarn v1 records no workspaces

    return is_workspace_member(importer, workspace_globs(lock_folder))


def _disagreement(name: str, installed: Installed | None, locked: str | None, lockfile: Path | None,
                  declared: str | None) -> str | None:
    declared = declared if declared is not None and _is_semver_range(declared) else None
    if installed and locked and installed.version != locked:
        return (f"{name} {installed.version} is installed ({_relative(installed.path)}) but {lockfile.name} "
                f"locks {locked}; the installed one was used: install again to match the lockfile")
    if locked and declared and not semver.satisfies(locked, declared, include_prerelease=True):
        return (f"{lockfile.name} locks {name} {locked}, outside the range {declared} in package.json; "
                f"the locked one was used: the lockfile is out of date")
    if installed and declared and not locked and not semver.satisfies(installed.version, declared,
                                                                      include_prerelease=True):
        return (f"{name} {installed.version} is installed ({_relative(installed.path)}), outside the range "
                f"{declared} in package.json; the installed one was used")
    return None


def _is_semver_range(range_: str) -> bool:
    """False for what npm resolves some other way: tags, workspace:, npm: aliases, git, paths, URLs."""
    try:
        semver._parse_range(range_)  # the one parser npm's ranges have here
    except (ValueError, TypeError):
        return False
    return True


def _relative(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _folders_up_to_work_tree(root: Path) -> list[Path]:
    """root and its parents, stopping at the git work tree's top (or the filesystem root).

    Node resolution keeps walking past it, but a node_modules or lockfile outside the repo
    belongs to some other project.
    """
    folders = []
    for folder in (root, *root.parents):
        folders.append(folder)
        if os.path.lexists(folder / ".git"):  # a folder, or a file in worktrees and submodules
            break
    return folders


def _from_node_modules(folders: list[Path], name: str) -> Installed | None:
    for folder in folders:
        manifest = folder / "node_modules" / name / "package.json"
        if manifest.parent.is_dir():
            # Node loads the nearest copy, so a broken one is not replaced by one further up;
            # node_modules is not the user's file, so it is not an error either: fall back.
            version = _installed_version(manifest)
            return Installed(version, "node_modules", manifest) if version else None
    return None


def _installed_version(manifest: Path) -> str | None:
    try:
        data = lockfiles.read_json(manifest)
    except InputError:
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) and version.strip() else None


def _declared_ranges(package_json: Path, names: Sequence[str]) -> dict[str, str]:
    """name -> range as package.json declares it (the first of DEPENDENCY_FIELDS that has it)."""
    if not package_json.is_file():
        return {}
    manifest = lockfiles.read_json(package_json)
    if not isinstance(manifest, dict):
        raise InputError(package_json, "not a package.json: expected a JSON object")
    found = {}
    for name in names:
        for field in DEPENDENCY_FIELDS:
            declared = manifest.get(field)
            if isinstance(declared, dict) and isinstance(declared.get(name), str):
                found[name] = declared[name]
                break
    return found
