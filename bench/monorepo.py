"""fix-authconfig at monorepo scale, and version lookup in large lockfiles.

Generates into bench/.work/ (git-ignored), then measures:

  (a) `python -m codemod --check MONOREPO` on a monorepo of --packages workspace packages (500),
      every --convex-every'th one (default: every one) a Convex project with an auth config, each
      with a node_modules of --files files (300), then again with node_modules ten times larger.
      Both inside a git work tree (the monorepo is its own repo: discovery asks `git ls-files`)
      and outside one (GIT_DIR points nowhere, so discovery walks the tree with pruning).
  (b) the version of the packages the rules care about, looked up in a large lockfile of each
      format (>= 20 MB, >= 5,000 packages, synthesised in the real formats), by the tool's reader
      against a full parse: json.load (package-lock.json), PyYAML's CSafeLoader (pnpm-lock.yaml,
      Berry yarn.lock), and a plain full parser of every block (Yarn 1 yarn.lock is not YAML).

Each figure is the median of --runs runs (after one warm-up run). PyYAML is needed for (b)'s
baselines only (`.venv/bin/pip install pyyaml`; not a dependency of the package); if pyarn, a
Yarn 1 lockfile parser from PyPI, is installed it is a second baseline for Yarn 1.

    .venv/bin/python bench/monorepo.py [--runs 5] [--only a|b] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
sys.path.insert(0, str(ROOT))

from codemod.versions import PACKAGES  # noqa: E402

CONFIG = (ROOT / "examples" / "canonical" / "convex" / "auth.config.ts").read_text()
DIRECT = {"@workos/authkit-tanstack-react-start": ("0.4.1", "0.4.1"), "convex": ("^1.27.0", "1.51.0"),
          "@workos-inc/node": ("^8.9.0", "8.13.0")}


# --------------------------------------------------------------------------- (a) the monorepo

def make_monorepo(target: Path, packages: int, files: int, convex_every: int) -> dict:
    """A workspace monorepo with a package-lock.json naming every workspace, node_modules in each."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    names = [f"pkg-{i:03d}" for i in range(packages)]
    (target / "package.json").write_text(json.dumps({"name": "big-monorepo", "private": True,
                                                     "workspaces": ["packages/*"]}, indent=2) + "\n")
    (target / ".gitignore").write_text("node_modules/\n")
    lock_packages: dict = {"": {"name": "big-monorepo", "workspaces": ["packages/*"]}}
    per_package = max(1, files // 10)  # node_modules: packages of 10 files each
    projects = 0
    for index, name in enumerate(names):
        folder = target / "packages" / name
        (folder / "src").mkdir(parents=True)
        dependencies = {dep: declared for dep, (declared, _) in DIRECT.items()}
        (folder / "package.json").write_text(json.dumps({"name": f"@big/{name}", "version": "0.0.0",
                                                         "dependencies": dependencies}, indent=2) + "\n")
        for source in range(10):  # tracked sources, as real packages have
            (folder / "src" / f"module{source}.ts").write_text(f"export const value{source} = {source};\n")
        if index % convex_every == 0:
            (folder / "convex").mkdir()
            (folder / "convex" / "auth.config.ts").write_text(CONFIG)
            (folder / "convex" / "schema.ts").write_text("export default {};\n")
            projects += 1
        modules = folder / "node_modules"
        for dep, (_, version) in DIRECT.items():
            (modules / dep).mkdir(parents=True)
            (modules / dep / "package.json").write_text(json.dumps({"name": dep, "version": version}) + "\n")
            lock_packages[f"packages/{name}/node_modules/{dep}"] = {"version": version}
        for filler in range(per_package - len(DIRECT)):
            package = modules / f"dep-{filler:04d}"
            (package / "lib").mkdir(parents=True)
            (package / "package.json").write_text('{"name": "dep-%04d", "version": "1.0.0"}\n' % filler)
            for number in range(9):
                (package / "lib" / f"f{number}.js").write_text("module.exports = {};\n")
        lock_packages[f"packages/{name}"] = {"name": f"@big/{name}", "version": "0.0.0", "dependencies": dependencies}
        lock_packages[f"node_modules/@big/{name}"] = {"resolved": f"packages/{name}", "link": True}
    lock = {"name": "big-monorepo", "lockfileVersion": 3, "requires": True, "packages": lock_packages}
    (target / "package-lock.json").write_text(json.dumps(lock, indent=2) + "\n")
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", str(target)], check=True, env=env)
    subprocess.run(["git", "-C", str(target), "add", "-A"], check=True, env=env)
    modules_files = sum(len(files) for folder, _, files in os.walk(target / "packages" / names[0] / "node_modules"))
    return {"packages": packages, "projects": projects, "node_modules_files_each": modules_files,
            "node_modules_files_total": modules_files * packages}


def time_check(target: Path, runs: int, *, git: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "FORCE_COLOR")}
    env.update(NO_COLOR="1", PYTHONPYCACHEPREFIX=str(WORK / "pycache"))
    if not git:
        env["GIT_DIR"] = str(WORK / "no-such-git-dir")  # `git ls-files` fails: discovery walks
    argv = [sys.executable, "-m", "codemod", "--check", "--format", "json", str(target)]
    first = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    try:
        report = json.loads(first.stdout)
        checked = len(report["projects"])
        sources = sorted({p["source"] for project in report["projects"] for p in project["packages"].values()})
    except (ValueError, KeyError):
        checked, sources = None, []
    return {"median_s": statistics.median(samples), "min_s": min(samples), "exit": first.returncode,
            "projects_checked": checked, "sources": sources, "stderr": first.stderr.strip().splitlines()[-2:]}


# --------------------------------------------------------------------------- (b) large lockfiles

class Graph:
    """A synthetic dependency graph: names (scoped and not), versions, dependencies by range."""

    def __init__(self, names: int, versions: int, seed: int = 4) -> None:
        rng = random.Random(seed)
        self.names = sorted({*PACKAGES, *(f"@scope{i % 60}/lib-{i}" if i % 3 == 0 else f"pkg-{i}"
                                         for i in range(names))})
        self.versions = {name: sorted({f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"
                                       for _ in range(versions)}, key=_semver_key) for name in self.names}
        self.versions.update({name: [resolved] for name, (_, resolved) in DIRECT.items()})
        self.deps = {(name, version): {dep: f"^{rng.choice(self.versions[dep])}"
                                       for dep in rng.sample(self.names, 5) if dep != name}
                     for name in self.names for version in self.versions[name]}
        self.direct = {name: (declared, resolved) for name, (declared, resolved) in DIRECT.items()}
        for name in [*PACKAGES, *self.names[:: max(1, len(self.names) // 100)]]:
            self.direct.setdefault(name, (f"^{self.versions[name][-1]}", self.versions[name][-1]))
        self.direct = dict(sorted(self.direct.items()))

    def resolve(self, name: str, range_: str) -> str:
        return range_.lstrip("^")  # ranges are written from an existing version: it resolves to itself


def _semver_key(version: str) -> tuple:
    return tuple(int(part) for part in version.split("."))


def _hash(*parts: str, size: int = 64) -> str:
    return hashlib.sha512("/".join(parts).encode()).hexdigest()[: size * 2]


def _integrity(name: str, version: str) -> str:
    import base64

    return "sha512-" + base64.b64encode(bytes.fromhex(_hash(name, version))).decode()


def _tarball(name: str, version: str, registry: str = "https://registry.npmjs.org") -> str:
    return f"{registry}/{name}/-/{name.rsplit('/', 1)[-1]}-{version}.tgz"


def write_package_lock(graph: Graph, path: Path) -> None:
    packages: dict = {"": {"name": "big-app", "version": "1.0.0",
                           "dependencies": {name: declared for name, (declared, _) in graph.direct.items()}}}
    for name in graph.names:
        versions = graph.versions[name]
        top = graph.direct.get(name, (None, versions[-1]))[1]
        packages[f"node_modules/{name}"] = _npm_entry(graph, name, top)
        for version in versions:
            if version != top:  # other versions nest under some dependent
                parent = graph.names[int(_hash(name, version)[:8], 16) % len(graph.names)]
                packages.setdefault(f"node_modules/{parent}/node_modules/{name}", _npm_entry(graph, name, version))
    lock = {"name": "big-app", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
            "packages": dict(sorted(packages.items()))}
    path.write_text(json.dumps(lock, indent=2) + "\n")


def _npm_entry(graph: Graph, name: str, version: str) -> dict:
    entry = {"version": version, "resolved": _tarball(name, version), "integrity": _integrity(name, version),
             "license": "MIT"}
    deps = graph.deps.get((name, version))
    if deps:
        entry["dependencies"] = dict(sorted(deps.items()))
    entry["engines"] = {"node": ">=18"}
    return entry


def _yaml_key(name: str) -> str:
    return f"'{name}'" if name.startswith("@") else name


def write_pnpm_lock(graph: Graph, path: Path) -> None:
    out = ["lockfileVersion: '9.0'", "", "settings:", "  autoInstallPeers: true",
           "  excludeLinksFromLockfile: false", "", "importers:", "", "  .:", "    dependencies:"]
    for name, (declared, resolved) in graph.direct.items():
        suffix = "(react@19.3.1)" if name == "convex" else ""
        out += [f"      {_yaml_key(name)}:", f"        specifier: {declared}",
                f"        version: {resolved}{suffix}"]
    out += ["", "packages:", ""]
    for name in graph.names:
        for version in graph.versions[name]:
            out += [f"  {_yaml_key(name + '@' + version)}:",
                    f"    resolution: {{integrity: {_integrity(name, version)}}}",
                    "    engines: {node: '>=18'}", ""]
    out += ["snapshots:", ""]
    for name in graph.names:
        for version in graph.versions[name]:
            deps = graph.deps.get((name, version))
            out.append(f"  {_yaml_key(name + '@' + version)}:" + ("" if deps else " {}"))
            if deps:
                out.append("    dependencies:")
                out += [f"      {_yaml_key(dep)}: {graph.resolve(dep, range_)}" for dep, range_ in sorted(deps.items())]
            out.append("")
    path.write_text("\n".join(out))


def _ranges_by_name(graph: Graph) -> dict[tuple[str, str], set[str]]:
    """(name, version) -> the ranges that resolved to it, as a yarn.lock header lists them."""
    ranges: dict[tuple[str, str], set[str]] = {}
    for (name, version) in graph.deps:
        ranges.setdefault((name, version), {f"^{version}"})
    for deps in graph.deps.values():
        for dep, range_ in deps.items():
            ranges.setdefault((dep, graph.resolve(dep, range_)), set()).add(range_)
    for name, (declared, resolved) in graph.direct.items():
        ranges.setdefault((name, resolved), set()).add(declared)
    return ranges


def _v1_quote(text: str) -> str:
    return f'"{text}"' if text.startswith("@") or any(c in text for c in ' :,"') else text


def write_yarn_v1(graph: Graph, path: Path) -> None:
    out = ["# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.", "# yarn lockfile v1", "", ""]
    for (name, version), ranges in sorted(_ranges_by_name(graph).items()):
        header = ", ".join(_v1_quote(f"{name}@{range_}") for range_ in sorted(ranges))
        out += [f"{header}:", f'  version "{version}"',
                f'  resolved "{_tarball(name, version, "https://registry.yarnpkg.com")}#{_hash(name, version, size=20)}"',
                f"  integrity {_integrity(name, version)}"]
        deps = graph.deps.get((name, version))
        if deps:
            out.append("  dependencies:")
            out += [f'    {_v1_quote(dep)} "{range_}"' for dep, range_ in sorted(deps.items())]
        out.append("")
    path.write_text("\n".join(out))


def write_yarn_berry(graph: Graph, path: Path) -> None:
    out = ["# This file is generated by running \"yarn install\" inside your project.",
           "# Manual changes might be lost - proceed with caution!", "", "__metadata:", "  version: 8",
           "  cacheKey: 10c0", ""]
    blocks = {}
    for (name, version), ranges in _ranges_by_name(graph).items():
        header = ", ".join(f"{name}@npm:{range_}" for range_ in sorted(ranges))
        lines = [f'"{header}":', f"  version: {version}", f'  resolution: "{name}@npm:{version}"']
        deps = graph.deps.get((name, version))
        if deps:
            lines.append("  dependencies:")
            lines += [f'    {_yaml_dep_key(dep)}: "npm:{range_}"' for dep, range_ in sorted(deps.items())]
        lines += [f"  checksum: 10c0/{_hash(name, version)}", "  languageName: node", "  linkType: hard", ""]
        blocks[header] = lines
    blocks['"big-app@workspace:."'] = (
        ['"big-app@workspace:.":', "  version: 0.0.0-use.local", '  resolution: "big-app@workspace:."',
         "  dependencies:"]
        + [f'    {_yaml_dep_key(name)}: "npm:{declared}"' for name, (declared, _) in graph.direct.items()]
        + ["  languageName: unknown", "  linkType: soft", ""])
    for header in sorted(blocks):
        out += blocks[header]
    path.write_text("\n".join(out))


def _yaml_dep_key(name: str) -> str:
    return f'"{name}"' if name.startswith("@") else name


def full_parse_yarn_v1(text: str) -> dict[str, str]:
    """Every block of a Yarn 1 lockfile: descriptor -> version (a straightforward full parser)."""
    resolved: dict[str, str] = {}
    descriptors: list[str] = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if not line.startswith(" "):
            descriptors = [part.strip().strip('"') for part in line.rstrip(":").split(", ")]
        elif line.startswith("  version "):
            version = line[len("  version "):].strip('"')
            for descriptor in descriptors:
                resolved[descriptor] = version
    return resolved


def lookup_baseline(kind: str, path: Path, graph: Graph) -> dict[str, str]:
    """The full parse, then the same lookup the tool does."""
    if kind == "package-lock.json":
        with open(path, encoding="utf-8") as handle:
            lock = json.load(handle)
        packages = lock["packages"]
        return {name: packages[f"node_modules/{name}"]["version"] for name in PACKAGES
                if f"node_modules/{name}" in packages}
    if kind == "pnpm-lock.yaml":
        import yaml

        with open(path, encoding="utf-8") as handle:
            lock = yaml.load(handle, Loader=yaml.CSafeLoader)
        deps = lock["importers"]["."]["dependencies"]
        return {name: deps[name]["version"].split("(")[0] for name in PACKAGES if name in deps}
    if kind == "yarn.lock (Berry)":
        import yaml

        with open(path, encoding="utf-8") as handle:
            lock = yaml.load(handle, Loader=yaml.CSafeLoader)
        deps = lock["big-app@workspace:."]["dependencies"]
        by_descriptor = {d.strip(): entry["version"] for key, entry in lock.items() if key != "__metadata"
                         for d in str(key).split(",")}
        return {name: by_descriptor[f"{name}@{deps[name]}"] for name in PACKAGES if name in deps}
    if kind == "yarn.lock (v1), pyarn":
        from pyarn.lockfile import Lockfile

        data = Lockfile.from_file(str(path)).data
        resolved = {d.strip().strip('"'): entry["version"] for key, entry in data.items() for d in key.split(",")}
    else:
        resolved = full_parse_yarn_v1(path.read_text(encoding="utf-8"))
    return {name: resolved[f"{name}@{graph.direct[name][0]}"] for name in PACKAGES if name in graph.direct}


def lookup_tool(path: Path, graph: Graph) -> dict[str, str]:
    from codemod import lockfiles

    lockfiles._cache.clear()  # a cold read, as in one run of the tool
    declared = {name: declared for name, (declared, _) in graph.direct.items()}
    return lockfiles.load(path, PACKAGES).versions("", declared)


def median_time(function, runs: int) -> tuple[float, object]:
    result = function()  # warm-up (imports, page cache)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def large_lockfiles(runs: int, names: int, versions: int) -> list[dict]:
    folder = WORK / "lockfiles"
    folder.mkdir(parents=True, exist_ok=True)
    graph = Graph(names, versions)
    files = {
        "package-lock.json": (folder / "npm" / "package-lock.json", write_package_lock),
        "pnpm-lock.yaml": (folder / "pnpm" / "pnpm-lock.yaml", write_pnpm_lock),
        "yarn.lock (v1)": (folder / "yarn1" / "yarn.lock", write_yarn_v1),
        "yarn.lock (v1), pyarn": (folder / "yarn1" / "yarn.lock", None),
        "yarn.lock (Berry)": (folder / "berry" / "yarn.lock", write_yarn_berry),
    }
    if not _importable("pyarn"):
        del files["yarn.lock (v1), pyarn"]
    rows = []
    for kind, (path, write) in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if write is not None:
            write(graph, path)
        baseline_s, baseline = median_time(lambda: lookup_baseline(kind, path, graph), runs)
        tool_s, tool = median_time(lambda: lookup_tool(path, graph), runs)
        rows.append({"lockfile": kind, "bytes": path.stat().st_size, "packages": len(graph.names),
                     "entries": len(graph.deps), "baseline": BASELINE[kind], "baseline_s": baseline_s,
                     "tool_s": tool_s, "speedup": baseline_s / tool_s, "same_versions": tool == baseline,
                     "versions": tool})
    return rows


def _importable(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None


BASELINE = {"yarn.lock (v1), pyarn": "pyarn (PyPI: a yarn.lock v1 parser) full parse",
            "package-lock.json": "json.load", "pnpm-lock.yaml": "PyYAML CSafeLoader",
            "yarn.lock (v1)": "full parse (Python, every block)", "yarn.lock (Berry)": "PyYAML CSafeLoader"}


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--packages", type=int, default=500)
    parser.add_argument("--files", type=int, default=300, help="node_modules files per workspace package")
    parser.add_argument("--convex-every", type=int, default=1, help="every Nth package is a Convex project")
    parser.add_argument("--names", type=int, default=6000, help="package names in the large lockfiles")
    parser.add_argument("--versions", type=int, default=10, help="versions drawn per name in the large lockfiles")
    parser.add_argument("--only", choices=("a", "b"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    results: dict = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    if args.only in (None, "a"):
        results["monorepo"] = []
        for factor in (1, 10):
            target = WORK / f"monorepo-x{factor}"
            start = time.perf_counter()
            shape = make_monorepo(target, args.packages, args.files * factor, args.convex_every)
            shape["generated_s"] = time.perf_counter() - start
            for git in (True, False):
                row = {**shape, "node_modules": f"x{factor}", "discovery": "git ls-files" if git else "walk",
                       **time_check(target, args.runs, git=git)}
                results["monorepo"].append(row)
                if not args.json:
                    print(f"(a) {row['packages']} packages, {row['projects']} Convex projects, node_modules "
                          f"{row['node_modules_files_each']} files each ({row['node_modules_files_total']:,} in all), "
                          f"{row['discovery']}: median {row['median_s']:.3f} s, min {row['min_s']:.3f} s "
                          f"(exit {row['exit']}, {row['projects_checked']} projects checked, sources "
                          f"{', '.join(row['sources'])}){' ' + ' | '.join(row['stderr']) if row['stderr'] else ''}",
                          flush=True)
    if args.only in (None, "b"):
        results["lockfiles"] = large_lockfiles(args.runs, args.names, args.versions)
        if not args.json:
            for row in results["lockfiles"]:
                print(f"(b) {row['lockfile']:21} {row['bytes'] / 1e6:5.1f} MB, {row['packages']:,} packages, "
                      f"{row['entries']:,} versions: tool {row['tool_s'] * 1000:7.1f} ms, {row['baseline']} "
                      f"{row['baseline_s'] * 1000:7.1f} ms, {row['speedup']:5.1f}x; same versions: "
                      f"{row['same_versions']}", flush=True)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
