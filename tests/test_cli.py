"""The command line: exit codes, JSON shape, several dossiers, explain, plugins."""
import json
import shutil
from pathlib import Path

import pytest

from aturan.cli import main

PATUH = "tests/fixtures/dossiers/mini_patuh.yaml"
MELANGGAR = "tests/fixtures/dossiers/mini_melanggar.yaml"


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch, fixtures):
    monkeypatch.chdir(fixtures.parent.parent)
    # the mini pack's plugin is test-only: make it visible to the CLI's own plugin manager
    from plugins import uji
    import aturan.manager as m
    real = m.get_plugin_manager
    monkeypatch.setattr(m, "get_plugin_manager", lambda **kw: real(extra=[uji], **kw))


def run(capsys, *argv):
    code = main(["--rules", "tests/fixtures/packs", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_compliant_exits_0(capsys):
    code, out, _ = run(capsys, "check", PATUH)
    assert code == 0
    assert "Desa Sukamaju, Kabupaten Uji — tahun 2024" in out
    assert "Ringkasan: 0 tidak patuh, 0 tidak dapat dinilai, 3 patuh, 0 belum jatuh tempo, 0 tidak berlaku" in out


def test_violation_exits_1_and_groups_by_status(capsys):
    code, out, _ = run(capsys, "check", MELANGGAR)
    assert code == 1
    assert out.index("TIDAK PATUH (2)") < out.index("TIDAK DAPAT DINILAI")
    assert "Pasal 1 huruf d" in out and "Fakta tidak tersedia:" in out


def test_strict_counts_not_assessable(capsys, tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text("identitas: {nama: X, jenis: desa, tahun: 2024, kabupaten: Uji, tanggal_data: 2025-01-10}\nkpm: []\n"
                 "pemantauan:\n  rapat_evaluasi: [{tanggal: 2024-01-05}, {tanggal: 2024-04-05}, {tanggal: 2024-07-05}, {tanggal: 2024-10-05}]\n")
    assert run(capsys, "check", str(f))[0] == 0          # rembuk dates unknown: not a violation
    assert run(capsys, "check", "--strict", str(f))[0] == 1


def test_json_shape(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", PATUH, MELANGGAR)
    doc = json.loads(out)
    assert code == 1 and doc["rejected"] == []
    first, second = doc["results"]
    assert first["dossier"]["nama"] == "Sukamaju" and first["pack"]["id"] == "mini"
    assert first["counts"] == {"tidak_patuh": 0, "tidak_dapat_dinilai": 0, "patuh": 3, "belum_jatuh_tempo": 0, "tidak_berlaku": 0}
    f = {x["rule"]: x for x in second["findings"]}["mini.kpm.pendidikan"]
    assert set(f) >= {"rule", "concept", "status", "citation", "message", "evidence"}
    assert (f["status"], f["citation"], f["concept"]) == ("tidak_patuh", "Pasal 1 huruf d", "kpm.pendidikan_minimal")
    missing = {x["rule"]: x for x in second["findings"]}["mini.rembuk.sebelum_musyawarah"]
    assert missing["missing"] == "perencanaan.musyawarah_perencanaan"


def test_one_bad_dossier_does_not_stop_the_others(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("identitas:\n  nama: X\n  nama: Y\n")
    code, out, err = run(capsys, "check", "--format", "json", str(bad), PATUH)
    doc = json.loads(out)
    assert code == 2
    assert [r["dossier"]["nama"] for r in doc["results"]] == ["Sukamaju"]
    assert doc["rejected"][0]["error"].startswith(f"{bad}:3:3: kunci 'nama' ditulis dua kali")
    assert "Traceback" not in err


def test_table_lists_rejected_files(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("identitas: {nama: X, jenis: desa, tahun: 2024}\napb: {total_belanja: banyak}\n")
    code, out, _ = run(capsys, "check", str(bad), PATUH)
    assert code == 2 and "DITOLAK (1 berkas" in out and "harus angka, bukan 'banyak'" in out


def test_unknown_regency_is_input_error(capsys, tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text("identitas: {nama: X, jenis: desa, tahun: 2024, kabupaten: Atlantis}\n")
    code, out, _ = run(capsys, "check", str(f))
    assert code == 2 and "tidak ada rule pack untuk kabupaten/kota 'Atlantis'" in out


def test_pack_with_dsl_error_exits_2_with_caret(capsys, tmp_path, fixtures):
    d = tmp_path / "packs" / "mini"
    shutil.copytree(fixtures / "packs" / "mini", d)
    r = d / "rules" / "r.yaml"
    r.write_text(r.read_text().replace("before perencanaan", "befor perencanaan"))
    code, out, _ = main(["--rules", str(tmp_path / "packs"), "check", PATUH]), *capsys.readouterr()
    assert code == 2
    assert "r.yaml:21:" in out and "kesalahan sintaks" in out and "^" in out


def test_bad_as_of_date(capsys):
    code, _, err = run(capsys, "check", "--as-of", "2024-13-01", PATUH)
    assert code == 2 and "bukan tanggal YYYY-MM-DD" in err


def test_as_of_before_in_force(capsys):
    code, out, _ = run(capsys, "check", "--as-of", "2023-01-31", MELANGGAR)
    assert code == 0 and "belum berlaku pada 2023-01-31" in out


def test_explain(capsys):
    code, out, _ = run(capsys, "explain", "mini.kpm.pendidikan")
    assert code == 0
    assert "Pasal 1 huruf d" in out and "pendidikan minimal Sekolah Menengah Pertama" in out
    assert "all(k in kpm: k.pendidikan >= pendidikan_minimal)" in out


def explain(capsys, rule):
    code = main(["explain", rule])
    out = capsys.readouterr().out
    assert code == 0
    return {ln.split(":", 1)[0].strip(): ln.split(":", 1)[1].strip() for ln in out.splitlines() if " : " in ln}


def test_explain_shows_the_party_and_a_deadline_from_a_dated_event(capsys):
    # OKU Selatan Pasal 25 ayat (3): training "dikelola oleh tenaga pendamping masyarakat desa"; ayat (2):
    # "diberikan sebelum KPM menjalankan tugas"
    e = explain(capsys, "oku_selatan.kpm.pelatihan_dasar")
    assert e["Pihak"].startswith("tenaga pendamping / tenaga ahli — kewajiban pihak lain (bukan kewajiban Desa")
    assert e["Dasar"].startswith("tekstual")
    assert e["Tenggat"].startswith("jatuh tempo pada tanggal kpm[*].mulai_bertugas")


def test_explain_shows_the_reading_of_an_inferred_rule_and_its_period(capsys):
    # OKU Selatan Pasal 37 names no frequency; "monitoring bulanan" in Pasal 38 and 42 presupposes it
    e = explain(capsys, "oku_selatan.pemantauan.bulanan")
    assert e["Dasar"].startswith("tafsiran")
    assert "tidak menyebut frekuensi" in e["Alasan"]
    assert "bulanan" in e["Kata teks"]
    assert e["Periode"] == "setiap bulan; jatuh tempo sehari setelah periode berakhir"
    assert e["Pihak"] == "Rumah Desa Sehat (RDS)"
    # Pasal 40 "akhir tahun atau awal tahun berikutnya": the contents of Pasal 41 are due with the report,
    # 31 days being the pack's reading
    e = explain(capsys, "oku_selatan.pelaporan.isi_sasaran")
    assert e["Dasar"].startswith("tekstual")
    assert e["Periode"] == "setiap tahun; jatuh tempo 31 hari setelah periode berakhir (tafsiran pack)"


def test_explain_prints_a_citation_as_the_text_nests_it(capsys):
    # Tual Pasal 7: "4. Instrumen kendali tahapan Sosialisasi, terdiri dari : ... b. Berita Acara Pemilihan
    # KPM": huruf b sits under angka 4
    e = explain(capsys, "tual.kpm.berita_acara_pemilihan")
    assert e["Dasar hukum"].startswith("Pasal 7 angka 4 huruf b —")


def test_citation_order_follows_how_it_is_written():
    from aturan.model import Citation
    assert str(Citation.from_dict({"pasal": 7, "angka": 4, "huruf": "b"})) == "Pasal 7 angka 4 huruf b"
    assert str(Citation.from_dict({"pasal": 36, "ayat": 5, "huruf": "d", "angka": 3})) == \
        "Pasal 36 ayat (5) huruf d angka 3"
    assert list(Citation.from_dict({"pasal": 7, "angka": 4, "huruf": "b"}).as_dict()) == ["pasal", "angka", "huruf"]


def test_lint_refuses_a_citation_whose_order_is_not_the_texts(tmp_path, capsys):
    root = Path(__file__).resolve().parents[1]
    shutil.copytree(root / "rules" / "tual", tmp_path / "tual")
    f = tmp_path / "tual" / "rules" / "kpm.yaml"
    f.write_text(f.read_text().replace("{pasal: 7, angka: 4, huruf: b}", "{pasal: 7, huruf: b, angka: 4}"))
    code = main(["pack", "lint", str(tmp_path / "tual")])
    out = capsys.readouterr().out
    assert code == 1
    assert "Pasal 7 huruf b angka 4: urutan huruf dan angka berbeda dengan teks, yang menyusunnya angka sebelum huruf" in out


def test_explain_unknown_rule(capsys):
    code, _, err = run(capsys, "explain", "mini.tidak_ada")
    assert code == 2 and "tidak ditemukan" in err


def test_plugins_lists_what_each_provides(capsys):
    code, out, _ = run(capsys, "plugins")
    assert code == 0 and "uji" in out and "genap()" in out and "Kepala Desa Uji" in out


# ------------------------------------------------------------------ internal errors: exit 3, never 1
def _break_evaluation_of(monkeypatch, name: str):
    """Stand-in for a bug in the engine that one dossier (named `name`) runs into."""
    import aturan.engine as engine
    real = engine.evaluate

    def buggy(pack, dossier, as_of=None):
        if dossier.name == name:
            return {}["kunci yang tidak ada"]
        return real(pack, dossier, as_of)
    monkeypatch.setattr(engine, "evaluate", buggy)


def test_a_dossier_that_crashes_the_engine_is_rejected_and_the_others_are_reported(capsys, monkeypatch):
    _break_evaluation_of(monkeypatch, "Sukamaju")            # mini_patuh.yaml's village
    code, out, err = run(capsys, "check", "--format", "json", PATUH, MELANGGAR)
    doc = json.loads(out)
    assert code == 3                                        # a bug in aturan, not a violation (1) nor bad input (2)
    assert [r["dossier"]["file"] for r in doc["results"]] == [MELANGGAR]
    rejected = doc["rejected"][0]
    assert rejected["file"] == PATUH
    assert f"kesalahan internal saat memproses {PATUH} (KeyError" in rejected["error"]
    assert "laporkan" in rejected["error"] and "--debug" in rejected["error"]
    assert "Traceback" not in err


def test_debug_shows_the_traceback(capsys, monkeypatch):
    _break_evaluation_of(monkeypatch, "Sukamaju")
    code, _, err = run(capsys, "check", PATUH, "--debug")
    assert code == 3 and "Traceback (most recent call last)" in err and "KeyError" in err


def test_a_crash_outside_any_dossier_is_one_line_and_exit_3(capsys, monkeypatch):
    import aturan.report as report
    monkeypatch.setattr(report, "render_table", lambda *a, **k: 1 / 0)
    code, out, err = run(capsys, "check", PATUH)
    assert code == 3 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("aturan: kesalahan internal saat memproses perintah `aturan")
    assert "ZeroDivisionError" in lines[0]


def test_test_of_an_unknown_pack_is_unusable_input(capsys):
    code, out, err = run(capsys, "test", "tidak_ada")
    assert code == 2
    assert "pack 'tidak_ada' tidak ditemukan" in out and "1 pack tidak dapat dipakai" in err


def test_help_documents_the_exit_codes(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "kode keluar:" in out and "3  kesalahan internal" in out


# ------------------------------------------------------------------ a regency claimed by two packs
def _two_packs_for_uji(tmp_path, fixtures, **change):
    packs = tmp_path / "packs"
    shutil.copytree(fixtures / "packs" / "mini", packs / "mini")
    shutil.copytree(fixtures / "packs" / "mini", packs / "mini_baru")
    meta = packs / "mini_baru" / "pack.yaml"
    text = meta.read_text().replace("id: mini\n", "id: mini_baru\n")
    for old, new in change.items():
        text = text.replace(old, new)
    meta.write_text(text)
    for f in (packs / "mini_baru").rglob("*.yaml"):
        f.write_text(f.read_text().replace("mini.", "mini_baru."))
    return packs


def test_two_packs_claiming_the_same_regency_unit_and_year_are_refused_by_name(capsys, tmp_path, fixtures):
    packs = _two_packs_for_uji(tmp_path, fixtures)
    code, out, _ = main(["--rules", str(packs), "check", PATUH]), *capsys.readouterr()
    assert code == 2
    assert "Kabupaten Uji diatur oleh lebih dari satu rule pack untuk desa tahun 2024: mini (" in out
    assert "mini_baru (" in out and "--pack" in out
    code, out, _ = main(["--rules", str(packs), "check", "--pack", "mini_baru", PATUH]), *capsys.readouterr()
    assert code == 0 and "Pack: mini_baru" in out


def test_a_second_pack_in_force_only_later_does_not_claim_this_year(capsys, tmp_path, fixtures):
    packs = _two_packs_for_uji(tmp_path, fixtures, **{"in_force: 2023-02-01": "in_force: 2026-01-01"})
    code, out, _ = main(["--rules", str(packs), "check", PATUH]), *capsys.readouterr()
    assert code == 0 and "Pack: mini ·" in out               # the 2024 dossier: only mini was in force
