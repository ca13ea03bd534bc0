"""Text renderings for compare, diff and lint: terminal tables that never pass the width, Markdown, JSON, CSV."""
from __future__ import annotations

import csv
import io
import json
import re
import textwrap

from tabulate import tabulate

from .baseline import MARK_LABELS, MARK_ORDER
from .compare import Comparison, Row, Section
from .facts import Cell, cite, load_catalog, short_name

WIDTH = 100
LABEL_WIDTH = 22
MIN_COL = 13
GAP = "  "


# ------------------------------------------------------------------ a grid that fits
def wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for para in str(text).split("\n"):
        lines += textwrap.wrap(_soft_breaks(para, width), width, break_long_words=True,
                               break_on_hyphens=False) or [""]
    return [ln.replace("\u200b", "") for ln in lines]


def _soft_breaks(text: str, width: int) -> str:
    """Identifiers longer than the column break after an underscore, not mid-word."""
    words = []
    for w in text.split(" "):
        if len(w) > width and "_" in w:
            parts, line = [], ""
            for piece in re.split(r"(?<=_)", w):
                if line and len(line) + len(piece) > width:
                    parts.append(line)
                    line = ""
                line += piece
            parts.append(line)
            w = " ".join(parts)
        words.append(w)
    return " ".join(words)


def grid(headers: list[str], rows: list[list[str]], widths: list[int]) -> str:
    """A plain table: every cell wrapped to its column, columns separated by two spaces."""
    def block(cells):
        wrapped = [wrap(c, w) for c, w in zip(cells, widths)]
        height = max(len(w) for w in wrapped)
        return [GAP.join(w[i].ljust(widths[j]) if i < len(w) else " " * widths[j]
                         for j, w in enumerate(wrapped)).rstrip() for i in range(height)]
    out = block(headers)
    out.append(GAP.join("-" * w for w in widths))
    for r in rows:
        out += block(r)
    return "\n".join(out)


def split_columns(n: int, width: int, label: int = LABEL_WIDTH) -> list[tuple[range, int]]:
    """Groups of pack columns that fit beside the label column, and the width of each column."""
    per = max(1, (width - label) // (MIN_COL + len(GAP)))
    groups = []
    for start in range(0, n, per):
        k = min(per, n - start)
        col = max(MIN_COL, (width - label - k * len(GAP)) // k)
        groups.append((range(start, start + k), col))
    return groups


def section_table(headers: list[str], labels: list[str], cells: list[list[str]], width: int,
                  first: str = "") -> str:
    """The label column plus as many pack columns as fit; the rest continue in a second table."""
    label = min(LABEL_WIDTH, max(12, width // 4))
    parts = []
    for cols, w in split_columns(len(headers), width, label):
        hs = [first] + [headers[i] for i in cols]
        rows = [[labels[r]] + [cells[r][i] for i in cols] for r in range(len(labels))]
        parts.append(grid(hs, rows, [label] + [w] * len(cols)))
    return "\n\n".join(parts)


def para(text: str, width: int, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(text, width, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent, break_long_words=True, break_on_hyphens=False)


# ------------------------------------------------------------------ compare
def cell_text(cell, md: bool = False) -> str:
    if isinstance(cell, str):
        return cell
    assert isinstance(cell, Cell)
    lines = []
    if cell.present:
        value = cell.numbers() if cell.rules else cell.criterion_value()
        if value and value != "ya":
            lines.append(f"**{value}**" if md else value)
        lines.append(cell.citation())
        if cell.basis():
            lines.append(f"({cell.basis()})")
    elif cell.parallel:
        # the duty is encoded under another concept: say where, not "—"
        for cid, other in cell.parallel:
            lines.append(f"≈ {load_catalog().concept(cid).label}: {other.citation()}")
    else:
        lines.append("—")
    if cell.mark:
        lines.append(MARK_LABELS[cell.mark] + (f" ({cell.mark_note})" if cell.mark_note else ""))
    return ("<br>" if md else "\n").join(lines)


def _row_label(row: Row, md: bool) -> str:
    if md and row.key != row.label:
        return f"{row.label}<br>`{row.key}`"
    return row.label


def _header(comp: Comparison) -> list[str]:
    return [p.id for p in comp.columns]


def compare_table(comp: Comparison, width: int = WIDTH) -> str:
    out = [para("PERBANDINGAN PERATURAN DAERAH TENTANG PERAN DESA DALAM PENCEGAHAN STUNTING", width), ""]
    for p in comp.columns:
        tag = f" [{baseline_tag(p)}]" if p is comp.baseline else ""
        out.append(para(f"{short_name(p)} tentang {p.regulation.title}{tag}", width, " " * 4,
                        f"  {p.id}: "))
    if comp.topic:
        out.append(f"  Topik: {comp.topic} — {comp.catalog.topic_title(comp.topic)}")
    headers = _header(comp)
    for s in comp.sections:
        out += ["", "=" * width, para(s.title.upper(), width), "=" * width]
        labels = [r.label for r in s.rows]
        cells = [[cell_text(r.cells[h]) for h in headers] for r in s.rows]
        out.append(section_table(headers, labels, cells, width, first=_first_header(s)))
    out += ["", *summary_lines(comp, width)]
    if comp.conflicts:
        out += ["", para("KONTRADIKSI DAN RUJUKAN SALAH DALAM TEKS (catatan pack)", width)]
        for pid, n in comp.conflicts:
            out.append(para(f"[{n.kind}] {pid} · {conflict_text(n)}", width, "    ", "  - "))
    if comp.baseline:
        out += ["", *baseline_lines(comp, width)]
    return "\n".join(out).rstrip() + "\n"


def _first_header(s: Section) -> str:
    return {"istilah": "Istilah", "paket": "Paket", "kriteria_kpm": "Kriteria"}.get(s.id, "Kewajiban")


def conflict_text(n) -> str:
    """'paket_enam_vs_lima (Ps 16 (1) ↔ Ps 31 (4) d; diikuti: Ps 16 (1)): text'"""
    cits = " ↔ ".join(cite(c) for c in n.citations)
    gov = f"; diikuti: {cite(n.governing)}" if n.governing else ""
    return f"{n.id} ({cits}{gov}): {n.text}"


def summary_items(comp: Comparison) -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """([(heading, concept ids)] shared by all and by some, [(pack id, concept ids only it has)])."""
    s = comp.summary
    shared = [(f"Ada di semua {len(s.packs)} pack ({len(s.shared_all)})", s.shared_all),
              (f"Ada di sebagian pack ({len(s.shared_some)})", s.shared_some)]
    return shared, [(pid, ids) for pid, ids in s.unique.items() if ids]


def summary_lines(comp: Comparison, width: int) -> list[str]:
    shared, unique = summary_items(comp)
    out = [para("RINGKASAN KEWAJIBAN (konsep yang dikodekan sebagai aturan)", width)]
    for heading, ids in shared:
        out.append(para(f"{heading}: " + (", ".join(ids) or "—"), width, "    ", "  - "))
    out.append(f"  - Hanya di satu pack ({sum(len(ids) for _, ids in unique)}):")
    for pid, ids in unique:
        out.append(para(", ".join(ids), width, " " * 6, f"      {pid}: "))
    return out


def baseline_tag(pack) -> str:
    return "garis dasar, tidak mengikat" if pack.regulation.binding is False else "garis dasar"


def baseline_lines(comp: Comparison, width: int) -> list[str]:
    base = comp.baseline
    out = [para(f"TERHADAP GARIS DASAR {base.id} ({short_name(base)}; {baseline_tag(base)})", width, "  ", "")]
    for p in comp.packs:
        marks: dict[str, list[str]] = {}
        for s in comp.sections:
            if not s.id.startswith("konsep:") and s.id != "kriteria_kpm":
                continue
            for r in s.rows:
                c = r.cells.get(p.id)
                if isinstance(c, Cell) and c.mark and r.key not in marks.get(c.mark, []):
                    marks.setdefault(c.mark, []).append(r.key)
        out.append(f"  {p.id}:")
        for m in MARK_ORDER:
            if marks.get(m):
                out.append(para(f"{MARK_LABELS[m]}: " + ", ".join(marks[m]), width, " " * 6, "    "))
        cov = comp.coverage.get(p.id, [])
        for required, what in ((True, "cakupan wajib panduan"), (False, "anjuran panduan")):
            items = [c for c in cov if c.item.required == required and not c.manual]
            if not items:
                continue
            missing = [c.item.id for c in items if not c.covered]
            by_text = [f"{c.item.id} ({', '.join(c.articles)})" for c in items if c.articles and not c.covered_by]
            out.append(para(f"{what}: {len(items) - len(missing)}/{len(items)} tercakup"
                            + (f"; belum: {', '.join(missing)}" if missing else "")
                            + (f"; diatur tanpa aturan yang dapat diperiksa dari dosir: {', '.join(by_text)}"
                               if by_text else ""), width, " " * 6, "    "))
        manual = [c.item.id for c in cov if c.manual]
        if manual:
            out.append(para(f"periksa sendiri (tidak tampak dalam dosir): {', '.join(manual)}", width, " " * 6, "    "))
    return out


def compare_markdown(comp: Comparison) -> str:
    out = ["# Perbandingan peraturan\n"]
    for p in comp.columns:
        tag = f" *({baseline_tag(p)})*" if p is comp.baseline else ""
        out.append(f"- `{p.id}`: {short_name(p)} tentang {p.regulation.title}{tag}")
    out.append("")
    headers = _header(comp)
    for s in comp.sections:
        out.append(f"## {s.title}\n")
        rows = [[_row_label(r, True)] + [cell_text(r.cells[h], md=True).replace("|", "\\|") for h in headers]
                for r in s.rows]
        out.append(tabulate(rows, headers=[_first_header(s)] + headers, tablefmt="github", disable_numparse=True))
        out.append("")
    out.append("## Ringkasan\n")
    shared, unique = summary_items(comp)
    for heading, ids in shared:
        out.append(f"- {heading}: " + (", ".join(f"`{c}`" for c in ids) or "—"))
    for pid, ids in unique:
        out.append(f"- Hanya di `{pid}` ({len(ids)}): " + ", ".join(f"`{c}`" for c in ids))
    out.append("")
    if comp.conflicts:
        out.append("## Kontradiksi dan rujukan salah dalam teks\n")
        for pid, n in comp.conflicts:
            out.append(f"- **{n.kind}** `{pid}` · {conflict_text(n)}")
        out.append("")
    if comp.baseline:
        out.append(f"## Terhadap garis dasar `{comp.baseline.id}`\n")
        for line in baseline_lines(comp, 10_000)[1:]:
            text = line.strip()
            out.append(f"- **{text[:-1]}**" if line.startswith("  ") and not line.startswith("    ") else f"  - {text}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def compare_dict(comp: Comparison) -> dict:
    def cell(c):
        return c if isinstance(c, str) else c.as_dict()
    d = {
        "packs": [{"id": p.id, "regulation": short_name(p), "title": p.regulation.title,
                   "binding": p.regulation.binding} for p in comp.packs],
        "baseline": comp.baseline.id if comp.baseline else None,
        "topic": comp.topic,
        "sections": [{"id": s.id, "title": s.title,
                      "rows": [{"key": r.key, "label": r.label, "cells": {k: cell(v) for k, v in r.cells.items()}}
                               for r in s.rows]} for s in comp.sections],
        "summary": {"shared_all": comp.summary.shared_all, "shared_some": comp.summary.shared_some,
                    "unique": comp.summary.unique},
        "conflicts": [{"pack": pid, "id": n.id, "kind": n.kind, "text": n.text,
                       "citations": [c.as_dict() for c in n.citations],
                       "governing": n.governing.as_dict() if n.governing else None} for pid, n in comp.conflicts],
    }
    if comp.baseline:
        d["coverage"] = {pid: [{"id": c.item.id, "text": c.item.text, "citation": c.item.citation,
                                "required": c.item.required, "covered": c.covered, "manual": c.manual,
                                "rules": list(c.covered_by), "articles": list(c.articles)} for c in cov]
                         for pid, cov in comp.coverage.items()}
    return d


def compare_json(comp: Comparison) -> str:
    return json.dumps(compare_dict(comp), ensure_ascii=False, indent=2, default=str, allow_nan=False) + "\n"


def compare_csv(comp: Comparison) -> str:
    """Long format: one line per section, row and pack."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["bagian", "kunci", "label", "pack", "nilai", "pasal", "aturan", "tanda"])
    for s in comp.sections:
        for r in s.rows:
            for pid, c in r.cells.items():
                if isinstance(c, str):
                    w.writerow([s.id, r.key, r.label, pid, c, "", "", ""])
                else:
                    value = (c.numbers() if c.rules else c.criterion_value()) if c.present else ""
                    w.writerow([s.id, r.key, r.label, pid, value, c.citation() if c.present else "",
                                " ".join(x.id for x in c.rules), c.mark or ""])
    return buf.getvalue()
