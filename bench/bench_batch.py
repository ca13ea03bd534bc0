"""Benchmark: every village unit of Indonesia (83,762) checked end to end, against the floors measured in the same run.

Generates 83,762 varied dossiers over the four packs, as YAML and as JSON files (about 0.5% of them broken), then:

* end to end: `aturan check DIR --format jsonl -o FILE` (findings with messages and evidence) with -j 1 and -j 2,
  wall clock, CPU seconds and peak memory (the sum over the process and its workers, sampled from /proc);
* the floors, in this process on one core: reading and parsing every file with no evaluation (json.loads;
  yaml.load with the C loader), and 53 hand-written checks of the kinds the packs make on the parsed dicts;
* the validators on the same dossiers: jsonschema, jsonschema-rs, fastjsonschema;
* the ratios of end-to-end time to each floor.

    python bench/bench_batch.py [--dossiers 83762] [--dir /tmp/aturan-bench] [--skip-yaml] [--seed 11]

The data is generated once per (--dossiers, --seed) and kept in --dir (about 1 GB); JSON Lines outputs are deleted
after each run, and each run starts after os.sync(): the gigabytes the run before wrote are on the disk, not still
being written while this one is timed. Targets (2 cores): JSON end to end under 60 s with -j 2; YAML within 1.5x
of the C-loader parse floor; end to end within 3x of parse + hand-written evaluation; peak memory under 500 MB
and flat.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_engine import LADDER, PAKET as PAKET_LAYANAN, Missing, _get as g  # noqa: E402  (same helpers, same ladder)

ROOT = Path(__file__).resolve().parents[1]

# Village units by kind (Kemendagri: 75,266 desa and 8,496 kelurahan; the desa include the kampung of Papua,
# the nagari of Sumatera Barat and the ohoi of the Kei islands, approximately as below), and the pack that
# governs each kind here.
UNITS = [  # (pack, jenis, count, example files, province.regency code)
    ("oku_selatan", "desa", 66_726, ("patuh", "melanggar"), "16.09"),
    ("sorong", "kampung", 7_300, ("patuh", "melanggar"), "92.01"),
    ("sijunjung", "nagari", 1_000, ("patuh", "melanggar"), "13.03"),
    ("sijunjung", "desa", 40, ("desa_patuh",), "13.03"),
    ("tual", "ohoi", 200, ("ohoi_patuh",), "81.72"),
    ("tual", "kelurahan", 8_496, ("patuh", "melanggar"), "81.72"),
]
TOTAL = sum(u[2] for u in UNITS)          # 83,762
BROKEN_SHARE = 0.005
VILLAGES_PER_KECAMATAN = 12               # 83,762 units in about 7,200 kecamatan
EDU = ["sd", "smp", "mts", "sma", "smk", "slta", "d3", "s1"]


# ------------------------------------------------------------------ data
def _base(pack: str, name: str) -> dict:
    data = yaml.load((ROOT / "rules" / pack / "contoh" / f"{name}.yaml").read_text(encoding="utf-8"),
                     Loader=yaml.CSafeLoader)
    return json.loads(json.dumps(data, default=str))     # dates as ISO text, as a JSON file holds them


def vary(base: dict, rnd: random.Random, i: int, jenis: str, code: str, kec: int) -> dict:
    """A copy of an example with its identity, KPM roster, dates and lists changed and some facts left out."""
    d = json.loads(json.dumps(base))
    ident = d["identitas"]
    ident.update(nama=f"{jenis.title()} Uji {i}", kecamatan=f"Kecamatan Uji {kec}", tahun=2024,
                 tanggal_data=f"2025-0{rnd.randint(1, 3)}-{rnd.randint(10, 28)}",
                 kode_wilayah=f"{code}.{kec % 100:02d}.{(1 if jenis == 'kelurahan' else 2)}{i % 1000:03d}")
    if d.get("kpm"):
        kpm = []
        for j in range(rnd.randint(1, 6)):
            k = json.loads(json.dumps(rnd.choice(d["kpm"])))
            k["nama"] = f"KPM {i}-{j}"
            k["pendidikan"] = rnd.choice(EDU)
            if rnd.random() < 0.05:
                k.pop("pendidikan")                       # a fact nobody wrote down
            if rnd.random() < 0.05:
                k.pop("pelatihan_dasar", None)
            kpm.append(k)
        d["kpm"] = kpm
    plan = d.get("perencanaan")
    if isinstance(plan, dict):
        if rnd.random() < 0.2 and isinstance(plan.get("rembuk_stunting"), dict):
            plan["rembuk_stunting"]["tanggal"] = f"2024-{rnd.randint(1, 12):02d}-15"
        for stage in list(plan):
            if rnd.random() < 0.04:
                plan.pop(stage)
    pem = d.get("pemantauan")
    if isinstance(pem, dict):
        for key in ("rapat_evaluasi", "bulanan", "rembuk_pengawasan"):
            if isinstance(pem.get(key), list) and rnd.random() < 0.3:
                pem[key] = rnd.sample(pem[key], k=rnd.randint(0, len(pem[key])))
    if isinstance(d.get("rkp"), dict) and d["rkp"].get("paket_layanan") and rnd.random() < 0.2:
        d["rkp"]["paket_layanan"] = d["rkp"]["paket_layanan"][:-1]
    for key in [k for k in d if k != "identitas"]:
        if rnd.random() < 0.03:
            d.pop(key)                                    # a whole section not supplied
    return d


BREAKS = ("sintaks", "tipe", "tanggal", "bidang", "kabupaten")


def breaking(d: dict, how: str) -> dict:
    """A broken dossier of one of five kinds (the syntax error is made in the text, see write_pair)."""
    if how == "tipe":
        d["identitas"]["tahun"] = "dua ribu dua puluh empat"
    elif how == "tanggal":
        d["identitas"]["tanggal_data"] = "2025-02-30"
    elif how == "bidang":
        d["identitas"]["kepala_desa"] = "Bapak Uji"
    elif how == "kabupaten":
        d["identitas"]["kabupaten"] = "Kabupaten Tidak Ada"
    return d


def write_pair(root: Path, rel: str, d: dict, syntax_error: bool, formats=("yaml", "json")) -> None:
    for fmt in formats:
        p = root / fmt / f"{rel}.{fmt}"
        p.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "json":
            text = json.dumps(d, ensure_ascii=False)
            if syntax_error:
                text = text[: len(text) // 2]             # cut off, as a failed copy leaves it
        else:
            text = yaml.dump(d, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=100)
            if syntax_error:
                text = text.replace("\nkpm:", "\nkpm: [", 1) if "\nkpm:" in text else text + "\nx: [\n"
        p.write_text(text, encoding="utf-8")


def generate(root: Path, n: int, seed: int, yaml_n: int | None = None) -> dict:
    """Write n dossiers (scaled from UNITS) as json/ below root, and every k-th of them also as yaml/ so that
    there are about yaml_n (default: all); reuse them if already there. Writing YAML costs about 7 ms a
    dossier, which is why a quick run may ask for fewer."""
    manifest = root / "manifest.json"
    yaml_n = n if yaml_n is None else min(n, yaml_n)
    every = max(1, round(n / yaml_n)) if yaml_n else 0
    want = {"n": n, "seed": seed, "yaml_every": every, "version": 3}
    if manifest.exists() and json.loads(manifest.read_text())["want"] == want:
        return json.loads(manifest.read_text())
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    rnd = random.Random(seed)
    bases = {(pack, name): _base(pack, name) for pack, _, _, names, _ in UNITS for name in names}
    counts, broken, i, yaml_count = {}, 0, 0, 0
    t = time.perf_counter()
    for pack, jenis, count, names, code in UNITS:
        share = max(1, round(count * n / TOTAL))
        for j in range(share):
            kec = j // VILLAGES_PER_KECAMATAN + 1
            d = vary(bases[(pack, rnd.choice(names))], rnd, i, jenis, code, kec)
            how = BREAKS[broken % len(BREAKS)] if rnd.random() < BROKEN_SHARE else None
            if how:
                breaking(d, how)
                broken += 1
            formats = ("yaml", "json") if every and i % every == 0 else ("json",)
            write_pair(root, f"{pack}/kec{kec:04d}/{jenis}_{i:06d}", d, how == "sintaks", formats)
            yaml_count += len(formats) == 2
            i += 1
        counts[f"{pack}/{jenis}"] = share
    info = {"want": want, "dossiers": i, "yaml": yaml_count, "broken": broken, "per_unit": counts,
            "seconds": round(time.perf_counter() - t, 1)}
    manifest.write_text(json.dumps(info, indent=1))
    return info


def files(root: Path, fmt: str) -> list[Path]:
    return sorted((root / fmt).rglob(f"*.{fmt}"))


# ------------------------------------------------------------------ the 53 hand-written checks
def each(d, key, field):
    items = g(d, key)
    if not isinstance(items, list):
        raise Missing(key)
    out = []
    for x in items:
        if not isinstance(x, dict) or field not in x:
            raise Missing(f"{key}[].{field}")
        out.append(x[field])
    return out


RANK = LADDER
PAKET = set(PAKET_LAYANAN)


def quarters(dates, year: int) -> set:
    return {(int(t[5:7]) + 2) // 3 for t in dates if isinstance(t, str) and t[:4] == str(year)}


HAND = [   # the kinds of checks the packs make, written out in plain Python on the parsed dicts (ISO dates as text)
    lambda d: all(each(d, "kpm", "warga_setempat")),
    lambda d: all(each(d, "kpm", "bahasa_daerah")),
    lambda d: all(each(d, "kpm", "komunikasi_baik")),
    lambda d: all(RANK[x] >= 2 for x in each(d, "kpm", "pendidikan")),
    lambda d: all(RANK[x] >= 3 for x in each(d, "kpm", "pendidikan")),
    lambda d: all(len(x) >= 1 for x in each(d, "kpm", "pengalaman_kader")),
    lambda d: all(any(p.get("tahun", 0) >= 2 for p in x) for x in each(d, "kpm", "pengalaman_kader")),
    lambda d: all(p.get("cara") == "musyawarah" for p in each(d, "kpm", "penetapan") if isinstance(p, dict)),
    lambda d: all(isinstance(p, dict) and "keputusan" in p for p in each(d, "kpm", "penetapan")),
    lambda d: all(p["tanggal"] < m for p, m in zip(each(d, "kpm", "pelatihan_dasar"), each(d, "kpm", "mulai_bertugas"))
                  if isinstance(p, dict)),
    lambda d: all(len(p.get("materi", [])) >= 4 for p in each(d, "kpm", "pelatihan_dasar") if isinstance(p, dict)),
    lambda d: all(isinstance(x, dict) for x in each(d, "kpm", "insentif")),
    lambda d: all(x.get("ditetapkan_musyawarah") for x in each(d, "kpm", "insentif") if isinstance(x, dict)),
    lambda d: len(g(d, "kpm")) >= 1,
    lambda d: set(g(d, "wilayah", "dusun")) <= set(each(d, "kpm", "dusun")),
    lambda d: isinstance(g(d, "rumah_sehat", "musyawarah_pembentukan"), dict),
    lambda d: isinstance(g(d, "rumah_sehat", "keputusan"), dict),
    lambda d: len(g(d, "rumah_sehat", "pengurus_harian")) >= 1,
    lambda d: any(p["tanggal"][:4] == str(g(d, "identitas", "tahun")) for p in g(d, "rumah_sehat", "publikasi_kegiatan")),
    lambda d: "kpm" in g(d, "rumah_sehat", "anggota"),
    lambda d: g(d, "perencanaan", "pemetaan_sosial", "tanggal") < g(d, "perencanaan", "rembuk_stunting", "tanggal"),
    lambda d: set(g(d, "wilayah", "dusun")) <= set(g(d, "perencanaan", "pemetaan_sosial", "wilayah")),
    lambda d: "kpm" in g(d, "perencanaan", "pemetaan_sosial", "pelaksana"),
    lambda d: g(d, "perencanaan", "pemetaan_sosial", "tanggal") <= g(d, "perencanaan", "diskusi_kelompok", "tanggal"),
    lambda d: len(g(d, "perencanaan", "diskusi_kelompok", "materi")) >= 4,
    lambda d: g(d, "perencanaan", "diskusi_kelompok", "tanggal") <= g(d, "perencanaan", "diskusi_antar_unit", "tanggal"),
    lambda d: g(d, "perencanaan", "diskusi_antar_unit", "tanggal") < g(d, "perencanaan", "rembuk_stunting", "tanggal"),
    lambda d: g(d, "perencanaan", "rembuk_stunting", "penyelenggara") == "rumah_sehat",
    lambda d: g(d, "perencanaan", "rembuk_stunting", "tanggal") < g(d, "perencanaan", "musyawarah_perencanaan", "tanggal"),
    lambda d: {"rumah_sehat", "masyarakat", "kepala"} <= set(g(d, "perencanaan", "rembuk_stunting", "berita_acara",
                                                              "penandatangan")),
    lambda d: "badan_permusyawaratan" in g(d, "perencanaan", "rembuk_stunting", "peserta"),
    lambda d: len(g(d, "perencanaan", "kampanye")) >= 1,
    lambda d: isinstance(g(d, "perencanaan", "advokasi"), dict),
    lambda d: isinstance(g(d, "perencanaan", "musyawarah_perencanaan"), dict),
    lambda d: g(d, "rkp", "memuat_stunting") is True,
    lambda d: PAKET <= set(g(d, "rkp", "paket_layanan")),
    lambda d: g(d, "rkp", "terkonvergensi_daerah") is True,
    lambda d: len(g(d, "apb", "kegiatan_stunting")) >= 1,
    lambda d: PAKET <= set(each(d["apb"] if isinstance(d.get("apb"), dict) else {}, "kegiatan_stunting", "paket")),
    lambda d: any(s == "dana_desa" for s in each(d["apb"] if isinstance(d.get("apb"), dict) else {},
                                                 "kegiatan_stunting", "sumber")),
    lambda d: all(k.get("pelaksana") == "penyedia_layanan" for k in g(d, "apb", "kegiatan_stunting")
                  if not k.get("sarana_prasarana")),
    lambda d: len(g(d, "apb", "insentif_kpm")) >= 1,
    lambda d: isinstance(g(d, "apb", "evaluasi_camat"), dict),
    lambda d: {b["bulan"] for b in g(d, "pemantauan", "bulanan")} >= set(range(1, 13)),
    lambda d: quarters(each(d["pemantauan"] if isinstance(d.get("pemantauan"), dict) else {}, "rapat_evaluasi",
                            "tanggal"), g(d, "identitas", "tahun")) >= {1, 2, 3, 4},
    lambda d: all(r.get("dipimpin_oleh") == "kepala" for r in g(d, "pemantauan", "rapat_evaluasi")),
    lambda d: all(r.get("penyelenggara") == "kpm" for r in g(d, "pemantauan", "rapat_evaluasi")),
    lambda d: quarters([r["tanggal"] for r in g(d, "pemantauan", "rembuk_pengawasan")],
                       g(d, "identitas", "tahun")) >= {1, 2, 3, 4},
    lambda d: g(d, "pemantauan", "papan_informasi") is True,
    lambda d: any(m["tanggal"][5:7] == "12" for m in g(d, "musyawarah_pertanggungjawaban")),
    lambda d: len(g(d, "musyawarah_pertanggungjawaban")) >= 2,
    lambda d: g(d, "laporan_tahunan", "tanggal")[:7] == f"{g(d, 'identitas', 'tahun') + 1}-01",
    lambda d: {"jumlah_ibu_hamil", "jumlah_anak_0_23", "tingkat_konvergensi", "konvergensi_ibu_hamil",
               "konvergensi_anak", "dana_stunting"} <= set(g(d, "laporan_tahunan", "isi")),
]
assert len(HAND) == 53


def hand_evaluate(d) -> tuple[int, int, int]:
    ok = bad = unknown = 0
    for check in HAND:
        try:
            if check(d):
                ok += 1
            else:
                bad += 1
        except (Missing, KeyError, TypeError, AttributeError):
            unknown += 1
    return ok, bad, unknown


# ------------------------------------------------------------------ floors
def floor_json(paths: list[Path]) -> tuple[float, float, float, list]:
    """(CPU seconds reading + json.loads, CPU seconds of the 53 hand-written checks, wall seconds of both, a
    sample of parsed dicts). CPU time, like the end-to-end CPU figure, does not count waiting for a busy machine."""
    parse = evaluate = 0.0
    sample = []
    wall = time.perf_counter()
    for i, p in enumerate(paths):
        t0 = time.process_time()
        try:
            d = json.loads(p.read_bytes())
        except ValueError:
            parse += time.process_time() - t0
            continue
        t1 = time.process_time()
        if isinstance(d, dict):
            hand_evaluate(d)
        t2 = time.process_time()
        parse += t1 - t0
        evaluate += t2 - t1
        if i % 40 == 0 and len(sample) < 2000:
            sample.append(d)
    return parse, evaluate, time.perf_counter() - wall, sample


def floor_yaml(paths: list[Path]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) reading and parsing every file with the C loader."""
    t, w = time.process_time(), time.perf_counter()
    for p in paths:
        try:
            yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    return time.process_time() - t, time.perf_counter() - w


def validators(sample: list[dict]) -> list[str]:
    """Per-dossier validation time of each validator on the same dossiers (nulls dropped, as aturan does)."""
    from aturan.loader import _drop_null_values
    from aturan.schema import load_schema, validator
    schema = load_schema("dossier")
    data = [_drop_null_values(d) for d in sample]
    out = []
    candidates = [("jsonschema", validator("dossier").is_valid)]
    try:
        import jsonschema_rs
        candidates.append(("jsonschema-rs", jsonschema_rs.validator_for(schema, validate_formats=True).is_valid))
    except ImportError:
        out.append("jsonschema-rs tidak terpasang")
    try:
        import fastjsonschema
        fj = fastjsonschema.compile(schema)

        def fj_valid(d):
            try:
                fj(d)
                return True
            except fastjsonschema.JsonSchemaException:
                return False
        candidates.append(("fastjsonschema", fj_valid))
    except ImportError:
        out.append("fastjsonschema tidak terpasang")
    verdicts = {}
    for name, fn in candidates:
        t = time.perf_counter()
        verdicts[name] = [fn(d) for d in data]
        ms = (time.perf_counter() - t) / len(data) * 1000
        agree = verdicts[name] == verdicts["jsonschema"]
        out.append(f"  {name:15} {ms:7.3f} ms/dosir · {sum(verdicts[name])}/{len(data)} sah · "
                   f"{'sama dengan jsonschema' if agree else 'BERBEDA dari jsonschema'}")
    return out


# ------------------------------------------------------------------ end to end
def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack += [int(x) for x in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def end_to_end(data_dir: Path, jobs: int, out: Path) -> dict:
    cmd = [sys.executable, "-m", "aturan", "check", str(data_dir), "--format", "jsonl", "-o", str(out), "--force",
           "-j", str(jobs), "--quiet"]
    out.unlink(missing_ok=True)
    if hasattr(os, "sync"):   # the run before wrote gigabytes: let the disk finish them before this one is timed
        os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, int]] = []

    def watch():
        while proc.poll() is None:
            samples.append((time.perf_counter() - t, tree_rss(proc.pid)))
            time.sleep(0.25)
    w = threading.Thread(target=watch, daemon=True)
    w.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    w.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = sum(1 for _ in open(out, "rb")) if out.exists() else 0
    size = out.stat().st_size if out.exists() else 0
    out.unlink(missing_ok=True)
    peak = max((r for _, r in samples), default=0)
    quarters_rss = []
    for q in (0.25, 0.5, 0.75, 1.0):   # memory at a quarter, half, three quarters and the end of the run
        at = [r for s, r in samples if s <= q * wall]
        quarters_rss.append(max(at[-8:], default=0))
    return {"wall": wall, "cpu": cpu, "peak": peak, "quarters": quarters_rss, "rc": proc.returncode, "lines": lines,
            "bytes": size, "summary": err.strip().splitlines()[-1] if err.strip() else ""}


def mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dossiers", type=int, default=TOTAL)
    ap.add_argument("--dir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "aturan-bench")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--skip-yaml", action="store_true", help="only the JSON dossiers")
    ap.add_argument("--yaml-dossiers", type=int, default=None,
                    help="write every k-th dossier also as YAML, about this many (default: all)")
    ap.add_argument("--jobs", default="1,2", help="the -j values to run end to end (default 1,2)")
    args = ap.parse_args(argv)

    print(f"aturan bench_batch · {os.cpu_count()} inti · beban rata-rata {os.getloadavg()[0]:.1f} saat mulai")
    info = generate(args.dir, args.dossiers, args.seed, 0 if args.skip_yaml else args.yaml_dossiers)
    print(f"data: {info['dossiers']:,} dosir JSON ({info['broken']} rusak), {info['yaml']:,} di antaranya juga YAML, "
          f"di {args.dir}; per jenis {info['per_unit']}")
    jobs = [int(j) for j in args.jobs.split(",")]
    fmts = ["json"] + ([] if args.skip_yaml else ["yaml"])
    results = {}
    for fmt in fmts:
        for j in jobs:
            r = end_to_end(args.dir / fmt, j, args.dir / f"hasil-{fmt}-j{j}.jsonl")
            results[(fmt, j)] = r
            print(f"ujung ke ujung {fmt.upper():4} -j {j}: {r['wall']:7.1f} s dinding, {r['cpu']:7.1f} s CPU, "
                  f"{r['lines'] / r['wall']:6,.0f} dosir/s · memori puncak {mb(r['peak'])} "
                  f"(per kuartal waktu: {', '.join(mb(x) for x in r['quarters'])}) · {r['lines']:,} baris "
                  f"{mb(r['bytes'])} · keluar {r['rc']} · {r['summary']}")

    json_paths = files(args.dir, "json")
    parse_j, eval_h, wall_j, sample = floor_json(json_paths)
    print(f"lantai JSON, 1 inti (CPU): baca + json.loads {parse_j:6.1f} s · 53 pemeriksaan tulisan tangan {eval_h:6.1f} s "
          f"· jumlah {parse_j + eval_h:6.1f} s ({(parse_j + eval_h) / len(json_paths) * 1000:.2f} ms/dosir; "
          f"dinding {wall_j:.1f} s)")
    parse_y = None
    if not args.skip_yaml:
        parse_y, wall_y = floor_yaml(files(args.dir, "yaml"))
        print(f"lantai YAML, 1 inti (CPU): baca + yaml.load CSafeLoader {parse_y:6.1f} s "
              f"({parse_y / max(1, info['yaml']) * 1000:.2f} ms/dosir; dinding {wall_y:.1f} s)")
    print("validator skema pada", len(sample), "dosir yang sama:")
    print("\n".join(validators(sample)))

    print("rasio ujung ke ujung / lantai. CPU: detik CPU aturan (semua proses, termasuk mulai dan memuat pack) / "
          "detik CPU lantai. Dinding: waktu tunggu / (lantai CPU / N proses), bermakna hanya pada mesin yang tidak sibuk:")
    for (fmt, j), r in results.items():
        parse = parse_j if fmt == "json" else parse_y
        if parse is None:
            continue
        hand = eval_h * r["lines"] / max(1, len(json_paths))   # the hand-written checks on as many dossiers
        print(f"  {fmt.upper():4} -j {j}: CPU / baca+parse {r['cpu'] / parse:5.2f}×, CPU / baca+parse+53 pemeriksaan "
              f"{r['cpu'] / (parse + hand):5.2f}× · dinding / (baca+parse+53) {r['wall'] / ((parse + hand) / j):5.2f}× "
              f"· {r['cpu'] / max(1, r['lines']) * 1000:.2f} ms CPU/dosir")
    j2 = results.get(("json", max(jobs)))
    if j2:
        print(f"target JSON < 60 s untuk 83.762 dosir (-j {max(jobs)}): diukur {j2['wall']:.1f} s untuk {j2['lines']:,} dosir; "
              f"memori puncak < 500 MB: {'tercapai' if max(r['peak'] for r in results.values()) < 500e6 else 'BELUM'}")
    if parse_y is not None and ("yaml", 1) in results:
        ratio = results[("yaml", 1)]["cpu"] / parse_y
        print(f"target YAML ≤ 1,5× lantai CSafeLoader (CPU, -j 1): {'tercapai' if ratio <= 1.5 else 'BELUM'} ({ratio:.2f}×)")
    print(f"beban rata-rata di akhir: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
