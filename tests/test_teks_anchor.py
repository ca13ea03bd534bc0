"""`pack lint` anchors every rule in the pack's text: the citation names a unit, every fragment of the
quote is there; traceability follows the text's own Pasal; a pack without a text still lints."""
import re
import shutil

import pytest

from aturan.teks.anchor import anchor, fragments, unmark
from aturan.teks.parser import parse_text
from teks_support import ROOT, edit, run


@pytest.fixture
def sorong(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "sorong", rules / "sorong")
    return rules


# the kinds of problem pack lint reports about citations, quotes, the text and traceability; while the packs are
# being revised pack lint may report others (`dasar`, `periode`, ...) on the shipped packs
TEXT_KINDS = ("[kutipan]", "[pasal]", "[teks]", "[keterlacakan]")


def text_problems(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if any(k in ln for k in TEXT_KINDS)]


def test_every_shipped_quote_is_anchored(capsys):
    # pack lint checks more than the text (e.g. `dasar`, `periode` while packs are being revised); whatever
    # else it reports, nothing about citations, quotes, the text or traceability
    code, out, _ = run(capsys, "pack", "lint", "oku_selatan", "sorong", "sijunjung", "tual")
    assert code in (0, 1), out
    assert text_problems(out) == []


def test_a_quote_moved_to_a_wrong_pasal_is_caught(sorong, capsys):
    # sorong.kpm.pendidikan_minimal quotes Pasal 29 huruf d ("pendidikan minimal Sekolah Lanjutan
    # Tingkat Atas"); cited as Pasal 30 huruf d the words are not there but are in Pasal 29 huruf d
    f = sorong / "sorong" / "rules" / "kpm.yaml"
    text = f.read_text(encoding="utf-8")
    block = text[text.index("id: sorong.kpm.pendidikan_minimal"):]
    cit = re.search(r"citation: \{pasal: 29, huruf: d\}", block).group(0)
    f.write_text(text.replace(block, block.replace(cit, "citation: {pasal: 30, huruf: d}", 1)), encoding="utf-8")
    code, out, _ = run(capsys, "--rules", sorong, "pack", "lint", "sorong")
    assert code == 1
    line = next(ln for ln in out.splitlines() if "sorong.kpm.pendidikan_minimal" in ln and "[kutipan]" in ln)
    assert "tidak ada di Pasal 30 huruf d, tetapi ada di Pasal 29 huruf d" in line
    assert re.match(r"^.*rules/kpm\.yaml:\d+:\d+: \[kutipan\]", line)


def test_a_quote_that_is_not_the_text_shows_what_the_text_says(sorong, capsys):
    edit(sorong / "sorong" / "rules" / "kpm.yaml", "Sekolah Lanjutan Tingkat Atas", "Sekolah Menengah Atas")
    code, out, _ = run(capsys, "--rules", sorong, "pack", "lint", "sorong")
    assert code == 1
    assert "tidak ditemukan dalam Pasal 29 huruf d" in out
    assert "Sekolah Lanjutan Tingkat Atas" in out          # the hint quotes the text


def test_a_citation_of_a_unit_the_text_lacks_is_caught(sorong, capsys):
    edit(sorong / "sorong" / "rules" / "kpm.yaml", "citation: {pasal: 29, huruf: d}", "citation: {pasal: 29, huruf: h}")
    code, out, _ = run(capsys, "--rules", sorong, "pack", "lint", "sorong")
    assert code == 1
    assert "[pasal] aturan sorong.kpm.pendidikan_minimal: Pasal 29 huruf h tidak ada dalam teks" in out


def test_traceability_follows_the_text(sorong, capsys):
    t = sorong / "sorong" / "traceability.yaml"
    text = t.read_text(encoding="utf-8")
    # take out the entry of Pasal 17 (a descriptive Pasal of the text)
    start = text.index("\n  17:")
    end = text.index("\n  18:")
    t.write_text(text[:start] + text[end:], encoding="utf-8")
    code, out, _ = run(capsys, "--rules", sorong, "pack", "lint", "sorong")
    assert code == 1
    assert "Pasal dalam teks tanpa catatan keterlacakan: 17" in out


def test_the_declared_articles_must_say_what_the_text_holds(sorong, capsys):
    edit(sorong / "sorong" / "pack.yaml", "pasal: {from: 1, to: 41, missing: [35]}", "pasal: {from: 1, to: 41}")
    code, out, _ = run(capsys, "--rules", sorong, "pack", "lint", "sorong")
    assert code == 1
    assert "articles.pasal tidak sesuai dengan teks: dinyatakan tetapi tidak ada dalam teks: Pasal 35" in out


def test_a_not_checkable_entry_points_to_its_words(sorong, capsys):
    t = sorong / "sorong" / "traceability.yaml"
    entry = '17: {not_checkable: deskriptif, note: "Fungsi RKS."}'
    good = t.read_text(encoding="utf-8").replace(
        entry, '17: {not_checkable: deskriptif, note: "Fungsi RKS.", quote: "RKS mempunyai fungsi sebagai"}')
    assert good != t.read_text(encoding="utf-8")
    t.write_text(good, encoding="utf-8")
    code, out, _ = run(capsys, "--rules", sorong, "pack", "lint", "sorong")
    assert text_problems(out) == []
    t.write_text(good.replace("RKS mempunyai fungsi sebagai", "RKS mempunyai tugas sebagai"), encoding="utf-8")
    code, out, _ = run(capsys, "--rules", sorong, "pack", "lint", "sorong")
    assert code == 1
    assert "keterlacakan Pasal 17: kutipan \"RKS mempunyai tugas sebagai\" tidak ditemukan" in out


def test_a_pack_without_text_lints_with_an_info_line(sorong, capsys):
    shutil.rmtree(sorong / "sorong" / "teks")
    code, out, _ = run(capsys, "--rules", sorong, "pack", "lint", "sorong")
    assert code in (0, 1) and text_problems(out) == []
    assert "info: teks peraturan belum ada" in out


def test_quote_fragments_and_markers():
    # "..." splits a quote; list markers opening a unit are not words of the text; "ayat (1)" is
    assert fragments("KPM dipilih ... a. berasal dari warga") == ["KPM dipilih", "berasal dari warga"]
    assert " ".join(unmark("terdiri atas : a. pemetaan; b. diskusi").split()) == "terdiri atas : pemetaan; diskusi"
    assert unmark("sebagaimana dimaksud pada ayat (1) dibebankan") == "sebagaimana dimaksud pada ayat (1) dibebankan"


def test_ocr_spacing_does_not_matter_but_words_do():
    n = parse_text("Pasal 34\n(2) Pengelolaan RDS antara lain :\n  c. penginformasian hasilkegiatan RDS;\n")
    assert anchor(n, {"pasal": 34, "ayat": 2, "huruf": "c"}, "penginformasian hasil kegiatan RDS") == []
    # the chapeau above a huruf may be quoted with it
    assert anchor(n, {"pasal": 34, "ayat": 2, "huruf": "c"}, "Pengelolaan RDS antara lain : c. penginformasian") == []
    [(kind, msg, _)] = anchor(n, {"pasal": 34, "ayat": 2, "huruf": "c"}, "pelaporan kegiatan RDS")
    assert kind == "kutipan" and "tidak ditemukan" in msg


def test_the_guide_is_said_to_have_no_pasal_text(capsys):
    # the Bappenas guide has no Pasal (docs/teks.md); pack lint says its quotes are not anchored, and does
    # not suggest writing a draft text for it
    code, out, _ = run(capsys, "pack", "lint", "panduan_bappenas_2019")
    assert text_problems(out) == []
    assert "info: panduan (binding: false) tanpa teks berstruktur Pasal" in out and "teks draft" not in out
