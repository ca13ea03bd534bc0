"""Expression text -> AST, with syntax errors pointing at the column."""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources

from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from . import ast as A

_TOKEN_WORDS = {
    "RPAR": "')'", "LPAR": "'('", "RSQB": "']'", "LSQB": "'['", "COMMA": "','", "COLON": "':'",
    "DOT": "'.'", "NAME": "nama", "NUMBER": "angka", "STRING": "teks", "DATE": "tanggal",
    "COMP_OP": "pembanding", "PLUS": "'+'", "MINUS": "'-'", "STAR": "'*'", "SLASH": "'/'",
    "$END": "akhir ekspresi", "IN": "'in'", "WHERE": "'where'", "AND": "'and'", "OR": "'or'", "NOT": "'not'",
}


# Limits that keep every later stage (the recursive checker and compiler, Python's own parser of the
# generated code) far from Python's limits. Real rules are a few hundred characters and under 15
# levels deep; a 15-digit number is a trillion rupiah with room to spare and still exact as a float.
MAX_LENGTH = 10_000     # characters in one expression
MAX_DEPTH = 64          # levels of nested operators, calls and quantifiers
MAX_DIGITS = 15         # digits before the decimal point of a number literal


class DslSyntaxError(Exception):
    """Raised with (message, line, col) inside the expression; the caller adds the file location."""

    def __init__(self, message: str, line: int, col: int):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


class DslLimitError(DslSyntaxError):
    """Well-formed, but longer, deeper or larger than the DSL accepts."""


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = resources.files("aturan.dsl").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", propagate_positions=True, maybe_placeholders=True)


def _pos(meta_or_token) -> tuple[int, int]:
    return (meta_or_token.line - 1, meta_or_token.column - 1)


@v_args(meta=True)
class _ToAst(Transformer):
    def number(self, meta, ch):
        text = str(ch[0])
        whole = text.split(".")[0].lstrip("0")
        if len(whole) > MAX_DIGITS:
            raise DslLimitError(f"angka {text[:20]}{'…' if len(text) > 20 else ''} terlalu besar: paling banyak "
                                 f"{MAX_DIGITS} angka sebelum koma", *_pos(meta))
        return A.Literal(_pos(meta), float(text) if "." in text else int(text))

    def string(self, meta, ch):
        raw = str(ch[0])[1:-1]
        out, i = [], 0
        while i < len(raw):
            c = raw[i]
            if c == "\\" and i + 1 < len(raw):
                nxt = raw[i + 1]
                out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
                i += 2
            else:
                out.append(c)
                i += 1
        return A.Literal(_pos(meta), "".join(out))

    def date(self, meta, ch):
        try:
            value = dt.date.fromisoformat(str(ch[0]))
        except ValueError:
            raise DslSyntaxError(f"tanggal tidak valid: {ch[0]}", *_pos(meta)) from None
        return A.Literal(_pos(meta), value)

    def true(self, meta, ch):
        return A.Literal(_pos(meta), True)

    def false(self, meta, ch):
        return A.Literal(_pos(meta), False)

    def name(self, meta, ch):
        return A.Name(_pos(meta), name=str(ch[0]))

    def attr(self, meta, ch):
        return A.Attr(_pos(ch[1]), obj=ch[0], name=str(ch[1]))

    def call(self, meta, ch):
        args = ch[1] if ch[1] is not None else []
        return A.Call(_pos(meta), name=str(ch[0]), args=args)

    def args(self, meta, ch):
        return list(ch)

    def list_(self, meta, ch):
        return A.ListLit(_pos(meta), items=ch[0] if ch[0] is not None else [])

    def where(self, meta, ch):
        return ch[0]

    def body(self, meta, ch):
        return ch[0]

    def quant_kw(self, meta, ch):
        return str(ch[0])

    def quant(self, meta, ch):
        kind, var, iterable, where, body = ch
        return A.Quant(_pos(meta), kind=kind, var=str(var), iterable=iterable, where=where, body=body)

    def _bin(op):
        def f(self, meta, ch):
            return A.Binary(_pos(meta), op=op, left=ch[0], right=ch[1])
        return f

    or_ = _bin("or")
    and_ = _bin("and")
    in_ = _bin("in")
    not_in = _bin("not_in")
    add = _bin("+")
    sub = _bin("-")
    mul = _bin("*")
    div = _bin("/")

    def compare(self, meta, ch):
        return A.Binary(_pos(ch[1]), op=str(ch[1]), left=ch[0], right=ch[2])

    def not_(self, meta, ch):
        return A.Unary(_pos(meta), op="not", operand=ch[0])

    def neg(self, meta, ch):
        return A.Unary(_pos(meta), op="neg", operand=ch[0])


def parse(text: str) -> A.Node:
    """Parse one expression. Raises DslSyntaxError with a 0-based line/col."""
    if not text or not text.strip():
        raise DslSyntaxError("ekspresi kosong", 0, 0)
    if len(text) > MAX_LENGTH:
        raise DslLimitError(f"ekspresi terlalu panjang: {len(text):,} karakter (batas {MAX_LENGTH:,}); pecah menjadi "
                             "beberapa aturan".replace(",", "."), 0, 0)
    try:
        tree = _parser().parse(text)
    except UnexpectedEOF as e:
        line, col = _end(text)
        raise DslSyntaxError(f"ekspresi berakhir terlalu cepat; diharapkan {_expected(e.expected)}", line, col) from None
    except UnexpectedToken as e:
        tok = e.token
        if tok.type == "$END":
            line, col = _end(text)
            raise DslSyntaxError(f"ekspresi berakhir terlalu cepat; diharapkan {_expected(e.expected)}", line, col) from None
        raise DslSyntaxError(f"{_describe(tok)} tidak diharapkan di sini; diharapkan {_expected(e.expected)}",
                             tok.line - 1, tok.column - 1) from None
    except UnexpectedCharacters as e:
        raise DslSyntaxError(f"karakter {text_at(text, e.line - 1, e.column - 1)!r} tidak dikenal", e.line - 1, e.column - 1) from None
    except UnexpectedInput as e:  # pragma: no cover - other lark input errors
        raise DslSyntaxError("ekspresi tidak dapat diurai", getattr(e, "line", 1) - 1, getattr(e, "column", 1) - 1) from None
    _check_depth(tree)
    try:
        return _ToAst().transform(tree)
    except VisitError as e:
        if isinstance(e.orig_exc, DslSyntaxError):
            raise e.orig_exc from None
        raise


def _check_depth(tree: Tree) -> None:
    """Refuse nesting deeper than MAX_DEPTH before any recursive stage sees the tree (iteratively)."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            meta = node.meta
            line, col = (meta.line - 1, meta.column - 1) if not meta.empty else (0, 0)
            raise DslLimitError(f"ekspresi bersarang terlalu dalam: lebih dari {MAX_DEPTH} tingkat (mis. rantai "
                                 "and/or/not atau tanda kurung yang sangat panjang); pecah menjadi beberapa aturan, "
                                 "atau pakai all()/any()/contains_all()", line, col)
        stack.extend((c, depth + 1) for c in node.children if isinstance(c, Tree))


def text_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    return lines[line][col] if line < len(lines) and col < len(lines[line]) else ""


def _end(text: str) -> tuple[int, int]:
    lines = text.rstrip().split("\n")
    return len(lines) - 1, len(lines[-1])


def _describe(tok: Token) -> str:
    if tok.type in ("NAME",):
        return f"nama {tok.value!r}"
    return f"{tok.value!r}"


_VALUE_START = {"NAME", "NUMBER", "STRING", "DATE", "LSQB", "LPAR", "MINUS", "TRUE", "FALSE", "NOT"}


def _expected(names) -> str:
    names = set(names)
    if len(names & _VALUE_START) >= 3:
        rest = {n for n in names - _VALUE_START if n.isupper() and len(n) > 3 and n not in ("ALL", "ANY", "COUNT", "SUM", "MIN", "MAX", "COLLECT")}
        return "sebuah nilai (nama, angka, teks, tanggal, daftar)" + (" atau " + _expected(rest) if rest else "")
    words = sorted({_TOKEN_WORDS.get(n, repr(n.lower()) if n.isupper() and not n.startswith("__") else n) for n in names})
    words = [w for w in words if not w.startswith("__")]
    if len(words) > 8:
        words = words[:8] + ["..."]
    return ", ".join(words) if words else "hal lain"
