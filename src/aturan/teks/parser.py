"""Text -> tree: the Lark grammar over lines, then units with stable ids (`pasal-21/ayat-1/huruf-d`) and positions."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from ..errors import AturanError, Location
from .lexer import LineLexer, Lines, classify
from .model import LineMap, Naskah, Unit, label_value, roman_value

LIST_RULES = {
    "huruf": "huruf", "huruf_b": "huruf", "huruf_k": "huruf", "huruf_k2": "huruf", "pb_huruf": "huruf",
    "angka": "angka", "angka_b": "angka", "angka_k": "angka", "angka_k2": "angka", "pb_angka": "angka",
    "butir": "butir",
}
SECTION_IDS = {"konsiderans": "menimbang", "dasar_hukum": "mengingat", "memperhatikan": "memperhatikan"}


@lru_cache(maxsize=1)
def _lark() -> Lark:
    grammar = resources.files("aturan.teks").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=LineLexer, propagate_positions=False, maybe_placeholders=False)


class StructureProblem:
    """A line the grammar could not place (kept as a lint finding; parsing goes on without it)."""

    def __init__(self, line: int, col: int, text: str, expected: list[str]):
        self.line, self.col, self.text, self.expected = line, col, text, expected


def parse_lines(lines: list[str], file: str = "<teks>", *, linemap: LineMap | None = None,
                source_lines: list[str] | None = None) -> Naskah:
    """Parse layout-normalised lines (see clean.layout) into a Naskah. Never raises on a bad structure:
    lines out of place are skipped and listed in `naskah.meta['struktur']`."""
    problems: list[StructureProblem] = []

    def on_error(e: UnexpectedInput) -> bool:
        tok = getattr(e, "token", None)
        if tok is None or tok.type == "$END":
            return False
        problems.append(StructureProblem(tok.line, tok.column, str(tok), sorted(getattr(e, "expected", []) or [])))
        return True

    try:
        tree = _lark().parse(Lines(list(lines)), on_error=on_error)
    except UnexpectedInput as e:     # could not recover at all
        raise AturanError(f"struktur teks tidak dapat dibaca: {e}", Location(file)) from None
    root = Unit("naskah", id="")
    _build(tree, root)
    _end_lines(root)
    _assign_ids(root)
    naskah = Naskah(file=file, lines=list(lines), root=root, linemap=linemap, source_lines=source_lines)
    naskah.meta.update(read_meta(root))
    naskah.meta["struktur"] = problems
    return naskah


def parse_text(text: str, file: str = "<teks>") -> Naskah:
    """Parse a text already in the canonical layout (a pack's teks/naskah.txt)."""
    return parse_lines(text.split("\n"), file)


def parse_file(path: str | Path, *, display: str | None = None) -> Naskah:
    """Parse any text a user gives: canonical text, OCR-like markdown, or DOCX. Positions map back to the file."""
    from .clean import layout
    from .docx_io import read_docx_lines
    p = Path(path)
    name = display or str(path)
    try:
        if p.suffix.lower() == ".docx":
            raw_lines = read_docx_lines(p)
        else:
            raw = p.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252", errors="replace")
            raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    except OSError as e:
        raise AturanError(f"{name}: berkas tidak dapat dibaca ({e.strerror or e})") from None
    result = layout(raw_lines)
    return parse_lines(result.lines, name, linemap=result.linemap, source_lines=raw_lines)


# ------------------------------------------------------------------ tree -> units
def _tok_unit(kind: str, tok: Token, label: str = "", marker: str = "", text: str = "") -> Unit:
    m = getattr(tok, "match", None)
    text_col = tok.column
    if m is not None and "text" in m.re.groupindex and m.group("text") is not None:
        text_col = tok.column + m.start("text")
    return Unit(kind, label=label, marker=marker, text=text, line=tok.line, col=tok.column, text_col=text_col,
                end_line=tok.line)


def _item(kind: str, tok: Token) -> Unit:
    m = tok.match
    if tok.type == "BUTIR":
        return _tok_unit("butir", tok, marker=str(tok)[:1], text=m.group("text"))
    label = m.group("label")
    sep = str(tok)[len(label)]          # "." or ")"
    return _tok_unit(kind, tok, label=label.lower() if kind == "huruf" else label, marker=f"{label}{sep}",
                     text=m.group("text"))


def _add(parent: Unit, child: Unit) -> Unit:
    child.parent = parent
    parent.children.append(child)
    return child


def _raw(tok: Token) -> tuple[int, int, str]:
    return (tok.line, tok.column, str(tok))


def _build(node, parent: Unit) -> None:
    """Walk the Lark tree; lists (daftar_*) are transparent, their items hang on the enclosing unit."""
    if isinstance(node, Token):
        return
    name = node.data
    ch = node.children
    if name == "start" or name.startswith("daftar_"):
        for c in ch:
            _build(c, parent)
        return
    if name == "kepala":
        u = _add(parent, Unit("kepala", line=ch[0].line, col=ch[0].column))
        u.lines = [_raw(t) for t in ch]
    elif name == "pembukaan":
        first = ch[0] if isinstance(ch[0], Token) else _first_token(ch[0])
        u = _add(parent, Unit("pembukaan", line=first.line, col=first.column))
        for c in ch:
            if isinstance(c, Token):        # RAHMAT
                u.lines.append(_raw(c))
            else:
                _build(c, u)
    elif name == "jabatan":
        u = _add(parent, Unit("jabatan", line=ch[0].line, col=ch[0].column))
        u.lines = [_raw(t) for t in ch]
    elif name in SECTION_IDS:
        tok = ch[0]
        u = _add(parent, _tok_unit(name, tok, marker=str(tok).rstrip(" :").strip().capitalize() + " :"))
        for c in ch[1:]:
            _build(c, u)
    elif name == "diktum":
        toks = [c for c in ch if isinstance(c, Token)]
        u = _add(parent, Unit("diktum", line=toks[0].line, col=toks[0].column))
        for t in toks:
            if t.type == "MEMUTUSKAN":
                u.lines.append(_raw(t))
            else:
                u.marker = str(t)[: t.match.start("text")].rstrip()
                u.text = t.match.group("text")
                u.text_col = t.column + t.match.start("text")
                u.line, u.col = t.line, t.column
        for c in ch:
            if isinstance(c, Tree):
                _build(c, u)
    elif name in ("fragmen", "batang_tubuh"):
        first = _first_token(node)
        u = _add(parent, Unit(name, line=first.line, col=first.column))
        for c in ch:
            _build(c, u)
    elif name in ("bab", "bagian", "paragraf"):
        tok = ch[0]
        u = _add(parent, _tok_unit(name, tok, label=tok.match.group("label"), marker=str(tok)))
        for c in ch[1:]:
            if isinstance(c, Tree) and c.data == "judul":
                u.lines = [_raw(t) for t in c.children]
                u.text = " ".join(str(t) for t in c.children)
            else:
                _build(c, u)
    elif name in ("pasal", "pj_pasal"):
        tok = ch[0]
        u = _add(parent, _tok_unit("pasal", tok, label=tok.match.group("label"), marker=str(tok)))
        for c in ch[1:]:
            _build(c, u)
    elif name == "ayat":
        tok = ch[0]
        m = tok.match
        u = _add(parent, _tok_unit("ayat", tok, label=m.group("label"), marker=f"({m.group('label')})",
                                   text=m.group("text")))
        for c in ch[1:]:
            _build(c, u)
    elif name in LIST_RULES:
        tok = ch[0]
        u = _add(parent, _item(LIST_RULES[name], tok))
        for c in ch[1:]:
            _build(c, u)
    elif name == "para":
        tok = ch[0]
        _add(parent, _tok_unit("para", tok, text=str(tok)))
    elif name == "penutup":
        first = _first_token(node)
        u = _add(parent, Unit("penutup", line=first.line, col=first.column))
        for c in ch:
            if isinstance(c, Token):      # PENGUNDANGAN
                _add(u, _tok_unit("para", c, text=str(c)))
            else:
                _build(c, u)
    elif name in ("ditetapkan", "diundangkan"):
        toks = [ch[0]] + [c.children[0] for c in ch[1:]]
        u = _add(parent, Unit("pengesahan", label=name, line=toks[0].line, col=toks[0].column))
        u.lines = [_raw(t) for t in toks]
    elif name == "penjelasan":
        tok = ch[0]
        u = _add(parent, _tok_unit("penjelasan", tok, marker=str(tok)))
        for c in ch[1:]:
            _build(c, u)
    elif name == "lampiran":
        tok = ch[0]
        label = (tok.match.group("label") or "").upper()
        u = _add(parent, _tok_unit("lampiran", tok, label=label, marker=str(tok)))
        _group_lampiran(u, [c for c in ch[1:]])
    elif name in ("baris", "lp_huruf", "lp_angka", "lp_ayat", "lp_butir", "lp_bab"):
        raise AssertionError(name)   # handled by _group_lampiran
    else:
        for c in ch:
            _build(c, parent)


def _first_token(node) -> Token:
    if isinstance(node, Token):
        return node
    for c in node.children:
        t = _first_token(c)
        if t is not None:
            return t
    return None


def _end_lines(u: Unit) -> int:
    end = max([u.line] + [ln for ln, _, _ in u.lines])
    for c in u.children:
        end = max(end, _end_lines(c))
    u.end_line = end
    return end


def _group_lampiran(lamp: Unit, nodes: list) -> None:
    """A Lampiran is free text: headings, table rows, lettered parts with numbered lines. Lettered parts
    (a., b. or a), b)) become units holding what follows them, so that "Lampiran III huruf d angka 3"
    can be found."""
    current = lamp
    last_num: Unit | None = None
    for n in nodes:
        kind = n.data
        tok = n.children[0]
        if kind == "lp_huruf":
            current = _add(lamp, _item("huruf", tok))
            last_num = None
        elif kind in ("lp_angka", "lp_ayat"):
            if kind == "lp_ayat":
                m = tok.match
                last_num = _add(current, _tok_unit("ayat", tok, label=m.group("label"),
                                                   marker=f"({m.group('label')})", text=m.group("text")))
            else:
                last_num = _add(current, _item("angka", tok))
        elif kind == "lp_butir":
            _add(last_num or current, _item("butir", tok))
        elif kind == "baris":
            cells = [c.strip() for c in str(tok)[1:].rstrip("|").split("|")]
            num = cells[0].rstrip(".") if cells else ""
            if all(c.rstrip(".").isdigit() for c in cells if c):
                num = ""           # the row numbering the columns (1 2 3 4 5 6), not a numbered row
            u = _add(lamp, _tok_unit("baris", tok, label=num if num.isdigit() else "", text=str(tok)))
            u.text_col = tok.column
            current, last_num = lamp, None
        elif kind == "lp_bab":
            _add(lamp, _tok_unit("para", tok, text=str(tok)))
            current, last_num = lamp, None
        else:    # para: belongs to the lettered part it follows, or to the Lampiran
            t = n.children[0]
            _add(current, _tok_unit("para", t, text=str(t)))


# ------------------------------------------------------------------ ids
def _assign_ids(root: Unit) -> None:
    for c in root.children:
        _ids(c, "")
    seen: dict[str, int] = {}
    for u in root.walk():
        if not u.id:
            continue
        if u.id in seen:      # e.g. two "Pasal 20" in different Bagian
            seen[u.id] += 1
            u.id = f"{u.id}-{seen[u.id]}"
        else:
            seen[u.id] = 1


def _own_id(u: Unit) -> str:
    if u.kind == "kepala":
        return "judul"
    if u.kind in ("pembukaan", "jabatan", "penutup", "penjelasan", "fragmen"):
        return u.kind
    if u.kind == "batang_tubuh":
        return "batang-tubuh"
    if u.kind == "diktum":
        return "menetapkan"
    if u.kind in SECTION_IDS:
        return SECTION_IDS[u.kind]
    if u.kind == "bab":
        v = roman_value(u.label)
        return f"bab-{v if v else u.label}"
    if u.kind == "bagian":
        v = label_value("bagian", u.label)
        return f"bagian-{v if v else u.label.lower().replace(' ', '-')}"
    if u.kind == "lampiran":
        return f"lampiran-{u.label}" if u.label else "lampiran"
    if u.kind == "baris":
        return f"nomor-{u.label}" if u.label else "baris"
    if u.kind == "para":
        return "kalimat"
    if u.kind == "pengesahan":
        return u.label
    return f"{u.kind}-{u.label}" if u.label else u.kind


def _ids(u: Unit, prefix: str) -> None:
    """Ids are paths; BAB/Bagian/Paragraf/batang tubuh are left out of the ids of the Pasal inside them
    (Pasal numbers run through the whole regulation). Repeated labels get "-2", "-3"."""
    base = _own_id(u)
    parent = u.parent
    siblings = [s for s in parent.children if _own_id(s) == base] if parent else [u]
    if u.kind in ("para", "butir") or (u.kind == "baris" and not u.label):
        pos = [s for s in parent.children if s.kind == u.kind].index(u) + 1
        base = f"{base}-{pos}"
        if u.kind == "butir":
            u.label = str(pos)
    elif len(siblings) > 1 and siblings.index(u) > 0:
        base = f"{base}-{siblings.index(u) + 1}"
    if u.kind == "pasal" and not prefix.startswith("penjelasan"):
        u.id = base
    else:
        u.id = f"{prefix}/{base}" if prefix else base
    if u.kind in ("batang_tubuh",):
        child_prefix = ""
    elif u.kind in ("bab", "bagian", "paragraf"):
        child_prefix = u.id
    elif u.kind == "pembukaan":
        child_prefix = ""
    else:
        child_prefix = u.id
    for c in u.children:
        if c.kind == "pasal" and u.kind in ("bab", "bagian", "paragraf", "batang_tubuh"):
            _ids(c, "")
        else:
            _ids(c, child_prefix)


# ------------------------------------------------------------------ identity of the regulation
JENIS_RE = re.compile(r"^(PERATURAN\s+(?:BUPATI|WALIKOTA|WALI\s+KOTA|GUBERNUR|DAERAH|DESA|MENTERI)|"
                      r"KEPUTUSAN\s+(?:BUPATI|WALIKOTA))\s*(.*)$", re.I)
NOMOR_RE = re.compile(r"^NOMOR\s+(\S+)\s+TAHUN\s+(\d{4})$", re.I)


def read_meta(root: Unit) -> dict:
    """jenis, daerah, nomor, tahun and judul from the heading; the pembentuk from the pembukaan."""
    meta: dict = {}
    kepala = root.find_first("kepala")
    if kepala is not None:
        texts = [t for _, _, t in kepala.lines]
        title_from = None
        for i, t in enumerate(texts):
            m = JENIS_RE.match(t)
            if m and "jenis" not in meta:
                meta["jenis"] = " ".join(w.capitalize() for w in m.group(1).split())
                meta["daerah"] = " ".join(w.capitalize() for w in m.group(2).split()) if m.group(2) else ""
                continue
            m = NOMOR_RE.match(t)
            if m:
                meta["nomor"], meta["tahun"] = m.group(1), int(m.group(2))
                continue
            if t.upper() == "TENTANG":
                title_from = i + 1
                break
        if title_from is not None:
            meta["judul"] = " ".join(texts[title_from:])
    jabatan = root.find_first("jabatan")
    if jabatan is not None:
        meta["pembentuk"] = " ".join(t for _, _, t in jabatan.lines).rstrip(",")
    return meta


def expected_words(expected: list[str]) -> str:
    names = {"PASAL": "Pasal", "AYAT": "ayat", "HURUF": "huruf", "ANGKA": "angka", "BAB": "BAB", "BAGIAN": "Bagian",
             "TEXT": "kalimat", "LAMPIRAN": "LAMPIRAN", "DITETAPKAN": "Ditetapkan di", "MENETAPKAN": "Menetapkan",
             "MENGINGAT": "Mengingat", "MENIMBANG": "Menimbang"}
    return ", ".join(dict.fromkeys(names.get(e, e) for e in expected if e in names))


def line_kind(text: str) -> str:
    return classify(text.strip())[0]
