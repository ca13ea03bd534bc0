"""Blank monitoring templates: an XLSX laid out like the Lampiran IV forms (two-row headers, drop-down
lists for coded columns, Formulir 1 for the services), or one CSV with our column names and a 'formulir' column."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from .indicators import FORM_LABELS, FORMS, IndicatorSet
from .readers.columns import FORM_FIELDS, template_columns

SHEET_NAMES = {"2a": "2a Ibu Hamil", "2b": "2b Anak 0-23 Bulan", "2c": "2c Anak 2-6 Tahun"}
LAYANAN_SHEET = "1 Ketersediaan Layanan"
ROWS = 1000          # rows with drop-down lists
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
    "hasil_tikar": "Hasil tikar pertumbuhan: H (hijau), K (kuning), M (merah); TD bila tidak diukur",
    "kategori_usia": "2-3 atau 3-6 (tahun)",
}
# (group over the column, the column's words on the printed form); every label is one the readers know
LABELS = {
    "desa": ("Pemantauan", "Desa"), "tahun": ("Pemantauan", "Tahun"), "bulan": ("Pemantauan", "Bulan"),
    "rumah_tangga": (None, "No KK"),
    ("2a", "no_register"): (None, "No. Register KIA"), ("2a", "nama"): (None, "Nama Ibu"),
    "status_kehamilan": (None, "Status Kehamilan (KEK/Resti)"),
    "hpl": (None, "Hari Perkiraan Lahir (tgl/bln/th)"),
    "usia_kehamilan": ("Usia Kehamilan dan Persalinan", "Usia kehamilan (bulan)"),
    "tanggal_melahirkan": ("Usia Kehamilan dan Persalinan", "Tanggal Melahirkan (tgl/bln/th)"),
    ("2b", "no_register"): (None, "No. Register KIA"), ("2b", "nama"): (None, "Nama Anak"),
    ("2b", "jenis_kelamin"): (None, "Jenis Kelamin (L/P)"),
    ("2b", "tanggal_lahir"): (None, "Tanggal Lahir Anak (tgl/bln/th)"),
    "status_gizi": (None, "Status Gizi Anak (Buruk/Kurang/Stunting)"),
    "umur_bulan": ("Umur dan Status Tikar", "Umur (bulan)"), "hasil_tikar": ("Umur dan Status Tikar", "Hasil (M/K/H)"),
    ("2c", "no_register"): (None, "No. Register KIA"), ("2c", "nama"): (None, "Nama Anak"),
    ("2c", "jenis_kelamin"): (None, "Jenis Kelamin Anak (L/P)"),
    ("2c", "tanggal_lahir"): (None, "Tanggal Lahir Anak (tgl/bln/th)"),
    "kategori_usia": (None, "Kategori Usia"),
}
INDICATOR_GROUP = {"2a": "Status Penerimaan Indikator", "2b": "Indikator Layanan", "2c": "PAUD"}
# the words of Lampiran IV for each indicator column (aliases in the indicator files)
INDICATOR_LABELS = {
    ("2a", "periksa_kehamilan"): "Pemeriksaan Kehamilan", ("2a", "pil_fe"): "Memperoleh dan Mengonsumsi Pil FE",
    ("2a", "pemeriksaan_nifas"): "Pemeriksaan Nifas", ("2a", "konseling_gizi"): "Konseling Gizi (Kelas Ibu Hamil)",
    ("2a", "kunjungan_rumah"): "Kunjungan Rumah", ("2a", "air_bersih"): "Kepemilikan Akses Air Bersih",
    ("2a", "jamban"): "Kepemilikan Jamban", ("2a", "jaminan_kesehatan"): "Jaminan Kesehatan",
    ("2b", "imunisasi_dasar"): "Pemberian Imunisasi Dasar", ("2b", "timbang_berat"): "Pengukuran Berat Badan",
    ("2b", "ukur_tinggi"): "Pengukuran Tinggi Badan", ("2b", "konseling_gizi"): "Konseling Gizi Bagi Orang Tua",
    ("2b", "kunjungan_rumah"): "Kunjungan Rumah", ("2b", "air_bersih"): "Kepemilikan Akses Air Bersih",
    ("2b", "jamban"): "Kepemilikan Jamban Sehat", ("2b", "jaminan_kesehatan"): "Jaminan Kesehatan",
    ("2b", "akta_lahir"): "Akta Lahir", ("2b", "pengasuhan_paud"): "Pengasuhan (PAUD)",
    ("2c", "paud"): "Mengikuti Layanan PAUD",
}
LISTS = {
    "status_kehamilan": "normal,KEK,Resti,KEK/Resti", "jenis_kelamin": "L,P",
    "status_gizi": "normal,kurang,buruk,stunting", "hasil_tikar": "H,K,M,TD", "kategori_usia": "2-3,3-6",
}
WHOLE = {"tahun": (2000, 2100), "bulan": (1, 12), "usia_kehamilan": (0, 10), "umur_bulan": (0, 23)}


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


def form_headers(indicators: IndicatorSet, form: str) -> list[tuple[str | None, str, str]]:
    """(group, printed label, our column) for each column of a form's sheet, in order."""
    out = []
    inds = {i.column: i for i in indicators.for_form(form)}
    for c in template_columns(indicators, form):
        if c in inds:
            ind = inds[c]
            label = INDICATOR_LABELS.get((form, c)) or (ind.aliases[0] if ind.aliases else c)
            out.append((INDICATOR_GROUP[form], label, c))
        else:
            group, label = LABELS.get((form, c)) or LABELS.get(c) or (None, c)
            out.append((group, label, c))
    return out


def write_template(path: str | Path, indicators: IndicatorSet) -> None:
    path = Path(path)
    if path.suffix.lower() == ".csv":
        path.write_text(template_csv(indicators), encoding="utf-8")
        return
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Petunjuk"
    lines = [
        "Templat pemantauan bulanan sasaran 1.000 HPK (Formulir 1, 2a, 2b, 2c Lampiran IV)",
        "",
        "Satu baris = satu sasaran pada satu bulan. Isi lembar 2a, 2b dan 2c mulai baris 3; jangan ubah judul kolom.",
        "Kolom indikator: pilih Y (diterima), T (tidak diterima) atau TS (tidak sasaran), atau tulis angka (berapa kali /",
        "berapa hari untuk pil Fe) pada bulan itu. Sel indikator yang kosong dihitung T. Tanggal: 2024-03-15 atau",
        "15/03/2024. Kolom berkode punya daftar pilihan. Lembar 1 untuk ketersediaan layanan (Formulir 1 bagian 2).",
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
        inds = {i.column: i for i in indicators.for_form(form)}
        for group, label, c in form_headers(indicators, form):
            ind = inds.get(c)
            ws.cell(row=row, column=1, value=label)
            ws.cell(row=row, column=2, value=HELP.get(c) or (f"{ind.label} — {ind.text}" if ind else ""))
            row += 1
        row += 1
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 110
    fill = PatternFill("solid", fgColor="DDEBF7")
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def header(sh, cols: list[tuple[str | None, str]]) -> None:
        """Two header rows as on the printed form: a group over its columns, other titles over both rows."""
        c = 1
        while c <= len(cols):
            group, label = cols[c - 1]
            end = c
            while group is not None and end < len(cols) and cols[end][0] == group:
                end += 1
            if group is None:
                sh.cell(row=1, column=c, value=label)
                sh.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
            else:
                sh.cell(row=1, column=c, value=group)
                if end > c:
                    sh.merge_cells(start_row=1, start_column=c, end_row=1, end_column=end)
                for k in range(c, end + 1):
                    sh.cell(row=2, column=k, value=cols[k - 1][1])
            c = end + 1
        for r in (1, 2):
            for k in range(1, len(cols) + 1):
                cell = sh.cell(row=r, column=k)
                cell.font, cell.fill, cell.alignment, cell.border = Font(bold=True), fill, center, box
        sh.row_dimensions[2].height = 60
        for k, (_, label) in enumerate(cols, start=1):
            sh.column_dimensions[get_column_letter(k)].width = max(9, min(20, len(label) // 2 + 4))
        sh.freeze_panes = "A3"

    def validate(sh, col: int, dv: DataValidation) -> None:
        letter = get_column_letter(col)
        dv.add(f"{letter}3:{letter}{ROWS + 2}")
        sh.add_data_validation(dv)

    def choice(items: str, what: str) -> DataValidation:
        return DataValidation(type="list", formula1=f'"{items}"', allow_blank=True, showErrorMessage=True,
                              errorTitle="Isi tidak dikenal", error=f"Pilih salah satu: {items.replace(',', ', ')} ({what})")

    for form in FORMS:
        sh = wb.create_sheet(SHEET_NAMES[form])
        cols = form_headers(indicators, form)
        header(sh, [(g, label) for g, label, _ in cols])
        ind_cols = {i.column for i in indicators.for_form(form)}
        for k, (_, label, c) in enumerate(cols, start=1):
            if c in ind_cols:
                # Y/T/TS from the list; a number (times, days of pil Fe, kg, cm) is typed over it
                dv = choice("Y,T,TS", label)
                dv.showErrorMessage = False
                validate(sh, k, dv)
            elif c in LISTS:
                validate(sh, k, choice(LISTS[c], label))
            elif c in WHOLE:
                lo, hi = WHOLE[c]
                validate(sh, k, DataValidation(type="whole", operator="between", formula1=str(lo), formula2=str(hi),
                                               allow_blank=True, showErrorMessage=True, errorTitle="Di luar batas",
                                               error=f"{label}: bilangan bulat {lo}-{hi}"))
    from .readers.lampiran import LAYANAN
    sh = wb.create_sheet(LAYANAN_SHEET)
    cols = [(None, "Desa"), (None, "No."), (None, "Nama Layanan")] + \
           [("KIA" if i < 6 else None, label) for i, (_, label) in enumerate(LAYANAN)]
    header(sh, cols)
    for k in range(4, len(cols) + 1):
        validate(sh, k, choice("Y,T", cols[k - 1][1]))
    wb.save(path)


__all__ = ["write_template", "template_csv", "form_headers", "SHEET_NAMES", "FORM_FIELDS"]
