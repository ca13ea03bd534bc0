"""Reading a drafter's DOCX as lines of text: paragraphs in order, automatic numbering written out
("a.", "(1)", "1."), tables as "| cell | cell |" rows, so that the parser sees what the reader sees."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import AturanError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _fmt(n: int, fmt: str) -> str:
    from .model import roman
    if fmt == "lowerLetter":
        return chr(ord("a") + n - 1) if n <= 26 else str(n)
    if fmt == "upperLetter":
        return chr(ord("A") + n - 1) if n <= 26 else str(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperRoman":
        return roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """Labels of automatically numbered paragraphs, from word/numbering.xml."""

    def __init__(self, doc):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}   # (numId, ilvl) -> (fmt, lvlText, start)
        self.counters: dict[str, list[int]] = {}
        try:
            part = doc.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        abstract = {}
        for an in root.findall(f"{W}abstractNum"):
            aid = an.get(f"{W}abstractNumId")
            lv = {}
            for lvl in an.findall(f"{W}lvl"):
                il = int(lvl.get(f"{W}ilvl"))
                fmt = lvl.find(f"{W}numFmt")
                txt = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                lv[il] = (fmt.get(f"{W}val") if fmt is not None else "decimal",
                          txt.get(f"{W}val") if txt is not None else f"%{il + 1}.",
                          int(start.get(f"{W}val")) if start is not None else 1)
            abstract[aid] = lv
        for num in root.findall(f"{W}num"):
            nid = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            for il, v in abstract.get(ref.get(f"{W}val"), {}).items():
                self.levels[(nid, il)] = v

    def label(self, num_id: str, ilvl: int) -> str:
        if (num_id, ilvl) not in self.levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = self.levels[(num_id, ilvl)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "-"
        out = text
        for k in range(ilvl + 1):
            lf = self.levels.get((num_id, k), ("decimal", "", 1))[0]
            out = out.replace(f"%{k + 1}", _fmt(counters[k] or 1, lf))
        return out


def _para_text(p) -> str:
    """A paragraph's words, tabs (used to align "Menimbang : a.") read as spaces."""
    out = []
    for el in p.iter():
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag in (f"{W}tab", f"{W}br"):
            out.append(" ")
    return "".join(out)


def read_docx_lines(path: Path) -> list[str]:
    try:
        import docx
    except ImportError:       # declared in pyproject; only a broken install lacks it
        raise AturanError("membaca DOCX memerlukan paket python-docx") from None
    from docx.opc.exceptions import OpcError
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OpcError, OSError) as e:
        raise AturanError(f"{path}: bukan berkas DOCX yang dapat dibaca ({e})") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            text = _para_text(child)
            ppr = child.find(f"{W}pPr")
            num = ppr.find(f"{W}numPr") if ppr is not None else None
            if num is not None and text.strip():
                nid = num.find(f"{W}numId")
                il = num.find(f"{W}ilvl")
                lab = numbering.label(nid.get(f"{W}val") if nid is not None else "",
                                      int(il.get(f"{W}val")) if il is not None else 0)
                if lab:
                    text = f"{lab} {text.strip()}"
            lines.append(text)
        elif child.tag == f"{W}tbl":
            for tr in child.iter(f"{W}tr"):
                cells = []
                for tc in tr.iter(f"{W}tc"):
                    cells.append(" ".join("".join(t.text or "" for t in p.iter(f"{W}t")).strip()
                                          for p in tc.iter(f"{W}p")).strip())
                lines.append("\t".join(cells))
    return lines
