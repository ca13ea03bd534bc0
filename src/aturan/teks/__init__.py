"""The regulation text of a pack: cleaning, parsing to a tree with stable ids, lint, export, views, drafts.

A pack carries its text in `teks/`:

    teks/naskah.txt         the cleaned text, one unit per line (canonical layout, see render.py)
    teks/pembersihan.yaml   every change made to the OCR source, with its line and reason
    teks/perbaikan.yaml     the changes a person decided on (applied before the automatic ones)
    teks/catatan.yaml       defects only a reader can see, placed at their words
    teks/asal.yaml          for a draft made with `pack new`: the pack it was copied from
"""
from __future__ import annotations

from pathlib import Path

TEXT_DIR = "teks"
TEXT_FILE = "naskah.txt"
NOTES_FILE = "catatan.yaml"
ORIGIN_FILE = "asal.yaml"

_cache: dict = {}


def text_path(pack_dir: Path) -> Path:
    return Path(pack_dir) / TEXT_DIR / TEXT_FILE


def has_text(pack_dir: Path) -> bool:
    return text_path(pack_dir).is_file()


def load_pack_text(pack_dir: Path, *, display: str | None = None):
    """The parsed text of a pack, or None when the pack has none (a fresh draft). Cached by file and
    modification time, so that lint, html and export of one command parse it once."""
    from .parser import parse_text
    p = text_path(pack_dir)
    if not p.is_file():
        return None
    key = (str(p.resolve()), p.stat().st_mtime_ns)
    if key not in _cache:
        name = display or str(p)
        _cache[key] = parse_text(p.read_text(encoding="utf-8"), name)
    return _cache[key]


def load_notes(pack_dir: Path) -> list[dict]:
    """teks/catatan.yaml of a pack: the recorded defects ([] when there is none)."""
    from ..errors import SchemaError
    from ..yamlio import load_file
    p = Path(pack_dir) / TEXT_DIR / NOTES_FILE
    if not p.is_file():
        return []
    doc = load_file(p)
    data = doc.data or {}
    if not isinstance(data, dict) or not isinstance(data.get("catatan", []), list):
        raise SchemaError("catatan.yaml harus berisi daftar `catatan:`", doc.location(()))
    out = []
    for i, n in enumerate(data.get("catatan", [])):
        if not isinstance(n, dict) or not isinstance(n.get("unit"), str) or not isinstance(n.get("pesan"), str):
            raise SchemaError("setiap catatan harus punya `unit` dan `pesan` (teks)", doc.location(("catatan", i)))
        extra = set(n) - {"unit", "kata", "kode", "pesan", "sumber", "saran", "tingkat"}
        if extra:
            raise SchemaError(f"kunci tidak dikenal dalam catatan: {', '.join(sorted(extra))}",
                              doc.location(("catatan", i)))
        n = dict(n)
        n["_location"] = doc.location(("catatan", i))
        out.append(n)
    return out
