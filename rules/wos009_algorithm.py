"""WorkOS provider without `algorithm: "RS256"`.

What it does: flags a WorkOS customJwt provider whose `algorithm` is missing or is not "RS256".

Why is this bad? Convex requires `algorithm` on a customJwt provider ("RS256" or "ES256"), and
refuses the push without it. WorkOS signs access tokens with RS256, so any other value fails every
signature check.

Example:
    { type: "customJwt", issuer: "https://api.workos.com/", jwks: …, applicationID: clientId }

Fix safety: safe. RS256 is the only algorithm WorkOS access tokens use.

Source: facts/convex-auth-config.md §1 (AuthConfig type), §2 (parse).
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import insert_pair, replace_string, string

CODE = "WOS009"
NAME = "algorithm"
SEVERITY = Severity.ERROR
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    for provider in ctx.workos_providers:
        if provider.kind != "customJwt":
            continue
        field = provider.fields.get("algorithm")
        if field is None:
            yield Finding(provider.span.start, "WorkOS provider without algorithm: Convex refuses the push",
                          Fix.safe('add `algorithm: "RS256"`',
                                   *insert_pair(ctx.config, provider, "algorithm", string("RS256", ctx.style_in(provider.group), "algorithm"), ctx.style)))
            continue
        sym = field.value.symbolic()
        if sym is None or sym == ("RS256",):
            continue
        yield Finding(field.span.start, f"algorithm {field.value.text}: WorkOS signs access tokens with RS256",
                      Fix.safe('use "RS256"', replace_string(ctx.config, field, "RS256", ctx.style)))
