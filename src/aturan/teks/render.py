"""Tree -> text: the canonical layout of a pack's teks/naskah.txt (one unit per line, rincian indented)."""
from __future__ import annotations

from .model import LIST_KINDS, Naskah, Unit

BLANK_BEFORE = {"pembukaan", "jabatan", "konsiderans", "dasar_hukum", "memperhatikan", "diktum", "bab", "bagian",
                "paragraf", "pasal", "penutup", "pengesahan", "penjelasan", "lampiran", "fragmen"}
INDENT = "  "


def render(naskah: Naskah) -> str:
    out: list[str] = []
    for c in naskah.root.children:
        _render(c, out)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def indent_of(u: Unit) -> str:
    n = sum(1 for a in u.ancestors() if a.kind in LIST_KINDS) + (1 if u.kind in LIST_KINDS else 0)
    return INDENT * n


def unit_lines(u: Unit) -> list[str]:
    """The lines a unit itself writes (its children write theirs)."""
    raw = [t for _, _, t in u.lines]
    if u.kind in ("kepala", "jabatan", "pengesahan", "pembukaan"):
        return raw
    if u.kind == "diktum":
        return raw + ([f"{u.marker} {u.text}".rstrip()] if u.marker else [])
    if u.kind in ("bab", "bagian", "paragraf"):
        return [u.marker] + raw
    if u.kind in ("pasal", "konsiderans", "dasar_hukum", "memperhatikan", "penjelasan", "lampiran"):
        return [u.marker]
    if u.kind == "ayat":
        return [f"{u.marker} {u.text}".rstrip()]
    if u.kind in LIST_KINDS:
        return [f"{indent_of(u)}{u.marker} {u.text}".rstrip()]
    if u.kind in ("para", "baris"):
        return [f"{indent_of(u)}{u.text}"]
    return []


def _render(u: Unit, out: list[str]) -> None:
    if u.kind in BLANK_BEFORE and out and out[-1] != "":
        out.append("")
    out.extend(unit_lines(u))
    for c in u.children:
        _render(c, out)
    if u.kind == "kepala":
        out.append("")
