"""The fact-entry workbook: template from the schema in the pack's words, read back with located errors,
and every example dossier giving the same findings through the workbook as from its YAML."""
import json
from pathlib import Path

import openpyxl
import pytest

from aturan.cli import main
from aturan.loader import load_dossier

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(ROOT.glob("rules/*/contoh/*.yaml"))


def _check_json(capsys, *argv):
    code = main(["check", "--format", "json", *argv])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_example_round_trip_gives_the_same_findings(example, tmp_path, capsys):
    pack = example.parent.parent.name
    book = tmp_path / "isian.xlsx"
    assert main(["dosir", "template", "--pack", pack, "--dari", str(example), "-o", str(book)]) == 0
    capsys.readouterr()
    code_yaml, from_yaml, _ = _check_json(capsys, "--pack", pack, str(example))
    code_xlsx, from_xlsx, err = _check_json(capsys, "--pack", pack, str(book))
    assert code_xlsx == code_yaml, err
    a, b = from_yaml["results"][0], from_xlsx["results"][0]
    assert a["counts"] == b["counts"]
    assert a["findings"] == b["findings"]                  # status, message, evidence, missing facts: all equal
    assert a["kewajiban_pihak_lain"] == b["kewajiban_pihak_lain"]
    assert load_dossier(example).data == load_dossier(book).data


def _template(tmp_path, pack="sorong", *extra):
    book = tmp_path / "isian.xlsx"
    assert main(["dosir", "template", "--pack", pack, "-o", str(book), *extra]) == 0
    return book


def _row(ws, code):
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=4).value == code)


def _col(ws, code):
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(row=2, column=c).value == code)


def test_template_has_sheets_labels_comments_and_drop_downs_in_the_packs_words(tmp_path):
    wb = openpyxl.load_workbook(_template(tmp_path, "sorong"))
    for name in ("Petunjuk", "Identitas", "KPM", "Rumah sehat", "Perencanaan", "RKP", "APB", "APB kegiatan",
                 "Pemantauan bulanan", "Rapat", "Laporan tahunan"):
        assert name in wb.sheetnames
    assert wb["Pilihan"].sheet_state == "hidden"
    ident = wb["Identitas"]
    assert ident.cell(row=_row(ident, "identitas.nama"), column=1).value == "Nama Kampung"
    assert ident.cell(row=_row(ident, "identitas.jenis"), column=2).value == "kampung"      # pre-filled
    assert ident.cell(row=_row(ident, "identitas.kabupaten"), column=2).value == "Kabupaten Sorong"
    kpm = wb["KPM"]
    header = {kpm.cell(row=1, column=c).value: c for c in range(1, kpm.max_column + 1)}
    assert "Pendidikan terakhir" in header and "Warga setempat" in header
    assert all(kpm.cell(row=1, column=c).comment is not None for c in header.values())
    # drop-downs: every coded value and every ya/tidak
    ranges = {str(dv.sqref).split(":")[0]: dv for dv in kpm.data_validations.dataValidation}
    choices = wb["Pilihan"]

    def options(dv):
        sheet, rng = dv.formula1.lstrip("=").split("!")
        a, b = rng.replace("$", "").split(":")
        return [c.value for row in wb[sheet][a:b] for c in row]
    from openpyxl.utils import get_column_letter
    assert "smp" in options(ranges[f"{get_column_letter(_col(kpm, 'pendidikan'))}3"])
    assert options(ranges[f"{get_column_letter(_col(kpm, 'warga_setempat'))}3"]) == ["ya", "tidak"]
    assert options(ranges[f"{get_column_letter(_col(kpm, 'penetapan.keputusan'))}3"]) == ["ada", "tidak ada"]
    rapat = wb["Rapat"]
    rv = {str(dv.sqref).split(":")[0]: dv for dv in rapat.data_validations.dataValidation}
    assert "BAMUSKAM" in options(rv[f"{get_column_letter(_col(rapat, 'penyelenggara'))}3"])   # Sorong's council
    assert choices is not None
    perencanaan = wb["Perencanaan"]
    kinds = [perencanaan.cell(row=r, column=1).value for r in range(3, 11)]
    assert "Rembuk stunting" in kinds and "Musyawarah Antar Kampung (MAK)" in kinds
    assert wb["KPM"].cell(row=3, column=_col(kpm, "mulai_bertugas")).number_format == "DD/MM/YYYY"


def test_empty_template_is_refused_with_its_cell(tmp_path, capsys):
    code = main(["check", str(_template(tmp_path))])
    out = capsys.readouterr().out
    assert code == 2 and "[Identitas] baris 3 kolom B (Nama Kampung)" in out and "'nama' tidak ada" in out


def _fill(book, cells):
    """Fill cells as an auditor would: {(sheet, code-or-column, row): value}."""
    wb = openpyxl.load_workbook(book)
    for (sheet, code, row), value in cells.items():
        ws = wb[sheet]
        if ws.cell(row=1, column=4).value == "Kode (jangan diubah)":
            ws.cell(row=_row(ws, code), column=2, value=value)
        else:
            ws.cell(row=row, column=_col(ws, code), value=value)
    wb.save(book)
    return book


IDENT = {("Identitas", "identitas.nama", 0): "Sukamaju", ("Identitas", "identitas.tahun", 0): 2024,
         ("Identitas", "identitas.tanggal_data", 0): "31/01/2025"}


def test_an_auditor_fills_the_template_as_people_write(tmp_path, capsys):
    book = _fill(_template(tmp_path, "oku_selatan"), {**IDENT,
        ("KPM", "nama", 3): "Siti", ("KPM", "pendidikan", 3): "SMA", ("KPM", "warga_setempat", 3): "ya",
        ("KPM", "mulai_bertugas", 3): "15/03/2024",
        ("KPM", "nama", 4): "Budi", ("KPM", "pendidikan", 4): "sd", ("KPM", "warga_setempat", 4): "tidak",
        ("Perencanaan", "@ada", 7): "tidak ada",          # row 7: the rembuk stunting (template order)
        ("Laporan tahunan", "laporan_tahunan", 0): "tidak ada",
    })
    d = load_dossier(book)
    assert d.name == "Sukamaju" and str(d.as_of) == "2025-01-31"
    assert [(k["nama"], k["pendidikan"], k["warga_setempat"]) for k in d.data["kpm"]] == \
        [("Siti", "sma", True), ("Budi", "sd", False)]
    assert str(d.data["kpm"][0]["mulai_bertugas"]) == "2024-03-15"
    assert d.data["perencanaan"]["rembuk_stunting"] is False
    assert d.data["laporan_tahunan"] is False
    capsys.readouterr()
    code, doc, _ = _check_json(capsys, str(book))
    fs = {f["rule"]: f for f in doc["results"][0]["findings"]}
    assert fs["oku_selatan.kpm.pendidikan_minimal"]["status"] == "tidak_patuh"      # Budi: SD < SMP (Ps 21 d)
    assert code == 1


@pytest.mark.parametrize("cells,where,words", [
    ({("APB", "apb.total_belanja", 0): "banyak"}, "[APB] baris", "teks 'banyak' di kolom angka"),
    ({("KPM", "nama", 3): "Siti", ("KPM", "pendidikan", 3): "kuliah"}, "[KPM] baris 3 kolom", "'kuliah' bukan pilihan"),
    ({("KPM", "nama", 3): "Siti", ("KPM", "mulai_bertugas", 3): "31/02/2024"}, "[KPM] baris 3 kolom",
     "bukan tanggal yang ada"),
    ({("KPM", "nama", 3): "Siti", ("KPM", "warga_setempat", 3): "mungkin"}, "[KPM] baris 3 kolom", "bukan ya/tidak"),
    ({("KPM", "@ada", 3): "tidak ada", ("KPM", "nama", 4): "Siti"}, "[KPM] baris 4 kolom A",
     "bertentangan dengan baris 3"),
    ({("KPM", "nama", 3): "Siti", ("KPM pengalaman", "@induk", 3): "Sitti", ("KPM pengalaman", "jenis", 3): "posyandu"},
     "[KPM pengalaman] baris 3 kolom A", "'Sitti' tidak ada di lembar KPM"),
    ({("RKP", "rkp", 0): "tidak ada", ("RKP", "rkp.tahun", 0): 2025}, "[RKP] baris", "dinyatakan 'tidak ada'"),
])
def test_bad_cells_are_located_by_sheet_row_and_column(tmp_path, capsys, cells, where, words):
    book = _fill(_template(tmp_path, "oku_selatan"), {**IDENT, **cells})
    code = main(["check", str(book)])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err
    assert where in out and words in out, out


def test_workbook_read_back_as_yaml(tmp_path, capsys):
    book = tmp_path / "isian.xlsx"
    src = "rules/oku_selatan/contoh/melanggar.yaml"
    assert main(["dosir", "template", "--pack", "oku_selatan", "--dari", src, "-o", str(book)]) == 0
    capsys.readouterr()
    assert main(["dosir", "baca", str(book)]) == 0
    import yaml
    back = yaml.safe_load(capsys.readouterr().out)
    assert back["perencanaan"]["kampanye"] == []            # an explicit "none" survives the workbook
    assert "musyawarah_pembentukan" not in back["rumah_sehat"]   # and so does "not recorded"


def test_template_refuses_to_overwrite(tmp_path, capsys):
    book = _template(tmp_path)
    assert main(["dosir", "template", "--pack", "sorong", "-o", str(book)]) == 2
    assert "sudah ada" in capsys.readouterr().err


# ------------------------------------------------------------------ YAML/JSON written the same way
def _yaml(tmp_path, text):
    f = tmp_path / "d.yaml"
    f.write_text("identitas: {nama: X, jenis: desa, tahun: 2024, kabupaten: Kabupaten Ogan Komering Ulu Selatan}\n"
                 + text, encoding="utf-8")
    return f


def test_yaml_accepts_ya_tidak_dates_tidak_ada_and_capitals(tmp_path):
    d = load_dossier(_yaml(tmp_path, "kpm:\n  - {nama: A, warga_setempat: ya, pendidikan: SMA, mulai_bertugas: 15/03/2024}\n"
                                     "  - {nama: B, warga_setempat: Tidak, mulai_bertugas: 2 Januari 2024}\n"
                                     "perencanaan: {rembuk_stunting: tidak ada}\n"))
    a, b = d.data["kpm"]
    assert (a["warga_setempat"], a["pendidikan"], str(a["mulai_bertugas"])) == (True, "sma", "2024-03-15")
    assert (b["warga_setempat"], str(b["mulai_bertugas"])) == (False, "2024-01-02")
    assert d.data["perencanaan"]["rembuk_stunting"] is False


@pytest.mark.parametrize("text,words", [
    ("kpm:\n  - {nama: A, warga_setempat: mungkin}\n", "3:31: kpm[0].warga_setempat: 'mungkin' bukan ya/tidak"),
    ("kpm:\n  - {nama: A, mulai_bertugas: 31/02/2024}\n", "kpm[0].mulai_bertugas: '31/02/2024' bukan tanggal yang ada"),
    ("kpm:\n  - {nama: A, mulai_bertugas: 2024/03/15}\n", "bukan tanggal; tulis YYYY-MM-DD, DD/MM/YYYY"),
])
def test_yaml_other_spellings_get_a_located_message(tmp_path, capsys, text, words):
    code = main(["check", str(_yaml(tmp_path, text))])
    out = capsys.readouterr().out
    assert code == 2 and words in out, out


def test_the_readmes_three_commands(tmp_path, capsys):
    """Empty workbook -> filled by the auditor -> printable report and draft temuan (README, docs/panduan.md)."""
    import docx
    book = _fill(_template(tmp_path, "sorong"), {**IDENT, ("KPM", "nama", 3): "Yohana", ("KPM", "pendidikan", 3): "smp"})
    html, temuan = tmp_path / "laporan.html", tmp_path / "temuan.docx"
    assert main(["check", str(book), "--format", "html", "-o", str(html)]) == 1
    assert main(["check", str(book), "--format", "docx", "-o", str(temuan)]) == 1
    page = html.read_text(encoding="utf-8")
    assert "Kampung Sukamaju" in page and "Pasal 29 huruf d" in page     # Sorong: KPM minimal SLTA (Ps 29 d)
    doc = docx.Document(temuan)
    heads = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert any("KPM" in h and "SLTA" in h for h in heads), heads
