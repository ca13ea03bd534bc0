"""The rekap of a batch as text (table, Markdown), CSV (one row per village and obligation) and JSON; the XLSX
workbook is built in xlsx.py with the working paper's styles."""
from __future__ import annotations

import csv
import io
import json

from tabulate import tabulate

from ..model import STATUS_LABELS, STATUSES
from ..rekap import MARK_LEGEND, MARKS, Rekap, percent
from .markdown import cell

GROUP_HEADERS = ["Dosir", "Dinilai", "Ditolak", "Desa dengan pelanggaran"] + [STATUS_LABELS[s] for s in STATUSES]
# the same, folded for a terminal
SHORT_HEADERS = ["Dosir", "Dinilai", "Ditolak", "Desa\nmelanggar", "Tidak\npatuh", "Tidak dapat\ndinilai", "Patuh",
                 "Belum jatuh\ntempo", "Tidak\nberlaku"]
TOP_HEADERS = ["No", "Pasal", "Kewajiban", "Desa tidak patuh", "% dari yang dinilai", "Tidak dapat dinilai"]
NOTE = ("Jumlah kewajiban per status menghitung kewajiban desa sendiri; kewajiban pihak lain (Camat, dinas, "
        "pendamping) tidak dihitung.")


def headline(rk: Rekap) -> str:
    t = rk.totals
    internal = sum(r.internal for r in rk.rejected)
    extra = f" (termasuk {internal} karena kesalahan internal)" if internal else ""
    return f"{t.dossiers} dosir: {t.evaluated} dinilai, {t.rejected} ditolak{extra}"


def render_rekap(rk: Rekap, fmt: str, top: int = 10) -> str | bytes:
    if fmt == "markdown":
        return markdown(rk, top)
    if fmt == "csv":
        return long_csv(rk)
    if fmt == "json":
        return json.dumps(as_json(rk, top), ensure_ascii=False, indent=2) + "\n"
    if fmt == "xlsx":
        from .xlsx import render_rekap_xlsx
        return render_rekap_xlsx(rk, top)
    return table(rk, top)


# ------------------------------------------------------------------ shared rows
def kabupaten_rows(rk: Rekap) -> list[list]:
    rows = [[g.name] + g.row() for g in rk.kabupaten.values()]
    if len(rows) > 1:
        rows.append(["Jumlah"] + rk.totals.row())
    return rows


def kecamatan_rows(rk: Rekap, kab: str) -> list[list]:
    rows = [[g.name] + g.row() for _, g in rk.kecamatan_of(kab)]
    rows.append(["Jumlah"] + rk.kabupaten[kab].row())
    return rows


def top_rows(rk: Rekap, kab: str, top: int) -> list[list]:
    return [[i, ob.citation, ob.title, n, percent(n, of), unknown]
            for i, (ob, n, unknown, of) in enumerate(rk.most_violated(kab, top), 1)]


def matrix_lines(rk: Rekap, kab: str, pack: str) -> list[str]:
    """The village x obligation grid, one character per obligation; numbered columns, a legend below."""
    obligations = list(rk.obligations[pack].values())
    villages = rk.villages_of(kab, pack)
    width = min(40, max([len(v.nama) for v in villages] + [10]))
    n = len(obligations)
    tens = "".join(str((i + 1) // 10 % 10) if (i + 1) >= 10 else " " for i in range(n))
    units = "".join(str((i + 1) % 10) for i in range(n))
    out = [f"{'':{width + 2}} {tens}", f"{'kewajiban':>{width + 2}} {units}"]
    for kec, vs in rk.by_kecamatan(kab, pack):
        out.append(rk.kecamatan[(kab, kec)].name)
        out += [f"  {v.nama[:width]:<{width}} {v.marks.ljust(n)}" for v in vs]
    out.append("")
    out.append(f"Tanda: {MARK_LEGEND}")
    out += [f"{i:>3}. {ob.citation}: {ob.title}" for i, ob in enumerate(obligations, 1)]
    return out


# ------------------------------------------------------------------ table
def table(rk: Rekap, top: int) -> str:
    out = [f"REKAP PEMERIKSAAN KEPATUHAN — {headline(rk)}", NOTE, "", "Per kabupaten/kota"]
    out.append(tabulate(kabupaten_rows(rk), headers=["Kabupaten/kota"] + SHORT_HEADERS, tablefmt="simple_grid",
                        maxcolwidths=[24] + [None] * len(SHORT_HEADERS)))
    for kab, g in rk.kabupaten.items():
        out += ["", f"Per kecamatan — {g.name}"]
        out.append(tabulate(kecamatan_rows(rk, kab), headers=["Kecamatan/distrik"] + SHORT_HEADERS,
                            tablefmt="simple_grid", maxcolwidths=[24] + [None] * len(SHORT_HEADERS)))
        rows = top_rows(rk, kab, top)
        if rows:
            out += ["", f"Kewajiban paling sering dilanggar — {g.name} (dari {g.evaluated} desa yang dinilai)"]
            out.append(tabulate(rows, headers=["No", "Pasal", "Kewajiban", "Desa tidak\npatuh", "% dari yang\ndinilai",
                                               "Tidak dapat\ndinilai"], tablefmt="simple_grid",
                                maxcolwidths=[4, 18, 40, None, None, None], colalign=("right", "left", "left",
                                                                                       "right", "right", "right")))
        for pack in rk.packs_of(kab):
            out += ["", f"Matriks desa x kewajiban — {g.name} ({rk.regulation[pack]})"]
            out += matrix_lines(rk, kab, pack)
    out += rejected_lines(rk)
    return "\n".join(out).rstrip() + "\n"


def rejected_lines(rk: Rekap) -> list[str]:
    if not rk.rejected:
        return []
    out = ["", f"DITOLAK ({len(rk.rejected)} dosir tidak dapat dinilai):"]
    out += [f"- {r.error.splitlines()[0] if r.error else r.file}" for r in rk.rejected]
    return out


# ------------------------------------------------------------------ Markdown
def _md_cell(v) -> str:
    return cell(str(v))


def _md_table(headers: list, rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(h) for h in headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    return lines + ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]


def markdown(rk: Rekap, top: int) -> str:
    out = [f"# Rekap pemeriksaan kepatuhan", "", f"**{headline(rk)}**. {NOTE}", "", "## Per kabupaten/kota", ""]
    out += _md_table(["Kabupaten/kota"] + GROUP_HEADERS, kabupaten_rows(rk))
    for kab, g in rk.kabupaten.items():
        out += ["", f"## {g.name}", "", "### Per kecamatan", ""]
        out += _md_table(["Kecamatan/distrik"] + GROUP_HEADERS, kecamatan_rows(rk, kab))
        rows = top_rows(rk, kab, top)
        if rows:
            out += ["", f"### Kewajiban paling sering dilanggar (dari {g.evaluated} desa yang dinilai)", ""]
            out += _md_table(TOP_HEADERS, rows)
        for pack in rk.packs_of(kab):
            obligations = list(rk.obligations[pack].values())
            out += ["", f"### Matriks desa × kewajiban ({rk.regulation[pack]})", ""]
            rows = []
            for kec, villages in rk.by_kecamatan(kab, pack):
                name = rk.kecamatan[(kab, kec)].name
                rows += [[v.nama, name] + [v.marks[i] if i < len(v.marks) else " " for i in range(len(obligations))]
                         for v in villages]
                rows.append([f"*jumlah {name}*", ""] +
                            [str(c) if c else "" for c in violations_per_obligation(villages, len(obligations))])
            out += _md_table(["Desa", "Kecamatan"] + [str(i) for i in range(1, len(obligations) + 1)], rows)
            out += ["", f"Tanda: {MARK_LEGEND}. Baris *jumlah*: desa tidak patuh per kewajiban.", ""]
            out += [f"{i}. {_md_cell(ob.citation)}: {_md_cell(ob.title)}" for i, ob in enumerate(obligations, 1)]
    if rk.rejected:
        out += ["", f"## Ditolak ({len(rk.rejected)})", ""]
        out += [f"- `{_md_cell(r.file)}`: {_md_cell(r.error.splitlines()[0] if r.error else '')}" for r in rk.rejected]
    return "\n".join(out).rstrip() + "\n"


def violations_per_obligation(villages, n: int) -> list[int]:
    """How many of `villages` are tidak patuh on each of the pack's n obligations."""
    counts = [0] * n
    mark = MARKS["tidak_patuh"]
    for v in villages:
        for i, m in enumerate(v.marks[:n]):
            if m == mark:
                counts[i] += 1
    return counts


# ------------------------------------------------------------------ CSV
CSV_HEADERS = ["kabupaten", "kecamatan", "desa", "kode_wilayah", "tahun", "berkas", "pack", "aturan", "konsep",
               "pasal", "kewajiban", "status", "keterangan"]


def long_csv(rk: Rekap) -> str:
    """One row per village and obligation (and one per rejected dossier, status 'ditolak'): the shape a pivot
    table or pandas reads without reshaping."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADERS)
    for v in rk.villages:
        kab, kec = rk.kabupaten[v.kabupaten].name, rk.kecamatan[(v.kabupaten, v.kecamatan)].name
        for i, ob in enumerate(rk.obligations[v.pack].values()):
            st = v.status(i)
            if st is not None:
                w.writerow([kab, kec, v.nama, v.kode_wilayah or "", v.tahun or "", v.file, v.pack, ob.rule,
                            ob.concept, ob.citation, ob.title, st, ""])
    for r in rk.rejected:
        w.writerow([rk.kabupaten[r.kabupaten].name, rk.kecamatan[(r.kabupaten, r.kecamatan)].name, r.nama or "",
                    "", "", r.file, "", "", "", "", "", "ditolak", r.error.splitlines()[0] if r.error else ""])
    return buf.getvalue()


# ------------------------------------------------------------------ JSON
def _group_json(g) -> dict:
    return {"nama": g.name, "dosir": g.dossiers, "dinilai": g.evaluated, "ditolak": g.rejected,
            "desa_dengan_pelanggaran": g.violating, "counts": {s: g.statuses[s] for s in STATUSES}}


def as_json(rk: Rekap, top: int) -> dict:
    from .. import __version__
    out = {"aturan": __version__, "jumlah": _group_json(rk.totals), "kabupaten": []}
    for kab, g in rk.kabupaten.items():
        k = _group_json(g)
        k["kecamatan"] = [_group_json(c) for _, c in rk.kecamatan_of(kab)]
        k["paling_dilanggar"] = [{"rule": ob.rule, "concept": ob.concept, "citation": ob.citation, "title": ob.title,
                                  "desa_tidak_patuh": n, "desa_tidak_dapat_dinilai": unknown, "desa_dinilai": of}
                                 for ob, n, unknown, of in rk.most_violated(kab, top)]
        k["matriks"] = [{"pack": pack, "regulation": rk.regulation[pack],
                         "kewajiban": [{"rule": ob.rule, "citation": ob.citation, "title": ob.title}
                                       for ob in rk.obligations[pack].values()],
                         "desa": [{"nama": v.nama, "kecamatan": rk.kecamatan[(kab, v.kecamatan)].name,
                                   "kode_wilayah": v.kode_wilayah, "file": v.file,
                                   "status": [v.status(i) for i in range(len(rk.obligations[pack]))]}
                                  for v in rk.villages_of(kab, pack)]}
                        for pack in rk.packs_of(kab)]
        out["kabupaten"].append(k)
    out["rejected"] = [{"file": r.file, "error": r.error, "internal": r.internal,
                        "kabupaten": rk.kabupaten[r.kabupaten].name, "kecamatan": rk.kecamatan[(r.kabupaten, r.kecamatan)].name}
                       for r in rk.rejected]
    return out
