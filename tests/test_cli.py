"""The command-line contract: modes, formats, exit codes, and bad input (one line, exit 2, nothing written)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXPECTED = ROOT / "tests/expected/examples"
CONFIG = Path("convex/auth.config.ts")


def cli(*args, cwd: Path, env=None):
    environ = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    environ.update({"NO_COLOR": "1", **(env or {})})
    return subprocess.run([sys.executable, "-m", "codemod", *map(str, args)], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def example(tmp_path):
    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(EXAMPLES / name, target)
        return target
    return copy


def test_fix_writes_the_expected_file_and_a_second_run_is_clean(example):
    project = example("both-application-id")
    done = cli(".", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / CONFIG).read_bytes() == (EXPECTED / "both-application-id.ts").read_bytes()
    assert done.stdout.splitlines()[-1] == "1 fixed, 0 remaining in 1 file"
    assert "fixed WOS002" in done.stdout
    again = cli(".", cwd=project)
    assert again.returncode == 0
    assert again.stdout.splitlines()[-1] == "0 fixed, 0 remaining in 1 file"


def test_check_reports_ruff_style_and_writes_nothing(example):
    project = example("shared-no-application-id")
    before = (project / CONFIG).read_bytes()
    done = cli("--check", ".", cwd=project)
    assert done.returncode == 1
    assert (project / CONFIG).read_bytes() == before
    lines = done.stdout.splitlines()
    assert "convex/auth.config.ts:8:7: WOS001 [*] shared WorkOS issuer without applicationID: " \
           "Convex refuses the push (InsecureConfiguration)" in lines
    assert "  help: add `applicationID: clientId`" in lines
    assert lines[-1] == "2 problems (2 fixable) in 1 file; 1 file would change"


def test_dry_run_prints_a_unified_diff_and_writes_nothing(example):
    project = example("docs-typo-issuer")
    before = (project / CONFIG).read_bytes()
    done = cli("--diff", "convex/auth.config.ts", cwd=project)
    assert done.returncode == 1
    assert (project / CONFIG).read_bytes() == before
    assert "--- a/convex/auth.config.ts\n+++ b/convex/auth.config.ts\n" in done.stdout
    assert '-      issuer: `https://api.workos.com/${clientId}`,\n+      issuer: "https://api.workos.com/",\n' in done.stdout
    assert "\x1b[" not in done.stdout


def test_dry_run_colours_on_force_color(example):
    project = example("docs-typo-issuer")
    done = cli("--dry-run", ".", cwd=project, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[32m+" in done.stdout and "\x1b[31m-" in done.stdout


def test_clean_example_exits_0(example):
    done = cli("--check", ".", cwd=example("canonical"))
    assert done.returncode == 0
    assert done.stdout == "0 problems (0 fixable) in 1 file\n"


def test_warning_left_after_fix_exits_1(example):
    project = example("old-convex-satisfies")
    done = cli(".", cwd=project)
    assert done.returncode == 1
    assert "CVX005 warning: " in done.stdout
    assert "convex 1.25.4 (package-lock.json)" in done.stdout


def test_json_report(example):
    project = example("oidc-user-management")
    done = cli("--check", "--format", "json", ".", cwd=project)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["version"] == 1
    [proj] = report["projects"]
    assert proj["root"] == "." and proj["config"] == "convex/auth.config.ts"
    assert proj["packages"]["convex"] == {"version": "1.48.0", "source": "package-lock.json"}
    [file] = report["files"]
    assert file["path"] == "convex/auth.config.ts" and file["changed"] is True
    assert [(d["code"], d["severity"], d["line"], d["fix"]["applicability"]) for d in file["diagnostics"]] == [
        ("WOS004", "warning", 2, "safe"), ("WOS010", "error", 3, "safe")]
    assert set(file["diagnostics"][0]) >= {"code", "name", "severity", "message", "line", "column", "fix"}
    assert report["summary"] == {"files_changed": 1, "problems_remaining": 2}


def test_pre_commit_style_file_arguments(example):
    project = example("both-application-id")
    done = cli("--check", project / CONFIG, project / "package.json", cwd=project.parent)
    assert done.returncode == 1
    assert "both-application-id/convex/auth.config.ts:17:7: WOS002" in done.stdout


def test_both_ts_and_js_is_reported_and_nothing_written(example):
    project = example("both-application-id")
    (project / "convex/auth.config.js").write_text("export default { providers: [] };\n")
    before = (project / CONFIG).read_bytes()
    done = cli(".", cwd=project)
    assert done.returncode == 1
    assert "convex/auth.config.ts:1:1: FAC003 Found both auth.config.ts and auth.config.js, choose one." in done.stdout
    assert (project / CONFIG).read_bytes() == before


def test_mjs_config_is_reported_as_ignored(example):
    project = example("canonical")
    (project / "convex/auth.config.mjs").write_text("export default { providers: [] };\n")
    done = cli("--check", ".", cwd=project)
    assert "convex/auth.config.mjs:1:1: FAC002 warning: Convex reads only auth.config.ts or auth.config.js; " \
           "auth.config.mjs is ignored" in done.stdout
    assert done.returncode == 1


@pytest.mark.parametrize("breakage, message", [
    (lambda p: (p / CONFIG).write_bytes(b"export default { providers: [ {\n"), "syntax error at line"),
    (lambda p: (p / CONFIG).write_bytes(b"export default {}; // \xff\xfe\n"), "not UTF-8 text"),
    (lambda p: (p / CONFIG).write_bytes(b"\x00\x01\x02binary"), "binary content"),
    (lambda p: (p / CONFIG).write_bytes(b"//" + b"x" * (1024 * 1024 + 1)), "larger than 1024 KiB"),
    (lambda p: (p / "package.json").write_text("{ not json"), "package.json: not valid JSON"),
], ids=["syntax-error", "non-utf8", "binary", "too-large", "bad-package-json"])
def test_bad_input_is_one_line_exit_2_nothing_written(example, breakage, message):
    good = example("both-application-id")
    bad = example("docs-typo-issuer")
    breakage(bad)
    before = (good / CONFIG).read_bytes()
    done = cli(good, bad, cwd=good.parent)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and message in done.stderr
    assert "Traceback" not in done.stderr
    assert (good / CONFIG).read_bytes() == before, "a file was written despite bad input elsewhere"


def test_missing_path_is_exit_2(tmp_path):
    done = cli("no-such-folder", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "fix-authconfig: no-such-folder: no such file or directory\n"


def test_read_only_config_is_exit_2(example):
    project = example("both-application-id")
    (project / CONFIG).chmod(0o444)
    done = cli(".", cwd=project)
    assert done.returncode == 2 and "is read-only; not written" in done.stderr


def test_mode_of_the_file_is_kept(example):
    project = example("both-application-id")
    (project / CONFIG).chmod(0o640)
    assert cli(".", cwd=project).returncode == 0
    assert (project / CONFIG).stat().st_mode & 0o777 == 0o640


def test_symlink_outside_the_project_is_not_written_through(example, tmp_path):
    project = example("both-application-id")
    outside = tmp_path / "elsewhere.ts"
    shutil.move(project / CONFIG, outside)
    (project / CONFIG).symlink_to(outside)
    before = outside.read_bytes()
    done = cli(".", cwd=project)
    assert done.returncode == 2 and "outside the project; not written" in done.stderr
    assert outside.read_bytes() == before


def test_no_project_found_is_a_warning(tmp_path):
    done = cli(".", cwd=tmp_path)
    assert done.returncode == 0
    assert "no Convex project found" in done.stderr


def test_explain_list_rules_version(tmp_path):
    explained = cli("--explain", "wos002", cwd=tmp_path)
    assert explained.returncode == 0
    for section in ("What it does:", "Why is this bad?", "Example:", "Fix safety:", "Source:"):
        assert section in explained.stdout
    unknown = cli("--explain", "XYZ999", cwd=tmp_path)
    assert unknown.returncode == 2 and unknown.stderr == "fix-authconfig: no rule XYZ999; see --list-rules\n"
    listed = cli("--list-rules", cwd=tmp_path).stdout.splitlines()
    assert listed[0].split() == ["CODE", "NAME", "SEVERITY", "FIX", "APPLIES", "TO"]
    assert any(line.startswith("CVX005") and line.endswith("convex <1.27.5") for line in listed)
    assert cli("--version", cwd=tmp_path).stdout.startswith("fix-authconfig 0.")


def test_every_rule_docstring_has_the_sections():
    from rules import all_rules

    for rule in all_rules():
        # the registry selects rules by file name before importing them
        assert rule.__name__.split(".")[-1].split("_")[0].upper() == rule.CODE, rule.__name__
        doc = rule.__doc__
        for section in ("What it does:", "Why is this bad?", "Example:", "Fix safety:", "Source:"):
            assert section in doc, f"{rule.CODE} lacks {section}"
        assert rule.FIX.value in ("safe", "unsafe", "none")
