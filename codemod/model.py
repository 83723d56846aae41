"""The parsed auth config: providers, fields and values, each with its byte span.

The rewriter needs nothing but these spans; the rules and the Convex simulator need nothing but
the values. A value's `symbolic()` form is a tuple of str and `Env` parts: the client id stays a
symbol, so two configs can be compared without knowing its value.
"""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    start: int
    end: int


class Env(NamedTuple):
    """`process.env.NAME`: a value known only on the deployment."""

    name: str

    def __str__(self) -> str:
        return f"${{process.env.{self.name}}}"


class Param(NamedTuple):
    """The parameter of a `flatMap`/`map` callback: one value per element of the array it maps.

    `callback` (counted in source order) keeps two callbacks' `id` apart, and makes a Param never
    equal an Env of the same name."""

    name: str
    callback: int

    def __str__(self) -> str:
        return f"${{{self.name}}}"


def is_symbol(part) -> bool:
    """A part of a Sym known only later: an environment variable or a callback parameter."""
    return isinstance(part, (Env, Param))


# Another WorkOS client's id: the security checks build foreign tokens from it, and it never
# equals anything a config can spell (see convex.sym_equal).
FOREIGN = Env("\0another-client")

# A string whose parts may be unknown until deployment: ("https://api.workos.com/sso/jwks/", Env("X")).
Sym = tuple  # tuple[str | Env, ...]


# Values are NamedTuples, not dataclasses: they are built on every start-up path and a
# NamedTuple class costs a fifth of a frozen dataclass to create (bench/startup.py).
# Each has span (its bytes, `as const` excluded), text (its source) and as_const, and
# symbolic(): the value as a Sym, or None when it cannot be known statically.


class Literal(NamedTuple):
    value: str
    quote: str  # ' " or `
    span: Span
    text: str
    as_const: bool = False

    def symbolic(self) -> Sym:
        return (self.value,) if self.value else ()


class Template(NamedTuple):
    """A template literal (or a + concatenation); its `${}` parts are Values."""

    parts: tuple  # tuple[str | Value, ...]
    span: Span
    text: str
    as_const: bool = False

    def symbolic(self) -> Sym | None:
        out: list = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            sym = part.symbolic()
            if sym is None:
                return None
            out.extend(sym)
        return normalize(tuple(out))


class EnvRead(NamedTuple):
    name: str
    span: Span
    text: str
    as_const: bool = False

    def symbolic(self) -> Sym:
        return (Env(self.name),)


class Ref(NamedTuple):
    """An identifier naming a const of the same file, resolved."""

    name: str
    target: Value
    span: Span
    text: str
    as_const: bool = False

    def symbolic(self) -> Sym | None:
        return self.target.symbolic()


class ParamRef(NamedTuple):
    """An identifier naming the parameter of the flatMap/map callback the provider sits in."""

    name: str
    param: Param
    span: Span
    text: str
    as_const: bool = False

    def symbolic(self) -> Sym:
        return (self.param,)


class Unknown(NamedTuple):
    span: Span
    text: str
    as_const: bool = False

    def symbolic(self) -> None:
        return None


Value = (Literal, Template, EnvRead, Ref, ParamRef, Unknown)  # for isinstance; in annotations, any of them


def normalize(sym: Sym) -> Sym:
    """Join adjacent strings and drop empty ones, so equal values have equal tuples."""
    out: list = []
    for part in sym:
        if isinstance(part, str):
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += part
                continue
        out.append(part)
    return tuple(out)


def sym_text(sym: Sym | None) -> str:
    if sym is None:
        return "<unknown>"
    return "".join(str(part) for part in sym)


class Field(NamedTuple):
    key: str
    key_span: Span
    key_quote: str  # "" for a bare identifier key
    value: Value
    span: Span  # the whole `key: value` pair


class Provider(NamedTuple):
    index: int
    span: Span
    line: int  # 1-based
    column: int  # 1-based
    fields: dict[str, Field]
    pairs: list[Field]  # in source order, duplicates and all
    opaque: list[Span]  # spreads, methods, computed keys: parts of the object not understood
    group: int = 0  # the array it sits in (AuthConfig.groups)

    def get(self, key: str) -> Value | None:
        found = self.fields.get(key)
        return found.value if found else None

    def sym(self, key: str) -> Sym | None:
        value = self.get(key)
        return value.symbolic() if value is not None else None

    @property
    def kind(self) -> str:
        """customJwt, oidc, or the unexpected `type` value as written."""
        type_ = self.get("type")
        if type_ is None:
            return "oidc"
        sym = type_.symbolic()
        if sym is None or len(sym) != 1 or not isinstance(sym[0], str):
            return "<unknown>"
        return sym[0]


class Note(NamedTuple):
    """Something the parser could not see into: reported, never rewritten."""

    message: str
    span: Span
    line: int
    column: int
    hides_providers: bool = True  # False when only a part of one provider is not understood


# --- where the providers sit ----------------------------------------------------------------------
# The providers array need not be one literal: `[...a, ...(c ? [x] : [])]`, `ids.flatMap((id) => [...])`.
# Each array literal the parser sees into is a Group; the layout is the tree of how the groups make up
# the list Convex evaluates (Items, Choice, Repeat), so it can be expanded as Node would.


class Group(NamedTuple):
    """An array literal providers sit in (or the object a `.map` callback returns)."""

    span: Span
    elements: tuple  # tuple[Span, ...]: its elements in order, comments excluded
    parent: int | None  # the group it is spread into, or None for the outermost
    link: str  # how it reaches its parent: root | spread (always) | branch (conditional) | repeat (a callback's result)
    conditions: tuple  # ((choice index, branch taken), ...): when the group is part of the config
    param: Param | None = None  # bound by the callback whose result this group is
    client_param: bool = False  # that parameter is a WorkOS client id (how it is used or what it maps over)
    is_array: bool = True  # False for the object a `.map` callback returns: nothing can be appended to it
    typed: bool = True  # TypeScript gives its elements the AuthConfig type of the export (if it has one)


# The layout nodes are plain classes: a NamedTuple class costs ten times as much to create, and
# these are built only while parsing.


class Test:
    """The condition of `c ? [...] : [...]`: truthy(left), left === right or left !== right, maybe negated."""

    __slots__ = ("op", "left", "right", "negate")

    def __init__(self, op: str, left, right=None, negate: bool = False) -> None:
        self.op, self.left, self.right, self.negate = op, left, right, negate  # op: truthy | eq | ne


class Items:
    """An array literal's elements: int (a provider's index) or a layout node (a spread)."""

    __slots__ = ("group", "items")

    def __init__(self, group: int, items: tuple) -> None:
        self.group, self.items = group, items


class Choice:
    """`test ? then : otherwise`; a branch is None where it is not analysed."""

    __slots__ = ("index", "test", "then", "otherwise")

    def __init__(self, index: int, test: Test, then, otherwise) -> None:
        self.index, self.test, self.then, self.otherwise = index, test, then, otherwise


class Repeat:
    """`values.flatMap((param) => body)` (or `.map`): body once per value, in order; values is
    None when they are not known statically."""

    __slots__ = ("param", "values", "body", "flat")

    def __init__(self, param: Param, values: tuple | None, body, flat: bool = True) -> None:
        self.param, self.values, self.body, self.flat = param, values, body, flat


class AuthConfig(NamedTuple):
    path: str
    source: bytes  # the bytes parsed (BOM removed; `bom` says whether to put it back)
    bom: bool
    newline: str
    providers: list[Provider]
    providers_array: Span | None  # the array literal the providers sit in, when the tool can edit it
    notes: list[Note]
    uses_auth_config_type: bool  # imports AuthConfig or `satisfies AuthConfig`
    env_consts: dict[str, str]  # const name -> NAME, for `const x = process.env.NAME`
    groups: tuple = ()  # tuple[Group, ...]; providers[i].group indexes it
    layout: object = None  # Items | Choice | Repeat, or None when the providers list is not analysed

    def line_col(self, offset: int) -> tuple[int, int]:
        line_start = self.source.rfind(b"\n", 0, offset) + 1
        return self.source.count(b"\n", 0, offset) + 1, offset - line_start + 1

    def text(self, span: Span) -> str:
        return self.source[span.start : span.end].decode()


# --- the list Convex evaluates --------------------------------------------------------------------


def substitute(sym: Sym | None, bindings: dict, env: dict | None = None) -> Sym | None:
    """sym with callback parameters replaced by their values (and environment variables, given env)."""
    if sym is None:
        return None
    out: list = []
    for part in sym:
        if isinstance(part, Param) and part in bindings:
            out.extend(bindings[part])
        elif isinstance(part, Env) and env is not None and part.name in env:
            out.append(env[part.name])
        else:
            out.append(part)
    return normalize(tuple(out))


def truth(test: Test, bindings: dict, env: dict) -> bool | None:
    """The condition's value for these parameters and environment, or None when not known."""
    left = substitute(test.left.symbolic(), bindings, env)
    if left is None or any(is_symbol(p) for p in left):
        return None
    if test.op == "truthy":
        value = bool(left)
    else:
        right = substitute(test.right.symbolic(), bindings, env)
        if right is None or any(is_symbol(p) for p in right):
            return None
        value = (left == right) == (test.op == "eq")
    return value != test.negate


def expand(config: AuthConfig, env: dict) -> list[tuple[Provider, dict]] | None:
    """The providers in the order Convex evaluates them, each with its parameters' values, for the
    deployment variables `env`; None when that order is not known statically."""
    out: list = []

    def walk(node, bindings) -> bool:
        if isinstance(node, Items):
            for item in node.items:
                if isinstance(item, int):
                    out.append((config.providers[item], bindings))
                elif not walk(item, bindings):
                    return False
            return True
        if isinstance(node, Choice):
            taken = truth(node.test, bindings, env)
            if taken is None:
                return False
            branch = node.then if taken else node.otherwise
            return branch is not None and walk(branch, bindings)
        if isinstance(node, Repeat):
            if node.values is None:
                return False
            for value in node.values:
                sym = substitute(value.symbolic(), bindings, env)
                if sym is None:
                    return False
                if not walk(node.body, {**bindings, node.param: sym}):
                    return False
            return True
        return False

    return out if config.layout is not None and walk(config.layout, {}) else None


def instances(config: AuthConfig) -> list[tuple[Provider, dict]]:
    """Every provider the list can hold, without knowing the deployment: both branches of a
    condition, and a callback's providers once per value it maps (its parameter stays a symbol when
    the values are not known). For the security checks, which must hold whatever the branch."""
    out: list = []

    def walk(node, bindings) -> None:
        if isinstance(node, Items):
            for item in node.items:
                if isinstance(item, int):
                    out.append((config.providers[item], bindings))
                else:
                    walk(item, bindings)
        elif isinstance(node, Choice):
            for branch in (node.then, node.otherwise):
                if branch is not None:
                    walk(branch, bindings)
        elif isinstance(node, Repeat):
            if node.values is None:
                walk(node.body, bindings)
                return
            for value in node.values:
                sym = substitute(value.symbolic(), bindings)
                walk(node.body, bindings if sym is None else {**bindings, node.param: sym})

    if config.layout is None:
        return [(p, {}) for p in config.providers]
    walk(config.layout, {})
    seen = {p.index for p, _ in out}
    return out + [(p, {}) for p in config.providers if p.index not in seen]
