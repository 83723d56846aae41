"""Who is calling: the WorkOS AuthKit access token our web app sends as `Authorization: Bearer …`.

In the FastAPI app this is the dependency behind `Depends(current_user)`; it is plain Python here,
so the example runs without FastAPI.
"""

import os

import jwt
from jwt import PyJWKClient

WORKOS_CLIENT_ID = os.environ["WORKOS_CLIENT_ID"]
# WorkOS signs the access tokens of this client with the keys published here.
jwks_client = PyJWKClient(f"https://api.workos.com/sso/jwks/{WORKOS_CLIENT_ID}")


class Unauthorized(Exception):
    """FastAPI answers 401."""


def current_user(authorization: str | None) -> dict:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("expected a bearer token")
    try:
        signing_key = jwks_client.get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            signing_key.key,
            algorithms=["RS256"],
            audience=WORKOS_CLIENT_ID,  # the aud our WorkOS JWT template sets
            issuer="https://api.workos.com/",
        )
    except jwt.PyJWTError as error:
        raise Unauthorized(str(error)) from error
    return {"user_id": claims["sub"], "session_id": claims.get("sid"), "org_id": claims.get("org_id")}
