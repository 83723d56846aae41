"""A suppression comment that silences nothing.

What it does: reports a `// fix-authconfig-ignore` comment (bare or with codes) when no diagnostic
of those codes is reported for the provider on that line or the next.

Why is this bad? A stale suppression hides the next real problem on that provider, and tells the
reader something that is no longer true.

Example:
    { // fix-authconfig-ignore: WOS002     ← the provider no longer has applicationID
      type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`, … }

Fix safety: no fix: delete the comment, or name the code that still applies.

Source: the tool's own suppression mechanism (README, "Rule control"); ruff's RUF100.
"""

from codemod.diagnostics import Applicability, Severity

CODE = "FAC100"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
FIX = Applicability.NONE
APPLIES_TO = {}


def message(suppression) -> str:
    if suppression.codes is None:
        return "this fix-authconfig-ignore comment silences nothing"
    return f"this fix-authconfig-ignore comment silences nothing: no {', '.join(sorted(suppression.codes))} here"
