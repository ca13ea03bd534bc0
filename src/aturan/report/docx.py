"""The draft findings (draf temuan) as a Word document, in the APIP structure: kondisi, kriteria, sebab, akibat,
rekomendasi; findings that could not be judged become a list of documents to request.

Built with python-docx rather than docxtpl: the layout comes from the findings (a varying number of temuan, each
with its own facts), which is code; a docxtpl template would still need this logic inside Jinja tags in Word runs,
and python-docx is also what the tests use to read the document back."""
from __future__ import annotations

import io
from collections import OrderedDict

from ..model import STATUS_LABELS, STATUSES, Finding, Report
from ..values import format_date
from .common import (basis_text, display_path, regulation_line, sort_findings, unit_word, value_text,
                     village_name)

PROMPT_SEBAB = ("[Diisi auditor: mengapa kondisi ini terjadi — mis. belum ada petunjuk teknis, kekurangan SDM, "
                "kelalaian pelaksana.]")
PROMPT_AKIBAT = ("[Diisi auditor: dampak atau risiko kondisi ini — mis. sasaran 1.000 HPK tidak terlayani, "
                 "perencanaan tidak berbasis data.]")
GENERIC_RECOMMENDATION = "{kepala} agar memastikan kewajiban {pasal} {peraturan} dipenuhi: {kewajiban}"


def render_docx(reports: list[Report], rejected: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    document(reports, rejected).save(buf)
    return buf.getvalue()


def document(reports: list[Report], rejected=()):
    from docx import Document
    from docx.shared import Pt
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(10.5)
    for i, rep in enumerate(reports):
        if i:
            doc.add_page_break()
        village(doc, rep)
    if rejected:
        doc.add_heading("Berkas yang ditolak", level=1)
        for file, msg in rejected:
            doc.add_paragraph(f"{display_path(file)}: {msg.splitlines()[0]}", style="List Bullet")
    return doc


def _table(doc, rows: list[list[str]], header: bool = True, widths=None):
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            cell = table.cell(r, c)
            cell.text = "" if v is None else str(v)
            if header and r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    return table


def village(doc, rep: Report) -> None:
    d = rep.dossier
    terms = rep.pack.terms_for(d.unit)
    doc.add_heading("DRAF TEMUAN HASIL PEMERIKSAAN", level=0)
    ident = d.data.get("identitas") or {}
    _table(doc, [
        ["Peraturan", regulation_line(rep)],
        [unit_word(rep), village_name(rep)],
        ["Kecamatan", ident.get("kecamatan") or "-"],
        ["Kabupaten/Kota", d.regency or rep.pack.regulation.regency],
        ["Tahun yang diperiksa", str(d.year)],
        ["Keadaan per", format_date(rep.as_of)],
        ["Dasar", f"pack {rep.pack.id}, dosir {display_path(d.file)}"],
    ], header=False)

    doc.add_heading("Ringkasan", level=1)
    c = rep.counts()
    _table(doc, [["Status", "Jumlah kewajiban"]] + [[STATUS_LABELS[s], str(c[s])] for s in STATUSES])
    doc.add_paragraph(f"Kewajiban pihak lain (tidak dihitung): {len(rep.outside_findings)}.")
    if not rep.in_force:
        doc.add_paragraph(rep.findings[0].message if rep.findings else "")
        return

    violations = sort_findings(f for f in rep.village_findings if f.status == "tidak_patuh")
    doc.add_heading(f"Temuan ({len(violations)})", level=1)
    if not violations:
        doc.add_paragraph("Tidak ada kewajiban yang tidak dipatuhi menurut dosir.")
    for n, f in enumerate(violations, 1):
        temuan(doc, rep, n, f, terms)

    requests = documents_to_request(rep)
    doc.add_heading(f"Dokumen yang perlu diminta ({len(requests)})", level=1)
    if requests:
        doc.add_paragraph("Kewajiban berikut tidak dapat dinilai karena faktanya tidak tercatat dalam dosir. "
                          f"Mintalah dokumen atau keterangan ini kepada {terms.get('pemerintah', 'pemerintah')}:")
        rows = [["No", "Fakta yang diperlukan", "Untuk menilai"]]
        for i, (path, fs) in enumerate(requests.items(), 1):
            rows.append([str(i), path, "; ".join(f"{f.rule.citation}: {f.rule.title}" for f in fs)])
        _table(doc, rows)
    else:
        doc.add_paragraph("Tidak ada: setiap kewajiban dapat dinilai dari dosir.")

    outside = sort_findings(f for f in rep.outside_findings if f.status == "tidak_patuh")
    if outside:
        doc.add_heading("Kewajiban pihak lain yang tidak dipenuhi (bukan temuan atas " + village_name(rep) + ")", level=1)
        for f in outside:
            doc.add_paragraph(f"{f.rule.citation}: {f.message}", style="List Bullet")
    if rep.pack.notes:
        doc.add_heading("Catatan atas teks peraturan", level=1)
        for note in rep.pack.notes:
            doc.add_paragraph(f"[{note.kind}] {note.text}", style="List Bullet")


def temuan(doc, rep: Report, n: int, f: Finding, terms: dict) -> None:
    r = f.rule
    doc.add_heading(f"Temuan {n}: {r.title}", level=2)
    doc.add_heading("Kondisi", level=3)
    doc.add_paragraph(condition(rep, f))
    for line in fact_lines(f):
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading("Kriteria", level=3)
    doc.add_paragraph(f"{r.citation} {rep.pack.regulation}:")
    quote = doc.add_paragraph(f"“{r.quote}”")
    quote.runs[0].italic = True
    if r.dasar == "tafsiran":
        doc.add_paragraph(f"Kewajiban ini adalah tafsiran pack atas teks ({basis_text(f)}).")
    doc.add_heading("Sebab", level=3)
    doc.add_paragraph(PROMPT_SEBAB).runs[0].italic = True
    doc.add_heading("Akibat", level=3)
    doc.add_paragraph(PROMPT_AKIBAT).runs[0].italic = True
    doc.add_heading("Rekomendasi", level=3)
    doc.add_paragraph(recommendation(rep, f, terms))


def condition(rep: Report, f: Finding) -> str:
    """The facts found, in a sentence, followed by the obligation they fall short of."""
    d = rep.dossier
    text = f"Berdasarkan dosir {village_name(rep)} tahun {d.year} (keadaan per {format_date(rep.as_of)}), "
    text += f"kewajiban berikut tidak dipenuhi: {f.message}"
    if f.detail and (f.rule.periode or f.rule.tenggat_sejak):
        text += f" ({f.detail})."
    return text if text.endswith(".") else text + "."


def fact_lines(f: Finding) -> list[str]:
    """One sentence per fact read, names beside per-item values: 'kpm[*].pendidikan: Nurhayati: smp; Darmawan: sd'."""
    ev = f.evidence
    names = {k.split("[*]")[0]: v for k, v in ev.items() if k.endswith("[*].nama") and isinstance(v, list)}
    lines = []
    for path, value in ev.items():
        yes_no = path in f.rule.bool_paths
        head = path.split("[*]")[0]
        if path.endswith("[*].nama") and any(p != path and p.startswith(head + "[*]") for p in ev):
            continue       # the names are shown beside the other values
        if "[*]" in path and head in names and isinstance(value, list) and len(value) == len(names[head]):
            shown = "; ".join(f"{value_text(nm)}: {value_text(v, yes_no)}" for nm, v in zip(names[head], value))
        else:
            shown = value_text(value, yes_no)
        lines.append(f"{path}: {shown}.")
    return lines


def recommendation(rep: Report, f: Finding, terms: dict) -> str:
    """The pack's template for this rule or concept (rekomendasi.yaml), else a generic one, in the pack's words."""
    templates = getattr(rep.pack, "recommendations", None) or {}
    template = templates.get(f.rule.id) or templates.get(f.rule.concept) or GENERIC_RECOMMENDATION
    values = {**terms, **{k: _show(v) for k, v in f.rule.params.items()},
              "kewajiban": f.message, "pasal": str(f.rule.citation),
              "peraturan": str(rep.pack.regulation)}
    return template.format_map(values)


def documents_to_request(rep: Report) -> "OrderedDict[str, list[Finding]]":
    """The missing facts of the village's tidak_dapat_dinilai findings, each with the obligations it decides."""
    out: OrderedDict[str, list[Finding]] = OrderedDict()
    for f in sort_findings(x for x in rep.village_findings if x.status == "tidak_dapat_dinilai"):
        out.setdefault(f.missing or "(fakta tidak disebut)", []).append(f)
    return out


def _show(v) -> str:
    return ", ".join(map(str, v)) if isinstance(v, list) else str(v)
