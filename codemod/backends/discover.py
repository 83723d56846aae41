"""Find the Python and JS/TS files under the PATHs that verify WorkOS tokens themselves.

Inside a git work tree the candidates come from `git ls-files --cached --others --exclude-standard`
(so .gitignore is respected and node_modules is never listed); elsewhere from a walk that prunes
dependencies, virtual environments, VCS data and build output. A file named on the command line
(pre-commit passes files) is a candidate itself.

A cheap byte prefilter decides before any parsing: a verify call (`jwt.decode`, `jwtVerify`,
`.verify(`, authlib's `claims_options` / `JsonWebToken`) AND a tie to WorkOS (`api.workos.com`, a
`/sso/jwks/` JWKS path on any host, `WORKOS_CLIENT_ID`). The git listing starts in the background
when the search is created, so it runs while the Convex configs are checked.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

PYTHON_SUFFIXES = (".py",)
JS_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
SUFFIXES = PYTHON_SUFFIXES + JS_SUFFIXES
MAX_BYTES = 512 * 1024  # a hand-written verifier is a few KiB; bundles and generated code are skipped
# Folders that hold no hand-written verifier: dependencies, build output. The walk (outside git)
# also skips what .gitignore files usually list; git's own listing already leaves those out.
PRUNED_LISTED = frozenset({"node_modules", "site-packages", "dist", "build", "__pycache__"})
PRUNED = PRUNED_LISTED | {"out", "coverage", "venv", "env", "vendor", "third_party", "bower_components"}

_VERIFY = re.compile(rb"\bjwt\.decode\s*\(|\bdecode\s*\(|\bjwtVerify\s*\(|\.verify\s*\(|\bverify\s*\(|claims_options"
                     rb"|JsonWebToken\s*\(")
_WORKOS = re.compile(rb"api\.workos(?:-test)?\.com|/sso/jwks/|WORKOS_CLIENT_ID")


def looks_like_verifier(data: bytes) -> bool:
    return b"\0" not in data[:1024] and _WORKOS.search(data) is not None and _VERIFY.search(data) is not None


def is_declaration(path: str) -> bool:
    return path.endswith((".d.ts", ".d.mts", ".d.cts", ".min.js"))


class Search:
    """One search over the PATHs; `files()` waits for it and returns the verifier files, sorted."""

    def __init__(self, paths) -> None:
        self.warnings: list[tuple[Path, str]] = []
        self._named: list[Path] = []
        self._pending: list[tuple[Path, subprocess.Popen | None]] = []
        for path in paths:
            path = Path(os.path.abspath(path))
            if path.is_file():
                self._named.append(path)
            elif path.is_dir():
                self._pending.append((path, _start_listing(path)))

    def files(self) -> list[tuple[Path, Path]]:
        """(file, the folder it was found under: writes may not leave it), sorted by file."""
        candidates = [(p, p.parent) for p in self._named if p.name.endswith(SUFFIXES)]
        for folder, process in self._pending:
            listed = _finish_listing(process)
            found_below = self._walk(folder) if listed is None else _from_listing(folder, listed)
            candidates.extend((path, folder) for path in found_below)
        found: dict[Path, tuple[Path, Path]] = {}
        for path, root in candidates:
            if is_declaration(path.name):
                continue
            try:
                if path.stat().st_size > MAX_BYTES:
                    continue
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:
                continue
            if looks_like_verifier(data):
                found.setdefault(path.resolve(), (path, root))
        return sorted(found.values())

    def _walk(self, top: Path) -> list[Path]:
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
                if entry.is_dir(follow_symlinks=False):
                    if not _pruned(entry.name):
                        pending.append(Path(entry.path))
                elif entry.name.endswith(SUFFIXES):
                    found.append(Path(entry.path))
        return found


def _pruned(name: str, pruned=PRUNED) -> bool:
    return name.startswith(".") or name in pruned


def _in_git_work_tree(folder: Path) -> bool:
    return any(os.path.lexists(parent / ".git") for parent in (folder, *folder.parents))


def _start_listing(folder: Path) -> subprocess.Popen | None:
    if not _in_git_work_tree(folder):
        return None
    try:
        return subprocess.Popen(["git", "-C", str(folder), "ls-files", "-z", "--cached", "--others",
                                 "--exclude-standard"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
    except OSError:  # no git
        return None


def _finish_listing(process: subprocess.Popen | None) -> list[str] | None:
    if process is None:
        return None
    out, _ = process.communicate()
    if process.returncode != 0:
        return None
    return [name for name in os.fsdecode(out).split("\0") if name]


def _from_listing(top: Path, names: list[str]) -> list[Path]:
    venvs = {name.rpartition("/")[0] + "/" for name in names if name.endswith("pyvenv.cfg")}
    found = []
    for name in names:
        if not name.endswith(SUFFIXES):
            continue
        folder = name.rpartition("/")[0]
        if any(_pruned(part, PRUNED_LISTED) for part in folder.split("/") if part):
            continue
        if venvs and any(name.startswith(v) for v in venvs):
            continue
        found.append(top / name)
    return found
