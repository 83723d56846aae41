"""--token: a real token explained against the config before and after the fix.

The sample tokens in examples/tokens/ are signed with a throw-away key (make_tokens.py); the
bad-token cases are built here.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codemod import token
from codemod.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
TOKENS = ROOT / "examples/tokens"
CLIENT = "client_01J9Z7Q4XK3M8V2N6B5T0RHWEA"


def cli(*args, cwd=ROOT, stdin=None, env=None):
    environ = {k: v for k, v in os.environ.items() if k not in ("WORKOS_CLIENT_ID", "FORCE_COLOR")}
    environ.update({"NO_COLOR": "1", **(env or {})})
    return subprocess.run([sys.executable, "-m", "codemod", *map(str, args)], cwd=cwd, env=environ,
                          input=stdin, capture_output=True, text=True, timeout=60)


def sample(name: str) -> str:
    return (TOKENS / f"{name}.jwt").read_text().strip()


def unsigned(claims: dict) -> str:
    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'none'})}.{part(claims)}."


@pytest.mark.parametrize("name, environment, client", [
    ("legacy-with-aud", token.Environment.LEGACY_WITH_AUD, CLIENT),
    ("legacy-no-aud", token.Environment.LEGACY_NO_AUD, None),
    ("user-management", token.Environment.USER_MANAGEMENT, CLIENT),
    ("custom-domain", token.Environment.CUSTOM_DOMAIN, CLIENT),
    ("staging", token.Environment.STAGING, CLIENT),
    ("other-client", token.Environment.USER_MANAGEMENT, "client_01J8OTHERAPP00000000000000"),
    ("not-workos", token.Environment.NOT_WORKOS, None),
])
def test_classify_samples(name, environment, client):
    assert token.classify(token.decode(sample(name)).claims) == (environment, client)


@pytest.mark.parametrize("claims, environment", [
    ({"iss": "https://api.workos.com/", "aud": [CLIENT, "other"]}, token.Environment.LEGACY_WITH_AUD),
    ({"iss": f"https://api.workos.com/sso/{CLIENT}"}, token.Environment.UNVERIFIED),
    ({"iss": f"https://api.workos.com/convex/{CLIENT}"}, token.Environment.UNVERIFIED),
    ({"sub": "no issuer"}, token.Environment.NOT_WORKOS),
])
def test_classify_generated(claims, environment):
    assert token.classify(claims)[0] is environment


@pytest.mark.parametrize("value, reason", [
    ("abc.def", "--token: not a JWT: 2 segments, expected 3"),
    ("a.b.c.d.e", "--token: an encrypted JWE (5 segments); only a signed JWT (3 segments) can be read"),
    ("!!!.e30.", "--token: the header is not base64url"),
    ("e30.bm90IGpzb24.", "--token: the payload is not JSON"),
    ("e30.WzFd.", "--token: the payload is not a JSON object"),
], ids=["two-segments", "jwe", "bad-base64", "bad-json", "not-an-object"])
def test_bad_tokens(value, reason):
    with pytest.raises(InputError) as err:
        token.decode(value)
    assert str(err.value) == reason
    done = cli("examples/canonical", "--check", "--token", value)
    assert done.returncode == 2 and done.stderr == f"fix-authconfig: {reason}\n" and done.stdout == ""


def test_bug_report_token_tells_the_truth():
    done = cli("examples/tanstack-bug-report", "--check", "--token", f"@{TOKENS / 'legacy-no-aud.jwt'}")
    assert done.returncode == 1, "the token is still rejected after the fix"
    out = done.stdout
    assert "environment: legacy WorkOS environment, no aud (JWT template sets none)" in out
    assert f"client id: {CLIENT} (.env.local)" in out
    assert f"provider 0 (line 7): requires aud {CLIENT}, and the token has no aud" in out
    assert ("Convex logs: No auth provider found matching the given token. Check that your JWT's issuer and audience "
            f"match one of your configured providers: [CustomJWT(issuer=https://api.workos.com/, app_id={CLIENT}), "
            f"CustomJWT(issuer=https://api.workos.com/user_management/{CLIENT}, app_id=none)]") in out
    assert "after the fix: the same (no change)" in out
    assert '{"aud": "<client id>"} in this environment\'s JWT template' in out
    assert "up- or downgrading the SDK will not help" in out


def test_secrets_and_the_token_are_never_printed():
    raw = sample("legacy-no-aud")
    done = cli("examples/tanstack-bug-report", "--check", "--token", raw)
    env_local = (ROOT / "examples/tanstack-bug-report/.env.local").read_text()
    for secret in ("sk_test_example_not_a_real_key_0000", "example-cookie-password-not-real-000000"):
        assert secret in env_local and secret not in done.stdout + done.stderr
    for part in raw.split("."):
        assert part not in done.stdout
    assert "user_01J9Z8AB3CD4EF5GH6JK7LM8NP" not in done.stdout and "user_01…NP" in done.stdout
    assert "other claims: iat, jti, org_id, role" in done.stdout


@pytest.mark.parametrize("example, name, extra, before, after", [
    ("both-application-id", "user-management", (), None, 1),
    ("shared-no-application-id", "legacy-with-aud", (), None, 0),
    ("shared-no-application-id", "user-management", (), None, 1),
    ("oidc-user-management", "user-management", (), None, 0),
    ("canonical", "custom-domain", ("--auth-domain", "auth.example.com"), None, 2),
    ("canonical", "staging", ("--auth-domain", "api.workos-test.com"), None, 2),
    ("canonical", "legacy-with-aud", (), 0, 0),
])
def test_other_kinds_are_accepted_after_the_fix(tmp_path, example, name, extra, before, after):
    project = tmp_path / example
    shutil.copytree(ROOT / "examples" / example, project)
    done = cli(".", "--dry-run", "--format", "json", "--client-id", CLIENT, "--token", f"@{TOKENS / (name + '.jwt')}",
               *extra, cwd=project)
    explained = json.loads(done.stdout)["token"]
    assert (explained["before"]["provider"], explained["after"]["provider"]) == (before, after)
    assert explained["remedy"] is None
    assert done.returncode == (0 if before is not None else 1)  # --dry-run: 1 when a change would be made


def test_foreign_tokens_stay_rejected_after_the_fix():
    for name in ("other-client", "not-workos", "legacy-no-aud"):
        done = cli("examples/both-application-id", "--check", "--format", "json", "--client-id", CLIENT,
                   "--token", f"@{TOKENS / (name + '.jwt')}")
        explained = json.loads(done.stdout)["token"]
        assert explained["after"]["provider"] is None, name
        assert explained["remedy"], name


@pytest.mark.parametrize("args, env, matches, note", [
    (("--client-id", CLIENT), {}, True, None),
    (("--client-id", "client_01J8OTHERAPP00000000000000"), {}, False,
     "a frequent cause is a Convex deployment set up with another WorkOS environment's client id"),
    ((), {"WORKOS_CLIENT_ID": "client_01J8OTHERAPP00000000000000"}, False, "($WORKOS_CLIENT_ID)"),
    ((), {}, None, "this project's client id is unknown"),
], ids=["same", "different", "from-environment", "unknown"])
def test_client_id_consistency(args, env, matches, note):
    done = cli("examples/canonical", "--check", "--format", "json", "--token", f"@{TOKENS / 'user-management.jwt'}",
               *args, env=env)
    assert json.loads(done.stdout)["token"]["client_id_matches"] is matches
    text = cli("examples/canonical", "--check", "--token", f"@{TOKENS / 'user-management.jwt'}", *args, env=env).stdout
    if note:
        assert note in text
    else:
        assert "note:" not in text


def test_client_id_from_dot_env_reads_only_that_variable(tmp_path):
    project = tmp_path / "app"
    shutil.copytree(ROOT / "examples/canonical", project)
    (project / ".env").write_text(f"WORKOS_API_KEY=sk_live_secret\nexport WORKOS_CLIENT_ID='{CLIENT}'\n")
    done = cli(".", "--check", "--token", f"@{TOKENS / 'user-management.jwt'}", cwd=project)
    assert f"client id: {CLIENT} (.env)" in done.stdout
    assert "sk_live_secret" not in done.stdout


def test_token_from_stdin():
    done = cli("examples/canonical", "--check", "--client-id", CLIENT, "--token", "-", stdin=sample("user-management") + "\n")
    assert done.returncode == 0
    assert "selects provider 1 (line 14)" in done.stdout


def test_json_token_keys():
    done = cli("examples/tanstack-bug-report", "--check", "--format", "json", "--token", f"@{TOKENS / 'legacy-no-aud.jwt'}")
    explained = json.loads(done.stdout)["token"]
    assert explained["claims"] == {"iss": "https://api.workos.com", "aud": None, "exp": 1924992000}
    assert explained["environment"] == "legacy_no_aud"
    assert explained["before"]["provider"] is None and explained["before"]["reason"].startswith("No auth provider found")
    assert explained["after"]["provider"] is None
    assert explained["remedy"].startswith("No secure config accepts this token")


def test_signature_check_with_a_saved_jwks(tmp_path):
    jwks = TOKENS / "jwks.json"
    good = cli("examples/canonical", "--check", "--client-id", CLIENT, "--token", f"@{TOKENS / 'user-management.jwt'}",
               "--jwks", jwks)
    assert "signature: valid (kid sso_oidc_key_pair_01J9EXAMPLE00000000000000)" in good.stdout
    header, payload, signature = sample("user-management").split(".")
    tampered = f"{header}.{sample('other-client').split('.')[1]}.{signature}"
    bad = cli("examples/canonical", "--check", "--token", tampered, "--jwks", jwks)
    assert "signature: INVALID signature for kid sso_oidc_key_pair_01J9EXAMPLE00000000000000" in bad.stdout
    other_keys = tmp_path / "jwks.json"
    other_keys.write_text(json.dumps({"keys": [{**json.loads(jwks.read_text())["keys"][0], "kid": "another"}]}))
    unknown = cli("examples/canonical", "--check", "--token", f"@{TOKENS / 'user-management.jwt'}", "--jwks", other_keys)
    assert "kid sso_oidc_key_pair_01J9EXAMPLE00000000000000 is not in jwks.json" in unknown.stdout


def test_jwks_without_token_is_a_usage_error():
    done = cli("examples/canonical", "--jwks", TOKENS / "jwks.json")
    assert done.returncode == 2 and done.stderr == "fix-authconfig: --client-id and --jwks go with --token\n"


def test_unreadable_token_file():
    done = cli("examples/canonical", "--token", "@no-such.jwt")
    assert done.returncode == 2 and done.stderr.startswith("fix-authconfig: no-such.jwt: cannot read the token")
