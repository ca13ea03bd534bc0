"""A dossier straight to its JSON line: the bytes of `report.jsonl.line_bytes(evaluate(pack, dossier))`, without
the Finding objects and evidence dicts in between. A batch written as JSON Lines spends most of its time here.

Each fact any rule of the pack reads is looked up in the dossier and serialised once (not once per rule reading
it); each rule is judged by `engine.outcome`, the same function `evaluate` uses; the rule's own fields come as
bytes made once per pack. tests/test_direct.py holds it to the same bytes as the report route on every example
and test case of every pack.

The findings of a rule are a function of the parts of the dossier its expressions start from (`kpm`,
`pemantauan.bulanan`, ...; every dossier fact a rule can read lies below one of them), of the date of
assessment and the year when the rule depends on time, and of nothing else: the compiled expressions read
only the document they are given, and the rule's fields are fixed. So the finding bytes of a set of rules are
kept under the exact JSON text of those parts (`_known`): the next dossier whose parts read the same, byte for
byte, takes them without judging again. The text is exact (every value a dossier can hold writes differently
once validated: the schema fixes where dates are, nulls are dropped), so two dossiers share findings only
when the rules could not tell them apart.
"""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from .dsl import ast as A
from .engine import (_evidence_plan, _schedule, absent_as_none, check_unit, default_as_of, json_lookup, outcome,
                     unit_messages)
from .model import STATUSES, Dossier, Rule, RulePack
from .report import jsonl

try:
    from orjson import dumps as _orjson_dumps
except ImportError:   # pragma: no cover - orjson is a dependency; without it line() gives way to the report
    _orjson_dumps = None


@dataclass(frozen=True)
class _Program:
    """What one pack needs to write lines for one kind of unit, built once."""

    facts: tuple            # per distinct evidence key of the pack: (key, b'"key":', data -> the fact as JSON data)
    keys: tuple[str, ...]   # those keys
    groups: tuple           # per distinct (paths, bool_paths): ((slot, is the names of a list), ...), bool_paths
    steps: tuple            # per rule, in article order: (rule, message, group index, pihak_luar)
    sections: tuple         # every part of the dossier some rule starts from: (section, None) or (section, key)
    blocks: tuple           # per distinct (sections read, clock): (token, section indices, clock, steps)
    tallies: list           # per block, in this process: [dossiers tried (negative: a pause counting up to 0),
                            # findings found kept]; see _TRIAL


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
    known, parts = _known, prog.sections
    texts = [None] * len(parts)
    work = _Work(prog, data, as_of, reg.in_force, pack.memo.setdefault("jsonl_rule_heads_bytes", {}))
    found = [None] * len(prog.steps)
    year = dossier.year
    for (token, sections, clock, members), tally in zip(prog.blocks, prog.tallies):
        if tally[0] < 0:   # this block's findings seldom repeat in this run: judged without keeping them
            tally[0] += 1
            for i in members:
                found[i] = work.finding(i)
            continue
        for i in sections:
            if texts[i] is None:
                name, key = parts[i]
                texts[i] = _text(data.get(name)) if key is None else _part_text(data.get(name), key)
        if clock is None:
            key = (token, *[texts[i] for i in sections])
        elif clock == "tanggal":
            key = (token, as_of, year, *[texts[i] for i in sections])
        elif clock == "tahun":
            key = (token, year, *[texts[i] for i in sections])
        else:
            key = (token, year, _phase(clock, year, as_of), *[texts[i] for i in sections])
        got = known.get(key)
        tally[0] += 1
        if got is None:
            got = tuple(work.finding(i) for i in members)
            _remember(key, got)
            if tally[0] >= _TRIAL and tally[1] * 8 < tally[0]:
                tally[0], tally[1] = -_PAUSE, 0   # under one in eight found kept: stop keeping, try again later
        else:
            tally[1] += 1
        for i, b in zip(members, got):
            found[i] = b
    village, outside = [], []
    counts, counts_outside = dict.fromkeys(STATUSES, 0), dict.fromkeys(STATUSES, 0)
    for (rule, message, group, luar), (status, b) in zip(prog.steps, found):
        if luar:
            outside.append(b)
            counts_outside[status] += 1
        else:
            village.append(b)
            counts[status] += 1
    return jsonl.assemble(dossier, pack, as_of, True, counts, village, counts_outside, outside), counts


class _Work:
    """One dossier's findings as they are needed: each fact looked up and serialised once, each rule judged."""

    __slots__ = ("prog", "data", "as_of", "in_force", "memo", "pieces", "facts")

    def __init__(self, prog: _Program, data: dict, as_of: dt.date, in_force: dt.date, memo: dict):
        self.prog, self.data, self.as_of, self.in_force, self.memo = prog, data, as_of, in_force, memo
        self.pieces = [None] * len(prog.facts)
        self.facts = [None] * len(prog.groups)

    def finding(self, i: int) -> tuple[str, bytes]:
        """(status, the finding's bytes) of the i-th rule."""
        rule, message, group, _ = self.prog.steps[i]
        status, missing, detail, periods = outcome(rule, self.data, self.as_of, self.in_force)
        facts = self.facts[group]
        if facts is None:
            facts = self.facts[group] = self._facts(group)
        return status, (jsonl.finding_head(rule, status, message, self.memo) + facts
                        + jsonl.finding_tail(rule, missing, detail, periods, self.memo))

    def _facts(self, group: int) -> bytes:
        """The evidence, missing_facts and stated_absent of a group of rules, as `engine.evidence` and `jsonl`
        build them: the names of a list come first when the rule reads the list item by item and the dossier
        names its items."""
        members, bool_paths = self.prog.groups[group]
        keys, pieces = self.prog.keys, self.pieces
        chosen, seen = [], set()
        for slot, names in members:
            key = keys[slot]
            if key in seen:
                continue
            piece = pieces[slot]
            if piece is None:
                piece = pieces[slot] = self._piece(slot)
            if names and not piece[3]:   # the names of a list's items: only when some are recorded
                continue
            seen.add(key)
            chosen.append((key, piece))
        return jsonl.facts_part(chosen, bool_paths)

    def _piece(self, slot: int) -> tuple:
        path, prefix, get = self.prog.facts[slot]
        value = get(self.data)
        return _piece(path, value, prefix + jsonl._bytes(value))


def _text(section) -> bytes | object:
    """The exact JSON text of a section of the dossier; for a section orjson cannot write (an integer beyond 64
    bits) an object equal to nothing, so its rules are judged afresh."""
    try:
        return _orjson_dumps(section)
    except TypeError:
        return object()


def _part_text(section, key: str) -> bytes | object:
    """The text of `section.key` for rules that read the section only through its key: the key's value when the
    section is a mapping (b'null' when the key is absent), else the section itself, marked (a NUL byte, which
    no JSON text starts with): absent, stated absent (false) and the rest each read differently."""
    if type(section) is dict:
        return _text(section.get(key))
    text = _text(section)
    return b"\0" + text if type(text) is bytes else text


# dossiers a block is tried on before it may stop keeping, and dossiers it then stops for: a block whose findings
# are seldom the same again (the KPM's, which name each cadre) stops being keyed, so a batch of villages that
# share little pays little for the table
_TRIAL, _PAUSE = 256, 4096


_known: dict[tuple, tuple] = {}   # (block, [date, year,] its sections' JSON texts) -> the (status, bytes) of its rules
_known_size = [0]
_KNOWN_BYTES = 32 << 20   # what the table may hold before it is emptied (per process)
_tokens = itertools.count()   # one per block ever built: a key names its block and can never name another


def _remember(key: tuple, got: tuple) -> None:
    """Keep a block's findings under its key; an entry larger than an eighth of the budget is not kept (it would
    hold a big section alive for little), and a full table is emptied. Texts shared by several keys of a
    dossier are counted once per key: the count is an upper bound."""
    size = sum(len(t) for t in key if type(t) is bytes) + sum(len(b) for _, b in got) + 200
    if size > _KNOWN_BYTES >> 3:
        return
    if _known_size[0] + size > _KNOWN_BYTES:
        _known.clear()
        _known_size[0] = 0
    _known[key] = got
    _known_size[0] += size


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
            for path, _, names in _evidence_plan(rule):
                if path not in slots:   # the fact as the dossier holds it: jsonl._bytes writes its dates as jsonable does
                    slots[path] = len(getters)
                    getters.append(json_lookup(path, absent_as_none))
                members.append((slots[path], names))
            groups[gkey] = len(members_of)
            members_of.append((tuple(members), rule.bool_paths))
        steps.append((rule, messages[i], groups[gkey], rule.pihak_luar))
    facts = tuple((path, jsonl.path_prefix(path), get) for path, get in zip(slots, getters))
    sections: dict[tuple, int] = {}
    blocks: dict[tuple, list] = {}
    for n, (rule, *_) in enumerate(steps):
        names, clock = reads(rule)
        for name in names:
            sections.setdefault(name, len(sections))
        blocks.setdefault((tuple(sections[name] for name in names), clock), []).append(n)
    return _Program(facts, tuple(slots), tuple(members_of), tuple(steps), tuple(sections),
                    tuple((next(_tokens), at, clock, tuple(members)) for (at, clock), members in blocks.items()),
                    [[0, 0] for _ in blocks])


def reads(rule: Rule) -> tuple[tuple[tuple[str, str | None], ...], object]:
    """(the parts of the dossier the rule can read, sorted; its clock: what else its findings depend on).

    Every dossier fact an expression reads is reached from a field name at its root (`kpm` in
    `all(k in kpm: ...)`, `pemantauan` in `ada(pemantauan.bulanan)`); the date a deadline runs from is read
    too. A section the rule reads only through keys (`pemantauan.bulanan`, `pemantauan.rapat`) is read as
    those parts, (section, key); a section it reads itself (`len(kpm)`, a quantifier over `kpm`) whole,
    (section, None).

    The clock is None for a rule that time does not enter; "tahun" when it reads only the dossier's year;
    "tanggal" when it reads the date of assessment itself (tanggal_penilaian, a deadline from a recorded date);
    and (period kind, days of grace) for a periodic rule that reads no date but its periods': the date of
    assessment then matters only through which periods have begun and which are due (`_phase`)."""
    whole: set[str] = set()
    keys: dict[str, set] = {}
    specials: set[str] = set()

    def visit(node) -> None:
        if isinstance(node, A.Attr) and isinstance(node.obj, A.Name) and node.obj.kind == "field":
            keys.setdefault(node.obj.name, set()).add(node.name)   # the section read through one key
            return
        if isinstance(node, A.Name):
            if node.kind == "field":
                whole.add(node.name)
            elif node.kind == "special":
                specials.add(node.name)
        for child in A.children(node):
            visit(child)
    for compiled in (rule.when, rule.require):
        if compiled is not None:
            visit(compiled.node)
    if rule.tenggat_sejak:   # engine._anchor and lookup walk the dotted path (up to the list of a [*] path)
        parts = rule.tenggat_sejak.split("[")[0].split(".")
        if len(parts) > 1:
            keys.setdefault(parts[0], set()).add(parts[1])
        else:
            whole.add(parts[0])
    names = {(name, None) for name in whole} | {(name, key) for name, ks in keys.items() if name not in whole
                                                for key in ks}
    if rule.tenggat_sejak or specials - {"tahun", "periode"} or ("periode" in specials and not rule.periode):
        clock = "tanggal"
    elif rule.periode:
        clock = (rule.periode, rule.tenggat_hari)
    elif specials:
        clock = "tahun"
    else:
        clock = None
    return tuple(sorted(names, key=lambda part: (part[0], part[1] or ""))), clock


def _phase(clock: tuple, year: int, as_of: dt.date) -> tuple:
    """Which periods of the year have begun and which are due on `as_of`: all a periodic rule's findings take
    from the date of assessment (engine._outcome_periodic compares it with nothing else)."""
    key = (clock, year, as_of)
    phase = _phases.get(key)
    if phase is None:
        if len(_phases) > 4096:
            _phases.clear()
        phase = _phases[key] = tuple((as_of < start, as_of <= due) for _, _, start, _, due, _ in
                                     _schedule(clock[0], year, clock[1]))
    return phase


_phases: dict[tuple, tuple] = {}


_pieces: dict[bytes, tuple] = {}   # `"path":value` -> its piece: most facts take the same few values everywhere
_KEPT = 256   # the longest `"path":value` kept: longer ones (lists of activities, of names) are seldom seen twice


def _piece(path: str, value, kv: bytes) -> tuple:
    """(`"path":value`, its missing facts, its facts stated absent, whether it is a list with an item recorded)
    for one fact. Its JSON text `kv` says all the rest depends on (where it is null, where false), so equal short
    texts share one piece; the table holds bytes only and stays small (a few MB)."""
    piece = _pieces.get(kv)
    if piece is not None:
        return piece
    piece = jsonl._fact_piece(path, value, kv) + (isinstance(value, list) and not all(x is None for x in value),)
    if len(kv) <= _KEPT:
        if len(_pieces) > 20000:
            _pieces.clear()
        _pieces[kv] = piece
    return piece
