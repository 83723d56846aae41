"""The backend examples end to end through the command line, and the reporting contract for
backend files: every format, exit codes, rule selection, --explain, writes. The examples also run
on real tokens before and after the fix (PyJWT 2.9.0 as the service pins it; jose under Node).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest

import backend_oracles as oracles
from codemod import report
from codemod.backends.engine import process_backend
from codemod.backends.versions import python_versions
from codemod.engine import Options
from rules import all_rules
from test_cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "backends"
EXPECTED = ROOT / "tests" / "expected" / "backends"
SOURCES = {"fastapi-service": "app/auth.py", "mcp-server": "src/auth.ts"}


@pytest.fixture
def copy(tmp_path):
    def make(name: str = "") -> Path:
        target = tmp_path / (name or "backends")
        shutil.copytree(EXAMPLES / name if name else EXAMPLES, target)
        return target
    return make


def _fixed(name: str) -> tuple[bytes, bytes]:
    path = EXAMPLES / name / SOURCES[name]
    packages = python_versions(path) if path.suffix == ".py" else {}
    result = process_backend(str(path), path.read_bytes(), all_rules(), Options(), packages)
    assert result.refused is None and result.output is not None
    return result.original, result.output


@pytest.mark.parametrize("name", SOURCES)
def test_dry_run_shows_the_expected_diff(name):
    done = cli("--dry-run", f"examples/backends/{name}", cwd=ROOT)
    assert done.returncode == 1, done.stdout + done.stderr
    assert (EXPECTED / f"{name}.diff").read_text() in done.stdout
    assert done.stderr == ""


@pytest.mark.parametrize("name", SOURCES)
def test_fix_writes_the_diff_and_a_second_run_changes_nothing(copy, name):
    project = copy(name)
    source = project / SOURCES[name]
    before = source.read_bytes()
    cli(".", cwd=project)
    shown = f"examples/backends/{name}/{SOURCES[name]}"
    assert report.unified_diff(shown, before, source.read_bytes()) == (EXPECTED / f"{name}.diff").read_text()
    again = cli("--dry-run", ".", cwd=project)
    assert "---" not in again.stdout


def test_the_fastapi_service_on_real_tokens():
    before, after = _fixed("fastapi-service")
    wrapper = "\n\ndef verify(token):\n    return current_user('Bearer ' + token)\n"
    modules = [{"id": when, "source": source.decode() + wrapper, "with_key": False}
               for when, source in (("before", before), ("after", after))]
    out = oracles.python(modules=modules, pyjwt="2.9.0")["modules"]  # requirements.txt pins it
    assert oracles.accepted(out["before"]) == set()  # the slash: every token rejected ("Invalid issuer")
    assert oracles.accepted(out["after"]) == {"legacy with aud", "user_management with aud"}
    assert "Token is missing the \"aud\" claim" in out["after"]["user_management"]  # VFY002: the template's part


def test_the_mcp_server_on_real_tokens():
    before, after = _fixed("mcp-server")
    oracles.WORK.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mcp-", dir=oracles.WORK))
    try:
        modules = []
        for when, source in (("before", before), ("after", after)):
            (work / f"{when}.ts").write_bytes(source)
            (work / f"{when}-entry.ts").write_text(
                f'import {{ authenticate, authenticateJob }} from "./{when}.ts";\n'
                'export const verify = (token: string) => authenticate(new Request("https://mcp.example.com/", '
                '{ headers: { authorization: `Bearer ${token}` } }));\n'
                "export const verifyJob = authenticateJob;\n")
            modules += [{"id": when, "file": str(work / f"{when}-entry.ts"), "withKey": False},
                        {"id": f"{when} job", "file": str(work / f"{when}-entry.ts"), "export": "verifyJob",
                         "withKey": False}]
        out = oracles.node(modules=modules)["modules"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    assert oracles.accepted(out["before"]) == set()
    assert oracles.accepted(out["after"]) == {"user_management", "user_management with aud"}
    # authenticateJob checks no issuer (VFY003, info): every token the JWKS keys signed gets in.
    assert oracles.accepted(out["after job"]) == set(oracles.CLAIMS)


# --- reporting, exactly as for config files --------------------------------------------------------


def test_check_text_and_exit_code(copy):
    done = cli("--check", ".", cwd=copy())
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert 'fastapi-service/app/auth.py:32:20: VFY001 [*] issuer "https://api.workos.com/" matches no WorkOS ' \
           "token: PyJWT compares the iss exactly, and WorkOS issues https://api.workos.com" in lines
    assert "mcp-server/src/auth.ts:23:29: VFY003 info: this jose call checks no issuer (no issuer is passed): " \
           "it relies on the JWKS keys alone" in lines
    assert lines[-1] == "2 problems (2 fixable) in 2 files; 2 files would change"
    assert done.stderr == ""  # no "no Convex project found": backend files were found


def test_fix_mode_reports_what_remains(copy):
    done = cli(".", cwd=copy())
    assert done.returncode == 1  # VFY002 remains: the JWT template must set aud
    assert "fastapi-service/app/auth.py: fixed VFY001" in done.stdout
    assert "VFY002 warning: this PyJWT call requires an aud claim" in done.stdout
    assert done.stdout.splitlines()[-1] == "2 fixed, 1 remaining in 2 files"


def test_json(copy):
    data = json.loads(cli("--check", "--format", "json", ".", cwd=copy()).stdout)
    files = {f["path"]: [d["code"] for d in f["diagnostics"]] for f in data["files"]}
    assert files == {"fastapi-service/app/auth.py": ["VFY001"], "mcp-server/src/auth.ts": ["VFY001", "VFY003"]}
    assert data["projects"] == []


def test_sarif(copy):
    log = json.loads(cli("--check", "--format", "sarif", ".", cwd=copy()).stdout)
    results = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in log["runs"][0]["results"]]
    assert results == [("VFY001", "error", "fastapi-service/app/auth.py", 32),
                       ("VFY001", "error", "mcp-server/src/auth.ts", 16),
                       ("VFY003", "note", "mcp-server/src/auth.ts", 23)]
    assert {"VFY001", "VFY006"} <= {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}


def test_github(copy):
    out = cli("--check", "--format", "github", ".", cwd=copy()).stdout.splitlines()
    assert out[0].startswith("::error file=fastapi-service/app/auth.py,line=32,col=20,"
                             "title=VFY001 issuer-matches-no-token::issuer ")
    assert out[2].startswith("::notice file=mcp-server/src/auth.ts,line=23,col=29,title=VFY003 no-issuer-check::")


def test_select_and_ignore(copy):
    project = copy()
    only_info = cli("--check", "--select", "VFY003", ".", cwd=project)
    assert only_info.returncode == 0  # info never fails a run
    assert [line.split(" ")[1] for line in only_info.stdout.splitlines() if ": VFY" in line] == ["VFY003"]
    ignored = cli("--check", "--ignore", "VFY", ".", cwd=project)
    assert ignored.returncode == 0
    assert "no Convex project found" in ignored.stderr


def test_explain():
    done = cli("--explain", "vfy002", cwd=ROOT)
    assert done.returncode == 0
    assert done.stdout.startswith("VFY002 (audience-required-without-aud) [warning, fix: unsafe]\n\n"
                                  "A verifier requires an aud claim that new WorkOS environments do not issue.")
    assert "Fix safety:" in done.stdout and "JWT template" in done.stdout


def test_list_rules_shows_the_version_range():
    rows = [line for line in cli("--list-rules", cwd=ROOT).stdout.splitlines() if line.startswith("VFY")]
    assert [row.split()[0] for row in rows] == ["VFY001", "VFY002", "VFY003", "VFY004", "VFY005", "VFY006"]
    assert rows[3].endswith("pyjwt 2.10.0")


def test_a_named_file_is_checked(copy):
    project = copy("fastapi-service")
    done = cli("--check", "app/auth.py", cwd=project)
    assert done.returncode == 1 and "app/auth.py:32:20: VFY001" in done.stdout


def test_a_file_that_does_not_parse_is_a_warning(tmp_path):
    bad = tmp_path / "auth.py"
    bad.write_text('import jwt\nJ = "https://api.workos.com/sso/jwks/client_X"\ndef f(:\n    jwt.decode(t, k)\n')
    done = cli("--check", ".", cwd=tmp_path)
    assert done.stderr.startswith("fix-authconfig: warning: auth.py: not analysed: does not parse as Python")
    assert done.returncode == 0


def test_libcst_is_imported_only_for_a_python_verifier():
    """libcst costs ~130 ms to import: a run without Python verifiers must not pay it."""
    import subprocess
    import sys

    def imported(path: str) -> str:
        return subprocess.run([sys.executable, "-X", "importtime", "-m", "codemod", "--check", path], cwd=ROOT,
                              capture_output=True, text=True, timeout=60).stderr

    assert "libcst" not in imported("examples/canonical")
    assert "libcst" not in imported("examples/backends/mcp-server")
    assert "libcst" in imported("examples/backends/fastapi-service")
