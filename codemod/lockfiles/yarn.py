"""yarn.lock: Yarn classic (v1, its own format) and Berry (2+, YAML), read by lines.

Both are a list of blocks, one per resolved package, each under a header line naming the
descriptors (`name@range`) that resolved to it, separated by ", ":

    "@babel/core@^7.23.7", "@babel/core@^7.24.4":      v1: descriptors quoted when needed
      version "7.24.4"
    "convex@npm:^1.27.0, convex@npm:^1.28.0":           Berry: one quoted string, protocol in range
      version: 1.51.0

Only the header lines that hold one of the wanted names are read: the file is searched for the
names' first characters (a C-speed substring search; one search for the names that share them),
never split or parsed whole. The version a project's
node_modules/<name> holds is the one its descriptor resolved to: `<name>@<range>` with the range
from its package.json (Berry: from its own workspace block, which lists the ranges with their
protocol, `npm:^1.27.0`). Yarn 1 records no workspaces; Berry has one block per workspace,
`"@acme/web@workspace:apps/web"`, the root being `workspace:.`. A name the project does not
declare is hoisted to the root node_modules: its version is known when every block of that name
resolved to the same one. `patch:` descriptors repeat a version, and aliases (`name@npm:other@1.0.0`) are another package:
both are skipped.
Source: facts/lockfiles.md §3, §4.
"""

from __future__ import annotations

import re
from pathlib import Path
from collections.abc import Mapping, Sequence

from codemod.lockfiles import conflict_markers, read_text

_V1_VERSION = re.compile(r'\n  version "?([^"\n]+)"?')
_BERRY_FIELD = re.compile(r"\n  (version|resolution): *(.*)")
_BERRY_DEPENDENCY = re.compile(r"""\n    ("[^"]+"|[^\s:]+): *(.*)""")
_DEPENDENCY_GROUPS = ("  dependencies:", "  peerDependencies:", "  optionalDependencies:")


def load(path: Path, names: Sequence[str]) -> YarnLock:
    text = read_text(path)
    conflict_markers(path, text)
    berry = "\n__metadata:" in text[:4096] or text.startswith("__metadata:")
    wanted = frozenset(names)
    resolved: dict[tuple[str, str], str] = {}  # (name, range) -> version
    workspaces: dict[str, dict[str, str]] | None = {} if berry else None
    # Names sharing their first characters ("@workos-inc/…", "@workos/…") are found by one scan.
    for needle in sorted({name[:7] for name in names}):
        for header, body in _blocks_naming(text, needle):
            version = _berry_version(body) if berry else _v1_version(body)
            for descriptor in _descriptors(header):
                name, range_ = descriptor
                if name in wanted and version and not range_.startswith("patch:") \
                        and _alias_target(range_) in (None, name):
                    resolved[descriptor] = version
    if berry:
        for header, body in _blocks_naming(text, "@workspace:"):
            for descriptor_name, range_ in _descriptors(header):
                target = range_[len("workspace:"):] if range_.startswith("workspace:") else ""
                if target and target[0] not in "*^~":  # a path, not a range like workspace:*
                    workspaces[_importer(target)] = _berry_dependencies(body, wanted)
    return YarnLock(resolved, names, workspaces, berry)


class YarnLock:
    def __init__(self, resolved: dict[tuple[str, str], str], names: Sequence[str],
                 workspaces: dict[str, dict[str, str]] | None, berry: bool) -> None:
        self._resolved = resolved
        self._names = names
        self._workspaces = workspaces
        self.berry = berry
        # Yarn 1 does not say which projects it covers; Berry lists its workspaces.
        self.importers = None if workspaces is None else frozenset(workspaces)
        self._only: dict[str, str] = {}
        for name in names:
            versions = {version for (found, _), version in resolved.items() if found == name}
            if len(versions) == 1:
                self._only[name] = versions.pop()

    def versions(self, importer: str = "", declared: Mapping[str, str] | None = None) -> dict[str, str]:
        declared = dict(declared or {})
        if self._workspaces is not None and importer in self._workspaces:
            declared.update(self._workspaces[importer])  # Berry's own record of the ranges
        found = {}
        for name in self._names:
            range_ = declared.get(name)
            if range_ is None:
                version = self._only.get(name)
            else:
                version = self._resolved.get((name, range_))
                if version is None and self.berry and ":" not in range_:
                    version = self._resolved.get((name, f"npm:{range_}"))
            if version:
                found[name] = version
        return found


def _blocks_naming(text: str, needle: str):
    """(header, body) of each block whose header line contains `needle` (once per block)."""
    seen = set()
    at = text.find(needle)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        if start not in seen:
            seen.add(start)
            if text[start] not in " \t#":  # indented lines are fields, not headers
                end = text.find("\n", at)
                end = len(text) if end < 0 else end
                header = text[start:end].rstrip()
                if header.endswith(":"):
                    stop = text.find("\n\n", end)
                    yield header[:-1], text[end: len(text) if stop < 0 else stop]
        at = text.find(needle, at + 1)


def _descriptors(header: str) -> list[tuple[str, str]]:
    """("name", "range") of each descriptor in a header: `"a@^1", a@^2` or `"a@npm:^1, a@npm:^2"`."""
    found = []
    for part in header.split(", "):
        descriptor = part.strip().strip('"')
        at = descriptor.find("@", 1)  # the first "@" after a scope's: aliases hold another "@"
        if at > 0:
            found.append((descriptor[:at], descriptor[at + 1:]))
    return found


def _alias_target(range_: str) -> str | None:
    """The package an `npm:other@range` alias installs under another name; None for a plain range."""
    if not range_.startswith("npm:"):
        return None
    at = range_.find("@", 5)
    return range_[4:at] if at > 0 else None


def _v1_version(body: str) -> str | None:
    match = _V1_VERSION.search(body)
    return match.group(1) if match else None


def _berry_version(body: str) -> str | None:
    fields = dict(_BERRY_FIELD.findall(body))
    version = fields.get("version", "").strip().strip('"')
    if version and version != "0.0.0-use.local":
        return version
    resolution = fields.get("resolution", "").strip().strip('"')
    at = resolution.find("@npm:", 1)
    return resolution[at + 5:] if at > 0 else None


def _berry_dependencies(body: str, wanted: frozenset[str]) -> dict[str, str]:
    """A workspace block's dependency ranges for the wanted names, as Berry wrote them."""
    found = {}
    for group in _DEPENDENCY_GROUPS:
        start = body.find(f"\n{group}")
        if start < 0:
            continue
        end = re.compile(r"\n  \S").search(body, start + 1)
        for key, value in _BERRY_DEPENDENCY.findall(body[start: end.start() if end else len(body)]):
            name = key.strip('"')
            if name in wanted:
                found.setdefault(name, value.strip().strip('"'))
    return found


def _importer(path: str) -> str:
    return "" if path in (".", "./") else path.removeprefix("./").rstrip("/")
