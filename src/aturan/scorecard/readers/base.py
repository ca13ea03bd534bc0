"""What every monitoring reader shares: rejections, the reading context, tables and cell parsers."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ...errors import AturanError

Y, T, TS = "Y", "T", "TS"

MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
          "september", "oktober", "november", "desember")
MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS)}
MONTH_NUM.update({"jan": 1, "feb": 2, "peb": 2, "pebruari": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
                  "agu": 8, "agt": 8, "ags": 8, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10,
                  "nop": 11, "nov": 11, "nopember": 11, "des": 12, "dec": 12,
                  "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
                  "october": 10, "december": 12})


@dataclass(frozen=True)
class Rejection:
    """One row (or a run of physical lines) that was not used, and why."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    reason: str
    value: str | None = None
    row_end: int | None = None         # the last physical line, when one broken row swallowed several

    @property
    def rows(self) -> int:
        """How many input rows this rejection stands for."""
        if self.row is not None and self.row_end is not None and self.row_end > self.row:
            return self.row_end - self.row + 1
        return 1

    def where(self) -> str:
        s = self.file
        if self.sheet:
            s += f"[{self.sheet}]"
        if self.row is not None:
            s += f":{self.row}"
            if self.rows > 1:
                s += f"-{self.row_end}"
        return s

    def __str__(self) -> str:
        col = f"kolom {self.column}: " if self.column else ""
        val = f" (isi: {self.value!r})" if self.value not in (None, "") else ""
        return f"{self.where()}: {col}{self.reason}{val}"

    def as_dict(self) -> dict:
        d = {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
             "reason": self.reason, "value": self.value}
        if self.rows > 1:
            d["row_end"] = self.row_end
        return d


class RowError(Exception):
    """A cell (or the shape of a row) that makes its row unusable."""

    def __init__(self, column: str | None, reason: str, value: Any = None, row_end: int | None = None):
        super().__init__(reason)
        self.column, self.reason = column, reason
        self.value = None if value is None else _shown(value)
        self.row_end = row_end


def _shown(value: Any) -> str:
    s = str(value)
    return s if len(s) <= 80 else s[:77] + "..."


class InputError(AturanError):
    """A file (or sheet) that cannot be used at all."""


class NoTable(InputError):
    """A sheet with no monitoring table at all (instructions, notes): skipped with a warning."""


@dataclass
class Context:
    """What a reader knows beyond the cells: defaults, the year being computed, what was noticed."""

    tahun: int | None = None
    bulan: int | None = None               # for exports without a month column (OpenSID monthly)
    desa: str | None = None
    kecamatan: str | None = None
    tahun_source: str | None = None        # where the year came from, for the report
    tahun_explicit: bool = False           # --tahun or the dossier: outranks a year in a file name
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


@dataclass
class Table:
    """One table as a reader sees it: a CSV file, an XLSX sheet, or a list in a YAML/JSON file."""

    file: str
    name: str | None
    headers: list[Any]
    rows: Iterator[tuple[int, list[Any] | None]]   # (1-based row/line number, cells)
    form: str | None = None                        # known from the container (YAML key)
    defaults: dict | None = None
    kind: str = "csv"                              # csv | xlsx | yaml: how strictly row widths are checked
    titles: list[list[Any]] = field(default_factory=list)   # rows above the header (title lines)
    header_rows: tuple[int, ...] = ()              # the row numbers the header came from

    @property
    def where(self) -> str:
        return self.file + (f"[{self.name}]" if self.name else "")


# ------------------------------------------------------------------ cell parsers
def norm_header(h: Any) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(h or "").lower()).split())


def text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def free_text(v: Any, column: str) -> str | None:
    if type(v) is str:
        return v.strip() or None
    return text(v) or None


_DATE_CACHE: dict[Any, dt.date | None] = {}
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_DNAMEY = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_NO_SUCH_DAY = dt.date.min  # well-formed text naming a day that does not exist (2024-02-30)


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
    s = text(v)
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
            if not m or m[2].lower() not in MONTH_NUM:
                return None
            d, mo, y = int(m[1]), MONTH_NUM[m[2].lower()], int(m[3])
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return _NO_SUCH_DAY


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
        s = text(v)
        if s in ("", "-"):
            return None
        if not re.fullmatch(r"\d{1,9}", s):
            raise RowError(column, "harus bilangan bulat", s)
        n = int(s)
    if (lo is not None and n < lo) or (hi is not None and n > hi):
        raise RowError(column, f"harus antara {lo} dan {hi}", n)
    return n


def parse_month(v: Any, column: str) -> int | None:
    if isinstance(v, str):
        s = v.strip().lower()
        if s in MONTH_NUM:
            return MONTH_NUM[s]
    try:
        n = parse_int(v, column)
    except RowError:
        raise RowError(column, "bukan bulan (tulis 1-12 atau Januari-Desember)", v) from None
    if n is not None and not 1 <= n <= 12:
        raise RowError(column, "bulan harus 1-12", n)
    return n


def code_parser(table: dict[str, str | None], what: str, known: str) -> Callable[[Any, str], str | None]:

    def parse(v: Any, column: str) -> str | None:
        key = text(v).lower()
        try:
            return table[key]
        except KeyError:
            raise RowError(column, f"kode {what} tidak dikenal (pakai {known})", v) from None
    return parse


parse_status_kehamilan = code_parser({
    "": "normal", "-": "normal", "normal": "normal", "n": "normal", "tidak": "normal",
    "kek": "kek", "resti": "resti", "risti": "resti", "risiko tinggi": "resti", "resiko tinggi": "resti",
    "kek/resti": "kek_resti", "kek/risti": "kek_resti", "kek resti": "kek_resti", "kek_resti": "kek_resti",
    "kek dan resti": "kek_resti", "kek, resti": "kek_resti",
}, "status kehamilan", "normal, KEK, Resti, KEK/Resti")
parse_status_gizi = code_parser({
    "": None, "-": None, "normal": "normal", "n": "normal", "baik": "normal", "gizi baik": "normal",
    "kurang": "kurang", "gk": "kurang", "gizi kurang": "kurang",
    "buruk": "buruk", "gb": "buruk", "gizi buruk": "buruk",
    "stunting": "stunting", "s": "stunting", "pendek": "stunting",
}, "status gizi", "normal, kurang (GK), buruk (GB), stunting (S)")
# TD ("tidak diukur") is a recorded fact, kept apart from an empty cell: OpenSID's own count
# takes the last record's mark, TD included (docs/scorecard.md, "Perbedaan dengan scorecard OpenSID").
parse_tikar = code_parser({
    "": None, "-": None, "td": "TD", "tidak diukur": "TD",
    "h": "H", "hijau": "H", "k": "K", "kuning": "K", "m": "M", "merah": "M",
}, "hasil tikar", "H (hijau), K (kuning), M (merah), TD (tidak diukur)")
# OpenSID writes 'TIDAK DIKETAHUI' when a resident's sex is not recorded (Stunting.php eksporAnak)
parse_sex = code_parser({
    "": None, "-": None, "l": "L", "lk": "L", "laki-laki": "L", "laki laki": "L", "laki": "L",
    "p": "P", "pr": "P", "perempuan": "P", "tidak diketahui": None, "tidak tahu": None,
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


MARKS = {
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
            k = MARKS.get(s)
            if k is not None:
                return (k, yes_value if k == Y else 0.0)
            try:
                n = float(s.replace(",", "."))
            except ValueError:
                raise RowError(column, "isi indikator tidak dikenal (Y/T/TS, v/x, atau angka)", v) from None
        if n < 0 or n != n or n == float("inf"):
            raise RowError(column, "angka indikator harus bilangan tidak negatif yang terhingga", v)
        if n > 10_000:
            raise RowError(column, "angka indikator terlalu besar untuk satu bulan (paling banyak 10.000)", v)
        if n == 0:
            return (T, 0.0)
        return (Y, 1.0) if measured else (Y, n)
    return parse


def memo(fn: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
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


_MONTH_END: dict[tuple[int, int], dt.date] = {}


def month_end(y: int, m: int) -> dt.date:
    d = _MONTH_END.get((y, m))
    if d is None:
        d = _MONTH_END[(y, m)] = dt.date(y, m, calendar.monthrange(y, m)[1])
    return d


def month_label(m: int, y: int) -> str:
    return f"{MONTHS[m - 1].capitalize()} {y}"
