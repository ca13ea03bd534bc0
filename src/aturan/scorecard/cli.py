"""`aturan scorecard`: compute Formulir 4 (or the 3a/3b quarter recap) from monitoring files."""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from ..errors import AturanError

EXIT_OK, EXIT_ATTENTION, EXIT_INPUT = 0, 1, 2
FORMATS = ("table", "markdown", "json", "csv", "xlsx")
COUNTINGS = ("regulasi", "opensid")


def _bounded(what: str, lo: int, hi: int, names: dict | None = None):
    """An argparse type for a whole number in [lo, hi] (a year 0 or a month 13 is a typo, never 'none')."""
    def parse(text: str) -> int:
        t = text.strip().lower()
        if names and t in names:
            return names[t]
        try:
            n = int(t)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} harus bilangan bulat {lo}-{hi}, bukan {text!r}") from None
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"{what} {n} di luar {lo}-{hi}")
        return n
    return parse


def _month_names() -> dict:
    from .readers.base import MONTH_NUM
    return MONTH_NUM


_year = _bounded("tahun", 2000, 2100)
_month = _bounded("bulan", 1, 12, _month_names())
_quarter = _bounded("kuartal", 1, 4)


def _name(text: str) -> str:
    t = " ".join(text.split())
    if not t or any(ord(c) < 32 for c in text):
        raise argparse.ArgumentTypeError("nama tidak boleh kosong atau berisi karakter kendali")
    return t


def add_scorecard_parser(subparsers) -> argparse.ArgumentParser:
    s = subparsers.add_parser(
        "scorecard", help="hitung scorecard konvergensi (Formulir 4) dari data pemantauan bulanan",
        description=("Hitung scorecard konvergensi desa (Formulir 4; dengan --quarter: rekap 3 bulanan "
                     "Formulir 3a/3b) dari catatan pemantauan bulanan Formulir 2a/2b/2c dalam CSV, XLSX, "
                     "YAML atau JSON, termasuk ekspor OpenSID. Keluar 0 bila semua baris dipakai, 1 bila ada "
                     "baris yang ditolak atau angka laporan tahunan yang tidak sesuai, 2 bila masukan tidak "
                     "dapat dipakai."))
    s.add_argument("files", nargs="*", metavar="BERKAS", help="berkas pemantauan (.csv, .xlsx, .yaml, .json)")
    s.add_argument("--dossier", "--dosir", metavar="DOSIR",
                   help="dosir desa: tahun, nama desa, Tabel 5 (APB) dan rekonsiliasi dengan laporan tahunan")
    s.add_argument("--quarter", "--kuartal", type=_quarter, metavar="Q",
                   help="rekap kuartal Q (1-4): Formulir 3a/3b dan Formulir Bantu")
    s.add_argument("--format", choices=FORMATS, default="table",
                   help="table (bawaan), markdown, json (semuanya), csv (satu angka per baris), xlsx (buku kerja "
                        "untuk dicetak dan ditandatangani; perlu -o)")
    s.add_argument("--formulir", type=int, choices=(1, 4), default=4,
                   help="4 (bawaan): Formulir 4 score card (atau 3a/3b dengan --kuartal); 1: Formulir 1, rekapitulasi "
                        "sasaran dan ketersediaan layanan")
    s.add_argument("--output", "-o", metavar="BERKAS", help="tulis ke berkas (wajib untuk --format xlsx)")
    s.add_argument("--force", action="store_true", help="timpa berkas keluaran yang sudah ada")
    s.add_argument("--tahun", type=_year, metavar="TAHUN",
                   help="tahun yang dihitung, 2000-2100 (bawaan: dosir, lalu data); ekspor OpenSID tidak memuat tahun")
    s.add_argument("--bulan", type=_month, metavar="BULAN",
                   help="bulan (1-12 atau nama) untuk berkas tanpa kolom bulan, mis. satu ekspor bulanan OpenSID")
    s.add_argument("--desa", type=_name, metavar="NAMA", help="nama desa untuk berkas tanpa kolom desa; bila ada banyak "
                                                               "desa, tampilkan hanya desa ini")
    s.add_argument("--cara-hitung", choices=COUNTINGS, default="regulasi", dest="cara_hitung",
                   help="regulasi (bawaan): aturan Formulir 4 Perbup; opensid: cara hitung scorecard OpenSID "
                        "(Rekap.php), untuk mencocokkan angka yang dicetak desa dari OpenSID")
    s.add_argument("--pack", help="rule pack untuk istilah dan pasal rekonsiliasi (bawaan: dari dosir)")
    s.add_argument("--indikator", metavar="BERKAS", help="berkas indikator lain (bawaan: indikator Formulir 4)")
    s.add_argument("--ditolak", metavar="BERKAS", help="tulis semua baris yang ditolak ke CSV ini")
    s.add_argument("--template", metavar="BERKAS",
                   help="tulis templat isian (.xlsx, atau .csv; '-' = CSV ke layar) lalu selesai")
    s.add_argument("--apb", nargs="+", metavar="BERKAS",
                   help="ekspor Siskeudes (ZIP Ta_Kegiatan.csv..., atau laporan APB per kegiatan) untuk Tabel 5 dan "
                        "dana stunting, menggantikan apb dalam dosir")
    s.set_defaults(func=run_scorecard)
    a = subparsers.add_parser(
        "apb", help="baca APB Desa per kegiatan dari ekspor Siskeudes dan tulis bagian 'apb' dosir",
        description=("Baca ekspor Siskeudes (ZIP berisi Ta_Kegiatan.csv, Ta_Bidang.csv, Ref_Desa.csv seperti yang "
                     "diimpor OpenSID, atau laporan APB Desa per kegiatan berkolom kode, uraian, anggaran) dan cetak "
                     "bagian 'apb' dosir: total belanja, belanja per bidang dan kegiatan pencegahan stunting. Paket "
                     "layanan ditebak dari nama kegiatan dan ditandai untuk diperiksa. Keluar 0 bila semua baris "
                     "dipakai, 1 bila ada baris yang ditolak, 2 bila berkas tidak dapat dipakai."))
    a.add_argument("files", nargs="+", metavar="BERKAS", help="ekspor Siskeudes (.zip, .csv, .xlsx)")
    a.add_argument("--desa", type=_name, metavar="NAMA", help="desa yang dibaca bila ekspornya memuat beberapa desa")
    a.add_argument("--tahun", type=_year, metavar="TAHUN", help="tahun anggaran yang dibaca")
    a.add_argument("--format", choices=("yaml", "json", "table"), default="yaml",
                   help="yaml (bawaan; tempelkan ke dosir), json, table (untuk dibaca)")
    a.set_defaults(func=run_apb)
    return s


def run_apb(args) -> int:
    try:
        from .readers.siskeudes import read_apb
        res = read_apb(args.files, desa=args.desa, tahun=args.tahun)
    except AturanError as e:
        print(f"aturan: {e}", file=sys.stderr)
        return EXIT_INPUT
    from .render import render_apb
    sys.stdout.write(render_apb(res, args.format))
    for r in res.rejections:
        print(f"aturan: ditolak {r}", file=sys.stderr)
    for w in res.warnings:
        print(f"Peringatan: {w}", file=sys.stderr)
    return EXIT_ATTENTION if res.rejections else EXIT_OK


def run_scorecard(args) -> int:
    try:
        return _run(args)
    except AturanError as e:
        print(f"aturan: {e}", file=sys.stderr)
        return EXIT_INPUT


def _refuse_overwrite(path: str, force: bool) -> None:
    from ..output import check_output
    check_output(path, force)


def _run(args) -> int:
    from .indicators import choose_indicators, load_indicators
    if args.template:
        indicators = load_indicators(args.indikator) if args.indikator else choose_indicators(args.cara_hitung)
        from .template import template_csv, write_template
        if args.template == "-":
            sys.stdout.write(template_csv(indicators))
            return EXIT_OK
        _refuse_overwrite(args.template, args.force)
        if Path(args.template).suffix.lower() not in (".xlsx", ".csv"):
            raise AturanError("templat harus .xlsx atau .csv")
        write_template(args.template, indicators)
        print(f"Templat ditulis: {args.template}", file=sys.stderr)
        return EXIT_OK
    if not args.files:
        raise AturanError("sebutkan berkas pemantauan (atau --template BERKAS untuk membuat templat)")
    if args.format == "xlsx" and not args.output:
        raise AturanError("--format xlsx memerlukan --output BERKAS.xlsx")
    if args.output:
        _refuse_overwrite(args.output, args.force)

    dossier = pack = terms = None
    if args.dossier:
        from ..loader import load_dossier
        dossier = load_dossier(args.dossier)
    pack = _pack(args, dossier)
    unit = dossier.unit if dossier else None
    if pack is not None:
        try:
            terms = pack.terms_for(unit)
        except Exception:  # a pack without terminology for this unit: plain words
            terms = None
    indicators = load_indicators(args.indikator) if args.indikator else choose_indicators(args.cara_hitung, pack)
    from .compute import compute
    tahun = args.tahun if args.tahun is not None else (dossier.year if dossier else None)
    desa = args.desa or (dossier.name if dossier else None)

    # per-target lines (Formulir 3a/3b): the quarter asked, or every quarter for the yearly workbook
    detail = f"K{args.quarter}" if args.quarter else ("K1", "K2", "K3", "K4") if args.format == "xlsx" else None

    def run(ind):
        return compute(args.files, indicators=ind, tahun=tahun, bulan=args.bulan, desa=desa, detail=detail)
    result = run(indicators)
    if result.errors:
        for e in result.errors:
            print(f"aturan: {e}", file=sys.stderr)
        print("aturan: scorecard tidak dihitung karena ada berkas yang tidak dapat dipakai", file=sys.stderr)
        return EXIT_INPUT
    if args.ditolak:
        from .render import render_rejections_csv
        _refuse_overwrite(args.ditolak, args.force)
        Path(args.ditolak).write_text(render_rejections_csv(result), encoding="utf-8")
    if result.rows_used == 0:
        from .render import rejection_lines, summary_lines
        for line in summary_lines(result) + rejection_lines(result):
            print(line, file=sys.stderr)
        print("aturan: tidak ada baris pemantauan yang dapat dipakai", file=sys.stderr)
        return EXIT_INPUT
    if args.desa and len(result.villages) > 1:
        v = result.village(args.desa)
        if v is None:
            names = ", ".join(x.name for x in result.villages[:10])
            raise AturanError(f"desa {args.desa!r} tidak ada dalam data pemantauan (ada: {names}...)")
        result = replace(result, villages=(v,))

    data = dossier.data if dossier else None
    if args.apb:
        data, apb_rejections = _with_apb(args, data)
        result = replace(result, rejections=result.rejections + tuple(apb_rejections))
    findings = None
    village_of_dossier = None
    if dossier is not None:
        from .reconcile import match_village, reconcile
        village_of_dossier, _ = match_village(result, dossier.name)
        # the report is held to the regulation's count; the other counting says where a gap comes from
        if indicators.name == "regulasi":
            primary, other = result, run(choose_indicators("opensid"))
        else:
            primary, other = run(choose_indicators("regulasi", pack)), result
        findings = reconcile(primary, data, pack, terms=terms,
                             alternatives={other.indicators.name: other} if not other.errors else None)
    elif args.apb and len(result.villages) == 1:
        village_of_dossier = result.villages[0]
    kabupaten = dossier.regency if dossier else None
    from . import render
    if args.format == "xlsx":
        render.write_xlsx(result, args.output, terms=terms, quarter=args.quarter, dossier=data,
                          village_of_dossier=village_of_dossier, kabupaten=kabupaten, findings=findings)
        for line in render.summary_lines(result) + render.rejection_lines(result) + render.warning_lines(result):
            print(line, file=sys.stderr)
        print(f"Ditulis: {args.output}", file=sys.stderr)
    else:
        if args.format == "json":
            text = render.render_json(result, data, village_of_dossier, findings)
        elif args.format == "csv":
            text = render.render_csv(result)
        else:
            text = render.render_text(result, args.format, terms, args.quarter, data, village_of_dossier,
                                      kabupaten, findings=findings, formulir=args.formulir)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        if args.format in ("csv", "json") or args.output:
            for line in render.summary_lines(result) + render.rejection_lines(result) + render.warning_lines(result):
                print(line, file=sys.stderr)
    mismatch = any(f["status"] == "tidak_patuh" for f in findings or [])
    return EXIT_ATTENTION if result.rejections or mismatch else EXIT_OK


def _with_apb(args, data: dict | None) -> tuple[dict, list]:
    """The dossier data with its `apb` taken from a Siskeudes export (Tabel 5, dana stunting)."""
    from .readers.siskeudes import dossier_apb, read_apb
    res = read_apb(args.apb, desa=args.desa or ((data or {}).get("identitas") or {}).get("nama"),
                   tahun=args.tahun or ((data or {}).get("identitas") or {}).get("tahun"))
    for w in res.warnings:
        print(f"Peringatan: {w}", file=sys.stderr)
    out = dict(data or {})
    out["apb"] = {**(out.get("apb") or {}), **dossier_apb(res)["apb"]}
    return out, res.rejections


def _pack(args, dossier):
    """The rule pack for terminology and citations: --pack, else the dossier's regency; None if none fits."""
    ref = args.pack
    if ref is None and dossier is None:
        return None
    try:
        from ..cli import Session
        session = Session(args)
        if ref is None:
            ref = session.pack_for_regency(dossier.regency)
        return session.pack(ref)
    except AturanError:
        if args.pack:
            raise
        return None
