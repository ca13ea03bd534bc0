"""Scorecard arithmetic from small fixtures; every expected number is worked out by hand below.

Fixture tests/fixtures/scorecard/kecil.csv (Desa "Contoh", 2024), rows used:

Ibu hamil (2a), marks per month in the order periksa / pil_fe / nifas / konseling / kunjungan /
air / jamban / jkn:
  KIA-01 Ani  KEK Feb-Apr, delivered 2024-05-10; records Feb..Jun
      Feb  Y  Y   TS Y  Y  Y T Y
      Mar  T  Y   TS Y  Y  Y T Y
      Apr  Y  20  TS Y  T  Y T Y        (20 = days of iron tablets)
      May  TS TS  2  TS TS Y T Y        (2 nifas checks)
      Jun  TS TS  1  TS TS Y Y Y
  KIA-02 Budi normal, still pregnant; records Jan..Mar
      Jan  T  Y   .  T  TS Y Y Y        (. = empty cell, read as T)
      Feb  T  Y   .  T  TS Y Y Y
      Mar  Y  Y   .  T  TS T Y Y

Anak 0-23 bulan (2b), marks imunisasi / timbang / ukur / konseling / kunjungan / air / jamban /
jkn / akta / pengasuhan:
  KIA-01 Bayi Ani born 2024-05-10 (same No KIA as her mother: one household), tikar May H, Jun K
      May  Y Y Y Y TS Y Y T T Y
      Jun  Y Y T T TS Y Y Y T Y
  KIA-03 Cici born 2023-01-15, stunting, tikar M
      Mar  TS Y Y Y Y T Y Y Y .
      Apr  TS Y T Y T T Y Y Y Y

Rejected: KIA-04 (25 months old), KIA-05 (2024-02-30), KIA-06 ("sedang"), KIA-07 (December
2023), KIA-02 January again (duplicate).
"""
from pathlib import Path

import pytest

from aturan.scorecard.compute import compute
from aturan.scorecard.readers import T, TS, Y

FIX = Path(__file__).parent / "fixtures" / "scorecard"
KECIL = str(FIX / "kecil.csv")


@pytest.fixture(scope="module")
def kecil():
    return compute([KECIL], detail="K1")


def by_id(period):
    return {s.indicator.id: s for s in period.indicators}


def test_rows_read_used_rejected(kecil):
    assert (kecil.rows_read, kecil.rows_used, kecil.rows_rejected) == (17, 12, 5)
    assert kecil.records_used == 12
    assert kecil.tahun == 2024 and "baris pertama" in kecil.tahun_source
    assert not kecil.errors


def test_each_rejection_names_row_column_and_reason(kecil):
    got = {(r.row, r.column): r.reason for r in kecil.rejections}
    assert "0-23 bulan" in got[(14, "tanggal_lahir")] and "25 bulan" in got[(14, "tanggal_lahir")]
    assert "tidak ada di kalender" in got[(15, "tanggal_lahir")]
    assert "status kehamilan tidak dikenal" in got[(16, "status_kehamilan")]
    assert "di luar tahun 2024" in got[(17, "tahun")]
    assert "catatan ganda" in got[(18, None)]
    assert all(r.file == KECIL and r.sheet is None for r in kecil.rejections)
    assert str(kecil.rejections[0]).startswith(f"{KECIL}:14: kolom tanggal_lahir:")


def test_year_tables_1_and_2(kecil):
    p = kecil.villages[0].periods["tahun"]
    # households: KIA-01 (Ani and her baby), KIA-02, KIA-03 -> 3
    assert (p.rumah_tangga, p.ibu_hamil, p.kek_resti, p.anak_0_23, p.gizi_bermasalah) == (3, 2, 1, 2, 1)
    # last growth-mat result in the year: Bayi Ani K (June), Cici M (April)
    assert p.tikar == {"H": 0, "K": 1, "M": 1, None: 0}


def test_year_indicators_ibu_hamil(kecil):
    s = by_id(kecil.villages[0].periods["tahun"])
    # periksa: Ani 2 checks in 3 pregnant months, 2*9=18 >= 3*4=12 -> Y; Budi 1 check, 9 < 12 -> T
    assert (s["ibu_hamil.periksa_kehamilan"].received, s["ibu_hamil.periksa_kehamilan"].expected) == (1, 2)
    # pil Fe: Ani 30+30+20=80 days, 80*9=720 >= 3*90 -> Y; Budi 3*30=90 >= 90 -> Y
    assert (s["ibu_hamil.pil_fe"].received, s["ibu_hamil.pil_fe"].expected) == (2, 2)
    # nifas: only Ani delivered (2+1=3 checks -> Y); Budi not delivered -> TS
    n = s["ibu_hamil.pemeriksaan_nifas"]
    assert (n.received, n.not_applicable, n.expected) == (1, 1, 1)
    # konseling: Ani 3 sessions -> Y; Budi 0 -> T
    assert (s["ibu_hamil.konseling_gizi"].received, s["ibu_hamil.konseling_gizi"].expected) == (1, 2)
    # home visits: Ani KEK 3 months, visited 2 -> T; Budi all TS -> TS
    k = s["ibu_hamil.kunjungan_rumah"]
    assert (k.received, k.not_applicable, k.expected) == (0, 1, 1)
    # water: last month Ani Y, Budi T; latrine: Ani's last (June) Y, Budi Y; insurance both Y
    assert [(s[f"ibu_hamil.{c}"].received, s[f"ibu_hamil.{c}"].expected)
            for c in ("air_bersih", "jamban", "jaminan_kesehatan")] == [(1, 2), (2, 2), (2, 2)]


def test_year_indicators_anak(kecil):
    s = by_id(kecil.villages[0].periods["tahun"])
    # immunisation: Bayi Ani under 12 months, last mark Y -> Y; Cici 14 months, all TS -> TS
    assert (s["anak_0_23.imunisasi_dasar"].received, s["anak_0_23.imunisasi_dasar"].expected) == (1, 1)
    # height: each measured once in 2 monitored months, 1*12 >= 2*2 -> Y for both
    assert s["anak_0_23.ukur_tinggi"].received == 2
    # counselling every month: Bayi Ani missed June -> T; Cici -> Y
    assert s["anak_0_23.konseling_gizi"].received == 1
    # home visit for the stunted Cici: 2 months, 1 visit -> T; Bayi Ani normal -> TS
    k = s["anak_0_23.kunjungan_rumah"]
    assert (k.received, k.not_applicable, k.expected) == (0, 1, 1)
    # parenting class: Cici's empty March cell counts as T
    assert s["anak_0_23.pengasuhan_paud"].received == 1


def test_year_convergence(kecil):
    p = kecil.villages[0].periods["tahun"]
    ibu, anak = p.groups
    # Ani: Y on periksa, pil_fe, nifas, konseling, air, jamban, jkn = 7, T on kunjungan
    # Budi: Y on pil_fe, jamban, jkn = 3; TS on nifas and kunjungan
    # received 7+3 = 10; expected 8 indicators x 2 targets - 2 TS = 14 -> 71.43%
    assert (ibu.received, ibu.expected) == (10, 14)
    assert ibu.percent == pytest.approx(100 * 10 / 14)
    # Bayi Ani: Y on imunisasi, timbang, ukur, air, jamban, jkn, pengasuhan = 7 (TS kunjungan)
    # Cici: Y on timbang, ukur, konseling, jamban, jkn, akta = 6 (TS imunisasi)
    # received 13; expected 10 x 2 - 2 = 18 -> 72.22%
    assert (anak.received, anak.expected) == (13, 18)
    # total pools both groups: 23 / 32 = 71.875%
    assert (p.total_received, p.total_expected) == (23, 32)
    assert p.total_percent == pytest.approx(71.875)


def test_quarter_boundary(kecil):
    v = kecil.villages[0]
    k1, k2 = v.periods["K1"], v.periods["K2"]
    # Q1 (Jan-Mar): Ani pregnant Feb-Mar (2 months): periksa 1*9 >= 2*4 Y, pil Y, nifas TS,
    # konseling Y, kunjungan 2 of 2 KEK months Y, air Y, jamban (March) T, jkn Y -> 6 Y, 1 T, 1 TS
    # Budi as in the year -> 3 Y, 3 T, 2 TS.  9 / (16 - 3) = 9 / 13
    assert (k1.ibu_hamil, k1.groups[0].received, k1.groups[0].expected) == (2, 9, 13)
    # Q2 (Apr-Jun): only Ani. Pregnant in April (1 month): periksa 9 >= 4 Y, pil 20*9 >= 90 Y,
    # nifas delivered 10 May, 3 checks Y, konseling Y, kunjungan April T, air Y,
    # jamban (June) Y, jkn Y -> 7 / 8
    assert (k2.ibu_hamil, k2.groups[0].received, k2.groups[0].expected) == (1, 7, 8)
    # Cici: March is Q1, April is Q2. Q2 only April: height not measured -> 0*12 < 1*2 -> T,
    # home visit T, water T, the rest Y except immunisation TS -> 6 Y; Bayi Ani 7 Y -> 13 / 18
    assert (k2.anak_0_23, k2.groups[1].received, k2.groups[1].expected) == (2, 13, 18)
    # Q1 only Cici (March): timbang, ukur, konseling, kunjungan, jamban, jkn, akta Y; air, pengasuhan T
    assert (k1.anak_0_23, k1.groups[1].received, k1.groups[1].expected) == (1, 7, 9)
    assert v.periods["K3"].ibu_hamil == 0 and v.periods["K3"].total_percent is None


def test_target_rows_for_the_detail_quarter(kecil):
    rows = {(r.form, r.register): r for r in kecil.villages[0].periods["K1"].rows}
    assert rows[("2a", "KIA-01")].statuses == (Y, Y, TS, Y, Y, Y, T, Y)
    assert rows[("2a", "KIA-02")].statuses == (T, Y, TS, T, TS, T, Y, Y)
    assert (rows[("2a", "KIA-02")].received, rows[("2a", "KIA-02")].expected) == (3, 6)
    assert rows[("2b", "KIA-03")].facts["tikar"] == "M"
    assert kecil.villages[0].periods["tahun"].rows == ()   # rows only for the period asked


def test_unrecognised_columns_make_the_file_unusable(tmp_path):
    f = tmp_path / "lain.csv"
    f.write_text("nama,alamat\nSiti,Jl. Mawar\n", encoding="utf-8")
    r = compute([str(f)])
    assert r.errors and "formulir" in str(r.errors[0])


def test_missing_indicator_column_is_warned_and_counted_not_received(tmp_path):
    f = tmp_path / "ibu.csv"
    f.write_text("desa,tahun,bulan,no_register,status_kehamilan,periksa_kehamilan\n"
                 "Contoh,2024,1,K1,normal,Y\n", encoding="utf-8")
    r = compute([str(f)])
    assert any("'pil_fe' (Formulir 2a (ibu hamil)) tidak ada" in w for w in r.warnings)
    s = by_id(r.villages[0].periods["tahun"])
    assert s["ibu_hamil.periksa_kehamilan"].received == 1
    assert s["ibu_hamil.pil_fe"].received == 0 and s["ibu_hamil.pil_fe"].expected == 1


def test_several_villages_are_scored_apart(tmp_path):
    f = tmp_path / "dua.csv"
    f.write_text("kecamatan,desa,tahun,bulan,no_register,status_kehamilan,periksa_kehamilan\n"
                 "A,Satu,2024,1,K1,normal,Y\nA,Dua,2024,1,K1,normal,T\nA,Satu,2024,2,K2,kek,Y\n",
                 encoding="utf-8")
    r = compute([str(f)])
    assert [v.desa for v in r.villages] == ["Dua", "Satu"]
    assert r.village("satu").periods["tahun"].ibu_hamil == 2
    assert r.village("Dua").periods["tahun"].kek_resti == 0
