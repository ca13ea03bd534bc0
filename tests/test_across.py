"""`aturan pack lint --across`: the same concept, the same probe facts, the same verdict in every pack."""
import shutil

import pytest

from aturan.authoring.across import check_across, render_across
from aturan.loader import load_pack

DOSSIER = """identitas: {nama: Sukamaju, jenis: desa, kabupaten: Kabupaten Uji, tahun: 2024, tanggal_data: 2025-01-15}
perencanaan:
  rembuk_stunting: {tanggal: 2024-06-10}
  musyawarah_perencanaan: {tanggal: 2024-07-01}
"""


def make(tmp_path, fixtures, name, operator):
    """A copy of the mini pack whose rembuk rule compares with `operator`, with its compliant example."""
    pack = tmp_path / name
    shutil.copytree(fixtures / "packs" / "mini", pack)
    for f in [pack / "pack.yaml", pack / "traceability.yaml", pack / "rules" / "r.yaml"]:
        text = f.read_text(encoding="utf-8").replace("mini.", f"{name}.").replace("id: mini\n", f"id: {name}\n")
        f.write_text(text, encoding="utf-8")
    rules = pack / "rules" / "r.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "perencanaan.rembuk_stunting.tanggal before perencanaan.musyawarah_perencanaan.tanggal",
        f"perencanaan.rembuk_stunting.tanggal {operator} perencanaan.musyawarah_perencanaan.tanggal"),
        encoding="utf-8")
    (pack / "contoh").mkdir()
    (pack / "contoh" / "patuh.yaml").write_text(DOSSIER, encoding="utf-8")
    return pack


@pytest.fixture
def two(tmp_path, fixtures, registry):
    # "sebelum musyawarah" read strictly in one pack, as "on or before" in the other
    return [load_pack(make(tmp_path, fixtures, "satu", "before"), registry),
            load_pack(make(tmp_path, fixtures, "dua", "<="), registry)]


def test_a_different_reading_of_a_shared_concept_is_found(two):
    res = check_across(two, recorded={})
    diffs = [d for d in res.differences if d.concept == "rembuk_stunting.sebelum_musyawarah"]
    # rembuk on the day of the musyawarah: before -> false (tidak_patuh), <= -> true (patuh)
    same_day = [d for d in diffs if d.probe == "perencanaan.rembuk_stunting.tanggal = "
                                               "perencanaan.musyawarah_perencanaan.tanggal"]
    assert same_day and same_day[0].verdicts == {"satu": "tidak_patuh", "dua": "patuh"}
    # a day later both say tidak_patuh: no difference on that probe
    assert not [d for d in diffs if d.probe.endswith("musyawarah_perencanaan.tanggal + 1 hari")
                and d.probe.startswith("perencanaan.rembuk_stunting.tanggal")]
    # the absent-fact probes agree (both tidak_dapat_dinilai)
    assert not [d for d in diffs if "tidak dicatat" in d.probe]
    assert res.unexplained
    text = render_across(res)
    assert "[rembuk_stunting.sebelum_musyawarah]" in text and "BELUM DIJELASKAN" in text


def test_a_recorded_explanation_covers_the_difference(two):
    recorded = {"rembuk_stunting.sebelum_musyawarah": [
        {"packs": ["satu", "dua"], "probe": "rembuk_stunting.tanggal =",
         "alasan": 'satu: "sebelum musyawarah"; dua: "paling lambat pada hari musyawarah"'}]}
    res = check_across(two, recorded=recorded)
    d = next(d for d in res.differences if d.probe == "perencanaan.rembuk_stunting.tanggal = "
                                                      "perencanaan.musyawarah_perencanaan.tanggal")
    assert d.explained.startswith("satu:")
    assert "dijelaskan" in render_across(res)


def test_the_same_reading_in_both_packs_is_clean(tmp_path, fixtures, registry):
    packs = [load_pack(make(tmp_path, fixtures, "satu", "before"), registry),
             load_pack(make(tmp_path, fixtures, "dua", "before"), registry)]
    res = check_across(packs, recorded={})
    assert res.concepts == 3 and res.probes > 0
    assert res.differences == []
    assert "bersih" in render_across(res)
