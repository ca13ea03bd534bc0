"""`aturan pack lint --across`: the same concept in several packs must get the same reading.

For each concept encoded by more than one pack, every pack starts from its own compliant example
(rules/<pack>/contoh/patuh.yaml, where all its rules are patuh, in its own words) and undergoes the same
probes: a fact the concept's rules read is not recorded; a document or list is stated not to exist (`false`,
[]); a date falls on, or a day after, another date the rules compare it with; the assessment date sits on
the last day of the year, of January, or the day after; every other probe is assessed on one common
day (common_as_of), not on each example's own date. Where the packs' verdicts on the same probe differ,
the difference is listed; it must be fixed in a pack or explained in src/aturan/data/perbedaan.yaml with the
differing words of each text.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from ..engine import evaluate_rule
from ..loader import dossier_from_data
from ..model import RulePack
from ..schema import load_schema
from ..yamlio import load_file
from .probe import compliant_examples, variants

EXPLANATIONS = "data/perbedaan.yaml"


@dataclass(frozen=True)
class Difference:
    concept: str
    probe: str
    verdicts: dict                     # pack id -> status (rules of a pack combined, worst first)
    explained: str | None = None       # the recorded reason, quoting the differing words


@dataclass
class AcrossResult:
    packs: list[str]
    concepts: int = 0
    probes: int = 0
    differences: list[Difference] = field(default_factory=list)
    stale: list[tuple[str, tuple]] = field(default_factory=list)   # (concept, packs) of reasons no difference uses

    @property
    def unexplained(self) -> list[Difference]:
        return [d for d in self.differences if d.explained is None]

    @property
    def problems(self) -> int:
        """Unexplained differences, and recorded reasons that explain nothing any more (a pack changed)."""
        return len(self.unexplained) + len(self.stale)


_ORDER = ("tidak_patuh", "tidak_dapat_dinilai", "belum_jatuh_tempo", "patuh", "tidak_berlaku")


@lru_cache(maxsize=None)
def explanations() -> dict[str, list[dict]]:
    text = resources.files("aturan").joinpath(EXPLANATIONS).read_text(encoding="utf-8")
    return (yaml.safe_load(text) or {}).get("perbedaan") or {}


def _explained(concept: str, verdicts: dict, probe: str, recorded: dict, used: set | None = None) -> str | None:
    """A recorded reason covering every pack on the minority side(s) of this difference."""
    for i, entry in enumerate(recorded.get(concept, [])):
        if not _matches(entry, probe):
            continue
        if set(entry.get("packs", [])) >= _odd_ones(verdicts):
            if used is not None:
                used.add((concept, i))
            return entry["alasan"]
    return None


def _odd_ones(verdicts: dict) -> set[str]:
    """The packs outside the largest group of equal verdicts (all of them on a tie)."""
    groups: dict[str, set[str]] = {}
    for pid, st in verdicts.items():
        groups.setdefault(st, set()).add(pid)
    sizes = sorted((len(v) for v in groups.values()), reverse=True)
    if len(sizes) > 1 and sizes[0] == sizes[1]:
        return set(verdicts)
    biggest = max(groups.values(), key=len)
    return set(verdicts) - biggest


def check_across(packs: list[RulePack], recorded: dict | None = None) -> AcrossResult:
    """Probe every concept shared by several of `packs`; `recorded`: the explanations (default: perbedaan.yaml)."""
    recorded = explanations() if recorded is None else recorded
    res = AcrossResult([p.id for p in packs])
    bases = {}
    for p in packs:
        ex = [e for e in compliant_examples(p) if e.name == "patuh.yaml"] or compliant_examples(p)
        if ex:
            bases[p.id] = load_file(ex[0]).data
    by_concept: dict[str, dict[str, list]] = {}
    for p in packs:
        if p.id not in bases:
            continue
        for r in p.rules:
            by_concept.setdefault(r.concept, {}).setdefault(p.id, []).append(r)
    packs_by_id = {p.id: p for p in packs}
    used: set = set()
    for concept, rules in sorted(by_concept.items()):
        if len(rules) < 2:
            continue
        res.concepts += 1
        probes = _probes([r for rs in rules.values() for r in rs])
        for label, change, as_of_rule in probes:
            verdicts = {}
            for pid, rs in rules.items():
                v = _verdict(packs_by_id[pid], rs, bases[pid], change, as_of_rule)
                if v is not None:
                    verdicts[pid] = v
            if len(verdicts) < 2:
                continue
            res.probes += 1
            if len(set(verdicts.values())) > 1:
                res.differences.append(Difference(concept, label, verdicts,
                                                  _explained(concept, verdicts, label, recorded, used)))
    probed = set(by_concept)
    for concept, entries in recorded.items():
        for i, entry in enumerate(entries):
            # a reason about packs all checked here that no difference needs: those packs now read as the others
            packs = set(entry.get("packs", []))
            if (concept, i) in used or concept not in probed or not packs <= set(res.packs):
                continue
            if not any(d.concept == concept and _matches(entry, d.probe) and packs & _odd_ones(d.verdicts)
                       for d in res.differences):
                res.stale.append((concept, tuple(entry.get("packs", []))))
    return res


def _matches(entry: dict, probe: str) -> bool:
    probes = entry.get("probe")
    return not probes or any(p in probe for p in ([probes] if isinstance(probes, str) else probes))


def common_as_of(d) -> dt.date:
    """The assessment date of every probe that does not set its own: the same day for every pack (15 February
    of the year after the dossier's, when every yearly deadline of the four texts has passed), not each
    example's own `tanggal_data` — the same facts on different days are not the same probe."""
    return dt.date(d.year + 1, 2, 15)


def _verdict(pack, rules, raw, change, as_of_rule):
    data = change(raw)
    if data is None:
        return None
    d = dossier_from_data(data)
    as_of = as_of_rule(d) if as_of_rule else common_as_of(d)
    terms = pack.terms_for(d.unit)
    statuses = [evaluate_rule(r, d.data, as_of, terms, in_force=pack.regulation.in_force).status for r in rules]
    return min(statuses, key=_ORDER.index)


def _probes(rules):
    """(label, change(raw) -> raw or None, as_of(dossier) or None) shared by every pack of a concept."""
    paths = sorted({p for r in rules for p in r.paths})
    out = [("contoh patuh apa adanya", lambda raw: raw, None)]
    seen = set()
    for path in paths:
        steps = path.replace("[*]", ".[*]").split(".")
        for depth in range(len(steps), 0, -1):
            prefix = ".".join(steps[:depth]).replace(".[*]", "[*]")
            if prefix.endswith("[*]") or prefix.startswith("identitas") or prefix in seen:
                continue
            seen.add(prefix)
            out.append((f"{prefix} tidak dicatat", _removing(path, prefix), None))
            none = None if "[*]" in prefix else _none_value(prefix)
            if none is not None:
                out.append((f"{prefix} dinyatakan tidak ada ({'[]' if none == [] else 'false'})",
                            _setting(prefix, none), None))
    dates = [p for p in paths if _is_date(p) and "[*]" not in p]
    for a in dates:
        for b in dates:
            if a != b:
                out.append((f"{a} = {b}", _date_from(a, b, 0), None))
                out.append((f"{a} = {b} + 1 hari", _date_from(a, b, 1), None))
    for label, rule in (("dinilai 31 Desember tahun dosir", lambda d: dt.date(d.year, 12, 31)),
                        ("dinilai 31 Januari tahun berikutnya", lambda d: dt.date(d.year + 1, 1, 31)),
                        ("dinilai 1 Februari tahun berikutnya", lambda d: dt.date(d.year + 1, 2, 1)),
                        ("dinilai 30 Juni tahun dosir", lambda d: dt.date(d.year, 6, 30))):
        out.append((label, lambda raw: raw, rule))
    return out


def _removing(leaf_path: str, prefix: str):
    def change(raw):
        for label, data in variants(raw, leaf_path, hows=("hapus",)):
            if label == f"{prefix} hapus (semua)":
                return data
        return None
    return change


def _walk(raw, dotted: str, value):
    """A copy of raw with `value` at the dotted path (no [*]); None when a step is missing."""
    keys = dotted.split(".")
    if "[*]" in keys:
        return None
    out = dict(raw)
    cur = out
    for k in keys[:-1]:
        if not isinstance(cur.get(k), dict):
            return None
        cur[k] = dict(cur[k])
        cur = cur[k]
    if keys[-1] not in cur:
        return None
    cur[keys[-1]] = value
    return out


def _setting(dotted: str, value):
    return lambda raw: _walk(raw, dotted, value)


def _date_from(a: str, b: str, days: int):
    def change(raw):
        cur = raw
        for k in b.split("."):
            if not isinstance(cur, dict) or k not in cur:
                return None
            cur = cur[k]
        base = cur if isinstance(cur, dt.date) else dt.date.fromisoformat(str(cur))
        return _walk(raw, a, (base + dt.timedelta(days=days)).isoformat())
    return change


@lru_cache(maxsize=None)
def _types():
    from ..dsl import SchemaTypes
    return SchemaTypes(load_schema("dossier"))


def _schema_at(dotted: str) -> dict | None:
    """The (unresolved) dossier schema of the fact at a dotted path ('[*]' steps into list items)."""
    types = _types()
    node = types.root
    for k in dotted.replace("[*]", ".[*]").split("."):
        s = types.resolve(node)
        node = s.get("items", {}) if k == "[*]" else (s.get("properties") or {}).get(k)
        if node is None:
            return None
    return node


def _none_value(dotted: str):
    """false for what the schema lets be stated absent, [] for a list; None when neither applies."""
    node = _schema_at(dotted)
    if node is None:
        return None
    if any(b.get("$ref") == "#/$defs/tidak_ada" for b in node.get("anyOf") or []):
        return False
    return [] if _types().resolve(node).get("type") == "array" else None


def _is_date(dotted: str) -> bool:
    node = _schema_at(dotted)
    return node is not None and _types().resolve(node).get("format") == "date"


def render_across(res: AcrossResult) -> str:
    lines = [f"Konsistensi antar-pack ({', '.join(res.packs)}): {res.concepts} konsep bersama, "
             f"{res.probes} uji dengan fakta yang sama"]
    if not res.differences and not res.stale:
        lines.append("bersih: setiap konsep bersama mendapat putusan yang sama pada setiap uji")
        return "\n".join(lines) + "\n"
    concept = None
    for d in res.differences:
        if d.concept != concept:
            concept = d.concept
            lines.append(f"\n[{concept}]")
        verdicts = ", ".join(f"{pid}: {st}" for pid, st in sorted(d.verdicts.items()))
        mark = "dijelaskan" if d.explained else "BELUM DIJELASKAN"
        lines.append(f"- {d.probe}: {verdicts} — {mark}")
        if d.explained:
            lines.append(f"    {d.explained}")
    for concept, packs in res.stale:
        lines.append(f"- penjelasan [{concept}] untuk {', '.join(packs)} tidak lagi menjelaskan perbedaan apa pun: "
                     "hapus dari perbedaan.yaml (pack kini sejalan)")
    n = len(res.unexplained)
    lines.append(f"\n{len(res.differences)} perbedaan, {n} belum dijelaskan"
                 + (f", {len(res.stale)} penjelasan usang" if res.stale else ""))
    if n:
        lines.append("Setiap perbedaan diperbaiki dalam pack, atau alasannya dicatat (dengan kutipan kata-kata tiap "
                     f"teks) di src/aturan/{EXPLANATIONS}.")
    return "\n".join(lines) + "\n"
