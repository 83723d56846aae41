"""Generated auth configs for the property tests and bench/fuzz.py: a small grammar of the shapes
found in real Convex repos (issue 5), in every style, plus mutations of the examples and fixtures.

One grammar, two drivers: `Draw` is the only source of choices, so the same code runs under
hypothesis (tests/test_properties.py, shrinking included) and under `random.Random` (bench/fuzz.py,
standard library only).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple, Sequence

ROOT = Path(__file__).resolve().parent.parent
CLIENT, CLIENT_PROD, LITERAL_CLIENT, OTHER = "client_TEST", "client_PROD", "client_01LITERAL", "client_OTHER"
ENV = {"WORKOS_CLIENT_ID": CLIENT, "WORKOS_CLIENT_ID_PROD": CLIENT_PROD,
       "CLERK_JWT_ISSUER_DOMAIN": "https://clerk.example.com", "CONVEX_SITE_URL": "https://happy-animal-123.convex.site"}
CUSTOM_HOST = "auth.example.com"


class Case(NamedTuple):
    name: str  # how it was made, for a failure report
    data: bytes
    js: bool  # an auth.config.js
    clients: tuple  # the client ids the config binds providers to, under ENV


class Draw:
    """The choices a generator makes. Subclasses: RandomDraw here, a hypothesis one in the tests."""

    def choice(self, options: Sequence):
        raise NotImplementedError

    def boolean(self, p: float = 0.5) -> bool:
        raise NotImplementedError

    def integer(self, low: int, high: int) -> int:
        raise NotImplementedError

    def subset(self, options: Sequence) -> list:
        return [o for o in options if self.boolean(0.3)]


class RandomDraw(Draw):
    def __init__(self, rng) -> None:
        self.rng = rng

    def choice(self, options):
        return options[self.rng.randrange(len(options))]

    def boolean(self, p=0.5):
        return self.rng.random() < p

    def integer(self, low, high):
        return self.rng.randint(low, high)


# --- the grammar ---------------------------------------------------------------------------------

# Issuer forms, each (label, kind): kind says how to render it with the client expression.
SHARED_ISSUERS = ["https://api.workos.com/", "https://api.workos.com", "https://api.workos.com//",
                  "HTTPS://api.workos.com", "http://api.workos.com/", "https://API.WORKOS.COM/"]
UM_PREFIXES = ["https://api.workos.com/user_management/", "http://api.workos.com/user_management/",
               f"https://{CUSTOM_HOST}/user_management/"]
JWKS_FORMS = ["canonical", "no-client", "custom", "authkit", "other-path", "missing"]
APP_ID_FORMS = ["client", "missing", "convex", "applicationId", "audience", "template-aud"]
ALGORITHMS = ["RS256", "RS256", "RS256", "ES256", "rs256", None]
TYPES = ["customJwt", "customJwt", "customJwt", "customJWT", None]
KEYS = ("type", "issuer", "algorithm", "jwks", "applicationID")


class Style(NamedTuple):
    indent: str
    quote: str
    trailing: bool
    semicolons: bool
    crlf: bool
    bom: bool
    final_newline: bool
    as_const: frozenset
    one_line: bool
    quoted_keys: bool
    comments: bool
    js: bool


class Client(NamedTuple):
    expr: str | None  # source text of the client id, None when written as a literal
    literal: str | None


def draw_style(d: Draw, js: bool) -> Style:
    return Style(
        indent=d.choice(["  ", "    ", "\t"]),
        quote=d.choice(['"', '"', "'", "`"]),
        trailing=d.boolean(0.7),
        semicolons=d.boolean(0.7),
        crlf=d.boolean(0.15),
        bom=d.boolean(0.1),
        final_newline=d.boolean(0.85),
        as_const=frozenset() if js else frozenset(d.subset(["type", "issuer", "algorithm", "jwks"])),
        one_line=d.boolean(0.15),
        quoted_keys=d.boolean(0.1),
        comments=d.boolean(0.3),
        js=js,
    )


def _string(value: str, style: Style, key: str | None = None) -> str:
    q = style.quote
    text = q + value.replace("\\", "\\\\").replace(q, "\\" + q) + q
    return text + (" as const" if key in style.as_const else "")


def _with_client(d: Draw, prefix: str, client: Client, style: Style, key: str | None = None) -> str:
    if client.expr is None:
        return _string(prefix + (client.literal or ""), style, key)
    if d.boolean(0.15):
        return f"{_string(prefix, style)} + {client.expr}"  # `as const` is not allowed on a concatenation
    return f"`{prefix}${{{client.expr}}}`" + (" as const" if key in style.as_const else "")


def draw_workos_provider(d: Draw, client: Client, style: Style) -> list[tuple[str, str]]:
    """The pairs of one WorkOS provider, from the forms seen in templates, docs and the wild."""
    kind = d.choice(["shared", "shared", "um", "um", "typo", "oidc-um", "um-no-client"])
    pairs: list[tuple[str, str]] = []
    type_ = d.choice(TYPES)
    if kind == "oidc-um":
        pairs.append(("domain", _with_client(d, d.choice(UM_PREFIXES), client, style, "issuer")))
        pairs.append(("applicationID", client.expr or _string(client.literal, style)))
        return pairs
    if type_ is not None:
        pairs.append(("type", _string(type_, style, "type")))
    if kind == "shared":
        issuer = _string(d.choice(SHARED_ISSUERS), style, "issuer")
    elif kind == "um":
        prefix = d.choice(UM_PREFIXES)
        issuer = _with_client(d, prefix, client, style, "issuer")
        if d.boolean(0.15) and issuer.startswith("`"):
            issuer = issuer.replace("}`", "}/`", 1)  # the trailing-slash workaround
    elif kind == "typo":
        issuer = _with_client(d, "https://api.workos.com/", client, style, "issuer")
    else:
        issuer = _string("https://api.workos.com/user_management", style, "issuer")
    pairs.append(("issuer", issuer))
    algorithm = d.choice(ALGORITHMS)
    if algorithm is not None:
        pairs.append(("algorithm", _string(algorithm, style, "algorithm")))
    jwks = d.choice(JWKS_FORMS)
    if jwks == "canonical":
        pairs.append(("jwks", _with_client(d, "https://api.workos.com/sso/jwks/", client, style, "jwks")))
    elif jwks == "no-client":
        pairs.append(("jwks", _string("https://api.workos.com/sso/jwks", style, "jwks")))
    elif jwks == "custom":
        pairs.append(("jwks", _with_client(d, f"https://{CUSTOM_HOST}/sso/jwks/", client, style, "jwks")))
    elif jwks == "authkit":
        pairs.append(("jwks", _string("https://example-app.authkit.app/oauth2/jwks", style, "jwks")))
    elif jwks == "other-path":
        pairs.append(("jwks", _string("https://api.workos.com/user_management/jwks", style, "jwks")))
    app = d.choice(APP_ID_FORMS)
    value = client.expr or _string(client.literal, style)
    if app == "client":
        pairs.append(("applicationID", value))
    elif app == "convex":
        pairs.append(("applicationID", _string("convex", style)))
    elif app in ("applicationId", "audience"):
        pairs.append((app, value))
    elif app == "template-aud" and client.expr is not None:
        pairs.append(("applicationID", f"`convex_${{{client.expr}}}`"))
    if d.boolean(0.3):  # key order varies across templates
        pairs = [pairs[i] for i in _permutation(d, len(pairs))]
    return pairs


def _permutation(d: Draw, n: int) -> list[int]:
    items = list(range(n))
    for i in range(n - 1, 0, -1):
        j = d.integer(0, i)
        items[i], items[j] = items[j], items[i]
    return items


def draw_other_provider(d: Draw, style: Style) -> list[tuple[str, str]]:
    kind = d.choice(["clerk", "convex-site", "privy"])
    if kind == "clerk":
        return [("domain", "process.env.CLERK_JWT_ISSUER_DOMAIN"), ("applicationID", _string("convex", style))]
    if kind == "convex-site":
        return [("domain", "process.env.CONVEX_SITE_URL"), ("applicationID", _string("convex", style))]
    return [("type", _string("customJwt", style, "type")), ("issuer", _string("https://auth.privy.io", style)),
            ("jwks", _string("https://auth.privy.io/api/v1/apps/app_1/jwks.json", style)),
            ("algorithm", _string("ES256", style, "algorithm"))]


def render_object(d: Draw, pairs: list[tuple[str, str]], style: Style, indent: str) -> str:
    nl = "\n"
    key = (lambda k: f'"{k}"') if style.quoted_keys else (lambda k: k)
    if style.one_line or not pairs:
        body = ", ".join(f"{key(k)}: {v}" for k, v in pairs)
        return "{ " + body + " }" if body else "{}"
    inner = indent + style.indent
    lines = []
    for i, (k, v) in enumerate(pairs):
        comma = "," if i < len(pairs) - 1 or style.trailing else ""
        line = f"{inner}{key(k)}: {v}{comma}"
        if style.comments and d.boolean(0.2):
            line += " // " + d.choice(["keep", "from the dashboard", "see docs"])
        if style.comments and d.boolean(0.1):
            line = f"{inner}/* {k} */ {key(k)}: {v}{comma}"
        lines.append(line)
    return "{" + nl + nl.join(lines) + nl + indent + "}"


def render_array(d: Draw, elements: list[str], style: Style, indent: str) -> str:
    if not elements:
        return "[]"
    inner = indent + style.indent
    lines = []
    for i, element in enumerate(elements):
        comma = "," if i < len(elements) - 1 or style.trailing else ""
        if style.comments and d.boolean(0.2):
            lines.append(f"{inner}// provider {i}")
        lines.append(f"{inner}{element}{comma}")
    return "[\n" + "\n".join(lines) + "\n" + indent + "]"


def generate(d: Draw) -> Case:
    js = d.boolean(0.15)
    style = draw_style(d, js)
    semi = ";" if style.semicolons else ""
    client_form = d.choice(["const", "const", "const!", "inline", "literal", "subscript"])
    shape = d.choice(["plain", "plain", "plain", "ternary", "spread-ternary", "flatmap", "const-spread",
                      "named-const", "module-exports", "dev-prod"])
    if js and client_form == "const!":
        client_form = "const"
    header: list[str] = []
    if not js and d.boolean(0.2):
        header.append(f'import type {{ AuthConfig }} from "convex/server"{semi}')
    clients = (CLIENT,)
    if client_form == "literal":
        client, clients = Client(None, LITERAL_CLIENT), (LITERAL_CLIENT,)
    elif client_form == "inline":
        client = Client("process.env.WORKOS_CLIENT_ID", None)
    else:
        read = 'process.env["WORKOS_CLIENT_ID"]' if client_form == "subscript" else "process.env.WORKOS_CLIENT_ID"
        header.append(f"const clientId = {read}{'!' if client_form == 'const!' else ''}{semi}")
        client = Client("clientId", None)
    if shape == "ternary" and client.expr is None:
        shape = "plain"
    if shape == "flatmap":
        client, clients = Client("id", None), (CLIENT, CLIENT_PROD)
    if shape == "dev-prod":  # each branch names its own client; under ENV the second is taken
        header.append(f"const prodClientId = process.env.WORKOS_CLIENT_ID_PROD{semi}")
        if client.expr is None:
            client = Client("process.env.WORKOS_CLIENT_ID", None)
    workos = [draw_workos_provider(d, client, style) for _ in range(d.integer(0, 3))]
    others = [draw_other_provider(d, style) for _ in range(d.integer(0, 1))]
    base = "\t" if style.indent == "\t" else ""
    ind1 = base + style.indent  # inside `export default {`
    ind2 = ind1 + style.indent  # inside `providers: [`

    def objects(items, indent):
        return [render_object(d, pairs, style, indent) for pairs in items]

    other_first = d.boolean()
    if shape == "plain":
        items = objects(others, ind2) + objects(workos, ind2) if other_first else objects(workos, ind2) + objects(others, ind2)
        providers = render_array(d, items, style, ind1)
    elif shape == "ternary":
        inner = render_array(d, objects(workos, ind2 + style.indent), style, ind2)
        providers = f"{client.expr}\n{ind2}? {inner}\n{ind2}: []"
    elif shape == "spread-ternary":
        test = d.choice(["process.env.WORKOS_CLIENT_ID", "clientId" if client.expr == "clientId" else "process.env.WORKOS_CLIENT_ID"])
        inner = render_array(d, objects(workos, ind2 + style.indent), style, ind2)
        providers = render_array(d, objects(others, ind2) + [f"...({test} ? {inner} : [])"], style, ind1)
    elif shape == "dev-prod":
        prod = [draw_workos_provider(d, Client("prodClientId", None), style) for _ in range(d.integer(1, 2))]
        live = render_array(d, objects(prod, ind2 + style.indent), style, ind2)
        dev = render_array(d, objects(workos, ind2 + style.indent), style, ind2)
        q = style.quote
        providers = f"process.env.WORKOS_CLIENT_ID_PROD === {q}client_LIVE{q}\n{ind2}? {live}\n{ind2}: {dev}"
    elif shape == "flatmap":
        body = render_array(d, objects(workos, ind2 + style.indent), style, ind2)
        ids = "[process.env.WORKOS_CLIENT_ID, process.env.WORKOS_CLIENT_ID_PROD]"
        param = "id" if js or d.boolean() else "id: string"
        call = f"{ids}.flatMap(({param}) => {body})"
        providers = render_array(d, objects(others, ind2) + [f"...{call}"], style, ind1) if others or d.boolean() \
            else call
    else:  # const-spread, named-const, module-exports
        providers = None
    if shape == "const-spread":
        header.append(f"const workosProviders = {render_array(d, objects(workos, base + style.indent), style, base)}{semi}")
        providers = render_array(d, ["...workosProviders"] + objects(others, ind2), style, ind1)
    if providers is None:
        providers = render_array(d, objects(workos, ind2) + objects(others, ind2), style, ind1)
    config = "{\n" + f"{ind1}providers: {providers}" + ("," if style.trailing else "") + "\n" + base + "}"
    satisfies = " satisfies AuthConfig" if any("AuthConfig" in h for h in header) else ""
    if shape == "named-const":
        body = f"const authConfig = {config}{satisfies}{semi}\n\nexport default authConfig{semi}"
    elif shape == "module-exports":
        body = f"module.exports = {config}{semi}"
    else:
        body = f"export default {config}{satisfies}{semi}"
    if style.comments:
        header.insert(0, "// Convex auth config")
    text = "\n".join(header) + ("\n\n" if header else "") + body + ("\n" if style.final_newline else "")
    if style.crlf:
        text = text.replace("\n", "\r\n")
    data = ("\ufeff" if style.bom else "") + text
    return Case(f"generated:{shape}:{client_form}", data.encode(), js, clients)


# --- mutations of the examples and fixtures ------------------------------------------------------


def seeds() -> list[tuple[str, bytes, bool]]:
    paths = sorted((ROOT / "examples").glob("*/convex/auth.config.ts"))
    paths += sorted(p for p in (ROOT / "tests/fixtures/configs").glob("*") if p.suffix in (".ts", ".js"))
    return [(str(p.relative_to(ROOT)), p.read_bytes(), p.suffix == ".js") for p in paths]


_SEEDS: list | None = None


def _seeds():
    global _SEEDS
    if _SEEDS is None:
        _SEEDS = seeds()
    return _SEEDS


def _swap_quotes(text: str, d: Draw) -> str:
    target = d.choice(["'", "`"])
    return re.sub(r'"([^"\'`\\$\n]*)"', lambda m: target + m.group(1) + target, text)


def _reindent(text: str, d: Draw) -> str:
    unit = d.choice(["    ", "\t", " "])
    return re.sub(r"(?m)^((?:  )+)", lambda m: unit * (len(m.group(1)) // 2), text)


def _drop_pair_line(text: str, d: Draw) -> str:
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines)
                  if re.match(r"\s*(type|issuer|algorithm|jwks|applicationID|domain)\s*:.*,\s*(//.*)?$", line)]
    if candidates:
        del lines[d.choice(candidates)]
    return "\n".join(lines)


def _add_comments(text: str, d: Draw) -> str:
    lines = text.split("\n")
    out = []
    for line in lines:
        if d.boolean(0.1) and line.strip().startswith(("type", "issuer", "{", "jwks", "]", "providers")):
            out.append(line[: len(line) - len(line.lstrip())] + "// " + d.choice(["note", "TODO: check", "*/ x"]))
        out.append(line)
    return "\n".join(out)


def _replace_issuer(text: str, d: Draw) -> str:
    value = d.choice(SHARED_ISSUERS + ["https://api.workos.com/user_management", "https://auth.example.com/"])
    return re.sub(r'(issuer\s*:\s*)("[^"]*"|`[^`]*`|\'[^\']*\')', lambda m: m.group(1) + f'"{value}"', text, count=1)


def _duplicate_provider(text: str, d: Draw) -> str:
    match = re.search(r"(?m)^(\s*)\{\n(?:.*\n)*?\1\},?\n", text)
    if match is None:
        return text
    block = match.group(0)
    if not block.rstrip().endswith(","):
        block = block.rstrip("\n") + ",\n"
    copy = block.replace('"https://api.workos.com/"', '"https://api.workos.com"').replace("}`,", "}/`,")
    return text[: match.end()] + copy + text[match.end():] if d.boolean() else text[: match.start()] + copy + text[match.start():]


def _flip_byte(data: bytes, d: Draw) -> bytes:
    if not data:
        return data
    i = d.integer(0, len(data) - 1)
    return data[:i] + bytes([d.choice([0x22, 0x27, 0x2C, 0x7B, 0x7D, 0x5B, 0x5D, 0x0A, 0x2F, 0xFF, 0x20])]) + data[i + 1:]


TEXT_MUTATIONS = {"quotes": _swap_quotes, "indent": _reindent, "drop-pair": _drop_pair_line,
                  "comments": _add_comments, "issuer": _replace_issuer, "duplicate": _duplicate_provider}


def mutate(d: Draw) -> Case:
    name, data, js = d.choice(_seeds())
    applied = []
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode() if bom else data.decode()
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    for _ in range(d.integer(1, 3)):
        label = d.choice(sorted(TEXT_MUTATIONS) + ["crlf", "bom", "final-newline", "flip"])
        applied.append(label)
        if label == "crlf":
            crlf = not crlf
        elif label == "bom":
            bom = not bom
        elif label == "final-newline":
            text = text.rstrip("\n") if text.endswith("\n") else text + "\n"
        elif label != "flip":
            text = TEXT_MUTATIONS[label](text, d)
    if crlf:
        text = text.replace("\n", "\r\n")
    out = (b"\xef\xbb\xbf" if bom else b"") + text.encode()
    if "flip" in applied:
        out = _flip_byte(out, d)
    literal = re.search(rb"client_[0-9A-Z]{6,}", out)
    clients = (literal.group(0).decode(),) if literal and b"process.env" not in out else (CLIENT,)
    if b"WORKOS_CLIENT_ID_PROD" in out or b"client_01PRODUCTION" in out:
        clients = tuple(dict.fromkeys(clients + (CLIENT_PROD if b"WORKOS_CLIENT_ID_PROD" in out else "client_01PRODUCTION",)))
    return Case(f"mutated:{name}:{'+'.join(applied)}", out, js, clients)


def case(d: Draw) -> Case:
    return generate(d) if d.boolean(0.6) else mutate(d)
