"""npm's package-lock.json and npm-shrinkwrap.json (lockfileVersion 1, 2 and 3).

v2/v3 key `packages` by install path: the copy Node loads for a project is the first of
`<importer>/node_modules/<name>`, then each parent folder's, ending at `node_modules/<name>`.
Any other key holding the name is a nested copy for some dependency. Keys without a
`node_modules/` part are the root ("") and the workspaces. v1 (npm 6) has no `packages`, only a
`dependencies` tree whose top level is the root `node_modules`; npm 6 has no workspaces.
Source: facts/lockfiles.md §1. `resolved` URLs may be absent, so they are not used.

The whole file is parsed with json: the C parser is as fast as reading it any other way, and a
corrupt file is always noticed.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Mapping, Sequence

from codemod.errors import InputError
from codemod.lockfiles import read_json


def load(path: Path, names: Sequence[str]) -> NpmLock:
    lock = read_json(path)
    if not isinstance(lock, dict):
        raise InputError(path, "not a package lock: expected a JSON object")
    packages = lock.get("packages")
    if not isinstance(packages, dict):  # v1
        dependencies = lock.get("dependencies")
        packages = {}
        if isinstance(dependencies, dict):
            packages = {f"node_modules/{name}": dependencies.get(name) for name in names}
    return NpmLock(packages, names)


class NpmLock:
    def __init__(self, packages: dict, names: Sequence[str]) -> None:
        self._packages = packages
        self._names = names
        # Keys without a node_modules/ part: "" (the root) and the workspaces.
        self.importers = frozenset(key for key in packages if "node_modules/" not in key) | {""}

    def versions(self, importer: str = "", declared: Mapping[str, str] | None = None) -> dict[str, str]:
        found = {}
        prefixes = _install_prefixes(importer)
        for name in self._names:
            for prefix in prefixes:  # nearest first: the first copy found is the one Node loads
                version = _version(self._packages.get(f"{prefix}node_modules/{name}"))
                if version:
                    found[name] = version
                    break
        return found


def _install_prefixes(importer: str) -> list[str]:
    """Where Node looks for node_modules from `importer`, nearest first: "apps/web/", "apps/", ""."""
    parts = [part for part in importer.replace("\\", "/").split("/") if part not in ("", ".")]
    return ["/".join(parts[:end]) + "/" for end in range(len(parts), 0, -1)] + [""]


def _version(entry: object) -> str | None:
    # Workspace links ({"link": true}) are not installed copies. v1 writes "file:…", "git+…" or
    # "npm:other@1.2.3" (an alias: another package) as the version of such dependencies.
    if not isinstance(entry, dict) or entry.get("link"):
        return None
    version = entry.get("version")
    return version if isinstance(version, str) and ":" not in version else None
