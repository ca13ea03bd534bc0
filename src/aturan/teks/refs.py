"""References inside a text ("sebagaimana dimaksud dalam Pasal 8 ayat (3) huruf f", "pada ayat (2)",
"tercantum dalam Lampiran II"): found in each unit's words and resolved against the tree."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import LIST_KINDS, Naskah, Unit, roman, roman_value

TOKEN_RE = re.compile(r"\(\s*[^()]{1,24}?\s*\)|[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*|[,;:.]")
EXTERNAL_WORDS = {"undang", "undang-undang", "peraturan", "keputusan", "permendagri", "permendesa", "uu", "pp",
                  "perpres", "ketetapan", "instruksi", "surat", "permenkes", "permenkeu", "perda", "uud"}
LEADING_FUNCTION = {"dalam", "untuk", "maka", "bahwa", "dan", "atau", "serta", "bagi", "pada", "oleh", "guna",
                    "apabila", "jika", "dengan", "terhadap", "kepada"}
CLAUSE_BREAK = {",", ";", ":", "."}


@dataclass
class Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass
class Ref:
    """One reference as written. Levels not written are None; `given` says which words were written."""

    unit: Unit
    start: int                  # character offsets in unit.text
    end: int
    pasal: str | None = None
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None
    lampiran: str | None = None
    given: set = field(default_factory=set)          # {"pasal", "ayat", "huruf", "angka", "lampiran"}
    missing: list = field(default_factory=list)      # levels named without a number: ["pasal"], ["huruf"]
    invalid: dict = field(default_factory=dict)      # level -> label as written, e.g. {"ayat": "J"}
    ayat_plain: bool = False                         # "ayat 1 (satu)" instead of "ayat (1)"
    phrase: str = ""                                 # the words referred to ("Lima paket layanan")
    phrase_start: int = 0
    formula: str = ""                                # "sebagaimana dimaksud dalam", "dalam", ...
    external: bool = False
    inherited: bool = False                          # part of a list ("huruf a dan huruf b")

    @property
    def written(self) -> str:
        return self.unit.text[self.start:self.end]


def tokenize(text: str) -> list[Tok]:
    return [Tok(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def _is_num(t: Tok | None) -> bool:
    return t is not None and bool(re.fullmatch(r"\d+[A-Z]?", t.text))


def _paren(t: Tok | None) -> str | None:
    if t is None:
        return None
    m = re.fullmatch(r"\(\s*([^()]{1,24}?)\s*\)", t.text)
    return m.group(1) if m else None


def _letter(t: Tok | None) -> bool:
    return t is not None and bool(re.fullmatch(r"[a-zA-Z]", t.text))


def _chain(toks: list[Tok], i: int, unit: Unit, base: Ref | None) -> tuple[Ref | None, int]:
    """Read "Pasal N ayat (n) huruf x angka n" (any part may be absent) from toks[i]."""
    n = len(toks)
    k = i
    r = Ref(unit, toks[i].start, toks[i].end)
    t = toks[k].low
    if t == "lampiran":
        k += 1
        if k < n and (re.fullmatch(r"[IVXLC]+", toks[k].text) or _is_num(toks[k])):
            lab = toks[k].text
            r.lampiran = roman(int(lab)) if lab.isdigit() else lab
            k += 1
        else:
            r.lampiran = ""
        r.given.add("lampiran")
        r.end = toks[k - 1].end
        return r, k
    if t == "pasal":
        r.given.add("pasal")
        k += 1
        if k < n and _is_num(toks[k]):
            r.pasal = toks[k].text
            k += 1
        elif k < n and toks[k].low in ("ayat", "huruf"):
            r.missing.append("pasal")
        else:
            return None, i + 1        # "Pasal demi Pasal", a heading word
    if k < n and toks[k].low == "ayat":
        r.given.add("ayat")
        k += 1
        lab = _paren(toks[k]) if k < n else None
        if lab is not None and re.fullmatch(r"\d+", lab):
            r.ayat = lab
            k += 1
        elif lab is not None and len(lab) <= 3:
            r.invalid["ayat"] = lab
            k += 1
        elif k < n and _is_num(toks[k]):
            r.ayat, r.ayat_plain = toks[k].text, True
            k += 1
            if k < n and _paren(toks[k]) and re.fullmatch(r"[a-z ]+", _paren(toks[k])):
                k += 1           # "ayat 1 (satu)"
        else:
            r.missing.append("ayat")
    if k < n and toks[k].low == "huruf":
        r.given.add("huruf")
        k += 1
        if k < n and _letter(toks[k]) and toks[k].text.islower():
            r.huruf = toks[k].text
            k += 1
        else:
            r.missing.append("huruf")
    if k < n and toks[k].low == "angka" and k + 1 < n and _is_num(toks[k + 1]):
        r.given.add("angka")
        r.angka = toks[k + 1].text
        k += 2
    if not r.given:
        return None, i + 1
    if r.given == {"ayat"} and "ayat" in r.missing:
        return None, i + 1
    if r.given == {"huruf"} and "huruf" in r.missing:
        return None, i + 1
    r.end = toks[k - 1].end
    if base is not None:            # "ayat (2), ayat (3)": the higher levels come from the first one
        order = ["pasal", "ayat", "huruf", "angka"]
        top = min((order.index(g) for g in r.given if g in order), default=0)
        for lvl in order[:top]:
            if getattr(r, lvl) is None and getattr(base, lvl) is not None:
                setattr(r, lvl, getattr(base, lvl))
        r.inherited = True
    return r, k


def find_refs(unit: Unit) -> tuple[list[Ref], list[tuple[int, int]]]:
    """References in the unit's own text, and the spans of "sebagaimana dimaksud" with no target."""
    text = unit.text or ""
    toks = tokenize(text)
    refs: list[Ref] = []
    dangling: list[tuple[int, int]] = []
    n = len(toks)
    i = 0
    in_pembukaan = any(a.kind in ("konsiderans", "dasar_hukum", "memperhatikan") for a in [unit] + list(unit.ancestors()))
    while i < n:
        low = toks[i].low
        if low in ("sebagaimana", "sebagai") and _formula_at(toks, i) is not None:
            end_formula = _formula_at(toks, i)
            if end_formula >= n or toks[end_formula].low not in ("pasal", "ayat", "huruf", "angka", "lampiran"):
                dangling.append((toks[i].start, toks[min(end_formula, n) - 1].end))
        if low in ("pasal", "ayat", "huruf", "angka", "lampiran"):
            r, j = _chain(toks, i, unit, None)
            if r is None:
                i = j
                continue
            group = [r]
            while j < n:
                k = j
                if k < n and toks[k].text == ",":
                    k += 1
                rng = False
                if k < n and toks[k].low in ("dan", "atau", "dan/atau"):
                    k += 1
                elif k < n and toks[k].low == "sampai":
                    k += 1
                    if k < n and toks[k].low == "dengan":
                        k += 1
                    rng = True
                if k < n and toks[k].low in ("pasal", "ayat", "huruf", "angka") and k > j:
                    nxt, j2 = _chain(toks, k, unit, group[-1])
                    if nxt is None:
                        break
                    if rng:
                        group.extend(_range(group[-1], nxt))
                    group.append(nxt)
                    j = j2
                else:
                    break
            ext = _external(toks, j, i) or (in_pembukaan and unit.kind != "huruf") or \
                (in_pembukaan and any(g.pasal for g in group))
            phrase, pstart, formula = _phrase(text, toks, i)
            for g in group:
                g.external = ext
                g.phrase, g.phrase_start, g.formula = phrase, pstart, formula
            refs.extend(group)
            i = j
            continue
        i += 1
    return refs, dangling


def _formula_at(toks: list[Tok], i: int) -> int | None:
    """If toks[i:] is "sebagaimana (di)maksud (dalam|pada)?" (or "sebagai mana ..."), the index after it."""
    n = len(toks)
    k = i
    if toks[k].low == "sebagai" and k + 1 < n and toks[k + 1].low == "mana":
        k += 2
    elif toks[k].low == "sebagaimana":
        k += 1
    else:
        return None
    if k < n and toks[k].low in ("dimaksud", "maksud", "dimaksudkan"):
        k += 1
    else:
        return None
    if k < n and toks[k].low in ("dalam", "pada", "di"):
        k += 1
    return k


def _range(a: Ref, b: Ref) -> list[Ref]:
    """"Pasal 10 sampai dengan Pasal 14": the Pasal between."""
    out = []
    for lvl in ("pasal", "ayat"):
        x, y = getattr(a, lvl), getattr(b, lvl)
        if x and y and x.isdigit() and y.isdigit() and lvl in a.given and lvl in b.given:
            for v in range(int(x) + 1, int(y)):
                r = Ref(a.unit, a.start, b.end, given={lvl}, inherited=True)
                setattr(r, lvl, str(v))
                if lvl == "ayat":
                    r.pasal = a.pasal
                out.append(r)
            break
    return out


def _external(toks: list[Tok], j: int, i: int = 0) -> bool:
    """A reference into another regulation: "Pasal 18 ayat (6) Undang-Undang Dasar ...", "Pasal 15
    Peraturan Presiden ...", "Permendagri Nomor 20 Tahun 2018 Pasal 37"."""
    if j < len(toks):
        w = toks[j].low
        if w in EXTERNAL_WORDS or w.startswith("undang"):
            return True
    if i >= 2 and toks[i - 2].low == "tahun" and re.fullmatch(r"\d{4}", toks[i - 1].text):
        return True
    return False


_VERBISH = re.compile(r"^(me[mn]?|meng|meny|di|ber|ter)[a-z]{3,}$")
NP_STOP = {"kepada", "oleh", "untuk", "melalui", "dengan", "terhadap", "bagi", "agar", "supaya", "adalah",
           "merupakan", "yaitu", "yakni", "ialah", "wajib", "dapat", "harus", "perlu", "bahwa", "maka",
           "setiap", "semua", "seluruh", "tiap"}
NOT_VERBS = {"dinas", "distrik", "desa", "diri", "dini", "dimana", "diskusi", "dinamika", "terpadu", "tertentu",
             "terkait", "terintegrasi", "terarah", "bersama", "berbagai", "berbasis", "terhadap", "melalui",
             "menurut", "mengenai", "berdasarkan", "beserta", "terutama", "tersebut", "tertinggi", "terendah",
             "berikutnya", "berkelanjutan", "bermutu", "berkualitas", "dibawah", "dimaksud"}


def _phrase(text: str, toks: list[Tok], i: int) -> tuple[str, int, str]:
    """The noun phrase a reference speaks of: the words right before "sebagaimana dimaksud", back to a
    verb, a preposition that ends a noun phrase, or a comma ("Rencana kerja ... harus memuat rencana
    5 (lima) paket layanan sebagaimana dimaksud" -> "rencana 5 (lima) paket layanan")."""
    k = i - 1
    formula_toks = []
    while k >= 0 and toks[k].low in ("dalam", "pada", "di", "dimaksud", "maksud", "dimaksudkan", "sebagaimana",
                                     "sebagai", "mana"):
        formula_toks.insert(0, toks[k].text)
        k -= 1
    formula = " ".join(formula_toks)
    if not any(w.lower() in ("sebagaimana", "sebagai", "dimaksud", "maksud") for w in formula_toks):
        return "", 0, formula
    end = k
    start = k
    while start >= 0 and end - start < 8:
        t = toks[start]
        low = t.low
        if t.text in CLAUSE_BREAK or low in NP_STOP or (_VERBISH.match(low) and low not in NOT_VERBS):
            break
        start -= 1
    start += 1
    while start <= end and toks[start].low in LEADING_FUNCTION:
        start += 1
    if start > end:
        return "", 0, formula
    return text[toks[start].start:toks[end].end], toks[start].start, formula


# ------------------------------------------------------------------ resolving
@dataclass
class Target:
    unit: Unit | None
    problem: str | None = None       # why it does not resolve, in Indonesian
    container: Unit | None = None    # where the missing part was looked for


def resolve(ref: Ref, naskah: Naskah) -> Target:
    """The unit a reference names, or why there is none."""
    u = ref.unit
    if ref.lampiran is not None:
        lamps = naskah.units("lampiran")
        if ref.lampiran == "":
            return Target(lamps[0] if len(lamps) == 1 else None,
                          None if len(lamps) == 1 else "Lampiran tanpa nomor, padahal teks memuat beberapa Lampiran")
        for lp in lamps:
            if lp.label == ref.lampiran:
                return Target(lp)
        have = ", ".join(lp.label or "(tanpa nomor)" for lp in lamps) or "tidak ada"
        return Target(None, f"Lampiran {ref.lampiran} tidak ada (Lampiran dalam teks: {have})")
    if ref.pasal is not None:
        cur = naskah.pasal(ref.pasal)
        if cur is None:
            return Target(None, f"Pasal {ref.pasal} tidak ada ({_pasal_span(naskah)})")
        where = f"Pasal {ref.pasal}"
    elif "pasal" in ref.missing:
        return Target(None, "nomor Pasal tidak ditulis")
    elif ref.ayat is not None or "ayat" in ref.given:
        cur = u.pasal
        if cur is None:
            return Target(None, "rujukan ayat di luar Pasal")
        where = f"Pasal {cur.label}"
    else:
        cur = _list_container(u, "huruf" if ref.huruf else "angka")
        if cur is None:
            return Target(None, "tidak ada rincian yang dapat dirujuk di sini")
        where = cur.title()
    if "ayat" in ref.invalid:
        return Target(None, f"nomor ayat ({ref.invalid['ayat']}) tidak sah", cur)
    if "ayat" in ref.given:
        if "ayat" in ref.missing:
            return Target(None, "nomor ayat tidak ditulis", cur)
        ay = cur.child("ayat", ref.ayat)
        if ay is None:
            ayats = [c.label for c in cur.children_of("ayat")]
            have = f"memuat ayat ({', '.join(ayats)})" if ayats else "tidak berayat"
            return Target(None, f"{where} tidak memuat ayat ({ref.ayat}); {where} {have}", cur)
        cur, where = ay, f"{where} ayat ({ref.ayat})"
    for lvl in ("huruf", "angka"):
        if lvl not in ref.given:
            continue
        if lvl in ref.missing:
            return Target(None, f"{lvl} tidak ditulis", cur)
        label = getattr(ref, lvl)
        item = _item(cur, lvl, label)
        if item is None:
            labels = [c.label for c in _items_of(cur, lvl)]
            have = f"hanya memuat {lvl} {_span(labels)}" if labels else f"tidak memuat {lvl}"
            return Target(None, f"{where} tidak memuat {lvl} {label}; {where} {have}", cur)
        cur, where = item, f"{where} {lvl} {label}"
    return Target(cur)


def _items_of(u: Unit, kind: str) -> list[Unit]:
    out = [c for c in u.children if c.kind == kind]
    if not out and u.kind == "pasal":          # "Pasal 7 huruf a" in a Pasal whose list sits in a kalimat
        for c in u.children:
            if c.kind == "para":
                out += [x for x in c.children if x.kind == kind]
    return out


def _item(u: Unit, kind: str, label: str) -> Unit | None:
    for c in _items_of(u, kind):
        if c.label.lower() == str(label).lower():
            return c
    return None


def _list_container(u: Unit, kind: str) -> Unit | None:
    """For "huruf a" alone: the nearest unit (the reference's own parent list first) holding huruf."""
    start = u.parent if u.kind in LIST_KINDS else u
    for c in [start] + list(start.ancestors()) if start else []:
        if _items_of(c, kind):
            return c
    return None


def _span(labels: list[str]) -> str:
    if not labels:
        return ""
    if len(labels) > 2 and labels == _seq(labels[0], len(labels)):
        return f"{labels[0]}-{labels[-1]}"
    return ", ".join(labels)


def _seq(first: str, n: int) -> list[str]:
    if first.isdigit():
        return [str(int(first) + i) for i in range(n)]
    return [chr(ord(first) + i) for i in range(n)]


def _pasal_span(naskah: Naskah) -> str:
    nums = [int(x) for x in naskah.pasal_numbers if x.isdigit()]
    if not nums:
        return "teks tidak memuat Pasal"
    missing = sorted(set(range(min(nums), max(nums) + 1)) - set(nums))
    s = f"teks memuat Pasal {min(nums)}-{max(nums)}"
    return s + (f" tanpa Pasal {', '.join(map(str, missing))}" if missing else "")


def cite(ref: Ref) -> str:
    parts = []
    if ref.lampiran is not None:
        parts.append(f"Lampiran {ref.lampiran}".strip())
    if ref.pasal:
        parts.append(f"Pasal {ref.pasal}")
    if ref.ayat:
        parts.append(f"ayat ({ref.ayat})")
    if ref.huruf:
        parts.append(f"huruf {ref.huruf}")
    if ref.angka:
        parts.append(f"angka {ref.angka}")
    return " ".join(parts)


def lampiran_label(label: str) -> int | None:
    return roman_value(label) if label else None
