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
    EnvRead,
    Field,
    Literal,
    Note,
    Provider,
    Ref,
    Span,
    Template,
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
    """The 1-based line of the first ERROR or MISSING node, or None when the text parses cleanly."""
    root = _parser().parse(source).root_node
    return _first_error_line(root) if root.has_error else None


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
    if root.has_error:
        raise InputError(path, f"syntax error at line {_first_error_line(root)}; not analysed")
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
            target = self.consts.get(node.text.decode())
            if target is None:
                self.note(node, "providers come from `providers`, which is not a const of this file; not analysed")
                return None
            node = target
        array = self.unwrap(node)
        if array.type != "array":
            self.note(value_node, f"providers come from `{_short(self.text(array))}`; not analysed")
            return None
        for element in array.named_children:
            if element.type == "comment":
                continue
            obj = self.unwrap(element)
            if obj.type == "object":
                providers.append(self._read_provider(len(providers), obj))
            elif element.type == "spread_element":
                self.note(element, f"providers spread from `{_short(self.text(element)[3:])}`; not analysed")
            else:
                self.note(element, f"a provider given as `{_short(self.text(element))}`; not analysed")
        return Span(array.start_byte, array.end_byte)

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
