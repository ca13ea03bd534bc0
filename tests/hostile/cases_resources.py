"""Bounded resources for every file aturan reads as YAML/JSON (issue 10, point 3): all in a child process
with a timeout, because a regression here hangs, blocks in the kernel or eats memory."""
import os

from . import build as B
from .runner import Hostile

D = ("check", "{dir}/d.yaml")
PACK = ("check", "--pack", "{dir}/packs/uji", "{dir}/d.yaml")
OK = "count(k in kpm) >= 1"


def res(name, argv, message, code=2, seconds=30, **kw):
    # 30 s: a hang, not a speed test (a start of Python on a loaded CI machine alone can take seconds);
    # without the guards these cases take minutes and gigabytes. Speed is measured in the README.
    return Hostile(name, argv, code, message, child=True, seconds=seconds, **kw)


def fifo(rel):
    def make(d):
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(d / rel)
    return make


def link_to(rel, target):
    def make(d):
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, d / rel)
    return make


def with_pack(**files):
    return {**B.mini_pack(OK), "d.yaml": B.MINI_DOSSIER, **files}


def big(rel, size):
    def make(d):
        (d / rel).write_bytes(b"# " + b"x" * size + b"\n")
    return make


LAUGHS = B.billion_laughs(9, 9)
LAUGHS_10KB = LAUGHS + "#" + "-" * (10_240 - len(LAUGHS) - 2) + "\n"     # padded to 10 KB, as in the issue

CASES = [
    # --- aliases: 9 levels of 9 aliases = 9**9 copies (387 million) of "lol"
    res("billion laughs 10 KB sebagai dosir", D, ("alias YAML mengulang terlalu banyak", "billion laughs"),
        files={"d.yaml": LAUGHS_10KB}),
    res("billion laughs di pack.yaml", PACK, "alias YAML mengulang terlalu banyak",
        files=with_pack(**{"packs/uji/pack.yaml": LAUGHS + B.mini_pack(OK)["packs/uji/pack.yaml"]})),
    res("billion laughs di berkas aturan", PACK, "alias YAML mengulang terlalu banyak",
        files=with_pack(**{"packs/uji/rules/bom.yaml": LAUGHS})),
    res("billion laughs di kasus uji", ("--rules", "{dir}/packs", "test", "uji"), "alias YAML mengulang terlalu banyak",
        files=with_pack(**{"packs/uji/tests/t.yaml": LAUGHS})),
    res("billion laughs di keterlacakan", PACK, "alias YAML mengulang terlalu banyak",
        files=with_pack(**{"packs/uji/traceability.yaml": LAUGHS})),
    # --- nesting
    res("100.000 kurung bersarang di dosir", D, ("struktur terlalu dalam: lebih dari 64 tingkat", "d.yaml:1:"),
        files={"d.yaml": "x: " + "[" * 100_000 + "]" * 100_000 + "\n"}),
    res("3.000 tingkat pemetaan di dosir", D, ("struktur terlalu dalam", "d.yaml:64:64"),
        files={"d.yaml": "".join(" " * i + f"k{i}:\n" for i in range(3000)) + " " * 3000 + "v: 1\n"}),
    res("100.000 kurung di berkas aturan", PACK, "struktur terlalu dalam",
        files=with_pack(**{"packs/uji/rules/dalam.yaml": "rules: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n"})),
    res("100.000 kurung di pack.yaml", PACK, "struktur terlalu dalam",
        files=with_pack(**{"packs/uji/pack.yaml": "id: " + "[" * 100_000 + "]" * 100_000 + "\n"})),
    # --- not a regular file
    res("pipa bernama (FIFO) sebagai dosir", D, "ini pipa bernama (FIFO), bukan berkas biasa", make=fifo("d.yaml")),
    res("/dev/zero sebagai dosir", ("check", "/dev/zero"), "ini perangkat (device), bukan berkas biasa"),
    res("/dev/stdin sebagai dosir", ("check", "/dev/stdin"), "bukan berkas biasa"),
    res("FIFO sebagai berkas aturan", PACK, "pipa bernama (FIFO)", files=with_pack(), make=fifo("packs/uji/rules/x.yaml")),
    res("FIFO sebagai keterlacakan", PACK, "pipa bernama (FIFO)", files=with_pack(),
        make=fifo("packs/uji/traceability.yaml")),
    res("FIFO sebagai kasus uji", ("--rules", "{dir}/packs", "test", "uji"), "pipa bernama (FIFO)", files=with_pack(),
        make=fifo("packs/uji/tests/t.yaml")),
    res("berkas aturan bertaut ke /dev/zero", PACK, "ini perangkat (device)", files=with_pack(),
        make=link_to("packs/uji/rules/nol.yaml", "/dev/zero")),
    res("dosir bertaut ke /dev/urandom", D, "ini perangkat (device)", make=link_to("d.yaml", "/dev/urandom")),
    # --- size
    # 11 x 1024 x 1024 - 3 bytes of comment + "# " + "\n" = 11 MB exactly (sizes in binary MB, as a file manager shows)
    res("dosir 11 MB di atas batas bawaan 10 MB", D, ("berkas terlalu besar: 11 MB, batasnya 10 MB", "--max-size"),
        make=big("d.yaml", 11 * 1024 * 1024 - 3)),
    res("berkas aturan di atas batas dari ATURAN_MAX_SIZE_MB", PACK, "berkas terlalu besar: 2 MB, batasnya 1 MB",
        files=with_pack(), make=big("packs/uji/rules/besar.yaml", 2 * 1024 * 1024 - 3), env={"ATURAN_MAX_SIZE_MB": "1"}),
    # 0.005 x 1024 x 1024 = 5,243 bytes, shown as 5,1 KB
    res("batas dari --max-size", ("--max-size", "0.005", "check", "{dir}/d.yaml"),
        ("berkas terlalu besar:", "batasnya 5,1 KB"), files={"d.yaml": B.patuh()}),
]

CASES += [
    res("pack new dari pack yang contoh-nya FIFO", ("pack", "new", "salinan", "--from", "{dir}/packs/uji", "--dir",
                                                    "{dir}/draf"),
        "pipa bernama (FIFO)", files=with_pack(), make=fifo("packs/uji/contoh/x.yaml")),
]


def zip_bomb(rel, unpacked=64 * 1024 * 1024):
    """An .xlsx-shaped zip whose one sheet unpacks from ~64 KB to 64 MB of spaces."""
    def make(d):
        import zipfile
        with zipfile.ZipFile(d / rel, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            with z.open("xl/worksheets/sheet1.xml", "w") as f:
                chunk = b" " * (1024 * 1024)
                for _ in range(unpacked // len(chunk)):
                    f.write(chunk)
    return make


CASES += [
    res("dosir .xlsx 'zip bomb'", ("check", "{dir}/isian.xlsx"), ("buku kerja terlalu besar setelah dibuka: 64 MB",
                                                                  "zip bomb"), make=zip_bomb("isian.xlsx")),
    res("dosir .xlsx berupa FIFO", ("check", "{dir}/isian.xlsx"), "pipa bernama (FIFO)", make=fifo("isian.xlsx")),
    res("dosir .xlsx yang bukan zip", ("check", "{dir}/isian.xlsx"), "bukan buku kerja Excel .xlsx yang dapat dibaca",
        files={"isian.xlsx": "ini teks\n"}),
]
