"""bun's text bun.lock (lockfileVersion 0, 1, 2) and its binary bun.lockb.

bun.lock is JSON with trailing commas. `workspaces` maps each project ("" the root,
"apps/web", …) to its name and declared ranges; `packages[key][0]` is "<name>@<version>", where
the key is the install path without the node_modules parts: `convex` is the root
node_modules copy, `@acme/web/convex` a copy of apps/web's own (workspace @acme/web), and
`@workos/authkit-session/@workos-inc/node` a copy nested under a dependency. So a `/` does not mean
nested: keys are matched exactly.

bun.lockb (bun before 1.2) is binary: its versions are packed structs, so it is reported as
unreadable, with the command that writes the text format. Source: facts/lockfiles.md §5, §6.
"""

from __future__ import annotations

import re
from pathlib import Path
from collections.abc import Mapping, Sequence

from codemod.errors import InputError
from codemod.lockfiles import Unreadable, conflict_markers, parse_json, read_text

# A string (kept as is) or a comma followed by a closing bracket (dropped): commas inside strings
# are never touched.
_STRING_OR_TRAILING_COMMA = re.compile(r'"(?:[^"\\\n]|\\.)*"|,(?=\s*[\]}])')
_TRAILING_COMMA = re.compile(r",(?=\s*[\]}])")


def load(path: Path, names: Sequence[str]) -> BunLock:
    if path.name == "bun.lockb":
        raise Unreadable(path, "binary lockfile: its versions cannot be read",
                         "bun install --save-text-lockfile  (writes bun.lock; bun 1.2+ does by default)")
    text = read_text(path)
    conflict_markers(path, text)
    lock = parse_json(path, strip_trailing_commas(text))
    if not isinstance(lock, dict) or not isinstance(lock.get("packages", {}), dict):
        raise InputError(path, "not a bun lockfile: expected a JSON object with \"packages\"")
    workspaces = lock.get("workspaces")
    workspaces = workspaces if isinstance(workspaces, dict) else {"": {}}
    return BunLock(lock.get("packages", {}), workspaces, names)


def strip_trailing_commas(text: str) -> str:
    if not any(_has_comma_in_string(match) for match in _TRAILING_COMMA.finditer(text)):
        return _TRAILING_COMMA.sub("", text)  # the common case, in one C-level pass
    return _STRING_OR_TRAILING_COMMA.sub(lambda match: "" if match.group(0) == "," else match.group(0), text)


def _has_comma_in_string(match: re.Match) -> bool:
    # The comma is inside a string when the quotes before it on its line are unbalanced (JSON
    # strings hold no newline). An escaped quote could fool the count: then the slow path decides.
    text, line_start = match.string, match.string.rfind("\n", 0, match.start()) + 1
    return text.count('"', line_start, match.start()) % 2 == 1 or "\\" in text[line_start: match.start()]


class BunLock:
    def __init__(self, packages: dict, workspaces: dict, names: Sequence[str]) -> None:
        self._packages = packages
        self._workspaces = workspaces
        self._names = names
        self.importers = frozenset(workspaces)

    def versions(self, importer: str = "", declared: Mapping[str, str] | None = None) -> dict[str, str]:
        workspace = self._workspaces.get(importer)
        own = workspace.get("name") if isinstance(workspace, dict) and importer else None
        found = {}
        for name in self._names:
            keys = ([f"{own}/{name}"] if isinstance(own, str) else []) + [name]
            for key in keys:  # the workspace's own copy first, then the hoisted one
                version = _version(self._packages.get(key), name)
                if version:
                    found[name] = version
                    break
        return found


def _version(entry: object, name: str) -> str | None:
    if not isinstance(entry, list) or not entry or not isinstance(entry[0], str):
        return None
    resolved = entry[0]
    at = resolved.find("@", 1)
    if at < 0 or resolved[:at] != name:  # an alias ("npm:other@1.0.0") is another package
        return None
    version = resolved[at + 1:]
    return version if version[:1].isdigit() else None  # not workspace:, file:, link:, git
