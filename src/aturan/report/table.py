"""The terminal report: one table per status, in article order, with the severity of each obligation."""
from __future__ import annotations

from tabulate import tabulate

from ..model import Report
from .common import (citation_text, display_path, evidence_pairs, extra_lines, groups, identity_line,
                     regulation_line, summary_line)

WIDTH = 100
HEADERS = ["Pasal", "Kewajiban", "Tingkat", "Pesan", "Bukti"]
LIMIT = 6      # facts shown per finding; the rest are counted (full evidence: --format xlsx/html/json)


def evidence_cell(ev: dict, rule=None) -> str:
    pairs = evidence_pairs(ev, rule)
    lines = [f"{k} = {v}" for k, v in pairs[:LIMIT]]
    if len(pairs) > LIMIT:
        lines.append(f"(+{len(pairs) - LIMIT} fakta lain)")
    return "\n".join(lines)


def rows(report: Report, findings) -> list[list[str]]:
    out = []
    for f in findings:
        msg = "\n".join([f.message, *extra_lines(f)])
        ev = evidence_cell(f.evidence, f.rule) if f.status != "tidak_berlaku" or report.in_force else ""
        out.append([citation_text(f), f"{f.rule.title}\n({f.rule.id})", f.rule.severity, msg, ev])
    return out


def render_table(reports: list[Report], rejected: list[tuple[str, str]], verbose: bool = False) -> str:
    out = []
    for rep in reports:
        out.append("=" * WIDTH)
        out.append(identity_line(rep))
        out.append(f"Peraturan: {regulation_line(rep)}")
        out.append(f"Pack: {rep.pack.id} · dinilai per {rep.as_of.isoformat()} · berkas {display_path(rep.dossier.file)}")
        out.append("=" * WIDTH)
        if not rep.in_force:
            out.append("\n" + rep.findings[0].message if rep.findings else "")
            out.append("\n" + summary_line(rep) + "\n")
            continue
        for title, fs in groups(rep, verbose):
            out.append(f"\n{title} ({len(fs)})")
            out.append(tabulate(rows(rep, fs), headers=HEADERS, tablefmt="simple_grid",
                                maxcolwidths=[16, 18, 7, 23, 18]))
        hidden = rep.counts()["tidak_berlaku"]
        if hidden and not verbose and rep.in_force:
            out.append(f"\n({hidden} kewajiban tidak berlaku untuk dosir ini; tampilkan dengan --verbose)")
        if rep.pack.notes:
            out.append("\nCatatan atas teks peraturan:")
            for n in rep.pack.notes:
                out.append(f"- [{n.kind}] {n.text}")
        out.append("\n" + summary_line(rep))
        out.append("")
    out += rejected_lines(rejected)
    return "\n".join(out).rstrip() + "\n"


def rejected_lines(rejected) -> list[str]:
    if not rejected:
        return []
    lines = [f"DITOLAK ({len(rejected)} berkas tidak dapat dinilai):"]
    for file, msg in rejected:
        lines.append(f"- {file}:")
        lines += ["    " + m for m in msg.splitlines()]
    return lines
