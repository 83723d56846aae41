"""A WorkOS issuer that no token carries.

What it does: flags WorkOS issuers that match no real token: `https://api.workos.com/${clientId}`
(a typo in Convex's docs before 2025-07-31), `…/user_management` without the client id, `http://`
instead of `https://`, an upper-case host, and the shared issuer with extra slashes or case changes.
An issuer on another host is a custom auth domain: it is understood and kept.

Why is this bad? Convex compares the token's iss with the issuer byte for byte (after removing
trailing slashes), so these providers are never selected and every token gets NoAuthProvider. A
shared issuer in an unusual spelling also slips past Convex's shared-issuer guard.

Example:
    { type: "customJwt", issuer: `https://api.workos.com/${clientId}`, applicationID: clientId, … }

Fix safety: safe. The issuer becomes the canonical form of what it meant: the shared issuer
`https://api.workos.com/` (with applicationID added when missing), or
`https://<host>/user_management/<client id>`.

Source: facts/convex-auth-config.md §2 check 5, §3; facts/workos-tokens.md (config forms).
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import client_value, insert_pair, replace_value, string, with_client
from codemod.workos import API_HOST, SHARED_ISSUER, IssuerKind

CODE = "WOS005"
NAME = "issuer-mistake"
SEVERITY = Severity.ERROR
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}

_CANONICAL_SHARED = ("https://api.workos.com/", "https://api.workos.com")


def check(ctx):
    for provider in ctx.workos_providers:
        field = provider.fields.get("issuer")
        if field is None or provider.kind != "customJwt":
            continue
        issuer = ctx.issuer(provider)
        sym = field.value.symbolic()
        host = issuer.host.lower()
        if issuer.kind is IssuerKind.CLIENT_PATH and host == API_HOST:
            edits = [replace_value(field, string(SHARED_ISSUER, ctx.style, "issuer"))]
            if not _has_audience_key(provider):
                edits += insert_pair(ctx.config, provider, "applicationID", client_value(ctx.client_for(provider), ctx.style), ctx.style)
            yield Finding(field.span.start,
                          f"issuer {field.value.text} matches no WorkOS token (a typo from Convex's docs before 2025-07-31)",
                          Fix.safe("use the shared issuer with applicationID", *edits))
        elif issuer.kind is IssuerKind.USER_MANAGEMENT_NO_CLIENT:
            new = with_client(f"https://{host}/user_management/", ctx.client_for(provider), ctx.style, "issuer")
            yield Finding(field.span.start, "user_management issuer without the client id matches no WorkOS token",
                          Fix.safe(f"use {new}", replace_value(field, new)))
        elif issuer.kind is IssuerKind.SHARED and "".join(sym) not in _CANONICAL_SHARED:
            edits = [replace_value(field, string(SHARED_ISSUER, ctx.style, "issuer"))]
            if not _has_audience_key(provider):
                edits += insert_pair(ctx.config, provider, "applicationID", client_value(ctx.client_for(provider), ctx.style), ctx.style)
            yield Finding(field.span.start,
                          f"shared WorkOS issuer spelled {field.value.text}: Convex's guard and the token's iss "
                          "expect https://api.workos.com",
                          Fix.safe(f"use {SHARED_ISSUER}" + (" with applicationID" if len(edits) > 1 else ""), *edits))
        elif issuer.kind is IssuerKind.USER_MANAGEMENT and not issuer.canonical_spelling:
            new = with_client(f"https://{host}/user_management/", ctx.client_for(provider), ctx.style, "issuer")
            yield Finding(field.span.start,
                          f"issuer {field.value.text} differs from the token's iss, which is https://{host}/…",
                          Fix.safe(f"use {new}", replace_value(field, new)))


def _has_audience_key(provider) -> bool:
    """applicationID, or a key that WOS008 / CVX001 turn into it."""
    return any(key in provider.fields for key in ("applicationID", "applicationId", "applicationid", "audience"))
