"""Find the Convex projects that the command-line PATHs point at.

A Convex project is a folder with a package.json and a functions folder: `convex/`, or the folder
that convex.json's "functions" names. Its auth config is `auth.config.ts` or `.js` directly in the
functions folder; Convex reads no other name (facts/convex-auth-config.md §1).

Below a folder, the candidates are the folders holding a package.json. Inside a git work tree
they come from one `git ls-files` (tracked and untracked files, ignored ones left out: node_modules
is never even listed); elsewhere from a walk that prunes dependencies, VCS data and build output.
Workspace packages (package.json "workspaces", pnpm-workspace.yaml) are candidates even where the
pruning would skip them. Folders that cannot be read are warnings, not errors.
"""

from __future__ import annotations

from typing import NamedTuple

import errno
import json
import os
import re
from functools import lru_cache
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


LOCKFILE_NAMES = ("package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock", "bun.lockb")


def find_projects(paths: Sequence[Path], warnings: list[tuple[Path, str]] | None = None) -> list[Project]:
    """The projects the PATHs name, each once, sorted by root.

    A file counts when it is an auth config name directly in a project's functions folder (what
    pre-commit passes); other files are ignored. A folder counts as the project it is the root of,
    the project whose functions folder it is in, or else every project found below it.
    Raises InputError for a PATH that does not exist or a convex.json that is not valid; appends
    (path, reason) to `warnings` for what could not be searched (unreadable folders, symlink loops).
    """
    finder = _Finder(warnings if warnings is not None else [])
    found: dict[Path, Project] = {}
    for path in paths:
        for project in finder.projects_for(Path(path)):
            found.setdefault(_identity(project.root), project)
    return sorted(found.values(), key=lambda project: project.root)


class _Finder:
    """Holds what one find_projects call has already read, so each convex.json is read once."""

    def __init__(self, warnings: list[tuple[Path, str]]) -> None:
        self._functions_dirs: dict[Path, Path | None] = {}
        self.warnings = warnings

    def projects_for(self, path: Path) -> Iterator[Project]:
        if not os.path.lexists(path):
            raise InputError(path, "no such file or directory")
        path = Path(os.path.abspath(path))
        if not os.path.exists(path):  # a symlink to nowhere, or a loop
            self.warnings.append((path, f"not searched: {_stat_error(path)}"))
            return
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
        roots, workspace_roots = self._listed(top) or self._walked(top)
        for workspace_root in workspace_roots:
            for member in workspace_members(workspace_root):
                roots.add(member)
        roots.discard(top)
        for root in sorted(roots):
            project = self._project_at(root)
            if project is not None:
                yield project

    def _listed(self, top: Path) -> tuple[set[Path], set[Path]] | None:
        """(folders holding a package.json, folders holding a lockfile or pnpm-workspace.yaml) from
        git's index and untracked files; None outside a git work tree (or when git is missing)."""
        files = _git_files(top)
        if not files:
            return None  # not in git; or nothing listed: an ignored folder the user named, so walk it
        roots, workspace_roots = set(), {top}
        for name in files:
            if name.endswith("/"):  # a wholly untracked folder, listed once: walk it
                if not any(_pruned(part) for part in name[:-1].split("/")):
                    more, more_workspaces = self._walked(top / name[:-1])
                    roots |= more
                    workspace_roots |= more_workspaces
                continue
            folder, _, base = name.rpartition("/")
            if base not in _MARKERS or any(_pruned(part) for part in folder.split("/") if part):
                continue
            path = top / folder if folder else top
            (roots if base == "package.json" else workspace_roots).add(path)
        return roots, workspace_roots

    def _walked(self, top: Path) -> tuple[set[Path], set[Path]]:
        # Symlinked folders are not followed: they lead out of the tree or into loops.
        roots, workspace_roots = set(), set()
        pending = [top]
        while pending:
            folder = pending.pop()
            try:
                with os.scandir(folder) as scan:
                    entries = list(scan)
            except OSError as error:
                self.warnings.append((folder, f"not searched: {error.strerror or error}"))
                continue
            for entry in entries:
                if entry.name in _MARKERS:
                    (roots if entry.name == "package.json" else workspace_roots).add(folder)
                elif not _pruned(entry.name) and entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
        return roots, workspace_roots | {top}

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


_MARKERS = frozenset({"package.json", "pnpm-workspace.yaml", *LOCKFILE_NAMES})


def _git_files(top: Path) -> list[str] | None:
    """Paths below `top` (relative, "/"-separated) that git tracks or would track; untracked
    folders appear once, as "name/". None when `top` is not in a git work tree."""
    import subprocess

    command = ["git", "-C", str(top), "ls-files", "-z", "--cached", "--others", "--exclude-standard",
               "--directory", "--no-empty-directory"]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, check=False)
    except OSError:  # no git
        return None
    if done.returncode != 0:
        return None
    return [name for name in os.fsdecode(done.stdout).split("\0") if name]


def _stat_error(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symlink loop"
        if error.errno == errno.ENOENT:
            return f"broken symlink to {os.readlink(path)}"
        return error.strerror or str(error)
    return "not found"


# --- workspaces

def workspace_globs(folder: Path) -> list[str]:
    """The workspace patterns of the project at `folder`: package.json "workspaces" (npm, yarn,
    bun: a list, or an object with "packages") and pnpm-workspace.yaml's `packages:` list."""
    globs: list[str] = []
    try:
        manifest = json.loads((folder / "package.json").read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        manifest = None
    workspaces = manifest.get("workspaces") if isinstance(manifest, dict) else None
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    if isinstance(workspaces, list):
        globs.extend(item for item in workspaces if isinstance(item, str))
    try:
        globs.extend(pnpm_workspace_packages((folder / "pnpm-workspace.yaml").read_text(encoding="utf-8-sig")))
    except (OSError, ValueError):
        pass
    return globs


def pnpm_workspace_packages(text: str) -> list[str]:
    """The `packages:` list of a pnpm-workspace.yaml, block (`- "apps/*"`) or flow (`["apps/*"]`)
    style; nothing else of the file is read."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if not line.startswith("packages:"):
            continue
        rest = _strip_comment(line[len("packages:"):]).strip()
        if rest.startswith("["):
            flow = rest
            for more in lines[index + 1:]:
                if "]" in flow:
                    break
                flow += " " + _strip_comment(more).strip()
            return [_unquote(item) for item in flow.strip("[] ").split(",") if item.strip()]
        items = []
        for more in lines[index + 1:]:
            item = _strip_comment(more).strip()
            if not item:
                continue
            if not item.startswith("-") or not (more[:1].isspace() or more.startswith("-")):
                break
            items.append(_unquote(item[1:].strip()))
        return items
    return []


def is_workspace_member(relative: str, globs: Sequence[str]) -> bool:
    """Whether the folder at `relative` ("/"-separated, from the workspace root) matches the
    patterns: some positive one and no negated (`!`) one."""
    relative = relative.strip("/")
    positive = [glob for glob in globs if not glob.startswith("!")]
    negative = [glob[1:] for glob in globs if glob.startswith("!")]
    return any(_glob_regex(glob).match(relative) for glob in positive) and not any(
        _glob_regex(glob).match(relative) for glob in negative
    )


def workspace_members(root: Path) -> list[Path]:
    """The folders holding a package.json that `root`'s workspace patterns name."""
    globs = workspace_globs(root)
    members = []
    for glob in globs:
        if glob.startswith("!"):
            continue
        for folder in _expand(root, _glob_parts(glob)):
            relative = folder.relative_to(root).as_posix()
            if (folder / "package.json").is_file() and is_workspace_member(relative, globs):
                members.append(folder)
    return members


def _glob_parts(glob: str) -> list[str]:
    return [part for part in glob.strip().split("/") if part not in ("", ".")]


def _expand(root: Path, parts: list[str]) -> list[Path]:
    level = [root]
    for part in parts:
        if part == "..":
            return []
        if part == "**":
            below = []
            for folder in level:
                below.extend(_folders_below(folder))
            level = below
        elif any(char in part for char in "*?[{"):
            pattern = _glob_regex(part)
            level = [child for folder in level for child in _subfolders(folder) if pattern.match(child.name)]
        else:
            level = [folder / part for folder in level if (folder / part).is_dir()]
    return level


def _subfolders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as scan:
            return [Path(entry.path) for entry in scan
                    if entry.name not in ("node_modules", ".git") and entry.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _folders_below(folder: Path) -> list[Path]:
    found, pending = [], [folder]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(_subfolders(current))
    return found


@lru_cache(maxsize=64)
def _glob_regex(glob: str) -> re.Pattern:
    """A workspace pattern as a regex: `*` and `?` stay within a segment, `**` spans any number."""
    out = []
    parts = _glob_parts(glob)
    for index, part in enumerate(parts):
        if part == "**":
            out.append("(?:[^/]+(?:/|$))*" if index < len(parts) - 1 else ".*")
            continue
        segment, i = "", 0
        while i < len(part):
            char = part[i]
            if char == "*":
                segment += "[^/]*"
            elif char == "?":
                segment += "[^/]"
            elif char == "{" and "}" in part[i:]:
                close = part.index("}", i)
                segment += "(?:" + "|".join(re.escape(option) for option in part[i + 1: close].split(",")) + ")"
                i = close
            elif char == "[" and "]" in part[i + 1:]:
                close = part.index("]", i + 1)
                segment += "[" + part[i + 1: close].replace("!", "^", 1) + "]"
                i = close
            else:
                segment += re.escape(char)
            i += 1
        out.append(segment + ("/" if index < len(parts) - 1 else ""))
    return re.compile("".join(out) + r"/?\Z")


def _strip_comment(text: str) -> str:
    at = text.find(" #")
    return text if at < 0 else text[:at]


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


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
