"""WorkOS configured as an OIDC provider.

What it does: flags an OIDC provider (`domain` + `applicationID`, no `type`) whose domain is a
WorkOS issuer. For `https://<host>/user_management/<client id>` (WorkOS templates of July 2025) it
rewrites the provider as the customJwt user_management provider. Other WorkOS OIDC domains, such as
`https://api.workos.com/convex/<client id>` from a WorkOS tutorial, belong to an issuer family whose
shape is not verified: reported, never rewritten.

Why is this bad? An OIDC provider always checks that aud contains its applicationID, and tokens of
WorkOS environments created since mid-2025 carry no aud: Convex rejects every one
(NoAuthProvider).

Example:
    { domain: `https://api.workos.com/user_management/${clientId}`, applicationID: clientId }

Fix safety: safe for the user_management domain. The issuer path names the client, so the
customJwt provider without applicationID accepts no other app's tokens; its JWKS is the client's
own key set.

Source: facts/convex-auth-config.md §3 (OIDC after the pick); facts/workos-tokens.md (config forms,
flag-gated variants UNVERIFIED).
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import delete_pair, insert_pair, insert_pairs, rename_key, replace_pair, string, with_client
from codemod.workos import IssuerKind

CODE = "WOS010"
NAME = "oidc-workos-provider"
SEVERITY = Severity.ERROR
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    for provider in ctx.workos_providers:
        domain = provider.fields.get("domain")
        if provider.kind != "oidc" or domain is None or "issuer" in provider.fields:
            continue
        issuer = ctx.issuer(provider)
        if issuer.kind is IssuerKind.USER_MANAGEMENT:
            yield Finding(provider.span.start,
                          "OIDC provider for WorkOS: OIDC always checks aud, and user_management tokens carry none",
                          Fix.safe("make it the customJwt user_management provider", *_to_custom_jwt(ctx, provider, domain, issuer.host)))
        elif issuer.kind is IssuerKind.UNVERIFIED:
            yield Finding(provider.span.start,
                          f"OIDC provider for the WorkOS issuer {domain.value.text}: this issuer family is not verified, "
                          "so the tool leaves it alone",
                          Fix.manual("check the iss of a real token with --token"), Severity.WARNING)


def _to_custom_jwt(ctx, provider, domain, host):
    style = ctx.style_in(provider.group)
    edits = insert_pair(ctx.config, provider, "type", string("customJwt", style, "type"), style, first=True)
    edits.append(rename_key(domain, "issuer"))
    added = [(key, value) for key, value in (
        ("algorithm", string("RS256", style, "algorithm")),
        ("jwks", with_client(f"https://{host.lower()}/sso/jwks/", ctx.client_for(provider), style, "jwks")),
    ) if key not in provider.fields]
    app = provider.fields.get("applicationID")
    if app is not None and added:
        edits.append(replace_pair(ctx.config, provider, app, added, style))  # where applicationID stood
    elif app is not None:
        edits += delete_pair(ctx.config, provider, app)
    elif added:
        edits += insert_pairs(ctx.config, provider, added, style)
    return edits
