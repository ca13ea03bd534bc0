"""Words of a regulation: normalising for comparison, a light stemmer, number words (terbilang)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD_RE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")

STOPWORDS = frozenset("""
dan atau yang di ke dari untuk dalam pada oleh dengan serta para setiap tersebut ini itu adalah sebagai
secara bagi antara antar agar akan telah juga maupun yaitu yakni meliputi terdiri atas sebagaimana dimaksud
maksud huruf ayat pasal angka bahwa tentang lain lainnya berikut hal sesuai tiap pun nya se
""".split())

MONTHS = ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
          "november", "desember"]


_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "*": None})


@lru_cache(maxsize=100000)
def fold(text: str) -> str:
    """Lowercase, accents and typographic quotes/dashes folded, markup stars gone."""
    t = text.translate(_FOLD)
    if not t.isascii():
        t = unicodedata.normalize("NFKD", t)
        t = "".join(c for c in t if not unicodedata.combining(c))
    return t.lower()


def squash(text: str) -> str:
    """For quote anchoring: letters and digits only, so that OCR spacing ("hasilkegiatan", "dilaku kan")
    and punctuation do not matter."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def words(text: str) -> list[str]:
    return list(_words(text))


@lru_cache(maxsize=100000)
def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(fold(text)))


_PREFIXES = ("meny", "mem", "men", "meng", "me", "peny", "pem", "pen", "peng", "per", "pe", "ber", "be", "ter",
             "di", "ke", "se")
_SUFFIXES = ("kannya", "annya", "kan", "an", "nya", "i")


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """A light Indonesian stemmer, good enough to see that "mempublikasikan" and "publikasi", or
    "pemerintahan" and "pemerintah", are the same word. Not a linguistic analysis."""
    w = word.lower()
    if len(w) <= 4 or not w.isalpha():
        return w
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 4:
            w = w[: -len(s)]
            break
    for p in sorted(_PREFIXES, key=len, reverse=True):
        if w.startswith(p) and len(w) - len(p) >= 4:
            rest = w[len(p):]
            if p in ("meny", "peny"):
                rest = "s" + rest
            w = rest
            break
    return w


@lru_cache(maxsize=20000)
def forms(word: str) -> frozenset[str]:
    """Every form of a word with one affix (or one prefix and one suffix) taken off; two words are
    the same word when their forms meet ("rembukan"/"rembuk", "mempublikasikan"/"publikasi")."""
    w = word.lower()
    out = {w}
    if len(w) <= 4 or not w.isalpha():
        return frozenset(out)
    bases = {w}
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 4:
            bases.add(w[: -len(s)])
    out |= bases
    for b in list(bases):
        for p in _PREFIXES:
            if b.startswith(p) and len(b) - len(p) >= 4:
                rest = b[len(p):]
                out.add("s" + rest if p in ("meny", "peny") else rest)
                if p in ("mem", "pem"):
                    out.add("p" + rest)
                if p in ("men", "pen"):
                    out.add("t" + rest)
                if p in ("meng", "peng"):
                    out.add("k" + rest)
    return frozenset(out)


def same_word(a: str, b: str) -> bool:
    return bool(forms(a) & forms(b))


def stems(text: str, *, keep_stop: bool = False) -> list[str]:
    out = []
    for w in words(text):
        if not keep_stop and (w in STOPWORDS or w.isdigit()):
            continue
        out.append(stem(w))
    return out


# ------------------------------------------------------------------ terbilang
_UNITS = {"nol": 0, "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
          "delapan": 8, "sembilan": 9}


def terbilang_value(text: str) -> int | None:
    """"dua puluh tiga" -> 23, "seratus lima" -> 105, "sebelas" -> 11; None when the words are not a
    number (e.g. "dua tiga")."""
    toks = fold(text).replace("-", " ").split()
    if not toks:
        return None
    total = group = 0
    last = None          # class of the previous word
    last_unit = 0
    for t in toks:
        if t in _UNITS and t != "se":
            if last in ("unit", "sepuluh", "sebelas", "belas"):
                return None
            last_unit = _UNITS[t]
            group += last_unit
            last = "unit"
        elif t in ("sepuluh", "sebelas"):
            if last in ("unit", "sepuluh", "sebelas", "belas", "puluh"):
                return None
            group += 10 if t == "sepuluh" else 11
            last = t
        elif t == "belas":
            if last != "unit":
                return None
            group += 10
            last = "belas"
        elif t == "puluh":
            if last != "unit":
                return None
            group += last_unit * 9
            last = "puluh"
        elif t in ("ratus", "seratus"):
            if t == "ratus":
                if last != "unit":
                    return None
                group += last_unit * 99
            else:
                if last is not None and last != "ribu":
                    return None
                group += 100
            last = "ratus"
        elif t in ("ribu", "seribu"):
            total += (group if t == "ribu" else 1) * 1000
            if t == "ribu" and last is None:
                return None
            group, last = 0, "ribu"
        else:
            return None
    return total + group


def number_words(n: int) -> str:
    """23 -> "dua puluh tiga" (for drafts: "7 (tujuh)")."""
    names = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
    if n < 10:
        return names[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{names[n - 10]} belas"
    if n < 100:
        tens, unit = divmod(n, 10)
        return f"{names[tens]} puluh" + (f" {names[unit]}" if unit else "")
    if n < 200:
        return "seratus" + (f" {number_words(n - 100)}" if n > 100 else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return f"{names[h]} ratus" + (f" {number_words(r)}" if r else "")
    return str(n)
