"""OpenSID exports read exactly as OpenSID writes them, scored under the regulation's and OpenSID's countings.

The files are written by tests/opensid_ekspor.py cell by cell as OpenSID/OpenSID
donjo-app/controllers/Stunting.php@042e479ead412ef81f3fc0885c1fd493d873d0cd does (13 headers and 14 values
for ibu hamil, 18 and 19 for anak, 16 and 16 for PAUD), from the database rows below. Desa Sukamaju, 2024,
January-March (one export per month), and the PAUD export of the year.

Ibu hamil (status 1 NORMAL, 2 RISTI, 3 KEK, None '-'), marks in the order periksa / pil Fe / nifas /
konseling / kunjungan / air / jamban / jaminan (1 v, 0 x):
  M1 Siti 3201-001   KEK; usia Jan 5, Feb 6, Mar 7; not delivered
       Jan 1 1 0 1 1 1 0 1   Feb 0 1 0 0 1 1 0 1   Mar 1 1 0 1 0 0 1 1
  M2 Rina 3201-002   Jan RISTI usia 8; delivered 2024-02-10 (written on the Feb and Mar rows), then NORMAL
       Jan 1 1 0 1 0 1 1 1   Feb 0 0 1 0 0 1 1 1   Mar 0 0 1 0 0 1 1 1
  M3 Dewi 3201-003   RISTI; usia Feb 2, Mar 3
       Feb 1 0 0 0 0 0 0 0   Mar 0 1 0 1 1 0 0 0
  M4 Lina 3201-004   status not recorded ('-'); usia Mar 4
       Mar 1 1 0 1 0 1 1 1
Anak (gizi 1 N, 2 GK, 4 S; tikar 1 TD, 2 M, 3 K, 4 H), marks imunisasi / berat / tinggi / konseling ayah /
konseling ibu / kunjungan / air / jamban / akta / jaminan / pengasuhan:
  A1 Bayi Rina 3201-002 P, born 2024-02-10: Feb umur 0 N TD 1 1 1 0 1 0 1 1 0 1 0;  Mar umur 1 N H 1 1 0 1 0 0 1 1 1 1 0
  A2 Tono 3201-005 L, born 2022-11-15, S:  Jan umur 14 M 0 1 1 0 1 1 0 1 1 1 1;  Feb 15 M 0 1 0 0 1 0 0 1 1 1 0;
                                           Mar 16 TD 0 0 0 1 0 1 1 1 1 1 1
  A3 Ayu 3201-006 sex not recorded, born 2023-10-05: Jan umur 3 GK K 1 1 0 0 0 1 1 0 0 0 1;
                                           Feb 4 N H 1 1 1 0 0 1 1 0 0 0 1;  Mar 5 N H 1 1 0 0 1 0 1 0 1 1 1
PAUD 2024 (1 '-', 2 v, 3 x): P1 Budi 3-6 th: v v x v v v v v v v - -;  P2 Cici 2-<3 th: - - - v x x v v x v v v
"""
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest

import opensid_ekspor as ox
from aturan.cli import main
from aturan.scorecard.compute import compute
from aturan.scorecard.indicators import choose_indicators
from aturan.scorecard.readers import Context, mapper_for, open_tables

D = dt.date
MARK_IBU = ("pemeriksaan_kehamilan", "konsumsi_pil_fe", "pemeriksaan_nifas", "konseling_gizi", "kunjungan_rumah",
            "akses_air_bersih", "kepemilikan_jamban", "jaminan_kesehatan")
MARK_ANAK = ("pemberian_imunisasi_dasar", "pengukuran_berat_badan", "pengukuran_tinggi_badan", "konseling_gizi_ayah",
             "konseling_gizi_ibu", "kunjungan_rumah", "air_bersih", "kepemilikan_jamban", "akta_lahir",
             "jaminan_kesehatan", "pengasuhan_paud")


def ibu(no, nama, status, hpl, usia, lahir, marks):
    return {"no_kia": no, "nama": nama, "status_kehamilan": status, "hari_perkiraan_lahir": hpl,
            "usia_kehamilan": usia, "tanggal_melahirkan": lahir, **dict(zip(MARK_IBU, marks))}


def anak(no, nama, sex, born, gizi, umur, tikar, marks):
    return {"no_kia": no, "nama": nama, "sex": sex, "tanggallahir": born, "status_gizi": gizi, "umur_bulan": umur,
            "status_tikar": tikar, **dict(zip(MARK_ANAK, marks))}


IBU = {
    1: [ibu("3201-001", "Siti", 3, D(2024, 6, 20), 5, None, (1, 1, 0, 1, 1, 1, 0, 1)),
        ibu("3201-002", "Rina", 2, D(2024, 2, 15), 8, None, (1, 1, 0, 1, 0, 1, 1, 1))],
    2: [ibu("3201-001", "Siti", 3, D(2024, 6, 20), 6, None, (0, 1, 0, 0, 1, 1, 0, 1)),
        ibu("3201-002", "Rina", 1, D(2024, 2, 15), None, D(2024, 2, 10), (0, 0, 1, 0, 0, 1, 1, 1)),
        ibu("3201-003", "Dewi", 2, D(2024, 9, 25), 2, None, (1, 0, 0, 0, 0, 0, 0, 0))],
    3: [ibu("3201-001", "Siti", 3, D(2024, 6, 20), 7, None, (1, 1, 0, 1, 0, 0, 1, 1)),
        ibu("3201-002", "Rina", 1, D(2024, 2, 15), None, D(2024, 2, 10), (0, 0, 1, 0, 0, 1, 1, 1)),
        ibu("3201-003", "Dewi", 2, D(2024, 9, 25), 3, None, (0, 1, 0, 1, 1, 0, 0, 0)),
        ibu("3201-004", "Lina", None, D(2024, 8, 1), 4, None, (1, 1, 0, 1, 0, 1, 1, 1))],
}
ANAK = {
    1: [anak("3201-005", "Tono", 1, D(2022, 11, 15), 4, 14, 2, (0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1)),
        anak("3201-006", "Ayu", None, D(2023, 10, 5), 2, 3, 3, (1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1))],
    2: [anak("3201-002", "Bayi Rina", 2, D(2024, 2, 10), 1, 0, 1, (1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0)),
        anak("3201-005", "Tono", 1, D(2022, 11, 15), 4, 15, 2, (0, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0)),
        anak("3201-006", "Ayu", None, D(2023, 10, 5), 1, 4, 4, (1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1))],
    3: [anak("3201-002", "Bayi Rina", 2, D(2024, 2, 10), 1, 1, 4, (1, 1, 0, 1, 0, 0, 1, 1, 1, 1, 0)),
        anak("3201-005", "Tono", 1, D(2022, 11, 15), 4, 16, 1, (0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1)),
        anak("3201-006", "Ayu", None, D(2023, 10, 5), 1, 5, 4, (1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 1))],
}
PAUD = [{"no_kia": "3201-007", "nama": "Budi", "sex": 1, "kategori_usia": 2, "bulan": [2, 2, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1]},
        {"no_kia": "3201-008", "nama": "Cici", "sex": 2, "kategori_usia": 1, "bulan": [1, 1, 1, 2, 3, 3, 2, 2, 3, 2, 2, 2]}]
BULAN = {1: "januari", 2: "februari", 3: "maret"}


def write_exports(folder: Path, fmt: str = "xlsx") -> list[str]:
    """The seven exports; the monthly files renamed with their month, as docs/scorecard.md tells the user to
    (OpenSID names them by the export day only, and the children's ages fit two months each, below)."""
    files = []
    for m, rows in IBU.items():
        p = ox.tulis(folder, "Laporan Bulanan Ibu Hamil", ox.JUDUL_IBU_HAMIL, [ox.baris_ibu_hamil(r) for r in rows],
                     D(2024, m + 1, 5), fmt)
        files.append(with_month(p, "ibu_hamil_", m))
    for m, rows in ANAK.items():
        p = ox.tulis(folder, "Laporan Bulanan Anak", ox.JUDUL_ANAK, [ox.baris_anak(r) for r in rows], D(2024, m + 1, 6), fmt)
        files.append(with_month(p, "anak_", m))
    files.append(str(ox.tulis(folder, "Laporan Sasaran Paud", ox.JUDUL_PAUD, [ox.baris_paud(r) for r in PAUD],
                              D(2024, 12, 30), fmt)))
    return files


def with_month(p: Path, after: str, month: int) -> str:
    named = p.with_name(p.name.replace(after, f"{after}{BULAN[month]}_"))
    p.rename(named)
    return str(named)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    return write_exports(tmp_path_factory.mktemp("opensid"))


def by_id(period):
    return {s.indicator.id: (s.received, s.expected) for s in period.indicators}


def test_the_files_are_laid_out_as_opensid_writes_them(exports):
    ws = openpyxl.load_workbook(exports[0]).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert Path(exports[0]).name == "laporan_bulanan_ibu_hamil_januari_05_02_2024.xlsx"
    assert len([c for c in rows[0] if c is not None]) == 13        # $judul
    assert len([c for c in rows[1] if c is not None]) == 14        # $data
    assert rows[1][9] == "v" and rows[0][9] == "Kunjungan Rumah"   # konseling (v) under "Kunjungan Rumah"


def test_first_row_cell_by_cell(exports):
    """Siti's January row: every cell lands in its field, including the 14th with no header."""
    ctx = Context(tahun=2024, tahun_explicit=True)
    ind = choose_indicators("regulasi")
    table = next(open_tables(exports[0], ind, ctx))
    mapper = mapper_for(table, ind, ctx)
    assert "eksporIbuHamil()" in mapper.source and "042e479e" in mapper.source
    n, cells = next(table.rows)
    assert n == 2
    rec = mapper.convert(cells)[0]
    assert (rec["no_register"], rec["nama"], rec["status_kehamilan"]) == ("3201-001", "Siti", "kek")
    assert (rec["hpl"], rec["usia_kehamilan"], rec["tanggal_melahirkan"]) == (D(2024, 6, 20), 5, None)
    assert (rec["tahun"], rec["bulan"]) == (2024, 1)          # month from the renamed file, year from --tahun
    marks = dict(zip([i.column for i in ind.for_form("2a")], rec["marks"]))
    # cells 7-14: v v x v(konseling, no header) v(kunjungan) v(air) x(jamban) v(jaminan)
    assert marks == {"periksa_kehamilan": ("Y", 1.0), "pil_fe": ("Y", 30.0), "pemeriksaan_nifas": ("T", 0.0),
                     "konseling_gizi": ("Y", 1.0), "kunjungan_rumah": ("Y", 1.0), "air_bersih": ("Y", 1.0),
                     "jamban": ("T", 0.0), "jaminan_kesehatan": ("Y", 1.0)}


def test_first_child_row_cell_by_cell(exports):
    """Tono's January row: 19 values; the 11th ($row->konseling_gizi, always x) is skipped, 12-19 follow."""
    ctx = Context(tahun=2024, tahun_explicit=True)
    ind = choose_indicators("regulasi")
    table = next(open_tables(exports[3], ind, ctx))
    mapper = mapper_for(table, ind, ctx)
    rec = mapper.convert(next(table.rows)[1])[0]
    assert (rec["no_register"], rec["jenis_kelamin"], rec["tanggal_lahir"]) == ("3201-005", "L", D(2022, 11, 15))
    assert (rec["status_gizi"], rec["umur_bulan"], rec["hasil_tikar"], rec["bulan"]) == ("stunting", 14, "M", 1)
    marks = dict(zip([i.column for i in ind.for_form("2b")], rec["marks"]))
    # imunisasi x, berat v, tinggi v, konseling ayah x / ibu v -> Y, kunjungan v, air x, jamban v, akta v,
    # jaminan v, pengasuhan v
    assert {k: v[0] for k, v in marks.items()} == {
        "imunisasi_dasar": "T", "timbang_berat": "Y", "ukur_tinggi": "Y", "konseling_gizi": "Y",
        "kunjungan_rumah": "Y", "air_bersih": "T", "jamban": "Y", "akta_lahir": "Y", "jaminan_kesehatan": "Y",
        "pengasuhan_paud": "Y"}


def test_first_paud_row_cell_by_cell(exports):
    """Budi's row of the PAUD export: 16 cells, one record per month; '-' (belum) is no record, not T."""
    ctx = Context(tahun=2024, tahun_explicit=True)
    ind = choose_indicators("regulasi")
    table = next(open_tables(exports[-1], ind, ctx))
    mapper = mapper_for(table, ind, ctx)
    assert "eksporPaud()" in mapper.source
    n, cells = next(table.rows)
    assert n == 2 and len(cells) == 16
    recs = mapper.convert(cells)
    assert {(r["no_register"], r["nama"], r["jenis_kelamin"], r["kategori_usia"], r["tahun"]) for r in recs} == \
        {("3201-007", "Budi", "L", "3-6", 2024)}
    # Januari..Desember: v v x v v v v v v v - -  -> ten months, March not received, November/December none
    assert [(r["bulan"], r["marks"][0][0]) for r in recs] == [(m, "T" if m == 3 else "Y") for m in range(1, 11)]


def test_regulation_counting(exports):
    r = compute(exports, tahun=2024, desa="Sukamaju", detail="K1")
    assert not r.errors and not r.rejections
    assert r.rows_read == 2 + 3 + 4 + 2 + 3 + 3 + 2
    p = r.villages[0].periods["K1"]
    # households: 001, 002 (Rina and her baby share a KIA), 003, 004, 005, 006
    # KEK/Resti in some month: Siti, Rina (January), Dewi; gizi kurang/buruk/stunting: Tono (S), Ayu (GK in Jan)
    assert (p.rumah_tangga, p.ibu_hamil, p.kek_resti, p.anak_0_23, p.gizi_bermasalah) == (6, 4, 3, 3, 2)
    # last H/K/M: Bayi Rina H (Mar), Tono M (Feb; March is TD), Ayu H
    assert p.tikar == {"H": 2, "K": 0, "M": 1, None: 0}
    s = by_id(p)
    # Siti: 3 months pregnant, 2 checks (2*9 >= 3*4) Y, 90 days Fe Y, nifas TS, 2 counselling Y, visits 2 of 3
    #   KEK months T, air (last: Mar x) T, jamban (Mar v) Y, jaminan Y -> 5/7
    # Rina: pregnant in January only: check 1*9 >= 1*4 Y, Fe Y, nifas 2 checks < 3 T, counselling Y,
    #   RISTI January without a visit T, air/jamban/jaminan Y -> 6/8
    # Dewi: 2 months: check 1*9 >= 8 Y, Fe 30*9 >= 180 Y, nifas TS, counselling Y, visit 1 of 2 T, air/jamban/
    #   jaminan x T -> 3/7
    # Lina ('-' = not KEK): Y Y TS Y TS(visit) Y Y Y -> 6/6
    assert [s[f"ibu_hamil.{c}"] for c in ("periksa_kehamilan", "pil_fe", "pemeriksaan_nifas", "konseling_gizi",
                                          "kunjungan_rumah", "air_bersih", "jamban", "jaminan_kesehatan")] == \
        [(4, 4), (4, 4), (0, 1), (4, 4), (0, 3), (2, 4), (3, 4), (3, 4)]
    # Bayi Rina: imun Y, berat Y, tinggi 1*12 >= 2*2 Y, konseling (ibu Feb, ayah Mar) Y, visit TS (normal),
    #   air/jamban/jaminan/akta (last) Y, pengasuhan T -> 8/9
    # Tono: imun TS (14 months), berat (Mar x) T, tinggi Y, konseling Y every month, visits 2 of 3 stunted
    #   months T, air (Mar) Y, jamban/akta/jaminan Y, pengasuhan (Feb x) T -> 6/9
    # Ayu: imun Y, berat Y, tinggi Y, konseling (Jan none) T, visit (GK in Jan, 2 visits) Y, air Y, jamban T,
    #   jaminan (Mar) Y, akta (Mar) Y, pengasuhan Y -> 8/10
    assert [s[f"anak_0_23.{c}"] for c in ("imunisasi_dasar", "timbang_berat", "ukur_tinggi", "konseling_gizi",
                                          "kunjungan_rumah", "air_bersih", "jamban", "jaminan_kesehatan",
                                          "akta_lahir", "pengasuhan_paud")] == \
        [(2, 2), (2, 3), (3, 3), (2, 3), (1, 2), (3, 3), (2, 3), (3, 3), (3, 3), (1, 3)]
    ibu_g, anak_g = p.groups
    assert (ibu_g.received, ibu_g.expected) == (5 + 6 + 3 + 6, 7 + 8 + 7 + 6) == (20, 28)
    assert (anak_g.received, anak_g.expected) == (8 + 6 + 8, 9 + 9 + 10) == (22, 28)
    assert p.total_percent == pytest.approx(100 * 42 / 56)           # 75.00 %
    # PAUD: Budi Jan-Mar 2 of 3 months (66.7 % < 80 %) T; Cici no record in Q1 -> 0/1.
    # Year: Budi 9 of 10 months Y; Cici 6 of 9 T -> 1/2
    assert s["anak_2_6.paud"] == (0, 1)
    assert by_id(r.villages[0].periods["tahun"])["anak_2_6.paud"] == (1, 2)


def test_opensid_counting_reproduces_what_opensid_prints(exports):
    r = compute(exports, tahun=2024, desa="Sukamaju", indicators=choose_indicators("opensid"), detail="K1")
    assert not r.errors and not r.rejections
    p = r.villages[0].periods["K1"]
    # Lina's record has no status: OpenSID leaves it out of the scorecard but counts her KIA in JTRT (6).
    # KEK/Risti by the last record: Siti (KEK), Dewi (RISTI); Rina's March record is NORMAL.
    # Gizi by the last record: only Tono (S); Ayu is N in March. Tikar by the last record: Bayi Rina H,
    # Tono TD (not counted), Ayu H.
    assert (p.rumah_tangga, p.ibu_hamil, p.kek_resti, p.anak_0_23, p.gizi_bermasalah) == (6, 3, 2, 3, 1)
    assert p.tikar == {"H": 2, "K": 0, "M": 0, None: 1}
    assert any("tanpa status kehamilan tidak dihitung" in w for w in r.warnings)
    s = by_id(p)
    # Siti (usia max 7, trimester 3): periksa 2 >= 2 Y, Fe Y, nifas TS, konseling 2 >= 2 Y, kunjungan T
    #   (OpenSID compares 3 with 'KEK'), air (Jan) Y, jamban (Mar) Y, jaminan Y -> 6/7
    # Rina (delivery date on Feb/Mar rows): pregnancy indicators TS, nifas 2 < 3 T, air/jamban/jaminan Y -> 3/4
    # Dewi (usia 3, trimester 1): periksa 1 Y, Fe 1 Y, nifas TS, konseling 1 Y, kunjungan T, air/jamban/
    #   jaminan never v T -> 3/7
    assert [s[f"ibu_hamil.{c}"] for c in ("periksa_kehamilan", "pil_fe", "pemeriksaan_nifas", "konseling_gizi",
                                          "kunjungan_rumah", "air_bersih", "jamban", "jaminan_kesehatan")] == \
        [(2, 2), (2, 2), (0, 1), (2, 2), (0, 2), (2, 3), (2, 3), (2, 3)]
    # Bayi Rina (umur max 1, < 6): imun/berat/konseling/pengasuhan TS, tinggi (Feb) Y, kunjungan 0 < 2 T,
    #   air/jamban/jaminan/akta Y -> 5/6
    # Tono (umur max 16, 13-17): imun T (no dasar; the export has no campak), berat 2 < 8 T, tinggi Y,
    #   konseling ibu 2 < 8 T, kunjungan 2 >= 2 Y, air/jamban/jaminan/akta Y, pengasuhan 2 < 5 T -> 6/10
    # Ayu (umur max 5): 4 TS, tinggi Y, kunjungan 2 Y, air Y, jamban T, jaminan Y, akta Y -> 5/6
    assert [s[f"anak_0_23.{c}"] for c in ("imunisasi_dasar", "timbang_berat", "ukur_tinggi", "konseling_gizi",
                                          "kunjungan_rumah", "air_bersih", "jamban", "jaminan_kesehatan",
                                          "akta_lahir", "pengasuhan_paud")] == \
        [(0, 1), (0, 1), (3, 3), (0, 1), (2, 3), (3, 3), (2, 3), (3, 3), (3, 3), (0, 1)]
    ibu_g, anak_g = p.groups
    assert (ibu_g.received, ibu_g.expected) == (12, 18)           # 66.67 %
    assert (anak_g.received, anak_g.expected) == (16, 22)         # 72.73 %
    assert (p.total_received, p.total_expected) == (28, 40)       # 70.00 %
    # PAUD: OpenSID compares the stored 1/2/3 with 'v': its printed figure is 0 and 0.00 %
    assert s["anak_2_6.paud"] == (0, 1)
    assert any("imunisasi_campak" in w for w in r.warnings)


def test_csv_saved_from_excel_gives_the_same_figures(tmp_path, exports):
    """Excel writes every CSV row as wide as the widest: the header gets a 14th, empty cell."""
    files = write_exports(tmp_path, "csv")
    assert open(files[0], encoding="utf-8").readline().rstrip("\r\n").endswith("Jaminan Kesehatan,")
    a = compute(exports, tahun=2024, desa="Sukamaju")
    b = compute(files, tahun=2024, desa="Sukamaju")
    assert not b.errors and not b.rejections
    pa, pb = a.villages[0].periods["tahun"], b.villages[0].periods["tahun"]
    assert by_id(pa) == by_id(pb) and (pa.total_received, pa.total_expected) == (pb.total_received, pb.total_expected)


def test_export_date_is_never_the_month_or_the_year(tmp_path):
    """December 2024 data exported on 10 January 2025: the name says 10_01_2025, which is no month monitored."""
    p = ox.tulis(tmp_path, "Laporan Bulanan Ibu Hamil", ox.JUDUL_IBU_HAMIL,
                 [ox.baris_ibu_hamil(r) for r in IBU[1]], D(2025, 1, 10))
    assert p.name == "laporan_bulanan_ibu_hamil_10_01_2025.xlsx"
    r = compute([str(p)])
    assert len(r.errors) == 1 and "bulan pemantauan tidak diketahui" in str(r.errors[0])
    assert "10_01_2025 di nama berkas adalah tanggal ekspor" in str(r.errors[0])
    r = compute([str(p)], bulan=12)
    assert len(r.errors) == 1 and "tahun pemantauan tidak diketahui" in str(r.errors[0])
    r = compute([str(p)], bulan=12, tahun=2024)
    assert not r.errors and r.tahun == 2024 and r.records_used == 2
    assert any("10/01/2025 di nama berkas adalah tanggal ekspor" in w and "tahun yang dihitung 2024" in w
               for w in r.warnings)


def test_an_unfiltered_export_is_refused_with_how_to_export_month_by_month(tmp_path):
    rows = [ox.baris_anak(r) for m in (1, 2) for r in ANAK[m]]
    p = ox.tulis(tmp_path, "Laporan Bulanan Anak", ox.JUDUL_ANAK, rows, D(2024, 3, 1))
    r = compute([str(p)], tahun=2024, bulan=2)
    assert len(r.errors) == 1
    msg = str(r.errors[0])
    assert "lebih dari satu bulan" in msg and "3201-005" in msg and "pilih Bulan dan Tahun" in msg
    assert r.villages == ()


def test_rows_that_are_not_as_opensid_writes_them_are_rejected_not_guessed(tmp_path):
    """A row with 13 cells under the 13 headers: which column is missing is unknown, so it is rejected."""
    rows = [ox.baris_ibu_hamil(r) for r in IBU[3]]
    rows[1] = rows[1][:9] + rows[1][10:]          # someone deleted the unlabelled cell of Rina's row
    rows[2] = rows[2] + ["v"]                     # and added a 15th cell to Dewi's
    p = ox.tulis(tmp_path, "Laporan Bulanan Ibu Hamil", ox.JUDUL_IBU_HAMIL, rows, D(2024, 4, 3))
    r = compute([str(p)], tahun=2024, bulan=3)
    assert (r.rows_read, r.rows_used, r.rows_rejected) == (4, 2, 2)
    got = {x.row: x.reason for x in r.rejections}
    assert "13 sel" in got[3] and "sel ke-10 tanpa judul" in got[3]
    assert "15 sel" in got[4]


def test_month_of_a_childrens_export_comes_from_ages_only_when_one_month_fits(tmp_path):
    """Umur (Bulan) is completed months: each row allows two months, and the export's month must be the one
    every row allows; never the first guess."""
    # February's rows, as OpenSID names the file (export day 06_03_2024, no month):
    #   Bayi Rina born 10 Feb 2024, 0 months: seen 10 Feb-9 Mar -> February or March
    #   Tono born 15 Nov 2022, 15 months: 15 Feb-14 Mar 2024 -> February or March
    #   Ayu born 5 Oct 2023, 4 months: 5 Feb-4 Mar -> February or March
    p = ox.tulis(tmp_path, "Laporan Bulanan Anak", ox.JUDUL_ANAK, [ox.baris_anak(r) for r in ANAK[2]], D(2024, 3, 6))
    r = compute([str(p)], tahun=2024)
    assert len(r.errors) == 1 and "bulan pemantauan tidak diketahui" in str(r.errors[0])
    assert "cocok dengan lebih dari satu bulan" in str(r.errors[0])
    # a child born 25 Dec 2023, 1 month old, was seen 25 Jan-24 Feb: January or February; only February fits all
    rows = [*ANAK[2], anak("3201-009", "Dedi", 1, D(2023, 12, 25), 1, 1, 4, (1,) * 11)]
    (tmp_path / "dua").mkdir()
    p = ox.tulis(tmp_path / "dua", "Laporan Bulanan Anak", ox.JUDUL_ANAK, [ox.baris_anak(x) for x in rows],
                 D(2024, 3, 6))
    r = compute([str(p)], tahun=2024)
    assert not r.errors and r.records_used == 4
    assert r.sources[0][2].startswith("bulan Februari 2024 (dari tanggal lahir dan umur anak")
    # --bulan outranks the ages
    assert compute([str(p)], tahun=2024, bulan=3).sources[0][2].startswith("bulan Maret 2024 (dari --bulan)")


def test_unknown_sex_does_not_reject_a_row(tmp_path):
    p = ox.tulis(tmp_path, "Laporan Bulanan Anak", ox.JUDUL_ANAK, [ox.baris_anak(ANAK[1][1])], D(2024, 2, 6))
    assert openpyxl.load_workbook(p).active["C2"].value == "TIDAK DIKETAHUI"
    r = compute([str(p)], tahun=2024, bulan=1)
    assert not r.rejections and r.records_used == 1


def test_cli_counting_and_reconciliation_say_which_counting_a_figure_matches(capsys, tmp_path, exports):
    import json
    code = main(["scorecard", *exports, "--tahun", "2024", "--desa", "Sukamaju", "--cara-hitung", "opensid",
                 "--quarter", "1", "--format", "json"])
    d = json.loads(capsys.readouterr().out)
    assert code == 0
    assert d["cara_hitung"] == "opensid"
    assert d["desa"][0]["periode"]["K1"]["tabel4"]["total"] == {"diterima": 28, "seharusnya": 40, "persen": 70.0}
    # a dossier whose annual report copied OpenSID's figures (2 KEK/Risti, 70 % convergence)
    root = Path(__file__).resolve().parents[1]
    text = (root / "rules" / "oku_selatan" / "contoh" / "patuh.yaml").read_text(encoding="utf-8")
    import yaml
    doc = yaml.safe_load(text)
    doc["identitas"]["nama"] = "Sukamaju"
    isi = doc["laporan_tahunan"]["isi"]
    isi.update(jumlah_ibu_hamil=4, ibu_hamil_kek_risti=2, tingkat_konvergensi=70.0)
    dosir = tmp_path / "dosir.yaml"
    dosir.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    code = main(["scorecard", *exports, "--dossier", str(dosir), "--format", "json"])
    d = json.loads(capsys.readouterr().out)
    assert code == 1
    rec = {f["field"]: f for f in d["rekonsiliasi"]}
    assert rec["jumlah_ibu_hamil"]["status"] == "patuh" and rec["jumlah_ibu_hamil"]["cocok_dengan"] == ["regulasi"]
    k = rec["ibu_hamil_kek_risti"]
    assert k["status"] == "tidak_patuh" and k["cocok_dengan"] == ["opensid"]
    assert k["evidence"]["dihitung"] == 3 and k["evidence"]["dihitung_opensid"] == 2
    assert "sama dengan hasil cara hitung opensid" in k["message"]
    t = rec["tingkat_konvergensi"]
    assert t["cocok_dengan"] == ["opensid"] and t["evidence"]["dihitung"] == 75.0


def test_cli_exit_0_and_markdown_when_every_row_is_used(capsys, exports):
    code = main(["scorecard", *exports, "--tahun", "2024", "--desa", "Desa Sukamaju", "--format", "markdown"])
    out = capsys.readouterr().out
    assert code == 0
    assert "## SCORE CARD KONVERGENSI DESA (Formulir 4) — Desa Sukamaju, Tahun 2024" in out
    assert re.search(r"\| Total tingkat konvergensi desa\s*\|\s*42\s*\|\s*56\s*\|\s*75,00", out)
