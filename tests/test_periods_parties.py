"""Shared engine mechanisms every pack relies on (issue 9): an absent fact is never a violation, only an
explicit "tidak ada" is; a period or deadline not yet over is not due; other parties' obligations are
reported apart; inferred rules are marked. The pack is tests/fixtures/packs/berkala."""
import datetime as dt
import json
import shutil

import pytest

from aturan.engine import evaluate
from aturan.errors import AturanError
from aturan.loader import dossier_from_data, load_pack
from aturan.report import render_json, render_markdown, render_table


@pytest.fixture
def pack(registry, fixtures):
    return load_pack(fixtures / "packs" / "berkala", registry)


def dossier(tahun=2024, **facts):
    data = {"identitas": {"nama": "Sukamaju", "jenis": "desa", "kabupaten": "Kabupaten Uji Berkala", "tahun": tahun}}
    data.update(facts)
    return dossier_from_data(data)


def status(pack, d, rule, as_of):
    rep = evaluate(pack, d, as_of)
    return next(f for f in rep.findings if f.rule.id == f"berkala.{rule}")


MEETINGS = {"rembuk_stunting": {"tanggal": "2024-06-10"}, "musyawarah_perencanaan": {"tanggal": "2024-07-01"}}


# ------------------------------------------------------------------ absent is not violated
def test_a_recorded_rembuk_before_the_musyawarah_is_met(pack):
    assert status(pack, dossier(perencanaan=MEETINGS), "rembuk.diadakan", dt.date(2025, 1, 31)).status == "patuh"


def test_a_rembuk_the_dossier_does_not_mention_cannot_be_judged(pack):
    f = status(pack, dossier(perencanaan={"musyawarah_perencanaan": {"tanggal": "2024-07-01"}}),
               "rembuk.diadakan", dt.date(2025, 1, 31))
    assert f.status == "tidak_dapat_dinilai"
    assert f.missing == "perencanaan.rembuk_stunting"


def test_a_rembuk_written_as_null_is_unknown_too(pack):
    f = status(pack, dossier(perencanaan={"rembuk_stunting": None, "musyawarah_perencanaan": {"tanggal": "2024-07-01"}}),
               "rembuk.diadakan", dt.date(2025, 1, 31))
    assert f.status == "tidak_dapat_dinilai"


def test_a_rembuk_stated_not_held_is_a_violation(pack):
    # `false` is the dossier's explicit "tidak ada"
    f = status(pack, dossier(perencanaan={"rembuk_stunting": False, "musyawarah_perencanaan": {"tanggal": "2024-07-01"}}),
               "rembuk.diadakan", dt.date(2025, 1, 31))
    assert f.status == "tidak_patuh"


def test_a_rembuk_recorded_without_its_date_cannot_be_judged(pack):
    f = status(pack, dossier(perencanaan={"rembuk_stunting": {"tempat": "balai desa"},
                                          "musyawarah_perencanaan": {"tanggal": "2024-07-01"}}),
               "rembuk.diadakan", dt.date(2025, 1, 31))
    assert f.status == "tidak_dapat_dinilai"
    assert f.missing == "perencanaan.rembuk_stunting.tanggal"


def test_exists_reads_an_explicit_none_as_absent():
    from aturan.dsl import compile_expression
    from aturan.schema import load_schema
    e = compile_expression("exists(rkp.penetapan)", schema=load_schema("dossier"))
    assert e({"rkp": {"penetapan": {"nomor": "1"}}}) is True
    assert e({"rkp": {"penetapan": False}}) is False
    assert e({"rkp": {}}) is False


def test_ada_of_a_list_is_false_only_when_the_list_is_given_empty():
    from aturan.dsl import MissingFact, compile_expression
    from aturan.schema import load_schema
    e = compile_expression("ada(pemantauan.rapat_evaluasi)", schema=load_schema("dossier"))
    assert e({"pemantauan": {"rapat_evaluasi": [{"tanggal": dt.date(2024, 3, 1)}]}}) is True
    assert e({"pemantauan": {"rapat_evaluasi": []}}) is False
    with pytest.raises(MissingFact):
        e.precise({"pemantauan": {}})


def test_the_schema_accepts_false_for_documents_only():
    from aturan.errors import SchemaError
    from aturan.loader import load_dossier
    from aturan.yamlio import load_text
    from aturan import schema as S
    ok = load_text("identitas: {nama: X, jenis: desa, tahun: 2024}\nlaporan_tahunan: false\napb: {evaluasi_camat: false}\n")
    S.check(ok, "dossier")
    bad = load_text("identitas: {nama: X, jenis: desa, tahun: 2024}\nrkp: {paket_layanan: false}\n", "d.yaml")
    with pytest.raises(SchemaError) as e:
        S.check(bad, "dossier")
    assert str(e.value).startswith("d.yaml:2:")
    assert load_dossier  # the loader path is the same check


# ------------------------------------------------------------------ deadlines counted from a dated event
def kpm(*people):
    return [dict(p) for p in people]


def test_a_kpm_not_yet_at_work_and_untrained_is_not_yet_due(pack):
    # Pasal 6 "sebelum KPM menjalankan tugas": starting 1 March 2025, assessed 31 January 2025
    d = dossier(kpm=kpm({"nama": "Yudi", "mulai_bertugas": "2025-03-01", "pelatihan_dasar": False}))
    f = status(pack, d, "kpm.pelatihan", dt.date(2025, 1, 31))
    assert f.status == "belum_jatuh_tempo"
    assert "kpm[0] (Yudi) jatuh tempo setelah 2025-03-01" in f.detail


def test_the_start_day_itself_is_not_yet_past(pack):
    # the deadline is the start day (hari: 0): on 1 March not yet passed, on 2 March it has
    d = dossier(kpm=kpm({"nama": "Yudi", "mulai_bertugas": "2025-03-01", "pelatihan_dasar": False}))
    assert status(pack, d, "kpm.pelatihan", dt.date(2025, 3, 1)).status == "belum_jatuh_tempo"
    assert status(pack, d, "kpm.pelatihan", dt.date(2025, 3, 2)).status == "tidak_patuh"


def test_each_kpm_is_judged_against_its_own_start(pack):
    d = dossier(kpm=kpm({"nama": "Siti", "mulai_bertugas": "2024-05-02", "pelatihan_dasar": {"tanggal": "2024-04-20"}},
                        {"nama": "Yudi", "mulai_bertugas": "2025-03-01", "pelatihan_dasar": False}))
    f = status(pack, d, "kpm.pelatihan", dt.date(2025, 1, 31))
    assert f.status == "patuh"
    assert [p.status for p in f.periods] == ["patuh", "belum_jatuh_tempo"]
    assert f.detail == "dipenuhi: kpm[0] (Siti); belum jatuh tempo: kpm[1] (Yudi)"
    # a KPM at work since May 2024 who was never trained breaks it, whatever the other one
    d = dossier(kpm=kpm({"nama": "Siti", "mulai_bertugas": "2024-05-02", "pelatihan_dasar": False},
                        {"nama": "Yudi", "mulai_bertugas": "2025-03-01", "pelatihan_dasar": False}))
    f = status(pack, d, "kpm.pelatihan", dt.date(2025, 1, 31))
    assert f.status == "tidak_patuh"
    assert f.detail.startswith("tidak dipenuhi: kpm[0] (Siti)")


def test_training_on_the_start_day_is_in_unknown_order(pack):
    d = dossier(kpm=kpm({"nama": "Siti", "mulai_bertugas": "2024-05-02", "pelatihan_dasar": {"tanggal": "2024-05-02"}}))
    f = status(pack, d, "kpm.pelatihan", dt.date(2025, 1, 31))
    assert f.status == "tidak_dapat_dinilai"
    assert "2024-05-02" in f.missing and "kpm[0].pelatihan_dasar.tanggal" in f.missing


def test_an_unrecorded_start_leaves_the_deadline_unknown(pack):
    d = dossier(kpm=kpm({"nama": "Siti", "pelatihan_dasar": False}))
    f = status(pack, d, "kpm.pelatihan", dt.date(2025, 1, 31))
    assert f.status == "tidak_dapat_dinilai"
    assert f.missing == "kpm[0].mulai_bertugas"


REMBUK = {"rembuk_stunting": {"tanggal": "2024-06-10"}}


def test_a_report_due_seven_days_after_the_rembuk(pack):
    # rembuk 10 June: due by 17 June (10 + 7); undelivered on 17 June is not yet due, on 18 June it is
    d = dossier(perencanaan={**REMBUK, "advokasi": False})
    assert status(pack, d, "rembuk.berita_acara_disampaikan", dt.date(2024, 6, 17)).status == "belum_jatuh_tempo"
    assert status(pack, d, "rembuk.berita_acara_disampaikan", dt.date(2024, 6, 18)).status == "tidak_patuh"
    on_time = dossier(perencanaan={**REMBUK, "advokasi": {"tanggal": "2024-06-17"}})
    late = dossier(perencanaan={**REMBUK, "advokasi": {"tanggal": "2024-06-18"}})
    assert status(pack, on_time, "rembuk.berita_acara_disampaikan", dt.date(2024, 12, 31)).status == "patuh"
    assert status(pack, late, "rembuk.berita_acara_disampaikan", dt.date(2024, 12, 31)).status == "tidak_patuh"


def test_no_rembuk_no_deadline(pack):
    # the event the deadline runs from is stated not held: nothing is due (its absence is counted by the
    # rule that requires the rembuk); unrecorded, whether it is due is unknown
    d = dossier(perencanaan={"rembuk_stunting": False, "advokasi": False})
    assert status(pack, d, "rembuk.berita_acara_disampaikan", dt.date(2024, 12, 31)).status == "tidak_berlaku"
    f = status(pack, dossier(perencanaan={"advokasi": False}), "rembuk.berita_acara_disampaikan", dt.date(2024, 12, 31))
    assert f.status == "tidak_dapat_dinilai"
    assert f.missing == "perencanaan.rembuk_stunting.tanggal"


def test_the_json_names_the_deadline_and_each_item(pack):
    d = dossier(kpm=kpm({"nama": "Yudi", "mulai_bertugas": "2025-03-01", "pelatihan_dasar": False}))
    doc = json.loads(render_json([evaluate(pack, d, dt.date(2025, 1, 31))], []))["results"][0]
    f = next(x for x in doc["findings"] if x["rule"] == "berkala.kpm.pelatihan")
    assert f["tenggat"]["sejak"] == "kpm[*].mulai_bertugas" and f["tenggat"]["hari"] == 0
    assert f["tenggat"]["rincian"][0]["jatuh_tempo"] == "2025-03-01"
    assert f["tenggat"]["rincian"][0]["status"] == "belum_jatuh_tempo"


@pytest.mark.parametrize("tenggat, words", [
    ('{hari: 0, sejak: "kpm[*].tanggal_lahir"}', "bidang 'tanggal_lahir' tidak ada di butir kpm"),
    ('{hari: 0, sejak: "kpm[*].nama"}', "bukan tanggal"),
    ("{hari: 0, sejak: perencanaan.rembuk_stunting}", "bukan tanggal"),
])
def test_a_deadline_that_runs_from_no_date_is_refused(registry, fixtures, tmp_path, tenggat, words):
    shutil.copytree(fixtures / "packs" / "berkala", tmp_path / "berkala")
    f = tmp_path / "berkala" / "rules" / "r.yaml"
    f.write_text(f.read_text().replace('{hari: 0, sejak: "kpm[*].mulai_bertugas"}', tenggat))
    with pytest.raises(AturanError) as e:
        load_pack(tmp_path / "berkala", registry)
    assert "r.yaml:" in str(e.value) and words in str(e.value)


def test_tenggat_in_an_expression_needs_a_dated_deadline(registry, fixtures, tmp_path):
    shutil.copytree(fixtures / "packs" / "berkala", tmp_path / "berkala")
    f = tmp_path / "berkala" / "rules" / "r.yaml"
    f.write_text(f.read_text().replace("require: ada(apb.evaluasi_camat)",
                                       "require: ada(apb.evaluasi_camat) and tenggat.jatuh_tempo > 2024-01-01"))
    with pytest.raises(AturanError) as e:
        load_pack(tmp_path / "berkala", registry)
    assert "nama 'tenggat' hanya dikenal" in str(e.value)


# ------------------------------------------------------------------ periods and deadlines
MONTHS = {"pemantauan": {"bulanan": [{"bulan": m} for m in (3, 4, 5, 6)]}}


def test_only_months_that_have_ended_are_judged(pack):
    # in force 10 March 2024: January, February and March began before it (tidak berlaku: a recurring
    # duty applies from the first whole period in force); on 15 July, April-June have ended and are
    # recorded; July is still running
    f = status(pack, dossier(**MONTHS), "pemantauan.bulanan", dt.date(2024, 7, 15))
    assert f.status == "patuh"
    by = {p.nomor: p.status for p in f.periods}
    assert by[1] == by[2] == by[3] == "tidak_berlaku"
    assert [by[m] for m in (4, 5, 6)] == ["patuh"] * 3
    assert by[7] == by[12] == "belum_jatuh_tempo"


def test_the_last_day_of_a_month_is_not_yet_due(pack):
    # the Sijunjung review case: assessed on 30 June, June has not ended
    f = status(pack, dossier(pemantauan={"bulanan": [{"bulan": m} for m in (3, 4, 5)]}),
               "pemantauan.bulanan", dt.date(2024, 6, 30))
    assert f.status == "patuh"
    assert {p.nomor: p.status for p in f.periods}[6] == "belum_jatuh_tempo"
    # one day later June is due and missing
    f = status(pack, dossier(pemantauan={"bulanan": [{"bulan": m} for m in (3, 4, 5)]}),
               "pemantauan.bulanan", dt.date(2024, 7, 1))
    assert f.status == "tidak_patuh"
    assert "Juni 2024" in f.detail


def test_no_period_ended_yet_is_not_yet_due(pack):
    f = status(pack, dossier(pemantauan={"bulanan": []}), "rapat.triwulan", dt.date(2024, 3, 31))
    assert f.status == "belum_jatuh_tempo"


def test_a_quarter_with_no_meeting_is_violated_once_it_ends(pack):
    rapat = {"rapat_evaluasi": [{"tanggal": "2024-08-20"}]}
    # Q1 began before entry into force (10 March): not judged; Q2 (April-June) has no meeting; Q3 has
    # one; Q4 is not over on 1 November
    f = status(pack, dossier(pemantauan=rapat), "rapat.triwulan", dt.date(2024, 11, 1))
    assert f.status == "tidak_patuh"
    assert [p.status for p in f.periods] == ["tidak_berlaku", "tidak_patuh", "patuh", "belum_jatuh_tempo"]
    assert "triwulan II 2024" in f.detail


def test_the_annual_report_is_due_after_january(pack):
    d = dossier(tahun=2025)   # the first whole year in force
    assert status(pack, d, "laporan.januari", dt.date(2026, 1, 31)).status == "belum_jatuh_tempo"
    assert status(pack, d, "laporan.januari", dt.date(2026, 2, 1)).status == "tidak_dapat_dinilai"
    stated_none = dossier(tahun=2025, laporan_tahunan=False)
    assert status(pack, stated_none, "laporan.januari", dt.date(2026, 1, 20)).status == "belum_jatuh_tempo"
    assert status(pack, stated_none, "laporan.januari", dt.date(2026, 2, 1)).status == "tidak_patuh"


def test_the_year_the_regulation_came_into_force_is_not_judged_as_a_whole(pack):
    f = status(pack, dossier(tahun=2024, laporan_tahunan=False), "laporan.januari", dt.date(2025, 3, 1))
    assert f.status == "tidak_berlaku"
    assert f.periods[0].detail == "periode dimulai sebelum peraturan berlaku"


def test_a_report_made_early_counts_before_the_deadline(pack):
    d = dossier(tahun=2025, laporan_tahunan={"tanggal": "2026-01-10"})
    assert status(pack, d, "laporan.januari", dt.date(2026, 1, 15)).status == "patuh"


def test_a_late_report_is_violated(pack):
    d = dossier(tahun=2025, laporan_tahunan={"tanggal": "2026-02-03"})
    assert status(pack, d, "laporan.januari", dt.date(2026, 3, 1)).status == "tidak_patuh"


def test_periode_outside_a_periodic_rule_is_a_located_dsl_error(registry, fixtures, tmp_path):
    import shutil
    shutil.copytree(fixtures / "packs" / "berkala", tmp_path / "berkala")
    f = tmp_path / "berkala" / "rules" / "r.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("    periode: bulan\n", ""), encoding="utf-8")
    with pytest.raises(AturanError) as e:
        load_pack(tmp_path / "berkala", registry)
    assert "r.yaml:" in str(e.value) and "hanya dikenal pada aturan berkala" in str(e.value)


# ------------------------------------------------------------------ whose duty
def test_the_camats_duty_is_reported_apart_and_never_counted(pack):
    d = dossier(tahun=2025, perencanaan={"rembuk_stunting": {"tanggal": "2025-06-10"},
                                         "musyawarah_perencanaan": {"tanggal": "2025-07-01"}},
                apb={"evaluasi_camat": False},
                pemantauan={"bulanan": [{"bulan": m} for m in range(1, 13)],
                            "rapat_evaluasi": [{"tanggal": f"2025-{m:02d}-20"} for m in (3, 6, 9, 12)]},
                laporan_tahunan={"tanggal": "2026-01-10"})
    rep = evaluate(pack, d, dt.date(2026, 2, 1))
    assert [f.rule.id for f in rep.outside_findings] == ["berkala.camat.evaluasi"]
    assert rep.outside_findings[0].status == "tidak_patuh"
    assert rep.counts()["tidak_patuh"] == 0 and rep.counts()["patuh"] == 4
    assert rep.counts_outside()["tidak_patuh"] == 1
    table = render_table([rep], [])
    assert "KEWAJIBAN PIHAK LAIN (bukan kewajiban Desa" in table
    assert "Pihak: Camat" in table
    assert "Ringkasan: 0 tidak patuh" in table
    doc = __import__("json").loads(render_json([rep], []))["results"][0]
    assert [f["rule"] for f in doc["kewajiban_pihak_lain"]] == ["berkala.camat.evaluasi"]
    assert all(f["rule"] != "berkala.camat.evaluasi" for f in doc["findings"])


# ------------------------------------------------------------------ basis
def test_an_inferred_rule_is_marked_in_reports(pack):
    d = dossier(pemantauan={"rapat_evaluasi": []})
    rep = evaluate(pack, d, dt.date(2024, 7, 1))
    assert "| Pasal 3 (tafsiran) |" in render_markdown([rep], [])
    f = next(x for x in __import__("json").loads(render_json([rep], []))["results"][0]["findings"]
             if x["rule"] == "berkala.rapat.triwulan")
    assert f["dasar"] == "tafsiran" and f["tafsiran"]["kata"] == "rapat evaluasi 3 bulanan"


def test_a_tafsiran_rule_without_its_reasoning_is_refused(registry, fixtures, tmp_path):
    import shutil
    shutil.copytree(fixtures / "packs" / "berkala", tmp_path / "berkala")
    f = tmp_path / "berkala" / "rules" / "r.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index("    tafsiran:\n")
    end = text.index("    periode: triwulan")
    f.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(AturanError) as e:
        load_pack(tmp_path / "berkala", registry)
    assert "tafsiran" in str(e.value) and "r.yaml:" in str(e.value)


def test_a_figure_stated_absent_is_unknown_not_zero():
    # `tingkat_konvergensi: false` says the report holds no such figure: comparing it must not read it as 0
    from aturan.dsl import MissingFact, compile_expression
    from aturan.schema import load_schema
    at_least = compile_expression("laporan_tahunan.isi.tingkat_konvergensi >= 100", schema=load_schema("dossier"))
    below = compile_expression("laporan_tahunan.isi.tingkat_konvergensi < 100", schema=load_schema("dossier"))
    stated = {"laporan_tahunan": {"isi": {"tingkat_konvergensi": False}}}
    for e in (at_least, below):
        with pytest.raises(MissingFact) as err:
            e.precise(stated)
        assert err.value.reason == "dinyatakan tidak ada"
        with pytest.raises(MissingFact):
            e(stated)   # the fast path hands over to the exact evaluator, which says the same
    assert at_least({"laporan_tahunan": {"isi": {"tingkat_konvergensi": 100}}}) is True
    ada = compile_expression("ada(laporan_tahunan.isi.tingkat_konvergensi)", schema=load_schema("dossier"))
    assert ada(stated) is False


def test_the_in_force_date_is_a_name_rules_can_use(registry, fixtures, tmp_path):
    import shutil
    shutil.copytree(fixtures / "packs" / "berkala", tmp_path / "berkala")
    f = tmp_path / "berkala" / "rules" / "r.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace(
        "    require: ada(apb.evaluasi_camat)",
        "    require: ada(apb.evaluasi_camat) and apb.evaluasi_camat.tanggal >= TANGGAL_BERLAKU"), encoding="utf-8")
    pack = load_pack(tmp_path / "berkala", registry)
    early = dossier(apb={"evaluasi_camat": {"tanggal": "2024-03-01"}})   # before 10 March 2024
    later = dossier(apb={"evaluasi_camat": {"tanggal": "2024-03-10"}})
    assert status(pack, early, "camat.evaluasi", dt.date(2025, 1, 1)).status == "tidak_patuh"
    assert status(pack, later, "camat.evaluasi", dt.date(2025, 1, 1)).status == "patuh"


def test_a_rule_that_does_not_apply_stays_not_applicable_before_its_deadline(registry, fixtures, tmp_path):
    import shutil
    shutil.copytree(fixtures / "packs" / "berkala", tmp_path / "berkala")
    f = tmp_path / "berkala" / "rules" / "r.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace(
        "    tenggat: {hari: 31}\n", "    tenggat: {hari: 31}\n    when: ada(apb)\n"), encoding="utf-8")
    pack = load_pack(tmp_path / "berkala", registry)
    d = dossier(tahun=2025, apb=False)
    assert status(pack, d, "laporan.januari", dt.date(2026, 1, 15)).status == "tidak_berlaku"   # before the deadline
    assert status(pack, d, "laporan.januari", dt.date(2026, 3, 1)).status == "tidak_berlaku"    # and after it


# ------------------------------------------------------------------ a fact stated absent reads "tidak ada"
STATED_NONE = {"rembuk_stunting": False, "musyawarah_perencanaan": {"tanggal": "2024-07-01"}}


def _rembuk_finding(rep):
    return next(f for f in rep.findings if f.rule.id == "berkala.rembuk.diadakan")


def test_a_date_of_a_document_stated_absent_is_not_unrecorded(pack):
    # `rembuk_stunting: false`: its date is not "tidak tercatat" but does not exist either
    f = _rembuk_finding(evaluate(pack, dossier(perencanaan=STATED_NONE), dt.date(2025, 1, 31)))
    assert f.status == "tidak_patuh"
    assert f.evidence["perencanaan.rembuk_stunting.tanggal"] is False
    doc = json.loads(render_json([evaluate(pack, dossier(perencanaan=STATED_NONE), dt.date(2025, 1, 31))], []))
    j = next(x for x in doc["results"][0]["findings"] if x["rule"] == "berkala.rembuk.diadakan")
    assert j["stated_absent"] == ["perencanaan.rembuk_stunting.tanggal"]
    assert j["evidence"]["perencanaan.rembuk_stunting.tanggal"] is False
    assert j["missing_facts"] == []


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "xlsx", "docx"])
def test_a_fact_stated_absent_reads_tidak_ada_in_every_format(pack, fmt, tmp_path):
    from aturan.report import render
    rep = evaluate(pack, dossier(perencanaan=STATED_NONE), dt.date(2025, 1, 31))
    out = render(fmt, [rep], [])
    if fmt == "xlsx":
        import openpyxl
        (tmp_path / "r.xlsx").write_bytes(out)
        wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
        text = "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    elif fmt == "docx":
        import docx
        (tmp_path / "r.docx").write_bytes(out)
        d = docx.Document(tmp_path / "r.docx")
        text = "\n".join(p.text for p in d.paragraphs) + "\n".join(
            c.text for t in d.tables for r in t.rows for c in r.cells)
    elif fmt == "table":
        # the table wraps paths inside a narrow cell: read the violated block, where the only finding is it
        text = out[out.index("TIDAK PATUH"):out.index("TIDAK DAPAT DINILAI")]
        assert "_stunting.tanggal" in text and "= tidak ada" in text and "tidak tercatat" not in text
        return
    else:
        text = out
    flat = " ".join(text.split())
    assert "rembuk_stunting.tanggal" in flat
    after = flat[flat.index("rembuk_stunting.tanggal"):][:80]
    assert "tidak ada" in after, after
    assert "tidak tercatat" not in after and "False" not in after


def test_a_yes_no_fact_stated_false_still_reads_tidak(registry):
    # Pasal 21 huruf a (OKU Selatan): "berasal dari warga masyarakat desa setempat": false is "no", a value
    from pathlib import Path
    from aturan.report.common import evidence_pairs
    root = Path(__file__).resolve().parents[1]
    oku = load_pack(root / "rules" / "oku_selatan", registry)
    import yaml
    data = yaml.safe_load((root / "rules" / "oku_selatan" / "contoh" / "patuh.yaml").read_text())
    data["kpm"][0]["warga_setempat"] = False
    rep = evaluate(oku, dossier_from_data(data))
    f = next(x for x in rep.findings if x.rule.id == "oku_selatan.kpm.warga_setempat")
    assert f.status == "tidak_patuh"
    shown = dict(evidence_pairs(f.evidence, f.rule))
    assert shown["kpm[*].warga_setempat"].startswith("[tidak")
    assert "tidak ada" not in shown["kpm[*].warga_setempat"]


def test_a_periodic_finding_is_the_same_whatever_was_checked_before(pack):
    """A batch reuses the periods and the finding of a periodic rule for the same outcomes on the same date
    (engine._periodic_memo): checked after many others, each dossier gets exactly what it gets alone."""
    from aturan import engine
    cases = [(dossier(tahun=t, pemantauan=p), dt.date(y, m, 15))
             for t in (2024, 2025)
             for p in ({"bulanan": [{"bulan": 3}, {"bulan": 4}]}, {"rapat_evaluasi": [{"tanggal": f"{t}-08-20"}]}, {})
             for y, m in ((t, 4), (t, 7), (t, 11), (t + 1, 2))]
    # every quarter judged met, checked on the same day: three quarters of 2024 (the first began before the
    # regulation), the first three of 2025 (the third met early): the same outcomes, other periods
    met = {2024: ["2024-05-10", "2024-08-10", "2024-11-10"], 2025: ["2025-02-10", "2025-05-10", "2025-07-10"]}
    cases += [(dossier(tahun=t, pemantauan={"rapat_evaluasi": [{"tanggal": x} for x in met[t]]}), dt.date(2025, 7, 15))
              for t in (2024, 2025)]
    alone = []
    for d, day in cases:
        engine._periodic_memo.clear()
        alone.append(evaluate(pack, d, day).findings)
    engine._periodic_memo.clear()
    for _ in range(2):   # in one run, twice over: every outcome already met once
        assert [evaluate(pack, d, day).findings for d, day in cases] == alone
    labels = [[p.label for p in f.periods] for f in alone[-2] + alone[-1] if f.rule.id == "berkala.rapat.triwulan"]
    assert labels == [["triwulan I 2024", "triwulan II 2024", "triwulan III 2024", "triwulan IV 2024"],
                      ["triwulan I 2025", "triwulan II 2025", "triwulan III 2025", "triwulan IV 2025"]]
