"""tree-sitter-typescript → the AuthConfig model of codemod.model.

Reads the forms Convex's bundler accepts: `export default {…}`, a const exported by name,
`module.exports = {…}`, `satisfies AuthConfig`, `as const`, type imports. What it cannot see into
(a call, a spread, a conditional) becomes a Note with its line and is never rewritten.
"""

from __future__ import annotations

from functools import lru_cache

from codemod.errors import InputError
from codemod.model import (
    AuthConfig,
    Choice,
    EnvRead,
    Field,
    Group,
    Items,
    Literal,
    Note,
    Param,
    ParamRef,
    Provider,
    Ref,
    Repeat,
    Span,
    Template,
    Test,
    Unknown,
    Value,
)

_WRAPPERS = {"parenthesized_expression", "satisfies_expression", "non_null_expression"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v"}


@lru_cache(maxsize=1)
def _parser():
    # The grammar is the costliest import of the tool: load it only when a file is parsed.
    import tree_sitter
    import tree_sitter_typescript

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_typescript.language_typescript()))


def has_syntax_error(source: bytes) -> int | None:
    """The 1-based line of the first ERROR or MISSING node, or None when the text parses cleanly.

    tree-sitter's grammar accepts an empty element in an object literal (`{ a: 1, , b: 2 }`), which
    JavaScript does not: that counts as an error too."""
    return _error_line(_parser().parse(source).root_node)


def _error_line(root) -> int | None:
    if root.has_error:
        return _first_error_line(root)
    for node, holes in _empty_elements(root):
        if node.type == "object" and holes:
            return holes[0]
    return None


def has_comment(source: bytes, start: int, end: int) -> bool:
    """Whether a comment lies between the two offsets."""
    node = _parser().parse(source).root_node.descendant_for_byte_range(start, end)
    return any(n.type == "comment" and start <= n.start_byte and n.end_byte <= end for n in _walk(node))


def array_holes(source: bytes) -> int:
    """How many empty elements (`[a, , b]`) the arrays hold: legal JavaScript, but never a provider."""
    return sum(len(holes) for node, holes in _empty_elements(_parser().parse(source).root_node)
               if node.type == "array")


def _empty_elements(root):
    """(object or array node, [line of each empty element]) for each such literal."""
    for node in _walk(root):
        if node.type not in ("object", "array"):
            continue
        holes, after_separator = [], True
        for child in node.children:
            if child.type == "comment" or child.type in ("{", "["):
                continue
            if child.type == ",":
                if after_separator:
                    holes.append(child.start_point[0] + 1)
                after_separator = True
            elif child.type not in ("}", "]"):
                after_separator = False
        yield node, holes


def _first_error_line(node) -> int:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.is_error or current.is_missing:
            return current.start_point[0] + 1
        stack.extend(reversed([c for c in current.children if c.has_error or c.is_missing]))
    return node.start_point[0] + 1


def parse(path: str, data: bytes) -> AuthConfig:
    bom = data.startswith(b"\xef\xbb\xbf")
    source = data[3:] if bom else data
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, f"not UTF-8 text (byte {err.start + (3 if bom else 0)})") from None
    root = _parser().parse(source).root_node
    line = _error_line(root)
    if line is not None:
        raise InputError(path, f"syntax error at line {line}; not analysed")
    return _Reader(path, source, bom).read(root)


class _Reader:
    def __init__(self, path: str, source: bytes, bom: bool) -> None:
        self.path = path
        self.source = source
        self.bom = bom
        self.consts: dict[str, object] = {}  # name -> value node
        self.notes: list[Note] = []
        self.uses_auth_config_type = False
        self._resolving: set[str] = set()
        self._params: list[tuple[Param, bool]] = []  # callback parameters in scope, innermost last
        self.groups: list[Group] = []
        self.choices = 0
        self.callbacks = 0
        self._typed = True  # the array being read takes its type from the export's (see _read_list)
        self.layout = None
        self.providers: list[Provider] = []

    # --- helpers -----------------------------------------------------------------------------
    def text(self, node) -> str:
        return self.source[node.start_byte : node.end_byte].decode()

    def note(self, node, message: str, hides_providers: bool = True) -> None:
        row, col = node.start_point
        self.notes.append(Note(message, Span(node.start_byte, node.end_byte), row + 1, col + 1, hides_providers))

    def unwrap_casts(self, node):
        while node.type in _WRAPPERS or node.type == "as_expression":
            node = node.named_children[0]
        return node

    def unwrap(self, node):
        """Strip parentheses, `satisfies`, `!` and `as` casts; follow identifiers to their const."""
        while True:
            if node.type == "satisfies_expression" and b"AuthConfig" in node.named_children[-1].text:
                self.uses_auth_config_type = True
            if node.type in _WRAPPERS or node.type == "as_expression":
                node = node.named_children[0]
            elif node.type == "identifier" and node.text.decode() in self.consts:
                node = self.consts[node.text.decode()]
            else:
                return node

    # --- top level ---------------------------------------------------------------------------
    def read(self, root) -> AuthConfig:
        exported = None
        for stmt in root.named_children:
            if stmt.type == "import_statement":
                self._read_import(stmt)
            elif stmt.type in ("lexical_declaration", "variable_declaration"):
                self._read_declaration(stmt)
            elif stmt.type == "export_statement":
                declaration = stmt.child_by_field_name("declaration")
                if declaration is not None and declaration.type == "lexical_declaration":
                    self._read_declaration(declaration)
                elif any(c.type == "default" for c in stmt.children):
                    exported = stmt.child_by_field_name("value") or declaration
                else:
                    exported = _default_specifier(stmt) or exported
            elif stmt.type == "expression_statement":
                expr = stmt.named_children[0] if stmt.named_children else None
                if expr is not None and expr.type == "assignment_expression":
                    if self.text(expr.child_by_field_name("left")).replace(" ", "") == "module.exports":
                        exported = expr.child_by_field_name("right")

        providers: list[Provider] = []
        array_span = None
        if exported is None:
            self.notes.append(Note("no default export found; not analysed", Span(0, 0), 1, 1))
        else:
            array_span = self._read_export(exported, providers)
        return AuthConfig(
            path=self.path,
            source=self.source,
            bom=self.bom,
            newline="\r\n" if b"\r\n" in self.source else "\n",
            providers=providers,
            providers_array=array_span,
            notes=self.notes,
            uses_auth_config_type=self.uses_auth_config_type,
            env_consts={name: env for name, node in self.consts.items()
                        if (env := _env_name(self.unwrap_casts(node))) is not None},
            groups=tuple(self.groups),
            layout=self.layout,
        )

    def _read_import(self, stmt) -> None:
        source = stmt.child_by_field_name("source")
        if source is None or self.text(source)[1:-1] != "convex/server":
            return
        for node in _walk(stmt):
            if node.type == "identifier" and node.text == b"AuthConfig":
                self.uses_auth_config_type = True

    def _read_declaration(self, decl) -> None:
        is_const = decl.child(0) is not None and decl.child(0).type == "const"
        for declarator in decl.named_children:
            if declarator.type != "variable_declarator":
                continue
            name = declarator.child_by_field_name("name")
            value = declarator.child_by_field_name("value")
            type_ = declarator.child_by_field_name("type")
            if type_ is not None and b"AuthConfig" in type_.text:
                self.uses_auth_config_type = True
            if is_const and name is not None and name.type == "identifier" and value is not None:
                self.consts[name.text.decode()] = value

    def _read_export(self, exported, providers: list[Provider]) -> Span | None:
        self._typed = self.unwrap_casts(exported).type != "identifier"
        config = self.unwrap(exported)
        if config.type != "object":
            self.note(exported, f"the default export is `{_short(self.text(exported))}`; not analysed")
            return None
        for child in config.named_children:
            if child.type == "pair" and _key_name(child.child_by_field_name("key")) == "providers":
                return self._read_providers(child.child_by_field_name("value"), providers)
            if child.type == "shorthand_property_identifier" and child.text == b"providers":
                return self._read_providers(child, providers)
        self.note(config, "the default export has no `providers` key")
        return None

    def _read_providers(self, value_node, providers: list[Provider]) -> Span | None:
        node = value_node
        if node.type == "shorthand_property_identifier":
            self._typed = False
            target = self.consts.get(node.text.decode())
            if target is None:
                self.note(node, "providers come from `providers`, which is not a const of this file; not analysed")
                return None
            node = target
        self.providers = providers
        self.layout = self._read_list(node, None, "root", ())
        if isinstance(self.layout, Items) and self.groups[self.layout.group].link == "root":
            return self.groups[self.layout.group].span
        return None

    # --- the providers list: arrays, spreads, conditionals, flatMap/map callbacks ------------------
    def _read_list(self, node, parent: int | None, link: str, conditions: tuple, depth: int = 0,
                   source: str = "come from"):
        """The layout node for an expression that evaluates to a list of providers, or None (a note)."""
        saved = self._typed
        # TypeScript types an array by the AuthConfig it is written in only along property values,
        # array elements, condition branches and a callback's result: not through a spread or a
        # const declared apart (tsc, tests/fixtures/configs and the property tests).
        if link == "spread" or self.unwrap_casts(node).type == "identifier":
            self._typed = False
        try:
            return self._read_list_node(node, parent, link, conditions, depth, source)
        finally:
            self._typed = saved

    def _read_list_node(self, node, parent, link, conditions, depth, source):
        expr = self.unwrap(node)
        if depth > 20:
            self.note(node, f"providers {source} `{_short(self.text(node))}`; not analysed")
            return None
        if expr.type == "array":
            return self._read_array(expr, parent, link, conditions, depth)
        if expr.type == "ternary_expression":
            index = self.choices
            self.choices += 1
            test = self._read_test(expr.child_by_field_name("condition"))
            branches = [self._read_list(expr.child_by_field_name(name), parent, "branch",
                                        conditions + ((index, taken),), depth + 1)
                        for name, taken in (("consequence", True), ("alternative", False))]
            return Choice(index, test, *branches)
        if expr.type == "call_expression":
            repeat = self._read_callback(expr, parent, link, conditions, depth)
            if repeat is not None:
                return repeat
        self.note(node, f"providers {source} `{_short(self.text(expr))}`; not analysed")
        return None

    def _new_group(self, span: Span, elements: tuple, parent, link, conditions, is_array=True) -> int:
        self.groups.append(Group(span, elements, parent, link, conditions, None, False, is_array, self._typed))
        return len(self.groups) - 1

    def _read_array(self, array, parent, link, conditions, depth) -> Items:
        elements = tuple(Span(e.start_byte, e.end_byte) for e in array.named_children if e.type != "comment")
        group = self._new_group(Span(array.start_byte, array.end_byte), elements, parent, link, conditions)
        items: list = []
        for element in array.named_children:
            if element.type == "comment":
                continue
            if element.type == "spread_element":
                inner = element.named_children[0] if element.named_children else element
                target = self.unwrap(inner)
                if target.type in ("array", "ternary_expression", "call_expression"):
                    node = self._read_list(inner, group, "spread", conditions, depth + 1, "spread from")
                    if node is not None:
                        items.append(node)
                    continue
                self.note(element, f"providers spread from `{_short(self.text(element)[3:])}`; not analysed")
                continue
            obj = self.unwrap(element)
            if obj.type == "object":
                items.append(self._add_provider(obj, group))
            else:
                self.note(element, f"a provider given as `{_short(self.text(element))}`; not analysed")
        return Items(group, tuple(items))

    def _add_provider(self, obj, group: int) -> int:
        index = len(self.providers)
        self.providers.append(self._read_provider(index, obj)._replace(group=group))
        return index

    def _read_callback(self, call, parent, link, conditions, depth) -> Repeat | None:
        """`values.flatMap((id) => [...])` or `values.map((id) => ({...}))`; None when not that form."""
        function = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if function is None or function.type != "member_expression" or args is None:
            return None
        method = function.child_by_field_name("property")
        callbacks = [a for a in args.named_children if a.type != "comment"]
        if method is None or method.text not in (b"flatMap", b"map") or len(callbacks) != 1:
            return None
        callback = callbacks[0]
        if callback.type not in ("arrow_function", "function_expression", "function"):
            return None
        name = _single_parameter(callback)
        body = _returned(callback)
        if name is None or body is None:
            return None
        flat = method.text == b"flatMap"
        values = self._mapped_values(function.child_by_field_name("object"))
        param = Param(name, self.callbacks)
        self.callbacks += 1
        self._params.append((param, False))
        first_provider, first_group = len(self.providers), len(self.groups)
        try:
            if flat:
                node = self._read_list(body, parent, "repeat", conditions, depth + 1)
            else:
                obj = self.unwrap(body)
                if obj.type != "object":
                    self.note(body, f"`.map` returns `{_short(self.text(body))}`; not analysed")
                    node = None
                else:
                    group = self._new_group(Span(obj.start_byte, obj.end_byte), (Span(obj.start_byte, obj.end_byte),),
                                            parent, "repeat", conditions, is_array=False)
                    node = Items(group, (self._add_provider(obj, group),))
        finally:
            self._params.pop()
        if node is None:
            return None
        inside = self.providers[first_provider:]
        client = _names_client(inside, param) or (values is not None and bool(values) and all(
            _is_client_like(v) for v in values))
        for i in range(first_group, len(self.groups)):  # the arrays the callback itself returns
            if self.groups[i].parent == parent:
                self.groups[i] = self.groups[i]._replace(param=param, client_param=client)
        if values is None:
            obj = function.child_by_field_name("object")
            self.note(obj, f"the values `{_short(self.text(obj))}` mapped by `{method.text.decode()}` are not known; "
                           "its providers are checked for any of them", hides_providers=False)
        return Repeat(param, values, node, flat)

    def _mapped_values(self, node) -> tuple | None:
        array = self.unwrap(node) if node is not None else None
        if array is None or array.type != "array":
            return None
        values = []
        for element in array.named_children:
            if element.type == "comment":
                continue
            if element.type == "spread_element":
                return None
            values.append(self.value(element))
        return tuple(values)

    def _read_test(self, node) -> Test:
        negate = False
        while True:
            node = self.unwrap_casts(node)
            if node.type == "unary_expression" and node.child_by_field_name("operator").type == "!":
                negate = not negate
                node = node.child_by_field_name("argument")
            elif (node.type == "call_expression" and node.child_by_field_name("function").text == b"Boolean"
                  and len(node.child_by_field_name("arguments").named_children) == 1):
                node = node.child_by_field_name("arguments").named_children[0]
            else:
                break
        if node.type == "binary_expression":
            op = node.child_by_field_name("operator").type
            if op in ("===", "==", "!==", "!="):
                return Test("eq" if op in ("===", "==") else "ne", self.value(node.child_by_field_name("left")),
                            self.value(node.child_by_field_name("right")), negate)
        return Test("truthy", self.value(node), None, negate)

    def _read_provider(self, index: int, obj) -> Provider:
        fields: dict[str, Field] = {}
        pairs: list[Field] = []
        opaque: list[Span] = []
        for child in obj.named_children:
            if child.type == "comment":
                continue
            key_node = child.child_by_field_name("key") if child.type == "pair" else None
            key = _key_name(key_node) if key_node is not None else None
            if child.type == "shorthand_property_identifier":
                key, key_node = child.text.decode(), child
                value = self.value(child)
            elif key is not None:
                value = self.value(child.child_by_field_name("value"))
            else:
                opaque.append(Span(child.start_byte, child.end_byte))
                self.note(child, f"`{_short(self.text(child))}` in provider {index}; not analysed", False)
                continue
            quote = self.text(key_node)[0] if key_node.type == "string" else ""
            entry = Field(key, Span(key_node.start_byte, key_node.end_byte), quote, value,
                          Span(child.start_byte, child.end_byte))
            pairs.append(entry)
            fields[key] = entry  # the last duplicate wins, as in JavaScript
        row, col = obj.start_point
        return Provider(index, Span(obj.start_byte, obj.end_byte), row + 1, col + 1, fields, pairs, opaque)

    # --- values ------------------------------------------------------------------------------
    def value(self, node) -> Value:
        as_const = False
        while node.type in _WRAPPERS or node.type == "as_expression":
            if node.type == "as_expression" and node.child(node.child_count - 1).type == "const":
                as_const = True
            node = node.named_children[0]
        span, text = Span(node.start_byte, node.end_byte), self.text(node)
        kind = node.type
        if kind == "string":
            return Literal(_string_value(node), text[0], span, text, as_const)
        if kind == "template_string":
            parts = self._template_parts(node)
            if all(isinstance(p, str) for p in parts):
                return Literal("".join(parts), "`", span, text, as_const)
            return Template(tuple(parts), span, text, as_const)
        env = _env_name(node)
        if env is not None:
            return EnvRead(env, span, text, as_const)
        if kind == "binary_expression" and node.child_by_field_name("operator").type == "??":
            # Convex throws on an unset variable before `??` can act, so the fallback never applies.
            env = _env_name(node.child_by_field_name("left"))
            if env is not None:
                return EnvRead(env, span, text, as_const)
        if kind == "binary_expression" and node.child_by_field_name("operator").type == "+":
            parts = []
            for side in (node.child_by_field_name("left"), node.child_by_field_name("right")):
                value = self.value(side)
                if isinstance(value, Literal):
                    parts.append(value.value)
                elif isinstance(value, Template):
                    parts.extend(value.parts)
                elif isinstance(value, Unknown):
                    return Unknown(span, text, as_const)
                else:
                    parts.append(value)
            return Template(tuple(parts), span, text, as_const)
        if kind in ("identifier", "shorthand_property_identifier"):
            name = text
            for param, _ in reversed(self._params):
                if param.name == name:
                    return ParamRef(name, param, span, text, as_const)
            target = self.consts.get(name)
            if target is not None and name not in self._resolving:
                self._resolving.add(name)
                try:
                    return Ref(name, self.value(target), span, text, as_const)
                finally:
                    self._resolving.discard(name)
        return Unknown(span, text, as_const)

    def _template_parts(self, node) -> list:
        parts: list = []
        for child in node.children:
            if child.type == "string_fragment":
                parts.append(child.text.decode())
            elif child.type == "escape_sequence":
                parts.append(_unescape(child.text.decode()))
            elif child.type == "template_substitution":
                parts.append(self.value(child.named_children[0]))
        return parts


def _single_parameter(callback) -> str | None:
    """The name of a callback's one plain parameter (`id`, `(id)`, `(id: string)`), else None."""
    single = callback.child_by_field_name("parameter")
    if single is not None:
        return single.text.decode() if single.type == "identifier" else None
    params = callback.child_by_field_name("parameters")
    named = [p for p in params.named_children if p.type != "comment"] if params is not None else []
    if len(named) != 1 or named[0].type != "required_parameter":
        return None
    pattern = named[0].child_by_field_name("pattern")
    if pattern is None or pattern.type != "identifier" or named[0].child_by_field_name("value") is not None:
        return None
    return pattern.text.decode()


def _returned(callback):
    """The expression a callback returns: its expression body, or a block's only `return`."""
    body = callback.child_by_field_name("body")
    if body is None or body.type != "statement_block":
        return body
    statements = [c for c in body.named_children if c.type != "comment"]
    if len(statements) == 1 and statements[0].type == "return_statement" and statements[0].named_children:
        return statements[0].named_children[0]
    return None


def _names_client(providers, param: Param) -> bool:
    """The parameter is used where a WorkOS client id goes: the JWKS or issuer path, or applicationID."""
    for provider in providers:
        for key in ("jwks", "issuer", "domain"):
            sym = provider.sym(key)
            if sym and sym[-1] == param and isinstance(sym[-2] if len(sym) > 1 else None, str) and \
                    sym[-2].endswith(("/sso/jwks/", "/user_management/")):
                return True
        if provider.sym("applicationID") == (param,):
            return True
    return False


def _is_client_like(value) -> bool:
    """A value that looks like a WorkOS client id: `client_…`, or read from a variable named *CLIENT_ID*."""
    sym = value.symbolic()
    if not sym or len(sym) != 1:
        return False
    part = sym[0]
    if isinstance(part, str):
        return part.startswith("client_")
    return "CLIENT_ID" in getattr(part, "name", "").upper()


def _walk(node):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


def _default_specifier(stmt):
    """The local name in `export { name as default }`."""
    for clause in stmt.named_children:
        if clause.type != "export_clause":
            continue
        for spec in clause.named_children:
            alias = spec.child_by_field_name("alias")
            if alias is not None and alias.text == b"default":
                return spec.child_by_field_name("name")
    return None


def _key_name(node) -> str | None:
    if node is None:
        return None
    if node.type in ("property_identifier", "identifier", "number"):
        return node.text.decode()
    if node.type == "string":
        return _string_value(node)
    return None  # computed keys


def _string_value(node) -> str:
    out = []
    for child in node.children:
        if child.type == "string_fragment":
            out.append(child.text.decode())
        elif child.type == "escape_sequence":
            out.append(_unescape(child.text.decode()))
    return "".join(out)


def _unescape(seq: str) -> str:
    body = seq[1:]
    if body and body[0] in _ESCAPES:
        return _ESCAPES[body[0]]
    if body.startswith("u{"):
        return chr(int(body[2:-1], 16))
    if body.startswith(("u", "x")):
        return chr(int(body[1:], 16))
    if body.startswith(("\r\n", "\n")):
        return ""  # a line continuation
    return body


def _env_name(node) -> str | None:
    """NAME for `process.env.NAME` and `process.env["NAME"]`."""
    if node.type == "member_expression":
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
    elif node.type == "subscript_expression":
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("index")
        if prop is None or prop.type != "string":
            return None
    else:
        return None
    if obj is None or prop is None or obj.type != "member_expression":
        return None
    if obj.text.replace(b" ", b"") != b"process.env":
        return None
    return _string_value(prop) if prop.type == "string" else prop.text.decode()


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
