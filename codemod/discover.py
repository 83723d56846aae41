"""Find the Convex projects that the command-line PATHs point at.

A Convex project is a folder with a package.json and a functions folder: `convex/`, or the folder
that convex.json's "functions" names. Its auth config is `auth.config.ts` or `.js` directly in the
functions folder; Convex reads no other name (facts/convex-auth-config.md §1).
"""

from __future__ import annotations

from typing import NamedTuple

import json
import os
from pathlib import Path
from collections.abc import Iterator, Sequence

from codemod.errors import InputError

CONFIG_NAMES = ("auth.config.ts", "auth.config.js")
# Convex's bundler only looks for .ts and .js; a config under these names is silently unused.
IGNORED_CONFIG_NAMES = ("auth.config.mjs", "auth.config.cjs")
# Folders that never hold a project of the user's own: dependencies, VCS data, build output.
PRUNED_FOLDERS = frozenset({"node_modules", "dist", "build", ".git", ".next", ".output", ".vercel", ".convex"})


class Project(NamedTuple):
    root: Path  # the folder holding package.json (absolute)
    functions_dir: Path  # root/"convex", or root/<convex.json "functions">
    config: Path | None  # functions_dir/auth.config.ts or .js; the .ts one when both exist
    ignored_configs: tuple[Path, ...]  # auth.config.mjs / .cjs: present but never read by Convex
    conflict: tuple[Path, Path] | None  # (ts, js) when both exist: Convex refuses to push


def find_projects(paths: Sequence[Path]) -> list[Project]:
    """The projects the PATHs name, each once, sorted by root.

    A file counts when it is an auth config name directly in a project's functions folder (what
    pre-commit passes); other files are ignored. A folder counts as the project it is the root of,
    the project whose functions folder it is in, or else every project found below it.
    Raises InputError for a PATH that does not exist or a convex.json that is not valid.
    """
    finder = _Finder()
    found: dict[Path, Project] = {}
    for path in paths:
        for project in finder.projects_for(Path(path)):
            found.setdefault(_identity(project.root), project)
    return sorted(found.values(), key=lambda project: project.root)


class _Finder:
    """Holds what one find_projects call has already read, so each convex.json is read once."""

    def __init__(self) -> None:
        self._functions_dirs: dict[Path, Path | None] = {}

    def projects_for(self, path: Path) -> Iterator[Project]:
        if not os.path.lexists(path):
            raise InputError(path, "no such file or directory")
        path = Path(os.path.abspath(path))
        if path.is_dir():
            yield from self._projects_for_folder(path)
        elif path.name in CONFIG_NAMES + IGNORED_CONFIG_NAMES:
            project = self._project_with_functions_dir(path.parent, inside=False)
            if project is not None:
                yield project

    def _projects_for_folder(self, folder: Path) -> Iterator[Project]:
        project = self._project_at(folder)
        if project is None:
            project = self._project_with_functions_dir(folder, inside=True)
        if project is not None:
            yield project
        else:
            yield from self._projects_below(folder)

    def _project_with_functions_dir(self, folder: Path, *, inside: bool) -> Project | None:
        """The nearest project up the tree whose functions folder is `folder` (or holds it)."""
        for candidate in (folder, *folder.parents):
            functions_dir = self._functions_dir(candidate)
            if functions_dir is None:
                continue
            if _same(functions_dir, folder) or (inside and _is_within(folder, functions_dir)):
                return _project(candidate, functions_dir)
        return None

    def _projects_below(self, top: Path) -> Iterator[Project]:
        # Symlinked folders are not followed: they lead out of the tree or into loops.
        pending = [top]
        while pending:
            folder = pending.pop()
            if folder != top:
                project = self._project_at(folder)
                if project is not None:
                    yield project
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue  # unreadable folders below a PATH are not the user's request
            pending.extend(
                Path(entry.path)
                for entry in sorted(entries, key=lambda entry: entry.name, reverse=True)
                if entry.is_dir(follow_symlinks=False) and not _pruned(entry.name)
            )

    def _project_at(self, folder: Path) -> Project | None:
        functions_dir = self._functions_dir(folder)
        return None if functions_dir is None else _project(folder, functions_dir)

    def _functions_dir(self, root: Path) -> Path | None:
        """root's functions folder if root is a project root, else None."""
        if root not in self._functions_dirs:
            functions_dir = None
            if (root / "package.json").is_file():
                functions_dir = Path(os.path.normpath(root / _functions_setting(root)))
                if not functions_dir.is_dir():
                    functions_dir = None
            self._functions_dirs[root] = functions_dir
        return self._functions_dirs[root]


def _functions_setting(root: Path) -> str:
    """convex.json's "functions" (relative to root), or Convex's default "convex"."""
    convex_json = root / "convex.json"
    if not convex_json.is_file():
        return "convex"
    try:
        settings = json.loads(convex_json.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise InputError(convex_json, f"cannot read: {error.strerror or error}") from None
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise InputError(convex_json, f"not valid JSON: {_short(error)}") from None
    if not isinstance(settings, dict):
        raise InputError(convex_json, "not valid: expected a JSON object")
    functions = settings.get("functions", "convex")
    if not isinstance(functions, str) or not functions.strip():
        raise InputError(convex_json, '"functions" must be a folder path (a string)')
    return functions


def _project(root: Path, functions_dir: Path) -> Project:
    present = {name: functions_dir / name for name in CONFIG_NAMES + IGNORED_CONFIG_NAMES}
    present = {name: path for name, path in present.items() if path.is_file()}
    ts, js = (present.get(name) for name in CONFIG_NAMES)
    return Project(
        root=root,
        functions_dir=functions_dir,
        config=ts or js,
        ignored_configs=tuple(present[name] for name in IGNORED_CONFIG_NAMES if name in present),
        conflict=(ts, js) if ts and js else None,
    )


def _pruned(name: str) -> bool:
    return name.startswith(".") or name in PRUNED_FOLDERS


def _identity(path: Path) -> Path:
    # Two spellings of one folder (a symlink, "a/../b") are one project.
    return path.resolve()


def _same(a: Path, b: Path) -> bool:
    return a == b or _identity(a) == _identity(b)


def _is_within(path: Path, folder: Path) -> bool:
    return _identity(folder) in _identity(path).parents


def _short(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (line {error.lineno}, column {error.colno})"
    return str(error)
