"""The security and faithfulness checks a fixed config must pass before it is written.

The invariants of ../shared/design.md: never accept another client's tokens (the shared-issuer guard
included), never stop accepting a token the file accepted, never touch a provider the tool did not
understand, never rewrite an applicationID value.
"""

from __future__ import annotations

from codemod import convex, workos
from codemod.context import Context


def refusal(before: Context, after: Context) -> str | None:
    """Why the fixed config must not be written, or None when it is sound."""
    for token_kind in workos.foreign_tokens(after.custom_hosts):
        now = convex.pick(after.fields, token_kind.token)
        if now.accepted and not convex.pick(before.fields, token_kind.token).accepted:
            return f"the fix would accept {token_kind.name} (provider {now.index})"
    if any(p.check == "shared-issuer" for p in after.problems):
        return "the fix would leave a shared WorkOS issuer without applicationID"
    if not before.problems:  # a config Convex accepted: what it accepted must stay accepted
        auds = [p.sym("applicationID") for p in before.workos_providers if p.sym("applicationID")]
        for client in before.clients:  # the file's client id, and each flatMap callback's
            for token_kind in workos.app_tokens(client.sym, before.custom_hosts, auds):
                if convex.pick(before.fields, token_kind.token).accepted and not convex.pick(after.fields, token_kind.token).accepted:
                    return f"the fix would reject the app's {token_kind.name}"
    if _other_providers(before) != _other_providers(after):
        return "the fix would change a provider that is not a WorkOS provider"
    notes_before = [before.config.text(n.span) for n in before.config.notes]
    notes_after = [after.config.text(n.span) for n in after.config.notes]
    if notes_before != notes_after:
        return "the fix would change code the tool does not analyse"
    clients = [client.sym for client in before.clients]
    kept = {p.fields["applicationID"].value.text for p in before.workos_providers if "applicationID" in p.fields}
    for provider in after.workos_providers:
        app = provider.fields.get("applicationID")
        if app is not None and app.value.text not in kept and provider.sym("applicationID") not in clients:
            return f"the fix would write applicationID {app.value.text}, which is not the client id"
    return None


def _other_providers(ctx: Context) -> list[str]:
    """The text of every provider that is not a WorkOS one: the tool never edits those."""
    workos_ids = {id(p) for p in ctx.workos_providers}
    return [ctx.config.text(p.span) for p in ctx.config.providers if id(p) not in workos_ids]
