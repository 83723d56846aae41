"""Edits that change the least text, in the style of the file around them.

Every function returns Edits (byte ranges of the original source); nothing here writes files.
Style is read from the provider's siblings: indentation, quote character, trailing commas,
`as const`, newline style.
"""

from __future__ import annotations

from typing import NamedTuple


from codemod.diagnostics import Edit
from codemod.model import AuthConfig, Field, Literal, Provider, Span
from codemod.workos import API_HOST, SHARED_ISSUER, ClientId


def apply(source: bytes, edits: list[Edit]) -> bytes:
    """Apply non-overlapping edits back to front.

    At one offset, edits land in the order given (so "," then a new line reads ",\n…"), and a
    replacement of bytes there follows any insertion listed before it."""
    out = source
    order = sorted(range(len(edits)), key=lambda i: (edits[i].start, edits[i].end, i), reverse=True)
    for i in order:
        edit = edits[i]
        out = out[: edit.start] + edit.text.encode() + out[edit.end :]
    return out


def conflict(a: Edit, b: Edit) -> bool:
    """Edits that touch the same bytes, or insert at the same point, cannot be applied together."""
    if a.start == b.start:
        return True
    return a.start < b.end and b.start < a.end


# --- style ---------------------------------------------------------------------------------------


class Style(NamedTuple):
    quote: str  # ' " or `
    newline: str
    indent_unit: str  # one level, e.g. "  " or "\t"
    as_const_keys: frozenset[str]  # keys whose values carry `as const` in siblings
    key_quotes: dict  # key -> the quote its string values use in siblings (backticks included)
    trailing_comma: bool


def style_of(config: AuthConfig) -> Style:
    quotes: dict[str, int] = {}
    key_quotes: dict[str, str] = {}
    as_const: set[str] = set()
    trailing = True
    for provider in config.providers:
        for pair in provider.pairs:
            if isinstance(pair.value, Literal):
                key_quotes.setdefault(pair.key, pair.value.quote)
                if pair.value.quote != "`":
                    quotes[pair.value.quote] = quotes.get(pair.value.quote, 0) + 1
            if pair.value.as_const:
                as_const.add(pair.key)
        if provider.pairs and _comma_after(config.source, provider.pairs[-1].span.end) is None:
            trailing = False
    if not quotes:
        text = config.source.decode()
        quotes = {"'": text.count("'"), '"': text.count('"')}
    quote = max(quotes, key=lambda q: (quotes[q], q == '"'))
    return Style(quote, config.newline, _indent_unit(config), frozenset(as_const), key_quotes, trailing)


def _indent_unit(config: AuthConfig) -> str:
    for provider in config.providers:
        inner = _line_indent(config.source, provider.pairs[0].span.start) if provider.pairs else None
        outer = _line_indent(config.source, provider.span.start)
        if inner is not None and len(inner) > len(outer) and _is_multiline(config.source, provider.span):
            return inner[len(outer):]
    return "\t" if b"\n\t" in config.source else "  "


def _is_multiline(source: bytes, span: Span) -> bool:
    return b"\n" in source[span.start : span.end]


def _line_start(source: bytes, offset: int) -> int:
    return source.rfind(b"\n", 0, offset) + 1


def _line_end(source: bytes, offset: int) -> int:
    """The offset of the newline ending this line (before \r for CRLF)."""
    end = source.find(b"\n", offset)
    end = len(source) if end < 0 else end
    return end - 1 if end > 0 and source[end - 1 : end] == b"\r" else end


def _line_indent(source: bytes, offset: int) -> str:
    start = _line_start(source, offset)
    end = start
    while end < len(source) and source[end : end + 1] in (b" ", b"\t"):
        end += 1
    return source[start:end].decode()


def _comma_after(source: bytes, offset: int) -> int | None:
    i = offset
    while i < len(source) and source[i : i + 1] in (b" ", b"\t", b"\r", b"\n"):
        i += 1
    return i if source[i : i + 1] == b"," else None


def _comma_before(source: bytes, offset: int) -> int | None:
    i = offset - 1
    while i >= 0 and source[i : i + 1] in (b" ", b"\t", b"\r", b"\n"):
        i -= 1
    return i if i >= 0 and source[i : i + 1] == b"," else None


def _rest_of_line_is_trivia(source: bytes, offset: int) -> bool:
    """Only a comma, spaces or a // comment follow on this line."""
    rest = source[offset : _line_end(source, offset)].strip()
    rest = rest[1:].strip() if rest.startswith(b",") else rest
    return not rest or rest.startswith(b"//")


# --- values ---------------------------------------------------------------------------------------


def string(value: str, style: Style, key: str | None = None) -> str:
    quote = style.key_quotes.get(key, style.quote) if key else style.quote
    escaped = value.replace("\\", "\\\\").replace(quote, "\\" + quote)
    if quote == "`":
        escaped = escaped.replace("${", "\\${")
    return _as_const(f"{quote}{escaped}{quote}", style, key)


def _as_const(text: str, style: Style, key: str | None) -> str:
    return text + " as const" if key is not None and key in style.as_const_keys else text


def with_client(prefix: str, client: ClientId, style: Style, key: str | None = None) -> str:
    """A URL ending in the client id, written as the file writes it: a template or a string."""
    if client.expr is None:
        return string(prefix + (client.literal or ""), style, key)
    return _as_const(f"`{prefix}${{{client.expr}}}`", style, key)


def client_value(client: ClientId, style: Style) -> str:
    return client.expr if client.expr is not None else string(client.literal or "", style)


# --- edits on pairs ---------------------------------------------------------------------------------


def replace_value(field: Field, text: str) -> Edit:
    return Edit(field.value.span.start, field.value.span.end, text)


def replace_string(config: AuthConfig, field: Field, value: str, style: Style) -> Edit:
    """Replace a string value keeping its own quote character."""
    quote = field.value.quote if isinstance(field.value, Literal) else style.quote
    own = Style(quote, style.newline, style.indent_unit, frozenset(), {}, style.trailing_comma)
    return replace_value(field, string(value, own))


def rename_key(field: Field, new_key: str) -> Edit:
    text = f"{field.key_quote}{new_key}{field.key_quote}"
    return Edit(field.key_span.start, field.key_span.end, text)


def delete_pair(config: AuthConfig, provider: Provider, field: Field) -> list[Edit]:
    source = config.source
    span = field.span
    comma = _comma_after(source, span.end)
    is_last = field is provider.pairs[-1]
    if _is_multiline(source, provider.span) and _line_indent(source, span.start) == source[
        _line_start(source, span.start) : span.start
    ].decode() and _rest_of_line_is_trivia(source, span.end):
        # The pair fills its own lines: remove them whole.
        start = _line_start(source, span.start)
        end = source.find(b"\n", span.end)
        end = len(source) if end < 0 else end + 1
        edits = [Edit(start, end, "")]
        if is_last and comma is None:
            before = _comma_before(source, start)
            if before is not None:
                edits.append(Edit(before, before + 1, ""))
        return edits
    if comma is not None and not is_last:
        end = comma + 1
        while source[end : end + 1] in (b" ", b"\t"):
            end += 1
        return [Edit(span.start, end, "")]
    before = _comma_before(source, span.start)
    if before is not None:
        return [Edit(before, comma + 1 if comma is not None else span.end, "")]
    return [Edit(span.start, comma + 1 if comma is not None else span.end, "")]


def insert_pair(config: AuthConfig, provider: Provider, key: str, value_text: str, style: Style,
                first: bool = False) -> list[Edit]:
    return insert_pairs(config, provider, [(key, value_text)], style, first)


def insert_pairs(config: AuthConfig, provider: Provider, pairs: list[tuple[str, str]], style: Style,
                 first: bool = False) -> list[Edit]:
    """Add pairs after the last pair (or before the first), in the layout of the object."""
    source = config.source
    if not provider.pairs:
        body = ", ".join(f"{k}: {v}" for k, v in pairs)
        return [Edit(provider.span.start + 1, provider.span.end - 1, f" {body} ")]
    multiline = _is_multiline(source, provider.span)
    if first:
        anchor = provider.pairs[0].span.start
        separator = f",{style.newline}{_line_indent(source, anchor)}" if multiline else ", "
        return [Edit(anchor, anchor, separator.join(f"{k}: {v}" for k, v in pairs) + separator)]
    last = provider.pairs[-1]
    comma = _comma_after(source, last.span.end)
    if multiline:
        indent = _line_indent(source, last.span.start)
        tail = "," if comma is not None else ""
        at = _line_end(source, last.span.end) if _rest_of_line_is_trivia(source, last.span.end) else last.span.end
        lines = f",{style.newline}{indent}".join(f"{k}: {v}" for k, v in pairs)
        edits = [Edit(at, at, f"{style.newline}{indent}{lines}{tail}")]
        if comma is None:
            edits.insert(0, Edit(last.span.end, last.span.end, ","))
        return edits
    body = ", ".join(f"{k}: {v}" for k, v in pairs)
    if comma is not None:
        return [Edit(comma + 1, comma + 1, f" {body},")]
    return [Edit(last.span.end, last.span.end, f", {body}")]


def replace_pair(config: AuthConfig, provider: Provider, field: Field, pairs: list[tuple[str, str]],
                 style: Style) -> Edit:
    """Put pairs where one pair was: its commas and comments stay as they are."""
    if _is_multiline(config.source, provider.span):
        separator = f",{style.newline}{_line_indent(config.source, field.span.start)}"
    else:
        separator = ", "
    return Edit(field.span.start, field.span.end, separator.join(f"{k}: {v}" for k, v in pairs))


# --- new providers ----------------------------------------------------------------------------------


def render_provider(config: AuthConfig, pairs: list[tuple[str, str]], style: Style) -> tuple[str, bool]:
    """An object literal in the layout of its siblings; returns (text, multiline)."""
    # Layout and key order from a customJwt sibling (a one-line Clerk provider is no model).
    sibling = next((p for p in config.providers if p.kind == "customJwt" and p.pairs), None)
    model = sibling or next((p for p in config.providers if p.pairs), None)
    if sibling is not None:
        order = [pair.key for pair in sibling.pairs]
        pairs = sorted(pairs, key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    multiline = model is None or _is_multiline(config.source, model.span)
    if not multiline:
        body = ", ".join(f"{k}: {v}" for k, v in pairs)
        return "{ " + body + (", }" if style.trailing_comma and body else " }"), False
    outer = _line_indent(config.source, model.span.start) if model else style.indent_unit * 2
    inner = outer + style.indent_unit
    lines = [f"{inner}{k}: {v}," for k, v in pairs]
    if not style.trailing_comma:
        lines[-1] = lines[-1][:-1]
    return "{" + style.newline + style.newline.join(lines) + style.newline + outer + "}", True


def append_provider(config: AuthConfig, text: str, multiline: bool, style: Style) -> list[Edit]:
    """Add a provider at the end of the providers array."""
    source = config.source
    array = config.providers_array
    assert array is not None
    last = config.providers[-1] if config.providers else None
    if last is None:
        indent = _line_indent(source, array.start) + style.indent_unit
        return [Edit(array.start + 1, array.end - 1,
                     f"{style.newline}{indent}{text},{style.newline}{_line_indent(source, array.start)}")]
    comma = _comma_after(source, last.span.end)
    if _is_multiline(source, array):
        indent = _line_indent(source, last.span.start)
        tail = "," if comma is not None else ""
        if _rest_of_line_is_trivia(source, last.span.end):  # a comment after the provider stays with it
            at = _line_end(source, last.span.end)
        else:
            at = comma + 1 if comma is not None else last.span.end
        edits = [Edit(at, at, f"{style.newline}{indent}{text}{tail}")]
        if comma is None:
            edits.insert(0, Edit(last.span.end, last.span.end, ","))
        return edits
    if comma is not None:
        return [Edit(comma + 1, comma + 1, f" {text},")]
    return [Edit(last.span.end, last.span.end, f", {text}")]


def workos_provider(kind: str, client: ClientId, style: Style, host: str = API_HOST) -> list[tuple[str, str]]:
    """The canonical customJwt provider: kind "shared" (with applicationID) or "user_management"."""
    issuer = (string(SHARED_ISSUER, style, "issuer") if kind == "shared"
              else with_client(f"https://{host}/user_management/", client, style, "issuer"))
    pairs = [
        ("type", string("customJwt", style, "type")),
        ("issuer", issuer),
        ("algorithm", string("RS256", style, "algorithm")),
        ("jwks", with_client(f"https://{host}/sso/jwks/", client, style, "jwks")),
    ]
    if kind == "shared":
        pairs.append(("applicationID", client_value(client, style)))
    return pairs
