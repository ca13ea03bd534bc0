"""Finding and loading rule packs for a run: plugins collected, pack headers read and packs compiled once."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .errors import AturanError, processing


_FREEZE_PACKS = False   # set by freeze_packs() in a process `aturan` started itself


def freeze_packs() -> None:
    """Sessions made in this process from now on keep their packs out of the garbage collector's scans: for the
    `aturan` command's own process (cli.run) and its worker processes, never for a program that calls aturan."""
    global _FREEZE_PACKS
    _FREEZE_PACKS = True


class Session:
    """The plugins, the pack search path and every pack loaded so far, for one command or one process.

    A batch of 80,000 dossiers asks for the pack of each: the headers (pack.yaml `regulation`) are read
    once, a regency's pack is looked up once, and each pack is parsed, validated and compiled once."""

    def __init__(self, rules: list[str] | None = None, registry=None, freeze: bool | None = None):
        """`freeze`: a process that checks many dossiers (the `aturan` command, a batch worker) moves each pack
        it loads out of the garbage collector's sight (gc.freeze): it lives as long as the process, and every
        collection the dossiers' short-lived objects set off would otherwise walk the whole compiled pack again.
        None: only in a process that `aturan` itself started (see freeze_packs); never in a program that calls
        aturan, whose own objects a freeze would keep from the collector for good."""
        from .loader import pack_search_path
        from .manager import collect, get_plugin_manager
        self.registry = registry if registry is not None else collect(get_plugin_manager())
        self.search: list[Path] = pack_search_path(self.registry, rules)
        self._packs: dict[str, object] = {}
        self._headers: list[tuple[str, Path, dict | None, AturanError | None]] | None = None
        self._units: dict[str, list] = {}
        self._by_regency: dict[tuple, str | AturanError] = {}   # (name, unit, year) -> pack id, or why there is none
        self.freeze = _FREEZE_PACKS if freeze is None else freeze

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
                if self.freeze:
                    import gc
                    gc.freeze()
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
                    with processing(str(path / "pack.yaml")):
                        data = load_file(path / "pack.yaml").data
                    if not isinstance(data, dict) or not isinstance(data.get("regulation", {}), dict):
                        raise AturanError("pack.yaml tidak berisi bagian regulation yang sah", hint=str(path))
                    self._units[pid] = data.get("units") if isinstance(data.get("units"), list) else []
                    out.append((pid, path, data.get("regulation", {}), None))
                except AturanError as e:
                    out.append((pid, path, None, e))
            self._headers = out
        return self._headers

    def pack_for_regency(self, regency: str | None, dossier=None) -> str:
        """The one binding pack for the regency; with a dossier, the one governing its unit type in its year.
        Two packs claiming the same regency, unit and year are refused, never picked silently. Looked up once
        per regency, unit and year."""
        if not regency:
            raise AturanError("identitas.kabupaten tidak diisi; sebutkan pack dengan --pack")
        key = (normalize_regency(regency),) + ((dossier.unit, dossier.year) if dossier is not None else ())
        found = self._by_regency.get(key)
        if found is None:
            try:
                found = self._find_regency(regency, dossier)
            except AturanError as e:
                found = e
            self._by_regency[key] = found
        if isinstance(found, AturanError):
            raise found.with_traceback(None)   # each raise starts a fresh traceback (no growth over a batch)
        return found

    def _find_regency(self, regency: str, dossier) -> str:
        want = normalize_regency(regency)
        names, claims, broken = [], [], []
        for pid, path, reg, err in self.pack_headers():
            if err is not None:
                broken.append(f"{pid}: {err.location}: {err.message}" if err.location else f"{pid}: {err.message}")
                continue
            names.append(str(reg.get("regency", pid)))
            if reg.get("binding") is False:
                continue
            if want in {normalize_regency(str(x)) for x in [pid, reg.get("regency", "")] + list(reg.get("aliases") or [])}:
                claims.append((pid, path, reg))
        if not claims:
            # a pack whose pack.yaml cannot be read may be the one meant: say so rather than pass over it
            unread = f"\n    pack yang tidak dapat dibaca: {'; '.join(broken)}" if broken else ""
            raise AturanError(f"tidak ada rule pack untuk kabupaten/kota {regency!r}",
                              hint=f"pack yang tersedia: {', '.join(sorted(names))}; atau pakai --pack{unread}")
        if dossier is not None:   # narrow by what the dossier is about, when that tells them apart
            for fits in (lambda c: dossier.unit in self._units.get(c[0], []),
                         lambda c: _in_force_by(c[2], dossier.year)):
                narrower = [c for c in claims if fits(c)]
                if narrower:
                    claims = narrower
        if len(claims) > 1:
            about = f" untuk {dossier.unit} tahun {dossier.year}" if dossier is not None else ""
            both = " dan ".join(f"{pid} ({path})" for pid, path, _ in claims)
            raise AturanError(f"{regency} diatur oleh lebih dari satu rule pack{about}: {both}",
                              hint="pack tidak dipilih diam-diam; sebutkan yang dipakai dengan --pack ID")
        return claims[0][0]


def _in_force_by(reg: dict, year) -> bool:
    """Whether the regulation is in force at some point of `year` (by its in_force date)."""
    try:
        return dt.date.fromisoformat(str(reg.get("in_force"))) <= dt.date(int(year), 12, 31)
    except (ValueError, TypeError, OverflowError):
        return False


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
