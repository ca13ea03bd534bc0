"""The drafter's two commands: `aturan teks draft` writes the new regency's Perbup (DOCX, Markdown) from
the copied pack, `aturan pack diff A B --format docx|xlsx` the matriks perubahan. Both read back."""
import re
from pathlib import Path

import docx
import openpyxl
import pytest

from aturan.teks.parser import parse_file
from teks_support import edit, run


@pytest.fixture
def draft(tmp_path, capsys):
    """A Gampong draft copied from Sijunjung whose drafter names the head Keuchik, raises the KPM
    education to SLTA and plans six packages."""
    rules = tmp_path / "rules"
    code, _, err = run(capsys, "pack", "new", "aceh_raya", "--from", "sijunjung", "--regency", "Kabupaten Aceh Raya",
                       "--unit", "Gampong", "--nomor", "5", "--tahun", "2026", "--dir", rules)
    assert code == 0, err
    p = rules / "aceh_raya"
    edit(p / "pack.yaml", "kepala: Wali Gampong", "kepala: Keuchik")
    edit(p / "rules" / "kpm.yaml", "params: {pendidikan_minimal: smp}", "params: {pendidikan_minimal: slta}")
    edit(p / "rules" / "pelaksanaan.yaml", "params: {jumlah_paket: 7}", "params: {jumlah_paket: 6}")
    return rules


def units(path: Path):
    return parse_file(path)


def test_pack_new_records_where_the_text_comes_from(draft):
    asal = (draft / "aceh_raya" / "teks" / "asal.yaml").read_text(encoding="utf-8")
    assert "asal: sijunjung" in asal and "ke: Gampong" in asal
    assert not (draft / "aceh_raya" / "teks" / "naskah.txt").exists()


def test_docx_draft_has_the_new_words_and_the_changed_parameters(draft, tmp_path, capsys):
    out = tmp_path / "rancangan.docx"
    code, msg, _ = run(capsys, "--rules", draft, "teks", "draft", "aceh_raya", "-o", out)
    assert code == 0 and "ditandai untuk ditinjau" in msg
    d = docx.Document(out)
    text = "\n".join(p.text for p in d.paragraphs)
    assert "PERATURAN BUPATI ACEH RAYA" in text and "NOMOR 5 TAHUN 2026" in text
    n = units(out)                       # the DOCX reads back as the regulation it is
    # the origin's name stays only where the drafter must decide: its own laws among the Mengingat
    left = [u.id for u in n.root.walk() if "sijunjung" in (u.text or "").lower() + " ".join(t for _, _, t in u.lines).lower()]
    assert left == ["mengingat/angka-1", "mengingat/angka-13"] or left == ["mengingat/angka-13"]
    assert len(n.units("pasal")) == 41 and len(n.units("ayat")) == 81
    assert n.unit("pasal-27/huruf-a").text == "berasal dari warga masyarakat gampong setempat;"
    assert n.unit("pasal-27/huruf-d").text == "pendidikan minimal Sekolah Lanjutan Tingkat Atas."
    assert "Keuchik" in n.unit("pasal-1/angka-9").text           # Pemerintah Nagari adalah Wali Nagari ...
    assert "6 (enam) paket layanan" in n.unit("pasal-25/ayat-2").text
    assert "6 (enam) paket layanan" in n.unit("pasal-8/ayat-1").text      # the same count elsewhere follows
    assert "Nagari" not in " ".join(u.text for u in n.units("huruf") if u.pasal and u.pasal.label == "27")
    # every changed unit is highlighted and carries a comment saying why
    comments = list(d.comments)
    assert any("pendidikan_minimal diubah smp → slta" in c.text for c in comments)
    assert any("Wali Nagari → Keuchik" in c.text for c in comments)
    highlighted = [r for p in d.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert any("Sekolah Lanjutan Tingkat Atas" in r.text for r in highlighted)
    assert not any("kader masyarakat diutamakan" in r.text for r in highlighted)   # Pasal 27 huruf b unchanged
    # the signature blocks are left to fill
    assert "Ditetapkan di …" in text and "Diundangkan di …" in text


def test_markdown_draft_marks_each_changed_unit(draft, tmp_path, capsys):
    out = tmp_path / "rancangan.md"
    code, _, _ = run(capsys, "--rules", draft, "teks", "draft", "aceh_raya", "--format", "md", "-o", out)
    assert code == 0
    md = out.read_text(encoding="utf-8")
    line = next(ln for ln in md.splitlines() if "Sekolah Lanjutan Tingkat Atas" in ln)
    assert line.startswith("- d. pendidikan minimal") and "[TINJAU: parameter pendidikan_minimal" in line
    assert "- b. berpengalaman sebagai kader masyarakat diutamakan bidang pembangunan manusia yaitu Kader Posyandu, " \
           "Guru PAUD;" in md.splitlines()
    assert "#### Pasal 27" in md


def test_draft_saved_into_the_pack_is_what_pack_lint_anchors(draft, tmp_path, capsys):
    code, msg, _ = run(capsys, "--rules", draft, "teks", "draft", "aceh_raya", "--format", "md",
                       "-o", tmp_path / "r.md", "--simpan")
    assert code == 0 and "teks/naskah.txt" in msg
    code, out, _ = run(capsys, "--rules", draft, "pack", "lint", "aceh_raya")
    assert code == 1
    # the copied quote still says "nagari": anchoring shows the drafter the words of the draft
    line = next(ln for ln in out.splitlines() if "aceh_raya.kpm.warga_setempat" in ln and "[kutipan]" in ln)
    assert "Pasal 27 huruf a" in line
    code, _, err = run(capsys, "--rules", draft, "teks", "draft", "aceh_raya", "-o", tmp_path / "r2.docx", "--simpan")
    assert code == 2 and "sudah ada" in err


def test_matrix_of_changes_docx_and_xlsx(draft, tmp_path, capsys):
    x = tmp_path / "matriks.xlsx"
    code, msg, _ = run(capsys, "--rules", draft, "pack", "diff", "sijunjung", "aceh_raya", "--format", "xlsx", "-o", x)
    assert code == 0 and "Matriks perubahan sijunjung → aceh_raya" in msg
    ws = openpyxl.load_workbook(x).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[2] == ("Unit", "Teks asal", "Teks rancangan", "Keterangan")
    row = next(r for r in rows if r[0] == "Pasal 27 huruf d")
    assert row[1] == "d. pendidikan minimal Sekolah Menengah Pertama."
    assert row[2] == "d. pendidikan minimal Sekolah Lanjutan Tingkat Atas."
    assert "pendidikan_minimal diubah smp → slta" in row[3]
    assert not any(r[0] == "Pasal 27 huruf b" for r in rows)           # unchanged units are not listed
    d = tmp_path / "matriks.docx"
    code, _, _ = run(capsys, "--rules", draft, "pack", "diff", "sijunjung", "aceh_raya", "--format", "docx", "-o", d)
    assert code == 0
    table = docx.Document(d).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Teks asal", "Teks rancangan", "Keterangan"]
    cells = next(r.cells for r in table.rows if r.cells[0].text.startswith("Pasal 27 huruf d"))
    assert "Sekolah Menengah Pertama" in cells[0].text and "Sekolah Lanjutan Tingkat Atas" in cells[1].text
    assert "pendidikan_minimal" in cells[2].text
    code, _, err = run(capsys, "--rules", draft, "pack", "diff", "sijunjung", "aceh_raya", "--format", "docx")
    assert code == 2 and "-o BERKAS" in err


def test_a_city_draft_says_walikota(tmp_path, capsys):
    rules = tmp_path / "rules"
    code, _, err = run(capsys, "pack", "new", "kota_contoh", "--from", "sorong", "--regency", "Kota Contoh",
                       "--unit", "Kelurahan", "--tahun", "2026", "--dir", rules)
    assert code == 0, err
    out = tmp_path / "r.md"
    code, _, _ = run(capsys, "--rules", rules, "teks", "draft", "kota_contoh", "--format", "md", "-o", out)
    assert code == 0
    md = out.read_text(encoding="utf-8")
    assert "**PERATURAN WALIKOTA CONTOH**" in md and "**WALIKOTA CONTOH,**" in md
    assert re.search(r"Peraturan Walikota ini mulai berlaku", md)


def test_draft_without_origin_or_text_is_refused(tmp_path, capsys):
    code, _, err = run(capsys, "teks", "draft", "sorong", "-o", tmp_path / "x.docx")
    assert code == 2 and "--from" in err
    code, _, err = run(capsys, "teks", "draft", "sorong", "--from", "panduan_bappenas_2019", "-o", tmp_path / "x.docx")
    assert code == 2 and "tidak membawa teks peraturan" in err
