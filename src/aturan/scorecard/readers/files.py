"""Containers: a path becomes raw tables (CSV, XLSX sheets, YAML/JSON lists), within bounded resources.

Everything that can make reading slow, huge or wrong is checked here before a cell is read:
what the path is (a fifo or a device would block, a folder is not a file), its size, the
character encoding of a CSV, a quote left open that swallows the lines after it, cells
larger than the csv module accepts, and for XLSX the number of archive members, their
uncompressed size and compression ratio (a zip bomb) and the extent of each sheet (a cell
at XFD1048576 would make any reader allocate or walk a million empty rows).
"""
from __future__ import annotations

import codecs
import csv
import os
import re
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator
from xml.etree import ElementTree

from ... import yamlio
from ...errors import Location
from ...yamlio import current_limits
from .base import InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much one monitoring or Siskeudes table file may hold. Its size on disk is the one limit every
    file aturan reads obeys (yamlio.Limits: --max-size MB, $ATURAN_MAX_SIZE_MB; 100 MB for a table by
    default); the others guard against what a small file can unpack or spread to."""

    max_bytes: int = 100 * MB            # the file on disk (Limits.current() takes it from --max-size)
    max_uncompressed: int = 400 * MB     # all members of an XLSX archive, uncompressed
    max_ratio: int = 250                 # uncompressed / compressed, per member larger than 1 MB
    max_members: int = 2_000             # members of an XLSX archive
    max_cells: int = 20_000_000          # rows x columns spanned by one sheet, and cells present in it
    max_columns: int = 500               # a monitoring table has a few dozen
    max_empty_rows: int = 100_000        # rows a sheet spans beyond those it holds

    @classmethod
    def current(cls) -> "Limits":
        """This run's limits: the size from the one knob (yamlio.current_limits, set by the CLI); the archive
        may unpack to 4 times that, and never less than the default 400 MB."""
        n = current_limits().max_table_bytes
        return cls(max_bytes=n, max_uncompressed=max(cls.max_uncompressed, 4 * n))


@dataclass
class RawTable:
    """A table before its header is found: every non-empty row with its 1-based row number."""

    file: str
    name: str | None
    kind: str                                        # csv | xlsx | yaml
    rows: Iterator[tuple[int, list[Any]]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row0, col0, row1, col1), 1-/0-based
    notes: list[str] = field(default_factory=list)   # said once per table (encoding, ...)
    csv_reader: "CsvRows | None" = None


def n_id(n: int) -> str:
    """1048576 -> '1.048.576' (Indonesian thousands)."""
    return f"{n:,}".replace(",", ".")


def mb(n: int) -> str:
    return f"{n / MB:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".") + " MB"


def check_file(path: str, limits: Limits) -> os.stat_result:
    """Refuse at once what is not a regular, readable, non-empty file within the size limit (never open a fifo):
    the same checks and words as for every other file (yamlio.check_file)."""
    st = yamlio.check_file(path, replace(current_limits(), max_bytes=limits.max_bytes))
    if st.st_size == 0:
        raise InputError("berkas kosong", Location(path))
    return st


# ------------------------------------------------------------------ CSV
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def detect_encoding(p: Path) -> tuple[str, str | None]:
    """(encoding, note for the user). Refuses binary files with the reason."""
    loc = Location(str(p))
    with open(p, "rb") as fh:
        head = fh.read(65536)
    if head.startswith(b"PK\x03\x04"):
        raise InputError("berkas ini arsip ZIP (XLSX?), bukan CSV teks", loc,
                         hint="simpan ulang sebagai CSV, atau beri akhiran .xlsx bila ini buku kerja Excel")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("berkas ini format Excel lama (.xls) atau dokumen Office, bukan CSV teks", loc,
                         hint="simpan ulang sebagai CSV UTF-8 atau .xlsx")
    if head.startswith(b"%PDF"):
        raise InputError("berkas ini PDF, bukan CSV teks", loc)
    for bom, enc in _BOMS:
        if head.startswith(bom):
            note = None if enc == "utf-8-sig" else f"berkas dibaca sebagai {enc.upper()} (tanda BOM di awal berkas)"
            return enc, note
    sample = head[:4096]
    if b"\x00" in sample:
        even = sample[0::2].count(0)
        odd = sample[1::2].count(0)
        half = len(sample) // 2
        enc = ("utf-16-le" if odd > 0.4 * half and even < 0.05 * half else
               "utf-16-be" if even > 0.4 * half and odd < 0.05 * half else None)
        if enc is not None and _looks_like_text(sample[: len(sample) // 2 * 2].decode(enc, errors="replace")):
            return enc, "berkas dibaca sebagai UTF-16 (tanpa BOM)"
        raise InputError("berkas ini biner (berisi bita NUL), bukan CSV teks", loc)
    if not _looks_like_text(sample.decode("latin-1")):
        raise InputError("berkas ini biner (banyak karakter kendali), bukan CSV teks", loc)
    # UTF-8 unless some byte sequence anywhere in the file is not UTF-8 (checked in chunks,
    # so a Windows-1252 letter on line 90.000 is found before any row is read).
    dec = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with open(p, "rb") as fh:
        while True:
            chunk = fh.read(1 << 20)
            try:
                dec.decode(chunk, final=not chunk)
            except UnicodeDecodeError as e:
                bad = line + chunk[:e.start].count(b"\n")
                return _single_byte(p, bad)
            if not chunk:
                break
            line += chunk.count(b"\n")
    return "utf-8", None


def _looks_like_text(s: str) -> bool:
    control = sum(1 for c in s if (ord(c) < 32 and c not in "\t\r\n\f") or c == "\ufffd")
    return control <= max(2, len(s) // 50)


def _single_byte(p: Path, bad_line: int) -> tuple[str, str]:
    with open(p, "rb") as fh:
        data_sample = fh.read(1 << 20)
    if any(b in data_sample for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")):
        raise InputError(f"pengodean karakter berkas tidak dikenal (bukan UTF-8, bukan Windows-1252; mis. baris {bad_line})",
                         Location(str(p), bad_line - 1), hint="simpan ulang dari Excel sebagai 'CSV UTF-8'")
    return "cp1252", (f"berkas bukan UTF-8 (baris {bad_line} memuat huruf yang bukan UTF-8); dibaca sebagai "
                      "Windows-1252, pengodean CSV Excel Windows")


@dataclass(frozen=True)
class Broken:
    """In place of a row's cells: the row could not be read at all (a quote left open, a cell too long)."""

    reason: str
    value: str | None = None


class CsvRows:
    """The rows of a CSV file with the physical lines each came from.

    A quote left open makes the csv module read the following lines as one cell. Such a row
    (several lines, a cell holding a line break, and not the header's number of cells) is
    rejected for its first line only, and the lines it swallowed are read again on their own,
    so one stray quote costs one row. `width` (the header's width) is set once the header is known.
    """

    def __init__(self, path: Path, encoding: str):
        self.path = path
        self.encoding = encoding
        self.width: int | None = None

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        loc = Location(str(self.path))
        try:
            fh = open(self.path, encoding=self.encoding, newline="")
        except OSError as e:  # pragma: no cover - checked by check_file
            raise InputError(f"berkas tidak dapat dibuka: {e.strerror or e}", loc) from None
        with fh:
            try:
                first = fh.readline(1 << 20)
            except UnicodeError as e:
                raise InputError(f"berkas tidak dapat dibaca sebagai {self.encoding} ({e})", loc) from None
            delim = max((",", ";", "\t"), key=first.count)
            fh.seek(0)
            aux = _RawLines(self.path, self.encoding)
            try:
                yield from self._rows(fh, 0, aux.lines, delim)
            finally:
                aux.close()

    def _rows(self, it, base: int, raw_of, delim: str) -> Iterator[tuple[int, list[str]]]:
        """Rows from `it` (whose first line is line base + 1); raw_of(a, b) gives lines a..b again."""
        reader = csv.reader(it, delimiter=delim, strict=False)
        prev = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                start, end = base + prev + 1, base + reader.line_num
                prev = reader.line_num
                reason = ("sel lebih panjang dari batas 131.072 karakter (tanda kutip tidak ditutup?)"
                          if "field larger" in str(e) else f"baris CSV rusak ({e})")
                yield from self._salvage(raw_of(start, end), start, reason, delim)
                continue
            except UnicodeError as e:
                raise InputError(f"berkas tidak dapat dibaca setelah baris {base + prev} ({e})",
                                 Location(str(self.path), base + prev)) from None
            start, end = base + prev + 1, base + reader.line_num
            prev = reader.line_num
            if end > start and any(("\n" in c or "\r" in c) for c in row):
                width = self.width
                if width is not None and len(row) == width:
                    yield start, [c.replace("\r", " ").replace("\n", " ") for c in row]
                    continue
                yield from self._salvage(raw_of(start, end), start, "tanda kutip (\") tidak ditutup; baris-baris "
                                                                     "berikutnya terbaca sebagai satu sel", delim)
                continue
            if self.width is None and any(c.strip() for c in row):
                self.width = len(row)   # the first row is the header until the table finder says otherwise
            yield start, row

    def _salvage(self, raw: list[str], start: int, reason: str, delim: str):
        """Reject the first physical line of a broken row, read the lines it swallowed again."""
        yield start, Broken(reason, raw[0].rstrip("\r\n")[:80] if raw else None)
        rest = raw[1:]
        if rest:
            yield from self._rows(iter(rest), start, lambda a, b: rest[a - start - 1:b - start], delim)


class _RawLines:
    """The file's lines again, read forward only: a broken row asks for the lines it swallowed."""

    def __init__(self, path: Path, encoding: str):
        self.path, self.encoding = path, encoding
        self.fh = None
        self.pos = 0

    def lines(self, a: int, b: int) -> list[str]:
        if self.fh is None:
            self.fh = open(self.path, encoding=self.encoding, newline="")
        out = []
        for line in self.fh:
            self.pos += 1
            if self.pos >= a:
                out.append(line)
            if self.pos >= b:
                break
        return out

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()


def csv_table(p: Path) -> RawTable:
    encoding, note = detect_encoding(p)
    rows = CsvRows(p, encoding)
    return RawTable(str(p), None, "csv", iter(rows), notes=[note] if note else [], csv_reader=rows)


# ------------------------------------------------------------------ XLSX
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
_DIM = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d{1,7})?:?([A-Z]{1,3})?(\d{1,7})?"')


def col_index(letters: bytes | str) -> int:
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode().upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def col_letters(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass
class SheetScan:
    name: str
    member: str
    max_row: int = 0
    max_col: int = 0
    cells: int = 0
    rows: int = 0
    declared: str | None = None
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def open_archive(p: Path, limits: Limits) -> zipfile.ZipFile:
    loc = Location(str(p))
    try:
        zf = zipfile.ZipFile(p)
    except zipfile.BadZipFile:
        raise InputError("bukan berkas Excel .xlsx yang dapat dibaca (bukan arsip ZIP)", loc,
                         hint="buka di Excel lalu simpan ulang sebagai .xlsx, atau simpan sebagai CSV") from None
    except OSError as e:
        raise InputError(f"berkas tidak dapat dibuka: {e.strerror or e}", loc) from None
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        zf.close()
        raise InputError(f"arsip berisi {n_id(len(infos))} bagian; buku kerja biasa hanya puluhan", loc)
    total = sum(i.file_size for i in infos)
    if total > limits.max_uncompressed:
        zf.close()
        raise InputError(f"isi arsip bila diurai {mb(total)}, melebihi batas {mb(limits.max_uncompressed)} "
                         f"(berkasnya sendiri {mb(p.stat().st_size)}); tidak dibaca", loc,
                         hint="buku kerja pemantauan biasa jauh lebih kecil; periksa asal berkas ini")
    for i in infos:
        if i.file_size > MB and i.compress_size and i.file_size / i.compress_size > limits.max_ratio:
            zf.close()
            raise InputError(f"bagian {i.filename} mengembang {n_id(i.file_size // max(i.compress_size, 1))}× bila "
                             "diurai (bom zip?); tidak dibaca", loc)
    return zf


def sheet_members(zf: zipfile.ZipFile, p: Path) -> list[tuple[str, str]]:
    """(sheet name, archive member) in workbook order."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
    try:
        wb = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError) as e:
        raise InputError(f"bukan buku kerja Excel .xlsx yang dapat dibaca ({type(e).__name__})", Location(str(p))) from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", ns)}
    out = []
    for s in wb.findall("m:sheets/m:sheet", ns):
        target = targets.get(s.get(f"{{{ns['r']}}}id"), "")
        if not target:
            continue
        member = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out.append((s.get("name") or "", member))
    return out


def scan_sheet(zf: zipfile.ZipFile, name: str, member: str, limits: Limits, p: Path) -> SheetScan:
    """The real extent of a sheet, the cells it holds and its merged ranges, streamed without parsing XML."""
    scan = SheetScan(name, member)
    loc = Location(f"{p}[{name}]")
    tail = b""
    try:
        fh = zf.open(member)
    except KeyError:
        raise InputError("lembar ini tidak ada di dalam arsip", loc) from None
    with fh:
        first = True
        while scan.cells <= limits.max_cells:
            chunk = fh.read(1 << 22)
            data = tail + chunk
            if first:
                m = _DIM.search(data[:4096])
                if m:
                    scan.declared = m.group(0).split(b'"')[1].decode("ascii", "replace")
                first = False
            cut = max(data.rfind(b"<"), 0) if chunk else len(data)
            body, tail = data[:cut], data[cut:]
            _scan_chunk(scan, body)
            if not chunk:
                break
    span = scan.max_row * max(scan.max_col, 1)
    empty = scan.max_row - scan.rows
    if (scan.cells > limits.max_cells or span > limits.max_cells or scan.max_col > limits.max_columns
            or empty > limits.max_empty_rows):
        last = f"{col_letters(scan.max_col)}{scan.max_row}" if scan.max_col > 26 else f"baris {n_id(scan.max_row)}"
        declared = f" (dinyatakan {scan.declared})" if scan.declared else ""
        raise InputError(
            f"lembar menjangkau sampai sel {last}{declared}: {n_id(scan.max_row)} baris × {n_id(scan.max_col)} kolom, "
            f"padahal hanya {n_id(scan.rows)} baris berisi; terlalu besar untuk data pemantauan (batas "
            f"{n_id(limits.max_cells)} sel, {limits.max_columns} kolom, {n_id(limits.max_empty_rows)} baris kosong)", loc,
            hint="hapus baris dan kolom kosong di bawah dan di kanan tabel, atau salin tabelnya ke buku kerja baru")
    return scan


_ROW_NUM = re.compile(rb'row r="(\d{1,7})"')
_MULTI = re.compile(rb' r="([A-Z]{2,3})\d')        # a column past Z; none in a narrow sheet, so one pass


def _scan_chunk(scan: SheetScan, body: bytes) -> None:
    """Cheap passes at C speed: row numbers, cells present, columns past Z; merged ranges."""
    nums = _ROW_NUM.findall(body)
    if nums:
        scan.rows += len(nums)
        scan.max_row = max(scan.max_row, int(max(nums, key=len_then_value)))
    scan.cells += body.count(b"<c ") + body.count(b"<c>") + body.count(b":c ")
    if scan.max_col < 26 and b' r="' in body:
        scan.max_col = 26       # an upper bound for single-letter columns, enough for the limits
    m = _MULTI.search(body)
    if m:
        scan.max_col = max(scan.max_col, max(col_index(x) for x in set(_MULTI.findall(body))))
    if b"mergeCell" in body:
        for m in _MERGE.finditer(body):
            scan.merges.append((int(m.group(2)), col_index(m.group(1)) - 1, int(m.group(4)),
                                col_index(m.group(3)) - 1))


def len_then_value(digits: bytes) -> tuple[int, bytes]:
    return len(digits), digits


@dataclass
class PreparedXlsx:
    """A workbook whose archive and sheets were checked, its sheets loading one after another in the
    background (python-calamine releases the GIL while it parses): the rows of one sheet are scored
    while the next is parsed, and the next file is prepared while this one is read."""

    path: Path
    scans: list[SheetScan]
    workbook: Any = None
    loads: list[Future] = field(default_factory=list)


_POOL: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aturan-xlsx")
    return _POOL


def _prepare(p: Path, limits: Limits, engine: str) -> PreparedXlsx:
    check_file(str(p), limits)
    zf = open_archive(p, limits)
    try:
        scans = [scan_sheet(zf, name, member, limits, p) for name, member in sheet_members(zf, p)]
    finally:
        zf.close()
    prep = PreparedXlsx(p, scans)
    if engine == "calamine" and _has_calamine():
        import python_calamine as pc
        try:
            prep.workbook = pc.CalamineWorkbook.from_path(str(p))
        except Exception as e:  # CalamineError, ZipError, XmlError, PasswordError ...
            raise InputError(f"bukan berkas Excel .xlsx yang dapat dibaca ({type(e).__name__}: {e})",
                             Location(str(p))) from None
        prep.loads = [_pool().submit(prep.workbook.get_sheet_by_name, s.name) for s in scans]
    return prep


def prepare_xlsx(path: str, limits: Limits, engine: str = "calamine") -> Future:
    """Start checking and loading a workbook in the background; its result (or InputError) comes with .result()."""
    return _pool().submit(_prepare, Path(path), limits, engine)


def xlsx_tables(p: Path, limits: Limits, engine: str = "calamine",
                prepared: Future | None = None) -> Iterator[RawTable]:
    prep = (prepared or prepare_xlsx(str(p), limits, engine)).result()
    if prep.workbook is not None:
        yield from _calamine_tables(prep)
    else:
        yield from _openpyxl_tables(p, prep.scans)


def _has_calamine() -> bool:
    try:
        import python_calamine  # noqa: F401  (declared; a missing wheel falls back to openpyxl)
    except ImportError:  # pragma: no cover
        return False
    return True


def _calamine_tables(prep: PreparedXlsx) -> Iterator[RawTable]:
    p = prep.path
    try:
        for scan, load in zip(prep.scans, prep.loads):
            try:
                sheet = load.result()
            except Exception as e:
                raise InputError(f"lembar tidak dapat dibaca ({type(e).__name__}: {e})", Location(f"{p}[{scan.name}]")) from None
            left = sheet.start[1] if sheet.start else 0

            def rows(sheet=sheet, left=left):
                # calamine gives "" for an empty cell, which every parser reads as empty; its iter_rows begins
                # at row 1 (an empty row for each above the first used one) and at the first used column
                for i, cells in enumerate(sheet.iter_rows(), start=1):
                    if any(cells) or any(c != "" for c in cells):
                        yield i, ([None] * left + cells) if left else cells
            yield RawTable(str(p), scan.name, "xlsx", rows(), merges=scan.merges)
    finally:
        for load in prep.loads:
            load.cancel()
        prep.workbook.close()


def _openpyxl_tables(p: Path, scans: list[SheetScan]) -> Iterator[RawTable]:
    import openpyxl
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise InputError(f"bukan berkas Excel .xlsx yang dapat dibaca ({type(e).__name__})", Location(str(p))) from None
    try:
        by_name = {s.name: s for s in scans}
        for ws in wb.worksheets:
            scan = by_name.get(ws.title)
            if scan is None:
                continue
            ws.reset_dimensions()   # never trust the declared dimension for padding; the scan bounded it

            def rows(ws=ws):
                for n, r in enumerate(ws.iter_rows(values_only=True), start=1):
                    cells = [None if c == "" else c for c in r]
                    if any(c is not None for c in cells):
                        yield n, cells
            yield RawTable(str(p), ws.title, "xlsx", rows(), merges=scan.merges)
    finally:
        wb.close()


def open_raw(path: str, limits: Limits, engine: str = "calamine", prepared: Future | None = None) -> Iterator[RawTable]:
    """The raw tables of one file (YAML/JSON are handled by the caller: their records are mappings)."""
    p = Path(path)
    ext = p.suffix.lower()
    if ext in (".csv", ".txt"):
        yield csv_table(p)
    elif ext in (".xlsx", ".xlsm"):
        yield from xlsx_tables(p, limits, engine, prepared)
    elif ext == ".xls":
        raise InputError("format .xls (Excel lama) tidak didukung; simpan ulang sebagai .xlsx", Location(path))
    else:
        raise InputError(f"jenis berkas {ext or '(tanpa akhiran)'} tidak dikenal; pakai .csv, .xlsx, .yaml atau .json",
                         Location(path))
