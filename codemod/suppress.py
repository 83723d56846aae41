"""Inline suppressions: `// fix-authconfig-ignore: CODE[, CODE]` on a provider's line or the line above.

In a backend's source (codemod/backends) the anchor is a verify call, and Python's comment is
`# fix-authconfig-ignore: CODE`.

A bare `// fix-authconfig-ignore` silences every rule for that provider. A diagnostic outside any
provider (a missing provider is reported at the providers array) is matched by its own line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from codemod.diagnostics import Diagnostic
from codemod.model import AuthConfig

_PATTERN = r"(?://|/\*|#)\s*fix-authconfig-ignore\b(?:\s*:\s*([A-Za-z0-9_, ]+))?"


class Suppression(NamedTuple):
    line: int  # 1-based line of the comment
    column: int
    offset: int
    codes: frozenset | None  # None: every rule


def find(config: AuthConfig) -> list[Suppression]:
    if b"fix-authconfig-ignore" not in config.source:  # the common case costs one scan
        return []
    found = []
    for match in re.finditer(_PATTERN, config.source.decode()):
        offset = len(config.source.decode()[: match.start()].encode())
        line, column = config.line_col(offset)
        codes = frozenset(c.strip().upper() for c in match.group(1).split(",") if c.strip()) if match.group(1) else None
        found.append(Suppression(line, column, offset, codes))
    return found


def anchor_line(config: AuthConfig, diagnostic: Diagnostic) -> int:
    """The line a suppression must sit on (or above): the enclosing provider's first line."""
    for provider in config.providers:
        if provider.span.start <= diagnostic.offset < provider.span.end:
            return provider.line
    return diagnostic.line


def apply(config: AuthConfig, diagnostics: list[Diagnostic], suppressions: list[Suppression]):
    """(kept diagnostics, the suppressions that silenced something)."""
    if not suppressions:
        return diagnostics, set()
    kept, used = [], set()
    for diagnostic in diagnostics:
        line = anchor_line(config, diagnostic)
        match = next((s for s in suppressions if s.line in (line, line - 1)
                      and (s.codes is None or diagnostic.code in s.codes)), None)
        if match is None:
            kept.append(diagnostic)
        else:
            used.add(match)
    return kept, used
