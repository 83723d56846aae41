"""pnpm's pnpm-lock.yaml (lockfileVersion 5.x, 6.x, 9.x), read by lines, never parsed as YAML.

What a project's node_modules/<name> holds is the direct dependency its importer lists, so only
the `importers:` section is read (or, for a single project in 5.x and 6.x, the top-level
`dependencies:`, `devDependencies:` and `optionalDependencies:` sections). They come before the
large `packages:` and `snapshots:` sections, which are never looked at. pnpm writes these
sections in block style, two spaces an indent level:

    importers:                              dependencies:            (single project, 6.x)
      apps/web:                               convex:
        dependencies:                           specifier: ^1.27.0
          convex:                               version: 1.51.0(react@19.3.1)
            specifier: ^1.27.0
            version: 1.51.0(react@19.3.1)   dependencies:            (5.x: no specifier)
                                              convex: 1.51.0_react@19.3.1

The version carries a peer suffix: cut at the first `(` (6.x, 9.x) or `_` (5.x; semver has no
`_`). `link:`/`file:` versions (workspace packages) and aliases (`name@1.2.3`, `/name@1.2.3`) are
not the named package from the registry and are left out. pnpm is strict: a package that the
importer does not list is not in its node_modules. Source: facts/lockfiles.md §2.
"""

from __future__ import annotations

import re
from pathlib import Path
from collections.abc import Mapping, Sequence

from codemod.lockfiles import conflict_markers, read_text

GROUPS = ("dependencies", "devDependencies", "optionalDependencies")
# "key:" or "key: value" at some indent; the key quoted or plain.
_LINE = re.compile(r"""^( *)('(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^'"\s][^:]*?):(?: +(.*?))?\s*$""")
_VERSION = re.compile(r"\d+\.\d+\.\d+[^(_\s]*")


def load(path: Path, names: Sequence[str]) -> PnpmLock:
    text = read_text(path)
    conflict_markers(path, text)
    wanted = frozenset(names)
    importers = _section(text, "importers")
    if importers is not None:
        found = _read_importers(importers, wanted)
    else:
        single: dict[str, str] = {}
        for group in GROUPS:
            section = _section(text, group)
            if section is not None:
                for name, version in _read_group(section.splitlines(), 2, wanted).items():
                    single.setdefault(name, version)
        found = {"": single}
    return PnpmLock(found)


class PnpmLock:
    def __init__(self, found: dict[str, dict[str, str]]) -> None:
        self._found = found  # importer -> {name: version}
        self.importers = frozenset(found)

    def versions(self, importer: str = "", declared: Mapping[str, str] | None = None) -> dict[str, str]:
        return dict(self._found.get(importer, {}))


def _section(text: str, key: str) -> str | None:
    """The lines under the top-level `key:` line, up to the next top-level line; None if absent."""
    head = f"{key}:"
    if text.startswith(head):
        start = 0
    else:
        start = text.find(f"\n{head}")
        while start >= 0 and text[start + 1 + len(head): start + 2 + len(head)] not in ("\n", "\r", " ", ""):
            start = text.find(f"\n{head}", start + 1)
        if start < 0:
            return None
        start += 1
    body = text.find("\n", start)
    if body < 0:
        return ""
    end = re.compile(r"\n[^\s#]").search(text, body)
    return text[body + 1: end.start() + 1 if end else len(text)]


def _read_importers(section: str, wanted: frozenset[str]) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    lines = section.splitlines()
    importer_lines: list[tuple[str, int]] = []
    for index, line in enumerate(lines):
        if line.startswith("  ") and not line.startswith("   "):
            match = _LINE.match(line)
            if match:
                importer_lines.append((_importer(_unquote(match.group(2))), index))
    importer_lines.append(("", len(lines)))
    for (importer, start), (_, end) in zip(importer_lines, importer_lines[1:]):
        block = lines[start + 1: end]
        versions: dict[str, str] = {}
        for group_start, group_end in _blocks(block, 4, GROUPS):
            for name, version in _read_group(block[group_start:group_end], 6, wanted).items():
                versions.setdefault(name, version)
        found[importer] = versions
    return found


def _blocks(lines: list[str], indent: int, keys: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the bodies of the `keys` at `indent` in `lines`."""
    prefix = " " * indent
    ranges = []
    start = None
    for index, line in enumerate(lines):
        if line.startswith(prefix) and len(line) > indent and line[indent] not in " #":
            if start is not None:
                ranges.append((start, index))
                start = None
            match = _LINE.match(line)
            if match and _unquote(match.group(2)) in keys:
                start = index + 1
    if start is not None:
        ranges.append((start, len(lines)))
    return ranges


def _read_group(lines: list[str], indent: int, wanted: frozenset[str]) -> dict[str, str]:
    """{name: version} from a dependencies group whose names sit at `indent`."""
    found = {}
    current = None  # a wanted name whose `version:` line (6.x, 9.x) is still to come
    for line in lines:
        match = _LINE.match(line)
        if not match:
            continue
        depth, key, value = len(match.group(1)), _unquote(match.group(2)), match.group(3)
        if depth == indent:
            current = None
            if key in wanted:
                if value:  # 5.x: "name: version"
                    _record(found, key, value)
                else:
                    current = key
        elif depth == indent + 2 and current is not None and key == "version" and value:
            _record(found, current, value)
    return found


def _record(found: dict[str, str], name: str, value: str) -> None:
    version = _VERSION.match(_unquote(value))
    if version:
        found[name] = version.group(0)


def _importer(key: str) -> str:
    return "" if key in (".", "./") else key.removeprefix("./").rstrip("/")


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return text
