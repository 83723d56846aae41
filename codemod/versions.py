"""Which versions of the packages the rules care about a project has, and where that was read.

Best evidence first: the installed copy Node would load (`node_modules/<name>/package.json`,
nearest folder up the tree), then the nearest lockfile, then the range package.json declares.
"""

from __future__ import annotations

from typing import NamedTuple

import os
from pathlib import Path
from collections.abc import Sequence

from codemod import lockfiles
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


def installed_versions(project_root: Path, names: Sequence[str] = PACKAGES) -> dict[str, Installed]:
    """The packages among `names` that the project has, in `names` order; absent ones left out.

    Raises InputError when the lockfile or the project's package.json it needs is unreadable.
    """
    root = Path(os.path.abspath(project_root))
    folders = _folders_up_to_work_tree(root)
    found = {name: installed for name in names if (installed := _from_node_modules(folders, name))}

    missing = [name for name in names if name not in found]
    if missing:
        lockfile = lockfiles.find_nearest(folders)
        if lockfile is not None:
            importer = root.relative_to(lockfile.parent).as_posix()
            for name, version in lockfiles.read_versions(lockfile, missing, importer).items():
                found[name] = Installed(version, lockfile.name, lockfile)

    missing = [name for name in names if name not in found]
    if missing:
        found.update(_declared_ranges(root / "package.json", missing))
    return {name: found[name] for name in names if name in found}


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


def _declared_ranges(package_json: Path, names: Sequence[str]) -> dict[str, Installed]:
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
                found[name] = Installed(declared[name], "package.json", package_json)
                break
    return found
