"""Finding and loading rule packs for a run: plugins collected, pack headers read and packs compiled once."""
from __future__ import annotations

import re
from pathlib import Path

from .errors import AturanError


class Session:
    """The plugins, the pack search path and every pack loaded so far, for one command or one process.

    A batch of 80,000 dossiers asks for the pack of each: the headers (pack.yaml `regulation`) are read
    once, a regency's pack is looked up once, and each pack is parsed, validated and compiled once."""

    def __init__(self, rules: list[str] | None = None, registry=None):
        from .loader import pack_search_path
        from .manager import collect, get_plugin_manager
        self.registry = registry if registry is not None else collect(get_plugin_manager())
        self.search: list[Path] = pack_search_path(self.registry, rules)
        self._packs: dict[str, object] = {}
        self._headers: list[tuple[str, Path, dict | None, AturanError | None]] | None = None
        self._by_regency: dict[str, str | AturanError] = {}   # normalized name -> pack id, or why there is none

    @classmethod
    def from_args(cls, args) -> "Session":
        """The session of a command: --rules folders, if given."""
        return cls(getattr(args, "rules", None))

    def pack(self, ref: str):
        """The pack named by id or folder, loaded and compiled on first use."""
        from .loader import load_pack
        ref = str(ref)
        if ref not in self._packs:
            try:
                self._packs[ref] = load_pack(ref, self.registry, search=self.search)
            except AturanError as e:   # remembered: a broken pack is reported for each dossier, read once
                self._packs[ref] = e
        found = self._packs[ref]
        if isinstance(found, AturanError):
            raise found.with_traceback(None)   # each raise starts a fresh traceback (no growth over a batch)
        return found

    def pack_headers(self) -> list[tuple[str, Path, dict | None, AturanError | None]]:
        """Every pack found: (id, folder, its pack.yaml `regulation`, or the error reading it). Read once."""
        if self._headers is None:
            from .loader import available_packs
            from .yamlio import load_file
            out = []
            for pid, path in available_packs(self.search).items():
                try:
                    out.append((pid, path, load_file(path / "pack.yaml").data.get("regulation", {}), None))
                except AturanError as e:
                    out.append((pid, path, None, e))
            self._headers = out
        return self._headers

    def pack_for_regency(self, regency: str | None) -> str:
        """The id of the binding pack whose regency (or one of its aliases) is `regency`."""
        if not regency:
            raise AturanError("identitas.kabupaten tidak diisi; sebutkan pack dengan --pack")
        want = normalize_regency(regency)
        found = self._by_regency.get(want)
        if found is None:
            found = self._by_regency[want] = self._find_regency(regency, want)
        if isinstance(found, AturanError):
            raise found.with_traceback(None)
        return found

    def _find_regency(self, regency: str, want: str) -> str | AturanError:
        names = []
        for pid, _, reg, err in self.pack_headers():
            if err is not None:
                continue
            names.append(reg.get("regency", pid))
            if reg.get("binding") is False:
                continue
            if want in {normalize_regency(x) for x in [pid, reg.get("regency", "")] + list(reg.get("aliases", []))}:
                return pid
        return AturanError(f"tidak ada rule pack untuk kabupaten/kota {regency!r}",
                           hint=f"pack yang tersedia: {', '.join(sorted(names))}; atau pakai --pack")


def normalize_regency(name: str) -> str:
    """'Kabupaten Sorong', 'Kab. Sorong', 'sorong' and 'SORONG' name the same regency."""
    s = re.sub(r"^(kabupaten|kab\.?|kota)\s+", "", name.strip().lower())
    return re.sub(r"[\s_\-]+", " ", s)


_shared: dict[tuple, Session] = {}


def shared_session(rules: list[str] | None = None) -> Session:
    """One session per process and set of --rules folders: what the batch API and its worker processes use,
    so each loads every pack once however many dossiers (or calls) there are."""
    key = tuple(str(r) for r in rules or ())
    if key not in _shared:
        _shared[key] = Session(list(key) or None)
    return _shared[key]
