"""Real tools as oracles for the tests: what Convex makes of a config, and whether it type-checks.

- `evaluate` bundles each config with esbuild and imports it in Node, as the Convex CLI and
  backend do (tests/node/evaluate.mjs), and returns the JSON of its default export.
- `typecheck` runs the real `tsc --noEmit` once over a batch of configs against the real
  `convex` package, so `import type { AuthConfig } from "convex/server"` resolves.

Both need the Node tools pinned in tests/node: `npm ci --prefix tests/node`.
Each call writes its sources to a fresh folder under tests/.work/ (gitignored) as
`<folder>/convex/auth.config.ts` and removes it afterwards.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parent
NODE_DIR = TESTS / "node"
NODE_MODULES = NODE_DIR / "node_modules"
WORK = TESTS / ".work"
TIMEOUT = 300

# Convex's generated convex/tsconfig.json (convex/src/cli/codegen_templates/tsconfig.ts), plus
# `types: ["node"]` for process.env (Convex projects install @types/node) and
# `moduleDetection: "force"` so that files of one batch never share a global scope.
TSCONFIG_OPTIONS = {
    "allowJs": True,
    "strict": True,
    "moduleResolution": "bundler",
    "jsx": "react-jsx",
    "skipLibCheck": True,
    "allowSyntheticDefaultImports": True,
    "target": "ESNext",
    "lib": ["ES2023", "dom"],
    "forceConsistentCasingInFileNames": True,
    "module": "ESNext",
    "isolatedModules": True,
    "noEmit": True,
    "types": ["node"],
    "moduleDetection": "force",
}

# `convex/auth.config.ts(3,5): error TS2322: Type ... .` (tsc --pretty false); elaborations
# follow on lines indented by two spaces.
TSC_DIAGNOSTIC = re.compile(r"^(?P<file>.+?)\((?P<line>\d+),(?P<col>\d+)\): error (?P<code>TS\d+): (?P<msg>.*)$")


def _require_tools() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not on PATH; the test oracles need Node 20 or newer")
    if not (NODE_MODULES / "esbuild").is_dir() or not (NODE_MODULES / "typescript").is_dir():
        raise RuntimeError(
            f"the Node test tools are not installed in {NODE_MODULES}: run `npm ci --prefix tests/node`"
        )
    return node


def _slug(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", key).strip("-.")[:40] or "config"


class _Batch:
    """A fresh folder under tests/.work with one `<dir>/convex/auth.config.<ext>` per key."""

    def __init__(self, sources: dict[str, str | bytes]):
        WORK.mkdir(exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix="oracle-", dir=WORK))
        # Imports in the configs (convex/server, @types/node) resolve from here.
        (self.root / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
        self.files: dict[str, Path] = {}
        for index, (key, source) in enumerate(sources.items()):
            ext = ".js" if key.endswith(".js") else ".ts"
            path = self.root / f"{index:03d}-{_slug(key)}" / "convex" / f"auth.config{ext}"
            path.parent.mkdir(parents=True)
            data = source.encode("utf-8") if isinstance(source, str) else source
            path.write_bytes(data)
            self.files[key] = path

    def __enter__(self) -> _Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def evaluate(sources: dict[str, str | bytes], env: dict[str, str]) -> dict[str, dict]:
    """Evaluate each config as Convex does, with exactly `env` as the deployment's variables.

    Returns per key `{"ok": True, "config": <default export as JSON>}` or
    `{"ok": False, "error": "<message>"}` (a build error, a thrown error such as Convex's
    "Environment variable NAME is used in auth config file but its value was not set", ...).
    """
    node = _require_tools()
    if not sources:
        return {}
    with _Batch(sources) as batch:
        paths = {str(path): key for key, path in batch.files.items()}
        # Only PATH from our environment: the config must see the variables the test set.
        child_env = {"PATH": os.environ.get("PATH", ""), **env}
        proc = subprocess.run(
            [node, str(NODE_DIR / "evaluate.mjs")],
            input=json.dumps(list(paths)),
            capture_output=True,
            text=True,
            env=child_env,
            timeout=TIMEOUT,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"evaluate.mjs failed (exit {proc.returncode}):\n{proc.stderr}")
        results = json.loads(proc.stdout)
        return {paths[path]: result for path, result in results.items()}


def typecheck(sources: dict[str, str | bytes]) -> dict[str, list[str]]:
    """Type-check each config with one `tsc --noEmit` run against convex in tests/node.

    Returns per key its errors as `"<line>:<col>: TSxxxx: <message>"` (elaborations on the
    following lines); an empty list means the file type-checks.
    """
    node = _require_tools()
    if not sources:
        return {}
    with _Batch(sources) as batch:
        relative = {path.relative_to(batch.root).as_posix(): key for key, path in batch.files.items()}
        errors = _tsc(node, batch.root, relative)
        # tsc reports semantic errors only when no file of the program has a syntax error, so
        # a file that fails to parse hides the type errors of the others: check those again.
        failed = {file for file, key in relative.items() if errors[key]}
        if failed and len(failed) < len(relative):
            rest = {file: key for file, key in relative.items() if file not in failed}
            errors.update(_tsc(node, batch.root, rest))
        return errors


def _tsc(node: str, root: Path, relative: dict[str, str]) -> dict[str, list[str]]:
    tsconfig = {"compilerOptions": TSCONFIG_OPTIONS, "files": sorted(relative)}
    (root / "tsconfig.json").write_text(json.dumps(tsconfig, indent=2))
    proc = subprocess.run(
        [node, str(NODE_MODULES / "typescript" / "bin" / "tsc"), "-p", "tsconfig.json", "--pretty", "false"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    errors: dict[str, list[str]] = {key: [] for key in relative.values()}
    current: list[str] | None = None
    unexpected: list[str] = []
    for line in proc.stdout.splitlines():
        if match := TSC_DIAGNOSTIC.match(line):
            key = relative.get(match["file"])
            if key is None:
                unexpected.append(line)
                current = None
                continue
            errors[key].append(f"{match['line']}:{match['col']}: {match['code']}: {match['msg']}")
            current = errors[key]
        elif line.startswith(" ") and current:
            current[-1] += "\n" + line.strip()
        elif line.strip():
            unexpected.append(line)
            current = None
    # Exit 0 when clean, 1 or 2 with errors in our files (parsed above). Anything else, or an
    # error outside our files (a broken tsconfig, a missing type package), is the oracle's fault.
    reported = any(errors.values())
    if unexpected or proc.returncode not in ((1, 2) if reported else (0,)):
        raise RuntimeError(f"tsc failed (exit {proc.returncode}):\n" + "\n".join(unexpected) + proc.stderr)
    return errors
