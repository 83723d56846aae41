"""JS/TS verify calls, read with tree-sitter: jose `jwtVerify(token, jwks, { issuer, audience })`
and jsonwebtoken `jwt.verify(token, key, { issuer, audience })`.

Every node has its byte span, so fixes are byte-range Edits like the Convex config's. The TypeScript
grammar reads .ts/.mts/.cts; the TSX grammar reads .tsx and plain JavaScript (which may hold JSX).
"""

from __future__ import annotations

from functools import lru_cache

from codemod.backends.model import CLIENT, MARK, Value, Verifier, marker
from codemod.diagnostics import Edit
from codemod.model import Span

MAX_DEPTH = 8
FUNCTIONS = frozenset({"function_declaration", "function_expression", "arrow_function", "method_definition",
                       "generator_function_declaration", "generator_function", "function"})
TS_SUFFIXES = (".ts", ".mts", ".cts")


@lru_cache(maxsize=2)
def _parser(tsx: bool):
    import tree_sitter
    import tree_sitter_typescript

    language = tree_sitter_typescript.language_tsx() if tsx else tree_sitter_typescript.language_typescript()
    return tree_sitter.Parser(tree_sitter.Language(language))


def parse(data: bytes, path: str):
    return _parser(not path.endswith(TS_SUFFIXES)).parse(data)


def syntax_error(data: bytes, path: str) -> int | None:
    root = parse(data, path).root_node
    if not root.has_error:
        return None
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            return node.start_point[0] + 1
        stack.extend(reversed(node.children))
    return 1


class _Binding:
    __slots__ = ("value", "offset", "count")

    def __init__(self, value, offset: int) -> None:
        self.value, self.offset, self.count = value, offset, 1


def _unwrap(node):
    """x!, x as T, x satisfies T, (x), await x: the expression inside."""
    while node is not None and node.type in ("non_null_expression", "as_expression", "satisfies_expression",
                                             "parenthesized_expression", "type_assertion"):
        inner = [c for c in node.named_children if c.type not in ("type_annotation",)]
        node = inner[0] if inner else None
    return node


def _string_value(node) -> str | None:
    out = ""
    for child in node.children:
        if child.type == "string_fragment":
            out += child.text.decode()
        elif child.type == "escape_sequence":
            text = child.text.decode()
            simple = {"\\n": "\n", "\\t": "\t", "\\'": "'", '\\"': '"', "\\\\": "\\", "\\/": "/", "\\`": "`", "\\$": "$"}
            if text not in simple:
                return None
            out += simple[text]
    return out


class JsFile:
    """One JS/TS source file: its verify calls and how to write values back into it."""

    language = "js"

    def __init__(self, data: bytes, path: str) -> None:
        self.source = data
        self.tree = parse(data, path)
        self.bindings: dict[tuple[int | None, str], _Binding] = {}
        self.parent_scope: dict[int | None, int | None] = {}
        self.scope_nodes: dict[int, object] = {}
        self.imports: dict[str, str] = {}  # local name -> "jose", "jose.jwtVerify", "jsonwebtoken", "jsonwebtoken.verify"
        self.calls: list[tuple[object, int | None]] = []
        self.jwks_strings: list[tuple[object, int | None]] = []
        self._walk(self.tree.root_node, None)
        self.client_key, self.client_sources = self._find_client()
        self.verifiers = [v for v in (self._verifier(call, scope) for call, scope in self.calls) if v is not None]

    # --- collection

    def _walk(self, root, scope) -> None:
        stack = [(root, scope)]
        while stack:
            node, scope = stack.pop()
            kind = node.type
            if kind in FUNCTIONS:
                name = node.child_by_field_name("name")
                if name is not None and kind != "method_definition":
                    self._bind(scope, name.text.decode(), None, node.start_byte)
                self.parent_scope[node.id] = scope
                self.scope_nodes[node.id] = node
                inner = node.id
                for param in self._params(node):
                    self._bind(inner, param, None, node.start_byte)
                stack.extend((child, inner) for child in reversed(node.children))
                continue
            if kind == "variable_declarator":
                name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
                if name is not None and name.type == "identifier":
                    self._bind(scope, name.text.decode(), value, node.start_byte)
                    self._require(name.text.decode(), value)
                elif name is not None:
                    for ident in self._identifiers(name):
                        self._bind(scope, ident, None, node.start_byte)
                    self._require_pattern(name, value)
            elif kind == "import_statement":
                self._import(node)
            elif kind == "call_expression":
                self.calls.append((node, scope))
            elif kind in ("string", "template_string") and b"/sso/jwks/" in node.text:
                self.jwks_strings.append((node, scope))
            stack.extend((child, scope) for child in reversed(node.children))

    @staticmethod
    def _params(node) -> list[str]:
        params = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
        if params is None:
            return []
        if params.type == "identifier":
            return [params.text.decode()]
        return JsFile._identifiers(params)

    @staticmethod
    def _identifiers(node) -> list[str]:
        found, stack = [], [node]
        while stack:
            current = stack.pop()
            if current.type in ("identifier", "shorthand_property_identifier_pattern"):
                found.append(current.text.decode())
            elif current.type not in ("type_annotation",):
                stack.extend(current.named_children)
        return found

    def _bind(self, scope, name: str, value, offset: int) -> None:
        key = (scope, name)
        if key in self.bindings:
            self.bindings[key].count += 1
        else:
            self.bindings[key] = _Binding(value, offset)

    def _import(self, node) -> None:
        source = node.child_by_field_name("source")
        module = _string_value(source) if source is not None else None
        if module not in ("jose", "jsonwebtoken"):
            return
        clause = next((c for c in node.named_children if c.type == "import_clause"), None)
        if clause is None:
            return
        for child in clause.named_children:
            if child.type == "identifier":  # default import
                self.imports[child.text.decode()] = module
            elif child.type == "namespace_import":
                ident = next((c for c in child.named_children if c.type == "identifier"), None)
                if ident is not None:
                    self.imports[ident.text.decode()] = module
            elif child.type == "named_imports":
                for spec in child.named_children:
                    if spec.type != "import_specifier":
                        continue
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias") or name
                    self.imports[alias.text.decode()] = f"{module}.{name.text.decode()}"

    def _required_module(self, value) -> str | None:
        value = _unwrap(value)
        if value is not None and value.type == "call_expression":
            func, args = value.child_by_field_name("function"), value.child_by_field_name("arguments")
            if func is not None and func.text == b"require" and args is not None and args.named_children:
                first = args.named_children[0]
                if first.type == "string":
                    module = _string_value(first)
                    return module if module in ("jose", "jsonwebtoken") else None
        return None

    def _require(self, name: str, value) -> None:
        module = self._required_module(value)
        if module:
            self.imports[name] = module

    def _require_pattern(self, pattern, value) -> None:
        module = self._required_module(value)
        if not module or pattern.type != "object_pattern":
            return
        for child in pattern.named_children:
            if child.type == "shorthand_property_identifier_pattern":
                self.imports[child.text.decode()] = f"{module}.{child.text.decode()}"
            elif child.type == "pair_pattern":
                key, val = child.child_by_field_name("key"), child.child_by_field_name("value")
                if key is not None and val is not None and val.type == "identifier":
                    self.imports[val.text.decode()] = f"{module}.{key.text.decode()}"

    # --- values

    def _lookup(self, name: str, scope):
        while True:
            binding = self.bindings.get((scope, name))
            if binding is not None:
                return binding, scope
            if scope is None:
                return None, None
            scope = self.parent_scope.get(scope)

    def _env_name(self, node) -> str | None:
        """NAME of process.env.NAME / process.env["NAME"]."""
        node = _unwrap(node)
        if node is None:
            return None
        if node.type == "member_expression":
            obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
            if obj is not None and obj.text.replace(b" ", b"") == b"process.env" and prop is not None:
                return prop.text.decode()
        if node.type == "subscript_expression":
            obj, index = node.child_by_field_name("object"), node.child_by_field_name("index")
            if obj is not None and obj.text.replace(b" ", b"") == b"process.env" and index is not None \
                    and index.type == "string":
                return _string_value(index)
        return None

    def resolve(self, node, scope, depth: int = 0) -> str | None:
        node = _unwrap(node)
        if node is None or depth > MAX_DEPTH:
            return None
        kind = node.type
        if kind == "string":
            return _string_value(node)
        if kind == "template_string":
            out = ""
            for child in node.children:
                if child.type == "string_fragment":
                    out += child.text.decode()
                elif child.type == "escape_sequence":
                    return None
                elif child.type == "template_substitution":
                    inner = [c for c in child.named_children]
                    part = self.resolve(inner[0], scope, depth + 1) if len(inner) == 1 else None
                    if part is None:
                        return None
                    out += part
            return out
        if kind == "binary_expression":
            operator = node.child_by_field_name("operator")
            if operator is None or operator.text != b"+":
                return None
            left = self.resolve(node.child_by_field_name("left"), scope, depth + 1)
            right = self.resolve(node.child_by_field_name("right"), scope, depth + 1)
            return None if left is None or right is None else left + right
        env = self._env_name(node)
        if env is not None:
            return marker(f"env:{env}")
        if kind == "identifier":
            binding, where = self._lookup(node.text.decode(), scope)
            if binding is not None and binding.count == 1 and binding.value is not None:
                return self.resolve(binding.value, where, depth + 1)
            return marker(f"expr:{node.text.decode()}")
        if kind == "member_expression":
            return marker(f"expr:{node.text.decode()}")
        return None

    def _definition(self, node, scope):
        node = _unwrap(node)
        depth = 0
        while node is not None and node.type == "identifier" and depth < MAX_DEPTH:
            binding, where = self._lookup(node.text.decode(), scope)
            if binding is None or binding.count != 1 or binding.value is None:
                break
            node, scope, depth = _unwrap(binding.value), where, depth + 1
        return node, scope

    def value(self, node, scope) -> Value:
        node, scope = self._definition(node, scope)
        span = Span(node.start_byte, node.end_byte)
        text = node.text.decode()
        quote = _quote_of(node)
        if node.type == "array":
            strings, spans = [], []
            for element in node.named_children:
                if element.type in ("spread_element", "comment"):
                    if element.type == "comment":
                        continue
                    return Value(span, text, None, "list", (), quote, span.start)
                strings.append(self._normalise(self.resolve(element, scope)))
                spans.append(Span(element.start_byte, element.end_byte))
            known = None if any(s is None for s in strings) else tuple(strings)
            return Value(span, text, known, "list", tuple(spans), quote, span.start)
        resolved = self.resolve(node, scope)
        return Value(span, text, None if resolved is None else (self._normalise(resolved),), "str", (), quote, span.start)

    def _normalise(self, text: str | None) -> str | None:
        if text is None or self.client_key is None:
            return text
        return text.replace(self.client_key, CLIENT)

    # --- the client id

    def _find_client(self):
        keys, sources = [], []
        for node, scope in self.jwks_strings:
            top = node
            while top.parent is not None and top.parent.type == "binary_expression":
                top = top.parent
            resolved = self.resolve(top, scope)
            if resolved is None or "/sso/jwks/" not in resolved:
                continue
            tail = resolved.split("/sso/jwks/", 1)[1].rstrip("/")
            if tail and "/" not in tail and (tail.startswith("client_") or (tail.startswith(MARK) and tail.endswith(MARK)
                                                                           and tail.count(MARK) == 2)):
                keys.append(tail)
                sources.append((top, scope))
        return (keys[0], sources) if keys else (None, [])

    def _scope_at(self, site: int):
        best = None
        for node_id, node in self.scope_nodes.items():
            if node.start_byte <= site < node.end_byte and (best is None or node.start_byte >= self.scope_nodes[best].start_byte):
                best = node_id
        return best

    def client_text(self, site: int) -> str | None:
        if self.client_key is None or not self.client_key.startswith(MARK):
            return None
        site_scope = self._scope_at(site)
        names = []
        for (scope, name), binding in self.bindings.items():
            if binding.count != 1 or binding.value is None or self.resolve(binding.value, scope) != self.client_key:
                continue
            if self._lookup(name, site_scope)[0] is not binding:
                continue
            if scope == site_scope and binding.offset > site:
                continue  # a const is not readable before its declaration
            names.append((scope is None, binding.offset, name))
        if names:
            return sorted(names)[0][2]
        if self.client_key.startswith(f"{MARK}env:"):
            return f"process.env.{self.client_key[len(MARK) + 4:-1]}"
        return None

    # --- verify calls

    def _library(self, func) -> str | None:
        func = _unwrap(func)
        if func is None:
            return None
        if func.type == "identifier":
            return {"jose.jwtVerify": "jose", "jsonwebtoken.verify": "jsonwebtoken"}.get(self.imports.get(func.text.decode()))
        if func.type == "member_expression":
            obj, prop = func.child_by_field_name("object"), func.child_by_field_name("property")
            module = self.imports.get(obj.text.decode()) if obj is not None else None
            if module == "jose" and prop is not None and prop.text == b"jwtVerify":
                return "jose"
            if module == "jsonwebtoken" and prop is not None and prop.text == b"verify":
                return "jsonwebtoken"
        return None

    def _verifier(self, call, scope) -> Verifier | None:
        library = self._library(call.child_by_field_name("function"))
        if library is None:
            return None
        args = call.child_by_field_name("arguments")
        positional = [a for a in args.named_children if a.type != "comment"] if args is not None else []
        v = Verifier(library, Span(call.start_byte, call.end_byte), call.start_point[0] + 1,
                     handle={"call": call, "scope": scope})
        if any(a.type == "spread_element" for a in positional):
            v.opaque = "arguments passed with ..."
            return v
        options = positional[2] if len(positional) > 2 else None
        if options is None:
            return v
        node, options_scope = self._definition(options, scope)
        if node is None or node.type in ("arrow_function", "function_expression", "function"):
            return v  # jsonwebtoken's callback in third place: no options
        if node.type != "object":
            v.opaque = "options are not an object literal"
            return v
        for child in node.named_children:
            if child.type == "spread_element":
                v.opaque = "options spread from another object"
                return v
            if child.type == "pair":
                key = child.child_by_field_name("key")
                name = _string_value(key) if key.type == "string" else key.text.decode()
                value_node = child.child_by_field_name("value")
            elif child.type == "shorthand_property_identifier":
                name, value_node = child.text.decode(), child
            else:
                continue
            if name in ("issuer", "audience"):
                if value_node.type == "shorthand_property_identifier":
                    value = self._shorthand_value(value_node, options_scope)
                else:
                    value = self.value(value_node, options_scope)
                setattr(v, name, value)
                v.handle[name] = child
        return v

    def _shorthand_value(self, node, scope) -> Value:
        binding, where = self._lookup(node.text.decode(), scope)
        if binding is not None and binding.count == 1 and binding.value is not None:
            return self.value(binding.value, where)
        text = node.text.decode()
        span = Span(node.start_byte, node.end_byte)
        return Value(span, text, (self._normalise(marker(f"expr:{text}")),), "str", (), '"', span.start)

    # --- edits

    def render(self, forms: list[str], site: int, as_list: bool, quote: str) -> str | None:
        parts = [self._string(form, site, quote) for form in forms]
        if any(p is None for p in parts):
            return None
        return f"[{', '.join(parts)}]" if as_list else parts[0]

    def _string(self, form: str, site: int, quote: str) -> str | None:
        if CLIENT not in form:
            return f"{quote}{form}{quote}"
        if self.client_key is not None and not self.client_key.startswith(MARK):
            return f"{quote}{form.replace(CLIENT, self.client_key)}{quote}"
        client = self.client_text(site)
        if client is None or not form.endswith(CLIENT) or form.count(CLIENT) != 1:
            return None
        return f"`{form[: -len(CLIENT)]}${{{client}}}`"

    def issuer_key_edit(self, v: Verifier, plural: bool) -> Edit | None:
        return None

    def drop_audience(self, v: Verifier) -> tuple[Edit, ...] | None:
        """Delete the `audience` property, with its comma (its whole line when it has one)."""
        prop = v.handle.get("audience")
        if prop is None:
            return None
        source = self.source
        start, end = prop.start_byte, prop.end_byte
        following = prop.next_sibling
        if following is not None and following.type == ",":
            end = following.end_byte
        line_start = source.rfind(b"\n", 0, start) + 1
        line_end = source.find(b"\n", end)
        line_end = len(source) if line_end < 0 else line_end
        if not source[line_start:start].strip() and not source[end:line_end].strip():
            return (Edit(line_start, min(line_end + 1, len(source)), ""),)
        if following is not None and following.type == ",":
            while end < len(source) and source[end:end + 1] in (b" ", b"\t"):
                end += 1
            return (Edit(start, end, ""),)
        previous = prop.prev_sibling
        if previous is not None and previous.type == ",":
            return (Edit(previous.start_byte, prop.end_byte, ""),)
        return (Edit(start, end, ""),)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = self.source.count(b"\n", 0, offset) + 1
        column = offset - (self.source.rfind(b"\n", 0, offset) + 1) + 1
        return line, column


def _quote_of(node) -> str:
    stack = [node]
    while stack:
        current = stack.pop(0)
        if current.type == "string":
            return current.text[:1].decode()
        stack.extend(current.children)
    return '"'
