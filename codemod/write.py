"""Write a fixed config atomically: all of the new text or none of it.

A temp file in the same folder (`.auth.config.ts.<pid>.<random>.tmp`), fsync, then rename over the
original, keeping its mode, then fsync the folder so the rename itself survives a crash. A file that
changed since it was read is not overwritten (checked before the temp file is written and again
just before the rename); a symlink leading outside the project is not written through. A run killed
before its rename leaves its temp file behind: the next run removes the temp files of processes that
no longer exist.
"""

from __future__ import annotations

import os
import re
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
        remove_stale_temps(target)
        fd, temp = _create_temp(target)
    except OSError as err:
        raise InputError(path, f"cannot write: {err.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if target.read_bytes() != original:  # changed while the new text was being written
            raise InputError(path, "changed since it was read; not written")
        os.replace(temp, target)
    except OSError as err:
        _unlink(temp)
        raise InputError(path, f"cannot write: {err.strerror}") from None
    except BaseException:
        _unlink(temp)
        raise
    _fsync_folder(target.parent)


def _create_temp(target: Path) -> tuple[int, str]:
    """A new file beside target, readable by its owner only until its mode is set (as mkstemp)."""
    for _ in range(100):
        temp = str(target.parent / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(17, f"no free temp file name beside {target}")


def remove_stale_temps(config: Path) -> list[Path]:
    """Remove the temp files a killed run left beside `config`: `.<name>.<pid>.<random>.tmp` of a
    process that no longer exists (another run's live temp file is left alone). Returns them."""
    pattern = re.compile(rf"\.{re.escape(config.name)}\.(\d+)\.[A-Za-z0-9_]+\.tmp")
    removed = []
    try:
        entries = list(os.scandir(config.parent))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        try:
            written = entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if writer_alive(int(match.group(1)), written):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def writer_alive(pid: int, written: float) -> bool:
    """Whether the process that wrote a temp file (last modified at `written`) may still run: a
    process with that id exists, and did not start after the file was written (ids are reused)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        pass  # someone else's process, or not a pid we can ask about
    started = _start_time(pid)
    return started is None or started <= written + 1.0


def _start_time(pid: int) -> float | None:
    """When a process started (seconds since the epoch), where /proc says; else None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        with open("/proc/stat", "rb") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith(b"btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open a folder; the rename is done either way
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
