"""XLSX monitoring rows as the village's software writes them: OpenSID (OpenSpout, inline strings) and Excel
(shared strings, dates under a date style) give the scorecards of the same rows in CSV, and every rejected
row is located at the row Excel shows."""
from __future__ import annotations

import datetime as dt

import pytest

from aturan.scorecard.compute import compute
from monitoring_files import workbook
from xlsx_raw import write_xlsx

HEADER = ["desa", "tahun", "bulan", "no_register", "hpl", "periksa_kehamilan", "pil_fe", "kunjungan_rumah"]


def rows(dates_as_dates: bool) -> list[list]:
    out = []
    for v in range(3):
        for t in range(4):
            hpl = dt.date(2024, 6 + t, 10 + v)
            for m in range(1, 13):
                out.append([f"Desa & {v} <{v}>", 2024, m, f"K{v}-{t}", hpl if dates_as_dates else hpl.isoformat(),
                            "Y" if (v + t + m) % 3 else "T", 30 if m % 2 else "Y", "T" if m % 4 else "Y"])
    out[17][2] = "Maretz"        # a month that is no month: row 19 of every file is rejected
    return out


def figures(r) -> list:
    return [(v.desa, key, p.total_received, p.total_expected, p.ibu_hamil,
             [(i.indicator.id, i.received, i.not_applicable, i.targets) for i in p.indicators])
            for v in r.villages for key, p in v.periods.items()]


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_opensid_and_excel_workbooks_give_the_scorecards_of_the_csv(tmp_path, engine):
    csv_path = tmp_path / "ibu_hamil.csv"
    text_rows = rows(False)
    csv_path.write_text("\n".join(",".join(f'"{c}"' for c in r) for r in [HEADER, *text_rows]) + "\n", encoding="utf-8")
    opensid = write_xlsx(tmp_path / "opensid.xlsx", {"2a": [HEADER, *text_rows]})                # inline strings
    excel = write_xlsx(tmp_path / "excel.xlsx", {"2a": [HEADER, *rows(True)]}, shared=True)      # dates as dates
    results = [compute([str(f)], engine=engine) for f in (csv_path, opensid, excel)]
    for r in results:
        assert not r.errors
        assert [(x.row, x.column) for x in r.rejections] == [(19, "bulan")]
        assert r.records_used == 3 * 4 * 12 - 1
    assert figures(results[0]) == figures(results[1]) == figures(results[2])
    assert results[0].villages[0].desa == "Desa & 0 <0>"     # entities read back as the text written


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_table_below_empty_rows_is_located_at_its_own_rows(tmp_path, engine):
    """Two empty rows above the header: the bad month is on row 5 of the sheet, as Excel shows it (before,
    python-calamine's rows were numbered from the first used row, and the rejection said row 7)."""
    sheet = [[], [], ["desa", "tahun", "bulan", "no_register", "periksa_kehamilan"],
             ["Satu", 2024, 1, "K1", "Y"], ["Satu", 2024, 13, "K2", "Y"]]
    r = compute([str(workbook(tmp_path / "bawah.xlsx", sheet))], engine=engine)
    assert [(x.row, x.column) for x in r.rejections] == [(5, "bulan")]


def test_every_row_with_an_unknown_value_in_a_field_no_indicator_reads_is_counted(tmp_path):
    """Three children with sex 'Q' (no indicator reads jenis_kelamin): all three rows count, and the warning
    says 3 rows (before, the parse was remembered per value and the warning said 1)."""
    f = tmp_path / "anak.csv"
    f.write_text("desa,tahun,bulan,no_register,jenis_kelamin,tanggal_lahir,imunisasi_dasar\n"
                 + "".join(f"A,2024,1,K{i},Q,2023-05-01,Y\n" for i in range(3)) + "A,2024,1,K9,L,2023-05-01,Y\n",
                 encoding="utf-8")
    r = compute([str(f)])
    assert r.rows_used == 4 and not r.rejections
    assert [w.split(": ", 1)[1].split(";")[0] for w in r.warnings if "tidak dikenal" in w] == \
           ["kolom jenis_kelamin: 3 baris berisi nilai yang tidak dikenal (mis. 'Q')"]
