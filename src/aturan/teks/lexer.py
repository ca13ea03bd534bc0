"""Lines to tokens: each non-blank line of a (layout-normalised) text is one token, typed by its form."""
from __future__ import annotations

import re

from lark import Token
from lark.lexer import Lexer

# Order matters: the first pattern that matches a line gives its type.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("RAHMAT", re.compile(r"^DENGAN\s+RAHMAT\s+TUHAN\s+YANG\s+MAHA\s+ESA\.?$", re.I)),
    ("MENIMBANG", re.compile(r"^Menimbang\s*:?$", re.I)),
    ("MENGINGAT", re.compile(r"^Mengingat\s*:?$", re.I)),
    ("MEMPERHATIKAN", re.compile(r"^Memperhatikan\s*:?$", re.I)),
    ("MEMUTUSKAN", re.compile(r"^MEMUTUSKAN\s*:?$", re.I)),
    ("MENETAPKAN", re.compile(r"^Menetapkan\s*:\s*(?P<text>.*)$", re.I)),
    ("BAB", re.compile(r"^BAB\s+(?P<label>[IVXLCDM]+|\d+)$")),
    ("BAGIAN", re.compile(r"^Bagian\s+(?P<label>Ke[a-z]+(?:\s+Belas)?)$", re.I)),
    ("PARAGRAF", re.compile(r"^Paragraf\s+(?P<label>\d+)$", re.I)),
    ("PASAL", re.compile(r"^Pasal\s+(?P<label>\d+[A-Z]?)$", re.I)),
    ("AYAT", re.compile(r"^\((?P<label>\d+)\)\s*(?P<text>.*)$")),
    ("HURUF", re.compile(r"^(?P<label>[a-z])\.\s+(?P<text>.*)$")),
    ("ANGKA", re.compile(r"^(?P<label>\d{1,3})\.\s+(?P<text>.*)$")),
    ("HURUF_K", re.compile(r"^(?P<label>[a-z])\)\s+(?P<text>.*)$")),
    ("ANGKA_K", re.compile(r"^(?P<label>\d{1,3})\)\s+(?P<text>.*)$")),
    ("BUTIR", re.compile(r"^[-•–]\s+(?P<text>.*)$")),
    ("BARIS", re.compile(r"^\|(?P<text>.*)$")),
    ("PENGUNDANGAN", re.compile(r"^Agar\s+setiap\s+orang\s+mengetahuinya", re.I)),
    ("DITETAPKAN", re.compile(r"^Ditetapkan\s+di\b", re.I)),
    ("DIUNDANGKAN", re.compile(r"^Diundangkan\s+di\b", re.I)),
    ("PENJELASAN", re.compile(r"^PENJELASAN$")),
    ("LAMPIRAN", re.compile(r"^LAMPIRAN(?:\s+(?P<label>[IVXLCDM]+))?$")),
]

MARKER_TYPES = {"AYAT", "HURUF", "ANGKA", "HURUF_K", "ANGKA_K", "BUTIR"}


def classify(stripped: str) -> tuple[str, re.Match | None]:
    for name, pat in PATTERNS:
        m = pat.match(stripped)
        if m:
            return name, m
    return "TEXT", None


class LineToken(Token):
    """A Lark token that also keeps the match of its line pattern (groups: label, text)."""


def tokens(lines: list[str]):
    """One Lark token per non-blank line; line and column are 0-based. The token keeps its match."""
    for i, raw in enumerate(lines):
        stripped = raw.strip()
        if not stripped:
            continue
        col = len(raw) - len(raw.lstrip())
        kind, m = classify(stripped)
        tok = LineToken(kind, stripped, start_pos=None, line=i, column=col, end_line=i,
                        end_column=col + len(stripped))
        tok.match = m
        yield tok


class Lines:
    """The parser's input: the lines, and the one token stream over them (so that parsing resumes
    after a line out of place instead of starting again)."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.stream = None


class LineLexer(Lexer):
    """Lark's lexer interface over `tokens()`; the parser is given a `Lines`."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, state, *args):
        data = state if isinstance(state, Lines) else state.text
        if data.stream is None:
            data.stream = tokens(data.lines)
        return data.stream
