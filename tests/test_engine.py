"""evaluate(): statuses, missing facts, terminology, evidence, regulation in force."""
import datetime as dt

import pytest

from aturan.engine import evaluate
from aturan.errors import DossierError
from aturan.loader import dossier_from_data, load_dossier


def statuses(report):
    return {f.rule.id: f.status for f in report.findings}


def test_compliant_dossier(mini_pack, fixtures):
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_patuh.yaml"))
    assert set(statuses(rep).values()) == {"patuh"}
    assert rep.as_of == dt.date(2025, 1, 15)   # identitas.tanggal_data


def test_violations_and_missing_facts(mini_pack, fixtures):
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml"))
    st = statuses(rep)
    assert st["mini.kpm.pendidikan"] == "tidak_patuh"            # Budi: SD < SMP
    assert st["mini.rapat.triwulan"] == "tidak_patuh"            # no meeting in Q2 and Q4
    assert st["mini.rembuk.sebelum_musyawarah"] == "tidak_dapat_dinilai"
    missing = next(f for f in rep.findings if f.status == "tidak_dapat_dinilai")
    assert missing.missing == "perencanaan.musyawarah_perencanaan"
    assert rep.counts() == {"tidak_patuh": 2, "tidak_dapat_dinilai": 1, "patuh": 0, "belum_jatuh_tempo": 0, "tidak_berlaku": 0}


def test_precondition_false_is_not_applicable(mini_pack, fixtures):
    d = dossier_from_data({"identitas": {"nama": "X", "jenis": "desa", "tahun": 2024}, "kpm": []})
    rep = evaluate(mini_pack, d, dt.date(2025, 1, 1))
    assert statuses(rep)["mini.kpm.pendidikan"] == "tidak_berlaku"


def test_empty_dossier_is_never_compliant(mini_pack):
    d = dossier_from_data({"identitas": {"nama": "X", "jenis": "desa", "tahun": 2024}})
    rep = evaluate(mini_pack, d, dt.date(2025, 1, 1))
    assert "patuh" not in statuses(rep).values()
    assert rep.counts()["tidak_dapat_dinilai"] == 3


def test_messages_use_the_regency_words_and_params(mini_pack, fixtures):
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml"))
    msgs = {f.rule.id: f.message for f in rep.findings}
    assert msgs["mini.kpm.pendidikan"] == "Setiap KPM di Desa berpendidikan minimal smp."
    assert msgs["mini.rapat.triwulan"].startswith("Kepala Desa Uji memimpin")
    assert "Rumah Sehat Uji" in msgs["mini.rembuk.sebelum_musyawarah"]


def test_evidence_shows_the_facts_read(mini_pack, fixtures):
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml"))
    f = next(f for f in rep.findings if f.rule.id == "mini.kpm.pendidikan")
    assert f.evidence["kpm[*].pendidikan"] == ["sma", "sd"]
    assert f.evidence["kpm[*].nama"] == ["Siti", "Budi"]
    g = next(f for f in rep.findings if f.rule.id == "mini.rembuk.sebelum_musyawarah")
    assert g.evidence["perencanaan.rembuk_stunting.tanggal"] == "2024-06-10"
    assert g.evidence["perencanaan.musyawarah_perencanaan.tanggal"] is None


def test_before_the_regulation_is_in_force_nothing_is_judged(mini_pack, fixtures):
    d = load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml")
    rep = evaluate(mini_pack, d, dt.date(2023, 1, 31))   # in force from 2023-02-01
    assert set(statuses(rep).values()) == {"tidak_berlaku"}
    assert "belum berlaku" in rep.findings[0].message and not rep.in_force


def test_dossier_year_before_the_regulation(mini_pack):
    d = dossier_from_data({"identitas": {"nama": "X", "jenis": "desa", "tahun": 2022}})
    rep = evaluate(mini_pack, d, dt.date(2025, 1, 1))
    assert not rep.in_force and "2022-12-31" in rep.findings[0].message


def test_unit_the_regulation_does_not_govern(mini_pack):
    d = dossier_from_data({"identitas": {"nama": "X", "jenis": "kampung", "tahun": 2024}})
    with pytest.raises(DossierError, match="mengatur desa, sedangkan dosir ini tentang kampung"):
        evaluate(mini_pack, d, dt.date(2025, 1, 1))
