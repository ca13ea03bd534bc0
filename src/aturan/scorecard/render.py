"""The scorecard as text tables, Markdown, JSON, CSV and an XLSX laid out like Formulir 4 (or 3a/3b)."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from tabulate import tabulate

from .compute import PeriodScore, ScorecardResult, VillageScore


DEFAULT_TERMS = {"unit": "Desa", "kepala": "Kepala Desa", "dana": "Dana Desa", "anggaran": "APB Desa"}
REJECTIONS_SHOWN = 20


def pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}".replace(".", ",")


def num(x: Any) -> str:
    if x is None:
        return "-"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}".replace(",", ".") if isinstance(x, int) else str(x)


def short_label(ind) -> str:
    return ind.aliases[0] if ind.aliases else ind.column.replace("_", " ")


# ------------------------------------------------------------------ the tables, once
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
                    ["No", "Bidang/kegiatan", "Total alokasi anggaran", "Alokasi kegiatan khusus pencegahan stunting", "%"],
                    budget))
    return out


def tables_indicators(p: PeriodScore, title: str):
    rows = []
    last = None
    for s in p.indicators:
        ind = s.indicator
        first = ind.group != last
        last = ind.group
        rows.append([GROUP_LABELS.get(ind.group, ind.group) if first else "", ind.number, ind.label,
                     s.received, s.expected, pct(s.percent)])
    return (title, ["Sasaran", "No", "Indikator", "Diterima", "Seharusnya", "%"], rows)


GROUP_LABELS = {"ibu_hamil": "Ibu hamil", "anak_0_23": "Anak usia 0-23 bulan", "anak_2_6": "Anak 2-6 tahun"}


def tables_convergence(p: PeriodScore, title: str, unit: str):
    rows = [[i, g.group.label, g.received, g.expected, pct(g.percent)] for i, g in enumerate(p.groups, start=1)]
    rows.append(["", f"Total tingkat konvergensi {unit.lower()}", p.total_received, p.total_expected,
                 pct(p.total_percent)])
    return (title, ["No", "Sasaran", "Indikator diterima", "Seharusnya diterima", "Tingkat konvergensi (%)"], rows)


def tables_quarters(v: VillageScore):
    rows = []
    for key in ("K1", "K2", "K3", "K4"):
        p = v.periods[key]
        rows.append([p.label, p.ibu_hamil, pct(_gp(p, "ibu_hamil")), p.anak_0_23, pct(_gp(p, "anak_0_23")),
                     pct(p.total_percent)])
    return ("Tingkat konvergensi per kuartal (Formulir Bantu)",
            ["Kuartal", "Ibu hamil", "Konvergensi ibu hamil (%)", "Anak 0-23 bulan", "Konvergensi anak (%)",
             "Total (%)"], rows)


def _gp(p: PeriodScore, gid: str) -> float | None:
    g = p.group(gid)
    return g.percent if g else None


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
            facts = ["Ya" if f["kek_resti"] else "-", num(f["usia_kehamilan"]), f["tanggal_melahirkan"] or "-"]
        else:
            facts = [f["jenis_kelamin"] or "-", num(f["umur_bulan"]), "Ya" if f.get("gizi_bermasalah") else "-",
                     f.get("tikar") or "-"]
        rows.append([i, r.register, r.nama or "", *facts, *r.statuses, r.received, r.expected, pct(r.percent)])
    pad = [""] * (len(head) - len(inds) - 3 - 1)
    rows.append(["Jumlah DITERIMA", *pad, *[s.received for s in inds], "", "", ""])
    rows.append(["Jumlah SEHARUSNYA", *pad, *[s.expected for s in inds], "", "", ""])
    rows.append(["%", *pad, *[pct(s.percent) for s in inds], "", "", ""])
    return (title, head, rows)


def rekap_table(result: ScorecardResult, key: str, terms: dict):
    rows = []
    for v in result.villages:
        p = v.periods[key]
        rows.append([v.kecamatan or "", v.name, p.ibu_hamil, p.anak_0_23, pct(_gp(p, "ibu_hamil")),
                     pct(_gp(p, "anak_0_23")), pct(p.total_percent)])
    label = "tahun " + str(result.tahun) if key == "tahun" else result.villages[0].periods[key].label
    return (f"Rekap tingkat konvergensi per {terms['unit'].lower()} — {label}",
            ["Kecamatan", terms["unit"], "Ibu hamil", "Anak 0-23 bulan", "Konvergensi ibu hamil (%)",
             "Konvergensi anak (%)", "Total (%)"], rows)


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
    totals = {_bidang(x.get("bidang")): float(x.get("jumlah") or 0) for x in apb.get("belanja_per_bidang") or []}
    order = ["Bidang Pembangunan Desa", "Bidang Pemberdayaan Masyarakat"]
    order += sorted(b for b in set(per_bidang) | set(totals) if b not in order)
    rows = []
    for i, b in enumerate(order, start=1):
        alloc, total = per_bidang.get(b, 0.0), totals.get(b)
        rows.append([i, b, num(total), num(alloc), pct(100 * alloc / total) if total else "-"])
    all_alloc = sum(per_bidang.values())
    total = apb.get("total_belanja")
    rows.append(["", "Jumlah", num(total), num(all_alloc), pct(100 * all_alloc / total) if total else "-"])
    return rows


def _bidang(name: str | None) -> str:
    s = (name or "").lower()
    if "pemberdayaan" in s:
        return "Bidang Pemberdayaan Masyarakat"
    if "pembangunan" in s:
        return "Bidang Pembangunan Desa"
    return name.strip() if name and name.strip() else "(bidang tidak disebut)"


# ------------------------------------------------------------------ text formats
def summary_lines(result: ScorecardResult) -> list[str]:
    lines = [f"Dibaca {num(result.rows_read)} baris dari {len(result.files)} berkas; dipakai {num(result.rows_used)} "
             f"({num(result.records_used)} catatan bulanan); ditolak {num(result.rows_rejected)}."]
    if result.tahun is not None:
        src = f" (dari {result.tahun_source})" if result.tahun_source and result.tahun_source != "--tahun" else ""
        lines.append(f"Tahun pemantauan: {result.tahun}{src}. Cara hitung: {result.indicators.name}"
                     f"{' (' + result.indicators.description + ')' if result.indicators.description else ''}.")
    by_source: dict[str, list[str]] = {}
    for where, src, detail in result.sources:
        by_source.setdefault(src, []).append(where + (f" ({detail})" if detail else ""))
    if any(src != "kolom templat aturan" for src in by_source):
        lines.append("Dibaca sebagai:")
        for src, wheres in by_source.items():
            lines.append(f"  {src}: " + "; ".join(wheres))
    return lines


def rejection_lines(result: ScorecardResult, limit: int | None = REJECTIONS_SHOWN) -> list[str]:
    if not result.rejections:
        return []
    shown = result.rejections if limit is None else result.rejections[:limit]
    lines = ["Baris yang ditolak (tidak dihitung):"] + [f"  {r}" for r in shown]
    if limit is not None and len(result.rejections) > limit:
        lines.append(f"  ... dan {len(result.rejections) - limit} baris lagi (daftar lengkap: --ditolak BERKAS.csv "
                     "atau --format json)")
    return lines


def warning_lines(result: ScorecardResult) -> list[str]:
    """The same warning for several tables is said once, with the tables it concerns."""
    tables = {w for w, _, _ in result.sources}
    grouped: dict[str, list[str]] = {}
    for w in result.warnings:
        where, sep, msg = w.partition(": ")
        if sep and where in tables:
            grouped.setdefault(msg, []).append(where)
        else:
            grouped.setdefault(w, [])
    out = []
    for msg, wheres in grouped.items():
        if len(wheres) == 1:
            out.append(f"Peringatan: {wheres[0]}: {msg}")
        elif wheres:
            out.append(f"Peringatan: {msg} ({len(wheres)} tabel: {'; '.join(wheres)})")
        else:
            out.append(f"Peringatan: {msg}")
    return out


def sections(result: ScorecardResult, terms: dict, quarter: int | None, dossier: dict | None,
             village_of_dossier: VillageScore | None, kabupaten: str | None):
    """Yield (heading or None, [(title, headers, rows)]) per village, plus the regency recap."""
    key = f"K{quarter}" if quarter else "tahun"
    if len(result.villages) > 1:
        yield None, [rekap_table(result, key, terms)]
    for v in result.villages:
        budget = budget_rows(dossier) if v is village_of_dossier else None
        if quarter:
            p = v.periods[key]
            head = (f"REKAPITULASI 3 BULANAN KONVERGENSI {terms['unit'].upper()} — "
                    f"{village_title(v, terms, result.tahun, kabupaten)}, {p.label}")
            tabs = [tables_targets(p, f) for f in ("2a", "2b") if any(r.form == f for r in p.rows)]
            tabs += [tables_indicators(p, f"Formulir Bantu. Tingkat capaian penerimaan layanan — {p.label}"),
                     tables_convergence(p, f"Tingkat konvergensi {terms['unit'].lower()} — {p.label}", terms["unit"])]
        else:
            head = (f"SCORE CARD KONVERGENSI {terms['unit'].upper()} (Formulir 4) — "
                    f"{village_title(v, terms, result.tahun, kabupaten)}")
            tabs = tables_year(v.periods["tahun"], terms, budget) + [tables_quarters(v)]
        yield head, tabs


def render_text(result: ScorecardResult, fmt: str, terms: dict | None = None, quarter: int | None = None,
                dossier: dict | None = None, village_of_dossier: VillageScore | None = None,
                kabupaten: str | None = None, extra: list[str] | None = None) -> str:
    terms = {**DEFAULT_TERMS, **(terms or {})}
    tablefmt = "pipe" if fmt == "markdown" else "simple"
    out: list[str] = []
    for head, tabs in sections(result, terms, quarter, dossier, village_of_dossier, kabupaten):
        if head:
            out.append(f"## {head}" if fmt == "markdown" else head)
            out.append("")
        for title, headers, rows in tabs:
            out.append(f"**{title}**" if fmt == "markdown" else title)
            out.append("")
            out.append(tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True))
            out.append("")
    out.extend(summary_lines(result))
    out.extend(rejection_lines(result))
    out.extend(warning_lines(result))
    if extra:
        out.append("")
        out.extend(extra)
    return "\n".join(out).rstrip() + "\n"


# ------------------------------------------------------------------ JSON and CSV
def period_dict(p: PeriodScore) -> dict:
    d = {
        "label": p.label, "awal": p.start.isoformat(), "akhir": p.end.isoformat(),
        "tabel1": {"rumah_tangga": p.rumah_tangga, "ibu_hamil": p.ibu_hamil, "ibu_hamil_kek_resti": p.kek_resti,
                   "anak_0_23": p.anak_0_23, "anak_gizi_buruk_kurang_stunting": p.gizi_bermasalah,
                   "anak_2_6": p.anak_2_6},
        "tabel2": {"anak_0_23": p.anak_0_23, "hijau": p.tikar["H"], "kuning": p.tikar["K"], "merah": p.tikar["M"],
                   "tidak_diukur": p.tikar[None]},
        "tabel3": [{"id": s.indicator.id, "kelompok": s.indicator.group, "nomor": s.indicator.number,
                    "indikator": s.indicator.label, "diterima": s.received, "tidak_sasaran": s.not_applicable,
                    "sasaran": s.targets, "seharusnya": s.expected, "persen": _r(s.percent)} for s in p.indicators],
        "tabel4": {"kelompok": [{"id": g.group.id, "sasaran": g.group.label, "jumlah_sasaran": g.targets,
                                 "diterima": g.received, "seharusnya": g.expected, "persen": _r(g.percent)}
                                for g in p.groups],
                   "total": {"diterima": p.total_received, "seharusnya": p.total_expected,
                             "persen": _r(p.total_percent)}},
    }
    if p.rows:
        d["sasaran"] = [{"formulir": r.form, "no_register": r.register, "nama": r.nama, **r.facts,
                         "status": {s.indicator.column: st for s, st in
                                    zip([x for x in p.indicators if x.indicator.form == r.form], r.statuses)},
                         "diterima": r.received, "seharusnya": r.expected, "persen": _r(r.percent)} for r in p.rows]
    return d


def _r(x):
    return None if x is None else round(x, 2)


def render_json(result: ScorecardResult, dossier: dict | None = None,
                village_of_dossier: VillageScore | None = None, reconciliation: list | None = None) -> str:
    out = {
        "tahun": result.tahun, "sumber_tahun": result.tahun_source, "berkas": list(result.files),
        "cara_hitung": result.indicators.name,
        "sumber": [{"tabel": w, "dibaca_sebagai": src, "keterangan": det or None} for w, src, det in result.sources],
        "baris": {"dibaca": result.rows_read, "dipakai": result.rows_used, "ditolak": result.rows_rejected},
        "catatan_dipakai": result.records_used,
        "ditolak": [r.as_dict() for r in result.rejections],
        "peringatan": list(result.warnings),
        "indikator": {"berkas": result.indicators.file, "sumber": result.indicators.source},
        "desa": [],
    }
    for v in result.villages:
        vd = {"nama": v.desa, "kecamatan": v.kecamatan,
              "periode": {k: period_dict(p) for k, p in v.periods.items()}}
        if v is village_of_dossier and dossier is not None:
            b = budget_rows(dossier)
            if b is not None:
                vd["tabel5"] = [dict(zip(["no", "bidang", "total_alokasi", "alokasi_stunting", "persen"], r)) for r in b]
        out["desa"].append(vd)
    if reconciliation is not None:
        out["rekonsiliasi"] = reconciliation
    return json.dumps(out, ensure_ascii=False, indent=2, default=str) + "\n"


def render_csv(result: ScorecardResult) -> str:
    """Long format: one figure per line, for spreadsheets and pivot tables."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["kecamatan", "desa", "periode", "tabel", "baris", "kolom", "nilai"])
    for v in result.villages:
        for key, p in v.periods.items():
            base = [v.kecamatan or "", v.desa or "", key]
            d = period_dict(p)
            for k, x in d["tabel1"].items():
                w.writerow(base + ["tabel1", "jumlah", k, x])
            for k, x in d["tabel2"].items():
                w.writerow(base + ["tabel2", "jumlah", k, x])
            for s in d["tabel3"]:
                for k in ("diterima", "tidak_sasaran", "sasaran", "seharusnya", "persen"):
                    w.writerow(base + ["tabel3", s["id"], k, "" if s[k] is None else s[k]])
            for g in d["tabel4"]["kelompok"]:
                for k in ("diterima", "seharusnya", "persen"):
                    w.writerow(base + ["tabel4", g["id"], k, "" if g[k] is None else g[k]])
            for k, x in d["tabel4"]["total"].items():
                w.writerow(base + ["tabel4", "total", k, "" if x is None else x])
    return buf.getvalue()


def render_rejections_csv(result: ScorecardResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["berkas", "lembar", "baris", "kolom", "alasan", "isi"])
    for r in result.rejections:
        w.writerow([r.file, r.sheet or "", r.row if r.row is not None else "", r.column or "", r.reason, r.value or ""])
    return buf.getvalue()


# ------------------------------------------------------------------ XLSX (Formulir 4 / 3a-3b)
def write_xlsx(result: ScorecardResult, path: str | Path, terms: dict | None = None, quarter: int | None = None,
               dossier: dict | None = None, village_of_dossier: VillageScore | None = None,
               kabupaten: str | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    terms = {**DEFAULT_TERMS, **(terms or {})}
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="center")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wb = Workbook()
    wb.remove(wb.active)
    names: set[str] = set()

    def sheet(title: str):
        base = re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Lembar"
        name, i = base, 2
        while name.lower() in names:
            suffix = f" ({i})"
            name, i = base[: 31 - len(suffix)] + suffix, i + 1
        names.add(name.lower())
        ws = wb.create_sheet(name)
        ws.page_setup.orientation = "landscape" if quarter else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        return ws

    def put_table(ws, row: int, title: str, headers: list[str], rows: list[list]) -> int:
        ws.cell(row=row, column=1, value=title.upper()).font = bold
        row += 1
        for c, h in enumerate(headers, start=1):
            cell = ws.cell(row=row, column=c, value=h)
            cell.font, cell.border, cell.alignment = bold, box, center
        ws.row_dimensions[row].height = 45
        row += 1
        for r in rows:
            for c, x in enumerate(r, start=1):
                cell = ws.cell(row=row, column=c, value=_xl(x))
                cell.border, cell.alignment = box, wrap
                if isinstance(cell.value, float):
                    cell.number_format = "0.00"
            row += 1
        return row + 1

    if len(result.villages) > 1:
        ws = sheet("Rekap")
        title, headers, rows = rekap_table(result, f"K{quarter}" if quarter else "tahun", terms)
        put_table(ws, 1, title, headers, rows)
        _widths(ws, [18, 24, 12, 14, 16, 16, 12])
    for v in result.villages:
        ws = sheet(v.name)
        unit = terms["unit"].upper()
        if quarter:
            p = v.periods[f"K{quarter}"]
            heads = [f"REKAPITULASI HASIL PEMANTAUAN 3 (TIGA) BULANAN — {p.label.upper()}",
                     f"{unit} : {v.name}    KECAMATAN : {v.kecamatan or '-'}    TAHUN : {result.tahun}"]
        else:
            heads = [f"LAPORAN KONVERGENSI PENCEGAHAN STUNTING TINGKAT {unit}",
                     "TERHADAP SASARAN RUMAH TANGGA 1000 HPK",
                     f"KABUPATEN : {kabupaten or '-'}    KECAMATAN : {v.kecamatan or '-'}",
                     f"{unit} : {v.name}    TAHUN : {result.tahun}"]
        for i, h in enumerate(heads, start=1):
            ws.cell(row=i, column=1, value=h).font = Font(bold=True, size=12 if i <= 2 else 11)
        row = len(heads) + 2
        budget = budget_rows(dossier) if v is village_of_dossier else None
        if quarter:
            p = v.periods[f"K{quarter}"]
            tabs = [tables_targets(p, f) for f in ("2a", "2b") if any(r.form == f for r in p.rows)]
            tabs += [tables_indicators(p, "Formulir Bantu. Tingkat capaian penerimaan layanan"),
                     tables_convergence(p, f"Tingkat konvergensi {terms['unit'].lower()}", terms["unit"])]
        else:
            tabs = tables_year(v.periods["tahun"], terms, budget if budget is not None else [])
        for title, headers, rows in tabs:
            row = put_table(ws, row, title, headers, rows)
        row += 1
        ws.cell(row=row, column=1, value="Mengetahui,")
        ws.cell(row=row, column=4, value="Dibuat oleh,")
        ws.cell(row=row + 1, column=1, value=terms["kepala"])
        ws.cell(row=row + 1, column=4, value="Kader Pembangunan Manusia (KPM)")
        ws.cell(row=row + 5, column=1, value="(................................)")
        ws.cell(row=row + 5, column=4, value="(................................)")
        _widths(ws, [20, 8, 46, 14, 14, 12, 10] if not quarter else [8, 14, 22] + [10] * 20)
    if not result.villages:
        ws = sheet("Kosong")
        ws.cell(row=1, column=1, value="Tidak ada catatan pemantauan yang dapat dipakai.")
    ws = sheet("Catatan")
    lines = summary_lines(result) + rejection_lines(result, limit=None) + warning_lines(result)
    for i, line in enumerate(lines, start=1):
        ws.cell(row=i, column=1, value=line)
    _widths(ws, [120])
    wb.save(path)


def _xl(x):
    if isinstance(x, str):
        s = x.strip()
        if re.fullmatch(r"-?\d+(?:\.\d{3})*", s) and "." in s:
            return int(s.replace(".", ""))
        if re.fullmatch(r"-?\d+,\d+", s):
            return float(s.replace(",", "."))
    return x


def _widths(ws, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


# ------------------------------------------------------------------ APB from Siskeudes (aturan apb)
def render_apb(res, fmt: str) -> str:
    """The dossier's `apb` section read from Siskeudes: YAML to paste (with the guesses to check), JSON, or a table."""
    from .readers.siskeudes import dossier_apb
    d = dossier_apb(res)
    if fmt == "json":
        return json.dumps({**d, "ditolak": [r.as_dict() for r in res.rejections], "peringatan": res.warnings},
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "table":
        rows = [[k.kode, k.nama, k.bidang, num(k.jumlah), k.sumber or "-",
                 next((g["paket"] or "(tanpa paket)" for g in d["tebakan"] if g["kegiatan"] == k.kode), "-")]
                for k in res.kegiatan]
        out = tabulate(rows, headers=["Kode", "Kegiatan", "Bidang", "Anggaran (Rp)", "Sumber", "Paket (tebakan)"],
                       tablefmt="simple", disable_numparse=True, maxcolwidths=[14, 40, 28, 16, 10, 20])
        return out + f"\n\nTotal belanja: Rp{num(res.total)}\n"
    import yaml
    lines = ["# Bagian 'apb' dosir, dibaca dari ekspor Siskeudes: " + ", ".join(res.files),
             "# Paket layanan ditebak dari nama kegiatan; periksa setiap tebakan sebelum dipakai:"]
    for g in d["tebakan"]:
        lines.append(f"#   {g['berkas']}: {g['nama']!r} -> {g['paket'] or '(tanpa paket)'} (kata {g['kata']!r})")
    body = yaml.safe_dump({"apb": d["apb"]}, allow_unicode=True, sort_keys=False, width=120)
    return "\n".join(lines) + "\n" + body
