"""Many dossiers in one run: the inputs (files, folders, JSON Lines on stdin, dicts), worker processes that each
load the packs once, and one outcome per dossier in input order. `aturan check` and the Python API run on it.

    from aturan.batch import check, records
    for outcome in check(["desa/"], jobs=2):          # Report objects (or the reason a dossier was rejected)
        ...
    for rec in records(["desa/"]):                   # the JSON Lines records, plain dicts
        ...
"""
from __future__ import annotations

import datetime as dt
import itertools
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import AturanError, internal_error_message, processing

DOSSIER_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx", ".xlsm")
STDIN = "-"
CHUNK = 32          # dossiers sent to a worker at a time
IN_PROCESS_BELOW = 96   # fewer dossiers than this are checked in this process: starting workers costs more
SPOOL_FREE = "bebas-"   # the name of a spool file the command has copied out: a worker writes a later chunk over it


# ------------------------------------------------------------------ inputs
@dataclass(frozen=True)
class Source:
    """One dossier to check: a file, one line of a JSON Lines stream, or data given directly."""

    name: str                    # how messages name it: the path, '<stdin>:12', '<dosir 3>'
    path: str | None = None      # a file to read
    text: str | None = None      # one JSON line (stdin)
    data: Any = None             # an already-parsed dossier (the Python API)
    line: int = 0                # 0-based line of `text` in its stream


def dossier_files(folder: str) -> Iterator[str]:
    """Every dossier file below `folder` (.yaml, .yml, .json, fact-entry workbooks) in path order, folders
    and files alike sorted by name; hidden entries and Excel's lock files (~$isian.xlsx) are not dossiers.
    Symbolic links to folders are not followed (no loops). Paths are written as pathlib writes them
    (`folder` is, by sources()), without a Path object per file: the country has 83,762."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.name.startswith((".", "~$")):
            continue
        path = e.name if folder == "." else e.path
        if e.is_dir(follow_symlinks=False):
            yield from dossier_files(path)
        elif e.name.lower().endswith(DOSSIER_SUFFIXES):
            yield path


def sources(inputs: Iterable, stdin=None) -> Iterator[Source]:
    """What the user named, one Source per dossier: a folder gives every dossier file below it (recursively),
    '-' one dossier per line of standard input (JSON Lines), a dict (or a Source) itself."""
    n = 0
    for item in inputs:
        if isinstance(item, Source):
            yield item
        elif isinstance(item, dict):
            n += 1
            yield Source(name=f"<dosir {n}>", data=item)
        elif str(item) == STDIN:
            yield from json_lines(stdin if stdin is not None else sys.stdin.buffer)
        elif Path(item).is_dir():
            found = False
            for f in dossier_files(str(Path(item))):
                found = True
                yield Source(name=f, path=f)
            if not found:   # named, yet holds nothing to check: said, never passed over in silence
                yield Source(name=str(item), data=_EmptyFolder())
        else:
            yield Source(name=str(item), path=str(item))


def json_lines(stream, name: str = "<stdin>") -> Iterator[Source]:
    """One Source per non-blank line of a JSON Lines stream (bytes or text); its number kept for messages."""
    for i, raw in enumerate(stream):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield Source(name=f"{name}:{i + 1}", text=None, data=_NotUtf8(e), line=i)
                continue
        text = raw.rstrip("\r\n")
        if i == 0:
            text = text.lstrip("\ufeff")   # a byte-order mark written by Windows tools
        if text.strip():
            yield Source(name=f"{name}:{i + 1}", text=text, line=i)


@dataclass(frozen=True)
class _NotUtf8:
    error: UnicodeDecodeError


@dataclass(frozen=True)
class _EmptyFolder:
    pass


# ------------------------------------------------------------------ outcomes
@dataclass
class Outcome:
    """What became of one dossier. `report` is set only in the process that evaluated it (or with
    want="report"); `line` (its JSON Lines record) and `summary` (what a rekap needs) travel between processes."""

    index: int
    name: str
    report: Any = None
    line: bytes | None = None           # the JSON Lines record, UTF-8, no newline: written as it comes
    summary: dict | None = None
    error: str | None = None            # why it was rejected: 'file:line:col: message' and the source line
    location: tuple = (None, None)      # 1-based line and column of that error, when known
    internal: bool = False              # rejected by a bug in aturan, not by its content (exit 3)
    identity: dict = field(default_factory=dict)   # what could be read of identitas, for a rejected dossier
    violated: bool = False
    unknown: bool = False
    span: tuple | None = None           # (file, offset, length): where a worker wrote the line and its newline

    @property
    def rejected(self) -> bool:
        return self.error is not None

    def record(self) -> dict:
        """The JSON Lines record of this outcome as a dict (rejected or not)."""
        import json
        if self.line is not None:
            return json.loads(self.line)
        if self.report is not None:
            from .report.jsonl import record
            return record(self.report)
        return self.rejected_record()

    def line_bytes(self) -> bytes:
        """The JSON line of this outcome (rejected or not), UTF-8, no newline."""
        if self.line is not None:
            return self.line
        from .report.jsonl import encode
        return encode(self.rejected_record()).encode("utf-8")

    def rejected_record(self) -> dict:
        from .report.jsonl import rejected_record
        return rejected_record(self.name, self.error or "", line=self.location[0], column=self.location[1],
                               internal=self.internal, dossier=self.identity)


@dataclass(frozen=True)
class Settings:
    """How every dossier of a run is checked, and what each outcome must carry."""

    pack: str | None = None
    as_of: dt.date | None = None
    rules: tuple[str, ...] = ()
    want: frozenset = frozenset({"report"})   # any of: report, line, summary
    debug: bool = False                       # print the traceback of an internal error (--debug)
    limits: Any = None                        # yamlio.Limits of the run (--max-size), for worker processes too
    spool: str | None = None                  # a folder where worker processes write the lines (see workers.py)


# ------------------------------------------------------------------ one dossier
_LINE_ONLY = frozenset({"line"})


def check_one(source: Source, index: int, settings: Settings, session=None) -> Outcome:
    """Read, route, evaluate one dossier. An input error rejects it with its location; anything else is a
    bug in aturan and rejects it too (marked internal), so one dossier never costs the others' results."""
    from .engine import evaluate
    from .session import shared_session
    session = session or shared_session(list(settings.rules) or None)
    out = Outcome(index, source.name)
    dossier = None
    direct = None
    try:
        with processing(source.name):
            dossier = _load(source)
            pack = session.pack(settings.pack or session.pack_for_regency(dossier.regency, dossier))
            if settings.want == _LINE_ONLY:   # the line without the Report in between: the same bytes
                from .direct import line
                direct = line(pack, dossier, settings.as_of)
            if direct is None:
                report = evaluate(pack, dossier, settings.as_of)
    except AturanError as e:   # what was read of the dossier still tells its kabupaten and kecamatan
        _reject(out, e, dossier.data if dossier is not None else getattr(e, "data", None))
        return out
    except Exception as e:   # a bug in aturan: this dossier is lost, never the others
        _reject(out, e, dossier.data if dossier is not None else None, internal=True, debug=settings.debug)
        return out
    if direct is not None:
        out.line, counts = direct
        out.violated, out.unknown = counts["tidak_patuh"] > 0, counts["tidak_dapat_dinilai"] > 0
        return out
    counts = report.counts()
    out.violated, out.unknown = counts["tidak_patuh"] > 0, counts["tidak_dapat_dinilai"] > 0
    try:
        if "line" in settings.want:
            from .report.jsonl import line_bytes
            out.line = line_bytes(report)
        if "summary" in settings.want:
            out.summary = summary(report)
    except Exception as e:   # pragma: no cover - rendering a checked report is a bug if it fails
        _reject(out, e, None, internal=True, debug=settings.debug)
        return out
    if "report" in settings.want:
        out.report = report
    return out


def _load(source: Source):
    """The Dossier of a source: files and lines through the fast path (the careful reader judges anything
    unusual), workbooks through their own reader."""
    from . import fastpath
    from .errors import DossierError, Location, YamlError
    if source.path is not None:
        from .dossier import is_workbook
        if is_workbook(source.path):
            from .loader import read_dossier
            return fastpath.careful(read_dossier(source.path), source.name)
        return fastpath.load_file(source.path, source.name)
    if source.text is not None:
        return fastpath.load_json_line(source.text, _file_of(source.name), source.line)
    if isinstance(source.data, _EmptyFolder):
        raise DossierError(f"folder ini tidak berisi dosir ({', '.join('*' + x for x in DOSSIER_SUFFIXES)}, "
                           "juga di subfolder)", Location(source.name))
    if isinstance(source.data, _NotUtf8):
        e = source.data.error
        raise YamlError(f"baris ini bukan teks UTF-8 ({e.reason} pada bita {e.start})",
                        Location(_file_of(source.name), source.line))
    return fastpath.load_data(source.data, source.name)


def _reject(out: Outcome, e: Exception, data, internal: bool = False, debug: bool = False) -> None:
    if internal:
        if debug:
            import traceback
            traceback.print_exception(e, file=sys.stderr)
        out.error = internal_error_message(e, out.name)
        out.internal = True
    else:
        text = str(e)
        loc = getattr(e, "location", None)
        if loc is None and getattr(e, "errors", None):
            loc = e.errors[0].location
        if loc is not None and loc.file == _file_of(out.name):
            if loc.line is not None:
                out.location = (loc.line + 1, None if loc.col is None else loc.col + 1)
        else:   # about the pack or the routing, not a place in the dossier: say which dossier it concerns
            text = f"{out.name}: {text}"
        out.error = text
    out.identity = partial_identity(data)


def _file_of(name: str) -> str:
    """The file part of a source name ('<stdin>' for '<stdin>:12')."""
    return name.rsplit(":", 1)[0] if name.startswith("<stdin>:") else name


def partial_identity(data) -> dict:
    """What can be read of a rejected dossier's identitas (text values only), to count it in its kecamatan."""
    ident = data.get("identitas") if isinstance(data, dict) else None
    if not isinstance(ident, dict):
        return {}
    return {k: ident[k] for k in ("nama", "jenis", "kecamatan", "kabupaten", "kode_wilayah")
            if isinstance(ident.get(k), str)}


def summary(report) -> dict:
    """What a rekap needs of one checked dossier: the JSON Lines record without evidence and messages, and
    without the obligations of parties outside the village (never counted)."""
    from .report.jsonl import record_summary
    return record_summary(report)


# ------------------------------------------------------------------ many dossiers
def run(inputs: Iterable, settings: Settings, jobs: int | None = 1, stdin=None, session=None) -> Iterator[Outcome]:
    """One Outcome per dossier, in input order. jobs > 1 checks them in that many worker processes; None
    means one per core once there are enough dossiers to pay for starting them (IN_PROCESS_BELOW). A worker
    that dies takes no other dossier's result with it. `session` (default: this process's shared one) finds
    the packs here; each worker process makes its own."""
    it = enumerate(sources(inputs, stdin))
    if jobs is None:
        head = [x for _, x in zip(range(IN_PROCESS_BELOW), it)]
        jobs = default_jobs() if len(head) == IN_PROCESS_BELOW else 1   # a handful: workers cost more than they save
        it = itertools.chain(head, it)
    if jobs > 1:
        first = [x for _, x in zip(range(2), it)]
        if len(first) < 2:
            jobs = 1
        it = itertools.chain(first, it)
    if session is None:
        from .session import shared_session
        session = shared_session(list(settings.rules) or None)
    if jobs <= 1:
        for i, src in it:
            yield check_one(src, i, settings, session)
        return
    from .workers import ordered_map
    yield from ordered_map(it, settings, jobs, session)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:   # not on Linux
        return max(1, os.cpu_count() or 1)


def check(dossiers: Iterable, *, pack: str | None = None, as_of: dt.date | None = None,
          rules: list[str] | None = None, jobs: int | None = 1) -> Iterator[Outcome]:
    """Check dossiers (paths of files or folders, '-' for JSON Lines on stdin, or dicts) and yield one
    Outcome per dossier, in input order: `.report` (a Report) when it was checked, `.error` when not.

    With jobs > 1 the dossiers are checked in worker processes; their reports are rebuilt here from the
    packs this process loads once."""
    settings = Settings(pack=pack, as_of=as_of, rules=tuple(rules or ()), want=frozenset({"report"}))
    yield from run(dossiers, settings, jobs)


def records(dossiers: Iterable, *, pack: str | None = None, as_of: dt.date | None = None,
            rules: list[str] | None = None, jobs: int | None = 1) -> Iterator[dict]:
    """The JSON Lines records of the dossiers, as dicts, in input order: one per dossier, rejected ones
    included ({"rejected": true, "error": ...}). Plain data: what to map over partitions with dask.bag."""
    import json
    settings = Settings(pack=pack, as_of=as_of, rules=tuple(rules or ()), want=frozenset({"line"}))
    for out in run(dossiers, settings, jobs):
        yield json.loads(out.line) if out.line is not None else out.rejected_record()
