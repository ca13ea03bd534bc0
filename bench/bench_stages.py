"""Where one JSON dossier's time goes: reading + validating, evaluating, the JSON line, each timed per dossier.

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
    from aturan.engine import evaluate
    from aturan.errors import AturanError
    from aturan.report.jsonl import line
    from aturan.session import shared_session

    files = sorted(str(p) for p in args.dir.rglob("*.json"))[::args.every]
    session = shared_session(None)
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
            rep = evaluate(pack, d)
            t2 = clock()
            line(rep)
            t3 = clock()
            if run:
                b = best.setdefault(f, [t1 - t0, t2 - t1, t3 - t2])
                b[:] = [min(b[0], t1 - t0), min(b[1], t2 - t1), min(b[2], t3 - t2)]
    n = max(1, len(best))
    load, ev, ln = (sum(b[i] for b in best.values()) / n * 1e3 for i in range(3))
    print(f"{len(best)} dosir, tercepat dari {args.runs - 1} putaran per dosir (ms CPU/dosir): baca + validasi "
          f"{load:.3f} · evaluasi (pesan, bukti) {ev:.3f} · baris JSON {ln:.3f} · jumlah {load + ev + ln:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
