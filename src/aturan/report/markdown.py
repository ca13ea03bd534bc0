"""The report as GitHub-flavoured Markdown: every cell escaped so a value never breaks its table."""
from __future__ import annotations

from ..model import Report
from .common import (citation_text, evidence_pairs, extra_lines, groups, identity_line, regulation_line,
                     summary_line)

HEADERS = ["Pasal", "Kewajiban", "Tingkat", "Pesan", "Bukti"]


def cell(text: str) -> str:
    """One table cell: '|' escaped, line breaks as <br>, and no stray HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.replace("\r\n", "\n").split("\n"))


def table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join("---" for _ in HEADERS) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def rows(report: Report, findings) -> list[list[str]]:
    out = []
    for f in findings:
        msg = "<br>".join(cell(x) for x in [f.message, *extra_lines(f)])
        ev = ""
        if f.status != "tidak_berlaku" or report.in_force:
            ev = "<br>".join(f"`{cell(k)}` = {cell(v)}" for k, v in evidence_pairs(f.evidence, f.rule))
        out.append([cell(citation_text(f)), f"{cell(f.rule.title)}<br>`{f.rule.id}`", f.rule.severity, msg, ev])
    return out


def render_markdown(reports: list[Report], rejected: list[tuple[str, str]], verbose: bool = False) -> str:
    out = []
    for rep in reports:
        out.append(f"## {identity_line(rep)}\n")
        out.append(f"*{regulation_line(rep)}* — pack `{rep.pack.id}`, dinilai per {rep.as_of.isoformat()}\n")
        out.append(f"**{summary_line(rep)}**\n")
        for title, fs in groups(rep, verbose):
            out.append(f"### {title.capitalize()} ({len(fs)})\n")
            out.append(table(rows(rep, fs)))
            out.append("")
        if rep.pack.notes:
            out.append("### Catatan atas teks peraturan\n")
            out += [f"- **{n.kind}**: {n.text}" for n in rep.pack.notes]
            out.append("")
    if rejected:
        out.append("## Ditolak\n")
        out += [f"- `{f}`: {m.splitlines()[0]}" for f, m in rejected]
    return "\n".join(out).rstrip() + "\n"
