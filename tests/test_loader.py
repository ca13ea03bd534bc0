"""Packs and dossiers: schema errors, DSL errors and inconsistencies, located in the file."""
import shutil

import pytest

from aturan.errors import AturanError, ErrorList
from aturan.loader import load_dossier, load_pack

RULES = """rules:
  - id: mini.a
    title: Aturan A
    concept: kpm.ada
    citation: {pasal: 1}
    quote: kutipan
    subject: kpm
    severity: tinggi
    require: %s
    message: %s
"""


@pytest.fixture
def pack_dir(tmp_path, fixtures):
    d = tmp_path / "mini"
    shutil.copytree(fixtures / "packs" / "mini", d)
    return d


def write_rule(pack_dir, require='"count(k in kpm) >= 1"', message="Ada KPM di {unit}."):
    (pack_dir / "rules" / "r.yaml").write_text(RULES % (require, message))
    (pack_dir / "traceability.yaml").write_text("pasal:\n  1: {rules: [mini.a]}\n")


def load_error(pack_dir, registry) -> AturanError:
    with pytest.raises(AturanError) as e:
        load_pack(pack_dir, registry)
    return e.value


def first_error(err: AturanError) -> AturanError:
    """A pack with several problems reports all of them; the first is the cause here."""
    return err.errors[0] if isinstance(err, ErrorList) else err


def test_the_mini_pack_loads(mini_pack):
    assert [r.id for r in mini_pack.rules] == ["mini.kpm.pendidikan", "mini.rembuk.sebelum_musyawarah", "mini.rapat.triwulan"]
    assert str(mini_pack.rules[0].citation) == "Pasal 1 huruf d"
    assert mini_pack.notes[0].kind == "kontradiksi"


def test_dsl_error_in_a_quoted_scalar_points_into_the_file(pack_dir, registry):
    write_rule(pack_dir, require='"count(k in kpm) >= tanggal_penilaian"')
    err = load_error(pack_dir, registry)
    assert str(err).startswith(f"{pack_dir}/rules/r.yaml:9:31: aturan mini.a, require: tidak dapat membandingkan angka dengan tanggal")
    src, caret = str(err).splitlines()[1:3]
    assert src.strip().startswith("require:") and src.index(">=") == caret.index("^")


def test_dsl_error_in_a_block_scalar(pack_dir, registry):
    write_rule(pack_dir, require=">-\n      all(k in kpm:\n          k.pendidkan >= \"smp\")")
    err = load_error(pack_dir, registry)
    assert str(err.location) == f"{pack_dir}/rules/r.yaml:11:13"
    assert "bidang 'pendidkan' tidak ada" in err.message and err.hint == "maksud Anda 'pendidikan'?"


def test_syntax_error_names_rule_and_shows_caret(pack_dir, registry):
    write_rule(pack_dir, require="count(k in kpm) >= = 1")
    err = load_error(pack_dir, registry)
    assert "aturan mini.a, require: kesalahan sintaks" in err.message
    assert str(err.location) == f"{pack_dir}/rules/r.yaml:9:33"   # the second "="


def test_unknown_rule_field_is_a_schema_error(pack_dir, registry):
    (pack_dir / "rules" / "r.yaml").write_text(
        (RULES % ('"count(k in kpm) >= 1"', "x {unit}")).replace("    severity: tinggi\n", "    severity: tinggi\n    requires: x\n"))
    err = first_error(load_error(pack_dir, registry))
    assert str(err.location) == f"{pack_dir}/rules/r.yaml:9:5"
    assert err.message == "aturan mini.a: bidang 'requires' tidak dikenal di rules[0] (maksud Anda 'require'?)"


def test_bad_severity_value(pack_dir, registry):
    (pack_dir / "rules" / "r.yaml").write_text((RULES % ('"true"', "x")).replace("severity: tinggi", "severity: penting"))
    err = first_error(load_error(pack_dir, registry))
    assert "rules[0].severity: 'penting' bukan nilai yang sah" in err.message and err.location.line == 7


def test_duplicate_rule_ids(pack_dir, registry):
    (pack_dir / "rules" / "s.yaml").write_text((pack_dir / "rules" / "r.yaml").read_text())
    err = load_error(pack_dir, registry)
    assert isinstance(err, ErrorList)
    assert any("dipakai dua kali" in e.message and "s.yaml" in str(e.location) for e in err.errors)


def test_unknown_placeholder(pack_dir, registry):
    write_rule(pack_dir, message="Ada KPM di {desa}.")
    err = load_error(pack_dir, registry)
    assert "placeholder {desa} tidak dikenal" in err.message


def test_unknown_plugin(pack_dir, registry):
    p = pack_dir / "pack.yaml"
    p.write_text(p.read_text().replace("plugin: uji", "plugin: lebak"))
    err = load_error(pack_dir, registry)
    assert "plugin 'lebak' tidak terpasang" in err.message and err.location.line == 2


def test_traceability_points_at_unknown_rule(pack_dir, registry):
    (pack_dir / "traceability.yaml").write_text("pasal:\n  1: {rules: [mini.tidak_ada]}\n")
    err = load_error(pack_dir, registry)
    assert "aturan 'mini.tidak_ada' tidak ada di pack" in str(err)


def test_plugin_function_is_usable_and_type_checked(pack_dir, registry):
    write_rule(pack_dir, require='"genap(count(k in kpm))"')
    pack = load_pack(pack_dir, registry)
    assert pack.rules[0].require({"kpm": [{}, {}]}) is True
    write_rule(pack_dir, require='"genap(identitas.nama)"')
    assert "argumen genap() harus angka" in load_error(pack_dir, registry).message


# ----------------------------------------------------------------- dossiers
def dossier_error(tmp_path, text) -> AturanError:
    f = tmp_path / "d.yaml"
    f.write_text(text)
    with pytest.raises(AturanError) as e:
        load_dossier(f)
    return e.value


HEAD = "identitas:\n  nama: A\n  jenis: desa\n  tahun: 2024\n"


def test_dossier_wrong_date(tmp_path):
    err = dossier_error(tmp_path, HEAD + "perencanaan:\n  rembuk_stunting:\n    tanggal: 2024-02-30\n")
    assert str(err.location).endswith("d.yaml:7:14")
    assert "perencanaan.rembuk_stunting.tanggal: '2024-02-30' bukan tanggal yang sah" in err.message


def test_dossier_unknown_field_suggests(tmp_path):
    err = dossier_error(tmp_path, HEAD + "kpm:\n  - nama: Siti\n    pendidkan: sma\n")
    assert str(err.location).endswith("d.yaml:7:5")
    assert "bidang 'pendidkan' tidak dikenal di kpm[0] (maksud Anda 'pendidikan'?)" in err.message


def test_dossier_text_where_number_belongs(tmp_path):
    err = dossier_error(tmp_path, HEAD + "apb:\n  total_belanja: satu juta\n")
    assert "apb.total_belanja: harus angka, bukan 'satu juta'" in err.message and err.location.line == 5


def test_dossier_missing_identity(tmp_path):
    err = dossier_error(tmp_path, "kpm: []\n")
    assert "bidang wajib 'identitas' tidak ada" in err.message


def test_dossier_json_is_accepted(tmp_path):
    f = tmp_path / "d.json"
    f.write_text('{"identitas": {"nama": "A", "jenis": "desa", "tahun": 2024}, "rkp": {"paket_layanan": ["x"]}}')
    assert load_dossier(f).data["rkp"]["paket_layanan"] == ["x"]


def test_dossier_null_means_unknown(tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text(HEAD + "rumah_sehat:\n  keputusan: null\n")
    assert load_dossier(f).data["rumah_sehat"] == {}


def test_dossier_not_a_file(tmp_path):
    with pytest.raises(AturanError, match="tidak ditemukan"):
        load_dossier(tmp_path / "nope.yaml")


def test_an_integer_must_be_written_as_an_integer(tmp_path):
    # jsonschema alone takes 2024.0 as an integer; the engine then fails on date(2024.0, 12, 31)
    err = dossier_error(tmp_path, HEAD.replace("tahun: 2024", "tahun: 2024.0"))
    assert str(err.location).endswith("d.yaml:4:10")
    assert "identitas.tahun: harus bilangan bulat, bukan 2024.0" in err.message


def test_a_date_in_an_implausible_year_is_refused_as_a_typo(tmp_path):
    err = dossier_error(tmp_path, HEAD + "perencanaan:\n  rembuk_stunting:\n    tanggal: 0024-06-10\n")
    assert "tahun 0024 di luar rentang yang diterima (1900-2200); salah ketik?" in err.message


def test_nan_in_data_given_directly_is_refused_by_the_schema():
    from jsonschema.exceptions import best_match

    from aturan import schema as S
    data = {"identitas": {"nama": "A", "jenis": "desa", "tahun": 2024},
            "apb": {"kegiatan_stunting": [{"nama": "PMT", "jumlah": float("nan")}]}}
    errors = list(S.validator("dossier").iter_errors(data))
    assert errors and "NaN dan tak hingga bukan angka yang sah" in S.translate(best_match(errors))[0]


# terbukti() turns "cannot be judged" into false: only under `not` can that never make a violation.
# The expression starts in column 15 of line 9 (`    require: "` is 14 characters).
@pytest.mark.parametrize("require, col", [
    ('"terbukti(count(k in kpm) > 0)"', 15),                          # positive: an unrecorded KPM list -> false
    ('"not not terbukti(count(k in kpm) > 0)"', 23),                  # two negations are positive again
    ('"not all(k in kpm: terbukti(k.warga_setempat))"', 33),          # inside a quantifier: no polarity
    ('"terbukti(count(k in kpm) > 0) == false"', 15),                 # inside a comparison: no polarity
])
def test_a_requirement_may_use_terbukti_only_under_not(pack_dir, registry, require, col):
    write_rule(pack_dir, require=require)
    err = first_error(load_error(pack_dir, registry))
    assert str(err).startswith(f"{pack_dir}/rules/r.yaml:9:{col}: aturan mini.a, require: terbukti(...) tanpa `not`")


@pytest.mark.parametrize("require", [
    '"not terbukti(any(k in kpm: k.warga_setempat == false)) and count(k in kpm) > 0"',
    '"not (terbukti(count(k in kpm) > 5) or terbukti(count(k in kpm) == 0)) and count(k in kpm) > 0"',
])
def test_a_negated_terbukti_loads(pack_dir, registry, require):
    write_rule(pack_dir, require=require)
    assert [r.id for r in load_pack(pack_dir, registry).rules] == ["mini.a"]
