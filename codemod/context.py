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
        """The client id for text written into an array: the parameter of the flatMap callback it
        is in, else the one its own providers (and those always beside them) name — the branches of
        `isProd ? [...] : [...]` may name different ones — else the file's."""
        start = group
        while group is not None and group < len(self.config.groups):
            found = self.config.groups[group]
            if found.param is not None and found.client_param:
                return workos.ClientId((found.param,), found.param.name)
            group = found.parent
        if start is not None and start < len(self.config.groups) and self.config.groups[start].conditions:
            scope = self.always_with(start)
            named = workos.client_named_by([p for p in self.config.providers if p.group in scope])
            if named is not None:
                return named
        return self.client

    @cached_property
    def clients(self) -> list[Sym]:
        """Every client id the config binds providers to: the file's, the one each branch of a
        condition names, and the values each flatMap callback over client ids maps (its parameter,
        when they are not known)."""
        from codemod.model import Repeat, is_symbol, substitute

        found = {self.client.sym: None}
        for index, group in enumerate(self.config.groups):  # the client a branch names
            if group.conditions:
                found.setdefault(self.client_in(index).sym, None)
        params = {g.param for g in self.config.groups if g.param is not None and g.client_param}
        for node in _layout_nodes(self.config.layout):
            if isinstance(node, Repeat) and node.param in params:
                if node.values is None:
                    found.setdefault((node.param,), None)
                for value in node.values or ():
                    sym = substitute(value.symbolic(), {})
                    if sym and len(sym) == 1 and (isinstance(sym[0], str) or is_symbol(sym[0])):
                        found.setdefault(sym, None)
        return list(found)

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

    def missing(self, covers) -> list[tuple[int, str | None]]:
        """Arrays of WorkOS providers where no provider always beside them covers a kind of token
        (`covers(provider)`): (group, why a person must add it, or None when the tool may).

        The tool adds it when no provider anywhere covers the kind (one that exists only in another
        branch is a choice the user made) and the group is an array (a `.map` callback returns a
        single object). An array whose enclosing array misses it too is skipped: adding it there
        covers both."""
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
            if covered_somewhere:
                out.append((g, "another branch has one: add it here if this branch should accept them"))
            elif not self.config.groups[g].is_array:
                out.append((g, "a `.map` callback returns one provider: make it a `flatMap` returning an array, "
                               "then add it there"))
            else:
                out.append((g, None))
        return out

    @cached_property
    def style(self) -> Style:
        return style_of(self.config)

    def style_in(self, group: int | None) -> Style:
        """The style for text written into this array: where TypeScript does not type it by the
        export's AuthConfig (a spread, a const declared apart), "customJwt" and "RS256" need
        `as const`, or the string type fails `satisfies AuthConfig`."""
        style = self.style
        groups = self.config.groups
        if (self.config.uses_auth_config_type and not self.config.path.endswith((".js", ".mjs", ".cjs"))
                and group is not None and group < len(groups) and not groups[group].typed):
            return style._replace(as_const_keys=style.as_const_keys | {"type", "algorithm"})
        return style

    @cached_property
    def custom_hosts(self) -> tuple[str, ...]:
        """Custom auth domains: from the command line, and hosts serving a /user_management/ issuer."""
        hosts = list(self.auth_domains)
        for provider in self.config.providers:
            # issuer or domain whatever the type says, as is_workos reads it: a fix that adds
            # `type` must not change which hosts count as WorkOS's
            url = provider.sym("issuer") if "issuer" in provider.fields else provider.sym("domain")
            issuer = workos.classify_issuer(url)
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
    def instances(self) -> list[tuple[Provider, dict[str, Sym | None]]]:
        """The providers as the list can hold them (model.instances), with their fields: a flatMap
        callback's once per client id it maps, both branches of a condition. What the security
        checks pick from."""
        from codemod.model import instances, substitute

        return [(p, {key: substitute(sym, bindings) for key, sym in fields_of(p).items()})
                for p, bindings in instances(self.config)]

    @property
    def instance_fields(self) -> list[dict[str, Sym | None]]:
        return [fields for _, fields in self.instances]

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


def _layout_nodes(node):
    """Every node of a layout tree (model.Items, Choice, Repeat), depth first."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current is None or isinstance(current, int):
            continue
        yield current
        for name in ("items", "then", "otherwise", "body"):
            child = getattr(current, name, None)
            if isinstance(child, tuple) and name == "items":
                stack.extend(child)
            elif child is not None:
                stack.append(child)
