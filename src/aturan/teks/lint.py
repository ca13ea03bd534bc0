"""`aturan teks lint`: the defects of a regulation text itself, each at its line and column.

Checks follow the drafting rules of Lampiran II UU 12/2011: references that name no unit or a unit
whose words do not match, numbering (Pasal, ayat, huruf, BAB, Bagian, Menimbang), the closing
consideration, abbreviations, counts that disagree, list punctuation, sentences without a predicate,
the Mengingat list against a catalogue of statutes, the signature blocks. What only a reader can see
is recorded in a pack's teks/catatan.yaml and listed with the rest.
"""
from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..errors import Location
from . import kata
from .model import LIST_KINDS, Naskah, Unit, label_for, label_value, roman
from .refs import Ref, cite, find_refs, resolve

SEVERITIES = ("galat", "peringatan")


@dataclass(frozen=True)
class Cacat:
    """One defect of the text."""

    kode: str                 # rujukan, penomoran, konsiderans, dasar-hukum, singkatan, jumlah, kalimat, ...
    pesan: str
    unit: str                 # id of the unit where it is
    location: Location
    saran: str | None = None
    tingkat: str = "galat"    # galat | peringatan
    asal: str = "periksa"     # periksa (found by a check) | catatan (recorded by a reader)

    def line(self) -> str:
        head = f"{self.location}: [{self.kode}] {self.pesan}"
        return head + (f"\n    {self.saran}" if self.saran else "")

    def as_dict(self) -> dict:
        loc = self.location
        return {"kode": self.kode, "pesan": self.pesan, "unit": self.unit, "berkas": loc.file,
                "baris": None if loc.line is None else loc.line + 1,
                "kolom": None if loc.col is None else loc.col + 1, "saran": self.saran,
                "tingkat": self.tingkat, "asal": self.asal}


@lru_cache(maxsize=1)
def catalogue() -> dict:
    text = resources.files("aturan.teks").joinpath("data/katalog.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


class _Ctx:
    """What the checks share: the text, word weights, the findings so far."""

    def __init__(self, naskah: Naskah):
        self.n = naskah
        self.out: list[Cacat] = []
        self.seen: set = set()
        body = [u for u in naskah.root.walk() if u.text and u.kind not in ("kepala",)]
        self.df: Counter = Counter()
        for u in body:
            self.df.update(set(kata.stems(u.text)))
        self.total = max(1, len(body))
        self.refs: list[tuple[Ref, object]] = []
        self.better: dict[int, Unit] = {}       # id(ref) -> the unit a mismatched reference probably means
        self.sentences: list[Unit] | None = None

    def weight(self, word: str) -> float:
        return math.log((self.total + 1) / (1 + self.df.get(kata.stem(word), 0))) + 0.1

    def at(self, u: Unit, offset: int = 0) -> Location:
        if u.text and offset >= 0:
            return self.n.location(u.line, u.text_col + offset)
        return self.n.location(u.line, u.col)

    def add(self, kode: str, pesan: str, u: Unit, offset: int = 0, saran: str | None = None,
            tingkat: str = "galat") -> None:
        key = (kode, pesan, u.id)
        if key in self.seen:
            return
        self.seen.add(key)
        self.out.append(Cacat(kode, pesan, u.id, self.at(u, offset), saran, tingkat))


def lint_naskah(naskah: Naskah, catatan: list[dict] | None = None) -> list[Cacat]:
    """Every defect found, in text order; `catatan` are the recorded ones (teks/catatan.yaml)."""
    c = _Ctx(naskah)
    _structure(c)
    _numbering(c)
    _references(c)
    _konsiderans(c)
    _diktum_and_self_reference(c)
    _dasar_hukum(c)
    _abbreviations(c)
    _terms(c)
    _counts(c)
    _lists(c)
    _sentences(c)
    _actors(c)
    _organisers(c)
    _duplicates(c)
    _lampiran(c)
    _penutup(c)
    _words(c)
    for note in catatan or []:
        c.out.append(note_finding(naskah, note))
    c.out.sort(key=lambda d: (d.location.line if d.location.line is not None else -1, d.location.col or 0))
    return c.out


def note_finding(naskah: Naskah, note: dict) -> Cacat:
    """A recorded defect, placed at its words in its unit (checked: they must be there)."""
    u = naskah.unit(note["unit"])
    loc_unit = u or naskah.root
    offset = 0
    kata_ = note.get("kata", "")
    if u is not None and kata_:
        i = kata.fold(u.full_text()).find(kata.fold(kata_))
        offset = i if i >= 0 and i < len(u.text or "") else 0
    loc = naskah.location(loc_unit.line, (loc_unit.text_col + offset) if loc_unit.text else loc_unit.col)
    return Cacat(note.get("kode", "catatan"), note["pesan"], note["unit"], loc, note.get("saran"),
                 note.get("tingkat", "galat"), "catatan")


# ------------------------------------------------------------------ structure
def _structure(c: _Ctx) -> None:
    from .parser import expected_words
    for p in c.n.meta.get("struktur", []):
        exp = expected_words(p.expected)
        c.out.append(Cacat("struktur", f"baris ini tidak pada tempatnya dalam susunan peraturan: {p.text[:60]!r}",
                           "", c.n.location(p.line, p.col), f"yang dapat muncul di sini: {exp}" if exp else None))
    for u in c.n.units("pasal"):
        kinds = [x.kind for x in u.children]
        if "ayat" in kinds and kinds[0] != "ayat" and not any(a.kind == "penjelasan" for a in u.ancestors()):
            first = next(x for x in u.children if x.kind != "ayat")
            c.add("struktur", f"Pasal {u.label} dibuka dengan kalimat lalu ayat: ayat dipakai sebagai rincian "
                  "kalimat pengantar", first, 0,
                  "dalam Lampiran II UU 12/2011 Pasal terdiri atas ayat, atau atas kalimat dengan rincian huruf")
    for u in c.n.units("ayat"):
        if u.pasal and len(u.pasal.children_of("ayat")) == 1:
            c.add("penomoran", f"Pasal {u.pasal.label} hanya memiliki satu ayat yang diberi nomor ({u.label})",
                  u, -1, "Pasal yang terdiri atas satu ayat tidak diberi nomor ayat", "peringatan")


# ------------------------------------------------------------------ numbering
def _numbering(c: _Ctx) -> None:
    n = c.n
    pasals = [u for u in n.units("pasal") if not any(a.kind == "penjelasan" for a in u.ancestors())]
    _sequence(c, pasals, "pasal", "Pasal", lambda u: f"Pasal {u.label}")
    babs = n.units("bab")
    _sequence(c, babs, "bab", "BAB", lambda u: f"BAB {u.label}")
    for parent in [n.root] + babs + n.units("batang_tubuh"):
        bagians = parent.children_of("bagian")
        if bagians:
            where = f" dalam BAB {parent.label}" if parent.kind == "bab" else ""
            _sequence(c, bagians, "bagian", "Bagian", lambda u: f"Bagian {u.label}", where=where)
    for b in n.units("bagian"):
        _sequence(c, b.children_of("paragraf"), "paragraf", "Paragraf", lambda u: f"Paragraf {u.label}",
                  where=f" dalam Bagian {b.label}")
    for p in pasals:
        _sequence(c, p.children_of("ayat"), "ayat", "ayat", lambda u: f"ayat ({u.label})", where=f" Pasal {p.label}")
    for u in n.root.walk():
        for kind in ("huruf", "angka"):
            items = u.children_of(kind)
            if len(items) > 1 or (items and items[0].label not in ("a", "1")):
                if any(a.kind == "dasar_hukum" for a in [u] + list(u.ancestors())) and kind == "angka":
                    where = " Mengingat"
                elif u.kind == "konsiderans":
                    where = " Menimbang"
                else:
                    where = f" {u.title()}" if u.kind not in ("lampiran",) else f" Lampiran {u.label}"
                _sequence(c, items, kind, kind, lambda x, k=kind: f"{k} {x.label}", where=where)


def _sequence(c: _Ctx, units: list[Unit], kind: str, word: str, name, where: str = "") -> None:
    """Labels must run 1, 2, 3 (a, b, c; I, II; Kesatu, Kedua) without repeats or gaps."""
    if not units:
        return
    expected = 1
    seen: dict[int, Unit] = {}
    for u in units:
        v = label_value(kind, u.label)
        if v is None:
            c.add("penomoran", f"{name(u)}{where}: nomor tidak dikenal", u, -1)
            continue
        if v in seen:
            c.add("penomoran", f"{name(u)} dipakai dua kali{where}", u, -1,
                  f"yang pertama di baris {c.n.location(seen[v].line).line + 1}")
        elif v > expected:
            gap = [label_for(kind, x) for x in range(expected, v)]
            missing = ", ".join(f"{word} {g}" if kind not in ("ayat",) else f"ayat ({g})" for g in gap)
            if kind == "bagian" and expected == 1 and not seen:
                c.add("penomoran", f"{name(u)} adalah Bagian pertama{where}; {missing} tidak ada", u, -1)
            else:
                c.add("penomoran", f"penomoran melompat ke {name(u)}{where}: {missing} tidak ada", u, -1)
        elif v < expected and v not in seen:
            c.add("penomoran", f"{name(u)}{where} tidak urut (sesudah {word} {label_for(kind, expected - 1)})", u, -1)
        seen.setdefault(v, u)
        expected = max(expected, v + 1)


# ------------------------------------------------------------------ references
def _text_units(c: _Ctx):
    for u in c.n.root.walk():
        if not u.text or u.kind in ("kepala", "bab", "bagian", "paragraf", "lampiran", "diktum"):
            continue
        if any(a.kind == "dasar_hukum" for a in u.ancestors()):
            continue
        yield u


def _references(c: _Ctx) -> None:
    dangling_all = []
    for u in _text_units(c):          # first every reference and what it names, then the checks
        refs, dangling = find_refs(u)
        dangling_all += [(u, s_, e) for s_, e in dangling]
        for r in refs:
            if not r.external:
                c.refs.append((r, resolve(r, c.n)))
    for u, s_, e in dangling_all:
        nxt = u.text[e:e + 20].strip().split(" ")[0].lower() if e < len(u.text) else ""
        if nxt.startswith("undang") or nxt in ("peraturan", "keputusan"):
            continue
        c.add("rujukan", f"\"{u.text[s_:e]}\" tidak diikuti Pasal, ayat atau huruf yang dirujuk", u, s_,
              "sebutkan unit yang dirujuk, atau hapus frasa \"sebagaimana dimaksud\"")
    for r, t in c.refs:
        u = r.unit
        _formula(c, r)
        if r.ayat_plain:
            c.add("rujukan", f"rujukan \"{r.written}\" menulis nomor ayat tanpa kurung", u, r.start,
                  f"tulis \"ayat ({r.ayat})\"", "peringatan")
        if t.unit is None:
            c.add("rujukan", f"rujukan \"{r.written}\": {t.problem}", u, r.start, _suggest(c, r, t))
            continue
        if r.phrase and t.unit.kind != "lampiran" and not any(
                a.kind == "konsiderans" for a in [u] + list(u.ancestors())):
            _content(c, r, t.unit)


def _refers_to(c: _Ctx, unit: Unit, target: Unit) -> bool:
    """Does `unit` (or a unit above it) itself refer to `target`? Then it describes the target, it is
    not another candidate for it."""
    chain = {unit.id} | {a.id for a in unit.ancestors()}
    return any(r.unit.id in chain and t.unit is target for r, t in c.refs)


def _formula(c: _Ctx, r: Ref) -> None:
    f = r.formula.lower()
    if not f or r.inherited:
        return
    u = r.unit
    if "sebagai mana" in f:
        c.add("rujukan", "frasa rujukan ditulis \"sebagai mana\"", u, r.start, "tulis \"sebagaimana dimaksud\"",
              "peringatan")
    elif "sebagaimana" in f and "dimaksud" not in f:
        c.add("rujukan", f"frasa rujukan \"{r.formula}\" tidak baku", u, r.start,
              "tulis \"sebagaimana dimaksud dalam/pada\"", "peringatan")
    elif f.endswith("dimaksud") and r.lampiran is None:
        c.add("rujukan", f"frasa rujukan \"{r.formula} {r.written}\" tanpa kata \"dalam\" atau \"pada\"", u, r.start,
              "tulis \"sebagaimana dimaksud dalam Pasal ...\" atau \"sebagaimana dimaksud pada ayat ...\"",
              "peringatan")


def _suggest(c: _Ctx, r: Ref, t) -> str | None:
    if not r.phrase:
        return None
    scope = t.container.pasal if t.container is not None and t.container.pasal else r.unit.pasal
    best = _best_match(c, r, exclude=None, within=scope)
    if best is not None:
        return f"yang dimaksud mungkin {best.title()} (\"{_short(best.text)}\")"
    return None


def _phrase_words(phrase: str) -> list[str]:
    return [w for w in kata.words(phrase) if w not in kata.STOPWORDS and not w.isdigit() and len(w) >= 3]


def _coverage(c: _Ctx, words: list[str], text: str) -> float:
    """Share (weighted by rarity) of `words` found, in any form, in `text`."""
    if not words:
        return 1.0
    forms = _forms_of(text)
    total = sum(c.weight(w) for w in words)
    got = sum(c.weight(w) for w in words if kata.forms(w) & forms)
    return got / total if total else 1.0


def _target_text(u: Unit) -> str:
    return u.full_text()


def _short_item(u: Unit) -> bool:
    return u.kind in LIST_KINDS and len(_phrase_words(u.text or "")) <= 10


def _best_match(c: _Ctx, r: Ref, exclude: Unit | None, within: Unit | None = None) -> Unit | None:
    """A unit that names what the reference speaks of: first inside `within` (the Pasal referred
    to), else a short rincian anywhere whose words are all in the phrase."""
    words = _phrase_words(r.phrase)
    if len(words) < 2:
        return None
    own = {r.unit.id} | {a.id for a in r.unit.ancestors()}
    pools = ([list(within.walk())] if within is not None else []) + [list(c.n.root.walk())]
    for pool in pools:
        best, best_key = None, None
        for u in pool:
            if u.kind not in ("ayat", "huruf", "angka") or u.id in own or u is exclude or not u.pasal or not u.text:
                continue
            fwd = _coverage(c, words, u.text)
            rev = _coverage(c, _phrase_words(u.text), r.phrase) if _short_item(u) else 0.0
            score = max(fwd, rev)
            if pool is pools[-1] and not (_short_item(u) and rev >= 0.8):
                continue
            if score < 0.85:
                continue
            key = (score, -len(u.text))
            if best_key is None or key > best_key:
                best, best_key = u, key
        if best is not None:
            return best
    return None


def _content(c: _Ctx, r: Ref, target: Unit) -> None:
    """The words before "sebagaimana dimaksud" should be the words of the unit it names."""
    words = _phrase_words(r.phrase)
    if len(words) < 2:
        return
    u = r.unit
    text = _target_text(target)
    fwd = _coverage(c, words, text)
    # a word of the phrase missing from the target while a near twin is there ("Keterbatasan"/"Keterbukaan")
    tw = kata.words(text)
    for w in words:
        if any(kata.forms(w) & kata.forms(x) for x in tw):
            continue
        twins = [x for x in tw if _twin(w, x)]
        if twins:
            c.add("rujukan", f"\"{r.phrase}\" sebagaimana dimaksud {cite(r) or r.written}, tetapi {target.title()} "
                  f"menyebut \"{twins[0]}\", bukan \"{w}\"", u, r.phrase_start)
            return
    if _short_item(target):
        rev = _coverage(c, _phrase_words(target.text), r.phrase)
        if rev >= 0.8:
            return
        for sib in (target.parent.items() if target.parent else []):
            if sib is target or not _short_item(sib):
                continue
            srev = _coverage(c, _phrase_words(sib.text), r.phrase)
            if srev >= 0.8 and srev - rev >= 0.3 and _coverage(c, words, sib.text) > fwd:
                _mismatch(c, r, target, sib)
                return
        if rev >= 0.5 or fwd >= 0.5:
            return
        best = _best_match(c, r, exclude=target, within=target.parent)
        _mismatch(c, r, target, best)
        return
    # an ayat or Pasal: the phrase, word for word, in another ayat of the Pasal but not in this one
    np = [w for w in kata.words(r.phrase) if not w.isdigit()]
    siblings = [x for x in (target.parent.children if target.parent else []) if x.kind == target.kind
                and x is not target and x is not u and u not in list(x.walk())]
    if len(np) >= 2 and fwd < 0.6 and not _contains_seq(kata.words(text), np):
        for cand in siblings:
            if _contains_seq(kata.words(cand.text or ""), np):
                _mismatch(c, r, target, cand)
                return
    if fwd < 0.3:
        cands = [(x, _coverage(c, words, x.text or "")) for x in siblings]
        cands = [x for x in cands if x[1] >= 0.85]
        if cands:
            _mismatch(c, r, target, max(cands, key=lambda x: x[1])[0])


def _mismatch(c: _Ctx, r: Ref, target: Unit, better: Unit | None) -> None:
    c.add("rujukan", f"isi {target.title()} (\"{_short(target.text)}\") tidak sesuai dengan yang dirujuk "
          f"(\"{r.phrase}\")", r.unit, r.start,
          f"yang dimaksud mungkin {better.title()} (\"{_short(better.text)}\")" if better is not None else None)
    if better is not None:
        c.better[id(r)] = better


def _twin(a: str, b: str) -> bool:
    """"Keterbatasan"/"keterbukaan", "pendaftaran"/"pendataan": the same start, a different middle
    (not only another ending, as "analisis"/"analisa")."""
    if len(a) <= 6 or len(b) <= 6 or a[:5] != b[:5] or kata.same_word(a, b):
        return False
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return len(a) - k >= 3 and len(b) - k >= 3 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.7


def _contains_seq(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    for i in range(len(hay) - n + 1):
        if all(kata.same_word(a, b) for a, b in zip(hay[i:i + n], needle)):
            return True
    return False


def _short(text: str, n: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# ------------------------------------------------------------------ Menimbang
def _konsiderans(c: _Ctx) -> None:
    k = c.n.root.find_first("konsiderans")
    if k is None:
        return
    items = k.children_of("huruf")
    if len(items) < 2:
        return
    last = items[-1]
    before = [x.label for x in items[:-1]]
    cited = set(re.findall(r"\bhuruf\s+([a-z])\b", last.text))
    if cited:
        missing = [x for x in dict.fromkeys(before) if x not in cited]
        if missing:
            c.add("konsiderans", f"pertimbangan penutup (huruf {last.label}) hanya merujuk huruf "
                  f"{', '.join(sorted(cited))}; huruf {', '.join(missing)} tidak disebut", last, 0,
                  "pertimbangan terakhir merujuk semua huruf sebelumnya (Lampiran II UU 12/2011)")
    low = last.text.lower()
    if "berdasarkan" in low and "pertimbangan" not in low:
        m = re.search(r"berdasarkan\s+(\w+)", last.text, re.I)
        c.add("konsiderans", f"pertimbangan penutup menulis \"berdasarkan {m.group(1) if m else ''}\", bukan "
              "\"berdasarkan pertimbangan\"", last, m.start() if m else 0)
    if not re.search(r"\bperlu\s+(menetapkan|ditetapkan|membentuk|mengatur|diatur)\b", low):
        m = re.search(r"\bperlu\s+(\w+)", last.text, re.I)
        c.add("konsiderans", f"pertimbangan penutup menulis \"perlu {m.group(1) if m else '...'}\", bukan "
              "\"perlu menetapkan\"", last, m.start() if m else 0)
    judul = c.n.meta.get("judul")
    m = re.search(r"\btentang\s+(.+?)\s*[;.]?\s*$", last.text, re.I)
    if judul and m and _norm_title(m.group(1)) != _norm_title(judul):
        c.add("konsiderans", f"judul dalam pertimbangan penutup (\"{m.group(1)}\") berbeda dengan judul peraturan "
              f"(\"{judul.title()}\")", last, m.start(1))


def _norm_title(t: str) -> str:
    return re.sub(r"[^a-z0-9]", "", kata.fold(t))


def _diktum_and_self_reference(c: _Ctx) -> None:
    d = c.n.root.find_first("diktum")
    judul = c.n.meta.get("judul")
    if d is not None and judul:
        m = re.search(r"\bTENTANG\s+(.+?)\.?\s*$", d.text or "", re.I)
        if m and _norm_title(m.group(1)) != _norm_title(judul):
            c.add("diktum", "judul dalam diktum Menetapkan berbeda dengan judul peraturan", d, m.start(1))
    jenis = c.n.meta.get("jenis")
    if not jenis:
        return
    for u in c.n.root.walk():
        texts = [(u, u.text, u.text_col)] if u.text else []
        if u.kind == "para" and u.parent is not None and u.parent.kind == "penutup":
            texts = [(u, u.text, u.text_col)]
        for unit, text, _ in texts:
            for m in re.finditer(r"\bPeraturan\s+(Bupati|Walikota|Wali\s+Kota|Daerah|Gubernur)\s+ini\b", text, re.I):
                said = "Peraturan " + m.group(1).title()
                if _norm_title(said) != _norm_title(jenis):
                    c.add("istilah", f"\"{m.group(0)}\" dalam sebuah {jenis}", unit, m.start(),
                          f"tulis \"{jenis} ini\"")


# ------------------------------------------------------------------ Mengingat
_STATUTE = re.compile(
    r"(?P<jenis>Undang[- ]Undang|Peraturan\s+Pemerintah|Peraturan\s+Presiden|Peraturan\s+Menteri\s+[A-Za-z ,/]+?)"
    r"\s+(?:Republik\s+Indonesia\s+)?Nomor\s+(?P<nomor>\d+)\s+Tahun\s+(?P<tahun>\d{4})\s+tentang\s+(?P<judul>.+?)"
    r"(?=\s*\(|\s*,?\s*sebagaimana|\s*;|\s*$)", re.I)
_LN = re.compile(r"(?P<kind>Tambahan\s+Lembaran(?:\s+Negara)?|Lembaran\s+Negara|Lembaran\s+Daerah|Berita\s+Negara)"
                 r"(?:\s+Republik\s+Indonesia)?(?:\s+Tahun\s+(?P<tahun>\d{4}))?\s+Nomor\s+(?P<nomor>\d+)", re.I)


def _dasar_hukum(c: _Ctx) -> None:
    d = c.n.root.find_first("dasar_hukum")
    if d is None:
        return
    cat = catalogue()
    entries = cat.get("peraturan", [])
    spellings = cat.get("jenis", {})
    by_ln: dict[int, list] = defaultdict(list)
    for e in entries:
        for key in ("ln", "bn"):
            if e.get(key):
                by_ln[e[key][1]].append(e)
        if e.get("tln"):
            by_ln[e["tln"]].append(e)
    for item in d.children:
        text = item.text or ""
        statutes = list(_STATUTE.finditer(text))
        for i, m in enumerate(statutes):
            jenis = _jenis_key(m.group("jenis"), spellings)
            entry = next((e for e in entries if e["jenis"] == jenis and e["nomor"] == int(m.group("nomor"))
                          and e["tahun"] == int(m.group("tahun"))), None)
            if entry is None and m.group("jenis").lower().startswith("peraturan menteri"):
                entry = _by_title(entries, m, c)
            if entry is None:
                continue
            name = f"{_jenis_short(entry)} {entry['nomor']}/{entry['tahun']}"
            if entry.get("penerbit") and not m.group("jenis").lower().startswith(
                    ("peraturan menteri " + entry["penerbit"].split("/")[0].replace("Menteri ", "")).lower()):
                issuer = m.group("jenis")[len("Peraturan "):].strip()
                if _norm_title(issuer) != _norm_title(entry["penerbit"]):
                    c.add("dasar-hukum", f"Mengingat angka {item.label}: {name} diterbitkan oleh "
                          f"{entry['penerbit']}, bukan \"{issuer}\"", item, m.start("jenis"))
            judul = re.sub(r"\s+", " ", m.group("judul"))
            if _title_replaced(judul, entry["judul"]):
                c.add("dasar-hukum", f"Mengingat angka {item.label}: judul {name} tertulis \"{judul}\"; judul "
                      f"resminya \"{entry['judul']}\"", item, m.start("judul"))
            end = statutes[i + 1].start() if i + 1 < len(statutes) else len(text)
            seg_start = m.end()
            seg = text[seg_start:end]
            # only the first parenthesis after the title belongs to this statute
            paren = re.match(r"\s*,?\s*\(([^()]*)\)", seg)
            if not paren:
                continue
            inner, inner_at = paren.group(1), seg_start + paren.start(1)
            _check_numbers(c, item, entry, name, inner, inner_at, by_ln)


def _title_replaced(written: str, official: str) -> bool:
    """A word of the title replaced by another (not only left out, and not only spelling)."""
    a = [w.replace("propinsi", "provinsi") for w in kata.words(written)]
    b = [w.replace("propinsi", "provinsi") for w in kata.words(official)]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "replace" and not all(kata.same_word(x, y) for x, y in zip(a[i1:i2], b[j1:j2])):
            return True
    return False


def _jenis_key(written: str, spellings: dict) -> str | None:
    w = " ".join(written.split()).lower()
    for key, forms in spellings.items():
        if any(w.startswith(f.lower()) for f in forms):
            return key
    return None


def _jenis_short(e: dict) -> str:
    return {"UU": "UU", "PP": "PP", "Perpres": "Perpres", "Permendagri": "Permendagri"}.get(e["jenis"], e["jenis"])


def _by_title(entries, m, c) -> dict | None:
    for e in entries:
        if e["nomor"] == int(m.group("nomor")) and e["tahun"] == int(m.group("tahun")) and \
                _norm_title(e["judul"]) == _norm_title(re.sub(r"\s+", " ", m.group("judul"))):
            return e
    return None


def _check_numbers(c: _Ctx, item: Unit, e: dict, name: str, inner: str, at: int, by_ln) -> None:
    ln_given = tln_given = False
    for m in _LN.finditer(inner):
        kind = " ".join(m.group("kind").split()).lower()
        num, year = int(m.group("nomor")), m.group("tahun")
        pos = at + m.start()
        if kind.startswith("tambahan"):
            tln_given = True
            if e.get("tln") and num != e["tln"]:
                c.add("dasar-hukum", f"Mengingat angka {item.label}: Tambahan Lembaran Negara {name} tertulis "
                      f"Nomor {num}; seharusnya Nomor {e['tln']}", item, pos, _who(by_ln, num, e))
            continue
        if kind == "lembaran daerah":
            c.add("dasar-hukum", f"Mengingat angka {item.label}: {name} diundangkan dalam Lembaran Negara, "
                  "bukan \"Lembaran Daerah\"", item, pos)
            kind = "lembaran negara"
        key = "ln" if kind == "lembaran negara" else "bn"
        if key == "ln":
            ln_given = True
        ref = e.get(key) or e.get("ln") or e.get("bn")
        if not ref:
            continue
        label = "Lembaran Negara" if key == "ln" else "Berita Negara"
        if num != ref[1]:
            hint = _who(by_ln, num, e)
            c.add("dasar-hukum", f"Mengingat angka {item.label}: {label} {name} tertulis Nomor {num}; seharusnya "
                  f"{label} Tahun {ref[0]} Nomor {ref[1]}", item, pos, hint)
        elif year and int(year) != ref[0]:
            c.add("dasar-hukum", f"Mengingat angka {item.label}: {label} {name} tertulis Tahun {year}; seharusnya "
                  f"Tahun {ref[0]} Nomor {ref[1]}", item, pos)
    if tln_given and not ln_given and e.get("ln"):
        c.add("dasar-hukum", f"Mengingat angka {item.label}: {name} hanya disebut dengan Tambahan Lembaran "
              f"Negara; Lembaran Negara Tahun {e['ln'][0]} Nomor {e['ln'][1]} tidak ditulis", item, at)


def _who(by_ln, num: int, exclude: dict) -> str | None:
    others = []
    for e in by_ln.get(num, []):
        if e is exclude:
            if e.get("tln") == num:
                others.append(f"{num} adalah nomor Tambahan Lembaran Negara {_jenis_short(e)} {e['nomor']}/{e['tahun']}")
            continue
        if e.get("tln") == num:
            others.append(f"{num} adalah nomor Tambahan Lembaran Negara {_jenis_short(e)} {e['nomor']}/{e['tahun']}")
        elif e.get("ln") and e["ln"][1] == num:
            others.append(f"{num} adalah nomor Lembaran Negara Tahun {e['ln'][0]} untuk {_jenis_short(e)} "
                          f"{e['nomor']}/{e['tahun']}")
    return "; ".join(dict.fromkeys(others)) or None


# ------------------------------------------------------------------ abbreviations
ABBR_RE = re.compile(r"\b[A-Z][A-Z0-9]{1,}(?:[a-z]{2,5})?(?:[-/][A-Z0-9]+)*\b")
DEFINE_RE = re.compile(r"(?:yang\s+)?(?:selanjutnya\s+)?(?:disingkat|disebut)(?:\s+dengan)?\s+(?P<abbr>(?:[^,.;:]|\.(?=\d))+?)"
                       r"(?=\s*,|\s+adalah|\s+merupakan|\s*\.(?!\d)|\s*;|$)", re.I)


def _definitions(c: _Ctx) -> dict[str, tuple[str, Unit, int]]:
    """abbreviation (upper) -> (its expansion, unit, offset) from "yang selanjutnya disingkat X" and "(X)"."""
    out: dict[str, tuple[str, Unit, int]] = {}
    for u in _all_sentences(c):
        text = u.text
        for m in DEFINE_RE.finditer(text):
            head = text[:m.start()].strip()
            head = re.sub(r"^\d+\.\s*", "", head)
            found = [a for a in ABBR_RE.findall(m.group("abbr")) if not _roman_like(a)]
            for a in found:
                # the letters of a one-word abbreviation are checked against its words; a name such
                # as "POS PAUD" or "rumah tangga 1.000 HPK" is not
                single = len(m.group("abbr").split()) == 1
                out.setdefault(a.upper(), (head if single else "", u, m.start("abbr")))
        for m in re.finditer(r"\(\s*([A-Z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*)\s*\)", text):
            a = m.group(1)
            if sum(ch.isupper() for ch in a) < 2:
                continue
            before = text[:m.start()].rstrip()
            words_before = re.findall(r"[A-Za-z][A-Za-z-]*", before)
            # inline "(FGD)" is often an English abbreviation: only its clash with a known one is checked
            out.setdefault(a.upper(), ("~" + " ".join(words_before[-max(2, len(a) + 2):]), u, m.start(1)))
    return out


def _all_sentences(c: _Ctx):
    if c.sentences is None:
        c.sentences = list(_sentences_of(c))
    return c.sentences


def _sentences_of(c: _Ctx):
    for u in c.n.root.walk():
        if not u.text or u.kind in ("kepala", "bab", "bagian", "paragraf", "lampiran", "diktum", "baris"):
            continue
        if any(a.kind in ("dasar_hukum",) for a in u.ancestors()):
            continue
        if u.text.upper() == u.text and len(u.text) > 3:
            continue        # a heading in capitals
        if sum(1 for w in re.findall(r"[A-Za-z]+", u.text) if w[0].islower()) < 3:
            continue        # a name, a signature line, a table heading
        yield u


def _roman_like(a: str) -> bool:
    return bool(re.fullmatch(r"[IVXLC]+", a))


def _initials_ok(abbr: str, phrase: str) -> bool:
    ws = [w for w in re.findall(r"[A-Za-z]+", phrase) if w.lower() not in ("dan", "yang", "di", "ke", "dari", "atau")]
    initials = "".join(w[0] for w in ws).upper()
    letters = "".join(ws).upper()
    a = re.sub(r"[^A-Z]", "", abbr.upper())

    def subseq(s, t):
        it = iter(t)
        return all(ch in it for ch in s)
    return subseq(a, initials) or (len(a) >= 5 and subseq(a, letters)) or not a


def _abbreviations(c: _Ctx) -> None:
    defs = _definitions(c)
    known = {k.upper(): v for k, v in (catalogue().get("singkatan") or {}).items()}
    defined_lower = {k.lower() for k in defs}
    for u in _all_sentences(c):      # "APB Desa" defined: "APBDesa" is the same abbreviation
        for m in DEFINE_RE.finditer(u.text):
            defined_lower.add(re.sub(r"\s+", "", m.group("abbr")).lower())
    # terms defined in Ketentuan Umum ("Posyandu", "Puskesmas") count as defined in any case
    for u in c.n.units("angka"):
        m = re.search(r"(?:disingkat|disebut)(?:\s+dengan)?\s+([A-Za-z][\w/-]*)", u.text or "")
        if m:
            defined_lower.add(m.group(1).lower())
    # a defined abbreviation whose letters do not fit its words, or that clashes with a known meaning
    for a, (phrase, u, off) in defs.items():
        inline = phrase.startswith("~")
        phrase = phrase.lstrip("~")
        if not inline and re.fullmatch(r"[A-Z]{2,5}", a) and phrase and not _initials_ok(a, _expansion(phrase)):
            c.add("singkatan", f"singkatan {a} tidak sesuai dengan kata-kata yang disingkat (\"{_expansion(phrase)}\")",
                  u, off)
        if a in known and phrase and _norm_title(known[a]) not in _norm_title(phrase) and \
                not _initials_ok(a, known[a]) is False and _norm_title(_expansion(phrase)) != _norm_title(known[a]):
            if difflib.SequenceMatcher(None, _norm_title(_expansion(phrase)), _norm_title(known[a])).ratio() < 0.6:
                c.add("singkatan", f"{a} lazim berarti {known[a]}, tetapi di sini menyingkat \"{_expansion(phrase)}\"",
                      u, off, f"pakai singkatan lain agar tidak tertukar dengan {known[a]}")
    _near_names(c, defs)
    first_use: dict[str, tuple[Unit, int]] = {}
    for u in _all_sentences(c):
        for m in ABBR_RE.finditer(u.text):
            a = m.group(0)
            if _roman_like(a) or sum(ch.isupper() for ch in a) < 2:
                continue
            up = a.upper()
            if up in defs or a.lower() in defined_lower or up in known:
                continue
            first_use.setdefault(a, (u, m.start()))
    for a, (u, off) in first_use.items():
        c.add("singkatan", f"singkatan {a} dipakai tetapi tidak pernah diuraikan", u, off,
              "uraikan dalam Ketentuan Umum (\"... yang selanjutnya disingkat ...\") atau pada pemakaian pertama")


def _near_names(c: _Ctx, defs: dict) -> None:
    """"Sadan Koordinasi antar Kampung" where the text names "Badan Kerjasama Antar Kampung (BKAK)":
    a body named twice in different words (same length, same last words, a look-alike first word)."""
    names = {}
    for a, (phrase, u, off) in defs.items():
        name = _expansion(phrase.lstrip("~"))
        ws = name.split()
        if len(ws) >= 3 and ws[0][:1].isupper():
            names[tuple(w.lower() for w in ws[-4:])] = (" ".join(ws[-4:]), a, u)
    if not names:
        return
    # where each pair of words ends: the candidates share the last two words of a name
    ends: dict[tuple, list] = defaultdict(list)
    for u in _all_sentences(c):
        ws = list(re.finditer(r"[A-Za-z]+", u.text))
        low = [w.group(0).lower() for w in ws]
        for j in range(1, len(ws)):
            ends[(low[j - 1], low[j])].append((u, ws, low, j))
    for key, (name, abbr, def_unit) in names.items():
        n = len(key)
        for u, ws, low, j in ends.get(key[-2:], []):
            i = j - n + 1
            if i < 0:
                continue
            cand = tuple(low[i:j + 1])
            if cand == key or not ws[i].group(0)[:1].isupper() or cand[0] == key[0]:
                continue
            if difflib.SequenceMatcher(None, cand[0], key[0]).ratio() >= 0.8:
                written = u.text[ws[i].start():ws[i + n - 1].end()]
                c.add("istilah", f"\"{written}\" menamai lembaga yang di {def_unit.title()} disebut "
                      f"\"{name}\" ({abbr})", u, ws[i].start(), f"tulis \"{name}\"")


def _expansion(phrase: str) -> str:
    p = re.sub(r"\s+yang\s+selanjutnya.*$", "", phrase, flags=re.I)
    p = re.sub(r"\s+yang$", "", p, flags=re.I)
    return p.strip(" ,")


# ------------------------------------------------------------------ terms replaced by definition
def _terms(c: _Ctx) -> None:
    """"Desa yang selanjutnya disebut Kampung": afterwards the text should say Kampung."""
    pairs = []
    for u in c.n.units("angka"):
        m = re.match(r"^(?P<old>[A-Z][a-z]+)\s+yang\s+selanjutnya\s+disebut\s+(?P<new>[A-Z][a-z]+)\s+adalah", u.text or "")
        if m and m.group("old").lower() != m.group("new").lower():
            pairs.append((m.group("old"), m.group("new"), u))
    if not pairs:
        return
    for old, new, def_unit in pairs:
        pat = re.compile(rf"\b{old}\b", re.I)
        for u in _all_sentences(c):
            if u is def_unit:
                continue
            for m in pat.finditer(u.text):
                before = u.text[max(0, m.start() - 25):m.start()].lower()
                if re.search(r"(undang-undang|undang undang|tentang|dana|alokasi dana|pendamping( lokal)?)\s*$", before):
                    continue
                c.add("istilah", f"\"{m.group(0)}\" dipakai, padahal Pasal 1 menetapkan {old} selanjutnya disebut {new}",
                      u, m.start(), f"tulis \"{new}\"", "peringatan")


# ------------------------------------------------------------------ counts
_COUNT_RE = re.compile(r"(?<![\d.])(?P<num>\d{1,3}(?:\.\d{3})+|\d+)\s*\((?P<words>[a-z ]+?)\)\s+"
                       r"(?P<noun>[A-Za-z]+(?:\s+[A-Za-z]+)?)", re.I)
_RANGE_RE = re.compile(r"\b(?P<a>\d+)\s*-\s*(?P<b>\d+)\s*\((?P<words>[a-z ]+?)\)")
_AGE_RE = re.compile(r"\b(?:usia\s+)?(?P<a>\d+|nol|satu|dua|tiga|empat|lima|enam|dua puluh empat)\s*(?:-|sampai(?:\s+dengan)?)\s*"
                     r"(?P<b>\d+|(?:[a-z]+)(?:\s+(?:puluh|belas))?(?:\s+(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?)"
                     r"\s+(?P<unit>bulan|bulanan|tahun)\b", re.I)
_UNIT_WORDS = {"kali", "tahun", "bulan", "bulanan", "hari", "minggu", "orang", "jam", "persen", "lembar"}
_NUMBER_WORD_RE = re.compile(r"^(Satu|Dua|Tiga|Empat|Lima|Enam|Tujuh|Delapan|Sembilan|Sepuluh)\s+([a-z]+\s+[a-z]+)",)


def _counts(c: _Ctx) -> None:
    mentions: dict[str, list[tuple[int, Unit, int]]] = defaultdict(list)
    for u in c.n.root.walk():
        if not u.text or u.kind in ("kepala",) or any(a.kind == "dasar_hukum" for a in u.ancestors()):
            continue
        for m in _COUNT_RE.finditer(u.text):
            num, wv = int(m.group("num").replace(".", "")), kata.terbilang_value(m.group("words"))
            if wv is not None and wv != num:
                c.add("jumlah", f"angka {num} ditulis dengan huruf \"{m.group('words')}\" ({wv})", u, m.start())
            noun = m.group("noun").lower()
            if noun.split()[0] not in _UNIT_WORDS and len(noun.split()) == 2 and \
                    noun.split()[0] not in kata.STOPWORDS:
                mentions[" ".join(kata.stem(w) for w in noun.split())].append((num, u, m.start()))
        counts = [m for m in _COUNT_RE.finditer(u.text) if m.group("noun").split()[0].lower() not in _UNIT_WORDS
                  and m.group("noun").split()[0].lower() not in kata.STOPWORDS]
        if counts:
            _list_count(c, u, int(counts[-1].group("num").replace(".", "")), counts[-1])
        for m in _RANGE_RE.finditer(u.text):
            a, b = int(m.group("a")), int(m.group("b"))
            w = m.group("words")
            parts = re.split(r"\s+sampai(?:\s+dengan)?\s+", w)
            if len(parts) == 2:
                va, vb = kata.terbilang_value(parts[0]), kata.terbilang_value(parts[1])
                if va != a or vb != b:
                    c.add("jumlah", f"\"{m.group(0)}\": angka {a}-{b} ditulis dengan huruf \"{w}\"", u, m.start())
        m = _NUMBER_WORD_RE.match(u.text)
        if m and u.items():
            wv = kata.terbilang_value(m.group(1))
            _list_count(c, u, wv, m)
    for noun, ms in mentions.items():
        values = Counter(v for v, _, _ in ms)
        if len(values) < 2:
            continue
        main, _ = values.most_common(1)[0]
        first_main = next((u, o) for v, u, o in ms if v == main)
        for v, u, o in ms:
            if v != main:
                c.add("jumlah", f"{v} {_noun_text(u, o)} di sini, tetapi {main} di {first_main[0].title()} "
                      f"(disebut {values[main]} kali)", u, o)
    _ages(c)


def _noun_text(u: Unit, o: int) -> str:
    m = _COUNT_RE.match(u.text, o)
    return f"({m.group('words')}) {m.group('noun')}" if m else ""


def _list_count(c: _Ctx, u: Unit, num, m) -> None:
    """"terdiri atas 6 (enam) paket layanan" followed by a list of another length."""
    items = u.items()
    if num is None or not items:
        return
    tail = u.text[m.end():]
    if not re.search(r"(terdiri|yaitu|meliputi|sebagai berikut|:)", tail, re.I):
        return
    if len(items) != num:
        c.add("jumlah", f"kalimat menyebut {num} ({kata.number_words(num)}) tetapi rinciannya {len(items)}", u, m.start())


def _ages(c: _Ctx) -> None:
    """Age ranges of the same target group: "24-59 bulan" everywhere but "24-29 bulan" once."""
    found: dict[tuple, list] = defaultdict(list)
    for u in c.n.root.walk():
        if not u.text or u.kind == "kepala" or any(a.kind == "dasar_hukum" for a in u.ancestors()):
            continue
        for m in _AGE_RE.finditer(u.text):
            a = _num(m.group("a"))
            b = _num(m.group("b"))
            if a is None or b is None:
                continue
            unit = "bulan" if m.group("unit").lower().startswith("bulan") else "tahun"
            found[(a, unit)].append((b, u, m.start()))
    for (a, unit), ms in found.items():
        ends = Counter(b for b, _, _ in ms)
        if len(ends) < 2:
            continue
        main, count = ends.most_common(1)[0]
        if count < 2:
            continue
        for b, u, o in ms:
            if ends[b] == 1 and b != main:
                c.add("jumlah", f"rentang usia {a}-{b} {unit} di sini, tetapi {a}-{main} {unit} di tempat lain "
                      f"({count} kali)", u, o)


def _num(s: str) -> int | None:
    s = s.strip()
    return int(s) if s.isdigit() else kata.terbilang_value(s)


# ------------------------------------------------------------------ lists
def _lists(c: _Ctx) -> None:
    for u in c.n.root.walk():
        for kind in ("huruf", "angka"):
            items = [x for x in u.children if x.kind == kind]
            if len(items) < 2:
                continue
            for i, it in enumerate(items):
                t = (it.text or "").rstrip()
                if re.search(r"[;,]\s*(dan|atau|dan/atau)$", t) and i != len(items) - 2:
                    after = ", ".join(f"{kind} {x.label}" for x in items[i + 2:])
                    c.add("rincian", f"{kind} {it.label} diakhiri \"{t.split()[-1]}\" tetapi bukan rincian kedua "
                          f"terakhir ({after} menyusul)", it, len(t) - len(t.split()[-1]), None, "peringatan")
            last = items[-1]
            if (last.text or "").rstrip().endswith(";") and not last.items() and _next_sibling(u) is not None \
                    and _next_sibling(u).kind in ("ayat",) and u.kind == "ayat":
                nxt = _next_sibling(u)
                c.add("rincian", f"rincian terakhir ({kind} {last.label}) diakhiri titik koma dan diikuti "
                      f"ayat ({nxt.label}): rincian tampak terpotong atau berlanjut sebagai ayat", last,
                      len(last.text.rstrip()) - 1)
        if u.kind in LIST_KINDS and u.text:
            for m in re.finditer(r"(?<=[a-z\)])\.\s*(?=[A-Z][a-z]+(?:\s+\S+){3,})", u.text):
                if re.search(r"\b(No|dr|H|Hj|Ir|Drs|St|SH|Dr)\.$", u.text[:m.end()].strip()):
                    continue
                nxt = re.split(r"(?<=[a-z])\.", u.text[m.end():])[0]
                if len(nxt.split()) < 5 or not _has_predicate(nxt):
                    continue
                c.add("rincian", f"{u.kind} {u.label} memuat lebih dari satu kalimat", u, m.end(),
                      "rincian adalah bagian dari satu kalimat; pindahkan kalimat berikutnya ke ayat atau rincian sendiri",
                      "peringatan")
                break


def _next_sibling(u: Unit) -> Unit | None:
    if u.parent is None:
        return None
    sib = u.parent.children
    i = sib.index(u)
    return sib[i + 1] if i + 1 < len(sib) else None


# ------------------------------------------------------------------ sentences
_VERB_RE = re.compile(r"^(me[mn]?|meng|meny|di|ber|ter)[a-z]{3,}$")
_PREDICATE_WORDS = {"adalah", "merupakan", "ialah", "yaitu", "wajib", "dapat", "harus", "perlu", "berhak", "mulai",
                    "bertanggung", "berlaku", "menjadi", "sebagai"}


def _has_predicate(text: str) -> bool:
    ws = kata.words(text)
    for i, w in enumerate(ws):
        if w in _PREDICATE_WORDS or _VERB_RE.match(w):
            if w in ("dimana", "diantara", "disamping", "dinas", "distrik", "diri", "dini", "desa", "dengan",
                     "menurut", "melalui", "terhadap", "tertentu", "terkait", "terpadu", "terintegrasi", "bersama",
                     "berbagai", "berdasarkan", "beserta", "terutama", "setempat", "mengenai"):
                continue
            if i > 0 and ws[i - 1] in ("yang", "untuk", "agar", "guna", "dapat") and w not in _PREDICATE_WORDS:
                continue      # a verb of a relative or purpose clause is not the predicate
            return True
    return False


def _sentences(c: _Ctx) -> None:
    for u in c.n.root.walk():
        if u.kind not in ("ayat", "para") or not u.text or not u.pasal:
            continue
        if u.kind == "para" and (u.parent is None or u.parent.kind not in ("pasal", "ayat")):
            continue
        text = u.text
        if not _has_predicate(text) and not text.rstrip().endswith(":"):
            c.add("kalimat", f"{u.title()} tidak berpredikat: \"{_short(text, 70)}\"", u, 0,
                  "kalimat ini tampak sebagai potongan kalimat sebelumnya atau rincian yang ditulis sebagai ayat")
        m = re.match(r"^(Dalam rangka|Dalam hal|Untuk|Guna)\b([^,]*?)\s\b(wajib|harus|berkewajiban)\s+me", text)
        if m:
            c.add("kalimat", f"{u.title()} tidak menyebut siapa yang {m.group(3)} (\"{_short(text, 60)}\")", u,
                  m.start(3), "sebutkan subjeknya, mis. \"..., Pemerintah Kelurahan wajib ...\"")
        for m in re.finditer(r"\b([A-Z][a-z]+(?:\s+[a-z]+){0,2})\s+dimaksud\b", text):
            if re.search(r"(sebagaimana|yang)\s*$", text[:m.start()]) or \
                    re.search(r"\b(sebagaimana|yang|mana)$", m.group(1)):
                continue
            np_words = [w for w in kata.words(m.group(1)) if w not in kata.STOPWORDS]
            if len(np_words) < 2:
                continue
            earlier = _earlier_text(u, m.start())
            if not any(kata.forms(w) & _forms_of(earlier) for w in np_words):
                c.add("kalimat", f"\"{m.group(0)}\" merujuk sesuatu yang belum disebut sebelumnya dalam Pasal {u.pasal.label}",
                      u, m.start())
        m = re.match(r"^([A-Z][a-z]+)\s+selanjutnya\s+\w+", text)
        if m:
            w = m.group(1).lower()
            if not kata.forms(w) & _forms_of(_earlier_text(u, 0)):
                c.add("kalimat", f"\"{m.group(1)} selanjutnya\": {m.group(1).lower()} belum disebut sebelumnya "
                      f"dalam Pasal {u.pasal.label}", u, 0)
    for u in c.n.units("huruf") + c.n.units("angka"):
        if u.kind == "huruf" and u.text and u.pasal:
            for m in re.finditer(r"\b([A-Z][a-z]+\s+[a-z]+)\s+dimaksud\b", u.text):
                if re.search(r"(sebagaimana|yang)\s*$", u.text[:m.start()]) or \
                        re.search(r"\b(sebagaimana|yang|mana)$", m.group(1)):
                    continue
                earlier = _earlier_text(u, m.start())
                ws = [w for w in kata.words(m.group(1)) if w not in kata.STOPWORDS]
                if ws and not any(kata.forms(w) & _forms_of(earlier) for w in ws):
                    c.add("kalimat", f"\"{m.group(0)}\" merujuk sesuatu yang belum disebut sebelumnya dalam "
                          f"Pasal {u.pasal.label}", u, m.start())


def _earlier_text(u: Unit, offset: int) -> str:
    p = u.pasal
    parts = []
    for x in p.walk():
        if x is u:
            parts.append((x.text or "")[:offset])
            break
        if x.text and x is not p:
            parts.append(x.text)
    return " ".join(parts)


def _forms_of(text: str) -> set:
    out = set()
    for w in kata.words(text):
        out |= kata.forms(w)
    return out


# ------------------------------------------------------------------ actors
_ACTOR_RE = re.compile(r"\b((?:Dinas|Badan|Kantor|Inspektorat)(?:\s+(?:[A-Z][a-z]+|dan))+)")


def _actors(c: _Ctx) -> None:
    """"Dalam ... sebagaimana dimaksud pada ayat (1), Dinas X berkoordinasi": ayat (1) names Dinas Y."""
    for r, t in c.refs:
        if t.unit is None or not r.phrase:
            continue
        text = r.unit.text
        tail = text[r.end:]
        m = re.match(r"\s*,\s*" + _ACTOR_RE.pattern, tail)
        if not m:
            continue
        actor = m.group(1).replace(" dan", "").strip()
        named = [x.group(1) for x in _ACTOR_RE.finditer(t.unit.full_text())]
        if not named:
            continue
        if not any(_norm_title(actor) == _norm_title(n) or _norm_title(n).startswith(_norm_title(actor))
                   or _norm_title(actor).startswith(_norm_title(n)) for n in named):
            c.add("rujukan", f"{r.unit.title()}: pelaku \"{actor}\" tidak ada dalam {t.unit.title()} yang dirujuk, "
                  f"yang menyebut \"{named[0]}\"", r.unit, r.end + m.start(1))


# ------------------------------------------------------------------ organisers and signatories
def _organisers(c: _Ctx) -> None:
    subs = _substitutions(c)
    org: dict[str, list[tuple[str, Unit, int]]] = defaultdict(list)
    sig: dict[str, list[tuple[frozenset, str, Unit, int]]] = defaultdict(list)
    for u in _all_sentences(c):
        text = u.text
        for m in re.finditer(r"\b(?P<org>[A-Z][A-Za-z]*(?:\s+[A-Z][a-z]+)*(?:\s+\([A-Z]+\))?)\s+menyelenggarakan\s+"
                             r"(?P<act>\w+\s+\w+)", text):
            org[_act(m.group("act"))].append((_org(m.group("org")), u, m.start("org")))
        m = re.match(r"^(?P<act>\w+\s+\w+).*?\bdiselenggarakan\s+oleh\s+(?P<org>[A-Z][A-Za-z]*(?:\s+[A-Z][a-z]+)*)", text)
        if m and not re.search(r"\byang\s+diselenggarakan", text[:m.start("org")]):
            org[_act(m.group("act"))].append((_org(m.group("org")), u, m.start("org")))
        for m in re.finditer(r"ditandatangani(?:\s+oleh)?\s+(?P<who>[^.;]+)", text):
            if "rembuk" not in text.lower():
                continue
            parties = _parties(m.group("who"), subs)
            sig["berita acara rembuk stunting"].append((parties, m.group("who").strip(), u, m.start("who")))
    for act, ms in org.items():
        names = Counter(o for o, _, _ in ms)
        if len(names) < 2:
            continue
        first = ms[0]
        for o, u, off in ms[1:]:
            if o != first[0]:
                c.add("kontradiksi", f"{act} diselenggarakan oleh {o} di sini, tetapi oleh {first[0]} di "
                      f"{first[1].title()}", u, off)
    for doc, ms in sig.items():
        first = ms[0]
        for parties, raw, u, off in ms[1:]:
            if parties != first[0]:
                c.add("kontradiksi", f"{doc} ditandatangani \"{raw}\" di sini, tetapi \"{first[1]}\" di "
                      f"{first[2].title()}", u, off)


def _act(s: str) -> str:
    return " ".join(kata.stem(w) for w in kata.words(s))


def _org(s: str) -> str:
    s = re.sub(r"\s*\([A-Z]+\)", "", s)
    return " ".join(s.split())


def _parties(s: str, subs: dict) -> frozenset:
    s = kata.fold(s)
    for old, new in subs.items():
        s = re.sub(rf"\b{old}\b", new, s)
    parts = re.split(r",|\bdan\b", s)
    out = set()
    for p in parts:
        ws = [kata.stem(w) for w in kata.words(p) if w not in ("perwakilan", "oleh", "wakil")]
        if ws:
            out.add(" ".join(ws))
    return frozenset(out)


def _substitutions(c: _Ctx) -> dict:
    subs = {}
    for u in c.n.units("angka"):
        m = re.match(r"^([A-Z][a-z]+)\s+yang\s+selanjutnya\s+disebut\s+([A-Z][a-z]+)\s+adalah", u.text or "")
        if m:
            subs[m.group(1).lower()] = m.group(2).lower()
    return subs


# ------------------------------------------------------------------ duplicates
def _duplicates(c: _Ctx) -> None:
    for u in c.n.root.walk():
        for kind in ("huruf", "angka"):
            items = [x for x in u.children if x.kind == kind and x.text]
            for i, a in enumerate(items):
                for b in items[i + 1:]:
                    if _near_same(a.text, b.text):
                        c.add("rincian", f"{kind} {b.label} hampir sama dengan {kind} {a.label}: "
                              f"\"{_short(b.text)}\"", b, 0)
    # the rincian of one item that lists a sibling of that item ("Pemetaan ... sebagaimana dimaksud
    # pada ayat (1) huruf a, dilakukan melalui: ... c. Konvergensi ... melalui RKS" = ayat (1) huruf c)
    for r, t in c.refs:
        tgt = t.unit
        if tgt is None or tgt.kind not in LIST_KINDS or not r.unit.items() or tgt.parent is None:
            continue
        siblings = {_norm_item(x.full_text()): x for x in tgt.parent.items() if x is not tgt}
        for x in r.unit.items():
            same = siblings.get(_norm_item(x.full_text()))
            if same is not None:
                c.add("rincian", f"{x.title()} sama dengan {same.title()} (\"{_short(x.text)}\"), padahal ayat ini "
                      f"merinci {tgt.title()}", x, 0)
    for lamp in c.n.units("lampiran"):
        titles = {}
        for r in lamp.children:
            if r.kind != "baris":
                titles = {}          # a new table begins after a heading
                continue
            if not r.label:
                continue
            cells = _cells(r.text)
            if len(cells) < 2:
                continue
            key = _norm_item(cells[1])
            if key in titles:
                c.add("lampiran", f"Lampiran {lamp.label} nomor {r.label} berjudul sama dengan nomor "
                      f"{titles[key].label} (\"{cells[1]}\")", r, 0)
            else:
                titles[key] = r


def _near_same(a: str, b: str) -> bool:
    """Same words but for one pair of forms of a word ("bulan"/"bulanan") or case and punctuation."""
    wa, wb = kata.words(_norm_item(a)), kata.words(_norm_item(b))
    if len(wa) < 3 or len(wa) != len(wb):
        return False
    diffs = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(diffs) <= 1 and all(kata.same_word(x, y) for x, y in diffs)


def _norm_item(t: str) -> str:
    t = kata.fold(t or "")
    t = re.sub(r"[;,.:]?\s*(dan|atau|dan/atau)?\s*$", "", t.strip())
    return re.sub(r"\s+", " ", t)


def _cells(row: str) -> list[str]:
    return [x.strip() for x in row.strip().strip("|").split("|")]


# ------------------------------------------------------------------ lampiran
def _lampiran(c: _Ctx) -> None:
    n = c.n
    kepala = c.n.meta
    for lamp in n.units("lampiran"):
        heads = [x for x in lamp.children if x.kind == "para"][:3]
        for h in heads:
            m = re.match(r"^(PER\w+)\s+(BUPATI|WALIKOTA)\b", h.text)
            if m and m.group(1) != "PERATURAN":
                c.add("lampiran", f"kepala Lampiran {lamp.label} menulis \"{m.group(1)}\"", h, 0,
                      "tulis \"PERATURAN\"")
    # what a reference says is set out in a Lampiran must be found there
    for r, t in c.refs:
        if t.unit is None or t.unit.kind != "lampiran":
            continue
        _lampiran_content(c, r, t.unit)
    del kepala


def _lampiran_content(c: _Ctx, r: Ref, lamp: Unit) -> None:
    # the list the sentence speaks of: the unit named by its "sebagaimana dimaksud ..." (or its better match)
    others = [(x, t) for x, t in c.refs if x.unit is r.unit and x is not r and t.unit is not None
              and t.unit.kind != "lampiran"]
    listed = None
    for x, t in others:
        listed = c.better.get(id(x), t.unit)
    if listed is None and r.unit.items():
        listed = r.unit
    items = listed.items() if listed is not None else []
    if not items:      # no list to look for: the words before the reference should name the Lampiran
        _lampiran_title_match(c, r, lamp)
        return
    lines = _lampiran_lines(lamp)
    missing = [it for it in items if not _item_in(c, it.text, lines)]
    if missing:
        what = "; ".join(f"{it.kind} {it.label} (\"{_short(_item_key_text(it.text), 45)}\")" for it in missing)
        c.add("lampiran", f"Lampiran {lamp.label} yang dirujuk tidak memuat {len(missing)} dari {len(items)} "
              f"rincian {listed.title()}: {what}", r.unit, r.start)


def _lampiran_title_match(c: _Ctx, r: Ref, lamp: Unit) -> None:
    """"Penjelasan alur kerja KPM ... dicantumkan pada Lampiran II" while Lampiran III is titled so."""
    phrase_words = _phrase_words(r.unit.text[:r.start])
    if not phrase_words or _lampiran_title_score(c, phrase_words, lamp) >= 0.5:
        return
    better = max((lp for lp in c.n.units("lampiran") if lp is not lamp),
                 key=lambda lp: _lampiran_title_score(c, phrase_words, lp), default=None)
    if better is not None and _lampiran_title_score(c, phrase_words, better) >= 0.6:
        c.add("lampiran", f"isi Lampiran {lamp.label} tidak sesuai dengan yang dirujuk "
              f"(\"{_short(r.unit.text[:r.start], 50)}\")", r.unit, r.start,
              f"yang dimaksud mungkin Lampiran {better.label} (\"{_short(_lampiran_title(better), 50)}\")")


def _lampiran_lines(lamp: Unit) -> list[str]:
    """The lines a rincian is looked for in: for a table the title column of each numbered row,
    otherwise every line but the heading in capitals."""
    rows = [u for u in lamp.walk() if u.kind == "baris" and u.label]
    if rows:
        return [_cells(u.text)[1] for u in rows if len(_cells(u.text)) > 1]
    return [u.text for u in lamp.walk() if u.text and u is not lamp]


def _lampiran_title(lamp: Unit) -> str:
    paras = [x.text for x in lamp.children if x.kind in ("para", "huruf")]
    caps = [p for p in paras if p.upper() == p and not re.match(r"^(PER\w+|NOMOR|TENTANG)\b", p)]
    return caps[-1] if caps else (paras[0] if paras else "")


def _lampiran_title_score(c: _Ctx, words: list[str], lamp: Unit) -> float:
    paras = [x.text for x in lamp.children if x.kind == "para"]
    heads = [p for p in paras if p.upper() == p and not re.match(r"^(PER\w+\s+(BUPATI|WALIKOTA)|NOMOR|TENTANG)\b", p)]
    best = 0.0
    for h in heads[1:] or heads:
        best = max(best, _coverage(c, words, h))
    return best


def _item_key_text(t: str) -> str:
    return re.split(r"[,;(]", t or "")[0].strip()


def _item_in(c: _Ctx, item_text: str, lines: list[str]) -> bool:
    key = _item_key_text(item_text)
    toks = [w for w in kata.words(key) if w not in kata.STOPWORDS]
    if not toks:
        return True
    first2 = toks[:2]
    for ln in lines:
        lw = kata.words(ln)
        for i in range(len(lw) - len(first2) + 1):
            if all(kata.forms(a) & kata.forms(b) for a, b in zip(first2, lw[i:i + len(first2)])):
                return True
        if _coverage(c, [w for w in toks if not w.isdigit()], ln) >= 0.6 and not any(ch.isdigit() for ch in "".join(first2)):
            return True
    return False


# ------------------------------------------------------------------ penutup
def _penutup(c: _Ctx) -> None:
    p = c.n.root.find_first("penutup")
    if p is None:
        return
    blocks = p.children_of("pengesahan")
    for b in blocks:
        texts = " ".join(t for _, _, t in b.lines).upper()
        if b.label == "ditetapkan" and "SEKRETARIS DAERAH" in texts:
            c.add("penutup", "blok tanda tangan Sekretaris Daerah ditulis \"Ditetapkan di\"; pengundangan ditulis "
                  "\"Diundangkan di\"", b, -1)
    if blocks and not any(b.label == "diundangkan" for b in blocks) and len(blocks) > 1:
        pass


# ------------------------------------------------------------------ words
def _words(c: _Ctx) -> None:
    phrases = catalogue().get("frasa", [])
    for u in c.n.root.walk():
        if not u.text or u.kind in ("kepala", "baris"):
            continue
        ws = list(re.finditer(r"[A-Za-z]+", u.text))
        for a, b in zip(ws, ws[1:]):
            if a.group(0).lower() == b.group(0).lower() and len(a.group(0)) >= 3 and \
                    u.text[a.end():b.start()].strip() == "":
                c.add("kata", f"kata \"{a.group(0)}\" ditulis dua kali", u, a.start(), tingkat="peringatan")
        for m in re.finditer(r"\b(\w+(?:\s+\w+)?)\s+\1\b", u.text):
            if " " in m.group(1) and len(m.group(1)) > 6:
                c.add("kata", f"\"{m.group(1)}\" ditulis dua kali", u, m.start(), tingkat="peringatan")
        low = [w.group(0).lower() for w in ws]
        for ph in phrases:
            first, n = ph.split()[0].lower(), len(ph.split())
            for i in range(len(ws) - n + 1):
                if low[i] != first:
                    continue
                cand = " ".join(w.group(0) for w in ws[i:i + n])
                if cand.lower() != ph.lower() and difflib.SequenceMatcher(None, cand.lower(), ph.lower()).ratio() >= 0.85:
                    c.add("kata", f"\"{cand}\" salah tulis; frasa bakunya \"{ph}\"", u, ws[i].start())
        # a definition that says "adalah" twice around its own term ("Nagari adalah nagari dan nagari")
        if u.kind == "angka" and u.parent is not None and u.parent.kind in ("para", "pasal") and u.pasal and \
                u.pasal.label == "1":
            m = re.match(r"^(?P<t>[A-Z][\w ]*?)\s+adalah\s+(?P<x>\w+)\s+dan\s+(?P<y>\w+)", u.text)
            if m and m.group("x").lower() == m.group("y").lower() == m.group("t").split()[0].lower():
                c.add("kata", f"definisi \"{m.group('t')}\" berbunyi \"{m.group(0)}\": istilah didefinisikan dengan "
                      "dirinya sendiri", u, 0)
    _months(c)


def _months(c: _Ctx) -> None:
    """A run of month names (a form's Januari..Desember) that skips one."""
    seq = []
    for u in c.n.root.walk():
        if u.text:
            for m in re.finditer(r"[A-Za-z]+", u.text):
                w = m.group(0).lower()
                if w in kata.MONTHS and m.group(0).upper() == m.group(0):
                    seq.append((kata.MONTHS.index(w), u, m.start()))
    run = []
    for item in seq:
        if run and item[0] == run[-1][0] + 1:
            run.append(item)
            continue
        if run and item[0] == run[-1][0] + 2 and len(run) >= 4:
            c.add("lampiran", f"daftar bulan melompat dari {kata.MONTHS[run[-1][0]].upper()} ke "
                  f"{kata.MONTHS[item[0]].upper()}: {kata.MONTHS[item[0] - 1].upper()} tidak ada", item[1], item[2])
            run.append(item)
            continue
        run = [item]


def render_findings(findings: list[Cacat], name: str) -> str:
    out = [f.line() for f in findings]
    n = len(findings)
    found = sum(1 for f in findings if f.asal == "periksa")
    recorded = n - found
    if n:
        tail = f"{name}: {n} cacat teks ({found} ditemukan pemeriksaan, {recorded} dicatat penelaah)"
    else:
        tail = f"{name}: bersih, tidak ada cacat teks"
    out.append(tail)
    return "\n".join(out) + "\n"


def roman_of(n: int) -> str:
    return roman(n)
