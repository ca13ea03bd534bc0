"""Benchmark: the whole OKU Selatan pack over 10,000 generated dossiers, and two ratios.

(a) compiled DSL vs the same checks hand-written in plain Python (missing facts handled alike);
(b) compiled DSL vs the `rule-engine` package on the KPM criteria of Pasal 21 (pip install '.[bench]').

    python bench/bench_engine.py [--dossiers 10000] [--seed 7]
"""
from __future__ import annotations

import argparse
import copy
import gc
import datetime as dt
import random
import sys
import time
from pathlib import Path

from aturan.dsl import MissingFact, compile_expression
from aturan.engine import evaluate
from aturan.loader import dossier_from_data, load_file, load_pack
from aturan.manager import collect, get_plugin_manager
from aturan.schema import load_schema

ROOT = Path(__file__).resolve().parents[1]
PACKS = ("oku_selatan", "sorong", "sijunjung", "tual")
LADDER = {"tidak_sekolah": 0, "sd": 1, "smp": 2, "sltp": 2, "mts": 2, "sma": 3, "slta": 3, "smk": 3, "ma": 3,
          "d1": 4, "d2": 5, "d3": 6, "d4": 7, "s1": 7, "s2": 8, "s3": 9}
EDU = list(LADDER)


# ------------------------------------------------------------------ data
def generate(n: int, seed: int, pack_id: str = "oku_selatan") -> list[dict]:
    """Varied dossiers: the pack's compliant example with KPM, dates and lists changed, some facts removed."""
    rnd = random.Random(seed)
    base = load_file(ROOT / "rules" / pack_id / "contoh" / "patuh.yaml").data
    out = []
    for i in range(n):
        d = copy.deepcopy(base)
        d["identitas"]["nama"] = f"Desa {i}"
        kpms = []
        for j in range(rnd.randint(1, 6)):
            k = copy.deepcopy(rnd.choice(base["kpm"]))
            k["nama"] = f"KPM {i}-{j}"
            k["pendidikan"] = rnd.choice(EDU)
            k["warga_setempat"] = rnd.random() > 0.1
            k["bahasa_daerah"] = rnd.random() > 0.1
            if rnd.random() < 0.05:
                k.pop("pendidikan")          # a missing fact
            kpms.append(k)
        d["kpm"] = kpms
        plan = d.get("perencanaan", {})
        if rnd.random() < 0.2 and "rembuk_stunting" in plan:
            plan["rembuk_stunting"]["tanggal"] = "2024-%02d-15" % rnd.randint(1, 12)
        if rnd.random() < 0.05:
            d.pop("perencanaan", None)
        pem = d.get("pemantauan", {})
        if "rapat_evaluasi" in pem and rnd.random() < 0.3:
            pem["rapat_evaluasi"] = rnd.sample(pem["rapat_evaluasi"], k=rnd.randint(0, len(pem["rapat_evaluasi"])))
        if rnd.random() < 0.05:
            d.pop("laporan_tahunan", None)
        if "rkp" in d and rnd.random() < 0.2 and d["rkp"].get("paket_layanan"):
            d["rkp"]["paket_layanan"] = d["rkp"]["paket_layanan"][:-1]
        out.append(dossier_from_data(d, f"gen-{i}").data)
    return out


# ------------------------------------------------------------------ the same checks, DSL vs hand-written
DSL_CHECKS = {
    "kpm_warga": "all(k in kpm: k.warga_setempat)",
    "kpm_bahasa": "all(k in kpm: k.bahasa_daerah)",
    "kpm_pendidikan": 'all(k in kpm: k.pendidikan >= "smp")',
    "kpm_pengalaman": "all(k in kpm: count(p in k.pengalaman_kader) >= 1)",
    "rembuk_sebelum_musdes": "perencanaan.rembuk_stunting.tanggal before perencanaan.musyawarah_perencanaan.tanggal",
    "rapat_triwulan": "all(q in [1, 2, 3, 4]: any(r in pemantauan.rapat_evaluasi: year(r.tanggal) == tahun and quarter(r.tanggal) == q))",
    "rkp_lima_paket": 'contains_all(rkp.paket_layanan, ["kesehatan_ibu_anak", "konseling_gizi", "air_bersih_sanitasi", "perlindungan_sosial", "paud"])',
    "laporan_isi": "exists(laporan_tahunan.isi.jumlah_ibu_hamil) and exists(laporan_tahunan.isi.tingkat_konvergensi) and exists(laporan_tahunan.isi.dana_stunting)",
}
PAKET = ("kesehatan_ibu_anak", "konseling_gizi", "air_bersih_sanitasi", "perlindungan_sosial", "paud")


class Missing(Exception):
    pass


def _get(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            raise Missing(".".join(keys))
        d = d[k]
    return d


def _all_kpm(d, field, pred):
    verdict, missing = True, False
    for k in _get(d, "kpm"):
        if field not in k:
            missing = True
            continue
        if not pred(k[field]):
            return False
    if missing:
        raise Missing("kpm[].%s" % field)
    return verdict


def hand_kpm_warga(d):
    return _all_kpm(d, "warga_setempat", bool)


def hand_kpm_bahasa(d):
    return _all_kpm(d, "bahasa_daerah", bool)


def hand_kpm_pendidikan(d):
    return _all_kpm(d, "pendidikan", lambda v: LADDER[v] >= 2)


def hand_kpm_pengalaman(d):
    return _all_kpm(d, "pengalaman_kader", lambda v: len(v) >= 1)


def hand_rembuk(d):
    return _get(d, "perencanaan", "rembuk_stunting", "tanggal") < _get(d, "perencanaan", "musyawarah_perencanaan", "tanggal")


def hand_rapat(d):
    year = _get(d, "identitas", "tahun")
    quarters = set()
    for r in _get(d, "pemantauan", "rapat_evaluasi"):
        t = r.get("tanggal")
        if t is None:
            raise Missing("rapat_evaluasi[].tanggal")
        if t.year == year:
            quarters.add((t.month + 2) // 3)
    return quarters >= {1, 2, 3, 4}


def hand_rkp(d):
    have = set(_get(d, "rkp", "paket_layanan"))
    return all(p in have for p in PAKET)


def hand_laporan(d):
    isi = d.get("laporan_tahunan", {}).get("isi", {})
    return "jumlah_ibu_hamil" in isi and "tingkat_konvergensi" in isi and "dana_stunting" in isi


HAND = [hand_kpm_warga, hand_kpm_bahasa, hand_kpm_pendidikan, hand_kpm_pengalaman, hand_rembuk, hand_rapat,
        hand_rkp, hand_laporan]


def time_it(fn, repeat=5) -> float:
    """Best of `repeat` runs with the garbage collector off, as timeit does."""
    best = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t = time.perf_counter()
            fn()
            best.append(time.perf_counter() - t)
        finally:
            gc.enable()
    return min(best)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dossiers", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    registry = collect(get_plugin_manager())
    as_of = dt.date(2025, 3, 1)
    for pack_id in PACKS:
        t = time.perf_counter()
        pack = load_pack(ROOT / "rules" / pack_id, registry)
        load_s = time.perf_counter() - t
        gen = generate(args.dossiers, args.seed, pack_id)
        dossiers = [dossier_from_data(d, f"gen-{i}") for i, d in enumerate(gen)]

        def whole_pack():
            for d in dossiers:
                evaluate(pack, d, as_of)
        s = time_it(whole_pack, repeat=3)
        counts: dict[str, int] = {}     # every status the engine reports, belum_jatuh_tempo included
        for d in dossiers:
            for k, v in evaluate(pack, d, as_of).counts().items():
                counts[k] = counts.get(k, 0) + v
        print(f"{pack_id:12} {len(pack.rules):3} aturan · muat+kompilasi {load_s * 1000:4.0f} ms (target < 500) · "
              f"{len(dossiers) / s:7,.0f} dosir/detik, {len(dossiers) * len(pack.rules) / s:9,.0f} temuan/detik · {counts}")
        if pack_id == "oku_selatan":
            data = gen

    # (a) the same eight checks: compiled DSL vs hand-written
    schema = load_schema("dossier")
    compiled = [compile_expression(src, schema=schema).evaluate for src in DSL_CHECKS.values()]

    def run_dsl():
        out = 0
        for d in data:
            for c in compiled:
                try:
                    out += bool(c(d, as_of))
                except MissingFact:
                    out += 2
        return out

    def run_hand():
        out = 0
        for d in data:
            for h in HAND:
                try:
                    out += bool(h(d))
                except Missing:
                    out += 2
        return out

    assert run_dsl() == run_hand(), "DSL and hand-written checks disagree"
    t_dsl, t_hand = time_it(run_dsl), time_it(run_hand)
    n = len(data) * len(HAND)
    print(f"(a) {len(HAND)} pemeriksaan × {len(data)} dosir: DSL {n / t_dsl:,.0f}/detik, tulisan tangan {n / t_hand:,.0f}/detik, "
          f"rasio DSL/tangan = {t_dsl / t_hand:.2f}× (target ≤ 1.3×)")

    # (b) Pasal 21 on individual KPM records: compiled DSL vs rule-engine
    records = [dict(k, pendidikan_rank=LADDER.get(k.get("pendidikan", "tidak_sekolah"), 0),
                    n_pengalaman=len(k.get("pengalaman_kader", [])))
               for d in data for k in d["kpm"]]
    dsl21 = compile_expression('k.warga_setempat and k.n >= 1 and k.bahasa_daerah and k.pendidikan >= "smp"',
                               schema={"type": "object", "properties": {"k": {
                                   "type": "object", "properties": {
                                       "warga_setempat": {"type": "boolean"}, "bahasa_daerah": {"type": "boolean"},
                                       "n": {"type": "integer"},
                                       "pendidikan": {"type": "string", "x-ladder": "pendidikan"}}}}})
    wrapped = [{"k": {"warga_setempat": r.get("warga_setempat", False), "bahasa_daerah": r.get("bahasa_daerah", False),
                      "n": r["n_pengalaman"], "pendidikan": r.get("pendidikan", "tidak_sekolah")}} for r in records]
    f21 = dsl21.evaluate
    t_ours = time_it(lambda: [f21(w) for w in wrapped])
    print(f"(b) Pasal 21 pada {len(records):,} catatan KPM: DSL {len(records) / t_ours:,.0f}/detik", end="")
    try:
        import rule_engine
    except ImportError:
        print("; rule-engine tidak terpasang (pip install '.[bench]')")
        return 0
    re_rule = rule_engine.Rule("warga_setempat and n >= 1 and bahasa_daerah and rank >= 2")
    flat = [{"warga_setempat": w["k"]["warga_setempat"], "bahasa_daerah": w["k"]["bahasa_daerah"], "n": w["k"]["n"],
             "rank": LADDER[w["k"]["pendidikan"]]} for w in wrapped]
    sample = flat[: min(len(flat), 20_000)]
    t_re = time_it(lambda: [re_rule.matches(r) for r in sample], repeat=3) * len(flat) / len(sample)
    assert [re_rule.matches(r) for r in sample[:500]] == [dsl21(w) for w in wrapped[:500]]
    print(f", rule-engine {len(flat) / t_re:,.0f}/detik: DSL {t_re / t_ours:.0f}× lebih cepat (target ≥ 20×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
