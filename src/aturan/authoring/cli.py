"""The authoring subcommands: `aturan compare` and `aturan pack new|lint|diff`."""
from __future__ import annotations

import sys

from ..errors import AturanError

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2
FORMATS = ["table", "markdown", "json", "csv"]


def add_authoring_parsers(sub) -> None:
    c = sub.add_parser("compare", help="bandingkan peraturan beberapa kabupaten/kota berdampingan")
    c.add_argument("packs", nargs="*", metavar="PACK", help="id atau folder pack (bawaan: semua pack yang mengikat)")
    c.add_argument("--topic", help="hanya satu topik (kpm, paket_layanan, kelembagaan, perencanaan, ...)")
    c.add_argument("--format", choices=FORMATS, default="table", help="bentuk keluaran: " + ", ".join(FORMATS))
    c.add_argument("--baseline", metavar="PACK", help="pack garis dasar, mis. panduan_bappenas_2019")
    c.add_argument("--width", type=int, default=100, help="lebar tabel di terminal (bawaan 100)")
    c.set_defaults(func=cmd_compare)

    p = sub.add_parser("pack", help="menyusun rule pack: new, lint, diff")
    psub = p.add_subparsers(dest="pack_command", metavar="PERINTAH", title="perintah",
                            help="jalankan `aturan pack PERINTAH -h` untuk bantuan tiap perintah")

    n = psub.add_parser("new", help="salin pack menjadi draf peraturan baru")
    n.add_argument("new", metavar="BARU", help="id pack baru: huruf kecil, angka, garis bawah (mis. aceh_raya)")
    n.add_argument("--from", dest="source", required=True, metavar="PACK", help="pack asal")
    n.add_argument("--regency", metavar="NAMA", help='nama kabupaten/kota, mis. "Kabupaten Aceh Raya"')
    n.add_argument("--unit", metavar="ISTILAH", help="sebutan unit (mis. Gampong) untuk jenis unit pertama pack asal")
    n.add_argument("--nomor", metavar="N", help="nomor peraturan")
    n.add_argument("--tahun", type=int, metavar="YYYY", help="tahun peraturan")
    n.add_argument("--dir", metavar="FOLDER", help="folder tempat pack dibuat (bawaan: ./rules)")
    n.add_argument("--force", action="store_true", help="timpa pack yang sudah ada")
    n.set_defaults(func=cmd_pack_new)

    lint = psub.add_parser("lint", help="periksa pack: skema, DSL, id, keterlacakan, pasal, tanda tinjau")
    lint.add_argument("packs", nargs="*", metavar="PACK", help="id atau folder pack yang diperiksa")
    lint.add_argument("--baseline", metavar="PACK", help="laporkan butir cakupan panduan yang belum dicakup")
    lint.add_argument("--across", action="store_true",
                      help="periksa konsistensi antar-pack: konsep yang sama, uji fakta yang sama, putusan yang sama "
                           "(bawaan: semua pack yang mengikat)")
    lint.set_defaults(func=cmd_pack_lint)

    d = psub.add_parser("diff", help="perubahan antara dua pack, disejajarkan menurut konsep; docx/xlsx: "
                        "matriks perubahan teks (asal | rancangan | keterangan)")
    d.add_argument("a", metavar="A", help="pack asal (id atau folder)")
    d.add_argument("b", metavar="B", help="pack yang dibandingkan, mis. draf salinannya")
    d.add_argument("--format", choices=["table", "markdown", "json", "docx", "xlsx"], default="table",
                   help="bentuk keluaran: table, markdown, json; docx atau xlsx: matriks perubahan ke -o BERKAS")
    d.add_argument("--width", type=int, default=100, help="lebar tabel di terminal (bawaan 100)")
    d.add_argument("-o", "--output", metavar="BERKAS", help="berkas matriks perubahan (untuk docx/xlsx)")
    d.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    d.set_defaults(func=cmd_pack_diff)
    p.set_defaults(func=lambda args: _pack_help(p))


def _pack_help(parser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_INPUT


def _session(args):
    from ..session import Session
    return Session.from_args(args)


def default_packs(session) -> list[str]:
    """Every binding pack found (guidance packs only when named). A pack whose pack.yaml cannot be
    read is kept, so that loading it reports the problem instead of skipping it silently."""
    return [pid for pid, _, reg, err in session.pack_headers()
            if err is not None or reg.get("binding", True) is not False]


def check_width(width: int) -> None:
    if not 40 <= width <= 1000:
        raise AturanError(f"--width {width} tidak sah: antara 40 dan 1000 kolom")


def cmd_compare(args) -> int:
    from . import render
    from .compare import build
    check_width(args.width)
    session = _session(args)
    ids = args.packs or default_packs(session)
    baseline = session.pack(args.baseline) if args.baseline else None
    packs = []
    for i in ids:
        pack = session.pack(i)
        if (baseline is None or pack.id != baseline.id) and pack.id not in {p.id for p in packs}:
            packs.append(pack)
    comp = build(packs, topic=args.topic, baseline=baseline)
    out = {"table": lambda: render.compare_table(comp, args.width), "markdown": lambda: render.compare_markdown(comp),
           "json": lambda: render.compare_json(comp), "csv": lambda: render.compare_csv(comp)}[args.format]()
    sys.stdout.write(out)
    return EXIT_OK


def cmd_pack_new(args) -> int:
    from .new import new_pack
    session = _session(args)
    result = new_pack(session, args.new, args.source, regency=args.regency, unit=args.unit,
                      nomor=args.nomor, tahun=args.tahun, target_dir=args.dir, force=args.force)
    print(result.summary())
    for w in result.warnings:
        print(f"aturan: peringatan: {w}", file=sys.stderr)
    return EXIT_OK


def cmd_pack_lint(args) -> int:
    from .lint import lint_pack, render_problems
    session = _session(args)
    if args.across:
        from .across import check_across, render_across
        res = check_across([session.pack(p) for p in (args.packs or default_packs(session))])
        sys.stdout.write(render_across(res))
        return EXIT_PROBLEMS if res.problems else EXIT_OK
    if not args.packs:
        raise AturanError("sebutkan pack yang diperiksa, mis. `aturan pack lint sorong`, atau pakai --across")
    baseline = session.pack(args.baseline) if args.baseline else None
    total = 0
    for ref in args.packs:
        res = lint_pack(ref, session, baseline=baseline)
        sys.stdout.write(render_problems(res))
        total += len(res.problems)
    return EXIT_PROBLEMS if total else EXIT_OK


def cmd_pack_diff(args) -> int:
    from .diff import diff_packs, render_diff
    check_width(args.width)
    session = _session(args)
    if args.format in ("docx", "xlsx"):
        from ..teks.matriks import write_matrix
        print(write_matrix(session.pack(args.a), session.pack(args.b), args.format, args.output, args.force))
        return EXIT_OK
    d = diff_packs(session.pack(args.a), session.pack(args.b))
    sys.stdout.write(render_diff(d, args.format, args.width))
    return EXIT_OK
