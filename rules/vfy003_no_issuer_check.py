"""A verifier beside a WorkOS JWKS that checks no issuer.

What it does: reports a verify call in a file that fetches keys from a WorkOS JWKS URL
(`…/sso/jwks/<client id>`) when the call checks no issuer: no `issuer=` / `{ issuer }`, PyJWT or
python-jose `options={"verify_iss": False}`, authlib `claims_options` without "iss" or claims
never passed to `claims.validate()`.

Why is this bad? Nothing ties the token to WorkOS's issuer: the call relies on the JWKS keys alone.
That is not wrong in itself (the keys are the app's), but an exact issuer check is cheap, documents
which WorkOS environments the service accepts, and keeps working if the key source changes.

Example:
    jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID)

Fix safety: no fix; the message gives the exact forms to add, in the call's syntax:
`https://api.workos.com` (only together with an audience check) and
`https://api.workos.com/user_management/<client id>`.

Source: facts/workos-tokens.md (token shapes, JWKS, "Python and JS verifiers").
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding

CODE = "VFY003"
NAME = "no-issuer-check"
SEVERITY = Severity.INFO
FIX = Applicability.NONE
APPLIES_TO = {}


def check_backend(ctx):
    if not ctx.knows_client:
        return
    for v in ctx.verifiers:
        if v.opaque or (v.issuer is not None and v.issuer_checked):
            continue
        if v.library == "authlib" and v.issuer is not None:
            why = "its claims are never validated (no claims.validate() call in the file)"
        elif v.issuer is not None:
            why = "options turn the issuer check off"
        else:
            why = "no issuer is passed"
        targets = ctx.targets(v, v.span.start)
        forms = targets.forms if targets is not None else []
        add = ctx.snippet(v, forms) if forms else "an exact issuer"
        notes = "".join(f"; {note}" for note in targets.notes) if targets is not None else ""
        yield Finding(v.span.start, f"this {v.lib.name} call checks no issuer ({why}): it relies on the JWKS keys alone",
                      Fix.manual(f"add {add}{notes}"))
