"""Runs token verification with the real PyJWT, python-jose and authlib, for tests/backend_oracles.py.

A separate process, so that an older PyJWT can be put first on sys.path (PYTHONPATH) for one batch.

stdin: {"pem": ..., "jwks": {...}, "env": {...}, "tokens": {name: jwt},
        "grid": [{"id", "library", "kwargs"}],          # kwargs of decode; {"tuple": [...]} is a tuple
        "modules": [{"id", "source", "export", "with_key"}]}
stdout: {"version": <PyJWT version>, "grid": {id: {token: "ok" | error}}, "modules": {id: {...}}}

urllib's HTTP(S) handlers are replaced: a URL on a /sso/jwks/ path answers the test JWKS (PyJWKClient
and hand-written urlopen calls go through them), anything else fails.
"""

from __future__ import annotations

import email.message
import io
import json
import os
import sys
import urllib.error
import urllib.request
import urllib.response


def main() -> None:
    batch = json.load(sys.stdin)
    os.environ.update(batch.get("env", {}))
    jwks = json.dumps(batch["jwks"]).encode()

    def answer(handler, request):
        url = request.full_url
        if "/sso/jwks/" not in url:
            raise urllib.error.URLError(f"network access in a test: {url}")
        headers = email.message.Message()
        headers["content-type"] = "application/json"
        response = urllib.response.addinfourl(io.BytesIO(jwks), headers, url, 200)
        response.msg = "OK"
        return response

    # Every opener (urlopen, PyJWKClient's own build_opener) ends in these handlers.
    urllib.request.HTTPSHandler.https_open = answer
    urllib.request.HTTPHandler.http_open = answer
    import jwt

    out = {"version": jwt.__version__, "grid": {}, "modules": {}}
    key = batch["pem"]
    for item in batch.get("grid", []):
        kwargs = {k: tuple(v["tuple"]) if isinstance(v, dict) and "tuple" in v else v for k, v in item["kwargs"].items()}
        out["grid"][item["id"]] = _run(batch["tokens"], lambda token: _decode(item["library"], token, key, kwargs))
    for item in batch.get("modules", []):
        namespace: dict = {"__name__": f"fixture_{item['id']}"}
        try:
            exec(compile(item["source"], item["id"], "exec"), namespace)
        except Exception as error:  # noqa: BLE001 - reported per module
            out["modules"][item["id"]] = {"error": f"{type(error).__name__}: {error}"}
            continue
        verify = namespace[item.get("export", "verify")]
        call = (lambda token: verify(token, key)) if item.get("with_key", True) else verify
        out["modules"][item["id"]] = _run(batch["tokens"], call)
    json.dump(out, sys.stdout)


def _decode(library: str, token: str, key: str, kwargs: dict):
    if library == "pyjwt":
        import jwt

        return jwt.decode(token, key, algorithms=["RS256"], **kwargs)
    if library == "python-jose":
        from jose import jwt as jose_jwt

        return jose_jwt.decode(token, key, algorithms=["RS256"], **kwargs)
    from authlib.jose import JsonWebToken

    claims = JsonWebToken(["RS256"]).decode(token, key, claims_options=kwargs.get("claims_options"))
    claims.validate()
    return claims


def _run(tokens: dict, call) -> dict:
    results = {}
    for name, token in tokens.items():
        try:
            call(token)
            results[name] = "ok"
        except Exception as error:  # noqa: BLE001 - the outcome is what is compared
            results[name] = f"{type(error).__name__}: {error}"
    return results


if __name__ == "__main__":
    main()
