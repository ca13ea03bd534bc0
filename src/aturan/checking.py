"""The `check` command over any number of dossiers: per-village reports, a JSON Lines stream, or the rekap;
a progress bar on a terminal; every rejected dossier listed with its location; the counts always printed."""
from __future__ import annotations

import errno
import os
import stat
import sys

from .batch import SPOOL_FREE, STDIN, Settings, run, sources
from .errors import AturanError

EXIT_OK, EXIT_VIOLATION, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
STREAM_FORMATS = ("jsonl",)
REKAP_FORMATS = ("table", "markdown", "csv", "xlsx", "json")


def cmd_check(args) -> int:
    _check_format(args)
    _check_output_args(args)
    if args.format != "jsonl":
        return _check(args, None)
    import tempfile
    try:   # worker processes write the lines there (without a temporary folder they send them as before); the
        # folder is named after the command's process, so a folder left by one killed can be told whose it was
        spool = tempfile.TemporaryDirectory(prefix=f"aturan-{os.getpid()}-", dir=spool_parent(),
                                            ignore_cleanup_errors=True)
    except OSError:
        return _check(args, None)
    try:
        return _check(args, spool.name)
    finally:
        spool.cleanup()


def spool_parent() -> str | None:
    """Where the workers' lines wait for the command (None: the system's temporary folder). The user's TMPDIR
    (or TEMP, TMP) when set; else, on Linux, /dev/shm when it is a folder this user may write: lines kept in
    memory there are copied out and deleted within moments, never written to a disk, and do not contend
    with the output file for it (a national batch writes some 6 GB). Should it be too small (a container's
    64 MB), the workers send their lines instead (workers.spool)."""
    if any(os.environ.get(v) for v in ("TMPDIR", "TEMP", "TMP")) or not sys.platform.startswith("linux"):
        return None
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def _check(args, spool: str | None) -> int:
    want = {"line"} if args.format == "jsonl" else {"summary"} if args.rekap else {"report"}
    from .yamlio import current_limits
    settings = Settings(pack=args.pack, as_of=args.as_of, rules=tuple(args.rules or ()), want=frozenset(want),
                        debug=bool(getattr(args, "debug", False)), limits=current_limits(),
                        spool=spool)
    inputs = args.dossiers
    total = None
    # for a progress bar the folders are walked first, so it knows the total; else as the workers go (listing
    # the country's 83,762 files takes about 2 s, during which the workers would wait)
    if _shows_progress(args.quiet) and STDIN not in [str(x) for x in inputs]:
        inputs = list(sources(inputs))
        total = len(inputs)
    stdin = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
    from .session import Session
    outcomes = run(inputs, settings, jobs=args.jobs, stdin=stdin, session=Session.from_args(args))

    tally = Tally()
    bar = progress(total, quiet=args.quiet)
    reports, rekap = [], None
    if args.rekap:
        from .rekap import Rekap
        rekap = Rekap()
    sink = _JsonLines(args) if args.format == "jsonl" else None
    try:
        for out in outcomes:
            tally.add(out)
            if bar is not None:
                bar.update(1)
                if out.rejected:
                    bar.set_postfix_str(f"ditolak {tally.rejected}", refresh=False)
            if sink is not None:
                sink.put(out)
            elif rekap is not None:
                rekap.add(out.summary if not out.rejected else out.rejected_record())
            elif not out.rejected:
                reports.append(out.report)
    finally:
        outcomes.close()   # the pool shut down (a run abandoned half way leaves its last chunks to finish)
        if bar is not None:
            bar.close()
        if sink is not None:
            sink.close()

    if sink is None:
        if rekap is not None:
            from .report.rekap import render_rekap
            _write(args, render_rekap(rekap, args.format, args.top))
        else:
            if args.monitoring:   # the reconciliation adds findings: the verdicts are counted again
                from .scorecard.reconcile import reconcile_reports
                reports[:] = reconcile_reports(reports, args.monitoring)
                tally.violated = sum(r.counts()["tidak_patuh"] > 0 for r in reports)
                tally.unknown = sum(r.counts()["tidak_dapat_dinilai"] > 0 for r in reports)
            from .report import render
            _write(args, render(args.format, reports, tally.rejections, args.verbose,
                               text_view=getattr(args, "teks_html", None)))
    if tally.rejections and (args.format != "table" or args.rekap):
        for _, message in tally.rejections:   # table reports list them at the end; the rest go to stderr
            print(f"aturan: {message}", file=sys.stderr)
    print(f"aturan: {tally.line()}", file=sys.stderr)
    return tally.exit_status(args.strict)


class Tally:
    """Counts of a run and the rejected dossiers (name, message), in input order."""

    def __init__(self):
        self.seen = self.evaluated = self.rejected = self.internal = 0
        self.violated = self.unknown = 0
        self.rejections: list[tuple[str, str]] = []

    def add(self, out) -> None:
        self.seen += 1
        if out.rejected:
            self.rejected += 1
            self.internal += out.internal
            self.rejections.append((out.name, out.error))
        else:
            self.evaluated += 1
            self.violated += out.violated
            self.unknown += out.unknown

    def line(self) -> str:
        internal = f" (termasuk {self.internal} karena kesalahan internal)" if self.internal else ""
        return (f"{self.seen} dosir masuk, {self.evaluated} dinilai, {self.rejected} ditolak{internal}; "
                f"{self.violated} dengan kewajiban tidak patuh")

    def exit_status(self, strict: bool = False) -> int:
        """3 a bug in aturan rejected a dossier; 2 a dossier was rejected; 1 an obligation is tidak_patuh
        (with strict: or not assessable); 0 otherwise. The worst wins."""
        if self.internal:
            return EXIT_INTERNAL
        if self.rejected:
            return EXIT_INPUT
        if self.violated or (strict and self.unknown):
            return EXIT_VIOLATION
        return EXIT_OK


def _shows_progress(quiet: bool) -> bool:
    return not quiet and getattr(sys.stderr, "isatty", lambda: False)()


def progress(total: int | None, quiet: bool = False):
    """A progress bar on stderr when it is a terminal (dossiers done, rate, rejected); None otherwise."""
    if not _shows_progress(quiet):
        return None
    try:
        from tqdm import tqdm
    except ImportError:   # pragma: no cover - tqdm is a dependency; without it the run simply shows no bar
        return None
    tqdm.monitor_interval = 0   # no monitor thread: worker processes are forked from this one
    return tqdm(total=total, desc="Memeriksa", unit=" dosir", file=sys.stderr, leave=False, mininterval=0.5,
                dynamic_ncols=True, smoothing=0.1)


def _fileno(stream) -> int:
    """The stream's file descriptor, or -1 when it has none (a stream in memory)."""
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):
        return -1


_REUSE_BELOW = 16 << 20   # a spool file larger than this (a chunk of very large dossiers) is deleted, not kept


class _JsonLines:
    """Where --format jsonl goes: the -o file (written as the lines come) or standard output. Lines arrive as
    UTF-8 bytes from the workers and are written as they are."""

    def __init__(self, args):
        self.file = None
        self._spool_fd = self._spool_path = self._out_fd = None
        self._freed = 0   # spool files handed back to the workers (named SPOOL_FREE and a number)
        self._reusable = False   # whether they may be: decided once, from what the output is (see _close_spool)
        if args.output:
            try:
                self.file = open(args.output, "wb", buffering=1 << 20)
            except OSError as e:
                raise AturanError(f"{args.output}: tidak dapat ditulis ({e.strerror})") from None
            self.stream = self.file
        else:
            sys.stdout.flush()   # whatever was printed before comes first
            self.stream = getattr(sys.stdout, "buffer", None)
            if self.stream is None:   # a text-only stream (an embedding program's): the same text
                self.stream = _TextSink(sys.stdout)

    def put(self, out) -> None:
        """The outcome's line: from a worker's spool file, or the line itself, or the rejected record."""
        if out.span is not None:
            self.splice(*out.span)
        else:
            self.write(out.line_bytes())

    def write(self, line: bytes) -> None:
        self.stream.write(line)
        self.stream.write(b"\n")

    def splice(self, path: str, offset: int, length: int) -> None:
        """Copy `length` bytes at `offset` of a worker's spool file to the output: in the kernel (os.sendfile)
        on Linux when the output is a file or a pipe, else read and written here. A spool file is deleted once
        the next one is opened (or at close)."""
        if path != self._spool_path:
            self._close_spool()
            self._spool_fd, self._spool_path = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0)), path
        src = self._spool_fd
        if self._out_fd is None:
            self._out_fd = _fileno(self.stream) if sys.platform.startswith("linux") else -1
            self._reusable = os.name != "nt" and (self._out_fd < 0 or stat.S_ISREG(os.fstat(self._out_fd).st_mode))
        if self._out_fd >= 0:
            self.stream.flush()
            start = offset
            try:
                while length:
                    sent = os.sendfile(self._out_fd, src, offset, length)
                    if sent == 0:   # pragma: no cover - the spool file is shorter than its worker said
                        raise OSError(errno.EIO, f"{path}: berkas antara terpotong")
                    offset, length = offset + sent, length - sent
                return
            except BrokenPipeError:
                raise
            except OSError:
                if offset != start:   # part of the line is out: what went wrong is the output's own fault
                    raise
                # an output sendfile cannot write to (a terminal, a file opened for appending on an older
                # kernel): copied here from now on; a real error (disk full) comes back from the write below
                self._out_fd = -1
        os.lseek(src, offset, os.SEEK_SET)
        while length:
            data = os.read(src, length)
            if not data:   # pragma: no cover - the spool file is shorter than its worker said
                raise OSError(errno.EIO, f"{path}: berkas antara terpotong")
            self.stream.write(data)
            length -= len(data)

    def _close_spool(self, last: bool = False) -> None:
        """Done with a spool file: a worker writes a later chunk over it (batch.SPOOL_FREE), or it is deleted:
        when it is large, when the run is over, on Windows (which cannot rename a file over one that is open),
        and when the output is a pipe or a socket, which sendfile fills with references to the file's pages, not
        copies: bytes its reader has yet to read would change with the file (deleted, the pages stay as they are).
        What the output is was settled at its first line (`_reusable`): a pipe stays one even if sendfile later
        gives way to copying here, as the pages of earlier lines may still be in it."""
        if self._spool_fd is not None:
            path = self._spool_path
            try:
                keep = not last and self._reusable and os.fstat(self._spool_fd).st_size <= _REUSE_BELOW
            except OSError:   # pragma: no cover - a descriptor this process holds
                keep = False
            os.close(self._spool_fd)
            self._spool_fd = self._spool_path = None
            try:
                if keep:
                    self._freed += 1
                    os.replace(path, os.path.join(os.path.dirname(path), f"{SPOOL_FREE}{self._freed}"))
                else:
                    os.unlink(path)
            except OSError:   # pragma: no cover - removed with its folder at the end anyway
                pass

    def close(self) -> None:
        self._close_spool(last=True)
        if self.file is not None:
            self.file.close()
        else:
            self.stream.flush()


class _TextSink:
    def __init__(self, stream):
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()


def _check_format(args) -> None:
    """Which formats go with which mode, said before any work is done."""
    if args.rekap:
        if args.format not in REKAP_FORMATS:
            hint = ("untuk rekap dari hasil JSON Lines, jalankan `aturan rekap HASIL.jsonl`"
                    if args.format == "jsonl" else f"pilih salah satu: {', '.join(REKAP_FORMATS)}")
            raise AturanError(f"--rekap tidak tersedia dalam format {args.format}", hint=hint)
    elif args.format == "csv":
        raise AturanError("format csv hanya untuk rekap", hint="tambahkan --rekap, atau pakai --format jsonl")
    if args.monitoring and (args.rekap or args.format in STREAM_FORMATS):
        raise AturanError("--monitoring hanya untuk laporan per desa (table, markdown, json, html, xlsx, docx)")
    if args.jobs is not None and args.jobs < 1:
        raise AturanError(f"-j {args.jobs}: jumlah proses paling sedikit 1")


def _check_output_args(args) -> None:
    """Refuse a bad -o before any work is done: binary formats need a file, a file is never overwritten silently,
    its folder must exist."""
    from .output import check_output
    from .report import BINARY_FORMATS
    if args.format in BINARY_FORMATS and not args.output:
        raise AturanError(f"format {args.format} ditulis ke berkas: tambahkan -o BERKAS.{args.format}")
    if getattr(args, "teks_html", None) and (args.format != "html" or getattr(args, "rekap", False)):
        raise AturanError("--teks-html hanya untuk laporan --format html")
    if args.output:
        check_output(args.output, args.force)


def _write(args, data) -> None:
    from .output import emit, write_output
    if args.output:
        write_output(args.output, data, force=args.force)
    else:
        emit(data)


def cmd_rekap(args) -> int:
    """`aturan rekap HASIL.jsonl...`: the rekap of results written by `check --format jsonl`."""
    import json

    from .rekap import Rekap
    from .report.rekap import render_rekap
    _check_output_args(args)
    rekap, problems = Rekap(), []
    for name in args.files:
        stream = _open_results(name)
        try:
            for n, raw in enumerate(stream, 1):
                text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
                if not text.strip():
                    continue
                try:
                    rec = json.loads(text)
                except ValueError as e:
                    problems.append(f"{name}:{n}: bukan JSON yang sah ({e})")
                    continue
                if not isinstance(rec, dict) or "rejected" not in rec or (not rec["rejected"] and "pack" not in rec):
                    problems.append(f"{name}:{n}: bukan baris hasil `aturan check --format jsonl`")
                    continue
                rekap.add(rec)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
    _write(args, render_rekap(rekap, args.format, args.top))
    for p in problems:
        print(f"aturan: {p}", file=sys.stderr)
    t = rekap.totals
    print(f"aturan: {t.dossiers} dosir dalam rekap ({t.evaluated} dinilai, {t.rejected} ditolak saat diperiksa)"
          + (f"; {len(problems)} baris tidak dapat dibaca" if problems else ""), file=sys.stderr)
    return EXIT_INPUT if problems else EXIT_OK


def _open_results(name: str):
    if name == STDIN:
        return sys.stdin.buffer
    try:
        return open(name, "rb")
    except FileNotFoundError:
        raise AturanError(f"{name}: berkas tidak ditemukan") from None
    except IsADirectoryError:
        raise AturanError(f"{name}: ini folder; sebutkan berkas hasil .jsonl") from None
    except OSError as e:
        raise AturanError(f"{name}: tidak dapat dibaca ({e.strerror})") from None
