"""`aturan compare`: regencies side by side, derived from their packs and plugins."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..errors import AturanError
from ..model import RulePack
from ..registry import TERM_KEYS
from . import baseline as B
from .facts import OTHER_TOPIC, Catalog, Cell, cite, concept_cells, load_catalog, terms_by_key

PACKAGE_TOPIC, KPM_TOPIC = "paket_layanan", "kpm"
CONFLICT_KINDS = ("kontradiksi", "rujukan_salah")


@dataclass
class Row:
    key: str                      # concept id, term key or package id
    label: str
    cells: dict[str, object]      # pack id -> Cell (concepts, criteria) or str (terms, packages)


@dataclass
class Section:
    id: str                       # "istilah", "paket", "kriteria_kpm", "konsep:<topic>"
    title: str
    rows: list[Row]


@dataclass
class Summary:
    packs: list[str]
    shared_all: list[str]
    shared_some: list[str]
    unique: dict[str, list[str]]  # pack -> concepts only it has


@dataclass
class Comparison:
    packs: list[RulePack]                         # the regencies, in the order asked
    baseline: RulePack | None
    topic: str | None
    sections: list[Section]
    summary: Summary
    conflicts: list[tuple[str, object]]           # (pack id, model.Note)
    catalog: Catalog
    coverage: dict[str, list] = field(default_factory=dict)   # pack -> [baseline.Coverage]

    @property
    def columns(self) -> list[RulePack]:
        return ([self.baseline] if self.baseline else []) + list(self.packs)


def build(packs: list[RulePack], *, topic: str | None = None, baseline: RulePack | None = None) -> Comparison:
    if not packs:
        raise AturanError("tidak ada pack untuk dibandingkan")
    cat = load_catalog()
    if topic is not None and topic not in cat.topics and topic != OTHER_TOPIC:
        import difflib
        m = difflib.get_close_matches(topic, list(cat.topics), n=1)
        raise AturanError(f"topik {topic!r} tidak dikenal",
                          hint=(f"maksud Anda {m[0]!r}? " if m else "") + f"topik: {', '.join(cat.topics)}")
    cols = ([baseline] if baseline else []) + list(packs)
    cells = {p.id: concept_cells(p) for p in cols}
    if baseline:
        for p in packs:
            for cid, m in B.marks_for(cells[p.id], cells[baseline.id]).items():
                cells[p.id].setdefault(cid, Cell(p.id)).mark = m
            for cid, note in B.mark_notes(cells[p.id], cells[baseline.id]).items():
                cells[p.id][cid].mark_note = note

    sections: list[Section] = []
    if topic is None:
        sections.append(_terminology(cols))
    if topic in (None, PACKAGE_TOPIC):
        sections.append(_packages(cols, cat))
    if topic in (None, KPM_TOPIC):
        sections.append(_criteria(cols, cells, cat))
    concept_ids = sorted({cid for c in cells.values() for cid, cell in c.items() if cell.rules},
                         key=cat.order)
    topics = list(cat.topics) + [OTHER_TOPIC]
    for t in topics:
        if topic is not None and t != topic:
            continue
        rows = [Row(cid, cat.concept(cid).label, {p.id: _cell(cells[p.id], cid, p.id, cat) for p in cols})
                for cid in concept_ids if cat.concept(cid).topic == t]
        if rows:
            sections.append(Section(f"konsep:{t}", f"Kewajiban — {cat.topic_title(t)}", rows))

    in_scope = [r for s in sections if s.id.startswith("konsep:") for r in s.rows]
    summary = _summary(packs, in_scope)
    conflicts = [(p.id, n) for p in cols for n in p.notes if n.kind in CONFLICT_KINDS] if topic is None else []
    comp = Comparison(list(packs), baseline, topic, sections, summary, conflicts, cat)
    if baseline:
        comp.coverage = {p.id: B.coverage(p, baseline) for p in packs}
    return comp


def _cell(cells: dict[str, Cell], cid: str, pack_id: str, cat: Catalog) -> Cell:
    """The pack's cell for a concept; where it has none, the `sejajar` concepts it encodes the duty under."""
    cell = cells.get(cid) or Cell(pack_id)
    if not cell.present:
        cell.parallel = [(a, cells[a]) for a in cat.parallels(cid) if a in cells and cells[a].rules]
    return cell


def _terminology(cols) -> Section:
    words = {p.id: terms_by_key(p) for p in cols}
    rows = [Row(k, k, {p.id: words[p.id].get(k, "") for p in cols}) for k in TERM_KEYS]
    return Section("istilah", "Istilah (terminologi plugin)", rows)


def _packages(cols, cat: Catalog) -> Section:
    aligned = list(cat.packages)
    for p in cols:
        aligned += [k.aligned for k in p.packages if k.aligned not in aligned]
    rows = []
    for a in aligned:
        cells = {}
        for p in cols:
            names = [f"{k.name} ({cite(k.citation)})" for k in p.packages if k.aligned == a]
            cells[p.id] = "; ".join(names) if names else "—"
        if any(v != "—" for v in cells.values()):
            rows.append(Row(a, cat.packages.get(a, a), cells))
    rows.append(Row("jumlah", "Jumlah paket", {p.id: str(len(p.packages)) if p.packages else "—" for p in cols}))
    return Section("paket", "Paket layanan (disejajarkan menurut makna)", rows)


def _criteria(cols, cells, cat: Catalog) -> Section:
    ids = sorted({k.concept for p in cols for k in p.kpm_criteria}, key=cat.order)
    rows = []
    for cid in ids:
        row = {}
        for p in cols:
            c = cells[p.id].get(cid)
            if c is None or not c.criteria:
                row[p.id] = Cell(p.id, mark=c.mark if c else None, mark_note=c.mark_note if c else None)
            else:   # the criteria of the concept, without its rules
                row[p.id] = replace(c, rules=[], criteria=list(c.criteria))
        rows.append(Row(cid, cat.concept(cid).label, row))
    return Section("kriteria_kpm", "Kriteria KPM (didaftarkan plugin)", rows)


def _summary(packs, rows: list[Row]) -> Summary:
    ids = [p.id for p in packs]
    shared_all, shared_some, unique = [], [], {pid: [] for pid in ids}
    for r in rows:
        having = [pid for pid in ids if isinstance(r.cells.get(pid), Cell) and r.cells[pid].present]
        if not having:
            continue
        if len(having) == len(ids):
            shared_all.append(r.key)
        elif len(having) == 1:
            unique[having[0]].append(r.key)
        else:
            shared_some.append(r.key)
    return Summary(ids, shared_all, shared_some, unique)
