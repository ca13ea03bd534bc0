"""The hostile corpus: broken or malicious inputs, each with the exit code and message a user must get.

Inputs are generated at test time (never committed as binaries). Each class of hostility lives in
its own module (`cases_*.py`) that yields `Hostile` cases; `test_hostile.py` runs them all.

A case runs the real command line, `aturan.cli.main(argv)`, exactly as a user meets it: no traceback,
the documented exit code, a message naming the problem, and no hang.

Where it runs. Most cases run in this process, with stdout/stderr captured and a timer (SIGALRM)
that interrupts a hang: starting Python and importing aturan costs ~0.4 s per child process, which
for ~150 cases would add a minute to the suite. Cases that could block in the kernel, eat memory or
loop in C (a named pipe, /dev/zero, a billion-laughs file, a 100,000-level nesting, a huge file)
say `child=True` and run `python -m aturan` in a child process with a timeout, so that even a
regression cannot take the test run down with it. ATURAN_HOSTILE_CHILD=1 runs every case in a
child process (slower; the same verdicts).
"""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import traceback
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Hostile:
    name: str                              # what a reader of the test report sees
    argv: tuple[str, ...]                  # arguments after `aturan`; "{dir}" is the case's folder
    exit_code: int                         # 0 ok, 1 violations, 2 unusable input, 3 internal error
    message: str | tuple[str, ...] = ""    # fragment(s) stderr or stdout must contain
    files: dict[str, bytes | str] = field(default_factory=dict)   # relative path -> content
    make: Callable[[Path], None] | None = None   # for what files= cannot express (fifo, big file)
    seconds: float = 20.0                  # a hang is a failure
    env: dict[str, str] = field(default_factory=dict)
    child: bool = False                    # run in a child process (may block, hang or eat memory)
    json_out: bool = False                 # stdout must be valid JSON (NaN and Infinity are not)


@dataclass
class Outcome:
    code: int | None
    out: str
    err: str
    timed_out: bool


def prepare(case: Hostile, tmp: Path) -> list[str]:
    for rel, content in case.files.items():
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            p.write_text(content, encoding="utf-8")
        else:
            p.write_bytes(content)
    if case.make is not None:
        case.make(tmp)
    return [a.replace("{dir}", str(tmp)) for a in case.argv]


def run(case: Hostile, tmp: Path) -> Outcome:
    argv = prepare(case, tmp)
    if case.child or os.environ.get("ATURAN_HOSTILE_CHILD") or not hasattr(signal, "setitimer"):
        return run_child(case, argv)
    return run_here(case, argv)


def run_child(case: Hostile, argv: list[str]) -> Outcome:
    env = {**os.environ, "PYTHONIOENCODING": os.environ.get("PYTHONIOENCODING", "utf-8"), **case.env}
    try:
        p = subprocess.run([sys.executable, "-m", "aturan", *argv], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=case.seconds, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        return Outcome(None, _text(e.stdout), _text(e.stderr), True)
    return Outcome(p.returncode, p.stdout, p.stderr, False)


def _text(b) -> str:
    return b.decode("utf-8", "replace") if isinstance(b, bytes) else (b or "")


class _Hang(BaseException):
    """Raised by the timer; a BaseException so that no `except Exception` in aturan can swallow it."""


@contextmanager
def _timer(seconds: float):
    def ring(signum, frame):
        raise _Hang()
    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_here(case: Hostile, argv: list[str]) -> Outcome:
    from aturan.cli import main
    out, err = io.StringIO(), io.StringIO()
    cwd, env = os.getcwd(), dict(os.environ)
    code, timed_out = None, False
    try:
        os.chdir(ROOT)
        os.environ.update(case.env)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                with _timer(case.seconds):
                    code = main(argv)
            except _Hang:
                timed_out = True
            except SystemExit as e:           # main() never lets one out; if it did, the shell would see this
                code = e.code if isinstance(e.code, int) else 1
            except BaseException:             # what the user would see as a traceback
                err.write(traceback.format_exc())
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
    return Outcome(code, out.getvalue(), err.getvalue(), timed_out)


def problems(case: Hostile, o: Outcome) -> list[str]:
    """What is wrong with the outcome, in words; empty when the user got what they should."""
    out = []
    if o.timed_out:
        return [f"tidak selesai dalam {case.seconds} detik"]
    if "Traceback (most recent call last)" in o.err or "Traceback (most recent call last)" in o.out:
        out.append("traceback:\n" + o.err[-2000:])
    if o.code != case.exit_code:
        out.append(f"kode keluar {o.code}, seharusnya {case.exit_code}\nstderr: {o.err[-1500:]}\nstdout: {o.out[-800:]}")
    for fragment in (case.message,) if isinstance(case.message, str) else case.message:
        if fragment and fragment not in o.err and fragment not in o.out:
            out.append(f"pesan tidak memuat {fragment!r}\nstderr: {o.err[-1500:]}\nstdout: {o.out[-1500:]}")
    if case.json_out:
        try:
            json.loads(o.out, parse_constant=_no_constant)
        except ValueError as e:
            out.append(f"keluaran bukan JSON yang sah: {e}\nstdout: {o.out[:500]}")
    return out


def _no_constant(name: str):
    raise ValueError(f"{name} bukan JSON")
