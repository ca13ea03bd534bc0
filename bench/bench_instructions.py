"""Instructions per dossier, counted by valgrind: a figure other processes on the machine do not change.

On a shared machine the CPU seconds of the same run vary by a third (bench_stages.py says why); the number of
instructions a dossier costs does not. This runs the batch loop of `aturan check --format jsonl` in one process
(read, validate, route, evaluate, build the JSON line; no worker processes, no writing) over every k-th dossier
of a folder, once with one pass and once with two, under `valgrind --tool=callgrind`, and prints the difference
per dossier: start-up and pack compiling cancel out. Each pass starts without the findings kept from the
dossiers before (aturan.direct), so the second pass costs what the first does, reuse within the sample
included. Kernel work (reading files, allocating memory) is not counted. Needs valgrind (apt-get install
valgrind); about three minutes per tree at the default sample.

    python bench/bench_instructions.py /tmp/b11-bench/json [--every 200] [--src OTHER/src ...]

Each --src is another source tree (e.g. `git archive main | tar -x -C /tmp/main`, then /tmp/main/src) measured
the same way, so two versions of the code are compared on the same dossiers.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

LOOP = '''
import sys
from aturan.batch import Settings, Source, run
from aturan.session import Session
files = [l.rstrip("\\n") for l in open(sys.argv[1], encoding="utf-8")]
try:   # as `aturan check` makes it (packs kept out of the collector's scans)
    session = Session(freeze=True)
except TypeError:   # a tree from before that option
    session = Session()
settings = Settings(want=frozenset({"line"}))
try:   # findings kept from one dossier for the next that reads the same: each pass starts without them
    from aturan import direct
    kept = direct._known
except (ImportError, AttributeError):   # a tree from before them
    kept = None
for _ in range(int(sys.argv[2])):
    if kept is not None:
        kept.clear()
        direct._known_size[0] = 0
    for out in run([Source(name=f, path=f) for f in files], settings, jobs=1, session=session):
        pass
'''


def instructions(src: str | None, listing: str, passes: int) -> int:
    env = dict(os.environ, PYTHONMALLOC="malloc")
    if src:
        env["PYTHONPATH"] = src
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "loop.py"
        script.write_text(LOOP, encoding="utf-8")
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                               str(script), listing, str(passes)], env=env, cwd=tmp, capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not m:
        raise SystemExit(f"valgrind gagal ({done.returncode}):\n{done.stderr[-2000:]}")
    return int(m.group(1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path, help="a folder of JSON dossiers (e.g. written by bench_batch.py)")
    ap.add_argument("--every", type=int, default=200, help="take every k-th file (default 200)")
    ap.add_argument("--src", action="append", default=[], help="another source tree to measure the same way")
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in args.dir.resolve().rglob("*.json"))[::args.every]
    if not files:
        raise SystemExit(f"tidak ada dosir JSON di {args.dir}")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n".join(files) + "\n")
        listing = f.name
    try:
        for src in [None] + args.src:
            one, two = instructions(src, listing, 1), instructions(src, listing, 2)
            print(f"{src or 'pohon ini'}: {(two - one) / len(files) / 1e6:.2f} juta instruksi per dosir "
                  f"({len(files)} dosir, setiap {args.every})")
    finally:
        os.unlink(listing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
