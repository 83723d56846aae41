"""A verifier's issuer that no WorkOS token carries.

What it does: flags the issuer a backend passes to PyJWT, python-jose, authlib, jose or
jsonwebtoken when it matches no WorkOS token exactly: `https://api.workos.com/` (with the slash),
`…/user_management` without the client id, a trailing slash after the client id, `http://`, an
upper-case host, `https://api.workos.com/<client id>`, or an issuer list that the installed PyJWT
cannot take (before 2.9 a list is compared with `!=` to the iss string; 2.9 takes only a `list`).

Why is this bad? These libraries compare the token's iss exactly; unlike Convex, they do not
forgive a trailing slash. Legacy WorkOS environments issue exactly `https://api.workos.com`, those
created since mid-2025 `https://api.workos.com/user_management/<client id>`, so every token is
rejected ("Invalid issuer", "unexpected \"iss\" claim value", "jwt issuer invalid").

Example:
    jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer="https://api.workos.com/")

Fix safety: safe. The issuer becomes the exact forms this app can receive: where the mistake was
on api.workos.com, both `https://api.workos.com` and `https://api.workos.com/user_management/<client
id>` as a list (one string where the installed PyJWT takes no list). The shared legacy issuer is
written only where the call also requires an aud claim: without that check any legacy app's token
would pass. The client id is written as the file's JWKS URL reads it. The fix is checked by
simulating the library on WorkOS tokens of this app and of another one.

Source: facts/workos-tokens.md ("Python and JS verifiers", token shapes); PyJWT api_jwt.py
`_validate_iss` at 2.8.0, 2.9.0, 2.10.1; jose jwt_claims_set.js; jsonwebtoken verify.js.
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding

CODE = "VFY001"
NAME = "issuer-matches-no-token"
SEVERITY = Severity.ERROR
FIX = Applicability.SAFE
APPLIES_TO = {}


def check_backend(ctx):
    from codemod.backends import model

    seen = set()  # one issuer constant read by several calls is reported (and fixed) once
    for v in ctx.verifiers:
        if v.opaque or v.issuer is None or not v.issuer.is_known or not v.issuer_checked or v.issuer.span in seen:
            continue
        forms = v.issuer.strings
        mistakes = [f for f in forms if model.classify(f).kind == "mistake"]
        bad_container = False
        if v.issuer.container != "str" and ctx.list_supported(v) is not None:
            concrete = model.concrete(v.issuer, model.APP)
            bad_container = not any(model.issuer_ok(v.library, v.issuer.container, concrete, form, ctx.version(v))
                                    for form in concrete)
        if not mistakes and not bad_container:
            continue
        seen.add(v.issuer.span)
        targets = ctx.targets(v, v.issuer.site)
        if mistakes:
            shown = ", ".join(f'"{ctx.show(f)}"' for f in mistakes)
            intended = dict.fromkeys(ctx.show(model.classify(f).intended) for f in mistakes)
            message = (f"issuer {shown} matches no WorkOS token: {v.lib.name} compares the iss exactly, and "
                       f"WorkOS issues {' / '.join(intended)}")
            if v.library == "pyjwt" and ctx.version(v) == "2.10.0" and v.issuer.container == "str":
                message += " (PyJWT 2.10.0 lets a part of it pass: see VFY004)"
        else:
            message = (f"{ctx.version_note(v)} does not take an issuer {v.issuer.container}: it compares it with the "
                       "iss string, so every token is rejected")
        if targets is None:
            yield Finding(v.issuer.site, message, Fix.manual(
                "write the exact issuers: https://api.workos.com (only with an audience check) and "
                "https://api.workos.com/user_management/<client id>"))
            continue
        edits = ctx.issuer_edits(v, targets)
        shown_targets = ctx.snippet(v, targets.forms)
        notes = "".join(f"; {note}" for note in targets.notes)
        if edits is None:
            yield Finding(v.issuer.site, message, Fix.manual(f"use {shown_targets}{notes}"))
        else:
            yield Finding(v.issuer.site, message, Fix.safe(f"use {shown_targets}{notes}", *edits))
