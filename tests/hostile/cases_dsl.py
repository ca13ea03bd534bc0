"""Expressions a pack author (or an attacker editing a pack) could write (issue 10, point 4).

Each runs a one-rule declarative pack against a small dossier: load-time refusals exit 2 with the
rule file's line and column; evaluation-time trouble is `tidak_dapat_dinilai` with its reason."""
from . import build as B
from .runner import Hostile

CHECK = ("--rules", "{dir}/packs", "check", "{dir}/d.yaml")
JSON = ("--rules", "{dir}/packs", "check", "--format", "json", "{dir}/d.yaml")


def rule(name, require, code, message, argv=CHECK, **kw):
    return Hostile(name, argv, code, message, files={**B.mini_pack(require, params=kw.pop("params", None)),
                                                     "d.yaml": B.MINI_DOSSIER}, **kw)


TRUE = "count(k in kpm) >= 0"
DEEP = "ekspresi bersarang terlalu dalam: lebih dari 64 tingkat"

CASES = [
    # --- deep and long: refused with a location, never RecursionError
    rule("rantai 70 and", " and ".join([TRUE] * 70), 2, (DEEP, "r.yaml:10:")),
    rule("rantai 70 or", " or ".join([TRUE] * 70), 2, DEEP),
    rule("100 kali not", "not " * 100 + "true", 2, DEEP),
    rule("200 kali minus", "len(kpm) > " + "- " * 200 + "1", 2, DEEP),
    rule("rantai 100 tambah", " + ".join(["len(kpm)"] * 100) + " > 0", 2, DEEP),
    rule("kuantor bersarang 70", "".join(f"any(x{i} in kpm: " for i in range(70)) + "true" + ")" * 70, 2, DEEP),
    rule("60 and masih boleh", " and ".join([TRUE] * 60), 0, "1 patuh"),
    rule("3.000 tanda kurung di sekitar satu nilai", "(" * 3000 + TRUE + ")" * 3000, 0, "1 patuh"),
    # 500 x 20 characters + 499 x " or " (4) = 11,996
    rule("ekspresi 11.000 karakter", " or ".join([TRUE] * 500), 2, "ekspresi terlalu panjang: 11.996 karakter"),
    rule("daftar 1.500 angka", "len(kpm) in [" + ", ".join(map(str, range(1500))) + "]", 0, "1 patuh"),
    # --- numbers
    rule("angka 400 digit", "len(kpm) < " + "9" * 400, 2, "terlalu besar: paling banyak 15 angka sebelum koma"),
    rule("angka 16 digit", "len(kpm) < 1000000000000000", 2, "terlalu besar"),
    rule("angka 15 digit masih boleh", "len(kpm) < 999999999999999", 0, "1 patuh"),
    rule("pecahan dengan 400 angka di belakang koma", "len(kpm) > 0." + "1" * 400, 0, "1 patuh"),
    rule("notasi eksponen bukan bagian DSL", "len(kpm) < 1e999", 2, "kesalahan sintaks"),
    rule("pembagian dengan nol: tidak dapat dinilai", "len(kpm) / (len(kpm) - 2) > 1", 0, "pembagian dengan nol",
         argv=JSON, json_out=True),
    rule("perkalian raksasa tetap angka", "len(kpm) * 999999999999999 * 999999999999999 * 999999999999999 > 1", 0,
         "1 patuh"),
    # --- dates past the calendar
    rule("tanggal tetap + 1 hari melewati 9999", "9999-12-31 + 1 after tanggal_penilaian", 2,
         "tanggal di luar kalender: 9999-12-31 + 1 hari"),
    rule("tanggal tetap - hari sebelum tahun 1", "0001-01-01 - 1 before tanggal_penilaian", 2, "tanggal di luar kalender"),
    rule("date(2024, 2, 30)", "date(2024, 2, 30) before tanggal_penilaian", 2, "date(2024, 2, 30) bukan tanggal"),
    rule("tanggal 2024-13-45", "2024-13-45 before tanggal_penilaian", 2, "tanggal tidak valid: 2024-13-45"),
    rule("tanggal fakta + jutaan hari: tidak dapat dinilai",
         "perencanaan.rembuk_stunting.tanggal + len(kpm) * 2000000 after tanggal_penilaian", 0,
         "tanggal di luar kalender: 2024-06-10 + 4000000 hari", argv=JSON, json_out=True),
    rule("tanggal fakta + jutaan hari, --strict", "perencanaan.rembuk_stunting.tanggal + len(kpm) * 2000000 after "
         "tanggal_penilaian", 1, "tidak dapat dinilai", argv=CHECK + ("--strict",)),
    rule("date() dari hitungan di luar kalender", "date(len(kpm) * 99999, 1, 1) before tanggal_penilaian", 0,
         "tanggal tidak valid", argv=JSON, json_out=True),
    # --- a param outside its scale, refused at load time
    rule("param di luar jenjang (>=)", "all(k in kpm: k.pendidikan >= minimal)", 2, "'sarjana' bukan jenjang pendidikan",
         params={"minimal": "sarjana"}),
    rule("param di luar jenjang (==)", "any(k in kpm: k.pendidikan == minimal)", 2,
         "param 'minimal' bernilai 'sarjana', yang bukan nilai yang sah untuk kpm[*].pendidikan",
         params={"minimal": "sarjana"}),
    rule("daftar param dengan nilai asing (in)", "all(k in kpm: k.pendidikan in jenjang)", 2,
         "param 'jenjang' bernilai 'sarjana'", params={"jenjang": ["sma", "sarjana"]}),
    rule("daftar param tidak sejenis", "len(kpm) in batas", 2, "berisi butir yang tidak sejenis",
         params={"batas": [1, "dua"]}),
    rule("literal di luar enum", 'any(k in kpm: k.pendidikan == "SMA")', 2, "'SMA' bukan nilai yang sah"),
    # --- no code from data
    rule("__import__", '__import__("os") == "os"', 2, "fungsi '__import__' tidak dikenal"),
    rule("pemanggilan metode", '__import__("os").system("touch /tmp/aturan_hostil")', 2, "kesalahan sintaks"),
    rule("atribut dunder", "kpm.__class__ == kpm", 2, "daftar"),
    rule("eval sebagai nama", 'eval("1") == 1', 2, "fungsi 'eval' tidak dikenal"),
    rule("lambda", "(lambda: 1)() == 1", 2, "kesalahan sintaks"),
    rule("teks dengan kutip dan backslash tetap teks", r'identitas.nama != "\"); import os; (\\"', 0, "1 patuh"),
    rule("huruf non-ASCII dalam nama", "jumlah_kpmé > 0", 2, "tidak dikenal"),
    rule("variabel kuantor dipakai ulang", "all(k in kpm: all(k in kpm: true))", 2, "nama variabel 'k' sudah dipakai"),
    rule("teks dibandingkan dengan angka", 'identitas.nama == 1', 2, "tidak dapat membandingkan teks dengan angka"),
    rule("ekspresi kosong", "", 2, "require"),
    rule("ekspresi hanya spasi", "   ", 2, "ekspresi kosong"),
]
