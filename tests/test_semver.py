from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from codemod import semver

# (version, range, whether npm accepts the version for the range)
SATISFIES = [
    ("1.2.3", "*", True),
    ("1.2.3", "", True),
    ("1.2.3", "x", True),
    ("1.2.3", "1.x", True),
    ("2.0.0", "1.x", False),
    ("1.2.9", "1.2.x", True),
    ("1.3.0", "1.2.x", False),
    ("1.2.3", "1.2.*", True),
    ("1.9.0", "1", True),
    ("1.2.3", "1.2.3", True),
    ("1.2.4", "1.2.3", False),
    ("1.2.3", "=1.2.3", True),
    ("1.2.3", "v1.2.3", True),
    ("v1.2.3", "1.2.3", True),
    ("1.2.3+build.7", "1.2.3", True),
    ("1.2.3", ">1.2.2", True),
    ("1.2.3", ">1.2.3", False),
    ("1.2.3", ">=1.2.3", True),
    ("1.2.3", ">= 1.2.3", True),
    ("1.2.3", "<1.2.3", False),
    ("1.2.3", "<=1.2.3", True),
    ("1.3.0", ">1.2", True),
    ("1.2.9", ">1.2", False),
    ("1.2.0-rc.1", "<1.2", False),
    ("1.2.9", "<=1.2", True),
    ("1.3.0", "<=1.2", False),
    ("1.9.9", "^1.2.3", True),
    ("2.0.0", "^1.2.3", False),
    ("1.2.2", "^1.2.3", False),
    ("0.2.9", "^0.2.3", True),
    ("0.3.0", "^0.2.3", False),
    ("0.0.3", "^0.0.3", True),
    ("0.0.4", "^0.0.3", False),
    ("0.9.0", "^0.x", True),
    ("0.0.9", "^0.0.x", True),
    ("0.1.0", "^0.0.x", False),
    ("1.2.9", "~1.2.3", True),
    ("1.3.0", "~1.2.3", False),
    ("1.9.0", "~1", True),
    ("1.2.5", "~> 1.2", True),
    ("1.5.0", "1.2.3 - 2.3.4", True),
    ("2.3.4", "1.2.3 - 2.3.4", True),
    ("2.3.5", "1.2.3 - 2.3.4", False),
    ("2.3.9", "1.2.3 - 2.3", True),
    ("2.4.0", "1.2.3 - 2.3", False),
    ("2.9.0", "1.2 - 2", True),
    ("1.1.9", "1.2 - 2", False),
    ("1.5.0", ">=1.2 <2", True),
    ("2.0.0", ">=1.2 <2", False),
    ("1.0.0", "1.x || >=3", True),
    ("2.0.0", "1.x || >=3", False),
    ("3.1.0", "1.x || >=3", True),
    ("0.5.0", "<0.1.0 || >0.4.0 <0.6.0", True),
    # Prereleases: ordered per semver, and admitted only by a range naming the same x.y.z.
    ("1.0.0-rc.1", "<1.0.0", False),
    ("1.0.0-rc.1", ">=1.0.0-alpha", True),
    ("1.0.0-rc.1", ">=1.0.0-rc.2", False),
    ("1.0.0-rc.10", ">=1.0.0-rc.9", True),
    ("1.0.0-alpha.beta", ">1.0.0-alpha.1", True),
    ("1.0.0-alpha", ">=1.0.0-alpha.1", False),
    ("1.0.0", ">1.0.0-rc.1", True),
    ("1.0.0-rc.1", "*", False),
    ("8.0.0-rc.5", ">=7", False),
    ("8.0.0-rc.5", "^8.0.0-rc.1", True),
    ("2.0.0-rc.1", "^1.2.3", False),
    ("1.2.4-beta.2", "~1.2.3-beta.1", False),
    ("1.2.3-beta.2", "~1.2.3-beta.1", True),
    # Never raises: anything unparseable is False.
    ("1.2.3", "latest", False),
    ("1.2.3", "workspace:*", False),
    ("1.2.3", "file:../convex", False),
    ("1.2.3", "github:get-convex/convex-js", False),
    ("1.2.3", ">=1.2.3.4", False),
    ("1.2", "1.x", False),
    ("not-a-version", "*", False),
    ("01.2.3", "*", False),
    ("1.2.3", ">*", False),
]


@pytest.mark.parametrize("version, range_, expected", SATISFIES, ids=[f"{v} in {r!r}" for v, r, _ in SATISFIES])
def test_satisfies(version, range_, expected):
    assert semver.satisfies(version, range_) is expected


def test_include_prerelease_lets_any_range_admit_prereleases():
    assert semver.satisfies("8.0.0-rc.5", ">=7", include_prerelease=True)
    assert not semver.satisfies("8.0.0-rc.5", ">=8.0.0", include_prerelease=True)


def test_satisfies_never_raises_on_wrong_types():
    assert semver.satisfies(None, "*") is False  # type: ignore[arg-type]
    assert semver.satisfies("1.2.3", None) is False  # type: ignore[arg-type]


MIN_VERSION = [
    ("^1.27.0", "1.27.0"),
    (">=1.2 <2", "1.2.0"),
    ("~0.4", "0.4.0"),
    ("0.4.1", "0.4.1"),
    ("=v1.2.3", "1.2.3"),
    ("1.x", "1.0.0"),
    ("1.2.x", "1.2.0"),
    (">1.2.3", "1.2.4"),
    (">1.2", "1.3.0"),
    (">1.2.3-rc.1", "1.2.3-rc.1.0"),
    ("^1.0.0-rc.1", "1.0.0-rc.1"),
    ("2.x || ^1.5.0", "1.5.0"),
    ("1.2.3 - 2", "1.2.3"),
    ("*", None),
    ("", None),
    ("x", None),
    ("<2.0.0", None),
    ("^1.2 || <1", None),
    (">2 <1", None),
    ("latest", None),
    ("workspace:*", None),
    ("file:../convex", None),
    ("link:../convex", None),
    ("git+https://github.com/get-convex/convex-js.git#v1.27.0", None),
    ("npm:convex@^1.27.0", None),
]


@pytest.mark.parametrize("range_, expected", MIN_VERSION, ids=[repr(r) for r, _ in MIN_VERSION])
def test_min_version(range_, expected):
    assert semver.min_version(range_) == expected


@pytest.mark.parametrize(
    "smaller, larger",
    [
        ("1.0.0-alpha", "1.0.0-alpha.1"),
        ("1.0.0-alpha.1", "1.0.0-alpha.beta"),
        ("1.0.0-alpha.beta", "1.0.0-beta"),
        ("1.0.0-beta.2", "1.0.0-beta.11"),
        ("1.0.0-rc.1", "1.0.0"),
        ("1.0.0", "1.0.1"),
        ("1.9.0", "1.10.0"),
    ],
)
def test_compare_follows_semver_precedence(smaller, larger):
    assert semver.compare(smaller, larger) == -1
    assert semver.compare(larger, smaller) == 1


def test_compare_ignores_build_metadata_and_v_prefix():
    assert semver.compare("v1.2.3+build.1", "1.2.3+build.2") == 0


def test_parse():
    assert semver.parse("v1.2.3-rc.1+sha.5") == (1, 2, 3, ("rc", 1))
    with pytest.raises(ValueError):
        semver.parse("1.2")


def _npm_semver() -> Path | None:
    npm = shutil.which("npm")
    node = shutil.which("node")
    if not npm or not node:
        return None
    bundled = Path(npm).resolve().parents[1] / "node_modules" / "semver"
    return bundled if (bundled / "package.json").is_file() else None


@pytest.mark.skipif(_npm_semver() is None, reason="npm's bundled node-semver not found")
def test_tables_agree_with_npms_own_semver():
    """The oracle: the semver package npm itself uses gives the same answers as our tables."""
    cases = {"satisfies": [[v, r] for v, r, _ in SATISFIES], "min": [r for r, _ in MIN_VERSION]}
    script = """
    const semver = require(process.argv[1]);
    const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const safe = (f) => { try { return f(); } catch { return null; } };
    console.log(JSON.stringify({
      satisfies: cases.satisfies.map(([v, r]) => semver.satisfies(v, r)),
      min: cases.min.map((r) => safe(() => semver.minVersion(r)?.version ?? null)),
    }));
    """
    result = subprocess.run(
        ["node", "-e", script, str(_npm_semver())],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
    )
    npm = json.loads(result.stdout)
    assert npm["satisfies"] == [expected for _, _, expected in SATISFIES]
    # node-semver gives 0.0.0 where a range has no lower bound; min_version says None there.
    assert [None if found == "0.0.0" else found for found in npm["min"]] == [expected for _, expected in MIN_VERSION]
