"""The properties every run of the tool must have, on any input (tests/test_properties.py, bench/fuzz.py).

In Python, per case (`run_case`): no exception but InputError; a written result parses with no ERROR
node; a second run changes nothing and reports the same problems; the bytes outside the parts the
tool may edit are unchanged (a character diff, `changed_outside`); every comment survives.
With Node, for a batch (`node_failures`, one esbuild+Node evaluation for all cases): the result
evaluates when the input did; it accepts no token of another client id that the input did not accept;
it leaves no more providers that Convex refuses at push; with both canonical providers it accepts this app's tokens of both
kinds; and the parsed model agrees with Node on the providers and on which one each token picks.
"""

from __future__ import annotations

import difflib
from typing import NamedTuple

from codemod import convex
from codemod.context import Context, fields_of
from codemod.convex import Token
from codemod.engine import FileResult, Options, process
from codemod.errors import InputError
from codemod.model import expand, substitute
from codemod.parse import has_syntax_error, parse
from configgen import CLIENT, CLIENT_PROD, CUSTOM_HOST, ENV, LITERAL_CLIENT, OTHER, Case

BOM = b"\xef\xbb\xbf"


class Outcome(NamedTuple):
    case: Case
    result: FileResult | None  # None: the input was refused as bad input (InputError)
    error: str | None = None


def _path(case: Case) -> str:
    return "convex/auth.config.js" if case.js else "convex/auth.config.ts"


def run_case(case: Case, rules, options: Options = Options()) -> Outcome:
    """Run the tool on one case and check the Python-side properties; AssertionError on a failure."""
    path = _path(case)
    try:
        result = process(path, case.data, rules, options)
    except InputError as err:
        return Outcome(case, None, str(err))
    if result.output is None:
        return Outcome(case, result)
    output = result.output
    assert output.startswith(BOM) == case.data.startswith(BOM), "BOM changed"
    body = output[3:] if output.startswith(BOM) else output
    line = has_syntax_error(body)
    assert line is None, f"the written result has a syntax error at line {line}"
    again = process(path, output, rules, options)
    assert again.output is None, "a second run changed the file again"
    assert sorted(d.code for d in again.found) == sorted(d.code for d in result.remaining), \
        "a second run reports other problems"
    outside = changed_outside(path, case.data, output)
    assert not outside, f"bytes changed outside the editable parts: {outside}"
    before_comments, after_comments = _comments(case.data), _comments(output)
    missing = [c for c in before_comments if c not in after_comments]
    assert not missing, f"comments lost: {missing}"
    if b"\r\n" in case.data and case.data.count(b"\n") == case.data.count(b"\r\n"):
        assert output.count(b"\n") == output.count(b"\r\n"), "a bare LF in a CRLF file"
    return Outcome(case, result)


def _comments(data: bytes) -> list[bytes]:
    from codemod.parse import _parser

    body = data[3:] if data.startswith(BOM) else data
    stack, found = [_parser().parse(body).root_node], []
    while stack:
        node = stack.pop()
        if node.type == "comment":
            found.append(node.text.strip())
        stack.extend(node.children)
    return sorted(found)


# --- bytes outside the edit spans ----------------------------------------------------------------
# A character diff of two configs that share most of their lines aligns repeated provider text in
# surprising ways, so the check compares skeletons instead: each text with the parts the tool may
# edit (the WorkOS providers, and the tail of an array that holds them, where providers are
# appended) masked, comments dropped (they are checked on their own), and the commas and spaces
# around a mask folded into it. Outside the masks the skeletons must be byte-identical; a
# mismatch is reported as a unified diff of the two skeletons. A mask of the input may stand for
# a mask of the output or for nothing (a provider removed).

MASK = b"\x00"


def skeleton(path: str, data: bytes) -> bytes:
    import re

    from codemod.parse import _parser

    ctx = Context(parse(path, data))
    source = ctx.config.source
    masks = [(p.span.start, p.span.end) for p in ctx.workos_providers]
    for group in {p.group for p in ctx.workos_providers}:
        if group < len(ctx.config.groups):
            g = ctx.config.groups[group]
            masks.append((g.elements[-1].end if g.elements else g.span.start + 1, g.span.end - 1))
    drops = []
    stack = [_parser().parse(source).root_node]
    while stack:
        node = stack.pop()
        if node.type == "comment":
            drops.append((node.start_byte, node.end_byte))
        stack.extend(node.children)
    out, at = [], 0
    for lo, hi, kind in sorted([(lo, hi, "mask") for lo, hi in _merged(masks)] +
                               [(lo, hi, "drop") for lo, hi in drops]):
        if hi <= at:
            continue
        out.append(source[at:max(lo, at)])
        out.append(MASK if kind == "mask" else b"")
        at = hi
    out.append(source[at:])
    return re.sub(rb"[\s,]*\x00(?:[\s,]*\x00)*[\s,]*", MASK, b"".join(out))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def changed_outside(path: str, before: bytes, after: bytes) -> str:
    """A unified diff of the skeletons of the two texts: empty when nothing outside the parts the
    tool may edit changed."""
    import re

    a, b = skeleton(path, before), skeleton(path, after)
    # A mask of the input stands for what the tool made of those parts: a mask of the output (a
    # fixed provider, providers added) or nothing at all (a provider removed, WOS012).
    pattern = rb"[\s,\x00]*".join(re.escape(part) for part in a.split(MASK))
    if re.fullmatch(pattern, b):
        return ""
    lines = difflib.unified_diff(a.decode(errors="replace").replace("\0", "<edit>").splitlines(True),
                                 b.decode(errors="replace").replace("\0", "<edit>").splitlines(True), n=1)
    return "".join(lines)


# --- with Node ------------------------------------------------------------------------------------


def app_tokens(client: str) -> dict[str, Token]:
    return {
        f"{client} legacy with aud": Token(("https://api.workos.com",), ((client,),)),
        f"{client} user_management": Token((f"https://api.workos.com/user_management/{client}",)),
    }


FOREIGN_TOKENS = {
    "legacy, another client's aud": Token(("https://api.workos.com",), ((OTHER,),)),
    "legacy without aud": Token(("https://api.workos.com",)),
    "user_management of another client": Token((f"https://api.workos.com/user_management/{OTHER}",)),
    "custom domain of another client": Token((f"https://{CUSTOM_HOST}/user_management/{OTHER}",)),
}
ALL_TOKENS = {**FOREIGN_TOKENS, **{k: v for c in (CLIENT, CLIENT_PROD, LITERAL_CLIENT) for k, v in app_tokens(c).items()},
              "custom domain": Token((f"https://{CUSTOM_HOST}/user_management/{CLIENT}",)),
              "aud convex": Token(("https://api.workos.com",), (("convex",),))}


def sources(outcomes: list[Outcome]) -> dict[str, bytes]:
    """The texts to evaluate, keyed so that the oracle gives a .js file a .js name."""
    out = {}
    for i, outcome in enumerate(outcomes):
        suffix = ".js" if outcome.case.js else ""
        out[f"{i}:before{suffix}"] = outcome.case.data
        if outcome.result is not None and outcome.result.output is not None:
            out[f"{i}:after{suffix}"] = outcome.result.output
    return out


def _concrete(node: dict) -> list[dict] | None:
    if not node.get("ok") or not isinstance(node.get("config"), dict):
        return None
    providers = node["config"].get("providers")
    if not isinstance(providers, list) or not all(isinstance(p, dict) for p in providers):
        return None
    return [{k: (v,) if v else () for k, v in p.items() if isinstance(v, str)} for p in providers]


def _trim(url: str) -> str:
    return url.rstrip("/")


def _has_canonical(providers: list[dict], client: str) -> bool:
    shared = any(p.get("type") == ("customJwt",) and _trim("".join(p.get("issuer", ("",)))) == "https://api.workos.com"
                 and p.get("applicationID") == (client,) for p in providers)
    um = any(p.get("type") == ("customJwt",) and "applicationID" not in p and
             _trim("".join(p.get("issuer", ("",)))) == f"https://api.workos.com/user_management/{client}" for p in providers)
    return shared and um


def node_failures(outcomes: list[Outcome], evaluated: dict[str, dict]) -> list[str]:
    failures = []
    for i, outcome in enumerate(outcomes):
        suffix = ".js" if outcome.case.js else ""
        before_node = evaluated[f"{i}:before{suffix}"]
        before = _concrete(before_node)
        failures += [f"{outcome.case.name}: {m}" for m in _model_agrees(outcome, outcome.case.data, before_node)]
        if outcome.result is None or outcome.result.output is None:
            continue
        after_node = evaluated[f"{i}:after{suffix}"]
        after = _concrete(after_node)
        failures += [f"{outcome.case.name} (fixed): {m}" for m in _model_agrees(outcome, outcome.result.output, after_node)]
        if after is None:
            if before is not None:
                failures.append(f"{outcome.case.name}: the input evaluates, the fixed file does not: {after_node.get('error')}")
            continue
        # A config Convex refuses at push accepts nothing at all.
        pushed = before is not None and not convex.validate(before)
        for name, token in FOREIGN_TOKENS.items():
            if convex.pick(after, token).accepted and not (pushed and convex.pick(before, token).accepted):
                failures.append(f"{outcome.case.name}: the fix accepts {name}")
        if before is not None:
            broken_before = {p.index for p in convex.validate(before)}
            broken_after = {p.index for p in convex.validate(after)}
            if len(broken_after) > len(broken_before):  # from none: Convex now refuses a config it took
                failures.append(f"{outcome.case.name}: the fix leaves more providers Convex refuses "
                                f"({len(broken_before)} before, {len(broken_after)} after)")
        for client in outcome.case.clients:
            if not _has_canonical(after, client):
                continue
            for name, token in app_tokens(client).items():
                picked = convex.pick(after, token)
                if not picked.accepted:
                    failures.append(f"{outcome.case.name}: both canonical providers, yet {name} is rejected")
                    continue
                chosen = after[picked.index]
                good_jwks = "".join(chosen.get("jwks", ("",))).endswith(f"/sso/jwks/{client}") and \
                    chosen.get("algorithm") == ("RS256",)
                kept = before is not None and any(p.get("jwks") == chosen.get("jwks") for p in before)
                if not good_jwks and not kept:  # a key set the user wrote is theirs (WOS006 reports it)
                    failures.append(f"{outcome.case.name}: {name} picks a provider the fix wrote with jwks "
                                    f"{chosen.get('jwks')} / {chosen.get('algorithm')}")
    return failures


def _model_agrees(outcome: Outcome, data: bytes, node: dict) -> list[str]:
    """The parsed model, expanded as JavaScript would, matches what Node evaluated."""
    try:
        config = parse(_path(outcome.case), data)
    except InputError:
        return []
    concrete = _concrete(node)
    if config.notes or concrete is None:
        return []
    expanded = expand(config, ENV)
    if expanded is None:
        return ["an analysed config the model cannot expand"]
    model = [{k: substitute(v, bindings) for k, v in fields_of(p).items()} for p, bindings in expanded]
    if len(model) != len(concrete):
        return [f"the model has {len(model)} providers, Node {len(concrete)}"]
    out = []
    for index, (fields, js) in enumerate(zip(model, concrete)):
        for key, sym in fields.items():
            if key in js and sym is not None and convex._substitute(sym, ENV) != (js[key] if js[key] else ()):
                out.append(f"provider {index} {key}: model {sym}, Node {js[key]}")
    for name, token in ALL_TOKENS.items():
        on_model, on_node = convex.pick(model, token, ENV), convex.pick(concrete, token)
        if on_model.index != on_node.index:
            out.append(f"{name}: the model picks {on_model.index}, Node's config {on_node.index}")
    return out


def typecheck_failures(outcomes: list[Outcome], typecheck) -> list[str]:
    """Fixed TypeScript configs type-check (tsc, against the real convex) whenever the input did."""
    batch = {}
    for i, outcome in enumerate(outcomes):
        if outcome.case.js or outcome.result is None or outcome.result.output is None:
            continue
        batch[f"{i}:before"] = outcome.case.data
        batch[f"{i}:after"] = outcome.result.output
    errors = typecheck(batch)
    return [f"{outcomes[int(key.split(':')[0])].case.name}: {errors[key]}" for key in batch
            if key.endswith(":after") and errors[key] and not errors[key.replace(":after", ":before")]]
