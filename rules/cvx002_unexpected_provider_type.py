"""A provider `type` other than "customJwt" or "oidc".

What it does: flags a `type` value Convex does not know, such as "customJWT" or "jwt".

Why is this bad? Convex refuses the push: "Provider at index N has unexpected 'type' value 'T'".

Example:
    { type: "customJWT", issuer: "https://api.workos.com/", … }

Fix safety: safe for a WorkOS provider whose type differs from "customJwt" only in letter case:
the value is corrected. Otherwise no fix.

Source: facts/convex-auth-config.md §2 check 2.
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import replace_string

CODE = "CVX002"
NAME = "unexpected-provider-type"
SEVERITY = Severity.ERROR
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    workos_ids = {id(p) for p in ctx.workos_providers}
    for problem in ctx.problems:
        if problem.check != "unexpected-type":
            continue
        provider = ctx.config.providers[problem.index]
        field = provider.fields["type"]
        fix = None
        if id(provider) in workos_ids and provider.kind.lower() == "customjwt":
            fix = Fix.safe('use "customJwt"', replace_string(ctx.config, field, "customJwt", ctx.style))
        yield Finding(field.span.start, problem.message, fix)
