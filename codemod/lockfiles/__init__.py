"""Lockfiles: which one applies to a project, and the versions it resolved.

One module a format. Each exposes `read_versions(path, names, importer) -> {name: version}`:
the version that `node_modules/<name>` would hold for the project at `importer` (its folder
relative to the lockfile's folder, "" for the lockfile's own project). To support a new format,
add its module and a line to READERS.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from collections.abc import Iterable, Sequence

from codemod.errors import InputError

# File name -> reader module, in order of preference within one folder
# (npm uses npm-shrinkwrap.json instead of package-lock.json when both exist).
READERS = {
    "npm-shrinkwrap.json": "npm",
    "package-lock.json": "npm",
}


def find_nearest(folders: Iterable[Path]) -> Path | None:
    """The first lockfile in `folders` (nearest first); in one folder, READERS order wins."""
    for folder in folders:
        for name in READERS:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def read_versions(lockfile: Path, names: Sequence[str], importer: str = "") -> dict[str, str]:
    """Resolved versions of `names` in `lockfile`; packages it does not list are left out."""
    # Readers are imported on demand: a project only ever needs one of them.
    reader = importlib.import_module(f"{__name__}.{READERS[lockfile.name]}")
    return reader.read_versions(lockfile, names, importer)


def read_json(path: Path) -> object:
    """The parsed JSON in `path`; InputError if it cannot be read or parsed."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # npm tolerates a BOM, so do we
    except UnicodeDecodeError as error:
        raise InputError(path, f"not valid JSON: not UTF-8 text ({error.reason})") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})") from None
