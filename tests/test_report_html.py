"""The printable report (check --format html), opened in headless Chromium, printed to PDF and read back."""
import re

import pytest

from aturan.cli import main
from aturan.engine import evaluate
from aturan.loader import load_dossier
from aturan.report.html import render_html

from browser import assert_not_blank, pdf_page_count, pdf_text, print_to_pdf, screenshot

MELANGGAR = "rules/oku_selatan/contoh/melanggar.yaml"
SORONG = "rules/sorong/contoh/melanggar.yaml"


def _html(tmp_path, *files, name="laporan.html"):
    out = tmp_path / name
    assert main(["check", "--format", "html", "-o", str(out), *files]) in (0, 1)
    return out


def test_self_contained(tmp_path):
    text = _html(tmp_path, MELANGGAR).read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="id">' in text
    assert not re.search(r"<script|<link|<img|@import|url\(|src=|https?://", text, re.I)


def test_escapes_values_from_the_dossier(mini_pack, tmp_path):
    from aturan.loader import dossier_from_data
    data = {"identitas": {"nama": "Suka<maju>", "jenis": "desa", "tahun": 2024, "tanggal_data": "2025-01-15"},
            "kpm": [{"nama": "<script>alert(1)</script>", "pendidikan": "sd"}]}
    page = render_html([evaluate(mini_pack, dossier_from_data(data, "d.yaml"))], [])
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Desa Suka&lt;maju&gt;" in page


def test_prints_to_a4_pdf_with_header_pages_and_verdicts(tmp_path):
    pdf = print_to_pdf(_html(tmp_path, MELANGGAR), tmp_path / "laporan.pdf")
    pages = pdf_page_count(pdf)
    assert pages >= 2          # 53 obligations with their quotes and evidence do not fit one A4 page
    for n in range(1, pages + 1):
        page = pdf_text_page(pdf, n)
        # the page header names the village and the regulation; the footer numbers the pages
        assert "Desa Tanjung Baru Contoh — Peraturan Bupati Ogan Komering Ulu Selatan Nomor 7 Tahun 2023" in page
        assert f"Halaman {n} dari {pages}" in page
    text = pdf_text(pdf)
    for words in ("Laporan Pemeriksaan Kepatuhan", "Pasal 21 huruf d", "Tidak patuh", "tingkat: tinggi",
                  "Dinilai per 20 Maret 2025", "Catatan atas teks peraturan", "Pasal 31 ayat (1)"):
        assert words in text, words


def pdf_text_page(pdf, n):
    import subprocess
    import shutil
    return subprocess.run([shutil.which("pdftotext"), "-f", str(n), "-l", str(n), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_each_village_starts_a_new_page_with_its_own_header(tmp_path):
    pdf = print_to_pdf(_html(tmp_path, MELANGGAR, SORONG), tmp_path / "dua.pdf")
    pages = pdf_page_count(pdf)
    first = [n for n in range(1, pages + 1) if "Laporan Pemeriksaan Kepatuhan" in pdf_text_page(pdf, n)]
    assert len(first) == 2 and first[0] == 1
    second = pdf_text_page(pdf, first[1])
    assert "Kampung Pelita Contoh — Peraturan Bupati Sorong Nomor 44 Tahun 2020" in second
    assert "Desa Tanjung Baru Contoh" not in second                  # nothing of the first village on it
    assert "BAMUSKAM" in pdf_text(pdf)                               # the regency's own words


@pytest.mark.parametrize("width,height", [(1200, 1400), (390, 844)])   # desk and phone
def test_screenshot_is_not_blank(tmp_path, width, height):
    png = screenshot(_html(tmp_path, MELANGGAR), tmp_path / "layar.png", width=width, height=height)
    assert_not_blank(png)


def test_blank_page_is_detected_as_blank(tmp_path):
    """The check itself: an empty page must fail it (otherwise it could never fail)."""
    empty = tmp_path / "kosong.html"
    empty.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    png = screenshot(empty, tmp_path / "kosong.png", width=400, height=300)
    with pytest.raises(AssertionError, match="tampak kosong"):
        assert_not_blank(png)


def test_in_force_and_not_yet_in_force_are_both_readable(mini_pack, fixtures):
    import datetime as dt
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_patuh.yaml"), as_of=dt.date(2023, 1, 2))
    page = render_html([rep], [])
    assert "belum berlaku" in page


def test_findings_link_to_their_article_in_the_text_view(tmp_path):
    """`check --format html --teks-html` links each finding's Pasal into `aturan teks html`; no link is dead."""
    import re as _re
    from aturan.cli import main as _main
    view, report = tmp_path / "tual.html", tmp_path / "laporan.html"
    assert _main(["teks", "html", "tual", "-o", str(view)]) == 0
    assert _main(["check", "rules/tual/contoh/melanggar.yaml", "--format", "html", "--teks-html", "{pack}.html",
                  "-o", str(report)]) == 1
    page, target = report.read_text(encoding="utf-8"), view.read_text(encoding="utf-8")
    links = _re.findall(r'<td class="pasal"><a href="tual\.html#([^"]+)">', page)
    assert len(links) == page.count('<td class="pasal">')         # every finding is linked
    ids = set(_re.findall(r'id="([^"]+)"', target))
    assert set(links) <= ids                                        # and every link lands on an article
    # Tual Pasal 31 ayat (1) huruf c: "Berpendidikan minimal Sekolah Menengah Atas atau ..." (the KPM)
    assert "pasal-31-ayat-1-huruf-c" in links


def test_text_view_link_only_for_html(tmp_path, capsys):
    from aturan.cli import main as _main
    code = _main(["check", "rules/tual/contoh/melanggar.yaml", "--format", "markdown", "--teks-html", "x.html"])
    assert code == 2 and "--teks-html hanya untuk laporan --format html" in capsys.readouterr().err
