"""Siskeudes exports: the APB lines Tabel 5 and the APB rules need, read instead of retyped.

The database layout is written as OpenSID imports it (OpenSID/OpenSID donjo-app/models/Keuangan_model.php
@7451345644083f9e4091eca89065ff0e4629b048: a ZIP of comma-separated tables with a header row of column
names, Ta_Kegiatan.csv and Ta_Bidang.csv among them). Amounts below are summed by hand.
"""
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from aturan.cli import main
from aturan.scorecard.readers.siskeudes import classify, parse_rupiah, read_apb

ROOT = Path(__file__).resolve().parents[1]
KEGIATAN = """Tahun,Kd_Desa,Kd_Bid,Kd_Keg,ID_Keg,Nama_Kegiatan,Pagu,Pagu_PAK,Nm_PPTKD,NIP_PPTKD,Lokasi,Waktu,Keluaran,Sumberdana
2024,01.01.,01.01.01.,01.01.01.01.,0101,Penyediaan Penghasilan Tetap Kepala Desa,300000000,0,Sekdes,,Desa,12 bulan,,ADD
2024,01.01.,01.01.02.,01.01.02.05.,0205,Penyelenggaraan Posyandu (Makanan Tambahan),36000000,0,Ani,,Desa,12 bulan,PMT,DDS
2024,01.01.,01.01.02.,01.01.02.06.,0206,Pembangunan Jamban Keluarga,60000000,65000000,Budi,,Dusun II,3 bulan,20 unit,DDS
2024,01.01.,01.01.04.,01.01.04.02.,0402,Peningkatan kapasitas kader kesehatan dan gizi,12000000,0,Kasi,,Desa,2 bulan,,DDS
2024,01.01.,01.01.04.,01.01.04.03.,0403,Pelatihan usaha ekonomi,abc,0,Kasi,,Desa,2 bulan,,DDS
2024,01.01.,01.01.09.,01.01.09.01.,0901,Kegiatan tanpa bidang,1000000,0,Kasi,,Desa,1 bulan,,DDS
2024,01.01.,01.01.02.,01.01.02.05.,0205,Penyelenggaraan Posyandu (Makanan Tambahan),36000000,0,Ani,,Desa,12 bulan,PMT,DDS
"""
BIDANG = """Tahun,Kd_Desa,Kd_Bid,Nama_Bidang
2024,01.01.,01.01.01.,Bidang Penyelenggaraan Pemerintahan Desa
2024,01.01.,01.01.02.,Bidang Pelaksanaan Pembangunan Desa
2024,01.01.,01.01.04.,Bidang Pemberdayaan Masyarakat Desa
"""


@pytest.fixture
def export(tmp_path):
    z = tmp_path / "siskeudes_2024.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("Ta_Kegiatan.csv", KEGIATAN)
        f.writestr("Ta_Bidang.csv", BIDANG)
        f.writestr("Ref_Desa.csv", "Kd_Desa,Nama_Desa\n01.01.,Sukamaju Contoh\n")
    return z


def test_database_tables_give_the_lines_and_locate_the_bad_ones(export):
    res = read_apb([str(export)])
    # used: Siltap 300.000.000, posyandu 36.000.000, jamban 65.000.000 (Pagu_PAK over Pagu), kader 12.000.000
    assert [k.jumlah for k in res.kegiatan] == [300e6, 36e6, 65e6, 12e6]
    assert res.total == 413e6
    assert res.per_bidang() == {"Bidang Penyelenggaraan Pemerintahan Desa": 300e6,
                                "Bidang Pelaksanaan Pembangunan Desa": 101e6, "Bidang Pemberdayaan Masyarakat Desa": 12e6}
    assert res.kegiatan[1].sumber == "dana_desa" and res.kegiatan[0].sumber == "add"
    assert res.kegiatan[1].desa == "Sukamaju Contoh"
    got = {(r.row, r.column): r.reason for r in res.rejections}
    assert got == {(6, "Pagu"): "anggaran bukan angka", (7, "Kd_Bid"): "bidang tidak ada di Ta_Bidang",
                   (8, "Kd_Keg"): "kode kegiatan ditulis dua kali"}
    assert all(r.file == f"{export}!Ta_Kegiatan.csv" for r in res.rejections)


def test_the_apb_command_prints_the_dossier_section_with_its_guesses(capsys, export):
    code = main(["apb", str(export), "--format", "json"])
    d = json.loads(capsys.readouterr().out)
    assert code == 1      # three rows rejected
    apb = d["apb"]
    assert apb["total_belanja"] == 413_000_000
    # stunting activities: posyandu (kesehatan ibu dan anak), jamban (sanitasi), kader gizi (konseling gizi);
    # the village head's salary and the business training are not
    assert [(k["nama"], k["paket"], k["jumlah"]) for k in apb["kegiatan_stunting"]] == [
        ("Penyelenggaraan Posyandu (Makanan Tambahan)", "kesehatan_ibu_anak", 36_000_000),
        ("Pembangunan Jamban Keluarga", "air_bersih_sanitasi", 65_000_000),
        ("Peningkatan kapasitas kader kesehatan dan gizi", "konseling_gizi", 12_000_000)]
    assert [g["kata"] for g in d["tebakan"]] == ["posyandu", "jamban", "gizi"]
    main(["apb", str(export)])
    out = capsys.readouterr().out
    assert out.startswith("# Bagian 'apb' dosir") and "(kata 'jamban')" in out and "\napb:\n" in out


def test_scorecard_takes_tabel_5_and_dana_stunting_from_siskeudes(capsys, export):
    kecil = str(ROOT / "tests" / "fixtures" / "scorecard" / "kecil.csv")
    dosir = str(ROOT / "rules" / "oku_selatan" / "contoh" / "patuh.yaml")
    main(["scorecard", kecil, "--dossier", dosir, "--apb", str(export), "--tahun", "2024", "--format", "json"])
    d = json.loads(capsys.readouterr().out)
    t5 = {r["bidang"]: r for r in d["desa"][0]["tabel5"]}
    # Bidang Pembangunan Desa: 101.000.000 in all, 36 + 65 = 101.000.000 for stunting -> 100 %
    assert t5["Bidang Pembangunan Desa"]["total_alokasi"] == 101_000_000
    assert t5["Bidang Pembangunan Desa"]["alokasi_stunting"] == 101_000_000
    assert t5["Bidang Pembangunan Desa"]["persen"] == 100.0
    assert t5["Bidang Pemberdayaan Masyarakat"]["alokasi_stunting"] == 12_000_000
    dana = next(f for f in d["rekonsiliasi"] if f["field"] == "dana_stunting")
    # the report says Rp190.000.000; Siskeudes gives 36 + 65 + 12 = 113.000.000
    assert dana["evidence"]["dihitung"] == 113_000_000 and dana["status"] == "tidak_patuh"


def test_several_villages_must_be_chosen(tmp_path):
    z = tmp_path / "dua.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("Ta_Kegiatan.csv", KEGIATAN.splitlines()[0] + "\n" + KEGIATAN.splitlines()[2] + "\n"
                   + KEGIATAN.splitlines()[2].replace("01.01.", "01.02.") + "\n")
        f.writestr("Ref_Desa.csv", "Kd_Desa,Nama_Desa\n01.01.,Satu\n01.02.,Dua\n")
    from aturan.errors import AturanError
    with pytest.raises(AturanError, match="memuat 2 desa"):
        read_apb([str(z)])
    res = read_apb([str(z)], desa="Desa Dua")
    assert [k.desa for k in res.kegiatan] == ["Dua"]


def test_flat_report_with_bidang_and_sub_bidang_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "APBDes"
    for r in [["ANGGARAN PENDAPATAN DAN BELANJA DESA SUKAMAJU TAHUN 2024"], [],
              ["Kode Rekening", "Uraian", "Anggaran (Rp)", "Sumber Dana"],
              ["2", "BIDANG PELAKSANAAN PEMBANGUNAN DESA", "161.000.000", None],
              ["2.2", "Sub Bidang Kesehatan", "101.000.000", None],
              ["2.2.01", "Penyelenggaraan Posyandu", "36.000.000,00", "DDS"],
              ["2.2.01.5.2", "Belanja Barang dan Jasa", "36.000.000", "DDS"],
              ["2.2.02", "Pembangunan jamban sehat", 65_000_000, "DDS"],
              ["2.3", "Sub Bidang Pekerjaan Umum", None, None],
              ["2.3.01", "Pembangunan jalan desa", "60.000.000", "DDS"],
              ["2.3.02", "Rehabilitasi gorong-gorong", "enam juta", "DDS"],
              ["", "JUMLAH BELANJA", "161.000.000", None]]:
        ws.append(r)
    f = tmp_path / "apbdes.xlsx"
    wb.save(f)
    res = read_apb([str(f)])
    # kegiatan rows only (depth 3); the rekening row under 2.2.01 is not counted twice
    assert [(k.kode, k.jumlah, k.sub_bidang) for k in res.kegiatan] == [
        ("2.2.01", 36e6, "Sub Bidang Kesehatan"), ("2.2.02", 65e6, "Sub Bidang Kesehatan"),
        ("2.3.01", 60e6, "Sub Bidang Pekerjaan Umum")]
    assert res.per_bidang() == {"BIDANG PELAKSANAAN PEMBANGUNAN DESA": 161e6}
    assert [(r.sheet, r.row, r.reason) for r in res.rejections] == [("APBDes", 11, "anggaran bukan angka")]


@pytest.mark.parametrize("text,value", [("36000000", 36e6), ("36000000.00", 36e6), ("36.000.000,00", 36e6),
                                        ("Rp 36.000.000", 36e6), ("36,000,000", 36e6), ("1.500", 1500.0),
                                        ("(2.000)", -2000.0), ("-", None), ("", None)])
def test_rupiah_in_the_ways_it_is_written(text, value):
    assert parse_rupiah(text) == value


def test_activities_not_about_stunting_are_left_out():
    assert classify("Penyediaan Penghasilan Tetap Kepala Desa") == (False, None, None)
    assert classify("Rembuk Stunting Desa") == (True, None, "stunting")
    assert classify("Operasional PAUD Melati") == (True, "paud", "paud")
