"""What a rule reports: a diagnostic at a place, maybe with a fix made of byte-range edits."""

from __future__ import annotations

from typing import NamedTuple

from enum import Enum

from codemod.model import Span


class Severity(str, Enum):
    ERROR = "error"  # Convex refuses the push, or the app's tokens are rejected
    WARNING = "warning"  # risky or fragile
    INFO = "info"  # worth knowing; never fails a run

    @property
    def fails(self) -> bool:
        return self is not Severity.INFO


class Applicability(str, Enum):
    SAFE = "safe"  # applied by default
    UNSAFE = "unsafe"  # applied with --unsafe-fixes: it may change behaviour the user relies on
    NONE = "none"  # a suggestion for a person to make


class Edit(NamedTuple):
    start: int
    end: int
    text: str


class Fix(NamedTuple):
    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def safe(cls, message: str, *edits: Edit) -> Fix:
        return cls(message, tuple(edits), Applicability.SAFE)

    @classmethod
    def unsafe(cls, message: str, *edits: Edit) -> Fix:
        return cls(message, tuple(edits), Applicability.UNSAFE)

    @classmethod
    def manual(cls, message: str) -> Fix:
        return cls(message, (), Applicability.NONE)

    @property
    def span(self) -> Span:
        return Span(min(e.start for e in self.edits), max(e.end for e in self.edits))


class Diagnostic(NamedTuple):
    code: str
    name: str
    severity: Severity
    message: str
    offset: int  # byte offset in the file, for line and column
    fix: Fix | None = None
    line: int = 0
    column: int = 0
