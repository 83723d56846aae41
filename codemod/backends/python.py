"""Python verify calls, read with libcst: PyJWT `jwt.decode`, python-jose `jwt.decode`, authlib
`JsonWebToken.decode` with `claims_options`.

libcst's ByteSpanPositionProvider gives every node its byte range in the file, so a fix is the same
byte-range Edit the Convex engine applies, and what it writes is rendered by libcst
(`Module.code_for_node` of a parsed expression), in the quote style of the value it replaces.
Imported only when a Python file passed the discovery prefilter: libcst costs ~130 ms to import.
"""

from __future__ import annotations

import libcst as cst
from libcst import metadata

from codemod.backends.model import CLIENT, MARK, Value, Verifier, marker
from codemod.diagnostics import Edit
from codemod.model import Span

MAX_DEPTH = 8  # name → value → name … chains longer than this are not followed


class Binding:
    """`name = value` in a scope (module, function or class body)."""

    __slots__ = ("value", "offset", "count")

    def __init__(self, value, offset: int) -> None:
        self.value = value  # None: bound by something other than a plain assignment (a parameter, a loop)
        self.offset = offset
        self.count = 1


class _Collector(cst.CSTVisitor):
    def __init__(self, spans) -> None:
        self.spans = spans
        self.stack: list = [None]  # scopes: None is the module
        self.bindings: dict[tuple[int | None, str], Binding] = {}
        self.scope_of: dict[int, int | None] = {}  # id(call) -> its scope
        self.parent_scope: dict[int | None, int | None] = {}
        self.class_scopes: set[int] = set()
        self.imports: dict[str, str] = {}  # local name -> "pyjwt", "python-jose", "authlib", "authlib.class", "os", ...
        self.calls: list[cst.Call] = []
        self.jwks_strings: list[tuple[cst.CSTNode, cst.CSTNode]] = []  # (a string naming /sso/jwks/, its whole expression)
        self.nodes: list[cst.CSTNode] = []  # the path from the module to the node being visited
        self.scope_spans: list[tuple[int, int, int]] = []  # (start, end, id) of each function and class

    # scopes
    def _push(self, node, is_class=False) -> None:
        self.parent_scope[id(node)] = self.stack[-1]
        span = self.spans[node]
        self.scope_spans.append((span.start, span.start + span.length, id(node)))
        if is_class:
            self.class_scopes.add(id(node))
        self.stack.append(id(node))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._bind(node.name.value, None, 0)
        self._push(node)
        for param in [*node.params.params, *node.params.posonly_params, *node.params.kwonly_params]:
            self._bind(param.name.value, None, 0)
        for star in (node.params.star_arg, node.params.star_kwarg):
            if isinstance(star, cst.Param):
                self._bind(star.name.value, None, 0)

    def leave_FunctionDef(self, node) -> None:
        self.stack.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._bind(node.name.value, None, 0)
        self._push(node, is_class=True)

    def leave_ClassDef(self, node) -> None:
        self.stack.pop()

    def _bind(self, name: str, value, offset: int) -> None:
        key = (self.stack[-1], name)
        if key in self.bindings:
            self.bindings[key].count += 1
        else:
            self.bindings[key] = Binding(value, offset)

    # bindings
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name):
                self._bind(target.target.value, node.value if len(node.targets) == 1 else None,
                           self.spans[node].start)
            else:
                for name in _names_in(target.target):
                    self._bind(name, None, 0)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name):
            self._bind(node.target.value, node.value, self.spans[node].start)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name):
            self._bind(node.target.value, None, 0)

    def visit_For(self, node: cst.For) -> None:
        for name in _names_in(node.target):
            self._bind(name, None, 0)

    def visit_AsName(self, node: cst.AsName) -> None:  # with … as x, except … as x
        for name in _names_in(node.name):
            self._bind(name, None, 0)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        if isinstance(node.target, cst.Name):
            self._bind(node.target.value, None, 0)

    # imports
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = _dotted(alias.name)
            local = alias.asname.name.value if alias.asname else dotted.split(".")[0]
            if alias.asname is None and dotted != local:
                continue  # `import jose.jwt` binds jose: not followed
            kind = {"jwt": "pyjwt", "os": "os"}.get(dotted)
            if kind:
                self.imports[local] = kind
            if alias.asname:
                self._bind(local, None, 0)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.module is None or isinstance(node.names, cst.ImportStar):
            return
        module = _dotted(node.module)
        for alias in node.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else _dotted(alias.name)
            local = alias.asname.name.value if alias.asname else name
            kind = _FROM_IMPORTS.get((module, name))
            if kind:
                self.imports[local] = kind
            self._bind(local, None, 0)

    # the path to each node (cheaper than libcst's ParentNodeProvider, which costs a second pass)
    def on_visit(self, node) -> bool:
        self.nodes.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node) -> None:
        super().on_leave(original_node)
        self.nodes.pop()

    def _jwks_string(self, node) -> None:
        """Record the whole string expression around a piece naming /sso/jwks/: an f-string, an
        implicit concatenation or a + chain."""
        top = node
        for parent in reversed(self.nodes[:-1]):
            if isinstance(parent, (cst.FormattedString, cst.FormattedStringExpression, cst.ConcatenatedString)) or \
                    (isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Add)):
                top = parent
            else:
                break
        self.jwks_strings.append((node, top))
        self.scope_of[id(node)] = self.stack[-1]

    # calls and strings
    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)
        self.scope_of[id(node)] = self.stack[-1]

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if "/sso/jwks/" in node.value:
            self._jwks_string(node)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        if "/sso/jwks/" in node.value:
            self._jwks_string(node)


_FROM_IMPORTS = {
    ("jwt", "decode"): "pyjwt.decode",
    ("jwt", "decode_complete"): "pyjwt.decode",
    ("jwt", "PyJWT"): "pyjwt.class",
    ("jose", "jwt"): "python-jose",
    ("jose.jwt", "decode"): "python-jose.decode",
    ("authlib.jose", "jwt"): "authlib",
    ("authlib.jose", "JsonWebToken"): "authlib.class",
    ("authlib.jose.rfc7519", "JsonWebToken"): "authlib.class",
    ("os", "environ"): "os.environ",
    ("os", "getenv"): "os.getenv",
}


def _dotted(node) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _names_in(node) -> list[str]:
    if isinstance(node, cst.Name):
        return [node.value]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [n for element in node.elements for n in _names_in(element.value)]
    return []


class PythonFile:
    """One Python source file: its verify calls and how to write values back into it."""

    language = "python"

    def __init__(self, data: bytes) -> None:
        self.source = data
        self.module = cst.parse_module(data)  # raises cst.ParserSyntaxError
        wrapper = metadata.MetadataWrapper(self.module, unsafe_skip_copy=True)
        self._spans = wrapper.resolve(metadata.ByteSpanPositionProvider)
        self._c = _Collector(self._spans)
        self.module.visit(self._c)
        self._validated = b".validate(" in data  # authlib checks claims only in claims.validate()
        self.client_key, self.client_sources = self._find_client()
        self.verifiers = [v for v in (self._verifier(call) for call in self._c.calls) if v is not None]

    # --- spans

    def span(self, node) -> Span:
        code_span = self._spans[node]
        return Span(code_span.start, code_span.start + code_span.length)

    def text(self, node) -> str:
        span = self.span(node)
        return self.source[span.start:span.end].decode("utf-8", "replace")

    # --- values

    def _lookup(self, name: str, scope) -> Binding | None:
        """The binding a name read in `scope` refers to (Python's LEGB, class bodies skipped inward)."""
        current, first = scope, True
        while True:
            if first or current not in self._c.class_scopes:
                binding = self._c.bindings.get((current, name))
                if binding is not None:
                    return binding
            if current is None:
                return None
            current, first = self._c.parent_scope.get(current), False

    def _scope_of_binding(self, name: str, scope):
        current, first = scope, True
        while True:
            if (first or current not in self._c.class_scopes) and (current, name) in self._c.bindings:
                return current
            if current is None:
                return None
            current, first = self._c.parent_scope.get(current), False

    def resolve(self, node, scope, depth: int = 0) -> str | None:
        """A string expression as a string; parts known only at run time become markers."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(node, cst.SimpleString):
            value = node.evaluated_value
            return value if isinstance(value, str) else None
        if isinstance(node, cst.ConcatenatedString):
            left, right = self.resolve(node.left, scope, depth + 1), self.resolve(node.right, scope, depth + 1)
            return None if left is None or right is None else left + right
        if isinstance(node, cst.FormattedString):
            out = ""
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    out += part.value.replace("{{", "{").replace("}}", "}")
                elif part.conversion is None and part.format_spec is None and part.equal is None:
                    inner = self.resolve(part.expression, scope, depth + 1)
                    if inner is None:
                        return None
                    out += inner
                else:
                    return None
            return out
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            left, right = self.resolve(node.left, scope, depth + 1), self.resolve(node.right, scope, depth + 1)
            return None if left is None or right is None else left + right
        env = self._env_name(node)
        if env is not None:
            return marker(f"env:{env}")
        if isinstance(node, cst.Name):
            binding = self._lookup(node.value, scope)
            if binding is not None and binding.count == 1 and binding.value is not None:
                return self.resolve(binding.value, self._scope_of_binding(node.value, scope), depth + 1)
            return marker(f"expr:{node.value}")
        if isinstance(node, cst.Attribute):
            dotted = _dotted(node)
            return marker(f"expr:{dotted}") if dotted else None
        return None

    def _env_name(self, node) -> str | None:
        """NAME of os.environ["NAME"], os.environ.get("NAME", …), os.getenv("NAME", …)."""
        target = None
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            if self._is_environ(node.value):
                target = node.slice[0].slice.value
        elif isinstance(node, cst.Call) and node.args:
            func = node.func
            if (isinstance(func, cst.Attribute) and func.attr.value == "get" and self._is_environ(func.value)) or \
                    (isinstance(func, cst.Attribute) and func.attr.value == "getenv"
                     and isinstance(func.value, cst.Name) and self._c.imports.get(func.value.value) == "os") or \
                    (isinstance(func, cst.Name) and self._c.imports.get(func.value) == "os.getenv"):
                target = node.args[0].value
        if isinstance(target, cst.SimpleString) and isinstance(target.evaluated_value, str):
            return target.evaluated_value
        return None

    def _is_environ(self, node) -> bool:
        if isinstance(node, cst.Attribute) and node.attr.value == "environ":
            return isinstance(node.value, cst.Name) and self._c.imports.get(node.value.value) == "os"
        return isinstance(node, cst.Name) and self._c.imports.get(node.value) == "os.environ"

    def _definition(self, node, scope, depth: int = 0):
        """(expression, its scope): a name read once-assigned is followed to its value."""
        while isinstance(node, cst.Name) and depth < MAX_DEPTH:
            binding = self._lookup(node.value, scope)
            if binding is None or binding.count != 1 or binding.value is None:
                break
            scope = self._scope_of_binding(node.value, scope)
            node, depth = binding.value, depth + 1
        return node, scope

    def value(self, node, scope) -> Value:
        node, scope = self._definition(node, scope)
        span = self.span(node)
        text = self.text(node)
        quote = _quote_of(node)
        if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            container = {cst.List: "list", cst.Tuple: "tuple", cst.Set: "set"}[type(node)]
            strings, spans = [], []
            for element in node.elements:
                if isinstance(element, (cst.StarredElement,)):
                    return Value(span, text, None, container, (), quote, span.start)
                resolved = self.resolve(element.value, scope)
                strings.append(self._normalise(resolved))
                spans.append(self.span(element.value))
            known = None if any(s is None for s in strings) else tuple(strings)
            return Value(span, text, known, container, tuple(spans), quote, span.start)
        resolved = self.resolve(node, scope)
        strings = None if resolved is None else (self._normalise(resolved),)
        return Value(span, text, strings, "str", (), quote, span.start)

    def _normalise(self, text: str | None) -> str | None:
        if text is None or self.client_key is None:
            return text
        return text.replace(self.client_key, CLIENT)

    # --- the client id

    def _find_client(self) -> tuple[str | None, list]:
        """The client id as the file knows it: the tail of a WorkOS JWKS URL (…/sso/jwks/<id>).

        Returns (its key in resolved strings: a marker or the literal id, the expressions that
        spell it)."""
        keys, sources = [], []
        for node, top in self._c.jwks_strings:
            scope = self._c.scope_of.get(id(node))
            resolved = self.resolve(top, scope)
            if resolved is None or "/sso/jwks/" not in resolved:
                continue
            tail = resolved.split("/sso/jwks/", 1)[1].rstrip("/")
            if tail and "/" not in tail and (tail.startswith("client_") or (tail.startswith(MARK) and tail.endswith(MARK)
                                                                           and tail.count(MARK) == 2)):
                keys.append(tail)
                sources.append(top)
        if not keys:
            return None, []
        return keys[0], sources

    def client_text(self, site: int) -> str | None:
        """How to write the client id at byte `site`: a name bound there, or the expression the
        JWKS URL uses when it reads the environment or a module-level object."""
        if self.client_key is None:
            return None
        if not self.client_key.startswith(MARK):
            return None  # a literal id: written inside the string
        site_scope = self._scope_at(site)
        names = []
        for scope, name, binding in self._client_bindings():
            visible = scope == site_scope or (scope is None and (site_scope is not None or binding.offset < site))
            if visible and self._lookup(name, site_scope) is binding:
                names.append((scope is None, name))
        if names:
            return sorted(names)[0][1]  # a local name before a module-level one
        for source in self.client_sources:
            tail = _tail_expression(source)
            if tail is not None and self._readable_anywhere(tail):
                return self.text(tail)
        return None

    def _client_bindings(self) -> list:
        """(scope, name, binding) of the names assigned exactly the client id."""
        if not hasattr(self, "_client_names"):
            self._client_names = [(scope, name, binding) for (scope, name), binding in self._c.bindings.items()
                                  if binding.count == 1 and binding.value is not None
                                  and self.resolve(binding.value, scope) == self.client_key]
        return self._client_names

    def _readable_anywhere(self, node) -> bool:
        """An os.environ read or a module-level object's attribute: valid in any function."""
        if self._env_name(node) is not None:
            return True
        base = node
        while isinstance(base, cst.Attribute):
            base = base.value
        return isinstance(base, cst.Name) and (None, base.value) in self._c.bindings and base is not node

    def _scope_at(self, site: int):
        """The innermost function or class around byte `site` (None: the module)."""
        best, best_start = None, -1
        for start, end, scope in self._c.scope_spans:
            if start <= site < end and start >= best_start:
                best, best_start = scope, start
        return best

    # --- verify calls

    def _library(self, func, scope) -> str | None:
        if isinstance(func, cst.Name):
            kind = self._c.imports.get(func.value)
            return {"pyjwt.decode": "pyjwt", "python-jose.decode": "python-jose"}.get(kind)
        if not (isinstance(func, cst.Attribute) and func.attr.value in ("decode", "decode_complete")):
            return None
        base = func.value
        if isinstance(base, cst.Name):
            kind = self._c.imports.get(base.value)
            if kind in ("pyjwt", "python-jose", "authlib"):
                return kind
            base, _ = self._definition(base, scope)
        if isinstance(base, cst.Call):  # JsonWebToken([...]).decode, jwt.PyJWT().decode
            callee = base.func
            name = callee.value if isinstance(callee, cst.Name) else None
            if name and self._c.imports.get(name) == "authlib.class":
                return "authlib"
            if name and self._c.imports.get(name) == "pyjwt.class":
                return "pyjwt"
            if isinstance(callee, cst.Attribute) and callee.attr.value == "PyJWT" and isinstance(callee.value, cst.Name) \
                    and self._c.imports.get(callee.value.value) == "pyjwt":
                return "pyjwt"
        return None

    def _verifier(self, call: cst.Call) -> Verifier | None:
        scope = self._c.scope_of.get(id(call))
        library = self._library(call.func, scope)
        if library is None:
            return None
        span = self.span(call)
        line = self.source.count(b"\n", 0, span.start) + 1
        v = Verifier(library, span, line, handle={"call": call, "scope": scope})
        keywords = {arg.keyword.value: arg for arg in call.args if arg.keyword is not None}
        positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
        if any(arg.star for arg in call.args):
            v.opaque = "arguments passed with * or **"
            return v
        if library == "authlib":
            return self._authlib(v, keywords, positional, scope)
        if len(positional) > 3:
            v.opaque = "options passed by position"
            return v
        for name, attr in (("issuer", "issuer"), ("audience", "audience")):
            arg = keywords.get(name)
            if arg is not None:
                setattr(v, attr, self.value(arg.value, scope))
                v.handle[name] = arg
        options = keywords.get("options")
        if options is not None:
            v.options_key = True
            flags = self._dict_flags(options.value, scope)
            if flags is None:
                v.opaque = "options= is not a dict literal"
                return v
            signature = flags.get("verify_signature", True)
            if not signature:
                return None  # reading the claims unverified (a peek), not a verification
            if library == "pyjwt" and "aud" in flags.get("require", ()):
                v.aud_required = True
            default = signature if library == "pyjwt" else True
            v.issuer_checked = flags.get("verify_iss", default)
            v.audience_checked = flags.get("verify_aud", default)
            v.aud_required = v.aud_required or (library == "python-jose" and flags.get("require_aud", False))
        return v

    def _dict_flags(self, node, scope) -> dict[str, bool] | None:
        node, _ = self._definition(node, scope)
        if not isinstance(node, cst.Dict):
            return None
        flags: dict = {}
        for element in node.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
                return None
            key = element.key.evaluated_value
            value = element.value
            if isinstance(value, cst.Name) and value.value in ("True", "False"):
                flags[key] = value.value == "True"
            elif key == "require" and isinstance(value, (cst.List, cst.Tuple)) and all(
                    isinstance(e.value, cst.SimpleString) for e in value.elements):
                flags[key] = [e.value.evaluated_value for e in value.elements]
            elif key.startswith(("verify_", "require")):
                return None
        return flags

    def _authlib(self, v: Verifier, keywords, positional, scope) -> Verifier:
        v.issuer_checked = self._validated
        options = keywords.get("claims_options")
        if options is None and len(positional) >= 4:
            options = positional[3]
        if options is None:
            return v
        node, options_scope = self._definition(options.value, scope)
        if not isinstance(node, cst.Dict):
            v.opaque = "claims_options is not a dict literal"
            return v
        for element in node.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
                v.opaque = "claims_options is not a dict literal"
                return v
            claim = element.key.evaluated_value
            if claim not in ("iss", "aud"):
                continue
            inner, inner_scope = self._definition(element.value, options_scope)
            if not isinstance(inner, cst.Dict):
                v.opaque = f"claims_options[{claim!r}] is not a dict literal"
                return v
            for entry in inner.elements:
                if not isinstance(entry, cst.DictElement) or not isinstance(entry.key, cst.SimpleString):
                    continue
                key = entry.key.evaluated_value
                if key in ("value", "values"):
                    value = self.value(entry.value, inner_scope)
                    if key == "values" and value.container == "str":
                        value = value._replace(strings=None)  # a string in "values": a substring test
                    if claim == "iss":
                        v.issuer = value
                        v.handle["issuer_key"] = entry.key
                    else:
                        v.audience = value
                elif key == "essential" and claim == "aud":
                    v.aud_required = isinstance(entry.value, cst.Name) and entry.value.value == "True"
        return v

    # --- edits

    def render(self, forms: list[str], site: int, as_list: bool, quote: str) -> str | None:
        """Python source for the issuer forms at byte `site`: a string, or a list of them."""
        parts = [self._string(form, site, quote) for form in forms]
        if any(p is None for p in parts):
            return None
        text = f"[{', '.join(parts)}]" if as_list else parts[0]
        return self.module.code_for_node(cst.parse_expression(text))

    def _string(self, form: str, site: int, quote: str) -> str | None:
        if CLIENT not in form:
            return f"{quote}{form}{quote}"
        if self.client_key is not None and not self.client_key.startswith(MARK):
            return f"{quote}{form.replace(CLIENT, self.client_key)}{quote}"
        client = self.client_text(site)
        if client is None or not form.endswith(CLIENT) or form.count(CLIENT) != 1:
            return None
        prefix = form[: -len(CLIENT)]
        if quote in client or "{" in client or "}" in client or "\\" in client:
            return f"{quote}{prefix}{quote} + {client}"
        return f"f{quote}{prefix}{{{client}}}{quote}"

    def issuer_key_edit(self, v: Verifier, plural: bool) -> Edit | None:
        """authlib: "value" holds one issuer, "values" a list."""
        key = v.handle.get("issuer_key")
        if key is None:
            return None
        want = "values" if plural else "value"
        if key.evaluated_value == want:
            return None
        span = self.span(key)
        quote = key.value[-1]
        return Edit(span.start, span.end, f"{quote}{want}{quote}")

    def drop_audience(self, v: Verifier) -> tuple[Edit, ...] | None:
        """PyJWT: `audience=X` becomes `options={"verify_aud": False}`: PyJWT without an audience
        rejects every token that has an aud, so the check is turned off rather than dropped."""
        arg = v.handle.get("audience")
        if v.library != "pyjwt" or arg is None or v.options_key:
            return None
        quote = _quote_of(arg.value) if isinstance(arg.value, cst.SimpleString) else '"'
        start = self.span(arg.keyword).start
        end = self.span(arg.value).end
        new = arg.with_changes(keyword=cst.Name("options"),
                               value=cst.parse_expression(f"{{{quote}verify_aud{quote}: False}}"), comma=cst.MaybeSentinel.DEFAULT)
        text = self.module.code_for_node(new)
        return (Edit(start, end, text),)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = self.source.count(b"\n", 0, offset) + 1
        column = offset - (self.source.rfind(b"\n", 0, offset) + 1) + 1
        return line, column


def _tail_expression(node):
    """The expression after /sso/jwks/ in an f-string or a + concatenation."""
    if isinstance(node, cst.FormattedString) and node.parts and isinstance(node.parts[-1], cst.FormattedStringExpression):
        return node.parts[-1].expression
    if isinstance(node, cst.BinaryOperation):
        return node.right
    return None


def _quote_of(node) -> str:
    """The quote character of the first string literal in node, else '"'."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, cst.SimpleString):
            body = current.value.lstrip("rRbBuU")
            return '"' if body.startswith(('"""', '"')) else "'"
        if isinstance(current, cst.FormattedString):
            return '"' if '"' in current.start else "'"
        stack.extend(current.children)
    return '"'


def syntax_error(data: bytes) -> int | None:
    """The line of the first syntax error, or None when the file parses."""
    try:
        cst.parse_module(data)
    except cst.ParserSyntaxError as error:
        return error.raw_line
    return None


__all__ = ["PythonFile", "syntax_error", "MARK"]
