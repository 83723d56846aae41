"""No provider accepts user_management tokens.

What it does: flags a config with WorkOS providers, none of which has the issuer
`https://api.workos.com/user_management/<client id>`.

Why is this bad? WorkOS environments created since mid-2025 issue tokens with exactly that issuer
and no aud. A config with only the shared-issuer provider rejects all of them (NoAuthProvider).
Development and production environments can be of different ages, so a config that works in one
fails in the other; the canonical config accepts both kinds.

Example:
    providers: [{ type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256",
                  jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId }]

Fix safety: safe. The added provider is bound to this app by its issuer path and needs no
applicationID, so it accepts no other app's tokens.

Source: facts/workos-tokens.md (token shapes table, canonical config); Convex docs auth/authkit.
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import append_provider, render_provider, workos_provider
from codemod.workos import API_HOST, IssuerKind

CODE = "WOS003"
NAME = "missing-user-management-provider"
SEVERITY = Severity.WARNING
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}

# Providers that are, or that a fix turns into, the user_management provider on api.workos.com.
_COVERS = (IssuerKind.USER_MANAGEMENT, IssuerKind.USER_MANAGEMENT_NO_CLIENT)


def check(ctx):
    def covers(provider) -> bool:
        issuer = ctx.issuer(provider)
        # an issuer read from the environment may be this one
        return (issuer.kind in _COVERS and issuer.host.lower() == API_HOST) or issuer.kind is IssuerKind.UNKNOWN

    for group, manual in ctx.missing(covers):
        at = ctx.config.groups[group].span.start
        if manual is not None:
            yield Finding(at, "no provider beside this array accepts tokens of WorkOS environments created since "
                              "mid-2025 (iss https://api.workos.com/user_management/<client id>, no aud)",
                          Fix.manual(f"add the user_management provider; {manual}"))
            continue
        client = ctx.client_in(group)
        text, multiline = render_provider(ctx.config, workos_provider("user_management", client, ctx.style_in(group)),
                                          ctx.style, group)
        yield Finding(at,
                      "no provider accepts tokens of WorkOS environments created since mid-2025 "
                      "(iss https://api.workos.com/user_management/<client id>, no aud)",
                      Fix.safe("add the user_management provider",
                               *append_provider(ctx.config, text, multiline, ctx.style, group)))
