"""Every example and config fixture, before and after the fix, against the real oracles.

- The fixed text equals the reviewed expected file (tests/expected/), or the file is left alone.
- esbuild + Node evaluate each config as Convex does; the parsed model must read the same values,
  and the simulated `pick` must choose the same provider on the evaluated JSON as on the model.
- Every fixed config: Convex's push-time validation passes, this app's tokens of both canonical
  kinds are accepted, and no token of another WorkOS client is (the security invariant).
- tsc type-checks every fixed config against the real convex package.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codemod import convex
from codemod.context import fields_of
from codemod.convex import Token
from codemod.engine import Options, process
from codemod.model import expand, substitute
from codemod.parse import parse
from oracles import evaluate, typecheck
from rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
CLIENT = "client_TEST"
ENV = {"WORKOS_CLIENT_ID": CLIENT, "WORKOS_CLIENT_ID_PROD": "client_PROD",
       "CLERK_JWT_ISSUER_DOMAIN": "https://clerk.example.com", "CONVEX_SITE_URL": "https://happy-animal-123.convex.site"}

CASES = {
    **{f"examples/{p.parent.parent.name}": p for p in sorted((ROOT / "examples").glob("*/convex/auth.config.ts"))},
    # .ts fixtures by stem, .js ones by name (the oracles evaluate a key ending in .js as JavaScript)
    **{f"configs/{p.stem if p.suffix == '.ts' else p.name}": p
       for p in sorted((ROOT / "tests/fixtures/configs").glob("*")) if p.suffix in (".ts", ".js")},
}

# What each case reports before any fix: the reviewed outcome of each config form.
FOUND = {
    "examples/canonical": [],
    "examples/tanstack-bug-report": [],
    "examples/both-application-id": ["WOS002"],
    "examples/shared-no-application-id": ["WOS001", "WOS003"],
    "examples/docs-typo-issuer": ["WOS003", "WOS005"],
    "examples/oidc-user-management": ["WOS004", "WOS010"],
    "examples/old-convex-satisfies": ["CVX005"],
    "configs/audience-and-spelling": ["CVX001", "WOS006", "WOS008", "WOS009"],
    "configs/bom-literal-client-id": ["WOS001", "WOS003"],
    "configs/built-by-call": ["FAC001"],
    "configs/clerk-and-workos": ["WOS001", "WOS003"],
    "configs/crlf-tabs-no-trailing-commas": ["WOS002", "WOS004", "WOS009"],
    "configs/custom-domain": ["WOS002", "WOS003", "WOS004"],
    "configs/slips-past-guard": ["WOS001", "WOS003", "WOS005"],
    # issue 5: the shapes of real configs
    "configs/as-const-every-field": ["WOS001", "WOS003"],
    "configs/comments-everywhere": ["WOS002", "WOS004"],
    "configs/conditional-providers": ["WOS001", "WOS003"],
    "configs/conditional-dev-prod": ["WOS001", "WOS003"],
    "configs/conditional-spread": ["WOS002", "WOS004"],
    "configs/custom-domain-legacy-style": ["WOS002"],
    "configs/export-default.js": ["WOS001", "WOS003"],
    "configs/flatmap-client-ids": ["WOS002"],
    "configs/flatmap-missing-provider": ["WOS001", "WOS003"],
    "configs/helper-function": ["FAC001"],
    "configs/module-exports.js": ["WOS002"],
    "configs/redundant-slash-workaround": ["WOS006", "WOS012"],
    "configs/spread-const-array": ["WOS003", "WOS005"],
    "configs/spread-satisfies-needs-as-const": ["WOS004", "WOS010"],
    # issue 5: style fidelity (each fix in the file's own style)
    "configs/style-backticks": ["WOS001", "WOS003"],
    "configs/style-bom": ["WOS001", "WOS002"],
    "configs/style-crlf": ["WOS001", "WOS003"],
    "configs/style-four-spaces": ["WOS001", "WOS003"],
    "configs/style-no-final-newline": ["WOS001", "WOS003"],
    "configs/style-no-trailing-commas": ["WOS001", "WOS003"],
    "configs/style-one-line-providers": ["WOS001", "WOS003"],
    "configs/style-quoted-keys": ["WOS001", "WOS002"],
    "configs/style-semicolon-free": ["WOS001", "WOS002"],
    "configs/style-single-quotes": ["WOS001", "WOS003"],
    "configs/style-tabs": ["WOS001", "WOS002"],
}

def app_tokens(client: str) -> dict[str, Token]:
    return {
        "legacy with aud": Token(("https://api.workos.com",), ((client,),)),
        "user_management": Token((f"https://api.workos.com/user_management/{client}",)),
    }


APP_TOKENS = app_tokens(CLIENT)
FOREIGN_TOKENS = {
    "legacy, another client's aud": Token(("https://api.workos.com",), (("client_OTHER",),)),
    "legacy without aud": Token(("https://api.workos.com",)),
    "user_management of another client": Token(("https://api.workos.com/user_management/client_OTHER",)),
    "custom domain of another client": Token(("https://auth.example.com/user_management/client_OTHER",)),
}
ALL_TOKENS = {**APP_TOKENS, **FOREIGN_TOKENS,
              "custom domain": Token((f"https://auth.example.com/user_management/{CLIENT}",)),
              "aud convex": Token(("https://api.workos.com",), (("convex",),))}


def _comments(source: bytes) -> list[bytes]:
    from codemod.parse import _parser

    stack, found = [_parser().parse(source).root_node], []
    while stack:
        node = stack.pop()
        if node.type == "comment":
            found.append(node.text)
        stack.extend(node.children)
    return sorted(found)


def _packages(case: str):
    if not case.startswith("examples/"):
        return {}
    from codemod.versions import installed_versions

    return installed_versions(ROOT / case)


@pytest.fixture(scope="module")
def results():
    return {case: process(case, path.read_bytes(), all_rules(), Options(), _packages(case)) for case, path in CASES.items()}


@pytest.fixture(scope="module")
def evaluated(results):
    sources = {}
    for case, result in results.items():
        sources[f"before:{case}"] = result.original
        if result.output is not None:
            sources[f"after:{case}"] = result.output
    return evaluate(sources, ENV)


def _expected_path(case: str) -> Path:
    kind, name = case.split("/")
    return ROOT / "tests/expected" / kind / (name if name.endswith(".js") else f"{name}.ts")


@pytest.mark.parametrize("case", CASES)
def test_found(results, case):
    assert sorted({d.code for d in results[case].found}) == FOUND[case]


@pytest.mark.parametrize("case", CASES)
def test_fixed_text(results, case):
    result = results[case]
    assert result.refused is None
    expected = _expected_path(case)
    if expected.exists():
        assert result.output == expected.read_bytes()
        again = process(case, result.output, all_rules(), Options(), _packages(case))
        assert again.output is None, "a second run changed the file"
        assert [d.code for d in again.found] == [d.code for d in result.remaining]
    else:
        assert result.output is None


@pytest.mark.parametrize("case", CASES)
def test_fixed_outputs_keep_comments_bom_and_newlines(results, case):
    result = results[case]
    if result.output is None:
        pytest.skip("nothing written")
    before, after = result.original, result.output
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    assert (b"\r\n" in after) == (b"\r\n" in before)
    if b"\r\n" in before and before.count(b"\n") == before.count(b"\r\n"):
        assert after.count(b"\n") == after.count(b"\r\n"), "a bare LF in a CRLF file"
    assert after.endswith(b"\n") == before.endswith(b"\n")
    assert _comments(before) == _comments(after)


@pytest.mark.parametrize("side", ["before", "after"])
@pytest.mark.parametrize("case", CASES)
def test_model_and_pick_agree_with_node(results, evaluated, case, side):
    result = results[case]
    data = result.original if side == "before" else result.output
    if data is None:
        pytest.skip("nothing written")
    node = evaluated[f"{side}:{case}"]
    config = parse(case, data)
    if config.notes:
        assert not node["ok"] or config.notes  # what the parser cannot see, it does not claim
        pytest.skip("not analysed by design")
    assert node["ok"], node.get("error")
    evaluated_providers = node["config"]["providers"]
    # Spreads, conditions and flatMap callbacks, expanded as JavaScript evaluates them.
    expanded = expand(config, ENV)
    assert expanded is not None, "an analysed config the model cannot expand"
    model = [{key: substitute(sym, bindings) for key, sym in fields_of(p).items()} for p, bindings in expanded]
    assert len(model) == len(evaluated_providers)
    for fields, js in zip(model, evaluated_providers):
        for key, sym in fields.items():
            if isinstance(js.get(key), str):
                assert convex._substitute(sym, ENV) == (js[key],), key
    concrete = [{k: (v,) for k, v in p.items() if isinstance(v, str)} for p in evaluated_providers]
    for name, token in ALL_TOKENS.items():
        on_model = convex.pick(model, token, ENV)
        on_node = convex.pick(concrete, token)
        assert (on_model.index, on_model.message) == (on_node.index, on_node.message), name


@pytest.mark.parametrize("case", [c for c in CASES if _expected_path(c).exists()])
def test_fixed_configs_are_secure_and_accept_this_app(results, evaluated, case):
    from codemod.workos import client_id

    literal = client_id(parse(case, results[case].output)).literal  # a client id the file hard-codes
    node = evaluated[f"after:{case}"]
    assert node["ok"], node.get("error")
    concrete = [{k: (v,) for k, v in p.items() if isinstance(v, str)} for p in node["config"]["providers"]]
    assert convex.validate(concrete) == []
    for name, token in app_tokens(literal or CLIENT).items():
        assert convex.pick(concrete, token).accepted, f"rejects this app's {name} token"
    for name, token in FOREIGN_TOKENS.items():
        assert not convex.pick(concrete, token).accepted, f"accepts {name}"


def test_fixed_configs_type_check_against_real_convex(results):
    fixed = {case: r.output for case, r in results.items() if r.output is not None}
    assert fixed
    errors = typecheck(fixed)
    assert errors == {case: [] for case in fixed}
