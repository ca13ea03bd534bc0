"""Files aturan writes (-o, --ditolak, --template): checked before any work is done, with a message."""
from __future__ import annotations

from pathlib import Path

from .errors import AturanError


def check_output(path: str, force: bool = False) -> None:
    """Refuse an output path whose folder does not exist or is not a folder, a folder given as the
    file, and an existing file without --force. '-' (standard output) is always fine."""
    if path == "-":
        return
    p = Path(path)
    parent = p.parent
    if not parent.exists():
        raise AturanError(f"{path}: folder {parent} tidak ada", hint="buat foldernya dulu, atau pilih tempat lain")
    if not parent.is_dir():
        raise AturanError(f"{path}: {parent} bukan folder")
    if p.is_dir():
        raise AturanError(f"{path} adalah folder; sebutkan nama berkasnya, mis. {p / 'hasil.xlsx'}")
    if p.exists() and not force:
        raise AturanError(f"{path} sudah ada; pakai --force untuk menimpanya")
