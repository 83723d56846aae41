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
        return self.config.providers_array is not None and not any(
            note.hides_providers for note in self.config.notes)


def fields_of(provider: Provider) -> dict[str, Sym | None]:
    return {key: f.value.symbolic() for key, f in provider.fields.items()}
