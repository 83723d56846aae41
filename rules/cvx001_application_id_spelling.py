"""`applicationId` or `applicationid` instead of `applicationID`.

What it does: flags a provider key spelled `applicationId` or `applicationid`.

Why is this bad? Convex refuses the push: "Provider at index N must have applicationID property
spelled lowercase 'application', capital I, capital D."

Example:
    { type: "customJwt", issuer: "https://api.workos.com/", applicationId: clientId, … }

Fix safety: safe for WorkOS providers: the key is renamed, the value kept. Providers of other
systems are reported, not changed.

Source: facts/convex-auth-config.md §2 check 1.
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import rename_key

CODE = "CVX001"
NAME = "application-id-spelling"
SEVERITY = Severity.ERROR
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    workos_ids = {id(p) for p in ctx.workos_providers}
    for problem in ctx.problems:
        if problem.check != "application-id-spelling":
            continue
        provider = ctx.config.providers[problem.index]
        field = provider.fields.get("applicationId") or provider.fields.get("applicationid")
        fix = None
        if id(provider) in workos_ids and "applicationID" not in provider.fields:
            fix = Fix.safe("rename the key to `applicationID`", rename_key(field, "applicationID"))
        yield Finding(field.key_span.start, problem.message, fix)
