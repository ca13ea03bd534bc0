"""The yearly workbook a village prints and signs, and the template KPM fill in (read back, two-row headers).

Figures are those worked out by hand for tests/fixtures/scorecard/kecil.csv in tests/test_scorecard.py.
"""
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from aturan.cli import main
from aturan.scorecard.compute import compute
from aturan.scorecard.render import write_xlsx

ROOT = Path(__file__).resolve().parents[1]
KECIL = str(ROOT / "tests" / "fixtures" / "scorecard" / "kecil.csv")
PATUH = str(ROOT / "rules" / "oku_selatan" / "contoh" / "patuh.yaml")


def values(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def find_row(ws, first):
    return next(row for row in ws.iter_rows() if row[0].value == first or (len(row) > 1 and row[1].value == first))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    out = tmp_path_factory.mktemp("wb") / "formulir4.xlsx"
    code = main(["scorecard", KECIL, "--dossier", PATUH, "--desa", "Contoh", "--format", "xlsx", "-o", str(out)])
    assert code == 1          # kecil.csv has rejected rows
    return openpyxl.load_workbook(out)


def test_sheets_hold_everything_a_village_signs(book):
    # Formulir 4, the quarters with records (January-June: K1, K2), Formulir 1, the notes
    assert book.sheetnames == ["Contoh", "Contoh K1", "Contoh K2", "Contoh F1", "Catatan"]
    flat = [v for row in values(book["Contoh"]) for v in row if v is not None]
    assert "LAPORAN KONVERGENSI PENCEGAHAN STUNTING TINGKAT DESA" in flat
    assert "TINGKAT KONVERGENSI PER KUARTAL (FORMULIR BANTU)" in flat
    assert "REKONSILIASI DENGAN LAPORAN TAHUNAN (DOSIR)" in flat
    assert "Kepala Desa" in flat and "Kader Pembangunan Manusia (KPM)" in flat


def test_numbers_are_numbers_with_their_format(book):
    ws = book["Contoh"]
    total = find_row(ws, "Total tingkat konvergensi desa")
    # 23 received of 32 expected: 71.875 %, a number shown as 71.88
    assert [c.value for c in total[2:5]] == [23, 32, pytest.approx(71.875)]
    assert total[4].number_format == "0.00"
    # Tabel 5 from the dossier's APB: rupiah as numbers (190.000.000 for stunting), '#,##0'
    jumlah = find_row(ws, "Jumlah")
    assert jumlah[3].value == 190_000_000 and jumlah[3].number_format == "#,##0"
    assert not any(isinstance(c.value, str) and c.value.strip().isdigit() for row in ws.iter_rows() for c in row)


def test_printed_two_row_headers_and_the_chart(book):
    ws = book["Contoh"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # Tabel 1: "Ibu hamil" over TOTAL and KEK/Resti, "Jumlah total rumah tangga" over two rows
    hdr = next(c for row in ws.iter_rows() for c in row if c.value == "Ibu hamil")
    assert f"{hdr.coordinate}:{hdr.offset(column=1).coordinate}" in merged
    assert hdr.offset(row=1).value == "total" and hdr.offset(row=1, column=1).value == "KEK/Resti"
    assert len(ws._charts) == 1
    ch = ws._charts[0]
    assert len(ch.series) == 3      # ibu hamil, anak, total per quarter


def test_quarter_sheets_carry_3a_3b(book):
    ws = book["Contoh K1"]
    rows = values(ws)
    ani = next(r for r in rows if r[1] == "KIA-01")
    # Ani in Q1: Y Y TS Y Y Y T Y (tests/test_scorecard.py test_target_rows_for_the_detail_quarter)
    assert ani[6:14] == ["Y", "Y", "TS", "Y", "Y", "Y", "T", "Y"]
    k2 = values(book["Contoh K2"])
    ani2 = next(r for r in k2 if r[1] == "KIA-01")
    assert ani2[5] == dt.datetime(2024, 5, 10)         # tanggal melahirkan as a date


def test_formulir_1_sheet(book):
    rows = values(book["Contoh F1"])
    total = next(r for r in rows if r[0] == "Total")
    # households 3; Resti by the last status: 0; anak 2; gizi kurang 0, buruk 0, stunting 1 (Cici);
    # households whose last air mark is T: Budi (KIA-02), Cici (KIA-03) = 2; jamban 0; ibu without JKN 0;
    # anak without JKN 0; anak without akta: Bayi Ani = 1
    assert total[1:12] == [3, 0, 2, 0, 0, 1, 2, 0, 0, 0, 1]


def test_rekap_has_kecamatan_subtotals_and_the_kabupaten_total(tmp_path):
    f = tmp_path / "tiga.csv"
    f.write_text("kecamatan,desa,tahun,bulan,no_register,status_kehamilan,periksa_kehamilan,pil_fe,pemeriksaan_nifas,"
                 "konseling_gizi,kunjungan_rumah,air_bersih,jamban,jaminan_kesehatan\n"
                 "A,Satu,2024,1,K1,normal,Y,Y,TS,Y,TS,Y,Y,Y\n"        # 6 of 6
                 "A,Dua,2024,1,K2,normal,T,T,TS,T,TS,Y,Y,Y\n"         # 3 of 6
                 "B,Tiga,2024,1,K3,normal,Y,Y,TS,T,TS,T,T,T\n",       # 2 of 6
                 encoding="utf-8")
    res = compute([str(f)])
    out = tmp_path / "rekap.xlsx"
    write_xlsx(res, out, kabupaten="Kabupaten Contoh")
    ws = openpyxl.load_workbook(out)["Rekap"]
    rows = {r[1]: r for r in values(ws) if r[1]}
    # kecamatan A: (6 + 3) / (6 + 6) = 75 %; B: 2 / 6; kabupaten: 11 / 18
    assert rows["Jumlah Kecamatan A"][6] == pytest.approx(75.0)
    assert rows["Jumlah Kecamatan B"][6] == pytest.approx(100 * 2 / 6)
    assert rows["Jumlah kabupaten"][6:9] == [pytest.approx(100 * 11 / 18), 11, 18]
    assert rows["Jumlah kabupaten"][2] == 3


def test_formulir_1_in_text(capsys):
    main(["scorecard", KECIL, "--formulir", "1"])
    out = capsys.readouterr().out
    assert "FORMULIR 1. PENDATAAN KONDISI LAYANAN DAN REKAPITULASI STATUS SASARAN" in out
    assert "Formulir 1. Bagian 2. Ketersediaan layanan" in out


def test_a_printed_form_typed_as_it_is_two_header_rows_and_the_month_above(tmp_path):
    """Formulir 2a as in Lampiran IV: "Bulan : Maret" above, group titles over their columns."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "Formulir 2a"
    ws.append(["FORMULIR 2a. PEMANTAUAN BULANAN IBU HAMIL"])
    ws.append(["Bulan : Maret", None, None, None, None, "TAHUN : 2024"])
    ws.append(["No.", "No. Register KIA", "Nama Ibu", "Status Kehamilan (KEK/Resti)",
               "Hari Perkiraan Lahir (tgl/bln/th)", "Usia Kehamilan dan Persalinan", None,
               "Status Penerimaan indikator", None, None, None, None, None, None, None])
    ws.append([None, None, None, None, None, "Usia kehamilan (bulan)", "Tanggal Melahirkan (tgl/bln/th)",
               "Pemeriksaan Kehamilan", "Memperoleh dan Mengonsumsi Pil FE", "Pemeriksaan Nifas",
               "Konseling Gizi (Kelas Ibu Hamil)", "Kunjungan Rumah", "Kepemilikan Akses Air Bersih",
               "Kepemilikan Jamban", "Jaminan Kesehatan"])
    for m in ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3", "H3:O3"):
        ws.merge_cells(m)
    ws.append([1, "KIA-9", "Wati", "KEK", "20/06/2024", 6, None, "Y", "Y", "TS", "Y", "Y", "Y", "T", "Y"])
    f = tmp_path / "formulir_2a.xlsx"
    wb.save(f)
    r = compute([str(f)], detail="K1")
    assert not r.errors and not r.rejections and r.records_used == 1
    assert r.tahun == 2024
    row = r.villages[0].periods["K1"].rows[0]
    # March (from "Bulan : Maret"), 1 pregnant month: Y Y TS Y Y(KEK, visited) Y T Y
    assert row.statuses == ("Y", "Y", "TS", "Y", "Y", "Y", "T", "Y")
    assert r.sources[0][1] == "Formulir Lampiran IV"


def test_formulir_1_services_are_read_from_the_template_sheet(tmp_path):
    from aturan.scorecard.indicators import load_indicators
    from aturan.scorecard.template import write_template
    t = tmp_path / "templat.xlsx"
    write_template(t, load_indicators())
    wb = openpyxl.load_workbook(t)
    ws = wb["1 Ketersediaan Layanan"]
    for r, values_ in ((3, ["Contoh", 1, "Posyandu Melati", "Y", "Y", "T", "Y", "Y", "Y", "Y", "T"]),
                       (4, ["Contoh", 2, "PAUD Ceria", "T", "T", "T", "T", "T", "T", "T", "Y"]),
                       (5, ["Contoh", 3, "Pustu", "Y", "ya?", "T", "Y", "T", "T", "T", "T"])):
        for k, v in enumerate(values_, start=1):
            ws.cell(row=r, column=k, value=v)
    wb.save(t)
    res = compute([KECIL, str(t)])
    v = res.village("Contoh")
    assert [s["nama"] for s in res.services(v)] == ["Posyandu Melati", "PAUD Ceria"]
    assert res.services(v)[0]["layanan"]["pemeriksaan_nifas"] is False
    assert res.services(v)[1]["layanan"]["paud"] is True
    bad = next(x for x in res.rejections if x.file == str(t))
    assert (bad.sheet, bad.row, bad.column) == ("1 Ketersediaan Layanan", 5, "Pemberian Pil FE")


def test_cells_past_the_header_in_a_sheet_cost_the_row(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["desa", "tahun", "bulan", "no_register", "status_kehamilan", "periksa_kehamilan"])
    ws.append(["A", 2024, 1, "K1", "normal", "Y"])
    ws.append(["A", 2024, 2, "K1", "normal", "Y", "Y"])      # a seventh cell with no header
    f = tmp_path / "lebar.xlsx"
    wb.save(f)
    r = compute([str(f)])
    assert (r.rows_read, r.rows_used, r.rows_rejected) == (2, 1, 1)
    assert r.rejections[0].row == 3 and "sel ke-7 tidak berjudul" in r.rejections[0].reason
