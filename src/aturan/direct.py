"""A dossier straight to its JSON line: the bytes of `report.jsonl.line_bytes(evaluate(pack, dossier))`, without
the Finding objects and evidence dicts in between. A batch written as JSON Lines spends most of its time here.

Each fact any rule of the pack reads is looked up in the dossier and serialised once (not once per rule reading
it); each rule is judged by `engine.outcome`, the same function `evaluate` uses; the rule's own fields come as
bytes made once per pack. tests/test_direct.py holds it to the same bytes as the report route on every example
and test case of every pack.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .engine import _evidence_plan, check_unit, default_as_of, outcome, unit_messages
from .model import STATUSES, Dossier, RulePack
from .report import jsonl


@dataclass(frozen=True)
class _Program:
    """What one pack needs to write lines for one kind of unit, built once."""

    facts: tuple            # per distinct evidence key of the pack: (key, b'"key":', data -> the fact as JSON data)
    keys: tuple[str, ...]   # those keys
    groups: tuple           # per distinct (paths, bool_paths): ((slot, is the names of a list), ...), bool_paths
    steps: tuple            # per rule, in article order: (rule, message, group index, pihak_luar)


def line(pack: RulePack, dossier: Dossier, as_of: dt.date | None = None) -> tuple[bytes, dict] | None:
    """(the JSON line, the village's status counts) of the dossier checked against `pack`; None when the
    regulation was not in force (every finding the same: the report route writes those), or without orjson."""
    check_unit(pack, dossier)
    as_of = as_of or default_as_of(dossier)
    reg = pack.regulation
    if as_of < reg.in_force or dt.date(dossier.year, 12, 31) < reg.in_force or jsonl._bytes is None:
        return None
    prog = _program(pack, dossier.unit)
    data = dossier.data
    pieces = []
    cached, dumps = _pieces.get, jsonl._bytes
    for path, prefix, get in prog.facts:   # each fact once: its `"path":value` text, then what that text implies
        value = get(data)
        kv = prefix + dumps(value)
        piece = cached(kv)
        if piece is None:
            piece = _piece(path, value, kv)
        pieces.append(piece)
    facts = [_facts(members, bool_paths, prog.keys, pieces) for members, bool_paths in prog.groups]
    memo = pack.memo.setdefault("jsonl_rule_heads_bytes", {})
    head, tail = jsonl.finding_head, jsonl.finding_tail
    village, outside = [], []
    counts, counts_outside = dict.fromkeys(STATUSES, 0), dict.fromkeys(STATUSES, 0)
    in_force = reg.in_force
    for rule, message, group, luar in prog.steps:
        status, missing, detail, periods = outcome(rule, data, as_of, in_force)
        b = head(rule, status, message, memo) + facts[group] + tail(rule, missing, detail, periods, memo)
        if luar:
            outside.append(b)
            counts_outside[status] += 1
        else:
            village.append(b)
            counts[status] += 1
    return jsonl.assemble(dossier, pack, as_of, True, counts, village, counts_outside, outside), counts


def _program(pack: RulePack, unit: str) -> _Program:
    key = ("direct_program", unit)
    prog = pack.memo.get(key)
    if prog is None:
        prog = pack.memo[key] = _build(pack, unit)
    return prog


def _build(pack: RulePack, unit: str) -> _Program:
    slots: dict[str, int] = {}
    getters = []
    groups: dict[tuple, int] = {}
    members_of = []
    messages = unit_messages(pack, unit)
    steps = []
    for i in jsonl._order(pack):
        rule = pack.rules[i]
        gkey = (rule.paths, rule.bool_paths)
        if gkey not in groups:
            members = []
            for path, get, names in _evidence_plan(rule):
                if path not in slots:
                    slots[path] = len(getters)
                    getters.append(get)
                members.append((slots[path], names))
            groups[gkey] = len(members_of)
            members_of.append((tuple(members), rule.bool_paths))
        steps.append((rule, messages[i], groups[gkey], rule.pihak_luar))
    facts = tuple((path, jsonl.path_prefix(path), get) for path, get in zip(slots, getters))
    return _Program(facts, tuple(slots), tuple(members_of), tuple(steps))


_pieces: dict[bytes, tuple] = {}   # `"path":value` -> its piece: most facts take the same few values everywhere
_KEPT = 256   # the longest `"path":value` kept: longer ones (lists of activities, of names) are seldom seen twice


def _piece(path: str, value, kv: bytes) -> tuple:
    """(`"path":value`, its missing facts, its facts stated absent, whether it is a list with an item recorded)
    for one fact. Its JSON text `kv` says all the rest depends on (where it is null, where false), so equal short
    texts share one piece; the table holds bytes only and stays small (a few MB)."""
    piece = jsonl._fact_piece(path, value, kv) + (isinstance(value, list) and not all(x is None for x in value),)
    if len(kv) <= _KEPT:
        if len(_pieces) > 20000:
            _pieces.clear()
        _pieces[kv] = piece
    return piece


def _facts(members: tuple, bool_paths: frozenset, keys: tuple, pieces: list) -> bytes:
    """The evidence, missing_facts and stated_absent of one rule, as `engine.evidence` and `jsonl` build them:
    the names of a list come first when the rule reads the list item by item and the dossier names its items."""
    chosen, seen = [], set()
    for slot, names in members:
        key = keys[slot]
        if key in seen:
            continue
        piece = pieces[slot]
        if names and not piece[3]:   # the names of a list's items: only when some are recorded
            continue
        seen.add(key)
        chosen.append((key, piece))
    return jsonl.facts_part(chosen, bool_paths)
