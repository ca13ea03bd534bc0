"""The `aturan` command: argparse subcommands; main(argv) -> exit status."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys

from tabulate import tabulate

from . import __version__
from .errors import AturanError, internal_error_message, processing
from .session import Session

EXIT_OK, EXIT_VIOLATION, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

EXIT_HELP = """kode keluar:
  0  semua patuh / berhasil
  1  ada pelanggaran (tidak_patuh; dengan --strict juga tidak dapat dinilai); untuk `test`: ada kasus
     gagal; untuk `pack lint`: ada masalah; untuk `scorecard`: ada baris ditolak
  2  masukan tidak dapat dipakai (YAML/skema/DSL salah, berkas tidak ada, pack tidak dikenal, opsi salah)
  3  kesalahan internal (bug di aturan): satu baris pesan menyebut masukan yang sedang diproses;
     jejak lengkap dengan --debug"""


# argparse's own messages, in the users' language (the rest of the text is argparse's, e.g. names).
_ARGPARSE_ID = [
    (r"^the following arguments are required: ", "argumen wajib belum diberikan: "),
    (r"^unrecognized arguments: ", "argumen tidak dikenal: "),
    (r"invalid choice: (.*) \(choose from (.*)\)$", r"pilihan tidak sah: \1 (pilih salah satu: \2)"),
    (r"invalid int value: ", "bukan bilangan bulat: "),
    (r"expected one argument$", "memerlukan satu nilai"),
    (r"^argument ", "argumen "),
    (r"ambiguous option: (\S+) could match (.*)$", r"opsi ambigu: \1 dapat berarti \2"),
    (r"expected at least one argument$", "memerlukan paling sedikit satu nilai"),
    (r"not allowed with argument ", "tidak boleh bersama argumen "),
    (r"invalid (\w+) value: ", r"nilai \1 tidak sah: "),
]


def indonesian(message: str) -> str:
    for pattern, repl in _ARGPARSE_ID:
        message = re.sub(pattern, repl, message)
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help layout with its own words in Indonesian."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "penggunaan: ")


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="tampilkan bantuan ini lalu keluar")
        # --debug is accepted before or after the subcommand (SUPPRESS: a subcommand does not reset it)
        self.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                          help="pada kesalahan internal (kode 3), tampilkan jejak (traceback) lengkap")
        # the one size limit for every file read, likewise before or after the subcommand
        self.add_argument("--max-size", type=_megabytes, metavar="MB", default=argparse.SUPPRESS, help=MAX_SIZE_HELP)

    def format_usage(self):
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups)
        return formatter.format_help()

    def error(self, message):  # argparse's own errors: exit 2 with a short message
        self.print_usage(sys.stderr)
        raise SystemExit(f"aturan: {indonesian(message)}") from None


def _date(text: str) -> dt.date:
    from .schema import DATE_YEARS
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} bukan tanggal YYYY-MM-DD") from None
    if not DATE_YEARS[0] <= day.year <= DATE_YEARS[1]:   # as for dates in a dossier: 0024 is a typo
        raise argparse.ArgumentTypeError(f"{text!r}: tahun di luar rentang {DATE_YEARS[0]}-{DATE_YEARS[1]}")
    return day


MAX_SIZE_HELP = ("ukuran terbesar setiap berkas yang dibaca, dalam MB (juga $ATURAN_MAX_SIZE_MB); bawaan: 10 untuk "
                 "YAML/JSON (dosir, pack, aturan, data pemantauan YAML) dan buku kerja dosir, 100 untuk tabel "
                 "pemantauan dan Siskeudes (CSV/XLSX)")


def _megabytes(text: str) -> float:
    try:
        mb = float(text)
    except ValueError:
        mb = float("nan")
    if not 0 < mb <= 10_000:   # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text!r} bukan ukuran yang sah (angka MB, lebih dari 0, paling banyak 10000)")
    return mb


REPORT_FORMATS = ("table", "markdown", "json", "jsonl", "html", "xlsx", "docx", "csv")
CHECK_EPILOG = """contoh:
  aturan check dosir.yaml
  aturan check isian.xlsx --format html -o laporan.html
  aturan teks html oku_selatan -o perbup.html && aturan check isian.xlsx --format html --teks-html perbup.html -o laporan.html
  aturan check isian.xlsx --format xlsx -o kkp.xlsx
  aturan check isian.xlsx --format docx -o temuan.docx
  aturan check folder-dosir/ --format jsonl -o hasil.jsonl        # satu baris JSON per dosir, memori tetap
  aturan check folder-dosir/ --rekap --format xlsx -o rekap.xlsx  # rekap per kabupaten dan kecamatan
  cat dosir.jsonl | aturan check - --format jsonl > hasil.jsonl    # JSON Lines dari stdin

kode keluar: 0 tidak ada yang tidak patuh; 1 ada kewajiban tidak patuh (dengan --strict: juga yang
tidak dapat dinilai); 2 ada dosir yang ditolak, atau masukan/opsi tidak dapat dipakai (dosir, pack,
opsi, berkas -o yang sudah ada); 3 kesalahan internal (bug di aturan; --debug menampilkan jejaknya).
Dosir yang ditolak tidak menghentikan pemeriksaan dosir lain; jumlah dosir masuk, dinilai dan ditolak
selalu dicetak ke stderr."""


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="aturan", description="Peraturan desa tentang stunting sebagai kode: periksa kepatuhan sebuah desa.",
                epilog=EXIT_HELP)
    p.add_argument("--version", action="version", version=f"aturan {__version__}",
                   help="tampilkan versi aturan lalu keluar")
    p.add_argument("--rules", action="append", metavar="DIR", help="folder berisi rule pack (boleh berulang)")
    sub = p.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser, title="perintah",
                           help="jalankan `aturan PERINTAH -h` untuk bantuan tiap perintah")

    c = sub.add_parser("check", help="periksa kepatuhan dosir desa terhadap peraturannya",
                       description="Periksa kepatuhan dosir (YAML, JSON atau buku kerja isian .xlsx) terhadap "
                                   "peraturannya, kewajiban demi kewajiban, dengan pasal dan buktinya.",
                       epilog=CHECK_EPILOG)
    c.add_argument("dossiers", nargs="+", metavar="DOSIR",
                   help="berkas dosir (.yaml, .json, buku kerja isian .xlsx), folder (semua dosir di dalamnya, "
                        "termasuk subfolder), atau - untuk JSON Lines dari stdin (satu dosir per baris)")
    c.add_argument("--pack", help="id atau folder rule pack (bawaan: dari identitas.kabupaten tiap dosir)")
    c.add_argument("--as-of", type=_date, metavar="TANGGAL", help="tanggal penilaian (bawaan: identitas.tanggal_data, lalu hari ini)")
    c.add_argument("--format", choices=list(REPORT_FORMATS), default="table", metavar="FORMAT",
                   help="table (bawaan, untuk layar), markdown, json, jsonl (satu baris per dosir, untuk banyak dosir), "
                        "html (laporan cetak), xlsx (kertas kerja pemeriksaan), docx (draf temuan); xlsx dan docx "
                        "memerlukan -o; dengan --rekap: table, markdown, csv, xlsx, json")
    c.add_argument("-o", "--output", metavar="BERKAS", help="tulis laporan ke berkas ini (tidak menimpa tanpa --force)")
    c.add_argument("--force", action="store_true", help="timpa berkas -o yang sudah ada")
    c.add_argument("--teks-html", metavar="ALAMAT",
                   help="(--format html) tautkan pasal setiap temuan ke tampilan teks peraturan dari "
                        "`aturan teks html PACK -o perbup.html`; {pack} diganti id pack, mis. {pack}.html")
    c.add_argument("--strict", action="store_true", help="keluar 1 juga bila ada yang tidak dapat dinilai")
    c.add_argument("--verbose", "-v", action="store_true", help="tampilkan juga kewajiban yang tidak berlaku")
    c.add_argument("--monitoring", nargs="+", metavar="BERKAS", help="data pemantauan bulanan untuk rekonsiliasi scorecard")
    c.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="jumlah proses pemeriksa (bawaan: jumlah inti prosesor; 1 = tanpa proses tambahan)")
    c.add_argument("--rekap", action="store_true",
                   help="cetak rekap per kabupaten dan kecamatan (jumlah desa, status, kewajiban paling sering "
                        "dilanggar, matriks desa x kewajiban) alih-alih laporan per desa")
    c.add_argument("--top", type=int, default=10, metavar="N", help="dengan --rekap: jumlah kewajiban paling sering "
                                                                   "dilanggar yang ditampilkan (bawaan 10)")
    c.add_argument("--quiet", "-q", action="store_true", help="tanpa bilah kemajuan")
    c.set_defaults(func=cmd_check)

    r = sub.add_parser("rekap", help="rekap per kabupaten dan kecamatan dari hasil `check --format jsonl`",
                       description="Rekap hasil pemeriksaan banyak dosir: per kabupaten/kota dan kecamatan jumlah desa "
                                   "yang dinilai dan ditolak, jumlah kewajiban per status, kewajiban yang paling sering "
                                   "dilanggar beserta pasalnya, dan matriks desa x kewajiban.",
                       epilog="contoh:\n  aturan check folder-dosir/ --format jsonl -o hasil.jsonl\n"
                              "  aturan rekap hasil.jsonl --format xlsx -o rekap.xlsx\n\n"
                              "kode keluar: 0 rekap dibuat; 2 ada baris yang bukan hasil aturan check (dilewati dan "
                              "disebutkan), atau berkas tidak dapat dibaca")
    r.add_argument("files", nargs="+", metavar="HASIL", help="berkas JSON Lines dari `aturan check --format jsonl` "
                                                             "(- untuk stdin)")
    r.add_argument("--format", choices=["table", "markdown", "csv", "xlsx", "json"], default="table", metavar="FORMAT",
                   help="table (bawaan), markdown, csv (satu baris per desa dan kewajiban), xlsx (memerlukan -o), json")
    r.add_argument("-o", "--output", metavar="BERKAS", help="tulis rekap ke berkas ini (tidak menimpa tanpa --force)")
    r.add_argument("--force", action="store_true", help="timpa berkas -o yang sudah ada")
    r.add_argument("--top", type=int, default=10, metavar="N",
                   help="jumlah kewajiban paling sering dilanggar per kabupaten (bawaan 10)")
    r.set_defaults(func=cmd_rekap)

    e = sub.add_parser("explain", help="tampilkan aturan, kutipan pasal dan ekspresinya")
    e.add_argument("rule", metavar="ID-ATURAN", help="id aturan, mis. oku_selatan.kpm.pendidikan_minimal")
    e.add_argument("--pack", help="id atau folder rule pack (bawaan: dicari di semua pack)")
    e.set_defaults(func=cmd_explain)

    pl = sub.add_parser("plugins", help="daftar plugin kabupaten/kota yang terpasang")
    pl.set_defaults(func=cmd_plugins)

    pk = sub.add_parser("packs", help="daftar rule pack yang ditemukan")
    pk.set_defaults(func=cmd_packs)

    t = sub.add_parser("test", help="jalankan kasus uji rule pack")
    t.add_argument("packs", nargs="*", metavar="PACK", help="pack yang diuji (bawaan: semua)")
    t.add_argument("--verbose", "-v", action="store_true", help="tampilkan setiap kasus, juga yang lulus")
    t.set_defaults(func=cmd_test)

    s = sub.add_parser("schema", help="cetak JSON Schema (untuk editor): pack, berkas aturan, dosir, ...")
    s.add_argument("which", choices=["pack", "rules", "traceability", "tests", "dossier", "monitoring"],
                   help="pack.yaml, rules/*.yaml, traceability.yaml, tests/*.yaml, dosir, data pemantauan")
    s.set_defaults(func=cmd_schema)

    try:
        from .scorecard.cli import add_scorecard_parser
    except ImportError:
        pass
    else:
        add_scorecard_parser(sub)
    from .dossier.cli import add_dossier_parser
    add_dossier_parser(sub)
    try:
        from .authoring.cli import add_authoring_parsers
    except ImportError:
        pass
    else:
        add_authoring_parsers(sub)
    try:
        from .teks.cli import add_teks_parser
    except ImportError:
        pass
    else:
        add_teks_parser(sub)
    return p


# ------------------------------------------------------------------ check
def cmd_check(args) -> int:
    from .checking import cmd_check as check
    return check(args)


def cmd_rekap(args) -> int:
    from .checking import cmd_rekap as rekap
    return rekap(args)


# ------------------------------------------------------------------ explain
def cmd_explain(args) -> int:
    from .loader import available_packs
    session = Session.from_args(args)
    pack_ids = [args.pack] if args.pack else sorted(available_packs(session.search))
    prefix = args.rule.split(".")[0]
    if not args.pack and prefix in pack_ids:
        pack_ids = [prefix]
    for pid in pack_ids:
        pack = session.pack(pid)
        rule = pack.rule(args.rule)
        if rule is None:
            continue
        terms = pack.terms_for(None)
        from .engine import render_message
        from .report.common import deadline_text, party_text
        lines = [
            f"{rule.id}",
            f"  {rule.title}",
            f"  Dasar hukum : {rule.citation} — {pack.regulation}",
            f"  Kutipan     : “{rule.quote}”",
            f"  Konsep      : {rule.concept}",
            f"  Pihak       : {party_text(rule, terms)}",
            f"  Subjek      : {rule.subject} · tingkat: {rule.severity}",
            "  Dasar       : " + {"tekstual": "tekstual (pasal menyatakan kewajiban ini)",
                                  "tafsiran": "tafsiran (pack menyimpulkan kewajiban ini dari teks)"}.get(
                                      rule.dasar, "(belum dinyatakan)"),
        ]
        if rule.tafsiran:
            lines.append(f"  Alasan      : {rule.tafsiran.get('alasan', '').strip()}")
            lines.append(f"  Kata teks   : “{rule.tafsiran.get('kata', '').strip()}”")
        when_due = deadline_text(rule)
        if when_due:
            lines.append(f"  {'Periode' if rule.periode else 'Tenggat'}     : {when_due}")
        if rule.params:
            lines.append("  Parameter   : " + ", ".join(f"{k} = {v}" for k, v in rule.params.items()))
        if rule.when_src:
            lines.append(f"  Berlaku bila: {rule.when_src.strip()}")
        lines.append(f"  Syarat      : {rule.require_src.strip()}")
        lines.append(f"  Pesan       : {render_message(rule, terms)}")
        lines.append(f"  Fakta dibaca: {', '.join(rule.paths)}")
        if rule.note:
            lines.append(f"  Catatan     : {rule.note}")
        lines.append(f"  Sumber      : {rule.location}")
        print("\n".join(lines))
        return EXIT_OK
    raise AturanError(f"aturan {args.rule!r} tidak ditemukan di pack mana pun ({', '.join(pack_ids)})")


# ------------------------------------------------------------------ plugins & packs
def cmd_plugins(args) -> int:
    from .model import Citation
    session = Session.from_args(args)
    out = []
    for name, info in sorted(session.registry.plugins.items()):
        out.append(f"{name}  ({info.source})")
        for unit, t in info.terminology.items():
            words = ", ".join(t[k] for k in ("unit", "kepala", "badan_permusyawaratan", "rumah_sehat", "anggaran", "dana", "wilayah"))
            out.append(f"  istilah [{unit}]: {words}")
        if info.packages:
            out.append(f"  paket layanan ({len(info.packages)}):")
            out += [f"    {i}. {p.name} [{p.aligned}] — {Citation.from_dict(p.citation)}" for i, p in enumerate(info.packages, 1)]
        if info.kpm_criteria:
            out.append("  kriteria KPM:")
            out += [f"    - {k.text} — {Citation.from_dict(k.citation)}" + (f" (nilai: {k.value})" if k.value is not None else "")
                    for k in info.kpm_criteria]
        names = [f"{c}" for c in info.constants] + [f"{f}()" for f in info.functions]
        if names:
            out.append(f"  nama DSL: {', '.join(names)}")
        out.append("")
    print("\n".join(out).rstrip())
    return EXIT_OK


def cmd_packs(args) -> int:
    session = Session.from_args(args)
    rows = []
    for pid, path, reg, err in session.pack_headers():
        if err is not None:
            name = f"(rusak: {err.message})"
        elif reg.get("binding", True) is False:   # a guide: an edition, not a number
            name = f"{reg.get('kind')} {reg.get('regency')} {reg.get('number')} {reg.get('year')} (tidak mengikat)"
        else:
            name = f"{reg.get('kind')} {reg.get('regency')} No. {reg.get('number')}/{reg.get('year')}"
        rows.append([pid, name, str(path)])
    print(tabulate(rows, headers=["Pack", "Peraturan", "Folder"], tablefmt="simple"))
    return EXIT_OK


def cmd_schema(args) -> int:
    from .schema import printable_schema
    print(json.dumps(printable_schema(args.which), ensure_ascii=False, indent=2))
    return EXIT_OK


# ------------------------------------------------------------------ test
def cmd_test(args) -> int:
    from .loader import available_packs
    from .testing import coverage_gaps, load_cases, run_case
    session = Session.from_args(args)
    ids = args.packs or sorted(available_packs(session.search))
    rows, failed, passed, problems, unusable = [], 0, 0, [], 0
    for pid in ids:
        try:
            with processing(pid):
                pack = session.pack(pid)
                cases = load_cases(pack)
        except AturanError as e:   # a pack that cannot be found or loaded is unusable input, not a failed case
            problems.append(str(e))
            unusable += 1
            continue
        for case in cases:
            with processing(f"{case.location} (kasus {case.name!r})"):
                res = run_case(pack, case)
            passed += res.passed
            if not res.passed:
                failed += 1
                problems.append(f"{case.location}: {case.name}\n    " + "\n    ".join(res.failures or [res.error]))
            if args.verbose or not res.passed:
                rows.append([pid, case.name, "lulus" if res.passed else "GAGAL", f"{len(case.expect)} aturan"])
        for gap in coverage_gaps(pack, cases):
            problems.append(f"{pack.path}: cakupan kasus kurang — {gap}")
            failed += 1
        if not args.verbose:
            n = sum(1 for c in cases)
            rows.append([pid, f"({n} kasus)", "", f"{len(pack.rules)} aturan"])
    print(tabulate(rows, headers=["Pack", "Kasus", "Hasil", "Diperiksa"], tablefmt="simple", maxcolwidths=[12, 60, 6, 12]))
    if problems:
        print("\n" + "\n".join(problems))
    print(f"\n{passed} passed, {failed} failed" + (f", {unusable} pack tidak dapat dipakai" if unusable else ""))
    if unusable:
        print(f"aturan: {unusable} pack tidak dapat dipakai (lihat di atas)", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_VIOLATION if failed else EXIT_OK


# ------------------------------------------------------------------ entry
def main(argv: list[str] | None = None) -> int:
    from .output import configure_streams
    configure_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        if isinstance(e.code, str):
            print(e.code, file=sys.stderr)
            return EXIT_INPUT
        return e.code if isinstance(e.code, int) else EXIT_INPUT
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_INPUT
    # The one guard: input errors exit 2 with their location; anything else is a bug in aturan and
    # exits 3 with one line naming the input being processed (the traceback only with --debug).
    try:
        from .yamlio import configure_size_limit
        configure_size_limit(_max_bytes(args))
        return args.func(args)
    except AturanError as e:
        print(f"aturan: {e}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as e:
        _debug_traceback(args, e)
        if isinstance(e, OSError) and e.filename:   # the machine refused a file (permission, disk full): not a bug
            print(f"aturan: {e.filename}: {_os_reason(e)}", file=sys.stderr)
            return EXIT_INPUT
        print(f"aturan: {internal_error_message(e, _command_line(argv))}", file=sys.stderr)
        return EXIT_INTERNAL


def _os_reason(e: OSError) -> str:
    import errno
    words = {errno.ENOENT: "tidak ada (berkas atau foldernya)", errno.EACCES: "akses ditolak",
             errno.EPERM: "tidak diizinkan", errno.ENOSPC: "ruang disk habis",
             errno.EROFS: "sistem berkas hanya dapat dibaca", errno.EISDIR: "adalah folder",
             errno.ENOTDIR: "salah satu bagian jalurnya bukan folder"}
    return words.get(e.errno, e.strerror or str(e))


def _max_bytes(args) -> int | None:
    """--max-size, else $ATURAN_MAX_SIZE_MB, in bytes; None when neither is given (each kind keeps its default)."""
    mb = getattr(args, "max_size", None)
    if mb is None:
        env = os.environ.get("ATURAN_MAX_SIZE_MB")
        if env:
            try:
                mb = _megabytes(env)
            except argparse.ArgumentTypeError as e:
                raise AturanError(f"ATURAN_MAX_SIZE_MB: {e}") from None
    return None if mb is None else int(mb * 1024 * 1024)


def _debug_traceback(args, exc: BaseException) -> None:
    if getattr(args, "debug", False) or os.environ.get("ATURAN_DEBUG"):
        import traceback
        traceback.print_exception(exc, file=sys.stderr)


def _command_line(argv) -> str:
    words = sys.argv[1:] if argv is None else list(argv)
    return "perintah `aturan " + " ".join(words)[:200] + "`"


def run() -> None:
    """The `aturan` command (and python -m aturan): this process is aturan's own."""
    from .session import freeze_packs
    freeze_packs()
    raise SystemExit(main())
