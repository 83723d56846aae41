"""A verifier that accepts other WorkOS apps' tokens by their claims.

What it does: flags a verify call whose issuer check lets in the shared legacy issuer
`https://api.workos.com` without an audience check that requires the aud to name this app:
no audience at all, PyJWT/python-jose `options={"verify_aud": False}`, python-jose without
`require_aud` (it lets a token without aud pass even when an audience is given), authlib without
`"essential": True` on "aud".

Why is this bad? Every legacy WorkOS environment issues `iss: https://api.workos.com`; only the aud
(set by the environment's JWT template) says which app a token is for. Convex refuses such a
provider outright (its shared-issuer guard). Here the token is bound to the app only by the JWKS
keys it is checked against; whether WorkOS environments never share signing keys is not documented.

Example:
    jwt.decode(token, key, algorithms=["RS256"], issuer="https://api.workos.com")

Fix safety: no fix: requiring an aud changes which tokens pass, and a legacy environment whose JWT
template sets no aud (the public bug report's token) can then not sign in at all. Set
`"aud": "<client id>"` in the JWT template, then require it: `audience=<client id>` (python-jose:
also `options={"require_aud": True}`; authlib: `"aud": {"essential": True, "value": <client id>}`).

Source: facts/workos-tokens.md (token shapes, "Python and JS verifiers"); facts/convex-auth-config.md
§2 check 5; python-jose jwt.py `_validate_aud`; authlib rfc7519/claims.py.
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding

CODE = "VFY005"
NAME = "accepts-other-apps-tokens"
SEVERITY = Severity.WARNING
FIX = Applicability.NONE
APPLIES_TO = {}

HOW = {
    "pyjwt": "audience=<client id>",
    "python-jose": 'audience=<client id> and options={"require_aud": True}',
    "authlib": 'claims_options={"aud": {"essential": True, "value": <client id>}, …}',
    "jose": "{ audience: <client id> }",
    "jsonwebtoken": "{ audience: <client id> }",
}


def check_backend(ctx):
    from codemod.backends import model

    for v in ctx.verifiers:
        if v.opaque or v.issuer is None or not v.issuer_checked or not v.issuer.is_known:
            continue
        let_in = [kind.name for kind in model.foreign_tokens(v, model.APP) if model.accepts(v, kind.claims, model.APP)]
        if not let_in:
            continue
        yield Finding(v.issuer.site,
                      f"this {v.lib.name} call accepts {', '.join(let_in)}: the shared issuer https://api.workos.com "
                      "is every legacy app's, and no aud naming this app is required",
                      Fix.manual(f'set "aud": "<client id>" in the WorkOS JWT template, then require it: {HOW[v.library]}'))
