"""Monitoring files that would silently change the figures: each is read correctly, or rejected and counted.

Every file is generated here (no committed binaries). Expected counts are worked out from the rows written.
"""
import os
import time

import pytest

from monitoring_files import billion_laughs, workbook, zip_bomb

from aturan.scorecard.compute import compute
from aturan.scorecard.indicators import load_indicators
from aturan.scorecard.readers import template_columns

IND = load_indicators()
COLS_2A = template_columns(IND, "2a")
ENGINES = ("calamine", "openpyxl")


def row_2a(desa, bulan, reg, marks="Y"):
    """A 2a row in template column order: normal pregnancy, every indicator cell `marks`."""
    rec = {"desa": desa, "tahun": 2024, "bulan": bulan, "no_register": reg, "nama": f"Ibu {reg}",
           "status_kehamilan": "normal", "usia_kehamilan": 5}
    return [rec.get(c, marks if c in IND.columns("2a") else None) for c in COLS_2A]


def csv_text(rows, header=COLS_2A):
    return "\n".join(",".join("" if c is None else str(c) for c in r) for r in [header, *rows]) + "\n"


def counts(r):
    return r.rows_read, r.rows_used, r.rows_rejected


# ------------------------------------------------------------------ CSV
def test_unclosed_quote_costs_one_line_and_the_swallowed_lines_are_read_again(tmp_path):
    f = tmp_path / "kutip.csv"
    text = csv_text([row_2a("A", 1, "K1"), row_2a("A", 2, "K2"), row_2a("A", 3, "K3"), row_2a("A", 4, "K4")])
    lines = text.splitlines()
    lines[2] = lines[2].replace("Ibu K2", '"Ibu K2')      # line 3: a quote opened and never closed
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = compute([str(f)])
    assert not r.errors
    # 4 data lines: line 3 rejected, lines 2, 4 and 5 used (4 and 5 read again after the broken row)
    assert counts(r) == (4, 3, 1)
    rej = r.rejections[0]
    assert (rej.row, rej.sheet) == (3, None) and "tanda kutip" in rej.reason
    assert r.villages[0].periods["tahun"].ibu_hamil == 3           # K1, K3, K4


def test_a_quoted_line_break_in_a_well_formed_row_is_kept(tmp_path):
    f = tmp_path / "catatan.csv"
    rows = [row_2a("A", 1, "K1")]
    rows[0][COLS_2A.index("nama")] = '"Ibu\nSiti"'
    f.write_text(csv_text(rows), encoding="utf-8")
    r = compute([str(f)], detail="K1")
    assert counts(r) == (1, 1, 0)
    assert r.villages[0].periods["K1"].rows[0].nama == "Ibu Siti"


def test_a_cell_longer_than_the_csv_limit_is_reported_not_crashed(tmp_path):
    f = tmp_path / "panjang.csv"
    rows = [row_2a("A", 1, "K1"), row_2a("A", 2, "K2")]
    rows[0][COLS_2A.index("nama")] = '"' + "x" * 200_000 + '"'
    f.write_text(csv_text(rows), encoding="utf-8")
    r = compute([str(f)])
    assert counts(r) == (2, 1, 1)
    assert "131.072" in r.rejections[0].reason and r.rejections[0].row == 2


def test_rows_wider_or_narrower_than_the_header_are_rejected_with_their_row(tmp_path):
    f = tmp_path / "lebar.csv"
    wide = row_2a("A", 2, "K2") + ["Y"]
    narrow = row_2a("A", 3, "K3")[:-2]
    trailing = row_2a("A", 4, "K4") + [""]           # an empty cell past the header changes nothing
    f.write_text(csv_text([row_2a("A", 1, "K1"), wide, narrow, trailing]), encoding="utf-8")
    r = compute([str(f)])
    assert counts(r) == (4, 2, 2)
    got = {x.row: x.reason for x in r.rejections}
    n = len(COLS_2A)
    assert f"baris berisi {n + 1} sel, padahal judul kolom hanya {n}" in got[3]
    assert f"baris hanya berisi {n - 2} sel, padahal judul kolom ada {n}" in got[4]


@pytest.mark.parametrize("encoding,note", [("utf-16", "UTF-16 (tanda BOM"), ("utf-16-le", "UTF-16 (tanpa BOM)"),
                                           ("utf-16-be", "UTF-16 (tanpa BOM)"), ("cp1252", "Windows-1252"),
                                           ("utf-8-sig", None)])
def test_other_encodings_are_read_and_said(tmp_path, encoding, note):
    f = tmp_path / "desa.csv"
    f.write_bytes(csv_text([row_2a("Désa Gedé", 1, "K1"), row_2a("Désa Gedé", 2, "K2")]).encode(encoding))
    r = compute([str(f)])
    assert counts(r) == (2, 2, 0) and not r.errors
    assert r.villages[0].desa == "Désa Gedé"
    if note:
        assert any(note in w for w in r.warnings)


@pytest.mark.parametrize("content,reason", [
    (b"\x00\x01\x02\xff" * 100, "biner"),
    (b"desa,tahun\n\x81\x8d\x90 ,2024\n", "pengodean karakter"),
    (b"PK\x03\x04" + b"\x00" * 50, "arsip ZIP"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 50, ".xls"),
])
def test_files_that_are_not_text_are_refused_with_the_reason(tmp_path, content, reason):
    f = tmp_path / "data.csv"
    f.write_bytes(content)
    r = compute([str(f)])
    assert len(r.errors) == 1 and reason in str(r.errors[0])


# ------------------------------------------------------------------ what a path is, and its size
def test_fifo_directory_device_and_empty_file_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipa.csv"
    os.mkfifo(fifo)
    t0 = time.perf_counter()
    r = compute([str(fifo), str(tmp_path), "/dev/zero"])
    assert time.perf_counter() - t0 < 5
    msgs = [str(e) for e in r.errors]
    assert "pipa bernama" in msgs[0] and "ini folder" in msgs[1] and "perangkat" in msgs[2]
    empty = tmp_path / "kosong.csv"
    empty.write_text("", encoding="utf-8")
    assert "berkas kosong" in str(compute([str(empty)]).errors[0])


@pytest.fixture
def size_knob():
    """main() sets the size limit for the process; put the defaults back for the tests that follow."""
    from aturan.yamlio import configure_size_limit
    yield
    configure_size_limit(None)


def test_one_size_limit_for_monitoring_tables_siskeudes_and_dossiers(tmp_path, monkeypatch, capsys, size_knob):
    """--max-size (or ATURAN_MAX_SIZE_MB) is the limit of every file read, whatever its kind, before or after
    the command; without it a table may be 100 MB and a YAML file 10 MB."""
    from aturan.cli import main
    from aturan.scorecard.readers import Limits
    from aturan.yamlio import current_limits
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dossier = os.path.join(root, "rules", "oku_selatan", "contoh", "patuh.yaml")
    ta = os.path.join(root, "examples", "monitoring", "siskeudes_ta_kegiatan.csv")
    f = tmp_path / "desa.csv"
    f.write_text(csv_text([row_2a("A", m, f"K{t}") for t in range(30) for m in range(1, 13)]), encoding="utf-8")
    # the limits below sit under each file's size: 10 KB under the CSV's, 419 bytes under the others'
    assert os.path.getsize(f) > 12 * 1024 and min(os.path.getsize(dossier), os.path.getsize(ta)) > 500
    assert main(["scorecard", str(f), "--tahun", "2024"]) == 0
    capsys.readouterr()
    assert (Limits.current().max_bytes, current_limits().max_bytes) == (100 * 1024 * 1024, 10 * 1024 * 1024)

    # 0.01 MB = 10.485 bytes (10,2 KB): the monitoring CSV is refused, by the option before or after the command
    for argv in (["--max-size", "0.01", "scorecard", str(f)], ["scorecard", str(f), "--max-size", "0.01"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "berkas terlalu besar" in err and "batasnya 10,2 KB" in err and "--max-size" in err
    monkeypatch.setenv("ATURAN_MAX_SIZE_MB", "0.01")
    assert main(["scorecard", str(f)]) == 2
    assert "batasnya 10,2 KB" in capsys.readouterr().err
    # ... and so are a Siskeudes table and a dossier, under the same knob (0.0004 MB = 419 bytes)
    monkeypatch.setenv("ATURAN_MAX_SIZE_MB", "0.0004")
    assert main(["apb", ta]) == 2
    assert "berkas terlalu besar" in capsys.readouterr().err
    assert main(["check", dossier]) == 2
    assert "patuh.yaml: berkas terlalu besar" in capsys.readouterr().out   # the list of rejected dossiers
    # the option outranks the variable, and raising the limit reads the files again
    assert main(["--max-size", "1", "scorecard", str(f), "--tahun", "2024"]) == 0
    assert Limits.current().max_bytes == current_limits().max_bytes == 1024 * 1024


# ------------------------------------------------------------------ XLSX
@pytest.mark.parametrize("engine", ENGINES)
def test_merged_village_cells_are_read_as_shown_not_as_a_nameless_village(tmp_path, engine):
    """Column A merged over rows 2-4 shows 'Satu' on each; before, rows 3-4 made a phantom '(tanpa nama)'."""
    rows = [row_2a("Satu", 1, "K1"), row_2a(None, 1, "K2"), row_2a(None, 1, "K3"), row_2a("Dua", 1, "K4")]
    f = workbook(tmp_path / "gabung.xlsx", [COLS_2A, *rows], merges=["A2:A4"])
    r = compute([str(f)], engine=engine)
    assert counts(r) == (4, 4, 0)
    assert sorted((v.desa, v.periods["tahun"].ibu_hamil) for v in r.villages) == [("Dua", 1), ("Satu", 3)]
    assert any("sel gabungan A2:A4" in w for w in r.warnings)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_merge_across_columns_makes_its_rows_rejected(tmp_path, engine):
    rows = [row_2a("Satu", 1, "K1"), row_2a("Satu", 2, "K1"), row_2a("Satu", 3, "K1")]
    col = COLS_2A.index("periksa_kehamilan")
    from openpyxl.utils import get_column_letter
    ref = f"{get_column_letter(col + 1)}3:{get_column_letter(col + 2)}3"
    f = workbook(tmp_path / "gabung.xlsx", [COLS_2A, *rows], merges=[ref])
    r = compute([str(f)], engine=engine)
    assert counts(r) == (3, 2, 1)
    assert r.rejections[0].row == 3 and f"sel gabungan {ref}" in r.rejections[0].reason


def test_rows_without_a_village_next_to_named_ones_are_rejected_and_counted(tmp_path):
    f = tmp_path / "desa.csv"
    f.write_text(csv_text([row_2a("Satu", 1, "K1"), row_2a("", 1, "K2"), row_2a("Dua", 1, "K3")]), encoding="utf-8")
    r = compute([str(f)])
    assert counts(r) == (3, 2, 1)
    assert [v.desa for v in r.villages] == ["Dua", "Satu"]
    assert r.rejections[0].row == 3 and "nama desa kosong" in r.rejections[0].reason
    # one village with no name at all is that village (a file for one desa)
    g = tmp_path / "satu.csv"
    g.write_text(csv_text([row_2a("", 1, "K1"), row_2a("", 2, "K1")]), encoding="utf-8")
    assert counts(compute([str(g)])) == (2, 2, 0)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_sheet_spanning_a_million_empty_rows_is_refused_quickly(tmp_path, engine):
    workbook(tmp_path / "jarang.xlsx", [COLS_2A, row_2a("A", 1, "K1")], cell=(1_048_576, 3, "x"))
    t0 = time.perf_counter()
    r = compute([str(tmp_path / "jarang.xlsx")], engine=engine)
    assert time.perf_counter() - t0 < 3
    assert "1.048.576 baris" in str(r.errors[0]) and "hanya 3 baris berisi" in str(r.errors[0])


def test_a_cell_at_xfd_is_refused(tmp_path):
    workbook(tmp_path / "lebar.xlsx", [COLS_2A], cell=(2, 16384, "x"))
    r = compute([str(tmp_path / "lebar.xlsx")])
    assert "XFD2" in str(r.errors[0]) and "16.384 kolom" in str(r.errors[0])


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    f = zip_bomb(tmp_path / "bom.xlsx")
    assert f.stat().st_size < 200_000
    t0 = time.perf_counter()
    r = compute([str(f)])
    assert time.perf_counter() - t0 < 2
    assert "bom zip" in str(r.errors[0])


def test_a_file_named_xlsx_that_is_not_one(tmp_path):
    f = tmp_path / "bukan.xlsx"
    f.write_text("desa,tahun\n", encoding="utf-8")
    assert "bukan berkas Excel" in str(compute([str(f)]).errors[0])


# ------------------------------------------------------------------ YAML
def test_yaml_aliases_and_deep_nesting_are_refused_at_once(tmp_path):
    f = tmp_path / "lol.yaml"
    f.write_text(billion_laughs(), encoding="utf-8")
    t0 = time.perf_counter()
    r = compute([str(f)])
    assert time.perf_counter() - t0 < 1
    assert "alias YAML" in str(r.errors[0]) and str(r.errors[0]).startswith(f"{f}:1:")
    g = tmp_path / "dalam.yaml"
    g.write_text("2a: " + "[" * 50 + "]" * 50 + "\n", encoding="utf-8")
    assert "bersarang" in str(compute([str(g)]).errors[0])
