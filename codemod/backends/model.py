"""What a verify call checks, and what the real libraries make of a token with those checks.

The analysers (python.py, js.py) turn each verify call into a `Verifier`: its library, the issuer
and audience it passes (each a `Value` with its byte span) and the options that turn checks off.
Values are resolved to strings; an expression whose value is known only at run time stays in them
as a marker, and the app's client id (read from the WorkOS JWKS URL the file fetches keys from)
is the marker CLIENT. `accepts` then says what the library does with a token's iss and aud: the
claim checks only, the signature taken as valid. tests/test_backends_oracles.py holds it against
the real libraries.

Sources: facts/workos-tokens.md ("Python and JS verifiers", token shapes); PyJWT api_jwt.py at
2.8.0, 2.9.0, 2.10.0, 2.10.1, 2.15.1; python-jose 3.5.0 jwt.py; authlib 1.x rfc7519/claims.py;
jose 6 lib/jwt_claims_set.js; jsonwebtoken 9 verify.js.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from codemod.model import Span

CLIENT = "\0client\0"  # the app's WorkOS client id, in resolved strings
MARK = "\0"  # any other marker: a part not known statically
API_HOST = "api.workos.com"
STAGING_HOST = "api.workos-test.com"
WORKOS_HOSTS = (API_HOST, STAGING_HOST)
LEGACY = "https://api.workos.com"  # the iss of legacy environments: exactly this, no slash
APP = "client_APP"  # concrete ids for the simulation
OTHER = "client_OTHER"


def user_management(client: str, host: str = API_HOST) -> str:
    """The iss of environments created since mid-2025 (and of custom auth domains)."""
    return f"https://{host}/user_management/{client}"


def marker(key: str) -> str:
    return f"{MARK}{key}{MARK}"


def known(text: str) -> bool:
    """No marker other than the client id."""
    return MARK not in text.replace(CLIENT, "")


class Library(NamedTuple):
    name: str  # as its users know it
    package: str  # its registry name (normalised), for installed versions
    language: str
    missing_aud_fails: bool  # an audience is given and the token has no aud: rejected
    unexpected_aud_fails: bool  # no audience is given and the token has an aud: rejected
    audience_option: str  # how the audience is passed, for messages


LIBRARIES = {
    "pyjwt": Library("PyJWT", "pyjwt", "python", True, True, "audience="),
    "python-jose": Library("python-jose", "python-jose", "python", False, True, "audience="),
    "authlib": Library("authlib", "authlib", "python", False, False, 'claims_options={"aud": …}'),
    "jose": Library("jose", "jose", "js", True, False, "{ audience }"),
    "jsonwebtoken": Library("jsonwebtoken", "jsonwebtoken", "js", True, False, "{ audience }"),
}


class Value(NamedTuple):
    """An issuer or audience as the code writes it."""

    span: Span  # the expression a fix replaces (at its definition, when a name refers to it)
    text: str
    strings: tuple[str, ...] | None  # resolved, markers included; None when the shape is not known
    container: str  # "str", or "list" / "tuple" / "set" for several values
    elements: tuple[Span, ...] = ()  # each element's span, for a container
    quote: str = '"'  # the quote its string literals use
    site: int = 0  # where the expression is written (its definition, for a name)

    @property
    def is_known(self) -> bool:
        return self.strings is not None and all(known(s) for s in self.strings)


@dataclass
class Verifier:
    """One verify call: jwt.decode(...), jwtVerify(...), jwt.verify(...)."""

    library: str  # a LIBRARIES key
    span: Span  # the call
    line: int  # its first line (suppression comments sit on it or above it)
    issuer: Value | None = None
    audience: Value | None = None
    issuer_checked: bool = True  # False: options={"verify_iss": False}, authlib claims never validated
    audience_checked: bool = True  # False: options={"verify_aud": False}
    aud_required: bool = False  # python-jose require_aud, authlib "essential": a token without aud fails
    opaque: str | None = None  # why its checks cannot be known (**kwargs, options built elsewhere)
    handle: object = None  # the analyser's node, for its edits
    options_key: bool = False  # PyJWT / python-jose: an options= argument is present

    @property
    def lib(self) -> Library:
        return LIBRARIES[self.library]

    @property
    def audience_enforced(self) -> bool:
        """A token without aud, or with another aud, is rejected."""
        if not self.audience_checked or self.audience is None:
            return False
        return self.lib.missing_aud_fails or self.aud_required


# --- the libraries' claim checks -------------------------------------------------------------------


def _version(version: str | None) -> tuple[int, ...] | None:
    if not version:
        return None
    match = re.match(r"\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?", version)
    return tuple(int(part or 0) for part in match.groups()) if match else None


def issuer_list_supported(library: str, version: str | None) -> bool | None:
    """Whether the library takes several issuers; None when it depends on an unknown version."""
    if library != "pyjwt":
        return True
    parsed = _version(version)
    return None if parsed is None else parsed >= (2, 9, 0)


def concrete(value: Value, client: str, app_owned: bool = False) -> list[str] | None:
    """The strings with the client id put in. app_owned: other run-time parts are values of this
    app's own (an audience read from its settings), which no other app's token carries."""
    if value.strings is None or not (app_owned or value.is_known):
        return None
    return [s.replace(CLIENT, client).replace(MARK, "~app~" if app_owned else MARK) for s in value.strings]


def accepts(v: Verifier, claims: dict, client: str, version: str | None = None) -> bool | None:
    """Whether the call accepts a token with these claims (signature, expiry taken as valid).

    client: the app's client id, put for CLIENT; version: the installed version of the library
    (PyJWT's issuer handling changed across versions); None: the current behaviour.
    Returns None when the checks are not known statically."""
    if v.opaque:
        return None
    if v.issuer_checked and v.issuer is not None:
        forms = concrete(v.issuer, client)
        if forms is None:
            return None
        if not issuer_ok(v.library, v.issuer.container, forms, claims.get("iss"), version):
            return False
    aud = claims.get("aud")
    auds = [aud] if isinstance(aud, str) else list(aud or ())
    if v.aud_required and not auds:
        return False  # python-jose require_aud, authlib "essential": checked even without an audience
    if not v.audience_checked:
        return True
    if v.audience is None:
        return not (auds and v.lib.unexpected_aud_fails)
    expected = concrete(v.audience, client, app_owned=True)
    if expected is None:
        return None
    if not auds:
        return not (v.lib.missing_aud_fails or v.aud_required)
    if v.library == "python-jose" and v.audience.container != "str":
        return False  # python-jose looks for the audience itself in the aud list
    return bool(set(auds) & set(expected))


def issuer_ok(library: str, container: str, forms: list[str], iss, version: str | None) -> bool:
    if not isinstance(iss, str):
        return False
    if library != "pyjwt":
        return iss == forms[0] if container == "str" else iss in forms
    parsed = _version(version)
    if container == "str":
        if parsed == (2, 10, 0):
            return iss in forms[0]  # GHSA-75c5-xw7c-p5pm: a substring passed
        return iss == forms[0]
    if parsed is None or parsed >= (2, 10, 1):
        return iss in forms
    if parsed < (2, 9, 0):
        return False  # the container is compared with `!=` to the iss string
    if parsed < (2, 10, 0):
        return container == "list" and iss in forms
    return container in ("list", "tuple") and iss in forms  # 2.10.0: any Sequence


# --- WorkOS tokens -----------------------------------------------------------------------------------


class TokenKind(NamedTuple):
    name: str
    claims: dict


def app_tokens(v: Verifier, client: str) -> list[TokenKind]:
    """The tokens this app's WorkOS environments issue, as this verifier would meet them.

    A legacy environment's JWT template sets the aud the verifier expects (when it names one)."""
    aud = client
    if v.audience is not None and v.audience.strings:
        aud = concrete(v.audience, client, app_owned=True)[0]
    kinds = [TokenKind("legacy token with aud", {"iss": LEGACY, "aud": aud}),
             TokenKind("user_management token", {"iss": user_management(client)})]
    kinds += [TokenKind(f"{host} token", {"iss": user_management(client, host)}) for host in custom_hosts(v, client)]
    return kinds


def foreign_tokens(v: Verifier, client: str) -> list[TokenKind]:
    """Tokens of another WorkOS app: a fix must never make a verifier accept one."""
    kinds = [
        TokenKind("a legacy token without aud (any app's)", {"iss": LEGACY}),
        TokenKind("another app's legacy token", {"iss": LEGACY, "aud": OTHER}),
        TokenKind("another app's user_management token", {"iss": user_management(OTHER)}),
        TokenKind("another app's user_management token with aud", {"iss": user_management(OTHER), "aud": OTHER}),
    ]
    kinds += [TokenKind(f"another app's {host} token", {"iss": user_management(OTHER, host)})
              for host in custom_hosts(v, client)]
    return kinds


def custom_hosts(v: Verifier, client: str) -> list[str]:
    """Hosts of the verifier's /user_management/<client> issuers other than WorkOS's own."""
    hosts = []
    for form in (v.issuer.strings or ()) if v.issuer is not None else ():
        match = re.fullmatch(r"https://([^/]+)/user_management/" + re.escape(CLIENT), form)
        if match and match.group(1) not in WORKOS_HOSTS:
            hosts.append(match.group(1))
    return hosts


def accepted(v: Verifier, kinds: list[TokenKind], client: str, version: str | None = None) -> dict[str, bool | None]:
    return {kind.name: accepts(v, kind.claims, client, version) for kind in kinds}


# --- issuers -----------------------------------------------------------------------------------------

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://([^/]*)(.*)$", re.DOTALL)


class Form(NamedTuple):
    kind: str  # "legacy", "user_management", "mistake", "other" (not WorkOS, or not understood)
    intended: str | None = None  # for a mistake: the exact form it meant
    host: str = ""


def classify(issuer: str) -> Form:
    """What one issuer string means for WorkOS tokens, compared exactly as the libraries do."""
    match = _URL.match(issuer)
    if match is None or not known(issuer):
        return Form("other")
    host, path = match.group(2), match.group(3)
    lower = host.lower()
    segments = [s for s in path.split("/") if s]
    if segments[:1] and segments[0].lower() == "user_management":
        tail = segments[1:]
        if len(tail) == 1 and (tail[0] == CLIENT or (tail[0].startswith("client_") and lower in WORKOS_HOSTS)):
            intended = user_management(tail[0], lower)  # a hard-coded id of another client stays as it is
        elif not tail and lower in WORKOS_HOSTS:
            intended = user_management(CLIENT, lower)
        else:
            return Form("other", host=lower)
        return Form("user_management" if issuer == intended else "mistake", intended, lower)
    if lower not in WORKOS_HOSTS:
        return Form("other", host=lower)
    if not segments or (lower == API_HOST and segments == [CLIENT]):  # …/<client id>: an old docs typo
        shared = f"https://{lower}"
        return Form("legacy" if issuer == shared else "mistake", shared, lower)
    return Form("other", host=lower)  # /sso/<id>, /convex/<id>: variants of unverified shape


def names_client(form: str) -> bool:
    """The issuer itself names the app: no other app's token carries it."""
    return classify(form).kind == "user_management"
