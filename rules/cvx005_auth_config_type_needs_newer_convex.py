"""`AuthConfig` with a convex package older than 1.27.5.

What it does: flags a config that imports the `AuthConfig` type or uses `satisfies AuthConfig`
when the installed `convex` is older than 1.27.5.

Why is this bad? `convex/server` exports `AuthConfig` only since 1.27.5, so the file does not
type-check and `npx convex dev` / `deploy` report a type error.

Example:
    import { AuthConfig } from "convex/server";   // with convex 1.25.4 installed

Fix safety: no fix: upgrade convex (`npm install convex@latest`) or drop the type annotation.

Source: facts/convex-auth-config.md §1 (AuthConfig, convex 1.27.5).
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding

CODE = "CVX005"
NAME = "auth-config-type-needs-convex-1-27-5"
SEVERITY = Severity.WARNING
FIX = Applicability.NONE
APPLIES_TO = {"convex": "<1.27.5"}


def check(ctx):
    installed = ctx.packages.get("convex")
    if not ctx.config.uses_auth_config_type or installed is None:
        return
    offset = ctx.config.source.find(b"AuthConfig")
    yield Finding(max(offset, 0),
                  f"`AuthConfig` is exported by convex 1.27.5 and later; convex {installed.version} "
                  f"({installed.source}) does not type-check this file",
                  Fix.manual("upgrade convex to 1.27.5 or later, or drop the AuthConfig type"))
