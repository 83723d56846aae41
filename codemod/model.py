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


class Unknown(NamedTuple):
    span: Span
    text: str
    as_const: bool = False

    def symbolic(self) -> None:
        return None


Value = (Literal, Template, EnvRead, Ref, Unknown)  # for isinstance; in annotations, any of them


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

    def line_col(self, offset: int) -> tuple[int, int]:
        line_start = self.source.rfind(b"\n", 0, offset) + 1
        return self.source.count(b"\n", 0, offset) + 1, offset - line_start + 1

    def text(self, span: Span) -> str:
        return self.source[span.start : span.end].decode()
