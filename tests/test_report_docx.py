"""The draft findings (check --format docx), read back with python-docx."""
import docx
import pytest

from aturan.cli import main
from aturan.engine import evaluate
from aturan.errors import AturanError
from aturan.loader import load_dossier, load_pack
from aturan.report.docx import PROMPT_AKIBAT, PROMPT_SEBAB, render_docx

from test_report import shuffled_report


def _read(data, tmp_path):
    f = tmp_path / "temuan.docx"
    f.write_bytes(data)
    return docx.Document(f)


def _headings(doc, level):
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def _section(doc, start_heading):
    """The paragraphs after a heading up to the next heading of the same or a higher level."""
    out, inside = [], False
    for p in doc.paragraphs:
        if p.text == start_heading:
            inside = True
            continue
        if inside and p.style.name.startswith("Heading") and p.style.name <= "Heading 2":
            break
        if inside:
            out.append(p)
    return out


def test_one_temuan_per_violation_in_apip_structure(mini_pack, fixtures, tmp_path):
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml"))
    doc = _read(render_docx([rep], []), tmp_path)
    assert doc.paragraphs[0].text == "DRAF TEMUAN HASIL PEMERIKSAAN"
    cover = {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows}
    assert cover["Desa"] == "Desa Sukamundur" and cover["Tahun yang diperiksa"] == "2024"
    assert cover["Keadaan per"] == "15 Januari 2025"
    summary = {r.cells[0].text: r.cells[1].text for r in doc.tables[1].rows}
    assert (summary["Tidak patuh"], summary["Tidak dapat dinilai"], summary["Patuh"]) == ("2", "1", "0")
    # mini_melanggar violates Pasal 1 huruf d (KPM education) and Pasal 3 (quarterly meetings): two temuan
    assert _headings(doc, 1)[:2] == ["Ringkasan", "Temuan (2)"]
    assert _headings(doc, 2) == ["Temuan 1: KPM berpendidikan minimal SMP", "Temuan 2: Rapat evaluasi setiap triwulan"]
    temuan = [p.text for p in _section(doc, "Temuan 1: KPM berpendidikan minimal SMP")]
    assert [t for t in temuan if t in ("Kondisi", "Kriteria", "Sebab", "Akibat", "Rekomendasi")] == \
        ["Kondisi", "Kriteria", "Sebab", "Akibat", "Rekomendasi"]
    assert "kpm[*].pendidikan: Siti: sma; Budi: sd." in temuan            # the facts, names beside values
    assert "Pasal 1 huruf d Peraturan Bupati Uji Nomor 99 Tahun 2023:" in temuan
    assert "“pendidikan minimal Sekolah Menengah Pertama/sederajat”" in temuan     # the quoted criterion
    assert PROMPT_SEBAB in temuan and PROMPT_AKIBAT in temuan
    rekom = temuan[temuan.index("Rekomendasi") + 1]
    assert rekom.startswith("Kepala Desa Uji agar")                       # the regency's word for the head


def test_not_assessable_become_documents_to_request(mini_pack, fixtures, tmp_path):
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml"))
    doc = _read(render_docx([rep], []), tmp_path)
    assert "Dokumen yang perlu diminta (1)" in _headings(doc, 1)
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["No", "Fakta yang diperlukan", "Untuk menilai"]
    assert table.rows[1].cells[1].text == "perencanaan.musyawarah_perencanaan"
    assert "Pasal 2 ayat (1): Rembuk stunting sebelum musyawarah" in table.rows[1].cells[2].text


def test_temuan_follow_article_order(mini_pack, fixtures, tmp_path):
    rep = shuffled_report(mini_pack, fixtures)      # seven violations at shuffled articles
    doc = _read(render_docx([rep], []), tmp_path)
    crit = [p.text for p in doc.paragraphs if p.text.endswith("Peraturan Bupati Uji Nomor 99 Tahun 2023:")]
    assert [c.split(" Peraturan")[0] for c in crit] == ["Pasal 2", "Pasal 2 ayat (1)", "Pasal 2 ayat (1) huruf a",
                                                        "Pasal 2 ayat (1) huruf b", "Pasal 2 ayat (10)", "Pasal 10",
                                                        "Lampiran I"]


def test_pack_recommendation_template_in_the_regencys_words(tmp_path, capsys):
    out = tmp_path / "temuan.docx"
    assert main(["check", "--format", "docx", "-o", str(out), "rules/oku_selatan/contoh/melanggar.yaml"]) == 1
    doc = docx.Document(out)
    texts = [p.text for p in doc.paragraphs]
    head = next(h for h in _headings(doc, 2) if h.endswith("KPM berpendidikan minimal SMP/sederajat"))
    section = [p.text for p in _section(doc, head)]
    rekom = section[section.index("Rekomendasi") + 1]
    # rules/oku_selatan/rekomendasi.yaml, konsep kpm.pendidikan_minimal, with {pendidikan_minimal} = smp
    assert rekom.startswith("Kepala Desa agar dalam pemilihan KPM melalui musyawarah Desa berikutnya")
    assert "minimal smp/sederajat sesuai Pasal 21 huruf d" in rekom
    assert len(_headings(doc, 2)) == int(next(t for t in texts if t.startswith("Temuan (")).split("(")[1].rstrip(")"))


def _pack_with(tmp_path, fixtures, registry, text):
    import shutil
    pack = tmp_path / "mini"
    shutil.copytree(fixtures / "packs" / "mini", pack)
    (pack / "rekomendasi.yaml").write_text(text, encoding="utf-8")
    return load_pack(pack, registry)


def test_recommendation_file_is_checked(tmp_path, fixtures, registry):
    p = _pack_with(tmp_path, fixtures, registry, "konsep:\n  kpm.pendidikan_minimal: '{kepala} agar {pendidikan_minimal}'\n")
    assert p.recommendations == {"kpm.pendidikan_minimal": "{kepala} agar {pendidikan_minimal}"}
    for text, words in [("konsep:\n  kpm.tidak_ada: 'x'\n", "tidak ada di pack"),
                        ("aturan:\n  mini.kpm.pendidikan: '{kades} agar'\n", "placeholder {kades} tidak dikenal"),
                        ("lain: {}\n", "'konsep:' dan/atau 'aturan:'")]:
        with pytest.raises(AturanError, match="rekomendasi") as e:
            _pack_with(tmp_path / words[:5], fixtures, registry, text)
        assert words in str(e.value) and "rekomendasi.yaml:" in str(e.value)
