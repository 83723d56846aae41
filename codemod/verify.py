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
        now = convex.pick(after.instance_fields, token_kind.token)
        if now.accepted and not convex.pick(before.instance_fields, token_kind.token).accepted:
            return f"the fix would accept {token_kind.name} (provider {now.index})"
    shared = [p for p in after.problems if p.check == "shared-issuer"]
    if len(shared) > len([p for p in before.problems if p.check == "shared-issuer"]):
        return "the fix would leave a shared WorkOS issuer without applicationID"
    if not before.problems:  # a config Convex accepted: what it accepted must stay accepted
        workos_ids = {id(p) for p in before.workos_providers}
        auds = [fields["applicationID"] for p, fields in before.instances
                if id(p) in workos_ids and fields.get("applicationID")]
        for client in before.clients:  # the file's client id, and each flatMap callback's
            for token_kind in workos.app_tokens(client, before.custom_hosts, auds):
                if convex.pick(before.instance_fields, token_kind.token).accepted and \
                        not convex.pick(after.instance_fields, token_kind.token).accepted:
                    return f"the fix would reject the app's {token_kind.name}"
    from codemod.parse import array_holes

    if array_holes(after.config.source) > array_holes(before.config.source):
        return "the fix would leave an empty element in an array"
    # Every provider the tool did not take for a WorkOS one is still there, byte for byte, and no
    # provider of another system appeared.
    from collections import Counter

    others_before, others_after = Counter(_other_providers(before)), Counter(_other_providers(after))
    everything_after = Counter(after.config.text(p.span) for p in after.config.providers)
    if others_before - everything_after or others_after - others_before:
        return "the fix would change a provider that is not a WorkOS provider"
    notes_before = [before.config.text(n.span) for n in before.config.notes]
    notes_after = [after.config.text(n.span) for n in after.config.notes]
    if notes_before != notes_after:
        return "the fix would change code the tool does not analyse"
    clients = list(before.clients) + [(g.param,) for g in before.config.groups if g.param is not None]
    # A value the file already gave as the aud to check, under this key or one Convex ignores
    # (`applicationId`, `audience`: the fixes rename the key and keep the value).
    kept = {p.fields[key].value.text for p in before.workos_providers
            for key in ("applicationID", "applicationId", "applicationid", "audience") if key in p.fields}
    for provider in after.workos_providers:
        app = provider.fields.get("applicationID")
        if app is not None and app.value.text not in kept and provider.sym("applicationID") not in clients:
            return f"the fix would write applicationID {app.value.text}, which is not the client id"
    return None


def _other_providers(ctx: Context) -> list[str]:
    """The text of every provider that is not a WorkOS one: the tool never edits those."""
    workos_ids = {id(p) for p in ctx.workos_providers}
    return [ctx.config.text(p.span) for p in ctx.config.providers if id(p) not in workos_ids]
