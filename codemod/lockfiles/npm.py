"""npm's package-lock.json and npm-shrinkwrap.json (lockfileVersion 1, 2 and 3).

v2/v3 key `packages` by install path: the copy Node loads for a project is the first of
`<importer>/node_modules/<name>`, then each parent folder's, ending at `node_modules/<name>`.
Any other key holding the name is a nested copy for some dependency. v1 (npm 6) has no
`packages`, only a `dependencies` tree whose top level is the root `node_modules`; npm 6 has no
workspaces. Source: facts/lockfiles.md §1. `resolved` URLs may be absent, so they are not used.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from collections.abc import Sequence

from codemod.errors import InputError
from codemod.lockfiles import read_json


def read_versions(path: Path, names: Sequence[str], importer: str = "") -> dict[str, str]:
    lock = read_json(path)
    if not isinstance(lock, dict):
        raise InputError(path, "not a package lock: expected a JSON object")
    packages = lock.get("packages")
    if isinstance(packages, dict):
        found = _from_packages(packages, names, importer)
    else:
        found = _from_dependencies(lock.get("dependencies"), names)
    return found


def _from_packages(packages: dict, names: Sequence[str], importer: str) -> dict[str, str]:
    prefixes = _install_prefixes(importer)
    found = {}
    for name in names:
        for prefix in prefixes:
            version = _version(packages.get(f"{prefix}node_modules/{name}"))
            if version:
                found[name] = version
                break
    return found


def _install_prefixes(importer: str) -> list[str]:
    """Where Node looks for node_modules from `importer`, nearest first: "apps/web/", "apps/", ""."""
    parts = [part for part in importer.replace("\\", "/").split("/") if part not in ("", ".")]
    return ["/".join(parts[:end]) + "/" for end in range(len(parts), 0, -1)] + [""]


def _from_dependencies(dependencies: object, names: Sequence[str]) -> dict[str, str]:
    if not isinstance(dependencies, dict):
        return {}
    found = {}
    for name in names:
        version = _version(dependencies.get(name))
        if version:
            found[name] = version
    return found


def _version(entry: object) -> str | None:
    # Workspace links ({"link": true}) are not installed copies. v1 writes "file:…", "git+…" or
    # "npm:other@1.2.3" (an alias: another package) as the version of such dependencies.
    if not isinstance(entry, dict) or entry.get("link"):
        return None
    version = entry.get("version")
    return version if isinstance(version, str) and ":" not in version else None
