"""Scorecard speed and memory: a regency's year of monitoring (villages x targets x 12 months) from CSV and XLSX.

    python bench/bench_scorecard.py                 # 300 villages x 60 targets x 12 months = 216,000 records
    python bench/bench_scorecard.py --villages 50   # smaller

Generates the CSVs (one per form: 20 ibu hamil, 30 anak 0-23 bulan, 10 anak 2-6 tahun per village)
in a temporary folder and the same rows as XLSX workbooks written two ways: as OpenSID writes them
(OpenSpout: every text an inline string) and as Excel or LibreOffice save them (text in the shared-string
table), byte by byte with tests/xlsx_raw.py. Then times `compute()` (reading, checking, scoring every
village for the year and the four quarters) on the CSVs and on both kinds of workbook read with
python-calamine (and the inline ones with openpyxl's read-only mode), against a bare csv.DictReader pass
over the CSVs (the floor any reader pays), all in this one process; then peak memory with tracemalloc.

Under each XLSX figure it prints where the time goes: python-calamine alone (the floor of an XLSX read
with it), aturan's archive and sheet-extent checks, what is left for checking and scoring the rows, and
one regular-expression pass over the inflated sheet XML (the floor of any XLSX reader written in Python:
it finds each cell's reference, attributes and text, and converts nothing). Every scorecard computed is
reduced to one digest, which must be the same for CSV and XLSX and is printed to compare runs of two
versions of the code. The load average is printed at the start and the end: on a machine shared with
other jobs the CPU time of this process is the figure to read.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import hashlib
import os
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from aturan.scorecard.compute import compute  # noqa: E402
from aturan.scorecard.indicators import load_indicators  # noqa: E402
from aturan.scorecard.readers import template_columns  # noqa: E402

YEAR = 2024


def generate(folder: Path, villages: int, per_form: dict[str, int], seed: int = 7) -> tuple[list[str], int]:
    rnd = random.Random(seed)
    ind = load_indicators()
    files, total = [], 0
    for form, n in per_form.items():
        cols = template_columns(ind, form)
        path = folder / f"pemantauan_{form}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["kecamatan"] + cols)
            for v in range(villages):
                desa, kec = f"Desa {v + 1:03d}", f"Kecamatan {v % 15 + 1}"
                for t in range(n):
                    reg = f"{v + 1:03d}-{form}-{t + 1:02d}"
                    facts = _facts(rnd, form)
                    for month in range(1, 13):
                        row = _row(rnd, form, cols, facts, month)
                        row.update(desa=desa, tahun=YEAR, bulan=month, no_register=reg, nama=f"Sasaran {reg}",
                                   rumah_tangga=f"RT{v + 1:03d}-{t % 40:02d}")
                        w.writerow([kec] + [row.get(c, "") for c in cols])
                        total += 1
        files.append(str(path))
    return files, total


def _facts(rnd, form):
    if form == "2a":
        due = dt.date(YEAR, 1, 1) + dt.timedelta(days=rnd.randrange(30, 330))
        return {"due": due, "kek": rnd.random() < 0.2}
    if form == "2b":
        born = dt.date(YEAR - 1, rnd.randrange(2, 13), rnd.randrange(1, 28))
        return {"born": born, "gizi": rnd.random() < 0.15}
    return {"born": dt.date(YEAR - rnd.randrange(3, 6), rnd.randrange(1, 13), rnd.randrange(1, 28))}


def _row(rnd, form, cols, f, month):
    mark = lambda p: "Y" if rnd.random() < p else "T"  # noqa: E731
    row = {}
    if form == "2a":
        delivered = f["due"] if f["due"].month <= month else None
        row.update(status_kehamilan="kek" if f["kek"] else "normal", hpl=f["due"].isoformat(),
                   usia_kehamilan=max(0, 9 - (f["due"].month - month)) if not delivered else "",
                   tanggal_melahirkan=delivered.isoformat() if delivered else "")
    else:
        row.update(jenis_kelamin=rnd.choice("LP"), tanggal_lahir=f["born"].isoformat())
        if form == "2b":
            row.update(status_gizi="stunting" if f["gizi"] else "normal", hasil_tikar=rnd.choice("HHHKM"))
    for c in cols[6 + (4 if form == "2a" else 5 if form == "2b" else 3):]:
        row[c] = mark(0.8)
    return row


def to_xlsx(files: list[str], folder: Path, shared: bool) -> list[str]:
    """The same rows as workbooks (one sheet per form), numbers as numbers, dates as text as KPM type them:
    inline strings as OpenSID's OpenSpout writes them, or the shared-string table as Excel saves them."""
    from xlsx_raw import write_xlsx
    out = []
    for f in files:
        with open(f, newline="", encoding="utf-8") as fh:
            rows = [row if i == 0 else [int(c) if c.isdigit() else (c or None) for c in row]
                    for i, row in enumerate(csv.reader(fh))]
        path = folder / (Path(f).stem + ("_excel" if shared else "_opensid") + ".xlsx")
        write_xlsx(path, {Path(f).stem: rows}, shared=shared)
        out.append(str(path))
    return out


def digest(res) -> str:
    """Every figure of every village's scorecard (year and quarters, indicators, Formulir 1) as one short hash."""
    parts = []
    for v in res.villages:
        for key, p in v.periods.items():
            parts.append((v.kecamatan, v.desa, key, p.rumah_tangga, p.ibu_hamil, p.kek_resti, p.anak_0_23,
                          p.gizi_bermasalah, p.anak_2_6, sorted(p.tikar.items(), key=str),
                          [(i.indicator.id, i.received, i.not_applicable, i.targets) for i in p.indicators],
                          [(g.group.id, g.received, g.expected) for g in p.groups],
                          p.formulir1.as_dict() if p.formulir1 else None))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def timed(files: list[str], n: int, expect: str | None = None, **kw) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process): on a busy machine the second is the steadier figure."""
    t0, c0 = time.perf_counter(), time.process_time()
    res = compute(files, **kw)
    t, c = time.perf_counter() - t0, time.process_time() - c0
    assert not res.errors and not res.rejections, (res.errors, res.rejections[:3])
    assert res.records_used == n
    assert expect is None or digest(res) == expect, "the workbooks gave other scorecards than the CSVs"
    return t, c


def rate(n: int, t: tuple[float, float]) -> str:
    return f"{t[0]:.2f} s, {n / t[0]:,.0f} records/s (CPU {t[1]:.2f} s, {n / t[1]:,.0f} records/s)"


CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
from aturan.scorecard.compute import compute
compute(sys.argv[2:])          # warm, as the run measured here is
t, c = time.perf_counter(), time.process_time()
r = compute(sys.argv[2:])
print(time.perf_counter() - t, time.process_time() - c, r.records_used)
"""


def other_tree(src: str, files: list[str], n: int) -> tuple[float, float]:
    """compute() of another source tree on the same files, in a fresh interpreter (wall, CPU)."""
    import subprocess
    out = subprocess.run([sys.executable, "-c", CHILD, src, *files], capture_output=True, text=True, check=True)
    wall, cpu, used = out.stdout.split()
    assert int(used) == n, out.stdout
    return float(wall), float(cpu)


def bare_read(files: list[str]) -> int:
    """The floor: read every row with csv.DictReader and parse its month and dates, nothing else."""
    n = 0
    for f in files:
        with open(f, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                int(row["bulan"])
                for c in ("hpl", "tanggal_lahir", "tanggal_melahirkan"):
                    if row.get(c):
                        dt.date.fromisoformat(row[c])
                n += 1
    return n


def calamine_alone(books: list[str]) -> int:
    """The XLSX floor: python-calamine opens each workbook, parses each sheet and hands over its rows, nothing else."""
    import python_calamine as pc
    n = 0
    for b in books:
        wb = pc.CalamineWorkbook.from_path(b)
        for name in wb.sheet_names:
            for _ in wb.get_sheet_by_name(name).iter_rows():
                n += 1
        wb.close()
    return n - len(books)          # one header row per workbook


def archive_checks(books: list[str]) -> None:
    """What aturan does before calamine reads a workbook: archive members, zip-bomb ratios, each sheet's real extent."""
    from aturan.scorecard.readers.files import Limits, check_file, open_archive, scan_sheet, sheet_members
    limits = Limits.current()
    for b in books:
        p = Path(b)
        check_file(b, limits)
        zf = open_archive(p, limits)
        for name, member in sheet_members(zf, p):
            scan_sheet(zf, name, member, limits, p)
        zf.close()


_CELL = re.compile(rb'<c r="([A-Z]{1,3})\d{1,7}"([^>]*)>(?:<is>)?<[vt][^>]*>([^<]*)<')


def regex_pass(books: list[str]) -> int:
    """The floor of an XLSX reader written in Python: inflate each sheet 4 MB at a time and find every
    cell's column, attributes and text with one C-level regular-expression pass, converting nothing (no
    numbers, no shared strings, no entities, no rows). Measured, not used: see docs/scorecard.md."""
    import zipfile
    n = 0
    for b in books:
        with zipfile.ZipFile(b) as zf:
            for name in zf.namelist():
                if not name.startswith("xl/worksheets/"):
                    continue
                tail = b""
                with zf.open(name) as fh:
                    while True:
                        chunk = fh.read(1 << 22)
                        data = tail + chunk
                        cut = data.rfind(b"</row>") + 6 if chunk else len(data)
                        n += len(_CELL.findall(data[:cut]))
                        tail = data[cut:]
                        if not chunk:
                            break
    return n


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def cpu(fn, *args) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--villages", type=int, default=300)
    ap.add_argument("--skip-openpyxl", action="store_true", help="leave out the (slow) openpyxl read-only run")
    ap.add_argument("--baseline-src", metavar="DIR",
                    help="another checkout's src/ (e.g. of main): its compute() on the same CSVs, for 'no slower than before'")
    ap.add_argument("--out", metavar="DIR", help="write the CSVs and workbooks into DIR and keep them (e.g. for callgrind)")
    args = ap.parse_args()
    per_form = {"2a": 20, "2b": 30, "2c": 10}
    with (contextlib.nullcontext(args.out) if args.out else tempfile.TemporaryDirectory()) as tmp:
        Path(tmp).mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        files, n = generate(Path(tmp), args.villages, per_form)
        t1 = time.perf_counter()
        size = sum(Path(f).stat().st_size for f in files)
        print(load())
        print(f"generated {n:,} records ({args.villages} villages x {sum(per_form.values())} targets x 12 months), "
              f"{size / 1e6:.1f} MB CSV in {t1 - t0:.1f} s")
        res = compute(files)
        assert not res.errors and not res.rejections, (res.errors, res.rejections[:3])
        assert res.records_used == n and len(res.villages) == args.villages
        tcsv = timed(files, n)
        print(f"compute, CSV: {rate(n, tcsv)} ({len(res.villages)} villages scored for the year and 4 quarters)")
        if args.baseline_src:
            print(f"compute, CSV, {args.baseline_src}: {rate(n, other_tree(args.baseline_src, files, n))}")
        b0, c0 = time.perf_counter(), time.process_time()
        assert bare_read(files) == n
        tb = (time.perf_counter() - b0, time.process_time() - c0)
        print(f"baseline, same process: csv.DictReader + date parsing only: {rate(n, tb)}; "
              f"compute = {tcsv[1] / tb[1]:.1f}x the bare read (CPU)")
        expect = digest(res)
        print(f"scorecard digest (CSV): {expect}")
        best = 0.0
        kinds = {}
        for label, shared in (("as OpenSID writes them: inline strings", False),
                              ("as Excel saves them: shared strings", True)):
            g0 = time.perf_counter()
            books = to_xlsx(files, Path(tmp), shared)
            kinds[shared] = books
            print(f"XLSX {label}: {len(books)} workbooks, "
                  f"{sum(Path(b).stat().st_size for b in books) / 1e6:.1f} MB, written in {time.perf_counter() - g0:.1f} s")
            tc = timed(books, n, expect, engine="calamine")
            best = max(best, n / tc[0])
            print(f"  compute, read with python-calamine: {rate(n, tc)}; {tc[1] / tcsv[1]:.2f}x the CSV CPU time; "
                  "same scorecards as CSV")
            if args.baseline_src:
                print(f"  compute, {args.baseline_src}: {rate(n, other_tree(args.baseline_src, books, n))}")
            tf = cpu(calamine_alone, books)
            ta = cpu(archive_checks, books)
            tr = cpu(regex_pass, books)
            print(f"    of which python-calamine alone (parse every sheet, hand over its rows): {rate(n, tf)}")
            print(f"    and aturan's archive and sheet-extent checks before calamine reads: {rate(n, ta)}")
            print(f"    leaving {tc[1] - tf[1] - ta[1]:.2f} s CPU for checking and scoring the rows "
                  f"(CSV: {tcsv[1] - tb[1]:.2f} s beyond the bare read)")
            print(f"    for comparison, one regex pass over the inflated sheet XML (the floor of a reader in "
                  f"Python, converting nothing): {rate(n, tr)}")
        print(f"target 50,000 XLSX records/s: {'reached' if best >= 50_000 else 'NOT reached'} "
              f"(best {best:,.0f}/s wall); {load()}")
        books = kinds[False]
        if not args.skip_openpyxl:
            to = timed(books, n, expect, engine="openpyxl")
            tc = timed(books, n, expect, engine="calamine")
            print(f"compute, XLSX (inline strings) read with openpyxl read-only: {rate(n, to)}; {to[1] / tcsv[1]:.2f}x "
                  f"the CSV CPU time; calamine is {to[1] / tc[1]:.1f}x faster")
        tracemalloc.start()
        compute(files)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        targets = args.villages * sum(per_form.values())
        print(f"peak traced memory during compute (CSV): {peak / 1e6:.1f} MB "
              f"({peak / targets:,.0f} bytes per target; the CSVs are {size / 1e6:.1f} MB)")
        for engine in ("calamine",) if args.skip_openpyxl else ("calamine", "openpyxl"):
            tracemalloc.start()
            compute(books, engine=engine)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"peak traced memory during compute (XLSX, {engine}): {peak / 1e6:.1f} MB "
                  "(python-calamine's own sheet buffer is outside Python's allocator: see max RSS)")
        print(f"max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        print(load())
        sample = res.villages[0].periods["tahun"]
        print(f"sample: {res.villages[0].name} tingkat konvergensi {sample.total_percent:.2f}%")


if __name__ == "__main__":
    main()
