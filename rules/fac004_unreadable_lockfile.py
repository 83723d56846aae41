"""A lockfile whose versions cannot be read.

What it does: reports a lockfile in a format the tool cannot read (bun's binary `bun.lockb`),
when some package the rules care about is not installed in node_modules either, so that its version
had to be taken from the range in package.json instead.

Why is this bad? Several rules depend on the installed version (for example CVX005: `satisfies
AuthConfig` needs convex 1.27.5). From a range only its lowest version is known, which may be older
than what the lockfile really pins: the check is then less exact than it could be.

Example:
    bun.lockb   (written by bun before 1.2), and no node_modules

Fix safety: no fix: run `bun install --save-text-lockfile` (bun 1.2 and later write the text
`bun.lock` by default), commit bun.lock and delete bun.lockb.

Source: facts/lockfiles.md §6 (bun.lockb stores versions as packed binary structs).
"""

from codemod.diagnostics import Applicability, Severity

CODE = "FAC004"
NAME = "unreadable-lockfile"
SEVERITY = Severity.WARNING
FIX = Applicability.NONE
APPLIES_TO = {}


def check_versions(project, versions):
    yield from getattr(versions, "warnings", ())
