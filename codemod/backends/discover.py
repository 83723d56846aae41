"""Find the Python and JS/TS files under the PATHs that verify WorkOS tokens themselves.

Below a folder: a walk that prunes dependencies, virtual environments (a folder with pyvenv.cfg),
VCS data and build output, and reads each source file's bytes through a cheap prefilter: an import
of a verifier library (PyJWT's or python-jose's `jwt`, `jose`, `authlib.jose`; "jose",
"jsonwebtoken") AND a tie to WorkOS (`api.workos.com`, a `/sso/jwks/` JWKS path on any host,
`WORKOS_CLIENT_ID`). The analysers then find the verify calls themselves. Inside a git
work tree the files that pass are then given to `git check-ignore`, so .gitignore is respected:
the same files `git ls-files --cached --others --exclude-standard` would list, without a git
process on the common path (no verifier found), which costs a run a few ms at start-up
(bench/startup.py). A file named on the command line (pre-commit passes files) is a candidate
itself, ignored or not.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PYTHON_SUFFIXES = (".py",)
JS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
SUFFIXES = PYTHON_SUFFIXES + JS_SUFFIXES
MAX_BYTES = 512 * 1024  # a hand-written verifier is a few KiB; bundles and generated code are skipped
# Folders that hold no hand-written verifier: dependencies, virtual environments, build output.
PRUNED = frozenset({"node_modules", "site-packages", "__pycache__", "dist", "build", "out", "coverage",
                    "venv", "env", "vendor", "third_party", "bower_components"})

# An import of a verifier library: PyJWT, python-jose (`jwt`, `jose`), authlib.jose; jose, jsonwebtoken.
_LIBRARY = (rb"^[ \t]*(?:from[ \t]+(?:jwt|jose|authlib\.jose)\b|import[ \t][^\n]*\b(?:jwt|jose)\b)"
            rb"|['\"](?:jose|jsonwebtoken)['\"]")
_WORKOS = rb"api\.workos(?:-test)?\.com|/sso/jwks/|WORKOS_CLIENT_ID"


def looks_like_verifier(data: bytes) -> bool:
    if b"\0" in data[:1024] or (b"workos" not in data and b"WORKOS" not in data and b"/sso/jwks/" not in data):
        return False  # most files: no regex at all
    return re.search(_WORKOS, data) is not None and re.search(_LIBRARY, data, re.MULTILINE) is not None


def is_declaration(name: str) -> bool:
    return name.endswith((".d.ts", ".d.mts", ".d.cts", ".min.js"))


class Search:
    """One search over the PATHs; `files()` returns the verifier files, sorted."""

    def __init__(self, paths) -> None:
        self.paths = [Path(os.path.abspath(path)) for path in paths]
        self.warnings: list[tuple[Path, str]] = []

    def files(self) -> list[tuple[Path, Path]]:
        """(file, the folder it was found under: writes may not leave it)."""
        found: dict[Path, tuple[Path, Path]] = {}
        for path in self.paths:
            if path.is_file():
                if path.name.endswith(SUFFIXES) and _passes(path):
                    found.setdefault(path.resolve(), (path, path.parent))
            elif path.is_dir():
                below = [p for p in self._walk(path) if _passes(p)]
                for p in _not_ignored(path, below):
                    found.setdefault(p.resolve(), (p, path))
        return sorted(found.values())

    def _walk(self, top: Path) -> list[Path]:
        # Symlinked folders are not followed: they lead out of the tree or into loops.
        found, pending = [], [top]
        while pending:
            folder = pending.pop()
            try:
                with os.scandir(folder) as scan:
                    entries = list(scan)
            except OSError as error:
                self.warnings.append((folder, f"not searched for verifiers: {error.strerror or error}"))
                continue
            if any(entry.name == "pyvenv.cfg" for entry in entries):
                continue  # a virtual environment: installed libraries, not the app's code
            for entry in entries:
                if entry.name.endswith(SUFFIXES) and not is_declaration(entry.name):
                    if entry.is_file():
                        found.append(Path(entry.path))
                elif not entry.name.startswith(".") and entry.name not in PRUNED and entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
        return found


def _passes(path: Path) -> bool:
    try:
        if path.stat().st_size > MAX_BYTES:
            return False
        with open(path, "rb") as handle:
            return looks_like_verifier(handle.read())
    except OSError:
        return False


def _not_ignored(top: Path, files: list[Path]) -> list[Path]:
    """The files git would list (tracked, or untracked and not ignored); all of them outside git."""
    if not files or not any(os.path.lexists(folder / ".git") for folder in (top, *top.parents)):
        return files
    import subprocess

    names = "\0".join(os.path.relpath(f, top) for f in files) + "\0"
    try:
        done = subprocess.run(["git", "-C", str(top), "check-ignore", "-z", "--stdin"], input=os.fsencode(names),
                              capture_output=True, check=False)
    except OSError:  # no git
        return files
    if done.returncode not in (0, 1):  # not a work tree after all, a path in a submodule, …
        return files
    ignored = {os.path.normpath(top / name) for name in os.fsdecode(done.stdout).split("\0") if name}
    return [f for f in files if os.path.normpath(f) not in ignored]
