"""aturan: Indonesian village stunting-prevention regulations as executable rule packs."""
from __future__ import annotations

from .hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = ["hookimpl", "__version__", "load_pack", "load_dossier", "evaluate"]


def __getattr__(name):  # the public API without importing everything at plugin-import time
    if name == "load_pack":
        from .loader import load_pack
        return load_pack
    if name == "load_dossier":
        from .loader import load_dossier
        return load_dossier
    if name == "evaluate":
        from .engine import evaluate
        return evaluate
    raise AttributeError(name)
