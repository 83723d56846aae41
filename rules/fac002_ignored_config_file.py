"""An auth config under a name Convex does not read.

What it does: flags `auth.config.mjs` and `auth.config.cjs` in the functions folder.

Why is this bad? Convex's CLI reads only `auth.config.ts` and `auth.config.js`. A config under
another name is silently ignored, so the deployment has no providers (or the ones of another file)
and every token gets NoAuthProvider.

Example:
    convex/auth.config.mjs

Fix safety: no fix: rename the file to `auth.config.ts` or `auth.config.js`.

Source: facts/convex-auth-config.md §1.
"""

from codemod.diagnostics import Applicability, Severity

CODE = "FAC002"
NAME = "ignored-config-file"
SEVERITY = Severity.WARNING
FIX = Applicability.NONE
APPLIES_TO = {}


def check_project(project):
    for path in project.ignored_configs:
        yield path, f"Convex reads only auth.config.ts or auth.config.js; {path.name} is ignored"
