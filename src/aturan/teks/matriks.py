"""The "matriks perubahan" drafting teams circulate: one row per changed unit, three columns (the
origin's text, the draft's text, a note why), as DOCX or XLSX; `aturan pack diff A B --format docx|xlsx`."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import AturanError
from ..output import write_output
from . import load_pack_text, text_path
from .draft import make_draft
from .model import LIST_KINDS, Naskah, Unit

HEADERS = ("Teks asal", "Teks rancangan", "Keterangan")


@dataclass(frozen=True)
class Row:
    unit: str            # "Pasal 27 huruf d"
    unit_id: str
    before: str
    after: str
    note: str


def unit_words(u: Unit | None) -> str:
    if u is None:
        return ""
    if u.lines and u.kind not in ("bab", "bagian", "paragraf"):
        head = [f"{u.marker} {u.text}".strip()] if u.kind == "diktum" else []
        return "\n".join([t for _, _, t in u.lines] + head)
    if u.kind in ("bab", "bagian", "paragraf"):
        return "\n".join([u.marker] + [t for _, _, t in u.lines])
    if u.kind in LIST_KINDS or u.kind == "ayat":
        return f"{u.marker} {u.text}".strip()
    return u.text or u.marker


def _order(n: Naskah) -> list[Unit]:
    return [u for u in n.root.walk() if u.id and u.kind not in ("batang_tubuh", "pembukaan", "penutup")]


def matrix_rows(a, b) -> list[Row]:
    """Rows for packs a (origin) and b (draft): b's own text when it has one, else the text
    `aturan teks draft` makes from a's."""
    source = load_pack_text(a.path)
    if source is None:
        raise AturanError(f"pack {a.id} tidak membawa teks peraturan ({text_path(a.path)}); matriks perubahan "
                          "memerlukan teks asal")
    derived = make_draft(a, b, source)
    own = load_pack_text(b.path)
    rows: list[Row] = []
    if own is None:
        for u in _order(derived.naskah):
            reasons = derived.changed.get(u.id)
            if reasons:
                rows.append(Row(u.title(), u.id, unit_words(source.unit(u.id)), unit_words(u), "; ".join(reasons)))
    else:
        seen = set()
        for u in _order(source):
            seen.add(u.id)
            v = own.unit(u.id)
            before, after = unit_words(u), unit_words(v)
            if before == after:
                continue
            if v is None:
                note = "dihapus dalam rancangan"
            else:
                d = derived.naskah.unit(u.id)
                note = "; ".join(derived.changed.get(u.id, [])) if d is not None and unit_words(d) == after else \
                    "diubah dalam teks rancangan"
            rows.append(Row(u.title(), u.id, before, after, note))
        for v in _order(own):
            if v.id not in seen:
                rows.append(Row(v.title(), v.id, "", unit_words(v), "ditambahkan dalam rancangan"))
    for note in derived.unplaced:
        rows.append(Row("(parameter)", "", "", "", note))
    return rows


def _title(a, b) -> tuple[str, str]:
    return ("MATRIKS PERUBAHAN", f"{a.regulation} → rancangan {b.regulation}")


def matrix_docx(a, b, rows: list[Row]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(33.0), Cm(21.5)
    for m in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(sec, m, Cm(1.5))
    doc.styles["Normal"].font.name = "Bookman Old Style"
    doc.styles["Normal"].font.size = Pt(10)
    head, sub = _title(a, b)
    for text, bold in ((head, True), (sub, False)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = bold
    table = doc.add_table(rows=1, cols=3)
    try:
        table.style = "Table Grid"
    except KeyError:
        pass
    hdr = table.rows[0]
    tr_pr = hdr._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")          # the heading row repeats on every page
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, text in zip(hdr.cells, HEADERS):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    widths = (Cm(11.5), Cm(11.5), Cm(7.0))
    for r in rows:
        cells = table.add_row().cells
        first = cells[0].paragraphs[0]
        first.add_run(r.unit).bold = True
        if r.before:
            cells[0].add_paragraph(r.before)
        cells[1].paragraphs[0].add_run(r.unit).bold = True
        if r.after:
            cells[1].add_paragraph(r.after)
        cells[2].text = r.note
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
    if not rows:
        doc.add_paragraph("Tidak ada unit teks yang berubah.")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def matrix_xlsx(a, b, rows: list[Row]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    wb = Workbook()
    ws = wb.active
    ws.title = "Matriks Perubahan"
    head, sub = _title(a, b)
    ws.append([head])
    ws.append([sub])
    ws.append(["Unit", *HEADERS])
    thin = Side(style="thin", color="999999")
    for c in ws[3]:
        c.font = Font(bold=True)
        c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    ws["A1"].font = Font(bold=True, size=13)
    for r in rows:
        ws.append([r.unit, r.before, r.after, r.note])
    for row in ws.iter_rows(min_row=4):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
            c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    for col, width in zip("ABCD", (22, 60, 60, 40)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "B4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_matrix(a, b, fmt: str, output: str | None, force: bool) -> str:
    if not output:
        raise AturanError(f"--format {fmt} memerlukan -o BERKAS")
    p = Path(output)
    rows = matrix_rows(a, b)
    write_output(p, matrix_docx(a, b, rows) if fmt == "docx" else matrix_xlsx(a, b, rows), force=force)
    return f"Matriks perubahan {a.id} → {b.id} ditulis ke {p}: {len(rows)} baris."
