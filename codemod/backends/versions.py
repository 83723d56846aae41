"""Installed versions of the verifier libraries, and where each was read.

Python: PyJWT, python-jose, authlib from the nearest folder (the file's own, then up to the git work
tree's top) that holds any of poetry.lock, uv.lock, Pipfile.lock or requirements*.txt. A lockfile
gives the resolved version; a requirements file only an exact pin (`==`): a range says nothing
about what is installed. JS: jose and jsonwebtoken through codemod.versions (node_modules, then the
JS lockfiles, then package.json's range).

One small reader a format; names are compared in PEP 503 form (PyJWT, pyjwt and py_jwt are one).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from codemod.versions import Installed

PYTHON_PACKAGES = ("pyjwt", "python-jose", "authlib")
JS_PACKAGES = ("jose", "jsonwebtoken")
LOCKFILES = ("poetry.lock", "uv.lock", "Pipfile.lock")  # preferred in this order over requirements files


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def python_versions(file: Path, names=PYTHON_PACKAGES) -> dict[str, Installed]:
    for folder in _folders_up(Path(os.path.abspath(file)).parent):
        found = _read_folder(folder, names)
        if found is not None:
            return found
    return {}


def js_versions(file: Path, names=JS_PACKAGES) -> dict[str, Installed]:
    from codemod.errors import InputError
    from codemod.versions import installed_versions

    for folder in _folders_up(Path(os.path.abspath(file)).parent):
        if (folder / "package.json").is_file():
            try:
                return dict(installed_versions(folder, names))
            except InputError:  # an unreadable manifest or lockfile: the versions stay unknown
                return {}
    return {}


def _folders_up(start: Path) -> list[Path]:
    folders = []
    for folder in (start, *start.parents):
        folders.append(folder)
        if os.path.lexists(folder / ".git"):
            break
    return folders


def _read_folder(folder: Path, names) -> dict[str, Installed] | None:
    """The versions one folder's files give, or None when it has none of the files."""
    try:
        entries = sorted(os.listdir(folder))
    except OSError:
        return None
    requirements = [e for e in entries if re.fullmatch(r"requirements.*\.txt", e)]
    lockfiles = [e for e in LOCKFILES if e in entries]
    if not requirements and not lockfiles:
        return None
    found: dict[str, Installed] = {}
    for name in lockfiles + requirements:
        path = folder / name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        reader = READERS.get(name, read_requirements)
        for package, version in reader(text).items():
            package = canonical(package)
            if package in names and package not in found:
                found[package] = Installed(version, name, path)
    return found


def read_requirements(text: str) -> dict[str, str]:
    """`name[extras]==version` lines (pip's exact pins); comments, options and ranges skipped."""
    found = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([0-9][^\s;,]*)\s*(?:;.*)?$", line)
        if match:
            found.setdefault(match.group(1), match.group(2))
    return found


def read_toml_packages(text: str) -> dict[str, str]:
    """poetry.lock and uv.lock: each `[[package]]` table's name and version (the first keys of it)."""
    found = {}
    for block in re.split(r"^\[\[package\]\]\s*$", text, flags=re.MULTILINE)[1:]:
        table = re.split(r"^\[", block, maxsplit=1, flags=re.MULTILINE)[0]
        name = re.search(r'^name\s*=\s*"([^"]+)"', table, re.MULTILINE)
        version = re.search(r'^version\s*=\s*"([^"]+)"', table, re.MULTILINE)
        if name and version:
            found.setdefault(name.group(1), version.group(1))
    return found


def read_pipfile_lock(text: str) -> dict[str, str]:
    """Pipfile.lock: {"default": {name: {"version": "==X"}}, "develop": {...}}."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    found = {}
    for section in ("default", "develop"):
        packages = data.get(section) if isinstance(data, dict) else None
        for name, info in (packages or {}).items():
            version = info.get("version") if isinstance(info, dict) else None
            if isinstance(version, str) and version.startswith("=="):
                found.setdefault(name, version[2:])
    return found


READERS = {"poetry.lock": read_toml_packages, "uv.lock": read_toml_packages, "Pipfile.lock": read_pipfile_lock}
