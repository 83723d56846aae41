"""Which files are backend verifiers (codemod/backends/discover.py), and which library versions a
project has (codemod/backends/versions.py) read from lockfiles the real tools wrote
(tests/fixtures/backends/regenerate.sh)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from codemod.backends.discover import MAX_BYTES, Search, looks_like_verifier
from codemod.backends.versions import python_versions, read_requirements
from codemod.versions import Installed

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "backends"
VERIFIER = 'import jwt\nJWKS = "https://api.workos.com/sso/jwks/client_X"\njwt.decode(t, k, issuer="x")\n'
JS_VERIFIER = 'import { jwtVerify } from "jose";\nawait jwtVerify(t, k, { issuer: process.env.WORKOS_CLIENT_ID });\n'


@pytest.mark.parametrize("text, expected", [
    (VERIFIER, True),
    (JS_VERIFIER, True),
    ('from jose import jwt\nCLIENT = os.environ["WORKOS_CLIENT_ID"]\njwt.decode(t, k)', True),
    ('from authlib.jose import JsonWebToken\nU = "https://auth.example.com/sso/jwks/c"', True),
    ('import os, jwt\nC = os.environ["WORKOS_CLIENT_ID"]', True),
    ('const jwt = require("jsonwebtoken");\nconst U = "https://api.workos.com/sso/jwks/x";', True),
    ('import jwt\njwt.decode(t, k, issuer="https://clerk.example.com")', False),  # no WorkOS tie
    ('WORKOS_API = "https://api.workos.com"\nbody = data.decode()', False),  # no verifier library
    ('"""\nimport jwt is how\n"""\nWORKOS_CLIENT_ID = 1', True),  # a cheap filter: the analyser decides
    ("import jwt\njwt.decode(t)\n# api.workos.com\0binary", False),
])
def test_prefilter(text, expected):
    assert looks_like_verifier(text.encode()) is expected


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _found(*paths) -> list[str]:
    return [str(path.relative_to(root)) for path, root in Search(paths).files()]


def test_walk_prunes_dependencies_environments_and_build_output(tmp_path):
    _tree(tmp_path, {
        "api/auth.py": VERIFIER,
        "web/src/auth.ts": JS_VERIFIER,
        "web/src/types.d.ts": JS_VERIFIER,
        "web/node_modules/jose/index.js": JS_VERIFIER,
        "web/dist/auth.js": JS_VERIFIER,
        ".venv/lib/jwt.py": VERIFIER,
        "tools/pyenv/pyvenv.cfg": "home = /usr\n",
        "tools/pyenv/lib/python3.11/site/jwt.py": VERIFIER,
        "api/other.py": "import jwt\njwt.decode(t)\n",
        "api/README.md": VERIFIER,
    })
    (tmp_path / "api" / "big.py").write_text(VERIFIER + "#" * MAX_BYTES)
    assert _found(tmp_path) == ["api/auth.py", "web/src/auth.ts"]


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def test_gitignore_is_respected_in_a_work_tree(tmp_path):
    _git(tmp_path, "init", "-q")
    _tree(tmp_path, {
        ".gitignore": "generated/\nscratch.py\n",
        "app/auth.py": VERIFIER,
        "generated/client.py": VERIFIER,
        "generated/kept.py": VERIFIER,
        "scratch.py": VERIFIER,
    })
    _git(tmp_path, "add", "-f", "generated/kept.py")  # tracked: an ignore rule no longer applies
    assert _found(tmp_path) == ["app/auth.py", "generated/kept.py"]
    assert _found(tmp_path / "scratch.py") == ["scratch.py"]  # named on the command line: checked


def test_each_file_once(tmp_path):
    _tree(tmp_path, {"app/auth.py": VERIFIER})
    assert _found(tmp_path, tmp_path / "app", tmp_path / "app" / "auth.py") == ["app/auth.py"]


# --- versions --------------------------------------------------------------------------------------


@pytest.mark.parametrize("folder, expected", [
    ("uv", {"pyjwt": ("2.10.0", "uv.lock"), "python-jose": ("3.3.0", "uv.lock"), "authlib": ("1.3.2", "uv.lock")}),
    ("poetry", {"pyjwt": ("2.8.0", "poetry.lock"), "python-jose": ("3.3.0", "poetry.lock")}),
    ("pipenv", {"pyjwt": ("2.10.1", "Pipfile.lock"), "authlib": ("1.3.2", "Pipfile.lock")}),
    ("requirements", {"pyjwt": ("2.9.0", "requirements.txt"), "python-jose": ("3.5.0", "requirements.txt")}),
])
def test_python_versions_from_real_lockfiles(folder, expected):
    found = python_versions(FIXTURES / folder / "app" / "auth.py")
    assert {name: (i.version, i.source) for name, i in found.items()} == expected


def test_the_nearest_folder_with_a_lockfile_counts(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "requirements.txt").write_text("PyJWT==2.8.0\n")
    (tmp_path / "services" / "api").mkdir(parents=True)
    (tmp_path / "services" / "api" / "requirements-prod.txt").write_text("pyjwt[crypto]==2.10.0  # pinned\n")
    assert python_versions(tmp_path / "services" / "api" / "main.py")["pyjwt"] == Installed(
        "2.10.0", "requirements-prod.txt", tmp_path / "services" / "api" / "requirements-prod.txt")
    assert python_versions(tmp_path / "main.py")["pyjwt"].version == "2.8.0"


def test_a_lockfile_beats_a_requirements_file(tmp_path):
    (tmp_path / "requirements.txt").write_text("PyJWT==2.8.0\n")
    (tmp_path / "uv.lock").write_bytes((FIXTURES / "uv" / "uv.lock").read_bytes())
    assert python_versions(tmp_path / "x.py")["pyjwt"].source == "uv.lock"


def test_js_versions_from_the_examples_lockfile():
    from codemod.backends.versions import js_versions

    example = Path(__file__).resolve().parent.parent / "examples" / "backends" / "mcp-server"
    found = js_versions(example / "src" / "auth.ts")
    assert {name: (i.version, i.source) for name, i in found.items()} == {"jose": ("6.2.19", "package-lock.json")}


@pytest.mark.parametrize("line, expected", [
    ("PyJWT==2.9.0", {"PyJWT": "2.9.0"}),
    ("pyjwt[crypto] == 2.10.1 ; python_version >= '3.9'", {"pyjwt": "2.10.1"}),
    ("python_jose===3.3.0", {"python_jose": "3.3.0"}),
    ("PyJWT>=2.8", {}),  # a range says nothing about what is installed
    ("PyJWT~=2.9.0", {}),
    ("-r base.txt", {}),
    ("# PyJWT==2.9.0", {}),
])
def test_requirements_pins(line, expected):
    assert read_requirements(line) == expected


def test_no_git_process_when_no_file_passes_the_prefilter(tmp_path, monkeypatch):
    """The common run (no verifier anywhere) costs no subprocess: bench/startup.py."""
    import subprocess as sp

    _git(tmp_path, "init", "-q")
    _tree(tmp_path, {"convex/auth.config.ts": "export default { providers: [] };\n", "src/app.ts": "export {};\n"})
    calls = []
    monkeypatch.setattr(sp, "run", lambda *a, **k: calls.append(a))
    assert _found(tmp_path) == [] and calls == []
