"""No provider accepts legacy tokens that carry aud.

What it does: flags a config with WorkOS providers, none of which has the shared issuer
`https://api.workos.com` (the issuer of legacy WorkOS environments).

Why is this bad? Legacy WorkOS environments issue tokens with iss `https://api.workos.com`; when
their JWT template sets `aud` to the client id, only a shared-issuer provider with that
applicationID accepts them. Development and production environments can be of different ages, so a
config with only the user_management provider can work in one and fail in the other. The canonical
config accepts both kinds.

Example:
    providers: [{ type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`,
                  algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}` }]

Fix safety: safe. The added provider carries `applicationID: <client id>`, so Convex accepts only
tokens whose aud names this app. Legacy tokens without aud stay rejected: no secure config accepts
them (see `--token`).

Source: facts/workos-tokens.md (token shapes table, canonical config); facts/convex-auth-config.md §2.
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import append_provider, render_provider, workos_provider
from codemod.workos import IssuerKind

CODE = "WOS004"
NAME = "missing-shared-issuer-provider"
SEVERITY = Severity.WARNING
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}

# Providers that are, or that a fix turns into, the shared-issuer provider.
_COVERS = (IssuerKind.SHARED, IssuerKind.CLIENT_PATH, IssuerKind.UNKNOWN)


def check(ctx):
    for group, manual in ctx.missing(lambda provider: ctx.issuer(provider).kind in _COVERS):
        at = ctx.config.groups[group].span.start
        if manual is not None:
            yield Finding(at, "no provider beside this array accepts tokens of legacy WorkOS environments "
                              "(iss https://api.workos.com, aud set by the JWT template)",
                          Fix.manual(f"add the shared-issuer provider with applicationID; {manual}"))
            continue
        client = ctx.client_in(group)
        text, multiline = render_provider(ctx.config, workos_provider("shared", client, ctx.style_in(group)), ctx.style, group)
        yield Finding(at,
                      "no provider accepts tokens of legacy WorkOS environments "
                      "(iss https://api.workos.com, aud set by the JWT template)",
                      Fix.safe("add the shared-issuer provider with applicationID",
                               *append_provider(ctx.config, text, multiline, ctx.style, group)))
