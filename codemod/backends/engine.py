"""Rules, fixes and verification for one backend file: the Convex engine's fix loop, with the
file's verify calls where a config has providers.

A rule defines `check_backend(ctx)` and yields codemod.engine.Finding; its fix is byte-range Edits.
The loop is engine.process's: run the rules, apply the fixes that do not overlap, parse again, run
the rules again until nothing more is fixable, then refuse the result if the simulated verifier
now accepts a token of another WorkOS app, or rejects one of the app's it accepted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping, NamedTuple

from codemod.backends import model
from codemod.backends.model import APP, CLIENT, LEGACY, Verifier
from codemod.diagnostics import Diagnostic, Edit
from codemod.engine import FileResult, Options, applies, fix_to_fixpoint

PYTHON = ".py"
CLIENT_PLACEHOLDER = "<client id>"


class NotAnalysed(Exception):
    """The file does not parse: it is reported as a warning and left alone."""


def analyse(path: str, data: bytes):
    if path.endswith(PYTHON):
        from codemod.backends.python import PythonFile

        import libcst

        try:
            return PythonFile(data)
        except (libcst.ParserSyntaxError, RecursionError) as error:
            raise NotAnalysed(f"not analysed: does not parse as Python ({str(error).splitlines()[0]})") from None
    from codemod.backends.js import JsFile

    return JsFile(data, path)


def syntax_error(path: str, data: bytes) -> int | None:
    if path.endswith(PYTHON):
        from codemod.backends.python import syntax_error as python_error

        return python_error(data)
    from codemod.backends.js import syntax_error as js_error

    return js_error(data, path)


class Targets(NamedTuple):
    forms: list[str]  # the exact issuer forms to write (CLIENT for the client id)
    as_list: bool
    notes: list[str]  # what was left out, and why


class BackendContext:
    """What a backend rule sees: the file's verify calls, the installed libraries, the options."""

    def __init__(self, path: str, source: bytes, file, packages: Mapping, options: Options) -> None:
        self.path = path
        self.source = source
        self.file = file
        self.verifiers: list[Verifier] = file.verifiers
        self.packages = packages
        self.options = options

    @property
    def providers(self) -> list[Verifier]:
        """What inline suppressions anchor on (codemod/suppress.py): the verify calls."""
        return self.verifiers

    def line_col(self, offset: int) -> tuple[int, int]:
        return self.file.line_col(offset)

    @property
    def knows_client(self) -> bool:
        """The file fetches keys from a WorkOS JWKS URL that names the client id."""
        return self.file.client_key is not None

    def version(self, v: Verifier) -> str | None:
        installed = self.packages.get(v.lib.package)
        return installed.version if installed is not None and installed.source != "package.json" else None

    def version_note(self, v: Verifier) -> str:
        installed = self.packages.get(v.lib.package)
        return f"{v.lib.name} {installed.version} ({installed.source})" if installed is not None else v.lib.name

    def list_supported(self, v: Verifier) -> bool | None:
        return model.issuer_list_supported(v.library, self.version(v))

    def show(self, form: str) -> str:
        return form.replace(CLIENT, CLIENT_PLACEHOLDER)

    # --- the issuer forms to write

    def secure(self, v: Verifier, forms: list[str]) -> bool:
        """With these issuer forms, the call accepts no token of another WorkOS app."""
        trial = replace(v, issuer=model.Value(v.issuer.span if v.issuer else None, "", tuple(forms),
                                              "list" if len(forms) > 1 else "str"), issuer_checked=True)
        return not any(model.accepts(trial, kind.claims, APP) for kind in model.foreign_tokens(trial, APP))

    def writable(self, form: str, site: int) -> bool:
        return CLIENT not in form or self.file.render([form], site, False, '"') is not None

    def targets(self, v: Verifier, site: int) -> Targets | None:
        """The exact issuer forms this call should check: its mistakes corrected, and, where a
        mistake was on api.workos.com, both forms api.workos.com issues (legacy, and
        user_management/<client id>), less any that would let another app's tokens in or that
        cannot be written here. None when nothing is left."""
        current = list(v.issuer.strings) if v.issuer is not None and v.issuer.is_known else []
        wanted: list[str] = []
        api_mistake = False
        for form in current:
            kind = model.classify(form)
            if kind.kind == "mistake":
                wanted.append(kind.intended)
                api_mistake |= kind.host == model.API_HOST
            else:
                wanted.append(form)
        if api_mistake or not current:
            wanted += [LEGACY, model.user_management(CLIENT)]
        wanted = list(dict.fromkeys(wanted))
        notes = []
        for form in list(wanted):
            if form in current:
                continue
            if not self.writable(form, site):
                wanted.remove(form)
                notes.append(f"{self.show(form)} is left out: the client id is not readable here (the JWKS URL "
                             f"{'names no client id' if not self.knows_client else 'uses a name local to another function'})")
            elif not self.secure(v, [form]):  # membership: a set lets in what one of its forms does
                wanted.remove(form)
                notes.append(f"{self.show(form)} is left out: it is every legacy app's issuer, and this call does not "
                             f"require an aud claim naming the client ({v.lib.audience_option})")
        if not wanted:
            return None
        supported = self.list_supported(v)
        if len(wanted) > 1 and supported is False:
            first = next((f for f in wanted if f not in current), wanted[0])
            notes.append(f"{self.version_note(v)} takes one issuer: a list needs PyJWT 2.9 or later, then add "
                         + ", ".join(self.show(f) for f in wanted if f != first))
            wanted = [first]
        elif len(wanted) > 1 and supported is None:
            notes.append(f"a list of issuers needs {v.lib.name} 2.9 or later (no pinned version found)")
        as_list = len(wanted) > 1 or (v.issuer is not None and v.issuer.container != "str" and supported is not False)
        return Targets(wanted, as_list, notes)

    def issuer_edits(self, v: Verifier, targets: Targets) -> tuple[Edit, ...] | None:
        """Edits that make the call's issuer exactly `targets`: element by element in a list
        (comments kept), else the whole value."""
        value = v.issuer
        edits: list[Edit] = []
        if value.container != "str" and targets.as_list and value.elements:
            edits = self._element_edits(value, targets)
        if not edits:
            text = self.file.render(targets.forms, value.site, targets.as_list, value.quote)
            if text is None:
                return None
            edits = [Edit(value.span.start, value.span.end, text)]
        key = self.file.issuer_key_edit(v, targets.as_list)
        return tuple(edits + ([key] if key is not None else []))

    def _element_edits(self, value: model.Value, targets: Targets) -> list[Edit]:
        edits, covered = [], set()
        for form, span in zip(value.strings, value.elements):
            if form in targets.forms and form not in covered:
                covered.add(form)
                continue
            intended = model.classify(form).intended
            if intended not in targets.forms or intended in covered:
                return []  # an element goes away: the whole list is written instead
            text = self.file.render([intended], span.start, False, value.quote)
            if text is None:
                return []
            edits.append(Edit(span.start, span.end, text))
            covered.add(intended)
        missing = [f for f in targets.forms if f not in covered]
        if missing:
            last = value.elements[-1]
            text = self.file.render(missing, last.end, True, value.quote)
            if text is None:
                return []
            edits.append(Edit(last.end, last.end, ", " + text[1:-1]))
        return edits

    def snippet(self, v: Verifier, forms: list[str]) -> str:
        """The issuer option to add, in the call's library syntax, for a message."""
        rendered = self.file.render(forms, v.span.start, len(forms) > 1, '"') or \
            "[" + ", ".join(f'"{self.show(f)}"' for f in forms) + "]"
        if v.library == "authlib":
            key = "values" if len(forms) > 1 else "value"
            return f'claims_options={{"iss": {{"essential": True, "{key}": {rendered}}}}} (and call claims.validate())'
        if v.lib.language == "python":
            return f"issuer={rendered}"
        return f"issuer: {rendered}"


def run_backend_rules(ctx: BackendContext, rules) -> list[Diagnostic]:
    from codemod import suppress

    diagnostics = []
    for rule in rules:
        check = getattr(rule, "check_backend", None)
        if check is None:
            continue
        findings = list(check(ctx))
        if findings and not applies(rule, ctx.packages):
            continue
        for finding in findings:
            line, column = ctx.line_col(finding.offset)
            diagnostics.append(Diagnostic(rule.CODE, rule.NAME, finding.severity or rule.SEVERITY, finding.message,
                                          finding.offset, finding.fix, line, column))
    diagnostics.sort(key=lambda d: (d.offset, d.code))
    comments = suppress.find(ctx)
    if not comments:
        return diagnostics
    kept, used = suppress.apply(ctx, diagnostics, comments)
    unused_rule = next((r for r in rules if r.CODE == "FAC100"), None)
    if unused_rule is not None:
        kept += [Diagnostic(unused_rule.CODE, unused_rule.NAME, unused_rule.SEVERITY, unused_rule.message(c),
                            c.offset, None, c.line, c.column) for c in comments if c not in used]
    return sorted(kept, key=lambda d: (d.offset, d.code))


def process_backend(path: str, data: bytes, rules, options: Options, packages: Mapping | None = None) -> FileResult:
    """Check one verifier file and compute its fixed text; raises NotAnalysed when it does not parse."""
    packages = packages or {}
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    source = data[len(bom):]

    def context(text: bytes) -> BackendContext:
        return BackendContext(path, text, analyse(path, text), packages, options)

    original = context(source)
    broken_before = syntax_error(path, source) is not None  # tree-sitter reads JS/TS with errors too

    def new_syntax_error(text: bytes) -> int | None:
        return None if broken_before else syntax_error(path, text)

    return fix_to_fixpoint(path, data, bom, source, original, options, analyse=context,
                           run=lambda ctx: run_backend_rules(ctx, rules), syntax_error_line=new_syntax_error,
                           refusal=refusal)


def refusal(before: BackendContext, after: BackendContext) -> str | None:
    """Why the fixed file must not be written: a call that now accepts another WorkOS app's token,
    or rejects a token of the app's that it accepted; or calls that are no longer the same calls."""
    if [v.library for v in before.verifiers] != [v.library for v in after.verifiers]:
        return "the fix would change which calls verify tokens"
    for old, new in zip(before.verifiers, after.verifiers):
        version = before.version(old)
        unchanged = before.source[old.span.start:old.span.end] == after.source[new.span.start:new.span.end]
        for kind in model.foreign_tokens(new, APP):
            now = model.accepts(new, kind.claims, APP, version)
            if now is None and unchanged and model.accepts(old, kind.claims, APP, version) is None:
                break  # a call the tool cannot read, and did not touch
            if now is None:
                return f"the fixed call at line {new.line} cannot be checked"
            if now and not model.accepts(old, kind.claims, APP, version):
                return f"the fix would make the call at line {new.line} accept {kind.name}"
        for kind in model.app_tokens(old, APP):
            if model.accepts(old, kind.claims, APP, version) and not model.accepts(new, kind.claims, APP, version):
                return f"the fix would make the call at line {new.line} reject the app's {kind.name}"
    return None
