"""The working paper (Kertas Kerja Pemeriksaan) as XLSX: one row per obligation, a summary, one sheet per village."""
from __future__ import annotations

import io
import re
from collections import Counter

from ..model import PARTY_LABELS, STATUS_LABELS, STATUSES, Finding, Report, missing_facts
from ..values import format_date
from .common import (bab_label, basis_text, citation_text, display_path, evidence_text, regulation_line, sort_findings,
                     topic_label, unit_word, village_name)

STATUS_FILL = {   # light fills that print legibly in black and white too
    "tidak_patuh": "F8CBAD", "tidak_dapat_dinilai": "FFE699", "patuh": "C6EFCE",
    "belum_jatuh_tempo": "DDEBF7", "tidak_berlaku": "E7E6E6",
}
# (header, width): the auditor's three columns come last and stay empty
COLUMNS = [
    ("No", 5), ("Pasal/ayat/huruf", 16), ("Kewajiban", 30), ("Kutipan pasal", 40), ("Status", 15),
    ("Tingkat", 9), ("Pesan", 40), ("Bukti", 55), ("Fakta yang tidak tersedia", 28),
    ("Dasar / tafsiran", 28), ("Periode", 30), ("Dokumen sumber", 24), ("Catatan auditor", 32),
    ("Tindak lanjut", 24),
]
HEADER_ROW = 5


def render_xlsx(reports: list[Report], rejected: list[tuple[str, str]]) -> bytes:
    buf = io.BytesIO()
    workbook(reports, rejected).save(buf)
    return buf.getvalue()


def workbook(reports: list[Report], rejected: list[tuple[str, str]] = ()):
    """The whole working paper: a summary (Rekap with several villages), one KKP sheet per village, notes.
    Built from a list of reports so a regency-wide run can reuse it."""
    from openpyxl import Workbook
    wb = Workbook()
    summary = wb.active
    summary.title = "Rekap" if len(reports) > 1 else "Ringkasan"
    names: set[str] = {summary.title, "Catatan"}
    for rep in reports:
        village_sheet(wb.create_sheet(sheet_name(village_name(rep), names)), rep)
    summary_sheet(summary, reports, rejected)
    notes_sheet(wb.create_sheet("Catatan"), reports)
    return wb


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Desa"
    out, n = base, 2
    while out in taken:
        suffix = f" ({n})"
        out, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(out)
    return out


# ------------------------------------------------------------------ styles
def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    thin = Side(style="thin", color="999999")
    return {
        "title": Font(bold=True, size=13), "bold": Font(bold=True),
        "head_fill": PatternFill("solid", fgColor="D9E1F2"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "fill": {s: PatternFill("solid", fgColor=c) for s, c in STATUS_FILL.items()},
    }


def _header(ws, row: int, labels: list[str], st) -> None:
    for col, label in enumerate(labels, 1):
        c = ws.cell(row=row, column=col, value=label)
        c.font, c.fill, c.alignment, c.border = st["bold"], st["head_fill"], st["wrap"], st["border"]


# ------------------------------------------------------------------ one village
def finding_row(n: int, f: Finding) -> list:
    r = f.rule
    periods = "\n".join(f"{p.label}: {STATUS_LABELS[p.status].lower()}" for p in f.periods)
    missing = [f.missing] if f.missing else []
    missing += [p for p in missing_facts(f.evidence) if p not in missing]
    status = STATUS_LABELS[f.status]
    message = f.message if not r.pihak_luar else f"{f.message}\nPihak: {PARTY_LABELS[r.subject]}"
    return [n, citation_text(f), f"{r.title}\n({r.id})", r.quote, status, r.severity, message,
            evidence_text(f.evidence, rule=f.rule), "\n".join(missing), basis_text(f), periods, None, None, None]


def village_sheet(ws, rep: Report) -> None:
    st = _styles()
    d = rep.dossier
    ws["A1"] = f"KERTAS KERJA PEMERIKSAAN — kepatuhan terhadap {regulation_line(rep)}"
    ws["A1"].font = st["title"]
    where = ", ".join(x for x in (village_name(rep), _ident(d, "kecamatan"), d.regency) if x)
    ws["A2"] = f"{where} — tahun {d.year}"
    ws["A2"].font = st["bold"]
    ws["A3"] = (f"Dinilai per {format_date(rep.as_of)} · pack {rep.pack.id} · berkas {display_path(d.file)}"
                + ("" if rep.in_force else " · peraturan belum berlaku"))
    ws["A4"] = _counts_text(rep)
    _header(ws, HEADER_ROW, [c for c, _ in COLUMNS], st)
    for i, (_, width) in enumerate(COLUMNS, 1):
        ws.column_dimensions[_col(i)].width = width
    row = HEADER_ROW
    for n, f in enumerate(sort_findings(rep.village_findings), 1):
        row += 1
        _finding(ws, row, finding_row(n, f), f.status, st)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{_col(len(COLUMNS))}{max(row, HEADER_ROW + 1)}"
    outside = sort_findings(rep.outside_findings)
    if outside:
        row += 2
        ws.cell(row=row, column=1, value=f"KEWAJIBAN PIHAK LAIN — bukan kewajiban {unit_word(rep)}; "
                                         "tidak dihitung dalam ringkasan").font = st["bold"]
        row += 1
        _header(ws, row, [c for c, _ in COLUMNS], st)
        for n, f in enumerate(outside, 1):
            row += 1
            _finding(ws, row, finding_row(n, f), f.status, st)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _finding(ws, row: int, values: list, status: str, st) -> None:
    for col, v in enumerate(values, 1):
        c = ws.cell(row=row, column=col, value=v)
        c.alignment, c.border = st["wrap"], st["border"]
    ws.cell(row=row, column=5).fill = st["fill"][status]


def _ident(dossier, key: str) -> str | None:
    return (dossier.data.get("identitas") or {}).get(key)


def _counts_text(rep: Report) -> str:
    c = rep.counts()
    return "Ringkasan: " + ", ".join(f"{c[s]} {STATUS_LABELS[s].lower()}" for s in STATUSES)


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(n)


# ------------------------------------------------------------------ summary and notes
REKAP_HEADERS = ["No", "Kecamatan", "Nama", "Tahun", "Peraturan", "Dinilai per"] + \
    [STATUS_LABELS[s] for s in STATUSES] + ["Jumlah kewajiban", "Kewajiban pihak lain"]


def rekap_rows(reports: list[Report]) -> list[list]:
    """One row per village: its counts per status (its own obligations) and the other parties' count."""
    rows = []
    for n, rep in enumerate(reports, 1):
        c = rep.counts()
        rows.append([n, _ident(rep.dossier, "kecamatan"), village_name(rep), rep.dossier.year,
                     str(rep.pack.regulation), format_date(rep.as_of)] + [c[s] for s in STATUSES] +
                    [sum(c.values()), len(rep.outside_findings)])
    return rows


GENERIC_TERMS = {"rumah_sehat": "Rumah Desa/Kampung/Kelurahan Sehat", "forum_antar": "Forum antar desa",
                 "rkp": "RKP", "anggaran": "APB"}


def topic_rows(reports: list[Report]) -> list[list]:
    """Counts per topic (the first part of each rule's concept) and status, over all the villages."""
    counts: dict[str, Counter] = {}
    one_pack = len({rep.pack.id for rep in reports}) == 1
    for rep in reports:
        terms = rep.pack.terms_for(rep.dossier.unit) if one_pack else GENERIC_TERMS
        for f in sort_findings(rep.village_findings):
            counts.setdefault(topic_label(f, terms), Counter())[f.status] += 1
    return [[topic] + [c[s] for s in STATUSES] + [sum(c.values())] for topic, c in counts.items()]


def bab_rows(reports: list[Report]) -> list[list]:
    """Counts per chapter (BAB) of the regulation and status, over all the villages, in the text's order;
    with several regulations each BAB is prefixed by its pack."""
    counts: dict[tuple, Counter] = {}
    one_pack = len({rep.pack.id for rep in reports}) == 1
    for rep in reports:
        for f in sort_findings(rep.village_findings):
            label = bab_label(rep.pack, f.rule.citation)
            key = (rep.pack.id, label) if not one_pack else ("", label)
            counts.setdefault(key, Counter())[f.status] += 1
    return [[f"{pack}: {label}" if pack else label] + [c[s] for s in STATUSES] + [sum(c.values())]
            for (pack, label), c in counts.items()]


def _count_table(ws, row: int, title: str, first: str, rows: list[list], st) -> int:
    """A titled table of counts per status (one row per BAB or topic) from `row` on; the last row written."""
    ws.cell(row=row, column=1, value=title).font = st["bold"]
    row += 1
    _header(ws, row, [first] + [STATUS_LABELS[s] for s in STATUSES] + ["Jumlah"], st)
    for values in rows:
        row += 1
        for col, v in enumerate(values, 1):
            ws.cell(row=row, column=col, value=v).border = st["border"]
    return row


def summary_sheet(ws, reports: list[Report], rejected) -> None:
    st = _styles()
    if len(reports) == 1:
        rep = reports[0]
        ws["A1"] = f"RINGKASAN — {village_name(rep)}, tahun {rep.dossier.year}"
        ws["A2"] = regulation_line(rep)
        ws["A3"] = f"Dinilai per {format_date(rep.as_of)}"
    else:
        ws["A1"] = f"REKAP — {len(reports)} dosir"
        ws["A2"] = "Jumlah kewajiban per status untuk setiap unit; kewajiban pihak lain tidak dihitung."
    ws["A1"].font = st["title"]
    row = 5
    _header(ws, row, REKAP_HEADERS, st)
    for values in rekap_rows(reports):
        row += 1
        for col, v in enumerate(values, 1):
            ws.cell(row=row, column=col, value=v).border = st["border"]
    if len(reports) > 1:
        row += 1
        ws.cell(row=row, column=3, value="Jumlah").font = st["bold"]
        totals = [sum(r[i] for r in rekap_rows(reports)) for i in range(6, 6 + len(STATUSES) + 2)]
        for col, v in enumerate(totals, 7):
            ws.cell(row=row, column=col, value=v).font = st["bold"]
    row = _count_table(ws, row + 2, "Per BAB peraturan (semua unit)", "BAB", bab_rows(reports), st)
    row = _count_table(ws, row + 2, "Per topik (semua unit)", "Topik", topic_rows(reports), st)
    if rejected:
        row += 2
        ws.cell(row=row, column=1, value=f"Ditolak ({len(rejected)} berkas tidak dapat dinilai)").font = st["bold"]
        for file, msg in rejected:
            row += 1
            ws.cell(row=row, column=1, value=display_path(file))
            ws.cell(row=row, column=2, value=msg).alignment = st["wrap"]
    for col, width in zip("ABCDEFGHIJKLM", (30, 18, 28, 7, 40, 18, 12, 12, 12, 12, 12, 12, 12)):
        ws.column_dimensions[col].width = width


def notes_sheet(ws, reports: list[Report]) -> None:
    st = _styles()
    ws["A1"] = "Catatan atas teks peraturan dan keterangan"
    ws["A1"].font = st["title"]
    row = 3
    seen = set()
    for rep in reports:
        if rep.pack.id in seen:
            continue
        seen.add(rep.pack.id)
        ws.cell(row=row, column=1, value=regulation_line(rep)).font = st["bold"]
        for note in rep.pack.notes:
            row += 1
            ws.cell(row=row, column=1, value=note.kind)
            ws.cell(row=row, column=2, value=note.text).alignment = st["wrap"]
        row += 2
    legend = [
        ("Status", "Patuh: kewajiban dipenuhi. Tidak patuh: dosir menunjukkan kewajiban tidak dipenuhi. "
                   "Tidak dapat dinilai: fakta yang diperlukan tidak tercatat (kolom 'Fakta yang tidak tersedia'). "
                   "Belum jatuh tempo: periode atau tenggatnya belum berakhir. Tidak berlaku: syaratnya tidak terpenuhi."),
        ("Tafsiran", "Kewajiban bertanda (tafsiran) disimpulkan pack dari teks, bukan bunyi pasal; alasannya di "
                     "kolom 'Dasar / tafsiran'."),
        ("Kolom auditor", "Dokumen sumber, catatan auditor dan tindak lanjut diisi auditor."),
    ]
    for key, text in legend:
        ws.cell(row=row, column=1, value=key).font = st["bold"]
        ws.cell(row=row, column=2, value=text).alignment = st["wrap"]
        row += 1
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 110


# ------------------------------------------------------------------ the rekap of a batch
STATUS_SHORT = {"tidak_patuh": "TP", "tidak_dapat_dinilai": "TD", "patuh": "P", "belum_jatuh_tempo": "BJT",
                "tidak_berlaku": "TB"}


def render_rekap_xlsx(rk, top: int = 10) -> bytes:
    buf = io.BytesIO()
    rekap_workbook(rk, top).save(buf)
    return buf.getvalue()


def rekap_workbook(rk, top: int = 10):
    """The rekap of a batch: per kabupaten, per kecamatan, the most violated obligations, one village x obligation
    matrix per kabupaten and pack, the rejected dossiers. Written row by row (openpyxl's write-only mode), so a
    national batch of 80,000 villages fits in memory."""
    from openpyxl import Workbook

    from .rekap import GROUP_HEADERS, NOTE, headline, kecamatan_rows
    wb = Workbook(write_only=True)
    st = _styles()
    names: set[str] = set()
    w = _RowWriter(wb.create_sheet(sheet_name("Rekap", names)), st)
    w.widths([34] + [12] * len(GROUP_HEADERS))
    w.title(f"REKAP PEMERIKSAAN KEPATUHAN — {headline(rk)}")
    w.row([NOTE])
    w.row([])
    w.header(["Kabupaten/kota"] + GROUP_HEADERS)
    for g in rk.kabupaten.values():
        w.row([g.name] + g.row())
    w.row(["Jumlah"] + rk.totals.row(), bold=True)

    w = _RowWriter(wb.create_sheet(sheet_name("Kecamatan", names)), st)
    w.widths([34, 34] + [12] * len(GROUP_HEADERS))
    w.header(["Kabupaten/kota", "Kecamatan/distrik"] + GROUP_HEADERS)
    for kab, g in rk.kabupaten.items():
        for values in kecamatan_rows(rk, kab):
            total = values[0] == "Jumlah"
            w.row([g.name, f"Jumlah {g.name}" if total else values[0]] + values[1:], bold=total)

    w = _RowWriter(wb.create_sheet(sheet_name("Paling dilanggar", names)), st)
    w.widths([34, 5, 22, 60, 12, 12, 12])
    w.header(["Kabupaten/kota", "No", "Pasal", "Kewajiban", "Desa tidak patuh", "Desa dinilai", "Tidak dapat dinilai"])
    for kab, g in rk.kabupaten.items():
        for i, (ob, n, unknown, of) in enumerate(rk.most_violated(kab, top), 1):
            w.row([g.name, i, ob.citation, ob.title, n, of, unknown])

    for kab, g in rk.kabupaten.items():
        for pack in rk.packs_of(kab):
            _matrix_sheet(wb.create_sheet(sheet_name(f"Matriks {g.name.replace('Kabupaten ', '')}", names)),
                          rk, kab, pack, st)

    w = _RowWriter(wb.create_sheet(sheet_name("Ditolak", names)), st)
    w.widths([40, 30, 30, 100])
    w.header(["Berkas", "Kabupaten/kota", "Kecamatan/distrik", "Alasan"])
    for r in rk.rejected:
        w.row([r.file, rk.kabupaten[r.kabupaten].name, rk.kecamatan[(r.kabupaten, r.kecamatan)].name, r.error],
              wrap=True)

    w = _RowWriter(wb.create_sheet(sheet_name("Keterangan", names)), st)
    w.widths([24, 110])
    for key, text in [("Kode status", "TP tidak patuh, TD tidak dapat dinilai (fakta tidak tercatat), P patuh, "
                                      "BJT belum jatuh tempo, TB tidak berlaku; sel kosong: kewajiban tidak dinilai"),
                      ("Jumlah", NOTE),
                      ("Desa dengan pelanggaran", "desa yang paling sedikit satu kewajibannya tidak patuh"),
                      ("Ditolak", "dosir yang tidak dapat dibaca atau tidak sesuai skema; alasannya di lembar Ditolak")]:
        w.row([key, text], wrap=True)
    return wb


def _matrix_sheet(ws, rk, kab: str, pack: str, st) -> None:
    """Villages down, obligations across (Pasal and title in the header), a status code per cell, and per
    kecamatan a row counting the villages tidak patuh on each obligation."""
    from ..rekap import MARKS
    from .rekap import violations_per_obligation
    obligations = list(rk.obligations[pack].values())
    ws.freeze_panes = "E4"   # before any row: a write-only sheet writes its views first
    w = _RowWriter(ws, st)
    w.widths([28, 28, 16, 10] + [7] * len(obligations))
    w.title(f"Matriks desa × kewajiban — {rk.kabupaten[kab].name} ({rk.regulation[pack]})")
    w.row(["Kode: TP tidak patuh, TD tidak dapat dinilai, P patuh, BJT belum jatuh tempo, TB tidak berlaku"])
    w.header(["Kecamatan/distrik", "Desa", "Kode wilayah", "Kewajiban tidak patuh"] +
             [f"{ob.citation}\n{ob.title}" for ob in obligations], rotate=True)
    code = {m: (STATUS_SHORT[s], s) for s, m in MARKS.items()}
    for kec, villages in rk.by_kecamatan(kab, pack):
        name = rk.kecamatan[(kab, kec)].name
        for v in villages:
            cells = [name, v.nama, v.kode_wilayah, v.violations]
            fills = []
            for i in range(len(obligations)):
                m = v.marks[i] if i < len(v.marks) else " "
                short, status = code.get(m, ("", None))
                cells.append(short or None)
                fills.append(status)
            w.row(cells, fills=[None] * 4 + fills)
        w.row([name, "Jumlah: desa tidak patuh per kewajiban", None, sum(v.violations for v in villages)] +
              violations_per_obligation(villages, len(obligations)), bold=True)


class _RowWriter:
    """Rows into a write-only sheet, styled like the working paper."""

    def __init__(self, ws, st):
        self.ws, self.st = ws, st

    def widths(self, widths: list[int]) -> None:
        for i, width in enumerate(widths, 1):
            self.ws.column_dimensions[_col(i)].width = width

    def _cell(self, value, **style):
        from openpyxl.cell import WriteOnlyCell
        c = WriteOnlyCell(self.ws, value=value)
        for k, v in style.items():
            setattr(c, k, v)
        return c

    def title(self, text: str) -> None:
        self.ws.append([self._cell(text, font=self.st["title"])])

    def header(self, labels: list[str], rotate: bool = False) -> None:
        from openpyxl.styles import Alignment
        turned = Alignment(wrap_text=True, vertical="bottom", text_rotation=90)
        self.ws.append([self._cell(label, font=self.st["bold"], fill=self.st["head_fill"], border=self.st["border"],
                                   alignment=turned if rotate and i >= 4 else self.st["wrap"])
                        for i, label in enumerate(labels)])

    def row(self, values: list, bold: bool = False, wrap: bool = False, fills: list | None = None) -> None:
        out = []
        for i, v in enumerate(values):
            style = {"border": self.st["border"]}
            if bold:
                style["font"] = self.st["bold"]
            if wrap:
                style["alignment"] = self.st["wrap"]
            if fills and fills[i]:
                style["fill"] = self.st["fill"][fills[i]]
            out.append(self._cell(v, **style))
        self.ws.append(out)
