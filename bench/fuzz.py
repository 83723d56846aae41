"""Fuzz the tool: many generated and mutated auth configs, every property of tests/fuzzcheck.py.

    .venv/bin/python bench/fuzz.py                    # 10,000 cases, seed 0
    .venv/bin/python bench/fuzz.py --cases 50000 --seed 7 --unsafe-fixes --tsc --jobs 4

The cases come from tests/configgen.py (the grammar the property tests use, driven here by
random.Random: standard library only). Each case runs through the tool in this process; the Python
properties (no traceback but InputError, a reparsable result, idempotence, nothing changed outside
the WorkOS providers, comments kept) are checked at once, the Node ones (evaluation, security,
model agreement) in batches of --batch cases, one esbuild+Node process a batch; --tsc also
type-checks every fixed .ts config whose input type-checked (slower). Needs the Node oracles:
`npm ci --prefix tests/node`.

Prints the count, the time of each part, the outcomes, and each failure with the case that caused
it (written to bench/.work/fuzz/; `--show N` with the same seed prints case N again). Exit status: 0 when nothing failed, 1 otherwise (unlike the
other bench scripts, a failure here is a finding), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from codemod.engine import Options  # noqa: E402
from configgen import ENV, RandomDraw, case as draw_case  # noqa: E402
from fuzzcheck import node_failures, run_case, sources, typecheck_failures  # noqa: E402
from oracles import evaluate, typecheck  # noqa: E402
from rules import all_rules  # noqa: E402

OUT = ROOT / "bench" / ".work" / "fuzz"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="how many cases (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--batch", type=int, default=2_000, help="cases per Node evaluation (default 2000)")
    parser.add_argument("--jobs", type=int, default=2, help="Node processes at once (default 2)")
    parser.add_argument("--unsafe-fixes", action="store_true", help="run the tool with --unsafe-fixes")
    parser.add_argument("--tsc", action="store_true", help="also type-check the fixed .ts configs")
    parser.add_argument("--show", type=int, metavar="N", help="print case N of this seed and exit (to reproduce)")
    args = parser.parse_args(argv)
    if args.cases < 1 or args.batch < 1 or args.jobs < 1:
        parser.error("--cases, --batch and --jobs must be positive")

    rng = random.Random(args.seed)
    if args.show is not None:
        for _ in range(args.show):
            draw_case(RandomDraw(rng))
        case = draw_case(RandomDraw(rng))
        sys.stdout.buffer.write(case.data)
        print(f"\n[{case.name}, {'js' if case.js else 'ts'}, clients {', '.join(case.clients)}]", file=sys.stderr)
        return 0
    options = Options(unsafe_fixes=args.unsafe_fixes)
    rules = all_rules()
    failures: list[tuple[str, bytes, str]] = []
    counts: Counter = Counter()
    timings: Counter = Counter()
    started = time.perf_counter()
    done = 0
    while done < args.cases:
        batch = []
        t0 = time.perf_counter()
        for index in range(done, min(done + args.batch, args.cases)):
            case = draw_case(RandomDraw(rng))
            case = case._replace(name=f"#{index} {case.name}")
            counts["generated" if case.name.split()[1].startswith("generated") else "mutated"] += 1
            try:
                outcome = run_case(case, rules, options)
            except Exception as err:  # a traceback or a broken property: both are findings
                detail = "".join(traceback.format_exception_only(type(err), err)).strip()
                failures.append((case.name, case.data, detail))
                counts["failed (python)"] += 1
                continue
            batch.append(outcome)
            if outcome.result is None:
                counts["bad input (InputError, exit 2)"] += 1
            elif outcome.result.output is not None:
                counts["fixed"] += 1
            elif outcome.result.refused:
                counts["refused by verify"] += 1
                counts[f"  refused: {outcome.result.refused}"] += 1
            else:
                counts["left unchanged"] += 1
        done += args.batch
        timings["tool + python checks"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        by_name = {o.case.name: o.case for o in batch}
        for message in _node_failures(batch, args.jobs):
            name = _case_of(message, by_name)
            failures.append((name, by_name[name].data if name in by_name else b"", message))
            counts["failed (node)"] += 1
        timings["node evaluation + checks"] += time.perf_counter() - t0
        if args.tsc:
            t0 = time.perf_counter()
            for message in typecheck_failures(batch, typecheck):
                name = _case_of(message, by_name)
                failures.append((name, by_name[name].data if name in by_name else b"", message))
                counts["failed (tsc)"] += 1
            timings["tsc"] += time.perf_counter() - t0
        print(f"  {min(done, args.cases)} cases, {len(failures)} failures, "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    total = time.perf_counter() - started

    print(f"fuzz: {args.cases} cases (seed {args.seed}{', unsafe fixes' if args.unsafe_fixes else ''}"
          f"{', tsc' if args.tsc else ''}) in {total:.1f} s ({1000 * total / args.cases:.2f} ms a case)")
    for part, seconds in timings.items():
        print(f"  {part:<28} {seconds:8.1f} s")
    for label, count in sorted(counts.items(), key=lambda kv: (kv[0].startswith("  "), kv[0])):
        print(f"  {label:<28} {count:8d}")
    if failures:
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"FAILURES: {len(failures)} (cases written to {OUT.relative_to(ROOT)}/)")
        for i, (name, data, detail) in enumerate(failures):
            path = OUT / f"failure-{args.seed}-{i}.ts"
            path.write_bytes(data)
            print(f"  {name}: {detail}  [{path.name}]")
        return 1
    print("no failure")
    return 0


def _case_of(message: str, by_name: dict) -> str:
    """The case a failure message is about (names contain colons: match the whole name)."""
    return next((n for n in by_name if message.startswith((n + ":", n + " (fixed):"))), message.split(":")[0])


def _node_failures(batch: list, jobs: int) -> list[str]:
    """node_failures for the batch, evaluated by `jobs` Node processes side by side."""
    from concurrent.futures import ThreadPoolExecutor

    chunks = [batch[i::jobs] for i in range(jobs) if batch[i::jobs]]
    with ThreadPoolExecutor(len(chunks)) as pool:
        evaluations = list(pool.map(lambda chunk: evaluate(sources(chunk), ENV), chunks))
    return [m for chunk, evaluated in zip(chunks, evaluations) for m in node_failures(chunk, evaluated)]


if __name__ == "__main__":
    sys.exit(main())
