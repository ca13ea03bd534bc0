"""The hostile corpus: broken or malicious inputs, each with the exit code and message a user must get.

Inputs are generated at test time (never committed as binaries). Each class of hostility lives in
its own module (`cases_*.py`) that yields `Hostile` cases; `test_hostile.py` runs them all.
A case runs the real command line in a child process, so a hang is caught by the timeout and a
crash by the absence of a traceback, exactly as a user would meet them.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Hostile:
    name: str                              # what a reader of the test report sees
    argv: tuple[str, ...]                  # arguments after `aturan`; "{dir}" is the case's folder
    exit_code: int                         # 0 ok, 1 violations, 2 unusable input, 3 internal error
    message: str = ""                      # a fragment stderr (or stdout) must contain
    files: dict[str, bytes | str] = field(default_factory=dict)   # relative path -> content
    make: Callable[[Path], None] | None = None   # for what files= cannot express (fifo, big file)
    seconds: float = 20.0                  # a hang is a failure
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    code: int | None
    out: str
    err: str
    timed_out: bool


def run(case: Hostile, tmp: Path) -> Outcome:
    for rel, content in case.files.items():
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            p.write_text(content, encoding="utf-8")
        else:
            p.write_bytes(content)
    if case.make is not None:
        case.make(tmp)
    argv = [a.replace("{dir}", str(tmp)) for a in case.argv]
    env = {**os.environ, "PYTHONIOENCODING": os.environ.get("PYTHONIOENCODING", "utf-8"), **case.env}
    try:
        p = subprocess.run([sys.executable, "-m", "aturan", *argv], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=case.seconds, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        return Outcome(None, e.stdout or "", e.stderr or "", True)
    return Outcome(p.returncode, p.stdout, p.stderr, False)


def problems(case: Hostile, o: Outcome) -> list[str]:
    """What is wrong with the outcome, in words; empty when the user got what they should."""
    out = []
    if o.timed_out:
        return [f"tidak selesai dalam {case.seconds} detik"]
    if "Traceback (most recent call last)" in o.err or "Traceback (most recent call last)" in o.out:
        out.append("traceback:\n" + o.err[-2000:])
    if o.code != case.exit_code:
        out.append(f"kode keluar {o.code}, seharusnya {case.exit_code}\nstderr: {o.err[-1500:]}")
    if case.message and case.message not in o.err and case.message not in o.out:
        out.append(f"pesan tidak memuat {case.message!r}\nstderr: {o.err[-1500:]}")
    return out
