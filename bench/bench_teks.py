"""Benchmark: the regulation texts (aturan.teks) of the four packs.

Per text: parsing (the Lark grammar is built once per process, reported apart), `teks lint`, and what the
text adds to `pack lint` (quote anchoring and traceability against the text): `pack lint` is run as
shipped, and the time of its text step is measured inside the same runs, with its share of the whole
(the rest of pack lint is the baseline). Medians of --repeat runs; the parsed text is cached per file and mtime, so within one
`pack lint` run the text is parsed once (included in the first run, not in the median).

    python bench/bench_teks.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from aturan.authoring import lint as pack_lint
from aturan.cli import Session
from aturan.teks import parser as teks_parser
from aturan.teks import text_path
from aturan.teks.lint import lint_naskah

ROOT = Path(__file__).resolve().parents[1]
PACKS = ("oku_selatan", "sorong", "sijunjung", "tual")


def best(fn, repeat: int) -> float:
    """The median of REPEAT runs, in seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    t = time.perf_counter()
    teks_parser.parse_text("Pasal 1\nSatu.\n")
    print(f"grammar built once per process: {time.perf_counter() - t:.2f} s")

    session = Session(SimpleNamespace(rules=str(ROOT / "rules")))
    with_text = pack_lint._text
    print(f"{'pack':<12} {'lines':>6} {'parse s':>8} {'lint 1st s':>10} {'lint s':>7} {'cacat':>6} {'pack lint s':>12} "
          f"{'of it text s':>12} {'share':>6}")
    for pid in PACKS:
        raw = text_path(ROOT / "rules" / pid).read_text(encoding="utf-8")
        naskah = teks_parser.parse_text(raw, pid)
        parse = best(lambda: teks_parser.parse_text(raw, pid), args.repeat)
        t = time.perf_counter()
        found = lint_naskah(naskah)
        first = time.perf_counter() - t                 # word caches cold for this text
        lint = best(lambda: lint_naskah(naskah), args.repeat)
        spent = []

        def timed_text(*a, **k):
            t = time.perf_counter()
            with_text(*a, **k)
            spent.append(time.perf_counter() - t)

        pack_lint._text = timed_text
        try:
            full = best(lambda: pack_lint.lint_pack(pid, session), args.repeat)
        finally:
            pack_lint._text = with_text
        text_step = statistics.median(spent)
        print(f"{pid:<12} {raw.count(chr(10)):>6} {parse:>8.3f} {first:>10.3f} {lint:>7.3f} {len(found):>6} "
              f"{full:>12.3f} {text_step:>12.3f} {text_step / full:>6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
