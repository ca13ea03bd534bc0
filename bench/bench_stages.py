"""Where one JSON dossier's time goes: reading + validating, then the JSON line written straight from the dossier
(aturan.direct, what `aturan check --format jsonl` does), and for comparison the report's way: evaluating (messages,
evidence) and then the line. Each timed per dossier.

    python bench/bench_stages.py /tmp/b11-bench/json --every 15 --runs 7

On a shared machine the CPU seconds of a whole run vary by a third from one run to the next (other processes
take the caches and the core's other thread). Here each dossier is timed in every run and only its fastest
run counts, which filters most of that out: the figures to compare two versions of the code with, run one
after the other. The first run only warms up (packs compiled, caches filled). Dossiers the fast path rejects
are left out.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path, help="a folder of JSON dossiers (e.g. written by bench_batch.py)")
    ap.add_argument("--every", type=int, default=15, help="take every k-th file (default 15)")
    ap.add_argument("--runs", type=int, default=7, help="runs over the dossiers, the first to warm up")
    args = ap.parse_args(argv)

    from aturan.batch import Source, _load
    from aturan.direct import line as direct_line
    from aturan.engine import evaluate
    from aturan.errors import AturanError
    from aturan.report.jsonl import line
    from aturan.session import Session

    files = sorted(str(p) for p in args.dir.rglob("*.json"))[::args.every]
    session = Session(freeze=True)   # as `aturan check` makes it
    clock = time.thread_time
    best: dict[str, list[float]] = {}
    for run in range(args.runs):
        for f in files:
            t0 = clock()
            try:
                d = _load(Source(name=f, path=f))
                pack = session.pack(session.pack_for_regency(d.regency, d))
            except AturanError:
                continue
            t1 = clock()
            direct_line(pack, d)
            t2 = clock()
            rep = evaluate(pack, d)
            t3 = clock()
            line(rep)
            t4 = clock()
            if run:
                now = [t1 - t0, t2 - t1, t3 - t2, t4 - t3]
                b = best.setdefault(f, now)
                b[:] = [min(x, y) for x, y in zip(b, now)]
    n = max(1, len(best))
    load, direct, ev, ln = (sum(b[i] for b in best.values()) / n * 1e3 for i in range(4))
    print(f"{len(best)} dosir, tercepat dari {args.runs - 1} putaran per dosir (ms CPU/dosir): baca + validasi "
          f"{load:.3f} · baris JSON langsung dari dosir {direct:.3f} · jumlah {load + direct:.3f}")
    print(f"  lewat laporan, untuk perbandingan: evaluasi (pesan, bukti) {ev:.3f} · baris JSON {ln:.3f} · "
          f"jumlah {load + ev + ln:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
