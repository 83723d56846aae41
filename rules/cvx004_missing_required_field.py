"""A provider without the keys Convex requires.

What it does: flags a customJwt provider without `issuer` or `jwks`, and an OIDC provider without
`domain` or `applicationID`. (A WorkOS provider's `jwks` and `algorithm` are WOS006 and WOS009.)

Why is this bad? Convex cannot parse the provider and refuses the push (serde reports "data did not
match any variant of untagged enum SerializedAuthInfo").

Example:
    { type: "customJwt", jwks: "https://example.com/jwks.json", algorithm: "RS256" }

Fix safety: no fix: the missing value is the user's to give.

Source: facts/convex-auth-config.md §1 (AuthConfig type), §2 (parse).
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding

CODE = "CVX004"
NAME = "missing-required-field"
SEVERITY = Severity.ERROR
FIX = Applicability.NONE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    workos_ids = {id(p) for p in ctx.workos_providers}
    for provider in ctx.config.providers:
        if provider.opaque:
            continue  # a spread may supply the keys
        kind = provider.kind
        if kind == "customJwt":
            required = ("issuer",) if id(provider) in workos_ids else ("issuer", "jwks", "algorithm")
        elif kind == "oidc":
            required = ("domain", "applicationID")
        else:
            continue
        missing = [key for key in required if key not in provider.fields]
        if kind == "oidc" and "domain" in missing and "issuer" in provider.fields:
            missing.remove("domain")  # CVX003's case
        if kind == "oidc" and "applicationID" in missing and {"applicationId", "applicationid"} & provider.fields.keys():
            missing.remove("applicationID")  # CVX001's case
        if missing:
            yield Finding(provider.span.start,
                          f"{kind} provider without {', '.join(missing)}: Convex refuses the push",
                          Fix.manual(f"add {', '.join(missing)}"))
