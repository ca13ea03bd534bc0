"""One KPM, four regulations: the same person meets OKU Selatan's and Sijunjung's education
minimum (SMP) and fails Sorong's (SLTA, Pasal 29 huruf d) and Tual's (SMA or health education,
Pasal 31 ayat (1) huruf c) — each verdict citing that regency's own article."""

from pathlib import Path

import pytest

from aturan.engine import evaluate
from aturan.loader import dossier_from_data, load_file, load_pack
from aturan.manager import collect, get_plugin_manager
from aturan.testing import deep_merge

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = collect(get_plugin_manager(load_entry_points=False))

# SMP, one year as a posyandu cadre, no computer skills, a local resident who speaks the local language
KPM = {"nama": "Rina", "warga_setempat": True, "pendidikan": "smp", "latar_pendidikan_kesehatan": False,
       "pengalaman_kader": [{"jenis": "posyandu", "tahun": 1}], "komunikasi_baik": True, "bahasa_daerah": True,
       "keterampilan_komputer": False, "microsoft_office": False}

# expected from the texts: (status of the education rule, its citation)
EXPECTED = {
    "oku_selatan": ("patuh", "Pasal 21 huruf d"),
    "sijunjung": ("patuh", "Pasal 27 huruf d"),
    "sorong": ("tidak_patuh", "Pasal 29 huruf d"),
    "tual": ("tidak_patuh", "Pasal 31 ayat (1) huruf c"),
}


def findings_for(pack_id: str):
    pack = load_pack(ROOT / "rules" / pack_id, REGISTRY)
    base = load_file(ROOT / "rules" / pack_id / "contoh" / "patuh.yaml").data
    kpm = [dict(base["kpm"][0], **KPM)]   # keep the example's dusun, appointment and training
    data = deep_merge(base, {"kpm": kpm})
    report = evaluate(pack, dossier_from_data(data, f"{pack_id}-rina"))
    return {f.rule.concept: f for f in report.findings}


@pytest.mark.parametrize("pack_id", sorted(EXPECTED))
def test_education_minimum_per_regency(pack_id):
    f = findings_for(pack_id)["kpm.pendidikan_minimal"]
    assert (f.status, str(f.rule.citation)) == EXPECTED[pack_id]
    assert f.evidence["kpm[*].pendidikan"] == ["smp"]


def test_sorong_also_wants_two_years_as_a_cadre():
    f = findings_for("sorong")["kpm.lama_pengalaman"]
    assert f.status == "tidak_patuh" and str(f.rule.citation) == "Pasal 29 huruf b"


def test_tual_also_wants_computer_skills():
    f = findings_for("tual")["kpm.keterampilan_komputer"]
    assert f.status == "tidak_patuh" and "Pasal 31" in str(f.rule.citation)
