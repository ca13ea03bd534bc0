"""Reader for the printed forms of Lampiran IV (Perbup Sijunjung 17/2021): Formulir 2a, 2b, 2c as KPM type them.

The forms have two-row headers ("Usia Kehamilan dan Persalinan" over "Usia kehamilan (bulan)" and
"Tanggal Melahirkan"), which the table finder merges column by column; "Bulan :" and "TAHUN :" written
above the table give the month and year; Formulir 2c has a column per month. Headers are the forms'
own words (with the OCR'd typos of the regulation text, e.g. "Pengkukuran Berat Badan").
"""
from __future__ import annotations

from ..indicators import IndicatorSet
from . import columns
from .base import Context, RowError, Table, norm_header, text

NAME = "Formulir Lampiran IV"

LAMPIRAN_ALIASES: dict[str, tuple[str, ...]] = {
    "no_register": ("no register kia", "no registrasi kia", "nomor register kia", "nomor registrasi kia",
                    "no reg kia", "nomor rumah tangga", "no rumah tangga"),
    "nama": ("nama ibu", "nama anak"),
    "status_kehamilan": ("status kehamilan kek resti",),
    "hpl": ("hari perkiraan lahir tgl bln th", "hari perkiraan lahir"),
    "usia_kehamilan": ("usia kehamilan bulan",),
    "tanggal_melahirkan": ("tanggal melahirkan tgl bln th", "tanggal melahirkan tgl bhn th", "tanggal melahirkan"),
    "jenis_kelamin": ("jenis kelamin l p", "jenis kelamin anak l p"),
    "tanggal_lahir": ("tanggal lahir anak", "tanggal lahir anak tgl bln th", "tanggal lahir anak tgl bln th"),
    "status_gizi": ("status gizi anak", "status gizi anak buruk kurang stunting"),
    "umur_bulan": ("umur bulan",),
    "hasil_tikar": ("hasil m k h",),
    "kategori_usia": ("usia menurut kategori",),
}
ALIASES = {k: columns.BASE_ALIASES.get(k, ()) + LAMPIRAN_ALIASES.get(k, ()) for k in
           set(columns.BASE_ALIASES) | set(LAMPIRAN_ALIASES)}
# group titles of the upper header row: never a column of their own
GROUP_TITLES = {norm_header(t) for t in (
    "Usia Kehamilan dan Persalinan", "Status Penerimaan indikator", "Umur dan Status Tikar", "Indikator Layanan",
    "Usia Menurut Kategori", "PADA BULAN INI APAKAH ANAK MENDAPATKAN PELAYANAN", "TINGKAT KONVERGENSI INDIKATOR",
    "STATUS PENERIMA INDIKATOR")}
_OWN = {norm_header(a) for names in LAMPIRAN_ALIASES.values() for a in names} - \
       {norm_header(a) for names in columns.BASE_ALIASES.values() for a in names}


def known_headers(indicators: IndicatorSet) -> set[str]:
    return columns.known_headers(ALIASES, indicators) | GROUP_TITLES | layanan_headers()


def claims(table: Table) -> bool:
    normed = {norm_header(h) for h in table.headers if h not in (None, "")}
    return bool(normed & _OWN) or len(table.header_rows) > 1


def claim(table: Table, indicators: IndicatorSet, ctx: Context) -> columns.Mapper | None:
    if not claims(table):
        return None
    form = columns.resolve_form(table, indicators, ALIASES)
    month, year = columns.defaults_for(table, ctx)
    return columns.Mapper(table, form, indicators, ctx, aliases=ALIASES, source=NAME,
                          default_month=month, default_year=year)


# ------------------------------------------------------------------ Formulir 1, part 2: Ketersediaan Layanan
# One row per service provider (posyandu, puskesmas, PAUD ...) and a mark for each service it gives.
LAYANAN = (("pemeriksaan_ibu_hamil", "Pemeriksaan Ibu Hamil"), ("pil_fe", "Pemberian Pil FE"),
           ("pemeriksaan_nifas", "Pemeriksaan Nifas"), ("imunisasi", "Imunisasi"),
           ("penimbangan", "Penimbangan Berat Badan"), ("pengukuran", "Pengukuran Panjang/Tinggi Badan"),
           ("gizi", "GIZI"), ("paud", "PAUD"))
LAYANAN_GROUP = "KIA"
_LAYANAN_KEYS = {norm_header(label): key for key, label in LAYANAN}
_YES = {"y", "ya", "v", "✓", "✔", "√", "ada", "1", "true"}
_NO = {"t", "tidak", "x", "tidak ada", "0", "false", "", "-"}


def layanan_headers() -> set[str]:
    return set(_LAYANAN_KEYS) | {"nama layanan", norm_header(LAYANAN_GROUP)}


class LayananMapper:
    """Formulir 1 part 2 rows: a provider and the services it offers (Y/T)."""

    layanan = True
    source = f"{NAME} (Formulir 1, ketersediaan layanan)"
    detail = ""

    def __init__(self, table: Table, ctx: Context):
        self.table, self.ctx = table, ctx
        normed = [norm_header(h) for h in table.headers]
        self.name = normed.index("nama layanan")
        self.desa = next((i for i, h in enumerate(normed) if h in ("desa", "nama desa", "nagari", "kampung",
                                                                     "kelurahan", "ohoi")), None)
        self.cols = {_LAYANAN_KEYS[h]: i for i, h in enumerate(normed) if h in _LAYANAN_KEYS}
        used = {self.name, self.desa, *self.cols.values()}
        self.unused = [str(table.headers[i]) for i, h in enumerate(normed)
                       if i not in used and h and h not in ("no", "nomor")]
        self.absent = {"1": [label for key, label in LAYANAN if key not in self.cols]}

    def notes(self) -> list[str]:
        if self.absent["1"]:
            return [f"{self.table.where}: Formulir 1 tanpa kolom {', '.join(self.absent['1'])}; layanan itu "
                    "ditulis tidak diketahui"]
        return []

    def convert(self, row: list) -> list[dict]:
        nama = text(row[self.name]) if self.name < len(row) else ""
        if not nama:
            raise RowError("Nama Layanan", "nama layanan kosong")
        marks = {}
        for key, i in self.cols.items():
            v = text(row[i]).lower() if i < len(row) else ""
            if v in _YES:
                marks[key] = True
            elif v in _NO:
                marks[key] = False
            else:
                raise RowError(dict(LAYANAN)[key], "isi layanan tidak dikenal (Y/T, ada/tidak, v/x)", row[i])
        desa = text(row[self.desa]) if self.desa is not None and self.desa < len(row) else ""
        return [{"form": "1", "desa": desa or self.ctx.desa, "nama": nama, "layanan": marks}]


def claim_layanan(table: Table, indicators: IndicatorSet, ctx: Context) -> LayananMapper | None:
    if "nama layanan" not in {norm_header(h) for h in table.headers}:
        return None
    return LayananMapper(table, ctx)
