"""Dossiers outside hand-written YAML: the fact-entry workbook, and the values Indonesian users write."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def is_workbook(file) -> bool:
    return Path(str(file)).suffix.lower() in WORKBOOK_SUFFIXES


def layout_for_pack(pack, unit: str | None = None):
    """The workbook layout of a pack, in the words of `unit` (default: the pack's first unit)."""
    from .layout import Layout
    terms = pack.terms_for(unit or pack.units[0])
    return Layout(terms, list(pack.packages), aliases=aliases())


def _all_terms() -> list[dict]:
    from ..manager import collect, get_plugin_manager
    registry = collect(get_plugin_manager())
    return [t for info in registry.plugins.values() for t in info.terminology.values()]


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """Every regency's words for the parties and the kegiatan, lowercased -> code, so a workbook made for any
    pack reads back ('BAMUSKAM' -> badan_permusyawaratan, 'Musyawarah Antar Kampung (MAK)' -> its path)."""
    from .layout import Layout
    out: dict[str, str] = {}
    for terms in _all_terms():
        lay = Layout(terms)
        for code, label in lay.pihak.items():
            out.setdefault(label.strip().lower(), code)
        for sheet in lay.sheets.values():
            for path, label in sheet.target_labels.items():
                out.setdefault(label.strip().lower(), path)
    return out


def read_workbook_document(file):
    """The workbook as a located document (data + cell of every value), before schema checking."""
    from .layout import Layout
    from .read import read_workbook

    def layout_for(jenis, kabupaten):
        terms = next((t for t in _all_terms() if t.get("unit_kecil") == jenis), None) or _all_terms()[0]
        return Layout(terms, aliases=aliases())

    return read_workbook(str(file), layout_for)
