"""Monitoring records from CSV, XLSX, YAML and JSON (our columns, Formulir 2a/2b/2c headers, OpenSID exports)."""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..errors import AturanError, Location
from .indicators import FORMS, IndicatorSet

Y, T, TS = "Y", "T", "TS"

MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
          "september", "oktober", "november", "desember")
_MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_NUM.update({"jan": 1, "feb": 2, "peb": 2, "pebruari": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
                   "agu": 8, "agt": 8, "ags": 8, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10,
                   "nop": 11, "nov": 11, "nopember": 11, "des": 12, "dec": 12,
                   "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
                   "october": 10, "december": 12})


@dataclass(frozen=True)
class Rejection:
    """One row that was not used, and why."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    reason: str
    value: str | None = None

    def where(self) -> str:
        s = self.file
        if self.sheet:
            s += f"[{self.sheet}]"
        if self.row is not None:
            s += f":{self.row}"
        return s

    def __str__(self) -> str:
        col = f"kolom {self.column}: " if self.column else ""
        val = f" (isi: {self.value!r})" if self.value not in (None, "") else ""
        return f"{self.where()}: {col}{self.reason}{val}"

    def as_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "reason": self.reason, "value": self.value}


class RowError(Exception):
    """A cell that makes its row unusable."""

    def __init__(self, column: str | None, reason: str, value: Any = None):
        super().__init__(reason)
        self.column, self.reason = column, reason
        self.value = None if value is None else str(value)


class InputError(AturanError):
    """A file (or sheet) that cannot be used at all."""


class NoTable(InputError):
    """A sheet with no monitoring table at all (instructions, notes): skipped with a warning."""


# ------------------------------------------------------------------ cell parsers
def norm_header(h: Any) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(h or "").lower()).split())


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


_DATE_CACHE: dict[Any, dt.date | None] = {}
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_DNAMEY = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")


def parse_date(v: Any, column: str) -> dt.date | None:
    """A date from a spreadsheet cell or text; None for an empty cell or '-'."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return _DATE_CACHE[v]
    except (KeyError, TypeError):
        pass
    s = _text(v)
    if s in ("", "-"):
        d = None
    else:
        d = _date_from_text(s)
        if d is None:
            raise RowError(column, "bukan tanggal (tulis mis. 2024-03-15, 15/03/2024 atau 15 Maret 2024)", s)
        if d is _NO_SUCH_DAY:
            raise RowError(column, "tanggal itu tidak ada di kalender", s)
    if len(_DATE_CACHE) < 100_000:
        _DATE_CACHE[v] = d
    return d


def _date_from_text(s: str) -> dt.date | None:
    m = _YMD.match(s)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DMY.match(s)
        if m:
            d, mo, y = int(m[1]), int(m[2]), int(m[3])
        else:
            m = _DNAMEY.match(s)
            if not m or m[2].lower() not in _MONTH_NUM:
                return None
            d, mo, y = int(m[1]), _MONTH_NUM[m[2].lower()], int(m[3])
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return _NO_SUCH_DAY


_NO_SUCH_DAY = dt.date.min  # well-formed text naming a day that does not exist (2024-02-30)


def parse_int(v: Any, column: str, lo: int | None = None, hi: int | None = None) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool):
        raise RowError(column, "harus bilangan bulat", v)
    if isinstance(v, int):
        n = v
    elif isinstance(v, float) and v.is_integer():
        n = int(v)
    else:
        s = _text(v)
        if s in ("", "-"):
            return None
        if not re.fullmatch(r"\d+", s):
            raise RowError(column, "harus bilangan bulat", s)
        n = int(s)
    if (lo is not None and n < lo) or (hi is not None and n > hi):
        raise RowError(column, f"harus antara {lo} dan {hi}", n)
    return n


def parse_month(v: Any, column: str) -> int | None:
    if isinstance(v, str):
        s = v.strip().lower()
        if s in _MONTH_NUM:
            return _MONTH_NUM[s]
    try:
        n = parse_int(v, column)
    except RowError:
        raise RowError(column, "bukan bulan (tulis 1-12 atau Januari-Desember)", v) from None
    if n is not None and not 1 <= n <= 12:
        raise RowError(column, "bulan harus 1-12", n)
    return n


def _code_parser(table: dict[str, str | None], what: str, known: str) -> Callable[[Any, str], str | None]:

    def parse(v: Any, column: str) -> str | None:
        key = _text(v).lower()
        try:
            return table[key]
        except KeyError:
            raise RowError(column, f"kode {what} tidak dikenal (pakai {known})", v) from None
    return parse


parse_status_kehamilan = _code_parser({
    "": "normal", "-": "normal", "normal": "normal", "n": "normal", "tidak": "normal",
    "kek": "kek", "resti": "resti", "risti": "resti", "risiko tinggi": "resti", "resiko tinggi": "resti",
    "kek/resti": "kek_resti", "kek/risti": "kek_resti", "kek resti": "kek_resti", "kek_resti": "kek_resti",
    "kek dan resti": "kek_resti", "kek, resti": "kek_resti",
}, "status kehamilan", "normal, KEK, Resti, KEK/Resti")
parse_status_gizi = _code_parser({
    "": None, "-": None, "normal": "normal", "n": "normal", "baik": "normal", "gizi baik": "normal",
    "kurang": "kurang", "gk": "kurang", "gizi kurang": "kurang",
    "buruk": "buruk", "gb": "buruk", "gizi buruk": "buruk",
    "stunting": "stunting", "s": "stunting", "pendek": "stunting",
}, "status gizi", "normal, kurang (GK), buruk (GB), stunting (S)")
parse_tikar = _code_parser({
    "": None, "-": None, "td": None, "tidak diukur": None,
    "h": "H", "hijau": "H", "k": "K", "kuning": "K", "m": "M", "merah": "M",
}, "hasil tikar", "H (hijau), K (kuning), M (merah), TD (tidak diukur)")
parse_sex = _code_parser({
    "": None, "-": None, "l": "L", "lk": "L", "laki-laki": "L", "laki laki": "L", "laki": "L",
    "p": "P", "pr": "P", "perempuan": "P",
}, "jenis kelamin", "L, P")


def parse_kategori_usia(v: Any, column: str) -> str | None:
    s = norm_header(v)
    if not s or s == "-":
        return None
    s = s.replace("anak usia", "").replace("tahun", "").strip()
    if s.startswith("2"):
        return "2-3"
    if s.startswith("3"):
        return "3-6"
    raise RowError(column, "kategori usia tidak dikenal (2-3 atau 3-6 tahun)", v)


_MARKS = {
    "y": Y, "ya": Y, "v": Y, "✓": Y, "✔": Y, "√": Y, "yes": Y, "ada": Y, "sudah": Y, "true": Y,
    "t": T, "tidak": T, "x": T, "✗": T, "×": T, "no": T, "n": T, "belum": T, "tidak ada": T, "false": T, "": T,
    "ts": TS, "-": TS, "tidak sasaran": TS, "n/a": TS, "na": TS,
}


def mark_parser(numbers: str, yes_value: float) -> Callable[[Any, str], tuple[str, float]]:
    """Cell -> (Y/T/TS, amount). Numbers count (times, days) or, for measurements, mean 'measured'."""
    measured = numbers == "measured"

    def parse(v: Any, column: str) -> tuple[str, float]:
        if isinstance(v, bool):
            return (Y, yes_value) if v else (T, 0.0)
        if isinstance(v, (int, float)):
            n = float(v)
        else:
            s = str(v).strip().lower() if v is not None else ""
            k = _MARKS.get(s)
            if k is not None:
                return (k, yes_value if k == Y else 0.0)
            try:
                n = float(s.replace(",", "."))
            except ValueError:
                raise RowError(column, "isi indikator tidak dikenal (Y/T/TS, v/x, atau angka)", v) from None
        if n < 0 or n != n:
            raise RowError(column, "angka indikator tidak boleh negatif", v)
        if n == 0:
            return (T, 0.0)
        return (Y, 1.0) if measured else (Y, n)
    return parse


# ------------------------------------------------------------------ column mapping
BASE_ALIASES: dict[str, tuple[str, ...]] = {
    "formulir": ("formulir", "form", "jenis formulir"),
    "kecamatan": ("kecamatan", "distrik"),
    "desa": ("desa", "nama desa", "kampung", "nagari", "kelurahan", "ohoi", "desa kelurahan"),
    "tahun": ("tahun",),
    "bulan": ("bulan", "bulan pemantauan"),
    "tanggal": ("tanggal", "tanggal pemantauan", "tanggal periksa", "tgl pemantauan", "tgl periksa"),
    "no_register": ("no register", "no register kia", "no kia", "nomor kia", "no registrasi kia",
                    "nomor register kia", "no reg kia", "nomor registrasi kia"),
    "nama": ("nama", "nama ibu", "nama anak", "nama sasaran"),
    "rumah_tangga": ("rumah tangga", "nomor rumah tangga", "no rumah tangga", "no kk", "nomor kk"),
    "status_kehamilan": ("status kehamilan", "status kehamilan kek resti", "kek resti"),
    "hpl": ("hpl", "hari perkiraan lahir", "hari perkiraan lahir tgl bln th", "perkiraan lahir"),
    "usia_kehamilan": ("usia kehamilan", "usia kehamilan bulan"),
    "tanggal_melahirkan": ("tanggal melahirkan", "tanggal melahirkan tgl bln th", "tgl melahirkan",
                           "tanggal melahirkan tgl bhn th", "tanggal persalinan"),
    "jenis_kelamin": ("jenis kelamin", "jenis kelamin l p", "jenis kelamin anak l p", "jk"),
    "tanggal_lahir": ("tanggal lahir", "tanggal lahir anak", "tanggal lahir anak tgl bln th", "tgl lahir"),
    "status_gizi": ("status gizi", "status gizi anak", "status gizi anak buruk kurang stunting"),
    "umur_bulan": ("umur bulan", "umur", "usia bulan"),
    "hasil_tikar": ("hasil tikar", "hasil m k h", "hasil", "status tikar", "tikar"),
    "kategori_usia": ("kategori usia",),
}
# fields that tell which form a sheet is
FORM_MARKERS = {
    "2a": {"status_kehamilan", "hpl", "usia_kehamilan", "tanggal_melahirkan"},
    "2b": {"status_gizi", "umur_bulan", "hasil_tikar"},
    "2c": {"kategori_usia"},
}
FORM_FIELDS = {
    "2a": ("status_kehamilan", "hpl", "usia_kehamilan", "tanggal_melahirkan"),
    "2b": ("jenis_kelamin", "tanggal_lahir", "status_gizi", "umur_bulan", "hasil_tikar"),
    "2c": ("jenis_kelamin", "tanggal_lahir", "kategori_usia"),
}
COMMON_FIELDS = ("kecamatan", "desa", "tahun", "bulan", "tanggal", "no_register", "nama", "rumah_tangga")
_PARSERS: dict[str, Callable[[Any, str], Any]] = {
    "kecamatan": lambda v, c: _text(v) or None,
    "desa": lambda v, c: _text(v) or None,
    "tahun": lambda v, c: parse_int(v, c, 2000, 2100),
    "bulan": parse_month,
    "tanggal": parse_date,
    "no_register": lambda v, c: _text(v) or None,
    "nama": lambda v, c: _text(v) or None,
    "rumah_tangga": lambda v, c: _text(v) or None,
    "status_kehamilan": parse_status_kehamilan,
    "hpl": parse_date,
    "usia_kehamilan": lambda v, c: parse_int(v, c, 0, 10),
    "tanggal_melahirkan": parse_date,
    "jenis_kelamin": parse_sex,
    "tanggal_lahir": parse_date,
    "status_gizi": parse_status_gizi,
    "umur_bulan": lambda v, c: parse_int(v, c, 0, 120),
    "hasil_tikar": parse_tikar,
    "kategori_usia": parse_kategori_usia,
}


_FREE_TEXT = {"no_register", "nama", "rumah_tangga"}


def _memo(fn: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    """Remember the parse of each distinct cell value (months, codes, dates repeat a lot)."""
    cache: dict = {}

    def parse(v: Any, column: str) -> Any:
        try:
            return cache[v]
        except KeyError:
            r = fn(v, column)
            if len(cache) < 50_000:
                cache[v] = r
            return r
        except TypeError:  # an unhashable value: parse it every time
            return fn(v, column)
    return parse


def _free_text(v: Any, column: str) -> str | None:
    if type(v) is str:
        return v.strip() or None
    return _text(v) or None


_MONTH_END: dict[tuple[int, int], dt.date] = {}


def month_end(y: int, m: int) -> dt.date:
    d = _MONTH_END.get((y, m))
    if d is None:
        d = _MONTH_END[(y, m)] = dt.date(y, m, calendar.monthrange(y, m)[1])
    return d


def template_columns(indicators: IndicatorSet, form: str) -> list[str]:
    """Our own column names for one form, in template order."""
    return ["desa", "tahun", "bulan", "no_register", "nama", "rumah_tangga", *FORM_FIELDS[form],
            *indicators.columns(form)]


def detect_form(headers: list[str], indicators: IndicatorSet) -> tuple[str | None, dict[str, int]]:
    """Which form a header row belongs to: the one with most form-specific columns."""
    normed = {norm_header(h) for h in headers if h not in (None, "")}
    scores = {}
    months = sum(1 for m in MONTHS if m in normed)
    for form in FORMS:
        fields = FORM_MARKERS[form]
        s = sum(1 for f in fields if any(a in normed for a in BASE_ALIASES[f] + (f.replace("_", " "),)))
        others = {c for f2 in FORMS if f2 != form for c in indicators.columns(f2)}
        for ind in indicators.for_form(form):
            if ind.column in others:
                continue
            if any(norm_header(a) in normed for a in (ind.column, *ind.aliases)):
                s += 1
        if form == "2c" and months >= 6:
            s += 3
        if "nama ibu" in normed and form == "2a":
            s += 1
        scores[form] = s
    best = max(scores.values())
    winners = [f for f, s in scores.items() if s == best]
    return (winners[0] if best > 0 and len(winners) == 1 else None), scores


@dataclass
class Context:
    """What a reader knows beyond the cells: defaults and the year being computed."""

    tahun: int | None = None
    bulan: int | None = None               # for exports without a month column (OpenSID monthly)
    desa: str | None = None
    kecamatan: str | None = None
    tahun_source: str | None = None        # where the year came from, for the report


class Mapper:
    """Turns one row (a list of cells) of one sheet into a record dict, or raises RowError."""

    def __init__(self, headers: list[Any], form: str | None, indicators: IndicatorSet, ctx: Context,
                 file: str, sheet: str | None, default_month: int | None, default_year: int | None):
        self.file, self.sheet, self.ctx = file, sheet, ctx
        self.indicators = indicators
        self.default_month, self.default_year = default_month, default_year
        normed = [norm_header(h) for h in headers]
        self.headers = [_text(h) for h in headers]
        used: set[int] = set()

        def find(names: Iterable[str]) -> int | None:
            for n in names:
                n = norm_header(n)
                for i, h in enumerate(normed):
                    if h == n and i not in used:
                        used.add(i)
                        return i
            return None

        self.base: dict[str, int] = {}
        for f in ("formulir", *COMMON_FIELDS, *{x for fs in FORM_FIELDS.values() for x in fs}):
            i = find((f, *BASE_ALIASES.get(f, ())))
            if i is not None:
                self.base[f] = i
        self.form = form
        self.month_cols = {}
        if "bulan" not in self.base and "tanggal" not in self.base:
            for i, h in enumerate(normed):
                if h in MONTHS and i not in used:
                    self.month_cols[_MONTH_NUM[h]] = i
                    used.add(i)
        if "bulan" in self.base or "tanggal" in self.base:
            self.default_month = None  # an empty month cell is an error, not "the month in the file name"
        self.forms = [form] if form else list(FORMS)
        self.ind_cols: dict[str, list[tuple[list[int], Callable, str]]] = {}
        self.absent: dict[str, list[str]] = {}
        for f in self.forms:
            cols = []
            missing = []
            for ind in indicators.for_form(f):
                if f == "2c" and self.month_cols and ind.column == "paud":
                    cols.append(([], mark_parser(ind.numbers, ind.yes_value), ind.column))
                    continue
                idx = []
                for name in (ind.column, *ind.aliases):
                    n = norm_header(name)
                    for i, h in enumerate(normed):
                        if h == n and i not in idx and (i not in used or form is None):
                            idx.append(i)
                for i in idx:
                    used.add(i)
                if not idx:
                    missing.append(ind.column)
                cols.append((idx, mark_parser(ind.numbers, ind.yes_value), ind.column))
            self.ind_cols[f] = cols
            self.absent[f] = missing
        self.unused = [self.headers[i] for i in range(len(headers)) if i not in used and self.headers[i]]
        # per form: which cell feeds which field, with a parser that remembers values it has seen
        self.plan: dict[str, list] = {}
        self.mplan: dict[str, list] = {}
        self.blank: dict[str, dict] = {}
        for f in self.forms:
            fields = COMMON_FIELDS + FORM_FIELDS[f]
            self.blank[f] = {"form": f, **{x: None for x in fields}}
            self.plan[f] = [(x, self.base[x], _free_text if x in _FREE_TEXT else _memo(_PARSERS[x]),
                             self.headers[self.base[x]]) for x in fields if x in self.base]
            self.mplan[f] = [(idx, _memo(parse), [self.headers[i] for i in idx])
                             for idx, parse, col in self.ind_cols[f]]
        if "no_register" not in self.base and not ("rumah_tangga" in self.base and "nama" in self.base):
            raise InputError("kolom nomor register (No KIA / no_register) tidak ada",
                             Location(file if not sheet else f"{file}[{sheet}]", 0, None))
        if not self.month_cols and "bulan" not in self.base and "tanggal" not in self.base and default_month is None:
            raise InputError(
                "bulan pemantauan tidak diketahui: tidak ada kolom bulan/tanggal, dan nama berkas/lembar tidak "
                "menyebut bulan", Location(file if not sheet else f"{file}[{sheet}]", 0, None),
                hint="tambahkan kolom 'bulan', beri nama berkas seperti 'ibu_hamil_maret_2024.xlsx', atau pakai --bulan")

    def _cell(self, row: list[Any], field: str) -> Any:
        i = self.base.get(field)
        if i is None or i >= len(row):
            return None
        return row[i]

    def convert(self, row: list[Any]) -> list[dict]:
        """One input row -> one record (or twelve, for the month-per-column layout of 2c)."""
        form = self.form
        if form is None:
            cell = self._cell(row, "formulir")
            raw = _text(cell).lower().replace("formulir", "").strip()
            if raw not in FORMS:
                raise RowError(self._name("formulir"), "formulir harus 2a, 2b atau 2c", cell)
            form = raw
        n = len(row)
        rec = dict(self.blank[form])
        for f, i, parse, header in self.plan[form]:
            if i < n:
                rec[f] = parse(row[i], header)
        if rec["no_register"] is None:
            if rec["rumah_tangga"] and rec["nama"]:
                rec["no_register"] = f"{rec['rumah_tangga']}/{rec['nama']}"
            else:
                raise RowError(self._name("no_register"), "nomor register (No KIA) kosong")
        tanggal = rec.pop("tanggal")
        year = rec["tahun"]
        month = rec["bulan"]
        if tanggal is not None:
            year = year or tanggal.year
            month = month or tanggal.month
        year = year or self.default_year or self.ctx.tahun
        if year is None:
            raise RowError(self._name("tahun"), "tahun pemantauan tidak diketahui (isi kolom tahun atau pakai --tahun)")
        ctx = self.ctx
        if ctx.tahun is None:
            ctx.tahun = year
            ctx.tahun_source = f"baris pertama {self.file}"
        rec["tahun"] = year
        if rec["desa"] is None:
            rec["desa"] = ctx.desa
        if rec["kecamatan"] is None:
            rec["kecamatan"] = ctx.kecamatan
        if self.month_cols and form == "2c":
            return self._wide(row, rec)
        month = month or self.default_month
        if month is None:
            raise RowError(self._name("bulan"), "bulan pemantauan kosong")
        if year != ctx.tahun:
            raise RowError(self._name("tahun" if "tahun" in self.base else "tanggal"),
                           f"bulan di luar tahun {ctx.tahun} yang dihitung", f"{month}/{year}")
        rec["bulan"] = month
        marks = []
        for idx, parse, headers in self.mplan[form]:
            if len(idx) == 1:
                i = idx[0]
                marks.append(parse(row[i] if i < n else None, headers[0]))
            else:
                marks.append(self._mark(row, idx, parse))
        rec["marks"] = marks
        if form != "2a":
            self._check(rec)
        return [rec]

    def _wide(self, row: list[Any], rec: dict) -> list[dict]:
        if rec["tahun"] != self.ctx.tahun:
            raise RowError(self._name("tahun"), f"di luar tahun {self.ctx.tahun} yang dihitung", rec["tahun"])
        out = []
        for month, i in sorted(self.month_cols.items()):
            v = row[i] if i < len(row) else None
            s = _text(v).lower()
            if s in ("", "-", "belum"):
                continue  # not (yet) a target that month
            r = dict(rec)
            r["bulan"] = month
            marks = []
            for idx, parse, headers in self.mplan["2c"]:
                marks.append(parse(v, self.headers[i]) if not idx else self._mark(row, idx, parse))
            r["marks"] = marks
            self._check(r)
            out.append(r)
        return out

    def _mark(self, row, idx, parse) -> tuple[str, float]:
        """A mark from several columns (Konseling Gizi Ayah + Ibu): Y if any is Y."""
        if not idx:
            return (T, 0.0)
        got = [parse(row[i] if i < len(row) else None, self.headers[i]) for i in idx]
        ys = [g for g in got if g[0] == Y]
        if ys:
            return max(ys, key=lambda g: g[1])
        if any(g[0] == T for g in got):
            return (T, 0.0)
        return (TS, 0.0)

    def _name(self, field: str) -> str:
        i = self.base.get(field)
        return self.headers[i] if i is not None else field

    def _check(self, rec: dict) -> None:
        """Cross-field checks: ages that do not fit the form, dates after the month monitored."""
        y, m = rec["tahun"], rec["bulan"]
        form = rec["form"]
        end = month_end(y, m)
        if form == "2a":
            # tanggal_melahirkan is a fact about the target: it may be written on every row,
            # also on rows of the months before the birth.
            return
        born = rec.get("tanggal_lahir")
        age = rec.get("umur_bulan")
        if born is not None:
            if born > end:
                raise RowError(self._name("tanggal_lahir"),
                               f"tanggal lahir sesudah bulan pemantauan ({MONTHS[m - 1].capitalize()} {y})",
                               born.isoformat())
            computed = (y - born.year) * 12 + (m - born.month)
            if age is None:
                age = computed
        if form == "2b":
            if age is not None and age > 23:
                given = rec.get("umur_bulan") is not None
                raise RowError(self._name("umur_bulan" if given else "tanggal_lahir"),
                               f"anak berumur {age} bulan pada {MONTHS[m - 1].capitalize()} {y}; "
                               "Formulir 2b hanya untuk anak 0-23 bulan", age if given else born.isoformat())
        elif form == "2c":
            if age is not None and not 24 <= age <= 83:
                given = rec.get("umur_bulan") is not None
                raise RowError(self._name("umur_bulan" if given else "tanggal_lahir"),
                               f"anak berumur {age} bulan pada {MONTHS[m - 1].capitalize()} {y}; "
                               "Formulir 2c untuk anak 2-6 tahun", age if given else born.isoformat())
        rec["umur_bulan"] = age


# ------------------------------------------------------------------ sources
@dataclass
class Sheet:
    """One table: a CSV file, an XLSX sheet, or a list in a YAML/JSON file."""

    file: str
    name: str | None
    headers: list[Any]
    rows: Iterator[tuple[int, list[Any]]]      # (1-based row/line number, cells)
    form: str | None = None                    # known from the container (YAML key)
    defaults: dict | None = None


def month_year_from_name(name: str) -> tuple[int | None, int | None]:
    """'Laporan Bulanan Ibu Hamil Maret 2024' -> (3, 2024)."""
    words = re.findall(r"[a-z]+|\d+", name.lower())
    month = next((_MONTH_NUM[w] for w in words if w in MONTHS), None)
    years = [int(w) for w in words if len(w) == 4 and w.isdigit() and 2000 <= int(w) <= 2100]
    m = re.search(r"(20\d{2})[-_.](\d{2})(?!\d)", name)
    if m and month is None and 1 <= int(m[2]) <= 12:
        month = int(m[2])
    return month, (years[0] if years else None)


def open_sources(path: str) -> Iterator[Sheet]:
    p = Path(path)
    if not p.exists():
        raise InputError("berkas tidak ditemukan", Location(path))
    if p.is_dir():
        raise InputError("ini folder, bukan berkas", Location(path))
    ext = p.suffix.lower()
    if ext == ".csv" or ext == ".txt":
        yield _csv_sheet(p)
    elif ext in (".xlsx", ".xlsm"):
        yield from _xlsx_sheets(p)
    elif ext in (".yaml", ".yml", ".json"):
        yield from _yaml_sheets(p)
    elif ext == ".xls":
        raise InputError("format .xls (Excel lama) tidak didukung; simpan ulang sebagai .xlsx", Location(path))
    else:
        raise InputError(f"jenis berkas {ext or '(tanpa akhiran)'} tidak dikenal; pakai .csv, .xlsx, .yaml atau .json",
                         Location(path))


def _csv_sheet(p: Path) -> Sheet:
    with open(p, "rb") as fh:
        head = fh.read(65536)
    encoding = "utf-8-sig"
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 4:  # not just a character cut at the chunk's end
            encoding = "cp1252"
    first = head.decode(encoding, errors="replace").split("\n", 1)[0]
    delim = max((",", ";", "\t"), key=first.count)
    fh = open(p, encoding=encoding, newline="")
    reader = csv.reader(fh, delimiter=delim)
    try:
        headers = next(reader)
    except StopIteration:
        fh.close()
        raise InputError("berkas CSV kosong", Location(str(p))) from None
    except UnicodeDecodeError as e:
        fh.close()
        raise InputError(f"berkas bukan teks UTF-8 ({e.reason})", Location(str(p))) from None

    def rows():
        try:
            for n, r in enumerate(reader, start=2):
                if any(c.strip() for c in r):
                    yield n, r
        except UnicodeDecodeError as e:
            raise InputError(f"berkas bukan teks UTF-8 ({e.reason}) setelah baris {reader.line_num}",
                             Location(str(p), reader.line_num)) from None
        finally:
            fh.close()
    return Sheet(str(p), None, headers, rows())


def _xlsx_sheets(p: Path) -> Iterator[Sheet]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("membaca .xlsx memerlukan paket openpyxl", Location(str(p))) from None
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise InputError(f"bukan berkas Excel .xlsx yang dapat dibaca ({type(e).__name__})", Location(str(p))) from None
    try:
        for ws in wb.worksheets:
            it = ws.iter_rows(values_only=True)
            head = []
            header_row = None
            for n, r in enumerate(it, start=1):
                cells = list(r)
                head.append((n, cells))
                if _looks_like_header(cells):
                    header_row = (n, cells)
                    break
                if n >= 15:
                    break
            if header_row is None:
                if any(any(c not in (None, "") for c in cells) for _, cells in head):
                    yield Sheet(str(p), ws.title, [], iter(()))  # no table: reported, then skipped
                continue
            start, headers = header_row

            def rows(it=it, start=start):
                for n, r in enumerate(it, start=start + 1):
                    cells = list(r)
                    if any(c not in (None, "") for c in cells):
                        yield n, cells
            yield Sheet(str(p), ws.title, headers, rows())
    finally:
        wb.close()


def _looks_like_header(cells: list[Any]) -> bool:
    normed = {norm_header(c) for c in cells if isinstance(c, str)}
    known = {a for names in BASE_ALIASES.values() for a in names} | set(BASE_ALIASES)
    return len(normed & known) >= 2 or ("no_register" in normed) or ("no kia" in normed)


def _yaml_sheets(p: Path) -> Iterator[Sheet]:
    from ..yamlio import load_file
    doc = load_file(p)
    data = doc.data
    if isinstance(data, list):
        yield _list_sheet(doc, (), data, None, {})
        return
    if not isinstance(data, dict):
        raise InputError("isi berkas harus daftar catatan, atau pemetaan dengan kunci 2a/2b/2c", doc.location(()))
    defaults = {k: data[k] for k in ("desa", "kecamatan", "tahun") if k in data}
    found = False
    for key in ("2a", "2b", "2c", "catatan", "records"):
        if key in data:
            found = True
            if not isinstance(data[key], list):
                raise InputError(f"'{key}' harus berupa daftar catatan", doc.location((key,)))
            yield _list_sheet(doc, (key,), data[key], key if key in FORMS else None, defaults)
    if not found:
        raise InputError("tidak ada daftar catatan: pakai kunci 2a, 2b, 2c (atau 'catatan')", doc.location(()))


def _list_sheet(doc, path: tuple, items: list, form: str | None, defaults: dict) -> Sheet:
    headers: list[str] = []
    for it in items:
        if isinstance(it, dict):
            for k in it:
                if k not in headers:
                    headers.append(k)
    for k, v in defaults.items():
        if k not in headers:
            headers.append(k)

    def rows():
        for i, it in enumerate(items):
            line = doc.location(path + (i,)).line
            n = (line + 1) if line is not None else i + 1
            if not isinstance(it, dict):
                yield n, None
                continue
            yield n, [it.get(h, defaults.get(h)) for h in headers]
    return Sheet(doc.file, "/".join(map(str, path)) or None, headers, rows(), form=form)


_FORM_NAMES = (("2a", ("2a", "ibu hamil", "bumil")), ("2b", ("2b", "anak 0", "baduta", "bulanan anak")),
               ("2c", ("2c", "paud", "anak 2")))


def form_from_name(name: str) -> str | None:
    n = norm_header(name)
    hits = [f for f, words in _FORM_NAMES if any(w in n for w in words)]
    return hits[0] if len(hits) == 1 else None


def make_mapper(sheet: Sheet, indicators: IndicatorSet, ctx: Context) -> Mapper:
    loc = Location(sheet.file if not sheet.name else f"{sheet.file}[{sheet.name}]", 0, None)
    if not sheet.headers:
        raise NoTable("lembar ini tidak berisi tabel pemantauan (judul kolom tidak ditemukan); dilewati", loc)
    form = sheet.form
    normed = {norm_header(h) for h in sheet.headers}
    if form is None and "formulir" not in normed and "form" not in normed:
        form, scores = detect_form(sheet.headers, indicators)
        if form is None and max(scores.values()) > 0:
            # a tie: let the sheet or file name decide ("2a Ibu Hamil", "Laporan Bulanan Anak")
            hinted = form_from_name(" ".join(x for x in (sheet.name or "", Path(sheet.file).stem) if x))
            top = max(scores.values())
            if hinted is not None and scores[hinted] == top:
                form = hinted
        if form is None:
            raise InputError(
                "jenis formulir (2a/2b/2c) tidak dapat dikenali dari judul kolom",
                loc, hint="tambahkan kolom 'formulir', atau pakai judul kolom dari templat (aturan scorecard --template)")
    month, year = month_year_from_name(" ".join(x for x in (Path(sheet.file).stem, sheet.name or "") if x))
    return Mapper(sheet.headers, form, indicators, ctx, sheet.file, sheet.name,
                  default_month=ctx.bulan or month, default_year=year)
