"""A verifier requires an aud claim that new WorkOS environments do not issue.

What it does: flags a verify call that requires an `aud` claim (PyJWT `audience=`, jose and
jsonwebtoken `{ audience }`, python-jose with `require_aud`, authlib with `"essential": True`)
while its issuer check lets in `https://api.workos.com/user_management/<client id>` tokens (or it
has no issuer check).

Why is this bad? Tokens of WorkOS environments created since mid-2025 carry no aud unless the
environment's JWT template sets one, so every one of them is rejected (PyJWT: `Token is missing
the "aud" claim`; jose: `missing required "aud" claim`; jsonwebtoken: `jwt audience invalid`).

Example:
    jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID,
               issuer=["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"])

Fix safety: where the call also accepts the shared issuer `https://api.workos.com`, no fix: the
audience check is what keeps other apps' legacy tokens out, so it stays, and the remedy is in
WorkOS: set `"aud": "<client id>"` in the JWT template (dashboard: Authentication → Features → JWT
Template; or `PUT /user_management/jwt_template`). Where every issuer the call accepts names the
client, the check can go: unsafe fix (applied with --unsafe-fixes), since a backend may rely on it
for more than WorkOS: jose and jsonwebtoken drop `audience`, PyJWT gets
`options={"verify_aud": False}` in its place (PyJWT without an audience rejects tokens that carry
one).

Source: facts/workos-tokens.md (token shapes, JWT templates, "Python and JS verifiers"); PyJWT
api_jwt.py `_validate_aud`; jose jwt_claims_set.js; jsonwebtoken verify.js.
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding

CODE = "VFY002"
NAME = "audience-required-without-aud"
SEVERITY = Severity.WARNING
FIX = Applicability.UNSAFE
APPLIES_TO = {}

TEMPLATE = ('set "aud": "<client id>" in the WorkOS JWT template of each environment created since mid-2025 '
            "(dashboard: Authentication → Features → JWT Template)")


def check_backend(ctx):
    from codemod.backends import model

    for v in ctx.verifiers:
        if v.opaque or not v.audience_enforced:
            continue
        issuer_checked = v.issuer is not None and v.issuer_checked
        if issuer_checked and not v.issuer.is_known:
            continue
        forms = v.issuer.strings if issuer_checked else ()
        if issuer_checked and not any(model.names_client(f) for f in forms):
            continue  # no user_management issuer gets past the issuer check anyway
        message = (f"this {v.lib.name} call requires an aud claim ({v.lib.audience_option}…), "
                   "and tokens of WorkOS environments created since mid-2025 "
                   "(iss https://api.workos.com/user_management/<client id>) carry none unless the JWT template sets "
                   "one: they are all rejected")
        only_client = issuer_checked and all(model.names_client(f) for f in forms)
        if not only_client:
            why = "it keeps other apps' legacy tokens out" if issuer_checked else "this call checks no issuer"
            yield Finding(v.span.start, message, Fix.manual(f"keep the audience check ({why}); {TEMPLATE}"))
            continue
        edits = ctx.file.drop_audience(v)
        if edits is None:
            yield Finding(v.span.start, message, Fix.manual(
                f"{TEMPLATE}; or turn the audience check off: the issuer already names the client"),
                severity=Severity.ERROR)
        else:
            yield Finding(v.span.start, message, Fix.unsafe(
                f"turn the audience check off: the issuer already names the client (or {TEMPLATE})", *edits),
                severity=Severity.ERROR)
