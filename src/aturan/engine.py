"""evaluate(pack, dossier) -> a Report with one finding per rule."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .dsl import MissingFact
from .errors import DossierError
from .model import Dossier, Finding, Report, Rule, RulePack


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
    findings = tuple(evaluate_rule(r, data, as_of, terms) for r in pack.rules)
    return Report(dossier, pack, as_of, findings)


def evaluate_rule(rule: Rule, data: dict, as_of: dt.date, terms: dict) -> Finding:
    message = render_message(rule, terms)
    try:
        if rule.when is not None and not rule.when.evaluate(data, as_of):
            return Finding(rule, "tidak_berlaku", message, evidence(rule, data))
        ok = rule.require.evaluate(data, as_of)
    except MissingFact as e:
        path = e.path or "(perhitungan)"
        return Finding(rule, "tidak_dapat_dinilai", message, evidence(rule, data), missing=path,
                       detail=f"{path}: {e.reason}")
    return Finding(rule, "patuh" if ok else "tidak_patuh", message, evidence(rule, data))


def render_message(rule: Rule, terms: dict) -> str:
    values = {**terms, **{k: _show(v) for k, v in rule.params.items()}}
    return rule.message.format_map(values)


def _show(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(map(str, v))
    return str(v)


def evidence(rule: Rule, data: dict) -> dict:
    """The facts the rule read, as found in the dossier ('—' marks an absent one)."""
    out: dict[str, Any] = {}
    for path in rule.paths:
        if "[*]" in path:
            head = path.split("[*]")[0]
            name_path = head + "[*].nama"
            if name_path not in out and name_path != path:
                v = lookup(data, name_path)
                if isinstance(v, list) and any(x != ABSENT for x in v):
                    out[name_path] = jsonable(v)
        out[path] = jsonable(lookup(data, path))
    return out


ABSENT = "—"


def lookup(data: Any, path: str) -> Any:
    """Follow 'a.b[*].c' through the data; absent steps give '—'; [*] maps over a list."""
    if "[*]" in path:
        head, _, rest = path.partition("[*]")
        seq = lookup(data, head)
        if not isinstance(seq, list):
            return ABSENT
        rest = rest.lstrip(".")
        return [lookup(item, rest) if rest else item for item in seq]
    cur = data
    for part in path.split(".") if path else []:
        if not isinstance(cur, dict) or part not in cur:
            return ABSENT
        cur = cur[part]
    return cur


def jsonable(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    return v
