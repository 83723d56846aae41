"""Lockfiles: which one applies to a project, and the versions it resolved.

One module a format. Each exposes `load(path, names) -> lock`, reading only what it needs for
`names`, where the lock has:
- `importers`: the projects it covers, as folders relative to the lockfile's folder ("" for its own
  project), or None when the format does not record them (yarn v1);
- `versions(importer, declared) -> {name: version}`: the version that `node_modules/<name>` would
  hold for the project at `importer`, given the ranges its package.json declares (`declared`,
  name -> range; only yarn.lock needs them).
To support a new format, add its module and a line to READERS.
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from collections.abc import Iterable, Mapping, Sequence

from codemod.errors import InputError

# File name -> reader module, in order of preference within one folder: npm uses
# npm-shrinkwrap.json instead of package-lock.json when both exist, and bun uses bun.lock
# instead of bun.lockb.
READERS = {
    "npm-shrinkwrap.json": "npm",
    "package-lock.json": "npm",
    "pnpm-lock.yaml": "pnpm",
    "yarn.lock": "yarn",
    "bun.lock": "bun",
    "bun.lockb": "bun",
}
# package.json "packageManager" ("pnpm@9.1.0+sha…") -> its lockfiles, for a folder holding several.
_MANAGER_LOCKFILES = {
    "npm": ("npm-shrinkwrap.json", "package-lock.json"),
    "pnpm": ("pnpm-lock.yaml",),
    "yarn": ("yarn.lock",),
    "bun": ("bun.lock", "bun.lockb"),
}


class Unreadable(Exception):
    """A lockfile in a format this tool cannot read (bun.lockb): not an error, a fallback."""

    def __init__(self, path: Path, reason: str, hint: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason, self.hint = path, reason, hint


def find_nearest(folders: Iterable[Path]) -> Path | None:
    """The first lockfile in `folders` (nearest first).

    In a folder holding several (a half-done switch of package manager), the one of the manager
    that package.json's "packageManager" names, else READERS order.
    """
    for folder in folders:
        present = [name for name in READERS if os.path.isfile(folder / name)]
        if len(present) > 1:
            preferred = _MANAGER_LOCKFILES.get(_package_manager(folder / "package.json"), ())
            present = [name for name in present if name in preferred] or present
        if present:
            return folder / present[0]
    return None


def load(lockfile: Path, names: Sequence[str]):
    """The lock in `lockfile`, read for `names`; read again only if the file changed.

    A workspace's projects share their root's lockfile: reading a large one once per project
    would dominate a run over a monorepo.
    Raises InputError if the file cannot be read or parsed, Unreadable for a binary format.
    """
    try:
        stat = os.stat(lockfile)
    except OSError as error:
        raise InputError(lockfile, f"cannot read: {error.strerror or error}") from None
    key = (str(lockfile), tuple(names), stat.st_mtime_ns, stat.st_size, stat.st_ino)
    if key not in _cache:
        # Readers are imported on demand: a project only ever needs one of them.
        reader = importlib.import_module(f"{__name__}.{READERS[lockfile.name]}")
        if len(_cache) >= 8:
            _cache.clear()
        _cache[key] = reader.load(lockfile, names)
    return _cache[key]


_cache: dict[tuple, object] = {}


def read_versions(
    lockfile: Path, names: Sequence[str], importer: str = "", declared: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Resolved versions of `names` in `lockfile` for `importer`; packages it does not list are left out."""
    return load(lockfile, names).versions(importer, declared or {})


def read_json(path: Path) -> object:
    """The parsed JSON in `path`; InputError if it cannot be read or parsed."""
    return parse_json(path, read_text(path))


def read_text(path: Path) -> str:
    """The text of `path` (a BOM dropped, as the package managers do); InputError if unreadable."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, f"not valid {_kind(path)}: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None


def parse_json(path: Path, text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})") from None


def _kind(path: Path) -> str:
    if path.suffix == ".json" or path.name == "bun.lock":
        return "JSON"
    return "YAML" if path.suffix == ".yaml" else "text"


def _package_manager(package_json: Path) -> str | None:
    try:
        manifest = json.loads(package_json.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    spec = manifest.get("packageManager") if isinstance(manifest, dict) else None
    return spec.split("@", 1)[0] if isinstance(spec, str) else None


def conflict_markers(path: Path, text: str) -> None:
    """InputError for a lockfile left with git merge conflict markers (a common way they break)."""
    at = text.find("\n<<<<<<< ")  # a conflict always has this opening line: one scan is enough
    if at >= 0 or text.startswith("<<<<<<< "):
        line = text.count("\n", 0, at + 1) + 1 if at >= 0 else 1
        raise InputError(path, f"not valid: merge conflict marker at line {line}")
