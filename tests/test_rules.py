"""Every config rule, in the pyupgrade style: inputs the rule must leave alone, `(before, after)`
pairs it must fix, and, for what it only reports, the diagnostics it must give without writing.

Each table runs one rule alone (`codes={CODE}`), so a case shows exactly what that rule does.
Expected outputs are written from ../shared/facts and the rule's docstring, not copied from the
tool.
FAC002 and FAC003 are project rules (tests/test_discover.py).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from codemod.diagnostics import Applicability
from codemod.engine import Options, process
from codemod.versions import Installed
from helpers import assert_fixes, assert_unchanged, codes_found, run
from rules import by_code


def reported(source: str, code: str, **options) -> list[tuple[int, str, str]]:
    """(line, severity, fix applicability) of each `code` diagnostic; asserts nothing is written."""
    result = run(source, {code}, **options)
    assert result.output is None, result.output.decode()
    assert result.refused is None, result.refused
    assert codes_found(source, {code}, **options) == [code] * len(result.found)
    return [(d.line, d.severity.value, (d.fix.applicability if d.fix else Applicability.NONE).value)
            for d in result.found]


def messages(source: str, code: str, **options) -> list[str]:
    return [d.message for d in run(source, {code}, **options).found]


# =================================================================================================
# WOS001 shared issuer without applicationID
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="shared-issuer-with-application-id"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              audience: clientId,
            },
          ],
        };
    ''', id="audience-is-left-to-WOS008"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationId: clientId,
            },
          ],
        };
    ''', id="misspelled-application-id-is-left-to-CVX001"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="user-management-issuer"),
    pytest.param('''
        export default {
          providers: [
            { domain: "https://clerk.example.com", applicationID: "convex" },
          ],
        };
    ''', id="clerk-oidc"),
    pytest.param('''
        export default {
          providers: [
            { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" },
          ],
        };
    ''', id="convex-site-url-oidc"),
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256" },
          ],
        };
    ''', id="other-system-custom-jwt-without-application-id"),
])
def test_wos001_unchanged(src):
    assert_unchanged(src, codes={"WOS001"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="trailing-slash"),
    pytest.param('''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}`
            }
          ]
        };
    ''', '''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}`,
              applicationID: process.env.WORKOS_CLIENT_ID
            }
          ]
        };
    ''', id="no-slash-no-trailing-commas"),
    pytest.param('''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com//",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
            },
          ],
        };
    ''', '''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com//",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
              applicationID: "client_01ABC",
            },
          ],
        };
    ''', id="double-slash-slips-past-convex-guard"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}` },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId },
          ],
        };
    ''', id="single-line-provider"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              algorithm: "RS256" // WorkOS signs with RS256
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              algorithm: "RS256", // WorkOS signs with RS256
              applicationID: clientId
            },
          ],
        };
    ''', id="after-a-line-comment-without-comma"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "api.workos.com",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "api.workos.com",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="scheme-less-spelling"),
])
def test_wos001_fixes(before, after):
    assert_fixes(before, after, codes={"WOS001"})


def test_wos001_message_says_whether_convex_refuses_or_the_guard_is_bypassed():
    exact, bypass = messages('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://api.workos.com", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_01ABC" },
            { type: "customJwt", issuer: "https://api.workos.com//", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_01ABC" },
          ],
        };
    ''', "WOS001")
    assert exact == "shared WorkOS issuer without applicationID: Convex refuses the push (InsecureConfiguration)"
    assert bypass == ("shared WorkOS issuer without applicationID, spelled so that Convex's guard misses it: "
                      "this provider accepts the tokens of every WorkOS app")


# =================================================================================================
# WOS002 user_management issuer with applicationID
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="canonical"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              domain: `https://api.workos.com/user_management/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="oidc-user-management-is-left-to-WOS010"),
])
def test_wos002_unchanged(src):
    assert_unchanged(src, codes={"WOS002"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="template-2025-07-last-pair-trailing-comma"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId
            }
          ]
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`
            }
          ]
        };
    ''', id="last-pair-no-trailing-comma"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              applicationID: clientId,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="middle-pair"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`, algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`, algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}` },
          ],
        };
    ''', id="single-line-last-pair"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`, applicationID: clientId, algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}` },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`, algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}` },
          ],
        };
    ''', id="single-line-middle-pair"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://auth.example.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://auth.example.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://auth.example.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://auth.example.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="custom-auth-domain"),
    pytest.param('''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/user_management/client_01ABC",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
              applicationID: "client_01ABC",
            }, // new environments
          ],
        };
    ''', '''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/user_management/client_01ABC",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
            }, // new environments
          ],
        };
    ''', id="hard-coded-client-id-comment-after-provider"),
])
def test_wos002_fixes(before, after):
    assert_fixes(before, after, codes={"WOS002"})


# =================================================================================================
# WOS003 missing user_management provider
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="canonical"),
    pytest.param('''
        export default {
          providers: [
            { domain: "https://clerk.example.com", applicationID: "convex" },
            { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" },
          ],
        };
    ''', id="no-workos-providers"),
    pytest.param('''
        export default {
          providers: [],
        };
    ''', id="no-providers"),
    pytest.param('''
        import { otherProviders } from "./other";

        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            ...otherProviders,
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="spread-not-fully-analysed"),
    pytest.param('''
        import { makeProvider } from "./other";

        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
            makeProvider(),
          ],
        };
    ''', id="call-not-fully-analysed"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: process.env.WORKOS_ISSUER_URL,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="issuer-from-environment-may-be-it"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              domain: `https://api.workos.com/user_management/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="oidc-user-management-is-left-to-WOS010"),
])
def test_wos003_unchanged(src):
    assert_unchanged(src, codes={"WOS003"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="two-spaces-double-quotes"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
            providers: [
                {
                    type: 'customJwt',
                    issuer: 'https://api.workos.com/',
                    applicationID: clientId,
                    algorithm: 'RS256',
                    jwks: `https://api.workos.com/sso/jwks/${clientId}`,
                },
            ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
            providers: [
                {
                    type: 'customJwt',
                    issuer: 'https://api.workos.com/',
                    applicationID: clientId,
                    algorithm: 'RS256',
                    jwks: `https://api.workos.com/sso/jwks/${clientId}`,
                },
                {
                    type: 'customJwt',
                    issuer: `https://api.workos.com/user_management/${clientId}`,
                    algorithm: 'RS256',
                    jwks: `https://api.workos.com/sso/jwks/${clientId}`,
                },
            ],
        };
    ''', id="four-spaces-single-quotes-sibling-key-order"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
        \tproviders: [
        \t\t{
        \t\t\ttype: "customJwt",
        \t\t\tissuer: "https://api.workos.com/",
        \t\t\talgorithm: "RS256",
        \t\t\tjwks: `https://api.workos.com/sso/jwks/${clientId}`,
        \t\t\tapplicationID: clientId,
        \t\t},
        \t],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
        \tproviders: [
        \t\t{
        \t\t\ttype: "customJwt",
        \t\t\tissuer: "https://api.workos.com/",
        \t\t\talgorithm: "RS256",
        \t\t\tjwks: `https://api.workos.com/sso/jwks/${clientId}`,
        \t\t\tapplicationID: clientId,
        \t\t},
        \t\t{
        \t\t\ttype: "customJwt",
        \t\t\tissuer: `https://api.workos.com/user_management/${clientId}`,
        \t\t\talgorithm: "RS256",
        \t\t\tjwks: `https://api.workos.com/sso/jwks/${clientId}`,
        \t\t},
        \t],
        };
    ''', id="tabs"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId
            }
          ]
        }
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId
            },
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`
            }
          ]
        }
    ''', id="no-trailing-commas-no-semicolons"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt" as const,
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt" as const,
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
            {
              type: "customJwt" as const,
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="as-const-on-type"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [{ type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId }],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [{ type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId }, { type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`, algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}` }],
        };
    ''', id="single-line-providers-array"),
    pytest.param('''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
              applicationID: "client_01ABC",
            },
          ],
        };
    ''', '''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
              applicationID: "client_01ABC",
            },
            {
              type: "customJwt",
              issuer: "https://api.workos.com/user_management/client_01ABC",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
            },
          ],
        };
    ''', id="hard-coded-client-id-stays-a-literal"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            }, // legacy environments
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            }, // legacy environments
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="comment-after-last-provider-stays-on-it"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId
            } // legacy environments
          ]
        }
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId
            }, // legacy environments
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`
            }
          ]
        }
    ''', id="comment-after-last-provider-no-comma"),
])
def test_wos003_fixes(before, after):
    assert_fixes(before, after, codes={"WOS003"})


# =================================================================================================
# WOS004 missing shared-issuer provider
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="canonical"),
    pytest.param('''
        export default {
          providers: [
            { domain: "https://clerk.example.com", applicationID: "convex" },
            { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" },
          ],
        };
    ''', id="no-workos-providers"),
    pytest.param('''
        import { otherProviders } from "./other";

        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            ...otherProviders,
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="spread-not-fully-analysed"),
    pytest.param('''
        import { makeProvider } from "./other";

        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
            makeProvider(),
          ],
        };
    ''', id="call-not-fully-analysed"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="docs-typo-is-left-to-WOS005"),
])
def test_wos004_unchanged(src):
    assert_unchanged(src, codes={"WOS004"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="two-spaces-double-quotes"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
            providers: [
                {
                    type: 'customJwt',
                    issuer: `https://api.workos.com/user_management/${clientId}`,
                    jwks: `https://api.workos.com/sso/jwks/${clientId}`,
                    algorithm: 'RS256',
                },
            ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
            providers: [
                {
                    type: 'customJwt',
                    issuer: `https://api.workos.com/user_management/${clientId}`,
                    jwks: `https://api.workos.com/sso/jwks/${clientId}`,
                    algorithm: 'RS256',
                },
                {
                    type: 'customJwt',
                    issuer: 'https://api.workos.com/',
                    jwks: `https://api.workos.com/sso/jwks/${clientId}`,
                    algorithm: 'RS256',
                    applicationID: clientId,
                },
            ],
        };
    ''', id="four-spaces-single-quotes-sibling-key-order"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
        \tproviders: [
        \t\t{
        \t\t\ttype: "customJwt",
        \t\t\tissuer: `https://api.workos.com/user_management/${clientId}`,
        \t\t\talgorithm: "RS256",
        \t\t\tjwks: `https://api.workos.com/sso/jwks/${clientId}`,
        \t\t},
        \t],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
        \tproviders: [
        \t\t{
        \t\t\ttype: "customJwt",
        \t\t\tissuer: `https://api.workos.com/user_management/${clientId}`,
        \t\t\talgorithm: "RS256",
        \t\t\tjwks: `https://api.workos.com/sso/jwks/${clientId}`,
        \t\t},
        \t\t{
        \t\t\ttype: "customJwt",
        \t\t\tissuer: "https://api.workos.com/",
        \t\t\talgorithm: "RS256",
        \t\t\tjwks: `https://api.workos.com/sso/jwks/${clientId}`,
        \t\t\tapplicationID: clientId,
        \t\t},
        \t],
        };
    ''', id="tabs"),
    pytest.param('''
        export default {
          providers: [
            {
              type: "customJwt" as const,
              issuer: `https://api.workos.com/user_management/${process.env.WORKOS_CLIENT_ID}`,
              algorithm: "RS256" as const,
              jwks: `https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}`
            }
          ]
        }
    ''', '''
        export default {
          providers: [
            {
              type: "customJwt" as const,
              issuer: `https://api.workos.com/user_management/${process.env.WORKOS_CLIENT_ID}`,
              algorithm: "RS256" as const,
              jwks: `https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}`
            },
            {
              type: "customJwt" as const,
              issuer: "https://api.workos.com/",
              algorithm: "RS256" as const,
              jwks: `https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}`,
              applicationID: process.env.WORKOS_CLIENT_ID
            }
          ]
        }
    ''', id="as-const-no-trailing-commas-no-semicolons"),
    pytest.param('''
        export default {
          providers: [{ type: "customJwt", issuer: "https://api.workos.com/user_management/client_01ABC", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_01ABC" }],
        };
    ''', '''
        export default {
          providers: [{ type: "customJwt", issuer: "https://api.workos.com/user_management/client_01ABC", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_01ABC" }, { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_01ABC", applicationID: "client_01ABC" }],
        };
    ''', id="single-line-providers-array-hard-coded-client-id"),
])
def test_wos004_fixes(before, after):
    assert_fixes(before, after, codes={"WOS004"})


# =================================================================================================
# WOS005 issuer mistakes
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://auth.example.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://auth.example.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="custom-auth-domain"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}/`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="one-trailing-slash-either-way-is-what-convex-trims"),
    pytest.param('''
        export default {
          providers: [
            { domain: "https://clerk.example.com", applicationID: "convex" },
          ],
        };
    ''', id="clerk-oidc"),
])
def test_wos005_unchanged(src):
    assert_unchanged(src, codes={"WOS005"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="docs-typo-application-id-kept"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="docs-typo-application-id-added"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/user_management",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="user-management-without-client-id"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/user_management/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="user-management-slash-without-client-id"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `http://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="http-user-management"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "HTTPS://API.WORKOS.COM/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="upper-case-shared-issuer"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "HTTPS://API.WORKOS.COM/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="upper-case-shared-issuer-without-application-id"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com//",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="double-slash-shared-issuer-without-application-id"),
    pytest.param('''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/client_01ABC",
              algorithm: "RS256",
            },
          ],
        };
    ''', '''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              applicationID: "client_01ABC",
            },
          ],
        };
    ''', id="docs-typo-hard-coded-client-id"),
])
def test_wos005_fixes(before, after):
    assert_fixes(before, after, codes={"WOS005"})


# =================================================================================================
# WOS006 JWKS URL
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="canonical-jwks"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://auth.example.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://auth.example.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="custom-domain-jwks-kept"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://auth.example.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="custom-domain-with-api-host-jwks-kept"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: process.env.WORKOS_JWKS_URL,
              applicationID: clientId,
            },
          ],
        };
    ''', id="jwks-from-environment"),
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256", applicationID: "app" },
          ],
        };
    ''', id="other-system"),
])
def test_wos006_unchanged(src):
    assert_unchanged(src, codes={"WOS006"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              applicationID: clientId,
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="missing"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks",
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="sso-jwks-without-client"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: "https://api.workos.com/jwks.json",
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="wrong-path"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://auth.example.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: "https://auth.example.com/sso/jwks",
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://auth.example.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://auth.example.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="custom-domain-without-client-keeps-host"),
    pytest.param('''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/user_management/client_01ABC",
              algorithm: "RS256",
            },
          ],
        };
    ''', '''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/user_management/client_01ABC",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
            },
          ],
        };
    ''', id="missing-hard-coded-client-id-in-issuer"),
])
def test_wos006_fixes(before, after):
    assert_fixes(before, after, codes={"WOS006"})


AUTHKIT_OAUTH_JWKS = '''
    const clientId = process.env.WORKOS_CLIENT_ID;

    export default {
      providers: [
        {
          type: "customJwt",
          issuer: "https://api.workos.com/",
          algorithm: "RS256",
          jwks: "https://foo.authkit.app/oauth2/jwks",
          applicationID: clientId,
        },
      ],
    };
'''


def test_wos006_authkit_oauth_jwks_is_reported_with_an_unsafe_fix():
    assert reported(AUTHKIT_OAUTH_JWKS, "WOS006") == [(9, "error", "unsafe")]


def test_wos006_authkit_oauth_jwks_is_fixed_with_unsafe_fixes():
    assert_fixes(AUTHKIT_OAUTH_JWKS, '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', codes={"WOS006"}, unsafe_fixes=True)


# =================================================================================================
# WOS007 applicationID that does not name the app (no fix)
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="client-id-const"),
    pytest.param('''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
              applicationID: "client_01ABC",
            },
          ],
        };
    ''', id="client-id-literal"),
    pytest.param('''
        export default {
          providers: [
            { domain: "https://clerk.example.com", applicationID: "convex" },
            { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" },
          ],
        };
    ''', id="convex-on-other-systems"),
])
def test_wos007_unchanged(src):
    assert_unchanged(src, codes={"WOS007"})


@pytest.mark.parametrize("src, expected", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: "convex",
            },
          ],
        };
    ''', [(10, "warning", "none")], id="convex"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: 'convex-workos',
            },
          ],
        };
    ''', [(10, "warning", "none")], id="convex-workos"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: `convex_${clientId}`,
            },
          ],
        };
    ''', [(10, "warning", "none")], id="template-aud"),
])
def test_wos007_reported(src, expected):
    assert reported(src, "WOS007") == expected


def test_wos007_message():
    assert messages('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_01ABC", applicationID: "convex" },
          ],
        };
    ''', "WOS007") == ['applicationID "convex" is the aud your JWT template sets, not the client id: '
                       "it does not bind tokens to this app"]


# =================================================================================================
# WOS008 `audience` instead of `applicationID`
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="application-id"),
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256", audience: "app" },
          ],
        };
    ''', id="other-system"),
])
def test_wos008_unchanged(src):
    assert_unchanged(src, codes={"WOS008"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              audience: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="shared-issuer"),
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://api.workos.com", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_01ABC", "audience": "client_01ABC" },
          ],
        };
    ''', '''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://api.workos.com", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_01ABC", "applicationID": "client_01ABC" },
          ],
        };
    ''', id="quoted-key-keeps-quotes"),
])
def test_wos008_fixes(before, after):
    assert_fixes(before, after, codes={"WOS008"})


@pytest.mark.parametrize("src, expected", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              audience: clientId,
            },
          ],
        };
    ''', [(10, "warning", "none")], id="user-management-issuer"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
              audience: clientId,
            },
          ],
        };
    ''', [(11, "warning", "none")], id="beside-application-id"),
])
def test_wos008_reported(src, expected):
    assert reported(src, "WOS008") == expected


# =================================================================================================
# WOS009 algorithm
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256" as const,
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="rs256-as-const"),
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256", applicationID: "app" },
          ],
        };
    ''', id="other-system-es256"),
])
def test_wos009_unchanged(src):
    assert_unchanged(src, codes={"WOS009"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
              algorithm: "RS256",
            },
          ],
        };
    ''', id="missing"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: 'customJwt',
              issuer: 'https://api.workos.com/',
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId
            }
          ]
        }
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: 'customJwt',
              issuer: 'https://api.workos.com/',
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
              algorithm: 'RS256'
            }
          ]
        }
    ''', id="missing-single-quotes-no-trailing-comma"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "ES256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="es256"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: 'HS256',
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: 'RS256',
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="hs256-keeps-its-single-quotes"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "ES256" as const,
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256" as const,
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="es256-as-const-kept"),
])
def test_wos009_fixes(before, after):
    assert_fixes(before, after, codes={"WOS009"})


# =================================================================================================
# WOS010 WorkOS as an OIDC provider
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        export default {
          providers: [
            { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" },
            { domain: "https://clerk.example.com", applicationID: "convex" },
          ],
        };
    ''', id="other-oidc-providers"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="custom-jwt-user-management"),
])
def test_wos010_unchanged(src):
    assert_unchanged(src, codes={"WOS010"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        export default {
          providers: [
            {
              domain: `https://api.workos.com/user_management/${process.env.WORKOS_CLIENT_ID}`,
              applicationID: process.env.WORKOS_CLIENT_ID,
            },
          ],
        };
    ''', '''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${process.env.WORKOS_CLIENT_ID}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}`,
            },
          ],
        };
    ''', id="template-2025-07-14"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID

        export default {
          providers: [
            {
              domain: `https://api.workos.com/user_management/${clientId}`,
              applicationID: clientId
            }
          ]
        }
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`
            }
          ]
        }
    ''', id="no-trailing-commas"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { domain: `https://api.workos.com/user_management/${clientId}`, applicationID: clientId },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`, algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}` },
          ],
        };
    ''', id="single-line"),
    pytest.param('''
        export default {
          providers: [
            {
              domain: "https://api.workos.com/user_management/client_01ABC",
              applicationID: "client_01ABC",
            },
          ],
        };
    ''', '''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/user_management/client_01ABC",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
            },
          ],
        };
    ''', id="hard-coded-client-id"),
])
def test_wos010_fixes(before, after):
    assert_fixes(before, after, codes={"WOS010"})


@pytest.mark.parametrize("src, expected", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              domain: `https://api.workos.com/convex/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', [(5, "warning", "none")], id="convex-issuer-family-unverified"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { domain: `https://api.workos.com/sso/${clientId}`, applicationID: clientId },
          ],
        };
    ''', [(5, "warning", "none")], id="sso-issuer-family-unverified"),
])
def test_wos010_reported(src, expected):
    assert reported(src, "WOS010") == expected


# =================================================================================================
# CVX001 applicationID spelling
# =================================================================================================

CVX001_MESSAGE = ("The pushed auth config is invalid: Provider at index {i} must have applicationID property "
                  "spelled lowercase 'application', capital I, capital D.")


@pytest.mark.parametrize("src", [
    pytest.param('''
        export default {
          providers: [
            { domain: "https://clerk.example.com", applicationID: "convex" },
          ],
        };
    ''', id="correct-spelling"),
])
def test_cvx001_unchanged(src):
    assert_unchanged(src, codes={"CVX001"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationId: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="applicationId"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              "applicationid": clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              "applicationID": clientId,
            },
          ],
        };
    ''', id="quoted-applicationid"),
])
def test_cvx001_fixes(before, after):
    assert_fixes(before, after, codes={"CVX001"})


@pytest.mark.parametrize("src, expected", [
    pytest.param('''
        export default {
          providers: [
            { domain: "https://clerk.example.com", applicationId: "convex" },
          ],
        };
    ''', [(3, "error", "none")], id="clerk-not-ours-to-fix"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
              applicationId: clientId,
            },
          ],
        };
    ''', [(11, "error", "none")], id="beside-applicationID"),
])
def test_cvx001_reported(src, expected):
    assert reported(src, "CVX001") == expected


def test_cvx001_message_is_convex_text():
    assert messages('''
        export default {
          providers: [
            { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" },
            { domain: "https://clerk.example.com", applicationid: "convex" },
          ],
        };
    ''', "CVX001") == [CVX001_MESSAGE.format(i=1)]


# =================================================================================================
# CVX002 unexpected provider type
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        export default {
          providers: [
            { type: "oidc", domain: "https://clerk.example.com", applicationID: "convex" },
            { type: "customJwt", issuer: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256" },
          ],
        };
    ''', id="oidc-and-customJwt"),
])
def test_cvx002_unchanged(src):
    assert_unchanged(src, codes={"CVX002"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJWT",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="customJWT"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { type: 'CUSTOMJWT', issuer: "https://api.workos.com/", algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { type: 'customJwt', issuer: "https://api.workos.com/", algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}`, applicationID: clientId },
          ],
        };
    ''', id="upper-case-keeps-single-quotes"),
])
def test_cvx002_fixes(before, after):
    assert_fixes(before, after, codes={"CVX002"})


@pytest.mark.parametrize("src, expected", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "jwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', [(6, "error", "none")], id="jwt-on-workos"),
    pytest.param('''
        export default {
          providers: [
            { type: "customJWT", issuer: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256" },
          ],
        };
    ''', [(3, "error", "none")], id="customJWT-on-other-system"),
])
def test_cvx002_reported(src, expected):
    assert reported(src, "CVX002") == expected


def test_cvx002_message_is_convex_text():
    assert messages('''
        export default {
          providers: [
            { type: "jwt", issuer: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256" },
          ],
        };
    ''', "CVX002") == ["The pushed auth config is invalid: Provider at index 0 has unexpected 'type' value 'jwt'"]


# =================================================================================================
# CVX003 customJwt with domain / OIDC with issuer
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        export default {
          providers: [
            { domain: "https://clerk.example.com", applicationID: "convex" },
            { type: "customJwt", issuer: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256" },
          ],
        };
    ''', id="each-kind-with-its-key"),
])
def test_cvx003_unchanged(src):
    assert_unchanged(src, codes={"CVX003"})


@pytest.mark.parametrize("before, after", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              domain: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="custom-jwt-domain-renamed"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="oidc-issuer-gets-type-first"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
        \tproviders: [
        \t\t{
        \t\t\tissuer: `https://api.workos.com/user_management/${clientId}`,
        \t\t\talgorithm: 'RS256',
        \t\t\tjwks: `https://api.workos.com/sso/jwks/${clientId}`,
        \t\t},
        \t],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
        \tproviders: [
        \t\t{
        \t\t\ttype: 'customJwt',
        \t\t\tissuer: `https://api.workos.com/user_management/${clientId}`,
        \t\t\talgorithm: 'RS256',
        \t\t\tjwks: `https://api.workos.com/sso/jwks/${clientId}`,
        \t\t},
        \t],
        };
    ''', id="oidc-issuer-tabs-single-quotes"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { issuer: `https://api.workos.com/user_management/${clientId}`, algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}` },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            { type: "customJwt", issuer: `https://api.workos.com/user_management/${clientId}`, algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${clientId}` },
          ],
        };
    ''', id="oidc-issuer-single-line"),
])
def test_cvx003_fixes(before, after):
    assert_fixes(before, after, codes={"CVX003"})


@pytest.mark.parametrize("src, expected", [
    pytest.param('''
        export default {
          providers: [
            { issuer: "https://clerk.example.com", applicationID: "convex" },
            { type: "customJwt", domain: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256" },
          ],
        };
    ''', [(3, "error", "none"), (4, "error", "none")], id="other-systems"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              domain: "https://api.workos.com/",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', [(7, "error", "none")], id="domain-beside-issuer"),
])
def test_cvx003_reported(src, expected):
    assert reported(src, "CVX003") == expected


def test_cvx003_messages_are_convex_text():
    assert messages('''
        export default {
          providers: [
            { issuer: "https://clerk.example.com", applicationID: "convex" },
            { type: "customJwt", domain: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256" },
          ],
        };
    ''', "CVX003") == [
        "The pushed auth config is invalid: Provider at index 0 is oidc so cannot have an 'issuer' specified.",
        "The pushed auth config is invalid: Provider at index 1 is a customJwt so cannot have a 'domain' specified",
    ]


# =================================================================================================
# CVX004 missing required field (no fix)
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://privy.io", jwks: "https://auth.privy.io/jwks.json", algorithm: "ES256", applicationID: "app" },
            { domain: "https://clerk.example.com", applicationID: "convex" },
          ],
        };
    ''', id="complete-providers"),
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://api.workos.com/", applicationID: process.env.WORKOS_CLIENT_ID },
          ],
        };
    ''', id="workos-jwks-and-algorithm-are-WOS006-WOS009"),
    pytest.param('''
        import { base } from "./base";

        export default {
          providers: [
            { ...base, type: "customJwt", issuer: "https://privy.io" },
          ],
        };
    ''', id="spread-may-supply-keys"),
])
def test_cvx004_unchanged(src):
    assert_unchanged(src, codes={"CVX004"})


@pytest.mark.parametrize("src, expected, message", [
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://privy.io", algorithm: "ES256", applicationID: "app" },
          ],
        };
    ''', [(3, "error", "none")], "customJwt provider without jwks: Convex refuses the push", id="other-custom-jwt-without-jwks"),
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", jwks: "https://example.com/jwks.json", algorithm: "RS256" },
          ],
        };
    ''', [(3, "error", "none")], "customJwt provider without issuer: Convex refuses the push", id="without-issuer"),
    pytest.param('''
        export default {
          providers: [
            { domain: "https://clerk.example.com" },
          ],
        };
    ''', [(3, "error", "none")], "oidc provider without applicationID: Convex refuses the push", id="oidc-without-application-id"),
])
def test_cvx004_reported(src, expected, message):
    assert reported(src, "CVX004") == expected
    assert messages(src, "CVX004") == [message]


# =================================================================================================
# CVX005 AuthConfig with convex < 1.27.5 (needs the installed convex version; no fix)
# =================================================================================================

def run_with_convex(source: str, version: str | None, where: str = "package-lock.json"):
    packages = {} if version is None else {"convex": Installed(version, where, Path(where))}
    data = textwrap.dedent(source).lstrip("\n").encode()
    return process("convex/auth.config.ts", data, [by_code("CVX005")], Options(), packages=packages)


SATISFIES_AUTH_CONFIG = '''
    import type { AuthConfig } from "convex/server";

    export default {
      providers: [
        { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" },
      ],
    } satisfies AuthConfig;
'''
ANNOTATED_AUTH_CONFIG = '''
    import { AuthConfig } from "convex/server";

    const authConfig: AuthConfig = {
      providers: [
        { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" },
      ],
    };

    export default authConfig;
'''
NO_AUTH_CONFIG_TYPE = '''
    export default {
      providers: [
        { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" },
      ],
    };
'''


@pytest.mark.parametrize("src, version", [
    pytest.param(SATISFIES_AUTH_CONFIG, "1.48.0", id="convex-1.48.0"),
    pytest.param(SATISFIES_AUTH_CONFIG, "1.27.5", id="convex-1.27.5-boundary"),
    pytest.param(SATISFIES_AUTH_CONFIG, None, id="convex-version-unknown"),
    pytest.param(NO_AUTH_CONFIG_TYPE, "1.25.4", id="no-AuthConfig-type"),
])
def test_cvx005_unchanged(src, version):
    result = run_with_convex(src, version)
    assert result.found == []
    assert result.output is None


@pytest.mark.parametrize("src, version, line", [
    pytest.param(SATISFIES_AUTH_CONFIG, "1.25.4", 1, id="satisfies-convex-1.25.4"),
    pytest.param(SATISFIES_AUTH_CONFIG, "1.27.4", 1, id="satisfies-convex-1.27.4"),
    pytest.param(ANNOTATED_AUTH_CONFIG, "1.25.4", 1, id="annotation-convex-1.25.4"),
])
def test_cvx005_reported(src, version, line):
    result = run_with_convex(src, version)
    assert result.output is None
    assert [(d.code, d.line, d.severity.value, d.fix.applicability.value) for d in result.found] == [
        ("CVX005", line, "warning", "none")]
    assert result.found[0].message == (
        f"`AuthConfig` is exported by convex 1.27.5 and later; convex {version} (package-lock.json) "
        "does not type-check this file")


# =================================================================================================
# FAC001 code the tool cannot see into (info, never an edit)
# =================================================================================================

@pytest.mark.parametrize("src", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''', id="plain-literal-config"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;
        const providers = [{ domain: process.env.CONVEX_SITE_URL, applicationID: "convex" }];
        const authConfig = { providers };

        export default authConfig;
    ''', id="consts-of-this-file"),
])
def test_fac001_unchanged(src):
    assert_unchanged(src, codes={"FAC001"})


@pytest.mark.parametrize("src, expected, message", [
    pytest.param('''
        import { buildProviders } from "./providers";

        export default {
          providers: buildProviders(),
        };
    ''', [(4, "info", "none")], "providers come from `buildProviders()`; not analysed", id="providers-from-a-call"),
    pytest.param('''
        import { otherProviders } from "./other";

        export default {
          providers: [
            ...otherProviders,
            { domain: process.env.CONVEX_SITE_URL, applicationID: "convex" },
          ],
        };
    ''', [(5, "info", "none")], "providers spread from `otherProviders`; not analysed", id="spread"),
    pytest.param('''
        import { makeConfig } from "./make";

        export default makeConfig();
    ''', [(3, "info", "none")], "the default export is `makeConfig()`; not analysed", id="default-export-call"),
])
def test_fac001_reported(src, expected, message):
    assert reported(src, "FAC001") == expected
    assert messages(src, "FAC001") == [message]


def test_fac001_spread_beside_a_fixable_provider_is_left_as_it_is():
    """All rules: the WorkOS provider is fixed, the spread line is not touched, FAC001 stays."""
    result = assert_fixes('''
        import { otherProviders } from "./other";

        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            ...otherProviders,
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', '''
        import { otherProviders } from "./other";

        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            ...otherProviders,
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
          ],
        };
    ''')
    assert [d.code for d in result.remaining] == ["FAC001"]


# =================================================================================================
# Across rules: newline style, BOM and comments survive a fix
# =================================================================================================

SHARED_NO_APP_ID = (
    "const clientId = process.env.WORKOS_CLIENT_ID;\n"
    "\n"
    "export default {\n"
    "  providers: [\n"
    "    {\n"
    '      type: "customJwt",\n'
    '      issuer: "https://api.workos.com/",\n'
    '      algorithm: "RS256",\n'
    "      jwks: `https://api.workos.com/sso/jwks/${clientId}`,\n"
    "    },\n"
    "  ],\n"
    "};\n"
)
SHARED_WITH_APP_ID = SHARED_NO_APP_ID.replace(
    "${clientId}`,\n", "${clientId}`,\n      applicationID: clientId,\n")
UM_PROVIDER = (
    "    {\n"
    '      type: "customJwt",\n'
    "      issuer: `https://api.workos.com/user_management/${clientId}`,\n"
    '      algorithm: "RS256",\n'
    "      jwks: `https://api.workos.com/sso/jwks/${clientId}`,\n"
    "    },\n"
)
CANONICAL = SHARED_WITH_APP_ID.replace("    },\n  ],", "    },\n" + UM_PROVIDER + "  ],")
BOM = "\ufeff"


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


@pytest.mark.parametrize("before, after, code", [
    pytest.param(crlf(SHARED_NO_APP_ID), crlf(SHARED_WITH_APP_ID), "WOS001", id="crlf-pair-added"),
    pytest.param(crlf(SHARED_WITH_APP_ID), crlf(CANONICAL), "WOS003", id="crlf-provider-added"),
    pytest.param(BOM + SHARED_NO_APP_ID, BOM + SHARED_WITH_APP_ID, "WOS001", id="bom-pair-added"),
    pytest.param(BOM + crlf(SHARED_WITH_APP_ID), BOM + crlf(CANONICAL), "WOS003", id="bom-crlf-provider-added"),
])
def test_newlines_and_bom_are_kept(before, after, code):
    result = process("convex/auth.config.ts", before.encode(), [by_code(code)], Options())
    assert result.refused is None
    assert result.output == after.encode()
    again = process("convex/auth.config.ts", result.output, [by_code(code)], Options())
    assert again.output is None


@pytest.mark.parametrize("before, after, codes", [
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            // legacy WorkOS environments
            {
              type: "customJwt", // keep
              issuer: "https://api.workos.com/",
              /* the client's key set */
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              algorithm: "RS256", // WorkOS signs with RS256
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            // legacy WorkOS environments
            {
              type: "customJwt", // keep
              issuer: "https://api.workos.com/",
              /* the client's key set */
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              algorithm: "RS256", // WorkOS signs with RS256
              applicationID: clientId,
            },
          ],
        };
    ''', {"WOS001"}, id="pair-added-after-comments"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`, // new environments
              // WorkOS templates of 2025-07 set this:
              applicationID: clientId,
              /* key set */ jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              algorithm: "RS256",
            },
          ],
        };
    ''', '''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`, // new environments
              // WorkOS templates of 2025-07 set this:
              /* key set */ jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              algorithm: "RS256",
            },
          ],
        };
    ''', {"WOS002"}, id="pair-removed-between-comments"),
    pytest.param('''
        export default {
          providers: [
            {
              // from the July 2025 template
              domain: `https://api.workos.com/user_management/${process.env.WORKOS_CLIENT_ID}`, // OIDC
              applicationID: process.env.WORKOS_CLIENT_ID,
            },
          ],
        };
    ''', '''
        export default {
          providers: [
            {
              // from the July 2025 template
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${process.env.WORKOS_CLIENT_ID}`, // OIDC
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${process.env.WORKOS_CLIENT_ID}`,
            },
          ],
        };
    ''', {"WOS010"}, id="provider-rewritten-around-comments"),
])
def test_comments_survive(before, after, codes):
    assert_fixes(before, after, codes=codes)


def test_hard_coded_client_id_is_reused_as_a_literal_by_all_rules():
    assert_fixes('''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
            },
          ],
        };
    ''', '''
        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
              applicationID: "client_01ABC",
            },
            {
              type: "customJwt",
              issuer: "https://api.workos.com/user_management/client_01ABC",
              algorithm: "RS256",
              jwks: "https://api.workos.com/sso/jwks/client_01ABC",
            },
          ],
        };
    ''')


# =================================================================================================
# The tables above cover every config rule, and each code they name is a real rule
# =================================================================================================

# --- WOS011: a custom auth domain named with --auth-domain ----------------------------------------

CANONICAL_PAIR = """
    const clientId = process.env.WORKOS_CLIENT_ID;

    export default {
      providers: [
        {
          type: "customJwt",
          issuer: "https://api.workos.com/",
          algorithm: "RS256",
          jwks: `https://api.workos.com/sso/jwks/${clientId}`,
          applicationID: clientId,
        },
        {
          type: "customJwt",
          issuer: `https://api.workos.com/user_management/${clientId}`,
          algorithm: "RS256",
          jwks: `https://api.workos.com/sso/jwks/${clientId}`,
        },
      ],
    };
"""


@pytest.mark.parametrize("source, domains", [
    pytest.param(CANONICAL_PAIR, (), id="no-auth-domain-given"),
    pytest.param(CANONICAL_PAIR.replace("https://api.workos.com/user_management/", "https://auth.example.com/user_management/"),
                 ("auth.example.com",), id="domain-already-served"),
    pytest.param("export default { providers: [{ domain: 'https://clerk.example.com', applicationID: 'convex' }] };",
                 ("auth.example.com",), id="no-workos-provider"),
])
def test_wos011_unchanged(source, domains):
    assert_unchanged(source, codes={"WOS011"}, auth_domains=domains)


def test_wos011_fixes():
    assert_fixes(CANONICAL_PAIR, CANONICAL_PAIR.replace("""
      ],
    };""", """
        {
          type: "customJwt",
          issuer: `https://auth.example.com/user_management/${clientId}`,
          algorithm: "RS256",
          jwks: `https://auth.example.com/sso/jwks/${clientId}`,
        },
      ],
    };"""), codes={"WOS011"}, auth_domains=("auth.example.com",))


# --- WOS003 / WOS004 where providers sit in branches and callbacks (issue 5) -----------------------

SHARED_IN = '''{{ type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${{{c}}}`, applicationID: {c} }}'''
UM_IN = '''{{ type: "customJwt", issuer: `https://api.workos.com/user_management/${{{c}}}`, algorithm: "RS256", jwks: `https://api.workos.com/sso/jwks/${{{c}}}` }}'''


@pytest.mark.parametrize("src, expected, fix", [
    pytest.param(f'''
        const dev = process.env.WORKOS_CLIENT_ID_DEV;
        const prod = process.env.WORKOS_CLIENT_ID;

        export default {{
          providers: process.env.IS_PROD
            ? [{SHARED_IN.format(c="prod")}, {UM_IN.format(c="prod")}]
            : [{SHARED_IN.format(c="dev")}],
        }};
    ''', [(7, "warning", "none")], "another branch has one", id="one-branch-lacks-what-another-has"),
    pytest.param('''
        export default {
          providers: [process.env.WORKOS_CLIENT_ID, process.env.WORKOS_CLIENT_ID_PROD].map((id) => ({
            type: "customJwt",
            issuer: "https://api.workos.com/",
            algorithm: "RS256",
            jwks: `https://api.workos.com/sso/jwks/${id}`,
            applicationID: id,
          })),
        };
    ''', [(2, "warning", "none")], "make it a `flatMap`", id="map-callback-returns-one-object"),
])
def test_wos003_reported_in_branches_and_callbacks(src, expected, fix):
    assert reported(src, "WOS003") == expected
    [diagnostic] = run(src, {"WOS003"}).found
    assert fix in diagnostic.fix.message


def test_wos003_fixes_each_branch_when_none_has_it():
    assert_fixes(f'''
        const dev = process.env.WORKOS_CLIENT_ID_DEV;
        const prod = process.env.WORKOS_CLIENT_ID;

        export default {{
          providers: process.env.IS_PROD
            ? [{SHARED_IN.format(c="prod")}]
            : [{SHARED_IN.format(c="dev")}],
        }};
    ''', f'''
        const dev = process.env.WORKOS_CLIENT_ID_DEV;
        const prod = process.env.WORKOS_CLIENT_ID;

        export default {{
          providers: process.env.IS_PROD
            ? [{SHARED_IN.format(c="prod")}, {UM_IN.format(c="prod")}]
            : [{SHARED_IN.format(c="dev")}, {UM_IN.format(c="dev")}],
        }};
    ''', codes={"WOS003"})


def test_wos004_adds_to_the_array_that_holds_the_workos_providers_not_the_outer_one():
    assert_fixes(f'''
        export default {{
          providers: [
            {{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }},
            ...[process.env.WORKOS_CLIENT_ID].flatMap((id) => [{UM_IN.format(c="id")}]),
          ],
        }};
    ''', f'''
        export default {{
          providers: [
            {{ domain: process.env.CLERK_JWT_ISSUER_DOMAIN, applicationID: "convex" }},
            ...[process.env.WORKOS_CLIENT_ID].flatMap((id) => [{UM_IN.format(c="id")}, {SHARED_IN.format(c="id")}]),
          ],
        }};
    ''', codes={"WOS004"})


# =================================================================================================
# WOS012 redundant provider (an earlier provider always shadows it; unsafe fix: remove it)
# =================================================================================================

REDUNDANT_BASE = """
    const clientId = process.env.WORKOS_CLIENT_ID;

    export default {
      providers: [
        {
          type: "customJwt",
          issuer: "https://api.workos.com/",
          algorithm: "RS256",
          jwks: `https://api.workos.com/sso/jwks/${clientId}`,
          applicationID: clientId,
        },
        {
          type: "customJwt",
          issuer: `https://api.workos.com/user_management/${clientId}`,
          algorithm: "RS256",
          jwks: `https://api.workos.com/sso/jwks/${clientId}`,
        },%s
      ],
    };
"""

SHARED_COPY = """
        {
          type: "customJwt",
          issuer: "https://api.workos.com",
          algorithm: "RS256",
          jwks: `https://api.workos.com/sso/jwks/${clientId}`,
          applicationID: clientId,
        },"""


@pytest.mark.parametrize("src", [
    pytest.param(REDUNDANT_BASE % "", id="canonical"),
    pytest.param(REDUNDANT_BASE % SHARED_COPY.replace("applicationID: clientId", 'applicationID: "convex"'),
                 id="another-application-id-is-another-check"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: "https://api.workos.com/",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
              applicationID: clientId,
            },
            {
              type: "customJwt",
              issuer: "https://api.workos.com",
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="later-without-application-id-accepts-more"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            ...(process.env.USE_WORKOS ? [{
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            }] : []),
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}/`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
          ],
        };
    ''', id="earlier-only-in-a-branch"),
    pytest.param('''
        export default {
          providers: [
            { domain: process.env.CLERK_ISSUER, applicationID: "convex" },
            { domain: "https://clerk.example.com", applicationID: "convex" },
          ],
        };
    ''', id="issuer-from-the-environment-may-differ"),
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", ...base, issuer: "https://api.workos.com/", algorithm: "RS256", jwks: "https://x/jwks" },
            { type: "customJwt", issuer: "https://api.workos.com", algorithm: "RS256", jwks: "https://x/jwks", applicationID: "client_1" },
          ],
        };
    ''', id="earlier-with-a-spread-may-have-application-id"),
])
def test_wos012_unchanged(src):
    assert_unchanged(src, codes={"WOS012"})


@pytest.mark.parametrize("src, expected", [
    pytest.param(REDUNDANT_BASE % SHARED_COPY, [(18, "info", "unsafe")], id="shared-issuer-without-slash"),
    pytest.param(REDUNDANT_BASE % """
        {
          type: "customJwt",
          issuer: `https://api.workos.com/user_management/${clientId}/`,
          algorithm: "RS256",
          jwks: "https://api.workos.com/sso/jwks",
        },""", [(18, "warning", "unsafe")], id="user-management-with-slash-and-another-jwks"),
    pytest.param('''
        export default {
          providers: [
            { domain: "https://clerk.example.com", applicationID: "convex" },
            { domain: "https://clerk.example.com/", applicationID: "convex" },
          ],
        };
    ''', [(4, "info", "none")], id="another-systems-copy-is-reported-not-changed"),
    pytest.param('''
        const clientId = process.env.WORKOS_CLIENT_ID;

        export default {
          providers: [
            {
              type: "customJwt",
              issuer: `https://api.workos.com/user_management/${clientId}`,
              algorithm: "RS256",
              jwks: `https://api.workos.com/sso/jwks/${clientId}`,
            },
            ...[clientId].flatMap((id) => [
              {
                type: "customJwt",
                issuer: `https://api.workos.com/user_management/${clientId}//`,
                algorithm: "RS256",
                jwks: `https://api.workos.com/sso/jwks/${clientId}`,
                applicationID: clientId,
              },
            ]),
          ],
        };
    ''', [(12, "info", "unsafe")], id="earlier-without-application-id-shadows-a-later-one-with-it"),
])
def test_wos012_reported(src, expected):
    assert reported(src, "WOS012") == expected


def test_wos012_message_names_the_earlier_provider_and_no_fall_through():
    [message] = messages(REDUNDANT_BASE % SHARED_COPY, "WOS012")
    assert message == ("same issuer as the provider at line 5 up to trailing slashes: Convex trims them, selects the "
                       "first match and never falls through, so this provider is never used")


@pytest.mark.parametrize("before, after", [
    pytest.param(REDUNDANT_BASE % SHARED_COPY, REDUNDANT_BASE % "", id="own-lines"),
    pytest.param('''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_1", applicationID: "client_1" },
            { type: "customJwt", issuer: "https://api.workos.com", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_1", applicationID: "client_1" }, // workaround
            { type: "customJwt", issuer: "https://api.workos.com/user_management/client_1", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_1" }
          ]
        };
    ''', '''
        export default {
          providers: [
            { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_1", applicationID: "client_1" },
            // workaround
            { type: "customJwt", issuer: "https://api.workos.com/user_management/client_1", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_1" }
          ]
        };
    ''', id="one-line-providers-comment-kept"),
    pytest.param('''
        export default { providers: [{ domain: "https://x.example.com", applicationID: "a" }, { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_1", applicationID: "client_1" }, { type: "customJwt", issuer: "https://api.workos.com//", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_1", applicationID: "client_1" }] };
    ''', '''
        export default { providers: [{ domain: "https://x.example.com", applicationID: "a" }, { type: "customJwt", issuer: "https://api.workos.com/", algorithm: "RS256", jwks: "https://api.workos.com/sso/jwks/client_1", applicationID: "client_1" }] };
    ''', id="last-of-one-line-array"),
])
def test_wos012_fixes_with_unsafe_fixes(before, after):
    assert run(before, {"WOS012"}).output is None  # unsafe: never applied by default
    assert_fixes(before, after, codes={"WOS012"}, unsafe_fixes=True)


TESTED = {"CVX001", "CVX002", "CVX003", "CVX004", "CVX005", "FAC001",
          "WOS001", "WOS002", "WOS003", "WOS004", "WOS005", "WOS006", "WOS007", "WOS008", "WOS009", "WOS010", "WOS011",
          "WOS012"}


def test_every_config_rule_has_tables():
    from rules import all_rules

    config_rules = {m.CODE for m in all_rules() if hasattr(m, "check")}
    assert config_rules == TESTED
    assert all(by_code(code) is not None for code in TESTED)  # a mistyped code would run no rule at all
    names = {name.split("_")[1].upper() for name in globals() if name.startswith("test_") and name.count("_") >= 2}
    assert TESTED <= names
