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
    """Edits of two fixes that touch the same bytes, or meet at one point, wait for another round:
    text inserted where a deletion ends would land beside bytes that are gone (a comma after a
    removed pair)."""
    return a.start <= b.end and b.start <= a.end


# --- style ---------------------------------------------------------------------------------------


class Style(NamedTuple):
    quote: str  # ' " or `
    newline: str
    indent_unit: str  # one level, e.g. "  " or "\t"
    as_const_keys: frozenset[str]  # keys whose values carry `as const` in siblings
    key_quotes: dict  # key -> the quote its string values use in siblings (backticks included)
    trailing_comma: bool  # in multi-line objects
    inline_trailing_comma: bool = False  # in one-line objects: `{ a: 1, }`
    key_quote: str = ""  # "" for bare keys, or the quote every key of the providers is written with


def style_of(config: AuthConfig) -> Style:
    quotes: dict[str, int] = {}
    key_quotes: dict[str, str] = {}
    as_const: set[str] = set()
    trailing = {True: [], False: []}  # multi-line?: [has a trailing comma, ...]
    for provider in config.providers:
        for pair in provider.pairs:
            if isinstance(pair.value, Literal):
                key_quotes.setdefault(pair.key, pair.value.quote)
                if pair.value.quote != "`":
                    quotes[pair.value.quote] = quotes.get(pair.value.quote, 0) + 1
            if pair.value.as_const:
                as_const.add(pair.key)
        if provider.pairs:
            has_comma = _comma_after(config.source, provider.pairs[-1].span.end, provider.span.end) is not None
            trailing[_is_multiline(config.source, provider.span)].append(has_comma)
    if not quotes and "`" in key_quotes.values():
        quotes = {"`": 1}  # every string is a template literal
    elif not quotes:
        text = config.source.decode()
        quotes = {"'": text.count("'"), '"': text.count('"')}
    quote = max(quotes, key=lambda q: (quotes[q], q == '"'))
    key_quotes_used = {pair.key_quote for provider in config.providers for pair in provider.pairs}
    multi = trailing[True] or trailing[False]
    return Style(quote, config.newline, _indent_unit(config), frozenset(as_const), key_quotes,
                 all(multi), bool(trailing[False]) and all(trailing[False]),
                 key_quotes_used.pop() if len(key_quotes_used) == 1 else "")


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


def _comma_after(source: bytes, offset: int, limit: int | None = None) -> int | None:
    """The comma after offset, past spaces and newlines; also past /* comments */ given a limit
    (for reading the style: an edit must not swallow a comment)."""
    i = _skip_trivia(source, offset, len(source) if limit is None else limit, limit is not None)
    return i if source[i : i + 1] == b"," else None


def _skip_trivia(source: bytes, i: int, limit: int, comments: bool) -> int:
    while i < limit:
        if source[i : i + 1] in (b" ", b"\t", b"\r", b"\n"):
            i += 1
        elif comments and source[i : i + 2] == b"/*":
            end = source.find(b"*/", i + 2)
            if end < 0:
                return i
            i = end + 2
        else:
            return i
    return i


def _comma_before(source: bytes, offset: int) -> int | None:
    i = offset - 1
    while i >= 0 and source[i : i + 1] in (b" ", b"\t", b"\r", b"\n"):
        i -= 1
    return i if i >= 0 and source[i : i + 1] == b"," else None


def _kept_comment(source: bytes, offset: int, line_start: int, end: int) -> str:
    """The comment after offset on its line (past a comma), as a line of its own; "" when none."""
    rest = source[offset:_line_end(source, offset)].strip()
    rest = rest[1:].strip() if rest.startswith(b",") else rest
    if not rest:
        return ""
    newline = source[_line_end(source, offset):end].decode()
    return _line_indent(source, line_start) + rest.decode() + newline


def _rest_of_line_is_trivia(source: bytes, offset: int) -> bool:
    """Only a comma, spaces or a // comment follow on this line."""
    rest = source[offset : _line_end(source, offset)].strip()
    rest = rest[1:].strip() if rest.startswith(b",") else rest
    return not rest or rest.startswith(b"//") or (rest.startswith(b"/*") and rest.endswith(b"*/")
                                                   and rest.find(b"*/") == len(rest) - 2)


def _key(key: str, style: Style) -> str:
    return f"{style.key_quote}{key}{style.key_quote}"


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
    """The value's own `as const`, if any, lies outside its span and stays: never add a second."""
    text = text.removesuffix(" as const")
    return Edit(field.value.span.start, field.value.span.end, text)


def replace_string(config: AuthConfig, field: Field, value: str, style: Style) -> Edit:
    """Replace a string value keeping its own quote character."""
    quote = field.value.quote if isinstance(field.value, Literal) else style.quote
    own = style._replace(quote=quote, as_const_keys=frozenset(), key_quotes={})
    return replace_value(field, string(value, own))


def rename_key(field: Field, new_key: str) -> Edit:
    text = f"{field.key_quote}{new_key}{field.key_quote}"
    return Edit(field.key_span.start, field.key_span.end, text)


def delete_pair(config: AuthConfig, provider: Provider, field: Field) -> list[Edit]:
    source, span = config.source, field.span
    own_lines = _is_multiline(source, provider.span) and source[_line_start(source, span.start): span.start].strip() == b"" \
        and _rest_of_line_is_trivia(source, span.end)
    return _delete_listed(source, span, field is provider.pairs[-1], own_lines)


def delete_element(config: AuthConfig, elements: tuple, span: Span) -> list[Edit]:
    """Remove one element of an array literal with its comma; its own lines go whole."""
    source = config.source
    comma = _comma_after(source, span.end)
    same_line_comma = comma is None or b"\n" not in source[span.end: comma]
    own_lines = source[_line_start(source, span.start): span.start].strip() == b"" and same_line_comma \
        and _rest_of_line_is_trivia(source, span.end)
    return _delete_listed(source, span, elements.index(span) == len(elements) - 1, own_lines)


def _delete_listed(source: bytes, span: Span, is_last: bool, own_lines: bool) -> list[Edit]:
    """Remove an item of an object or array with the comma that separates it."""
    comma = _comma_after(source, span.end)
    if own_lines:  # remove its lines whole (a comment after it stays, on its line)
        start = _line_start(source, span.start)
        end = source.find(b"\n", span.end)
        end = len(source) if end < 0 else end + 1
        edits = [Edit(start, end, _kept_comment(source, span.end, start, end))]
        if is_last and comma is None:
            before = _comma_before(source, start)
            if before is not None:
                edits.append(Edit(before, before + 1, ""))
        return edits
    if comma is not None and not is_last:
        end = comma + 1
        while source[end: end + 1] in (b" ", b"\t"):
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
        body = ", ".join(f"{_key(k, style)}: {v}" for k, v in pairs)
        return [Edit(provider.span.start + 1, provider.span.end - 1, f" {body} ")]
    multiline = _is_multiline(source, provider.span)
    if first:
        anchor = provider.pairs[0].span.start
        separator = f",{style.newline}{_line_indent(source, anchor)}" if multiline else ", "
        return [Edit(anchor, anchor, separator.join(f"{_key(k, style)}: {v}" for k, v in pairs) + separator)]
    last = provider.pairs[-1]
    comma = _comma_after(source, last.span.end)
    if multiline:
        indent = _line_indent(source, last.span.start)
        tail = "," if comma is not None else ""
        at = _line_end(source, last.span.end) if _rest_of_line_is_trivia(source, last.span.end) else last.span.end
        lines = f",{style.newline}{indent}".join(f"{_key(k, style)}: {v}" for k, v in pairs)
        edits = [Edit(at, at, f"{style.newline}{indent}{lines}{tail}")]
        if comma is None:
            edits.insert(0, Edit(last.span.end, last.span.end, ","))
        return edits
    body = ", ".join(f"{_key(k, style)}: {v}" for k, v in pairs)
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
    return Edit(field.span.start, field.span.end, separator.join(f"{_key(k, style)}: {v}" for k, v in pairs))


# --- new providers ----------------------------------------------------------------------------------


def render_provider(config: AuthConfig, pairs: list[tuple[str, str]], style: Style,
                    group: int | None = None) -> tuple[str, bool]:
    """An object literal in the layout of its siblings (in `group` first); returns (text, multiline)."""
    # Layout and key order from a customJwt sibling (a one-line Clerk provider is no model).
    candidates = sorted(config.providers, key=lambda p: p.group != group)
    sibling = next((p for p in candidates if p.kind == "customJwt" and p.pairs), None)
    model = sibling or next((p for p in candidates if p.pairs), None)
    if sibling is not None:
        order = [pair.key for pair in sibling.pairs]
        pairs = sorted(pairs, key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    multiline = model is None or _is_multiline(config.source, model.span)
    if not multiline:
        body = ", ".join(f"{_key(k, style)}: {v}" for k, v in pairs)
        return "{ " + body + (", }" if style.inline_trailing_comma and body else " }"), False
    if model is not None and model.group == group:
        outer = _line_indent(config.source, model.span.start)
    else:  # one level inside the array, whatever the model's depth
        array = _group_span(config, group)
        outer = (_line_indent(config.source, array.start) if array else style.indent_unit) + style.indent_unit
    inner = outer + style.indent_unit
    lines = [f"{inner}{_key(k, style)}: {v}," for k, v in pairs]
    if not style.trailing_comma:
        lines[-1] = lines[-1][:-1]
    return "{" + style.newline + style.newline.join(lines) + style.newline + outer + "}", True


def _group_span(config: AuthConfig, group: int | None) -> Span | None:
    if group is not None and group < len(config.groups):
        return config.groups[group].span
    return config.providers_array


def append_provider(config: AuthConfig, text: str, multiline: bool, style: Style,
                    group: int | None = None) -> list[Edit]:
    """Add a provider at the end of an array of providers (the outermost one by default)."""
    source = config.source
    if group is not None and group < len(config.groups):
        array, elements = config.groups[group].span, config.groups[group].elements
    else:
        array = config.providers_array
        elements = tuple(p.span for p in config.providers)
    assert array is not None
    last = elements[-1] if elements else None
    if last is None:
        inside = source[array.start + 1 : array.end - 1]
        indent = _line_indent(source, array.start) + style.indent_unit
        if inside.strip():  # only comments: they stay, the provider goes after them
            close = array.end - 1
            if source[_line_start(source, close) : close].strip() == b"":
                at = _line_start(source, close)
                return [Edit(at, at, f"{indent}{text},{style.newline}")]
            return [Edit(close, close, f" {text} ")]
        if not multiline:
            return [Edit(array.start + 1, array.end - 1, text)]
        return [Edit(array.start + 1, array.end - 1,
                     f"{style.newline}{indent}{text},{style.newline}{_line_indent(source, array.start)}")]
    comma = _comma_after(source, last.end)
    if _is_multiline(source, array):
        indent = _line_indent(source, last.start)
        tail = "," if comma is not None else ""
        if _rest_of_line_is_trivia(source, last.end):  # a comment after the provider stays with it
            at = _line_end(source, last.end)
        else:
            at = comma + 1 if comma is not None else last.end
        edits = [Edit(at, at, f"{style.newline}{indent}{text}{tail}")]
        if comma is None:
            edits.insert(0, Edit(last.end, last.end, ","))
        return edits
    if comma is not None:
        return [Edit(comma + 1, comma + 1, f" {text},")]
    return [Edit(last.end, last.end, f", {text}")]


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
