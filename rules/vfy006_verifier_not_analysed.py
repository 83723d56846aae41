"""A verify call the tool cannot read.

What it does: reports a WorkOS verify call whose checks are not written where the tool can follow
them: options spread from another object or passed with `**kwargs`, options built by a call or a
variable assigned more than once, PyJWT options passed by position.

Why is this bad? Nothing is wrong with such code, but the tool cannot check or fix what it cannot
see, and it never rewrites it. Each call is listed so that a clean run is not mistaken for a
checked one.

Example:
    jwt.verify(token, key, { ...defaults, issuer })

Fix safety: no fix. The tool never edits a call it does not analyse.

Source: design.md (invariant 1); FAC001 does the same for Convex configs.
"""

from codemod.diagnostics import Applicability, Severity
from codemod.engine import Finding

CODE = "VFY006"
NAME = "verifier-not-analysed"
SEVERITY = Severity.INFO
FIX = Applicability.NONE
APPLIES_TO = {}


def check_backend(ctx):
    for v in ctx.verifiers:
        if v.opaque:
            yield Finding(v.span.start, f"this {v.lib.name} call is not analysed: {v.opaque}")
