"""A large sheet is parsed by python-calamine piece by piece (files.PIECE bytes of XML, cut after whole rows)
while the rows before are scored: the cells must be exactly those of the sheet parsed whole, no row shifted.

Every workbook here is read twice: by python-calamine on the whole sheet (the reader before pieces) and by
aturan's reader with pieces of a few hundred bytes, so that every workbook is cut many times; the rows must
be the same cells under the same row numbers.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import python_calamine as pc

import opensid_ekspor as ox
from aturan.scorecard import compute
from aturan.scorecard.indicators import load_indicators
from aturan.scorecard.readers import files
from aturan.scorecard.template import write_template
from monitoring_files import workbook
from xlsx_raw import MAIN, write_xlsx

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "monitoring"


def whole(path: Path) -> dict[str, list]:
    """Every sheet parsed whole by python-calamine, rows as aturan read them before (empty rows left out)."""
    wb = pc.CalamineWorkbook.from_path(str(path))
    out = {}
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        left = sheet.start[1] if sheet.start else 0      # iter_rows starts at row 1, at the first used column
        out[name] = [(n, same([None] * left + cells)) for n, cells in enumerate(sheet.iter_rows(), start=1)
                     if any(c not in ("", None) or c == 0 for c in cells)]
    wb.close()
    return out


def pieced(path: Path) -> dict[str, list]:
    return {t.name: [(n, same(cells)) for n, cells in t.rows]
            for t in files.open_raw(str(path), files.Limits.current())}


def same(cells: list) -> list:
    """An empty cell is None left of a sheet's first column and "" elsewhere; both read as empty everywhere.
    A row ends at its last filled cell."""
    cells = ["" if c is None else c for c in cells]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(files, "PIECE", 256)   # a piece is cut after the first </row> past 256 bytes


def corpus(d: Path) -> list[Path]:
    ind = load_indicators()
    out = [EXAMPLES / "templat_pemantauan.xlsx"]
    template = d / "templat.xlsx"
    write_template(template, ind)
    out.append(template)
    rows = [["desa", "tahun", "bulan", "no_register", "periksa_kehamilan"],
            ["Satu", 2024, 1, "K1", "Y"], [None, 2024, 1, "K2", "T"], [None, 2024, 2, "K3", "TS"], ["Dua", 2024, 3, "K4", 2]]
    out.append(workbook(d / "gabung.xlsx", rows, merges=["A2:A4", "E5:F5"], cell=(40, 9, "jauh")))
    # OpenSID's three exports, written cell by cell as Stunting.php writes them (tests/opensid_ekspor.py)
    ibu = {"no_kia": "3301", "nama": "Siti & Ani <KEK>", "status_kehamilan": 3, "hari_perkiraan_lahir": dt.date(2024, 5, 2),
           "usia_kehamilan": 6, "tanggal_melahirkan": None, "pemeriksaan_kehamilan": 1, "konsumsi_pil_fe": 0,
           "pemeriksaan_nifas": 0, "konseling_gizi": 1, "kunjungan_rumah": 1, "akses_air_bersih": 1,
           "kepemilikan_jamban": 0, "jaminan_kesehatan": 1}
    out.append(ox.tulis(d, "Ibu Hamil", ox.JUDUL_IBU_HAMIL, [ox.baris_ibu_hamil(ibu)] * 30, dt.date(2024, 3, 4)))
    # as OpenSID's OpenSpout writes (inline strings) and as Excel saves (shared strings): numbers, dates
    # under date styles, booleans, entities, control characters, leading spaces, missing cells, a first
    # empty column, many sheets
    data = [["desa", "tahun", "bulan", "no_register", "nama", "tanggal_lahir", "ada"]]
    for i in range(60):
        data.append([f"Desa {i % 3}", 2024, i % 12 + 1, f"R{i:03d}", f"  Nama 'ke' \"{i}\" & <x>\r\n\t",
                     dt.date(2023, 1, 1) + dt.timedelta(days=i), i % 2 == 0])
    data.append([None, None, None, "R-gap", None, dt.datetime(2024, 2, 29, 13, 45), None])
    data.append([None] * 7)
    data.append(["", "", 0, 0.5, -0.0, 1e20, False])
    shifted = [[None] + r for r in data[:20]]
    for shared in (False, True):
        out.append(write_xlsx(d / f"raw_{shared}.xlsx", {"2a": data, "geser": shifted, "kosong": []}, shared=shared))
    return out


def raw_sheet(body: str, extra: str = "", prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    ns = f' xmlns:{prefix}="{MAIN}"' if prefix else f' xmlns="{MAIN}"'
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet{ns}><{p}dimension ref="A1:C9"/>'
            f"<{p}sheetData>{body}</{p}sheetData>{extra}</{p}worksheet>")


HOSTILE = {
    # rows and cells out of order, a cell missing, a reference repeated
    "urutan": raw_sheet('<row r="3"><c r="C3"><v>3</v></c><c r="A3" t="inlineStr"><is><t>c</t></is></c></row>'
                        '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="A1"><v>9</v></c></row>'
                        '<row r="5"><c r="B5" t="inlineStr"><is><t>&#x41;&amp;&#66;</t></is></c></row>'),
    # rows in order, cells within them not: each row is in one piece, placed by its references
    "sel_acak": raw_sheet("".join(f'<row r="{n}"><c r="C{n}"><v>{n}</v></c><c r="A{n}" t="inlineStr"><is><t>a{n}</t>'
                                  f'</is></c><c r="A{n}"><v>{-n}</v></c><c r="E{n}" t="b"><v>0</v></c></row>'
                                  for n in range(2, 40, 3))),
    # formulas with cached values, rich text runs, xml:space, an empty value, a self-closed cell
    "rumus": raw_sheet('<row r="1"><c r="A1"><f>1+2</f><v>3</v></c><c r="B1" t="str"><f>"x"</f><v>x</v></c>'
                       '<c r="C1"><f>1/0</f><v></v></c></row>'
                       '<row r="2"><c r="A2" t="inlineStr"><is><r><t>ab</t></r><r><rPr><b/></rPr>'
                       '<t xml:space="preserve"> cd </t></r></is></c><c r="B2" s="0"/><c r="C2" t="b"><v>1</v></c></row>',
                       '<mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells>'),
    # text that holds '</row>' inside CDATA: the sheet is never cut there
    "cdata": raw_sheet('<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a</row>b]]></t></is></c></row>'
                       '<row r="2"><c r="A2"><v>2</v></c></row>'),
    # a namespace prefix on every element
    "awalan": raw_sheet('<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c></x:row>'
                        '<x:row r="2"><x:c r="B2"><x:v>7</x:v></x:c></x:row>', prefix="x"),
    "tanpa_baris": f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData/></worksheet>',
    "baris_kosong": raw_sheet('<row r="1"/><row r="2" spans="1:3"></row><row r="4"><c r="C4"><v>1</v></c></row>'),
}


def test_every_workbook_reads_the_same_cells_in_pieces_as_whole(tmp_path, small_pieces, monkeypatch):
    parsed = []
    parse = files._parse_piece
    monkeypatch.setattr(files, "_parse_piece", lambda *a: parsed.append(a[1].name) or parse(*a))
    books = corpus(tmp_path)
    books.append(write_xlsx(tmp_path / "hostile.xlsx", {}, raw_sheets=HOSTILE))
    for book in books:
        expected = whole(book)
        got = pieced(book)
        assert got == expected, book.name
        assert sum(len(rows) for rows in got.values()) > 0 or book.name == "hostile.xlsx"
    # the hostile sheets read as python-calamine reads them: spot-checked by hand
    got = pieced(tmp_path / "hostile.xlsx")
    assert got["urutan"] == [(1, [9.0]), (3, ["c", "", 3.0]), (5, ["", "A&B"])]
    assert got["rumus"] == [(1, [3.0, "x"]), (2, ["ab cd ", "", True])]
    assert got["cdata"] == [(1, ["a</row>b"]), (2, [2.0])]
    assert got["awalan"] == [(1, ["p"]), (2, ["", 7.0])]
    assert got["tanpa_baris"] == []
    assert got["baris_kosong"] == [(4, ["", "", 1.0])]
    assert got["sel_acak"][0] == (2, [-2.0, "", 2.0, "", False])
    # the long sheets were really cut, many pieces each; rows out of order are never cut
    assert parsed.count("2a") > 10 and parsed.count("sel_acak") > 6 and parsed.count("urutan") == 2   # read twice: one piece each time


def test_a_sheet_cut_in_many_pieces_gives_the_scorecard_of_the_csv(tmp_path, small_pieces):
    """The same rows from CSV and from a workbook read in pieces of 256 bytes: the same scorecards and the same
    rejection, at the same row."""
    header = ["desa", "tahun", "bulan", "no_register", "periksa_kehamilan", "pil_fe", "kunjungan_rumah"]
    rows = [[f"Desa {v}", 2024, m, f"K{v}-{t}", "Y" if (v + t + m) % 3 else "T", "Y", "T" if m % 4 else "Y"]
            for v in range(3) for t in range(4) for m in range(1, 13)]
    rows[17][2] = "Maretz"           # a month that is no month: row 19 of both files is rejected
    csv_path = tmp_path / "ibu_hamil.csv"
    csv_path.write_text("\n".join(",".join(str(c) for c in r) for r in [header, *rows]) + "\n", encoding="utf-8")
    book = write_xlsx(tmp_path / "ibu_hamil.xlsx", {"2a": [header, *rows]})
    a, b = compute([str(csv_path)]), compute([str(book)])
    assert not a.errors and not b.errors
    assert [(r.row, r.column) for r in a.rejections] == [(r.row, r.column) for r in b.rejections] == [(19, "bulan")]
    assert a.records_used == b.records_used == 3 * 4 * 12 - 1
    for va, vb in zip(a.villages, b.villages, strict=True):
        assert va.desa == vb.desa
        for key in va.periods:
            pa, pb = va.periods[key], vb.periods[key]
            assert (pa.total_received, pa.total_expected) == (pb.total_received, pb.total_expected)
            assert [(i.received, i.not_applicable) for i in pa.indicators] == \
                   [(i.received, i.not_applicable) for i in pb.indicators]


def test_limits_still_refuse_a_sheet_read_in_pieces(tmp_path, small_pieces):
    """The extent checks run on the kept pieces as they did on the streamed sheet: refused before a row is read."""
    rows = [["desa", "tahun", "bulan", "no_register"], ["A", 2024, 1, "K1"]]
    workbook(tmp_path / "jarang.xlsx", rows, cell=(1_048_576, 3, "x"))
    r = compute([str(tmp_path / "jarang.xlsx")])
    assert "1.048.576 baris" in str(r.errors[0]) and "hanya 3 baris berisi" in str(r.errors[0])
    assert r.records_used == 0


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_table_below_empty_rows_is_located_at_its_own_rows(tmp_path, engine):
    """Two empty rows above the header: the bad month is on row 5 of the sheet, as Excel shows it (before,
    python-calamine's rows were numbered from the first used row, and the rejection said row 7)."""
    rows = [[], [], ["desa", "tahun", "bulan", "no_register", "periksa_kehamilan"],
            ["Satu", 2024, 1, "K1", "Y"], ["Satu", 2024, 13, "K2", "Y"]]
    r = compute([str(workbook(tmp_path / "bawah.xlsx", rows))], engine=engine)
    assert [(x.row, x.column) for x in r.rejections] == [(5, "bulan")]
