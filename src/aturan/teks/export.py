"""The text as data: JSON (the tree), Akoma Ntoso 3.0 XML (eIds such as art_21__point_d), and the pack
header as a JDIHN record (the fields regional JDIH sites exchange with the national network)."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from .. import __version__
from .model import LIST_KINDS, Naskah, Unit

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


# ------------------------------------------------------------------ JSON
def unit_dict(u: Unit, naskah: Naskah) -> dict:
    loc = naskah.location(u.line, u.col)
    d = {"id": u.id, "kind": u.kind, "label": u.label, "marker": u.marker, "text": u.text,
         "citation": u.title() if u.kind in ("pasal", "ayat", "huruf", "angka", "lampiran", "baris") else None,
         "line": (loc.line or 0) + 1, "col": (loc.col or 0) + 1}
    if u.lines:
        d["lines"] = [t for _, _, t in u.lines]
    if u.children:
        d["children"] = [unit_dict(c, naskah) for c in u.children]
    return {k: v for k, v in d.items() if v not in (None, "", [])}


def to_json(naskah: Naskah, pack=None) -> str:
    meta = {k: v for k, v in naskah.meta.items() if k != "struktur"}
    out = {"aturan": __version__, "file": naskah.file, "pack": getattr(pack, "id", None), "regulation": meta,
           "pasal": naskah.pasal_numbers, "units": [unit_dict(c, naskah) for c in naskah.root.children]}
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------ Akoma Ntoso
def eid(u: Unit) -> str:
    """Akoma Ntoso eId from the unit's place: art_21, art_31__para_1, art_21__point_d, chp_6__sec_1."""
    parts = []
    chain = list(reversed([u] + list(u.ancestors())))
    for x in chain:
        if x.kind == "pasal" and not any(a.kind == "penjelasan" for a in x.ancestors()):
            parts = [f"art_{x.label}"]
        elif x.kind == "ayat":
            parts.append(f"para_{x.label}")
        elif x.kind in LIST_KINDS:
            parts.append(f"point_{x.label}")
        elif x.kind == "bab":
            parts = [f"chp_{_num(x)}"]
        elif x.kind == "bagian":
            parts.append(f"sec_{_num(x)}")
        elif x.kind == "paragraf":
            parts.append(f"subsec_{x.label}")
        elif x.kind == "konsiderans":
            parts = ["recs"]
        elif x.kind == "dasar_hukum":
            parts = ["cits"]
        elif x.kind == "lampiran":
            parts = [f"att_{x.label or 1}"]
        elif x.kind == "baris":
            parts.append(f"row_{x.label or x.id.rsplit('-', 1)[-1]}")
        elif x.kind == "para" and x is u:
            parts.append(f"p_{x.id.rsplit('-', 1)[-1]}")
    out = "__".join(parts)
    seg = u.id.split("/")[-1].split("-")
    if u.kind in LIST_KINDS + ("ayat", "pasal", "bagian", "bab") and len(seg) == 3 and seg[2].isdigit():
        out += f"_{seg[2]}"          # a repeated label ("huruf f" twice) keeps an eId of its own
    return out


def _num(u: Unit) -> str:
    from .model import label_value
    v = label_value(u.kind, u.label)
    return str(v) if v else u.label


def _sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    e = ET.SubElement(parent, f"{{{AKN_NS}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        e.text = text
    return e


def _p(parent, text: str) -> None:
    _sub(parent, "p", text)


def _akn_items(parent_el, u: Unit) -> None:
    """The content of an article, paragraph or point: words, then rincian as a list."""
    paras = [c for c in u.children if c.kind == "para"]
    items = [c for c in u.children if c.kind in LIST_KINDS]
    ayats = [c for c in u.children if c.kind == "ayat"]
    own = [u.text] if u.text and u.kind not in ("pasal",) else []
    if items:
        lst = _sub(parent_el, "list", eId=f"{eid(u)}__list_1")
        intro_texts = own + [p.text for p in paras if u.children.index(p) < u.children.index(items[0])]
        if intro_texts:
            intro = _sub(lst, "intro")
            for t in intro_texts:
                _p(intro, t)
        for it in items:
            pt = _sub(lst, "point", eId=eid(it))
            _sub(pt, "num", it.marker)
            if it.items():
                _akn_items(pt, it)
            else:
                _p(_sub(pt, "content"), it.text)
        wrap = [p.text for p in paras if u.children.index(p) > u.children.index(items[-1])]
        if wrap:
            w = _sub(lst, "wrapUp")
            for t in wrap:
                _p(w, t)
    elif own or paras:
        content = _sub(parent_el, "content")
        for t in own + [p.text for p in paras]:
            _p(content, t)
    for a in ayats:
        para = _sub(parent_el, "paragraph", eId=eid(a))
        _sub(para, "num", a.marker)
        _akn_items(para, a)


def to_akn(naskah: Naskah, pack=None) -> str:
    ET.register_namespace("", AKN_NS)
    meta = naskah.meta
    root = ET.Element(f"{{{AKN_NS}}}akomaNtoso")
    act = _sub(root, "act", name=_slug(meta.get("jenis", "peraturan")))
    reg = getattr(pack, "regulation", None)
    country = "id"
    place = _slug(getattr(reg, "regency", None) or meta.get("daerah", "daerah"))
    year = str(getattr(reg, "year", None) or meta.get("tahun", ""))
    number = str(getattr(reg, "number", None) or meta.get("nomor", ""))
    enacted = getattr(reg, "enacted", None)
    work = f"/akn/{country}-{place}/act/{_slug(meta.get('jenis', 'peraturan'))}/{year}/{number}"
    m = _sub(act, "meta")
    ident = _sub(m, "identification", source="#aturan")
    w = _sub(ident, "FRBRWork")
    _sub(w, "FRBRthis", value=f"{work}/!main")
    _sub(w, "FRBRuri", value=work)
    _sub(w, "FRBRdate", date=enacted.isoformat() if enacted else f"{year}-01-01", name="penetapan")
    _sub(w, "FRBRauthor", href="#pembentuk")
    _sub(w, "FRBRcountry", value=country)
    _sub(w, "FRBRnumber", value=number)
    _sub(w, "FRBRname", value=meta.get("jenis", ""))
    ex = _sub(ident, "FRBRExpression")
    _sub(ex, "FRBRthis", value=f"{work}/ind@/!main")
    _sub(ex, "FRBRuri", value=f"{work}/ind@")
    _sub(ex, "FRBRdate", date=enacted.isoformat() if enacted else f"{year}-01-01", name="penetapan")
    _sub(ex, "FRBRauthor", href="#pembentuk")
    _sub(ex, "FRBRlanguage", language="ind")
    ma = _sub(ident, "FRBRManifestation")
    _sub(ma, "FRBRthis", value=f"{work}/ind@/!main.xml")
    _sub(ma, "FRBRuri", value=f"{work}/ind@.akn")
    _sub(ma, "FRBRdate", date=enacted.isoformat() if enacted else f"{year}-01-01", name="ekspor")
    _sub(ma, "FRBRauthor", href="#aturan")
    refs = _sub(m, "references", source="#aturan")
    _sub(refs, "TLCOrganization", eId="aturan", href="/ontology/organization/aturan", showAs="aturan")
    _sub(refs, "TLCRole", eId="pembentuk", href="/ontology/role/pembentuk", showAs=meta.get("pembentuk", "pembentuk"))

    kepala = naskah.root.find_first("kepala")
    if kepala is not None:
        pre = _sub(act, "preface")
        p = _sub(pre, "p", **{"class": "title"})
        _sub(p, "docType", meta.get("jenis", ""))
        p.append(_tail(" "))
        _sub(p, "docNumber", f"Nomor {number} Tahun {year}")
        p.append(_tail(" "))
        _sub(p, "docTitle", meta.get("judul", ""))
    pemb = naskah.root.find_first("pembukaan")
    if pemb is not None:
        pa = _sub(act, "preamble")
        if pemb.lines:
            _p(_sub(pa, "formula", name="enactingFormula"), pemb.lines[0][2])
        for c in pemb.children:
            if c.kind == "jabatan":
                _p(_sub(pa, "container", name="jabatan", eId="jabatan"), " ".join(t for _, _, t in c.lines))
            elif c.kind == "konsiderans":
                recs = _sub(pa, "recitals", eId="recs")
                _sub(recs, "intro").append(_pe(c.marker))
                for it in c.children:
                    seg = it.id.split("/")[-1].split("-")
                    r = _sub(recs, "recital", eId=f"recs__rec_{it.label or seg[-1]}" +
                             (f"_{seg[2]}" if len(seg) == 3 and seg[2].isdigit() else ""))
                    if it.marker:
                        _sub(r, "num", it.marker)
                    _p(r, it.text)
            elif c.kind in ("dasar_hukum", "memperhatikan"):
                cits = _sub(pa, "citations", eId="cits" if c.kind == "dasar_hukum" else "cits_memperhatikan")
                _sub(cits, "intro").append(_pe(c.marker))
                for it in c.children:
                    ci = _sub(cits, "citation", eId=f"{'cits' if c.kind == 'dasar_hukum' else 'cits_m'}__cit_{it.label or 1}")
                    if it.marker:
                        _sub(ci, "num", it.marker)
                    _p(ci, it.text)
            elif c.kind == "diktum":
                f = _sub(pa, "formula", name="enactingFormula", eId="menetapkan")
                for _, _, t in c.lines:
                    _p(f, t)
                _p(f, f"{c.marker} {c.text}".strip())
    body = _sub(act, "body")
    for c in naskah.root.walk():
        if c.kind in ("batang_tubuh", "fragmen"):
            _akn_body(body, c)
    pen = naskah.root.find_first("penutup")
    if pen is not None:
        conc = _sub(act, "conclusions")
        for c in pen.children:
            if c.kind == "para":
                _p(conc, c.text)
            else:
                blk = _sub(conc, "blockContainer", eId=f"pengesahan_{c.id.rsplit('/', 1)[-1]}")
                for _, _, t in c.lines:
                    _p(blk, t)
    lamps = naskah.units("lampiran")
    if lamps:
        atts = _sub(act, "attachments")
        for lp in lamps:
            att = _sub(atts, "attachment", eId=eid(lp))
            doc = _sub(att, "doc", name="lampiran")
            dm = _sub(doc, "meta")
            di = _sub(dm, "identification", source="#aturan")
            for tag in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
                t = _sub(di, tag)
                _sub(t, "FRBRthis", value=f"{work}/!{eid(lp)}")
                _sub(t, "FRBRuri", value=work)
                _sub(t, "FRBRdate", date=enacted.isoformat() if enacted else f"{year}-01-01", name="penetapan")
                _sub(t, "FRBRauthor", href="#pembentuk")
                if tag == "FRBRWork":
                    _sub(t, "FRBRcountry", value=country)
                if tag == "FRBRExpression":
                    _sub(t, "FRBRlanguage", language="ind")
            main = _sub(doc, "mainBody")
            _p(main, lp.marker)
            table = None
            for u in lp.walk():
                if u is lp:
                    continue
                if u.kind == "baris":
                    if table is None:
                        table = _sub(main, "table", eId=f"{eid(lp)}__table_{len(main.findall(f'{{{AKN_NS}}}table')) + 1}")
                    tr = _sub(table, "tr")
                    for cell in u.text.strip().strip("|").split("|"):
                        _p(_sub(tr, "td"), cell.strip())
                    continue
                table = None
                line = f"{u.marker} {u.text}".strip() if u.kind in LIST_KINDS + ("ayat",) else u.text
                if line:
                    _p(main, line)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _akn_body(parent, u: Unit) -> None:
    for c in u.children:
        if c.kind in ("bab", "bagian", "paragraf"):
            tag = {"bab": "chapter", "bagian": "section", "paragraf": "subsection"}[c.kind]
            el = _sub(parent, tag, eId=eid(c))
            _sub(el, "num", c.marker)
            if c.text:
                _sub(el, "heading", c.text)
            _akn_body(el, c)
        elif c.kind == "pasal":
            art = _sub(parent, "article", eId=eid(c))
            _sub(art, "num", c.marker)
            _akn_items(art, c)
        elif c.kind in ("ayat",) + LIST_KINDS:
            holder = _sub(parent, "hcontainer", name="fragmen", eId=f"fragmen_{c.id.rsplit('/', 1)[-1]}")
            _sub(holder, "num", c.marker)
            if c.children:
                _akn_items(holder, c)
            else:
                _p(_sub(holder, "content"), c.text)


def _pe(text: str) -> ET.Element:
    e = ET.Element(f"{{{AKN_NS}}}p")
    e.text = text
    return e


def _tail(text: str) -> ET.Element:
    # ElementTree has no text nodes; an empty <span> carries the separating space
    e = ET.Element(f"{{{AKN_NS}}}span")
    e.text = text
    return e


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (s or "").lower()).strip("-")


# ------------------------------------------------------------------ JDIHN
SINGKATAN_JENIS = {"Peraturan Bupati": "Perbup", "Peraturan Walikota": "Perwal", "Peraturan Wali Kota": "Perwal",
                   "Peraturan Daerah": "Perda", "Peraturan Gubernur": "Pergub", "Panduan": "Panduan"}


def jdihn_record(pack, naskah: Naskah | None) -> dict:
    """One record in the shape JDIH sites publish for JDIHN (idData, judul, jenis, noPeraturan, ...):
    filled from pack.yaml and, where the pack's text says it, from the text (place, Berita Daerah)."""
    reg = pack.regulation
    place = None
    sumber = ""
    if naskah is not None:
        for u in naskah.units("pengesahan"):
            if u.label == "ditetapkan" and u.lines:
                m = re.match(r"Ditetapkan\s+di\s+(.+)$", u.lines[0][2], re.I)
                if m and place is None:
                    place = m.group(1).strip()
        for u in naskah.root.walk():
            lines = [t for _, _, t in u.lines]
            for i, t in enumerate(lines):
                if re.match(r"^(BERITA|LEMBARAN)\s+DAERAH", t, re.I) and not sumber:
                    joined = t
                    for nxt in lines[i + 1:i + 3]:
                        if re.search(r"NOMOR\s+\d+", joined, re.I):
                            break
                        joined += " " + nxt
                    sumber = " ".join(joined.split()).title()
        if not sumber:
            lines = [t for u in naskah.units("pengesahan") for _, _, t in u.lines]
            joined = " ".join(lines)
            m = re.search(r"(BERITA DAERAH .+?NOMOR\s+\d+)", joined, re.I)
            if m:
                sumber = m.group(1).title()
    short = re.sub(r"^(Kabupaten|Kota)\s+", "", reg.regency)
    kind_region = "Kota" if reg.regency.startswith("Kota") else "Kabupaten"
    title = f"{reg.kind} {short} Nomor {reg.number} Tahun {reg.year} tentang {reg.title}"
    subjects = [reg.title.upper()]
    terms = pack.terms_for(None)
    unit = terms.get("unit")
    if unit:
        subjects.append(unit.upper())
    return {
        "idData": pack.id,
        "tahun_pengundangan": str(reg.year),
        "tanggal_penetapan": reg.enacted.isoformat(),
        "tanggal_pengundangan": reg.promulgated.isoformat(),
        "jenis": reg.kind,
        "singkatanJenis": SINGKATAN_JENIS.get(reg.kind, reg.kind),
        "noPeraturan": str(reg.number),
        "judul": title,
        "noPanggil": "-",
        "tempatTerbit": place or short,
        "penerbit": f"Pemerintah {kind_region} {short}" if reg.binding else reg.regency,
        "deskripsiFisik": "-",
        "sumber": sumber or "-",
        "subjek": " - ".join(subjects),
        "isbn": "-",
        "status": "Berlaku" if reg.binding else "Tidak mengikat (panduan)",
        "bahasa": "Indonesia",
        "bidangHukum": "Hukum Administrasi Negara",
        "teuBadan": f"{short}, {kind_region}" if reg.binding else reg.regency,
        "nomorIndukBuku": "-",
        "fileDownload": "",
        "urlDownload": "",
        "abstrak": "-",
        "urlabstrak": "",
        "urlDetailPeraturan": "",
        "operasi": "4",
        "display": "1",
    }


def to_jdihn(pack, naskah: Naskah | None) -> str:
    return json.dumps([jdihn_record(pack, naskah)], ensure_ascii=False, indent=2) + "\n"
