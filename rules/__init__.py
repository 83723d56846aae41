"""The rules: one module a rule, found here by the registry; nothing else lists them.

A rule module declares CODE, NAME, SEVERITY, FIX (the applicability of its fix), APPLIES_TO
(package -> npm range it applies to) and a docstring in the sections What it does / Why is this
bad? / Example / Fix safety / Source. A config rule defines `check(ctx)`, a project rule
`check_project(project)` or `check_versions(project, versions)`, a backend rule `check_backend(ctx)`.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from types import ModuleType


# A rule module's file name starts with its code in lower case (wos002_…): selection reads names, so a
# run imports only the rules it uses (tests/test_cli.py holds every module to this).
CONFIG_FAMILIES = ("CVX", "WOS", "FAC")  # rules of Convex configs and projects
BACKEND_FAMILIES = ("VFY", "FAC")  # rules of backend verifier files (FAC100 reports their suppressions)


@lru_cache(maxsize=1)
def _module_names() -> tuple[str, ...]:
    return tuple(sorted(name[:-3] for name in os.listdir(__path__[0]) if name.endswith(".py") and not name.startswith("_")))


def code_of(module_name: str) -> str:
    return module_name.split("_", 1)[0].upper()


@lru_cache(maxsize=None)
def _load(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


def _modules(names) -> tuple[ModuleType, ...]:
    return tuple(sorted((m for m in map(_load, names) if hasattr(m, "CODE")), key=lambda m: m.CODE))


def all_rules() -> tuple[ModuleType, ...]:
    return _modules(_module_names())


def by_code(code: str) -> ModuleType | None:
    names = [n for n in _module_names() if code_of(n) == code.upper()]
    return _modules(names)[0] if names else None


def selected_names(select=None, ignore=None, families: tuple[str, ...] = ()) -> list[str]:
    """Module names of the rules whose code starts with a prefix in `select` (all when empty),
    none in `ignore`, and (when given) one of `families`."""
    chosen = tuple(c.upper() for c in select or ())
    dropped = tuple(c.upper() for c in ignore or ())
    return [name for name in _module_names()
            if (not chosen or code_of(name).startswith(chosen))
            and not (dropped and code_of(name).startswith(dropped))
            and (not families or code_of(name).startswith(families))]


def selected(select=None, ignore=None, families: tuple[str, ...] = ()) -> tuple[ModuleType, ...]:
    return _modules(selected_names(select, ignore, families))


def unknown_prefixes(prefixes) -> list[str]:
    """Prefixes that name no rule: a typo there would silently check nothing."""
    return [p for p in prefixes or () if not any(code_of(name).startswith(p.upper()) for name in _module_names())]
