"""The one error a user can cause: bad input. The CLI prints it on one line and exits 2."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
