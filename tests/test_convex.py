"""codemod.convex against the facts: exact push-time messages, and which provider a token selects."""

from __future__ import annotations

import pytest

from codemod.convex import Token, pick, sym_equal, validate
from codemod.model import FOREIGN, Env

C = Env("WORKOS_CLIENT_ID")


def custom(issuer, app=None, **extra):
    p = {"type": ("customJwt",), "issuer": issuer, "jwks": ("https://api.workos.com/sso/jwks/", C), "algorithm": ("RS256",)}
    if app is not None:
        p["applicationID"] = app
    return {**p, **extra}


SHARED = custom(("https://api.workos.com/",), (C,))
USER_MANAGEMENT = custom(("https://api.workos.com/user_management/", C))


@pytest.mark.parametrize("provider, message", [
    ({**SHARED, "applicationId": (C,)},
     "The pushed auth config is invalid: Provider at index 0 must have applicationID property spelled lowercase "
     "'application', capital I, capital D."),
    ({**SHARED, "type": ("jwt",)}, "The pushed auth config is invalid: Provider at index 0 has unexpected 'type' value 'jwt'"),
    ({**SHARED, "domain": ("https://api.workos.com/",)},
     "The pushed auth config is invalid: Provider at index 0 is a customJwt so cannot have a 'domain' specified"),
    ({"issuer": ("https://x.example.com",), "domain": ("https://x.example.com",), "applicationID": ("a",)},
     "The pushed auth config is invalid: Provider at index 0 is oidc so cannot have an 'issuer' specified."),
    (custom(("https://api.workos.com",)),
     "This auth configuration appears potentially insecure: Provider at index 0 has an issuer that is shared among "
     "many applications, so must to specify an ApplicationID to check against an `aud` field of a JWT."),
    ({k: v for k, v in SHARED.items() if k != "algorithm"},
     "The pushed auth config is invalid: data did not match any variant of untagged enum SerializedAuthInfo"),
], ids=["spelling", "type", "customjwt-domain", "oidc-issuer", "shared-issuer", "missing-algorithm"])
def test_validate_first_message(provider, message):
    assert validate([provider])[0].message == message


@pytest.mark.parametrize("issuer", [("https://api.workos.com//",), ("HTTPS://api.workos.com/",), ("http://api.workos.com",)])
def test_spellings_that_slip_past_the_guard(issuer):
    assert validate([custom(issuer)]) == []


def test_canonical_config_validates():
    assert validate([SHARED, USER_MANAGEMENT]) == []


@pytest.mark.parametrize("token, index", [
    (Token(("https://api.workos.com",), ((C,),)), 0),
    (Token(("https://api.workos.com/user_management/", C)), 1),
    (Token(("api.workos.com/user_management/", C)), 1),  # https:// is prefixed
    (Token(("https://api.workos.com/user_management/", C, "/")), 1),  # trailing slashes ignored
    (Token(("https://api.workos.com",)), None),  # the bug report's token: no aud
    (Token(("https://api.workos.com",), ((FOREIGN,),)), None),
    (Token(("https://api.workos.com/user_management/", FOREIGN)), None),
], ids=["legacy-aud", "user-management", "no-scheme", "trailing-slash", "legacy-no-aud", "foreign-aud", "foreign-um"])
def test_pick(token, index):
    assert pick([SHARED, USER_MANAGEMENT], token).index == index


def test_no_provider_message_and_reasons():
    result = pick([SHARED, USER_MANAGEMENT], Token(("https://api.workos.com",)), {"WORKOS_CLIENT_ID": "client_1"})
    assert result.message == (
        "No auth provider found matching the given token. Check that your JWT's issuer and audience match one of your "
        "configured providers: [CustomJWT(issuer=https://api.workos.com/, app_id=client_1), "
        "CustomJWT(issuer=https://api.workos.com/user_management/client_1, app_id=none)]")
    assert result.reasons[0] == "provider 0: requires aud client_1, and the token has no aud"
    assert result.reasons[1].startswith("provider 1: issuer https://api.workos.com/user_management/")


def test_no_fall_through_first_match_wins():
    second = custom(("https://api.workos.com",), (C,), jwks=("https://elsewhere.example.com/jwks",))
    assert pick([second, SHARED], Token(("https://api.workos.com/",), ((C,),))).index == 0


def test_no_providers_message():
    assert pick([], Token(("https://api.workos.com",))).message == (
        "No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.")


@pytest.mark.parametrize("a, b, expected", [
    (("x/", C), ("x/", C), True),
    (("x/", C), ("x/", FOREIGN), False),
    (("x/", C), ("x/client_1",), None),
    (("x/", C), ("y/client_1",), False),
    (("x/", C), ("x/", C, "/z"), False),
    (("x/", C), ("x/", Env("OTHER")), None),
])
def test_sym_equal(a, b, expected):
    assert sym_equal(a, b) is expected
