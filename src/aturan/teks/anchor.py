"""Rules anchored to the text: every citation names a unit of teks/naskah.txt and every fragment of its
quote occurs there (after normalising OCR spacing); traceability follows the text's own list of Pasal.

`pack lint` calls `check_pack_text` and adds what it returns to its problems; nothing here knows the
rest of the pack format beyond the raw YAML documents lint already holds.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..errors import AturanError, Location
from ..model import Citation
from . import has_text, kata, load_notes, load_pack_text, text_path
from .locate import unit_for
from .model import Naskah, Unit

FRAGMENT_SPLIT = re.compile(r"\s*(?:\.\.\.|…)\s*")


@dataclass(frozen=True)
class Finding:
    kind: str                      # "teks" (no text, text and metadata disagree), "pasal", "kutipan", "keterlacakan"
    message: str
    location: Location | None
    hint: str | None = None


MARKER = re.compile(r"(^|[;:]\s*|\b(?:dan|atau)\s+)(?:\(\d{1,2}\)|\d{1,2}\)|[a-z]\)|[a-z]\.|\d{1,2}\.)(?=\s|$)")


def unmark(text: str) -> str:
    """A quote without the numbers of its ayat and rincian ("a.", "(1)", "2)") where they open a unit
    (at the start, after ":" or ";", after "dan"): the text keeps those apart from the words.
    "pada ayat (1)" inside a sentence stays."""
    return MARKER.sub(lambda m: m.group(1) + " ", text)


def fragments(quote: str) -> list[str]:
    out = []
    for f in FRAGMENT_SPLIT.split(quote or ""):
        f = unmark(f).strip(" ;,:")
        words = [w for w in kata.words(f) if w not in kata.STOPWORDS]
        if len(kata.squash(f)) >= 4 and words:
            out.append(f)
    return out


def scope_text(u: Unit) -> str:
    """What a quote of `u` may contain: the unit and everything in it, and the words above it (the
    chapeau "Tahapan perencanaan ... terdiri atas" of a huruf, the Pasal of an ayat)."""
    above = []
    for a in u.ancestors():
        own = [a.text] if a.text else []
        own += [c.text for c in a.children if c.kind == "para" and c.text and c is not u
                and a.children.index(c) < (a.children.index(u) if u in a.children else len(a.children))]
        if a.kind == "lampiran" and u.kind == "baris":       # the table's heading rows
            own += [c.text for c in a.children if c.kind == "baris" and not c.label
                    and a.children.index(c) < a.children.index(u)]
        above = own + above
    return " ".join(above + [u.full_text()])


def find_fragment(naskah: Naskah, fragment: str) -> Unit | None:
    """The smallest unit whose words contain the fragment, anywhere in the text."""
    want = kata.squash(fragment)
    best = None
    for u in naskah.root.walk():
        if u.kind in ("kepala",) or not u.id:
            continue
        if want in kata.squash(u.full_text()):
            if best is None or len(u.full_text()) < len(best.full_text()):
                best = u
    return best


def closest_words(u: Unit, fragment: str) -> str | None:
    """The words of `u` nearest to a quote that is not there, to show the drafter what the text says."""
    text = " ".join(u.full_text().split())
    words = text.split()
    if len(words) <= 40:
        return text
    n = max(1, len(fragment.split())) + 4
    best, best_r = None, 0.0
    for i in range(0, max(1, len(words) - n + 1)):
        cand = " ".join(words[i:i + n])
        r = difflib.SequenceMatcher(None, kata.fold(cand), kata.fold(fragment)).ratio()
        if r > best_r:
            best, best_r = cand, r
    return best if best_r >= 0.5 else None


def anchor(naskah: Naskah, citation: dict, quote: str | None) -> list[tuple[str, str, str | None]]:
    """(kind, message, hint) for each way a citation and its quote fail to sit in the text."""
    c = {k: citation.get(k) for k in ("pasal", "ayat", "huruf", "angka", "lampiran", "bagian")}
    name = str(Citation.from_dict(c))
    unit, why = unit_for(naskah, **c)
    if unit is None:
        return [("pasal", f"{name} tidak ada dalam teks: {why}", None)]
    out = []
    if c["huruf"] and c["angka"] is not None:
        written = Citation.from_dict(citation).angka_first
        if unit_for(naskah, **c, angka_first=written)[0] is None:
            other = "angka sebelum huruf" if not written else "huruf sebelum angka"
            out.append(("pasal", f"{name}: urutan huruf dan angka berbeda dengan teks, yang menyusunnya {other}",
                        f"tulis citation dengan urutan {other}, agar rujukan tercetak seperti dalam teks"))
    scope = kata.squash(scope_text(unit))
    for frag in fragments(quote or ""):
        if kata.squash(frag) in scope:
            continue
        elsewhere = find_fragment(naskah, frag)
        short = frag if len(frag) <= 70 else frag[:69] + "…"
        if elsewhere is not None:
            out.append(("kutipan", f"kutipan \"{short}\" tidak ada di {name}, tetapi ada di {elsewhere.title()}",
                        "perbaiki citation, atau kutip kata-kata unit yang dirujuk"))
        else:
            near = closest_words(unit, frag)
            out.append(("kutipan", f"kutipan \"{short}\" tidak ditemukan dalam {name} maupun di bagian lain teks",
                        f"teks {name} berbunyi: \"{near}\"" if near else "bandingkan kutipan dengan teks/naskah.txt"))
    if why and not out:     # a Lampiran part not found, but the quote is in the Lampiran
        return []
    return out


# ------------------------------------------------------------------ pack lint
def check_pack_text(path, meta_doc, trace_doc, raw_rules) -> tuple[list[Finding], list[str]]:
    """Problems and info lines for `pack lint`: the text missing, the declared articles against the
    text, each rule's citation and quote, the pack notes' citations, traceability against the text."""
    problems: list[Finding] = []
    info: list[str] = []
    meta = meta_doc.data
    if not has_text(path) and (meta.get("regulation") or {}).get("binding") is False:
        info.append("panduan (binding: false) tanpa teks berstruktur Pasal: kutipannya tidak diperiksa terhadap teks")
        return problems, info
    if not has_text(path):
        info.append(f"teks peraturan belum ada ({text_path(path).relative_to(path)}): kutipan dan keterlacakan "
                    "belum dapat diperiksa terhadap teks; untuk draf, tulis dengan `aturan teks draft "
                    f"{meta.get('id', path.name)} --simpan`")
        return problems, info
    try:
        naskah = load_pack_text(path)
        notes = load_notes(path)
    except AturanError as e:
        problems.append(Finding("teks", e.message, e.location, e.hint))
        return problems, info
    _articles(naskah, meta_doc, problems)
    for doc, rp, r in raw_rules:
        for kind, msg, hint in anchor(naskah, r.get("citation") or {}, r.get("quote")):
            loc = doc.location(rp + (("quote",) if kind == "kutipan" else ("citation",)))
            problems.append(Finding(kind, f"aturan {r.get('id')}: {msg}", loc, hint))
    for i, n in enumerate(meta.get("notes", []) or []):
        for j, c in enumerate(n.get("citations", []) or []):
            unit, why = unit_for(naskah, **{k: c.get(k) for k in ("pasal", "ayat", "huruf", "angka", "lampiran", "bagian")})
            if unit is None:
                problems.append(Finding("pasal", f"catatan {n.get('id')}: {why}",
                                        meta_doc.location(("notes", i, "citations", j))))
    if trace_doc is not None:
        _traceability(naskah, trace_doc, problems)
    for n in notes:
        u = naskah.unit(n["unit"])
        if u is None:
            problems.append(Finding("teks", f"catatan teks: unit {n['unit']!r} tidak ada dalam teks", n["_location"]))
        elif n.get("kata") and kata.squash(n["kata"]) not in kata.squash(u.full_text()):
            problems.append(Finding("teks", f"catatan teks: kata \"{n['kata']}\" tidak ada di {u.title()}",
                                    n["_location"]))
    return problems, info


def _articles(naskah: Naskah, meta_doc, problems: list[Finding]) -> None:
    """articles.pasal / articles.lampiran of pack.yaml must say what the text holds."""
    arts = meta_doc.data.get("articles") or {}
    spec = arts.get("pasal") or {}
    try:
        declared = {n for n in range(spec["from"], spec["to"] + 1) if n not in spec.get("missing", [])}
    except (KeyError, TypeError):
        return
    in_text = {int(x) for x in naskah.pasal_numbers if x.isdigit()}
    if in_text and declared != in_text:
        only_d = sorted(declared - in_text)
        only_t = sorted(in_text - declared)
        bits = []
        if only_d:
            bits.append(f"dinyatakan tetapi tidak ada dalam teks: Pasal {', '.join(map(str, only_d))}")
        if only_t:
            bits.append(f"ada dalam teks tetapi tidak dinyatakan: Pasal {', '.join(map(str, only_t))}")
        problems.append(Finding("teks", "articles.pasal tidak sesuai dengan teks: " + "; ".join(bits),
                                meta_doc.location(("articles", "pasal"))))
    lamps = [u.label for u in naskah.units("lampiran")]
    declared_l = list(arts.get("lampiran") or [])
    if lamps and sorted(declared_l) != sorted(lamps) and any(lamps):
        problems.append(Finding("teks", f"articles.lampiran {declared_l} tidak sesuai dengan Lampiran dalam teks "
                                f"{lamps}", meta_doc.location(("articles",))))


def _traceability(naskah: Naskah, trace_doc, problems: list[Finding]) -> None:
    data = trace_doc.data or {}
    entries = data.get("pasal") or {}
    in_text = [x for x in naskah.pasal_numbers]
    have = {str(k) for k in entries}
    missing = [p for p in in_text if p not in have]
    if missing:
        problems.append(Finding("keterlacakan", f"Pasal dalam teks tanpa catatan keterlacakan: {', '.join(missing)}",
                                trace_doc.key_location(("pasal",))))
    for key, e in entries.items():
        if str(key) not in in_text and not (e or {}).get("not_checkable") == "tidak_ada":
            problems.append(Finding("keterlacakan", f"Pasal {key} dicatat tetapi tidak ada dalam teks",
                                    trace_doc.key_location(("pasal", key))))
        q = (e or {}).get("quote")
        if q and str(key) in in_text:
            for kind, msg, hint in anchor(naskah, {"pasal": int(key)}, q):
                problems.append(Finding("keterlacakan", f"keterlacakan Pasal {key}: {msg}",
                                        trace_doc.location(("pasal", key, "quote")), hint))
    for key, e in (data.get("lampiran") or {}).items():
        q = (e or {}).get("quote")
        if q:
            for kind, msg, hint in anchor(naskah, {"lampiran": str(key)}, q):
                problems.append(Finding("keterlacakan", f"keterlacakan Lampiran {key}: {msg}",
                                        trace_doc.location(("lampiran", key, "quote")), hint))
