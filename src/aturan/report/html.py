"""The printable report: one self-contained HTML file (no fonts, scripts or images from elsewhere), A4 in print,
each verdict beside the quoted article and its evidence, readable on a phone."""
from __future__ import annotations

import html
import re

from ..model import STATUS_LABELS, STATUSES, Finding, Report, missing_facts
from ..values import format_date
from .common import (basis_text, citation_text, display_path, evidence_pairs, extra_lines, groups, regulation_line,
                     village_name)

FONTS = '"DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif'
CSS = """
:root { --merah:#b3261e; --kuning:#8a6100; --hijau:#1e6b32; --biru:#1f4e79; --abu:#555; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt;
       line-height: 1.4; color: #111; margin: 0; padding: 1.5rem; max-width: 70rem; }
h1 { font-size: 16pt; margin: 0 0 .3rem; } h2 { font-size: 13pt; margin: 1.4rem 0 .5rem;
     border-bottom: 2px solid #333; padding-bottom: .15rem; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 1rem 0 .4rem; break-after: avoid; page-break-after: avoid; }
.kepala { border: 1px solid #999; padding: .6rem .8rem; margin-bottom: 1rem; }
.kepala p { margin: .15rem 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .3rem .4rem; vertical-align: top; text-align: left; }
thead th { background: #e6e9ef; }
thead { display: table-header-group; }
tr, .temuan { break-inside: avoid; page-break-inside: avoid; }
td.pasal { width: 9rem; font-weight: bold; }
td.status { width: 8.5rem; }
blockquote { margin: .3rem 0 0; padding-left: .5rem; border-left: 3px solid #bbb; color: #333; font-style: italic; }
.lencana { display: inline-block; padding: .05rem .35rem; border-radius: .25rem; font-weight: bold;
           border: 1px solid currentColor; white-space: nowrap; }
.tidak_patuh { color: var(--merah); } .tidak_dapat_dinilai { color: var(--kuning); } .patuh { color: var(--hijau); }
.belum_jatuh_tempo { color: var(--biru); } .tidak_berlaku { color: var(--abu); }
.tingkat { display: block; margin-top: .25rem; color: #333; font-size: 9pt; }
.bukti { margin: 0; padding-left: 1rem; } .bukti li { margin: 0; overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8.5pt; overflow-wrap: anywhere; }
.ket { color: #333; font-size: 9pt; margin-top: .25rem; }
.tafsiran { color: #6a3d9a; }
.ringkas td, .ringkas th { text-align: center; } .ringkas td:first-child { text-align: left; }
.catatan li { margin-bottom: .3rem; }
.pihak-lain { border: 1px dashed #777; padding: .2rem .6rem .6rem; margin-top: 1rem; }
section.laporan + section.laporan { break-before: page; page-break-before: always; }
@media (max-width: 700px) {
  body { padding: .6rem; font-size: 11pt; }
  table.temuan-tabel, table.temuan-tabel tbody, table.temuan-tabel tr, table.temuan-tabel td { display: block; width: 100%; }
  table.temuan-tabel thead { display: none; }
  table.temuan-tabel tr { border: 1px solid #999; margin-bottom: .6rem; }
  table.temuan-tabel td { border: 0; border-bottom: 1px solid #ddd; }
  table.temuan-tabel td.pasal, table.temuan-tabel td.status { width: 100%; }
}
@media print {
  body { padding: 0; max-width: none; font-size: 9.5pt; }
  a { color: inherit; text-decoration: none; }
}
"""


def esc(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def css_string(text: str) -> str:
    """Text inside a CSS string literal (page header)."""
    return '"' + re.sub(r'["\\\n\r]', lambda m: "\\" + format(ord(m[0]), "x") + " ", text) + '"'


def render_html(reports: list[Report], rejected: list[tuple[str, str]], verbose: bool = False,
                text_view: str | None = None) -> str:
    """The printable report. With `text_view` (the address of the pack's literate view written by
    `aturan teks html`, "{pack}" replaced by each report's pack id), every finding's Pasal links to its
    article there."""
    pages = []
    for i, rep in enumerate(reports):
        head = f"{village_name(rep)} — {rep.pack.regulation}"
        pages.append(f"@page laporan{i} {{ @top-left {{ content: {css_string(head)}; font-size: 8pt; color: #444; font-family: {FONTS}; }} }}")
    page_css = ("@page { size: A4; margin: 18mm 14mm 16mm 14mm; "
                "@bottom-right { content: \"Halaman \" counter(page) \" dari \" counter(pages); font-size: 8pt; "
                f"font-family: {FONTS}; }} }}\n"
                + "\n".join(pages))
    body = [report_section(i, rep, verbose, text_view) for i, rep in enumerate(reports)]
    if rejected:
        body.append('<section class="laporan"><h2>Berkas yang ditolak</h2><ul>' +
                    "".join(f"<li><code>{esc(display_path(f))}</code><br><pre>{esc(m)}</pre></li>" for f, m in rejected)
                    + "</ul></section>")
    title = "Laporan pemeriksaan kepatuhan" + (f" — {village_name(reports[0])}" if len(reports) == 1 else "")
    return ("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(title)}</title>\n<style>{CSS}\n{page_css}\n</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def report_section(i: int, rep: Report, verbose: bool, text_view: str | None = None) -> str:
    d = rep.dossier
    kec = (d.data.get("identitas") or {}).get("kecamatan")
    where = ", ".join(x for x in (kec, d.regency) if x)
    out = [f'<section class="laporan" style="page: laporan{i}">',
           '<div class="kepala">',
           "<h1>Laporan Pemeriksaan Kepatuhan</h1>",
           f"<p><strong>{esc(village_name(rep))}</strong>{', ' + esc(where) if where else ''} — tahun {d.year}</p>",
           f"<p>Peraturan: {esc(regulation_line(rep))}</p>",
           f"<p>Dinilai per {esc(format_date(rep.as_of))} · pack <code>{esc(rep.pack.id)}</code> · "
           f"berkas <code>{esc(display_path(d.file))}</code></p>",
           "</div>"]
    out.append(summary_table(rep))
    if not rep.in_force:
        out.append(f"<p>{esc(rep.findings[0].message if rep.findings else '')}</p>")
    else:
        for title, fs in groups(rep, verbose):
            outside = fs and fs[0].rule.pihak_luar
            status = fs[0].status if not outside else ""
            heading = f'<h2 class="{status}">{esc(title.capitalize())} ({len(fs)})</h2>'
            table = findings_table(rep, fs, text_view)
            out.append(f'<div class="pihak-lain">{heading}{table}</div>' if outside else heading + table)
        hidden = rep.counts()["tidak_berlaku"]
        if hidden and not verbose:
            out.append(f'<p class="ket">{hidden} kewajiban tidak berlaku untuk dosir ini (tampilkan dengan --verbose).</p>')
    if rep.pack.notes:
        out.append("<h2>Catatan atas teks peraturan</h2><ul class=\"catatan\">")
        out += [f"<li><strong>{esc(n.kind)}</strong>: {esc(n.text)}</li>" for n in rep.pack.notes]
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def summary_table(rep: Report) -> str:
    c = rep.counts()
    cells = "".join(f'<td class="{s}"><strong>{c[s]}</strong></td>' for s in STATUSES)
    heads = "".join(f"<th>{esc(STATUS_LABELS[s])}</th>" for s in STATUSES)
    outside = len([f for f in rep.outside_findings if f.status != "tidak_berlaku"])
    note = (f'<p class="ket">Ditambah {outside} kewajiban pihak lain yang tidak dihitung.</p>' if outside else "")
    return (f'<table class="ringkas"><thead><tr><th>Ringkasan</th>{heads}</tr></thead>'
            f"<tbody><tr><td>Kewajiban {esc(village_name(rep))}</td>{cells}</tr></tbody></table>{note}")


def findings_table(rep: Report, findings: list[Finding], text_view: str | None = None) -> str:
    rows = "".join(finding_row(rep, f, text_view) for f in findings)
    return ('<table class="temuan-tabel"><thead><tr><th>Pasal</th><th>Kewajiban dan bunyi pasal</th>'
            f"<th>Penilaian</th><th>Bukti</th></tr></thead><tbody>{rows}</tbody></table>")


def article_link(rep: Report, f: Finding, text_view: str | None) -> str:
    """The finding's citation, linked to its article in the literate view when there is one."""
    cite = esc(citation_text(f))
    if not text_view:
        return cite
    from ..teks.html import pack_anchor
    href = text_view.replace("{pack}", rep.pack.id) + pack_anchor(rep.pack, f.rule.citation)
    return f'<a href="{esc(href)}">{cite}</a>'


def finding_row(rep: Report, f: Finding, text_view: str | None = None) -> str:
    r = f.rule
    basis = basis_text(f)
    ket = "".join(f'<div class="ket">{esc(x)}</div>' for x in extra_lines(f))
    if basis and r.dasar == "tafsiran":
        ket += f'<div class="ket tafsiran">Dasar: {esc(basis)}</div>'
    periods = ""
    if f.periods:
        periods = '<ul class="bukti">' + "".join(
            f'<li>{esc(p.label)}: <span class="{p.status}">{esc(STATUS_LABELS[p.status].lower())}</span></li>'
            for p in f.periods) + "</ul>"
    evidence = ""
    if f.status != "tidak_berlaku" or rep.in_force:
        evidence = '<ul class="bukti">' + "".join(
            f"<li><code>{esc(k)}</code> = {esc(v)}</li>" for k, v in evidence_pairs(f.evidence, f.rule)) + "</ul>"
        absent = missing_facts(f.evidence)
        if absent:
            evidence += f'<div class="ket">Tidak tercatat: {esc(", ".join(absent))}</div>'
    return (f'<tr class="temuan" id="{esc(r.id)}"><td class="pasal">{article_link(rep, f, text_view)}</td>'
            f"<td><strong>{esc(r.title)}</strong><blockquote>“{esc(r.quote)}”</blockquote>"
            f'<div class="ket">{esc(f.message)}</div>{ket}</td>'
            f'<td class="status"><span class="lencana {f.status}">{esc(STATUS_LABELS[f.status])}</span>'
            f'<span class="tingkat">tingkat: {esc(r.severity)}</span>{periods}</td>'
            f"<td>{evidence}</td></tr>")
