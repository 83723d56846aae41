"""customJwt provider with `domain`, or OIDC provider with `issuer`.

What it does: flags a customJwt provider that has a `domain` key, and an OIDC provider (no `type`
or `type: "oidc"`) that has an `issuer` key.

Why is this bad? Convex refuses the push: "Provider at index N is a customJwt so cannot have a
'domain' specified" / "Provider at index N is oidc so cannot have an 'issuer' specified."

Example:
    { type: "customJwt", domain: "https://api.workos.com/", jwks: …, algorithm: "RS256" }

Fix safety: safe for a WorkOS customJwt provider with `domain` and no `issuer`: the key is renamed
to `issuer`. A WorkOS provider with `issuer` and `jwks` but no `type` gets `type: "customJwt"`,
which is what its keys describe. Otherwise no fix, nor when the issuer would then fail Convex's URL
check (the push would still be refused).

Source: facts/convex-auth-config.md §2 checks 3 and 4.
"""

from codemod import convex
from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import insert_pair, rename_key, string

CODE = "CVX003"
NAME = "provider-kind-mismatch"
SEVERITY = Severity.ERROR
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    workos_ids = {id(p) for p in ctx.workos_providers}
    for problem in ctx.problems:
        if problem.check not in ("customjwt-domain", "oidc-issuer"):
            continue
        provider = ctx.config.providers[problem.index]
        ours = id(provider) in workos_ids
        fix = None
        fields = dict(ctx.fields[provider.index])
        if problem.check == "customjwt-domain":
            field = provider.fields["domain"]
            fields["issuer"] = fields.pop("domain")
            if ours and "issuer" not in provider.fields and _url_ok(fields):
                fix = Fix.safe("rename `domain` to `issuer`", rename_key(field, "issuer"))
        else:
            field = provider.fields["issuer"]
            fields["type"] = ("customJwt",)
            if ours and "type" not in provider.fields and "jwks" in provider.fields and "domain" not in provider.fields \
                    and _url_ok(fields):
                fix = Fix.safe('add `type: "customJwt"`', *insert_pair(
                    ctx.config, provider, "type", string("customJwt", ctx.style_in(provider.group), "type"), ctx.style, first=True))
        yield Finding(field.key_span.start, problem.message, fix)


def _url_ok(fields) -> bool:
    """The fixed provider's issuer passes Convex's URL check: else the fix trades one refusal for another."""
    url = fields.get("issuer")
    if url and isinstance(url[0], str) and "://" in url[0]:  # a template: its scheme is known all the same
        if url[0].split("://", 1)[0].lower() not in ("http", "https"):
            return False
    return not any(p.check == "invalid-url" for p in convex.validate([fields]))
