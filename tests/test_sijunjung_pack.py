"""Perbup Sijunjung 17/2021 as the pack and its plugin state it, where `compare` and the reports show it
(review packs-2026-11 §3.6 and §5 claims 1, 4, 6; issue 9 "whose duty")."""
import datetime as dt
from pathlib import Path

import pytest

from aturan.authoring import baseline as B
from aturan.authoring.compare import build
from aturan.engine import evaluate
from aturan.loader import load_dossier, load_pack
from aturan.manager import collect, get_plugin_manager

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = collect(get_plugin_manager(load_entry_points=False))


@pytest.fixture(scope="module")
def pack():
    return load_pack(ROOT / "rules" / "sijunjung", REGISTRY)


@pytest.fixture(scope="module")
def comp_base(pack):
    return build([pack], baseline=load_pack(ROOT / "rules" / "panduan_bappenas_2019", REGISTRY))


def row(comp, section, key):
    s = next(s for s in comp.sections if s.id == section)
    return next(r for r in s.rows if r.key == key)


def test_cadre_experience_of_any_kind_is_equal_to_the_guide(pack, comp_base):
    # Pasal 27 huruf b: "berpengalaman sebagai kader masyarakat diutamakan ... Kader Posyandu, Guru PAUD":
    # any cadre qualifies (the kinds are only preferred), as in the guide, so not "lebih kuat".
    crit = next(c for c in pack.kpm_criteria if c.id == "pengalaman_kader")
    assert crit.value is True
    assert row(comp_base, "konsep:kpm", "kpm.pengalaman_kader").cells["sijunjung"].mark == B.EQUAL


def test_the_incentive_row_shows_pasal_30(comp_base):
    # Pasal 30 ayat (1) "KPM ... mendapatkan insentif dan/atau biaya operasional yang berasal dari APB
    # Nagari": the same words as OKU Pasal 24 (1), so the KPM row, and the budget row, both cite it.
    for section, key in (("konsep:kpm", "kpm.insentif"), ("konsep:anggaran", "anggaran.insentif_kpm")):
        cell = row(comp_base, section, key).cells["sijunjung"]
        assert cell.present and cell.citation() == "Ps 30 (1)"


def test_the_accountability_musyawarah_shows_no_number_the_text_lacks(comp_base):
    # Pasal 25 ayat (3) huruf d names "musyawarah pertanggungjawaban" with no frequency: no "1 kali per tahun".
    cell = row(comp_base, "konsep:pelaporan", "pertanggungjawaban.frekuensi").cells["sijunjung"]
    assert cell.present and cell.numbers() == "" and cell.citation() == "Ps 25 (3) d"
    assert cell.rules[0].dasar == "tafsiran"


def test_all_targets_receive_the_packages_is_encoded(comp_base):
    # Pasal 6 ayat (1) huruf b "memastikan setiap sasaran prioritas menerima ... paket layanan": every
    # target = 100 percent of the scorecard's indicators
    cell = row(comp_base, "konsep:paket_layanan", "paket_layanan.diterima_semua_sasaran").cells["sijunjung"]
    assert cell.citation() == "Ps 6 (1) b" and cell.numbers() == "100% sasaran"


def test_the_budget_allocation_rests_on_pasal_5(comp_base):
    # The APB Nagari must allocate money to stunting prevention: Pasal 5 ayat (2) "termasuk pengalokasian
    # anggaran dalam APB Nagari". Pasal 18 ayat (1) "Perencanaan program/kegiatan ... didanai dengan APB Nagari"
    # funds the planning stages, so it is not the basis (second reading, settled_sijunjung.md).
    cell = row(comp_base, "konsep:anggaran", "anggaran.kegiatan_stunting").cells["sijunjung"]
    assert cell.present and cell.citation() == "Ps 5 (2)"


def test_the_inter_nagari_organiser_is_not_a_nagari_duty(pack):
    # Pasal 21 ayat (2): the musyawarah antar nagari is "diselenggarakan oleh Badan Kerjasama Antar Nagari", a body
    # of several nagari (Pasal 10 ayat (3) huruf b), so no rule charges the Nagari with its organiser; the
    # stage itself is the RDS's share of "Badan Kerjasama Antar Nagari bersama RDS" (Lampiran I No. 3).
    assert pack.rule("sijunjung.diskusi_antar_unit.penyelenggara") is None
    stage = [r for r in pack.rules if r.concept.startswith("diskusi_antar_unit.")]
    assert {r.subject for r in stage} == {"rumah_sehat"} and len(stage) == 3


def test_outside_parties_are_reported_apart(pack):
    # The violating example: the APB evaluated by an OPD instead of the Camat (Pasal 38 ayat (4)) and a KPM
    # trained after starting work (Pasal 31 ayat (2), training by the Perangkat Daerah, Pasal 38 ayat (1)).
    d = load_dossier(ROOT / "rules" / "sijunjung" / "contoh" / "melanggar.yaml")
    rep = evaluate(pack, d, dt.date(2025, 3, 15))
    outside = {f.rule.id: f.status for f in rep.outside_findings}
    assert outside == {"sijunjung.kpm.pelatihan_dasar": "tidak_patuh", "sijunjung.kpm.materi_pelatihan": "tidak_patuh",
                       "sijunjung.anggaran.evaluasi_camat": "tidak_patuh"}
    # 61 rules: 58 of the Nagari, of which 32 violated (hand count in tests/contoh.yaml), 3 of other parties
    assert sum(rep.counts().values()) == 58 and rep.counts()["tidak_patuh"] == 32
    assert rep.counts_outside()["tidak_patuh"] == 3


def test_every_rule_states_its_basis(pack):
    assert all(r.dasar in ("tekstual", "tafsiran") for r in pack.rules)
    assert all(r.tafsiran for r in pack.rules if r.dasar == "tafsiran")
