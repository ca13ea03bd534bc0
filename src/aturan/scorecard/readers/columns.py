"""Reader for our own columns (the template's snake_case headers and their plain-word aliases).

The Mapper here turns one row, matched to columns by header name, into a monitoring record;
the Lampiran IV reader and the OpenSID reader feed it their own header names.
"""
from __future__ import annotations

import datetime as dt
import operator
import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable

from ...errors import Location
from ..indicators import FORMS, IndicatorSet
from .base import (MONTH_NUM, MONTHS, Context, InputError, NoTable, RowError, T, TS, Table, Y, free_text, mark_parser,
                   memo, month_end, month_label, norm_header, parse_date, parse_int, parse_kategori_usia, parse_month,
                   parse_sex, parse_status_gizi, parse_status_kehamilan, parse_tikar, text)

NAME = "kolom templat aturan"

BASE_ALIASES: dict[str, tuple[str, ...]] = {
    "formulir": ("formulir", "form", "jenis formulir"),
    "kecamatan": ("kecamatan", "distrik"),
    "desa": ("desa", "nama desa", "kampung", "nagari", "kelurahan", "ohoi", "desa kelurahan"),
    "tahun": ("tahun",),
    "bulan": ("bulan", "bulan pemantauan"),
    "tanggal": ("tanggal", "tanggal pemantauan", "tanggal periksa", "tgl pemantauan", "tgl periksa"),
    "no_register": ("no register", "no kia", "nomor kia", "no reg kia"),
    "nama": ("nama", "nama ibu", "nama anak", "nama sasaran"),
    "rumah_tangga": ("rumah tangga", "no kk", "nomor kk"),
    "status_kehamilan": ("status kehamilan", "kek resti"),
    "hpl": ("hpl", "hari perkiraan lahir", "perkiraan lahir"),
    "usia_kehamilan": ("usia kehamilan", "usia kehamilan bulan"),
    "tanggal_melahirkan": ("tanggal melahirkan", "tgl melahirkan", "tanggal persalinan"),
    "jenis_kelamin": ("jenis kelamin", "jk"),
    "tanggal_lahir": ("tanggal lahir", "tgl lahir"),
    "status_gizi": ("status gizi",),
    "umur_bulan": ("umur bulan", "umur", "usia bulan"),
    "hasil_tikar": ("hasil tikar", "hasil", "status tikar", "tikar"),
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
PARSERS: dict[str, Callable[[Any, str], Any]] = {
    "kecamatan": lambda v, c: text(v) or None,
    "desa": lambda v, c: text(v) or None,
    "tahun": lambda v, c: parse_int(v, c, 2000, 2100),
    "bulan": parse_month,
    "tanggal": parse_date,
    "no_register": lambda v, c: text(v) or None,
    "nama": lambda v, c: text(v) or None,
    "rumah_tangga": lambda v, c: text(v) or None,
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
FREE_TEXT = {"no_register", "nama", "rumah_tangga"}
# Fields no table reads: an unknown value in one of them does not cost the row, unless an
# indicator file reads it (the summary field it feeds, or None when none can).
SOFT_FIELDS = {"jenis_kelamin": "jenis_kelamin", "hpl": None, "kategori_usia": None,
               "usia_kehamilan": "usia_kehamilan_maks"}


def template_columns(indicators: IndicatorSet, form: str) -> list[str]:
    """Our own column names for one form, in template order."""
    return ["desa", "tahun", "bulan", "no_register", "nama", "rumah_tangga", *FORM_FIELDS[form],
            *indicators.columns(form)]


def known_headers(aliases: dict[str, tuple[str, ...]], indicators: IndicatorSet) -> set[str]:
    known = {norm_header(a) for names in aliases.values() for a in names} | {norm_header(f) for f in aliases}
    for ind in indicators.indicators:
        known.add(norm_header(ind.column))
        known.update(norm_header(a) for a in ind.aliases)
    return known


def detect_form(headers: list[Any], indicators: IndicatorSet, aliases: dict) -> tuple[str | None, dict[str, int]]:
    """Which form a header row belongs to: the one with most form-specific columns."""
    normed = {norm_header(h) for h in headers if h not in (None, "")}
    scores = {}
    months = sum(1 for m in MONTHS if m in normed)
    for form in FORMS:
        fields = FORM_MARKERS[form]
        s = sum(1 for f in fields if any(norm_header(a) in normed for a in aliases[f] + (f,)))
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


_FORM_NAMES = (("2a", ("2a", "ibu hamil", "bumil")), ("2b", ("2b", "anak 0", "baduta", "bulanan anak")),
               ("2c", ("2c", "paud", "anak 2")))


def form_from_name(name: str) -> str | None:
    n = norm_header(name)
    hits = [f for f, words in _FORM_NAMES if any(w in n for w in words)]
    return hits[0] if len(hits) == 1 else None


_EXPORT_DATE = re.compile(r"[_\s-](\d{2})_(\d{2})_(\d{4})$")


def export_date_in_name(stem: str) -> tuple[str, dt.date | None]:
    """OpenSID names its exports `namafile(judul)` = slug + '_' + date('d_m_Y'), the day of the export
    (donjo-app/helpers/opensid_helper.php): strip it so it is never read as the month monitored."""
    m = _EXPORT_DATE.search(stem)
    if not m:
        return stem, None
    try:
        d = dt.date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return stem, None
    return stem[:m.start()], d


def month_year_from_name(name: str) -> tuple[int | None, int | None]:
    """'Laporan Bulanan Ibu Hamil Maret 2024' -> (3, 2024); an export date is not a month monitored."""
    name, _ = export_date_in_name(name)
    words = re.findall(r"[a-z]+|\d+", name.lower())
    month = next((MONTH_NUM[w] for w in words if w in MONTHS), None)
    years = [int(w) for w in words if len(w) == 4 and w.isdigit() and 2000 <= int(w) <= 2100]
    m = re.search(r"(20\d{2})[-_.](\d{2})(?!\d)", name)
    if m and month is None and 1 <= int(m[2]) <= 12:
        month = int(m[2])
    return month, (years[0] if years else None)


_TITLE_MONTH = re.compile(r"\bbulan\s*[:=]\s*([a-z]+|\d{1,2})\b", re.I)
_TITLE_YEAR = re.compile(r"\btahun\s*[:=]\s*(\d{4})\b", re.I)


def month_year_from_titles(titles: list[list[Any]]) -> tuple[int | None, int | None]:
    """'Bulan : Maret' and 'TAHUN : 2024' written above a printed form's table."""
    month = year = None
    for row in titles:
        line = " ".join(text(c) for c in row if c not in (None, ""))
        m = _TITLE_MONTH.search(line)
        if m and month is None:
            w = m[1].lower()
            month = MONTH_NUM.get(w) or (int(w) if w.isdigit() and 1 <= int(w) <= 12 else None)
        y = _TITLE_YEAR.search(line)
        if y and year is None and 2000 <= int(y[1]) <= 2100:
            year = int(y[1])
    return month, year


def mark_set(marks: list[tuple[str, float]], yes_values: tuple) -> tuple:
    """(Y, T and TS bits, amounts that differ from yes_value): what Aggregator.add needs from a row's marks,
    worked out once per distinct combination. Indicator k owns bits 12k..12k+11 of a target's Y, T and TS
    month maps (compute.Target), so a row is added with three shifts whatever the number of indicators."""
    y = t = ts = 0
    extra = []
    for k, (kind, amount) in enumerate(marks):
        if kind == Y:
            y |= 1 << (12 * k)
            if amount != yes_values[k]:
                extra.append((k, amount))
        elif kind == T:
            t |= 1 << (12 * k)
        else:
            ts |= 1 << (12 * k)
    return y, t, ts, tuple(extra)


def _soft(parse: Callable, field: str, hits: Counter, examples: dict) -> Callable:
    """A parser that reads an unknown value as None and counts every row that holds one (so the plan
    calls it on every row: only the values it knows are remembered)."""
    known: dict = {}

    def soft(v: Any, column: str) -> Any:
        try:
            return known[v]
        except (KeyError, TypeError):
            pass
        try:
            r = parse(v, column)
        except RowError as e:
            hits[field] += 1
            examples.setdefault(field, e.value)
            return None
        try:
            if len(known) < 50_000:
                known[v] = r
        except TypeError:   # an unhashable cell (a YAML list)
            pass
        return r
    return soft


class Mapper:
    """Turns one row (a list of cells, matched to columns by header name) into a record dict, or raises RowError."""

    def __init__(self, table: Table, form: str | None, indicators: IndicatorSet, ctx: Context, *,
                 aliases: dict[str, tuple[str, ...]] = BASE_ALIASES, source: str = NAME,
                 default_month: int | None = None, default_year: int | None = None, strict_width: bool = True):
        self.table = table
        self.file, self.sheet, self.ctx = table.file, table.name, ctx
        self.source = source
        self.detail = ""                  # what else the reader settled (the month of an export, ...)
        self.indicators = indicators
        headers = table.headers
        self.default_month, self.default_year = default_month, default_year
        normed = [norm_header(h) for h in headers]
        self.headers = [text(h) for h in headers]
        self.width = max((i + 1 for i, h in enumerate(self.headers) if h), default=0)
        self.strict_width = strict_width and table.kind != "yaml"
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
            i = find((f, *aliases.get(f, ())))
            if i is not None:
                self.base[f] = i
        self.form = form
        self.month_cols: dict[int, int] = {}
        if "bulan" not in self.base and "tanggal" not in self.base:
            for i, h in enumerate(normed):
                if h in MONTHS and i not in used:
                    self.month_cols[MONTH_NUM[h]] = i
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
        read = {k for ind in indicators.indicators for k in ind.keys}
        self.soft = {f for f, key in SOFT_FIELDS.items() if key is None or key not in read}
        self.soft_hits: Counter = Counter()
        self.soft_examples: dict[str, Any] = {}
        self.plan: dict[str, list] = {}
        self.mplan: dict[str, list] = {}
        self.mkeys: dict[str, tuple] = {}
        self.mcache: dict[str, dict] = {}
        self.yes_values: dict[str, tuple] = {}
        self.blank: dict[str, dict] = {}
        for f in self.forms:
            fields = COMMON_FIELDS + FORM_FIELDS[f]
            self.blank[f] = {"form": f, **{x: None for x in fields}}
            plan = []
            for x in fields:
                if x not in self.base:
                    continue
                parse = free_text if x in FREE_TEXT else PARSERS[x]
                if x in self.soft:
                    parse = _soft(parse, x, self.soft_hits, self.soft_examples)
                # (field, cell index, cache of parsed values or None for free text and the soft parsers, which
                # count the rows with an unknown value, parser, header)
                plan.append((x, self.base[x], None if x in FREE_TEXT or x in self.soft else {}, parse,
                             self.headers[self.base[x]]))
            self.plan[f] = plan
            self.mplan[f] = [(idx, memo(parse), [self.headers[i] for i in idx])
                             for idx, parse, col in self.ind_cols[f]]
            # the indicator cells of a row, as one key: a village's rows repeat a few hundred combinations
            flat = [i for idx, _, _ in self.ind_cols[f] for i in idx]
            self.mkeys[f] = (operator.itemgetter(*flat) if len(flat) > 1 else
                             (lambda row, i=flat[0]: (row[i],)) if flat else (lambda row: ()),
                             max(flat, default=-1))
            self.mcache[f] = {}
            self.yes_values[f] = tuple(ind.yes_value for ind in indicators.for_form(f))
        loc = Location(table.where, 0, None)
        if "no_register" not in self.base and not ("rumah_tangga" in self.base and "nama" in self.base):
            raise InputError("kolom nomor register (No KIA / no_register) tidak ada", loc)
        if not self.month_cols and "bulan" not in self.base and "tanggal" not in self.base and self.default_month is None:
            raise InputError(
                "bulan pemantauan tidak diketahui: tidak ada kolom bulan/tanggal, dan nama berkas/lembar tidak "
                "menyebut bulan", loc,
                hint="tambahkan kolom 'bulan', beri nama berkas seperti 'ibu_hamil_maret_2024.xlsx', atau pakai --bulan")

    def _cell(self, row: list[Any], field: str) -> Any:
        i = self.base.get(field)
        if i is None or i >= len(row):
            return None
        return row[i]

    def check_width(self, row: list[Any]) -> None:
        """Never a silent shift: cells with no header, or a CSV row shorter than its header, cost the row."""
        n = len(row)
        w = self.width
        if n > w:
            extra = [i for i in range(w, n) if row[i] not in (None, "")]
            if extra:
                raise RowError(None, f"baris berisi {extra[-1] + 1} sel, padahal judul kolom hanya {w}: sel ke-"
                                     f"{extra[0] + 1} tidak berjudul; isi kolom bisa bergeser, baris tidak dipakai",
                               row[extra[0]])
        elif n < w and self.table.kind == "csv":
            raise RowError(None, f"baris hanya berisi {n} sel, padahal judul kolom ada {w}; isi kolom bisa bergeser, "
                                 "baris tidak dipakai")

    def convert(self, row: list[Any]) -> list[dict]:
        """One input row -> one record (or twelve, for the month-per-column layout of 2c)."""
        if self.strict_width and len(row) != self.width:
            self.check_width(row)
        form = self.form
        if form is None:
            cell = self._cell(row, "formulir")
            raw = text(cell).lower().replace("formulir", "").strip()
            if raw not in FORMS:
                raise RowError(self._name("formulir"), "formulir harus 2a, 2b atau 2c", cell)
            form = raw
        n = len(row)
        rec = dict(self.blank[form])
        for f, i, cache, parse, header in self.plan[form]:
            if i < n:
                v = row[i]
                if cache is None:     # free text (or a parser that counts what it sees): never cached
                    rec[f] = (v.strip() or None) if parse is free_text and type(v) is str else parse(v, header)
                    continue
                try:
                    rec[f] = cache[v]
                except KeyError:
                    rec[f] = x = parse(v, header)
                    if len(cache) < 50_000:
                        cache[v] = x
                except TypeError:   # an unhashable cell (a YAML list)
                    rec[f] = parse(v, header)
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
        ctx = self.ctx
        if year is None:
            # the data first; then --tahun or the dossier; then a year written in the file name or
            # above the table; then the year of the first row read (another file)
            year = (ctx.tahun if ctx.tahun_explicit else None) or self.default_year or ctx.tahun
        if year is None:
            raise RowError(self._name("tahun"), "tahun pemantauan tidak diketahui (isi kolom tahun atau pakai --tahun)")
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
        getter, widest = self.mkeys[form]
        try:
            key = getter(row) if widest < n else tuple(row[i] if i < n else None for i in self._flat(form))
            hit = self.mcache[form].get(key)
        except TypeError:      # an unhashable cell (a YAML list): parse it every time
            key, hit = None, None
        if hit is None:
            marks = []
            for idx, parse, headers in self.mplan[form]:
                if len(idx) == 1:
                    i = idx[0]
                    marks.append(parse(row[i] if i < n else None, headers[0]))
                else:
                    marks.append(self._mark(row, idx, parse))
            hit = (tuple(marks), mark_set(marks, self.yes_values[form]))
            cache = self.mcache[form]
            if key is not None and len(cache) < 20_000:
                cache[key] = hit
        rec["marks"], rec["markset"] = hit
        if form != "2a":
            self._check(rec)
        return [rec]

    def _flat(self, form: str) -> list[int]:
        return [i for idx, _, _ in self.ind_cols[form] for i in idx]

    def _wide(self, row: list[Any], rec: dict) -> list[dict]:
        if rec["tahun"] != self.ctx.tahun:
            raise RowError(self._name("tahun"), f"di luar tahun {self.ctx.tahun} yang dihitung", rec["tahun"])
        out = []
        for month, i in sorted(self.month_cols.items()):
            v = row[i] if i < len(row) else None
            s = text(v).lower()
            if s in ("", "-", "belum"):
                continue  # not (yet) a target that month
            r = dict(rec)
            r["bulan"] = month
            marks = []
            for idx, parse, headers in self.mplan["2c"]:
                marks.append(parse(v, self.headers[i]) if not idx else self._mark(row, idx, parse))
            r["marks"] = marks
            r["markset"] = mark_set(marks, self.yes_values["2c"])
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
        born = rec.get("tanggal_lahir")
        age = rec.get("umur_bulan")
        if born is not None:
            if born > end:
                raise RowError(self._name("tanggal_lahir"),
                               f"tanggal lahir sesudah bulan pemantauan ({month_label(m, y)})", born.isoformat())
            computed = (y - born.year) * 12 + (m - born.month)
            if age is None:
                age = computed
        if form == "2b":
            if age is not None and age > 23:
                given = rec.get("umur_bulan") is not None
                raise RowError(self._name("umur_bulan" if given else "tanggal_lahir"),
                               f"anak berumur {age} bulan pada {month_label(m, y)}; "
                               "Formulir 2b hanya untuk anak 0-23 bulan", age if given else born.isoformat())
        elif form == "2c":
            if age is not None and not 24 <= age <= 83:
                given = rec.get("umur_bulan") is not None
                raise RowError(self._name("umur_bulan" if given else "tanggal_lahir"),
                               f"anak berumur {age} bulan pada {month_label(m, y)}; "
                               "Formulir 2c untuk anak 2-6 tahun", age if given else born.isoformat())
        rec["umur_bulan"] = age

    def notes(self) -> list[str]:
        """What the reader noticed in this table, for the warnings."""
        out = []
        for f, n in self.soft_hits.items():
            out.append(f"{self.table.where}: kolom {self._name(f)}: {n} baris berisi nilai yang tidak dikenal "
                       f"(mis. {self.soft_examples.get(f)!r}); tidak ada indikator yang memakai kolom ini, jadi "
                       "barisnya tetap dihitung dan nilainya dianggap tidak diketahui")
        return out


def resolve_form(table: Table, indicators: IndicatorSet, aliases: dict) -> str | None:
    """The form of a table from its columns, else its sheet or file name; None when a column says."""
    loc = Location(table.where, 0, None)
    if not table.headers:
        raise NoTable("lembar ini tidak berisi tabel pemantauan (judul kolom tidak ditemukan); dilewati", loc)
    if table.form is not None:
        return table.form
    normed = {norm_header(h) for h in table.headers}
    if "formulir" in normed or "form" in normed:
        return None
    form, scores = detect_form(table.headers, indicators, aliases)
    if form is None and max(scores.values()) > 0:
        # a tie: let the sheet or file name decide ("2a Ibu Hamil", "Laporan Bulanan Anak")
        hinted = form_from_name(" ".join(x for x in (table.name or "", Path(table.file).stem) if x))
        if hinted is not None and scores[hinted] == max(scores.values()):
            form = hinted
    if form is None:
        raise InputError("jenis formulir (2a/2b/2c) tidak dapat dikenali dari judul kolom", loc,
                         hint="tambahkan kolom 'formulir', atau pakai judul kolom dari templat (aturan scorecard --template)")
    return form


def defaults_for(table: Table, ctx: Context) -> tuple[int | None, int | None]:
    """(month, year) a table without such columns falls back on: title lines, then the sheet and file name."""
    tm, ty = month_year_from_titles(table.titles)
    nm, ny = month_year_from_name(" ".join(x for x in (Path(table.file).stem, table.name or "") if x))
    return ctx.bulan or tm or nm, ty or ny


def claim(table: Table, indicators: IndicatorSet, ctx: Context) -> Mapper:
    """Our own columns: the fallback reader, which takes any table with recognisable headers."""
    form = resolve_form(table, indicators, BASE_ALIASES)
    month, year = defaults_for(table, ctx)
    return Mapper(table, form, indicators, ctx, aliases=BASE_ALIASES, default_month=month, default_year=year)
