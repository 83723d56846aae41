"""Say what happened: text for people (ruff-like), JSON for machines, unified diffs."""

from __future__ import annotations

import os
import sys
from typing import NamedTuple

from codemod.diagnostics import Diagnostic


class FileReport:
    def __init__(self, path: str, changed: bool, diagnostics: list[Diagnostic], fixed=None, diff: str = "",
                 refused: str | None = None) -> None:
        self.path = path  # relative to the current folder
        self.changed = changed
        self.diagnostics = diagnostics  # what is left (or found, when nothing is written)
        self.fixed: list[Diagnostic] = fixed or []
        self.diff = diff
        self.refused = refused


class ProjectReport(NamedTuple):
    root: str
    config: str | None
    packages: dict  # name -> versions.Installed


def display_path(path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith(".." + os.sep + "..") else rel


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    import difflib

    old = before.decode("utf-8-sig").splitlines(keepends=True)
    new = after.decode("utf-8-sig").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


_COLORS = {"+": "\x1b[32m", "-": "\x1b[31m", "@": "\x1b[36m"}


def colorize_diff(diff: str) -> str:
    out = []
    for line in diff.splitlines(keepends=True):
        color = "\x1b[1m" if line.startswith(("+++", "---")) else _COLORS.get(line[:1])
        out.append(f"{color}{line.rstrip(chr(10))}\x1b[0m\n" if color else line)
    return "".join(out)


def text(files: list[FileReport], mode: str, stream=sys.stdout, explanations=()) -> str:
    color = use_color(stream)
    bold = (lambda s: f"\x1b[1m{s}\x1b[0m") if color else (lambda s: s)
    lines: list[str] = []
    for report in files:
        for d in report.diagnostics:
            fixable = " [*]" if d.fix is not None and d.fix.edits else ""
            severity = "" if d.severity.value == "error" else f"{d.severity.value}: "
            lines.append(f"{bold(report.path)}:{d.line}:{d.column}: {bold(d.code)}{fixable} {severity}{d.message}")
            if d.fix is not None:
                unsafe = " (unsafe: applied with --unsafe-fixes)" if d.fix.applicability.value == "unsafe" else ""
                lines.append(f"  help: {d.fix.message}{unsafe}")
        for d in report.fixed:
            lines.append(f"{report.path}: fixed {d.code} {d.message}")
        if report.refused:
            lines.append(f"{report.path}: fix refused: {report.refused}")
    out = "\n".join(lines) + ("\n" if lines else "")
    if mode == "dry-run":
        diffs = "".join(r.diff for r in files)
        out += colorize_diff(diffs) if color else diffs
    if explanations:
        from codemod import token

        out += "".join(token.text(e) for e in explanations)
    return out + summary(files, mode) + "\n"


def summary(files: list[FileReport], mode: str) -> str:
    fixed = sum(len(r.fixed) for r in files)
    remaining = sum(1 for r in files for d in r.diagnostics if d.severity.fails)
    changed = sum(1 for r in files if r.changed)
    fixable = sum(1 for r in files for d in r.diagnostics if d.fix is not None and d.fix.edits)
    noun = "file" if len(files) == 1 else "files"
    if mode == "fix":
        return f"{fixed} fixed, {remaining} remaining in {len(files)} {noun}"
    would = f"; {changed} {'file' if changed == 1 else 'files'} would change" if changed else ""
    return f"{remaining} {'problem' if remaining == 1 else 'problems'} ({fixable} fixable) in {len(files)} {noun}{would}"


def _diagnostic_json(d: Diagnostic, fixed: bool) -> dict:
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "line": d.line,
        "column": d.column,
        "fix": None if d.fix is None else {"applicability": d.fix.applicability.value, "message": d.fix.message},
        "fixed": fixed,
    }


def json_report(projects: list[ProjectReport], files: list[FileReport], mode: str, explanations=()) -> str:
    import json

    return json.dumps({
        "version": 1,
        "mode": mode,
        "projects": [{
            "root": p.root,
            "config": p.config,
            "packages": {name: {"version": i.version, "source": i.source} for name, i in sorted(p.packages.items())},
        } for p in projects],
        "files": [{
            "path": r.path,
            "changed": r.changed,
            "refused": r.refused,
            "diagnostics": [_diagnostic_json(d, True) for d in r.fixed] + [_diagnostic_json(d, False) for d in r.diagnostics],
        } for r in files],
        "summary": {
            "files_changed": sum(1 for r in files if r.changed),
            "problems_remaining": sum(1 for r in files for d in r.diagnostics if d.severity.fails),
        },
        **_token_json(explanations),
    }, indent=2) + "\n"


def _token_json(explanations) -> dict:
    """`token`: the explanation for the (first) config; `tokens`: one per config, when several."""
    if not explanations:
        return {}
    from codemod import token

    found = [token.as_json(e) for e in explanations]
    return {"token": found[0], "tokens": found} if len(found) > 1 else {"token": found[0]}


def github(files: list[FileReport]) -> str:
    """GitHub Actions workflow commands: an annotation per diagnostic."""
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for report in files:
        for d in report.diagnostics:
            props = f"file={_gh_property(report.path)},line={d.line},col={d.column},title={_gh_property(d.code + ' ' + d.name)}"
            out.append(f"::{kinds[d.severity.value]} {props}::{_gh_data(d.message)}\n")
    return "".join(out)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def sarif(files: list[FileReport], rules) -> str:
    """SARIF 2.1.0: one run, the selected rules as the driver's rules, a result per diagnostic."""
    import json

    from codemod import __version__

    levels = {"error": "error", "warning": "warning", "info": "note"}
    index = {rule.CODE: i for i, rule in enumerate(rules)}
    results = []
    for report in files:
        for d in report.diagnostics:
            result = {
                "ruleId": d.code,
                "level": levels[d.severity.value],
                "message": {"text": d.message + (f" (fix: {d.fix.message})" if d.fix is not None else "")},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": report.path.replace(os.sep, "/")},
                    "region": {"startLine": max(d.line, 1), "startColumn": max(d.column, 1)},
                }}],
            }
            if d.code in index:
                result["ruleIndex"] = index[d.code]
            results.append(result)
    driver_rules = []
    for rule in rules:
        doc = (rule.__doc__ or "").strip()
        driver_rules.append({
            "id": rule.CODE,
            "name": rule.NAME,
            "shortDescription": {"text": doc.splitlines()[0] if doc else rule.NAME},
            "fullDescription": {"text": doc},
            "help": {"text": doc},
            "defaultConfiguration": {"level": levels[rule.SEVERITY.value]},
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "fix-authconfig", "version": __version__, "rules": driver_rules}},
            "results": results,
        }],
    }
    return json.dumps(log, indent=2) + "\n"
