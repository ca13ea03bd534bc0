"""The text of each pack parsed into its structure: counts checked against the regulations, stable ids,
positions, the round trip text -> tree -> text, partial texts and OCR-like files."""

import pytest

from aturan.teks.parser import parse_file, parse_text
from aturan.teks.render import render
from teks_support import FIX, ROOT

PACKS = ("oku_selatan", "sorong", "sijunjung", "tual")


def text_of(pack: str) -> str:
    return (ROOT / "rules" / pack / "teks" / "naskah.txt").read_text(encoding="utf-8")


def parsed(pack: str):
    return parse_text(text_of(pack), f"rules/{pack}/teks/naskah.txt")


# Counted in the OCR sources (shared/seeds), not by the parser: "Pasal N" headings, and "(n)" ayat
# markers under each Pasal (OKU 80; Sorong 87, no Pasal 35 and Pasal 20 without ayat (2); Sijunjung
# 80 markers plus Pasal 22 ayat (1), which the OCR wrote "1)", restored in perbaikan.yaml; Tual 140,
# Pasal 14 alone has ayat (1)-(10)). BAB: OKU I-VII, Sorong I-X, Sijunjung I-XII, Tual I, II, III, IV,
# IV, VII, VIII, X, XI (nine headings). Menimbang letters and Mengingat numbers as written, Pasal 1
# definitions (angka) as written, and the Lampiran of each.
COUNTS = {
    #              Pasal ayat BAB menimbang mengingat definisi lampiran
    "oku_selatan": (49, 80, 7, 3, 7, 20, 0),
    "sorong": (40, 87, 10, 3, 16, 23, 3),
    "sijunjung": (41, 81, 12, 4, 13, 33, 4),
    "tual": (47, 140, 9, 4, 16, 37, 0),
}


@pytest.mark.parametrize("pack", PACKS)
def test_counts_match_the_regulation(pack):
    n = parsed(pack)
    pasal, ayat, bab, menimbang, mengingat, definisi, lampiran = COUNTS[pack]
    assert len(n.units("pasal")) == pasal
    assert len(n.units("ayat")) == ayat
    assert len(n.units("bab")) == bab
    assert len(n.unit("menimbang").children_of("huruf")) == menimbang
    assert len(n.unit("mengingat").children_of("angka")) == mengingat
    assert len([u for u in n.unit("pasal-1").walk() if u.kind == "angka"]) == definisi
    assert len(n.units("lampiran")) == lampiran
    assert not n.meta["struktur"], "every line has its place in the structure"


def test_pasal_numbers_follow_the_text():
    assert parsed("sorong").pasal_numbers == [str(i) for i in range(1, 42) if i != 35]
    assert parsed("tual").pasal_numbers == [str(i) for i in range(1, 48)]
    assert [a.label for a in parsed("sorong").pasal("20").children_of("ayat")] == ["1", "3", "4", "5"]
    assert [a.label for a in parsed("sijunjung").pasal("38").children_of("ayat")] == ["1", "3", "4"]


@pytest.mark.parametrize("pack", PACKS)
def test_round_trip_text_tree_text(pack):
    text = text_of(pack)
    n = parse_text(text)
    assert render(n) == text
    again = parse_text(render(n))
    assert [(u.id, u.marker, u.text) for u in again.root.walk()] == [(u.id, u.marker, u.text) for u in n.root.walk()]


def test_round_trip_of_a_clean_draft():
    text = (FIX / "bersih.txt").read_text(encoding="utf-8")
    assert render(parse_text(text)) == text


def test_stable_ids_name_units_as_lawyers_cite_them():
    oku = parsed("oku_selatan")
    assert oku.unit("pasal-21/huruf-d").text == "pendidikan minimal Sekolah Menengah Pertama/sederajat."
    assert oku.unit("pasal-31/ayat-1").text.startswith("Rembuk Stunting tingkat desa")
    assert oku.unit("pasal-7/huruf-b/angka-4").text.startswith("peningkatan penyediaan air bersih")
    assert oku.unit("menimbang/huruf-c").text.startswith("bahwa berdasarkan pertimbangan")
    assert oku.unit("bab-4/bagian-1").text == "Perencanaan"
    sij = parsed("sijunjung")
    assert sij.unit("lampiran-III/huruf-d/angka-3").text.startswith("Kesepakatan hasil rembuk stunting")
    assert sij.unit("lampiran-I/nomor-4") is not None
    # a repeated number keeps its own id: the second huruf f of Sorong Pasal 4 ayat (5), the second
    # Bagian Kesatu of BAB VI, the second huruf b of Tual's Menimbang, Tual's second BAB IV
    sor = parsed("sorong")
    assert sor.unit("pasal-4/ayat-5/huruf-f").text.startswith("pemeliharaan fasilitas pengelolaan Kampung")
    assert sor.unit("pasal-4/ayat-5/huruf-f-2").text.startswith("pemeliharaan sistem pembuangan air Limbah")
    assert sor.unit("bab-6/bagian-1-2").text == "Perencanaan"
    tual = parsed("tual")
    assert tual.unit("menimbang/huruf-b-2").text.startswith("bahwa berdasarkan pertimbangan")
    assert tual.unit("bab-4-2").text == "PELAKSANAAN PENCEGAHAN STUNTING"


def test_positions_are_lines_of_the_file():
    text = text_of("oku_selatan")
    lines = text.split("\n")
    n = parse_text(text, "x")
    u = n.unit("pasal-21")
    assert lines[u.line] == "Pasal 21"
    d = n.unit("pasal-21/huruf-d")
    assert lines[d.line][d.text_col:].startswith("pendidikan minimal")
    assert str(n.location(d.line, d.text_col)) == f"x:{d.line + 1}:{d.text_col + 1}"


def test_the_regulation_identity_is_read_from_its_heading():
    meta = parsed("tual").meta
    assert (meta["jenis"], meta["daerah"], meta["nomor"], meta["tahun"]) == ("Peraturan Walikota", "Tual", "32", 2022)
    assert meta["judul"].startswith("PERAN KELURAHAN/OHOI")
    assert meta["pembentuk"] == "WALIKOTA TUAL"


def test_an_ocr_file_is_laid_out_and_positions_map_back(tmp_path):
    n = parse_file(FIX / "ocr_potongan.md")
    # "## BAB I KETENTUAN UMUM Pasal 1" on one line becomes BAB, heading and Pasal
    assert n.unit("bab-1").text == "KETENTUAN UMUM" and n.pasal("1") is not None
    # the definition cut by a page break is one unit again
    assert n.unit("pasal-1/angka-1").text.endswith("masyarakat dan berdasarkan asal-usul setempat.")
    assert n.unit("pasal-2/ayat-1/huruf-b").text == "rembuk stunting; dan"
    # line 39 of the file holds "- (2) Tahapan ... ayat (3) ..."
    u = n.unit("pasal-2/ayat-2")
    loc = n.location(u.line, u.text_col)
    assert (loc.line + 1, loc.col + 1) == (39, 7)
    assert n.unit("lampiran/nomor-1").text == "| 1. | Pemetaan sosial | KPM; Kader |"


def test_a_text_holding_only_the_opening_parses(tmp_path):
    f = tmp_path / "pembukaan.txt"
    f.write_text("PERATURAN BUPATI CONTOH\nNOMOR 1 TAHUN 2025\nTENTANG\nSTUNTING\n\n"
                 "DENGAN RAHMAT TUHAN YANG MAHA ESA\n\nBUPATI CONTOH,\n\nMenimbang : a. bahwa stunting;\n"
                 "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
                 "Peraturan Bupati tentang Stunting;\n", encoding="utf-8")
    n = parse_file(f)
    assert n.meta["judul"] == "STUNTING"
    assert [u.label for u in n.unit("menimbang").children] == ["a", "b"]
    assert n.units("pasal") == [] and not n.meta["struktur"]


def test_a_fragment_that_starts_inside_a_pasal_parses(tmp_path):
    f = tmp_path / "potongan.txt"
    f.write_text("(1) KPM dipilih melalui musyawarah Desa.\n(2) KPM sebagaimana dimaksud pada ayat (1) "
                 "ditetapkan dengan Keputusan Kepala Desa.\n", encoding="utf-8")
    n = parse_file(f)
    assert [u.id for u in n.units("ayat")] == ["fragmen/ayat-1", "fragmen/ayat-2"]


def test_a_line_out_of_place_is_reported_not_fatal(tmp_path):
    f = tmp_path / "rusak.txt"
    f.write_text("Pasal 1\nKPM dipilih melalui musyawarah Desa.\nMenimbang :\nPasal 2\nKPM ditetapkan.\n",
                 encoding="utf-8")
    n = parse_file(f)
    assert n.pasal_numbers == ["1", "2"]
    [p] = n.meta["struktur"]
    assert p.line == 2 and p.text == "Menimbang :"
