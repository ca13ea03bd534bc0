"""The drafting workflow: `aturan pack new` from Sijunjung for an invented regency, lint, check, diff; refusals."""
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from aturan.cli import main
from aturan.loader import load_pack
from aturan.manager import collect, get_plugin_manager

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def new_draft(capsys, rules: Path, *extra):
    return run(capsys, "pack", "new", "aceh_raya", "--from", "sijunjung", "--regency", "Kabupaten Aceh Raya",
               "--unit", "Gampong", "--nomor", "5", "--tahun", "2026", "--dir", str(rules), *extra)


def clear_review_marks(pack: Path) -> None:
    """What the drafter does after checking each citation: delete `review:` lines and [TINJAU] comments."""
    for f in pack.rglob("*.yaml"):
        lines = f.read_text(encoding="utf-8").split("\n")
        kept = [ln for ln in lines if not re.match(r"^\s*review:", ln) and "[TINJAU]" not in ln]
        f.write_text("\n".join(kept), encoding="utf-8")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def draft(tmp_path, capsys):
    rules = tmp_path / "rules"
    code, out, err = new_draft(capsys, rules)
    assert code == 0, err
    assert "Pack baru aceh_raya" in out
    return rules


# ------------------------------------------------------------------ round trip
def test_new_pack_is_renamed_marked_and_declarative(draft):
    pack_dir = draft / "aceh_raya"
    assert not list(pack_dir.rglob("*.py"))
    meta = yaml.safe_load((pack_dir / "pack.yaml").read_text(encoding="utf-8"))
    assert meta["id"] == "aceh_raya" and meta["plugin"] == "declarative"
    reg = meta["regulation"]
    assert (reg["regency"], reg["number"], reg["year"]) == ("Kabupaten Aceh Raya", "5", 2026)
    # placeholder dates are the origin's (Perbup Sijunjung 17/2021, ditetapkan 8 Juni 2021), so the
    # copied cases (dossiers of 2024) are still judged by the 2026 draft
    assert str(reg["in_force"]) == "2021-06-08"
    assert reg["title"] == "Peran Gampong dalam Konvergensi Percepatan Pencegahan Stunting"
    terms = meta["declares"]["terminology"]["nagari"]
    assert (terms["unit"], terms["kepala"], terms["anggaran"]) == ("Gampong", "Wali Gampong", "APB Gampong")
    assert len(meta["declares"]["packages"]) == 7 and all(p["review"] for p in meta["declares"]["packages"])
    registry = collect(get_plugin_manager(load_entry_points=False))
    pack = load_pack(pack_dir, registry)
    assert len(pack.rules) == len(load_pack(RULES / "sijunjung", registry).rules)   # every rule of the origin
    assert all(r.id.startswith("aceh_raya.") and r.review for r in pack.rules)
    text = "\n".join(f.read_text(encoding="utf-8") for f in pack_dir.rglob("*.yaml"))
    assert not re.search(r"\bsijunjung\.[a-z_]+\.", text)   # no rule id of the origin is left


def test_round_trip(draft, tmp_path, capsys):
    rules, pack_dir = str(draft), draft / "aceh_raya"

    # 1. the fresh copy: every review mark is a located lint problem
    code, out, _ = run(capsys, "--rules", rules, "pack", "lint", "aceh_raya")
    assert code == 1
    marks = [ln for ln in out.splitlines() if "[tinjau]" in ln]
    assert len(marks) >= 55 + 7 + 5
    assert all(re.match(r"^.+\.yaml:\d+:\d+: \[tinjau\] ", ln) for ln in marks)
    assert any("/rules/kpm.yaml:" in ln and "aceh_raya.kpm.pendidikan_minimal" in ln for ln in marks)

    # 2. marks cleared: lints clean, the copied cases run, without any Python
    clear_review_marks(pack_dir)
    code, out, _ = run(capsys, "--rules", rules, "pack", "lint", "aceh_raya")
    assert code == 0, out
    assert "bersih" in out
    code, out, _ = run(capsys, "--rules", rules, "test", "aceh_raya")
    assert code == 0, out

    # 3. a dossier of the new regency is found by its name and reported in its words
    d = yaml.safe_load((ROOT / "rules" / "sijunjung" / "contoh" / "patuh.yaml").read_text(encoding="utf-8"))
    d["identitas"].update(nama="Lamteh", kabupaten="Aceh Raya")
    dossier = tmp_path / "lamteh.yaml"
    dossier.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    code, out, err = run(capsys, "--rules", rules, "check", str(dossier), "--format", "json")
    assert code == 0, err
    result = json.loads(out)["results"][0]
    assert result["pack"]["id"] == "aceh_raya"
    messages = " ".join(f["message"] for f in result["findings"])
    assert "Wali Gampong" in messages and "APB Gampong" in messages and "Nagari" not in messages
    code, out, _ = run(capsys, "--rules", rules, "check", str(dossier))
    assert "Gampong Lamteh" in out

    # 4. the drafter raises the KPM education to SLTA (rule and declared criterion)
    edit(pack_dir / "rules" / "kpm.yaml", "params: {pendidikan_minimal: smp}", "params: {pendidikan_minimal: slta}")
    edit(pack_dir / "pack.yaml", "value: smp", "value: slta")
    code, out, _ = run(capsys, "--rules", rules, "pack", "lint", "aceh_raya")
    assert code == 0, out

    # 5. the diff against the origin shows exactly what was changed
    code, out, _ = run(capsys, "--rules", rules, "pack", "diff", "sijunjung", "aceh_raya", "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert {m["field"] for m in d["metadata"]} == {
        "plugin", "regulation.number", "regulation.year", "regulation.title", "regulation.regency",
        "regulation.aliases",
        "regulation.source"}
    assert {t["unit"] for t in d["terminology"]} == {"nagari"}
    assert {t["key"] for t in d["terminology"]} >= {"unit", "unit_kecil", "kepala", "anggaran", "rkp"}
    assert d["packages"] == [] and d["notes"] == []
    assert [(c["status"], c["concept"]) for c in d["kpm_criteria"]] == [("~", "kpm.pendidikan_minimal")]
    # every rule of the origin is the same but the one whose education param was raised
    n = sum(len(yaml.safe_load(f.read_text(encoding="utf-8"))["rules"])
            for f in (RULES / "sijunjung" / "rules").glob("*.yaml"))
    assert (d["rules"]["same"], d["rules"]["changed"], d["rules"]["added"], d["rules"]["removed"]) == (n - 1, 1, 0, 0)
    change = d["rules"]["changes"][0]
    assert change["concept"] == "kpm.pendidikan_minimal"
    assert change["fields"] == [{"field": "params.pendidikan_minimal", "a": "smp", "b": "slta"}]
    code, out, _ = run(capsys, "--rules", rules, "pack", "diff", "sijunjung", "aceh_raya")
    assert "params.pendidikan_minimal: smp → slta" in out
    assert f"{n - 1} sama, 1 berubah, 0 ditambah, 0 dihapus" in out


def test_cases_older_than_the_draft_say_why_they_fail(draft, capsys):
    """A drafter who sets the draft's real date (2026) is told the 2024 cases predate it, per case."""
    pack_dir = draft / "aceh_raya"
    clear_review_marks(pack_dir)
    edit(pack_dir / "pack.yaml", "in_force: '2021-06-08'", "in_force: '2026-01-01'")
    code, out, _ = run(capsys, "--rules", str(draft), "test", "aceh_raya")
    assert code == 1
    assert "belum berlaku untuk dosir tahun 2024 (mulai berlaku 2026-01-01)" in out
    # one reason per case, not one line per expected rule
    assert "diharapkan patuh, hasil tidak_berlaku" not in out


def test_base_paths_follow_the_copy(draft):
    for f in (draft / "aceh_raya" / "tests").glob("*.yaml"):
        for base in re.findall(r"base:\s*(\S+)", f.read_text(encoding="utf-8")):
            assert (f.parent / base).resolve().is_file(), base


def test_diff_of_a_pack_with_itself_is_empty(capsys):
    code, out, _ = run(capsys, "pack", "diff", "tual", "tual", "--format", "json")
    d = json.loads(out)
    # every rule of the pack's rule files is the same as itself
    n_rules = sum(len(yaml.safe_load(f.read_text(encoding="utf-8"))["rules"]) for f in (RULES / "tual" / "rules").glob("*.yaml"))
    assert code == 0 and d["metadata"] == [] and d["rules"]["changes"] == [] and d["rules"]["same"] == n_rules == 60


def test_diff_aligns_by_concept(capsys):
    code, out, _ = run(capsys, "pack", "diff", "oku_selatan", "sorong", "--format", "json")
    changes = {c["concept"]: c for c in json.loads(out)["rules"]["changes"]}
    assert changes["kpm.lama_pengalaman"]["status"] == "+"                 # Sorong Ps 29 b only
    assert changes["anggaran.evaluasi_camat"]["status"] == "-"             # OKU Ps 47 (4) only
    edu = changes["kpm.pendidikan_minimal"]
    assert {"field": "params.pendidikan_minimal", "a": "smp", "b": "sma"} in edu["fields"]
    packages = json.loads(out)["packages"]
    assert not [p for p in packages if p["aligned"] == "air_bersih_sanitasi" and p["status"] != "~"]


# ------------------------------------------------------------------ refusals
@pytest.mark.parametrize("name", ["../escape", "/tmp/abs", "a/b", "..", "Aceh", "1abc", "with space", "", "a.b",
                                  "aceh\n", "aceh\nraya", "aceh\x1b[31m"])
def test_unsafe_names_are_refused(tmp_path, capsys, name):
    rules = tmp_path / "rules"
    code, _, err = run(capsys, "pack", "new", name, "--from", "sijunjung", "--dir", str(rules))
    assert code == 2 and "tidak sah" in err
    assert not rules.exists() and not (tmp_path / "escape").exists()


def test_links_are_refused(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (rules / "aceh_raya").symlink_to(elsewhere, target_is_directory=True)
    code, _, err = new_draft(capsys, rules, "--force")
    assert code == 2 and "tautan" in err
    assert list(elsewhere.iterdir()) == []


def test_link_inside_an_existing_pack_is_refused(draft, tmp_path, capsys):
    outside = tmp_path / "outside.yaml"
    outside.write_text("x: 1\n")
    (draft / "aceh_raya" / "rules" / "link.yaml").symlink_to(outside)
    code, _, err = new_draft(capsys, draft, "--force")
    assert code == 2 and "tautan" in err
    assert outside.read_text() == "x: 1\n"


def test_existing_pack_not_overwritten_without_force(draft, capsys):
    pack_yaml = draft / "aceh_raya" / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text() + "# edited by hand\n")
    code, _, err = new_draft(capsys, draft)
    assert code == 2 and "--force" in err
    assert pack_yaml.read_text().endswith("# edited by hand\n")
    (draft / "aceh_raya" / "rules" / "extra.yaml").write_text("rules: []\n")
    code, _, _ = new_draft(capsys, draft, "--force")
    assert code == 0
    assert not pack_yaml.read_text().endswith("# edited by hand\n")
    assert not (draft / "aceh_raya" / "rules" / "extra.yaml").exists()   # replaced, not merged
    assert [p.name for p in draft.iterdir()] == ["aceh_raya"]            # no temporary folder left


def test_force_never_replaces_a_folder_that_is_not_a_pack(tmp_path, capsys):
    rules = tmp_path / "rules"
    (rules / "aceh_raya").mkdir(parents=True)
    (rules / "aceh_raya" / "notes.txt").write_text("mine")
    code, _, err = new_draft(capsys, rules, "--force")
    assert code == 2 and "bukan rule pack" in err
    assert (rules / "aceh_raya" / "notes.txt").read_text() == "mine"


def test_origin_is_never_the_target(tmp_path, capsys):
    code, _, err = run(capsys, "pack", "new", "sijunjung", "--from", "sijunjung", "--dir", str(RULES))
    assert code == 2
    code, _, err = run(capsys, "pack", "new", "baru", "--from", "sijunjung", "--dir", str(RULES / "sijunjung"))
    assert code == 2 and "pack asal" in err
    assert not (RULES / "sijunjung" / "baru").exists()


@pytest.mark.parametrize("option", ["--regency", "--unit", "--nomor"])
def test_control_characters_in_the_draft_words_are_refused(tmp_path, capsys, option):
    code, _, err = run(capsys, "pack", "new", "x_raya", "--from", "sijunjung", option, "Aceh\nRaya",
                       "--dir", str(tmp_path))
    assert code == 2 and f"{option} 'Aceh\\nRaya' tidak sah: memuat karakter kendali" in err
    assert not (tmp_path / "x_raya").exists()


def test_dir_through_a_symbolic_link_is_refused(tmp_path, capsys):
    real = tmp_path / "nyata"
    real.mkdir()
    (tmp_path / "tautan").symlink_to(real, target_is_directory=True)
    code, _, err = run(capsys, "pack", "new", "x_raya", "--from", "sijunjung", "--dir", str(tmp_path / "tautan" / "draf"))
    assert code == 2 and f"{tmp_path / 'tautan'} adalah tautan (symlink)" in err
    assert list(real.iterdir()) == []


def test_a_draft_for_a_regency_that_has_a_pack_warns_that_check_needs_pack(tmp_path, capsys):
    code, _, err = run(capsys, "pack", "new", "sijunjung_2026", "--from", "sijunjung", "--regency", "Kabupaten Sijunjung",
                       "--dir", str(tmp_path))
    assert code == 0
    assert "peringatan: Kabupaten Sijunjung (desa, nagari) sudah diatur pack sijunjung" in err
    assert "--pack sijunjung atau --pack sijunjung_2026" in err
    code, out, _ = run(capsys, "--rules", str(tmp_path), "check", str(RULES / "sijunjung" / "contoh" / "patuh.yaml"))
    assert code == 2 and "diatur oleh lebih dari satu rule pack untuk nagari tahun 2024" in out
    code, _, err = run(capsys, "pack", "new", "aceh_raya", "--from", "sijunjung", "--dir", str(tmp_path))
    assert code == 0 and "peringatan" not in err          # Kabupaten Aceh Raya has no pack yet


def test_bad_unit_word_is_refused(tmp_path, capsys):
    code, _, err = run(capsys, "pack", "new", "x_raya", "--from", "sijunjung", "--unit", "{kepala}",
                       "--dir", str(tmp_path))
    assert code == 2 and "--unit" in err


# ------------------------------------------------------------------ lint
def test_shipped_packs_lint_clean(capsys):
    code, out, _ = run(capsys, "pack", "lint", "oku_selatan", "sorong", "sijunjung", "tual", "panduan_bappenas_2019")
    assert code == 0, out
    assert out.count("bersih, tidak ada masalah") == 5


def test_lint_reports_each_problem_with_its_line(tmp_path, capsys):
    rules = tmp_path / "rules"
    assert run(capsys, "pack", "new", "rusak", "--from", "tual", "--dir", str(rules))[0] == 0
    pack = rules / "rusak"
    clear_review_marks(pack)
    edit(pack / "rules" / "kpm.yaml", "k.pendidikan >= pendidikan_minimal", "k.pendidikn >= pendidikan_minimal")
    edit(pack / "rules" / "pelaporan.yaml", "concept: laporan_tahunan.isi", "concept: laporan_tahunan.isii")
    edit(pack / "rules" / "anggaran.yaml", "citation: {pasal: 44, ayat: 3}", "citation: {pasal: 99, ayat: 3}")
    edit(pack / "rules" / "kpm.yaml", "message: Setiap KPM", "message: Setiap {kader} KPM")
    text = (pack / "traceability.yaml").read_text()
    (pack / "traceability.yaml").write_text(re.sub(r"\n  46:.*?(?=\n  \d|\nlampiran|\Z)", "", text, flags=re.S))
    (pack / "tests" / "kpm.yaml").write_text("cases:\n  - name: [rusak\n")
    code, out, _ = run(capsys, "--rules", str(rules), "pack", "lint", "rusak")
    assert code == 1
    kinds = dict.fromkeys(re.findall(r"\.yaml:\d+:\d+: \[(\w+)\]", out))
    assert {"dsl", "konsep", "pasal", "pack", "keterlacakan", "yaml"} <= set(kinds), out
    assert re.search(r"rules/kpm\.yaml:\d+:\d+: \[dsl\] .*'pendidikn'", out)
    assert "maksud Anda 'pendidikan'?" in out
    assert re.search(r"rules/anggaran\.yaml:\d+:\d+: \[pasal\] .*Pasal 99", out)
    assert re.search(r"traceability\.yaml:1:1: \[keterlacakan\] Pasal tanpa catatan keterlacakan: 46", out)
    assert re.search(r"\[pack\] aturan rusak\.kpm\.\w+: placeholder \{kader\}", out)
    assert re.search(r"tests/kpm\.yaml:\d+:\d+: \[yaml\]", out)


def test_lint_flags_a_criterion_that_disagrees_with_its_rule(draft, capsys):
    pack = draft / "aceh_raya"
    clear_review_marks(pack)
    edit(pack / "rules" / "kpm.yaml", "params: {pendidikan_minimal: smp}", "params: {pendidikan_minimal: slta}")
    code, out, _ = run(capsys, "--rules", str(draft), "pack", "lint", "aceh_raya")
    assert code == 1 and "[konsistensi]" in out and "'slta'" in out and "'smp'" in out


def test_lint_baseline_names_the_missing_scope(capsys):
    code, out, _ = run(capsys, "pack", "lint", "--baseline", "panduan_bappenas_2019", "sorong")
    assert code == 1
    assert re.search(r"sorong/pack\.yaml:\d+:\d+: \[cakupan\] .*peran_kecamatan", out)
    code, out, _ = run(capsys, "pack", "lint", "--baseline", "panduan_bappenas_2019", "oku_selatan")
    assert code == 0
    assert "lebih lemah dari panduan_bappenas_2019: kpm.pendidikan_minimal" in out


def test_lint_of_a_missing_pack_is_unusable_input(capsys):
    code, _, err = run(capsys, "pack", "lint", "atlantis")
    assert code == 2 and "tidak ditemukan" in err


# ------------------------------------------------------------------ declarative plugin
def test_declarative_pack_without_declares_is_a_located_error(tmp_path, capsys):
    rules = tmp_path / "rules"
    shutil.copytree(RULES / "panduan_bappenas_2019", rules / "panduan_bappenas_2019")
    meta = rules / "panduan_bappenas_2019" / "pack.yaml"
    text = meta.read_text()
    meta.write_text(text[:text.index("declares:")])
    code, _, err = run(capsys, "--rules", str(rules), "test", "panduan_bappenas_2019")
    assert code == 2 and re.search(r"pack\.yaml:\d+:\d+: .*declares", err + _)   # a pack that cannot load is unusable input


def test_two_declarative_packs_keep_their_own_words(draft):
    reg = collect(get_plugin_manager(load_entry_points=False))
    a = load_pack(draft / "aceh_raya", reg)
    b = load_pack(RULES / "panduan_bappenas_2019", reg)
    assert a.terms_for("nagari")["unit"] == "Gampong"
    assert b.terms_for("desa")["kepala"] == "Kepala Desa"
    assert len(a.packages) == 7 and len(b.packages) == 0
    assert "MATERI_PELATIHAN_DASAR" in a.constants


def test_schema_command_includes_declares(capsys):
    code, out, _ = run(capsys, "schema", "pack")
    schema = json.loads(out)
    assert code == 0 and schema["properties"]["declares"] == {"$ref": "#/$defs/declares"}
    assert "terminology" in schema["$defs"]["declares"]["required"]


@pytest.mark.parametrize("kind, good, bad", [
    # a rule file of a shipped pack validates; a misspelt key ("mesage") does not
    ("rules", "sijunjung/rules/kpm.yaml", lambda d: d["rules"][0].update(mesage=d["rules"][0].pop("message"))),
    ("traceability", "sorong/traceability.yaml", lambda d: d.update(pasall=d.pop("pasal"))),
    ("tests", "tual/tests/kpm.yaml", lambda d: d["cases"][0].update(expect="patuh")),
])
def test_printed_schemas_stand_alone_for_an_editor(capsys, kind, good, bad):
    """What an editor gets from `aturan schema KIND` validates the file kind by itself."""
    code, out, _ = run(capsys, "schema", kind)
    assert code == 0
    schema = json.loads(out)
    validator = jsonschema.Draft202012Validator(schema)
    data = yaml.safe_load((RULES / good).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    bad(data)
    assert list(validator.iter_errors(data))


@pytest.mark.parametrize("origin", ["oku_selatan", "sorong", "sijunjung", "tual"])
def test_an_unedited_copy_differs_only_in_metadata(tmp_path, capsys, origin):
    """Rule ids renamed inside messages and notes are not changes a reviewer has to read."""
    code, _, err = run(capsys, "pack", "new", "draf_x", "--from", origin, "--dir", str(tmp_path))
    assert code == 0, err
    code, out, _ = run(capsys, "--rules", str(tmp_path), "pack", "diff", origin, "draf_x", "--format", "json")
    d = json.loads(out)
    assert (d["rules"]["changed"], d["rules"]["added"], d["rules"]["removed"]) == (0, 0, 0)
    assert d["notes"] == [] and d["packages"] == [] and d["kpm_criteria"] == []


def test_a_name_already_used_by_a_pack_is_refused(tmp_path, capsys):
    code, _, err = run(capsys, "pack", "new", "oku_selatan", "--from", "sijunjung", "--dir", str(tmp_path))
    assert code == 2 and "sudah dipakai" in err
    assert not (tmp_path / "oku_selatan").exists()


def test_lint_checks_declared_packages_and_education(draft, capsys):
    pack_dir = draft / "aceh_raya"
    clear_review_marks(pack_dir)
    text = (pack_dir / "pack.yaml").read_text(encoding="utf-8")
    start, end = text.index("  - id: pekarangan_pangan"), text.index("  kpm_criteria:")
    text = text[:start] + text[end:]                          # 6 packages left; Pasal 8 (1) says 7
    text = text.replace("  - id: pengasuhan_keluarga", "  - id: paud", 1)   # the same id twice
    text = text.replace("value: smp", "value: sltaa", 1)      # a level no ladder knows
    (pack_dir / "pack.yaml").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "--rules", str(draft), "pack", "lint", "aceh_raya")
    assert code == 1
    assert re.search(r"pack\.yaml:\d+:\d+: \[pack\] id 'paud' muncul dua kali", out)
    assert re.search(r"pack\.yaml:\d+:\d+: \[konsistensi\] kriteria KPM pendidikan: jenjang pendidikan 'sltaa'", out)
    assert re.search(r"rules/pelaksanaan\.yaml:\d+:\d+: \[konsistensi\] .* menyebut 7 paket layanan, tetapi pack "
                     r"mendaftarkan 6", out)


@pytest.mark.parametrize("argv, message", [
    (["compare", "--format", "xml"], "argumen --format: pilihan tidak sah: 'xml'"),
    (["pack", "new", "x"], "argumen wajib belum diberikan: --from"),
    (["pack", "diff", "sorong", "tual", "--width", "abc"], "argumen --width: bukan bilangan bulat: 'abc'"),
])
def test_command_line_mistakes_are_explained_in_indonesian(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err


@pytest.mark.parametrize("argv", [["pack", "diff", "sorong", "tual", "--width", "0"],
                                  ["compare", "--width", "5000"]])
def test_widths_out_of_range_are_refused(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2 and "--width" in err


def test_diff_against_a_folder_that_is_not_a_pack(tmp_path, capsys):
    code, _, err = run(capsys, "pack", "diff", "tual", str(tmp_path))
    assert code == 2 and "bukan rule pack" in err


def test_lint_baseline_of_the_guide_itself_and_of_a_broken_draft(draft, capsys):
    code, out, _ = run(capsys, "pack", "lint", "--baseline", "panduan_bappenas_2019", "panduan_bappenas_2019")
    assert code == 0 and "garis dasar itu sendiri" in out
    edit(draft / "aceh_raya" / "rules" / "kpm.yaml", "require: >-", "require: >-\n      kpm.umurr > 3 and")
    code, out, _ = run(capsys, "--rules", str(draft), "pack", "lint", "--baseline", "panduan_bappenas_2019",
                       "aceh_raya")
    assert code == 1 and "belum diperiksa: pack belum dapat dimuat" in out

