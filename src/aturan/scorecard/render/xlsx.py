"""The scorecard as a workbook a village can print and sign.

Yearly: a Rekap sheet (several villages: a line per village, a subtotal per kecamatan, the kabupaten
total); per village a sheet with Formulir 4 (Tabel 1-5), the convergence per quarter with its chart,
the reconciliation with the annual report and the signature block; a sheet per quarter with Formulir
3a/3b and the Formulir Bantu; a Formulir 1 sheet; and Catatan (rows read, every rejection, warnings).
Numbers are numbers (counts, rupiah #,##0, percentages 0.00), dates are dates; a header written
"Group: column" becomes two header rows with the group merged over its columns, as on the forms.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..compute import ScorecardResult, VillageScore
from .tables import (DEFAULT_TERMS, Pct, Rp, budget_rows, cell_text, reconciliation_table, rekap_table,
                     tables_formulir1, tables_quarters, tables_year)
from .text import quarter_tables, rejection_lines, summary_lines, warning_lines


class _Book:
    def __init__(self, quarter: int | None):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, Side
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.names: set[str] = set()
        self.quarter = quarter
        thin = Side(style="thin")
        self.box = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.bold = Font(bold=True)
        self.wrap = Alignment(wrap_text=True, vertical="center")
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.Font = Font

    def sheet(self, title: str, landscape: bool = False):
        base = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Lembar"
        name, i = base, 2
        while name.lower() in self.names:
            suffix = f" ({i})"
            name, i = base[: 31 - len(suffix)] + suffix, i + 1
        self.names.add(name.lower())
        ws = self.wb.create_sheet(name)
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        return ws

    def heading(self, ws, lines: list[str]) -> int:
        for i, h in enumerate(lines, start=1):
            ws.cell(row=i, column=1, value=h).font = self.Font(bold=True, size=12 if i <= 2 else 11)
        return len(lines) + 2

    def table(self, ws, row: int, title: str, headers: list[str], rows: list[list]) -> tuple[int, int]:
        """Write one table at `row`; returns (first data row, the row after the table)."""
        ws.cell(row=row, column=1, value=title.upper()).font = self.bold
        row += 1
        groups = [h.split(": ", 1) if ": " in h else [None, h] for h in headers]
        two = any(g for g, _ in groups)
        for c, (g, h) in enumerate(groups, start=1):
            if two and g is None:
                top = ws.cell(row=row, column=c, value=h)
                ws.merge_cells(start_row=row, start_column=c, end_row=row + 1, end_column=c)
                ws.cell(row=row + 1, column=c).border = self.box
            else:
                top = ws.cell(row=row + 1 if two else row, column=c, value=h)
            top.font, top.border, top.alignment = self.bold, self.box, self.center
        if two:
            c = 1
            while c <= len(groups):
                g = groups[c - 1][0]
                end = c
                while g is not None and end < len(groups) and groups[end][0] == g:
                    end += 1
                if g is not None:
                    cell = ws.cell(row=row, column=c, value=g)
                    cell.font, cell.border, cell.alignment = self.bold, self.box, self.center
                    if end > c:
                        ws.merge_cells(start_row=row, start_column=c, end_row=row, end_column=end)
                c = end + 1
            ws.row_dimensions[row].height = 30
            row += 1
        ws.row_dimensions[row].height = 45
        row += 1
        first = row
        for r in rows:
            for c, x in enumerate(r, start=1):
                self.put(ws.cell(row=row, column=c), x)
            row += 1
        return first, row + 1

    def put(self, cell, x) -> None:
        """A typed cell: numbers stay numbers with the format they are read in."""
        if isinstance(x, Pct):
            cell.value, cell.number_format = float(x), "0.00"
        elif isinstance(x, Rp):
            cell.value, cell.number_format = int(x) if float(x).is_integer() else float(x), "#,##0"
        elif isinstance(x, bool):
            cell.value = "Ya" if x else "-"
        elif isinstance(x, (int, float)):
            cell.value = x
        elif isinstance(x, dt.date):
            cell.value, cell.number_format = x, "DD/MM/YYYY"
        elif x is None:
            cell.value = "-"
        else:
            cell.value = str(x)
        cell.border, cell.alignment = self.box, self.wrap

    def signatures(self, ws, row: int, terms: dict) -> None:
        ws.cell(row=row, column=1, value="Mengetahui,")
        ws.cell(row=row, column=4, value="Dibuat oleh,")
        ws.cell(row=row + 1, column=1, value=terms["kepala"])
        ws.cell(row=row + 1, column=4, value="Kader Pembangunan Manusia (KPM)")
        ws.cell(row=row + 5, column=1, value="(................................)")
        ws.cell(row=row + 5, column=4, value="(................................)")

    def chart(self, ws, first: int, n: int, anchor: str) -> None:
        """Convergence per quarter (the Formulir Bantu table just written): ibu hamil, anak, total."""
        from openpyxl.chart import BarChart, Reference
        ch = BarChart()
        ch.type = "col"
        ch.title = "Tingkat konvergensi per kuartal (%)"
        ch.y_axis.title = "%"
        ch.y_axis.scaling.min = 0
        ch.y_axis.scaling.max = 100
        for col in (3, 5, 6):
            ch.add_data(Reference(ws, min_col=col, min_row=first - 1, max_row=first + n - 1), titles_from_data=True)
        ch.set_categories(Reference(ws, min_col=1, min_row=first, max_row=first + n - 1))
        ch.height, ch.width = 7.5, 16
        ws.add_chart(ch, anchor)


def write_xlsx(result: ScorecardResult, path: str | Path, terms: dict | None = None, quarter: int | None = None,
               dossier: dict | None = None, village_of_dossier: VillageScore | None = None,
               kabupaten: str | None = None, findings: list | None = None) -> None:
    terms = {**DEFAULT_TERMS, **(terms or {})}
    book = _Book(quarter)
    unit = terms["unit"].upper()
    if len(result.villages) > 1:
        ws = book.sheet("Rekap", landscape=True)
        title, headers, rows = rekap_table(result, f"K{quarter}" if quarter else "tahun", terms)
        row = book.heading(ws, [f"REKAP TINGKAT KONVERGENSI — {kabupaten or 'KABUPATEN'}"])
        book.table(ws, row, title, headers, rows)
        _widths(ws, [18, 26, 10, 12, 14, 14, 10, 12, 12])
    for v in result.villages:
        if quarter:
            _quarter_sheet(book, result, v, f"K{quarter}", terms, kabupaten, v.name)
            continue
        ws = book.sheet(v.name)
        row = book.heading(ws, [f"LAPORAN KONVERGENSI PENCEGAHAN STUNTING TINGKAT {unit}",
                                "TERHADAP SASARAN RUMAH TANGGA 1000 HPK",
                                f"KABUPATEN : {kabupaten or '-'}    KECAMATAN : {v.kecamatan or '-'}",
                                f"{unit} : {v.name}    TAHUN : {result.tahun}"])
        budget = budget_rows(dossier) if v is village_of_dossier else None
        for title, headers, rows in tables_year(v.periods["tahun"], terms, budget if budget is not None else []):
            _, row = book.table(ws, row, title, headers, rows)
        title, headers, rows = tables_quarters(v)
        first, row = book.table(ws, row, title, headers, rows)
        book.chart(ws, first, len(rows), f"A{row}")
        row += 16
        if findings and v is village_of_dossier:
            _, row = book.table(ws, row, *reconciliation_table(findings))
        book.signatures(ws, row + 1, terms)
        _widths(ws, [20, 10, 46, 14, 14, 12, 12])
        for key in ("K1", "K2", "K3", "K4"):
            if v.periods[key].rows or v.periods[key].ibu_hamil or v.periods[key].anak_0_23:
                _quarter_sheet(book, result, v, key, terms, kabupaten, f"{v.name} {key}")
        ws = book.sheet(f"{v.name} F1", landscape=True)
        p = v.periods["tahun"]
        row = book.heading(ws, ["FORMULIR 1. PENDATAAN KONDISI LAYANAN DAN REKAPITULASI STATUS SASARAN",
                                f"{unit} : {v.name}    KECAMATAN : {v.kecamatan or '-'}    TAHUN : {result.tahun}"])
        for title, headers, rows in tables_formulir1(p, result.services(v)):
            _, row = book.table(ws, row, title, headers, rows)
        _widths(ws, [10] + [16] * 11)
    if not result.villages:
        ws = book.sheet("Kosong")
        ws.cell(row=1, column=1, value="Tidak ada catatan pemantauan yang dapat dipakai.")
    ws = book.sheet("Catatan")
    lines = summary_lines(result) + rejection_lines(result, limit=None) + warning_lines(result)
    for i, line in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=line)
    _widths(ws, [120])
    book.wb.save(path)


def _quarter_sheet(book: _Book, result: ScorecardResult, v: VillageScore, key: str, terms: dict,
                   kabupaten: str | None, name: str) -> None:
    p = v.periods[key]
    ws = book.sheet(name, landscape=True)
    unit = terms["unit"].upper()
    row = book.heading(ws, [f"REKAPITULASI HASIL PEMANTAUAN 3 (TIGA) BULANAN — {p.label.upper()}",
                            f"{unit} : {v.name}    KECAMATAN : {v.kecamatan or '-'}    KABUPATEN : {kabupaten or '-'}"
                            f"    TAHUN : {result.tahun}"])
    for title, headers, rows in quarter_tables(p, terms):
        _, row = book.table(ws, row, title, headers, rows)
    book.signatures(ws, row + 1, terms)
    _widths(ws, [8, 16, 22] + [11] * 24)


def _widths(ws, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


__all__ = ["write_xlsx", "cell_text"]
