"""The hooks of .pre-commit-hooks.yaml, driven by the real pre-commit in a temporary git repo."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit") or str(Path(__import__("sys").executable).parent / "pre-commit")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory):
    """pre-commit's cache, shared by the tests of this module: the hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(hook: str, repo: Path, home: Path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture
def repo(tmp_path):
    project = tmp_path / "app"
    shutil.copytree(ROOT / "examples/both-application-id", project)
    git("init", "-q", cwd=project)
    git("add", ".", cwd=project)
    git("commit", "-qm", "app", cwd=project)
    return project


def test_fix_hook_fixes_then_passes(repo, hook_home):
    first = try_repo("fix-authconfig", repo, hook_home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repo / "convex/auth.config.ts").read_bytes() == (ROOT / "tests/expected/examples/both-application-id.ts").read_bytes()
    second = try_repo("fix-authconfig", repo, hook_home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_check_hook_reports_and_never_writes(repo, hook_home):
    before = (repo / "convex/auth.config.ts").read_bytes()
    done = try_repo("fix-authconfig-check", repo, hook_home)
    assert done.returncode == 1
    assert "convex/auth.config.ts:17:7: WOS002 [*]" in done.stdout
    assert (repo / "convex/auth.config.ts").read_bytes() == before
