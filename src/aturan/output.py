"""Writing what a command produces: to a terminal of any encoding, or to a file that is not overwritten by accident."""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import AturanError

# Characters our reports use, and what to print where the terminal cannot show them (cp1252, ASCII).
_PLAIN = str.maketrans({
    "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
    "─": "-", "│": "|", "═": "=", "╞": "+", "╡": "+", "╪": "+", "║": "|",
    "—": "-", "–": "-", "…": "...", "·": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "×": "x",
    "≥": ">=", "≤": "<=", "→": "->", "✓": "v", "✗": "x", "•": "*",
})


def plain(text: str) -> str:
    """The same text with only plain characters for box lines, dashes and quotes."""
    return text.translate(_PLAIN)


def encodable(text: str, encoding: str | None) -> bool:
    try:
        text.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def configure_streams() -> None:
    """Never die on a character the terminal cannot show: replace it (the report text is made plain first)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):   # a closed or detached stream: leave it
                pass


def emit(text: str, stream=None) -> None:
    """Print a report: box lines and dashes become plain characters when the stream's encoding lacks them."""
    stream = stream or sys.stdout
    enc = getattr(stream, "encoding", None)
    if not encodable(text, enc):
        text = plain(text)
    stream.write(text)


def check_output(path: str | Path, force: bool = False) -> None:
    """Before any work is done: refuse a folder given as the file, an existing file without --force, and a
    folder that does not exist (or is a file). '-' (standard output) is always fine."""
    if str(path) == "-":
        return
    p = Path(path)
    if p.is_dir():
        raise AturanError(f"{p}: ini folder; sebutkan nama berkas keluaran, mis. {p / 'laporan'}")
    if p.exists() and not force:
        raise AturanError(f"{p} sudah ada; tidak ditimpa", hint="pakai --force untuk menimpanya, atau pilih nama lain")
    if not p.parent.is_dir():
        what = "bukan folder" if p.parent.exists() else "tidak ada"
        raise AturanError(f"{p}: folder {p.parent} {what}", hint="buat foldernya dulu, atau pilih folder lain")


def write_output(path: str | Path, data: str | bytes, *, force: bool = False) -> None:
    """Write a report file: refuse to overwrite without --force, and say so (not a traceback) when it cannot."""
    p = Path(path)
    check_output(p, force)
    try:
        if isinstance(data, bytes):
            p.write_bytes(data)
        else:
            p.write_text(data, encoding="utf-8")
    except OSError as e:
        raise AturanError(f"{p}: tidak dapat ditulis ({e.strerror})") from None
