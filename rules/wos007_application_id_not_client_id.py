"""applicationID that does not name the app.

What it does: flags a WorkOS provider whose `applicationID` is a literal that is not a WorkOS
client id (`client_…`), such as "convex" or "convex-workos", or a value built around the client
id, such as `convex_${clientId}`.

Why is this bad? Convex accepts a token whose aud equals the applicationID. That aud comes from the
WorkOS JWT template; a constant like "convex" is the same for every app whose template writes it, so
it does not bind tokens to this app the way the client id does.

Example:
    { type: "customJwt", issuer: "https://api.workos.com/", applicationID: "convex", … }

Fix safety: no fix. Changing an applicationID breaks every token until the JWT template changes
too: set `"aud": "<client id>"` in the WorkOS JWT template first, then change the config.

Source: facts/workos-tokens.md (JWT templates).
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.convex import sym_equal
from codemod.model import Literal

CODE = "WOS007"
NAME = "application-id-not-client-id"
SEVERITY = Severity.WARNING
FIX = Applicability.NONE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    for provider in ctx.workos_providers:
        field = provider.fields.get("applicationID")
        if field is None or not _names_another_value(field.value, ctx.client_for(provider).sym):
            continue
        yield Finding(field.span.start,
                      f"applicationID {field.value.text} is the aud your JWT template sets, not the client id: "
                      "it does not bind tokens to this app",
                      Fix.manual('set "aud": "<client id>" in the WorkOS JWT template, then applicationID to the client id'))


def _names_another_value(value, client) -> bool:
    """A literal other than a client id, or a value built around the client id (`convex_${clientId}`)."""
    if isinstance(value, Literal):
        return not value.value.startswith("client_")
    sym = value.symbolic()
    return sym is not None and sym_equal(sym, client) is False
