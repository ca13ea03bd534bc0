"""A regency against a baseline pack (the Bappenas guide): weaker, stronger, equal or silent, and the scope it leaves out."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import RulePack
from .facts import LADDER, Cell, cite, concept_cells, is_guide, load_catalog, show

WEAKER, STRONGER, EQUAL, SILENT, MIXED = "lebih_lemah", "lebih_kuat", "setara", "tidak_diatur", "berbeda"
PARALLEL, ALTERNATIVE = "diatur_sejajar", "dengan_alternatif"
MARK_LABELS = {
    WEAKER: "▼ lebih lemah",
    ALTERNATIVE: "▽ setara, dengan alternatif di luar garis dasar",
    STRONGER: "▲ lebih kuat",
    EQUAL: "= setara",
    SILENT: "∅ tidak diatur",
    PARALLEL: "≈ diatur dengan konsep sejajar",
    MIXED: "≠ sebagian lebih lemah, sebagian lebih kuat",
}
MARK_ORDER = (WEAKER, ALTERNATIVE, STRONGER, MIXED, SILENT, PARALLEL, EQUAL)     # how reports list them
# A number is a floor unless its name says it is a ceiling (a deadline, a maximum).
_CEILING_WORDS = ("maks", "paling_lambat", "tenggat", "batas")


def compare_values(name: str, mine, theirs) -> int | None:
    """-1: mine asks less than theirs; 0: the same; 1: more; None: not comparable.
    A list of accepted kinds (cadre experience: posyandu, kesehatan) against `true` (any kind) asks
    more, unless it ends in "lainnya" (any other kind)."""
    for a, b, sign in ((mine, theirs, 1), (theirs, mine, -1)):
        if isinstance(a, (list, tuple)) and b is True:
            return 0 if "lainnya" in map(str, a) else sign
    if isinstance(mine, bool) or isinstance(theirs, bool):
        if isinstance(mine, bool) and isinstance(theirs, bool):
            return 0 if mine == theirs else (1 if mine else -1)
        return None
    if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
        sign = (mine > theirs) - (mine < theirs)
        return -sign if any(w in name for w in _CEILING_WORDS) else sign
    if isinstance(mine, str) and isinstance(theirs, str):
        if mine in LADDER and theirs in LADDER:
            a, b = LADDER[mine], LADDER[theirs]
            return (a > b) - (a < b)
        return 0 if mine == theirs else None
    if isinstance(mine, (list, tuple)) and isinstance(theirs, (list, tuple)):
        a, b = set(map(str, mine)), set(map(str, theirs))
        if a == b:
            return 0
        if a > b:
            return 1
        if a < b:
            return -1
    return None


def value_pairs(cell: Cell, base: Cell) -> list[tuple[str, object, object]]:
    mine, theirs = cell.params, base.params
    pairs = [(k, mine[k], theirs[k]) for k in mine if k in theirs]
    if not pairs and len(mine) == 1 and len(theirs) == 1:
        (k, v), (_, w) = next(iter(mine.items())), next(iter(theirs.items()))
        pairs.append((k, v, w))
    crit_mine = [c.value for c in cell.criteria if c.value is not None]
    crit_base = [c.value for c in base.criteria if c.value is not None]
    if len(crit_mine) == 1 and len(crit_base) == 1:
        pairs.append(("kriteria", crit_mine[0], crit_base[0]))
    return pairs


def mark(cell: Cell | None, base: Cell | None) -> str | None:
    """The mark of a regency's cell against the baseline's cell for the same concept."""
    if base is None or not base.present:
        return None
    if cell is None or not cell.present:
        return SILENT
    results = [r for r in (compare_values(k, a, b) for k, a, b in value_pairs(cell, base)) if r is not None]
    weaker, stronger = any(r < 0 for r in results), any(r > 0 for r in results)
    if weaker and stronger:
        return MIXED
    if weaker:
        return WEAKER
    if alternatives(cell, base):
        # "minimal SMA atau memiliki latar belakang pendidikan kesehatan": the floor is met, but another
        # way in that the baseline does not have lowers it for some candidates
        return ALTERNATIVE
    return STRONGER if stronger else EQUAL


def alternatives(cell: Cell, base: Cell) -> list[str]:
    """The cell's alternatives (`atau_...` params that hold) that the baseline does not share, in words."""
    formats = load_catalog().param_formats
    out = []
    for k, v in cell.params.items():
        if k.startswith("atau_") and v and k not in base.params:
            text = formats.get(k, k).replace("{}", show(v)).removesuffix(": ya")
            out.append(text)
    return out


# ------------------------------------------------------------------ scope (declares.scope of the baseline)
@dataclass(frozen=True)
class ScopeItem:
    id: str
    text: str
    citation: str
    concepts: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class Coverage:
    item: ScopeItem
    covered_by: tuple[str, ...]     # rule ids of the pack that cover the item
    articles: tuple[str, ...] = ()  # articles that regulate it without a rule (traceability `concepts`)

    @property
    def covered(self) -> bool:
        return bool(self.covered_by or self.articles)

    @property
    def manual(self) -> bool:
        return not self.item.concepts


def scope_items(baseline: RulePack) -> list[ScopeItem]:
    """The baseline's declared scope; read from pack.yaml since plugins have no `scope`."""
    from ..yamlio import load_file
    meta = load_file(baseline.path / "pack.yaml").data
    guide = is_guide(baseline)
    items = []
    for s in (meta.get("declares") or {}).get("scope", []):
        items.append(ScopeItem(s["id"], s["text"], cite(s["citation"], guide), tuple(s["concepts"]),
                               s.get("required", True)))
    return items


def coverage(pack: RulePack, baseline: RulePack) -> list[Coverage]:
    """Each scope item of the baseline: the pack's rules of one of its concepts, and the articles its
    traceability maps to one of them (a Camat's or a city's duty that no village document shows)."""
    by_concept: dict[str, list[str]] = {}
    for r in pack.rules:
        by_concept.setdefault(r.concept, []).append(r.id)
    by_article: dict[str, list[str]] = {}
    for (section, key), entry in pack.traceability.items():
        where = f"Ps {key}" if section == "pasal" else f"Lamp. {key}"
        for c in entry.concepts:
            by_article.setdefault(c, []).append(where)
    out = []
    for item in scope_items(baseline):
        rules = tuple(rid for c in item.concepts for rid in by_concept.get(c, []))
        articles = tuple(dict.fromkeys(a for c in item.concepts for a in by_article.get(c, [])))
        out.append(Coverage(item, rules, articles))
    return out


def marks_for(mine: dict[str, Cell], base: dict[str, Cell]) -> dict[str, str]:
    """concept -> mark of one pack's cells against the baseline's, for every concept the baseline has.
    A concept the pack lacks is marked ≈ when the pack has one of its `sejajar` concepts."""
    cat = load_catalog()
    marks = {}
    for cid, b in base.items():
        m = mark(mine.get(cid), b)
        if m == SILENT and any(mine.get(a) is not None and mine[a].present for a in cat.parallels(cid)):
            m = PARALLEL
        if m:
            marks[cid] = m
    return marks


def mark_notes(mine: dict[str, Cell], base: dict[str, Cell]) -> dict[str, str]:
    """concept -> the words a mark rests on when the cell's numbers do not show them (an alternative)."""
    return {cid: "; ".join(alternatives(mine[cid], b)) for cid, b in base.items()
            if cid in mine and b.present and mine[cid].present and alternatives(mine[cid], b)}


def weaker_concepts(pack: RulePack, baseline: RulePack) -> list[tuple[str, str]]:
    cat = load_catalog()
    marks = marks_for(concept_cells(pack), concept_cells(baseline))
    return [(cid, cat.concept(cid).label) for cid, m in marks.items() if m == WEAKER]
