"""Property-based tests: generated configs (tests/configgen.py: the shapes of real repos, in every
style) and mutations of the examples and fixtures, run through the tool, then checked as a batch
against the Node oracles (tests/fuzzcheck.py says what each property is).

Hypothesis draws the cases and shrinks a failure of the Python-side properties; the Node-side ones
need one esbuild+Node evaluation (and one tsc run) for the whole batch, so the cases are collected
first. FIX_AUTHCONFIG_EXAMPLES sets how many (default 300); bench/fuzz.py runs 10,000 and more.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codemod.engine import Options
from configgen import ENV, Case, Draw
from fuzzcheck import changed_outside, node_failures, run_case, sources, typecheck_failures
from oracles import evaluate, typecheck
from rules import all_rules

EXAMPLES = int(os.environ.get("FIX_AUTHCONFIG_EXAMPLES", "300"))


class HypothesisDraw(Draw):
    """Choices drawn from hypothesis, so that a failing case shrinks to a small one."""

    def __init__(self, data) -> None:
        self.data = data

    def choice(self, options):
        return self.data.draw(st.sampled_from(list(options)))

    def boolean(self, p: float = 0.5) -> bool:
        return self.data.draw(st.integers(0, 99)) >= round(100 * (1 - p))  # shrinks towards False

    def integer(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))


def _collect(options: Options) -> list:
    import configgen

    outcomes = []

    # derandomize: CI runs the same cases every time; bench/fuzz.py explores.
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def one(data):
        case = configgen.case(HypothesisDraw(data))
        outcomes.append(run_case(case, all_rules(), options))  # asserts the Python-side properties

    one()
    return outcomes


@pytest.fixture(scope="module")
def outcomes():
    return _collect(Options())


@pytest.fixture(scope="module")
def evaluated(outcomes):
    return evaluate(sources(outcomes), ENV)


def test_no_traceback_reparses_idempotent_nothing_outside_the_edits(outcomes):
    """The Python-side properties hold for every case (run_case asserts them as hypothesis draws)."""
    assert len(outcomes) >= EXAMPLES
    changed = [o for o in outcomes if o.result is not None and o.result.output is not None]
    refused_input = [o for o in outcomes if o.result is None]
    assert len(changed) > len(outcomes) // 3, "the grammar should mostly produce fixable configs"
    assert len(refused_input) < len(outcomes) // 5


def test_node_evaluation_security_and_model_agreement(outcomes, evaluated):
    assert node_failures(outcomes, evaluated) == []


def test_fixed_configs_type_check_when_the_input_did(outcomes):
    assert typecheck_failures(outcomes, typecheck) == []


def test_unsafe_fixes_keep_the_properties_too():
    """With --unsafe-fixes (WOS006 on AuthKit's OAuth key set, WOS012 removing copies) as well."""
    global EXAMPLES
    saved, EXAMPLES = EXAMPLES, max(EXAMPLES // 3, 20)
    try:
        outcomes = _collect(Options(unsafe_fixes=True))
    finally:
        EXAMPLES = saved
    assert node_failures(outcomes, evaluate(sources(outcomes), ENV)) == []


# --- the checkers themselves catch what they are for -----------------------------------------------

CONFIG = b"""const clientId = process.env.WORKOS_CLIENT_ID;

export default {
  providers: [
    { domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" },
    {
      type: "customJwt",
      issuer: "https://api.workos.com/",
      algorithm: "RS256",
      jwks: `https://api.workos.com/sso/jwks/${clientId}`,
    },
  ],
};
"""


def test_changed_outside_sees_only_changes_outside_the_workos_providers():
    path = "convex/auth.config.ts"
    inside = CONFIG.replace(b"${clientId}`,\n", b"${clientId}`,\n      applicationID: clientId,\n")
    appended = CONFIG.replace(b"    },\n  ],", b"    },\n    { type: \"customJwt\", issuer: \"https://api.workos.com/user_management/x\" },\n  ],")
    assert changed_outside(path, CONFIG, inside) == ""
    assert changed_outside(path, CONFIG, appended) == ""
    assert "CLERK" in changed_outside(path, CONFIG, CONFIG.replace(b'"convex" }', b'"convex2" }'))
    assert "clientId" in changed_outside(path, CONFIG, CONFIG.replace(b"const clientId", b"let clientId"))


def test_node_check_catches_a_fix_that_accepts_other_apps():
    from codemod.engine import FileResult
    from fuzzcheck import Outcome

    insecure = CONFIG.replace(b'"https://api.workos.com/"', b'"https://api.workos.com//"')
    case = Case("hand-made", CONFIG, False, ("client_TEST",))
    outcome = Outcome(case, FileResult("convex/auth.config.ts", CONFIG, output=insecure))
    failures = node_failures([outcome], evaluate(sources([outcome]), ENV))
    assert any("accepts legacy without aud" in f for f in failures), failures
