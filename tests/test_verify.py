"""verify.refusal: the last line of defence refuses every weakening, whatever a rule proposes."""

from __future__ import annotations

import textwrap

import pytest

from codemod import verify
from codemod.context import Context
from codemod.parse import parse

CANONICAL = """
const clientId = process.env.WORKOS_CLIENT_ID;
export default {
  providers: [
    { domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" },
    { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256",
      jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId },
    { type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`, algorithm: "RS256",
      jwks: `https://api.workos.com/sso/jwks/${clientId}` },
  ],
};
"""


def ctx(source: str) -> Context:
    return Context(parse("auth.config.ts", textwrap.dedent(source).encode()))


@pytest.mark.parametrize("old, new, reason", [
    ('issuer: "https://api.workos.com/", algorithm: "RS256",\n      jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId',
     'issuer: "https://api.workos.com//", algorithm: "RS256",\n      jwks: `https://api.workos.com/sso/jwks/${clientId}`',
     "the fix would accept another client's legacy token (provider 1)"),
    ('`https://api.workos.com/user_management/${clientId}`', '"https://api.workos.com/user_management/"',
     "the fix would reject the app's user_management token"),
    ('applicationID: "convex" }', 'applicationID: "convex2" }',
     "the fix would change a provider that is not a WorkOS provider"),
    ('jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId',
     'jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: "convex"',
     "the fix would reject the app's legacy token with aud"),
], ids=["slips-past-guard", "drops-user-management", "touches-clerk", "rewrites-application-id"])
def test_refuses_weakening(old, new, reason):
    assert old in CANONICAL
    assert verify.refusal(ctx(CANONICAL), ctx(CANONICAL.replace(old, new))) == reason


def test_rewritten_application_id_is_refused_even_when_nothing_was_accepted_before():
    broken = CANONICAL.replace("applicationID: clientId", "applicationId: clientId")
    rewritten = CANONICAL.replace("applicationID: clientId", 'applicationID: "convex"')
    assert verify.refusal(ctx(broken), ctx(rewritten)) == 'the fix would write applicationID "convex", which is not the client id'


def test_accepts_a_sound_fix():
    both = CANONICAL.replace("jwks: `https://api.workos.com/sso/jwks/${clientId}` },",
                             "jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId },")
    assert verify.refusal(ctx(both), ctx(CANONICAL)) is None
