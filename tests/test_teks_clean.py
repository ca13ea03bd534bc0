"""Cleaning an OCR text: layout only is repaired automatically, a person's fixes come from a list, and
every change is recorded with its line in the source and its reason."""

import pytest
import yaml

from aturan.errors import AturanError
from aturan.teks.clean import layout
from teks_support import FIX, ROOT, run


def test_layout_repairs_markup_merged_headings_and_page_breaks():
    raw = (FIX / "ocr_potongan.md").read_text(encoding="utf-8").split("\n")
    res = layout(raw)
    assert "BAB I" in res.lines and "KETENTUAN UMUM" in res.lines and "Pasal 1" in res.lines
    assert "(1) Tahapan pencegahan stunting terdiri dari :" in res.lines          # "- (1) ... *stunting*"
    assert "Menimbang" in res.lines            # "- Menimbang : a. bahwa ..." split; rendered "Menimbang :"
    assert any(ln.startswith("1. Kampung adalah") and ln.endswith("berdasarkan asal-usul setempat.")
               for ln in res.lines)
    assert "| 1. | Pemetaan sosial | KPM; Kader |" in res.lines
    kinds = {tuple(c.kinds) for c in res.changes}
    assert ("pisah",) in kinds or any("pisah" in k for k in kinds)
    joined = next(c for c in res.changes if c.before.startswith("berdasarkan asal-usul"))
    assert joined.line + 1 == 30 and "gabung" in joined.kinds          # line 30 of the file


def test_words_numbers_and_references_are_left_as_published():
    raw = ["Pasal 1", "- (1) Kegiatan pembelajaran sebagaimana dimaksud pada ayat (J) diberikan.",
           "  - f. satu;", "  - f. dua."]
    res = layout(raw)
    assert res.lines == ["Pasal 1", "(1) Kegiatan pembelajaran sebagaimana dimaksud pada ayat (J) diberikan.",
                         "f. satu;", "f. dua."]


def test_a_fix_must_match_its_source_line():
    with pytest.raises(AturanError, match="tidak ada di baris itu"):
        layout(["Pasal 1", "- 1) Rembuk"], fixes=[{"baris": 2, "dari": "- 2) Rembuk", "jadi": "- (2) Rembuk",
                                                   "alasan": "x"}])
    res = layout(["Pasal 1", "- 1) Rembuk stunting."], fixes=[{"baris": 2, "dari": "- 1) Rembuk",
                                                               "jadi": "- (1) Rembuk", "alasan": "kurung hilang"}])
    assert res.lines[1] == "(1) Rembuk stunting."
    [c] = [c for c in res.changes if "perbaikan" in c.kinds]
    assert c.before == "- 1) Rembuk stunting." and c.reason == "kurung hilang"


@pytest.mark.parametrize("pack", ["oku_selatan", "sorong", "sijunjung", "tual"])
def test_each_pack_records_its_cleaning(pack):
    rec = yaml.safe_load((ROOT / "rules" / pack / "teks" / "pembersihan.yaml").read_text(encoding="utf-8"))
    assert rec["jumlah"] == len(rec["perubahan"]) > 100
    assert set(rec["alasan"]) >= {"markup", "butir", "pisah", "gabung", "tabel", "perbaikan"}
    for c in rec["perubahan"]:
        assert c["baris"] >= 1 and set(c["jenis"]) <= set(rec["alasan"]) and "sebelum" in c and "sesudah" in c
    fixes = yaml.safe_load((ROOT / "rules" / pack / "teks" / "perbaikan.yaml").read_text(encoding="utf-8")) \
        if (ROOT / "rules" / pack / "teks" / "perbaikan.yaml").exists() else {"perbaikan": []}
    manual = [c for c in rec["perubahan"] if "perbaikan" in c["jenis"]]
    assert len(manual) == len(fixes["perbaikan"])
    assert all(c.get("alasan") for c in manual)


def test_oku_lost_letters_are_restored_and_said_so():
    rec = yaml.safe_load((ROOT / "rules" / "oku_selatan" / "teks" / "pembersihan.yaml").read_text(encoding="utf-8"))
    c = next(c for c in rec["perubahan"] if c["baris"] == 95)
    assert c["sebelum"].startswith("- melakukan sinkronisasi") and c["sesudah"].startswith("a. melakukan sinkronisasi")
    assert "huruf_hilang_ocr" in c["alasan"]


def test_bersihkan_command(tmp_path, capsys):
    out = tmp_path / "naskah.txt"
    code, msg, _ = run(capsys, "teks", "bersihkan", FIX / "ocr_potongan.md", "-o", out)
    assert code == 0 and "perubahan tercatat" in msg
    assert out.read_text(encoding="utf-8").startswith("SALINAN\nBUPATI CONTOH\n")
    rec = yaml.safe_load((tmp_path / "pembersihan.yaml").read_text(encoding="utf-8"))
    assert rec["sumber"] == "ocr_potongan.md" and rec["jumlah"] > 5
    code, _, err = run(capsys, "teks", "bersihkan", FIX / "ocr_potongan.md", "-o", out)
    assert code == 2 and "--force" in err
    code, _, err = run(capsys, "teks", "bersihkan", tmp_path / "tidak_ada.md", "-o", tmp_path / "x.txt")
    assert code == 2 and "tidak ada" in err
