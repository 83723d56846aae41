"""A provider an earlier provider always shadows.

What it does: flags a provider whose issuer (or OIDC domain) equals that of an earlier provider up
to trailing slashes, when the earlier one is always in the list with it and checks no stricter aud
(it has no applicationID, or the same one). The usual case is a "workaround" copy:
`https://api.workos.com` beside `https://api.workos.com/`, or `…/user_management/${clientId}/`
beside the same issuer without the slash.

Why is this bad? Convex removes all trailing slashes before comparing issuers and selects the FIRST
provider that matches; when that one then fails (JWKS, signature, expiry) it does not try the next.
The copy is never selected: it fixes nothing, and it suggests a fall-through Convex does not have.
When the copy has another jwks or algorithm, those are never used either (a warning, then).

Example:
    { type: "customJwt", issuer: "https://api.workos.com/", applicationID: clientId, … },
    { type: "customJwt", issuer: "https://api.workos.com", applicationID: clientId, … },  // never used

Fix safety: unsafe (applied with --unsafe-fixes): removing the copy changes what no token gets, but
it removes code someone added on purpose. Offered only for a WorkOS provider written in the array
itself, with no comment inside (comments always survive); providers of other systems are
reported, never changed.

Source: facts/convex-auth-config.md §3 (trailing slashes, first match, no fall-through);
facts/workos-tokens.md (workarounds seen in public repos).
"""

from codemod.convex import sym_equal, trim_issuer, stored_issuer
from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.parse import has_comment
from codemod.rewrite import delete_element

CODE = "WOS012"
NAME = "redundant-provider"
SEVERITY = Severity.INFO
FIX = Applicability.UNSAFE
APPLIES_TO = {"convex": "*"}

_CHECKED = ("jwks", "algorithm", "type")


def check(ctx):
    order = ctx.evaluation_order
    providers = sorted((p for p in ctx.config.providers if p.index in order and not p.opaque),
                       key=lambda p: order[p.index])
    workos_ids = {id(p) for p in ctx.workos_providers}
    for position, later in enumerate(providers):
        first = next((earlier for earlier in providers[:position] if _shadows(ctx, earlier, later)), None)
        if first is None:
            continue
        differs = [key for key in _CHECKED if later.sym(key) != first.sym(key)]
        message = (f"same issuer as the provider at line {first.line} up to trailing slashes: Convex trims them, "
                   "selects the first match and never falls through, so this provider is never used")
        if differs:
            message += f" (its {', '.join(differs)} never count{'s' if len(differs) == 1 else ''})"
        group = ctx.config.groups[later.group] if later.group < len(ctx.config.groups) else None
        fix = Fix.manual("remove it")
        if id(later) in workos_ids and group is not None and later.span in group.elements and \
                not has_comment(ctx.config.source, *later.span):  # its comments would go with it
            fix = Fix.unsafe("remove the redundant provider", *delete_element(ctx.config, group.elements, later.span))
        yield Finding(later.span.start, message, fix, Severity.WARNING if differs else None)


def _shadows(ctx, earlier, later) -> bool:
    """`earlier` is selected for every token `later` would be, and is in the list whenever it is."""
    if earlier.group not in ctx.always_with(later.group):
        return False
    a, b = ctx.url(earlier), ctx.url(later)
    if a is None or b is None or sym_equal(trim_issuer(stored_issuer(a)), trim_issuer(stored_issuer(b))) is not True:
        return False
    if earlier.kind not in ("customJwt", "oidc") or later.kind not in ("customJwt", "oidc"):
        return False
    if "applicationID" not in earlier.fields:
        return True
    if "applicationID" not in later.fields:
        return False
    app_a, app_b = earlier.sym("applicationID"), later.sym("applicationID")
    return app_a is not None and app_b is not None and sym_equal(app_a, app_b) is True
