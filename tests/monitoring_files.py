"""Hostile monitoring files, generated at test time (no committed binaries): shared by the unit tests and the corpus."""
from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook


def workbook(path: Path, rows: list[list], merges=(), cell: tuple[int, int, str] | None = None,
             title: str = "2a") -> Path:
    """A one-sheet workbook; `merges` like 'A2:A4'; `cell` = (row, column, value) written far away."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    if cell is not None:
        ws.cell(row=cell[0], column=cell[1], value=cell[2])
    wb.save(path)
    return path


def zip_bomb(path: Path, size: int = 64 << 20) -> Path:
    """A well-formed workbook whose one sheet inflates to `size` bytes of blanks (about 1000x its size)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", b"<worksheet><sheetData>" + b" " * size + b"</sheetData></worksheet>")
    return path


def billion_laughs() -> str:
    """Nine levels of nine aliases: 10^9 strings if expanded, under 1 KB written."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines + ["2a: *i"]) + "\n"
