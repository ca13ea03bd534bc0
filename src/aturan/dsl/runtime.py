"""Helpers the compiled expressions call at evaluation time."""
from __future__ import annotations

import datetime as dt


class MissingFact(Exception):
    """A fact an expression needs is not in the document; `path` names it."""

    def __init__(self, path: str, reason: str = "tidak ada"):
        super().__init__(path)
        self.path, self.reason = path, reason

    def __str__(self):
        return f"{self.path}: {self.reason}"


class _Fallback(Exception):
    """Raised inside fast code to hand over to the precise evaluator."""


def td(n):
    return dt.timedelta(days=n)


def shift(d, n):
    """d + n days; a date past the calendar's ends (year 1 to 9999) cannot be assessed, it is not a crash."""
    try:
        return d + dt.timedelta(days=n)
    except (OverflowError, ValueError):
        raise MissingFact("", f"tanggal di luar kalender: {d.isoformat()} {'+' if n >= 0 else '-'} {abs(n)} hari") from None


def div(a, b):
    if b == 0:
        raise MissingFact("", "pembagian dengan nol")
    try:
        return a / b
    except OverflowError:
        raise MissingFact("", "hasil pembagian terlalu besar") from None


def rank(table, value, ladder):
    try:
        return table[value]
    except (KeyError, TypeError):
        raise MissingFact("", f"{value!r} bukan jenjang {ladder} yang dikenal") from None


def contains_all(have, need):
    have = set(have)
    return all(x in have for x in need)


def missing_from(have, need):
    have = set(have)
    return [x for x in need if x not in have]


def distinct(xs):
    seen, out = set(), []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def make_date(y, m, d):
    try:
        return dt.date(int(y), int(m), int(d))
    except (ValueError, TypeError, OverflowError):
        raise MissingFact("", f"tanggal tidak valid: {y}-{m}-{d}") from None


def exists(root, keys):
    cur = root
    for k in keys:
        if not isinstance(cur, dict) or k not in cur:
            return False
        cur = cur[k]
    return cur is not False   # `false` states that the document does not exist


def stated(v):
    """A figure the dossier states absent (`false`) is no value to compute with: unknown, not 0."""
    if v is False:
        raise MissingFact("", "dinyatakan tidak ada")
    return v


def ada(root, keys):
    """Three-valued: the document/meeting/list exists (True), is stated not to (False), or is not recorded.

    `false` anywhere on the way (or an empty list at the end) is an explicit "tidak ada"; an absent or null
    step is unknown and raises MissingFact (the fast path then hands over to the exact evaluator, which
    names the concrete path).
    """
    cur = root
    for k in keys:
        if cur is False:
            return False
        if not isinstance(cur, dict) or cur.get(k) is None:
            raise MissingFact(".".join(keys))
        cur = cur[k]
    if cur is False:
        return False
    if isinstance(cur, list):
        return len(cur) > 0
    return True


def order(a, b, strict_after: bool):
    """Fast-path date order with unknown on the same day: True when a is before (or after) b."""
    if a == b:
        raise MissingFact("", "bertanggal sama")
    return a > b if strict_after else a < b


def unknown():
    raise MissingFact("", "tidak diketahui")


_EMPTY = object()


def minmax(fn, gen):
    best = fn(gen, default=_EMPTY)
    if best is _EMPTY:
        raise MissingFact("", "daftar kosong")
    return best


def quarter(d):
    return (d.month + 2) // 3
