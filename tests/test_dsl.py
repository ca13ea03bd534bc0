"""The DSL: parsing, every operator, type errors with carets, three-valued missing facts."""
import datetime as dt

import pytest

from aturan.dsl import MissingFact, compile_expression
from aturan.dsl.types import BOOL
from aturan.errors import DslError
from aturan.schema import load_schema

SCHEMA = load_schema("dossier")
D = dt.date


def run(src, data, as_of=None, **kw):
    c = compile_expression(src, schema=SCHEMA, **kw)
    return c(data, as_of)


def both(src, data, as_of=None, **kw):
    """The fast and the precise evaluator must agree whenever every fact is present."""
    c = compile_expression(src, schema=SCHEMA, **kw)
    fast, precise = c.fast(data, as_of), c.precise(data, as_of)
    assert fast == precise
    return fast


DOSSIER = {
    "identitas": {"nama": "Sukamaju", "jenis": "desa", "tahun": 2024},
    "kpm": [
        {"nama": "Siti", "pendidikan": "sma", "warga_setempat": True, "dusun": "I",
         "pengalaman_kader": [{"jenis": "posyandu", "tahun": 3}]},
        {"nama": "Budi", "pendidikan": "sd", "warga_setempat": True, "dusun": "II",
         "pengalaman_kader": []},
    ],
    "wilayah": {"dusun": ["I", "II", "III"]},
    "perencanaan": {
        "rembuk_stunting": {"tanggal": D(2024, 6, 10),
                            "berita_acara": {"penandatangan": ["rumah_sehat", "masyarakat", "pemerintah"]}},
        "musyawarah_perencanaan": {"tanggal": D(2024, 7, 1)},
    },
    "apb": {"kegiatan_stunting": [{"nama": "PMT", "paket": "konseling_gizi", "jumlah": 10_000_000, "sumber": "dana_desa"},
                                  {"nama": "Jamban", "paket": "air_bersih_sanitasi", "jumlah": 25_000_000, "sumber": "add"}]},
    "pemantauan": {"rapat_evaluasi": [{"tanggal": D(2024, 3, 28)}, {"tanggal": D(2024, 6, 27)},
                                      {"tanggal": D(2024, 9, 30)}]},
}


@pytest.mark.parametrize("src, expected", [
    ("1 + 2 * 3 == 7", True),
    ("(1 + 2) * 3 == 9", True),
    ("10 / 4 == 2.5", True),
    ("-3 + 5 == 2", True),
    ("7 - 2 - 1 == 4", True),
    ("1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 and 1 != 2", True),
    ("not (1 == 1)", False),
    ("true or false", True),
    ("false and true", False),
    ("\"a\" == 'a'", True),
    ("2024-01-31 before 2024-02-01", True),
    ("2024-01-31 after 2024-02-01", False),
    ("2024-01-31 + 1 == 2024-02-01", True),
    ("2024-03-01 - 2024-02-01 == 29", True),          # 2024 is a leap year
    ("2024-03-01 - 1 == 2024-02-29", True),
    ("days_between(2024-01-01, 2024-12-31) == 365", True),
    ("quarter(2024-03-31) == 1 and quarter(2024-04-01) == 2 and quarter(2024-12-31) == 4", True),
    ("year(2024-05-06) == 2024 and month(2024-05-06) == 5 and day(2024-05-06) == 6", True),
    ("date(2024, 2, 29) == 2024-02-29", True),
    ("2 in [1, 2, 3]", True),
    ("4 not in [1, 2, 3]", True),
    ("len([1, 2, 3]) == 3", True),
    ("abs(-4) == 4", True),
    ("contains_all([\"a\", \"b\", \"c\"], [\"a\", \"c\"])", True),
    ("contains_all([\"a\"], [\"a\", \"c\"])", False),
    ("missing_from([\"a\"], [\"a\", \"c\"]) == [\"c\"]", True),
    ("len(distinct([1, 1, 2])) == 2", True),
])
def test_operators_on_literals(src, expected):
    assert both(src, DOSSIER) is expected


@pytest.mark.parametrize("src, expected", [
    # every KPM at least SMP: Budi has only SD
    ('all(k in kpm: k.pendidikan >= "smp")', False),
    ('any(k in kpm: k.pendidikan >= "smp")', True),
    # sederajat: SLTP and MTs rank with SMP, SLTA/SMK/MA with SMA
    ('all(k in kpm where k.nama == "Siti": k.pendidikan >= "slta")', True),
    ('count(k in kpm) == 2', True),
    ('count(k in kpm where k.warga_setempat) == 2', True),
    ('count(k in kpm where k.pendidikan < "smp") == 1', True),
    ('sum(a in apb.kegiatan_stunting: a.jumlah) == 35000000', True),
    ('sum(a in apb.kegiatan_stunting where a.sumber == "dana_desa": a.jumlah) == 10000000', True),
    ('max(a in apb.kegiatan_stunting: a.jumlah) == 25000000', True),
    ('min(r in pemantauan.rapat_evaluasi: r.tanggal) == 2024-03-28', True),
    ('collect(k in kpm: k.nama) == ["Siti", "Budi"]', True),
    # one KPM in every dusun: dusun III has none
    ('all(w in wilayah.dusun: any(k in kpm: k.dusun == w))', False),
    # an evaluation meeting in each quarter: Q4 is missing
    ('all(q in [1, 2, 3, 4]: any(r in pemantauan.rapat_evaluasi: quarter(r.tanggal) == q))', False),
    ('count(r in pemantauan.rapat_evaluasi where year(r.tanggal) == tahun) == 3', True),
    ('perencanaan.rembuk_stunting.tanggal before perencanaan.musyawarah_perencanaan.tanggal', True),
    ('"rumah_sehat" in perencanaan.rembuk_stunting.berita_acara.penandatangan', True),
    ('contains_all(perencanaan.rembuk_stunting.berita_acara.penandatangan, ["rumah_sehat", "masyarakat", "pemerintah"])', True),
    ('all(k in kpm: any(p in k.pengalaman_kader: p.tahun >= 2))', False),
    ('exists(rumah_sehat.keputusan)', False),
    ('exists(perencanaan.rembuk_stunting)', True),
    ('tanggal_penilaian after 2024-12-31', True),
])
def test_operators_on_dossier(src, expected):
    assert both(src, DOSSIER, D(2025, 1, 15)) is expected


def test_params_and_constants_are_names():
    assert both("all(k in kpm: k.pendidikan >= minimal)", DOSSIER, params={"minimal": "sd"}) is True
    assert both("count(p in PAKET where p in apb_paket) == 2", DOSSIER,
                constants={"PAKET": ["a", "b", "c"], "apb_paket": ["a", "c"]}) is True


# ---------------------------------------------------------------- missing facts
def test_missing_fact_names_the_path():
    with pytest.raises(MissingFact) as e:
        run("rumah_sehat.keputusan.tanggal before 2024-06-01", DOSSIER)
    assert e.value.path == "rumah_sehat"


def test_missing_field_inside_a_list_names_the_item():
    data = {**DOSSIER, "kpm": [{"nama": "Siti", "pendidikan": "sma"}, {"nama": "Ani"}]}
    with pytest.raises(MissingFact) as e:
        run('all(k in kpm: k.pendidikan >= "smp")', data)
    assert e.value.path == "kpm[1].pendidikan"


def test_a_known_false_decides_all_even_when_another_item_is_missing():
    data = {**DOSSIER, "kpm": [{"nama": "Ani"}, {"nama": "Budi", "pendidikan": "sd"}]}
    assert run('all(k in kpm: k.pendidikan >= "smp")', data) is False
    assert run('any(k in kpm: k.pendidikan >= "sd")', data) is True


def test_or_and_are_three_valued():
    # the missing left side does not matter when the right side decides
    assert run("rumah_sehat.kelembagaan == \"fkd\" or 1 == 1", DOSSIER) is True
    assert run("rumah_sehat.kelembagaan == \"fkd\" and 1 == 2", DOSSIER) is False
    with pytest.raises(MissingFact):
        run("rumah_sehat.kelembagaan == \"fkd\" or 1 == 2", DOSSIER)
    with pytest.raises(MissingFact):
        run("not (rumah_sehat.kelembagaan == \"fkd\")", DOSSIER)


def test_empty_list_is_known_none_not_missing():
    data = {**DOSSIER, "kpm": []}
    assert run("count(k in kpm) == 0", data) is True
    assert run('all(k in kpm: k.pendidikan >= "smp")', data) is True
    with pytest.raises(MissingFact):
        run("max(k in kpm: len(k.pengalaman_kader)) > 0", data)


def test_missing_assessment_date_is_missing():
    with pytest.raises(MissingFact) as e:
        run("tanggal_penilaian after 2024-12-31", DOSSIER, None)
    assert e.value.path == "tanggal_penilaian"


def test_division_by_zero_is_not_a_crash():
    with pytest.raises(MissingFact):
        run("1 / (2 - 2) == 1", DOSSIER)


# ---------------------------------------------------------------- errors at load
def error_of(src, **kw):
    with pytest.raises(DslError) as e:
        compile_expression(src, schema=SCHEMA, expect=BOOL, file="rules/x.yaml", line=9, col=13, **kw)
    return e.value


def caret_col(err):
    lines = str(err).splitlines()
    return lines[2].index("^") - 4  # "    " indent before the source line


def test_syntax_error_has_file_line_column_and_caret():
    err = error_of("all(k in kpm k.pendidikan)")
    assert str(err).startswith("rules/x.yaml:10:27: kesalahan sintaks")
    assert caret_col(err) == 13 + 13        # under the 'k' after 'kpm'


def test_unexpected_end():
    err = error_of("count(k in kpm) >")
    assert "berakhir terlalu cepat" in err.message


def test_unknown_character():
    err = error_of("1 $ 2")
    assert "'$'" in err.message and err.location.col == 13 + 2


def test_unknown_field_suggests_the_right_one():
    err = error_of('rumah_sehat.kelembagan == "rds"')
    assert "bidang 'kelembagan' tidak ada di rumah_sehat" in err.message
    assert err.hint == "maksud Anda 'kelembagaan'?"
    assert err.location.col == 13 + 12


def test_unknown_name():
    err = error_of("kpmm == 1")
    assert "nama 'kpmm' tidak dikenal" in err.message and err.hint == "maksud Anda 'kpm'?"


def test_date_compared_with_number_is_a_type_error():
    err = error_of("perencanaan.rembuk_stunting.tanggal > 3")
    assert "tidak dapat membandingkan tanggal dengan angka" in err.message
    assert err.location.col == 13 + 36      # at the operator


def test_before_needs_dates():
    assert "dua tanggal" in error_of("1 before 2").message


def test_invalid_enum_literal():
    err = error_of('all(k in kpm: k.pendidikan >= "smpp")')
    assert "'smpp' bukan jenjang pendidikan yang dikenal" in err.message and err.hint == "maksud Anda 'smp'?"


def test_unordered_strings_cannot_use_less_than():
    assert "tidak berurutan" in error_of('identitas.nama < "b"').message


def test_attribute_of_a_list_says_use_a_quantifier():
    assert "gunakan all(" in error_of('kpm.pendidikan == "smp"').message


def test_and_needs_booleans():
    assert "operand 'and' harus boolean" in error_of("1 and true").message


def test_requirement_must_be_boolean():
    assert "harus menghasilkan boolean" in error_of("count(k in kpm)").message


def test_wrong_arity_and_unknown_function():
    assert "quarter() menerima 1 argumen" in error_of("quarter(2024-01-01, 1) == 1").message
    err = error_of("quartr(2024-01-01) == 1")
    assert "fungsi 'quartr' tidak dikenal" in err.message and err.hint == "maksud Anda 'quarter'?"


def test_membership_checks_item_type():
    assert "tidak dapat dicari" in error_of('1 in perencanaan.rembuk_stunting.berita_acara.penandatangan').message
    assert "bukan nilai yang sah" in error_of('"rds_x" in perencanaan.rembuk_stunting.berita_acara.penandatangan').message


def test_invalid_date_literal():
    assert "tanggal tidak valid" in error_of("2024-02-30 before 2024-03-01").message


def test_generated_code_contains_no_rule_text_as_code():
    # a string that looks like Python stays a literal
    c = compile_expression('identitas.nama == "__import__(\'os\').system(\'x\')"', schema=SCHEMA)
    assert c(DOSSIER) is False
    assert "repr" not in c.python_source and "'__import__" in c.python_source.replace('"', "'")


# ---------------------------------------------------------------- limits: refused at load, never a crash
def test_a_chain_of_65_ands_is_refused_with_a_located_message_not_a_recursion_error():
    err = error_of(" and ".join(["true"] * 70))
    assert "ekspresi bersarang terlalu dalam: lebih dari 64 tingkat" in err.message
    assert str(err.location).startswith("rules/x.yaml:10:")


def test_64_levels_still_compile_and_agree():
    # 60 x `true and ...`: the precise and the fast evaluator agree on True
    assert both(" and ".join(["true"] * 60), DOSSIER) is True
    assert both("not " * 60 + "true", DOSSIER) is True       # an even number of `not`


def test_very_long_expression_is_refused():
    err = error_of("len(kpm) >= 1 or " * 700 + "true")      # 17 x 700 + 4 = 11,904 characters
    assert "ekspresi terlalu panjang: 11.904 karakter (batas 10.000)" in err.message


def test_too_large_number_literal_is_refused_where_it_is_written():
    err = error_of("len(kpm) > " + "9" * 400)
    assert "terlalu besar: paling banyak 15 angka sebelum koma" in err.message
    assert caret_col(err) == 13 + 11                          # the literal starts 11 characters in


def test_fixed_date_arithmetic_past_the_calendar_is_refused_at_load():
    assert "tanggal di luar kalender: 9999-12-31 + 1 hari" in error_of("9999-12-31 + 1 > 2024-01-01").message
    assert "bukan tanggal yang ada di kalender" in error_of("date(2024, 2, 30) before 2024-03-01").message


def test_date_arithmetic_past_the_calendar_at_evaluation_is_not_assessable():
    # 2024-06-10 + 3,000,000 days is past 9999-12-31: not assessable, with the reason, not an OverflowError
    c = compile_expression("perencanaan.rembuk_stunting.tanggal + len(kpm) * 1500000 > 2024-01-01", schema=SCHEMA)
    with pytest.raises(MissingFact) as e:
        c(DOSSIER)
    assert "tanggal di luar kalender: 2024-06-10 + 3000000 hari" in e.value.reason


def test_a_param_outside_the_ladder_is_refused_at_load_for_every_comparison():
    for src in ("all(k in kpm: k.pendidikan >= minimal)", "all(k in kpm: k.pendidikan == minimal)"):
        err = error_of(src, params={"minimal": "sarjana"})
        assert "sarjana" in err.message and ("jenjang pendidikan" in err.message or "nilai yang sah" in err.message)
    err = error_of("all(k in kpm: k.pendidikan in jenjang)", params={"jenjang": ["sma", "sarjana"]})
    assert "param 'jenjang' bernilai 'sarjana', yang bukan nilai yang sah untuk kpm[*].pendidikan" in err.message


def test_params_the_dsl_cannot_use_are_refused_at_load():
    assert "param 'n' tidak bernilai (null)" in error_of("len(kpm) >= n", params={"n": None}).message
    assert "bukan bilangan terhingga" in error_of("len(kpm) >= n", params={"n": float("nan")}).message
    assert "berupa pemetaan" in error_of("len(kpm) >= n", params={"n": {"a": 1}}).message


# ------------------------------------------------------------------ date order with an explicit same-day policy
ORDER = {"perencanaan": {"rembuk_stunting": {"tanggal": D(2024, 6, 10)},
                         "musyawarah_perencanaan": {"tanggal": D(2024, 7, 1)},
                         "diskusi_kelompok": {"tanggal": D(2024, 6, 10)}}}
P = "perencanaan."


@pytest.mark.parametrize("src, expected", [
    # 10 June is before 1 July: strict and inclusive agree on different days
    (f"sebelum({P}rembuk_stunting.tanggal, {P}musyawarah_perencanaan.tanggal)", True),
    (f"sebelum({P}musyawarah_perencanaan.tanggal, {P}rembuk_stunting.tanggal)", False),
    (f"sesudah({P}musyawarah_perencanaan.tanggal, {P}rembuk_stunting.tanggal)", True),
    (f"sesudah({P}rembuk_stunting.tanggal, {P}musyawarah_perencanaan.tanggal)", False),
    (f"paling_lambat({P}rembuk_stunting.tanggal, {P}musyawarah_perencanaan.tanggal)", True),
    (f"paling_lambat({P}musyawarah_perencanaan.tanggal, {P}rembuk_stunting.tanggal)", False),
    (f"paling_cepat({P}musyawarah_perencanaan.tanggal, {P}rembuk_stunting.tanggal)", True),
    # "paling lambat" / "paling cepat" accept the same day
    (f"paling_lambat({P}rembuk_stunting.tanggal, {P}diskusi_kelompok.tanggal)", True),
    (f"paling_cepat({P}rembuk_stunting.tanggal, {P}diskusi_kelompok.tanggal)", True),
    ("paling_lambat(2024-06-10, 2024-06-09)", False),
])
def test_date_order_builtins(src, expected):
    assert both(src, ORDER) is expected


@pytest.mark.parametrize("fn", ["sebelum", "sesudah"])
def test_strict_order_on_the_same_day_is_unknown_and_names_both_dates(fn):
    c = compile_expression(f"{fn}({P}diskusi_kelompok.tanggal, {P}rembuk_stunting.tanggal)", schema=SCHEMA)
    with pytest.raises(MissingFact) as e:
        c(ORDER)
    assert e.value.path == ("urutan perencanaan.diskusi_kelompok.tanggal dan perencanaan.rembuk_stunting.tanggal "
                            "pada 2024-06-10")
    assert "bertanggal sama" in e.value.reason


def test_strict_order_words_the_finding_with_the_rules_own_words():
    c = compile_expression(f'sebelum({P}diskusi_kelompok.tanggal, {P}rembuk_stunting.tanggal, "diskusi dan rembuk")',
                           schema=SCHEMA)
    with pytest.raises(MissingFact) as e:
        c(ORDER)
    assert e.value.path == "urutan diskusi dan rembuk pada 2024-06-10"


def test_a_same_day_order_does_not_decide_an_or_that_is_met_otherwise():
    src = f"sebelum({P}diskusi_kelompok.tanggal, {P}rembuk_stunting.tanggal) or 1 == 1"
    assert run(src, ORDER) is True


@pytest.mark.parametrize("fn", ["sebelum", "sesudah", "paling_lambat", "paling_cepat"])
def test_an_absent_date_in_an_order_is_unknown(fn):
    c = compile_expression(f"{fn}({P}advokasi.tanggal, {P}rembuk_stunting.tanggal)", schema=SCHEMA)
    with pytest.raises(MissingFact) as e:
        c(ORDER)
    assert e.value.path == "perencanaan.advokasi"


def test_tidak_diketahui_is_never_true_or_false():
    c = compile_expression('pemantauan.rapat_evaluasi == [] or tidak_diketahui("rapat evaluasi")', schema=SCHEMA)
    with pytest.raises(MissingFact) as e:
        c({"pemantauan": {"rapat_evaluasi": [{"tanggal": D(2024, 3, 1)}]}})
    assert e.value.path == "rapat evaluasi"
    assert c({"pemantauan": {"rapat_evaluasi": []}}) is True


@pytest.mark.parametrize("src, words", [
    (f"sebelum({P}rembuk_stunting.tanggal, 3)", "argumen kedua sebelum() harus tanggal"),
    (f"paling_lambat({P}rembuk_stunting.tanggal, {P}rembuk_stunting.tanggal, \"x\")", "paling_lambat() menerima 2 argumen"),
    (f"sebelum({P}rembuk_stunting.tanggal, {P}rembuk_stunting.tanggal, identitas.nama)", "keterangan sebelum() harus teks tetap"),
    ("tidak_diketahui()", "tidak_diketahui() menerima 1 argumen"),
])
def test_date_order_builtins_are_typed(src, words):
    with pytest.raises(DslError) as e:
        compile_expression(src, schema=SCHEMA)
    assert words in str(e.value)


def test_a_plugin_cannot_replace_a_builtin(registry):
    from aturan.errors import AturanError
    from aturan.registry import DslRegistrar
    with pytest.raises(AturanError) as e:
        DslRegistrar(registry).function(plugin="uji", name="sebelum", func=lambda a, b: a < b,
                                     args=["date", "date"], returns="bool")
    assert "sudah fungsi bawaan" in str(e.value)


def test_terbukti_counts_only_what_the_recorded_facts_prove():
    late = 'any(r in pemantauan.rapat_evaluasi where year(r.tanggal) == 2024: r.tanggal > 2024-06-01)'
    src = f"terbukti({late})"
    # a meeting of 2024 after 1 June is on record: proven (fast and precise agree)
    assert both(src, {"pemantauan": {"rapat_evaluasi": [{"tanggal": D(2024, 6, 27)}]}}) is True
    # the recorded meetings are all before 1 June: false
    assert both(src, {"pemantauan": {"rapat_evaluasi": [{"tanggal": D(2024, 3, 28)}]}}) is False
    # the list not recorded, or a meeting without its date: any(...) cannot be judged, terbukti(...) is false
    for data in ({"pemantauan": {}}, {"pemantauan": {"rapat_evaluasi": [{}]}}):
        with pytest.raises(MissingFact):
            run(late, data)
        assert run(src, data) is False
    # stated absent (an empty list): nothing is on record either
    assert run(src, {"pemantauan": {"rapat_evaluasi": []}}) is False
    with pytest.raises(DslError, match=r"argumen terbukti\(\) harus boolean"):
        compile_expression("terbukti(3)", schema=SCHEMA)


def test_an_item_whose_filter_cannot_be_judged_is_decided_by_its_body_alone():
    # any(k where W: B) is any(W and B), all(k where W: B) is all(not W or B): an undated recap counting 0
    # targets cannot be a recorded shortfall of 2024, whichever year it is from
    short = 'any(k in pemantauan.rekapitulasi where year(k.tanggal) == 2024: k.sasaran_tidak_lengkap > 0)'
    none_short = 'all(k in pemantauan.rekapitulasi where year(k.tanggal) == 2024: k.sasaran_tidak_lengkap == 0)'
    undated_zero = {"pemantauan": {"rekapitulasi": [{"sasaran_tidak_lengkap": 0}]}}
    assert run(short, undated_zero) is False
    assert run(none_short, undated_zero) is True
    # an undated recap counting 2 may be of 2024: unknown, naming the missing date
    undated_two = {"pemantauan": {"rekapitulasi": [{"sasaran_tidak_lengkap": 2}]}}
    for src in (short, none_short):
        with pytest.raises(MissingFact) as e:
            run(src, undated_two)
        assert e.value.path == "pemantauan.rekapitulasi[0].tanggal"
    # a dated one of 2023 is outside the filter: decided
    assert run(short, {"pemantauan": {"rekapitulasi": [{"tanggal": D(2023, 12, 1), "sasaran_tidak_lengkap": 2}]}}) is False
