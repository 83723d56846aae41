"""Semantic versions and npm ranges, as npm's node-semver reads them (strict mode).

Only what the rules need: compare versions, test a version against a range, and find the lowest
version a range admits. Ranges follow node-semver's desugaring: `^1.2.3` is `>=1.2.3 <2.0.0-0`,
`1.x` is `>=1.0.0 <2.0.0-0`, `1.2.3 - 2.3` is `>=1.2.3 <2.4.0-0`, and so on.
"""

from __future__ import annotations

import re

Prerelease = tuple  # of int | str identifiers
Version = tuple  # (major, minor, patch, prerelease)

_NUMBER = r"0|[1-9]\d*"
_IDENT = r"[0-9A-Za-z-]+"
_VERSION = re.compile(
    rf"^\s*=?\s*v?({_NUMBER})\.({_NUMBER})\.({_NUMBER})"
    rf"(?:-({_IDENT}(?:\.{_IDENT})*))?(?:\+{_IDENT}(?:\.{_IDENT})*)?\s*$"
)
# A range operand: a full or partial version; x, X or * stand for "any" in any position.
_PART = rf"{_NUMBER}|[xX*]"
_OPERAND = re.compile(
    r"^(<=|>=|<|>|=|~>|~|\^)?=?v?"
    rf"({_PART})(?:\.({_PART})(?:\.({_PART})"
    rf"(?:-({_IDENT}(?:\.{_IDENT})*))?(?:\+{_IDENT}(?:\.{_IDENT})*)?)?)?$"
)
_HYPHEN = re.compile(r"^(\S+)\s+-\s+(\S+)$")
_OPERATOR_SPACE = re.compile(r"(<=|>=|<|>|=|~>|~|\^)\s+")

# The lowest prerelease of a version: `<2.0.0-0` excludes 2.0.0's prereleases too.
_FLOOR = (0,)


def parse(version: str) -> Version:
    """(major, minor, patch, prerelease) from "1.2.3", "v1.2.3-rc.1+build"; ValueError otherwise."""
    match = _VERSION.match(version) if isinstance(version, str) else None
    if not match:
        raise ValueError(f"not a semantic version: {version!r}")
    major, minor, patch, pre = match.groups()
    return int(major), int(minor), int(patch), _prerelease(pre)


def compare(a: str | Version, b: str | Version) -> int:
    """-1, 0 or 1 by semver precedence (build metadata ignored)."""
    key_a, key_b = _key(_as_version(a)), _key(_as_version(b))
    return (key_a > key_b) - (key_a < key_b)


def satisfies(version: str, range_: str, *, include_prerelease: bool = False) -> bool:
    """Whether npm would accept `version` for `range_`. Never raises: bad input is False.

    As in npm, a prerelease only satisfies a range that names a prerelease of the same
    major.minor.patch (`1.0.0-rc.2` satisfies `>=1.0.0-rc.1`, not `>=0.9.0`), unless
    include_prerelease is set.
    """
    try:
        parsed = parse(version)
        alternatives = _parse_range(range_)
    except (ValueError, TypeError):
        return False
    return any(_set_admits(comparators, parsed, include_prerelease) for comparators in alternatives)


def min_version(range_: str) -> str | None:
    """The lowest version `range_` admits ("^1.27.0" -> "1.27.0", ">=1.2 <2" -> "1.2.0").

    None when the range sets no lower bound (`*`, `<2`), is not a semver range (`latest`,
    `workspace:*`, file:, link:, git or URL specs), or admits nothing.
    """
    try:
        alternatives = _parse_range(range_)
    except (ValueError, TypeError):
        return None
    lowest = None
    for comparators in alternatives:
        bounds = [_lower_bound(op, bound) for op, bound in comparators if op in (">", ">=", "=")]
        if not bounds:
            return None  # this alternative reaches down to 0.0.0: no meaningful minimum
        candidate = max(bounds, key=_key)
        if _set_admits(comparators, candidate, include_prerelease=False):
            if lowest is None or _key(candidate) < _key(lowest):
                lowest = candidate
    return None if lowest is None else format_version(lowest)


def format_version(version: Version) -> str:
    major, minor, patch, pre = version
    text = f"{major}.{minor}.{patch}"
    return text + "-" + ".".join(str(part) for part in pre) if pre else text


def _prerelease(text: str | None) -> Prerelease:
    if not text:
        return ()
    return tuple(int(part) if part.isdigit() else part for part in text.split("."))


def _as_version(value: str | Version) -> Version:
    return parse(value) if isinstance(value, str) else value


def _key(version: Version) -> tuple:
    # A release sorts after its prereleases; numeric identifiers sort before alphanumeric ones.
    major, minor, patch, pre = version
    if not pre:
        return major, minor, patch, (1,)
    return major, minor, patch, (0, *((0, p, "") if isinstance(p, int) else (1, 0, p) for p in pre))


def _lower_bound(op: str, version: Version) -> Version:
    if op != ">":
        return version
    major, minor, patch, pre = version
    # The next version up: 1.2.3 -> 1.2.4, 1.2.3-rc.1 -> 1.2.3-rc.1.0.
    return (major, minor, patch, (*pre, 0)) if pre else (major, minor, patch + 1, ())


def _set_admits(comparators: list, version: Version, include_prerelease: bool) -> bool:
    key = _key(version)
    for op, bound in comparators:
        bound_key = _key(bound)
        if not {
            "<": key < bound_key,
            "<=": key <= bound_key,
            ">": key > bound_key,
            ">=": key >= bound_key,
            "=": key == bound_key,
        }[op]:
            return False
    if version[3] and not include_prerelease:
        return any(bound[3] and bound[:3] == version[:3] for _, bound in comparators)
    return True


def _parse_range(range_: str) -> list[list[tuple[str, Version]]]:
    """Alternatives (split on ||), each a list of (operator, version) that must all hold."""
    if not isinstance(range_, str):
        raise TypeError("range must be a string")
    alternatives = []
    for alternative in range_.split("||"):
        alternative = alternative.strip()
        hyphen = _HYPHEN.match(alternative)
        if hyphen:
            alternatives.append(_hyphen(_operand(hyphen[1]), _operand(hyphen[2])))
            continue
        comparators: list[tuple[str, Version]] = []
        for token in _OPERATOR_SPACE.sub(r"\1", alternative).split():
            comparators.extend(_desugar(token))
        alternatives.append(comparators)
    return alternatives


def _operand(token: str) -> tuple[str, int | None, int | None, int | None, Prerelease]:
    match = _OPERAND.match(token)
    if not match:
        raise ValueError(f"not a range operand: {token!r}")
    op, *parts, pre = match.groups()
    numbers = [None if part is None or part in "xX*" else int(part) for part in parts]
    # A wildcard part makes every later part a wildcard too ("1.x.3" means "1.x").
    for index, number in enumerate(numbers):
        if number is None:
            numbers[index:] = [None] * (len(numbers) - index)
            pre = None
            break
    return (op or "").replace("~>", "~"), *numbers, _prerelease(pre)


def _desugar(token: str) -> list[tuple[str, Version]]:
    op, major, minor, patch, pre = _operand(token)
    if op == "^":
        return _caret(major, minor, patch, pre)
    if op == "~":
        return _tilde(major, minor, patch, pre)
    return _xrange(op, major, minor, patch, pre)


def _xrange(op, major, minor, patch, pre) -> list[tuple[str, Version]]:
    if major is None:
        # "*", ">=*" and "<=*" admit anything; "<*" and ">*" admit nothing.
        return [("<", (0, 0, 0, _FLOOR))] if op in ("<", ">") else []
    if patch is not None:
        return [(op or "=", (major, minor, patch, pre))]
    if minor is None:
        low, next_up = (major, 0, 0, ()), (major + 1, 0, 0, ())
    else:
        low, next_up = (major, minor, 0, ()), (major, minor + 1, 0, ())
    if op in ("", "="):
        return [(">=", low), ("<", _floor(next_up))]
    return {
        ">": [(">=", next_up)],
        ">=": [(">=", low)],
        "<": [("<", _floor(low))],
        "<=": [("<", _floor(next_up))],
    }[op]


def _tilde(major, minor, patch, pre) -> list[tuple[str, Version]]:
    if major is None:
        return []
    if minor is None:
        return [(">=", (major, 0, 0, ())), ("<", (major + 1, 0, 0, _FLOOR))]
    return [(">=", (major, minor, patch or 0, pre)), ("<", (major, minor + 1, 0, _FLOOR))]


def _caret(major, minor, patch, pre) -> list[tuple[str, Version]]:
    if major is None:
        return []
    if minor is None:
        return [(">=", (major, 0, 0, ())), ("<", (major + 1, 0, 0, _FLOOR))]
    low = (major, minor, patch or 0, pre)
    # The upper bound moves right past leading zeros: ^0.2.3 stays below 0.3.0, ^0.0.3 below 0.0.4.
    if major:
        high = (major + 1, 0, 0, _FLOOR)
    elif minor or patch is None:
        high = (0, minor + 1, 0, _FLOOR)
    else:
        high = (0, 0, patch + 1, _FLOOR)
    return [(">=", low), ("<", high)]


def _hyphen(low_operand, high_operand) -> list[tuple[str, Version]]:
    _, major, minor, patch, pre = low_operand
    comparators = [] if major is None else [(">=", (major, minor or 0, patch or 0, pre))]
    _, major, minor, patch, pre = high_operand
    if major is None:
        return comparators
    if minor is None:
        return [*comparators, ("<", (major + 1, 0, 0, _FLOOR))]
    if patch is None:
        return [*comparators, ("<", (major, minor + 1, 0, _FLOOR))]
    return [*comparators, ("<=", (major, minor, patch, pre))]


def _floor(version: Version) -> Version:
    return (*version[:3], _FLOOR)
