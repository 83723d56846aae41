"""Write the sample tokens of examples/tokens/: one per kind of WorkOS environment.

Signed with an RSA key generated here and thrown away (only its public JWKS is kept), with made-up
client and user ids: none is a real token. Re-run to regenerate: python examples/tokens/make_tokens.py
"""

from __future__ import annotations

import json
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

HERE = Path(__file__).resolve().parent
CLIENT = "client_01J9Z7Q4XK3M8V2N6B5T0RHWEA"  # the examples' client id (see tanstack-bug-report/.env.local)
OTHER = "client_01J8OTHERAPP00000000000000"
KID = "sso_oidc_key_pair_01J9EXAMPLE00000000000000"
EXP = 1924992000  # 2031-01-01: the samples stay unexpired for years
COMMON = {"sub": "user_01J9Z8AB3CD4EF5GH6JK7LM8NP", "sid": "session_01J9Z8QR3ST4UV5WX6YZ7AB8CD",
          "jti": "01J9Z8EF3GH4JK5LM6NP7QR8ST", "iat": EXP - 300, "exp": EXP}

TOKENS = {
    "legacy-with-aud": {"iss": "https://api.workos.com", "aud": CLIENT},
    "legacy-no-aud": {"iss": "https://api.workos.com", "org_id": "org_01J9Z8UV3WX4YZ5AB6CD7EF8GH", "role": "member"},
    "user-management": {"iss": f"https://api.workos.com/user_management/{CLIENT}"},
    "custom-domain": {"iss": f"https://auth.example.com/user_management/{CLIENT}"},
    "staging": {"iss": f"https://api.workos-test.com/user_management/{CLIENT}"},
    "other-client": {"iss": f"https://api.workos.com/user_management/{OTHER}"},
    "not-workos": {"iss": "https://clerk.example.com", "aud": "convex"},
}


def main() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    (HERE / "jwks.json").write_text(json.dumps({"keys": [{**public, "kid": KID, "alg": "RS256", "use": "sig"}]}, indent=2) + "\n")
    for name, claims in TOKENS.items():
        token = jwt.encode({**claims, **COMMON}, key, algorithm="RS256", headers={"kid": KID})
        (HERE / f"{name}.jwt").write_text(token + "\n")


if __name__ == "__main__":
    main()
