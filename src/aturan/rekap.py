"""The rekap of a batch: per kabupaten and kecamatan, villages checked and rejected, obligations per status, the
obligations most often violated with their Pasal, and the village x obligation matrix. Built from JSON Lines
records (`aturan check --format jsonl`, or the summaries a `check --rekap` run makes), one at a time."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .model import STATUSES
from .session import normalize_regency

UNKNOWN_KABUPATEN = "(kabupaten/kota tidak diketahui)"
UNKNOWN_KECAMATAN = "(kecamatan tidak diisi)"
# One character per obligation in the text matrix; plain ASCII so every terminal lines them up.
MARKS = {"tidak_patuh": "X", "tidak_dapat_dinilai": "?", "patuh": ".", "belum_jatuh_tempo": "b",
         "tidak_berlaku": "-"}
_STATUS_OF = {m: s for s, m in MARKS.items()}
MARK_LEGEND = "X tidak patuh, ? tidak dapat dinilai, . patuh, b belum jatuh tempo, - tidak berlaku, (kosong) tidak dinilai"


@dataclass
class Group:
    """Counts for a kabupaten or a kecamatan."""

    name: str
    dossiers: int = 0
    evaluated: int = 0
    rejected: int = 0
    violating: int = 0            # villages with at least one obligation tidak_patuh
    statuses: Counter = field(default_factory=Counter)     # obligations per status, over its villages
    rules: Counter = field(default_factory=Counter)        # (rule id, status) -> villages; kabupaten only

    def row(self) -> list:
        return [self.dossiers, self.evaluated, self.rejected, self.violating] + [self.statuses[s] for s in STATUSES]


@dataclass
class Obligation:
    rule: str
    concept: str
    citation: str
    title: str


@dataclass(slots=True)
class Village:
    """One checked village, small: a national batch keeps about 80,000 of these for the matrix."""

    kabupaten: str     # group keys
    kecamatan: str
    nama: str
    kode_wilayah: str | None
    tahun: int | None
    file: str
    pack: str
    marks: str         # one MARKS character per obligation of the pack, in article order ("" past its end)
    violations: int

    def status(self, index: int) -> str | None:
        """The status of the pack's `index`-th obligation for this village (None: not evaluated)."""
        if index >= len(self.marks) or self.marks[index] == " ":
            return None
        return _STATUS_OF[self.marks[index]]


@dataclass
class Rejected:
    kabupaten: str
    kecamatan: str
    nama: str | None
    file: str
    error: str
    internal: bool


class Rekap:
    """Add records one by one (add()); read the groups, obligations, villages and rejected dossiers."""

    def __init__(self):
        self.kabupaten: dict[str, Group] = {}
        self.kecamatan: dict[tuple[str, str], Group] = {}
        self.obligations: dict[str, dict[str, Obligation]] = {}   # pack id -> rule id -> obligation, article order
        self.regulation: dict[str, str] = {}                      # pack id -> regulation
        self.pack_kabupaten: dict[str, str] = {}                  # pack id -> kabupaten key (first seen)
        self.villages: list[Village] = []
        self.rejected: list[Rejected] = []
        self.totals = Group("Jumlah")
        self._index: dict | None = None

    # ------------------------------------------------------------------ input
    def add(self, rec: dict) -> None:
        self._index = None
        ident = rec.get("dossier") or {}
        kab = self._kabupaten(ident.get("kabupaten"), (rec.get("pack") or {}).get("id"))
        kec = self._kecamatan(kab, ident.get("kecamatan"))
        groups = (self.totals, self.kabupaten[kab], self.kecamatan[(kab, kec)])
        for g in groups:
            g.dossiers += 1
        if rec.get("rejected"):
            for g in groups:
                g.rejected += 1
            self.rejected.append(Rejected(kab, kec, ident.get("nama"), rec.get("file", ""), rec.get("error", ""),
                                          bool(rec.get("internal"))))
            return
        pack = rec["pack"]["id"]
        self.regulation.setdefault(pack, rec["pack"].get("regulation", pack))
        self.pack_kabupaten.setdefault(pack, kab)
        catalogue = self.obligations.setdefault(pack, {})
        statuses = {}
        for f in rec.get("findings", []):
            rid = f["rule"]
            if rid not in catalogue:
                catalogue[rid] = Obligation(rid, f.get("concept", ""), f.get("citation", ""), f.get("title", rid))
            statuses[rid] = f["status"]
        counts = rec.get("counts") or Counter(statuses.values())
        for g in groups:
            g.evaluated += 1
            g.violating += counts.get("tidak_patuh", 0) > 0
            g.statuses.update({s: counts.get(s, 0) for s in STATUSES})
        self.kabupaten[kab].rules.update(statuses.items())
        marks = "".join(MARKS.get(statuses.get(rid), " ") for rid in catalogue)
        self.villages.append(Village(kab, kec, ident.get("nama") or rec.get("file", ""), ident.get("kode_wilayah"),
                                     ident.get("tahun"), rec.get("file", ""), pack, marks,
                                     counts.get("tidak_patuh", 0)))

    def _kabupaten(self, name, pack: str | None) -> str:
        key = normalize_regency(name) if isinstance(name, str) and name.strip() else None
        if key is None:
            key = self.pack_kabupaten.get(pack) if pack else None
        key = key or UNKNOWN_KABUPATEN
        if key not in self.kabupaten:
            self.kabupaten[key] = Group(name.strip() if isinstance(name, str) and name.strip() else key)
        return key

    def _kecamatan(self, kab: str, name) -> str:
        key = kecamatan_key(name) if isinstance(name, str) and name.strip() else UNKNOWN_KECAMATAN
        label = " ".join(name.split()) if key != UNKNOWN_KECAMATAN else key
        g = self.kecamatan.get((kab, key))
        if g is None:
            self.kecamatan[(kab, key)] = Group(label)
        elif g.name == key.title() or (label.lower() != key and g.name.lower() == key):
            g.name = label   # the spelling that says what it is ('Distrik Aimas' rather than 'Aimas') is shown
        return key

    # ------------------------------------------------------------------ results
    def most_violated(self, kab: str, top: int = 10) -> list[tuple[Obligation, int, int, int]]:
        """(obligation, villages tidak patuh, villages not assessable, villages evaluated) of a kabupaten, the
        most violated first (ties: article order). Only obligations violated at least once."""
        g = self.kabupaten[kab]
        out = []
        for pack, catalogue in self.obligations.items():
            for order, ob in enumerate(catalogue.values()):
                n = g.rules[(ob.rule, "tidak_patuh")]
                if n:
                    out.append((-n, pack, order, ob, n, g.rules[(ob.rule, "tidak_dapat_dinilai")]))
        out.sort(key=lambda x: x[:3])
        return [(ob, n, unknown, g.evaluated) for _, _, _, ob, n, unknown in out[:top]]

    def _villages(self) -> dict[tuple[str, str], list[Village]]:
        if self._index is None:
            index: dict[tuple[str, str], list[Village]] = {}
            for v in self.villages:
                index.setdefault((v.kabupaten, v.pack), []).append(v)
            for vs in index.values():
                vs.sort(key=lambda v: (v.kecamatan, v.nama.lower(), v.file))
            self._index = index
        return self._index

    def packs_of(self, kab: str) -> list[str]:
        """The packs the villages of a kabupaten were checked against, in the order first seen."""
        return [pack for (k, pack) in self._villages() if k == kab]

    def villages_of(self, kab: str, pack: str) -> list[Village]:
        """The villages of a kabupaten checked against `pack`, by kecamatan then name."""
        return self._villages().get((kab, pack), [])

    def by_kecamatan(self, kab: str, pack: str) -> list[tuple[str, list[Village]]]:
        """villages_of(kab, pack) grouped by kecamatan (key), in order."""
        out: list[tuple[str, list[Village]]] = []
        for v in self.villages_of(kab, pack):
            if not out or out[-1][0] != v.kecamatan:
                out.append((v.kecamatan, []))
            out[-1][1].append(v)
        return out

    def kecamatan_of(self, kab: str) -> list[tuple[str, Group]]:
        return sorted(((k, g) for (kb, k), g in self.kecamatan.items() if kb == kab), key=lambda x: x[0])


def kecamatan_key(name: str) -> str:
    """'Kecamatan Muaradua Kisam', 'muaradua  kisam' and 'Distrik Aimas' / 'Aimas' name the same place."""
    s = " ".join(name.lower().split())
    return re.sub(r"^(kecamatan|kec\.|distrik)\s+", "", s)


def percent(n: int, of: int) -> str:
    """'42,5%' as Indonesians write it; '-' when nothing was evaluated."""
    if not of:
        return "-"
    return f"{100 * n / of:.1f}".replace(".", ",") + "%"
