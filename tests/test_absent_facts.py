"""Absent is not violated, mechanically, for every rule of every pack (issue 9, point 2).

From each pack's compliant examples (rules/<pack>/contoh/*patuh*.yaml), every fact a rule reads is
removed in turn — the leaf, and every document or list above it; in every item of a list and in its
first item only — and separately set to null. A dossier that no longer mentions a fact says nothing
about it, so the rule may then be patuh, tidak_dapat_dinilai, belum_jatuh_tempo or tidak_berlaku,
but never tidak_patuh: only an explicit "tidak ada" (`false`, an empty list) may make it so.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from aturan.authoring.probe import absent_fact_violations, compliant_examples, variants
from aturan.loader import available_packs, load_pack
from aturan.manager import collect, get_plugin_manager
from aturan.yamlio import load_file

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = collect(get_plugin_manager(load_entry_points=False))
PACKS = {pid: load_pack(path, REGISTRY) for pid, path in available_packs([ROOT / "rules"]).items()}

def cases():
    for pid, pack in sorted(PACKS.items()):
        for ex in compliant_examples(pack):
            for rule in pack.rules:
                yield pytest.param(pid, ex.name, rule.id, id=f"{pid}/{ex.stem}/{rule.id}")


_RAW: dict = {}


@pytest.mark.parametrize("pid,example,rule_id", list(cases()))
def test_an_absent_fact_never_makes_a_rule_violated(pid, example, rule_id):
    pack = PACKS[pid]
    rule = pack.rule(rule_id)
    key = (pid, example)
    if key not in _RAW:
        _RAW[key] = load_file(pack.path / "contoh" / example).data
    wrong = absent_fact_violations(pack, rule, _RAW[key], through_loader=True)
    assert not wrong, f"{rule_id} tidak_patuh bila fakta tidak dicatat: {', '.join(wrong)}"


def test_the_variants_reach_leaves_lists_and_documents():
    raw = {"perencanaan": {"rembuk_stunting": {"tanggal": "2024-06-01", "berita_acara": {"nomor": "1"}}},
           "kpm": [{"nama": "A", "pendidikan": "sma"}, {"nama": "B", "pendidikan": "smp"}]}
    labels = [label for label, _ in variants(raw, "perencanaan.rembuk_stunting.berita_acara.nomor")]
    assert labels[:2] == ["perencanaan.rembuk_stunting.berita_acara.nomor hapus (semua)",
                          "perencanaan.rembuk_stunting.berita_acara.nomor null (semua)"]
    assert "perencanaan hapus (semua)" in labels
    by = dict(variants(raw, "kpm[*].pendidikan"))
    assert by["kpm[*].pendidikan hapus (pertama)"]["kpm"] == [{"nama": "A"}, {"nama": "B", "pendidikan": "smp"}]
    assert by["kpm[*].pendidikan hapus (semua)"]["kpm"] == [{"nama": "A"}, {"nama": "B"}]
    assert "kpm" not in by["kpm hapus (semua)"]


def test_a_rule_already_violated_on_the_example_is_not_blamed_on_a_removal():
    # a draft raised the KPM education to SLTA: its copied example is violated with every fact present,
    # and removing a fact must not be reported as the cause
    pack = PACKS["oku_selatan"]
    rule = pack.rule("oku_selatan.kpm.pendidikan_minimal")
    raw = load_file(pack.path / "contoh" / "patuh.yaml").data
    raw = {**raw, "kpm": [{**k, "pendidikan": "sd"} for k in raw["kpm"]]}
    assert absent_fact_violations(pack, rule, raw, through_loader=True) == []


# Nothing judged compliant for lack of data: with every fact a rule reads removed at once, no rule of a
# shipped pack says patuh (it may say tidak_dapat_dinilai, belum_jatuh_tempo or tidak_berlaku).
@pytest.mark.parametrize("pid", sorted(PACKS))
def test_no_rule_is_compliant_with_nothing_recorded(pid):
    from aturan.authoring.probe import compliant_without_facts
    pack = PACKS[pid]
    examples = {ex.name: load_file(ex).data for ex in compliant_examples(pack)}
    assert examples
    wrong = [f"{name}: {rule.id}" for name, raw in examples.items() for rule in pack.rules
             if compliant_without_facts(pack, rule, raw)]
    assert wrong == []


def test_a_requirement_resting_only_on_no_recorded_violation_is_flagged(tmp_path, fixtures, registry):
    import shutil
    from aturan.authoring.lint import lint_pack
    from aturan.session import Session
    pack = tmp_path / "mini"
    shutil.copytree(fixtures / "packs" / "mini", pack)
    rules = pack / "rules" / "r.yaml"
    text = rules.read_text(encoding="utf-8")
    (pack / "contoh").mkdir()
    (pack / "contoh" / "patuh.yaml").write_text(
        "identitas: {nama: Sukamaju, jenis: desa, kabupaten: Kabupaten Uji, tahun: 2024, tanggal_data: 2025-01-15}\n"
        "perencanaan:\n  rembuk_stunting: {tanggal: 2024-06-10}\n  musyawarah_perencanaan: {tanggal: 2024-07-01}\n",
        encoding="utf-8")

    def flagged() -> list[str]:
        res = lint_pack(str(pack), Session([str(tmp_path)], registry=registry))
        return [p.message for p in res.problems if p.kind == "fakta_absen"]
    # the shipped form needs both dates on record: without them the order cannot be judged
    assert flagged() == []
    # "no record that the musyawarah came first" alone: with neither meeting recorded the rule would be patuh
    rules.write_text(text.replace(
        "perencanaan.rembuk_stunting.tanggal before perencanaan.musyawarah_perencanaan.tanggal",
        "not terbukti(perencanaan.musyawarah_perencanaan.tanggal before perencanaan.rembuk_stunting.tanggal)"),
        encoding="utf-8")
    assert flagged() == ["aturan mini.rembuk.sebelum_musyawarah patuh walau tidak satu pun fakta yang dibacanya "
                         "dicatat (contoh patuh.yaml tanpa perencanaan.musyawarah_perencanaan.tanggal, "
                         "perencanaan.rembuk_stunting.tanggal)"]
