"""The command line: a thin loop over discover → versions → engine → write/report."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, NamedTuple, Optional

import typer

from codemod import __version__
from codemod.errors import InputError

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


class TokenRequest(NamedTuple):
    value: str  # JWT, "-" or "@FILE"
    client_id: Optional[str]
    jwks: Optional[Path]


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


@app.command(context_settings={"help_option_names": ["-h", "--help"]})
def run(
    paths: Optional[List[Path]] = typer.Argument(None, help="Repos, folders or auth config files (default: .)."),
    check: bool = typer.Option(False, "--check", help="Write nothing; report the problems."),
    dry_run: bool = typer.Option(False, "--dry-run", "--diff", help="Write nothing; print the fix as a unified diff."),
    output_format: Format = typer.Option(Format.text, "--format", help="Output format."),
    client_id_env: str = typer.Option("WORKOS_CLIENT_ID", "--client-id-env", metavar="NAME",
                                      help="Variable holding the WorkOS client id, for configs that name none."),
    auth_domain: Optional[List[str]] = typer.Option(None, "--auth-domain", metavar="HOST",
                                                    help="A custom WorkOS auth domain (repeatable)."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="Also apply fixes marked unsafe."),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="CODE",
                                               help="Only these rules (code or prefix; repeatable or comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="CODE",
                                               help="Skip these rules (code or prefix; repeatable or comma-separated)."),
    token: Optional[str] = typer.Option(None, "--token", metavar="JWT|-|@FILE",
                                        help="Explain how Convex matches this token, before and after the fix."),
    client_id: Optional[str] = typer.Option(None, "--client-id", metavar="VALUE",
                                            help="The project's WorkOS client id, for --token."),
    jwks: Optional[Path] = typer.Option(None, "--jwks", metavar="FILE",
                                        help="A JWKS saved from the JWKS URL: check the token's signature offline."),
    list_rules: bool = typer.Option(False, "--list-rules", help="List the rules and exit."),
    explain: Optional[str] = typer.Option(None, "--explain", metavar="CODE", help="Print a rule's documentation."),
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    """Check and fix the WorkOS providers of Convex auth configs (convex/auth.config.ts)."""
    if version:
        typer.echo(f"fix-authconfig {__version__}")
        return
    if list_rules:
        typer.echo(_rules_table(), nl=False)
        return
    if explain is not None:
        _explain(explain)
        return
    from codemod.engine import Options
    from codemod.run import run as run_paths

    mode = "dry-run" if dry_run else "check" if check else "fix"
    select_codes, ignore_codes = _codes(select), _codes(ignore)
    from rules import unknown_prefixes

    unknown = unknown_prefixes(select_codes + ignore_codes)
    if unknown:
        _fail(f"no rule matches {', '.join(unknown)}; see --list-rules")
    options = Options(tuple(h.strip().lower().rstrip("/").split("://")[-1] for h in auth_domain or ()),
                      client_id_env, unsafe_fixes, select_codes, ignore_codes)
    request = TokenRequest(token, client_id, jwks) if token is not None else None
    if request is None and (client_id or jwks):
        _fail("--client-id and --jwks go with --token")
    try:
        code = run_paths(paths or [Path(".")], mode, output_format.value, options, request)
    except InputError as err:
        _fail(str(err))
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as err:  # noqa: BLE001 - the promise is one line and exit 2, never a traceback
        if os.environ.get("FIX_AUTHCONFIG_DEBUG"):
            raise
        _fail(f"internal error: {type(err).__name__}: {err} (set FIX_AUTHCONFIG_DEBUG=1 for a traceback)")
    raise typer.Exit(code)


def _codes(values: Optional[List[str]]) -> tuple:
    return tuple(code.strip().upper() for value in values or () for code in value.split(",") if code.strip())


def _fail(message: str) -> None:
    typer.echo(f"fix-authconfig: {message}", err=True)
    raise typer.Exit(2)


def _rules_table() -> str:
    from rules import all_rules

    rows = [("CODE", "NAME", "SEVERITY", "FIX", "APPLIES TO")]
    for rule in all_rules():
        applies = ", ".join(f"{name} {rng}" for name, rng in rule.APPLIES_TO.items() if rng != "*") or "all"
        rows.append((rule.CODE, rule.NAME, rule.SEVERITY.value, rule.FIX.value, applies))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] + "\n" for row in rows)


def _explain(code: str) -> None:
    from rules import by_code

    rule = by_code(code)
    if rule is None:
        _fail(f"no rule {code}; see --list-rules")
    typer.echo(f"{rule.CODE} ({rule.NAME}) [{rule.SEVERITY.value}, fix: {rule.FIX.value}]\n")
    typer.echo(rule.__doc__.strip())


def main() -> None:
    app(prog_name="fix-authconfig")


if __name__ == "__main__":
    sys.exit(main())
