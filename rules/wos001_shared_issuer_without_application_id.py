"""Shared WorkOS issuer without applicationID.

What it does: flags a WorkOS provider whose issuer is the shared `https://api.workos.com` (with or
without trailing slashes, in any spelling) and that has no `applicationID`.

Why is this bad? Every WorkOS app's legacy tokens carry this issuer. Without an applicationID
Convex cannot tell this app's tokens from anyone else's, so it refuses the push
(InsecureConfiguration). A spelling its exact-match guard does not know, such as
`https://api.workos.com//` or `HTTPS://api.workos.com`, slips past that guard and then accepts the
tokens of every WorkOS app: worse than a refused push.

Example:
    { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256",
      jwks: `https://api.workos.com/sso/jwks/${clientId}` }

Fix safety: safe. Adding `applicationID: <client id>` makes Convex require `aud` to name this app,
which is what the WorkOS JWT template sets for legacy environments. A legacy token without aud is
accepted by no secure config; `--token` explains that case.

Source: facts/convex-auth-config.md §2 check 5 and §3; facts/workos-tokens.md (token shapes table).
"""

from codemod import convex
from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import client_value, insert_pair
from codemod.workos import LEGACY_NO_AUD, IssuerKind

CODE = "WOS001"
NAME = "shared-issuer-without-application-id"
SEVERITY = Severity.ERROR
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    for provider in ctx.workos_providers:
        if ctx.issuer(provider).kind is not IssuerKind.SHARED or provider.kind != "customJwt":
            continue
        if any(key in provider.fields for key in ("applicationID", "applicationId", "applicationid", "audience")):
            continue  # WOS008 and CVX001 handle the misnamed keys
        if any(p.index == provider.index and p.check == "shared-issuer" for p in ctx.problems):
            message = "shared WorkOS issuer without applicationID: Convex refuses the push (InsecureConfiguration)"
        elif convex.pick([ctx.fields[provider.index]], LEGACY_NO_AUD).accepted:
            message = ("shared WorkOS issuer without applicationID, spelled so that Convex's guard misses it: "
                       "this provider accepts the tokens of every WorkOS app")
        else:
            message = ("shared WorkOS issuer without applicationID, spelled so that Convex's guard misses it "
                       "and no token matches it")
        value = client_value(ctx.client_for(provider), ctx.style)
        yield Finding(provider.fields["issuer"].span.start, message,
                      Fix.safe(f"add `applicationID: {value}`",
                               *insert_pair(ctx.config, provider, "applicationID", value, ctx.style)))
