"""What a pack says about each concept, in words a reader compares: the shared vocabulary, citations, numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..dsl import DEFAULT_LADDERS
from ..model import Citation, RulePack

LADDER = DEFAULT_LADDERS["pendidikan"]
OTHER_TOPIC = "lainnya"


@dataclass(frozen=True)
class Concept:
    id: str
    topic: str
    label: str
    sejajar: tuple[str, ...] = ()     # concepts answering the same obligation another way


@dataclass(frozen=True)
class Catalog:
    """src/aturan/data/concepts.yaml: topics, concepts (in file order) and shared package ids."""

    topics: dict[str, str]
    concepts: dict[str, Concept]
    packages: dict[str, str]
    param_formats: dict[str, str] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)

    def concept(self, cid: str) -> Concept:
        if cid in self.concepts:
            return self.concepts[cid]
        return Concept(cid, OTHER_TOPIC, cid)

    def parallels(self, cid: str) -> tuple[str, ...]:
        """Concepts answering the same obligation another way, both ways round (`sejajar` in concepts.yaml)."""
        own = self.concept(cid).sejajar
        back = tuple(c.id for c in self.concepts.values() if cid in c.sejajar and c.id not in own)
        return own + back

    def topic_title(self, topic: str) -> str:
        return self.topics.get(topic, "Lainnya (konsep di luar concepts.yaml)")

    def order(self, cid: str) -> tuple:
        ids = list(self.concepts)
        return (ids.index(cid), cid) if cid in self.concepts else (len(ids), cid)


@lru_cache(maxsize=None)
def load_catalog() -> Catalog:
    text = resources.files("aturan").joinpath("data/concepts.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    topics = dict(data.get("topics") or {})
    concepts = {cid: Concept(cid, spec.get("topic", OTHER_TOPIC), spec.get("label", cid),
                             tuple(spec.get("sejajar") or ()))
                for cid, spec in (data.get("concepts") or {}).items()}
    return Catalog(topics, concepts, dict(data.get("packages") or {}),
                   dict(data.get("param_formats") or {}), dict(data.get("words") or {}))


# ------------------------------------------------------------------ citations
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman(text: str) -> int:
    total, prev = 0, 0
    for ch in reversed(text):
        v = _ROMAN.get(ch, 0)
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def is_guide(pack: RulePack) -> bool:
    """A guidance document (the Bappenas guide) has no Pasal; its 'Lampiran IV' is Aksi Integrasi 4."""
    return pack.regulation.kind == "Panduan"


def _parts(c: Citation | dict, guide: bool) -> tuple[str, str]:
    """(base, huruf) of a compact citation, so that citations differing only by huruf merge."""
    c = c if isinstance(c, Citation) else Citation.from_dict(c)
    base = []
    if c.lampiran:
        base.append(f"Aksi {roman(c.lampiran)}" if guide else f"Lamp. {c.lampiran}")
        if c.bagian:
            base.append(c.bagian.split(",")[0].strip())
    if c.pasal is not None:
        base.append(f"Ps {c.pasal}")
    if c.ayat is not None:
        base.append(f"({c.ayat})")
    if c.angka is not None and c.huruf and not c.angka_first:
        # angka nested under a huruf: "Lamp. III d angka 3", not merged with other huruf
        return " ".join(base + [c.huruf, f"angka {c.angka}"]), ""
    if c.angka is not None:
        base.append(f"angka {c.angka}")
    return " ".join(base), (c.huruf or "")


def cite(c: Citation | dict, guide: bool = False) -> str:
    base, huruf = _parts(c, guide)
    return f"{base} {huruf}".strip()


def cite_many(cits, guide: bool = False) -> str:
    """'Ps 41 a,b,c,d; Ps 40' — unique, in order, huruf of the same Pasal/ayat merged."""
    groups: dict[str, list[str]] = {}
    for c in cits:
        base, huruf = _parts(c, guide)
        hs = groups.setdefault(base, [])
        if huruf not in hs:
            hs.append(huruf)
    out = []
    for base, hs in groups.items():
        letters = ",".join(h for h in hs if h)
        if "" in hs and letters:
            out.append(base)
            out.append(f"{base} {letters}")
        else:
            out.append(f"{base} {letters}".strip())
    return "; ".join(out)


# ------------------------------------------------------------------ values
_SCHOOL = re.compile(r"Sekolah(?:\s+[A-Z][A-Za-z]*)+")
_ABBR = re.compile(r"\b[A-Z]{2,4}\b")


def education_word(level: str, text: str | None) -> str:
    """The regency's own word for an education level: 'Sekolah Lanjutan Tingkat Atas' -> SLTA."""
    rank = LADDER.get(level)
    for cand in _candidates(text or ""):
        if LADDER.get(cand.lower()) == rank:
            return cand
    return level.upper()


def _candidates(text: str):
    for m in _SCHOOL.finditer(text):
        yield "".join(w[0] for w in m.group(0).split())
    yield from _ABBR.findall(text)


def show(value: Any, text: str | None = None, terms: dict | None = None) -> str:
    """A param or criterion value in words; with `terms`, coded parties read in the pack's words."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        if value in LADDER:
            return education_word(value, text)
        word = load_catalog().words.get(value) if terms is not None else None
        return _fill(word, terms) if word else value
    if isinstance(value, (list, tuple)):
        return ", ".join(show(v, text, terms) for v in value)
    return "" if value is None else str(value)


def _fill(template: str, terms: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: terms.get(m.group(1), m.group(0)), template)


# ------------------------------------------------------------------ per pack, per concept
@dataclass
class Cell:
    """What one pack says about one concept: its rules and/or KPM criteria."""

    pack: str
    rules: list = field(default_factory=list)       # model.Rule
    criteria: list = field(default_factory=list)    # registry.KpmCriterion
    guide: bool = False
    mark: str | None = None                         # set by baseline.mark()
    terms: dict = field(default_factory=dict)       # the pack's words, for coded values
    mark_note: str | None = None                    # what the mark rests on, when the numbers do not show it
    parallel: list = field(default_factory=list)    # (concept, Cell) of a `sejajar` concept that answers it

    @property
    def present(self) -> bool:
        return bool(self.rules or self.criteria)

    @property
    def params(self) -> dict:
        out: dict = {}
        for r in self.rules:
            for k, v in r.params.items():
                out.setdefault(k, v)
            if r.periode and r.tenggat_hari:   # a deadline declared as data (`tenggat:`), not a param
                out.setdefault("tenggat_hari", r.tenggat_hari)
        return out

    def param_rule(self, name: str):
        """The rule a number comes from (the first that states it)."""
        return next((r for r in self.rules if name in r.params
                     or (name == "tenggat_hari" and r.periode and r.tenggat_hari)), None)

    def param_text(self, name: str) -> str | None:
        r = self.param_rule(name)
        return r.quote if r is not None else None

    def param_tafsiran(self, name: str) -> bool:
        """The deadline is the pack's reading, not the text's number (31 days for "awal tahun berikutnya").
        Other numbers are the text's; an inferred rule is marked on the whole cell (basis())."""
        r = self.param_rule(name)
        return r is not None and name == "tenggat_hari" and name not in r.params and r.tenggat_tafsiran

    @property
    def tafsiran_rules(self) -> list[str]:
        return [r.id for r in self.rules if r.dasar == "tafsiran"]

    def basis(self) -> str | None:
        """'aturan tafsiran' when every rule of the cell is inferred, 'sebagian aturan tafsiran' when some are."""
        n = len(self.tafsiran_rules)
        if not n:
            return None
        return "aturan tafsiran" if n == len(self.rules) else "sebagian aturan tafsiran"

    def numbers(self) -> str:
        """The rule's params in words: '2 tahun', '1 kali per triwulan', 'BAMUSKAM, kader'; a number that is
        the pack's reading says so: '31 hari setelah 31 Desember (tafsiran)'."""
        formats = load_catalog().param_formats
        shown = []
        for k, v in self.params.items():
            value = show(v, self.param_text(k), self.terms)
            text = _fill(formats[k], self.terms).replace("{}", value) if k in formats else f"{k}={value}"
            shown.append(text + (" (tafsiran)" if self.param_tafsiran(k) else ""))
        return "; ".join(shown)

    def criterion_value(self) -> str:
        parts = [show(c.value, c.text, self.terms) for c in self.criteria if c.value is not None]
        return "; ".join(p for p in parts if p)

    def citation(self) -> str:
        return cite_many([r.citation for r in self.rules] or [c.citation for c in self.criteria], self.guide)

    def as_dict(self) -> dict:
        return {
            "present": self.present,
            "rules": [r.id for r in self.rules],
            "citation": self.citation() if self.present else None,
            "citations": [r.citation.as_dict() for r in self.rules],
            "params": {k: v for k, v in self.params.items()},
            "value": self.numbers() or None,
            "quotes": [r.quote for r in self.rules],
            "tafsiran": self.tafsiran_rules,
            "params_tafsiran": [k for k in self.params if self.param_tafsiran(k)],
            "parallel": [{"concept": cid, "rules": [r.id for r in c.rules], "citation": c.citation()}
                         for cid, c in self.parallel],
            "criteria": [{"id": c.id, "text": c.text, "value": c.value, "value_label": show(c.value, c.text),
                          "citation": cite(c.citation, self.guide)} for c in self.criteria],
            **({"mark": self.mark} if self.mark else {}),
            **({"mark_note": self.mark_note} if self.mark_note else {}),
        }


def concept_cells(pack: RulePack) -> dict[str, Cell]:
    """concept id -> Cell, from the pack's rules and its plugin's KPM criteria."""
    guide, terms = is_guide(pack), terms_by_key(pack)
    cells: dict[str, Cell] = {}
    for r in pack.rules:
        cells.setdefault(r.concept, Cell(pack.id, guide=guide, terms=terms)).rules.append(r)
    for k in pack.kpm_criteria:
        cells.setdefault(k.concept, Cell(pack.id, guide=guide, terms=terms)).criteria.append(k)
    return cells


def terms_by_key(pack: RulePack) -> dict[str, str]:
    """Each terminology key in the pack's words; units that differ are joined ('Lurah / Kepala Ohoi')."""
    out = {}
    units = list(pack.units) + [u for u in pack.terminology if u not in pack.units]
    for key in next(iter(pack.terminology.values()), {}):
        words = []
        for u in units:
            w = pack.terminology.get(u, {}).get(key)
            if w and w not in words:
                words.append(w)
        out[key] = " / ".join(words)
    return out


def short_name(pack: RulePack) -> str:
    reg = pack.regulation
    if is_guide(pack):   # a guide has an edition, not a number: "Panduan Bappenas Edisi Juni 2019"
        return f"{reg.kind} {reg.regency} {reg.number} {reg.year}"
    return str(reg)
