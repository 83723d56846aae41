"""WorkOS AuthKit token shapes and the providers that accept them, as data.

Source: ../shared/facts/workos-tokens.md. C below is the app's WorkOS client id, as a symbol.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple, Iterable

from codemod.convex import Token
from codemod.model import FOREIGN, AuthConfig, Env, EnvRead, Literal, Param, Provider, Ref, Sym, Template, Value, normalize

API_HOST = "api.workos.com"
STAGING_HOST = "api.workos-test.com"
SHARED_ISSUER = "https://api.workos.com/"
WORKOS_HOSTS = (API_HOST, STAGING_HOST)


class IssuerKind(Enum):
    SHARED = "shared"  # https://api.workos.com (legacy environments; needs applicationID)
    USER_MANAGEMENT = "user_management"  # https://<host>/user_management/<C>
    USER_MANAGEMENT_NO_CLIENT = "user_management_no_client"  # …/user_management with no client id
    CLIENT_PATH = "client_path"  # https://api.workos.com/<C>: an old docs typo, matches no token
    UNVERIFIED = "unverified"  # …/sso/<C>, …/convex/<C>: flag-gated variants of unverified shape
    OTHER_PATH = "other_path"  # a WorkOS host with a path no token carries
    NOT_WORKOS = "not_workos"
    UNKNOWN = "unknown"  # not statically known


class Issuer(NamedTuple):
    kind: IssuerKind
    scheme: str = ""
    host: str = ""
    tail: Sym = ()  # what follows /user_management/ (or the host, for CLIENT_PATH)

    @property
    def canonical_spelling(self) -> bool:
        """https, lower-case host: anything else is a mistake to repair."""
        return self.scheme == "https" and self.host == self.host.lower()


_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://([^/]*)(.*)$", re.DOTALL)


def classify_issuer(sym: Sym | None, custom_hosts: Iterable[str] = ()) -> Issuer:
    """What a provider's issuer (or OIDC domain) means for WorkOS tokens.

    custom_hosts: custom auth domains known from the command line; a host that serves a
    /user_management/<C> issuer is recognised as a custom domain without them.
    """
    if sym is None or not sym or not isinstance(sym[0], str):
        return Issuer(IssuerKind.UNKNOWN)
    if "://" not in sym[0]:  # Convex stores a value without a scheme with https:// prefixed
        sym = ("https://" + sym[0],) + tuple(sym[1:])
    match = _URL.match(sym[0])
    if match is None:
        return Issuer(IssuerKind.NOT_WORKOS)
    scheme, host, path = match.group(1).lower(), match.group(2), match.group(3)
    rest = normalize((path,) + tuple(sym[1:]))
    workos_host = host.lower() in WORKOS_HOSTS
    custom = host.lower() in {h.lower() for h in custom_hosts}
    # Path without trailing slashes, as Convex compares it.
    while rest and isinstance(rest[-1], str) and rest[-1].endswith("/"):
        rest = normalize(rest[:-1] + (rest[-1].rstrip("/"),))
    head = rest[0] if rest and isinstance(rest[0], str) else ""
    if head.startswith("/user_management"):
        after = normalize((head[len("/user_management"):],) + rest[1:])
        if not after or after == ("/",):
            kind = IssuerKind.USER_MANAGEMENT_NO_CLIENT
            return Issuer(kind, scheme, host) if workos_host or custom else Issuer(IssuerKind.NOT_WORKOS, scheme, host)
        if isinstance(after[0], str) and after[0].startswith("/"):
            tail = normalize((after[0][1:],) + after[1:])
            if _is_single_segment(tail):
                return Issuer(IssuerKind.USER_MANAGEMENT, scheme, host, tail)
    if not workos_host and not custom:
        return Issuer(IssuerKind.NOT_WORKOS, scheme, host)
    if not rest:
        return Issuer(IssuerKind.SHARED, scheme, host) if host.lower() == API_HOST else Issuer(IssuerKind.OTHER_PATH, scheme, host)
    for prefix in ("/sso", "/convex"):
        if head.startswith(prefix + "/") or (head == prefix and len(rest) > 1):
            return Issuer(IssuerKind.UNVERIFIED, scheme, host)
    if isinstance(rest[0], str) and rest[0] == "/" and len(rest) == 2 and not isinstance(rest[1], str):
        return Issuer(IssuerKind.CLIENT_PATH, scheme, host, rest[1:])
    if re.fullmatch(r"/client_[A-Za-z0-9]+", head) and len(rest) == 1:
        return Issuer(IssuerKind.CLIENT_PATH, scheme, host, (head[1:],))
    return Issuer(IssuerKind.OTHER_PATH, scheme, host)


def _is_single_segment(tail: Sym) -> bool:
    return bool(tail) and not any(isinstance(p, str) and "/" in p for p in tail)


def jwks_tail(sym: Sym | None) -> tuple[str, Sym] | None:
    """(host, client part) for a JWKS URL of the form https://<host>/sso/jwks/<client>."""
    if not sym or not isinstance(sym[0], str):
        return None
    match = _URL.match(sym[0])
    if match is None:
        return None
    path = normalize((match.group(3),) + tuple(sym[1:]))
    if path and isinstance(path[0], str) and path[0].startswith("/sso/jwks/"):
        tail = normalize((path[0][len("/sso/jwks/"):],) + path[1:])
        if _is_single_segment(tail):
            return match.group(2), tail
    return None


def _on_jwks_path(sym: Sym | None) -> bool:
    """A JWKS URL on WorkOS's /sso/jwks path, on any host."""
    match = _URL.match(sym[0]) if sym and isinstance(sym[0], str) else None
    return match is not None and match.group(3).startswith("/sso/jwks")


def is_workos(provider: Provider, custom_hosts: Iterable[str] = ()) -> bool:
    """A provider for WorkOS tokens: a WorkOS issuer, or a JWKS served by WorkOS.

    A /user_management/<id> issuer on another host is a custom auth domain only when the host was
    named with --auth-domain or the provider uses WorkOS's JWKS path: other systems keep their own."""
    url = provider.sym("issuer") if "issuer" in provider.fields else provider.sym("domain")
    issuer = classify_issuer(url, custom_hosts)
    if issuer.kind is IssuerKind.USER_MANAGEMENT and issuer.host.lower() not in WORKOS_HOSTS:
        if issuer.host.lower() in {h.lower() for h in custom_hosts} or _on_jwks_path(provider.sym("jwks")):
            return True
    elif issuer.kind not in (IssuerKind.NOT_WORKOS, IssuerKind.UNKNOWN):
        return True
    jwks = provider.sym("jwks")
    if jwks and isinstance(jwks[0], str):
        match = _URL.match(jwks[0])
        if match and match.group(2).lower() in WORKOS_HOSTS:
            return True
    return False


# --- the app's client id ------------------------------------------------------------------------


class ClientId(NamedTuple):
    """The client id as the file writes it: `expr` is source text (clientId, process.env.X) or None
    when it is a literal, then `literal` holds it."""

    sym: Sym
    expr: str | None
    literal: str | None = None


def client_id(config: AuthConfig, default_env: str = "WORKOS_CLIENT_ID") -> ClientId:
    """The client id expression the file already uses, else process.env.<default_env>."""
    found = client_named_by(config.providers)
    if found is not None:
        return found
    for name, env in config.env_consts.items():
        if "CLIENT_ID" in env.upper():
            return ClientId((Env(env),), name)
    return ClientId((Env(default_env),), f"process.env.{default_env}")


def client_named_by(providers) -> ClientId | None:
    """The client id these providers write (in a JWKS or issuer path, as applicationID, or a
    hard-coded `client_…`), or None when they name none."""
    candidates: list[Value] = []
    for provider in providers:
        for key in ("jwks", "issuer", "domain"):
            value = provider.get(key)
            if isinstance(value, Template) and isinstance(value.parts[-1], Value):
                before = value.parts[-2] if len(value.parts) > 1 else ""
                if isinstance(before, str) and before.endswith(("/sso/jwks/", "/user_management/")):
                    candidates.append(value.parts[-1])
    for provider in providers:
        value = provider.get("applicationID")
        if isinstance(value, (Ref, EnvRead)) and "client" in (getattr(value, "name", "")).lower():
            candidates.append(value)
    for value in candidates:
        sym = value.symbolic()
        if sym and len(sym) == 1 and not isinstance(sym[0], Param):  # a callback's parameter: see Context.client_for
            return ClientId(sym, None if isinstance(value, Literal) else value.text,
                            sym[0] if isinstance(sym[0], str) else None)
    for provider in providers:  # a hard-coded client id in a URL
        for key in ("jwks", "issuer", "domain"):
            sym = provider.sym(key)
            if key == "jwks":
                found = jwks_tail(sym)
                tail = found[1] if found else ()
            else:
                tail = classify_issuer(sym).tail
            if len(tail) == 1 and isinstance(tail[0], str) and tail[0].startswith("client_"):
                return ClientId(tail, None, tail[0])
    for provider in providers:  # a hard-coded client id as the aud, under any key Convex reads or not
        for key in ("applicationID", "applicationId", "applicationid", "audience"):
            sym = provider.sym(key)
            if sym is not None and len(sym) == 1 and isinstance(sym[0], str) and sym[0].startswith("client_"):
                return ClientId(sym, None, sym[0])
    return None


# --- tokens -------------------------------------------------------------------------------------


class TokenKind(NamedTuple):
    name: str
    token: Token


def app_tokens(client: Sym, custom_hosts: Iterable[str] = (), auds: Iterable[Sym] = ()) -> list[TokenKind]:
    """The tokens this app's WorkOS environments can issue (facts: token shapes table)."""
    kinds = [
        TokenKind("legacy token with aud", Token(("https://api.workos.com",), (client,))),
        TokenKind("user_management token", Token(normalize(("https://api.workos.com/user_management/",) + client))),
    ]
    kinds += [TokenKind(f"legacy token with aud {a}", Token(("https://api.workos.com",), (a,))) for a in auds if a != client]
    kinds += [TokenKind(f"custom domain {h} token", Token(normalize((f"https://{h}/user_management/",) + client)))
              for h in custom_hosts]
    return kinds


LEGACY_NO_AUD = Token(("https://api.workos.com",), ())


def foreign_tokens(custom_hosts: Iterable[str] = ()) -> list[TokenKind]:
    """Tokens of another WorkOS client: no config the tool writes may accept any of them."""
    other = (FOREIGN,)
    return [
        TokenKind("another client's legacy token", Token(("https://api.workos.com",), (other,))),
        TokenKind("another client's legacy token without aud", LEGACY_NO_AUD),
        TokenKind("another client's user_management token", Token(("https://api.workos.com/user_management/", FOREIGN))),
    ] + [TokenKind(f"another client's {h} token", Token((f"https://{h}/user_management/", FOREIGN))) for h in custom_hosts]
