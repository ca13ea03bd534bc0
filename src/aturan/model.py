"""The frozen objects passed around once raw YAML has been validated."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import Location

STATUSES = ("tidak_patuh", "tidak_dapat_dinilai", "patuh", "belum_jatuh_tempo", "tidak_berlaku")
STATUS_LABELS = {
    "patuh": "Patuh",
    "tidak_patuh": "Tidak patuh",
    "tidak_dapat_dinilai": "Tidak dapat dinilai",
    "belum_jatuh_tempo": "Belum jatuh tempo",
    "tidak_berlaku": "Tidak berlaku",
}

# Parties an obligation may bind. The village's own organs first; the rest sit outside the village,
# and their obligations are reported apart, never counted against the village (its summary, exit status).
VILLAGE_PARTIES = ("pemerintah", "kepala", "badan_permusyawaratan", "rumah_sehat", "kpm", "pelaku",
                   "masyarakat", "penyedia_layanan")
OUTSIDE_PARTIES = ("camat", "pendamping", "dinas", "pemerintah_daerah")
PARTY_LABELS = {
    "camat": "Camat", "pendamping": "tenaga pendamping / tenaga ahli", "dinas": "perangkat daerah (dinas)",
    "pemerintah_daerah": "Pemerintah Daerah (Kabupaten/Kota)",
}


@dataclass(frozen=True)
class Citation:
    pasal: int | None = None
    ayat: int | None = None
    huruf: str | None = None
    angka: int | None = None
    lampiran: str | None = None
    bagian: str | None = None
    # Texts nest huruf under angka in some places (Tual Pasal 7 angka 4 huruf b) and angka under huruf in
    # others; a citation that names both writes them in the text's order, and prints them so
    angka_first: bool = False

    @classmethod
    def from_dict(cls, d: dict) -> "Citation":
        keys = list(d)
        angka_first = "angka" in d and "huruf" in d and keys.index("angka") < keys.index("huruf")
        return cls(**{k: d.get(k) for k in ("pasal", "ayat", "huruf", "angka", "lampiran", "bagian")},
                   angka_first=angka_first)

    def __str__(self) -> str:
        parts = []
        if self.lampiran:
            parts.append(f"Lampiran {self.lampiran}")
            if self.bagian:
                parts.append(self.bagian)
        if self.pasal is not None:
            parts.append(f"Pasal {self.pasal}")
        if self.ayat is not None:
            parts.append(f"ayat ({self.ayat})")
        items = [f"huruf {self.huruf}" if self.huruf else None,
                 f"angka {self.angka}" if self.angka is not None else None]
        parts += [x for x in (reversed(items) if self.angka_first else items) if x]
        return " ".join(parts)

    def as_dict(self) -> dict:
        """The parts in the text's order (pasal, ayat, then huruf and angka as they nest)."""
        order = ["lampiran", "bagian", "pasal", "ayat"] + (["angka", "huruf"] if self.angka_first else ["huruf", "angka"])
        return {k: getattr(self, k) for k in order if getattr(self, k) is not None}


@dataclass(frozen=True)
class Regulation:
    kind: str
    number: str
    year: int
    title: str
    regency: str
    aliases: tuple[str, ...]
    enacted: dt.date
    promulgated: dt.date
    in_force: dt.date
    binding: bool = True
    source: str = ""

    def __str__(self) -> str:
        return f"{self.kind} {self.regency.replace('Kabupaten ', '').replace('Kota ', '')} Nomor {self.number} Tahun {self.year}"


@dataclass(frozen=True)
class Note:
    id: str
    kind: str
    text: str
    citations: tuple[Citation, ...] = ()
    governing: Citation | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    concept: str
    citation: Citation
    quote: str
    subject: str
    severity: str
    require_src: str
    message: str
    location: Location
    params: dict = field(default_factory=dict)
    when_src: str | None = None
    note: str | None = None
    review: str | None = None
    when: Any = None      # dsl.Compiled
    require: Any = None   # dsl.Compiled
    paths: tuple[str, ...] = ()   # dossier facts read, for evidence
    dasar: str | None = None      # "tekstual": the text states it; "tafsiran": the pack infers it
    tafsiran: dict | None = None  # {alasan, kata}: the reasoning and the words it rests on
    periode: str | None = None    # bulan / triwulan / semester / tahun: judged per period once it is due
    tenggat_hari: int = 0         # days after a period ends (or after the `sejak` date) before it is due
    tenggat_sejak: str | None = None   # dossier date the deadline runs from: "a.b.tanggal" or "list[*].tanggal"
    tenggat_dasar: str | None = None   # "tafsiran" when the number of days is the pack's reading, not the text's
    bool_paths: frozenset = frozenset()   # facts read that are yes/no (false reads "tidak", elsewhere "tidak ada")

    @property
    def tenggat_tafsiran(self) -> bool:
        """The deadline's number of days is the pack's reading (its own `dasar`, else the rule's)."""
        return (self.tenggat_dasar or self.dasar) == "tafsiran"

    @cached_property   # asked for every finding of every report of a batch
    def pihak_luar(self) -> bool:
        """The obligation binds a party outside the village (Camat, pendamping, dinas, pemerintah daerah)."""
        return self.subject in OUTSIDE_PARTIES


@dataclass(frozen=True)
class TraceEntry:
    rules: tuple[str, ...] = ()
    not_checkable: str | None = None
    note: str | None = None
    location: Location | None = None
    concepts: tuple[str, ...] = ()   # concepts the article regulates without a rule (counted as baseline coverage)


@dataclass(frozen=True)
class RulePack:
    id: str
    path: Path
    plugin: str
    regulation: Regulation
    units: tuple[str, ...]
    pasal: tuple[int, ...]               # the Pasal numbers the text has
    missing_pasal: tuple[int, ...]
    lampiran: tuple[str, ...]
    notes: tuple[Note, ...]
    rules: tuple[Rule, ...]
    traceability: dict                   # ("pasal", 21) -> TraceEntry
    terminology: dict                    # unit -> terms
    packages: tuple                      # registry.ServicePackage
    kpm_criteria: tuple                  # registry.KpmCriterion
    constants: dict
    location: Location
    recommendations: dict = field(default_factory=dict)   # rule id or concept -> rekomendasi template
    memo: dict = field(default_factory=dict, repr=False, compare=False)   # what a batch computes once per pack

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def terms_for(self, unit: str | None) -> dict:
        if unit in self.terminology:
            return self.terminology[unit]
        return self.terminology[self.units[0]]


@dataclass(frozen=True)
class Dossier:
    file: str
    data: dict
    name: str
    unit: str
    year: int
    regency: str | None
    as_of: dt.date | None    # identitas.tanggal_data
    kecamatan: str | None = None
    kode_wilayah: str | None = None   # the Kemendagri code of the village, e.g. 16.09.01.2001


@dataclass(frozen=True)
class PeriodResult:
    """One period of a periodic rule: e.g. triwulan II, judged once its deadline has passed."""
    nomor: int
    label: str
    mulai: dt.date | None     # None: an item whose starting date (tenggat.sejak) is not recorded
    akhir: dt.date | None
    tenggat: dt.date | None   # due after this day
    status: str
    missing: str | None = None
    detail: str | None = None

    def as_dict(self) -> dict:
        out = {"nomor": self.nomor, "label": self.label, "mulai": _iso(self.mulai),
               "akhir": _iso(self.akhir), "jatuh_tempo": _iso(self.tenggat), "status": self.status}
        if self.missing:
            out["missing"] = self.missing
        if self.detail:
            out["detail"] = self.detail
        return out


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


@dataclass(frozen=True)
class Finding:
    rule: Rule
    status: str
    message: str
    evidence: dict
    missing: str | None = None
    detail: str | None = None
    periods: tuple[PeriodResult, ...] = ()

    @classmethod
    def make(cls, rule: Rule, status: str, message: str, evidence: dict, missing: str | None = None,
             detail: str | None = None, periods: tuple = ()) -> Finding:
        """Finding(...) without the frozen dataclass's setattr per field (the same object, about three times
        cheaper): evaluation makes one per rule of every dossier."""
        f = object.__new__(cls)
        f.__dict__.update(rule=rule, status=status, message=message, evidence=evidence, missing=missing,
                          detail=detail, periods=periods)
        return f

    def as_dict(self) -> dict:
        r = self.rule
        out = {
            "rule": r.id, "concept": r.concept, "status": self.status, "citation": str(r.citation),
            "citation_parts": r.citation.as_dict(), "title": r.title, "message": self.message,
            "evidence": self.evidence, "missing_facts": missing_facts(self.evidence),
            "stated_absent": stated_absent(self.evidence, r.bool_paths), "severity": r.severity, "subject": r.subject, "quote": r.quote,
            "pihak_luar": r.pihak_luar, "dasar": r.dasar,
        }
        if r.tafsiran:
            out["tafsiran"] = dict(r.tafsiran)
        out.update(self.outcome_fields())
        return out

    def outcome_fields(self) -> dict:
        """What this dossier adds beyond the status and evidence: the periods judged, the missing fact, the detail."""
        out: dict[str, Any] = {}
        r = self.rule
        if r.periode:
            out["periode"] = {"satuan": r.periode, "tenggat_hari": r.tenggat_hari,
                              "rincian": [p.as_dict() for p in self.periods]}
        elif r.tenggat_sejak:
            out["tenggat"] = {"sejak": r.tenggat_sejak, "hari": r.tenggat_hari,
                              "rincian": [p.as_dict() for p in self.periods]}
        if self.missing:
            out["missing"] = self.missing
        if self.detail:
            out["detail"] = self.detail
        return out


def missing_facts(evidence: dict) -> list[str]:
    """The dossier paths among the evidence that are not recorded (None), one per item for [*] paths:
    {"kpm[*].dusun": ["I", None]} gives ["kpm[1].dusun"]."""
    out: list[str] = []
    for path, value in evidence.items():
        if value is None:
            out.append(path)
        elif isinstance(value, list):
            out += missing_of(path, value)
    return out


def missing_of(path: str, value: Any) -> list[str]:
    """missing_facts({path: value})."""
    if value is None:
        return [path]
    out: list[str] = []
    if isinstance(value, list) and "[*]" in path and (None in value or path.count("[*]") > 1):
        # only lists that hold an absent item (or nested lists) are walked
        def walk(path: str, value: Any) -> None:
            if value is None:
                out.append(path)
            elif isinstance(value, list) and "[*]" in path:
                head, _, rest = path.partition("[*]")
                for i, v in enumerate(value):
                    walk(f"{head}[{i}]{rest}", v)
        walk(path, value)
    return out


def stated_absent(evidence: dict, bool_paths=frozenset()) -> list[str]:
    """The evidence paths the dossier states do not exist (`false` where the fact is not a yes/no), one per
    item for [*] paths: reports read them "tidak ada"."""
    out: list[str] = []
    for path, value in evidence.items():
        if value is False or isinstance(value, list):
            out += stated_absent_of(path, value, path in bool_paths)
    return out


def stated_absent_of(path: str, value: Any, yes_no: bool = False) -> list[str]:
    """stated_absent({path: value}): nothing for a yes/no fact (its `false` is an answer, not an absence)."""
    if yes_no:
        return []
    if value is False:
        return [path]
    if not isinstance(value, list) or "[*]" not in path:
        return []
    head, _, rest = path.partition("[*]")
    if "[*]" not in rest:   # one level: the items themselves (False in value also finds a 0: checked below)
        return [f"{head}[{i}]{rest}" for i, v in enumerate(value) if v is False] if False in value else []
    out: list[str] = []
    for i, v in enumerate(value):
        out += stated_absent_of(f"{head}[{i}]{rest}", v)
    return out


@dataclass(frozen=True)
class Report:
    dossier: Dossier
    pack: RulePack
    as_of: dt.date
    findings: tuple[Finding, ...]
    in_force: bool = True

    @cached_property
    def village_findings(self) -> tuple[Finding, ...]:
        """Obligations of the village's own organs: what its summary and the exit status count."""
        return tuple(f for f in self.findings if not f.rule.pihak_luar)

    @cached_property
    def outside_findings(self) -> tuple[Finding, ...]:
        """Obligations of parties outside the village (kewajiban pihak lain), reported apart."""
        return tuple(f for f in self.findings if f.rule.pihak_luar)

    def counts(self) -> dict[str, int]:
        """Status counts of the village's own obligations (parties outside the village not included)."""
        return _count(self.village_findings)

    def counts_outside(self) -> dict[str, int]:
        return _count(self.outside_findings)


def _count(findings) -> dict[str, int]:
    c = {s: 0 for s in STATUSES}
    for f in findings:
        c[f.status] += 1
    return c
