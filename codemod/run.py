"""One run over the PATHs: read everything, decide every change, then write.

Nothing is written until every file has been read and checked, so bad input anywhere (an InputError)
leaves every file as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path

from codemod import report
from codemod.backends import run as backend_run
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


def run(paths: list[Path], mode: str, output_format: str, options: Options, token=None) -> int:
    """token: a TokenRequest (codemod.cli) to explain against each project's config, or None."""
    from rules import CONFIG_FAMILIES, selected

    rules = selected(options.select, options.ignore, CONFIG_FAMILIES)
    decoded = _decode_token(token) if token is not None else None
    explanations = []
    backends = backend_run.start(paths, options)  # verifier files; git lists them while configs are checked
    search_warnings: list[tuple[Path, str]] = []
    projects = find_projects(paths, search_warnings)
    for path, reason in search_warnings:  # folders not searched: the run goes on without them
        print(f"fix-authconfig: warning: {report.display_path(path)}: {reason}", file=sys.stderr)
    project_reports: list[report.ProjectReport] = []
    files: list[report.FileReport] = []
    writes: list[tuple[Path, FileResult, Path]] = []
    for project in projects:
        packages = installed_versions(project.root)
        config_path = report.display_path(project.config) if project.config else None
        project_reports.append(report.ProjectReport(report.display_path(project.root), config_path, packages))
        files.extend(_project_findings(project, rules, packages))
        if project.config is None or project.conflict is not None:
            continue
        data = read_config(project.config)
        result = process(config_path, data, rules, options, packages)
        if decoded is not None:
            explanations.append(_explain(decoded, token, project, config_path, data, result, options))
        file_report = report.FileReport(config_path, result.changed, result.found, refused=result.refused)
        if result.changed:
            file_report.diff = report.unified_diff(config_path, result.original, result.output)
            if mode == "fix":
                file_report.diagnostics, file_report.fixed = result.remaining, result.fixed
                writes.append((project.config, result, project.root))
        files.append(file_report)
    backend_files = backend_run.check(backends, options, mode, writes) if backends is not None else []
    files.extend(backend_files)
    if writes:
        from codemod.write import write_atomic

        for path, result, root in writes:
            write_atomic(path, result.original, result.output, root)
    if mode == "fix":  # the temp files a killed run left beside a config (codemod.write)
        from codemod.write import remove_stale_temps

        for project in projects:
            if project.config is not None:
                remove_stale_temps(project.config)

    if not projects and not backend_files:
        print(f"fix-authconfig: no Convex project found in {', '.join(map(str, paths))}", file=sys.stderr)
    if output_format == "json":
        sys.stdout.write(report.json_report(project_reports, files, mode, explanations))
    elif output_format == "sarif":
        sys.stdout.write(report.sarif(files, selected(options.select, options.ignore)))  # every family
    elif output_format == "github":
        sys.stdout.write(report.github(files))
    else:
        sys.stdout.write(report.text(files, mode, explanations=explanations))
    code = exit_code(files, mode)
    if any(e.after.provider is None for e in explanations):
        return max(code, 1)  # the token would still be rejected after the fix
    return code


def _decode_token(request):
    from codemod import token

    decoded = token.decode(token.read_argument(request.value))
    if request.jwks is not None:
        return decoded, token.verify_signature(decoded, request.jwks)
    return decoded, None


def _explain(decoded, request, project, config_path: str, data: bytes, result: FileResult, options: Options):
    from codemod import token
    from codemod.model import Env
    from codemod.parse import parse
    from codemod.workos import client_id

    before = parse(config_path, data)
    after = parse(config_path, result.output) if result.output is not None else before
    sym = client_id(before, options.client_id_env).sym
    env_name = sym[0].name if len(sym) == 1 and isinstance(sym[0], Env) else options.client_id_env
    client, source = token.project_client_id(project.root, env_name, request.client_id)
    if client is None and len(sym) == 1 and isinstance(sym[0], str):
        client, source = sym[0], config_path  # the config hard-codes it
    decoded_token, signature = decoded
    return token.explain(decoded_token, config_path, before, after, env_name, client, source, signature)


def _project_findings(project, rules, packages) -> list[report.FileReport]:
    """Project-level rules: config files Convex ignores or cannot choose between, and (through
    `check_versions(project, versions)`) what could not be learnt about the packages."""
    found: dict[str, list[Diagnostic]] = {}
    for rule in rules:
        findings = [*getattr(rule, "check_project", lambda _: ())(project),
                    *getattr(rule, "check_versions", lambda _, __: ())(project, packages)]
        for path, message in findings:
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
