"""assert_fixes / assert_unchanged: a rule's test reads like its docstring."""

from __future__ import annotations

import textwrap

from codemod.engine import Options, process
from rules import all_rules, by_code


def run(source: str, codes=None, **options):
    rules = [by_code(c) for c in codes] if codes else all_rules()
    return process("convex/auth.config.ts", textwrap.dedent(source).lstrip("\n").encode(), rules, Options(**options))


def assert_fixes(before: str, after: str, codes=None, **options):
    result = run(before, codes, **options)
    assert result.refused is None, result.refused
    assert result.output is not None, f"no fix; found {[d.code for d in result.found]}"
    assert result.output.decode() == textwrap.dedent(after).lstrip("\n")
    again = process("convex/auth.config.ts", result.output, [by_code(c) for c in codes] if codes else all_rules(), Options(**options))
    assert again.output is None, "a second run changed the file again"
    return result


def assert_unchanged(source: str, codes=None, **options):
    result = run(source, codes, **options)
    assert result.output is None
    flagged = [d.code for d in result.found if codes is None or d.code in codes]
    assert not flagged, flagged
    return result


def codes_found(source: str, codes=None, **options) -> list[str]:
    return [d.code for d in run(source, codes, **options).found]
