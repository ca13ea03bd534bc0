"""Cleaning: OCR/markdown text -> one unit per line, every change recorded with its line in the source.

Only layout is repaired automatically (markup, bullets, headings merged on one line, sentences broken
by page breaks, table rows); wording, numbering, letters and references stay as published so that
`aturan teks lint` can report them. Fixes a person decides on (a lost huruf, a mis-read ayat marker)
come from a list (`teks/perbaikan.yaml` of a pack) applied to the source lines first, each with its reason.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AturanError, Location
from .lexer import MARKER_TYPES, classify
from .model import LineMap

REASONS = {
    "markup": "tanda markdown/HTML hasil OCR dihapus (#, **, *, <i>, <li>)",
    "butir": "tanda daftar markdown \"- \" di depan nomor/huruf dihapus",
    "pisah": "judul BAB/Bagian, kata Menimbang/Mengingat atau \"Pasal N\" yang tergabung dalam satu baris dipisah",
    "gabung": "kalimat yang terpotong pergantian halaman/baris disambung dengan baris sebelumnya",
    "judul": "judul yang tertulis dalam beberapa baris disatukan",
    "tabel": "baris tabel (kolom dipisah tab) ditulis dengan pemisah \"|\"",
    "tabel_sambung": "baris tabel yang terpotong pergantian halaman digabung ke baris sebelumnya",
    "tabel_judul": "judul kolom tabel yang berulang karena pergantian halaman dihapus",
    "hapus": "baris tanpa isi teks (garis pemisah, tanda centang/paraf) dihapus",
    "perbaikan": "perbaikan manual (lihat alasan)",
}

HEADING_TYPES = {"BAB", "BAGIAN", "PARAGRAF", "PASAL", "LAMPIRAN", "PENJELASAN"}
KEYWORD_TYPES = {"RAHMAT", "MENIMBANG", "MENGINGAT", "MEMPERHATIKAN", "MEMUTUSKAN", "MENETAPKAN",
                 "PENGUNDANGAN", "DITETAPKAN", "DIUNDANGKAN"}


@dataclass
class Change:
    line: int                      # 0-based line in the source
    kinds: list[str]
    before: str
    after: str
    reason: str = ""


@dataclass
class LayoutResult:
    lines: list[str]
    linemap: LineMap
    changes: list[Change] = field(default_factory=list)


# ------------------------------------------------------------------ a string that remembers its source columns
class _T:
    """Text with, for each character, the (line, col) it came from in the source."""

    def __init__(self, text: str, pos: list[tuple[int, int]]):
        self.text, self.pos = text, pos

    @classmethod
    def of(cls, text: str, line: int) -> "_T":
        return cls(text, [(line, i) for i in range(len(text))])

    def sub(self, pattern: str | re.Pattern, keep: int | str | None, flags=0) -> "_T":
        """Replace each match by group `keep` (its characters keep their source) or by a literal string."""
        pat = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
        out, pos, last = [], [], 0
        for m in pat.finditer(self.text):
            out.append(self.text[last:m.start()])
            pos.extend(self.pos[last:m.start()])
            if isinstance(keep, int):
                out.append(m.group(keep) or "")
                if m.group(keep):
                    pos.extend(self.pos[m.start(keep):m.end(keep)])
            elif keep:
                out.append(keep)
                anchor = self.pos[m.start()] if m.start() < len(self.pos) else (self.pos[-1] if self.pos else (0, 0))
                pos.extend([anchor] * len(keep))
            last = m.end()
        out.append(self.text[last:])
        pos.extend(self.pos[last:])
        return _T("".join(out), pos)

    def strip(self) -> "_T":
        s = self.text
        a = len(s) - len(s.lstrip())
        b = len(s.rstrip())
        return _T(s[a:b], self.pos[a:b])

    def slice(self, a: int, b: int | None = None) -> "_T":
        return _T(self.text[a:b], self.pos[a:b])

    def __add__(self, other: "_T") -> "_T":
        return _T(self.text + other.text, self.pos + other.pos)

    @property
    def first_line(self) -> int:
        return self.pos[0][0] if self.pos else 0


def _join(a: _T, b: _T) -> _T:
    space = _T(" ", [a.pos[-1] if a.pos else (b.first_line, 0)])
    return a + space + b


# ------------------------------------------------------------------ markup
_MD_HEAD = re.compile(r"^\s*#{1,6}\s*")
_LIST_IN_CELL = re.compile(r"</li>\s*<li[^>]*>")
_TAGS = re.compile(r"</?(?:ul|ol|li|i|b|em|strong|br|p|span|sup|sub|u)\b[^>]*>", re.I)
_BULLET = re.compile(r"^(\s*)[-•]\s+")
_NOISE = re.compile(r"^[\s✓✔√]*$|^\s*-{3,}\s*$|^[\s\-|\t]+$")


def _markup(t: _T) -> tuple[_T, list[str]]:
    kinds = []
    before = t.text
    t = t.sub(_MD_HEAD, "")
    t = t.sub(r"\\\*", "")
    t = t.sub(r"\*+", "")
    t = t.sub(r"\\_", "_")
    t = t.sub(r"[✓✔√]", "")
    t = t.sub(r"(<li[^>]*>)\s*[-•]\s*", 1)
    t = t.sub(_LIST_IN_CELL, "; ")
    t = t.sub(_TAGS, "")
    t = t.sub(r"&nbsp;", " ")
    t = t.sub(r"&amp;", "&")
    if t.text != before:
        kinds.append("markup")
    return t, kinds


def _unbullet(t: _T) -> tuple[_T, bool]:
    """"- (1) text", "  - a. text", "- Menimbang :" -> without the markdown bullet. A bullet before plain
    words is kept (it is a list item whose number was lost, or a real bullet)."""
    m = _BULLET.match(t.text)
    if not m:
        return t, False
    rest = t.slice(m.end())
    kind, _ = classify(rest.text.strip())
    if kind in MARKER_TYPES - {"BUTIR"} or kind in KEYWORD_TYPES or kind in HEADING_TYPES:
        return rest, True
    if _SPLIT_KEYWORD.match(rest.text.strip()) or _MEMUTUSKAN_MENETAPKAN.match(rest.text.strip()):
        return rest, True
    return t, False


# ------------------------------------------------------------------ splitting merged headings
_SPLIT_KEYWORD = re.compile(r"^(Menimbang|Mengingat|Memperhatikan)\s*:\s*(\S.*)$", re.I)
_SPLIT_BAB = re.compile(r"^(BAB\s+[IVXLCDM]+)\s+(\S.*)$")
_SPLIT_BAGIAN = re.compile(r"^(Bagian\s+Ke[a-z]+(?:\s+Belas)?)\s+(\S.*)$", re.I)
_SPLIT_PARAGRAF = re.compile(r"^(Paragraf\s+\d+)\s+(\S.*)$", re.I)
_TRAILING_PASAL = re.compile(r"^(.*\S)\s+(Pasal\s+\d+[A-Z]?)$")
_MEMUTUSKAN_MENETAPKAN = re.compile(r"^(MEMUTUSKAN\s*:?)\s+(Menetapkan\s*:.*)$", re.I)


def _split(t: _T) -> list[_T]:
    s = t.text
    for pat in (_SPLIT_KEYWORD, _MEMUTUSKAN_MENETAPKAN):
        m = pat.match(s)
        if m:
            return [t.slice(m.start(1), m.end(1)), t.slice(m.start(2))]
    for pat in (_SPLIT_BAB, _SPLIT_BAGIAN, _SPLIT_PARAGRAF):
        m = pat.match(s)
        if m:
            head, rest = t.slice(m.start(1), m.end(1)), t.slice(m.start(2))
            out = [head]
            m2 = _TRAILING_PASAL.match(rest.text)
            if m2:
                out += [rest.slice(0, m2.end(1)), rest.slice(m2.start(2))]
            else:
                out.append(rest)
            return out
    return [t]


# ------------------------------------------------------------------ tables
def _cells(t: _T) -> list[_T]:
    out, start = [], 0
    for i, ch in enumerate(t.text + "\t"):
        if ch == "\t":
            out.append(t.slice(start, i).strip())
            start = i + 1
    return out


def _row(cells: list[_T]) -> _T:
    sep = lambda anchor: _T(" | ", [anchor] * 3)   # noqa: E731
    first = cells[0].pos[0] if cells and cells[0].pos else (0, 0)
    out = _T("| ", [first] * 2)
    for i, c in enumerate(cells):
        if i:
            out = out + sep(c.pos[0] if c.pos else first)
        out = out + c
    return out + _T(" |", [first] * 2)


# ------------------------------------------------------------------ the layout pass
@dataclass
class _Line:
    t: _T
    kinds: set = field(default_factory=set)
    sources: set = field(default_factory=set)


def layout(raw_lines: list[str], *, fixes: list[dict] | None = None) -> LayoutResult:
    """Normalise a text to one unit per line. `fixes` (from perbaikan.yaml) are applied first."""
    original = list(raw_lines)
    raw_lines = list(raw_lines)
    manual: dict[int, list[str]] = {}
    for fx in fixes or []:
        i = fx["baris"] - 1
        if not 0 <= i < len(raw_lines) or fx["dari"] not in raw_lines[i]:
            raise AturanError(f"perbaikan baris {fx['baris']}: {fx['dari']!r} tidak ada di baris itu",
                              Location("perbaikan.yaml", fx.get("_line"), None))
        raw_lines[i] = raw_lines[i].replace(fx["dari"], fx["jadi"], 1)
        manual.setdefault(i, []).append(fx.get("alasan", ""))

    out: list[_Line] = []
    region = "kepala"
    header_row: str | None = None
    bab_title_open = False     # collecting the (all caps) title lines of a BAB
    after_heading = False      # the previous line was a Pasal/Bagian/Paragraf heading or a title
    title_open = False         # inside the judul after TENTANG

    def kinds_of(i: int, extra: set) -> set:
        k = set(extra)
        if i in manual:
            k.add("perbaikan")
        return k

    for i, raw in enumerate(raw_lines):
        t = _T.of(raw.rstrip("\n"), i)
        kinds: set[str] = set()
        if "\t" in t.text and region != "kepala":
            t, mk = _markup(t)
            kinds.update(mk)
            cells = _cells(t)
            while cells and not cells[-1].text:
                cells.pop()
            if not cells or all(re.fullmatch(r"-*", c.text) for c in cells):
                continue
            norm = " | ".join(c.text for c in cells).lower()
            if header_row is not None and norm == header_row:
                continue                             # header repeated after a page break
            kinds.add("tabel")
            if not cells[0].text and out and out[-1].t.text.startswith("|"):
                prev = out[-1]
                prev_cells = _cells(_T(prev.t.text[2:-2].replace(" | ", "\t"),
                                       prev.t.pos[2:-2]))  # approximate positions are fine for table text
                offset = len(prev_cells) - len(cells)
                if offset >= 0:
                    for j, c in enumerate(cells):
                        if j == 0 or not c.text:
                            continue
                        k = j + offset
                        prev_cells[k] = _join(prev_cells[k], c) if prev_cells[k].text else c
                    prev.t = _row(prev_cells)
                    prev.kinds |= kinds_of(i, {"tabel_sambung"})
                    prev.sources.add(i)
                    continue
            if header_row is None and not re.match(r"^\d", cells[0].text):
                header_row = norm
            out.append(_Line(_row(cells), kinds_of(i, kinds), {i}))
            after_heading = False
            continue

        t, mk = _markup(t)
        kinds.update(mk)
        if _NOISE.match(t.text):
            continue
        t = t.strip()
        t, unb = _unbullet(t)
        if unb:
            kinds.add("butir")
        elif (region in ("batang", "pembukaan") and _BULLET.match(t.text) and out
              and not _ENDS_SENTENCE.search(out[-1].t.text.rstrip())
              and classify(out[-1].t.text)[0] not in HEADING_TYPES | KEYWORD_TYPES):
            t = t.slice(_BULLET.match(t.text).end())   # a sentence cut by a page break, shown as a bullet
            kinds.add("butir")
        t = t.strip()
        if not t.text:
            continue
        pieces = _split(t)
        if len(pieces) > 1:
            kinds.add("pisah")
        for piece in pieces:
            piece = piece.strip()
            if not piece.text:
                continue
            kind, _ = classify(piece.text)
            # regions
            if kind == "RAHMAT" or kind in ("MENIMBANG", "MENGINGAT") and region == "kepala":
                region = "pembukaan"
                title_open = False
            elif kind in ("BAB", "PASAL", "BAGIAN") and region in ("kepala", "pembukaan"):
                region = "batang"
            elif kind in ("PENGUNDANGAN", "DITETAPKAN", "DIUNDANGKAN") and region in ("batang", "pembukaan"):
                region = "penutup"
            elif kind == "LAMPIRAN":
                region = "lampiran"
                header_row = None
            elif kind == "PENJELASAN":
                region = "penjelasan"
            prev = out[-1] if out else None
            joined = False
            if kind == "TEXT" and prev is not None:
                joined = _should_join(region, prev.t.text, piece.text, after_heading, bab_title_open, title_open)
            if joined:
                prev.t = _join(prev.t, piece)
                prev.kinds |= kinds_of(i, kinds | {"judul" if (bab_title_open or title_open) else "gabung"})
                prev.sources.add(i)
            else:
                out.append(_Line(piece, kinds_of(i, kinds), {i}))
            # heading state
            if kind == "BAB":
                bab_title_open, after_heading = True, True
            elif kind in ("BAGIAN", "PARAGRAF", "PASAL", "LAMPIRAN"):
                bab_title_open, after_heading = False, True
            elif kind == "TEXT" and bab_title_open and piece.text.upper() == piece.text:
                after_heading = True
            else:
                bab_title_open, after_heading = False, False
            if kind == "TEXT" and region == "kepala" and piece.text.strip().upper() == "TENTANG":
                title_open = True
                after_heading = True
            elif title_open and kind != "TEXT":
                title_open = False

    lines = [ln.t.text for ln in out]
    segments = []
    for ln in out:
        segs, start = [], 0
        # one segment per run of characters from the same source line
        run_start = 0
        for k in range(1, len(ln.t.pos) + 1):
            if k == len(ln.t.pos) or ln.t.pos[k][0] != ln.t.pos[run_start][0] or \
                    ln.t.pos[k][1] != ln.t.pos[k - 1][1] + 1:
                oline, ocol = ln.t.pos[run_start]
                segs.append((run_start, oline, ocol, k - run_start))
                run_start = k
        segments.append(tuple(segs))
        del start
    changes = []
    for ln in out:
        for src in sorted(ln.sources):
            before = original[src].rstrip("\n")
            if before.strip() != ln.t.text or ln.kinds:
                kinds = sorted(ln.kinds) or ["markup"]
                if before.strip() == ln.t.text and kinds == ["markup"]:
                    continue
                reason = "; ".join(manual.get(src, []))
                changes.append(Change(src, kinds, before, ln.t.text, reason))
    return LayoutResult(lines, LineMap(tuple(segments)), changes)


_ENDS_SENTENCE = re.compile(r"[.;:!?]$|[.;:]\s*(dan|atau|dan/atau)$")


def _should_join(region: str, prev: str, nxt: str, after_heading: bool, bab_title_open: bool,
                 title_open: bool) -> bool:
    """Does `nxt` (a line without a number or keyword) continue `prev`?"""
    if title_open:
        return prev.strip().upper() != "TENTANG"
    if bab_title_open:
        return classify(prev)[0] == "TEXT" and nxt.upper() == nxt
    if after_heading or region in ("kepala", "penutup"):
        return False
    if prev.startswith("|"):
        return False
    kind, _ = classify(prev)
    if kind in HEADING_TYPES or kind in ("RAHMAT", "MENIMBANG", "MENGINGAT", "MEMPERHATIKAN", "MEMUTUSKAN"):
        return False
    if _ENDS_SENTENCE.search(prev.rstrip()):
        return False
    if region == "lampiran":
        return (nxt[:1].islower() and nxt.split()[0].lower() != "ttd" and len(prev) > 30
                and prev.upper() != prev)
    return True


# ------------------------------------------------------------------ a pack's text from its source
def clean_source(source: Path, fixes_file: Path | None = None) -> tuple[str, list[Change], dict]:
    """The canonical text of a source (OCR seed) and the record of every change."""
    from ..yamlio import load_file
    from .parser import parse_lines
    from .render import render
    if source.suffix.lower() == ".docx":
        from .docx_io import read_docx_lines
        raw_lines = read_docx_lines(source)
        raw = "\n".join(raw_lines)
    else:
        try:
            raw = source.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raw = source.read_bytes().decode("cp1252", errors="replace")
        raw_lines = raw.replace("\r\n", "\n").split("\n")
    fixes = []
    if fixes_file is not None and fixes_file.exists():
        doc = load_file(fixes_file)
        for j, fx in enumerate((doc.data or {}).get("perbaikan", [])):
            fx = dict(fx)
            fx["_line"] = doc.location(("perbaikan", j)).line
            fixes.append(fx)
    res = layout(raw_lines, fixes=fixes)
    naskah = parse_lines(res.lines, str(source))
    text = render(naskah)
    info = {"sumber": source.name, "sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
            "baris_sumber": len(raw_lines)}
    return text, res.changes, info


def changes_yaml(changes: list[Change], info: dict) -> str:
    """teks/pembersihan.yaml: every change, one per source line, with its reason."""
    import json
    out = ["# Catatan pembersihan teks: setiap baris sumber (OCR) yang berubah dalam teks/naskah.txt.",
           "# Dibuat dengan `aturan teks bersihkan`; alasan per jenis perubahan di bawah `alasan`.",
           f"sumber: {json.dumps(info['sumber'])}",
           f"sha256: {info['sha256']}",
           f"baris_sumber: {info['baris_sumber']}",
           "alasan:"]
    for k, v in REASONS.items():
        out.append(f"  {k}: {json.dumps(v, ensure_ascii=False)}")
    out.append(f"jumlah: {len(changes)}")
    out.append("perubahan:")
    for c in changes:
        entry = f"  - {{baris: {c.line + 1}, jenis: [{', '.join(c.kinds)}], sebelum: {json.dumps(c.before, ensure_ascii=False)}, " \
                f"sesudah: {json.dumps(c.after, ensure_ascii=False)}"
        if c.reason:
            entry += f", alasan: {json.dumps(c.reason, ensure_ascii=False)}"
        out.append(entry + "}")
    return "\n".join(out) + "\n"
