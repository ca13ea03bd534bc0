"""Every table and document aturan prints: check results as table, Markdown or JSON."""
from __future__ import annotations

import json
from typing import Any

from tabulate import tabulate

from .engine import ABSENT, jsonable
from .model import STATUS_LABELS, STATUSES, Report

WIDTH = 100
_GROUP_TITLES = {
    "tidak_patuh": "TIDAK PATUH",
    "tidak_dapat_dinilai": "TIDAK DAPAT DINILAI (fakta tidak tersedia)",
    "patuh": "PATUH",
    "tidak_berlaku": "TIDAK BERLAKU",
}


def identity_line(report: Report) -> str:
    d, terms = report.dossier, report.pack.terms_for(report.dossier.unit)
    where = f", {d.regency}" if d.regency else ""
    return f"{terms['unit']} {d.name}{where} — tahun {d.year}"


def summary_line(report: Report) -> str:
    c = report.counts()
    return "Ringkasan: " + ", ".join(f"{c[s]} {STATUS_LABELS[s].lower()}" for s in STATUSES)


def format_evidence(ev: dict, limit: int = 6) -> str:
    parts = []
    for k, v in list(ev.items())[:limit]:
        parts.append(f"{k} = {_short(v)}")
    if len(ev) > limit:
        parts.append(f"(+{len(ev) - limit} fakta lain)")
    return "\n".join(parts)


def _short(v: Any, n: int = 60) -> str:
    if v == ABSENT:
        return "— (tidak ada)"
    if isinstance(v, list):
        text = "[" + ", ".join(_short(x, 20) for x in v[:8]) + (", …" if len(v) > 8 else "") + "]"
    elif isinstance(v, dict):
        text = "{" + ", ".join(f"{k}: {_short(x, 20)}" for k, x in list(v.items())[:4]) + (", …" if len(v) > 4 else "") + "}"
    elif isinstance(v, bool):
        text = "ya" if v else "tidak"
    else:
        text = str(v)
    return text if len(text) <= n else text[: n - 1] + "…"


def _rows(report: Report, status: str, md: bool) -> list[list[str]]:
    rows = []
    for f in report.findings:
        if f.status != status:
            continue
        msg = f.message
        if f.missing:
            msg += f"\nFakta tidak tersedia: {f.missing}"
        ev = format_evidence(f.evidence) if status != "tidak_berlaku" or report.in_force else ""
        if md:
            msg, ev = msg.replace("\n", "<br>"), ev.replace("\n", "<br>")
        rows.append([str(f.rule.citation), f"{f.rule.title}\n({f.rule.id})" if not md else f"{f.rule.title}<br>`{f.rule.id}`", msg, ev])
    return rows


def render_table(reports: list[Report], rejected: list[tuple[str, str]], verbose: bool = False) -> str:
    out = []
    for rep in reports:
        reg = rep.pack.regulation
        out.append("=" * WIDTH)
        out.append(identity_line(rep))
        out.append(f"Peraturan: {reg} tentang {reg.title}")
        out.append(f"Pack: {rep.pack.id} · dinilai per {rep.as_of.isoformat()} · berkas {rep.dossier.file}")
        out.append("=" * WIDTH)
        if not rep.in_force:
            out.append("\n" + rep.findings[0].message if rep.findings else "")
            out.append("\n" + summary_line(rep) + "\n")
            continue
        for status in STATUSES:
            if status == "tidak_berlaku" and not verbose and rep.in_force:
                continue
            rows = _rows(rep, status, md=False)
            if not rows:
                continue
            out.append(f"\n{_GROUP_TITLES[status]} ({len(rows)})")
            out.append(tabulate(rows, headers=["Pasal", "Kewajiban", "Pesan", "Bukti"],
                                tablefmt="simple_grid", maxcolwidths=[16, 22, 32, 24]))
        hidden = rep.counts()["tidak_berlaku"]
        if hidden and not verbose and rep.in_force:
            out.append(f"\n({hidden} kewajiban tidak berlaku untuk dosir ini; tampilkan dengan --verbose)")
        if rep.pack.notes:
            out.append("\nCatatan atas teks peraturan:")
            for n in rep.pack.notes:
                out.append(f"- [{n.kind}] {n.text}")
        out.append("\n" + summary_line(rep))
        out.append("")
    out += _rejected_lines(rejected)
    return "\n".join(out).rstrip() + "\n"


def _rejected_lines(rejected) -> list[str]:
    if not rejected:
        return []
    lines = [f"DITOLAK ({len(rejected)} berkas tidak dapat dinilai):"]
    for file, msg in rejected:
        lines.append(f"- {file}:")
        lines += ["    " + m for m in msg.splitlines()]
    return lines


def render_markdown(reports: list[Report], rejected: list[tuple[str, str]], verbose: bool = False) -> str:
    out = []
    for rep in reports:
        reg = rep.pack.regulation
        out.append(f"## {identity_line(rep)}\n")
        out.append(f"*{reg} tentang {reg.title}* — pack `{rep.pack.id}`, dinilai per {rep.as_of.isoformat()}\n")
        out.append(f"**{summary_line(rep)}**\n")
        for status in STATUSES:
            if status == "tidak_berlaku" and not verbose and rep.in_force:
                continue
            rows = _rows(rep, status, md=True)
            if rows:
                out.append(f"### {_GROUP_TITLES[status].capitalize()} ({len(rows)})\n")
                out.append(tabulate(rows, headers=["Pasal", "Kewajiban", "Pesan", "Bukti"], tablefmt="github"))
                out.append("")
        if rep.pack.notes:
            out.append("### Catatan atas teks peraturan\n")
            out += [f"- **{n.kind}**: {n.text}" for n in rep.pack.notes]
            out.append("")
    if rejected:
        out.append("## Ditolak\n")
        out += [f"- `{f}`: {m.splitlines()[0]}" for f, m in rejected]
    return "\n".join(out).rstrip() + "\n"


def report_dict(rep: Report) -> dict:
    d, reg = rep.dossier, rep.pack.regulation
    return {
        "dossier": {"file": d.file, "nama": d.name, "jenis": d.unit, "tahun": d.year, "kabupaten": d.regency},
        "pack": {"id": rep.pack.id, "regulation": str(reg), "title": reg.title, "in_force": reg.in_force.isoformat(),
                 "berlaku": rep.in_force},
        "as_of": rep.as_of.isoformat(),
        "counts": rep.counts(),
        "findings": [jsonable(f.as_dict()) for f in rep.findings],
        "notes": [{"id": n.id, "kind": n.kind, "text": n.text} for n in rep.pack.notes],
    }


def render_json(reports: list[Report], rejected: list[tuple[str, str]]) -> str:
    from . import __version__
    doc = {
        "aturan": __version__,
        "results": [report_dict(r) for r in reports],
        "rejected": [{"file": f, "error": m} for f, m in rejected],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
