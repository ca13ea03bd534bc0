"""Blank monitoring templates (XLSX with one sheet per form, or one CSV with a 'formulir' column)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .indicators import FORM_LABELS, FORMS, IndicatorSet
from .readers.columns import FORM_FIELDS, template_columns

SHEET_NAMES = {"2a": "2a Ibu Hamil", "2b": "2b Anak 0-23 Bulan", "2c": "2c Anak 2-6 Tahun"}
HELP = {
    "desa": "Nama desa/kampung/nagari/kelurahan/ohoi (boleh dikosongkan untuk berkas satu desa)",
    "tahun": "Tahun pemantauan, mis. 2024",
    "bulan": "Bulan pemantauan: 1-12 atau Januari-Desember",
    "no_register": "No. Register KIA / No KIA (wajib; sama untuk sasaran yang sama setiap bulan)",
    "nama": "Nama ibu / nama anak",
    "rumah_tangga": "Nomor rumah tangga / No KK (boleh kosong: No KIA dipakai sebagai rumah tangga)",
    "status_kehamilan": "normal, KEK, Resti, atau KEK/Resti",
    "hpl": "Hari perkiraan lahir (tanggal)",
    "usia_kehamilan": "Usia kehamilan dalam bulan (0-10)",
    "tanggal_melahirkan": "Kosong selama masih hamil",
    "jenis_kelamin": "L atau P",
    "tanggal_lahir": "Tanggal lahir anak",
    "status_gizi": "normal, kurang, buruk, atau stunting",
    "umur_bulan": "Umur anak dalam bulan pada bulan ini (boleh kosong: dihitung dari tanggal lahir)",
    "hasil_tikar": "Hasil tikar pertumbuhan: H (hijau), K (kuning), M (merah); kosong bila tidak diukur",
    "kategori_usia": "2-3 atau 3-6 (tahun)",
}


def template_csv(indicators: IndicatorSet) -> str:
    """One CSV for all three forms: the 'formulir' column says which one a row belongs to."""
    cols = ["formulir"]
    for form in FORMS:
        for c in template_columns(indicators, form):
            if c not in cols:
                cols.append(c)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cols)
    return buf.getvalue()


def write_template(path: str | Path, indicators: IndicatorSet) -> None:
    path = Path(path)
    if path.suffix.lower() == ".csv":
        path.write_text(template_csv(indicators), encoding="utf-8")
        return
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Petunjuk"
    lines = [
        "Templat pemantauan bulanan sasaran 1.000 HPK (Formulir 2a, 2b, 2c)",
        "",
        "Satu baris = satu sasaran pada satu bulan. Isi lembar 2a, 2b dan 2c; jangan ubah judul kolom.",
        "Kolom indikator: Y (diterima), T (tidak diterima), TS (tidak sasaran), atau angka (berapa kali / berapa hari",
        "untuk pil Fe) pada bulan itu. Sel indikator yang kosong dihitung T. Tanggal: 2024-03-15 atau 15/03/2024.",
        "Hitung: aturan scorecard BERKAS.xlsx   (lihat docs/scorecard.md)",
        "",
        "Kolom:",
    ]
    for i, line in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=line).font = Font(bold=(i == 1))
    row = len(lines) + 1
    for form in FORMS:
        ws.cell(row=row, column=1, value=FORM_LABELS[form]).font = Font(bold=True)
        row += 1
        for c in template_columns(indicators, form):
            ind = next((i for i in indicators.for_form(form) if i.column == c), None)
            ws.cell(row=row, column=1, value=c)
            ws.cell(row=row, column=2, value=HELP.get(c) or (f"{ind.label} — {ind.text}" if ind else ""))
            row += 1
        row += 1
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 110
    head = PatternFill("solid", fgColor="DDEBF7")
    for form in FORMS:
        sh = wb.create_sheet(SHEET_NAMES[form])
        for c, name in enumerate(template_columns(indicators, form), start=1):
            cell = sh.cell(row=1, column=c, value=name)
            cell.font, cell.fill = Font(bold=True), head
            cell.alignment = Alignment(wrap_text=True)
            sh.column_dimensions[get_column_letter(c)].width = max(10, min(22, len(name) + 2))
        sh.freeze_panes = "A2"
    wb.save(path)


__all__ = ["write_template", "template_csv", "SHEET_NAMES", "FORM_FIELDS"]
