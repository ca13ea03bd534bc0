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


def test_a_reason_no_difference_needs_any_more_is_reported_stale(tmp_path, fixtures, registry):
    # both packs now read "sebelum" the same way: a reason recorded for their old difference explains nothing
    packs = [load_pack(make(tmp_path, fixtures, "satu", "before"), registry),
             load_pack(make(tmp_path, fixtures, "dua", "before"), registry)]
    recorded = {"rembuk_stunting.sebelum_musyawarah": [{"packs": ["dua"], "alasan": "dua: dulu dibaca berbeda"}]}
    res = check_across(packs, recorded=recorded)
    assert res.differences == [] and res.stale == [("rembuk_stunting.sebelum_musyawarah", ("dua",))]
    assert res.problems == 1
    assert "tidak lagi menjelaskan perbedaan apa pun" in render_across(res)


def test_every_probe_is_assessed_on_the_same_day_in_every_pack(tmp_path, fixtures, registry):
    # the two examples are dated 15 January and 20 March 2025; a probe that sets no date must not compare
    # verdicts of different days: both are assessed on 15 February 2025
    from aturan.authoring.across import common_as_of
    from aturan.loader import dossier_from_data
    import yaml
    a, b = make(tmp_path, fixtures, "satu", "before"), make(tmp_path, fixtures, "dua", "before")
    late = (b / "contoh" / "patuh.yaml").read_text(encoding="utf-8").replace("2025-01-15", "2025-03-20")
    (b / "contoh" / "patuh.yaml").write_text(late, encoding="utf-8")
    d = dossier_from_data(yaml.safe_load(late))
    import datetime as dt
    assert common_as_of(d) == dt.date(2025, 2, 15)
    res = check_across([load_pack(a, registry), load_pack(b, registry)], recorded={})
    assert res.differences == []


# The shipped packs: every difference is fixed or explained in src/aturan/data/perbedaan.yaml (quoting each
# text), and no recorded reason is stale.
def test_the_shipped_packs_leave_no_difference_unexplained(registry):
    from pathlib import Path
    root = Path(__file__).resolve().parents[1] / "rules"
    packs = [load_pack(root / p, registry) for p in ("oku_selatan", "sijunjung", "sorong", "tual")]
    res = check_across(packs)
    assert res.stale == [], render_across(res)
    assert [f"{d.concept} | {d.probe}" for d in res.unexplained] == [], render_across(res)
    assert res.problems == 0
