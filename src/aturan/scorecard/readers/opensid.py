"""Reader for OpenSID's stunting exports, cell by cell as OpenSID writes them.

Source read: OpenSID/OpenSID, donjo-app/controllers/Stunting.php at commit
042e479ead412ef81f3fc0885c1fd493d873d0cd, methods eksporIbuHamil(), eksporAnak() and eksporPaud().
Each writes a header row ($judul) and then one row per monthly record ($data) with OpenSpout:

* eksporIbuHamil: 13 header cells, 14 values per row. `$row->konseling_gizi` is written between
  "Pemeriksaan Nifas" and "Kunjungan Rumah" with no header, so every cell from the tenth on sits one
  column to the right of its header.
* eksporAnak: 18 header cells, 19 values per row. `$row->konseling_gizi` (not a column of table
  bulanan_anak, so always 'x') is written before "Konseling Gizi Ayah".
* eksporPaud: 16 header cells, 16 values (a column per month: '-' belum, 'v' mengikuti, 'x' tidak).

A layout is recognised by its exact header row, and its cells are mapped by position; a row that
does not have the number of cells OpenSID writes is rejected, never guessed. Neither monthly export
holds a month or a year (the month filter is optional, `scopeFilter` in app/Models/IbuHamil.php and
Anak.php), and the file name is `namafile(judul)` = slug + `_d_m_Y` of the day of export
(donjo-app/helpers/opensid_helper.php): the month comes from --bulan (or, for children, from birth
date plus age when every row agrees), the year from --tahun, the dossier or the data, never from the
export date.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import Location
from ..indicators import IndicatorSet
from . import columns
from .files import n_id
from .base import (Context, InputError, RowError, Table, month_label, norm_header, parse_date, parse_int,
                   text)

NAME = "ekspor OpenSID"
COMMIT = "042e479ead412ef81f3fc0885c1fd493d873d0cd"
SOURCE = f"OpenSID/OpenSID donjo-app/controllers/Stunting.php@{COMMIT[:8]}"


@dataclass(frozen=True)
class Layout:
    key: str
    form: str
    title: str                      # the title OpenSID passes to namafile()
    method: str                     # the PHP method that writes it
    headers: tuple[str, ...]        # $judul, as written
    cells: tuple[str | None, ...]   # what each written value is, by position (None: a cell no indicator uses)
    monthly: bool = True

    @property
    def width(self) -> int:
        return len(self.cells)

    def describe(self) -> str:
        extra = len(self.cells) - len(self.headers)
        shape = f"{len(self.headers)} judul kolom, {len(self.cells)} sel per baris" if extra else \
                f"{len(self.headers)} kolom"
        return f"{NAME} '{self.title}' ({self.method}, {SOURCE}: {shape})"


IBU_HAMIL = Layout(
    "ibu_hamil", "2a", "Laporan Bulanan Ibu Hamil", "eksporIbuHamil()",
    ("No KIA", "Nama Ibu", "Status Kehamilan", "Hari Perkiraan Lahir", "Usia Kehamilan (Bulan)",
     "Tanggal Melahirkan", "Pemeriksaan Kehamilan", "Konsumsi Pil Fe", "Pemeriksaan Nifas", "Kunjungan Rumah",
     "Kepemilikan Akses Air Bersih", "Kepemilikan jamban", "Jaminan Kesehatan"),
    ("no_register", "nama", "status_kehamilan", "hpl", "usia_kehamilan", "tanggal_melahirkan",
     "Pemeriksaan Kehamilan", "Konsumsi Pil Fe", "Pemeriksaan Nifas",
     "Konseling Gizi",                       # $row->konseling_gizi, written without a header
     "Kunjungan Rumah", "Kepemilikan Akses Air Bersih", "Kepemilikan Jamban", "Jaminan Kesehatan"))
ANAK = Layout(
    "anak", "2b", "Laporan Bulanan Anak", "eksporAnak()",
    ("No KIA", "Nama Anak", "Jenis Kelamin", "Tanggal Lahir", "Status Gizi", "Umur (Bulan)", "Hasil (M/K/H)",
     "Pemberian Imunisasi Dasar", "Pengukuran Berat Badan", "Pengukuran Tinggi Badan", "Konseling Gizi Ayah",
     "Konseling Gizi Ibu", "Kunjungan Rumah", "Kepemilikan Akses Air Bersih", "Kepemilikan Jamban", "Akta Lahir",
     "Jaminan Kesehatan", "Pengasuhan PAUD"),
    ("no_register", "nama", "jenis_kelamin", "tanggal_lahir", "status_gizi", "umur_bulan", "hasil_tikar",
     "Pemberian Imunisasi Dasar", "Pengukuran Berat Badan", "Pengukuran Tinggi Badan",
     None,                                   # $row->konseling_gizi: no such column in bulanan_anak, always 'x'
     "Konseling Gizi Ayah", "Konseling Gizi Ibu", "Kunjungan Rumah", "Kepemilikan Akses Air Bersih",
     "Kepemilikan Jamban", "Akta Lahir", "Jaminan Kesehatan", "Pengasuhan PAUD"))
PAUD = Layout(
    "paud", "2c", "Laporan Sasaran Paud", "eksporPaud()",
    ("No KIA", "Nama Anak", "Jenis Kelamin", "Kategori Usia", "Januari", "Februari", "Maret", "April", "Mei",
     "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"),
    ("no_register", "nama", "jenis_kelamin", "kategori_usia", "Januari", "Februari", "Maret", "April", "Mei",
     "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"),
    monthly=False)
LAYOUTS = (IBU_HAMIL, ANAK, PAUD)
_SIGNATURES = {tuple(norm_header(h) for h in lay.headers): lay for lay in LAYOUTS}
MAX_ROWS = 100_000   # one village's export: hundreds of rows; more means something else


def known_headers() -> set[str]:
    return {norm_header(h) for lay in LAYOUTS for h in lay.headers}


def layout_of(table: Table) -> Layout | None:
    head = [norm_header(h) for h in table.headers]
    while head and not head[-1]:
        head.pop()
    return _SIGNATURES.get(tuple(head))


# ($row->status_kehamilan == 1) ? 'NORMAL' : (== 2 ? 'RISTI' : (== 3 ? 'KEK' : '-')): '-' is a status
# OpenSID did not record, not "normal".
_STATUS = {"normal": "normal", "risti": "resti", "kek": "kek", "-": None, "": None}


def _status(v: Any, column: str) -> str | None:
    try:
        return _STATUS[text(v).lower()]
    except KeyError:
        raise RowError(column, "status kehamilan OpenSID tidak dikenal (NORMAL, RISTI, KEK atau -)", v) from None


class OpenSidMapper(columns.Mapper):
    """Maps cells by position: the row must have exactly as many cells as OpenSID writes."""

    def __init__(self, table: Table, layout: Layout, indicators: IndicatorSet, ctx: Context, **kw):
        self.layout = layout
        positional = Table(table.file, table.name, list(c or "" for c in layout.cells), table.rows,
                           kind=table.kind, titles=table.titles, header_rows=table.header_rows)
        super().__init__(positional, layout.form, indicators, ctx, source=layout.describe(), strict_width=False, **kw)
        self.table = table
        self.no_status = 0
        if layout is IBU_HAMIL:
            self.plan["2a"] = [(f, i, None if f == "status_kehamilan" else c, self._status if f == "status_kehamilan" else p,
                                h) for f, i, c, p, h in self.plan["2a"]]

    def _status(self, v: Any, column: str) -> str | None:
        s = _status(v, column)
        if s is None:
            self.no_status += 1
        return s

    def notes(self) -> list[str]:
        out = super().notes()
        if self.no_status and self.indicators.tables.get("ibu_hamil_tanpa_status") != "abaikan":
            out.append(f"{self.table.where}: {self.no_status} baris berstatus kehamilan '-' (tidak tercatat di OpenSID); "
                       "dihitung bukan KEK/Resti")
        return out

    def convert(self, row: list[Any]) -> list[dict]:
        n = len(row)
        if self.table.kind != "csv":
            while n and row[n - 1] in (None, ""):
                n -= 1
        lay = self.layout
        if n != lay.width:
            hint = ""
            if n == len(lay.headers) and lay.width != len(lay.headers):
                pos = lay.cells.index(None) if None in lay.cells else lay.cells.index("Konseling Gizi")
                hint = (f"; OpenSID menulis {lay.width} sel (sel ke-{pos + 1} tanpa judul), sehingga tidak jelas "
                        "kolom mana yang hilang")
            raise RowError(None, f"baris berisi {n} sel, tidak sesuai tata letak {lay.title} OpenSID "
                                 f"({lay.width} sel){hint}; baris tidak dipakai")
        return super().convert(row)


def claim(table: Table, indicators: IndicatorSet, ctx: Context) -> OpenSidMapper | None:
    layout = layout_of(table)
    if layout is None:
        return None
    loc = Location(table.where, 0, None)
    rows = []
    for item in table.rows:
        rows.append(item)
        if len(rows) > MAX_ROWS:
            raise InputError(f"lebih dari {n_id(MAX_ROWS)} baris; ekspor OpenSID satu desa jauh lebih kecil", loc)
    table.rows = iter(rows)
    stem, exported = columns.export_date_in_name(Path(table.file).stem)
    name_month, name_year = columns.month_year_from_name(stem)
    regs = Counter(text(cells[0]) for _, cells in rows if isinstance(cells, list) and cells)
    dupes = sorted(r for r, k in regs.items() if r and k > 1)
    if dupes:
        what = "bulan" if layout.monthly else "tahun"
        raise InputError(
            f"ekspor OpenSID ini memuat lebih dari satu {what}: No KIA {', '.join(dupes[:5])} muncul lebih dari sekali, "
            f"dan ekspornya tidak punya kolom {what}", loc,
            hint=("ekspor ulang per bulan: di OpenSID menu Stunting > Pemantauan Bulanan, pilih Bulan dan Tahun, lalu "
                  "Ekspor; satu berkas per bulan, lalu beri --bulan untuk tiap berkas" if layout.monthly else
                  "ekspor ulang dengan memilih Tahun di menu Stunting > Sasaran PAUD, lalu beri --tahun"))
    year = ctx.tahun if ctx.tahun_explicit else name_year
    month = ctx.bulan or name_month
    how = "--bulan" if ctx.bulan else "nama berkas" if name_month else None
    if layout.monthly and month is None and layout is ANAK:
        month, year = _month_from_ages(rows, year)
        how = "tanggal lahir dan umur anak: hanya bulan itu yang cocok dengan semua baris" if month else None
    if exported is not None:
        _warn_export_date(exported, month if layout.monthly else None, year or ctx.tahun, ctx, table)
    if layout.monthly and month is None:
        raise InputError(
            f"bulan pemantauan tidak diketahui: ekspor OpenSID '{layout.title}' tidak memuat bulan"
            + (f", dan {exported.strftime('%d_%m_%Y')} di nama berkas adalah tanggal ekspor" if exported else "")
            + ("; tanggal lahir dan umur anak cocok dengan lebih dari satu bulan" if layout is ANAK else ""), loc,
            hint="beri --bulan (1-12) sesuai bulan yang dipilih saat mengekspor, atau tambahkan nama bulan ke nama "
                 "berkas (mis. laporan_bulanan_ibu_hamil_maret_05_04_2024.xlsx); satu berkas per bulan")
    if (year or ctx.tahun) is None:
        raise InputError(
            f"tahun pemantauan tidak diketahui: ekspor OpenSID '{layout.title}' tidak memuat tahun"
            + (f" (nama berkas hanya memuat tanggal ekspor {exported.strftime('%d/%m/%Y')})" if exported else ""), loc,
            hint="beri --tahun, atau --dosir agar tahunnya diambil dari dosir")
    mapper = OpenSidMapper(table, layout, indicators, ctx, default_month=month, default_year=year)
    detail = []
    if layout.monthly:
        detail.append(f"bulan {month_label(month, year or ctx.tahun)} (dari {how})")
    if exported is not None:
        detail.append(f"diekspor {exported.strftime('%d/%m/%Y')}")
    mapper.detail = "; ".join(detail)
    return mapper


def _month_from_ages(rows, year: int | None) -> tuple[int | None, int | None]:
    """The month of a children's export from birth date + age in months, when only one month fits every row.

    "Umur (Bulan)" is typed by the KPM as completed months, so a child born on 15 November 2022 and 14
    months old was seen between 15 January and 14 February 2024: January or February. Each row allows
    those two months (one, for a child born on the 1st); the export's month is the one every row allows,
    and there is none when two remain (then --bulan or a month in the file name is needed)."""
    fits: set[tuple[int, int]] | None = None
    for _, cells in rows:
        if not isinstance(cells, list) or len(cells) < 6:
            continue
        try:
            born = parse_date(cells[3], "Tanggal Lahir")
            age = parse_int(cells[5], "Umur (Bulan)", 0, 120)
        except RowError:
            continue
        if born is None or age is None:
            continue
        k = born.year * 12 + born.month - 1 + age
        months = {(k // 12, k % 12 + 1)} | ({((k + 1) // 12, (k + 1) % 12 + 1)} if born.day > 1 else set())
        fits = months if fits is None else fits & months
    if not fits or len(fits) != 1:
        return None, year
    y, m = next(iter(fits))
    if year is not None and y != year:
        return None, year
    return m, y


def _warn_export_date(exported: dt.date, month: int | None, year: int | None, ctx: Context, table: Table) -> None:
    """The export date only ever warns: data exported before the month it is said to hold, or in another year."""
    note = (f"{table.where}: {exported.strftime('%d/%m/%Y')} di nama berkas adalah tanggal ekspor OpenSID, bukan bulan "
            "pemantauan")
    if year is not None and month is not None and exported < dt.date(year, month, 1):
        ctx.warn(f"{note}; berkas diekspor sebelum {month_label(month, year)} — periksa --bulan/--tahun")
    elif year is not None and exported.year != year and not (exported.year == year + 1 and exported.month <= 3):
        ctx.warn(f"{note}; diekspor tahun {exported.year}, tahun yang dihitung {year} — periksa --tahun")
    elif year is not None and exported.year != year:
        ctx.warn(f"{note}; tahun yang dihitung {year}")
