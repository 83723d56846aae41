"""WorkOS JWKS URL without the client id, or on a wrong path.

What it does: checks the `jwks` of each WorkOS customJwt provider. WorkOS serves the keys of a
client at `https://api.workos.com/sso/jwks/<client id>`; a custom auth domain serves them at
`https://<domain>/sso/jwks/<client id>`, which is kept as it is.

Why is this bad? Convex fetches this URL to verify the token's signature after selecting the
provider, and never tries another provider. A JWKS without the client id, on another path, or
missing altogether fails every token (or the push).

Example:
    { type: "customJwt", issuer: "https://api.workos.com/", jwks: "https://api.workos.com/sso/jwks",
      algorithm: "RS256", applicationID: clientId }

Fix safety: safe on a WorkOS host: the URL becomes `https://<host>/sso/jwks/<client id>` on the same
host. Unsafe for `https://<sub>.authkit.app/oauth2/jwks`: that key set belongs to AuthKit's OAuth
and MCP flows, not to session tokens, and a person should confirm which tokens the app sends.

Source: facts/workos-tokens.md (JWKS); facts/convex-auth-config.md §3 (no fall-through).
"""

from codemod.convex import sym_equal
from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import insert_pair, replace_value, with_client
from codemod.workos import API_HOST, WORKOS_HOSTS, jwks_tail

CODE = "WOS006"
NAME = "jwks-url"
SEVERITY = Severity.ERROR
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    for provider in ctx.workos_providers:
        if provider.kind != "customJwt":
            continue
        issuer_host = ctx.issuer(provider).host.lower()
        home = issuer_host if issuer_host in ctx.custom_hosts or issuer_host in WORKOS_HOSTS else API_HOST
        field = provider.fields.get("jwks")
        if field is None:
            url = with_client(f"https://{home}/sso/jwks/", ctx.client_for(provider), ctx.style, "jwks")
            yield Finding(provider.span.start, "WorkOS provider without jwks: Convex refuses the push",
                          Fix.safe(f"add `jwks: {url}`", *insert_pair(ctx.config, provider, "jwks", url, ctx.style)))
            continue
        sym = field.value.symbolic()
        if sym is None or not sym or not isinstance(sym[0], str):
            continue  # read from the environment: not ours to judge
        found = jwks_tail(sym)
        if found is not None:
            host, tail = found
            if host.lower() in WORKOS_HOSTS + ctx.custom_hosts and sym_equal(tail, ctx.client_for(provider).sym) is not False:
                continue
        host = _host(sym[0])
        if host.endswith(".authkit.app"):
            url = with_client(f"https://{home}/sso/jwks/", ctx.client_for(provider), ctx.style, "jwks")
            yield Finding(field.span.start,
                          f"jwks {field.value.text} is AuthKit's OAuth key set, not the one that signs session tokens",
                          Fix.unsafe(f"use {url}", replace_value(field, url)))
            continue
        if host not in WORKOS_HOSTS + ctx.custom_hosts:
            continue  # a key set elsewhere: not ours to judge
        url = with_client(f"https://{host}/sso/jwks/", ctx.client_for(provider), ctx.style, "jwks")
        if found:
            reason = "does not name this app's client"
        elif "/sso/jwks" in sym[0]:
            reason = "has no client id: WorkOS serves each client's keys at /sso/jwks/<client id>"
        else:
            reason = "is not WorkOS's key set path /sso/jwks/<client id>"
        yield Finding(field.span.start, f"jwks {field.value.text} {reason}",
                      Fix.safe(f"use {url}", replace_value(field, url)))


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].lower()
