"""The working paper (check --format xlsx), read back with openpyxl as an auditor's Excel would show it."""
import dataclasses

import openpyxl
import pytest

from aturan.cli import main
from aturan.engine import evaluate
from aturan.loader import dossier_from_data, load_dossier
from aturan.report.xlsx import COLUMNS, HEADER_ROW, render_xlsx

from test_report import NATURAL, shuffled_report


def _read(data: bytes, tmp_path):
    f = tmp_path / "kkp.xlsx"
    f.write_bytes(data)
    return openpyxl.load_workbook(f)


def _rows(ws):
    return [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if isinstance(r[0], int)]


def test_one_row_per_obligation_in_article_order(mini_pack, fixtures, tmp_path):
    rep = shuffled_report(mini_pack, fixtures)
    wb = _read(render_xlsx([rep], []), tmp_path)
    assert wb.sheetnames == ["Ringkasan", "Desa Sukamundur", "Catatan"]
    ws = wb["Desa Sukamundur"]
    assert [c.value for c in ws[HEADER_ROW]] == [c for c, _ in COLUMNS]
    rows = _rows(ws)
    assert [r[1] for r in rows] == NATURAL
    assert [r[0] for r in rows] == list(range(1, 8))
    assert ws.freeze_panes == f"C{HEADER_ROW + 1}"
    assert ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:N")
    assert all(ws.cell(row=HEADER_ROW + 1, column=c).alignment.wrap_text for c in range(1, len(COLUMNS) + 1))
    assert ws.column_dimensions["H"].width >= 50          # Bukti: room for the full evidence


def test_full_evidence_status_colour_and_auditor_columns(mini_pack, tmp_path):
    long_name = "Nurhayati binti Abdul Rahman Syamsuddin, Kader Posyandu Melati Dusun Sungai Rotan Ilir | Ketua"
    data = {"identitas": {"nama": "Sukamaju", "jenis": "desa", "kabupaten": "Kabupaten Uji", "tahun": 2024,
                          "tanggal_data": "2025-01-31", "kecamatan": "Kecamatan Uji"},
            "kpm": [{"nama": long_name, "pendidikan": "sd"}, {"nama": "Budi"}],
            "perencanaan": {"rembuk_stunting": {"tanggal": "2024-06-10"}}}
    rep = evaluate(mini_pack, dossier_from_data(data, "d.yaml"))
    wb = _read(render_xlsx([rep], []), tmp_path)
    ws = wb["Desa Sukamaju"]
    assert ws["A2"].value == "Desa Sukamaju, Kecamatan Uji, Kabupaten Uji — tahun 2024"
    assert "Dinilai per 31 Januari 2025" in ws["A3"].value
    header = [c.value for c in ws[HEADER_ROW]]
    rows = {r[1]: dict(zip(header, r)) for r in _rows(ws)}
    kpm = rows["Pasal 1 huruf d"]
    assert long_name in kpm["Bukti"] and "…" not in kpm["Bukti"]        # never cut
    assert kpm["Status"] == "Tidak patuh" and kpm["Tingkat"] == "tinggi"
    assert kpm["Fakta yang tidak tersedia"] == "kpm[1].pendidikan"
    assert kpm["Kutipan pasal"] == "pendidikan minimal Sekolah Menengah Pertama/sederajat"
    assert (kpm["Dokumen sumber"], kpm["Catatan auditor"], kpm["Tindak lanjut"]) == (None, None, None)
    rembuk = rows["Pasal 2 ayat (1)"]
    assert rembuk["Status"] == "Tidak dapat dinilai"
    assert "perencanaan.musyawarah_perencanaan" in rembuk["Fakta yang tidak tersedia"]
    assert "10 Juni 2024" in rembuk["Bukti"]                             # Indonesian dates
    fills = {r[1]: ws.cell(row=i, column=5).fill.fgColor.rgb for i, r in
             enumerate(ws.iter_rows(min_row=1, values_only=True), 1) if isinstance(r[0], int) and i > HEADER_ROW}
    assert fills["Pasal 1 huruf d"].endswith("F8CBAD") and fills["Pasal 2 ayat (1)"].endswith("FFE699")


def test_summary_counts_and_topics(mini_pack, fixtures, tmp_path):
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml"))
    wb = _read(render_xlsx([rep], []), tmp_path)
    ws = wb["Ringkasan"]
    head = [c.value for c in ws[5]]
    row = dict(zip(head, [c.value for c in ws[6]]))
    # mini_melanggar: KPM education and quarterly meetings violated, rembuk not assessable (hand count)
    assert (row["Tidak patuh"], row["Tidak dapat dinilai"], row["Patuh"], row["Jumlah kewajiban"]) == (2, 1, 0, 3)
    topics = {r[0]: r for r in ws.iter_rows(min_row=9, values_only=True) if r[0]}
    assert topics["Kader Pembangunan Manusia (KPM)"][1] == 1        # one tidak patuh
    assert topics["Rembuk stunting"][2] == 1                        # one tidak dapat dinilai


def test_several_dossiers_give_a_rekap_and_one_sheet_each(tmp_path, capsys):
    out = tmp_path / "kkp.xlsx"
    files = ["rules/oku_selatan/contoh/melanggar.yaml", "rules/sorong/contoh/melanggar.yaml"]
    code = main(["check", "--format", "xlsx", "-o", str(out), *files])
    assert code == 1
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Rekap" and wb.sheetnames[-1] == "Catatan" and len(wb.sheetnames) == 4
    rekap = wb["Rekap"]
    head = [c.value for c in rekap[5]]
    lines = [dict(zip(head, [c.value for c in r])) for r in rekap.iter_rows(min_row=6, max_row=8)]
    assert [x["Nama"] for x in lines] == ["Desa Tanjung Baru Contoh", "Kampung Pelita Contoh", "Jumlah"]
    for sheet, line in zip(wb.sheetnames[1:3], lines):
        own, _ = _sections(wb[sheet])
        assert line["Tidak patuh"] == [r[4] for r in own].count("Tidak patuh") > 0
        assert line["Jumlah kewajiban"] == len(own)
    assert lines[2]["Tidak patuh"] == lines[0]["Tidak patuh"] + lines[1]["Tidak patuh"]


def _sections(ws):
    """(the village's own rows, the rows below the 'KEWAJIBAN PIHAK LAIN' line)."""
    own, outside, below = [], [], False
    for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if isinstance(r[0], str) and r[0].startswith("KEWAJIBAN PIHAK LAIN"):
            below = True
        elif isinstance(r[0], int):
            (outside if below else own).append(r)
    return own, outside


def test_outside_parties_listed_apart(mini_pack, fixtures, tmp_path):
    rep = evaluate(mini_pack, load_dossier(fixtures / "dossiers" / "mini_melanggar.yaml"))
    camat = dataclasses.replace(rep.findings[0], rule=dataclasses.replace(rep.findings[0].rule, id="mini.camat",
                                                                          subject="camat"))
    rep = dataclasses.replace(rep, findings=rep.findings + (camat,))
    wb = _read(render_xlsx([rep], []), tmp_path)
    ws = wb["Desa Sukamundur"]
    own, outside = _sections(ws)
    assert [r[4] for r in outside] == ["Tidak patuh"] and len(own) == 3
    assert wb["Ringkasan"].cell(row=6, column=7).value == 2       # still two village violations counted


@pytest.mark.parametrize("name,taken,expected", [("Desa A/B: C?", set(), "Desa A B  C"),
                                                 ("X" * 40, {"X" * 31}, "X" * 27 + " (2)")])
def test_sheet_names_are_valid(name, taken, expected):
    from aturan.report.xlsx import sheet_name
    assert sheet_name(name, set(taken)) == expected


def test_summary_counts_per_bab_of_the_regulation(tmp_path):
    # OKU Selatan's text (rules/oku_selatan/teks/naskah.txt): BAB I Pasal 1-3, BAB II Pasal 4-5, BAB III
    # Pasal 6-25, BAB IV Pasal 26-46, BAB V Pasal 47, BAB VI Pasal 48, BAB VII Pasal 49
    chapters = [(1, "BAB I KETENTUAN UMUM"), (4, "BAB II KEWENANGAN DAN TANGGUNG JAWAB DESA"),
                (6, "BAB III KONVERGENSI PENCEGAHAN STUNTING"), (26, "BAB IV TAHAPAN KONVERGENSI PENCEGAHAN STUNTING"),
                (47, "BAB V"), (48, "BAB VI"), (49, "BAB VII")]
    out = tmp_path / "kkp.xlsx"
    assert main(["check", "--format", "xlsx", "-o", str(out), "rules/oku_selatan/contoh/melanggar.yaml"]) == 1
    wb = openpyxl.load_workbook(out)
    own, _ = _sections(wb[wb.sheetnames[1]])
    expected: dict[str, dict[str, int]] = {}
    for r in own:                                   # count the village sheet's rows by the Pasal they cite
        pasal = int(r[1].split()[1])
        bab = [name for first, name in chapters if first <= pasal][-1]
        expected.setdefault(bab, {}).setdefault(r[4], 0)
        expected[bab][r[4]] += 1
    ws = wb["Ringkasan"]
    start = next(c.row for c in ws["A"] if c.value == "Per BAB peraturan (semua unit)") + 1
    head = [c.value for c in ws[start] if c.value]         # BAB, the five statuses, Jumlah
    got = {}
    for r in ws.iter_rows(min_row=start + 1, values_only=True):
        if not r[0]:
            break
        got[r[0]] = {h: v for h, v in zip(head[1:-1], r[1:len(head) - 1]) if v}
        assert r[len(head) - 1] == sum(got[r[0]].values())
    assert list(got) == [name for _, name in chapters if name in got]        # in the text's order
    assert {b: got[b] for b in got} == {b: expected[b] for b in got} and set(got) == set(expected)
