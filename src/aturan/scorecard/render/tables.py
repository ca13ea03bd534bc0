"""The scorecard's tables, built once from the result: (title, headers, rows) with typed cells.

A cell is an int (a count), Pct (a percentage), Rp (rupiah), a date, a string or None; each output
format decides how to show them (text: "71,88" and "1.450.000"; XLSX: numbers with a number format).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..compute import PeriodScore, ScorecardResult, VillageScore, percent

DEFAULT_TERMS = {"unit": "Desa", "kepala": "Kepala Desa", "dana": "Dana Desa", "anggaran": "APB Desa"}
GROUP_LABELS = {"ibu_hamil": "Ibu hamil", "anak_0_23": "Anak usia 0-23 bulan", "anak_2_6": "Anak 2-6 tahun"}


class Pct(float):
    """A percentage (0-100)."""


class Rp(float):
    """An amount in rupiah."""


def pct_of(x: float | None) -> Pct | None:
    return None if x is None else Pct(x)


def pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}".replace(".", ",")


def num(x: Any) -> str:
    if x is None:
        return "-"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}".replace(",", ".") if isinstance(x, int) else str(x)


def cell_text(x: Any) -> str:
    """How a typed cell reads in text and Markdown."""
    if x is None:
        return "-"
    if isinstance(x, Pct):
        return pct(x)
    if isinstance(x, bool):
        return "Ya" if x else "-"
    if isinstance(x, (int, float)):
        return num(x)
    if isinstance(x, dt.date):
        return x.strftime("%d/%m/%Y")
    return str(x)


def short_label(ind) -> str:
    return ind.aliases[0] if ind.aliases else ind.column.replace("_", " ")


def village_title(v: VillageScore, terms: dict, tahun: int | None, kabupaten: str | None = None) -> str:
    # "Desa Sukamaju" stays as it is; "Sukamaju" gets the unit word (never "Desa Desa Sukamaju")
    name = v.name if v.name.lower().startswith(terms["unit"].lower() + " ") else f"{terms['unit']} {v.name}"
    parts = [name]
    if v.kecamatan:
        parts.append(f"Kecamatan {v.kecamatan}")
    if kabupaten:
        parts.append(kabupaten)
    parts.append(f"Tahun {tahun}")
    return ", ".join(parts)


# ------------------------------------------------------------------ Formulir 4
def tables_year(p: PeriodScore, terms: dict, budget: list | None) -> list[tuple[str, list[str], list[list]]]:
    """Formulir 4: (title, headers, rows) for Tabel 1-5."""
    unit = terms["unit"]
    out = [
        ("Tabel 1. Jumlah sasaran 1.000 HPK (ibu hamil dan anak 0-23 bulan)",
         ["Jumlah total rumah tangga 1000 HPK", "Ibu hamil: total", "Ibu hamil: KEK/Resti",
          "Anak 0-23 bulan: total", "Anak 0-23 bulan: gizi kurang/gizi buruk/stunting"],
         [[p.rumah_tangga, p.ibu_hamil, p.kek_resti, p.anak_0_23, p.gizi_bermasalah]]),
        ("Tabel 2. Hasil pengukuran tikar pertumbuhan (deteksi dini stunting)",
         ["Jumlah total anak 0-23 bulan", "Hijau (normal)", "Kuning (risiko stunting)",
          "Merah (terindikasi stunting)", "Tidak diukur"],
         [[p.anak_0_23, p.tikar["H"], p.tikar["K"], p.tikar["M"], p.tikar[None]]]),
        tables_indicators(p, "Tabel 3. Kelengkapan konvergensi paket layanan pencegahan stunting bagi 1.000 HPK"),
        tables_convergence(p, f"Tabel 4. Tingkat konvergensi {unit.lower()}", unit),
    ]
    if budget is not None:
        out.append((f"Tabel 5. Penggunaan {terms.get('dana', 'Dana Desa')} dalam pencegahan stunting",
                    ["No", "Bidang/kegiatan", "Total alokasi anggaran", "Alokasi kegiatan khusus pencegahan stunting",
                     "%"], budget))
    return out


def tables_indicators(p: PeriodScore, title: str):
    rows = []
    last = None
    for s in p.indicators:
        ind = s.indicator
        first = ind.group != last
        last = ind.group
        rows.append([GROUP_LABELS.get(ind.group, ind.group) if first else "", ind.number, ind.label,
                     s.received, s.expected, pct_of(s.percent)])
    return (title, ["Sasaran", "No", "Indikator", "Diterima", "Seharusnya", "%"], rows)


def tables_convergence(p: PeriodScore, title: str, unit: str):
    rows = [[i, g.group.label, g.received, g.expected, pct_of(g.percent)] for i, g in enumerate(p.groups, start=1)]
    rows.append(["", f"Total tingkat konvergensi {unit.lower()}", p.total_received, p.total_expected,
                 pct_of(p.total_percent)])
    return (title, ["No", "Sasaran", "Indikator diterima", "Seharusnya diterima", "Tingkat konvergensi (%)"], rows)


QUARTER_HEADERS = ["Kuartal", "Ibu hamil", "Konvergensi ibu hamil (%)", "Anak 0-23 bulan", "Konvergensi anak (%)",
                   "Total (%)"]


def tables_quarters(v: VillageScore):
    rows = []
    for key in ("K1", "K2", "K3", "K4"):
        p = v.periods[key]
        rows.append([p.label, p.ibu_hamil, pct_of(_gp(p, "ibu_hamil")), p.anak_0_23, pct_of(_gp(p, "anak_0_23")),
                     pct_of(p.total_percent)])
    return ("Tingkat konvergensi per kuartal (Formulir Bantu)", QUARTER_HEADERS, rows)


def _gp(p: PeriodScore, gid: str) -> float | None:
    g = p.group(gid)
    return g.percent if g else None


# ------------------------------------------------------------------ Formulir 3a/3b
def tables_targets(p: PeriodScore, form: str):
    """Formulir 3a (ibu hamil) or 3b (anak 0-23 bulan): one line per target, then the totals."""
    inds = [s for s in p.indicators if s.indicator.form == form]
    if form == "2a":
        title = f"Formulir 3a. Rekapitulasi hasil pemantauan 3 bulanan bagi ibu hamil — {p.label}"
        head = ["No", "No. Register KIA", "Nama ibu", "KEK/Resti", "Usia kehamilan (bulan)", "Tanggal melahirkan"]
    else:
        title = f"Formulir 3b. Rekapitulasi hasil pemantauan 3 bulanan bagi anak 0-23 bulan — {p.label}"
        head = ["No", "No. Register KIA", "Nama anak", "L/P", "Umur (bulan)", "Gizi buruk/kurang/stunting", "Tikar"]
    head = head + [short_label(s.indicator) for s in inds] + ["Jumlah diterima", "Jumlah seharusnya", "%"]
    rows = []
    for i, r in enumerate((r for r in p.rows if r.form == form), start=1):
        f = r.facts
        if form == "2a":
            born = f["tanggal_melahirkan"]
            facts = [bool(f["kek_resti"]), f["usia_kehamilan"], dt.date.fromisoformat(born) if born else None]
        else:
            facts = [f["jenis_kelamin"], f["umur_bulan"], bool(f.get("gizi_bermasalah")), f.get("tikar")]
        rows.append([i, r.register, r.nama or "", *facts, *r.statuses, r.received, r.expected, pct_of(r.percent)])
    pad = [""] * (len(head) - len(inds) - 3 - 1)
    rows.append(["Jumlah DITERIMA", *pad, *[s.received for s in inds], "", "", ""])
    rows.append(["Jumlah SEHARUSNYA", *pad, *[s.expected for s in inds], "", "", ""])
    rows.append(["%", *pad, *[pct_of(s.percent) for s in inds], "", "", ""])
    return (title, head, rows)


# ------------------------------------------------------------------ Formulir 1
F1_HEADERS = ["", "Rumah Tangga Kategori Rentan", "Ibu Hamil Resti", "Anak 0-23 Bulan",
              "Anak 0-23 Bulan Kondisi Gizi Kurang", "Anak 0-23 Bulan Kondisi Gizi Buruk",
              "Anak 0-23 Bulan Terindikasi Stunting", "Rumah Tangga Tidak Memiliki Sumber Air Bersih Layak",
              "Rumah Tangga Tidak Memiliki Jamban", "Ibu Hamil Tidak Memiliki Jaminan Kesehatan",
              "Anak 0-23 Bulan Tidak Memiliki Jaminan Kesehatan", "Anak 0-23 Bulan Tidak Memiliki Akte Kelahiran"]


def tables_formulir1(p: PeriodScore, services: list[dict]):
    """Formulir 1 (Lampiran IV): 1. Rekapitulasi Sasaran, 2. Ketersediaan Layanan."""
    from ..readers.lampiran import LAYANAN
    f = p.formulir1
    recap = [["Total", f.rumah_tangga_rentan, f.ibu_hamil_resti, f.anak_0_23, f.gizi_kurang, f.gizi_buruk,
              f.stunting, f.rt_tanpa_air_bersih, f.rt_tanpa_jamban, f.ibu_hamil_tanpa_jaminan,
              f.anak_tanpa_jaminan, f.anak_tanpa_akta]]
    head = ["No.", "Nama Layanan"] + [f"KIA: {label}" if i < 6 else label for i, (_, label) in enumerate(LAYANAN)]
    rows = [[i, s["nama"], *["Ada" if s["layanan"].get(k) else "Tidak" if k in s["layanan"] else None
                             for k, _ in LAYANAN]] for i, s in enumerate(services, start=1)]
    return [(f"Formulir 1. Bagian 1. Rekapitulasi sasaran — {p.label}", F1_HEADERS, recap),
            ("Formulir 1. Bagian 2. Ketersediaan layanan", head,
             rows or [["", "(tidak ada lembar Formulir 1 'Nama Layanan' dalam berkas)"] + [None] * len(LAYANAN)])]


# ------------------------------------------------------------------ several villages
REKAP_HEADERS = ["Kecamatan", "Ibu hamil", "Anak 0-23 bulan", "Konvergensi ibu hamil (%)", "Konvergensi anak (%)",
                 "Total (%)", "Indikator diterima", "Seharusnya diterima"]


def rekap_table(result: ScorecardResult, key: str, terms: dict):
    """One line per village, a subtotal per kecamatan and the kabupaten total, each percentage computed
    from the summed indicators received and expected (never an average of percentages)."""
    by_kec: dict[str, list[VillageScore]] = {}
    for v in result.villages:
        by_kec.setdefault(v.kecamatan or "", []).append(v)
    rows = []
    whole: list[PeriodScore] = []
    for kec in sorted(by_kec):
        ps = [v.periods[key] for v in by_kec[kec]]
        for v, p in zip(by_kec[kec], ps):
            rows.append(_rekap_row(kec, v.name, [p]))
        if len(by_kec) > 1 or len(ps) > 1:
            rows.append(_rekap_row("", f"Jumlah Kecamatan {kec or '(tanpa nama)'}", ps))
        whole += ps
    rows.append(_rekap_row("", "Jumlah kabupaten", whole))
    label = "tahun " + str(result.tahun) if key == "tahun" else result.villages[0].periods[key].label
    return (f"Rekap tingkat konvergensi per {terms['unit'].lower()} — {label}",
            [REKAP_HEADERS[0], terms["unit"], *REKAP_HEADERS[1:]], rows)


def _rekap_row(kec: str, name: str, ps: list[PeriodScore]) -> list:
    def grp(gid):
        got = [p.group(gid) for p in ps]
        return sum(g.received for g in got if g), sum(g.expected for g in got if g)
    ir, ie = grp("ibu_hamil")
    ar, ae = grp("anak_0_23")
    tr, te = sum(p.total_received for p in ps), sum(p.total_expected for p in ps)
    return [kec, name, sum(p.ibu_hamil for p in ps), sum(p.anak_0_23 for p in ps), pct_of(percent(ir, ie)),
            pct_of(percent(ar, ae)), pct_of(percent(tr, te)), tr, te]


# ------------------------------------------------------------------ Tabel 5
def budget_rows(dossier: dict | None) -> list | None:
    """Tabel 5 from the dossier's APB: stunting allocation per bidang and its share."""
    if not dossier:
        return None
    apb = dossier.get("apb") or {}
    items = apb.get("kegiatan_stunting")
    if items is None:
        return None
    per_bidang: dict[str, float] = {}
    for k in items:
        b = _bidang(k.get("bidang"))
        per_bidang[b] = per_bidang.get(b, 0.0) + float(k.get("jumlah") or 0)
    totals: dict[str, float] = {}
    for x in apb.get("belanja_per_bidang") or []:
        b = _bidang(x.get("bidang"))
        totals[b] = totals.get(b, 0.0) + float(x.get("jumlah") or 0)
    order = ["Bidang Pembangunan Desa", "Bidang Pemberdayaan Masyarakat"]
    order += sorted(b for b in set(per_bidang) | set(totals) if b not in order)
    rows = []
    for i, b in enumerate(order, start=1):
        alloc, total = per_bidang.get(b, 0.0), totals.get(b)
        rows.append([i, b, None if total is None else Rp(total), Rp(alloc),
                     pct_of(100 * alloc / total) if total else None])
    all_alloc = sum(per_bidang.values())
    total = apb.get("total_belanja")
    rows.append(["", "Jumlah", None if total is None else Rp(total), Rp(all_alloc),
                 pct_of(100 * all_alloc / total) if total else None])
    return rows


def _bidang(name: str | None) -> str:
    s = (name or "").lower()
    if "pemberdayaan" in s:
        return "Bidang Pemberdayaan Masyarakat"
    if "pembangunan" in s:
        return "Bidang Pembangunan Desa"
    return name.strip() if name and name.strip() else "(bidang tidak disebut)"


# ------------------------------------------------------------------ reconciliation
RESULT_LABELS = {"patuh": "sesuai", "tidak_patuh": "TIDAK SESUAI", "tidak_dapat_dinilai": "tidak dapat dinilai"}


def reconciliation_table(findings: list[dict]):
    rows = []
    for f in findings:
        ev = f["evidence"]
        reported = next((v for k, v in ev.items() if k.startswith("laporan_tahunan")), None)
        rows.append([f.get("citation") or "-", f["field"], reported, ev.get("dihitung"), ev.get("dihitung_opensid"),
                     ", ".join(f.get("cocok_dengan") or []) or "-", RESULT_LABELS[f["status"]]])
    return ("Rekonsiliasi dengan laporan tahunan (dosir)",
            ["Pasal", "Angka", "Dilaporkan", "Dihitung (Perbup)", "Dihitung (cara OpenSID)", "Cocok dengan", "Hasil"],
            rows)
