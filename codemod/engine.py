"""Run the rules on a config, apply their fixes to a fixpoint, verify, and say what happened."""

from __future__ import annotations

from typing import Iterable, Mapping, NamedTuple

from codemod.context import Context
from codemod.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from codemod.errors import InputError
from codemod.parse import has_syntax_error, parse
from codemod.rewrite import apply, conflict

MAX_ROUNDS = 8  # the fixes of one round never need more than a few rounds to settle


class Finding(NamedTuple):
    """What a rule yields; the engine adds the rule's code, name and severity."""

    offset: int
    message: str
    fix: Fix | None = None
    severity: Severity | None = None  # overrides the rule's


class Options(NamedTuple):
    auth_domains: tuple[str, ...] = ()
    client_id_env: str = "WORKOS_CLIENT_ID"
    unsafe_fixes: bool = False
    select: tuple[str, ...] = ()  # rule code prefixes; empty: all
    ignore: tuple[str, ...] = ()


class FileResult:
    """One config's outcome. A plain class: `dataclasses` alone costs 3 ms of start-up."""

    def __init__(self, path: str, original: bytes, output: bytes | None = None, fixed=None, remaining=None,
                 found=None, refused: str | None = None) -> None:
        self.path = path
        self.original = original
        self.output = output  # the fixed bytes, when they differ and passed verification
        self.fixed: list[Diagnostic] = fixed or []
        self.remaining: list[Diagnostic] = remaining or []
        self.found: list[Diagnostic] = found or []  # what the original file has
        self.refused = refused  # why fixes were not written

    @property
    def changed(self) -> bool:
        return self.output is not None


def applies(rule, packages: Mapping) -> bool:
    """A rule counts unless an installed package is outside the range the rule declares.

    A range other than "*" needs the package to be known: a version rule never guesses."""
    from codemod import semver  # needed only once a versioned rule has found something

    for name, range_ in getattr(rule, "APPLIES_TO", {}).items():
        if range_ == "*":
            continue
        installed = packages.get(name)
        if installed is None:
            return False
        version = installed.version
        if installed.source == "package.json":  # a range: only an exact pin says what is installed
            exact = semver.min_version(version)
            version = exact if exact is not None and semver.satisfies(exact, version) and \
                semver.satisfies(exact, f"={version.lstrip('=v ')}") else None
        if version is None or not semver.satisfies(version, range_):
            return False
    return True


def run_rules(ctx: Context, rules: Iterable) -> list[Diagnostic]:
    """The diagnostics of the rules, less those an inline comment suppresses (FAC100 reports
    the comments that suppress nothing)."""
    from codemod import suppress

    diagnostics = _diagnostics(ctx, rules)
    comments = suppress.find(ctx.config)
    if not comments:
        return diagnostics
    kept, used = suppress.apply(ctx.config, diagnostics, comments)
    unused_rule = next((r for r in rules if r.CODE == "FAC100"), None)
    if unused_rule is not None:
        kept += [Diagnostic(unused_rule.CODE, unused_rule.NAME, unused_rule.SEVERITY, unused_rule.message(c),
                            c.offset, None, c.line, c.column) for c in comments if c not in used]
    return sorted(kept, key=lambda d: (d.offset, d.code))


def _diagnostics(ctx: Context, rules: Iterable) -> list[Diagnostic]:
    diagnostics = []
    for rule in rules:
        if not hasattr(rule, "check"):
            continue
        findings = list(rule.check(ctx))
        if findings and not applies(rule, ctx.packages):
            continue
        for finding in findings:
            line, column = ctx.config.line_col(finding.offset)
            diagnostics.append(Diagnostic(rule.CODE, rule.NAME, finding.severity or rule.SEVERITY,
                                          finding.message, finding.offset, finding.fix, line, column))
    return sorted(diagnostics, key=lambda d: (d.offset, d.code))


def _fixable(diagnostic: Diagnostic, options: Options) -> bool:
    fix = diagnostic.fix
    if fix is None or not fix.edits:
        return False
    return fix.applicability is Applicability.SAFE or (options.unsafe_fixes and fix.applicability is Applicability.UNSAFE)


def _choose(diagnostics: list[Diagnostic], options: Options) -> tuple[list[Diagnostic], list[Edit]]:
    """The fixes of this round that touch no common bytes; the others wait for the next round."""
    chosen: list[Diagnostic] = []
    edits: list[Edit] = []
    for diagnostic in diagnostics:
        if not _fixable(diagnostic, options):
            continue
        new = diagnostic.fix.edits
        if any(conflict(a, b) for a in new for b in edits):
            continue
        chosen.append(diagnostic)
        edits.extend(new)
    return chosen, edits


def process(path: str, data: bytes, rules, options: Options, packages: Mapping | None = None) -> FileResult:
    """Check one config and compute its fixed text; raises InputError for a file it cannot read."""
    packages = packages or {}

    def context(config) -> Context:
        return Context(config, options.auth_domains, options.client_id_env, packages)

    original = context(parse(path, data))
    bom = b"\xef\xbb\xbf" if original.config.bom else b""

    def refusal(before, after):
        from codemod import verify  # only a changed file needs the security checks

        return verify.refusal(before, after)

    return fix_to_fixpoint(path, data, bom, original.config.source, original, options,
                           analyse=lambda text: context(parse(path, bom + text)),
                           run=lambda ctx: run_rules(ctx, rules), syntax_error_line=has_syntax_error,
                           refusal=refusal)


def fix_to_fixpoint(path: str, data: bytes, bom: bytes, source: bytes, original, options: Options, *,
                    analyse, run, syntax_error_line, refusal) -> FileResult:
    """The fix loop both engines share: apply the fixes that do not overlap, analyse again, until
    nothing more is fixable (bounded); then refuse a result that does not parse or that `refusal`
    rejects. analyse(text) -> context, run(context) -> diagnostics."""
    found = run(original)
    result = FileResult(path, data, found=found, remaining=found)
    current, diagnostics = original, found
    applied: list[Diagnostic] = []
    for _ in range(MAX_ROUNDS):
        chosen, edits = _choose(diagnostics, options)
        if not chosen:
            break
        source = apply(source, edits)
        applied.extend(chosen)
        error_line = syntax_error_line(source)
        if error_line is not None:
            result.refused = f"the fix would not parse (line {error_line}); file left unchanged"
            return result
        current = analyse(source)
        diagnostics = run(current)
    else:
        result.refused = f"fixes did not settle after {MAX_ROUNDS} rounds; file left unchanged"
        return result
    if not applied:
        return result
    reason = refusal(original, current)
    if reason is not None:
        result.refused = f"{reason}; file left unchanged"
        return result
    result.output = bom + source
    result.fixed, result.remaining = applied, diagnostics
    return result


__all__ = ["Finding", "Options", "FileResult", "process", "run_rules", "InputError"]
