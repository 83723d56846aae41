"""Code the tool cannot see into.

What it does: reports each part of the config the parser does not follow: providers built by a
call, spread from another module, chosen by a condition, or a provider key that is computed.

Why is this bad? Nothing is wrong with such code, but the tool cannot check or fix what it cannot
see, and it never rewrites it. Each place is listed so that a clean run is not mistaken for a
checked one.

Example:
    export default { providers: buildProviders() };

Fix safety: no fix. The tool never edits code it does not analyse.

Source: design.md (parse; invariant 1).
"""

from codemod.diagnostics import Applicability, Severity
from codemod.engine import Finding

CODE = "FAC001"
NAME = "not-analysed"
SEVERITY = Severity.INFO
FIX = Applicability.NONE
APPLIES_TO = {}


def check(ctx):
    for note in ctx.config.notes:
        yield Finding(note.span.start, note.message)
