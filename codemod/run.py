"""One run over the PATHs: read everything, decide every change, then write.

Nothing is written until every file has been read and checked, so bad input anywhere (an InputError)
leaves every file as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path

from codemod import report
from codemod.diagnostics import Diagnostic
from codemod.discover import find_projects
from codemod.engine import FileResult, Options, process
from codemod.errors import InputError
from codemod.versions import installed_versions

MAX_CONFIG_BYTES = 1024 * 1024  # an auth config is a few hundred bytes; anything this big is not one


def read_config(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise InputError(path, f"larger than {MAX_CONFIG_BYTES // 1024} KiB; not an auth config")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror}") from None
    if b"\0" in data:
        raise InputError(path, "binary content; not an auth config")
    return data


def run(paths: list[Path], mode: str, output_format: str, options: Options) -> int:
    from rules import all_rules

    rules = all_rules()
    projects = find_projects(paths)
    project_reports: list[report.ProjectReport] = []
    files: list[report.FileReport] = []
    writes: list[tuple[Path, FileResult, Path]] = []
    for project in projects:
        packages = installed_versions(project.root)
        config_path = report.display_path(project.config) if project.config else None
        project_reports.append(report.ProjectReport(report.display_path(project.root), config_path, packages))
        files.extend(_project_findings(project, rules))
        if project.config is None or project.conflict is not None:
            continue
        result = process(config_path, read_config(project.config), rules, options, packages)
        file_report = report.FileReport(config_path, result.changed, result.found, refused=result.refused)
        if result.changed:
            file_report.diff = report.unified_diff(config_path, result.original, result.output)
            if mode == "fix":
                file_report.diagnostics, file_report.fixed = result.remaining, result.fixed
                writes.append((project.config, result, project.root))
        files.append(file_report)
    if writes:
        from codemod.write import write_atomic

        for path, result, root in writes:
            write_atomic(path, result.original, result.output, root)

    if not projects:
        print(f"fix-authconfig: no Convex project found in {', '.join(map(str, paths))}", file=sys.stderr)
    if output_format == "json":
        sys.stdout.write(report.json_report(project_reports, files, mode))
    else:
        sys.stdout.write(report.text(files, mode))
    return exit_code(files, mode)


def _project_findings(project, rules) -> list[report.FileReport]:
    """Project-level rules: config files Convex ignores or cannot choose between."""
    found: dict[str, list[Diagnostic]] = {}
    for rule in rules:
        for path, message in getattr(rule, "check_project", lambda _: ())(project):
            diagnostic = Diagnostic(rule.CODE, rule.NAME, rule.SEVERITY, message, 0, None, 1, 1)
            found.setdefault(report.display_path(path), []).append(diagnostic)
    return [report.FileReport(path, False, diagnostics) for path, diagnostics in found.items()]


def exit_code(files: list[report.FileReport], mode: str) -> int:
    if any(d.severity.fails for r in files for d in r.diagnostics):
        return 1
    if any(r.refused for r in files):
        return 1
    if mode != "fix" and any(r.changed for r in files):
        return 1
    return 0
