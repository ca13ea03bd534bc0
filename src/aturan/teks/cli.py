"""`aturan teks`: show, lint, export, html, draft and clean the regulation text of a pack (or a file)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import AturanError
from ..output import write_output

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


def add_teks_parser(sub) -> None:
    t = sub.add_parser("teks", help="teks peraturan dalam pack: tampilkan, periksa, ekspor, tampilan HTML, draf")
    tsub = t.add_subparsers(dest="teks_command", metavar="PERINTAH", title="perintah",
                            help="jalankan `aturan teks PERINTAH -h` untuk bantuan tiap perintah")

    s = tsub.add_parser("show", help="tampilkan teks, atau satu unit: aturan teks show PACK Pasal 21 huruf d")
    s.add_argument("pack", metavar="PACK", help="id atau folder pack")
    s.add_argument("rujukan", nargs="*", metavar="RUJUKAN", help="mis. Pasal 21 huruf d, Lampiran III huruf b, "
                   "Menimbang huruf b, atau id pasal-21/huruf-d (bawaan: seluruh teks)")
    s.add_argument("--format", choices=["text", "json"], default="text", help="bentuk keluaran: text, json")
    s.set_defaults(func=cmd_show)

    li = tsub.add_parser("lint", help="cacat teks: rujukan, penomoran, singkatan, jumlah, konsiderans ... "
                         "(keluar 1 bila ada)")
    li.add_argument("sources", nargs="+", metavar="PACK|BERKAS",
                    help="id atau folder pack, atau berkas teks (.txt, .md) / DOCX rancangan")
    li.add_argument("--format", choices=["text", "json"], default="text", help="bentuk keluaran: text, json")
    li.set_defaults(func=cmd_lint)

    e = tsub.add_parser("export", help="teks sebagai JSON atau Akoma Ntoso, kepala pack sebagai rekaman JDIHN")
    e.add_argument("pack", metavar="PACK", help="id atau folder pack")
    e.add_argument("--format", choices=["json", "akn", "jdihn"], default="json",
                   help="json (pohon teks), akn (Akoma Ntoso XML), jdihn (rekaman metadata JDIHN)")
    e.add_argument("-o", "--output", metavar="BERKAS", help="tulis ke berkas (bawaan: layar)")
    e.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    e.set_defaults(func=cmd_export)

    h = tsub.add_parser("html", help="tampilan literate: setiap Pasal diikuti aturan yang mengodekannya")
    h.add_argument("pack", metavar="PACK", help="id atau folder pack")
    h.add_argument("-o", "--output", metavar="BERKAS", required=True, help="berkas HTML yang ditulis")
    h.add_argument("--dosir", metavar="DOSIR", help="tampilkan hasil pemeriksaan satu desa di samping aturan")
    h.add_argument("--as-of", metavar="TANGGAL", help="tanggal penilaian untuk --dosir (YYYY-MM-DD)")
    h.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    h.set_defaults(func=cmd_html)

    d = tsub.add_parser("draft", help="rancangan teks Perbup dari pack salinan (pack new): DOCX atau Markdown")
    d.add_argument("pack", metavar="PACK", help="pack draf (dibuat dengan aturan pack new)")
    d.add_argument("--from", dest="origin", metavar="PACK", help="pack asal (bawaan: dari teks/asal.yaml draf)")
    d.add_argument("--format", choices=["docx", "md"], default="docx", help="bentuk rancangan: docx, md")
    d.add_argument("-o", "--output", metavar="BERKAS", help="berkas yang ditulis (bawaan: rancangan_PACK.docx/.md)")
    d.add_argument("--simpan", action="store_true",
                   help="simpan juga teks rancangan ke teks/naskah.txt pack draf (untuk pack lint)")
    d.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    d.set_defaults(func=cmd_draft)

    b = tsub.add_parser("bersihkan", help="tata teks OCR/markdown menjadi satu unit per baris, dengan catatan perubahan")
    b.add_argument("source", metavar="SUMBER", help="teks OCR (.txt/.md) atau DOCX")
    b.add_argument("-o", "--output", metavar="BERKAS", required=True, help="teks bersih yang ditulis (naskah.txt)")
    b.add_argument("--perbaikan", metavar="YAML", help="perbaikan manual (perbaikan.yaml) yang diterapkan dulu")
    b.add_argument("--catatan", metavar="YAML", help="tulis daftar perubahan (bawaan: pembersihan.yaml di samping -o)")
    b.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    b.set_defaults(func=cmd_bersihkan)
    t.set_defaults(func=lambda args: _help(t))


def _help(parser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_INPUT


def _session(args):
    from ..session import Session
    return Session.from_args(args)


def _pack_text(args, ref: str):
    """(pack, naskah) of a pack; an error when the pack has no text."""
    from . import load_pack_text, text_path
    session = _session(args)
    pack = session.pack(ref)
    naskah = load_pack_text(pack.path)
    if naskah is None:
        raise AturanError(f"pack {pack.id} tidak membawa teks peraturan ({text_path(pack.path)} tidak ada)",
                          hint="tulis teks rancangan dengan `aturan teks draft PACK --simpan`, atau bersihkan teks "
                          "sumber dengan `aturan teks bersihkan`")
    return session, pack, naskah


def _write(path: str | None, text: str | bytes, force: bool) -> None:
    """Standard output when no file is named (text only), else the file, as every report is written."""
    if path is None or path == "-":
        if isinstance(text, bytes):
            raise AturanError("format biner memerlukan -o BERKAS")
        sys.stdout.write(text)
        return
    write_output(path, text, force=force)


# ------------------------------------------------------------------ show
def cmd_show(args) -> int:
    from .export import unit_dict
    from .locate import unit_for_words
    from .render import indent_of, unit_lines
    _, pack, naskah = _pack_text(args, args.pack)
    u = unit_for_words(naskah, args.rujukan)
    if args.format == "json":
        sys.stdout.write(json.dumps(unit_dict(u, naskah), ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    lines = []
    for x in u.walk():
        if x is naskah.root:
            continue
        lines.extend(ln[len(indent_of(u)):] if ln.startswith(indent_of(u)) else ln for ln in unit_lines(x))
    if u is not naskah.root:
        print(f"{u.title()} — {naskah.location(u.line, u.col)}")
    print("\n".join(lines))
    return EXIT_OK


# ------------------------------------------------------------------ lint
def cmd_lint(args) -> int:
    from . import load_notes, load_pack_text
    from .lint import lint_naskah, render_findings
    from .parser import parse_file
    from ..loader import PACK_FILE
    results = []
    for src in args.sources:
        p = Path(src)
        if p.is_file() and p.name != PACK_FILE:
            naskah = parse_file(p)
            findings = lint_naskah(naskah)
            name = str(p)
        else:
            session = _session(args)
            pack = session.pack(src)
            naskah = load_pack_text(pack.path)
            if naskah is None:
                raise AturanError(f"pack {pack.id} tidak membawa teks peraturan (teks/naskah.txt)",
                                  hint="untuk pack draf: `aturan teks draft PACK --simpan`")
            findings = lint_naskah(naskah, load_notes(pack.path))
            name = f"teks {pack.id}"
        results.append((name, naskah, findings))
    if args.format == "json":
        out = [{"source": name, "findings": [f.as_dict() for f in fs],
                "counts": {"total": len(fs), "periksa": sum(f.asal == "periksa" for f in fs),
                           "catatan": sum(f.asal == "catatan" for f in fs)}} for name, _, fs in results]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        for name, _, fs in results:
            sys.stdout.write(render_findings(fs, name))
    return EXIT_PROBLEMS if any(fs for _, _, fs in results) else EXIT_OK


# ------------------------------------------------------------------ export
def cmd_export(args) -> int:
    from . import load_pack_text
    from .export import to_akn, to_jdihn, to_json
    if args.format == "jdihn":
        session = _session(args)
        pack = session.pack(args.pack)
        text = to_jdihn(pack, load_pack_text(pack.path))
    else:
        _, pack, naskah = _pack_text(args, args.pack)
        text = to_json(naskah, pack) if args.format == "json" else to_akn(naskah, pack)
    _write(args.output, text, args.force)
    return EXIT_OK


# ------------------------------------------------------------------ html
def cmd_html(args) -> int:
    from .html import literate_html
    session, pack, naskah = _pack_text(args, args.pack)
    report = None
    if args.dosir:
        import datetime as dt
        from ..engine import evaluate
        from ..loader import load_dossier
        as_of = None
        if args.as_of:
            try:
                as_of = dt.date.fromisoformat(args.as_of)
            except ValueError:
                raise AturanError(f"--as-of {args.as_of!r} bukan tanggal YYYY-MM-DD") from None
        report = evaluate(pack, load_dossier(args.dosir), as_of)
    _write(args.output, literate_html(pack, naskah, report=report), args.force)
    print(f"Tampilan {pack.id} ditulis ke {args.output}")
    return EXIT_OK


# ------------------------------------------------------------------ draft
def cmd_draft(args) -> int:
    from .draft import draft_for, draft_docx, draft_markdown, save_draft_text
    session = _session(args)
    draft = draft_for(session, args.pack, origin=args.origin)
    out = args.output or f"rancangan_{draft.pack.id}.{args.format}"
    data = draft_docx(draft) if args.format == "docx" else draft_markdown(draft)
    _write(out, data, args.force)
    msg = [f"Rancangan teks {draft.pack.id} (dari {draft.origin.id}) ditulis ke {out}: "
           f"{len(draft.changed)} unit berubah dan ditandai untuk ditinjau."]
    for note in draft.unplaced:
        msg.append(f"  perhatian: {note}")
    if args.simpan:
        path = save_draft_text(draft, force=args.force)
        msg.append(f"Teks rancangan disimpan ke {path}; `aturan pack lint {draft.pack.id}` kini memeriksa kutipan "
                   "terhadapnya.")
    print("\n".join(msg))
    return EXIT_OK


# ------------------------------------------------------------------ clean
def cmd_bersihkan(args) -> int:
    from .clean import changes_yaml, clean_source
    src = Path(args.source)
    if not src.is_file():
        raise AturanError(f"{src} tidak ada")
    fixes = Path(args.perbaikan) if args.perbaikan else None
    if fixes is not None and not fixes.is_file():
        raise AturanError(f"{fixes} tidak ada")
    text, changes, info = clean_source(src, fixes)
    _write(args.output, text, args.force)
    record = Path(args.catatan) if args.catatan else Path(args.output).with_name("pembersihan.yaml")
    _write(str(record), changes_yaml(changes, info), args.force)
    print(f"{args.output}: {len(text.splitlines())} baris; {len(changes)} perubahan tercatat di {record}")
    return EXIT_OK
