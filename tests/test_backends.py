"""The backend rules (VFY*), in the table style of test_rules.py: the fixture pairs of
backend_cases.py must be fixed exactly, the unchanged ones left alone, each reporting what it must.
Then what each rule says (severity, fix safety, the message a person acts on), suppressions, the
security refusal, and the analysers on the forms real code takes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backend_cases import FIXES, UNCHANGED, Case
from codemod.backends import model
from codemod.backends.engine import BackendContext, analyse, process_backend, refusal
from codemod.engine import Options
from codemod.versions import Installed
from rules import all_rules


def packages(pyjwt: str | None) -> dict:
    return {"pyjwt": Installed(pyjwt, "requirements.txt", Path("requirements.txt"))} if pyjwt else {}


def check(source: str, file: str = "auth.py", pyjwt: str | None = None, unsafe: bool = False, rules=None):
    return process_backend(file, source.encode(), rules or all_rules(), Options(unsafe_fixes=unsafe), packages(pyjwt))


def found(result, code: str | None = None):
    return [d for d in result.found if code is None or d.code == code]


@pytest.mark.parametrize("case", FIXES, ids=[c.id for c in FIXES])
def test_fixes(case: Case):
    result = check(case.before, case.file, case.pyjwt, case.unsafe)
    assert result.refused is None, result.refused
    assert sorted({d.code for d in result.found}) == sorted(case.codes)
    assert result.output is not None, "no fix"
    assert result.output.decode() == case.after
    again = check(case.after, case.file, case.pyjwt, case.unsafe)
    assert again.output is None, "a second run changed the file again"


@pytest.mark.parametrize("case", UNCHANGED, ids=[c.id for c in UNCHANGED])
def test_unchanged(case: Case):
    result = check(case.before, case.file, case.pyjwt, case.unsafe)
    assert result.refused is None, result.refused
    assert result.output is None, result.output.decode()
    assert sorted({d.code for d in result.found}) == sorted(case.codes)


def by_id(cases, id_):
    return next(c for c in cases if c.id == id_)


# --- what each rule says ---------------------------------------------------------------------------


@pytest.mark.parametrize("id_, code, severity, fix", [
    ("pyjwt-slash-issuer", "VFY001", "error", "safe"),
    ("pyjwt-user-management-with-audience", "VFY002", "error", "unsafe"),
    ("pyjwt-canonical", "VFY002", "warning", "none"),
    ("pyjwt-no-issuer-check", "VFY003", "info", "none"),
    ("pyjwt-2.10.0-string-issuer", "VFY004", "error", "none"),
    ("python-jose-legacy-audience-not-required", "VFY005", "warning", "none"),
    ("pyjwt-kwargs", "VFY006", "info", "none"),
])
def test_severity_and_fix_safety(id_, code, severity, fix):
    case = by_id(FIXES + UNCHANGED, id_)
    [diagnostic] = found(check(case.before, case.file, case.pyjwt), code)
    applicability = diagnostic.fix.applicability.value if diagnostic.fix is not None else "none"
    assert (diagnostic.severity.value, applicability) == (severity, fix)


def test_vfy001_says_what_the_token_carries_and_what_to_write():
    [d] = found(check(by_id(FIXES, "pyjwt-slash-issuer").before), "VFY001")
    assert d.message == ('issuer "https://api.workos.com/" matches no WorkOS token: PyJWT compares the iss exactly, '
                         "and WorkOS issues https://api.workos.com")
    assert d.fix.message == ('use issuer=["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"]'
                             "; a list of issuers needs PyJWT 2.9 or later (no pinned version found)")
    assert (d.line, d.column) == (9, 84)


def test_vfy001_on_old_pyjwt_says_a_list_needs_2_9():
    case = by_id(FIXES, "pyjwt-2.8-takes-one-issuer")
    [d] = found(check(case.before, pyjwt="2.8.0"), "VFY001")
    assert d.fix.message == ('use issuer="https://api.workos.com"; PyJWT 2.8.0 (requirements.txt) takes one issuer: '
                             "a list needs PyJWT 2.9 or later, then add https://api.workos.com/user_management/<client id>")


def test_vfy001_leaves_the_shared_issuer_out_without_an_audience_check():
    [d] = found(check(by_id(FIXES, "pyjwt-slash-issuer-without-audience").before, pyjwt="2.9.0"), "VFY001")
    assert "https://api.workos.com is left out: it is every legacy app's issuer, and this call does not require an " \
           "aud claim naming the client (audience=)" in d.fix.message


def test_vfy001_without_a_client_id_in_the_file_writes_only_what_it_can():
    source = '''import jwt

JWKS_URL = "https://api.workos.com/sso/jwks/" + get_client_id()


def verify(token, key, audience):
    return jwt.decode(token, key, algorithms=["RS256"], audience=audience, issuer="https://api.workos.com/")
'''
    result = check(source, pyjwt="2.9.0")
    [d] = found(result, "VFY001")
    assert "https://api.workos.com/user_management/<client id> is left out: the client id is not readable here" \
        in d.fix.message
    assert b'issuer="https://api.workos.com")' in result.output


def test_vfy002_says_what_the_jwt_template_must_set():
    [d] = found(check(by_id(UNCHANGED, "pyjwt-canonical").before), "VFY002")
    assert "carry none unless the JWT template sets one" in d.message
    assert d.fix.message.startswith("keep the audience check (it keeps other apps' legacy tokens out); "
                                    'set "aud": "<client id>" in the WorkOS JWT template')


def test_vfy003_gives_the_exact_forms_to_add():
    [d] = found(check(by_id(UNCHANGED, "pyjwt-no-issuer-check").before), "VFY003")
    assert d.fix.message == ('add issuer=["https://api.workos.com", f"https://api.workos.com/user_management/{CLIENT_ID}"]'
                             "; a list of issuers needs PyJWT 2.9 or later (no pinned version found)")


def test_vfy003_only_beside_a_workos_jwks():
    source = '''import os
import jwt

CLIENT_ID = os.environ["WORKOS_CLIENT_ID"]


def verify(token, key):
    return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID)
'''
    assert not found(check(source), "VFY003")


def test_vfy001_on_pyjwt_2_10_0_points_at_vfy004():
    [d] = found(check(by_id(FIXES, "pyjwt-slash-issuer").before, pyjwt="2.10.0"), "VFY001")
    assert d.message.endswith("(PyJWT 2.10.0 lets a part of it pass: see VFY004)")


def test_vfy004_names_the_advisory_and_what_gets_in():
    case = by_id(UNCHANGED, "pyjwt-2.10.0-string-issuer")
    [d] = found(check(case.before, pyjwt="2.10.0"), "VFY004")
    assert d.message == ("PyJWT 2.10.0 (requirements.txt) checks a string issuer as a substring (GHSA-75c5-xw7c-p5pm): "
                         "this call accepts a legacy token without aud (any app's)")
    assert d.fix.message == "upgrade PyJWT to 2.10.1 or later"


@pytest.mark.parametrize("version", [None, "2.9.0", "2.10.1", "2.15.1"])
def test_vfy004_needs_2_10_0(version):
    case = by_id(UNCHANGED, "pyjwt-2.10.0-string-issuer")
    assert not found(check(case.before, pyjwt=version), "VFY004")


def test_vfy005_names_the_tokens_that_get_in():
    [d] = found(check(by_id(UNCHANGED, "python-jose-legacy-audience-not-required").before), "VFY005")
    assert d.message.startswith("this python-jose call accepts a legacy token without aud (any app's): ")
    assert 'options={"require_aud": True}' in d.fix.message


# --- suppressions ----------------------------------------------------------------------------------


def test_python_suppression_comment():
    source = by_id(UNCHANGED, "pyjwt-canonical").before.replace(
        "    return jwt.decode(", "    # fix-authconfig-ignore: VFY002\n    return jwt.decode(")
    assert found(check(source)) == []


def test_unused_python_suppression_is_reported():
    source = by_id(UNCHANGED, "pyjwt-user-management-only").before.replace(
        "    return jwt.decode(", "    # fix-authconfig-ignore: VFY002\n    return jwt.decode(")
    assert [(d.code, d.message) for d in found(check(source))] == [
        ("FAC100", "this fix-authconfig-ignore comment silences nothing: no VFY002 here")]


# --- the security refusal --------------------------------------------------------------------------


def _ctx(source: str, file: str = "auth.py") -> BackendContext:
    return BackendContext(file, source.encode(), analyse(file, source.encode()), {}, Options())


def test_refusal_of_a_fix_that_lets_other_apps_in():
    before = _ctx(by_id(FIXES, "pyjwt-slash-issuer").before)
    after = _ctx(by_id(FIXES, "pyjwt-slash-issuer").before.replace('audience=CLIENT_ID, issuer="https://api.workos.com/"',
                                                                   'issuer="https://api.workos.com"'))
    assert refusal(before, after) == "the fix would make the call at line 9 accept a legacy token without aud (any app's)"


def test_refusal_of_a_fix_that_rejects_the_apps_tokens():
    before = _ctx(by_id(UNCHANGED, "pyjwt-canonical").before)
    after = _ctx(by_id(UNCHANGED, "pyjwt-canonical").before.replace('["https://api.workos.com", ', '["https://x", '))
    assert refusal(before, after) == "the fix would make the call at line 9 reject the app's legacy token with aud"


def test_refusal_when_calls_change():
    before = _ctx(by_id(UNCHANGED, "pyjwt-canonical").before)
    after = _ctx(PY_EMPTY)
    assert refusal(before, after) == "the fix would change which calls verify tokens"


PY_EMPTY = "import jwt\nJWKS_URL = 'https://api.workos.com/sso/jwks/client_X'\n"


# --- the analysers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("source, library", [
    ("import jwt\njwt.decode(t, k, issuer='https://api.workos.com')", "pyjwt"),
    ("import jwt as pyjwt\npyjwt.decode(t, k, issuer='https://api.workos.com')", "pyjwt"),
    ("from jwt import decode\ndecode(t, k, issuer='https://api.workos.com')", "pyjwt"),
    ("import jwt\njwt.PyJWT().decode(t, k, issuer='https://api.workos.com')", "pyjwt"),
    ("from jose import jwt\njwt.decode(t, k, issuer='https://api.workos.com')", "python-jose"),
    ("from jose.jwt import decode\ndecode(t, k, issuer='https://api.workos.com')", "python-jose"),
    ("from authlib.jose import jwt\njwt.decode(t, k, claims_options={'iss': {'value': 'https://api.workos.com'}})",
     "authlib"),
    ("from authlib.jose import JsonWebToken\nJsonWebToken(['RS256']).decode(t, k)", "authlib"),
])
def test_python_calls_by_their_imports(source, library):
    assert [v.library for v in analyse("x.py", source.encode()).verifiers] == [library]


@pytest.mark.parametrize("source", [
    "import json\njson.decode(t)",
    "import base64\nbase64.b64decode(t)",
    "def decode(t, k, issuer=None): pass\ndecode(t, k, issuer='https://api.workos.com')",
])
def test_python_calls_that_are_not_verifiers(source):
    assert analyse("x.py", source.encode()).verifiers == []


@pytest.mark.parametrize("source, library", [
    ('import { jwtVerify } from "jose";\njwtVerify(t, k, { issuer: "x" });', "jose"),
    ('import { jwtVerify as verifyJwt } from "jose";\nverifyJwt(t, k, { issuer: "x" });', "jose"),
    ('import * as jose from "jose";\njose.jwtVerify(t, k, { issuer: "x" });', "jose"),
    ('import jwt from "jsonwebtoken";\njwt.verify(t, k, { issuer: "x" });', "jsonwebtoken"),
    ('import { verify } from "jsonwebtoken";\nverify(t, k, { issuer: "x" });', "jsonwebtoken"),
    ('const jwt = require("jsonwebtoken");\njwt.verify(t, k, { issuer: "x" });', "jsonwebtoken"),
    ('const { verify } = require("jsonwebtoken");\nverify(t, k, { issuer: "x" });', "jsonwebtoken"),
])
def test_js_calls_by_their_imports(source, library):
    assert [v.library for v in analyse("x.ts", source.encode()).verifiers] == [library]


@pytest.mark.parametrize("file, source, issuer", [
    ("a.py", 'import os, jwt\nC = os.getenv("WORKOS_CLIENT_ID")\nU = "https://api.workos.com/sso/jwks/" + C\n'
             'jwt.decode(t, k, issuer="https://api.workos.com/user_management/" + C)', model.user_management(model.CLIENT)),
    ("a.py", 'import os, jwt\nU = f"https://api.workos.com/sso/jwks/{os.environ[\'WORKOS_CLIENT_ID\']}"\n'
             'def f(t, k):\n    c = os.environ["WORKOS_CLIENT_ID"]\n'
             '    return jwt.decode(t, k, issuer=f"https://api.workos.com/user_management/{c}")',
     model.user_management(model.CLIENT)),
    ("a.py", 'import jwt\nU = "https://api.workos.com/sso/jwks/client_01ABC"\n'
             'jwt.decode(t, k, issuer="https://api.workos.com/user_management/client_01ABC")',
     model.user_management(model.CLIENT)),
    ("a.py", 'import jwt\nfrom settings import settings\nU = f"https://api.workos.com/sso/jwks/{settings.client_id}"\n'
             'jwt.decode(t, k, issuer=f"https://api.workos.com/user_management/{settings.client_id}")',
     model.user_management(model.CLIENT)),
    ("a.ts", 'import { jwtVerify } from "jose";\nconst id = process.env.WORKOS_CLIENT_ID as string;\n'
             'const J = new URL("https://api.workos.com/sso/jwks/" + id);\n'
             'jwtVerify(t, k, { issuer: `https://api.workos.com/user_management/${process.env.WORKOS_CLIENT_ID}` });',
     model.user_management(model.CLIENT)),
    ("a.ts", 'import { jwtVerify } from "jose";\nconst J = `https://api.workos.com/sso/jwks/${process.env["WORKOS_CLIENT_ID"]}`;\n'
             'function f(t, k) {\n  const issuer = "https://api.workos.com";\n  return jwtVerify(t, k, { issuer });\n}',
     model.LEGACY),
])
def test_issuer_values_resolve_with_the_client_id(file, source, issuer):
    [v] = analyse(file, source.encode()).verifiers
    assert v.issuer.strings == (issuer,)


def test_reading_claims_unverified_is_not_a_verifier():
    source = 'import jwt\nJ = "https://api.workos.com/sso/jwks/client_X"\njwt.decode(t, options={"verify_signature": False})'
    assert analyse("a.py", source.encode()).verifiers == []


@pytest.mark.parametrize("options, required, opaque", [
    ('{"require": ["exp", "aud"]}', True, None),
    ('{"require": ["exp"]}', False, None),
    ('{"verify_aud": False}', False, None),
    ('{"require": REQUIRED}', False, "options= is not a dict literal"),
    ('OPTIONS', False, "options= is not a dict literal"),
])
def test_pyjwt_options(options, required, opaque):
    source = f'import jwt\njwt.decode(t, k, issuer="https://api.workos.com", options={options})'
    [v] = analyse("a.py", source.encode()).verifiers
    assert (v.aud_required, v.opaque) == (required, opaque)


def test_an_issuer_constant_read_by_two_calls_is_reported_once():
    source = by_id(FIXES, "pyjwt-issuer-constant").before + (
        "\n\ndef verify_again(token, key):\n"
        "    return jwt.decode(token, key, algorithms=[\"RS256\"], audience=CLIENT_ID, issuer=WORKOS_ISSUER)\n")
    result = check(source, pyjwt="2.10.1")
    assert [d.code for d in result.found] == ["VFY001"]
    assert result.output.decode().count('WORKOS_ISSUER = ["https://api.workos.com", ') == 1


def test_a_name_assigned_twice_is_not_followed():
    source = 'import jwt\nI = "https://api.workos.com/"\nI = "https://api.workos.com"\njwt.decode(t, k, issuer=I)'
    [v] = analyse("a.py", source.encode()).verifiers
    assert not v.issuer.is_known


def test_a_python_file_that_does_not_parse_is_not_analysed():
    from codemod.backends.engine import NotAnalysed

    with pytest.raises(NotAnalysed, match="does not parse as Python"):
        check("import jwt\ndef verify(:\n    jwt.decode(t, k, issuer='https://api.workos.com/')\n")


def test_a_js_file_with_a_syntax_error_elsewhere_is_still_fixed():
    case = by_id(FIXES, "jose-slash-issuer")
    broken = "\nexport const half = (;\n"
    result = check(case.before + broken, case.file)
    assert result.refused is None
    assert result.output.decode() == case.after + broken


def test_a_fix_that_breaks_the_syntax_is_refused(monkeypatch):
    from codemod.backends import engine

    case = by_id(FIXES, "jose-slash-issuer")
    real = engine.BackendContext.issuer_edits
    monkeypatch.setattr(engine.BackendContext, "issuer_edits",
                        lambda self, v, t: tuple(e._replace(text=e.text + ",,(") for e in real(self, v, t)))
    result = check(case.before, case.file)
    assert result.refused == "the fix would not parse (line 8); file left unchanged"
    assert result.output is None
