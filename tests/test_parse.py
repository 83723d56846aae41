"""The parser: the forms Convex accepts become providers with spans; what it cannot see becomes a note."""

from __future__ import annotations

import pytest

from codemod.errors import InputError
from codemod.model import Env, EnvRead, Literal, Ref, Template, Unknown
from codemod.parse import parse

PROVIDER = '{ type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: "https://j/x", applicationID: "client_1" }'


@pytest.mark.parametrize("source", [
    f"export default {{ providers: [{PROVIDER}] }};",
    f"const authConfig = {{ providers: [{PROVIDER}] }};\nexport default authConfig;",
    f'import type {{ AuthConfig }} from "convex/server";\nexport default {{ providers: [{PROVIDER}] }} satisfies AuthConfig;',
    f"const c: AuthConfig = {{ providers: [{PROVIDER}] }};\nexport default c;",
    f"export default {{ providers: [{PROVIDER}] as const }} as const;",
    f"module.exports = {{ providers: [{PROVIDER}] }};",
    f"const p = {PROVIDER};\nconst providers = [p];\nexport default {{ providers }};",
    f"const c = {{ providers: [{PROVIDER}] }};\nexport {{ c as default }};",
    f"export default ({{ providers: [({PROVIDER})] }});",
], ids=["inline", "named-const", "satisfies", "annotated", "as-const", "module-exports", "shorthand-refs",
        "export-list", "parenthesised"])
def test_forms(source):
    config = parse("a.ts", source.encode())
    assert config.notes == []
    [provider] = config.providers
    assert provider.kind == "customJwt"
    assert provider.sym("issuer") == ("https://api.workos.com/",)
    assert config.text(provider.fields["applicationID"].value.span) == '"client_1"'


def test_uses_auth_config_type():
    assert parse("a.ts", b'import { AuthConfig } from "convex/server";\nexport default { providers: [] };').uses_auth_config_type
    assert parse("a.ts", b"export default { providers: [] } satisfies AuthConfig;").uses_auth_config_type
    assert not parse("a.ts", b"export default { providers: [] };").uses_auth_config_type


def test_values():
    config = parse("a.ts", b"""
const clientId = process.env.WORKOS_CLIENT_ID!;
export default { providers: [{
  a: `https://api.workos.com/user_management/${clientId}`,
  b: process.env["X"],
  c: process.env.Y ?? "fallback",
  d: "https://api.workos.com/sso/jwks/" + clientId,
  e: clientId,
  f: someCall(),
  g: 'it\\'s',
  h: `plain`,
  i: "customJwt" as const,
}] };""")
    p = config.providers[0]
    assert isinstance(p.get("a"), Template) and p.sym("a") == ("https://api.workos.com/user_management/", Env("WORKOS_CLIENT_ID"))
    assert isinstance(p.get("b"), EnvRead) and p.sym("b") == (Env("X"),)
    assert p.sym("c") == (Env("Y"),)  # Convex throws on an unset variable before ?? applies
    assert p.sym("d") == ("https://api.workos.com/sso/jwks/", Env("WORKOS_CLIENT_ID"))
    assert isinstance(p.get("e"), Ref) and p.get("e").name == "clientId"
    assert isinstance(p.get("f"), Unknown) and p.sym("f") is None
    assert p.sym("g") == ("it's",) and p.get("g").quote == "'"
    assert isinstance(p.get("h"), Literal) and p.get("h").quote == "`"
    assert p.get("i").as_const and p.get("i").text == '"customJwt"'
    assert config.env_consts == {"clientId": "WORKOS_CLIENT_ID"}


@pytest.mark.parametrize("source, note", [
    (b"export default { providers: buildProviders() };", "providers come from `buildProviders()`; not analysed"),
    (b"export default { providers: [...others] };", "providers spread from `others`; not analysed"),
    (b"export default { providers: [make()] };", "a provider given as `make()`; not analysed"),
    (b"export default { providers: id ? build() : [] };", "providers come from `build()`; not analysed"),
    (b"export default { providers: ids.flatMap(make) };", "providers come from `ids.flatMap(make)`; not analysed"),
    (b"export default { providers: ids.flatMap((a, b) => [a]) };", "providers come from `ids.flatMap((a, b) => [a])`; not analysed"),
    (b"export default { providers: [...ids.flatMap((id) => { const x = id; return [x]; })] };",
     "providers spread from `ids.flatMap((id) => { const x = id; ret…`; not analysed"),
    (b"export default { providers: ids.flatMap((id) => [{ issuer: id }]) };",
     "the values `ids` mapped by `flatMap` are not known; its providers are checked for any of them"),
    (b"export default makeConfig();", "the default export is `makeConfig()`; not analysed"),
    (b"export const x = 1;", "no default export found; not analysed"),
    (b"export default { providers: [{ ...base, issuer: 'x' }] };", "`...base` in provider 0; not analysed"),
])
def test_notes(source, note):
    config = parse("a.ts", source)
    assert [n.message for n in config.notes] == [note]


def test_note_lines():
    config = parse("a.ts", b"// header\n\nexport default {\n  providers: buildProviders(),\n};\n")
    assert (config.notes[0].line, config.notes[0].column) == (4, 14)


def test_bom_and_crlf():
    config = parse("a.ts", b"\xef\xbb\xbfexport default { providers: [] };\r\n")
    assert config.bom and config.newline == "\r\n" and not config.source.startswith(b"\xef")


@pytest.mark.parametrize("data, reason", [
    (b"export default {", "a.ts: syntax error at line 1; not analysed"),
    (b"export default '\xff';", "a.ts: not UTF-8 text (byte 16)"),
])
def test_bad_input(data, reason):
    with pytest.raises(InputError) as err:
        parse("a.ts", data)
    assert str(err.value) == reason


# --- the layout of the providers list (issue 5) ----------------------------------------------------

LAYOUT = b"""
const clientId = process.env.WORKOS_CLIENT_ID;
const others = [{ domain: process.env.CONVEX_SITE_URL, applicationID: "convex" }];
export default {
  providers: [
    ...others,
    ...[clientId, "client_B"].flatMap((id) => [{ issuer: `https://x.example.com/${id}` }, { issuer: "a" }]),
    ...(process.env.MODE === "prod" ? [{ issuer: "prod" }] : [{ issuer: "dev" }]),
    ...["client_C"].map((c) => ({ issuer: c })),
  ],
} satisfies AuthConfig;
"""


def test_layout_expands_in_javascript_order():
    from codemod.model import Param, expand

    config = parse("a.ts", LAYOUT)
    assert config.notes == []
    expanded = expand(config, {"WORKOS_CLIENT_ID": "client_A", "CONVEX_SITE_URL": "s", "MODE": "dev"})
    issuers = [p.sym("issuer") or p.sym("domain") for p, _ in expanded]
    bound = [next(iter(b.values()), None) for _, b in expanded]
    assert [len(s) for s in issuers] == [1, 2, 1, 2, 1, 1, 1]
    assert bound == [None, ("client_A",), ("client_A",), ("client_B",), ("client_B",),
                     None, ("client_C",)]
    assert issuers[5] == ("dev",)
    assert isinstance(issuers[1][1], Param) and issuers[1][1].name == "id"
    assert expand(config, {"WORKOS_CLIENT_ID": "client_A", "CONVEX_SITE_URL": "s"}) is None  # MODE unset: throws


def test_layout_groups_know_their_callback_and_whether_typescript_types_them():
    config = parse("a.ts", LAYOUT)
    kinds = [(g.link, g.param.name if g.param else None, g.client_param, g.is_array, g.typed) for g in config.groups]
    assert kinds == [
        ("root", None, False, True, True),
        ("spread", None, False, True, False),  # the const array
        ("repeat", "id", True, True, False),  # mapped values are client ids
        ("branch", None, False, True, False),
        ("branch", None, False, True, False),
        ("repeat", "c", True, False, False),  # `.map` returns one object
    ]
    assert config.groups[3].conditions == ((0, True),) and config.groups[4].conditions == ((0, False),)


def test_instances_take_both_branches_and_each_mapped_value():
    from codemod.model import instances

    config = parse("a.ts", LAYOUT)
    assert [p.index for p, _ in instances(config)] == [0, 1, 2, 1, 2, 3, 4, 5]


def test_providers_from_a_root_flatmap_and_ternary_are_typed_by_the_export():
    config = parse("a.ts", b"""export default {
      providers: process.env.X ? [1].flatMap((id) => [{ issuer: "a" }]) : [{ issuer: "b" }],
    } satisfies AuthConfig;""")
    assert [g.typed for g in config.groups] == [True, True]
    named = parse("a.ts", b"const c = { providers: [{ issuer: 'a' }] };\nexport default c;")
    assert [g.typed for g in named.groups] == [False]
