"""The real libraries as oracles for the backend rules: tokens of every WorkOS environment kind,
of this app and of another one, signed with a key made for the run, verified by PyJWT (the
installed version and 2.8.0, 2.9.0, 2.10.0, 2.10.1), python-jose, authlib, jose and jsonwebtoken.

- The grid: for many issuer / audience / option settings, what the library accepts equals what
  codemod/backends/model.py's `accepts` predicts (the simulation the rules and the security
  check rely on).
- Every fixture of backend_cases.py runs before and after the fix: the analysed call simulated
  gives what the real code does; the fixed code accepts every token of the app the original
  accepted, no token of another app, and exactly the kinds the case names.
One batch per interpreter and one for Node: a few seconds in all.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import pytest

import backend_oracles as oracles
from backend_cases import FIXES, UNCHANGED, Case
from codemod.backends import model
from codemod.backends.engine import analyse
from codemod.model import Span
from test_backends import check

PYJWT_VERSIONS = ("2.8.0", "2.9.0", "2.10.0", "2.10.1")
C, LEGACY = oracles.CLIENT, oracles.LEGACY
UM = f"https://api.workos.com/user_management/{C}"
ISSUERS = {"none": None, "legacy": LEGACY, "legacy/": LEGACY + "/", "um": UM, "list": [LEGACY, UM],
           "tuple": {"tuple": [LEGACY, UM]}}
AUDIENCES = {"no-aud": None, "aud": C}


def _value(raw) -> model.Value | None:
    if raw is None:
        return None
    if isinstance(raw, dict):
        return model.Value(Span(0, 0), "", tuple(raw["tuple"]), "tuple")
    if isinstance(raw, list):
        return model.Value(Span(0, 0), "", tuple(raw), "list")
    return model.Value(Span(0, 0), "", (raw,), "str")


def _grid_python() -> list[dict]:
    grid = []
    pyjwt_options = {"verify_aud=True": {}, "verify_aud=False": {"options": {"verify_aud": False}},
                     "require=aud": {"options": {"require": ["aud"]}}}
    for (i, issuer), (a, audience), (o, options) in itertools.product(ISSUERS.items(), AUDIENCES.items(),
                                                                       pyjwt_options.items()):
        grid.append({"id": f"pyjwt {i} {a} {o}", "library": "pyjwt",
                     "kwargs": {"issuer": issuer, "audience": audience, **options}})
    for (i, issuer), (a, audience), require in itertools.product(ISSUERS.items(), AUDIENCES.items(), (False, True)):
        kwargs = {"issuer": issuer, "audience": audience} | ({"options": {"require_aud": True}} if require else {})
        grid.append({"id": f"python-jose {i} {a} require_aud={require}", "library": "python-jose", "kwargs": kwargs})
    for (i, issuer), key, (a, aud), essential in itertools.product(
            ((k, v) for k, v in ISSUERS.items() if k in ("none", "legacy", "legacy/", "um", "list")),
            ("value", "values"), AUDIENCES.items(), (False, True)):
        if issuer is None and key == "values" or isinstance(issuer, list) != (key == "values"):
            continue  # a string in "values" is tested as a substring: see test_authlib_values_string
        options = {} if issuer is None else {"iss": {key: issuer}}
        if aud is not None:
            options["aud"] = {"value": aud, **({"essential": True} if essential else {})}
        elif essential:
            continue
        grid.append({"id": f"authlib {i} {key} {a} essential={essential}", "library": "authlib",
                     "kwargs": {"claims_options": options}})
    return grid


def _grid_node() -> list[dict]:
    grid = []
    for library, (i, issuer), (a, audience) in itertools.product(("jose", "jsonwebtoken"), ISSUERS.items(),
                                                                   AUDIENCES.items()):
        if i == "tuple":
            continue
        options = {k: v for k, v in (("issuer", issuer), ("audience", audience)) if v is not None}
        grid.append({"id": f"{library} {i} {a}", "library": library, "options": options})
    return grid


def _verifier(item: dict) -> model.Verifier:
    if item["library"] in ("jose", "jsonwebtoken"):
        options = item["options"]
        return model.Verifier(item["library"], Span(0, 0), 1, issuer=_value(options.get("issuer")),
                              audience=_value(options.get("audience")))
    kwargs = item["kwargs"]
    if item["library"] == "authlib":
        claims = kwargs["claims_options"]
        issuer = next(iter(claims["iss"].values())) if "iss" in claims else None
        aud = claims.get("aud", {})
        return model.Verifier("authlib", Span(0, 0), 1, issuer=_value(issuer), audience=_value(aud.get("value")),
                              aud_required=bool(aud.get("essential")))
    options = kwargs.get("options", {})
    return model.Verifier(item["library"], Span(0, 0), 1, issuer=_value(kwargs["issuer"]),
                          audience=_value(kwargs["audience"]), audience_checked=options.get("verify_aud", True),
                          aud_required=options.get("require_aud", False) or "aud" in options.get("require", ()))


def _predicted(v: model.Verifier, version: str | None) -> set[str]:
    return {name for name, claims in oracles.CLAIMS.items() if model.accepts(v, claims, C, version)}


# --- one batch per interpreter, one for Node ------------------------------------------------------------


def _python_modules(cases: list[Case], version: str | None) -> list[dict]:
    modules = []
    for case in cases:
        if case.file.endswith(".py") and case.pyjwt == version:
            modules.append({"id": f"{case.id} before", "source": case.before})
            if case.after is not None:
                modules.append({"id": f"{case.id} after", "source": case.after})
    return modules


@pytest.fixture(scope="module")
def python_results() -> dict:
    """PyJWT version (None: installed) -> the runner's output."""
    cases = FIXES + UNCHANGED
    out = {None: oracles.python(_grid_python(), _python_modules(cases, None))}
    pyjwt_grid = [item for item in _grid_python() if item["library"] == "pyjwt"]
    for version in PYJWT_VERSIONS:
        out[version] = oracles.python(pyjwt_grid, _python_modules(cases, version), pyjwt=version)
    return out


@pytest.fixture(scope="module")
def node_results() -> dict:
    work = Path(tempfile.mkdtemp(prefix="verifiers-", dir=_work()))
    try:
        modules = []
        for case in FIXES + UNCHANGED:
            if case.file.endswith(".py"):
                continue
            suffix = Path(case.file).suffix
            for when, source in (("before", case.before), ("after", case.after)):
                if source is None:
                    continue
                path = work / f"{len(modules):03d}{suffix}"
                path.write_text(source)
                modules.append({"id": f"{case.id} {when}", "file": str(path)})
        return oracles.node(_grid_node(), modules)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _work() -> Path:
    oracles.WORK.mkdir(exist_ok=True)
    return oracles.WORK


# --- the grid ---------------------------------------------------------------------------------------


def test_python_libraries_agree_with_the_simulation(python_results):
    disagreements = []
    for item in _grid_python():
        real = oracles.accepted(python_results[None]["grid"][item["id"]])
        predicted = _predicted(_verifier(item), python_results[None]["version"])
        if real != predicted:
            disagreements.append((item["id"], sorted(real ^ predicted)))
    assert disagreements == []


@pytest.mark.parametrize("version", PYJWT_VERSIONS)
def test_older_pyjwt_agrees_with_the_simulation(python_results, version):
    """The version-specific behaviour: no issuer list before 2.9, a substring test in 2.10.0."""
    disagreements = []
    for item in (i for i in _grid_python() if i["library"] == "pyjwt"):
        real = oracles.accepted(python_results[version]["grid"][item["id"]])
        if real != _predicted(_verifier(item), version):
            disagreements.append((item["id"], sorted(real ^ _predicted(_verifier(item), version))))
    assert disagreements == []


def test_the_pyjwt_versions_behave_differently(python_results):
    """The grid is not vacuous: the versions really do differ where the facts say they do."""
    def seen(version, item_id):
        return oracles.accepted(python_results[version]["grid"][item_id])

    assert seen("2.8.0", "pyjwt list aud verify_aud=True") == set()
    assert seen("2.9.0", "pyjwt list aud verify_aud=True") == {"legacy with aud", "user_management with aud"}
    assert seen("2.9.0", "pyjwt tuple aud verify_aud=True") == set()
    assert seen("2.10.0", "pyjwt um no-aud verify_aud=True") == {"user_management", "legacy without aud"}
    assert seen("2.10.1", "pyjwt um no-aud verify_aud=True") == {"user_management"}


def test_node_libraries_agree_with_the_simulation(node_results):
    disagreements = []
    for item in _grid_node():
        real = oracles.accepted(node_results["grid"][item["id"]])
        predicted = _predicted(_verifier(item), None)
        if real != predicted:
            disagreements.append((item["id"], sorted(real ^ predicted)))
    assert disagreements == []


# --- the fixtures, before and after ----------------------------------------------------------------


def _real(case: Case, when: str, python_results, node_results) -> set[str]:
    if case.file.endswith(".py"):
        outcome = python_results[case.pyjwt]["modules"][f"{case.id} {when}"]
    else:
        outcome = node_results["modules"][f"{case.id} {when}"]
    assert "error" not in outcome, outcome
    return oracles.accepted(outcome)


def _simulated(case: Case, source: str) -> set[str] | None:
    [v] = analyse(case.file, source.encode()).verifiers
    if v.opaque:
        return None
    version = case.pyjwt if v.library == "pyjwt" else None
    return {name for name, claims in oracles.CLAIMS.items() if model.accepts(v, claims, C, version)}


@pytest.mark.parametrize("case", FIXES, ids=[c.id for c in FIXES])
def test_fixed_code_on_real_tokens(case: Case, python_results, node_results):
    before = _real(case, "before", python_results, node_results)
    after = _real(case, "after", python_results, node_results)
    assert _simulated(case, case.before) == before
    assert _simulated(case, case.after) == after
    app_kinds = set(oracles.CLAIMS) - set(oracles.FOREIGN)
    assert before & app_kinds <= after, "the fix rejects a token of the app that the original accepted"
    assert after & set(oracles.FOREIGN) == set(), "the fixed code accepts another app's token"
    assert after == case.accepts
    result = check(case.before, case.file, case.pyjwt, case.unsafe)
    assert result.output.decode() == case.after  # the tool writes exactly what was run


@pytest.mark.parametrize("case", UNCHANGED, ids=[c.id for c in UNCHANGED])
def test_unchanged_code_on_real_tokens(case: Case, python_results, node_results):
    real = _real(case, "before", python_results, node_results)
    simulated = _simulated(case, case.before)
    if simulated is not None:
        assert simulated == real
    assert real == case.accepts
    if real & set(oracles.FOREIGN):  # the tool must say so
        assert {"VFY003", "VFY004", "VFY005"} & set(case.codes), case.codes


def test_authlib_values_string_is_a_substring_test_the_analyser_does_not_guess():
    """authlib checks `iss in option["values"]`: a string there matches any part of it, so the
    analyser leaves such a value unknown (no rule acts on it) rather than simulate it."""
    item = {"id": "authlib values string", "library": "authlib",
            "kwargs": {"claims_options": {"iss": {"values": LEGACY + "/"}}}}
    assert "legacy without aud" in oracles.accepted(oracles.python([item])["grid"][item["id"]])
    source = ('from authlib.jose import jwt\nJ = "https://api.workos.com/sso/jwks/client_X"\n'
              'jwt.decode(t, k, claims_options={"iss": {"values": "https://api.workos.com/"}})\n')
    [v] = analyse("a.py", source.encode()).verifiers
    assert v.issuer is not None and not v.issuer.is_known
