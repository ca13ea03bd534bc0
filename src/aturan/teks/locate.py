"""From a citation (a rule's `{pasal: 21, huruf: d}`, or words such as "Pasal 21 huruf d") to its unit."""
from __future__ import annotations

import re

from ..errors import AturanError
from .model import Naskah, Unit, roman


def unit_for(naskah: Naskah, pasal=None, ayat=None, huruf=None, angka=None, lampiran=None,
             bagian=None, angka_first: bool | None = None) -> tuple[Unit | None, str | None]:
    """The unit a citation names, or None and why (in Indonesian)."""
    if lampiran is not None:
        lamp = next((u for u in naskah.units("lampiran") if u.label == str(lampiran)), None)
        if lamp is None:
            have = ", ".join(u.label or "(tanpa nomor)" for u in naskah.units("lampiran")) or "tidak ada"
            return None, f"Lampiran {lampiran} tidak ada dalam teks (Lampiran: {have})"
        if not bagian:
            return lamp, None
        part = _lampiran_part(lamp, str(bagian))
        if part is None:
            return lamp, f"bagian \"{bagian}\" tidak ditemukan dalam Lampiran {lampiran}; dicari di seluruh Lampiran"
        return part, None
    if pasal is None:
        return None, "rujukan tanpa Pasal"
    cur = naskah.pasal(pasal)
    if cur is None:
        return None, f"Pasal {pasal} tidak ada dalam teks"
    where = f"Pasal {pasal}"
    if ayat is not None:
        nxt = cur.child("ayat", str(ayat))
        if nxt is None:
            return None, f"{where} tidak memuat ayat ({ayat})"
        cur, where = nxt, f"{where} ayat ({ayat})"
    # a citation does not say whether angka is inside huruf or huruf inside angka ("Pasal 7 angka 4
    # huruf b"): both orders are tried
    orders = [(("huruf", huruf), ("angka", angka)), (("angka", angka), ("huruf", huruf))]
    if angka_first is not None:     # only the order the citation is written in
        orders = orders[1:] if angka_first else orders[:1]
    first_why = None
    for order in orders:
        u, w = cur, where
        for kind, label in order:
            if label is None:
                continue
            nxt = _item(u, kind, str(label))
            if nxt is None:
                u, w = None, f"{w} tidak memuat {kind} {label}"
                break
            u, w = nxt, f"{w} {kind} {label}"
        if u is not None:
            return u, None
        first_why = first_why or w
        if huruf is None or angka is None:
            break
    return None, first_why


def _item(u: Unit, kind: str, label: str) -> Unit | None:
    for c in u.children:
        if c.kind == kind and c.label.lower() == label.lower():
            return c
    for c in u.children:          # a list that sits under a kalimat of the Pasal
        if c.kind == "para":
            found = _item(c, kind, label)
            if found is not None:
                return found
    return None


def _lampiran_part(lamp: Unit, bagian: str) -> Unit | None:
    """"huruf b", "huruf d angka 3", "nomor 5", "No. 4" inside a Lampiran."""
    b = bagian.strip()
    m = re.fullmatch(r"(?:nomor|no\.?)\s*(\d+)", b, re.I)
    if m:
        return next((u for u in lamp.walk() if u.kind == "baris" and u.label == m.group(1)), None)
    m = re.fullmatch(r"huruf\s+([a-z])(?:\s+angka\s+(\d+))?", b, re.I)
    if m:
        part = next((u for u in lamp.children if u.kind == "huruf" and u.label == m.group(1).lower()), None)
        if part is not None and m.group(2):
            part = next((u for u in part.walk() if u.kind == "angka" and u.label == m.group(2)), None)
        return part
    return None


_WORDS = re.compile(r"(Pasal|ayat|huruf|angka|Lampiran|nomor)\s*\(?\s*([0-9A-Za-z]+)?\s*\)?", re.I)


def unit_for_words(naskah: Naskah, words: list[str]) -> Unit:
    """`aturan teks show PACK Pasal 21 huruf d` (or an id such as pasal-21/huruf-d)."""
    text = " ".join(words).strip()
    if not text:
        return naskah.root
    u = naskah.unit(text)
    if u is not None:
        return u
    parts = {k.lower(): (v or "") for k, v in _WORDS.findall(text)}
    for sec in ("menimbang", "mengingat"):
        if re.search(rf"\b{sec}\b", text, re.I):
            parts[sec] = ""
    if not parts:
        raise AturanError(f"rujukan {text!r} tidak dikenali", hint="tulis mis. \"Pasal 21 huruf d\", \"Pasal 31 ayat (1)\", "
                          "\"Lampiran III huruf b\" atau id seperti pasal-21/huruf-d")
    if "menimbang" in parts or "mengingat" in parts:
        sec = naskah.unit("menimbang" if "menimbang" in parts else "mengingat")
        if sec is None:
            raise AturanError("teks tidak memuat " + ("Menimbang" if "menimbang" in parts else "Mengingat"))
        for kind in ("huruf", "angka"):
            if parts.get(kind):
                found = _item(sec, kind, parts[kind])
                if found is None:
                    raise AturanError(f"{sec.title()} tidak memuat {kind} {parts[kind]}")
                return found
        return sec
    lamp = parts.get("lampiran")
    if lamp is not None and lamp.isdigit():
        lamp = roman(int(lamp))
    bagian = None
    if lamp is not None:
        bits = []
        if parts.get("huruf"):
            bits.append(f"huruf {parts['huruf']}")
        if parts.get("angka"):
            bits.append(f"angka {parts['angka']}")
        if parts.get("nomor"):
            bits.append(f"nomor {parts['nomor']}")
        bagian = " ".join(bits) or None
        found, why = unit_for(naskah, lampiran=(lamp or "").upper(), bagian=bagian)
    else:
        found, why = unit_for(naskah, pasal=parts.get("pasal") or None, ayat=parts.get("ayat") or None,
                              huruf=parts.get("huruf") or None, angka=parts.get("angka") or None)
    if found is None or (why and bagian):
        raise AturanError(f"{text}: {why}")
    return found
