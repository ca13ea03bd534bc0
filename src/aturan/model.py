"""The frozen objects passed around once raw YAML has been validated."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Location

STATUSES = ("tidak_patuh", "tidak_dapat_dinilai", "patuh", "tidak_berlaku")
STATUS_LABELS = {
    "patuh": "Patuh",
    "tidak_patuh": "Tidak patuh",
    "tidak_dapat_dinilai": "Tidak dapat dinilai",
    "tidak_berlaku": "Tidak berlaku",
}


@dataclass(frozen=True)
class Citation:
    pasal: int | None = None
    ayat: int | None = None
    huruf: str | None = None
    angka: int | None = None
    lampiran: str | None = None
    bagian: str | None = None

    @classmethod
    def from_dict(cls, d: dict) -> "Citation":
        return cls(**{k: d.get(k) for k in ("pasal", "ayat", "huruf", "angka", "lampiran", "bagian")})

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
        if self.huruf:
            parts.append(f"huruf {self.huruf}")
        if self.angka is not None:
            parts.append(f"angka {self.angka}")
        return " ".join(parts)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


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


@dataclass(frozen=True)
class TraceEntry:
    rules: tuple[str, ...] = ()
    not_checkable: str | None = None
    note: str | None = None
    location: Location | None = None


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


@dataclass(frozen=True)
class Finding:
    rule: Rule
    status: str
    message: str
    evidence: dict
    missing: str | None = None
    detail: str | None = None

    def as_dict(self) -> dict:
        r = self.rule
        out = {
            "rule": r.id, "concept": r.concept, "status": self.status, "citation": str(r.citation),
            "citation_parts": r.citation.as_dict(), "title": r.title, "message": self.message,
            "evidence": self.evidence, "severity": r.severity, "subject": r.subject, "quote": r.quote,
        }
        if self.missing:
            out["missing"] = self.missing
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass(frozen=True)
class Report:
    dossier: Dossier
    pack: RulePack
    as_of: dt.date
    findings: tuple[Finding, ...]
    in_force: bool = True

    def counts(self) -> dict[str, int]:
        c = {s: 0 for s in STATUSES}
        for f in self.findings:
            c[f.status] += 1
        return c
