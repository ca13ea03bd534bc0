"""The regulation text as a tree: units (BAB, Pasal, ayat, huruf...) with stable ids and positions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from ..errors import Location

# Kinds of unit, in the words of Lampiran II UU 12/2011.
LIST_KINDS = ("huruf", "angka", "butir")
HEADING_KINDS = ("bab", "bagian", "paragraf")

KIND_LABELS = {
    "naskah": "naskah", "kepala": "judul", "pembukaan": "pembukaan", "jabatan": "jabatan pembentuk",
    "konsiderans": "Menimbang", "dasar_hukum": "Mengingat", "memperhatikan": "Memperhatikan", "diktum": "Menetapkan",
    "batang_tubuh": "batang tubuh", "bab": "BAB", "bagian": "Bagian", "paragraf": "Paragraf", "pasal": "Pasal",
    "ayat": "ayat", "huruf": "huruf", "angka": "angka", "butir": "butir", "para": "kalimat", "penutup": "penutup",
    "penjelasan": "penjelasan", "lampiran": "Lampiran", "baris": "baris tabel",
}

ORDINALS = ["Kesatu", "Kedua", "Ketiga", "Keempat", "Kelima", "Keenam", "Ketujuh", "Kedelapan", "Kesembilan",
            "Kesepuluh", "Kesebelas", "Kedua Belas", "Ketiga Belas", "Keempat Belas", "Kelima Belas"]


@dataclass(eq=False)
class Unit:
    """One unit of the text. `text` is its own words (after the marker), `marker` the number as written."""

    kind: str
    label: str = ""            # "21", "1", "d", "IV", "Kesatu"
    marker: str = ""           # as written: "Pasal 21", "(1)", "d.", "1)", "BAB IV", "Bagian Kesatu"
    text: str = ""             # own words; for BAB/Bagian/Paragraf/Lampiran: the heading
    line: int = 0              # 0-based line of the marker (or first line) in the parsed text
    col: int = 0               # 0-based column where the marker starts
    text_col: int = 0          # 0-based column where `text` starts on `line`
    end_line: int = 0          # last line of the unit, children included
    children: list["Unit"] = field(default_factory=list)
    parent: "Unit | None" = field(default=None, repr=False)
    id: str = ""
    lines: list[tuple[int, int, str]] = field(default_factory=list)   # raw (line, col, text) for blocks kept as lines

    # ---------------------------------------------------------------- navigation
    def walk(self) -> Iterator["Unit"]:
        yield self
        for c in self.children:
            yield from c.walk()

    def ancestors(self) -> Iterator["Unit"]:
        u = self.parent
        while u is not None:
            yield u
            u = u.parent

    def child(self, kind: str, label: str) -> "Unit | None":
        for c in self.children:
            if c.kind == kind and c.label.lower() == str(label).lower():
                return c
        return None

    def children_of(self, kind: str) -> list["Unit"]:
        return [c for c in self.children if c.kind == kind]

    def find_first(self, kind: str) -> "Unit | None":
        return next((u for u in self.walk() if u.kind == kind), None)

    @property
    def pasal(self) -> "Unit | None":
        return self if self.kind == "pasal" else next((a for a in self.ancestors() if a.kind == "pasal"), None)

    def full_text(self) -> str:
        """The unit's words and all its descendants', one space between."""
        parts = []
        for u in self.walk():
            if u.text:
                parts.append(u.text)
            parts.extend(t for _, _, t in u.lines)
        return " ".join(parts)

    def items(self) -> list["Unit"]:
        """Direct list items (huruf/angka/butir) of this unit."""
        return [c for c in self.children if c.kind in LIST_KINDS]

    def title(self) -> str:
        """How a person names the unit: "Pasal 21 ayat (1) huruf d"."""
        return cite_of(self)


def cite_of(u: Unit) -> str:
    chain = [u] + list(u.ancestors())
    chain.reverse()
    parts = []
    for x in chain:
        if x.kind == "pasal":
            parts.append(f"Pasal {x.label}")
        elif x.kind == "ayat":
            parts.append(f"ayat ({x.label})")
        elif x.kind == "huruf":
            parts.append(f"huruf {x.label}")
        elif x.kind == "angka":
            parts.append(f"angka {x.label}")
        elif x.kind == "butir":
            parts.append(f"butir {x.label}")
        elif x.kind == "lampiran":
            parts.append(f"Lampiran {x.label}".strip())
        elif x.kind == "baris":
            parts.append(f"nomor {x.label}")
        elif x.kind == "konsiderans":
            parts.append("Menimbang")
        elif x.kind == "dasar_hukum":
            parts.append("Mengingat")
        elif x.kind == "bab" and u.kind in HEADING_KINDS:
            parts.append(f"BAB {x.label}")
        elif x.kind == "bagian" and u.kind in HEADING_KINDS:
            parts.append(f"Bagian {x.label}")
        elif x.kind == "paragraf" and u.kind in HEADING_KINDS:
            parts.append(f"Paragraf {x.label}")
        elif x.kind in ("penutup", "kepala", "pembukaan", "diktum", "penjelasan") and x is u:
            parts.append(KIND_LABELS[x.kind])
        elif x.kind == "para" and x is u:
            parts.append("kalimat")
    return " ".join(parts) or KIND_LABELS.get(u.kind, u.kind)


@dataclass(frozen=True)
class LineMap:
    """Where each parsed line came from in the file the user gave: segments (line, col, length) per line."""

    segments: tuple[tuple[tuple[int, int, int, int], ...], ...]   # per parsed line: (start_in_line, orig_line, orig_col, length)

    def origin(self, line: int, col: int) -> tuple[int, int]:
        if line >= len(self.segments) or not self.segments[line]:
            return line, col
        for start, oline, ocol, length in self.segments[line]:
            if col < start + length or (start, oline, ocol, length) == self.segments[line][-1]:
                return oline, ocol + max(0, col - start)
        return line, col


@dataclass(eq=False)
class Naskah:
    """A parsed text: its lines, the root unit and the regulation's identity read from its heading."""

    file: str
    lines: list[str]
    root: Unit
    meta: dict = field(default_factory=dict)         # jenis, daerah, nomor, tahun, judul
    linemap: LineMap | None = None                   # for a bare file: parsed line -> original line
    source_lines: list[str] | None = None            # the original file's lines, for carets
    _index: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._index = {u.id: u for u in self.root.walk() if u.id}

    def unit(self, uid: str) -> Unit | None:
        return self._index.get(uid)

    def units(self, kind: str | None = None) -> list[Unit]:
        return [u for u in self.root.walk() if kind is None or u.kind == kind]

    def pasal(self, number) -> Unit | None:
        return self._index.get(f"pasal-{number}")

    @property
    def pasal_numbers(self) -> list[str]:
        return [u.label for u in self.units("pasal")]

    def location(self, line: int, col: int = 0) -> Location:
        """The place in the file the user gave (1-based when printed)."""
        if self.linemap is not None:
            oline, ocol = self.linemap.origin(line, col)
            src = self.source_lines[oline] if self.source_lines and oline < len(self.source_lines) else None
            return Location(self.file, oline, ocol, src)
        src = self.lines[line] if line < len(self.lines) else None
        return Location(self.file, line, col, src)

    def unit_location(self, u: Unit) -> Location:
        return self.location(u.line, u.col)


def roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def roman_value(s: str) -> int | None:
    s = s.upper()
    if not s or not re.fullmatch(r"[IVXLCDM]+", s):
        return None
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total if roman(total) == s else None


def ordinal_value(word: str) -> int | None:
    """"Kesatu" -> 1, "Kedua Belas" -> 12."""
    w = " ".join(word.split()).lower()
    for i, o in enumerate(ORDINALS, 1):
        if o.lower() == w:
            return i
    return None


def label_value(kind: str, label: str) -> int | None:
    """The position a label stands for: "c" -> 3, "4" -> 4, "IV" -> 4, "Ketiga" -> 3."""
    if label.isdigit():
        return int(label)
    if kind in ("huruf",) and len(label) == 1 and label.isalpha():
        return ord(label.lower()) - ord("a") + 1
    if kind in ("bab", "lampiran"):
        return roman_value(label)
    if kind == "bagian":
        return ordinal_value(label)
    return None


def label_for(kind: str, n: int) -> str:
    if kind == "huruf":
        return chr(ord("a") + n - 1)
    if kind in ("bab", "lampiran"):
        return roman(n)
    if kind == "bagian":
        return ORDINALS[n - 1] if n <= len(ORDINALS) else str(n)
    return str(n)
