"""Report text shared by every format: village name, article order, severity, escaping, absent facts, paths."""
import dataclasses
import json
import os
import re

import pytest

from aturan.engine import evaluate
from aturan.loader import dossier_from_data, load_dossier
from aturan.model import Citation
from aturan.report import render_json, render_markdown, render_table, sort_findings


def shuffled_report(mini_pack, fixtures):
    """A report whose findings come in rule-file order that is not article order: Pasal 10, 2 ayat (1),
    2, 2 ayat (1) huruf b, 2 ayat (1) huruf a, 2 ayat (10), Lampiran I."""
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml"))
    base = rep.findings[0]
    cites = [Citation(pasal=10), Citation(pasal=2, ayat=1), Citation(pasal=2), Citation(pasal=2, ayat=1, huruf="b"),
             Citation(pasal=2, ayat=1, huruf="a"), Citation(pasal=2, ayat=10), Citation(lampiran="I")]
    fs = [dataclasses.replace(base, rule=dataclasses.replace(base.rule, id=f"mini.r{i}", citation=c))
          for i, c in enumerate(cites)]
    return dataclasses.replace(rep, findings=tuple(fs))


# the natural order, by hand: the Pasal before its ayat, ayat 1 before 10, huruf a before b, Lampiran last
NATURAL = ["Pasal 2", "Pasal 2 ayat (1)", "Pasal 2 ayat (1) huruf a", "Pasal 2 ayat (1) huruf b",
           "Pasal 2 ayat (10)", "Pasal 10", "Lampiran I"]


def test_findings_sorted_by_article(mini_pack, fixtures):
    rep = shuffled_report(mini_pack, fixtures)
    assert [str(f.rule.citation) for f in sort_findings(rep.findings)] == NATURAL


# the same order by rule id (ids number the citations above in their file order)
NATURAL_IDS = ["mini.r2", "mini.r1", "mini.r4", "mini.r3", "mini.r5", "mini.r0", "mini.r6"]


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_every_text_format_lists_findings_in_article_order(mini_pack, fixtures, fmt):
    rep = shuffled_report(mini_pack, fixtures)
    if fmt == "json":
        got = [f["rule"] for f in json.loads(render_json([rep], []))["results"][0]["findings"]]
    else:
        text = render_table([rep], []) if fmt == "table" else render_markdown([rep], [])
        got = sorted(NATURAL_IDS, key=lambda rid: text.index(rid))
    assert got == NATURAL_IDS


def _dossier(extra: dict | None = None, nama="Sukamaju"):
    data = {"identitas": {"nama": nama, "jenis": "desa", "kabupaten": "Kabupaten Uji", "tahun": 2024,
                          "tanggal_data": "2025-01-15"}}
    data.update(extra or {})
    return dossier_from_data(data, "d.yaml")


def test_unit_word_not_doubled(mini_pack):
    rep = evaluate(mini_pack, _dossier(nama="Desa Koto Tuo"))
    out = render_table([rep], [])
    assert "Desa Koto Tuo, Kabupaten Uji — tahun 2024" in out and "Desa Desa" not in out
    assert "Desa Koto Tuo" in render_markdown([rep], []) and "Desa Desa" not in render_markdown([rep], [])


def test_severity_shown_in_the_table(mini_pack, fixtures):
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml"))
    out = render_table([rep], [])
    assert "Tingkat" in out
    row = next(line for line in out.splitlines() if "Pasal 1 huruf d" in line)
    assert "tinggi" in row          # mini.kpm.pendidikan is severity: tinggi


def test_markdown_cells_survive_pipes_and_newlines(mini_pack):
    rep = evaluate(mini_pack, _dossier({"kpm": [{"nama": "Nurhayati | Ketua\nDusun I", "pendidikan": "sd"}]}))
    md = render_markdown([rep], [])
    header = next(line for line in md.splitlines() if line.startswith("| Pasal"))
    n = len(re.split(r"(?<!\\)\|", header))
    rows = [line for line in md.splitlines() if line.startswith("| Pasal 1 huruf d")]
    assert rows, md
    # an escaped pipe does not open a cell, and the newline did not end the row
    assert len(re.split(r"(?<!\\)\|", rows[0])) == n
    assert "Nurhayati \\| Ketua<br>Dusun I" in rows[0]


def test_json_absent_fact_is_null_and_listed(mini_pack):
    rep = evaluate(mini_pack, _dossier({"kpm": [{"nama": "Siti", "pendidikan": "sma"}, {"nama": "Budi"}],
                                        "perencanaan": {"rembuk_stunting": {"tanggal": "2024-06-10"}}}))
    doc = json.loads(render_json([rep], []))
    fs = {f["rule"]: f for f in doc["results"][0]["findings"]}
    kpm = fs["mini.kpm.pendidikan"]
    assert kpm["evidence"]["kpm[*].pendidikan"] == ["sma", None]
    assert kpm["missing_facts"] == ["kpm[1].pendidikan"]
    rembuk = fs["mini.rembuk.sebelum_musyawarah"]
    assert rembuk["evidence"]["perencanaan.musyawarah_perencanaan.tanggal"] is None
    assert rembuk["missing_facts"] == ["perencanaan.musyawarah_perencanaan.tanggal"]
    assert "—" not in json.dumps([f["evidence"] for f in fs.values()], ensure_ascii=False)


def test_json_names_files_relative_to_the_working_folder_when_below_it(mini_pack, fixtures, monkeypatch, tmp_path):
    """Below the working folder a file is named relative to it, so the JSON is the same wherever the folders lie;
    outside it the path stays whole: its name alone could be another folder's file of the same name."""
    import shutil
    inside = tmp_path / "desa" / "mini_patuh.yaml"
    inside.parent.mkdir()
    shutil.copy(fixtures / "dossiers" / "mini_patuh.yaml", inside)
    monkeypatch.chdir(tmp_path)
    rep = evaluate(mini_pack, load_dossier(inside.resolve()))
    doc = json.loads(render_json([rep], [(str(inside.resolve()), "x")]))
    assert doc["results"][0]["dossier"]["file"] == os.path.join("desa", "mini_patuh.yaml")
    assert doc["rejected"][0]["file"] == os.path.join("desa", "mini_patuh.yaml")
    assert str(tmp_path) not in json.dumps(doc)
    outside = (fixtures / "dossiers" / "mini_patuh.yaml").resolve()
    doc = json.loads(render_json([evaluate(mini_pack, load_dossier(outside))], [(str(outside), "x")]))
    assert doc["results"][0]["dossier"]["file"] == doc["rejected"][0]["file"] == str(outside)


def test_absent_fact_reads_as_not_recorded_in_text(mini_pack):
    rep = evaluate(mini_pack, _dossier({"perencanaan": {"rembuk_stunting": {"tanggal": "2024-06-10"}}}))
    row = next(line for line in render_markdown([rep], []).splitlines() if "mini.rembuk.sebelum_musyawarah" in line)
    assert "`perencanaan.musyawarah_perencanaan.tanggal` = (tidak tercatat)" in row


def test_dates_in_evidence_in_indonesian(mini_pack, fixtures):
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml"))
    assert "10 Juni 2024" in render_markdown([rep], [])      # perencanaan.rembuk_stunting.tanggal 2024-06-10
