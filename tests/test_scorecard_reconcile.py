"""Reconciliation: the annual report's figures against the scorecard computed from monitoring records."""
import copy
from pathlib import Path

import pytest

from aturan.loader import load_dossier
from aturan.scorecard.compute import compute
from aturan.scorecard.reconcile import reconcile

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "scorecard"
EXAMPLE = str(ROOT / "examples" / "monitoring" / "sukamaju_contoh_2024.csv")


@pytest.fixture(scope="module")
def example():
    return compute([EXAMPLE], tahun=2024)


@pytest.fixture
def patuh():
    return copy.deepcopy(load_dossier(ROOT / "rules" / "oku_selatan" / "contoh" / "patuh.yaml").data)


def by_field(findings):
    return {f["field"]: f for f in findings}


def test_example_matches_the_compliant_oku_selatan_report(example, patuh):
    # rules/oku_selatan/contoh/patuh.yaml reports 14 ibu hamil (2 KEK/Risti), 27 anak (2 merah,
    # 4 kuning, 21 hijau), 100% convergence and Rp190.000.000; the example records give the same.
    got = by_field(reconcile(example, patuh, "oku_selatan"))
    assert set(got) == {"jumlah_ibu_hamil", "ibu_hamil_kek_risti", "jumlah_anak_0_23", "anak_terindikasi_stunting",
                        "anak_berisiko_stunting", "anak_tidak_stunting", "tingkat_konvergensi",
                        "konvergensi_ibu_hamil", "konvergensi_anak", "dana_stunting"}
    assert {f["status"] for f in got.values()} == {"patuh"}
    assert got["jumlah_ibu_hamil"]["citation"] == "Pasal 41 huruf a angka 1"
    assert got["anak_tidak_stunting"]["rule"] == "oku_selatan.rekonsiliasi.anak_tidak_stunting"


def test_mismatch_gives_both_numbers_and_the_article(example, patuh):
    isi = patuh["laporan_tahunan"]["isi"]
    isi["jumlah_ibu_hamil"] = 16          # records: 14
    isi["anak_terindikasi_stunting"] = 1  # records: 2 (merah)
    isi["tingkat_konvergensi"] = 99.6     # records: 100, within the 0.5 point tolerance
    isi["konvergensi_anak"] = 98          # records: 100, outside it
    del isi["dana_stunting"]
    got = by_field(reconcile(example, patuh, "oku_selatan"))
    f = got["jumlah_ibu_hamil"]
    assert f["status"] == "tidak_patuh"
    assert f["evidence"] == {"laporan_tahunan.isi.jumlah_ibu_hamil": 16, "dihitung": 14, "selisih": 2}
    assert "(16)" in f["message"] and "(14)" in f["message"] and f["citation"] == "Pasal 41 huruf a angka 1"
    assert got["anak_terindikasi_stunting"]["status"] == "tidak_patuh"
    assert got["anak_terindikasi_stunting"]["citation"] == "Pasal 41 huruf a angka 4"
    assert got["tingkat_konvergensi"]["status"] == "patuh"
    assert got["konvergensi_anak"]["status"] == "tidak_patuh"
    assert got["konvergensi_anak"]["citation"] == "Pasal 41 huruf b"
    assert got["dana_stunting"]["status"] == "tidak_dapat_dinilai"
    assert got["dana_stunting"]["missing"] == "laporan_tahunan.isi.dana_stunting"


def test_citations_follow_the_pack(example, patuh):
    sorong = by_field(reconcile(example, patuh, "sorong"))
    assert sorong["jumlah_anak_0_23"]["citation"] == "Pasal 40 ayat (2) huruf c"
    assert sorong["tingkat_konvergensi"]["citation"] == "Pasal 40 ayat (3)"
    assert "note" in sorong["anak_tidak_stunting"]       # huruf f repeats "berisiko" in the text
    tual = by_field(reconcile(example, patuh, "tual"))
    # Tual Pasal 38 ayat (2) lists only the six counts
    assert set(tual) == {"jumlah_ibu_hamil", "ibu_hamil_kek_risti", "jumlah_anak_0_23", "anak_terindikasi_stunting",
                         "anak_berisiko_stunting", "anak_tidak_stunting"}
    assert tual["jumlah_ibu_hamil"]["citation"] == "Pasal 38 ayat (2) huruf a"
    sij = by_field(reconcile(example, patuh, "sijunjung"))
    assert sij["tingkat_konvergensi"]["citation"] == "Lampiran IV Formulir 4 Tabel 4 Pasal 35 ayat (4) huruf h"
    assert sij["jumlah_rumah_tangga"]["status"] == "patuh"        # 38 households in both


def test_village_and_year_must_match(example, patuh):
    other = copy.deepcopy(patuh)
    other["identitas"]["tahun"] = 2023
    assert {f["status"] for f in reconcile(example, other, "oku_selatan")} == {"tidak_dapat_dinilai"}
    two = compute([str(FIX / "kecil.csv"), EXAMPLE], tahun=2024)
    assert len(two.villages) == 2
    stranger = copy.deepcopy(patuh)
    stranger["identitas"]["nama"] = "Desa Lain"
    got = by_field(reconcile(two, stranger, "oku_selatan"))
    assert got["jumlah_ibu_hamil"]["status"] == "tidak_dapat_dinilai"
    assert "Desa Lain" in got["jumlah_ibu_hamil"]["detail"]
    # "Desa Sukamaju Contoh" in the dossier finds "Sukamaju Contoh" in the records
    stranger["identitas"]["nama"] = "Desa Sukamaju Contoh"
    assert by_field(reconcile(two, stranger, "oku_selatan"))["jumlah_ibu_hamil"]["status"] == "patuh"


def test_check_with_monitoring_adds_findings(capsys, tmp_path, monkeypatch):
    from aturan.cli import main
    monkeypatch.chdir(ROOT)
    code = main(["check", "rules/oku_selatan/contoh/patuh.yaml", "--monitoring", EXAMPLE, "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0
    assert '"oku_selatan.rekonsiliasi.jumlah_ibu_hamil"' in out
    import json
    found = {f["rule"]: f for r in json.loads(out)["results"] for f in r["findings"]}
    ev = found["oku_selatan.rekonsiliasi.jumlah_ibu_hamil"]["evidence"]
    # the same 14 mothers under both countings: the report matches both
    assert ev["dihitung"] == 14 and ev["dihitung_opensid"] == 14
    assert ev["cocok_dengan_cara_hitung"] == ["regulasi", "opensid"]
    text = (ROOT / "rules" / "oku_selatan" / "contoh" / "patuh.yaml").read_text(encoding="utf-8")
    beda = tmp_path / "beda.yaml"
    beda.write_text(text.replace("    jumlah_ibu_hamil: 14", "    jumlah_ibu_hamil: 16"), encoding="utf-8")
    code = main(["check", str(beda), "--monitoring", EXAMPLE, "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Total ibu hamil dalam laporan tahunan Desa (16) tidak sama" in out
