"""Both auth.config.ts and auth.config.js.

What it does: flags a functions folder that holds both `auth.config.ts` and `auth.config.js`.

Why is this bad? Convex's CLI stops: "Found both X and Y, choose one." The tool does not guess
which one is meant and changes neither.

Example:
    convex/auth.config.ts and convex/auth.config.js

Fix safety: no fix: delete the one that is not used.

Source: facts/convex-auth-config.md §1.
"""

from codemod.diagnostics import Applicability, Severity

CODE = "FAC003"
NAME = "both-configs"
SEVERITY = Severity.ERROR
FIX = Applicability.NONE
APPLIES_TO = {}


def check_project(project):
    if project.conflict is not None:
        ts, js = project.conflict
        yield ts, f"Found both {ts.name} and {js.name}, choose one."
