"""No provider for a custom WorkOS auth domain given with --auth-domain.

What it does: with `--auth-domain HOST`, flags a config with WorkOS providers and none whose issuer
is `https://HOST/user_management/<client id>`.

Why is this bad? A WorkOS environment with a custom auth domain (production only) issues tokens
whose iss is that domain, not api.workos.com: no api.workos.com provider selects them and Convex
logs NoAuthProvider.

Example:
    fix-authconfig --auth-domain auth.example.com .   # config has only api.workos.com providers

Fix safety: safe. The added provider is bound to this app by its issuer path, and reads the keys
from `https://HOST/sso/jwks/<client id>`, as public configs with custom domains do. The host is
trusted only because you named it: the tool never adds a domain on its own.

Source: facts/workos-tokens.md (custom auth domain row).
"""

from codemod.diagnostics import Applicability, Fix, Severity
from codemod.engine import Finding
from codemod.rewrite import append_provider, render_provider, workos_provider
from codemod.workos import IssuerKind

CODE = "WOS011"
NAME = "missing-custom-domain-provider"
SEVERITY = Severity.WARNING
FIX = Applicability.SAFE
APPLIES_TO = {"convex": "*"}


def check(ctx):
    if not ctx.auth_domains:
        return
    for host in ctx.auth_domains:
        def covers(provider, host=host) -> bool:
            issuer = ctx.issuer(provider)
            return issuer.kind is IssuerKind.UNKNOWN or (
                issuer.kind is IssuerKind.USER_MANAGEMENT and issuer.host.lower() == host.lower())

        for group, manual in ctx.missing(covers):
            at = ctx.config.groups[group].span.start
            message = (f"no provider accepts tokens of the custom auth domain {host} "
                       f"(iss https://{host}/user_management/<client id>)")
            if manual is not None:
                yield Finding(at, message, Fix.manual(f"add the user_management provider for {host}; {manual}"))
                continue
            client = ctx.client_in(group)
            text, multiline = render_provider(ctx.config, workos_provider("user_management", client, ctx.style_in(group), host),
                                              ctx.style, group)
            yield Finding(at, message, Fix.safe(f"add the user_management provider for {host}",
                                                *append_provider(ctx.config, text, multiline, ctx.style, group)))
