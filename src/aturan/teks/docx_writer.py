"""A regulation text as DOCX in the layout of a Perbup (Lampiran II UU 12/2011, naskah dinas of
Permendagri 80/2015): F4 paper, Bookman Old Style 12, centred judul/BAB/Pasal, Menimbang and Mengingat
with hanging letters, ayat and rincian with hanging numbers, signature blocks. Units changed in a
draft are highlighted and carry a Word comment that says why."""
from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.shared import Cm, Pt

from .model import LIST_KINDS, Naskah, Unit

FONT = "Bookman Old Style"
STEP = 1.0           # cm per level of ayat/rincian


class _Writer:
    def __init__(self, changed: dict | None):
        self.doc = Document()
        self.changed = changed or {}
        sec = self.doc.sections[0]
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = Cm(21.5), Cm(33.0)          # F4
        sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
        sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
        st = self.doc.styles["Normal"]
        st.font.name = FONT
        st.font.size = Pt(12)
        st.paragraph_format.space_after = Pt(3)
        st.paragraph_format.space_before = Pt(0)

    # ------------------------------------------------------------ primitives
    def para(self, text: str = "", *, align=None, bold=False, left=0.0, hanging=0.0, tabs=(), before=0,
             unit: Unit | None = None):
        p = self.doc.add_paragraph()
        pf = p.paragraph_format
        if align is not None:
            p.alignment = align
        if left:
            pf.left_indent = Cm(left)
        if hanging:
            pf.first_line_indent = Cm(-hanging)
        for t in tabs:
            pf.tab_stops.add_tab_stop(Cm(t))
        if before:
            pf.space_before = Pt(before)
        run = p.add_run(text)
        run.bold = bold
        if unit is not None:
            self.mark(unit, [run])
        return p

    def mark(self, unit: Unit, runs) -> None:
        reasons = self.changed.get(unit.id)
        if not reasons:
            return
        for r in runs:
            r.font.highlight_color = WD_COLOR_INDEX.YELLOW
        text = "TINJAU: " + "; ".join(reasons)
        try:
            self.doc.add_comment(runs, text=text, author="aturan", initials="AT")
        except AttributeError:           # python-docx without comments: the note goes inline
            note = runs[-1]._parent.add_run(f" [{text}]")
            note.italic = True
            note.font.highlight_color = WD_COLOR_INDEX.YELLOW

    # ------------------------------------------------------------ parts
    def write(self, naskah: Naskah) -> None:
        for u in naskah.root.children:
            getattr(self, f"w_{u.kind}", self.w_other)(u)

    def w_kepala(self, u: Unit) -> None:
        first = None
        for _, _, t in u.lines:
            p = self.para(t, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
            first = first or p
        if first is not None:
            self.mark(u, first.runs)

    def w_pembukaan(self, u: Unit) -> None:
        for _, _, t in u.lines:
            self.para(t, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
        for c in u.children:
            if c.kind == "jabatan":
                for _, _, t in c.lines:
                    self.para(t, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
            elif c.kind in ("konsiderans", "dasar_hukum", "memperhatikan"):
                self._section_list(c)
            elif c.kind == "diktum":
                for _, _, t in c.lines:
                    self.para(t, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
                word = c.marker.rstrip(" :") or "Menetapkan"
                self.para(f"{word}\t:\t{c.text}", left=3.5, hanging=3.5, tabs=(3.0, 3.5), before=6, unit=c)

    def _section_list(self, c: Unit) -> None:
        word = c.marker.rstrip(" :")
        items = c.children
        for i, it in enumerate(items):
            lead = f"{word}\t:\t" if i == 0 else "\t\t"
            marker = f"{it.marker}\t" if it.marker else ""
            p = self.para(f"{lead}{marker}{it.text}", left=4.2, hanging=4.2, tabs=(3.0, 3.5, 4.2),
                          before=12 if i == 0 else 0, unit=it)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if not items:
            self.para(f"{word}\t:", tabs=(3.0,), before=12)

    def w_batang_tubuh(self, u: Unit) -> None:
        for c in u.children:
            self.body(c)

    w_fragmen = w_batang_tubuh

    def body(self, u: Unit) -> None:
        if u.kind in ("bab", "bagian", "paragraf"):
            p = self.para(u.marker, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=18 if u.kind == "bab" else 12)
            self.mark(u, p.runs)
            for _, _, t in u.lines:
                self.para(t, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
            for c in u.children:
                self.body(c)
        elif u.kind == "pasal":
            p = self.para(u.marker, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
            self.mark(u, p.runs)
            for c in u.children:
                self.content(c)
        else:
            self.content(u)

    def _level(self, u: Unit) -> int:
        lists = sum(1 for a in u.ancestors() if a.kind in LIST_KINDS)
        in_ayat = any(a.kind == "ayat" for a in u.ancestors())
        return lists + (1 if in_ayat else 0) + (1 if u.kind in LIST_KINDS else 0)

    def content(self, u: Unit) -> None:
        if u.kind == "ayat":
            p = self.para(f"{u.marker}\t{u.text}", left=STEP, hanging=STEP, tabs=(STEP,), unit=u)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif u.kind in LIST_KINDS:
            lvl = self._level(u)
            p = self.para(f"{u.marker}\t{u.text}", left=lvl * STEP, hanging=STEP, tabs=(lvl * STEP,), unit=u)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif u.kind == "para":
            lvl = self._level(u)
            p = self.para(u.text, left=lvl * STEP, unit=u)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for c in u.children:
            self.content(c)

    def w_penutup(self, u: Unit) -> None:
        for c in u.children:
            if c.kind == "para":
                p = self.para(c.text, before=12, unit=c)
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            else:
                left = 8.5 if c.label == "ditetapkan" else 0.0
                first = None
                for i, (_, _, t) in enumerate(c.lines):
                    p = self.para(t, left=left, before=18 if i == 0 else 0)
                    first = first or p
                if first is not None:
                    self.mark(c, first.runs)

    def w_penjelasan(self, u: Unit) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self.para(u.marker, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        for c in u.children:
            if c.kind == "pasal":
                self.para(c.marker, bold=True, before=6)
            for x in c.walk():
                if x.text and x is not c:
                    self.para(x.text)
            if c.kind == "para":
                self.para(c.text)

    def w_lampiran(self, u: Unit) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self.para(u.marker, left=8.0, bold=True)
        heading = True
        rows: list[Unit] = []
        for c in u.children:
            if c.kind == "baris":
                rows.append(c)
                continue
            if rows:
                self._table(rows)
                rows = []
            if c.kind == "para" and heading and c.text.upper() == c.text and len(c.text) < 90:
                self.para(c.text, left=8.0, unit=c)
                continue
            heading = False
            self.content(c)
        if rows:
            self._table(rows)

    def _table(self, rows: list[Unit]) -> None:
        cells = [[x.strip() for x in r.text.strip().strip("|").split("|")] for r in rows]
        width = max(len(c) for c in cells)
        table = self.doc.add_table(rows=0, cols=width)
        try:
            table.style = "Table Grid"
        except KeyError:
            pass
        for r, row in zip(rows, cells):
            tr = table.add_row()
            for i in range(width):
                cell = tr.cells[i]
                cell.text = row[i] if i < len(row) else ""
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)
            if self.changed.get(r.id):
                self.mark(r, tr.cells[0].paragraphs[0].runs or [tr.cells[0].paragraphs[0].add_run("")])

    def w_other(self, u: Unit) -> None:
        for x in u.walk():
            if x.text:
                self.para(x.text)


def write_docx(naskah: Naskah, target, *, changed: dict | None = None, title: str | None = None) -> None:
    w = _Writer(changed)
    if title:
        w.doc.core_properties.title = title
    w.doc.core_properties.author = "aturan"
    w.write(naskah)
    w.doc.save(target)
