"""Property-based tests of the monitoring readers: random rows and cells never crash the scorecard.

Whatever the file holds, compute() returns: files it cannot use are AturanErrors with a location,
rows it cannot use are rejections with file and row, and every row read is either used or rejected.
The budget is fixed (derandomized, ATURAN_FUZZ_EXAMPLES examples per test, 40 by default) so CI
always runs the same cases in bounded time; raise it locally for a longer hunt.
"""
import csv
import datetime as dt
import io
import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from aturan.errors import AturanError
from aturan.scorecard.compute import compute
from aturan.scorecard.indicators import load_indicators
from aturan.scorecard.readers import template_columns

IND = load_indicators()
COLUMNS = sorted({c for f in ("2a", "2b", "2c") for c in template_columns(IND, f)} | {"formulir", "kecamatan"} |
                 {"Nama Layanan", "Imunisasi", "GIZI", "PAUD", "No KIA", "Kategori Usia", "Januari", "Maret"})
BUDGET = settings(max_examples=int(os.environ.get("ATURAN_FUZZ_EXAMPLES", "40")), deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

text_cells = st.one_of(
    st.sampled_from(["Y", "T", "TS", "v", "x", "-", "", "2a", "2b", "2c", "2024", "13", "0", "-1", "1e309", "nan",
                     "Maret", "2024-02-30", "31/12/2024", "15 Maret 2024", "KEK", "kek/resti", "GB", "H", "TD",
                     "TIDAK DIKETAHUI", "3 - 6", "Desa A", "K-1", '"', '""', ",", ";", "\t", "\n", "\r\n", "é",
                     "\u200b", "\ufeff", "9" * 40]),
    st.text(max_size=12),
)
typed_cells = st.one_of(text_cells, st.none(), st.booleans(), st.integers(-10**12, 10**12),
                        st.floats(allow_nan=False, allow_infinity=False),
                        st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
headers = st.lists(st.one_of(st.sampled_from(COLUMNS), st.text(max_size=8)), min_size=1, max_size=14)


def check(result, path):
    assert all(isinstance(e, AturanError) for e in result.errors)
    for r in result.rejections:
        assert r.file == str(path) and r.row is not None and r.row >= 1 and r.reason
    if not result.errors:
        assert result.rows_read == result.rows_used + result.rows_rejected
        for v in result.villages:
            for p in v.periods.values():
                for s in p.indicators:
                    assert 0 <= s.received <= s.expected <= s.targets


@BUDGET
@given(head=headers, rows=st.lists(st.lists(text_cells, max_size=16), max_size=12),
       delim=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONE]))
def test_random_csv_never_crashes(tmp_path_factory, head, rows, delim, encoding, quoting):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, quoting=quoting, escapechar="\\")
    for r in [head, *rows]:
        try:
            w.writerow(r)
        except csv.Error:          # a row the csv module itself cannot write (QUOTE_NONE, one empty cell)
            assume(False)
    path = tmp_path_factory.mktemp("fuzz") / "data.csv"
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
    check(compute([str(path)], tahun=2024), path)


@BUDGET
@given(lines=st.lists(st.lists(text_cells, max_size=10).map(",".join), min_size=1, max_size=15))
def test_raw_lines_with_stray_quotes_never_crash(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("fuzz") / "data.csv"
    path.write_text("\n".join([",".join(COLUMNS[:10]), *lines]) + "\n", encoding="utf-8")
    check(compute([str(path)], tahun=2024, bulan=3), path)


@BUDGET
@given(head=headers, rows=st.lists(st.lists(typed_cells, max_size=16), max_size=10),
       engine=st.sampled_from(["calamine", "openpyxl"]))
def test_random_xlsx_never_crashes(tmp_path_factory, head, rows, engine):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    for r in [head, *rows]:
        ws.append([_cell(c) for c in r])
    path = tmp_path_factory.mktemp("fuzz") / "data.xlsx"
    wb.save(path)
    check(compute([str(path)], tahun=2024, bulan=5, engine=engine), path)


def _cell(c):
    if isinstance(c, str):
        # openpyxl refuses control characters other than tab/newline in a cell
        return "".join(ch for ch in c if ch in "\t\n\r" or ord(ch) >= 32)
    return c


@BUDGET
@given(records=st.lists(st.dictionaries(st.sampled_from(COLUMNS), typed_cells, max_size=10), max_size=10))
def test_random_json_records_never_crash(tmp_path_factory, records):
    import json
    path = tmp_path_factory.mktemp("fuzz") / "data.json"
    path.write_text(json.dumps({"2a": records}, default=str), encoding="utf-8")
    check(compute([str(path)], tahun=2024), path)


@BUDGET
@given(layout=st.sampled_from(["ibu_hamil", "anak", "paud"]),
       rows=st.lists(st.lists(typed_cells, min_size=10, max_size=20), max_size=8),
       bulan=st.one_of(st.none(), st.integers(1, 12)))
def test_random_rows_under_an_opensid_header_never_crash(tmp_path_factory, layout, rows, bulan):
    """OpenSID's exact headers (so the positional reader claims the sheet) over random rows."""
    from openpyxl import Workbook

    from aturan.scorecard.readers import opensid
    head = {"ibu_hamil": opensid.IBU_HAMIL, "anak": opensid.ANAK, "paud": opensid.PAUD}[layout].headers
    wb = Workbook()
    ws = wb.active
    for r in [list(head), *rows]:
        ws.append([_cell(c) for c in r])
    path = tmp_path_factory.mktemp("fuzz") / f"laporan_{layout}_05_02_2024.xlsx"
    wb.save(path)
    check(compute([str(path)], tahun=2024, bulan=bulan), path)
