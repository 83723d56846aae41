"""The real verifier libraries as oracles for codemod/backends: sign WorkOS-shaped tokens with a key
made here, and ask PyJWT, python-jose, authlib (tests/backend_runner.py, in a child process) and
jose, jsonwebtoken (tests/node/verifiers.mjs) which ones a verify call accepts.

- `TOKENS`: one token of each kind a WorkOS environment issues for this app (CLIENT), the same
  with an aud set by a JWT template, and the same kinds for another app (OTHER).
- `python(batch, pyjwt=None)` runs a batch with the installed libraries, or with an older PyJWT
  (installed once with pip into tests/.work/pyjwt-<version>, pure Python, no dependencies).
- `node(batch)` runs a batch under Node (needs `npm ci --prefix tests/node`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from functools import lru_cache
from pathlib import Path

TESTS = Path(__file__).resolve().parent
WORK = TESTS / ".work"
CLIENT = "client_01J9Z7Q4XK3M8V2N6B5T0RHWEA"
OTHER = "client_01J8OTHERAPP00000000000000"
LEGACY = "https://api.workos.com"
CUSTOM = "auth.example.com"
ENV = {"WORKOS_CLIENT_ID": CLIENT}
TIMEOUT = 300


def _um(client: str, host: str = "api.workos.com") -> str:
    return f"https://{host}/user_management/{client}"


# name -> claims (iss, aud); the app's kinds first, then another app's.
CLAIMS = {
    "legacy with aud": {"iss": LEGACY, "aud": CLIENT},
    "legacy without aud": {"iss": LEGACY},  # the public bug report's token: no secure check accepts it
    "user_management": {"iss": _um(CLIENT)},
    "user_management with aud": {"iss": _um(CLIENT), "aud": CLIENT},  # a JWT template sets aud
    "custom domain": {"iss": _um(CLIENT, CUSTOM)},
    "other: legacy with aud": {"iss": LEGACY, "aud": OTHER},
    "other: user_management": {"iss": _um(OTHER)},
    "other: user_management with aud": {"iss": _um(OTHER), "aud": OTHER},
    "other: custom domain": {"iss": _um(OTHER, CUSTOM)},
}
FOREIGN = [name for name in CLAIMS if name.startswith("other:")] + ["legacy without aud"]


@lru_cache(maxsize=1)
def keys() -> dict:
    """A fresh RSA key: its PEM public key, its JWKS, and every token of CLAIMS signed with it."""
    import jwt
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = private.public_key()
    pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(public))
    kid = "sso_oidc_key_pair_TEST"
    now = int(time.time())
    common = {"sub": "user_01J9Z8AB3CD4EF5GH6JK7LM8NP", "sid": "session_TEST", "iat": now - 60, "exp": now + 86400}
    tokens = {name: jwt.encode({**claims, **common}, private, algorithm="RS256", headers={"kid": kid})
              for name, claims in CLAIMS.items()}
    return {"pem": pem, "jwks": {"keys": [{**jwk, "kid": kid, "alg": "RS256", "use": "sig"}]}, "tokens": tokens}


def _batch(grid=(), modules=()) -> dict:
    material = keys()
    return {"pem": material["pem"], "jwks": material["jwks"], "env": ENV, "tokens": material["tokens"],
            "grid": list(grid), "modules": list(modules)}


def python(grid=(), modules=(), pyjwt: str | None = None) -> dict:
    """{"version", "grid": {id: {token: "ok" | error}}, "modules": {...}} from the real libraries."""
    env = {**os.environ}
    if pyjwt is not None:
        env["PYTHONPATH"] = str(old_pyjwt(pyjwt))
    done = subprocess.run([sys.executable, str(TESTS / "backend_runner.py")], input=json.dumps(_batch(grid, modules)),
                          capture_output=True, text=True, env=env, timeout=TIMEOUT)
    if done.returncode != 0:
        raise RuntimeError(f"backend_runner.py failed:\n{done.stderr}")
    out = json.loads(done.stdout)
    if pyjwt is not None and out["version"] != pyjwt:
        raise RuntimeError(f"asked for PyJWT {pyjwt}, ran {out['version']}")
    return out


def node(grid=(), modules=()) -> dict:
    nodejs = shutil.which("node")
    if nodejs is None or not (TESTS / "node" / "node_modules" / "jose").is_dir():
        raise RuntimeError("the Node test tools are not installed: run `npm ci --prefix tests/node`")
    done = subprocess.run([nodejs, str(TESTS / "node" / "verifiers.mjs")], input=json.dumps(_batch(grid, modules)),
                          capture_output=True, text=True, timeout=TIMEOUT, cwd=TESTS / "node")
    if done.returncode != 0:
        raise RuntimeError(f"verifiers.mjs failed:\n{done.stderr}")
    return json.loads(done.stdout)


def old_pyjwt(version: str) -> Path:
    """An older PyJWT in its own folder (pip install --target, once; tests/.work is gitignored)."""
    target = WORK / f"pyjwt-{version}"
    if not (target / "jwt" / "__init__.py").is_file():
        WORK.mkdir(exist_ok=True)
        done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check",
                               "--target", str(target), f"PyJWT=={version}"], capture_output=True, text=True,
                              timeout=TIMEOUT)
        if done.returncode != 0:
            raise RuntimeError(f"could not install PyJWT {version} for the oracle tests:\n{done.stderr}")
    return target


def accepted(results: dict) -> set[str]:
    """The token kinds a verify call let through."""
    return {name for name, outcome in results.items() if outcome == "ok"}
