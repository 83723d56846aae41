"""Kill the tool (SIGKILL) at random points while it writes, many times: every config is then either
exactly the old text or exactly the new one, never a mix, and the only other files are the temp
files of a killed run (`.auth.config.ts.<pid>.<random>.tmp`), which the next run removes.

To make the write window observable, each run fixes many projects at once (all files are read and
checked before the first is written, then they are written one by one). A calibration run measures
when the writes start and end; most kills land in that window, with jitter, some anywhere before
it. Several runs go on side by side, each on its own projects. FIX_AUTHCONFIG_KILLS sets the number
of kills (default 200).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from codemod.write import writer_alive

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples/both-application-id"
OLD = (EXAMPLE / "convex/auth.config.ts").read_bytes()
NEW = (ROOT / "tests/expected/examples/both-application-id.ts").read_bytes()
KILLS = int(os.environ.get("FIX_AUTHCONFIG_KILLS", "200"))
WORKERS = 4
PROJECTS = 40  # per worker
TEMP = re.compile(r"\.auth\.config\.ts\.(\d+)\.[0-9a-f]+\.tmp")

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _start(projects: list[Path]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "codemod", *map(str, projects)], cwd=projects[0].parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "NO_COLOR": "1"})


def _configs(projects):
    return [p / "convex/auth.config.ts" for p in projects]


def _reset(projects):
    for config in _configs(projects):
        if config.read_bytes() != OLD:
            config.write_bytes(OLD)


def _state(projects, killed_pid: int) -> tuple[int, int, list[str]]:
    """(new files, temp files, problems) after a kill."""
    new = temps = 0
    problems = []
    for project in projects:
        config = project / "convex/auth.config.ts"
        data = config.read_bytes()
        if data == NEW:
            new += 1
        elif data != OLD:
            problems.append(f"{config}: partial content ({len(data)} bytes)")
        for entry in os.listdir(config.parent):
            if entry == "auth.config.ts":
                continue
            match = TEMP.fullmatch(entry)
            if match is None:
                problems.append(f"{config.parent}/{entry}: a stray file")
            elif int(match.group(1)) != killed_pid and writer_alive(int(match.group(1)),
                                                                    (config.parent / entry).stat().st_mtime):
                problems.append(f"{config.parent}/{entry}: the temp file of a process still running")
            else:
                temps += 1
    return new, temps, problems


def _calibrate(projects) -> tuple[float, float]:
    """(seconds from start to the first write, seconds to the last), from the files' mtimes."""
    started = time.time()
    proc = _start(projects)
    assert proc.wait(timeout=120) == 0
    mtimes = sorted(c.stat().st_mtime for c in _configs(projects))
    assert all(c.read_bytes() == NEW for c in _configs(projects))
    _reset(projects)
    return max(mtimes[0] - started, 0.0), max(mtimes[-1] - started, 0.01)


def _worker(folder: Path, kills: int, seed: int) -> dict:
    rng = random.Random(seed)
    projects = []
    for i in range(PROJECTS):
        project = folder / f"p{i:02d}"
        shutil.copytree(EXAMPLE, project)
        projects.append(project)
    first, last = _calibrate(projects)
    window = last - first
    scale = 1.0  # follows the machine's load: kills that find every file new come too late
    stats = {"kills": 0, "mixed": 0, "all old": 0, "all new": 0, "temp files seen": 0, "problems": []}
    for _ in range(kills):
        aimed = rng.random() >= 0.2
        if aimed:
            delay = scale * rng.uniform(first - window, last + window / 2)  # around the write window
        else:
            delay = rng.uniform(0, first)  # anywhere before the writes
        proc = _start(projects)
        time.sleep(max(delay, 0) + rng.uniform(0, 0.002))  # jitter
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        new, temps, problems = _state(projects, proc.pid)
        stats["kills"] += 1
        stats["temp files seen"] += temps
        stats["problems"] += problems
        stats["all old" if new == 0 else "all new" if new == PROJECTS else "mixed"] += 1
        if aimed:
            scale *= 0.95 if new == PROJECTS else 1.03 if new == 0 else 1.0
        _reset(projects)
    # The next complete run fixes everything and removes every temp file the killed runs left.
    proc = _start(projects)
    assert proc.wait(timeout=120) == 0
    stats["left after a clean run"] = [f"{p}/{e}" for p in projects for e in os.listdir(p / "convex")
                                       if e != "auth.config.ts"]
    stats["not fixed by a clean run"] = [str(c) for c in _configs(projects) if c.read_bytes() != NEW]
    return stats


def test_sigkill_while_writing_leaves_each_file_old_or_new(tmp_path):
    per_worker = [KILLS // WORKERS + (1 if i < KILLS % WORKERS else 0) for i in range(WORKERS)]
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(lambda i: _worker(tmp_path / f"w{i}", per_worker[i], i), range(WORKERS)))
    total = {key: sum(r[key] for r in results) for key in ("kills", "mixed", "all old", "all new", "temp files seen")}
    problems = [p for r in results for p in r["problems"]]
    assert problems == [], problems[:10]
    assert [p for r in results for p in r["left after a clean run"]] == []
    assert [p for r in results for p in r["not fixed by a clean run"]] == []
    assert total["kills"] == KILLS
    # The kills must land inside the write window often enough for the test to mean something.
    assert total["mixed"] >= KILLS // 40, total
    print(total)
