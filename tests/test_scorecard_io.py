"""Scorecard input and output: XLSX round trip, YAML/JSON records, the template, the CLI, indicator files."""
import csv
import json
from pathlib import Path

import openpyxl
import pytest

from aturan.cli import main
from aturan.errors import AturanError
from aturan.scorecard.compute import compute
from aturan.scorecard.indicators import load_indicators
from aturan.scorecard.readers import template_columns
from aturan.scorecard.template import write_template

FIX = Path(__file__).parent / "fixtures" / "scorecard"
KECIL = FIX / "kecil.csv"
ROOT = Path(__file__).resolve().parents[1]


def figures(result):
    out = []
    for v in result.villages:
        for key, p in v.periods.items():
            out.append((v.desa, key, p.rumah_tangga, p.ibu_hamil, p.kek_resti, p.anak_0_23, p.gizi_bermasalah,
                        tuple(sorted((str(k), n) for k, n in p.tikar.items())),
                        tuple((s.indicator.id, s.received, s.not_applicable, s.targets) for s in p.indicators)))
    return out


def kecil_to_xlsx(path: Path) -> None:
    """The fixture as a workbook with one sheet per form (no 'formulir' column, a title row on top)."""
    with open(KECIL, encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    head, body = rows[0], rows[1:]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for form, title in (("2a", "Ibu Hamil"), ("2b", "Anak 0-23")):
        ws = wb.create_sheet(title)
        ws.append([f"Formulir {form} — pemantauan bulanan"])   # a title line above the header
        cols = [c for c in head if c != "formulir"]
        ws.append(cols)
        for r in body:
            if r[0] != form:
                continue
            rec = dict(zip(head, r))
            ws.append([_typed(c, rec[c]) for c in cols])
    wb.save(path)


def _typed(col, value):
    import datetime as dt
    if value == "":
        return None
    if col in ("tahun", "bulan") or value.isdigit():
        return int(value)
    if col in ("tanggal_lahir", "hpl", "tanggal_melahirkan") and value[:4].isdigit() and value != "2024-02-30":
        return dt.datetime.fromisoformat(value)   # a real spreadsheet date cell
    return value


def test_xlsx_round_trip_gives_the_csv_figures(tmp_path):
    xlsx = tmp_path / "pemantauan.xlsx"
    kecil_to_xlsx(xlsx)
    a = compute([str(KECIL)])
    b = compute([str(xlsx)])
    assert not b.errors
    assert figures(a) == figures(b)
    assert (b.rows_read, b.rows_used, b.rows_rejected) == (17, 12, 5)
    # rejections name the sheet and the sheet's own row number (header on row 2)
    r = next(x for x in b.rejections if "25 bulan" in x.reason)
    assert (r.sheet, r.row, r.column) == ("Anak 0-23", 7, "tanggal_lahir")
    assert str(r).startswith(f"{xlsx}[Anak 0-23]:7: kolom tanggal_lahir:")


def test_yaml_and_json_records(tmp_path):
    y = tmp_path / "catatan.yaml"
    y.write_text(
        "desa: Contoh\ntahun: 2024\n"
        "2a:\n"
        "  - {bulan: 1, no_register: K1, status_kehamilan: kek, periksa_kehamilan: Y, pil_fe: 30,\n"
        "     konseling_gizi: Y, kunjungan_rumah: Y, air_bersih: Y, jamban: Y, jaminan_kesehatan: Y}\n"
        "  - {bulan: 2, no_register: K1, status_kehamilan: kek, periksa_kehamilan: 'T', pil_fe: 'x',\n"
        "     konseling_gizi: Y, kunjungan_rumah: Y, air_bersih: Y, jamban: Y, jaminan_kesehatan: Y}\n"
        "  - {bulan: 14, no_register: K2}\n", encoding="utf-8")
    r = compute([str(y)])
    assert (r.rows_read, r.rows_used, r.rows_rejected) == (3, 2, 1)
    # the rejection points at the line of the bad item in the YAML file
    assert (r.rejections[0].sheet, r.rejections[0].row, r.rejections[0].column) == ("2a", 8, "bulan")
    p = r.villages[0].periods["tahun"]
    # K1 pregnant 2 months: periksa 1*9 >= 2*4 Y; pil 30*9 >= 2*90 Y; nifas TS (not delivered, and the
    # cells are empty -> T, but `when` is false); konseling Y; kunjungan 2 of 2 Y; air, jamban, jkn Y
    assert (p.groups[0].received, p.groups[0].expected) == (7, 7)
    j = tmp_path / "catatan.json"
    j.write_text(json.dumps([{"formulir": "2a", "desa": "Contoh", "tahun": 2024, "bulan": 1, "no_register": "K1",
                              "periksa_kehamilan": "Y"}]), encoding="utf-8")
    assert compute([str(j)]).records_used == 1


def test_template_is_laid_out_like_the_forms_and_reads_back(tmp_path):
    ind = load_indicators()
    t = tmp_path / "templat.xlsx"
    write_template(t, ind)
    wb = openpyxl.load_workbook(t)
    assert wb.sheetnames == ["Petunjuk", "2a Ibu Hamil", "2b Anak 0-23 Bulan", "2c Anak 2-6 Tahun",
                             "1 Ketersediaan Layanan"]
    # every template column is a property of the record schema
    schema = json.loads((ROOT / "src/aturan/schemas/monitoring.schema.json").read_text(encoding="utf-8"))
    assert all(c in schema["properties"] for f in ("2a", "2b", "2c") for c in template_columns(ind, f))
    ws = wb["2a Ibu Hamil"]
    # two header rows as on Formulir 2a: the group over its columns, single titles over both rows
    assert [c.value for c in ws[1]][8:11] == ["Usia Kehamilan dan Persalinan", None, "Status Penerimaan Indikator"]
    assert [c.value for c in ws[2]][8:11] == ["Usia kehamilan (bulan)", "Tanggal Melahirkan (tgl/bln/th)",
                                               "Pemeriksaan Kehamilan"]
    assert {"I1:J1", "D1:D2"} <= {str(r) for r in ws.merged_cells.ranges}
    # drop-down lists for the coded columns
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"normal,KEK,Resti,KEK/Resti"' in lists and '"Y,T,TS"' in lists
    ws = wb["2b Anak 0-23 Bulan"]
    ws.cell(row=3, column=1, value="Contoh")
    for k, v in enumerate([2024, 3, "K9", "Adi", None, "L", "2024-01-05", "normal", None, "H"] + ["Y"] * 10, start=2):
        ws.cell(row=3, column=k, value=v)
    wb.save(t)
    r = compute([str(t)])
    assert not r.errors and r.records_used == 1 and not r.rejections
    assert r.villages[0].periods["tahun"].groups[1].received == 9   # kunjungan rumah TS: not malnourished


def test_indicator_file_params_are_data(tmp_path):
    text = (ROOT / "src/aturan/data/indikator_konvergensi.yaml").read_text(encoding="utf-8")
    # Budi had 1 antenatal check in 3 pregnant months; with a minimum of 1 check he passes
    f = tmp_path / "ind.yaml"
    f.write_text(text.replace("params: {kali_minimal: 4, bulan_kehamilan: 9}\n    when: bulan_hamil > 0\n"
                              "    require: >-\n      periksa_kehamilan",
                              "params: {kali_minimal: 1, bulan_kehamilan: 9}\n    when: bulan_hamil > 0\n"
                              "    require: >-\n      periksa_kehamilan", 1), encoding="utf-8")
    r = compute([str(KECIL)], indicators=load_indicators(f))
    s = {x.indicator.id: x for x in r.villages[0].periods["tahun"].indicators}
    assert s["ibu_hamil.periksa_kehamilan"].received == 2


def test_indicator_expression_errors_are_located(tmp_path):
    f = tmp_path / "ind.yaml"
    f.write_text(
        "groups:\n  ibu_hamil: {form: 2a, label: Ibu hamil}\n"
        "indicators:\n"
        "  - id: ibu_hamil.periksa\n    group: ibu_hamil\n    number: 1\n    column: periksa_kehamilan\n"
        "    label: Periksa\n    require: periksa_kehamilan.jumlh >= 4\n", encoding="utf-8")
    with pytest.raises(AturanError) as e:
        load_indicators(f)
    msg = str(e.value)
    assert f"{f}:9:" in msg and "jumlh" in msg


# ------------------------------------------------------------------ CLI
def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exit_1_when_rows_rejected(capsys):
    code, out, err = run(capsys, "scorecard", str(KECIL))
    assert code == 1
    assert "Total tingkat konvergensi desa  23" in out
    assert "ditolak 5" in out and "catatan ganda" in out


def test_cli_quarter_json_and_csv(capsys):
    code, out, err = run(capsys, "scorecard", str(KECIL), "--quarter", "1", "--format", "json")
    assert code == 1
    d = json.loads(out)
    k1 = d["desa"][0]["periode"]["K1"]
    assert k1["tabel4"]["kelompok"][0]["diterima"] == 9 and k1["tabel4"]["kelompok"][0]["seharusnya"] == 13
    assert {s["no_register"] for s in k1["sasaran"]} == {"KIA-01", "KIA-02", "KIA-03"}
    assert d["baris"] == {"dibaca": 17, "dipakai": 12, "ditolak": 5} and len(d["ditolak"]) == 5
    code, out, _ = run(capsys, "scorecard", str(KECIL), "--format", "csv")
    rows = list(csv.reader(out.splitlines()))
    assert ["", "Contoh", "tahun", "tabel4", "total", "persen", "71.88"] in rows


def test_cli_unusable_input_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "scorecard", str(tmp_path / "tidak_ada.csv"))
    assert code == 2 and "tidak ditemukan" in err
    bad = tmp_path / "semua_salah.csv"
    bad.write_text("desa,tahun,bulan,no_register,status_kehamilan\nX,2024,13,K1,normal\n", encoding="utf-8")
    code, _, err = run(capsys, "scorecard", str(bad))
    assert code == 2 and "tidak ada baris pemantauan yang dapat dipakai" in err
    code, _, err = run(capsys, "scorecard", str(KECIL), "--format", "xlsx")
    assert code == 2 and "--output" in err


def test_cli_template_and_xlsx_refuse_to_overwrite(capsys, tmp_path):
    t = tmp_path / "t.xlsx"
    assert run(capsys, "scorecard", "--template", str(t))[0] == 0 and t.exists()
    code, _, err = run(capsys, "scorecard", "--template", str(t))
    assert code == 2 and "--force" in err
    assert run(capsys, "scorecard", "--template", str(t), "--force")[0] == 0
    code, out, _ = run(capsys, "scorecard", "--template", "-")
    assert out.startswith("formulir,desa,tahun,bulan,no_register,nama,rumah_tangga,")
    x = tmp_path / "f4.xlsx"
    assert run(capsys, "scorecard", str(KECIL), "--format", "xlsx", "-o", str(x))[0] == 1 and x.exists()
    rej = tmp_path / "ditolak.csv"
    run(capsys, "scorecard", str(KECIL), "--ditolak", str(rej))
    assert len(rej.read_text(encoding="utf-8").splitlines()) == 1 + 5
