"""The literate view: the regulation with its rules beside each Pasal, in a real headless Chromium
(printed to PDF and screenshotted, read back with poppler)."""
import re

import pytest

from aturan.cli import main
from aturan.teks.html import anchor_id, citation_anchor
from browser import ink_ratio, pdf_page_count, pdf_text, png_pixels, print_to_pdf, screenshot
from teks_support import ROOT, run


@pytest.fixture(scope="module")
def oku_view(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "perbup.html"
    assert main(["teks", "html", "oku_selatan", "-o", str(out), "--dosir",
                 str(ROOT / "rules" / "oku_selatan" / "contoh" / "melanggar.yaml")]) == 0
    return out


def test_the_view_places_rules_and_verdicts_at_their_pasal(oku_view):
    html = oku_view.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")     # self-contained
    # Pasal 21 huruf d, then the rule that encodes it with its DSL requirement, its verdict for the village
    pasal = html[html.index('id="pasal-21"'):html.index('id="pasal-22"')]
    assert 'id="pasal-21-huruf-d"' in pasal
    rule = pasal[pasal.index('id="aturan-oku_selatan.kpm.pendidikan_minimal"'):]
    assert 'href="#pasal-21-huruf-d"' in rule and "Tidak patuh" in rule and "kasus uji" in rule
    assert "k.pendidikan &gt;= pendidikan_minimal" in rule
    # a Pasal no rule encodes says why
    p5 = html[html.index('id="pasal-5"'):html.index('id="pasal-6"')]
    assert "Tidak dikodekan: tidak_terukur" in p5
    # the recorded text defect of Pasal 1 angka 8 ("adalah adalah") sits there and links to it
    assert re.search(r'id="cacat-\d+"><b>Cacat teks \[kata\]</b> <a href="#pasal-1-angka-8">', html)
    # 61 rules (the "- id:" entries of rules/oku_selatan/rules/*.yaml: 9+7+6+10+4+4+17+4); for this village
    # the statuses its settled case (rules/oku_selatan/tests/contoh.yaml) expects: 14 patuh, 31 tidak patuh,
    # 9 tidak dapat dinilai, 4 tidak berlaku, and 3 obligations of other parties outside the counts
    assert html.count('class="rule"') == 61
    assert "Patuh: 14" in html and "Tidak patuh: 31" in html and "Tidak dapat dinilai: 9" in html
    assert "Tidak berlaku: 4" in html


def test_the_view_prints_and_shows_in_chromium(oku_view, tmp_path):
    pdf = print_to_pdf(oku_view, tmp_path / "perbup.pdf")
    text = " ".join(pdf_text(pdf).split())      # words as printed, whatever the line breaks
    # 49 Pasal with 53 rule cards do not fit on a few pages
    assert pdf_page_count(pdf) >= 20
    assert "Pasal 21" in text and "oku_selatan.kpm.pendidikan_minimal" in text
    assert "pendidikan minimal Sekolah Menengah Pertama/sederajat" in text
    assert "Tidak patuh" in text and "Desa Tanjung Baru Contoh" in text
    png = screenshot(oku_view, tmp_path / "perbup.png", width=1280, height=1600)
    width, height, _, _ = png_pixels(png)
    assert (width, height) == (1280, 1600)
    assert ink_ratio(png) > 0.05


def test_a_blank_page_is_seen_as_blank(tmp_path):
    page = tmp_path / "kosong.html"
    page.write_text("<!DOCTYPE html><html><body style='background:#fff'></body></html>", encoding="utf-8")
    assert ink_ratio(screenshot(page, tmp_path / "kosong.png", width=400, height=300)) == 0


def test_view_of_every_pack_with_a_text(tmp_path, capsys):
    for pack in ("sorong", "sijunjung", "tual"):
        out = tmp_path / f"{pack}.html"
        code, msg, _ = run(capsys, "teks", "html", pack, "-o", out)
        assert code == 0 and str(out) in msg
        html = out.read_text(encoding="utf-8")
        assert html.count('class="pasal"') >= 40
    code, _, err = run(capsys, "teks", "html", "sorong", "-o", tmp_path / "sorong.html")
    assert code == 2 and "--force" in err
    code, _, err = run(capsys, "teks", "html", "panduan_bappenas_2019", "-o", tmp_path / "p.html")
    assert code == 2 and "tidak membawa teks" in err


def test_anchors_for_reports():
    assert anchor_id("pasal-21/huruf-d") == "pasal-21-huruf-d"
    assert citation_anchor({"pasal": 31, "ayat": 1}) == "#pasal-31-ayat-1"
    assert citation_anchor({"lampiran": "III", "bagian": "huruf b"}) == "#lampiran-III"
