"""`audience` instead of `applicationID`.

What it does: flags an `audience` key in a WorkOS provider. Convex reads only `applicationID`.

Why is this bad? Convex ignores unknown keys, so no aud check happens. On the shared issuer
`https://api.workos.com` that means the provider has no applicationID and Convex refuses the push
(InsecureConfiguration); elsewhere the key is dead weight that looks like a check.

Example:
    { type: "customJwt", issuer: "https://api.workos.com/", audience: clientId, … }

Fix safety: safe on the shared issuer when the provider has no applicationID: the key is renamed to
`applicationID`, the check it was meant to be. Elsewhere no fix: the key does nothing, and whether
an aud check is wanted there is for a person to decide.

Source: facts/workos-tokens.md (other shapes seen); facts/convex-auth-config.md §1, §2.
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import rename_key
from codemod.workos import IssuerKind

CODE = "WOS008"
NAME = "audience-key"
SEVERITY = Severity.WARNING
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    for provider in ctx.workos_providers:
        field = provider.fields.get("audience")
        if field is None:
            continue
        if ctx.issuer(provider).kind is IssuerKind.SHARED and "applicationID" not in provider.fields:
            yield Finding(field.key_span.start,
                          "Convex ignores `audience`: this shared-issuer provider has no applicationID, "
                          "so Convex refuses the push",
                          Fix.safe("rename `audience` to `applicationID`", rename_key(field, "applicationID")),
                          Severity.ERROR)
        else:
            yield Finding(field.key_span.start, "Convex ignores `audience`; only `applicationID` is checked against aud",
                          Fix.manual("remove `audience`, or rename it to `applicationID` if an aud check is meant"))
