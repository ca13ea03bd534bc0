"""Write the fact-entry workbook: empty (a template for one pack) or filled from an existing dossier."""
from __future__ import annotations

import datetime as dt
import io
from typing import Any

from .layout import ADA, ADA_CHOICES, NONE_WORD, PARENT, TARGET, Column, Layout, Sheet

HEADER_ROW, CODE_ROW, FIRST_ROW = 1, 2, 3
BLANK_ROWS = 30            # empty rows with drop-downs prepared below the data of a table
FORM_COLUMNS = (("Isian", 46), ("Nilai", 40), ("Petunjuk", 70), ("Kode (jangan diubah)", 34))


def render_workbook(layout: Layout, *, title: str, unit: str, regency: str, data: dict | None = None,
                    notes: list[tuple[str, str]] = ()) -> bytes:
    buf = io.BytesIO()
    build_workbook(layout, title=title, unit=unit, regency=regency, data=data, notes=notes).save(buf)
    return buf.getvalue()


def build_workbook(layout: Layout, *, title: str, unit: str, regency: str, data: dict | None = None,
                   notes: list[tuple[str, str]] = ()):
    from openpyxl import Workbook
    wb = Workbook()
    guide = wb.active
    guide.title = "Petunjuk"
    choices = wb.create_sheet("Pilihan")
    lists = _choice_lists(layout, choices)
    prefill = data if data is not None else {"identitas": {"jenis": unit, "kabupaten": regency}}
    for sheet in layout.sheets.values():
        ws = wb.create_sheet(sheet.name)
        if sheet.kind == "form":
            _form(ws, sheet, layout, prefill, lists)
        else:
            _table(ws, sheet, layout, prefill if data is not None else None, lists)
    _guide(guide, layout, title, notes)
    choices.sheet_state = "hidden"
    wb.move_sheet("Pilihan", offset=len(wb.sheetnames))
    return wb


# ------------------------------------------------------------------ cells
def cell_value(col: Column, value: Any, layout: Layout) -> Any:
    """A dossier value as the auditor sees it in the cell."""
    if value is None:
        return None
    if value is False and col.none_word and col.type != "boolean":
        return NONE_WORD
    if col.kind == "list":
        if value == []:
            return NONE_WORD
        return "; ".join(str(_label(col, v, layout)) for v in value)
    if col.type == "boolean":
        return "ya" if value else "tidak"
    if col.type == "date":
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return _label(col, value, layout)


def _label(col: Column, v: Any, layout: Layout) -> Any:
    return layout.pihak.get(v, v) if col.type == "pihak" else v


def _styles():
    from openpyxl.styles import Alignment, Font, PatternFill
    return {"head": Font(bold=True), "fill": PatternFill("solid", fgColor="D9E1F2"),
            "code": Font(italic=True, size=8, color="808080"), "wrap": Alignment(wrap_text=True, vertical="top")}


def _choice_lists(layout: Layout, ws) -> dict[tuple, str]:
    """Every drop-down list in the hidden sheet 'Pilihan'; returns {choices: range formula}."""
    from openpyxl.utils import get_column_letter
    lists: dict[tuple, str] = {}
    col = 0
    wanted = [ADA_CHOICES, ("ya", "tidak")]
    for sheet in layout.sheets.values():
        for c in sheet.columns:
            if c.kind in ("value", "exists", "ada") and (c.choices or c.type == "boolean"):
                labels = tuple(layout.choice_labels(c)) + ((NONE_WORD,) if c.none_word else ())
                wanted.append(labels)
        if sheet.kind == "kegiatan":
            wanted.append(tuple(sheet.target_labels.values()))
    wanted.append(tuple(p.id for p in layout.packages))
    for labels in wanted:
        if labels in lists or not labels:
            continue
        col += 1
        letter = get_column_letter(col)
        for i, v in enumerate(labels, 1):
            ws.cell(row=i, column=col, value=v)
        lists[labels] = f"Pilihan!${letter}$1:${letter}${len(labels)}"
    return lists


def _validation(ws, formula: str, ref: str, strict: bool = True) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation
    dv = DataValidation(type="list", formula1=f"={formula}", allow_blank=True,
                        errorStyle="stop" if strict else "warning",
                        error="Pilih dari daftar.", errorTitle="Isian tidak sah", showErrorMessage=True)
    ws.add_data_validation(dv)
    dv.add(ref)


def _column_list(col: Column, layout: Layout, lists: dict) -> tuple[str | None, bool]:
    if col.kind == "list":
        return None, True
    if col.kind in ("exists", "ada"):
        return lists[ADA_CHOICES], True
    if col.choices or col.type == "boolean":
        labels = tuple(layout.choice_labels(col)) + ((NONE_WORD,) if col.none_word else ())
        return lists[labels], True
    if col.code.split(".")[-1] == "paket" and layout.packages:
        return lists[tuple(p.id for p in layout.packages)], False     # the pack's packages, others allowed
    return None, True


def _help(col: Column, layout: Layout) -> str:
    text = col.help
    if col.kind == "list" and (col.choices or col.type == "pihak"):
        text += " Pilihan: " + ", ".join(layout.choice_labels(col)) + "."
    if col.code.split(".")[-1] in ("paket", "paket_layanan") and layout.packages:
        text += " Paket menurut peraturan ini: " + "; ".join(f"{p.id} ({p.name})" for p in layout.packages) + "."
    return text


def _comment(text: str):
    from openpyxl.comments import Comment
    c = Comment(text, "aturan")
    c.width, c.height = 320, 160
    return c


# ------------------------------------------------------------------ forms
def _form(ws, sheet: Sheet, layout: Layout, data: dict, lists: dict) -> None:
    st = _styles()
    for i, (label, width) in enumerate(FORM_COLUMNS, 1):
        c = ws.cell(row=HEADER_ROW, column=i, value=label)
        c.font, c.fill = st["head"], st["fill"]
        ws.column_dimensions["ABCD"[i - 1]].width = width
    ws.cell(row=HEADER_ROW, column=2).comment = _comment(
        "Isi kolom ini. Kosong berarti tidak diketahui (kewajiban yang memerlukannya tidak dapat dinilai); "
        "'tidak ada' atau 'tidak' menyatakan tegas bahwa tidak ada.")
    for r, col in enumerate(sheet.columns, FIRST_ROW):
        ws.cell(row=r, column=1, value=col.label).alignment = st["wrap"]
        raw = _get(data, col.code)
        if col.kind == "exists":
            value = None if raw is None else (NONE_WORD if raw is False else "ada")
        else:
            value = None if _under_false(data, col.code) else cell_value(col, raw, layout)
        c = ws.cell(row=r, column=2, value=value)
        if col.type == "date":
            c.number_format = "DD/MM/YYYY"
        ws.cell(row=r, column=3, value=_help(col, layout)).alignment = st["wrap"]
        ws.cell(row=r, column=4, value=col.code).font = st["code"]
        formula, strict = _column_list(col, layout, lists)
        if formula:
            _validation(ws, formula, f"B{r}", strict)
    ws.cell(row=CODE_ROW, column=1, value="(baris kode: jangan diubah)").font = st["code"]
    ws.freeze_panes = "B3"


def _get(data: Any, path: str) -> Any:
    cur = data
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


# ------------------------------------------------------------------ tables and kegiatan rows
def _table(ws, sheet: Sheet, layout: Layout, data: dict | None, lists: dict) -> None:
    from openpyxl.utils import get_column_letter
    st = _styles()
    for i, col in enumerate(sheet.columns, 1):
        c = ws.cell(row=HEADER_ROW, column=i, value=col.label)
        c.font, c.fill, c.alignment = st["head"], st["fill"], st["wrap"]
        c.comment = _comment(_help(col, layout))
        ws.cell(row=CODE_ROW, column=i, value=col.code).font = st["code"]
        ws.column_dimensions[get_column_letter(i)].width = 34 if col.code == TARGET else max(14, min(30, len(col.label) + 4))
    ws.row_dimensions[HEADER_ROW].height = 45
    rows = _rows(sheet, layout, data)
    for r, values in enumerate(rows, FIRST_ROW):
        for i, col in enumerate(sheet.columns, 1):
            v = values.get(col.code)
            if v is not None:
                c = ws.cell(row=r, column=i, value=v)
                if col.type == "date":
                    c.number_format = "DD/MM/YYYY"
    last = FIRST_ROW + len(rows) + BLANK_ROWS
    for i, col in enumerate(sheet.columns, 1):
        letter = get_column_letter(i)
        for r in range(FIRST_ROW, last):
            if col.type == "date":
                ws.cell(row=r, column=i).number_format = "DD/MM/YYYY"
        formula, strict = _column_list(col, layout, lists)
        if col.code == TARGET:
            formula = lists[tuple(sheet.target_labels.values())]
        if formula:
            _validation(ws, formula, f"{letter}{FIRST_ROW}:{letter}{last}", strict)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=2 if sheet.kind == "table" else 3)


def _rows(sheet: Sheet, layout: Layout, data: dict | None) -> list[dict]:
    """The rows a table or kegiatan sheet starts with: the dossier's items, or (template) one row per kegiatan."""
    if sheet.kind == "kegiatan":
        out = []
        for path, how in sheet.targets.items():
            label = sheet.target_labels[path]
            value = _get(data, path) if data is not None else None
            if value is None:
                out.append({TARGET: label})
            elif value is False or value == []:
                out.append({TARGET: label, ADA: NONE_WORD})
            else:
                for item in (value if how == "list" else [value]):
                    out.append({TARGET: label, ADA: "ada", **_row(sheet, item, layout)})
        return out
    if data is None:
        return []
    if sheet.parent:
        parent_list = _get(data, sheet.parent) or []
        key = sheet.path.split(".")[-1]
        out = []
        for parent in parent_list:
            items = parent.get(key)
            if items is None:
                continue
            name = parent.get(sheet.parent_key)
            if items == []:
                out.append({PARENT: name, ADA: NONE_WORD})
            out += [{PARENT: name, ADA: "ada", **_row(sheet, item, layout)} for item in items]
        return out
    items = _get(data, sheet.path)
    if items is None:
        return []
    if items == []:
        return [{ADA: NONE_WORD}]
    return [{ADA: "ada", **_row(sheet, item, layout)} for item in items]


def _row(sheet: Sheet, item: dict, layout: Layout) -> dict:
    out = {}
    for col in sheet.columns:
        if col.code.startswith("@"):
            continue
        value = _get(item, col.code)
        if col.kind == "exists":
            out[col.code] = None if value is None else (NONE_WORD if value is False else "ada")
        elif not _under_false(item, col.code):
            out[col.code] = cell_value(col, value, layout)
    return out


def _under_false(item: dict, path: str) -> bool:
    parts = path.split(".")
    return any(_get(item, ".".join(parts[:i])) is False for i in range(1, len(parts)))


# ------------------------------------------------------------------ the guide
def _guide(ws, layout: Layout, title: str, notes) -> None:
    st = _styles()
    lines = [
        (f"Buku kerja isian dosir — {title}", st["head"]),
        ("Satu buku kerja untuk satu unit dan satu tahun. Periksa dengan: aturan check isian.xlsx", None),
        ("", None),
        ("Cara mengisi", st["head"]),
        ("• Setiap lembar memuat satu bagian dosir; judul kolom diberi komentar yang menjelaskan isinya.", None),
        ("• Baris 2 (kode, huruf kecil abu-abu) dan kolom 'Kode' pada lembar isian dipakai aturan untuk membaca: "
         "jangan diubah atau dihapus.", None),
        ("• Sel KOSONG berarti tidak diketahui: kewajiban yang memerlukannya menjadi 'tidak dapat dinilai', "
         "tidak pernah 'patuh' dan tidak pernah 'tidak patuh'.", None),
        ("• 'tidak ada' menyatakan TEGAS bahwa dokumen, kegiatan atau daftar itu tidak ada; hanya pernyataan "
         "ini yang dapat membuat kewajiban 'tidak patuh'.", None),
        ("• Tanggal: DD/MM/YYYY (mis. 15/03/2024) atau sel tanggal Excel. Ya/tidak: pilih 'ya' atau 'tidak'.", None),
        ("• Daftar dalam satu sel (peserta, materi, penandatangan): pisahkan dengan titik koma (;).", None),
        ("• Lembar kegiatan (Perencanaan, Rapat): satu baris per kegiatan; pilih jenisnya di kolom 'Kegiatan'. "
         "Kegiatan berulang (rapat evaluasi, kampanye) boleh beberapa baris.", None),
        ("", None),
    ]
    if layout.packages:
        lines.append(("Paket layanan menurut peraturan ini", st["head"]))
        lines += [(f"• {p.id}: {p.name}", None) for p in layout.packages]
        lines.append(("", None))
    if notes:
        lines.append(("Kode yang dipakai aturan pack ini (untuk kolom materi, formulir, dll.)", st["head"]))
        lines += [(f"• {name}: {doc}", None) for name, doc in notes]
    for r, (text, font) in enumerate(lines, 1):
        c = ws.cell(row=r, column=1, value=text)
        c.alignment = st["wrap"]
        if font:
            c.font = font
    ws.column_dimensions["A"].width = 140
