"""The scorecard as terminal tables and Markdown, with the summary, rejections and warnings."""
from __future__ import annotations

from tabulate import tabulate

from ..compute import ScorecardResult, VillageScore
from .tables import (DEFAULT_TERMS, budget_rows, cell_text, num, reconciliation_table, rekap_table, tables_convergence,
                     tables_formulir1, tables_indicators, tables_quarters, tables_targets, tables_year, village_title)

REJECTIONS_SHOWN = 20


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
             village_of_dossier: VillageScore | None, kabupaten: str | None, formulir: int = 4):
    """Yield (heading or None, [(title, headers, rows)]) per village, plus the regency recap."""
    key = f"K{quarter}" if quarter else "tahun"
    if len(result.villages) > 1 and formulir != 1:
        yield None, [rekap_table(result, key, terms)]
    for v in result.villages:
        p = v.periods[key]
        title = village_title(v, terms, result.tahun, kabupaten)
        if formulir == 1:
            when = f", {p.label}" if quarter else ""      # the title already names the year
            head = f"FORMULIR 1. PENDATAAN KONDISI LAYANAN DAN REKAPITULASI STATUS SASARAN — {title}{when}"
            yield head, tables_formulir1(p, result.services(v))
        elif quarter:
            head = f"REKAPITULASI 3 BULANAN KONVERGENSI {terms['unit'].upper()} — {title}, {p.label}"
            yield head, quarter_tables(p, terms)
        else:
            budget = budget_rows(dossier) if v is village_of_dossier else None
            head = f"SCORE CARD KONVERGENSI {terms['unit'].upper()} (Formulir 4) — {title}"
            yield head, tables_year(p, terms, budget) + [tables_quarters(v)]


def quarter_tables(p, terms: dict) -> list:
    tabs = [tables_targets(p, f) for f in ("2a", "2b") if any(r.form == f for r in p.rows)]
    tabs += [tables_indicators(p, f"Formulir Bantu. Tingkat capaian penerimaan layanan — {p.label}"),
             tables_convergence(p, f"Tingkat konvergensi {terms['unit'].lower()} — {p.label}", terms["unit"])]
    return tabs


def table_text(title: str, headers: list[str], rows: list[list], fmt: str) -> list[str]:
    out = [f"**{title}**" if fmt == "markdown" else title, ""]
    out.append(tabulate([[cell_text(c) for c in r] for r in rows], headers=headers,
                        tablefmt="pipe" if fmt == "markdown" else "simple", disable_numparse=True))
    out.append("")
    return out


def render_text(result: ScorecardResult, fmt: str, terms: dict | None = None, quarter: int | None = None,
                dossier: dict | None = None, village_of_dossier: VillageScore | None = None,
                kabupaten: str | None = None, findings: list | None = None, formulir: int = 4) -> str:
    terms = {**DEFAULT_TERMS, **(terms or {})}
    out: list[str] = []
    for head, tabs in sections(result, terms, quarter, dossier, village_of_dossier, kabupaten, formulir):
        if head:
            out.append(f"## {head}" if fmt == "markdown" else head)
            out.append("")
        for title, headers, rows in tabs:
            out.extend(table_text(title, headers, rows, fmt))
    out.extend(summary_lines(result))
    out.extend(rejection_lines(result))
    out.extend(warning_lines(result))
    if findings:
        out.append("")
        out.extend(table_text(*reconciliation_table(findings), fmt))
    return "\n".join(out).rstrip() + "\n"
