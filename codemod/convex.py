"""Convex's own semantics for auth.config.ts, as plain functions.

Source: ../shared/facts/convex-auth-config.md (§2 validation at push, §3 picking a provider).
A provider here is a mapping of field name to a symbolic string (model.Sym) or None when the value
cannot be known statically, so the same functions run on a parsed file and on the JSON that
Node evaluation of that file prints.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Mapping, Sequence

from codemod.model import FOREIGN, Env, Sym, is_symbol, normalize, sym_text

Fields = Mapping[str, "Sym | None"]

SHARED_WORKOS_ISSUERS = ("https://api.workos.com/", "https://api.workos.com")
ALGORITHMS = ("RS256", "ES256")
PARSE_FAILURE = "data did not match any variant of untagged enum SerializedAuthInfo"  # serde; inferred


class Problem(NamedTuple):
    index: int
    check: str  # application-id-spelling | unexpected-type | customjwt-domain | oidc-issuer | shared-issuer | missing-field | invalid-url
    code: str  # Convex's error code
    message: str  # Convex's text, as the push prints it


def wrap(message: str) -> str:
    return f"The pushed auth config is invalid: {message}"


def validate(providers: Sequence[Fields]) -> list[Problem]:
    """Every push-time problem, in the order Convex meets them: the first is the one it reports."""
    problems: list[Problem] = []
    for i, p in enumerate(providers):
        problems.extend(_validate_one(i, p))
    return problems


def _literal(value: Sym | None) -> str | None:
    if value is not None and all(isinstance(part, str) for part in value):
        return "".join(value)
    return None


def provider_type(p: Fields) -> str | None:
    """customJwt or oidc; the raw `type` when unexpected; None when not statically known."""
    if "type" not in p:
        return "oidc"
    return _literal(p["type"])


def _validate_one(i: int, p: Fields) -> list[Problem]:
    found: list[Problem] = []
    if "applicationId" in p or "applicationid" in p:
        found.append(Problem(i, "application-id-spelling", "InvalidAuthConfig", wrap(
            f"Provider at index {i} must have applicationID property spelled lowercase 'application', capital I, capital D.")))
    kind = provider_type(p)
    if kind is not None and kind not in ("customJwt", "oidc"):
        found.append(Problem(i, "unexpected-type", "InvalidAuthConfig",
                             wrap(f"Provider at index {i} has unexpected 'type' value '{kind}'")))
        return found
    if kind == "customJwt" and "domain" in p:
        found.append(Problem(i, "customjwt-domain", "InvalidAuthConfig",
                             wrap(f"Provider at index {i} is a customJwt so cannot have a 'domain' specified")))
    if kind == "oidc" and "issuer" in p:
        found.append(Problem(i, "oidc-issuer", "InvalidAuthConfig",
                             wrap(f"Provider at index {i} is oidc so cannot have an 'issuer' specified.")))
    if "applicationID" not in p and _literal(p.get("issuer")) in SHARED_WORKOS_ISSUERS:
        found.append(Problem(i, "shared-issuer", "InsecureConfiguration", (
            "This auth configuration appears potentially insecure: "
            f"Provider at index {i} has an issuer that is shared among many applications, so must to "
            "specify an ApplicationID to check against an `aud` field of a JWT.")))
    required = ("issuer", "jwks", "algorithm") if kind == "customJwt" else ("applicationID", "domain")
    missing = [name for name in required if name not in p]
    algorithm = _literal(p.get("algorithm"))
    if kind == "customJwt" and "algorithm" in p and algorithm is not None and algorithm not in ALGORITHMS:
        missing.append("algorithm")
    if missing:
        found.append(Problem(i, "missing-field", "InvalidAuthConfig", wrap(PARSE_FAILURE)))
    url_key = "issuer" if kind == "customJwt" else "domain"
    url = _literal(p.get(url_key))
    if url is not None and not _valid_url(url):
        found.append(Problem(i, "invalid-url", "InvalidProviderDomainUrl",
                             wrap(f"Provider at index {i} has an invalid {url_key} URL: {url}")))
    return found


_TLD = r"^[^/:?#]*\.[a-z]{2,63}(:\d+)?([/?#].*)?$"  # compiled on first use, by re's cache


def _valid_url(url: str) -> bool:
    if "://" in url:
        return url.split("://", 1)[0].lower() in ("http", "https")
    return url.split("/", 1)[0].split(":", 1)[0] == "localhost" or bool(re.match(_TLD, url, re.IGNORECASE))


# --- §3: which provider a token selects ------------------------------------------------------


class Token(NamedTuple):
    """The claims Convex reads before verification: iss and aud (a list; missing = [])."""

    iss: Sym | None
    aud: tuple = ()  # tuple[Sym, ...]


class Pick(NamedTuple):
    index: int | None  # the provider Convex selects, or None
    reasons: list = ()  # per provider, why it was not selected
    message: str | None = None  # Convex's log line when nothing is selected
    uncertain: bool = False  # an earlier provider's values are not statically known

    @property
    def accepted(self) -> bool:
        return self.index is not None


def trim_issuer(sym: Sym) -> Sym:
    """Convex removes ALL trailing slashes before comparing issuers."""
    sym = normalize(sym)
    while sym and isinstance(sym[-1], str) and sym[-1].endswith("/"):
        sym = normalize(sym[:-1] + (sym[-1].rstrip("/"),))
    return sym


def stored_issuer(url: Sym) -> Sym:
    """The push stores a configured issuer or domain without a scheme:// with https:// prefixed."""
    if url and isinstance(url[0], str) and "://" not in url[0]:
        return normalize(("https://",) + tuple(url))
    return url


def token_issuer(iss: Sym) -> Sym:
    if iss and isinstance(iss[0], str) and iss[0].startswith(("https://", "http://")):
        return iss
    return normalize(("https://",) + tuple(iss))


def sym_equal(a: Sym, b: Sym, env: Mapping[str, str] | None = None) -> bool | None:
    """Equal, different, or None when it depends on environment values not known here.

    FOREIGN (another WorkOS client's id) never equals anything a config can spell.
    """
    a, b = _substitute(a, env), _substitute(b, env)
    if a == b:
        return True
    a, b = _strip_both(a, b)
    if a is None:
        return False
    if not a and not b:
        return True
    if (FOREIGN in a) != (FOREIGN in b):
        return False
    if not any(is_symbol(x) for x in a + b):
        return False
    return None


def _substitute(sym: Sym, env: Mapping[str, str] | None) -> Sym:
    if not env:
        return normalize(sym)
    return normalize(tuple(env.get(p.name, p) if isinstance(p, Env) else p for p in sym))


def _strip_both(a: Sym, b: Sym):
    """Remove the common literal prefix and suffix; (None, None) when they contradict."""
    for from_end in (False, True):
        a, b = list(a), list(b)
        if from_end:
            a = [x[::-1] if isinstance(x, str) else x for x in reversed(a)]
            b = [x[::-1] if isinstance(x, str) else x for x in reversed(b)]
        while a and b:
            x, y = a[0], b[0]
            if isinstance(x, str) and isinstance(y, str):
                n = min(len(x), len(y))
                if x[:n] != y[:n]:
                    return None, None
                a[0], b[0] = x[n:], y[n:]
                a, b = [p for p in a if p != ""], [p for p in b if p != ""]
            elif x == y:
                a, b = a[1:], b[1:]
            else:
                break
        if from_end:
            a = [x[::-1] if isinstance(x, str) else x for x in reversed(a)]
            b = [x[::-1] if isinstance(x, str) else x for x in reversed(b)]
        a, b = tuple(a), tuple(b)
    if (not a and any(isinstance(x, str) for x in b)) or (not b and any(isinstance(x, str) for x in a)):
        return None, None
    return a, b


def describe(p: Fields, env: Mapping[str, str] | None = None) -> str:
    """A provider as Convex lists it in the NoAuthProvider message."""

    def show(key: str) -> str:
        value = p.get(key)
        return sym_text(None if value is None else _substitute(value, env))

    if provider_type(p) == "customJwt":
        return f"CustomJWT(issuer={show('issuer')}, app_id={show('applicationID') if 'applicationID' in p else 'none'})"
    return f"OIDC(domain={show('domain')}, app_id={show('applicationID')})"


def no_provider_message(providers: Sequence[Fields], env: Mapping[str, str] | None = None) -> str:
    if not providers:
        return "No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts."
    listed = ", ".join(describe(p, env) for p in providers)
    return ("No auth provider found matching the given token. Check that your JWT's issuer and audience "
            f"match one of your configured providers: [{listed}]")


def pick(providers: Sequence[Fields], token: Token, env: Mapping[str, str] | None = None) -> Pick:
    """The first provider whose issuer and applicationID both fit the token (no fall-through)."""
    if token.iss is None:
        return Pick(None, [], "Missing issuer claim ('iss') in JWT payload.")
    iss = trim_issuer(token_issuer(token.iss))
    reasons: list[str] = []
    uncertain = False
    for i, p in enumerate(providers):
        url_key = "issuer" if provider_type(p) == "customJwt" else "domain"
        configured = p.get(url_key)
        if configured is None:
            reasons.append(f"provider {i}: its {url_key} is not statically known")
            uncertain = True
            continue
        same_issuer = sym_equal(iss, trim_issuer(stored_issuer(configured)), env)
        if same_issuer is not True:
            uncertain = uncertain or same_issuer is None
            reasons.append(f"provider {i}: issuer {sym_text(_substitute(configured, env))} differs from the "
                           f"token's iss {sym_text(token.iss)} (trailing slashes ignored)")
            continue
        if "applicationID" in p:
            app = p["applicationID"]
            shown = sym_text(None if app is None else _substitute(app, env))
            if not token.aud:
                reasons.append(f"provider {i}: requires aud {shown}, and the token has no aud")
                continue
            fits = [sym_equal(a, app, env) for a in token.aud] if app is not None else [None]
            if True not in fits:
                uncertain = uncertain or None in fits
                reasons.append(f"provider {i}: requires aud {shown}, the token's aud is "
                               f"{', '.join(sym_text(a) for a in token.aud)}")
                continue
        return Pick(i, reasons, None, uncertain)
    return Pick(None, reasons, no_provider_message(providers, env), uncertain)
