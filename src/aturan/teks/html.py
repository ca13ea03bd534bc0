"""The literate view: the whole regulation, each Pasal followed by the rules that encode it (or why
none does), recorded contradictions and text defects at their place, optionally a village's
verdicts. One self-contained HTML file (no script, no outside resources) that prints to A4."""
from __future__ import annotations

import html
from pathlib import Path
from collections import defaultdict

from .. import __version__
from ..model import STATUS_LABELS, Citation
from .lint import lint_naskah
from .model import LIST_KINDS, Naskah, Unit

STATUS_CLASS = {"patuh": "ok", "tidak_patuh": "bad", "tidak_dapat_dinilai": "unk", "belum_jatuh_tempo": "due",
                "tidak_berlaku": "na"}
NOTE_KIND = {"kontradiksi": "Kontradiksi", "rujukan_salah": "Rujukan salah", "ambiguitas": "Ambiguitas",
             "ocr": "Kesalahan teks (OCR)", "catatan": "Catatan"}


def anchor_id(unit_id: str) -> str:
    """The HTML anchor of a unit: "pasal-21/huruf-d" -> "pasal-21-huruf-d"."""
    return unit_id.replace("/", "-")


def citation_anchor(citation: Citation | dict) -> str:
    """The anchor a report links to for a rule's citation: "#pasal-21-huruf-d", "#lampiran-III".
    (For reports such as `check --format html`, which link each finding to this view.)"""
    c = citation.as_dict() if isinstance(citation, Citation) else dict(citation)
    if c.get("lampiran"):
        return f"#lampiran-{c['lampiran']}"
    parts = []
    if c.get("pasal") is not None:
        parts.append(f"pasal-{c['pasal']}")
    if c.get("ayat") is not None:
        parts.append(f"ayat-{c['ayat']}")
    if c.get("huruf"):
        parts.append(f"huruf-{c['huruf']}")
    if c.get("angka") is not None:
        parts.append(f"angka-{c['angka']}")
    return "#" + "-".join(parts)


CSS = """
:root{--ink:#1b1b1b;--muted:#5b6270;--line:#d9dde3;--ok:#1e7a35;--bad:#b3261e;--unk:#8a5a00;--na:#6b6b6b;--due:#2f5d8a;--law:#fffdf7}
*{box-sizing:border-box}
body{font-family:"Bookman Old Style",Georgia,serif;color:var(--ink);margin:0;background:#f4f5f7;line-height:1.45}
header.top{background:#19324f;color:#fff;padding:18px 28px}
header.top h1{font-size:20px;margin:0 0 4px}
header.top p{margin:2px 0;font-family:Arial,sans-serif;font-size:13px;opacity:.9}
main{display:block;max-width:1180px;margin:0 auto;padding:16px}
.summary{font-family:Arial,sans-serif;font-size:13px;background:#fff;border:1px solid var(--line);padding:10px 14px;margin-bottom:14px}
.summary span{display:inline-block;margin-right:14px}
nav.toc{font-family:Arial,sans-serif;font-size:12px;background:#fff;border:1px solid var(--line);padding:10px 14px;margin-bottom:14px;columns:3}
nav.toc a{color:#19324f;text-decoration:none;display:block}
section.block{background:var(--law);border:1px solid var(--line);padding:12px 18px;margin-bottom:12px;page-break-inside:auto}
.center{text-align:center}
.caps{text-transform:none;font-weight:bold}
.pasal{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:16px;background:#fff;border:1px solid var(--line);margin-bottom:12px;page-break-inside:avoid}
.law{background:var(--law);padding:10px 16px;border-right:1px solid var(--line)}
.law h3{text-align:center;font-size:15px;margin:4px 0 8px}
.code{padding:10px 14px;font-family:Arial,sans-serif;font-size:12.5px}
.u{margin:3px 0}
.u .m{display:inline-block;min-width:2.2em}
.d1{margin-left:1.6em}.d2{margin-left:3.2em}.d3{margin-left:4.8em}.d4{margin-left:6.4em}
h2.bab{text-align:center;font-size:16px;margin:22px 0 8px}
h2.bab small,h2.bagian small{display:block;font-size:14px}
h2.bagian{text-align:center;font-size:15px;margin:14px 0 8px}
.rule{border:1px solid var(--line);border-left:4px solid #19324f;padding:6px 9px;margin-bottom:8px;background:#fbfcfe}
.rule h4{margin:0 0 3px;font-size:13px}
.rule .id{font-family:Consolas,monospace;font-size:11px;color:var(--muted)}
.rule pre{white-space:pre-wrap;background:#f1f3f6;padding:5px 7px;margin:4px 0;font-size:11.5px;font-family:Consolas,monospace}
.rule q{font-style:italic}
.kv{color:var(--muted);font-size:11.5px}
.badge{display:inline-block;padding:1px 7px;border-radius:9px;color:#fff;font-size:11px;margin-left:4px}
.b-ok{background:var(--ok)}.b-bad{background:var(--bad)}.b-unk{background:var(--unk)}.b-na{background:var(--na)}.b-due{background:var(--due)}
.trace{border-left:4px solid #9aa3ae;padding:6px 9px;background:#f7f7f7;margin-bottom:8px}
.note{border-left:4px solid #7b3fa0;background:#faf5fd;padding:6px 9px;margin-bottom:8px}
.defect{border-left:4px solid var(--bad);background:#fff5f4;padding:5px 9px;margin-bottom:6px}
.defect.recorded{border-left-color:#c77700;background:#fff9ef}
.flag{color:var(--bad);font-family:Arial,sans-serif;font-size:11px;text-decoration:none;margin-left:4px}
table.lamp{border-collapse:collapse;width:100%;font-size:11px;font-family:Arial,sans-serif;margin:6px 0}
table.lamp td{border:1px solid #bbb;padding:3px 5px;vertical-align:top}
.muted{color:var(--muted)}
a{color:#19324f}
footer{font-family:Arial,sans-serif;font-size:11px;color:var(--muted);text-align:center;padding:14px}
@media print{body{background:#fff}header.top{background:#fff;color:#000;border-bottom:2px solid #000}
 .pasal{grid-template-columns:1fr 1fr}nav.toc{display:none}@page{size:A4;margin:14mm}}
"""


def _e(s) -> str:
    return html.escape(str(s or ""), quote=True)


def _shown(file: str) -> str:
    """The text's file without this machine's folders: relative to the working folder when it lies below it,
    else from the packs' `rules/` folder on (a page handed to others never carries /home/... paths)."""
    from ..report.common import display_path
    shown = display_path(file)
    parts = Path(file).parts
    if shown == Path(file).name and "rules" in parts:
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("rules"):])
    return shown


def pack_anchor(pack, citation: Citation) -> str:
    """The anchor of the unit a rule's citation names in the pack's literate view (`aturan teks html`),
    found in the pack's text as `href` does; the citation's own anchor when the pack carries no text."""
    from . import load_pack_text
    from .locate import unit_for
    naskah = load_pack_text(pack.path)
    if naskah is not None:
        u, _ = unit_for(naskah, **{k: getattr(citation, k) for k in ("pasal", "ayat", "huruf", "angka", "lampiran", "bagian")})
        if u is not None and u.id:
            return f"#{anchor_id(u.id)}"
    return citation_anchor(citation)


class _View:
    def __init__(self, pack, naskah: Naskah, report=None):
        from .. import teks
        self.pack, self.n, self.report = pack, naskah, report
        self.notes_file = teks.load_notes(pack.path)
        self.defects = lint_naskah(naskah, self.notes_file)
        self.defects_at: dict[str, list] = defaultdict(list)
        for d in self.defects:
            self.defects_at[d.unit].append(d)
        self.rules_at: dict[str, list] = defaultdict(list)
        self.lamp_rules: dict[str, list] = defaultdict(list)
        for r in pack.rules:
            if r.citation.pasal is not None:
                self.rules_at[str(r.citation.pasal)].append(r)
            elif r.citation.lampiran:
                self.lamp_rules[r.citation.lampiran].append(r)
        self.notes_at: dict[str, list] = defaultdict(list)
        for note in pack.notes:
            seen = set()
            for c in note.citations:
                key = f"pasal-{c.pasal}" if c.pasal is not None else f"lampiran-{c.lampiran}"
                if key not in seen:
                    self.notes_at[key].append(note)
                    seen.add(key)
        self.cases = self._case_counts()
        self.trace_quotes = self._trace_quotes()
        self.findings = {f.rule.id: f for f in report.findings} if report is not None else {}
        self.terms = pack.terms_for(report.dossier.unit if report is not None else None)

    def _trace_quotes(self) -> dict[tuple, str]:
        """The words each traceability entry rests on (`quote:`), read from traceability.yaml."""
        from ..errors import AturanError
        from ..yamlio import load_file
        p = self.pack.path / "traceability.yaml"
        try:
            data = load_file(p).data if p.is_file() else {}
        except AturanError:
            return {}
        out = {}
        for section in ("pasal", "lampiran"):
            for k, e in ((data or {}).get(section) or {}).items():
                if isinstance(e, dict) and e.get("quote"):
                    out[(section, int(k) if section == "pasal" else str(k))] = e["quote"]
        return out

    def _case_counts(self) -> dict[str, int]:
        from ..testing import load_cases
        counts: dict[str, int] = defaultdict(int)
        try:
            for case in load_cases(self.pack):
                for rid in case.expect:
                    counts[rid] += 1
        except Exception:       # noqa: BLE001 - a broken test file must not hide the view; lint reports it
            pass
        return counts

    # ------------------------------------------------------------ pieces
    def unit_html(self, u: Unit, depth: int) -> str:
        aid = anchor_id(u.id)
        flags = "".join(f'<a class="flag" href="#cacat-{i}" title="{_e(d.pesan)}">⚑</a>'
                        for i, d in self._defect_index(u))
        if u.kind in LIST_KINDS or u.kind == "ayat":
            cls = f"u d{min(depth, 4)}"
            return (f'<div class="{cls}" id="{aid}"><span class="m">{_e(u.marker)}</span> {_e(u.text)}{flags}</div>')
        if u.kind == "para":
            return f'<div class="u d{min(depth, 4)}" id="{aid}">{_e(u.text)}{flags}</div>'
        if u.kind == "baris":
            cells = [c.strip() for c in u.text.strip().strip("|").split("|")]
            return "<tr id=\"%s\">%s</tr>" % (aid, "".join(f"<td>{_e(c)}</td>" for c in cells))
        return ""

    def _defect_index(self, u: Unit):
        for d in self.defects_at.get(u.id, []):
            yield self.defects.index(d), d

    def unit_tree(self, u: Unit, depth: int = 0) -> str:
        out = []
        in_table = False
        for c in u.children:
            if c.kind == "baris":
                if not in_table:
                    out.append('<table class="lamp">')
                    in_table = True
                out.append(self.unit_html(c, depth))
                continue
            if in_table:
                out.append("</table>")
                in_table = False
            out.append(self.unit_html(c, depth + (1 if c.kind in LIST_KINDS else 0)))
            if c.children:
                out.append(self.unit_tree(c, depth + (1 if c.kind in LIST_KINDS else 0)))
        if in_table:
            out.append("</table>")
        return "\n".join(out)

    def href(self, c: Citation) -> str:
        """The anchor of the unit a citation names in this text (the order of angka and huruf as written)."""
        from .locate import unit_for
        u, _ = unit_for(self.n, **{k: getattr(c, k) for k in ("pasal", "ayat", "huruf", "angka", "lampiran", "bagian")})
        return f"#{anchor_id(u.id)}" if u is not None and u.id else citation_anchor(c)

    def rule_html(self, r) -> str:
        cite_href = self.href(r.citation)
        f = self.findings.get(r.id)
        badge = ""
        verdict = ""
        if f is not None:
            cls = STATUS_CLASS.get(f.status, "na")
            badge = f'<span class="badge b-{cls}">{_e(STATUS_LABELS.get(f.status, f.status))}</span>'
            ev = "; ".join(f"{k} = {v}" for k, v in f.evidence.items())
            verdict = f'<div class="kv">Hasil: {_e(f.message)}{(" — " + _e(f.detail)) if f.detail else ""}</div>'
            if ev:
                verdict += f'<div class="kv">Bukti: {_e(ev)}</div>'
        from ..engine import render_message
        try:
            message = render_message(r, self.terms)
        except (KeyError, IndexError, ValueError):
            message = r.message
        when = f"<pre>bila: {_e(r.when_src.strip())}</pre>" if r.when_src else ""
        params = ", ".join(f"{k} = {v}" for k, v in r.params.items())
        cases = self.cases.get(r.id, 0)
        return (f'<div class="rule" id="aturan-{_e(r.id)}"><h4>{_e(r.title)}{badge}</h4>'
                f'<div class="id">{_e(r.id)} · <a href="{cite_href}">{_e(r.citation)}</a> · {_e(r.severity)} · '
                f'{_e(r.subject)} · {cases} kasus uji</div>'
                f'<div class="kv">Kutipan: <q>{_e(r.quote)}</q></div>{when}'
                f'<pre>syarat: {_e(r.require_src.strip())}</pre>'
                + (f'<div class="kv">Parameter: {_e(params)}</div>' if params else "")
                + f'<div class="kv">Pesan: {_e(message)}</div>{verdict}</div>')

    def note_html(self, note) -> str:
        cites = ", ".join(f'<a href="{self.href(c)}">{_e(c)}</a>' for c in note.citations)
        gov = f' · diikuti: {_e(note.governing)}' if note.governing else ""
        return (f'<div class="note" id="catatan-{_e(note.id)}"><b>{_e(NOTE_KIND.get(note.kind, note.kind))}</b> '
                f'<span class="kv">({_e(note.id)}; {cites}{gov})</span><div>{_e(note.text)}</div></div>')

    def defects_html(self, unit_ids: set) -> str:
        out = []
        for i, d in enumerate(self.defects):
            if d.unit in unit_ids:
                rec = " recorded" if d.asal == "catatan" else ""
                who = "dicatat penelaah" if d.asal == "catatan" else "ditemukan teks lint"
                u = self.n.unit(d.unit)
                where = f'<a href="#{anchor_id(d.unit)}">{_e(u.title() if u else d.unit)}</a>'
                out.append(f'<div class="defect{rec}" id="cacat-{i}"><b>Cacat teks [{_e(d.kode)}]</b> {where}: '
                           f'{_e(d.pesan)}' + (f'<div class="kv">{_e(d.saran)}</div>' if d.saran else "")
                           + f'<div class="kv">{who} · baris {(d.location.line or 0) + 1}</div></div>')
        return "\n".join(out)

    def trace_html(self, key: tuple) -> str:
        e = self.pack.traceability.get(key)
        if e is None:
            return '<div class="trace muted">Tidak ada catatan keterlacakan untuk unit ini.</div>'
        if e.rules and not e.not_checkable:
            return ""
        quote = self.trace_quotes.get(key)
        words = f'<div class="kv">Berdasarkan kata-kata: <q>{_e(quote)}</q></div>' if quote else ""
        return (f'<div class="trace"><b>Tidak dikodekan: {_e(e.not_checkable)}</b><div>{_e(e.note or "")}</div>'
                f'{words}</div>')

    # ------------------------------------------------------------ the page
    def pasal_html(self, p: Unit) -> str:
        ids = {u.id for u in p.walk()}
        rules = self.rules_at.get(p.label, [])
        code = []
        if rules:
            code.append("".join(self.rule_html(r) for r in rules))
        code.append(self.trace_html(("pasal", int(p.label))) if p.label.isdigit() else "")
        code.extend(self.note_html(n) for n in self.notes_at.get(f"pasal-{p.label}", []))
        code.append(self.defects_html(ids))
        law = (f'<h3 id="{anchor_id(p.id)}">{_e(p.marker)}'
               + "".join(f'<a class="flag" href="#cacat-{i}" title="{_e(d.pesan)}">⚑</a>' for i, d in self._defect_index(p))
               + f'</h3>{self.unit_tree(p)}')
        return f'<div class="pasal"><div class="law">{law}</div><div class="code">{"".join(code)}</div></div>'

    def heading_html(self, u: Unit) -> str:
        flags = "".join(f'<a class="flag" href="#cacat-{i}" title="{_e(d.pesan)}">⚑</a>' for i, d in self._defect_index(u))
        cls = "bab" if u.kind == "bab" else "bagian"
        return f'<h2 class="{cls}" id="{anchor_id(u.id)}">{_e(u.marker)}{flags}<small>{_e(u.text)}</small></h2>'

    def body(self, u: Unit) -> list[str]:
        out = []
        for c in u.children:
            if c.kind in ("bab", "bagian", "paragraf"):
                out.append(self.heading_html(c))
                out.extend(self.body(c))
                others = {x.id for x in c.walk()} - {x.id for p in c.walk() if p.kind == "pasal" for x in p.walk()}
                d = self.defects_html({c.id})
                if d and c.id in others:
                    out.append(f'<section class="block">{d}</section>')
            elif c.kind == "pasal":
                out.append(self.pasal_html(c))
        return out

    def simple_block(self, u: Unit, title: str | None = None) -> str:
        lines = [f'<div class="u center">{_e(t)}</div>' for _, _, t in u.lines]
        ids = {x.id for x in u.walk()}
        inner = self.unit_tree(u)
        head = f'<h3 class="center" id="{anchor_id(u.id)}">{_e(title)}</h3>' if title else f'<span id="{anchor_id(u.id)}"></span>'
        return f'<section class="block">{head}{"".join(lines)}{inner}{self.defects_html(ids)}</section>'

    def pembukaan_html(self, pemb: Unit) -> str:
        out = [f'<div class="u center">{_e(t)}</div>' for _, _, t in pemb.lines]
        for c in pemb.children:
            if c.kind == "jabatan":
                out += [f'<div class="u center caps">{_e(t)}</div>' for _, _, t in c.lines]
            elif c.kind in ("konsiderans", "dasar_hukum", "memperhatikan"):
                out.append(f'<div class="u caps" id="{anchor_id(c.id)}">{_e(c.marker)}</div>')
                out.append(self.unit_tree(c))
            elif c.kind == "diktum":
                out += [f'<div class="u center caps">{_e(t)}</div>' for _, _, t in c.lines]
                out.append(f'<div class="u" id="{anchor_id(c.id)}"><b>{_e(c.marker)}</b> {_e(c.text)}</div>')
                out.append(self.unit_tree(c))
        ids = {x.id for x in pemb.walk()}
        return f'<section class="block" id="pembukaan">{"".join(out)}{self.defects_html(ids)}</section>'

    def lampiran_html(self, lp: Unit) -> str:
        ids = {x.id for x in lp.walk()}
        code = "".join(self.rule_html(r) for r in self.lamp_rules.get(lp.label, []))
        code += self.trace_html(("lampiran", lp.label)) if lp.label else ""
        code += "".join(self.note_html(n) for n in self.notes_at.get(f"lampiran-{lp.label}", []))
        code += self.defects_html(ids)
        law = f'<h3 id="{anchor_id(lp.id)}">{_e(lp.marker)}</h3>{self.unit_tree(lp)}'
        return f'<div class="pasal"><div class="law">{law}</div><div class="code">{code}</div></div>'

    def page(self) -> str:
        reg = self.pack.regulation
        n = self.n
        parts = []
        kepala = n.root.find_first("kepala")
        if kepala is not None:
            parts.append(self.simple_block(kepala))
        pemb = n.root.find_first("pembukaan")
        if pemb is not None:
            parts.append(self.pembukaan_html(pemb))
        for tb in n.root.children:
            if tb.kind in ("batang_tubuh", "fragmen"):
                parts.extend(self.body(tb))
        pen = n.root.find_first("penutup")
        if pen is not None:
            blocks = "".join(f'<div class="u">{_e(c.text)}</div>' if c.kind == "para" else
                             "".join(f'<div class="u">{_e(t)}</div>' for _, _, t in c.lines) + "<br>"
                             for c in pen.children)
            parts.append(f'<section class="block" id="penutup">{blocks}{self.defects_html({x.id for x in pen.walk()})}</section>')
        for lp in n.units("lampiran"):
            parts.append(self.lampiran_html(lp))
        toc = []
        for u in n.root.walk():
            if u.kind == "bab":
                toc.append(f'<a href="#{anchor_id(u.id)}"><b>{_e(u.marker)}</b> {_e(u.text.title())}</a>')
            elif u.kind == "pasal" and not any(a.kind == "penjelasan" for a in u.ancestors()):
                k = len(self.rules_at.get(u.label, []))
                toc.append(f'<a href="#{anchor_id(u.id)}">{_e(u.marker)} — {k} aturan</a>')
            elif u.kind == "lampiran":
                toc.append(f'<a href="#{anchor_id(u.id)}"><b>{_e(u.marker)}</b></a>')
        summary = [f"<span>{len(n.pasal_numbers)} Pasal</span>", f"<span>{len(self.pack.rules)} aturan</span>",
                   f"<span>{len(self.pack.notes)} catatan pack</span>",
                   f"<span>{sum(d.asal == 'periksa' for d in self.defects)} cacat teks ditemukan teks lint, "
                   f"{sum(d.asal == 'catatan' for d in self.defects)} dicatat penelaah</span>"]
        if self.report is not None:
            c = self.report.counts()
            d = self.report.dossier
            summary.insert(0, f"<span><b>{_e(self.terms.get('unit', ''))} {_e(d.name)}, tahun {d.year}</b> "
                           f"(dinilai per {self.report.as_of.isoformat()})</span>")
            summary += [f'<span class="badge b-{STATUS_CLASS.get(s, "na")}">{_e(STATUS_LABELS.get(s, s))}: {c[s]}</span>'
                        for s in c]
        title = str(reg)
        return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{_e(title)}</title>
<meta name="generator" content="aturan {_e(__version__)}"><style>{CSS}</style></head>
<body>
<header class="top"><h1>{_e(title)}</h1><p>tentang {_e(reg.title)}</p>
<p>Tampilan literate pack <b>{_e(self.pack.id)}</b>: setiap Pasal diikuti aturan yang mengodekannya
(syarat dalam DSL, pesan, jumlah kasus uji) atau alasan tidak dikodekan; catatan pack dan cacat teks di tempatnya.</p></header>
<main>
<div class="summary">{"".join(summary)}</div>
<nav class="toc">{"".join(toc)}</nav>
{"".join(parts)}
</main>
<footer>Dibuat oleh aturan {_e(__version__)} dari {_e(_shown(n.file))}.</footer>
</body></html>
"""


def literate_html(pack, naskah: Naskah, report=None) -> str:
    return _View(pack, naskah, report).page()
