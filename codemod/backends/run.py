"""The backend part of a run: search the PATHs for verifier files, check and fix each one.

codemod/run.py starts the search before it checks the Convex projects (the git listing runs
meanwhile) and reports what `check` returns exactly like a config file.
"""

from __future__ import annotations

import sys
from codemod import report
from codemod.engine import Options


def start(paths, options: Options):
    """The search, or None when no selected rule looks at backends."""
    from rules import selected_names

    if not selected_names(options.select, options.ignore, ("VFY",)):
        return None
    from codemod.backends.discover import Search

    return Search(paths)


def check(search, options: Options, mode: str, writes: list) -> list[report.FileReport]:
    """A FileReport per verifier file; fixed files are appended to `writes` in fix mode."""
    reports = []
    found = search.files()
    if found:  # most runs find none: the analysers, their imports and the VFY rules are not needed
        from codemod.backends.engine import NotAnalysed, process_backend
        from codemod.backends.versions import js_versions, python_versions
        from rules import BACKEND_FAMILIES, selected

        rules = selected(options.select, options.ignore, BACKEND_FAMILIES)
    for path, root in found:
        shown = report.display_path(path)
        data = path.read_bytes()
        packages = python_versions(path) if path.suffix == ".py" else js_versions(path)
        try:
            result = process_backend(shown, data, rules, options, packages)
        except (NotAnalysed, UnicodeDecodeError) as error:
            reason = str(error) if isinstance(error, NotAnalysed) else "not analysed: not UTF-8"
            print(f"fix-authconfig: warning: {shown}: {reason}", file=sys.stderr)
            continue
        file_report = report.FileReport(shown, result.changed, result.found, refused=result.refused)
        if result.changed:
            file_report.diff = report.unified_diff(shown, result.original, result.output)
            if mode == "fix":
                file_report.diagnostics, file_report.fixed = result.remaining, result.fixed
                writes.append((path, result, root))
        reports.append(file_report)
    for folder, reason in search.warnings:
        print(f"fix-authconfig: warning: {report.display_path(folder)}: {reason}", file=sys.stderr)
    return reports

