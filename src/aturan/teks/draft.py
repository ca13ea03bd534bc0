"""The draft regulation of a copied pack: the origin's text with the new regency, its unit words,
parties and officials (from the declared terminology), every changed parameter written into its
article, every changed unit marked for review; as DOCX in the layout of a Perbup, and as Markdown."""
from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import AturanError
from . import ORIGIN_FILE, TEXT_DIR, kata, load_pack_text, text_path
from .lint import catalogue
from .locate import unit_for
from .model import LIST_KINDS, Naskah, Unit
from .render import render

ELLIPSIS = "…"


@dataclass
class Draft:
    origin: object                      # RulePack the text comes from
    pack: object                        # the draft RulePack
    naskah: Naskah                      # the draft text (a changed copy of the origin's tree)
    source: Naskah                      # the origin's text
    changed: dict = field(default_factory=dict)      # unit id -> reasons (Indonesian)
    unplaced: list = field(default_factory=list)     # parameter changes whose words were not found

    def mark(self, u: Unit, reason: str) -> None:
        reasons = self.changed.setdefault(u.id, [])
        if reason not in reasons:
            reasons.append(reason)


# ------------------------------------------------------------------ origin of a draft
def origin_file_text(origin_id: str, unit_from: str | None, unit_to: str | None) -> str:
    """teks/asal.yaml written by `pack new`: where the draft's text comes from."""
    lines = ["# Draf ini disalin dari pack lain dengan `aturan pack new`. `aturan teks draft` menulis",
             "# rancangan teks Perbup-nya dari teks pack asal, dengan istilah dan parameter draf ini.",
             yaml.safe_dump({"asal": origin_id}, allow_unicode=True).strip()]
    if unit_from and unit_to:
        lines.append(yaml.safe_dump({"unit": {"dari": unit_from, "ke": unit_to}}, allow_unicode=True,
                                    default_flow_style=False, sort_keys=False).strip())
    return "\n".join(lines) + "\n"


def origin_of(pack) -> str | None:
    p = Path(pack.path) / TEXT_DIR / ORIGIN_FILE
    if not p.is_file():
        return None
    from ..yamlio import load_file
    data = load_file(p).data or {}
    return data.get("asal") if isinstance(data, dict) else None


def draft_for(session, ref: str, origin: str | None = None) -> Draft:
    pack = session.pack(ref)
    origin_id = origin or origin_of(pack)
    if not origin_id:
        raise AturanError(f"pack {pack.id} tidak menyebut pack asalnya (teks/asal.yaml tidak ada)",
                          hint="sebutkan dengan --from PACK, mis. --from sijunjung")
    src = session.pack(origin_id)
    if src.path.resolve() == pack.path.resolve():
        raise AturanError(f"pack asal dan pack draf sama ({pack.id})")
    source = load_pack_text(src.path)
    if source is None:
        raise AturanError(f"pack asal {src.id} tidak membawa teks peraturan ({text_path(src.path)})",
                          hint="rancangan teks ditulis dari teks pack asal")
    return make_draft(src, pack, source)


# ------------------------------------------------------------------ substitutions
def _case_like(found: str, new: str) -> str:
    if found.isupper() and len(found) > 1:
        return new.upper()
    if found[:1].islower() and new[:1].isupper() and not new.isupper():
        return new[:1].lower() + new[1:]
    if found[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new


def _phrases(term: str) -> list[str]:
    """"Rumah Desa Sehat (RDS)" -> ["Rumah Desa Sehat", "RDS"]."""
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", term or "")
    return [m.group(1), m.group(2)] if m else [term]


def substitutions(origin, pack) -> list[tuple[str, str, str]]:
    """(old words, new words, reason) in the order they are applied: longest first, so that
    "Wali Nagari" -> "Keuchik" happens before "Nagari" -> "Gampong"."""
    pairs: dict[str, tuple[str, str]] = {}
    o_reg, n_reg = origin.regulation, pack.regulation
    for u_o, u_n in _unit_pairs(origin, pack):
        to, tn = origin.terminology.get(u_o) or {}, pack.terminology.get(u_n) or {}
        for key, old in to.items():
            new = tn.get(key)
            if not new or not old or old == new:
                continue
            po, pn = _phrases(old), _phrases(new)
            if len(po) == len(pn):
                for a, b in zip(po, pn):
                    if a != b and a.lower() != "desa" and len(a) > 1:
                        pairs.setdefault(a.lower(), (a, b, f"istilah {key}: {a} → {b}"))
    if o_reg.regency != n_reg.regency:
        a, b = o_reg.regency, n_reg.regency
        pairs.setdefault(a.lower(), (a, b, f"daerah: {a} → {b}"))
        sa, sb = _short(a), _short(b)
        pairs.setdefault(sa.lower(), (sa, sb, f"daerah: {sa} → {sb}"))
    if o_reg.kind != n_reg.kind:
        oa, na = o_reg.kind.split()[-1], n_reg.kind.split()[-1]        # Bupati -> Walikota
        pairs.setdefault(o_reg.kind.lower(), (o_reg.kind, n_reg.kind, f"jenis: {o_reg.kind} → {n_reg.kind}"))
        pairs.setdefault(oa.lower(), (oa, na, f"pejabat: {oa} → {na}"))
    if o_reg.title != n_reg.title:
        pairs.setdefault(o_reg.title.lower(), (o_reg.title, n_reg.title, "judul peraturan"))
    return sorted(pairs.values(), key=lambda p: -len(p[0]))


def _short(regency: str) -> str:
    return re.sub(r"^(Kabupaten|Kota)\s+", "", regency)


def _unit_pairs(a, b):
    from ..authoring.diff import _unit_pairs as pairs
    return pairs(a, b)


def apply(text: str, subs, reasons: list[str]) -> str:
    for old, new, why in subs:
        pat = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])", re.I)
        if pat.search(text):
            text = pat.sub(lambda m: _case_like(m.group(0), new), text)
            reasons.append(why)
    return text


# ------------------------------------------------------------------ the draft
def make_draft(origin, pack, source: Naskah) -> Draft:
    n = copy.deepcopy(source)
    n.file = str(text_path(pack.path))
    d = Draft(origin, pack, n, source)
    subs = substitutions(origin, pack)
    reg = pack.regulation
    number = str(reg.number) if str(reg.number).strip() not in ("", "…") else ELLIPSIS
    for u in n.root.walk():
        in_mengingat = any(a.kind == "dasar_hukum" for a in u.ancestors())
        if in_mengingat:
            _mengingat(d, u, origin)
            continue
        if u.kind == "penutup":
            continue
        if u.kind == "pengesahan" or (u.parent is not None and u.parent.kind == "penutup"):
            continue
        reasons: list[str] = []
        if u.text:
            new = apply(u.text, subs, reasons)
            if u.kind in ("para", "baris") and _in_lampiran(u):
                new = _number_year(new, number, reg.year, reasons)
            if new != u.text:
                u.text = new
        if u.lines:
            lines = []
            for ln, col, t in u.lines:
                t2 = apply(t, subs, reasons)
                if u.kind == "kepala":
                    t2 = _number_year(t2, number, reg.year, reasons)
                lines.append((ln, col, t2))
            if u.kind == "kepala":
                lines = [x for x in lines if x[2].strip().upper() != "SALINAN"] or lines
                if len(lines) != len(u.lines):
                    reasons.append("tanda \"SALINAN\" dihapus")
                for i, (ln, col, t) in enumerate(lines):
                    if re.match(r"^PROVINSI\s+\S", t) and o_province(origin) != ELLIPSIS:
                        lines[i] = (ln, col, f"PROVINSI {ELLIPSIS}")
                        reasons.append(f"provinsi daerah asal ({t.title()}) dikosongkan untuk diisi")
            u.lines = lines
        if reasons:
            for r in dict.fromkeys(reasons):
                d.mark(u, r)
    _penutup(d, reg, number)
    _lampiran_signatures(d)
    _parameters(d)
    # a bab/bagian heading written in capitals: the changed words in capitals too
    n.meta.update({"jenis": reg.kind, "nomor": number, "tahun": reg.year, "judul": reg.title.upper()})
    return d


def o_province(origin) -> str:
    return ELLIPSIS if origin is None else "ada"


def _in_lampiran(u: Unit) -> bool:
    return any(a.kind == "lampiran" for a in u.ancestors())


def _number_year(t: str, number: str, year: int, reasons: list[str]) -> str:
    m = re.search(r"\bNOMOR\s+\S+\s+TAHUN\s+\d{4}\b", t, re.I)
    if m:
        new = f"NOMOR {number} TAHUN {year}" if m.group(0).isupper() else f"Nomor {number} Tahun {year}"
        if new != m.group(0):
            reasons.append(f"nomor dan tahun: {m.group(0)} → {new}")
            return t[:m.start()] + new + t[m.end():]
    return t


def _mengingat(d: Draft, u: Unit, origin) -> None:
    """The legal basis is national law and stays, except what belongs to the origin region: its
    formation law and its own regulations are marked for the drafter."""
    if u.kind not in LIST_KINDS or not u.text:
        return
    short = _short(origin.regulation.regency)
    if re.search(rf"\b{re.escape(short)}\b", u.text, re.I) or re.search(r"tentang\s+Pembentukan\s+(Daerah|Kabupaten|Kota|Propinsi|Provinsi)", u.text, re.I):
        d.mark(u, f"dasar hukum milik daerah asal ({short}): ganti dengan dasar hukum daerah rancangan atau hapus")


def _penutup(d: Draft, reg, number: str) -> None:
    """The signature blocks become blanks to fill: place, date, name."""
    n = d.naskah
    pen = n.root.find_first("penutup")
    if pen is None:
        return
    head = reg.kind.split()[-1].upper()          # BUPATI / WALIKOTA
    region = reg.regency.upper()
    for c in pen.children:
        if c.kind == "para":
            reasons: list[str] = []
            new = apply(c.text, substitutions(d.origin, d.pack), reasons)
            if new != c.text:
                c.text = new
                for r in dict.fromkeys(reasons):
                    d.mark(c, r)
            continue
        ln, col = c.lines[0][0], c.lines[0][1]
        lines_text = " ".join(t for _, _, t in c.lines).upper()
        secretary = "SEKRETARIS DAERAH" in lines_text
        if secretary:
            new = ["Diundangkan di " + ELLIPSIS, "pada tanggal " + ELLIPSIS, f"SEKRETARIS DAERAH {region},",
                   ELLIPSIS, f"BERITA DAERAH {region} TAHUN {reg.year} NOMOR {ELLIPSIS}"]
            c.label = "diundangkan"
        else:
            new = ["Ditetapkan di " + ELLIPSIS, "pada tanggal " + ELLIPSIS, f"{head} {_short(reg.regency).upper()},",
                   ELLIPSIS]
        c.lines = [(ln, col, t) for t in new]
        d.mark(c, "tempat, tanggal dan nama pejabat dikosongkan untuk diisi")


def _lampiran_signatures(d: Draft) -> None:
    for lp in d.naskah.units("lampiran"):
        kids = lp.children
        # the certification of the origin's copy ("Salinan sesuai aslinya", its official, NIP) goes
        keep, dropping = [], False
        for u in kids:
            t = (u.text or "").strip()
            if u.kind == "para" and re.match(r"^Salinan\s+sesuai", t, re.I):
                dropping = True
                d.mark(lp, "tanda salinan daerah asal dihapus")
                continue
            if dropping and u.kind == "para" and (t.upper() == t or re.match(r"^(NIP|\(Signature\))", t, re.I)):
                continue
            dropping = False
            keep.append(u)
        lp.children = kids = keep
        for i, u in enumerate(kids):
            if u.kind == "para" and u.text.strip().lower() == "ttd":
                u.text = ""
                if i + 1 < len(kids) and kids[i + 1].kind == "para":
                    kids[i + 1].text = ELLIPSIS
                    d.mark(kids[i + 1], "nama pejabat dikosongkan untuk diisi")
        lp.children = [u for u in kids if not (u.kind == "para" and not u.text)]


# ------------------------------------------------------------------ parameters
def _param_changes(origin, pack) -> list[tuple[object, str, object, object]]:
    """(draft rule, param name, old value, new value) for every parameter the draft changed."""
    from ..authoring.diff import _by_concept, align
    out = []
    by_a, by_b = _by_concept(origin.rules), _by_concept(pack.rules)
    for concept in sorted(set(by_a) & set(by_b)):
        for ra, rb in align(by_a[concept], by_b[concept]):
            if ra is None or rb is None:
                continue
            for k in sorted(set(ra.params) | set(rb.params)):
                if ra.params.get(k) != rb.params.get(k) and k in ra.params and k in rb.params:
                    out.append((rb, k, ra.params[k], rb.params[k]))
    return out


def _renderings(value) -> list[str]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [f"{value} ({kata.number_words(value)})", str(value)]
    if isinstance(value, str):
        levels = catalogue().get("jenjang_pendidikan") or {}
        if value in levels:
            return list(levels[value])
        return [value.replace("_", " ")]
    return []


def _replace_value(text: str, old, new) -> str | None:
    olds = _renderings(old)
    news = _renderings(new)
    if not olds or not news:
        return None
    for o in sorted(olds, key=len, reverse=True):
        pat = re.compile(rf"(?<![\w(]){re.escape(o)}(?![\w)])", re.I)
        m = pat.search(text)
        if m:
            if isinstance(old, int) and o == str(old):
                replacement = str(new)
            elif isinstance(old, int):
                replacement = news[0]
            else:
                replacement = _case_like(m.group(0), news[0])
            return text[:m.start()] + replacement + text[m.end():]
    return None


def _parameters(d: Draft) -> None:
    n = d.naskah
    for rule, name, old, new in _param_changes(d.origin, d.pack):
        c = rule.citation
        u, _ = unit_for(n, **{k: getattr(c, k) for k in ("pasal", "ayat", "huruf", "angka", "lampiran", "bagian")})
        where = str(c)
        why = f"parameter {name} diubah {old} → {new} (aturan {rule.id})"
        if u is None:
            d.unplaced.append(f"{why}: {where} tidak ada dalam teks asal; tulis sendiri")
            continue
        targets = [x for x in u.walk() if x.text]
        done = False
        for x in targets:
            replaced = _replace_value(x.text, old, new)
            if replaced is not None:
                x.text = replaced
                d.mark(x, why)
                done = True
                break
        if not done:
            d.mark(u, why + " — kata-katanya tidak ditemukan; tulis sendiri")
            d.unplaced.append(f"{why}: kata-kata nilai {old!r} tidak ditemukan di {where}; pasal ditandai untuk ditulis sendiri")
            continue
        if isinstance(old, int) and not isinstance(old, bool):
            # the same count elsewhere ("7 (tujuh) paket layanan" in other Pasal) follows, marked too
            phrase = re.compile(rf"(?<![\d.]){old}\s*\({re.escape(kata.number_words(old))}\)\s+(\w+\s+\w+)")
            m = phrase.search(x.text.replace(f"{new} ({kata.number_words(new)})", f"{old} ({kata.number_words(old)})"))
            noun = m.group(1) if m else None
            if noun:
                for y in n.root.walk():
                    if y is x or not y.text:
                        continue
                    pat = re.compile(rf"(?<![\d.]){old}\s*\({re.escape(kata.number_words(old))}\)(\s+{re.escape(noun)})", re.I)
                    if pat.search(y.text):
                        y.text = pat.sub(lambda mm: f"{new} ({kata.number_words(new)}){mm.group(1)}", y.text)
                        d.mark(y, f"jumlah yang sama disesuaikan dengan parameter {name} ({old} → {new})")


# ------------------------------------------------------------------ outputs
def draft_text(d: Draft) -> str:
    return render(d.naskah)


def save_draft_text(d: Draft, force: bool = False) -> Path:
    p = text_path(d.pack.path)
    if p.exists() and not force:
        raise AturanError(f"{p} sudah ada; teks draf tidak ditimpa", hint="pakai --force untuk menggantinya")
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(draft_text(d), encoding="utf-8")
    return p


def draft_markdown(d: Draft) -> str:
    n = d.naskah
    out = [f"<!-- Rancangan {d.pack.regulation} — disusun aturan dari {d.origin.id}; unit bertanda "
           "[TINJAU] berubah dari teks asal dan harus ditinjau. -->", ""]

    def mark(u: Unit) -> str:
        r = d.changed.get(u.id)
        return f" **[TINJAU: {'; '.join(r)}]**" if r else ""

    for u in n.root.walk():
        if u is n.root:
            continue
        pad = "    " * max(0, sum(1 for a in u.ancestors() if a.kind in LIST_KINDS))
        if u.kind == "kepala":
            out += [f"**{t}**  " for _, _, t in u.lines] + [mark(u).strip(), ""]
        elif u.kind == "pembukaan":
            out += [f"**{t}**" for _, _, t in u.lines] + [""]
        elif u.kind == "jabatan":
            out += [f"**{t}**" for _, _, t in u.lines] + [""]
        elif u.kind in ("konsiderans", "dasar_hukum", "memperhatikan"):
            out += ["", f"**{u.marker}**", ""]
        elif u.kind == "diktum":
            out += ["", *[f"**{t}**" for _, _, t in u.lines], "", f"{u.marker} {u.text}{mark(u)}", ""]
        elif u.kind in ("bab", "bagian", "paragraf"):
            out += ["", f"## {u.marker}" if u.kind == "bab" else f"### {u.marker}", f"**{u.text}**{mark(u)}", ""]
        elif u.kind == "pasal":
            out += ["", f"#### {u.marker}{mark(u)}", ""]
        elif u.kind == "ayat":
            out += [f"{u.marker} {u.text}{mark(u)}", ""]
        elif u.kind in LIST_KINDS:
            out += [f"{pad}- {u.marker} {u.text}{mark(u)}"]
        elif u.kind == "para":
            out += [f"{pad}{u.text}{mark(u)}", ""]
        elif u.kind == "pengesahan":
            out += [""] + [f"{t}  " for _, _, t in u.lines] + [mark(u).strip(), ""]
        elif u.kind == "lampiran":
            out += ["", "---", "", f"## {u.marker}", ""]
        elif u.kind == "baris":
            out += [f"{u.text}{mark(u)}"]
    out += ["", "---", "", f"Dibuat dengan aturan dari teks {d.origin.id}. {len(d.changed)} unit ditandai [TINJAU]."]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


def draft_docx(d: Draft) -> bytes:
    from .docx_writer import write_docx
    buf = io.BytesIO()
    write_docx(d.naskah, buf, changed=d.changed, title=str(d.pack.regulation))
    return buf.getvalue()
