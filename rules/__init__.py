"""The rules: one module a rule, found here by the registry; nothing else lists them.

A rule module declares CODE, NAME, SEVERITY, FIX (the applicability of its fix), APPLIES_TO
(package -> npm range it applies to) and a docstring in the sections What it does / Why is this
bad? / Example / Fix safety / Source. A config rule defines `check(ctx)`, a project rule
`check_project(project)`; both yield codemod.engine.Finding.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from types import ModuleType


@lru_cache(maxsize=1)
def all_rules() -> tuple[ModuleType, ...]:
    names = sorted(name[:-3] for name in os.listdir(__path__[0]) if name.endswith(".py") and not name.startswith("_"))
    modules = [importlib.import_module(f"{__name__}.{name}") for name in names]
    return tuple(sorted((m for m in modules if hasattr(m, "CODE")), key=lambda m: m.CODE))


def by_code(code: str) -> ModuleType | None:
    return next((m for m in all_rules() if m.CODE == code.upper()), None)


def selected(select=None, ignore=None) -> tuple[ModuleType, ...]:
    """The rules whose code starts with a prefix in `select` (all when empty) and none in `ignore`."""
    chosen = tuple(c.upper() for c in select or ())
    dropped = tuple(c.upper() for c in ignore or ())
    return tuple(rule for rule in all_rules()
                 if (not chosen or rule.CODE.startswith(chosen)) and not (dropped and rule.CODE.startswith(dropped)))


def unknown_prefixes(prefixes) -> list[str]:
    """Prefixes that name no rule: a typo there would silently check nothing."""
    return [p for p in prefixes or () if not any(rule.CODE.startswith(p.upper()) for rule in all_rules())]
