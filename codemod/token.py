"""Explain a real token: what it is, which provider Convex would select before and after the fix.

Decoding reads the claims only (base64url + JSON); the signature is checked only with --jwks, offline.
Nothing here prints a token, a signature or a personal claim in full.
Sources: facts/workos-tokens.md (token shapes, JWT templates), facts/convex-auth-config.md §3.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import sys
import time
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from codemod import convex, workos
from codemod.errors import InputError

WHERE = "--token"
_URLSAFE = str.maketrans("-_", "+/")


class Environment(str, Enum):
    LEGACY_WITH_AUD = "legacy WorkOS environment, JWT template sets aud"
    LEGACY_NO_AUD = "legacy WorkOS environment, no aud (JWT template sets none)"
    USER_MANAGEMENT = "WorkOS environment created since mid-2025 (user_management issuer)"
    CUSTOM_DOMAIN = "WorkOS custom auth domain"
    STAGING = "WorkOS staging host (api.workos-test.com)"
    UNVERIFIED = "WorkOS issuer variant of unverified shape"
    NOT_WORKOS = "not a WorkOS token"


class Decoded(NamedTuple):
    header: dict
    claims: dict
    raw: str  # kept for the optional signature check only; never printed


def read_argument(value: str) -> str:
    """The token from `--token VALUE`: the JWT itself, `-` for stdin, or `@FILE`."""
    if value == "-":
        text = sys.stdin.read()
    elif value.startswith("@"):
        try:
            text = Path(value[1:]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(value[1:], f"cannot read the token: {getattr(err, 'strerror', None) or err}") from None
    else:
        text = value
    text = text.strip()
    return text[7:].strip() if text.lower().startswith("bearer ") else text


def decode(token: str) -> Decoded:
    parts = token.split(".")
    if len(parts) == 5:
        raise InputError(WHERE, "an encrypted JWE (5 segments); only a signed JWT (3 segments) can be read")
    if len(parts) != 3:
        raise InputError(WHERE, f"not a JWT: {len(parts)} segment{'s' if len(parts) != 1 else ''}, expected 3")
    return Decoded(_segment(parts[0], "header"), _segment(parts[1], "payload"), token)


def _segment(text: str, name: str) -> dict:
    try:
        # b64decode with validate=True rejects stray characters that urlsafe_b64decode would skip.
        raw = base64.b64decode(text.translate(_URLSAFE) + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise InputError(WHERE, f"the {name} is not base64url") from None
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise InputError(WHERE, f"the {name} is not JSON") from None
    if not isinstance(value, dict):
        raise InputError(WHERE, f"the {name} is not a JSON object")
    return value


def audiences(claims: dict) -> list[str]:
    """Convex's reading of aud: a string is a one-item list, missing is empty."""
    aud = claims.get("aud")
    if isinstance(aud, str):
        return [aud]
    if isinstance(aud, list):
        return [a for a in aud if isinstance(a, str)]
    return []


def classify(claims: dict) -> tuple[Environment, str | None]:
    """The kind of WorkOS environment that issued the token, and the client it names, if any."""
    iss = claims.get("iss")
    auds = audiences(claims)
    named = next((a for a in auds if a.startswith("client_")), None)
    if not isinstance(iss, str):
        return Environment.NOT_WORKOS, None
    issuer = workos.classify_issuer((iss,))
    host = issuer.host.lower()
    client = issuer.tail[0] if len(issuer.tail) == 1 and isinstance(issuer.tail[0], str) else None
    if host == workos.STAGING_HOST:
        return Environment.STAGING, client or named
    if issuer.kind is workos.IssuerKind.SHARED:
        return (Environment.LEGACY_WITH_AUD if auds else Environment.LEGACY_NO_AUD), named
    if issuer.kind is workos.IssuerKind.USER_MANAGEMENT:
        return (Environment.USER_MANAGEMENT if host == workos.API_HOST else Environment.CUSTOM_DOMAIN), client
    if issuer.kind is workos.IssuerKind.UNVERIFIED:
        return Environment.UNVERIFIED, None
    return Environment.NOT_WORKOS, None


def shorten(value) -> str:
    text = str(value)
    return text if len(text) <= 12 else f"{text[:7]}…{text[-2:]}"


def project_client_id(root: Path, name: str, given: str | None) -> tuple[str | None, str | None]:
    """(client id, where it came from): --client-id, the environment, .env.local, .env.

    Reads only the one variable: API keys and cookie passwords in those files are never read out."""
    if given:
        return given, "--client-id"
    if os.environ.get(name):
        return os.environ[name], f"${name}"
    for file in (".env.local", ".env"):
        path = root / file
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            key, sep, value = line.strip().removeprefix("export ").partition("=")
            if sep and key.strip() == name:
                value = value.strip().strip("'\"")
                if value:
                    return value, f"{file}"
    return None, None


class Side(NamedTuple):
    provider: int | None
    line: int | None
    reason: str | None  # Convex's NoAuthProvider text when nothing is selected
    reasons: list
    push_error: str | None = None  # Convex refuses to push this config: no token is accepted


class Explanation(NamedTuple):
    config: str
    claims: dict
    environment: Environment
    token_client: str | None
    client: str | None
    client_source: str | None
    assumed_client: bool
    before: Side
    after: Side
    changed: bool
    remedy: str | None
    notes: list  # client-id consistency and other observations
    signature: str | None


def _side(config, token: convex.Token, env: dict) -> Side:
    from codemod.context import fields_of

    fields = [fields_of(p) for p in config.providers]
    problems = convex.validate(fields)
    if problems:
        return Side(None, None, None, [], problems[0].message)
    result = convex.pick(fields, token, env)
    line = config.providers[result.index].line if result.index is not None else None
    reasons = [reason.replace(f"provider {p.index}:", f"provider {p.index} (line {p.line}):", 1)
               for reason, p in zip(result.reasons, config.providers)]
    return Side(result.index, line, result.message, reasons)


def explain(decoded: Decoded, config_path: str, before, after, client_env: str,
            client: str | None, client_source: str | None, signature: str | None = None) -> Explanation:
    """before/after: the parsed config as it is and as the fix leaves it (the same when unchanged)."""
    claims = decoded.claims
    environment, token_client = classify(claims)
    assumed = client is None and token_client is not None
    value = client or token_client
    env = {client_env: value} if value else {}
    token = convex.Token((claims["iss"],) if isinstance(claims.get("iss"), str) else None,
                         tuple((a,) for a in audiences(claims)))
    side_before, side_after = _side(before, token, env), _side(after, token, env)
    notes = []
    if client and token_client and client != token_client:
        notes.append(f"the token names client {token_client}, this project's client id is {client} ({client_source}): "
                     "a frequent cause is a Convex deployment set up with another WorkOS environment's client id")
    elif assumed:
        notes.append(f"this project's client id is unknown (--client-id, ${client_env}, .env.local, .env): "
                     f"assumed to be the token's, {token_client}")
    remedy = _remedy(environment, side_after, claims, token_client, client) if side_after.provider is None else None
    return Explanation(config_path, claims, environment, token_client, value, client_source if client else None,
                       assumed, side_before, side_after, before is not after, remedy, notes, signature)


def _remedy(environment: Environment, after: Side, claims: dict, token_client, client) -> str:
    if environment is Environment.LEGACY_NO_AUD:
        return ("No secure config accepts this token: its issuer https://api.workos.com is shared by every WorkOS "
                "app, and Convex requires applicationID (an aud check) on that issuer. Change WorkOS instead: set "
                '{"aud": "<client id>"} in this environment\'s JWT template (WorkOS dashboard: Authentication → '
                "JWT Template), then the shared-issuer provider with applicationID accepts it; or use an environment "
                "that issues https://api.workos.com/user_management/<client id>. The AuthKit SDK version does not "
                "set the issuer or aud, so up- or downgrading the SDK will not help.")
    if environment is Environment.LEGACY_WITH_AUD:
        return (f"aud {', '.join(audiences(claims))} matches no applicationID: applicationID must equal the aud the "
                "JWT template sets (check the client id the deployment's WORKOS_CLIENT_ID holds)")
    if environment in (Environment.CUSTOM_DOMAIN, Environment.STAGING):
        host = workos.classify_issuer((claims["iss"],)).host
        return (f"if {host} is your WorkOS auth domain, add a provider for it: fix-authconfig --auth-domain {host} "
                "(the tool never trusts a host from a token on its own)")
    if environment is Environment.USER_MANAGEMENT and client and token_client and client != token_client:
        return "set the deployment's WORKOS_CLIENT_ID to the client id of the WorkOS environment that issued the token"
    if environment is Environment.NOT_WORKOS:
        return "this is not a WorkOS AuthKit token: check which token the app sends to Convex"
    return "no provider accepts this token; see the reasons above"


def verify_signature(decoded: Decoded, jwks_path: Path) -> str:
    """Offline signature check against a saved JWKS, with PyJWT (the `jwks` extra)."""
    try:
        import jwt
    except ImportError:
        raise InputError(jwks_path, "checking a signature needs PyJWT: pip install 'fix-authconfig[jwks]'") from None
    try:
        keys = jwt.PyJWKSet.from_json(jwks_path.read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(jwks_path, f"cannot read: {err.strerror}") from None
    except (jwt.PyJWKSetError, ValueError) as err:
        raise InputError(jwks_path, f"not a JWKS: {err}") from None
    kid = decoded.header.get("kid")
    key = next((k for k in keys.keys if k.key_id == kid), None)
    if key is None:
        return f"kid {kid} is not in {jwks_path.name}: signed by another key set"
    try:
        jwt.decode(decoded.raw, key.key, algorithms=[decoded.header.get("alg", "RS256")],
                   options={"verify_exp": False, "verify_aud": False, "verify_iss": False, "verify_nbf": False,
                            "verify_iat": False})
    except jwt.InvalidSignatureError:
        return f"INVALID signature for kid {kid}"
    except jwt.PyJWTError as err:
        return f"not verified: {err}"
    return f"valid (kid {kid})"


# --- presentation -----------------------------------------------------------------------------------

_SHOWN = ("iss", "aud", "exp", "sub", "sid")


def expiry(claims: dict) -> str:
    exp = claims.get("exp")
    if not isinstance(exp, (int, float)):
        return "no exp"
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(exp))
    return f"{when} ({'expired' if exp < time.time() else 'not expired'})"


def text(e: Explanation) -> str:
    c = e.claims
    aud = ", ".join(audiences(c)) or "(none)"
    out = [f"token: iss {c.get('iss', '(none)')}, aud {aud}, exp {expiry(c)}",
           f"  sub {shorten(c.get('sub', '-'))}, sid {shorten(c.get('sid', '-'))}; other claims: "
           + (", ".join(sorted(k for k in c if k not in _SHOWN)) or "none"),
           f"  environment: {e.environment.value}"]
    if e.client and not e.assumed_client:
        out.append(f"  client id: {e.client} ({e.client_source})")
    if e.signature:
        out.append(f"  signature: {e.signature}")
    for note in e.notes:
        out.append(f"  note: {note}")
    out += _side_text("as it is", e.config, e.before)
    if e.changed:
        out += _side_text("after the fix", e.config, e.after)
    else:
        out.append("  after the fix: the same (no change)")
    if e.remedy:
        out.append(f"  remedy: {e.remedy}")
    return "\n".join(out) + "\n"


def _side_text(label: str, config: str, side: Side) -> list[str]:
    if side.push_error is not None:
        return [f"  {label}: Convex refuses to push {config}: {side.push_error}"]
    if side.provider is not None:
        return [f"  {label}: {config} selects provider {side.provider} (line {side.line})"]
    return [f"  {label}: {config} selects no provider"] + [f"    {r}" for r in side.reasons] + \
        [f"    Convex logs: {side.reason}"]


def as_json(e: Explanation) -> dict:
    def side(s: Side) -> dict:
        return {"provider": s.provider, "line": s.line, "reason": s.push_error or s.reason, "reasons": s.reasons}

    return {
        "config": e.config,
        "claims": {"iss": e.claims.get("iss"), "aud": e.claims.get("aud"), "exp": e.claims.get("exp")},
        "environment": e.environment.name.lower(),
        "client_id_matches": None if not (e.client and e.token_client) or e.assumed_client else e.client == e.token_client,
        "before": side(e.before),
        "after": side(e.after),
        "remedy": e.remedy,
        "signature": e.signature,
    }
