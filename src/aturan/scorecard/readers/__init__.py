"""Monitoring readers: one per source, behind one small interface.

A file becomes tables (files.py: CSV, XLSX sheets; YAML/JSON lists here), each table gets its header
found (one or two rows, below any title lines), then the first reader that claims it turns its rows
into records:

    claim(table, indicators, ctx) -> Mapper | None      # Mapper.convert(cells) -> [record], or RowError

Readers, in the order they are asked: OpenSID exports (opensid.py, by exact header signature, cells
by position), the printed Lampiran IV forms (lampiran.py), our own template columns (columns.py,
which takes any table with recognisable headers). The Siskeudes reader (siskeudes.py) reads budget
lines, not monitoring records, through the same tables.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ...errors import Location
from ..indicators import FORMS, IndicatorSet
from . import columns, lampiran, opensid
from .base import (MONTHS, TS, Context, InputError, NoTable, Rejection, RowError, T, Table, Y, month_end,
                   norm_header, text)
from .files import Broken, Limits, RawTable, check_file, col_letters, open_raw, prepare_xlsx

READERS = (opensid, lampiran, columns)
HEADER_SEARCH = 15          # rows looked at for the header, below title lines
IGNORED_HEADERS = {"no", "no urut", "nomor urut", "nomor"}

__all__ = ["open_tables", "mapper_for", "Context", "Table", "Rejection", "RowError", "InputError", "NoTable",
           "Limits", "Broken", "Y", "T", "TS", "MONTHS", "month_end", "template_columns", "FORM_FIELDS"]

template_columns = columns.template_columns
FORM_FIELDS = columns.FORM_FIELDS


def known_headers(indicators: IndicatorSet) -> set[str]:
    return lampiran.known_headers(indicators) | opensid.known_headers()


def mapper_for(table: Table, indicators: IndicatorSet, ctx: Context) -> columns.Mapper:
    layanan = lampiran.claim_layanan(table, indicators, ctx)
    if layanan is not None:
        return layanan
    for reader in READERS:
        m = reader.claim(table, indicators, ctx)
        if m is not None:
            return m
    raise AssertionError("columns.claim always answers")  # pragma: no cover


def prefetch(path: str | None, limits: Limits, engine: str = "calamine"):
    """Start preparing a workbook that will be read next (None for other files)."""
    if path is None or Path(path).suffix.lower() not in (".xlsx", ".xlsm") or engine != "calamine":
        return None
    return prepare_xlsx(path, limits, engine)


def open_tables(path: str, indicators: IndicatorSet, ctx: Context, limits: Limits | None = None,
                engine: str = "calamine", prepared=None) -> Iterator[Table]:
    """Every table of one monitoring file, its header found; InputError when the file cannot be used."""
    ext = Path(path).suffix.lower()
    if ext in (".yaml", ".yml", ".json"):   # within the YAML/JSON size limit, like every YAML file read
        yield from _yaml_tables(Path(path))
        return
    limits = limits or Limits.current()
    check_file(path, limits)
    known = known_headers(indicators)
    for raw in open_raw(path, limits, engine, prepared):
        for note in raw.notes:
            ctx.warn(f"{path}: {note}")
        table = find_header(raw, known, ctx)
        if table is not None:
            yield table


# ------------------------------------------------------------------ finding the header
def _score(cells: Any, known: set[str]) -> int:
    if not isinstance(cells, list):
        return 0
    normed = {norm_header(c) for c in cells if isinstance(c, str) and c.strip()}
    return len(normed & known)


def _subheader(cells: Any, known: set[str]) -> bool:
    """A second header row: only words, at least half of them column names ('Usia kehamilan (bulan)')."""
    if not isinstance(cells, list):
        return False
    filled = [c for c in cells if c not in (None, "")]
    if not filled or any(not isinstance(c, str) for c in filled):
        return False
    hits = sum(1 for c in filled if norm_header(c) in known)
    return hits >= 1 and hits * 2 >= len(filled)


def find_header(raw: RawTable, known: set[str], ctx: Context) -> Table | None:
    head: list[tuple[int, Any]] = []
    for item in raw.rows:
        head.append(item)
        if len(head) >= HEADER_SEARCH:
            break
    if not head:
        return None     # an empty sheet
    at = next((i for i, (_, cells) in enumerate(head) if _score(cells, known) >= 2), None)
    if at is None:
        if raw.kind != "csv":
            return Table(raw.file, raw.name, [], iter(()), kind=raw.kind)   # NoTable: reported, skipped
        at = 0
    n0, top = head[at]
    if isinstance(top, Broken):
        raise InputError(f"judul kolom tidak dapat dibaca: {top.reason}", Location(raw.file, n0 - 1))
    headers = list(top)
    rows_used = (n0,)
    start = at + 1
    if start < len(head) and _subheader(head[start][1], known):
        lower = head[start][1]
        width = max(len(headers), len(lower))
        headers = [(lower[j] if j < len(lower) and lower[j] not in (None, "") else
                    (headers[j] if j < len(headers) else None)) for j in range(width)]
        rows_used = (n0, head[start][0])
        start += 1
    if raw.csv_reader is not None:
        raw.csv_reader.width = len(top)
    titles = [cells for _, cells in head[:at] if isinstance(cells, list)]
    rest = head[start:]
    first_data = rows_used[-1] + 1

    def rows() -> Iterator[tuple[int, Any]]:
        yield from rest
        yield from raw.rows
    body = rows()
    if raw.merges:
        body = _merged(body, raw, first_data, ctx)
    return Table(raw.file, raw.name, headers, body, kind=raw.kind, titles=titles, header_rows=rows_used)


def _merged(rows: Iterator[tuple[int, Any]], raw: RawTable, first: int, ctx: Context) -> Iterator[tuple[int, Any]]:
    """Merged cells below the header: a merge down one column is read as its top cell on every row it
    covers (what the sheet shows); a merge across columns makes its rows unreadable (which column is it?)."""
    down: list[tuple[int, int, int]] = []     # (row0, row1, col)
    across: list[tuple[int, int, str]] = []   # (row0, row1, ref)
    for r0, c0, r1, c1 in raw.merges:
        if r1 < first:
            continue
        ref = f"{col_letters(c0 + 1)}{r0}:{col_letters(c1 + 1)}{r1}"
        if c0 == c1:
            down.append((max(r0, first), r1, c0))
            ctx.warn(f"{raw.file}[{raw.name}]: sel gabungan {ref} dibaca sebagai isi {col_letters(c0 + 1)}{r0} "
                     f"pada tiap baris {r0}-{r1}")
        else:
            across.append((max(r0, first), r1, ref))
    top: dict[tuple[int, int], Any] = {}
    for n, cells in rows:
        if isinstance(cells, list):
            hit = next((ref for r0, r1, ref in across if r0 <= n <= r1), None)
            if hit is not None:
                yield n, Broken(f"sel gabungan {hit} melintasi beberapa kolom; isinya tidak dapat dipastikan milik "
                                "kolom yang mana")
                continue
            for r0, r1, c in down:
                if n == r0 and c < len(cells):
                    top[(r0, c)] = cells[c]
                elif r0 < n <= r1:
                    if c >= len(cells):
                        cells = cells + [None] * (c + 1 - len(cells))
                    if cells[c] in (None, ""):
                        cells[c] = top.get((r0, c))
        yield n, cells


# ------------------------------------------------------------------ YAML / JSON
MAX_DEPTH = 20   # a monitoring file is a list of flat records: a few levels at most


def _guard_yaml(p: Path, text: str) -> None:
    """Refuse aliases and deep nesting before building anything: a 10 KB 'billion laughs' file
    would otherwise expand to gigabytes. Monitoring records never need either (stricter than the
    caps every YAML file gets in yamlio)."""
    import yaml
    depth = 0
    try:
        for ev in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
                m = ev.start_mark
                raise InputError("anchor/alias YAML (& dan *) tidak diizinkan dalam data pemantauan; tulis datanya "
                                 "langsung", Location(str(p), m.line, m.column))
            if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    m = ev.start_mark
                    raise InputError(f"struktur bersarang lebih dari {MAX_DEPTH} tingkat; data pemantauan adalah "
                                     "daftar catatan datar", Location(str(p), m.line, m.column))
            elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return   # the loader reports syntax errors with their location


def _yaml_tables(p: Path) -> Iterator[Table]:
    from ...yamlio import load_text, read_text
    text = read_text(p)        # a regular file, UTF-8, within the size limit
    _guard_yaml(p, text)
    doc = load_text(text, str(p))
    data = doc.data
    if isinstance(data, list):
        yield _list_table(doc, (), data, None, {})
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
            yield _list_table(doc, (key,), data[key], key if key in FORMS else None, defaults)
    if not found:
        raise InputError("tidak ada daftar catatan: pakai kunci 2a, 2b, 2c (atau 'catatan')", doc.location(()))


def _list_table(doc, path: tuple, items: list, form: str | None, defaults: dict) -> Table:
    headers: list[str] = []
    for it in items:
        if isinstance(it, dict):
            for k in it:
                if k not in headers:
                    headers.append(k)
    for k in defaults:
        if k not in headers:
            headers.append(k)

    def rows():
        for i, it in enumerate(items):
            line = doc.location(path + (i,)).line
            n = (line + 1) if line is not None else i + 1
            if not isinstance(it, dict):
                yield n, Broken("catatan harus berupa pemetaan (kolom: nilai)")
                continue
            yield n, [it.get(h, defaults.get(h)) for h in headers]
    return Table(doc.file, "/".join(map(str, path)) or None, headers, rows(), form=form, kind="yaml")


def describe_unused(mapper: columns.Mapper) -> list[str]:
    return [h for h in mapper.unused if norm_header(h) not in IGNORED_HEADERS]


def row_rejection(table: Table, n: int, e: RowError) -> Rejection:
    return Rejection(table.file, table.name, n, e.column, e.reason, e.value, e.row_end)


def broken_rejection(table: Table, n: int, b: Broken) -> Rejection:
    return Rejection(table.file, table.name, n, None, b.reason, b.value)


def cell_text(v: Any) -> str:
    return text(v)
