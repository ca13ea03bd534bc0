"""evaluate(pack, dossier) -> a Report with one finding per rule."""
from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache
from typing import Any

from .dsl import MissingFact
from .errors import DossierError
from .model import Dossier, Finding, PeriodResult, Report, Rule, RulePack


def default_as_of(dossier: Dossier) -> dt.date:
    return dossier.as_of or dt.date.today()


def check_unit(pack: RulePack, dossier: Dossier) -> None:
    if dossier.unit not in pack.units:
        raise DossierError(
            f"{pack.regulation} mengatur {', '.join(pack.units)}, sedangkan dosir ini tentang {dossier.unit} "
            f"{dossier.name}", hint="periksa identitas.jenis, atau pilih pack lain dengan --pack")


def evaluate(pack: RulePack, dossier: Dossier, as_of: dt.date | None = None) -> Report:
    check_unit(pack, dossier)
    as_of = as_of or default_as_of(dossier)
    terms = {**pack.terms_for(dossier.unit)}
    reg = pack.regulation
    if as_of < reg.in_force or dt.date(dossier.year, 12, 31) < reg.in_force:
        when = as_of if as_of < reg.in_force else dt.date(dossier.year, 12, 31)
        msg = (f"{reg} belum berlaku pada {when.isoformat()} (mulai berlaku {reg.in_force.isoformat()}); "
               "kewajiban ini belum dapat dikenakan.")
        findings = tuple(Finding(r, "tidak_berlaku", msg, {}) for r in pack.rules)
        return Report(dossier, pack, as_of, findings, in_force=False)
    data = dossier.data
    messages = unit_messages(pack, dossier.unit)
    seen: dict = {}
    findings = tuple(evaluate_rule(r, data, as_of, terms, in_force=reg.in_force, message=m, seen=seen)
                     for r, m in zip(pack.rules, messages))
    return Report(dossier, pack, as_of, findings)


def unit_messages(pack: RulePack, unit: str) -> tuple[str, ...]:
    """Each rule's message in the words of `unit`, rendered once per pack and unit."""
    key = ("messages", unit)
    if key not in pack.memo:
        terms = pack.terms_for(unit)
        pack.memo[key] = tuple(render_message(r, terms) for r in pack.rules)
    return pack.memo[key]


def evaluate_rule(rule: Rule, data: dict, as_of: dt.date, terms: dict, in_force: dt.date | None = None,
                  message: str | None = None, seen: dict | None = None) -> Finding:
    if message is None:
        message = render_message(rule, terms)
    status, missing, detail, results = outcome(rule, data, as_of, in_force)
    return Finding.make(rule, status, message, evidence(rule, data, seen), missing=missing, detail=detail,
                        periods=results)


def outcome(rule: Rule, data: dict, as_of: dt.date, in_force: dt.date | None = None) -> tuple:
    """(status, missing path, detail, periods) of one rule on one document: what a Finding holds besides the
    rule, its message and its evidence."""
    if rule.periode:
        return _outcome_periodic(rule, data, as_of, in_force)
    if rule.tenggat_sejak:
        return _outcome_from_event(rule, data, as_of)
    return judge(rule, data, as_of) + ((),)


def judge(rule: Rule, data: dict, as_of: dt.date) -> tuple[str, str | None, str | None]:
    """(status, missing path, detail) of one rule on one document: when, then require, three-valued."""
    try:
        if rule.when is not None and not rule.when.evaluate(data, as_of):
            return "tidak_berlaku", None, None
        ok = rule.require.evaluate(data, as_of)
    except MissingFact as e:
        path = e.path or "(perhitungan)"
        return "tidak_dapat_dinilai", path, f"{path}: {e.reason}"
    return ("patuh" if ok else "tidak_patuh"), None, None


# ------------------------------------------------------------------ periods and deadlines
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember")
_ROMAN = ("I", "II", "III", "IV")
_SPAN = {"bulan": 1, "triwulan": 3, "semester": 6, "tahun": 12}


def periods(kind: str, year: int) -> list[tuple[int, str, dt.date, dt.date]]:
    """(nomor, label, first day, last day) of each period of `kind` in `year`."""
    return list(_periods(kind, year))


@lru_cache(maxsize=256)   # a batch asks for the same few (kind, year) for every dossier
def _periods(kind: str, year: int) -> tuple[tuple[int, str, dt.date, dt.date], ...]:
    span = _SPAN[kind]
    out = []
    for n in range(1, 12 // span + 1):
        m0, m1 = (n - 1) * span + 1, n * span
        start, end = dt.date(year, m0, 1), dt.date(year, m1, calendar.monthrange(year, m1)[1])
        if kind == "bulan":
            label = f"{_MONTHS[n - 1]} {year}"
        elif kind == "tahun":
            label = f"tahun {year}"
        else:
            label = f"{kind} {_ROMAN[n - 1]} {year}"
        out.append((n, label, start, end))
    return tuple(out)


def _outcome_periodic(rule: Rule, data: dict, as_of: dt.date, in_force: dt.date | None) -> tuple:
    """Judge each period of the dossier's year whose deadline has passed on `as_of`.

    A period is due the day after its deadline (its last day plus `tenggat` days). Before that it is
    not judged: met early it counts as met, otherwise it is belum_jatuh_tempo (or tidak_berlaku when
    its `when` does not hold). A period that began before the regulation came into force is
    tidak_berlaku: a recurring duty applies from the first whole period in force.
    """
    year = data["identitas"]["tahun"]
    sched = _schedule(rule.periode, year, rule.tenggat_hari)
    judged = []   # (status, missing, detail) of each period judged; the rest follows from the dates alone
    for nomor, label, start, end, due, here in sched:
        if (in_force is not None and start < in_force) or as_of < start:
            continue
        status, missing, detail = judge(rule, {**data, "@periode": here}, as_of)
        if as_of <= due and status in ("tidak_patuh", "tidak_dapat_dinilai"):
            status, missing, detail = "belum_jatuh_tempo", None, None   # not applicable stays tidak_berlaku
        judged.append((status, missing, detail))
    # the same outcomes give the same periods and the same finding: a batch meets a few hundred in every dossier
    key = (id(rule), year, as_of, in_force, tuple(judged))
    done = _periodic_memo.get(key)
    if done is None:
        if len(_periodic_memo) > 20000:
            _periodic_memo.clear()
        done = _periodic_memo[key] = (rule,) + _periods_judged(rule, sched, as_of, in_force, judged)
    _, results, status, missing, detail = done
    return status, missing, detail, results


_periodic_memo: dict = {}   # each value holds its rule, so the rule's id in the key stays its own


def _periods_judged(rule: Rule, sched: tuple, as_of: dt.date, in_force: dt.date | None, judged: list) -> tuple:
    """(periods, status, missing, detail) of a periodic rule from its schedule and the outcomes of the periods
    judged, in order."""
    results, outcomes = [], iter(judged)
    for nomor, label, start, end, due, here in sched:
        if in_force is not None and start < in_force:
            # a recurring duty applies from the first whole period in force
            results.append(_period_result(nomor, label, start, end, due, "tidak_berlaku", None,
                                          "periode dimulai sebelum peraturan berlaku"))
        elif as_of < start:
            results.append(_period_result(nomor, label, start, end, due, "belum_jatuh_tempo", None, None))
        else:
            results.append(_period_result(nomor, label, start, end, due, *next(outcomes)))
    status, missing, detail = _aggregate(results, lambda first: f"periode pertama ({first.label}) jatuh tempo "
                                                              f"setelah {first.tenggat.isoformat()}")
    return tuple(results), status, missing, detail


def _aggregate(results: list[PeriodResult], first_due) -> tuple[str, str | None, str | None]:
    """One finding from its periods (or dated items): a due one broken, then one not assessable, then met,
    then not yet due; `first_due(result)` words the detail when nothing is due yet."""
    by: dict[str, list] = {"tidak_patuh": [], "tidak_dapat_dinilai": [], "patuh": [], "belum_jatuh_tempo": [],
                           "tidak_berlaku": []}
    for r in results:
        by[r.status].append(r)
    if by["tidak_patuh"]:
        status, missing, detail = "tidak_patuh", None, "tidak dipenuhi: " + _labels(by["tidak_patuh"])
    elif by["tidak_dapat_dinilai"]:
        first = by["tidak_dapat_dinilai"][0]
        status, missing = "tidak_dapat_dinilai", first.missing
        detail = f"{first.detail} ({_labels(by['tidak_dapat_dinilai'])})"
    elif by["patuh"]:
        status, missing, detail = "patuh", None, "dipenuhi: " + _labels(by["patuh"])
    elif by["belum_jatuh_tempo"]:
        status, missing, detail = "belum_jatuh_tempo", None, first_due(by["belum_jatuh_tempo"][0])
    else:
        status, missing, detail = "tidak_berlaku", None, None
    if status in ("tidak_patuh", "tidak_dapat_dinilai", "patuh") and by["belum_jatuh_tempo"]:
        detail += "; belum jatuh tempo: " + _labels(by["belum_jatuh_tempo"])
    return status, missing, detail


# ------------------------------------------------------------------ deadlines from a dated event
class _StatedNone:
    def __repr__(self) -> str:
        return "STATED_NONE"


STATED_NONE = _StatedNone()


def _anchor(data: Any, path: str) -> Any:
    """The date at `path`: a date, ABSENT (not recorded) or STATED_NONE (`false` on the way: no such event)."""
    cur = data
    for part in path.split("."):
        if cur is False:
            return STATED_NONE
        if not isinstance(cur, dict) or cur.get(part) is None:
            return ABSENT
        cur = cur[part]
    if cur is False:
        return STATED_NONE
    return cur if isinstance(cur, dt.date) else ABSENT


def _replace(data: dict, keys: list[str], value: Any) -> dict:
    """A copy of `data` with the value at keys replaced (the dicts on the way copied, nothing else)."""
    out = dict(data)
    if len(keys) == 1:
        out[keys[0]] = value
    else:
        out[keys[0]] = _replace(data[keys[0]], keys[1:], value)
    return out


def _outcome_from_event(rule: Rule, data: dict, as_of: dt.date) -> tuple:
    """A duty due `tenggat.hari` days after a date the dossier records (`tenggat.sejak`).

    Before that day has passed the duty is not yet due: met early it counts as met, otherwise it is
    belum_jatuh_tempo. No such event (its record stated absent) makes it tidak_berlaku; an unrecorded
    date leaves unknown whether it is due, so a failure is tidak_dapat_dinilai naming that date. With
    `daftar[*].tanggal` each item of the list is judged alone against its own date (each KPM from the
    day it starts work), and the finding sums them up as the periods of a periodic rule.
    """
    head, star, tail = rule.tenggat_sejak.partition("[*].")
    if not star:
        results = [_judge_from(rule, data, as_of, 1, f"sejak {head}", _anchor(data, head), head)]
    else:
        seq = lookup(data, head)
        if not isinstance(seq, list) or not seq:
            # no dated item (the list unrecorded, stated none, or empty): the rule speaks for itself
            return judge(rule, data, as_of) + ((),)
        keys = head.split(".")
        results = []
        for i, item in enumerate(seq):
            name = item.get("nama") if isinstance(item, dict) else None
            label = f"{head}[{i}]" + (f" ({name})" if isinstance(name, str) and name else "")
            results.append(_judge_from(rule, _replace(data, keys, [item]), as_of, i + 1, label,
                                       _anchor(item, tail), f"{head}[{i}].{tail}"))
    status, missing, detail = _aggregate(results, lambda first: f"{first.label} jatuh tempo setelah "
                                                              f"{first.tenggat.isoformat()}")
    return status, missing, detail, tuple(results)


def _judge_from(rule: Rule, data: dict, as_of: dt.date, nomor: int, label: str, anchor: Any,
                anchor_path: str) -> PeriodResult:
    if anchor is STATED_NONE:
        return PeriodResult(nomor, label, None, None, None, "tidak_berlaku",
                            detail=f"{anchor_path}: dinyatakan tidak ada, tidak ada tenggat")
    due = anchor + dt.timedelta(days=rule.tenggat_hari) if isinstance(anchor, dt.date) else None
    bound = {"mulai": anchor, "jatuh_tempo": due} if due is not None else None
    status, missing, detail = judge(rule, {**data, "@tenggat": bound, "@tenggat_sejak": anchor_path}, as_of)
    if anchor is ABSENT:
        if status == "tidak_patuh":
            status, missing = "tidak_dapat_dinilai", anchor_path
            detail = f"{anchor_path}: tidak dicatat; tidak diketahui apakah kewajiban sudah jatuh tempo"
        return PeriodResult(nomor, label, None, None, None, status, missing, detail)
    if as_of <= due and status in ("tidak_patuh", "tidak_dapat_dinilai"):
        status, missing, detail = "belum_jatuh_tempo", None, None
    return PeriodResult(nomor, label, anchor, anchor, due, status, missing, detail)


@lru_cache(maxsize=256)
def _schedule(kind: str, year: int, tenggat_hari: int) -> tuple:
    """(nomor, label, first day, last day, due day, the @periode the rules read) of each period: the same for
    every dossier of a year. The @periode mappings are shared; rules only read them."""
    out = []
    for nomor, label, start, end in _periods(kind, year):
        due = end + dt.timedelta(days=tenggat_hari)
        out.append((nomor, label, start, end, due, {"nomor": nomor, "mulai": start, "akhir": end, "jatuh_tempo": due}))
    return tuple(out)


_results: dict[tuple, PeriodResult] = {}


def _period_result(*fields) -> PeriodResult:
    """PeriodResult(*fields), one object for equal fields: a batch meets the same few outcomes per period in every
    dossier (the object is frozen, so sharing it is safe). The table is emptied when it grows large."""
    res = _results.get(fields)
    if res is None:
        if len(_results) > 20000:
            _results.clear()
        res = _results[fields] = PeriodResult(*fields)
    return res


def _labels(rs: list[PeriodResult]) -> str:
    return ", ".join(r.label for r in rs)


def render_message(rule: Rule, terms: dict) -> str:
    values = {**terms, **{k: _show(v) for k, v in rule.params.items()}}
    return rule.message.format_map(values)


def _show(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(map(str, v))
    return str(v)


def evidence(rule: Rule, data: dict, seen: dict | None = None) -> dict:
    """The facts the rule read, as found in the dossier (None marks an absent one). For each list the rule
    reads item by item (`kpm[*].pendidikan`), the items' names come first when the dossier has them.
    `seen` keeps the facts already read from this dossier by other rules (many read the same ones)."""
    if seen is None:
        seen = {}
    else:   # rules reading the same facts share one evidence dict (never changed once built)
        done = seen.get(rule.paths)
        if done is not None:
            return done
    out: dict[str, Any] = {}
    for key, get, name_probe in _evidence_plan(rule):
        v = seen.get(key, _UNSEEN)
        if v is _UNSEEN:
            v = seen[key] = get(data)
        if name_probe:
            if key in out or not isinstance(v, list) or all(x is None for x in v):
                continue
        out[key] = v
    seen[rule.paths] = out   # a tuple: never one of the path keys (text)
    return out


_UNSEEN = object()
_plans: dict[tuple[str, ...], tuple] = {}


def _evidence_plan(rule: Rule) -> tuple:
    """(path, getter, is the names of a list) for each fact of the rule, built once per set of paths: a
    batch reads the same paths from every dossier, so the path text is parsed once, not once per dossier."""
    plan = _plans.get(rule.paths)
    if plan is not None:
        return plan
    steps = []
    for path in rule.paths:
        if "[*]" in path:
            name_path = path.split("[*]")[0] + "[*].nama"
            if name_path != path:
                steps.append((name_path, json_lookup(name_path), True))
        steps.append((path, json_lookup(path), False))
    plan = _plans[rule.paths] = tuple(steps)
    return plan


class _Absent:
    """A fact the dossier does not record; becomes None in evidence (JSON null), never a display string."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


def lookup(data: Any, path: str) -> Any:
    """Follow 'a.b[*].c' through the data; absent steps give ABSENT; [*] maps over a list."""
    return compile_lookup(path)(data)


def compile_lookup(path: str):
    """lookup(data, path) as a function of the data, the path parsed once."""
    if "[*]" in path:
        head, _, rest = path.partition("[*]")
        outer = compile_lookup(head)
        rest = rest.lstrip(".")
        inner = compile_lookup(rest) if rest else None

        def each(data: Any) -> Any:
            seq = outer(data)
            if not isinstance(seq, list):
                return ABSENT
            return [inner(item) for item in seq] if inner is not None else list(seq)
        return each
    parts = tuple(path.split(".")) if path else ()
    # a `false` on the way says the document above is stated not to exist: so is this fact of it
    if len(parts) == 1:
        (a,) = parts
        return lambda data: data.get(a, ABSENT) if isinstance(data, dict) else (False if data is False else ABSENT)
    if len(parts) == 2:
        a, b = parts

        def follow2(data: Any) -> Any:
            try:
                return data[a][b]
            except (KeyError, TypeError, IndexError):   # a step missing, stated false, or not a mapping
                if data is False or (isinstance(data, dict) and data.get(a) is False):
                    return False
                return ABSENT
        return follow2

    def follow(data: Any) -> Any:
        cur = data
        for part in parts:
            if not isinstance(cur, dict):
                return False if cur is False else ABSENT
            cur = cur.get(part, ABSENT)
            if cur is ABSENT:
                return ABSENT
        return cur
    return follow


_PLAIN = (str, int, float, bool, type(None))


def json_lookup(path: str, convert=None):
    """jsonable(lookup(data, path)) as a function of the data (absent facts None), without building the
    intermediate list of a [*] path: evidence reads every path of every rule from every dossier. With
    `convert=absent_as_none` the facts are the dossier's own values (dates as dates, lists and mappings not
    copied), for a caller that serialises them with orjson, which writes a date as its isoformat."""
    convert = convert or jsonable
    if "[*]" not in path:
        get = compile_lookup(path)

        def plain(data: Any) -> Any:
            v = get(data)
            return v if type(v) in _PLAIN else convert(v)
        return plain
    head, _, rest = path.partition("[*]")
    outer = compile_lookup(head)
    rest = rest.lstrip(".")
    if not rest:
        def whole(data: Any) -> Any:
            seq = outer(data)
            return convert(list(seq)) if isinstance(seq, list) else None
        return whole
    if "[*]" not in rest and "." not in rest:   # kpm[*].nama: one field of each item
        def field(data: Any) -> Any:
            seq = outer(data)
            if not isinstance(seq, list):
                return None
            out = []
            for item in seq:
                v = item.get(rest) if isinstance(item, dict) else (False if item is False else None)
                out.append(v if type(v) in _PLAIN else convert(v))
            return out
        return field
    inner = json_lookup(rest, convert)

    def each(data: Any) -> Any:
        seq = outer(data)
        return [inner(item) for item in seq] if isinstance(seq, list) else None
    return each


def absent_as_none(v: Any) -> Any:
    """A looked-up fact as the dossier holds it; None where it holds none."""
    return None if v is ABSENT else v


def jsonable(v: Any) -> Any:
    t = type(v)
    if t in _PLAIN:
        return v
    if t is list:   # the common case (a list of plain values) without a call per item
        return [x if type(x) in _PLAIN else jsonable(x) for x in v]
    if v is ABSENT:
        return None
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    return v
