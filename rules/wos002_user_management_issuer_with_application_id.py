"""User-management provider requires an aud claim.

What it does: flags a WorkOS provider whose issuer is `https://<host>/user_management/<client id>`
and that also sets `applicationID`.

Why is this bad? WorkOS environments created since mid-2025 issue exactly this issuer and no `aud`
claim unless a JWT template adds one. Convex checks `aud` whenever `applicationID` is set, so every
such token is rejected and Convex logs NoAuthProvider. Templates and docs from July to October 2025
wrote both providers with applicationID.

Example:
    { type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`,
      algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId }

Fix safety: safe. The issuer itself names the client, so without applicationID the provider still
accepts no other app's tokens; it also keeps accepting tokens that do carry an aud.

Source: facts/convex-auth-config.md §3; facts/workos-tokens.md (environments since mid-2025,
"Both providers with applicationID").
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import delete_pair
from codemod.workos import IssuerKind

CODE = "WOS002"
NAME = "user-management-issuer-with-application-id"
SEVERITY = Severity.ERROR
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    for provider in ctx.workos_providers:
        field = provider.fields.get("applicationID")
        if field is None or provider.kind != "customJwt":
            continue
        if ctx.issuer(provider).kind is not IssuerKind.USER_MANAGEMENT:
            continue
        yield Finding(field.span.start,
                      "the user_management issuer already names the client, and its tokens carry no aud unless a JWT "
                      "template sets one: "
                      "with applicationID set, Convex rejects them (NoAuthProvider)",
                      Fix.safe("remove `applicationID` from this provider", *delete_pair(ctx.config, provider, field)))
