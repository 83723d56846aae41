"""I/O safety of a fix: the atomic write (codemod/write.py) and bad input that only shows at read or
write time. tests/test_cli.py covers syntax errors, non-UTF-8, binary and oversized configs, an
invalid package.json, a read-only config, a symlink leading outside and a kept mode; this file
covers the rest: files unreadable by permission, a file changed while the tool ran, the temp file's
place, fsync, failures half-way, symlinks inside the project, and the clean-up of temp files a
killed run left (tests/test_kill.py kills real runs).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codemod import write
from codemod.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples/both-application-id"
FIXED = (ROOT / "tests/expected/examples/both-application-id.ts").read_bytes()
CONFIG = Path("convex/auth.config.ts")


@pytest.fixture
def project(tmp_path) -> Path:
    target = tmp_path / "app"
    shutil.copytree(EXAMPLE, target)
    return target


def cli(*args, cwd: Path, unreadable: str | None = None):
    """Run the CLI; `unreadable`: a file name whose every read fails with EACCES, as a file of
    another user would (chmod cannot make a file unreadable to root, who runs the tests here)."""
    prelude = ""
    if unreadable is not None:
        prelude = (
            "import builtins, io, os, pathlib\n"
            f"NAME = {unreadable!r}\n"
            "def deny(p):\n"
            "    if os.path.basename(os.fspath(p)) == NAME:\n"
            "        raise PermissionError(13, 'Permission denied', os.fspath(p))\n"
            "real_open = io.open\n"
            "def guarded(file, *a, **k):\n"
            "    if isinstance(file, (str, bytes, os.PathLike)): deny(file)\n"
            "    return real_open(file, *a, **k)\n"
            "builtins.open = io.open = guarded\n"
            "pathlib.Path.read_bytes = lambda self, _r=pathlib.Path.read_bytes: (deny(self), _r(self))[1]\n"
            "pathlib.Path.read_text = lambda self, *a, _r=pathlib.Path.read_text, **k: (deny(self), _r(self, *a, **k))[1]\n"
        )
    code = prelude + "import sys\nfrom codemod.cli import main\nsys.argv[0] = 'fix-authconfig'\nsys.exit(main())\n"
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"} | {"NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


# --- bad input found while reading: one line naming the file, exit 2, nothing written -------------

@pytest.mark.parametrize("name", ["auth.config.ts", "package.json", "package-lock.json"])
def test_unreadable_file_is_one_line_exit_2_nothing_written(project, tmp_path, name):
    other = tmp_path / "other"
    shutil.copytree(EXAMPLE, other)  # a fixable project beside it must not be written either
    before = (other / CONFIG).read_bytes(), (project / CONFIG).read_bytes()
    done = cli(other, project, cwd=tmp_path, unreadable=name)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert name in line and "Permission denied" in line and "Traceback" not in done.stderr
    assert ((other / CONFIG).read_bytes(), (project / CONFIG).read_bytes()) == before


@pytest.mark.parametrize("content, message", [
    (b'{\n<<<<<<< HEAD\n  "lockfileVersion": 3\n=======\n>>>>>>> main\n}\n', "not valid JSON"),  # a bad merge
    (b"\xff\xfe{}", "not UTF-8"),
    (b"\x00\x01\x02", "not valid JSON"),
])
def test_broken_lockfile_is_one_line_exit_2_nothing_written(project, content, message):
    (project / "package-lock.json").write_bytes(content)
    before = (project / CONFIG).read_bytes()
    done = cli(".", cwd=project)
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert "package-lock.json" in line and message in line
    assert (project / CONFIG).read_bytes() == before


# --- write_atomic --------------------------------------------------------------------------------

def test_write_replaces_the_file_through_a_temp_file_beside_it_with_fsync(project, monkeypatch):
    config = project / CONFIG
    config.chmod(0o640)
    original = config.read_bytes()
    synced, replaced = [], []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(os.readlink(f"/proc/self/fd/{fd}")), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (replaced.append((a, b)), real_replace(a, b))[1])
    write.write_atomic(config, original, b"new text", project)
    assert config.read_bytes() == b"new text"
    assert config.stat().st_mode & 0o777 == 0o640
    [(temp, target)] = replaced
    assert Path(temp).parent == config.parent and Path(target) == config.resolve()
    assert Path(temp).name.startswith(f".auth.config.ts.{os.getpid()}.") and temp.endswith(".tmp")
    assert synced == [temp, str(config.parent)], "the temp file, then the folder after the rename"
    assert sorted(p.name for p in config.parent.iterdir()) == ["auth.config.ts"]


def test_a_file_changed_since_it_was_read_is_not_overwritten(project):
    config = project / CONFIG
    original = config.read_bytes()
    config.write_bytes(original + b"// edited by someone else\n")
    with pytest.raises(InputError, match="changed since it was read; not written"):
        write.write_atomic(config, original, b"new", project)
    assert config.read_bytes().endswith(b"// edited by someone else\n")


def test_a_change_while_the_new_text_is_written_is_caught_before_the_rename(project, monkeypatch):
    config = project / CONFIG
    original = config.read_bytes()
    real_fsync = os.fsync

    def fsync_and_meanwhile_edit(fd):
        real_fsync(fd)
        if config.read_bytes() == original:
            with open(config, "ab") as handle:
                handle.write(b"// meanwhile\n")

    monkeypatch.setattr(os, "fsync", fsync_and_meanwhile_edit)
    with pytest.raises(InputError, match="changed since it was read"):
        write.write_atomic(config, original, b"new", project)
    assert config.read_bytes() == original + b"// meanwhile\n"
    assert sorted(p.name for p in config.parent.iterdir()) == ["auth.config.ts"], "temp file left"


def test_a_failed_rename_leaves_the_original_and_no_temp_file(project, monkeypatch):
    config = project / CONFIG
    original = config.read_bytes()

    def no_space(a, b):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(InputError, match="cannot write: No space left on device"):
        write.write_atomic(config, original, b"new", project)
    assert config.read_bytes() == original
    assert sorted(p.name for p in config.parent.iterdir()) == ["auth.config.ts"]


def test_a_symlink_inside_the_project_is_written_through_and_stays_a_symlink(project):
    real = project / "convex/real.config.ts"
    (project / CONFIG).rename(real)
    (project / CONFIG).symlink_to("real.config.ts")
    done = cli(".", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / CONFIG).is_symlink() and real.read_bytes() == FIXED


def test_a_folder_symlinked_from_outside_the_project_is_not_written_through(project, tmp_path):
    outside = tmp_path / "shared-convex"
    shutil.move(project / "convex", outside)
    (project / "convex").symlink_to(outside, target_is_directory=True)
    before = (outside / "auth.config.ts").read_bytes()
    done = cli(".", cwd=project)
    assert done.returncode == 2 and "outside the project; not written" in done.stderr
    assert (outside / "auth.config.ts").read_bytes() == before


# --- temp files a killed run left ----------------------------------------------------------------

def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid  # exited and reaped: no process has this id (until the system reuses it)


def test_the_next_run_removes_temp_files_of_dead_runs_only(project):
    folder = project / "convex"
    stale = folder / f".auth.config.ts.{_dead_pid()}.0badc0de.tmp"
    stale.write_bytes(b"export default { providers: [ { type: 'cust")  # cut off by the kill
    live = folder / f".auth.config.ts.{os.getpid()}.feedf00d.tmp"  # a run still writing
    live.write_bytes(b"")
    unrelated = folder / ".auth.config.ts.notes.tmp"
    unrelated.write_bytes(b"")
    done = cli(".", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not stale.exists()
    assert live.exists() and unrelated.exists()
    assert (project / CONFIG).read_bytes() == FIXED


def test_clean_up_happens_in_fix_mode_even_with_nothing_to_write_and_never_in_check_mode(project):
    (project / CONFIG).write_bytes(FIXED)
    stale = project / "convex" / f".auth.config.ts.{_dead_pid()}.0badc0de.tmp"
    stale.write_bytes(b"partial")
    assert cli("--check", ".", cwd=project).returncode == 0
    assert stale.exists(), "--check writes nothing, and removes nothing"
    assert cli(".", cwd=project).returncode == 0
    assert not stale.exists()


def test_a_reused_process_id_does_not_keep_a_stale_temp_file(project):
    """Process ids wrap around (32768 by default on Linux): a live process that started after the
    temp file was written is not the run that wrote it."""
    if not os.path.exists("/proc/self/stat"):
        pytest.skip("needs /proc to tell when a process started")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        stale = project / "convex" / f".auth.config.ts.{sleeper.pid}.0badc0de.tmp"
        stale.write_bytes(b"partial")
        an_hour_ago = stale.stat().st_mtime - 3600
        os.utime(stale, (an_hour_ago, an_hour_ago))
        assert write.remove_stale_temps(project / CONFIG) == [stale]
    finally:
        sleeper.kill()
        sleeper.wait()
