"""Rule packs, rule files, traceability and test cases that are broken or hostile (issue 10, points 3, 6 and 9)."""
from . import build as B
from .runner import Hostile

CHECK = ("--rules", "{dir}/packs", "check", "{dir}/d.yaml")
OK = "count(k in kpm) >= 1"


DIRECT = ("check", "--pack", "{dir}/packs/uji", "{dir}/d.yaml")   # the pack by its folder, not by regency


def pack(name, files, message, code=2, argv=DIRECT, drop=(), **kw):
    base = {k: v for k, v in B.mini_pack(OK).items() if k not in drop}
    return Hostile(name, argv, code, message, files={**base, "d.yaml": B.MINI_DOSSIER, **files}, **kw)


def pack_yaml(old, new):
    text = B.mini_pack(OK)["packs/uji/pack.yaml"]
    assert old in text, old
    return {"packs/uji/pack.yaml": text.replace(old, new, 1)}


def with_test_file(text):
    return {"packs/uji/tests/t.yaml": text}


CASE = "cases:\n- name: kasus uji\n  base: {base}\n  expect: {{uji.aturan: patuh}}\n"

CASES = [
    pack("pack sehat (pembanding)", {}, "Ringkasan: 0 tidak patuh, 0 tidak dapat dinilai, 1 patuh", code=0, argv=CHECK),
    pack("pack.yaml rusak saat mencari pack menurut kabupaten: disebut", pack_yaml("year: 2023", "year: [2023"),
         ("tidak ada rule pack untuk kabupaten/kota 'Kabupaten Uji Hostil'", "pack yang tidak dapat dibaca: uji:"),
         argv=CHECK),
    # --- pack.yaml
    pack("tahun peraturan 2023.0", pack_yaml("year: 2023", "year: 2023.0"),
         "regulation.year: harus bilangan bulat, bukan 2023.0"),
    pack("tanggal berlaku 30 Februari", pack_yaml("in_force: '2023-02-01'", "in_force: '2023-02-30'"),
         "regulation.in_force: '2023-02-30' bukan tanggal yang sah: tidak ada di kalender"),
    pack("pack.yaml kosong", {"packs/uji/pack.yaml": ""}, "harus pemetaan"),
    pack("pack.yaml berupa daftar", {"packs/uji/pack.yaml": "- id: uji\n"}, "harus pemetaan"),
    pack("pack.yaml dengan alias bom", {"packs/uji/pack.yaml": B.billion_laughs() + B.mini_pack(OK)["packs/uji/pack.yaml"]},
         "alias YAML mengulang terlalu banyak"),
    pack("pack.yaml dengan tag python", pack_yaml("plugin: declarative", "plugin: !!python/name:os.system"),
         "tidak diizinkan"),
    pack("id pack lain dari foldernya", pack_yaml("id: uji", "id: lain"), "id pack 'lain' harus sama dengan nama foldernya"),
    pack("pack.yaml adalah folder", {"packs/uji/pack.yaml/x": "x: 1\n"}, "bukan rule pack", drop=("packs/uji/pack.yaml",)),
    # --- rules/*.yaml
    pack("params bernilai .nan", {"packs/uji/rules/r.yaml": B.mini_pack(OK, params={"n": 1})["packs/uji/rules/r.yaml"]
                                  .replace("n: 1", "n: .nan")}, "bukan bilangan terhingga"),
    pack("params bernilai null", {"packs/uji/rules/r.yaml": B.mini_pack(OK, params={"n": 1})["packs/uji/rules/r.yaml"]
                                  .replace("n: 1", "n: null")}, "params.n"),
    pack("berkas aturan berupa folder", {"packs/uji/rules/x.yaml/isi.txt": "x"}, "ini folder, bukan berkas"),
    pack("berkas aturan bukan UTF-8", {"packs/uji/rules/x.yaml": "rules: []\n# caf\xe9\n".encode("latin-1")},
         "berkas bukan teks UTF-8"),
    pack("pesan dengan placeholder atribut", {"packs/uji/rules/r.yaml": B.mini_pack(OK)["packs/uji/rules/r.yaml"]
                                              .replace("Pesan untuk {unit}.", "'{unit.__class__}'")},
         "harus nama sederhana"),
    pack("pesan dengan format spec raksasa", {"packs/uji/rules/r.yaml": B.mini_pack(OK)["packs/uji/rules/r.yaml"]
                                              .replace("Pesan untuk {unit}.", "'{unit:>999999999}'")},
         "harus nama sederhana"),
    # --- traceability.yaml and tests/*.yaml
    pack("traceability dengan kedalaman 200", {"packs/uji/traceability.yaml": "pasal: " + "[" * 200 + "]" * 200 + "\n"},
         "struktur terlalu dalam"),
    pack("kasus uji dengan alias bom", with_test_file(B.billion_laughs()), "alias YAML mengulang terlalu banyak",
         argv=("--rules", "{dir}/packs", "test", "uji")),
    pack("base kasus di luar pack (jalur absolut)", with_test_file(CASE.format(base="/etc/hostname")),
         "berada di luar folder pack uji", argv=("--rules", "{dir}/packs", "test", "uji")),
    pack("base kasus keluar lewat ../..", with_test_file(CASE.format(base="../../../d.yaml")),
         "berada di luar folder pack uji", argv=("--rules", "{dir}/packs", "test", "uji")),
    pack("base kasus berupa folder di dalam pack", {**with_test_file(CASE.format(base="../contoh")),
                                                    "packs/uji/contoh/x.txt": "x"},
         "ini folder, bukan berkas", code=1, argv=("--rules", "{dir}/packs", "test", "uji")),
    # --- which pack governs a dossier (point 6)
    Hostile("dua pack untuk kabupaten, unit dan tahun yang sama", CHECK, 2,
            ("Kabupaten Uji Hostil diatur oleh lebih dari satu rule pack untuk desa tahun 2024", "uji (", "uji_kedua (",
             "--pack"),
            files={**B.mini_pack(OK), **B.mini_pack(OK, pid="uji_kedua"), "d.yaml": B.MINI_DOSSIER}),
    Hostile("dua pack, --pack memilih", ("--rules", "{dir}/packs", "check", "--pack", "uji_kedua", "{dir}/d.yaml"), 0,
            "Pack: uji_kedua", files={**B.mini_pack(OK), **B.mini_pack(OK, pid="uji_kedua"), "d.yaml": B.MINI_DOSSIER}),
    Hostile("dua pack, yang kedua baru berlaku 2026", CHECK, 0, "Pack: uji ·",
            files={**B.mini_pack(OK), **B.mini_pack(OK, pid="uji_kedua", in_force="2026-01-01"), "d.yaml": B.MINI_DOSSIER}),
    # --- naming a pack that is not there (point 9)
    Hostile("test pack yang tidak ada", ("test", "tidak_ada"), 2, ("pack 'tidak_ada' tidak ditemukan",
                                                                   "1 pack tidak dapat dipakai")),
    Hostile("test pack salah ketik", ("test", "oku_selatn"), 2, "maksud Anda 'oku_selatan'?"),
    Hostile("explain di pack yang tidak ada", ("explain", "x.y", "--pack", "tidak_ada"), 2, "tidak ditemukan"),
    Hostile("check --pack yang tidak ada", ("check", "--pack", "tidak_ada", str(B.OKU)), 2, "pack 'tidak_ada' tidak ditemukan"),
    Hostile("check --pack /dev/null", ("check", "--pack", "/dev/null", str(B.OKU)), 2, "tidak ditemukan"),
    Hostile("pack lint pack yang tidak ada", ("pack", "lint", "tidak_ada"), 2, "tidak ditemukan"),
    pack("pack lint pack rusak: masalah, bukan crash", pack_yaml("year: 2023", "year: 2023.0"),
         "regulation.year: harus bilangan bulat", code=1, argv=("--rules", "{dir}/packs", "pack", "lint", "uji")),
]

CASES += [
    pack("tenggat 30.0 hari", {"packs/uji/rules/r.yaml": B.mini_pack(OK)["packs/uji/rules/r.yaml"]
                               + "  periode: tahun\n  tenggat:\n    hari: 30.0\n"}, "harus bilangan bulat, bukan 30.0"),
    pack("tenggat .inf hari", {"packs/uji/rules/r.yaml": B.mini_pack(OK)["packs/uji/rules/r.yaml"]
                               + "  periode: tahun\n  tenggat:\n    hari: .inf\n"}, "bukan bilangan terhingga"),
]
