"""The scorecard as JSON (everything, every period) and long CSV; rejected rows as CSV; the APB read from Siskeudes."""
from __future__ import annotations

import csv
import io
import json

from tabulate import tabulate

from ..compute import PeriodScore, ScorecardResult, VillageScore
from .tables import budget_rows, num


def _r(x):
    return None if x is None else round(x, 2)


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
    if p.formulir1 is not None:
        d["formulir1"] = p.formulir1.as_dict()
    if p.rows:
        d["sasaran"] = [{"formulir": r.form, "no_register": r.register, "nama": r.nama, **r.facts,
                         "status": {s.indicator.column: st for s, st in
                                    zip([x for x in p.indicators if x.indicator.form == r.form], r.statuses)},
                         "diterima": r.received, "seharusnya": r.expected, "persen": _r(r.percent)} for r in p.rows]
    return d


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
              "periode": {k: period_dict(p) for k, p in v.periods.items()},
              "layanan": result.services(v)}
        if v is village_of_dossier and dossier is not None:
            b = budget_rows(dossier)
            if b is not None:
                vd["tabel5"] = [{"no": r[0] or None, "bidang": r[1], "total_alokasi": _plain(r[2]),
                                 "alokasi_stunting": _plain(r[3]), "persen": _r(r[4])} for r in b]
        out["desa"].append(vd)
    if reconciliation is not None:
        out["rekonsiliasi"] = reconciliation
    return json.dumps(out, ensure_ascii=False, indent=2, default=str) + "\n"


def _plain(x):
    """Rupiah as a JSON number: a whole number when it is one."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else float(x)


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
            for k, x in (d.get("formulir1") or {}).items():
                w.writerow(base + ["formulir1", "jumlah", k, "" if x is None else x])
    return buf.getvalue()


def render_rejections_csv(result: ScorecardResult) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["berkas", "lembar", "baris", "sampai_baris", "kolom", "alasan", "isi"])
    for r in result.rejections:
        w.writerow([r.file, r.sheet or "", r.row if r.row is not None else "", r.row_end or "", r.column or "",
                    r.reason, r.value or ""])
    return buf.getvalue()


def render_apb(res, fmt: str) -> str:
    """The dossier's `apb` section read from Siskeudes: YAML to paste (with the guesses to check), JSON, or a table."""
    from ..readers.siskeudes import dossier_apb
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
    lines = ["# Bagian 'apb' dosir, dibaca dari ekspor Siskeudes: "
             + ", ".join(res.files),
             "# Paket layanan ditebak dari nama kegiatan; periksa setiap tebakan sebelum dipakai:"]
    for g in d["tebakan"]:
        lines.append(f"#   {g['berkas']}: {g['nama']!r} -> {g['paket'] or '(tanpa paket)'} (kata {g['kata']!r})")
    body = yaml.safe_dump({"apb": d["apb"]}, allow_unicode=True, sort_keys=False, width=120)
    return "\n".join(lines) + "\n" + body
