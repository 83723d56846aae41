"""Fixture pairs for the backend rules (VFY*): source that verifies WorkOS tokens, and what the tool
must make of it. Every source is a whole module that runs: `verify(token, key)` verifies a token
with the real library, so tests/test_backends_oracles.py can run each one, before and after the
fix, on real tokens. Expected outputs are written from the rule docstrings and
../shared/facts/workos-tokens.md, not copied from the tool.

`accepts`: the token kinds (tests/backend_oracles.py CLAIMS) the fixed code accepts, when it is
worth spelling out; the oracle test checks it on the real library.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple

from backend_oracles import CLAIMS

# The head of every Python fixture: the client id from the environment, and the WorkOS JWKS URL
# that ties the file to WorkOS and names the client id (a service fetches its keys from there).
PY = '''\
import os

import jwt

CLIENT_ID = os.environ["WORKOS_CLIENT_ID"]
JWKS_URL = f"https://api.workos.com/sso/jwks/{CLIENT_ID}"

'''
JOSE = '''\
from jose import jwt

import os

CLIENT_ID = os.environ["WORKOS_CLIENT_ID"]
JWKS_URL = f"https://api.workos.com/sso/jwks/{CLIENT_ID}"

'''
AUTHLIB = '''\
import os

from authlib.jose import JsonWebToken

CLIENT_ID = os.environ["WORKOS_CLIENT_ID"]
JWKS_URL = f"https://api.workos.com/sso/jwks/{CLIENT_ID}"
jwt = JsonWebToken(["RS256"])

'''
TS = '''\
import { jwtVerify } from "jose";

const clientId = process.env.WORKOS_CLIENT_ID!;
export const JWKS_URL = `https://api.workos.com/sso/jwks/${clientId}`;

'''
JWT_JS = '''\
import jwt from "jsonwebtoken";

const clientId = process.env.WORKOS_CLIENT_ID;
export const JWKS_URL = `https://api.workos.com/sso/jwks/${clientId}`;

'''

BOTH = {"legacy with aud", "user_management with aud"}  # with an audience check: the template sets aud
NEW = {"user_management", "user_management with aud"}  # no audience check, the issuer names the client


class Case(NamedTuple):
    id: str
    file: str  # its name decides the language: .py, .ts, .js
    before: str
    after: str | None = None  # None: the file must not change
    codes: tuple[str, ...] = ()  # what the original file reports (all rules)
    pyjwt: str | None = None  # the PyJWT version the project pins (requirements.txt ==)
    unsafe: bool = False
    accepts: frozenset | None = None  # the token kinds the fixed (or unchanged) code accepts


def case(id, file, head, before, after=None, codes=(), pyjwt=None, unsafe=False, accepts=None) -> Case:
    before = head + textwrap.dedent(before).lstrip("\n")
    after = None if after is None else head + textwrap.dedent(after).lstrip("\n")
    return Case(id, file, before, after, tuple(codes), pyjwt, unsafe, None if accepts is None else frozenset(accepts))


FIXES = [
    # --- VFY001: PyJWT
    case("pyjwt-slash-issuer", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer="https://api.workos.com/")
    ''', '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"])
    ''', codes=["VFY001"], accepts=BOTH),
    case("pyjwt-2.9-slash-issuer-multiline", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=CLIENT_ID,  # the aud our JWT template sets
                issuer='https://api.workos.com/',  # WorkOS
            )
    ''', '''
        def verify(token, key):
            return jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                audience=CLIENT_ID,  # the aud our JWT template sets
                issuer=['https://api.workos.com', f'https://api.workos.com/user_management/{CLIENT_ID}'],  # WorkOS
            )
    ''', codes=["VFY001"], pyjwt="2.9.0", accepts=BOTH),
    case("pyjwt-2.8-takes-one-issuer", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer="https://api.workos.com/")
    ''', '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer="https://api.workos.com")
    ''', codes=["VFY001"], pyjwt="2.8.0", accepts={"legacy with aud"}),
    case("pyjwt-2.8-issuer-list-matches-nothing", "auth.py", PY, '''
        def verify(token, key):
            issuers = ["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"]
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=issuers)
    ''', '''
        def verify(token, key):
            issuers = "https://api.workos.com"
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=issuers)
    ''', codes=["VFY001", "VFY002"], pyjwt="2.8.0", accepts={"legacy with aud"}),
    case("pyjwt-slash-issuer-without-audience", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], issuer="https://api.workos.com/")
    ''', '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], issuer=f"https://api.workos.com/user_management/{CLIENT_ID}")
    ''', codes=["VFY001"], pyjwt="2.9.0", accepts={"user_management"}),
    case("pyjwt-user-management-without-client", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], issuer="https://api.workos.com/user_management")
    ''', '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], issuer=f"https://api.workos.com/user_management/{CLIENT_ID}")
    ''', codes=["VFY001"], pyjwt="2.10.1", accepts={"user_management"}),
    case("pyjwt-user-management-trailing-slash-with-audience", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID,
                              issuer=f"https://api.workos.com/user_management/{CLIENT_ID}/")
    ''', '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID,
                              issuer=[f"https://api.workos.com/user_management/{CLIENT_ID}", "https://api.workos.com"])
    ''', codes=["VFY001"], pyjwt="2.10.1", accepts=BOTH),
    case("pyjwt-docs-typo-issuer", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=f"https://api.workos.com/{CLIENT_ID}")
    ''', '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"])
    ''', codes=["VFY001"], pyjwt="2.10.1", accepts=BOTH),
    case("pyjwt-http-scheme", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer="http://api.workos.com")
    ''', '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"])
    ''', codes=["VFY001"], pyjwt="2.10.1", accepts=BOTH),
    case("pyjwt-issuer-list-element", "auth.py", PY, '''
        ISSUERS = [
            "https://api.workos.com/",  # legacy environments
            f"https://api.workos.com/user_management/{CLIENT_ID}",  # since mid-2025
        ]


        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUERS)
    ''', '''
        ISSUERS = [
            "https://api.workos.com",  # legacy environments
            f"https://api.workos.com/user_management/{CLIENT_ID}",  # since mid-2025
        ]


        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUERS)
    ''', codes=["VFY001", "VFY002"], pyjwt="2.10.1", accepts=BOTH),
    case("pyjwt-issuer-constant", "auth.py", PY, '''
        WORKOS_ISSUER = "https://api.workos.com/"


        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=WORKOS_ISSUER)
    ''', '''
        WORKOS_ISSUER = ["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"]


        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=WORKOS_ISSUER)
    ''', codes=["VFY001"], pyjwt="2.10.1", accepts=BOTH),
    # --- VFY001: python-jose, authlib
    case("python-jose-slash-issuer-audience-not-required", "auth.py", JOSE, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer="https://api.workos.com/")
    ''', '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=f"https://api.workos.com/user_management/{CLIENT_ID}")
    ''', codes=["VFY001"], accepts=NEW),
    case("python-jose-slash-issuer-require-aud", "auth.py", JOSE, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer="https://api.workos.com/",
                              options={"require_aud": True})
    ''', '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"],
                              options={"require_aud": True})
    ''', codes=["VFY001"], accepts=BOTH),
    case("authlib-value-becomes-values", "auth.py", AUTHLIB, '''
        CLAIMS = {
            "iss": {"essential": True, "value": "https://api.workos.com/"},
            "aud": {"essential": True, "value": CLIENT_ID},
        }


        def verify(token, key):
            claims = jwt.decode(token, key, claims_options=CLAIMS)
            claims.validate()
            return claims
    ''', '''
        CLAIMS = {
            "iss": {"essential": True, "values": ["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"]},
            "aud": {"essential": True, "value": CLIENT_ID},
        }


        def verify(token, key):
            claims = jwt.decode(token, key, claims_options=CLAIMS)
            claims.validate()
            return claims
    ''', codes=["VFY001"], accepts=BOTH),
    # --- VFY001: jose, jsonwebtoken
    case("jose-slash-issuer", "auth.ts", TS, '''
        export async function verify(token: string, key: CryptoKey) {
          const { payload } = await jwtVerify(token, key, {
            issuer: "https://api.workos.com/",
            audience: clientId,
          });
          return payload;
        }
    ''', '''
        export async function verify(token: string, key: CryptoKey) {
          const { payload } = await jwtVerify(token, key, {
            issuer: ["https://api.workos.com", `https://api.workos.com/user_management/${clientId}`],
            audience: clientId,
          });
          return payload;
        }
    ''', codes=["VFY001"], accepts=BOTH),
    case("jose-user-management-without-client", "auth.ts", TS, '''
        export async function verify(token: string, key: CryptoKey) {
          const { payload } = await jwtVerify(token, key, { issuer: 'https://api.workos.com/user_management/' });
          return payload;
        }
    ''', '''
        export async function verify(token: string, key: CryptoKey) {
          const { payload } = await jwtVerify(token, key, { issuer: `https://api.workos.com/user_management/${clientId}` });
          return payload;
        }
    ''', codes=["VFY001"], accepts=NEW),
    case("jsonwebtoken-slash-issuer", "auth.js", JWT_JS, '''
        export function verify(token, key) {
          return jwt.verify(token, key, { algorithms: ["RS256"], issuer: "https://api.workos.com/", audience: clientId });
        }
    ''', '''
        export function verify(token, key) {
          return jwt.verify(token, key, { algorithms: ["RS256"], issuer: ["https://api.workos.com", `https://api.workos.com/user_management/${clientId}`], audience: clientId });
        }
    ''', codes=["VFY001"], accepts=BOTH),
    # --- VFY002: the audience check goes only where the issuer names the client (unsafe fix)
    case("pyjwt-user-management-with-audience", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID,
                              issuer=f"https://api.workos.com/user_management/{CLIENT_ID}")
    ''', '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": False},
                              issuer=f"https://api.workos.com/user_management/{CLIENT_ID}")
    ''', codes=["VFY002"], unsafe=True, accepts=NEW),
    case("jose-user-management-with-audience", "auth.ts", TS, '''
        export async function verify(token: string, key: CryptoKey) {
          const { payload } = await jwtVerify(token, key, {
            issuer: `https://api.workos.com/user_management/${clientId}`,
            audience: clientId,
          });
          return payload;
        }
    ''', '''
        export async function verify(token: string, key: CryptoKey) {
          const { payload } = await jwtVerify(token, key, {
            issuer: `https://api.workos.com/user_management/${clientId}`,
          });
          return payload;
        }
    ''', codes=["VFY002"], unsafe=True, accepts=NEW),
    case("jsonwebtoken-user-management-with-audience-inline", "auth.js", JWT_JS, '''
        export function verify(token, key) {
          return jwt.verify(token, key, { issuer: `https://api.workos.com/user_management/${clientId}`, audience: clientId });
        }
    ''', '''
        export function verify(token, key) {
          return jwt.verify(token, key, { issuer: `https://api.workos.com/user_management/${clientId}` });
        }
    ''', codes=["VFY002"], unsafe=True, accepts=NEW),
]

# Files the tool must leave alone; `codes` is what it still reports.
UNCHANGED = [
    case("pyjwt-canonical", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID,
                              issuer=["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"])
    ''', codes=["VFY002"], accepts=BOTH),
    case("pyjwt-user-management-only", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": False},
                              issuer=f"https://api.workos.com/user_management/{CLIENT_ID}")
    ''', accepts=NEW),
    case("pyjwt-user-management-with-audience-safe-mode", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID,
                              issuer=f"https://api.workos.com/user_management/{CLIENT_ID}")
    ''', codes=["VFY002"], accepts={"user_management with aud"}),
    case("pyjwt-custom-domain", "auth.py", PY.replace("api.workos.com/sso", "auth.example.com/sso"), '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": False},
                              issuer=f"https://auth.example.com/user_management/{CLIENT_ID}")
    ''', accepts={"custom domain"}),
    case("pyjwt-not-workos-issuer", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience="convex", issuer="https://clerk.example.com/")
    ''', accepts=set()),
    case("pyjwt-no-issuer-check", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID)
    ''', codes=["VFY002", "VFY003"], accepts=BOTH),
    case("pyjwt-legacy-without-audience", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], issuer="https://api.workos.com")
    ''', codes=["VFY005"], accepts={"legacy without aud"}),
    case("pyjwt-2.10.0-string-issuer", "auth.py", PY, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], issuer=f"https://api.workos.com/user_management/{CLIENT_ID}")
    ''', codes=["VFY004"], pyjwt="2.10.0", accepts={"user_management", "legacy without aud"}),
    case("pyjwt-kwargs", "auth.py", PY, '''
        OPTIONS = {"audience": CLIENT_ID, "issuer": "https://api.workos.com/"}


        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], **OPTIONS)
    ''', codes=["VFY006"], accepts=set()),
    case("python-jose-legacy-audience-not-required", "auth.py", JOSE, '''
        def verify(token, key):
            return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer="https://api.workos.com")
    ''', codes=["VFY005"], accepts={"legacy with aud", "legacy without aud"}),
    case("authlib-never-validated", "auth.py", AUTHLIB, '''
        def verify(token, key):
            return jwt.decode(token, key, claims_options={"iss": {"essential": True, "value": "https://api.workos.com/"}})
    ''', codes=["VFY003"], accepts=CLAIMS),  # claims.validate() is never called
    case("jose-canonical-user-management", "auth.ts", TS, '''
        export async function verify(token: string, key: CryptoKey) {
          const { payload } = await jwtVerify(token, key, { issuer: `https://api.workos.com/user_management/${clientId}` });
          return payload;
        }
    ''', accepts=NEW),
    case("jose-suppressed", "auth.ts", TS, '''
        export async function verify(token: string, key: CryptoKey) {
          // fix-authconfig-ignore: VFY002 (our JWT template sets aud)
          const { payload } = await jwtVerify(token, key, {
            issuer: ["https://api.workos.com", `https://api.workos.com/user_management/${clientId}`],
            audience: clientId,
          });
          return payload;
        }
    ''', accepts=BOTH),
    case("jsonwebtoken-options-spread", "auth.js", JWT_JS, '''
        const defaults = { algorithms: ["RS256"] };

        export function verify(token, key) {
          return jwt.verify(token, key, { ...defaults, issuer: "https://api.workos.com/" });
        }
    ''', codes=["VFY006"], accepts=set()),
]
