"""One JSON line per dossier (--format jsonl): written as soon as the dossier is checked, so a batch of any size
runs in flat memory, and read back by `aturan rekap` or any program (pandas.read_json(lines=True), jq)."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..model import Finding, Report, RulePack, missing_facts, missing_of, stated_absent, stated_absent_of
from .common import citation_key, display_path
from .jsonout import identity


def _date_text(value):
    """A date as orjson writes it (its isoformat), so a dossier's own values read the same either way."""
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} bukan nilai JSON")


# Compact, and never NaN (not JSON); a line may not contain a raw newline, which json never writes.
encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_date_text).encode
try:   # orjson writes the same JSON about ten times faster: what a national batch spends its time on otherwise
    from orjson import dumps as _orjson_dumps

    def _bytes(obj) -> bytes:
        """orjson.dumps(obj). An integer beyond 64 bits, which a dossier may hold and orjson refuses, goes
        through the standard encoder (the same JSON: the digits as written, dates as their isoformat)."""
        try:
            return _orjson_dumps(obj)
        except TypeError:   # orjson.JSONEncodeError; anything else the standard encoder refuses too
            return encode(obj).encode("utf-8")

    def dumps(obj) -> str:
        return _bytes(obj).decode("utf-8")
except ImportError:   # pragma: no cover - orjson is a dependency; the standard library gives the same lines
    dumps = encode
    _bytes = None


def record(rep: Report) -> dict:
    """What one line holds: `results[i]` of --format json without the pack's notes and without each finding's
    quote and tafsiran (the same for every village of a pack: see `--format json` or `aturan explain RULE`)."""
    d, reg = rep.dossier, rep.pack.regulation
    village, outside = _ordered(rep)
    memo = rep.pack.memo.setdefault("jsonl_rule_fields", {})
    return {
        "rejected": False,
        "file": display_path(d.file),
        "dossier": identity(d),
        "pack": {"id": rep.pack.id, "regulation": str(reg), "in_force": reg.in_force.isoformat(),
                 "berlaku": rep.in_force},
        "as_of": rep.as_of.isoformat(),
        "counts": rep.counts(),
        "findings": [finding(f, memo) for f in village],
        "counts_pihak_lain": rep.counts_outside(),
        "kewajiban_pihak_lain": [finding(f, memo) for f in outside],
    }


def line(rep: Report) -> str:
    """record(rep) as one line of JSON (no newline at the end)."""
    if _bytes is None:   # pragma: no cover - orjson is a dependency
        return dumps(record(rep))
    return line_bytes(rep).decode("utf-8")


def line_bytes(rep: Report) -> bytes:
    """The bytes of dumps(record(rep)), built from pieces: what is the same for every village of a pack (each
    rule's citation, title, severity..., and its message for a unit and status) is serialised once per pack;
    per dossier only the evidence, the missing facts and the periods are. Byte for byte the same line."""
    if _bytes is None:   # pragma: no cover - orjson is a dependency
        return encode(record(rep)).encode("utf-8")
    village, outside = _ordered(rep)
    memo = rep.pack.memo.setdefault("jsonl_rule_heads_bytes", {})
    shared: dict = {}   # per dossier: the bytes of an evidence dict (rules reading the same facts share one)

    def each(fs: list[Finding]) -> list[bytes]:
        return [finding_head(f.rule, f.status, f.message, memo) + _facts_bytes(f.evidence, f.rule.bool_paths, shared)
                + finding_tail(f.rule, f.missing, f.detail, f.periods, memo) for f in fs]
    return assemble(rep.dossier, rep.pack, rep.as_of, rep.in_force, rep.counts(), each(village),
                    rep.counts_outside(), each(outside))


def assemble(d, pack: RulePack, as_of, in_force: bool, counts: dict, village: list[bytes], counts_outside: dict,
             outside: list[bytes]) -> bytes:
    """The line from its parts: the dossier's head and the bytes of each finding, the village's and the others'."""
    reg = pack.regulation
    file = display_path(d.file)
    head = _bytes({"rejected": False, "file": file, "dossier": identity(d, file),
                   "pack": {"id": pack.id, "regulation": str(reg), "in_force": reg.in_force.isoformat(),
                            "berlaku": in_force},
                   "as_of": as_of.isoformat(), "counts": counts})
    return b"".join((head[:-1], b',"findings":[', b",".join(village), b'],"counts_pihak_lain":',
                     _bytes(counts_outside), b',"kewajiban_pihak_lain":[', b",".join(outside), b"]}"))


def finding_head(r, status: str, message: str, memo: dict) -> bytes:
    """The bytes of a finding of rule `r` up to its evidence: the rule's fields, the status and the message
    (serialised once per pack for each status and message, in `memo`), then '"evidence":'."""
    key = (r.id, status, message)
    static = memo.get(key)
    if static is None:
        static = memo[key] = _bytes({**rule_fields(r), "status": status, "message": message})[:-1] + b',"evidence":'
    return static


def finding_tail(r, missing: str | None, detail: str | None, periods: tuple, memo: dict) -> bytes:
    """The bytes after the evidence part: the periods, the missing fact and the detail, and the closing brace."""
    if r.periode:
        # the engine shares one periods tuple among the dossiers whose periods came out the same (see
        # engine._outcome_periodic): its bytes are made once. The entry holds the tuple, so its id stays its own.
        hit = _tails.get(id(periods))
        if hit is not None and hit[0] is periods and hit[1] is r and hit[2] == missing and hit[3] == detail:
            return hit[4]
        tail = b"," + _outcome_bytes(r, missing, detail, periods, memo) + b"}"
        if len(_tails) > 10000:
            _tails.clear()
        _tails[id(periods)] = (periods, r, missing, detail, tail)
        return tail
    if r.tenggat_sejak or missing or detail:
        return b"," + _outcome_bytes(r, missing, detail, periods, memo) + b"}"
    return b"}"


_tails: dict[int, tuple] = {}


def _facts_bytes(ev: dict, bool_paths: frozenset, shared: dict) -> bytes:
    """The bytes of {"evidence": ev, "missing_facts": ..., "stated_absent": ...} without the first key and the
    braces, joined from one piece per fact: the rules of a dossier read the same facts again and again, so each
    fact (`shared`, per dossier) is serialised and searched for absences once."""
    pieces = []
    for path, value in ev.items():
        piece = shared.get(path)
        if piece is None or piece[3] is not value:   # the rules of a dossier share each fact's value (seen)
            piece = shared[path] = _fact_piece(path, value) + (value,)
        pieces.append((path, piece))
    return facts_part(pieces, bool_paths)


def facts_part(pieces: list, bool_paths: frozenset) -> bytes:
    """The evidence object, then "missing_facts" and "stated_absent", from each fact's (path, piece): the piece
    is (`"path":value`, its missing facts, its facts stated absent), each without brackets."""
    kvs, absent, stated = [], [], []
    for path, piece in pieces:
        kvs.append(piece[0])
        if piece[1]:
            absent.append(piece[1])
        if piece[2] and path not in bool_paths:
            stated.append(piece[2])
    return b"".join((b"{", b",".join(kvs), b'},"missing_facts":[', b",".join(absent), b'],"stated_absent":[',
                     b",".join(stated), b"]"))


_path_bytes: dict = {}   # path -> (b'"path":', b'"path"'): the same few hundred paths in every dossier


def _path_piece(path: str) -> tuple[bytes, bytes]:
    pb = _path_bytes.get(path)
    if pb is None:
        if len(_path_bytes) > 20000:
            _path_bytes.clear()
        name = _bytes(path)
        pb = _path_bytes[path] = (name + b":", name)
    return pb


def path_prefix(path: str) -> bytes:
    """`"path":`, what a fact's value follows in an evidence object."""
    return _path_piece(path)[0]


def _fact_piece(path: str, value, kv: bytes | None = None) -> tuple[bytes, bytes, bytes]:
    """(`"path":value`, the missing facts, the facts stated absent) of one fact, each without brackets; `kv`:
    the first when the caller has it already."""
    pb = _path_piece(path)
    if kv is None:
        kv = pb[0] + _bytes(value)
    if type(value) is not list:   # a single fact: absent, stated absent, or neither
        return (kv, pb[1] if value is None else b"", pb[1] if value is False else b"")
    return (kv, _bytes(missing_of(path, value))[1:-1], _bytes(stated_absent_of(path, value))[1:-1])


def _outcome_bytes(r, missing: str | None, detail: str | None, periods: tuple, memo: dict) -> bytes:
    """The bytes of Finding.outcome_fields() without its braces: each period's part serialised once per outcome."""
    parts = []
    if r.periode:
        head = memo.get(("periode", r.id))
        if head is None:   # '"periode":{"satuan":...,"tenggat_hari":...,"rincian":['
            head = memo[("periode", r.id)] = b'"periode":' + _bytes(
                {"satuan": r.periode, "tenggat_hari": r.tenggat_hari, "rincian": []})[:-2]
        parts.append(head + b",".join([_period_bytes(p) for p in periods]) + b"]}")
    elif r.tenggat_sejak:
        parts.append(_bytes({"tenggat": {"sejak": r.tenggat_sejak, "hari": r.tenggat_hari,
                                         "rincian": [p.as_dict() for p in periods]}})[1:-1])
    rest = {}
    if missing:
        rest["missing"] = missing
    if detail:
        rest["detail"] = detail
    if rest:
        parts.append(_bytes(rest)[1:-1])
    return b",".join(parts)


_periods: dict = {}


def _period_bytes(p) -> bytes:
    """The bytes of p.as_dict(), kept per outcome of a period (a batch meets the same few in every dossier)."""
    b = _periods.get(p)
    if b is None:
        if len(_periods) > 20000:
            _periods.clear()
        b = _periods[p] = _bytes(p.as_dict())
    return b


def record_summary(rep: Report) -> dict:
    """The part of record(rep) a rekap reads: identity, pack, counts, and each of the village's own findings
    with its rule, concept, citation, title and status (no evidence, no message)."""
    d = rep.dossier
    village, _ = _ordered(rep)
    memo = rep.pack.memo.setdefault("jsonl_rule_heads", {})
    fs = []
    for f in village:
        head = memo.get(f.rule.id)
        if head is None:
            r = f.rule
            head = memo[r.id] = {"rule": r.id, "concept": r.concept, "citation": str(r.citation), "title": r.title}
        fs.append({**head, "status": f.status})
    return {"rejected": False, "file": display_path(d.file), "dossier": identity(d),
            "pack": {"id": rep.pack.id, "regulation": str(rep.pack.regulation)},
            "as_of": rep.as_of.isoformat(), "counts": rep.counts(), "findings": fs}


def rejected_record(file: str, error: str, *, line: int | None = None, column: int | None = None,
                    internal: bool = False, dossier: dict | None = None) -> dict:
    """A dossier that could not be checked: the message (file:line:col first), where, and what is known of it
    (kabupaten, kecamatan, nama when they could be read), so a rekap can still count it in its kecamatan."""
    return {"rejected": True, "file": display_path(file), "error": error, "line": line, "column": column,
            "internal": internal, "dossier": dossier or {}}


# ------------------------------------------------------------------ findings
def finding(f: Finding, memo: dict | None = None) -> dict:
    """Finding.as_dict() without the quote and tafsiran (see rule_fields). The rule's own fields are built once
    per rule when `memo` (a dict kept with the pack) is given, and shared by the findings of that rule."""
    r = f.rule
    fields = memo.get(r.id) if memo is not None else None
    if fields is None:
        fields = rule_fields(r)
        if memo is not None:
            memo[r.id] = fields
    out: dict[str, Any] = {**fields, "status": f.status, "message": f.message,
                           "evidence": f.evidence, "missing_facts": missing_facts(f.evidence),
                           "stated_absent": stated_absent(f.evidence, r.bool_paths)}
    if r.periode or r.tenggat_sejak or f.missing or f.detail:
        out.update(f.outcome_fields())
    return out


def rule_fields(r) -> dict:
    """What a finding of rule `r` says of the rule itself, the same for every dossier: what a row of a table
    needs. The quote and the pack's reasoning (`tafsiran`) are left to `--format json` and `aturan explain`,
    not written again on every line; `dasar` still says when the obligation is the pack's inference."""
    return {"rule": r.id, "concept": r.concept, "citation": str(r.citation), "citation_parts": r.citation.as_dict(),
            "title": r.title, "severity": r.severity, "subject": r.subject, "pihak_luar": r.pihak_luar,
            "dasar": r.dasar}


def _ordered(rep: Report) -> tuple[list[Finding], list[Finding]]:
    """The village's findings and the other parties', each in article order (the order computed once per pack)."""
    order = _order(rep.pack)
    fs = rep.findings
    if len(fs) == len(order) and all(f.rule is r for f, r in zip(fs, rep.pack.rules)):
        fs = [fs[i] for i in order]
    else:   # findings added after evaluation (e.g. the scorecard reconciliation): sort them all
        fs = sorted(fs, key=lambda f: (citation_key(f.rule.citation), f.rule.id))
    return [f for f in fs if not f.rule.pihak_luar], [f for f in fs if f.rule.pihak_luar]


def _order(pack: RulePack) -> tuple[int, ...]:
    if "article_order" not in pack.memo:
        rules = pack.rules
        pack.memo["article_order"] = tuple(sorted(range(len(rules)),
                                                  key=lambda i: (citation_key(rules[i].citation), rules[i].id)))
    return pack.memo["article_order"]
