"""What a rule sees: the parsed config, the app's client id, the file's style, the packages."""

from __future__ import annotations

from functools import cached_property
from typing import Mapping

from codemod import convex, workos
from codemod.model import AuthConfig, Provider, Sym
from codemod.rewrite import Style, style_of


class Context:
    def __init__(self, config: AuthConfig, auth_domains: tuple[str, ...] = (),
                 client_id_env: str = "WORKOS_CLIENT_ID", packages: Mapping | None = None) -> None:
        self.config = config
        self.auth_domains = auth_domains  # from --auth-domain
        self.client_id_env = client_id_env
        self.packages = packages or {}  # name -> versions.Installed

    @cached_property
    def client(self) -> workos.ClientId:
        return workos.client_id(self.config, self.client_id_env)

    def client_for(self, provider: Provider) -> workos.ClientId:
        """The client id as this provider's array can write it: a flatMap callback's parameter when
        the provider sits in the array such a callback returns, else the file's client id."""
        return self.client_in(provider.group)

    def client_in(self, group: int | None) -> workos.ClientId:
        while group is not None and group < len(self.config.groups):
            found = self.config.groups[group]
            if found.param is not None and found.client_param:
                return workos.ClientId((found.param,), found.param.name)
            group = found.parent
        return self.client

    @cached_property
    def clients(self) -> list[workos.ClientId]:
        """Every client id the config binds providers to: the file's, and each flatMap parameter's."""
        found = {self.client.sym: self.client}
        for group in self.config.groups:
            if group.param is not None and group.client_param:
                found.setdefault((group.param,), workos.ClientId((group.param,), group.param.name))
        return list(found.values())

    # --- where providers sit ------------------------------------------------------------------
    def ancestors(self, group: int) -> list[int]:
        """The group and the groups it is spread into, innermost first."""
        out = []
        current: int | None = group
        while current is not None and current < len(self.config.groups):
            out.append(current)
            current = self.config.groups[current].parent
        return out

    def always_with(self, group: int) -> set[int]:
        """Groups present whenever `group` is: its ancestors, and what they spread unconditionally."""
        present = set(self.ancestors(group))
        changed = True
        while changed:
            changed = False
            for i, g in enumerate(self.config.groups):
                if i not in present and g.parent in present and g.link == "spread":
                    present.add(i)
                    changed = True
        return present

    @cached_property
    def evaluation_order(self) -> dict[int, int]:
        """provider index -> its place in a walk of the layout, as JavaScript builds the list (both
        branches of a condition, a callback's body once)."""
        from codemod.model import Choice, Items, Repeat

        order: dict[int, int] = {}
        stack = [self.config.layout]
        while stack:
            node = stack.pop()
            if isinstance(node, Items):
                stack.extend(reversed(node.items))
            elif isinstance(node, int):
                order.setdefault(node, len(order))
            elif isinstance(node, Choice):
                stack.extend(n for n in (node.otherwise, node.then) if n is not None)
            elif isinstance(node, Repeat):
                stack.append(node.body)
        return order

    def missing(self, covers) -> list[tuple[int, bool]]:
        """Arrays of WorkOS providers where no provider that is always beside them covers a kind of
        token (`covers(provider)`): (group, fixable). Fixable when no provider anywhere covers it (a
        provider that exists only in another branch is a choice the user made) and no enclosing
        array is missing it too (adding it there covers this one)."""
        if not self.workos_providers or not self.fully_analysed:
            return []
        groups = sorted({p.group for p in self.workos_providers})
        incomplete = [g for g in groups
                      if not any(covers(p) for p in self.workos_providers if p.group in self.always_with(g))]
        covered_somewhere = any(covers(p) for p in self.workos_providers)
        out = []
        for g in incomplete:
            if any(other != g and other in self.always_with(g) for other in incomplete):
                continue  # an enclosing array gets it
            out.append((g, not covered_somewhere and self.config.groups[g].is_array))
        return out

    @cached_property
    def style(self) -> Style:
        return style_of(self.config)

    @cached_property
    def custom_hosts(self) -> tuple[str, ...]:
        """Custom auth domains: from the command line, and hosts serving a /user_management/ issuer."""
        hosts = list(self.auth_domains)
        for provider in self.config.providers:
            issuer = workos.classify_issuer(self.url(provider))
            if (issuer.kind is workos.IssuerKind.USER_MANAGEMENT and issuer.host.lower() not in workos.WORKOS_HOSTS
                    and workos.is_workos(provider, self.auth_domains)):
                hosts.append(issuer.host.lower())
        return tuple(dict.fromkeys(h.lower() for h in hosts))

    @staticmethod
    def url(provider: Provider) -> Sym | None:
        """The issuer of a customJwt provider, the domain of an OIDC one."""
        return provider.sym("issuer") if provider.kind == "customJwt" else provider.sym("domain")

    def issuer(self, provider: Provider) -> workos.Issuer:
        return workos.classify_issuer(self.url(provider), self.custom_hosts)

    @cached_property
    def workos_providers(self) -> list[Provider]:
        return [p for p in self.config.providers if workos.is_workos(p, self.custom_hosts)]

    @cached_property
    def fields(self) -> list[dict[str, Sym | None]]:
        """The providers as convex.py reads them."""
        return [fields_of(p) for p in self.config.providers]

    @cached_property
    def problems(self) -> list[convex.Problem]:
        return convex.validate(self.fields)

    @property
    def fully_analysed(self) -> bool:
        """No provider hides in a spread or a call: "no provider accepts X" can be claimed."""
        return self.config.layout is not None and not any(
            note.hides_providers for note in self.config.notes)


def fields_of(provider: Provider) -> dict[str, Sym | None]:
    return {key: f.value.symbolic() for key, f in provider.fields.items()}
