"""Write a fixed config atomically: all of the new text or none of it.

A temp file in the same folder, fsync, then rename over the original, keeping its mode. A file that
changed since it was read is not overwritten; a symlink leading outside the project is not written
through.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from codemod.errors import InputError


def write_atomic(path: Path, original: bytes, new: bytes, project_root: Path) -> None:
    target = Path(os.path.realpath(path))
    root = Path(os.path.realpath(project_root))
    if root != target and root not in target.parents:
        raise InputError(path, f"is a symlink to {target}, outside the project; not written")
    try:
        if target.read_bytes() != original:
            raise InputError(path, "changed since it was read; not written")
        mode = target.stat().st_mode & 0o7777
        if not mode & 0o222 or not os.access(target, os.W_OK):  # no write bit: read-only, even for root
            raise InputError(path, "is read-only; not written")
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise InputError(path, f"cannot write: {err.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as err:
        os.unlink(temp) if os.path.exists(temp) else None
        raise InputError(path, f"cannot write: {err.strerror}") from None
