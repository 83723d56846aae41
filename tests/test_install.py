"""The install paths the README gives, each into a clean place: a venv with pip, uv tool, pipx.

Each installs the project from this checkout (dependencies from the package index) and runs the
console script on an example. Slow-ish (seconds each), so one test per path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def works(executable: Path) -> None:
    version = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=120)
    assert version.returncode == 0 and version.stdout.startswith("fix-authconfig "), version.stderr
    check = subprocess.run([str(executable), "--check", str(ROOT / "examples/both-application-id")],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 1 and "WOS002 [*]" in check.stdout, check.stdout + check.stderr


def test_pip_into_a_clean_venv(tmp_path):
    venv.create(tmp_path / "env", with_pip=True)
    python = tmp_path / "env/bin/python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True, timeout=600)
    works(tmp_path / "env/bin/fix-authconfig")
    module = subprocess.run([str(python), "-m", "codemod", "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert module.stdout.startswith("fix-authconfig ")


@pytest.mark.parametrize("tool", ["uv", "pipx"])
def test_isolated_tool_install(tmp_path, tool):
    found = shutil.which(tool) or str(Path(sys.executable).parent / tool)
    if not Path(found).exists():
        pytest.skip(f"{tool} is not installed here")
    env = {**os.environ, "UV_TOOL_DIR": str(tmp_path / "tools"), "UV_TOOL_BIN_DIR": str(tmp_path / "bin"),
           "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "bin")}
    command = [found, "tool", "install", str(ROOT)] if tool == "uv" else [found, "install", str(ROOT)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    works(tmp_path / "bin/fix-authconfig")
