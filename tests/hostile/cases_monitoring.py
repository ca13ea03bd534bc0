"""Monitoring files (aturan scorecard, check --monitoring): broken, malicious or simply not what they say.

Every input is generated when the case runs. Exit codes: 1 = the scorecard was computed but rows were
rejected (each listed with file, sheet, row); 2 = the input cannot be used (nothing computed).
"""
from __future__ import annotations

import os
from pathlib import Path

from monitoring_files import billion_laughs, workbook, zip_bomb

from .runner import Hostile

HEAD = ("desa,tahun,bulan,no_register,nama,rumah_tangga,status_kehamilan,hpl,usia_kehamilan,tanggal_melahirkan,"
        "periksa_kehamilan,pil_fe,pemeriksaan_nifas,konseling_gizi,kunjungan_rumah,air_bersih,jamban,"
        "jaminan_kesehatan")


def row(bulan: int, reg: str, desa: str = "Sukamaju", nama: str = "Siti") -> str:
    return f"{desa},2024,{bulan},{reg},{nama},,normal,,5,,Y,Y,TS,Y,TS,Y,Y,Y"


GOOD = "\n".join([HEAD, row(1, "K1"), row(2, "K1"), row(3, "K2")]) + "\n"
QUOTE = "\n".join([HEAD, row(1, "K1"), row(2, "K1", nama='"Siti'), row(3, "K2"), row(4, "K2")]) + "\n"
WIDE = "\n".join([HEAD, row(1, "K1"), row(2, "K1") + ",Y", row(3, "K2")]) + "\n"
NARROW = "\n".join([HEAD, row(1, "K1"), row(2, "K1").rsplit(",", 2)[0], row(3, "K2")]) + "\n"
LONG = "\n".join([HEAD, row(1, "K1", nama='"' + "x" * 200_000 + '"'), row(2, "K1")]) + "\n"
NO_VILLAGE = "\n".join([HEAD, row(1, "K1"), row(2, "K2", desa=""), row(3, "K3", desa="Lain")]) + "\n"


def _cells(text: str) -> list[list]:
    return [[int(c) if c.isdigit() else (c or None) for c in line.split(",")] for line in text.strip().splitlines()]


def _merged_down(d: Path) -> None:
    rows = _cells(GOOD)
    rows[2][0] = rows[3][0] = None
    workbook(d / "gabung.xlsx", rows, merges=["A2:A4"])


SC = "scorecard"
CASES = [
    Hostile("csv: tanda kutip tidak ditutup", (SC, "{dir}/p.csv"), 1, "tanda kutip", files={"p.csv": QUOTE}),
    Hostile("csv: baris lebih lebar dari judul", (SC, "{dir}/p.csv"), 1, "judul kolom hanya", files={"p.csv": WIDE}),
    Hostile("csv: baris lebih sempit dari judul", (SC, "{dir}/p.csv"), 1, "baris hanya berisi",
            files={"p.csv": NARROW}),
    Hostile("csv: sel melebihi batas modul csv", (SC, "{dir}/p.csv"), 1, "131.072", files={"p.csv": LONG}),
    Hostile("csv: UTF-16 dengan BOM dibaca", (SC, "{dir}/p.csv"), 0, "UTF-16", files={"p.csv": GOOD.encode("utf-16")}),
    Hostile("csv: UTF-16 tanpa BOM dibaca", (SC, "{dir}/p.csv"), 0, "UTF-16 (tanpa BOM)",
            files={"p.csv": GOOD.encode("utf-16-le")}),
    Hostile("csv: Windows-1252 dibaca", (SC, "{dir}/p.csv"), 0, "Windows-1252",
            files={"p.csv": GOOD.replace("Siti", "Sití").encode("cp1252")}),
    Hostile("csv: pengodean tak dikenal", (SC, "{dir}/p.csv"), 2, "pengodean karakter",
            files={"p.csv": HEAD.encode() + b"\n\x81\x8d,2024\n"}),
    Hostile("csv: berkas biner", (SC, "{dir}/p.csv"), 2, "biner", files={"p.csv": b"\x00\x01\x02\xff" * 64}),
    Hostile("csv: baris tanpa nama desa di antara desa bernama", (SC, "{dir}/p.csv"), 1, "nama desa kosong",
            files={"p.csv": NO_VILLAGE}),
    Hostile("xlsx: sel gabungan ke bawah dibaca", (SC, "{dir}/gabung.xlsx"), 0, "sel gabungan A2:A4", make=_merged_down),
    Hostile("xlsx: sel gabungan melintasi kolom", (SC, "{dir}/gabung.xlsx"), 1, "sel gabungan K3:L3",
            make=lambda d: workbook(d / "gabung.xlsx", _cells(GOOD), merges=["K3:L3"])),
    Hostile("xlsx: sejuta baris kosong", (SC, "{dir}/jarang.xlsx"), 2, "1.048.576 baris", make=lambda d: workbook(d / "jarang.xlsx", _cells(GOOD), cell=(1_048_576, 3, "x")), seconds=10),
    Hostile("xlsx: sel di kolom XFD", (SC, "{dir}/lebar.xlsx"), 2, "16.384 kolom", make=lambda d: workbook(d / "lebar.xlsx", _cells(GOOD), cell=(2, 16_384, "x")), seconds=10),
    Hostile("xlsx: bom zip", (SC, "{dir}/bom.xlsx"), 2, "bom zip", make=lambda d: zip_bomb(d / "bom.xlsx"), seconds=10),
    Hostile("xlsx: bukan arsip ZIP", (SC, "{dir}/x.xlsx"), 2, "bukan berkas Excel", files={"x.xlsx": "a,b\n"}),
    Hostile("yaml: billion laughs", (SC, "{dir}/lol.yaml"), 2, "alias YAML", files={"lol.yaml": billion_laughs()},
            seconds=10),
    Hostile("pipa bernama sebagai berkas", (SC, "{dir}/pipa.csv"), 2, "pipa bernama",
            make=lambda d: os.mkfifo(d / "pipa.csv"), seconds=10),
    Hostile("folder sebagai berkas pemantauan", (SC, "{dir}"), 2, "ini folder"),
    Hostile("perangkat sebagai berkas", (SC, "/dev/zero"), 2, "perangkat", seconds=10),
    Hostile("berkas melebihi batas ukuran", (SC, "{dir}/p.csv"), 2, "berkas terlalu besar", files={"p.csv": GOOD},
            env={"ATURAN_MAX_SIZE_MB": "0.0001"}),
    Hostile("berkas melebihi --max-size", (SC, "{dir}/p.csv", "--max-size", "0.0001"), 2, "--max-size MB",
            files={"p.csv": GOOD}),
    Hostile("scorecard --tahun 0", (SC, "{dir}/p.csv", "--tahun", "0"), 2, "tahun 0 di luar 2000-2100",
            files={"p.csv": GOOD}),
    Hostile("scorecard --tahun 99999", (SC, "{dir}/p.csv", "--tahun", "99999"), 2, "di luar 2000-2100",
            files={"p.csv": GOOD}),
    Hostile("scorecard --bulan 13", (SC, "{dir}/p.csv", "--bulan", "13"), 2, "bulan 13 di luar 1-12",
            files={"p.csv": GOOD}),
    Hostile("scorecard --kuartal 5", (SC, "{dir}/p.csv", "--kuartal", "5"), 2, "kuartal 5 di luar 1-4",
            files={"p.csv": GOOD}),
    Hostile("scorecard --desa kosong", (SC, "{dir}/p.csv", "--desa", ""), 2, "nama tidak boleh kosong",
            files={"p.csv": GOOD}),
    Hostile("scorecard --cara-hitung tak dikenal", (SC, "{dir}/p.csv", "--cara-hitung", "bebas"), 2, "cara-hitung",
            files={"p.csv": GOOD}),
]
