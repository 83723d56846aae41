"""The oracles themselves: esbuild + Node evaluation and tsc give what Convex would.

The expected provider lists are written out by reading the example configs; if an oracle
drifts from Convex's behaviour (a missing variable read as undefined, a syntax error hiding
type errors), these fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oracles import evaluate, typecheck

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ENV = {"WORKOS_CLIENT_ID": "client_TEST"}
MISSING = "Environment variable WORKOS_CLIENT_ID is used in auth config file but its value was not set"

SHARED_WITH_APP_ID = {
    "type": "customJwt",
    "issuer": "https://api.workos.com/",
    "algorithm": "RS256",
    "applicationID": "client_TEST",
    "jwks": "https://api.workos.com/sso/jwks/client_TEST",
}
USER_MANAGEMENT = {
    "type": "customJwt",
    "issuer": "https://api.workos.com/user_management/client_TEST",
    "algorithm": "RS256",
    "jwks": "https://api.workos.com/sso/jwks/client_TEST",
}

EXPECTED = {
    "canonical": [SHARED_WITH_APP_ID, USER_MANAGEMENT],
    "both-application-id": [SHARED_WITH_APP_ID, {**USER_MANAGEMENT, "applicationID": "client_TEST"}],
    "shared-no-application-id": [
        {
            "type": "customJwt",
            "issuer": "https://api.workos.com/",
            "algorithm": "RS256",
            "jwks": "https://api.workos.com/sso/jwks/client_TEST",
        }
    ],
    "docs-typo-issuer": [
        {
            "type": "customJwt",
            "issuer": "https://api.workos.com/client_TEST",
            "algorithm": "RS256",
            "jwks": "https://api.workos.com/sso/jwks/client_TEST",
            "applicationID": "client_TEST",
        }
    ],
    "oidc-user-management": [
        {"domain": "https://api.workos.com/user_management/client_TEST", "applicationID": "client_TEST"}
    ],
    "tanstack-bug-report": [SHARED_WITH_APP_ID, USER_MANAGEMENT],
    "old-convex-satisfies": [SHARED_WITH_APP_ID, USER_MANAGEMENT],
}


def example(name: str) -> str:
    return (EXAMPLES / name / "convex" / "auth.config.ts").read_text()


def all_examples() -> dict[str, str]:
    return {name: example(name) for name in EXPECTED}


def test_every_example_is_listed():
    assert {p.name for p in EXAMPLES.iterdir() if (p / "convex").is_dir()} == set(EXPECTED)


def test_examples_evaluate_to_their_providers():
    results = evaluate(all_examples(), ENV)
    assert results == {name: {"ok": True, "config": {"providers": providers}} for name, providers in EXPECTED.items()}


def test_examples_without_client_id_fail_as_convex_does():
    results = evaluate(all_examples(), {})
    assert results == {name: {"ok": False, "error": MISSING} for name in EXPECTED}


def test_evaluation_sees_only_the_given_environment():
    # HOME is set for pytest but is not a deployment variable.
    results = evaluate({"home": 'export default { providers: [], home: process.env.HOME };'}, ENV)
    assert results["home"] == {
        "ok": False,
        "error": "Environment variable HOME is used in auth config file but its value was not set",
    }


def test_a_fallback_does_not_hide_a_missing_variable():
    source = 'export default { providers: [{ domain: "https://x.example.com", applicationID: process.env.WORKOS_CLIENT_ID ?? "none" }] };'
    assert evaluate({"fallback": source}, {}) == {"fallback": {"ok": False, "error": MISSING}}


def test_javascript_bom_crlf_and_undefined_values():
    js = 'const id = process.env.WORKOS_CLIENT_ID;\r\nexport default { providers: [{ domain: `https://x.example.com/${id}`, applicationID: id, extra: undefined }] };\r\n'
    results = evaluate({"plain.js": b"\xef\xbb\xbf" + js.encode()}, ENV)
    assert results == {
        "plain.js": {
            "ok": True,
            "config": {"providers": [{"domain": "https://x.example.com/client_TEST", "applicationID": "client_TEST"}]},
        }
    }


def test_build_errors_and_missing_default_export_are_reported_per_file():
    results = evaluate(
        {"broken": "export default { providers: [ };", "no-default": "export const providers = [];", "good": example("canonical")},
        ENV,
    )
    assert results["broken"]["ok"] is False and results["broken"]["error"].startswith("esbuild: ")
    assert results["no-default"] == {"ok": False, "error": "auth config has no default export"}
    assert results["good"]["ok"] is True


def test_canonical_typechecks():
    assert typecheck({"canonical": example("canonical")}) == {"canonical": []}


def test_every_example_typechecks_against_convex_1_48():
    # old-convex-satisfies imports AuthConfig, which its own convex 1.25.4 lacks; 1.48 has it.
    assert typecheck(all_examples()) == {name: [] for name in EXPECTED}


def wrong_algorithm(source: str) -> str:
    wrong = source.replace('algorithm: "RS256"', 'algorithm: "HS256"', 1)
    assert wrong != source
    return wrong


def test_wrong_algorithm_under_satisfies_fails():
    errors = typecheck({"hs256": wrong_algorithm(example("old-convex-satisfies"))})["hs256"]
    assert len(errors) == 1
    assert errors[0].startswith("10:7: TS2820: ") and '"HS256"' in errors[0], errors


def test_a_syntax_error_does_not_hide_type_errors_of_other_files():
    results = typecheck(
        {
            "broken": "export default { providers: [ };",
            "hs256": wrong_algorithm(example("canonical")),
            "canonical": example("canonical"),
        }
    )
    assert results["broken"] == ["1:31: TS1137: Expression or comma expected."]
    assert len(results["hs256"]) == 1 and "HS256" in results["hs256"][0]
    assert results["canonical"] == []


@pytest.mark.parametrize("typed", ["import type { AuthConfig }", "import { AuthConfig }"])
def test_missing_applicationid_type_on_oidc_fails(typed):
    source = f'{typed} from "convex/server";\nexport default {{ providers: [{{ domain: "https://x.example.com" }}] }} satisfies AuthConfig;\n'
    errors = typecheck({"oidc": source})["oidc"]
    assert errors and all(": TS" in e for e in errors)
