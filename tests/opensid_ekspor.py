"""Write monitoring exports cell by cell as OpenSID writes them, from records shaped like its database rows.

Follows OpenSID/OpenSID donjo-app/controllers/Stunting.php at commit
042e479ead412ef81f3fc0885c1fd493d873d0cd: eksporIbuHamil(), eksporAnak(), eksporPaud() (the $judul header
arrays and the $data value arrays, in their order), the codes of app/Models/Anak.php (STATUS_TIKAR_ANAK:
1 TD, 2 M, 3 K, 4 H) and app/Models/IbuHamil.php (status 1 NORMAL, 2 RISTI, 3 KEK), tgl_indo() of
donjo-app/helpers/donjolib_helper.php ("02 Maret 2024", '-' for no date) and namafile() of
donjo-app/helpers/opensid_helper.php (slug + '_' + date('d_m_Y')). OpenSpout writes a PHP string as a text
cell and an int as a number cell; nothing else is typed.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
JUDUL_IBU_HAMIL = ["No KIA", "Nama Ibu", "Status Kehamilan", "Hari Perkiraan Lahir", "Usia Kehamilan (Bulan)",
                   "Tanggal Melahirkan", "Pemeriksaan Kehamilan", "Konsumsi Pil Fe", "Pemeriksaan Nifas",
                   "Kunjungan Rumah", "Kepemilikan Akses Air Bersih", "Kepemilikan jamban", "Jaminan Kesehatan"]
JUDUL_ANAK = ["No KIA", "Nama Anak", "Jenis Kelamin", "Tanggal Lahir", "Status Gizi", "Umur (Bulan)",
              "Hasil (M/K/H)", "Pemberian Imunisasi Dasar", "Pengukuran Berat Badan", "Pengukuran Tinggi Badan",
              "Konseling Gizi Ayah", "Konseling Gizi Ibu", "Kunjungan Rumah", "Kepemilikan Akses Air Bersih",
              "Kepemilikan Jamban", "Akta Lahir", "Jaminan Kesehatan", "Pengasuhan PAUD"]
JUDUL_PAUD = ["No KIA", "Nama Anak", "Jenis Kelamin", "Kategori Usia", *BULAN]
STATUS_TIKAR = {1: "TD", 2: "M", 3: "K", 4: "H"}


def tgl_indo(d: dt.date | None) -> str:
    return "-" if d is None else f"{d.day:02d} {BULAN[d.month - 1]} {d.year}"


def namafile(judul: str, tanggal_ekspor: dt.date) -> str:
    return judul.lower().replace(" ", "_") + "_" + tanggal_ekspor.strftime("%d_%m_%Y")


def vx(flag: int) -> str:
    return "v" if flag == 1 else "x"


def baris_ibu_hamil(r: dict) -> list:
    """$data of eksporIbuHamil(): 14 values under 13 headers ($row->konseling_gizi has none)."""
    s = r["status_kehamilan"]
    return [r["no_kia"], r["nama"],
            "NORMAL" if s == 1 else "RISTI" if s == 2 else "KEK" if s == 3 else "-",
            tgl_indo(r["hari_perkiraan_lahir"]),
            r["usia_kehamilan"] if r["usia_kehamilan"] is not None else "-",
            tgl_indo(r["tanggal_melahirkan"]),
            vx(r["pemeriksaan_kehamilan"]), vx(r["konsumsi_pil_fe"]), vx(r["pemeriksaan_nifas"]),
            vx(r["konseling_gizi"]), vx(r["kunjungan_rumah"]), vx(r["akses_air_bersih"]),
            vx(r["kepemilikan_jamban"]), vx(r["jaminan_kesehatan"])]


def baris_anak(r: dict) -> list:
    """$data of eksporAnak(): 19 values under 18 headers ($row->konseling_gizi, not a column of
    bulanan_anak, is null and so written 'x', before konseling_gizi_ayah)."""
    g = r["status_gizi"]
    sex = {1: "LAKI-LAKI", 2: "PEREMPUAN"}.get(r["sex"], "TIDAK DIKETAHUI")
    return [r["no_kia"], r["nama"], sex, tgl_indo(r["tanggallahir"]),
            "N" if g == 1 else "GK" if g == 2 else "GB" if g == 3 else "S",
            r["umur_bulan"], STATUS_TIKAR.get(r["status_tikar"]),
            vx(r["pemberian_imunisasi_dasar"]), vx(r["pengukuran_berat_badan"]), vx(r["pengukuran_tinggi_badan"]),
            vx(None), vx(r["konseling_gizi_ayah"]), vx(r["konseling_gizi_ibu"]), vx(r["kunjungan_rumah"]),
            vx(r["air_bersih"]), vx(r["kepemilikan_jamban"]), vx(r["akta_lahir"]), vx(r["jaminan_kesehatan"]),
            vx(r["pengasuhan_paud"])]


def baris_paud(r: dict) -> list:
    """$data of eksporPaud(): a month is 1 '-' (belum), 2 'v' (mengikuti), else 'x'."""
    sex = {1: "LAKI-LAKI", 2: "PEREMPUAN"}.get(r["sex"], "TIDAK DIKETAHUI")
    return [r["no_kia"], r["nama"], sex,
            "Anak Usia 2 - < 3 Tahun" if r["kategori_usia"] == 1 else "Anak Usia 3 - 6 Tahun",
            *["-" if m == 1 else "v" if m == 2 else "x" for m in r["bulan"]]]


def tulis(folder: Path, judul: str, header: list, rows: list[list], tanggal_ekspor: dt.date,
          fmt: str = "xlsx") -> Path:
    """One export file; CSV as Excel's 'Save as CSV' writes it (every row as wide as the widest)."""
    name = namafile(judul, tanggal_ekspor)
    if fmt == "xlsx":
        path = folder / f"{name}.xlsx"
        wb = Workbook()
        ws = wb.active
        ws.title = "Sheet1"
        ws.append(header)
        for r in rows:
            ws.append(r)
        wb.save(path)
        return path
    path = folder / f"{name}.csv"
    width = max(len(header), *(len(r) for r in rows)) if rows else len(header)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        for r in [header, *rows]:
            w.writerow([("" if c is None else c) for c in r] + [""] * (width - len(r)))
    return path
