"""Reader for Siskeudes (the village finance system): the APB Desa per kegiatan with bidang and sub-bidang.

Two layouts, recognised by their headers:

* The Siskeudes database tables as CSV, the way OpenSID imports them (OpenSID/OpenSID
  donjo-app/models/Keuangan_model.php at commit 7451345644083f9e4091eca89065ff0e4629b048,
  `$data_siskeudes` and get_csv(): a ZIP holding Ta_Kegiatan.csv, Ta_Bidang.csv, Ref_Desa.csv ...,
  comma separated, header row of column names). Read: Ta_Kegiatan (Tahun, Kd_Desa, Kd_Bid, Kd_Keg,
  Nama_Kegiatan, Pagu, Pagu_PAK, Sumberdana, Kd_Sub), Ta_Bidang (Kd_Bid, Nama_Bidang) and Ref_Desa
  (Kd_Desa, Nama_Desa). The amount is Pagu_PAK when it is not zero (the budget after the change
  of the APB), else Pagu. The ZIP or the CSV files may be given; the CSV files may also sit in a
  workbook, one sheet each.
* A flat "APB Desa per kegiatan" report (CSV/XLSX) with a code, a description and an amount:
  rows coded `2` are a bidang, `2.2` a sub-bidang, `2.2.01` a kegiatan (the numbering of
  Permendagri 20/2018: 1 Penyelenggaraan Pemerintahan Desa, 2 Pelaksanaan Pembangunan Desa,
  3 Pembinaan Kemasyarakatan, 4 Pemberdayaan Masyarakat, 5 Penanggulangan Bencana); deeper codes
  (rekening belanja) are left out, their kegiatan already carries the total. This layout is our
  assumption of how the printed report is exported; docs/scorecard.md lists the headers accepted.

Rows that cannot be used (no name, an amount that is not a number, a kegiatan of an unknown
bidang, a code seen twice) are rejected with file, sheet and row, like monitoring rows.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ...errors import Location
from ...yamlio import load_text
from .base import InputError, Rejection, norm_header, text
from .files import Limits, check_file, csv_table, mb, open_archive, open_raw

NAME = "ekspor Siskeudes"
COMMIT = "7451345644083f9e4091eca89065ff0e4629b048"
TABLES = ("Ta_Kegiatan", "Ta_Bidang", "Ref_Desa")
KEGIATAN_COLS = {"kd_bid", "kd_keg", "nama_kegiatan"}
FLAT = {
    "kode": ("kode", "kode rekening", "kode rek", "kd keg", "kd rek", "no rek"),
    "uraian": ("uraian", "nama kegiatan", "bidang sub bidang kegiatan", "bidang kegiatan", "kegiatan"),
    "jumlah": ("anggaran", "jumlah", "pagu", "anggaran rp", "jumlah rp", "nilai", "pagu anggaran", "anggaran setelah perubahan"),
    "sumber": ("sumber dana", "sumberdana", "sumber"),
}
BIDANG_PERMENDAGRI = {"1": "Bidang Penyelenggaraan Pemerintahan Desa", "2": "Bidang Pelaksanaan Pembangunan Desa",
                      "3": "Bidang Pembinaan Kemasyarakatan", "4": "Bidang Pemberdayaan Masyarakat Desa",
                      "5": "Bidang Penanggulangan Bencana, Keadaan Darurat dan Mendesak Desa"}


@dataclass(frozen=True)
class Kegiatan:
    kode: str
    nama: str
    bidang: str
    sub_bidang: str | None
    jumlah: float
    sumber: str | None
    file: str
    sheet: str | None
    row: int
    desa: str | None = None


@dataclass
class ApbResult:
    kegiatan: list[Kegiatan] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    tahun: int | None = None

    def per_bidang(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for k in self.kegiatan:
            out[k.bidang] = out.get(k.bidang, 0.0) + k.jumlah
        return out

    @property
    def total(self) -> float:
        return sum(k.jumlah for k in self.kegiatan)


_ID = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_EN = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_rupiah(v: Any) -> float | None:
    """36000000, 36000000.00 (database), 36.000.000,00 (Indonesian), 36,000,000 (English); '' or '-' -> None."""
    if isinstance(v, bool):
        raise ValueError(v)
    if isinstance(v, (int, float)):
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError(v)
        return float(v)
    s = text(v).replace("Rp", "").replace("rp", "").replace(" ", "").strip()
    if s in ("", "-"):
        return None
    neg = s.startswith("(") and s.endswith(")")
    s = s.strip("()")
    if _ID.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif _EN.match(s):
        s = s.replace(",", "")
    elif "," in s and "." not in s:
        s = s.replace(",", ".")
    n = float(s)
    if n != n or n in (float("inf"), float("-inf")):
        raise ValueError(v)
    return -n if neg else n


@lru_cache(maxsize=1)
def keywords() -> dict:
    text_ = resources.files("aturan.data").joinpath("kegiatan_stunting.yaml").read_text(encoding="utf-8")
    return load_text(text_, "kegiatan_stunting.yaml").data


def classify(nama: str) -> tuple[bool, str | None, str | None]:
    """(is stunting prevention, package id or None, the word that decided)."""
    low = " " + " ".join(re.findall(r"[a-z0-9.]+", nama.lower())) + " "
    kw = keywords()
    for paket, words in kw["paket"].items():
        for w in words:
            if f" {w} " in low:
                return True, paket, w
    for w in kw["tanpa_paket"]:
        if f" {w} " in low:
            return True, None, w
    return False, None, None


def source_of_funds(code: str | None) -> str | None:
    if not code:
        return None
    return keywords()["sumber"].get(code.strip().upper(), code.strip().lower())


# ------------------------------------------------------------------ reading
def read_apb(paths: list[str], *, desa: str | None = None, tahun: int | None = None,
             limits: Limits | None = None) -> ApbResult:
    """Budget lines from Siskeudes exports; InputError when a file cannot be used at all."""
    limits = limits or Limits.current()
    res = ApbResult(files=list(paths))
    tables: dict[str, list] = {t: [] for t in TABLES}
    flat: list = []
    for path in paths:
        check_file(path, limits)
        for name, head, rows, where in _tables(path, limits):
            kind = _kind(head)
            if kind in tables:
                tables[kind].append((head, rows, where))
            elif kind == "flat":
                flat.append((head, rows, where))
            else:
                res.warnings.append(f"{where[0]}{'[' + where[1] + ']' if where[1] else ''}: bukan tabel APB Siskeudes "
                                    "(judul kolom tidak dikenal); dilewati")
    if tables["Ta_Kegiatan"]:
        _from_database(tables, res, desa, tahun)
    for head, rows, where in flat:
        _from_flat(head, rows, where, res)
    if not res.kegiatan and not res.rejections:
        raise InputError("tidak ada kegiatan APB yang terbaca: berikan Ta_Kegiatan.csv (ekspor Siskeudes) atau "
                         "laporan APB Desa per kegiatan dengan kolom kode, uraian dan anggaran", Location(paths[0]))
    return res


def _tables(path: str, limits: Limits):
    """(table name, header, rows, (file, sheet)) of a ZIP of Siskeudes CSVs, a CSV, or a workbook."""
    p = Path(path)
    if p.suffix.lower() == ".zip":
        yield from _zip_tables(p, limits)
        return
    for raw in open_raw(path, limits):
        rows = iter(raw.rows)
        buffered = []
        for item in rows:
            buffered.append(item)
            if len(buffered) >= 15 or (isinstance(item[1], list) and _kind([text(c) for c in item[1]])):
                break
        at = next((i for i, (_, c) in enumerate(buffered) if isinstance(c, list) and _kind([text(x) for x in c])), 0)
        if not buffered:
            continue
        head = [text(c) for c in buffered[at][1]] if isinstance(buffered[at][1], list) else []

        def rest(buffered=buffered, at=at, rows=rows):
            yield from buffered[at + 1:]
            yield from rows
        yield raw.name or p.stem, head, rest(), (raw.file, raw.name)


def _zip_tables(p: Path, limits: Limits):
    zf = open_archive(p, limits)
    try:
        names = {Path(n).stem.lower(): n for n in zf.namelist() if n.lower().endswith(".csv")}
        if "ta_kegiatan" not in names:
            raise InputError("arsip ZIP ini tidak berisi Ta_Kegiatan.csv (ekspor data Siskeudes)", Location(str(p)))
        for t in TABLES:
            member = names.get(t.lower())
            if member is None:
                continue
            info = zf.getinfo(member)
            if info.file_size > limits.max_bytes:
                raise InputError(f"{member} berukuran {mb(info.file_size)}, melebihi batas", Location(str(p)))
            import tempfile
            with tempfile.TemporaryDirectory() as tmp:
                target = Path(tmp) / f"{t}.csv"
                target.write_bytes(zf.read(member))
                raw = csv_table(target)
                rows = list(raw.rows)
            if not rows:
                continue
            (_, head), rest = rows[0], rows[1:]
            yield t, [text(c) for c in head] if isinstance(head, list) else [], iter(rest), (f"{p}!{member}", None)
    finally:
        zf.close()


def _kind(head: list[str]) -> str | None:
    names = {h.strip().lower() for h in head}
    if KEGIATAN_COLS <= names:
        return "Ta_Kegiatan"
    if {"kd_bid", "nama_bidang"} <= names:
        return "Ta_Bidang"
    if {"kd_desa", "nama_desa"} <= names:
        return "Ref_Desa"
    normed = {norm_header(h) for h in head}
    if all(any(norm_header(a) in normed for a in FLAT[k]) for k in ("kode", "uraian", "jumlah")):
        return "flat"
    return None


def _records(head: list[str], rows, where, res: ApbResult):
    """(row number, {column: cell}) for rows of the header's width; other rows rejected."""
    keys = [h.strip().lower() for h in head]
    width = len(keys)
    for n, cells in rows:
        if not isinstance(cells, list):
            res.rejections.append(Rejection(where[0], where[1], n, None, getattr(cells, "reason", "baris rusak")))
            continue
        while len(cells) > width and cells[-1] in (None, ""):
            cells = cells[:-1]
        if len(cells) != width and where[0].lower().endswith(".csv"):
            res.rejections.append(Rejection(where[0], where[1], n, None,
                                            f"baris berisi {len(cells)} sel, judul kolom {width}; baris tidak dipakai"))
            continue
        yield n, dict(zip(keys, cells))


def _from_database(tables: dict, res: ApbResult, desa: str | None, tahun: int | None) -> None:
    names: dict[str, str] = {}
    for head, rows, where in tables["Ref_Desa"]:
        for _, r in _records(head, rows, where, res):
            names[text(r.get("kd_desa"))] = text(r.get("nama_desa"))
    bidang: dict[tuple[str, str], str] = {}
    for head, rows, where in tables["Ta_Bidang"]:
        for _, r in _records(head, rows, where, res):
            bidang[(text(r.get("kd_desa")), text(r.get("kd_bid")))] = text(r.get("nama_bidang"))
    wanted = None
    if desa:
        key = desa.strip().lower()
        wanted = {k for k, v in names.items() if v.lower() in (key, key.removeprefix("desa ").strip())} | \
            ({desa.strip()} if desa.strip() in names or not names else set())
    seen: set = set()
    for head, rows, where in tables["Ta_Kegiatan"]:
        for n, r in _records(head, rows, where, res):
            kd_desa = text(r.get("kd_desa"))
            if wanted is not None and kd_desa and kd_desa not in wanted:
                continue
            year = text(r.get("tahun"))
            if tahun and year and year != str(tahun):
                res.rejections.append(Rejection(where[0], where[1], n, "Tahun", f"bukan tahun {tahun} yang diminta", year))
                continue
            nama = text(r.get("nama_kegiatan"))
            kd_keg, kd_bid = text(r.get("kd_keg")), text(r.get("kd_bid"))
            if not nama:
                res.rejections.append(Rejection(where[0], where[1], n, "Nama_Kegiatan", "nama kegiatan kosong"))
                continue
            try:
                pak = parse_rupiah(r.get("pagu_pak"))
                pagu = parse_rupiah(r.get("pagu"))
            except ValueError:
                res.rejections.append(Rejection(where[0], where[1], n, "Pagu", "anggaran bukan angka",
                                                text(r.get("pagu"))))
                continue
            amount = pak if pak else pagu
            if amount is None or amount < 0:
                res.rejections.append(Rejection(where[0], where[1], n, "Pagu", "anggaran kosong atau negatif",
                                                text(r.get("pagu"))))
                continue
            if (kd_desa, kd_keg) in seen:
                res.rejections.append(Rejection(where[0], where[1], n, "Kd_Keg", "kode kegiatan ditulis dua kali", kd_keg))
                continue
            seen.add((kd_desa, kd_keg))
            b = bidang.get((kd_desa, kd_bid))
            if b is None and tables["Ta_Bidang"]:
                res.rejections.append(Rejection(where[0], where[1], n, "Kd_Bid", "bidang tidak ada di Ta_Bidang", kd_bid))
                continue
            res.kegiatan.append(Kegiatan(kd_keg, nama, b or kd_bid, text(r.get("kd_sub")) or None, amount,
                                         source_of_funds(text(r.get("sumberdana"))), where[0], where[1], n,
                                         names.get(kd_desa) or kd_desa or None))
            if year and res.tahun is None:
                res.tahun = int(year) if year.isdigit() else None
    villages = {k.desa for k in res.kegiatan}
    if len(villages) > 1:
        raise InputError(f"ekspor Siskeudes ini memuat {len(villages)} desa ({', '.join(sorted(v or '-' for v in villages))}); "
                         "pilih satu dengan --desa (nama atau Kd_Desa)", Location(tables["Ta_Kegiatan"][0][2][0]))


def _from_flat(head: list[str], rows, where, res: ApbResult) -> None:
    normed = [norm_header(h) for h in head]
    col = {k: next((i for i, h in enumerate(normed) if h in {norm_header(a) for a in names}), None)
           for k, names in FLAT.items()}
    bidang = sub = None
    seen: set = set()
    for n, cells in rows:
        if not isinstance(cells, list):
            res.rejections.append(Rejection(where[0], where[1], n, None, getattr(cells, "reason", "baris rusak")))
            continue

        def cell(k):
            i = col[k]
            return cells[i] if i is not None and i < len(cells) else None
        kode = text(cell("kode")).strip(".")
        uraian = text(cell("uraian"))
        if not kode or not re.fullmatch(r"\d+(\.\d+)*", kode):
            continue     # totals, titles, blank lines
        depth = kode.count(".") + 1
        if depth == 1:
            bidang, sub = (uraian or BIDANG_PERMENDAGRI.get(kode, kode)), None
            continue
        if depth == 2:
            sub = uraian or kode
            continue
        if depth > 3:
            continue     # rekening belanja under a kegiatan: its total is on the kegiatan's row
        if bidang is None:
            res.rejections.append(Rejection(where[0], where[1], n, head[col["kode"]],
                                            "kegiatan sebelum baris bidangnya", kode))
            continue
        if not uraian:
            res.rejections.append(Rejection(where[0], where[1], n, head[col["uraian"]], "uraian kegiatan kosong", kode))
            continue
        try:
            amount = parse_rupiah(cell("jumlah"))
        except ValueError:
            res.rejections.append(Rejection(where[0], where[1], n, head[col["jumlah"]], "anggaran bukan angka",
                                            text(cell("jumlah"))))
            continue
        if amount is None or amount < 0:
            res.rejections.append(Rejection(where[0], where[1], n, head[col["jumlah"]], "anggaran kosong atau negatif",
                                            text(cell("jumlah"))))
            continue
        if kode in seen:
            res.rejections.append(Rejection(where[0], where[1], n, head[col["kode"]], "kode kegiatan ditulis dua kali", kode))
            continue
        seen.add(kode)
        res.kegiatan.append(Kegiatan(kode, uraian, bidang, sub, amount, source_of_funds(text(cell("sumber"))),
                                     where[0], where[1], n))


# ------------------------------------------------------------------ into the dossier
def dossier_apb(res: ApbResult) -> dict:
    """The dossier's `apb` section from the budget lines: totals per bidang, and the stunting activities
    with the package guessed from their names (each guess listed in `tebakan`)."""
    items, guesses = [], []
    for k in res.kegiatan:
        stunting, paket, word = classify(k.nama)
        if not stunting:
            continue
        item = {"nama": k.nama, "bidang": k.bidang, "jumlah": _int(k.jumlah)}
        if paket:
            item["paket"] = paket
        if k.sumber:
            item["sumber"] = k.sumber
        items.append(item)
        guesses.append({"kegiatan": k.kode, "nama": k.nama, "kata": word, "paket": paket,
                        "berkas": f"{k.file}{'[' + k.sheet + ']' if k.sheet else ''}:{k.row}"})
    return {
        "apb": {"total_belanja": _int(res.total),
                "belanja_per_bidang": [{"bidang": b, "jumlah": _int(v)} for b, v in res.per_bidang().items()],
                "kegiatan_stunting": items},
        "tebakan": guesses,
    }


def _int(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x
