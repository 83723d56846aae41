"""node_modules, the lockfile and package.json disagree about a version.

What it does: reports a package the rules care about when the copy installed in node_modules is
not the version the lockfile pins, or when the version pinned (or installed, without a lockfile)
is outside the range package.json declares. It says which version the checks used: the installed
one before the locked one, the locked one before the range.

Why is this bad? A stale install or lockfile means the version the rules judged is not the one
the next `install` (or the deployment) will use, so a finding that depends on it may change.

Example:
    node_modules/convex/package.json says 1.26.0; package-lock.json locks 1.25.4

Fix safety: no fix: run the package manager's install (for a stale node_modules), or update the
lockfile (for a range it does not satisfy).

Source: facts/lockfiles.md (where each manager records the resolved version); npm's node-semver
range semantics (codemod/semver.py).
"""

from codemod.diagnostics import Applicability, Severity

CODE = "FAC005"
NAME = "versions-disagree"
SEVERITY = Severity.INFO
FIX = Applicability.NONE
APPLIES_TO = {}


def check_versions(project, versions):
    yield from getattr(versions, "disagreements", ())
