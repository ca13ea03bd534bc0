"""`aturan dosir`: the fact-entry workbook for a pack, and a workbook read back as YAML/JSON."""
from __future__ import annotations

import json
import sys

from ..errors import AturanError


def add_dossier_parser(sub) -> None:
    p = sub.add_parser("dosir", help="buku kerja isian dosir (.xlsx): templat per pack, dan baca kembali",
                       description="Isi fakta desa di Excel, bukan YAML: `dosir template` membuat buku kerja dari skema "
                                   "dosir dengan istilah pack; `aturan check isian.xlsx` membacanya.")
    psub = p.add_subparsers(dest="dosir_command", metavar="PERINTAH", title="perintah",
                            help="jalankan `aturan dosir PERINTAH -h` untuk bantuan tiap perintah")
    t = psub.add_parser("template", help="buat buku kerja isian kosong (atau terisi dari dosir YAML/JSON)")
    t.add_argument("--pack", required=True, help="id atau folder rule pack: istilah, paket layanan dan kode")
    t.add_argument("--jenis", metavar="UNIT", help="jenis unit bila pack mengatur lebih dari satu (mis. ohoi)")
    t.add_argument("--dari", metavar="DOSIR", help="isi buku kerja dari dosir YAML/JSON yang sudah ada")
    t.add_argument("-o", "--output", required=True, metavar="BERKAS", help="berkas .xlsx yang ditulis")
    t.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    t.set_defaults(func=cmd_template)
    b = psub.add_parser("baca", help="baca buku kerja isian dan cetak dosirnya sebagai YAML atau JSON")
    b.add_argument("file", metavar="ISIAN", help="buku kerja isian .xlsx")
    b.add_argument("--format", choices=["yaml", "json"], default="yaml", help="bentuk keluaran: yaml (bawaan) atau json")
    b.add_argument("-o", "--output", metavar="BERKAS", help="tulis ke berkas (tidak menimpa tanpa --force)")
    b.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    b.set_defaults(func=cmd_read)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), 2)[1])


def cmd_template(args) -> int:
    from ..session import Session
    from ..loader import load_dossier
    from ..output import write_output
    from . import layout_for_pack
    from .write import render_workbook
    session = Session.from_args(args)
    pack = session.pack(args.pack)
    data, unit = None, args.jenis or pack.units[0]
    if args.jenis and args.jenis not in pack.units:
        raise AturanError(f"{pack.regulation} tidak mengatur {args.jenis!r}", hint=f"pilih: {', '.join(pack.units)}")
    if args.dari:
        dossier = load_dossier(args.dari)
        data, unit = dossier.data, dossier.unit
    layout = layout_for_pack(pack, unit)
    docs = session.registry.plugins.get(pack.plugin)
    notes = [(name, (docs.constant_docs.get(name) if docs else None) or ", ".join(value))
             for name, value in sorted(pack.constants.items())
             if isinstance(value, list) and value and all(isinstance(v, str) for v in value)]
    data_bytes = render_workbook(layout, title=f"{pack.regulation} ({pack.terms_for(unit)['unit']})", unit=unit,
                                 regency=pack.regulation.regency, data=data, notes=notes)
    write_output(args.output, data_bytes, force=args.force)
    print(f"ditulis: {args.output} ({len(layout.sheets)} lembar isian; periksa dengan `aturan check {args.output}`)")
    return 0


def cmd_read(args) -> int:
    import yaml
    from ..engine import jsonable
    from ..loader import load_dossier
    from ..output import emit, write_output
    dossier = load_dossier(args.file)
    data = jsonable(dossier.data)
    if args.format == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    if args.output:
        write_output(args.output, text, force=args.force)
    else:
        emit(text)
    return 0
