"""Start-up cost of `fix-authconfig --check` against the floor of its stack.

Measures, with the same interpreter, interleaved, after warm-up runs:

  (a) the CLI:   python -m codemod --check EXAMPLE
                 fix-authconfig --check EXAMPLE   (console script, if installed
                                                   next to this interpreter)
  (b) the floor: python -c "import typer, tree_sitter, tree_sitter_typescript"
  ref           python -c pass                     (bare interpreter; context only)

and reports median, min and p90 wall time (ms) of each, and the ratio
median(a) / median(b) against the target (default 1.3x). The verdict is
PASS/MISS; the exit status is 0 either way (this is a measurement, not a test).

The children cache their bytecode under bench/.work/pycache (git-ignored), even
if PYTHONDONTWRITEBYTECODE is set, so codemod is not recompiled on every run;
--inherit-env measures with the environment as is instead.

--importtime runs (a) once with `-X importtime` (after one untimed run, so the
bytecode caches are warm) and prints the slowest cumulative imports, marking
the ones that the floor (b) also imports, then the slowest ones the floor does
not import, ranked by their cumulative time minus the floor modules under them.
Modules loaded with importlib.import_module (the rules/ registry) do not appear
in -X importtime output on Python 3.11.

Standard library only. Run with the project's interpreter:

    .venv/bin/python bench/startup.py [--runs 20] [--example examples/canonical]
                                      [--importtime] [--json]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYCACHE = ROOT / "bench" / ".work" / "pycache"  # git-ignored
DEFAULT_EXAMPLE = ROOT / "examples" / "canonical"
FLOOR_IMPORTS = "import typer, tree_sitter, tree_sitter_typescript"
SCRIPT_NAME = "fix-authconfig"
TARGET = 1.3
STACK_PACKAGES = ("fix-authconfig", "typer", "click", "rich", "pydantic", "tree-sitter", "tree-sitter-typescript")
TOP = 15


# --------------------------------------------------------------------------- commands

def console_script() -> Path | None:
    """The console script installed in *this* interpreter's environment, if any.

    Only the environment's own scripts directory is searched (never PATH), so the
    script runs with the same interpreter as the other commands.
    """
    candidates = [Path(sysconfig.get_path("scripts")) / SCRIPT_NAME,
                  Path(sys.executable).parent / SCRIPT_NAME]
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return path
    return None


def script_interpreter(script: Path) -> str | None:
    """The interpreter named by the script's shebang line, if it has one."""
    try:
        with open(script, "rb") as fh:
            first = fh.readline().decode("utf-8", "replace").strip()
    except OSError:
        return None
    return first[2:].strip().split()[0] if first.startswith("#!") and len(first) > 2 else None


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def build_commands(example: str, baseline: bool) -> list[dict]:
    """The measured commands, in the order they are reported."""
    cmds = [{"key": "a:module", "group": "a", "label": "(a) python -m codemod --check",
             "argv": [sys.executable, "-m", "codemod", "--check", example], "cli": True}]
    script = console_script()
    if script is not None:
        cmds.append({"key": "a:script", "group": "a", "label": f"(a) {SCRIPT_NAME} --check",
                     "argv": [str(script), "--check", example], "cli": True,
                     "shebang": script_interpreter(script)})
    cmds.append({"key": "b:floor", "group": "b", "label": "(b) import typer, tree_sitter, tree_sitter_typescript",
                 "argv": [sys.executable, "-c", FLOOR_IMPORTS], "cli": False})
    if baseline:
        cmds.append({"key": "ref:python", "group": "ref", "label": "ref python -c pass",
                     "argv": [sys.executable, "-c", "pass"], "cli": False})
    return cmds


# --------------------------------------------------------------------------- running

# The environment of every measured process; see child_environment().
CHILD_ENV: dict[str, str] | None = None


def child_environment(inherit: bool) -> tuple[dict[str, str] | None, str]:
    """The measured processes' environment, and a description of their bytecode caching.

    By default the children write and read their bytecode (.pyc) under bench/.work/pycache
    (PYTHONPYCACHEPREFIX) with PYTHONDONTWRITEBYTECODE removed, so that after the warm-up
    every module, codemod's included, loads from cached bytecode as in a normal install,
    and nothing is written outside bench/. (An editable install has no .pyc for codemod
    until one is written; with PYTHONDONTWRITEBYTECODE=1 codemod is recompiled on every
    run.) With --inherit-env the children get this process's environment unchanged.
    """
    if inherit:
        how = ("inherited environment: "
               + ("PYTHONDONTWRITEBYTECODE set, uncached modules are compiled on every run"
                  if os.environ.get("PYTHONDONTWRITEBYTECODE") else "default bytecode caching"))
        return None, how
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env, f"bytecode cached under {PYCACHE.relative_to(ROOT)} (PYTHONPYCACHEPREFIX)"


def run_once(argv: list[str], capture: bool = False) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time in ms of one run (fork/exec to exit), and the completed process."""
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    t0 = time.perf_counter_ns()
    proc = subprocess.run(argv, cwd=ROOT, env=CHILD_ENV, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
    t1 = time.perf_counter_ns()
    return (t1 - t0) / 1e6, proc


def p90(samples: list[float]) -> float:
    """90th percentile, nearest-rank: the smallest sample >= 90% of all samples."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def summarize(samples: list[float]) -> dict:
    return {"median_ms": statistics.median(samples), "min_ms": min(samples), "p90_ms": p90(samples),
            "n": len(samples)}


def measure(cmds: list[dict], runs: int, warmup: int) -> dict[str, dict]:
    """Warm up each command, then run all commands interleaved, `runs` times each.

    Round i runs every command once; the order rotates by one each round
    (a, b, ref / b, ref, a / ...) so no command always runs right after another.
    """
    checks: dict[str, dict] = {}
    for cmd in cmds:
        for i in range(warmup):
            _, proc = run_once(cmd["argv"], capture=(i == 0))
            if i == 0:
                checks[cmd["key"]] = {
                    "returncode": proc.returncode,
                    "stdout": proc.stdout.decode("utf-8", "replace").strip().splitlines()[-1:] if proc.stdout else [],
                    "stderr": proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:] if proc.stderr else [],
                }
    samples: dict[str, list[float]] = {cmd["key"]: [] for cmd in cmds}
    for r in range(runs):
        k = r % len(cmds)
        for cmd in cmds[k:] + cmds[:k]:
            ms, _ = run_once(cmd["argv"])
            samples[cmd["key"]].append(ms)
    return {key: {"samples_ms": [round(s, 3) for s in vals], **summarize(vals), "check": checks.get(key, {})}
            for key, vals in samples.items()}


def problems(cmds: list[dict], results: dict[str, dict]) -> list[tuple[str, str]]:
    """(command key, reason) for each reason the measurement may be meaningless."""
    out = []
    for cmd in cmds:
        check = results[cmd["key"]]["check"]
        rc = check.get("returncode")
        # the CLI exits 0 (clean) or 1 (problems found); anything else is an error
        ok = rc in (0, 1) if cmd["cli"] else rc == 0
        if not ok:
            detail = " | ".join(check.get("stderr") or []) or "no stderr"
            out.append((cmd["key"], f"{cmd['label']} exited {rc}: {detail}"))
        shebang = cmd.get("shebang")
        if shebang and not same_file(shebang, sys.executable):
            out.append((cmd["key"], f"{cmd['label']}: shebang {shebang} is not {sys.executable}"))
    return out


# --------------------------------------------------------------------------- -X importtime

def parse_importtime(stderr: str) -> list[dict]:
    """Rows of `-X importtime` output, with nesting depth and the importing parent.

    Lines look like `import time:   self |   cumulative | <2 spaces per level>name`.
    A module's children are printed *before* it, one level deeper.
    """
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:"):].split("|")
        if len(parts) != 3:
            continue
        try:
            self_us, cum_us = int(parts[0]), int(parts[1])
        except ValueError:  # the header line
            continue
        name = parts[2].rstrip()
        stripped = name.lstrip(" ")
        depth = (len(name) - len(stripped) - 1) // 2
        rows.append({"module": stripped, "self_us": self_us, "cumulative_us": cum_us, "depth": depth})
    # parent = the next row (later in the output) with a smaller depth
    pending: list[dict] = []
    for row in rows:
        row["children"] = []
        while pending and pending[-1]["depth"] > row["depth"]:
            child = pending.pop()
            child["parent"] = row["module"]
            row["children"].append(child)
        pending.append(row)
    for row in pending:
        row["parent"] = None  # imported at top level: by __main__, site, or lazily at run time
    return rows


def not_floor_cumulative(row: dict) -> int:
    """Cumulative time of `row` counting only the modules (itself included) not in the floor.

    This is what making `row` lazy could save: its floor imports are paid anyway.
    """
    own = 0 if row["in_floor"] else row["self_us"]
    return own + sum(not_floor_cumulative(child) for child in row["children"])


def importtime(example: str, top: int) -> dict:
    cli = [sys.executable, "-X", "importtime", "-m", "codemod", "--check", example]
    floor = [sys.executable, "-X", "importtime", "-c", FLOOR_IMPORTS]
    for argv in (cli, floor):  # one untimed run each, so bytecode caches are written
        run_once([a for a in argv if a not in ("-X", "importtime")])
    cli_proc = subprocess.run(cli, cwd=ROOT, env=CHILD_ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    floor_proc = subprocess.run(floor, cwd=ROOT, env=CHILD_ENV, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
    cli_rows = parse_importtime(cli_proc.stderr)
    floor_modules = {row["module"] for row in parse_importtime(floor_proc.stderr)}
    for row in cli_rows:
        row["in_floor"] = row["module"] in floor_modules
    for row in cli_rows:
        row["not_floor_cumulative_us"] = not_floor_cumulative(row)
    for row in cli_rows:
        del row["children"]
    by_cum = sorted(cli_rows, key=lambda r: r["cumulative_us"], reverse=True)
    not_floor = sorted((r for r in cli_rows if not r["in_floor"]),
                       key=lambda r: r["not_floor_cumulative_us"], reverse=True)
    return {
        "argv": cli,
        "returncode": cli_proc.returncode,
        "modules": len(cli_rows),
        "floor_modules": len(floor_modules),
        "not_in_floor_modules": len(not_floor),
        "self_us_total": sum(r["self_us"] for r in cli_rows),
        "self_us_not_in_floor": sum(r["self_us"] for r in not_floor),
        "top": by_cum[:top],
        "top_not_in_floor": not_floor[:top],
    }


# --------------------------------------------------------------------------- output

def environment() -> dict:
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        load = None
    return {"date": _dt.date.today().isoformat(), "python": platform.python_version(),
            "executable": sys.executable, "platform": platform.platform(), "cpus": os.cpu_count(),
            "loadavg": load, "packages": package_versions(), "commit": git_commit()}


def git_commit() -> str | None:
    """HEAD of the project, with `+dirty` if codemod/ or rules/ have uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "codemod", "rules", "pyproject.toml"],
                               cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def package_versions() -> dict[str, str | None]:
    """Installed versions of the stack (this interpreter's environment is the children's)."""
    from importlib import metadata

    out: dict[str, str | None] = {}
    for name in STACK_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def verdict(ratio: float, target: float, valid: bool = True) -> str:
    if not valid:
        return "INVALID (a command failed; see WARNING)"
    return "PASS" if ratio <= target else "MISS"


def text_report(report: dict) -> str:
    env, res, target = report["environment"], report["results"], report["target"]
    lines = [f"fix-authconfig start-up  {env['date']}  commit {env['commit']}  Python {env['python']}  "
             f"{env['cpus']} CPUs  load {env['loadavg']}",
             f"example {report['example']}  runs {report['runs']} each, interleaved, after "
             f"{report['warmup']} warm-up runs each",
             f"{report['bytecode']}",
             "packages " + "  ".join(f"{k} {v}" for k, v in env["packages"].items() if v), ""]
    width = max(len(c["label"]) for c in report["commands"])
    lines.append(f"{'':{width}}  {'median':>8}  {'min':>8}  {'p90':>8}   ms")
    for cmd in report["commands"]:
        r = res[cmd["key"]]
        lines.append(f"{cmd['label']:{width}}  {r['median_ms']:8.1f}  {r['min_ms']:8.1f}  {r['p90_ms']:8.1f}")
    lines.append("")
    floor = res["b:floor"]["median_ms"]
    for cmp in report["comparisons"]:
        lines.append(f"{cmp['label']}: median(a)/median(b) = {cmp['ratio']:.3f}x  "
                     f"(target <= {target}x)  {cmp['verdict']}   "
                     f"a-b {cmp['over_floor_ms']:.1f} ms, budget {(target - 1) * floor:.1f} ms")
    for problem in report["problems"]:
        lines.append(f"WARNING: {problem}")
    it = report.get("importtime")
    if it:
        lines += ["", f"-X importtime, one run of: python -X importtime -m codemod --check EXAMPLE "
                      f"(exit {it['returncode']})",
                  f"{it['modules']} modules imported, {it['not_in_floor_modules']} not imported by the floor; "
                  f"sum of self times {it['self_us_total'] / 1000:.1f} ms, "
                  f"of which not in floor {it['self_us_not_in_floor'] / 1000:.1f} ms",
                  "(importtime inflates times; compare rows with each other, not with the wall times above;",
                  " modules loaded by importlib.import_module, e.g. rules.*, are not listed;",
                  " '(top level)': imported by __main__, by site, or from inside a function at run time)"]
        for title, rows in ((f"{len(it['top'])} slowest cumulative imports (by cum)", it["top"]),
                            (f"{len(it['top_not_in_floor'])} slowest imports NOT in the floor "
                             f"(by cum-nf: cumulative minus floor modules under it)", it["top_not_in_floor"])):
            lines += ["", title, f"  {'cum ms':>7}  {'cum-nf':>7}  {'self ms':>7}  floor  module  <- imported by"]
            for row in rows:
                lines.append(f"  {row['cumulative_us'] / 1000:7.1f}  {row['not_floor_cumulative_us'] / 1000:7.1f}  "
                             f"{row['self_us'] / 1000:7.1f}  {'yes' if row['in_floor'] else 'no':5}  "
                             f"{row['module']}  <- {row['parent'] or '(top level)'}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--example", default=str(DEFAULT_EXAMPLE),
                        help="path given to --check (default: examples/canonical)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per command (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs per command first (default 2)")
    parser.add_argument("--target", type=float, default=TARGET, help=f"ratio target (default {TARGET})")
    parser.add_argument("--importtime", action="store_true",
                        help=f"also run (a) once with -X importtime; list the {TOP} slowest imports")
    parser.add_argument("--top", type=int, default=TOP, help=f"rows of the importtime lists (default {TOP})")
    parser.add_argument("--no-baseline", action="store_true", help="skip the bare `python -c pass` row")
    parser.add_argument("--inherit-env", action="store_true",
                        help="run the commands in this environment as is (default: cache their bytecode "
                             "under bench/.work/pycache, ignoring PYTHONDONTWRITEBYTECODE)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be >= 1 and --warmup >= 0")
    example = Path(args.example)
    if not example.is_absolute():
        example = (Path.cwd() / example) if (Path.cwd() / example).exists() else (ROOT / example)
    if not example.exists():
        parser.error(f"example {args.example} does not exist")
    example_arg = str(example.resolve())
    global CHILD_ENV
    CHILD_ENV, bytecode = child_environment(args.inherit_env)

    cmds = build_commands(example_arg, baseline=not args.no_baseline)
    results = measure(cmds, args.runs, args.warmup)
    floor = results["b:floor"]["median_ms"]
    trouble = problems(cmds, results)
    failed = {key for key, _ in trouble}
    comparisons = []
    for cmd in cmds:
        if cmd["group"] == "a":
            ratio = results[cmd["key"]]["median_ms"] / floor
            comparisons.append({"key": cmd["key"], "label": cmd["label"], "ratio": round(ratio, 3),
                                "verdict": verdict(ratio, args.target,
                                                   valid=not failed & {cmd["key"], "b:floor"}),
                                "over_floor_ms": round(results[cmd["key"]]["median_ms"] - floor, 3)})
    report = {
        "environment": environment(), "bytecode": bytecode, "example": example_arg,
        "runs": args.runs, "warmup": args.warmup, "target": args.target,
        "commands": [{k: v for k, v in c.items() if k in ("key", "label", "argv", "shebang")} for c in cmds],
        "results": results, "comparisons": comparisons, "problems": [msg for _, msg in trouble],
    }
    if args.importtime:
        report["importtime"] = importtime(example_arg, args.top)
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text_report(report))
    return 0  # a measurement, not a test: PASS and MISS both exit 0


if __name__ == "__main__":
    sys.exit(main())
