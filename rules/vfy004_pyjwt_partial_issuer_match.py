"""PyJWT 2.10.0 checks a string issuer as a substring (GHSA-75c5-xw7c-p5pm).

What it does: flags each PyJWT `decode` call with a string `issuer=` when the project pins or
locks PyJWT 2.10.0 (requirements*.txt `==`, poetry.lock, uv.lock, Pipfile.lock).

Why is this bad? PyJWT 2.10.0 tested `iss in issuer` for a string issuer: any iss that is a part
of the expected string passed. `https://api.workos.com`, the iss of every legacy WorkOS app's
tokens, is a part of `https://api.workos.com/user_management/<client id>`, so a call that expects
the new issuer and checks no aud accepts other apps' legacy tokens.

Example:
    # requirements.txt: PyJWT==2.10.0
    jwt.decode(token, key, algorithms=["RS256"], issuer=f"https://api.workos.com/user_management/{CLIENT_ID}")

Fix safety: no fix in the code: upgrade PyJWT to 2.10.1 or later (where the check is exact again).

Source: GHSA-75c5-xw7c-p5pm; PyJWT api_jwt.py `_validate_iss` at 2.10.0 and 2.10.1;
facts/workos-tokens.md ("Python and JS verifiers").
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding

CODE = "VFY004"
NAME = "pyjwt-partial-issuer-match"
SEVERITY = Severity.ERROR
FIX = Applicability.NONE
APPLIES_TO = {"pyjwt": "2.10.0"}


def check_backend(ctx):
    from codemod.backends import model

    for v in ctx.verifiers:
        if v.library != "pyjwt" or v.opaque or v.issuer is None or not v.issuer_checked or v.issuer.container != "str":
            continue
        let_in = []
        if v.issuer.is_known:
            for kind in model.foreign_tokens(v, model.APP):
                if model.accepts(v, kind.claims, model.APP, "2.10.0") and not model.accepts(v, kind.claims, model.APP):
                    let_in.append(kind.name)
        consequence = f": this call accepts {', '.join(let_in)}" if let_in else ""
        installed = ctx.packages.get("pyjwt")
        where = f" ({installed.source})" if installed is not None else ""
        yield Finding(v.issuer.site, f"PyJWT 2.10.0{where} checks a string issuer as a substring "
                                     f"(GHSA-75c5-xw7c-p5pm){consequence}",
                      Fix.manual("upgrade PyJWT to 2.10.1 or later"))
