"""Worker processes for a batch: each loads the packs once and checks chunks of dossiers; results come back in
input order, and a worker that dies (killed, out of memory, a crash in a C library) costs only the dossier that
killed it: the others of its chunk are checked again, the culprit is found by halving and reported."""
from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from .batch import CHUNK, SPOOL_FREE, Outcome, Settings, Source, check_one

_settings: Settings | None = None
_session = None


def _init(settings: Settings) -> None:
    """A worker's own session (never one inherited from the parent): it loads each pack once, on first use."""
    global _settings, _session
    from .session import Session
    _settings = settings
    if settings.limits is not None:   # --max-size holds in every process (spawn starts them afresh)
        from .yamlio import configure_limits
        configure_limits(**settings.limits.__dict__)
    _session = Session(list(settings.rules) or None, freeze=True)


def _work(chunk: list[tuple[int, Source]]) -> list[Outcome]:
    """In a worker: check each dossier of the chunk with this process's packs (loaded on first use)."""
    outs = []
    for i, src in chunk:
        out = check_one(src, i, _settings, _session)
        if out.report is not None:
            out.report = pack_report(out.report)
        outs.append(out)
    if _settings.spool is not None and "line" in _settings.want:
        spool(outs, _settings.spool)
    return outs


def spool(outs: list[Outcome], folder: str) -> None:
    """Write the chunk's JSON lines (rejected dossiers' records included) to a file of their own in `folder`
    and leave each outcome only where its line is (`span`): the parent copies them to the output file by file
    (os.sendfile), never holding, unpickling or copying a national batch's gigabytes itself. Should the file
    not be written (the folder full or gone), the lines travel with the outcomes as before."""
    import os
    import tempfile
    lines = [out.line_bytes() for out in outs]
    try:
        fd, path = tempfile.mkstemp(suffix=".jsonl", dir=folder)
    except OSError:
        return
    parts = []
    for line in lines:
        parts += (line, b"\n")
    try:
        fd = _reuse(folder, fd, path)   # when it fails, it has closed `fd`
        try:
            _write_all(fd, parts)
        finally:
            os.close(fd)
    except OSError:
        try:
            os.unlink(path)
        except OSError:
            pass
        return
    at = 0
    for out, line in zip(outs, lines):
        out.span, out.line = (path, at, len(line) + 1), None
        at += len(line) + 1


def _reuse(folder: str, fd: int, path: str) -> int:
    """The descriptor to write the chunk to at `path` (a new empty file, made by mkstemp, open as `fd`): a file
    the command has finished with, renamed over it, when there is one. Its pages are written over instead of
    being freed by one process and allocated again by another (a national batch spools about 6 GB); its old
    bytes past this chunk's end are never read (spans say where the lines are). Two workers may reach for the
    same file: one renames it, the other finds it gone and looks further or keeps its new file."""
    import os
    try:
        names = [n for n in os.listdir(folder) if n.startswith(SPOOL_FREE)]
    except OSError:
        return fd
    for name in names:
        try:
            os.replace(os.path.join(folder, name), path)
        except OSError:   # taken by another worker (or a system that will not replace an open file)
            continue
        os.close(fd)   # the empty file, no longer named
        return os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))   # an OSError: the caller sends the lines
    return fd


def _write_all(fd: int, parts: list[bytes]) -> None:
    """Write the parts in order, gathered by the kernel (os.writev: no joined copy of a chunk's megabytes)
    where the system has it."""
    import os
    if not hasattr(os, "writev"):   # pragma: no cover - Windows
        with open(fd, "wb", closefd=False) as f:
            f.write(b"".join(parts))
        return
    i = 0
    while i < len(parts):
        done = os.writev(fd, parts[i:i + 512])   # within every system's IOV_MAX (1024 on Linux)
        if done <= 0:   # pragma: no cover - a regular file refuses with an OSError, never writes nothing
            raise OSError("spool file not written")
        while i < len(parts) and done >= len(parts[i]):
            done -= len(parts[i])
            i += 1
        if done:   # a short write ended inside a part
            parts[i] = parts[i][done:]


def _context():
    """fork where the system has it (workers start at once, sharing the imported code); spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else "spawn")


def _executor(settings: Settings, jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_init, initargs=(settings,))


def ordered_map(items: Iterable[tuple[int, Source]], settings: Settings, jobs: int, session) -> Iterator[Outcome]:
    """Outcomes of all items, in their order, from `jobs` worker processes; at most a few chunks per worker in
    flight, so memory does not grow with the number of dossiers. Reports are rebuilt with `session`'s packs."""
    window = jobs * 3
    ex = _executor(settings, jobs)
    pending: deque = deque()
    items = iter(items)
    finished = False
    try:
        while True:
            while len(pending) < window:
                chunk = [x for _, x in zip(range(CHUNK), items)]
                if not chunk:
                    break
                pending.append((chunk, ex.submit(_work, chunk)))
            if not pending:
                finished = True
                return
            chunk, fut = pending.popleft()
            try:
                outs = fut.result()
            except BrokenProcessPool:
                # every chunk in flight is lost with the pool: check them again one by one, then go on
                ex.shutdown(wait=True, cancel_futures=True)
                lost = [chunk] + [c for c, _ in pending]
                pending.clear()
                for c in lost:
                    for out in _isolate(c, settings):
                        yield _unpacked(out, session)
                ex = _executor(settings, jobs)
                continue
            for out in outs:
                yield _unpacked(out, session)
    finally:
        # all done: wait for the idle workers to exit. Leaving them to exit on their own (wait=False) races with
        # the interpreter's exit in Python 3.11 ("OSError: [Errno 9] Bad file descriptor" printed after the
        # counts, now and then); that is kept for a batch abandoned half way, which must not wait for its chunks
        ex.shutdown(wait=finished, cancel_futures=not finished)


def _isolate(chunk: list[tuple[int, Source]], settings: Settings) -> list[Outcome]:
    """Check a chunk in a fresh one-worker pool; if that worker dies too, halve the chunk until the one
    dossier that kills it is found, and reject that one as an internal error."""
    ex = _executor(settings, 1)
    try:
        return ex.submit(_work, chunk).result()
    except BrokenProcessPool:
        if len(chunk) == 1:
            i, src = chunk[0]
            from .errors import internal_error_message
            died = RuntimeError("proses pemeriksa berhenti mendadak saat memeriksa dosir ini")
            out = Outcome(i, src.name, internal=True, error=internal_error_message(died, src.name))
            return [out]
        half = len(chunk) // 2
        return _isolate(chunk[:half], settings) + _isolate(chunk[half:], settings)
    finally:
        ex.shutdown(wait=True)


# ------------------------------------------------------------------ reports across processes
def pack_report(report) -> tuple:
    """A Report as plain data: the pack by its folder (each process loads it once), the dossier and the
    findings' own values; the rules are found again by their position in the pack."""
    fs = report.findings
    if len(fs) != len(report.pack.rules) or any(f.rule is not r for f, r in zip(fs, report.pack.rules)):
        raise ValueError("laporan dengan temuan di luar pack tidak dapat dikirim antarproses")  # pragma: no cover
    return (str(report.pack.path), report.dossier, report.as_of, report.in_force,
            tuple((f.status, f.message, f.evidence, f.missing, f.detail, f.periods) for f in fs))


def unpack_report(data: tuple, session):
    from .model import Finding, Report
    path, dossier, as_of, in_force, findings = data
    pack = session.pack(path)
    fs = tuple(Finding(rule, status, message, evidence, missing=missing, detail=detail, periods=periods)
               for rule, (status, message, evidence, missing, detail, periods) in zip(pack.rules, findings))
    return Report(dossier, pack, as_of, fs, in_force=in_force)


def _unpacked(out: Outcome, session) -> Outcome:
    if out.report is not None:
        out.report = unpack_report(out.report, session)
    return out
