"""`aturan compare`: the four regulations side by side, facts checked against the texts, and the Bappenas baseline."""
import csv
import io
import json
from pathlib import Path

import pytest

from aturan.authoring import baseline as B
from aturan.authoring.compare import build
from aturan.authoring.facts import Cell, cite_many, education_word, show
from aturan.authoring.render import compare_csv, compare_json, compare_markdown, compare_table
from aturan.cli import main
from aturan.loader import load_pack
from aturan.manager import collect, get_plugin_manager

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = collect(get_plugin_manager(load_entry_points=False))
ORDER = ["oku_selatan", "sorong", "sijunjung", "tual"]


@pytest.fixture(scope="module")
def packs():
    return {p: load_pack(ROOT / "rules" / p, REGISTRY) for p in ORDER + ["panduan_bappenas_2019"]}


@pytest.fixture(scope="module")
def comp(packs):
    return build([packs[p] for p in ORDER])


@pytest.fixture(scope="module")
def comp_base(packs):
    return build([packs[p] for p in ORDER], baseline=packs["panduan_bappenas_2019"])


def row(comp, section, key):
    s = next(s for s in comp.sections if s.id == section)
    return next(r for r in s.rows if r.key == key)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ facts from the texts
def test_education_row_reads_smp_slta_smp_sma(comp):
    # OKU Selatan Ps 21 d "Sekolah Menengah Pertama", Sorong Ps 29 d "Sekolah Lanjutan Tingkat Atas",
    # Sijunjung Ps 27 d "Sekolah Menengah Pertama", Tual Ps 31 (1) c "Sekolah Menengah Atas atau memiliki
    # latar belakang pendidikan kesehatan": the rule row shows Tual's alternative (the criterion holds one level).
    tual_rule = "SMA; atau latar belakang pendidikan kesehatan: ya"
    for section, tual in (("kriteria_kpm", "SMA"), ("konsep:kpm", tual_rule)):
        r = row(comp, section, "kpm.pendidikan_minimal")
        cells = [r.cells[p] for p in ORDER]
        values = [c.numbers() if c.rules else c.criterion_value() for c in cells]
        assert values == ["SMP", "SLTA", "SMP", tual], section
    assert [r.cells[p].citation() for p in ORDER] == ["Ps 21 d", "Ps 29 d", "Ps 27 d", "Ps 31 (1) c"]


def test_education_row_in_the_terminal_table(capsys):
    code, out, _ = run(capsys, "compare", *ORDER, "--topic", "kpm")
    assert code == 0
    line = next(ln for ln in out.splitlines() if ln.startswith("Pendidikan minimal"))
    assert line.split()[-4:] == ["SMP", "SLTA", "SMP", "SMA"]


def test_sanitation_packages_share_a_row(comp):
    # Sorong Ps 4 (2) c "sanitasi dan air bersih jamban" is the others' "air bersih dan sanitasi".
    r = row(comp, "paket", "air_bersih_sanitasi")
    assert r.cells["sorong"].startswith("Sanitasi dan air bersih")
    assert r.cells["oku_selatan"].startswith("Air bersih dan sanitasi")
    assert "Ps 16 (1) d" in r.cells["tual"]
    count = row(comp, "paket", "jumlah")
    assert [count.cells[p] for p in ORDER] == ["5", "5", "7", "6"]
    # Only Sijunjung (Ps 8 (1) g) has the pekarangan package; only Tual (Ps 16 (1) c) immunisation.
    assert [p for p in ORDER if row(comp, "paket", "pekarangan_pangan").cells[p] != "—"] == ["sijunjung"]
    assert [p for p in ORDER if row(comp, "paket", "pencegahan_penyakit_imunisasi").cells[p] != "—"] == ["tual"]


def test_terminology_rows(comp):
    council = row(comp, "istilah", "badan_permusyawaratan").cells
    assert council["oku_selatan"] == "BPD" and council["sorong"] == "BAMUSKAM"
    assert council["sijunjung"].startswith("BPN")
    assert "(BPK)" in council["tual"]
    assert row(comp, "istilah", "kepala").cells["tual"] == "Lurah / Kepala Ohoi"
    assert row(comp, "istilah", "wilayah").cells["sorong"] == "dusun"


def test_numbers_come_from_rule_params_and_plugins(comp):
    years = row(comp, "konsep:kpm", "kpm.lama_pengalaman")      # Sorong Ps 29 b: minimal 2 tahun
    assert years.cells["sorong"].numbers() == "2 tahun"
    assert not any(years.cells[p].present for p in ("oku_selatan", "sijunjung", "tual"))
    per_dusun = row(comp, "konsep:kpm", "kpm.per_wilayah")       # Sorong Ps 33 b: 1 per dusun
    assert per_dusun.cells["sorong"].numbers() == "1 per dusun"
    meetings = row(comp, "konsep:pengawasan", "pengawasan.rembuk_triwulan")
    assert meetings.cells["oku_selatan"].numbers() == "1 kali per triwulan" == meetings.cells["tual"].numbers()
    assert not meetings.cells["sorong"].present
    # "rapat evaluasi 3 (tiga) bulanan" in all four: OKU Ps 38 (6), Sijunjung Ps 25 (3) c,
    # Sorong Ps 38 (1), Tual Ps 36 (3)
    evaluation = row(comp, "konsep:pemantauan", "pemantauan.rapat_evaluasi_triwulan")
    assert {p: evaluation.cells[p].numbers() for p in ORDER} == dict.fromkeys(ORDER, "1 kali per triwulan")
    # "paling lambat pada bulan Januari" (Sijunjung Ps 35 (2)): by 31 January, 31 days after 31 December.
    # "akhir tahun atau awal tahun berikutnya" (OKU Ps 40, Sorong Ps 40 (1), Tual Ps 38 (1)) names no
    # number: the same 31 days are the packs' reading and say so (review §5 claim 5)
    deadline = row(comp, "konsep:pelaporan", "laporan_tahunan.tenggat")
    assert deadline.cells["sijunjung"].numbers() == "31 hari setelah 31 Desember"
    for p in ("oku_selatan", "sorong", "tual"):
        assert deadline.cells[p].numbers() == "31 hari setelah 31 Desember (tafsiran)", p
    # Sorong Ps 39 (2) "setidaknya 2 (dua) kali dalam setahun"; Tual Ps 37 (3) "... yang dilakukan 2 (dua) kali
    # dalam setahun, yakni pada setiap bulan Juni dan Desember." has no predicate: it obliges no June musyawarah
    accountability = row(comp, "konsep:pelaporan", "pertanggungjawaban.frekuensi")
    assert accountability.cells["sorong"].numbers() == "2 kali per tahun"
    assert not accountability.cells["tual"].present
    # Sorong Ps 38 (2): the evaluation meeting is attended by BAMUSKAM, in Sorong's own word
    attendees = row(comp, "konsep:pemantauan", "pemantauan.rapat_evaluasi_peserta")
    assert attendees.cells["sorong"].numbers().startswith("BAMUSKAM, kader, tokoh masyarakat")


def test_a_regency_without_the_obligation_shows_a_dash(comp, capsys):
    """Computer skills: Sorong Ps 29 e ("menguasai Microsoft Office"), Tual Ps 31 (1) d; OKU Ps 21
    and Sijunjung Ps 27 have no such criterion."""
    r = row(comp, "konsep:kpm", "kpm.keterampilan_komputer")
    assert [r.cells[p].citation() if r.cells[p].present else None for p in ORDER] == \
        [None, "Ps 29 e", None, "Ps 31 (1) d"]
    _, out, _ = run(capsys, "compare", *ORDER, "--topic", "kpm")
    line = next(ln for ln in out.splitlines() if ln.startswith("KPM terampil komputer"))
    assert line.split()[3:] == ["—", "Ps", "29", "e", "—", "Ps", "31", "(1)", "d"]


def test_self_contradictions_are_listed(comp, capsys):
    found = {(pid, n.id) for pid, n in comp.conflicts}
    assert ("tual", "paket_enam_vs_lima") in found          # Ps 16 (1) six vs Ps 31 (4) d "5 paket"
    assert ("sijunjung", "paket_tujuh_vs_lima") in found    # Ps 8 seven vs Lampiran III g "5 (lima)"
    assert any(pid == "sorong" and n.kind == "rujukan_salah" for pid, n in comp.conflicts)  # "huruf f"
    assert all(n.kind in ("kontradiksi", "rujukan_salah") for _, n in comp.conflicts)
    _, out, _ = run(capsys, "compare", *ORDER)
    assert "KONTRADIKSI DAN RUJUKAN SALAH" in out and "paket_enam_vs_lima" in out


def test_summary_shared_some_unique(comp):
    s = comp.summary
    assert "kpm.pendidikan_minimal" in s.shared_all and "rembuk_stunting.penyelenggara" in s.shared_all
    assert "kpm.lama_pengalaman" in s.unique["sorong"]
    assert "kpm.jumlah_minimal" in s.unique["tual"]
    assert "anggaran.evaluasi_camat" in s.shared_some         # OKU Ps 47 (4), Sijunjung Ps 38 (4)
    assert "anggaran.evaluasi_camat" not in s.shared_all      # Sorong and Tual give the Camat no such role


def test_topics_group_concepts(packs, capsys):
    c = build([packs[p] for p in ORDER], topic="pelaporan")
    assert [s.id for s in c.sections] == ["konsep:pelaporan"]
    assert all(r.key.startswith(("laporan_tahunan.", "pertanggungjawaban.")) for r in c.sections[0].rows)
    code, out, err = run(capsys, "compare", "--topic", "kpn")
    assert code == 2 and "maksud Anda 'kpm'" in err and "Traceback" not in err


# ------------------------------------------------------------------ formats and width
@pytest.mark.parametrize("width", [100, 72, 40])
def test_table_never_passes_the_width(comp_base, width):
    text = compare_table(comp_base, width)
    assert max(len(line) for line in text.splitlines()) <= width


def test_all_packs_by_default_and_guides_only_when_named(capsys):
    code, out, _ = run(capsys, "compare")
    assert code == 0
    assert "  oku_selatan:" in out and "  tual:" in out
    assert "panduan_bappenas_2019" not in out


def test_markdown_json_csv(comp):
    md = compare_markdown(comp)
    assert "| Pendidikan minimal KPM<br>`kpm.pendidikan_minimal`" in md and "**SLTA**" in md
    data = json.loads(compare_json(comp))
    r = next(r for s in data["sections"] if s["id"] == "konsep:kpm" for r in s["rows"] if r["key"] == "kpm.pendidikan_minimal")
    assert r["cells"]["sorong"]["params"] == {"pendidikan_minimal": "sma"}
    assert r["cells"]["sorong"]["value"] == "SLTA"
    assert r["cells"]["sorong"]["rules"] == ["sorong.kpm.pendidikan_minimal"]
    rows = list(csv.DictReader(io.StringIO(compare_csv(comp))))
    edu = {x["pack"]: x["nilai"] for x in rows if x["bagian"] == "konsep:kpm" and x["kunci"] == "kpm.pendidikan_minimal"}
    assert edu == {"oku_selatan": "SMP", "sorong": "SLTA", "sijunjung": "SMP",
                   "tual": "SMA; atau latar belakang pendidikan kesehatan: ya"}     # Tual Ps 31 (1) c


def test_cli_formats(capsys):
    code, out, _ = run(capsys, "compare", "oku_selatan", "tual", "--topic", "kpm", "--format", "markdown")
    edu = next(ln for ln in out.splitlines() if ln.startswith("| Pendidikan minimal KPM"))
    assert code == 0 and edu.index("**SMP**") < edu.index("**SMA**")      # OKU Ps 21 d, Tual Ps 31 (1) c
    code, out, _ = run(capsys, "compare", "oku_selatan", "tual", "--format", "json")
    assert code == 0 and [p["id"] for p in json.loads(out)["packs"]] == ["oku_selatan", "tual"]
    code, out, _ = run(capsys, "compare", "oku_selatan", "tual", "--topic", "paket_layanan", "--format", "csv")
    count = {r["pack"]: r["nilai"] for r in csv.DictReader(io.StringIO(out)) if r["kunci"] == "jumlah"}
    assert code == 0 and count == {"oku_selatan": "5", "tual": "6"}    # OKU Ps 8 (1), Tual Ps 16 (1)
    code, _, err = run(capsys, "compare", "atlantis")
    assert code == 2 and "tidak ditemukan" in err


# ------------------------------------------------------------------ baseline
def test_the_guide_is_guidance(packs, capsys):
    g = packs["panduan_bappenas_2019"]
    assert g.regulation.kind == "Panduan" and g.regulation.binding is False
    assert g.plugin == "declarative"
    _, out, _ = run(capsys, "packs")
    assert "Panduan Bappenas Edisi Juni 2019 (tidak mengikat)" in out


def test_baseline_marks_education(comp_base):
    r = row(comp_base, "konsep:kpm", "kpm.pendidikan_minimal")
    assert r.cells["panduan_bappenas_2019"].numbers() == "SLTA"   # Aksi 5 Tahap Kedua 1a
    assert r.cells["oku_selatan"].mark == B.WEAKER                # SMP < SLTA
    assert r.cells["sijunjung"].mark == B.WEAKER
    assert r.cells["sorong"].mark == B.EQUAL                      # SLTA = SLTA
    # Tual Ps 31 (1) c "minimal Sekolah Menengah Atas atau memiliki latar belakang pendidikan kesehatan":
    # SMA = SLTA, but the health-education alternative the guide lacks admits a candidate below SLTA
    # (review §5 claim 2), so the mark is not "= setara"
    assert r.cells["tual"].mark == B.ALTERNATIVE
    assert r.cells["tual"].mark_note == "atau latar belakang pendidikan kesehatan"


def test_baseline_marks_silence_and_scope(comp_base, packs, capsys):
    assert row(comp_base, "konsep:kpm", "kpm.komunikasi").cells["tual"].mark == B.SILENT
    assert row(comp_base, "konsep:kpm", "kpm.warga_setempat").cells["sorong"].mark == B.EQUAL
    # Sorong names Dana Kampung funding only among its purposes (Pasal 2 ayat (2) huruf c) and has
    # the RKS "mengawal" proposals (Pasal 14 ayat (2)); no article gives the Kampung's authority over
    # APBKamp allocation, and the Camat (Kepala Distrik) has no role in evaluating the draft APBKamp.
    missing = {c.item.id for c in comp_base.coverage["sorong"] if c.item.required and not c.covered}
    assert {"peran_kecamatan", "kewenangan_alokasi_apb"} <= missing
    assert not [c for c in comp_base.coverage["oku_selatan"] if c.item.required and not c.manual and not c.covered]
    code, out, _ = run(capsys, "compare", "--baseline", "panduan_bappenas_2019", *ORDER, "--topic", "kpm")
    assert code == 0 and "▼ lebih lemah" in out and "TERHADAP GARIS DASAR" in out


def test_package_count_in_the_planning_article(comp):
    """OKU Ps 35 (2) "5 (lima) paket", Sijunjung Ps 25 (1) "7 (tujuh) paket", Tual Ps 33 (2) "6 (enam)
    paket": the plan must contain them. Sorong has no such article: Ps 4 (1) "Kegiatan pencegahan stunting
    di Kampung dituangkan dalam 5 (lima) paket layanan" only groups activities (review packs-2026-11 S-1),
    so its five packages show on the grouping row, not the planning row."""
    r = row(comp, "konsep:paket_layanan", "paket_layanan.rkp_memuat_paket")
    assert [r.cells[p].numbers() for p in ORDER] == ["5 paket", "", "7 paket", "6 paket"]
    assert not r.cells["sorong"].present
    grouping = row(comp, "konsep:paket_layanan", "paket_layanan.kegiatan_dalam_paket")
    assert grouping.cells["sorong"].numbers() == "5 paket"
    assert grouping.cells["sorong"].citation() == "Ps 4 (1)"


def test_baseline_marks_a_narrower_cadre_experience_stronger(comp_base):
    """Guide: any community cadre ("diutamakan" human development); Tual Ps 31 (1) b: only "Kader
    Posyandu atau Kader Kesehatan lainnya"; OKU Ps 21 b lists kinds ending in "lainnya"."""
    r = row(comp_base, "konsep:kpm", "kpm.pengalaman_kader")
    assert r.cells["tual"].mark == B.STRONGER
    assert r.cells["oku_selatan"].mark == B.EQUAL


def test_baseline_quarterly_meeting_from_aksi_5(comp_base):
    """Guide Aksi 5 Tahap Keempat 2: a meeting "sekurang-kurangnya setiap tiga (3) bulan antara KPM dengan
    petugas layanan" to inform each other of service coverage: a coordination meeting of the KPM with the
    service workers, not the village evaluation meeting chaired by the head (OKU Pasal 38 ayat (2)). All
    four regencies regulate their evaluation meeting instead, so each is parallel (≈), not equal."""
    r = row(comp_base, "konsep:pemantauan", "pemantauan.rapat_koordinasi_layanan")
    assert r.cells["panduan_bappenas_2019"].numbers() == "1 kali per triwulan"
    assert {r.cells[p].mark for p in ORDER} == {B.PARALLEL}


def test_guide_without_packages_and_repeated_packs(capsys):
    code, out, _ = run(capsys, "compare", "oku_selatan", "oku_selatan", "--baseline", "panduan_bappenas_2019",
                       "--topic", "paket_layanan", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    count = [r for r in rows if r[1] == "jumlah"]      # one line per pack: OKU once, not twice
    assert [(r[3], r[4]) for r in count] == [("panduan_bappenas_2019", "—"), ("oku_selatan", "5")]


def test_baseline_funding_answered_by_an_incentive_is_parallel(comp_base):
    """Guide Aksi 4 Tahap Pertama 3b: village support for "pendanaan kegiatan KPM". OKU Pasal 24 (1) and
    Sorong Pasal 34 (1) give each KPM an incentive (funded from APB Desa/APBKamp among others, ayat
    (3)/(2)); Sijunjung Pasal 30 (1) and Tual Pasal 44 (3) put it in the budget itself."""
    r = row(comp_base, "konsep:anggaran", "anggaran.insentif_kpm")
    assert r.cells["oku_selatan"].mark == B.PARALLEL == r.cells["sorong"].mark
    assert r.cells["sijunjung"].mark == B.EQUAL == r.cells["tual"].mark


@pytest.mark.parametrize("name, mine, theirs, want", [
    ("pendidikan_minimal", "smp", "slta", -1),
    ("pendidikan_minimal", "sma", "slta", 0),
    ("pendidikan_minimal", "s1", "slta", 1),
    ("lama_pengalaman_minimal", 2, 1, 1),
    ("tenggat_hari", 10, 30, 1),                # a shorter deadline asks more
    ("peserta_wajib", ["a", "b"], ["a"], 1),
    ("peserta_wajib", ["a"], ["a", "b"], -1),
    ("peserta_wajib", ["a", "c"], ["a", "b"], None),
    ("x", True, True, 0),
    ("x", "foo", "bar", None),
])
def test_compare_values(name, mine, theirs, want):
    assert B.compare_values(name, mine, theirs) == want


def test_value_words():
    assert education_word("sma", "pendidikan minimal Sekolah Lanjutan Tingkat Atas") == "SLTA"
    assert education_word("smp", "pendidikan minimal Sekolah Menengah Pertama/sederajat") == "SMP"
    assert education_word("slta", "Dapat baca tulis, minimal pendidikan SLTA") == "SLTA"
    assert education_word("sma", "minimal SMP") == "SMA"          # the text names another level
    assert show(True) == "ya" and show(2.0) == "2" and show(["a", "b"]) == "a, b"
    assert cite_many([{"pasal": 41, "huruf": "a"}, {"pasal": 41, "huruf": "b"}, {"pasal": 40}]) == "Ps 41 a,b; Ps 40"
    assert cite_many([{"lampiran": "V", "bagian": "Tahap Kedua 1a"}], guide=True) == "Aksi 5 Tahap Kedua 1a"
    assert Cell("x").present is False


# ------------------------------------------------------------------ review packs-2026-11 §5, claim by claim
def test_claim_1_a_preferred_cadre_list_is_not_stronger(comp_base):
    """Sijunjung Ps 27 b "diutamakan ... yaitu Kader Posyandu, Guru PAUD" is a preference, like the guide's
    "diutamakan" human-development cadres: equal, not stronger."""
    assert row(comp_base, "konsep:kpm", "kpm.pengalaman_kader").cells["sijunjung"].mark == B.EQUAL


def test_claim_2_tuals_education_alternative_is_in_the_mark(comp_base, capsys):
    for section in ("kriteria_kpm", "konsep:kpm"):
        cell = row(comp_base, section, "kpm.pendidikan_minimal").cells["tual"]
        assert cell.mark == B.ALTERNATIVE, section
    _, out, _ = run(capsys, "compare", "tual", "--baseline", "panduan_bappenas_2019", "--topic", "kpm",
                    "--format", "markdown")
    line = next(ln for ln in out.splitlines() if ln.startswith("| Pendidikan minimal KPM"))
    assert "▽ setara, dengan alternatif di luar garis dasar (atau latar belakang pendidikan kesehatan)" in line
    assert "= setara" not in line.split("|")[3]
    doc = json.loads(compare_json(comp_base))
    cell = next(r for s in doc["sections"] if s["id"] == "konsep:kpm" for r in s["rows"]
                if r["key"] == "kpm.pendidikan_minimal")["cells"]["tual"]
    assert cell["mark"] == "dengan_alternatif" and cell["mark_note"] == "atau latar belakang pendidikan kesehatan"


def test_claim_4_the_accountability_rows_point_to_each_other(comp):
    """OKU Ps 39 (1) and Tual Ps 37 (1): the accountability musyawarah "pada bulan Desember"; Sorong Ps 39 (2)
    "setidaknya 2 (dua) kali dalam setahun". Tual Ps 37 (3) is a fragment (no June duty) and OKU Ps 39 (2)
    an option ("dapat"): neither is a yearly count, but each regulates the musyawarah, so the row says where
    instead of "—"."""
    per_year = row(comp, "konsep:pelaporan", "pertanggungjawaban.frekuensi")
    assert not per_year.cells["tual"].present and not per_year.cells["oku_selatan"].present
    assert [(c, o.citation()) for c, o in per_year.cells["tual"].parallel] == \
        [("pertanggungjawaban.musyawarah_desember", "Ps 37 (1)")]
    assert [(c, o.citation()) for c, o in per_year.cells["oku_selatan"].parallel] == \
        [("pertanggungjawaban.musyawarah_desember", "Ps 39 (1)")]
    december = row(comp, "konsep:pelaporan", "pertanggungjawaban.musyawarah_desember")
    assert [o.citation() for _, o in december.cells["sorong"].parallel] == ["Ps 39 (2)"]


def test_claim_5_a_pack_convention_is_not_shown_as_the_regulations_number(comp, capsys):
    """OKU Ps 40 "pada setiap akhir tahun atau awal tahun berikutnya": the contents of Ps 41 fall due with the
    report, 31 days being the pack's convention; Sijunjung Ps 35 (2) "paling lambat pada bulan Januari"
    gives the number itself."""
    contents = row(comp, "konsep:pelaporan", "laporan_tahunan.isi")
    assert contents.cells["oku_selatan"].numbers() == "31 hari setelah 31 Desember (tafsiran)"
    assert contents.cells["sijunjung"].numbers() == "31 hari setelah 31 Desember"
    _, out, _ = run(capsys, "compare", "oku_selatan", "sijunjung", "--topic", "pelaporan", "--format", "csv")
    lines = {(r[1], r[3]): r for r in csv.reader(io.StringIO(out))}
    assert lines[("laporan_tahunan.tenggat", "oku_selatan")][4] == "31 hari setelah 31 Desember (tafsiran)"
    assert lines[("laporan_tahunan.tenggat", "sijunjung")][4] == "31 hari setelah 31 Desember"


def test_claim_6_a_duty_encoded_under_another_concept_is_not_a_dash(comp, capsys):
    """OKU Ps 31 (1) "Rembuk Stunting ... dilaksanakan sebelum musyawarah Desa": the pack requires the rembuk
    by its order rule (a rembuk stated not held breaks it), so the "held" row points there. Sijunjung
    Ps 6 (1) b / Tual Ps 15 (2) b (every target receives the packages) and Sijunjung Ps 30 (1) / Tual
    Ps 31 (3) (KPM incentive) now have their own rules."""
    held = row(comp, "konsep:perencanaan", "rembuk_stunting.dilaksanakan")
    assert [(c, o.citation()) for c, o in held.cells["oku_selatan"].parallel] == \
        [("rembuk_stunting.sebelum_musyawarah", "Ps 31 (1)")]
    receipt = row(comp, "konsep:paket_layanan", "paket_layanan.diterima_semua_sasaran")
    assert [receipt.cells[p].citation() for p in ("sijunjung", "tual")] == ["Ps 6 (1) b", "Ps 15 (2) b"]
    incentive = row(comp, "konsep:kpm", "kpm.insentif")
    assert [incentive.cells[p].citation() for p in ("sijunjung", "tual")] == ["Ps 30 (1)", "Ps 31 (3)"]
    _, out, _ = run(capsys, "compare", "oku_selatan", "sorong", "--topic", "perencanaan", "--width", "120")
    block = out[out.index("Rembuk stunting"):]
    head = block[:block.index("Penyelenggara rembuk")]
    # the label column and the two packs' columns interleave line by line: read OKU's words in order
    assert [w for w in "≈ Rembuk stunting sebelum musyawarah perencanaan: Ps 31 (1)".split()
            if w not in head] == []
    assert "Ps 8 (3) d" in head                           # Sorong Pasal 8 ayat (3) huruf d: its own rule


def test_claim_7_coverage_from_a_concept_mapping(comp_base):
    """Tual Ps 7 angka 4 d (a plan and follow-up for strengthening the KPM's capacity) answers the guide's
    "pelatihan KPM"; coverage reads the concepts of the scope item, not one rule id."""
    tual = {c.item.id: c for c in comp_base.coverage["tual"]}
    assert tual["pelatihan_kpm"].covered_by == ("tual.kpm.rencana_penguatan_kapasitas",)
    # Tual Ps 20 (4): coordination with the kecamatan and the perangkat daerah in planning
    assert "tual.perencanaan.koordinasi_kecamatan_skpd" in tual["koordinasi_opd_pendamping"].covered_by


def test_claim_7_an_article_mapped_in_traceability_covers_a_scope_item(packs, tmp_path, capsys):
    """A Camat's duty no village document shows (Tual Ps 17 "Pemerintahan Kecamatan memberikan dukungan
    kepada Pemerintahan Kelurahan/Ohoi") is mapped to its concept in traceability.yaml; the coverage
    then names the article."""
    import shutil
    import yaml
    shutil.copytree(ROOT / "rules" / "tual", tmp_path / "tual")
    f = tmp_path / "tual" / "traceability.yaml"
    data = yaml.safe_load(f.read_text())
    data["pasal"][17]["concepts"] = ["kecamatan.dukungan"]
    f.write_text(yaml.safe_dump(data, allow_unicode=True))
    tual = load_pack(tmp_path / "tual", REGISTRY)
    cov = {c.item.id: c for c in B.coverage(tual, packs["panduan_bappenas_2019"])}
    assert cov["peran_kecamatan"].covered and cov["peran_kecamatan"].articles == ("Ps 17",)
    assert cov["peran_kecamatan"].covered_by == ()
    comp = build([tual], baseline=packs["panduan_bappenas_2019"])
    out = compare_table(comp)
    assert "diatur tanpa aturan yang dapat diperiksa dari dosir: peran_kecamatan (Ps 17)" in " ".join(out.split())


def test_claim_8_the_guides_service_meeting_is_parallel_not_equal(comp_base):
    r = row(comp_base, "konsep:pemantauan", "pemantauan.rapat_evaluasi_triwulan")
    assert [o.citation() for _, o in r.cells["panduan_bappenas_2019"].parallel] == ["Aksi 5 Tahap Keempat 2"]
    assert all(r.cells[p].mark is None for p in ORDER)   # the guide has no village evaluation meeting


def test_claim_10_inferred_frequencies_are_marked(comp, capsys):
    """OKU Ps 37 (1) and Sijunjung (the form names) imply a monthly frequency; Sorong Ps 37 (1) states it."""
    monthly = row(comp, "konsep:pemantauan", "pemantauan.bulanan")
    assert monthly.cells["oku_selatan"].basis() == "aturan tafsiran" == monthly.cells["sijunjung"].basis()
    assert monthly.cells["sorong"].basis() is None
    doc = json.loads(compare_json(comp))
    cells = next(r for s in doc["sections"] if s["id"] == "konsep:pemantauan" for r in s["rows"]
                 if r["key"] == "pemantauan.bulanan")["cells"]
    assert cells["oku_selatan"]["tafsiran"] == ["oku_selatan.pemantauan.bulanan"]
    assert cells["sorong"]["tafsiran"] == []
    _, out, _ = run(capsys, "compare", "oku_selatan", "sorong", "--topic", "pemantauan")
    block = out[out.index("Pemantauan bulanan"):].split("\n")[:3]
    assert "(aturan tafsiran)" in "\n".join(block)


def test_claim_7_articles_of_tual_and_sorong_cover_the_guides_scope(comp_base):
    """Tual Ps 17 "Pemerintahan Kecamatan memberikan dukungan kepada Pemerintahan Kelurahan/Ohoi" is the guide's
    "peran kecamatan"; Sorong Ps 15, 24, 27 and 31 regulate OPD and pendamping support of the Kampung (review
    §5 claim 7). Neither is a village duty a dossier shows: covered through the traceability's concepts."""
    tual = {c.item.id: c for c in comp_base.coverage["tual"]}
    assert tual["peran_kecamatan"].covered and tual["peran_kecamatan"].articles == ("Ps 17",)
    assert "Ps 19" in tual["pelatihan_kpm"].articles and "Ps 44" in tual["pelatihan_kpm"].articles
    sorong = {c.item.id: c for c in comp_base.coverage["sorong"]}
    assert sorong["koordinasi_opd_pendamping"].covered
    assert sorong["koordinasi_opd_pendamping"].articles == ("Ps 15", "Ps 24", "Ps 27", "Ps 31")
