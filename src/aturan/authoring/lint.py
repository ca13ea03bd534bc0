"""`aturan pack lint`: every problem of a pack, each with file:line, so a drafter can fix them all in one pass."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema

from .. import schema as S
from ..errors import AturanError, DslError, ErrorList, Location, PackError, SchemaError, YamlError
from ..loader import PACK_FILE, load_pack, resolve_pack
from ..yamlio import Document, load_file
from . import baseline as B
from .facts import cite, load_catalog

MARKER = "[TINJAU]"
MAX_SCHEMA_ERRORS = 20


@dataclass(frozen=True)
class Problem:
    kind: str          # yaml, skema, dsl, pack, keterlacakan, pasal, konsep, catatan, tinjau, kasus, konsistensi,
    #                    cakupan, dasar, fakta_absen, periode
    message: str
    location: Location | None = None
    hint: str | None = None

    def line(self, caret: bool = False) -> str:
        head = f"{self.location}: [{self.kind}] {self.message}" if self.location else f"[{self.kind}] {self.message}"
        parts = [head]
        loc = self.location
        if caret and loc is not None and loc.source_line is not None and loc.col is not None:
            parts.append("    " + loc.source_line.rstrip("\n"))
            parts.append("    " + "".join(c if c == "\t" else " " for c in loc.source_line[:loc.col]) + "^")
        if self.hint:
            parts.append(f"    {self.hint}")
        return "\n".join(parts)


@dataclass
class LintResult:
    pack: str
    path: Path
    problems: list[Problem] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    bad_files: set[str] = field(default_factory=set)     # files with YAML or schema errors

    def add(self, kind: str, message: str, location: Location | None = None, hint: str | None = None) -> None:
        p = Problem(kind, message, location, hint)
        key = (str(p.location), p.message)
        if all((str(q.location), q.message) != key for q in self.problems):
            self.problems.append(p)


def lint_pack(ref: str, session, *, baseline=None) -> LintResult:
    """Lint one pack. Raises AturanError only when there is no pack to lint at all."""
    path = resolve_pack(ref, session.search)
    res = LintResult(path.name, path)
    docs = _load_docs(path, res)
    meta_doc = docs.get(PACK_FILE)
    if meta_doc is None:
        return res
    meta_ok = _schema(meta_doc, "pack", None, res)
    rule_docs = [d for name, d in docs.items() if name.startswith("rules/")]
    ok_rule_docs = [d for d in rule_docs if _schema(d, "pack", "rule_file", res)]
    trace_doc = docs.get("traceability.yaml")
    trace_ok = trace_doc is not None and _schema(trace_doc, "pack", "traceability", res)
    test_docs = [d for name, d in docs.items() if name.startswith("tests/")]
    for d in test_docs:
        _schema(d, "pack", "test_file", res)
    _markers(docs.values(), res)
    if not meta_ok:
        res.info.append("pack.yaml tidak sesuai skema; pemeriksaan DSL, keterlacakan dan pasal menunggu perbaikannya")
        return res

    meta = meta_doc.data
    raw_rules = [(meta_doc, ("rules", i), r) for i, r in enumerate(meta.get("rules", []))]
    raw_rules += [(d, ("rules", i), r) for d in ok_rule_docs for i, r in enumerate(d.data["rules"])]
    pack = _load(path, session, res)
    _declares(meta_doc, res)
    _citations(meta_doc, raw_rules, pack, res)
    if trace_ok:
        _traceability(meta_doc, trace_doc, raw_rules, res)
    elif trace_doc is None:
        res.add("keterlacakan", "traceability.yaml tidak ada: setiap Pasal harus dicatat (aturan yang "
                "mengodekannya, atau alasan tidak dapat diperiksa)", meta_doc.location(("articles",)))
    _notes(meta_doc, res)
    _scorecard(path, meta_doc, res)
    _text(path, meta_doc, trace_doc if trace_ok else None, raw_rules, res)
    _reviews(meta_doc, raw_rules, res)
    _concepts(meta_doc, raw_rules, pack, res)
    _basis_and_periods(raw_rules, res)
    if pack is not None:
        _consistency(pack, meta_doc, res)
        _cases(pack, res)
        _absent_facts(pack, res)
    if baseline is None:
        return res
    if pack is None:
        res.info.append(f"cakupan {baseline.id} belum diperiksa: pack belum dapat dimuat (perbaiki masalah di atas)")
    elif pack.path.resolve() == baseline.path.resolve():
        res.info.append(f"{pack.id} adalah garis dasar itu sendiri; cakupannya tidak dibandingkan")
    else:
        _baseline(pack, baseline, meta_doc, res)
    return res


# ------------------------------------------------------------------ files and schema
def _load_docs(path: Path, res: LintResult) -> dict[str, Document]:
    docs: dict[str, Document] = {}
    files = [path / PACK_FILE, path / "traceability.yaml"]
    files += sorted((path / "rules").glob("*.yaml")) + sorted((path / "tests").glob("*.yaml"))
    for f in files:
        if not f.exists() and f.name == "traceability.yaml":
            continue
        try:
            docs[str(f.relative_to(path))] = load_file(f)
        except AturanError as e:
            res.add("yaml", e.message, e.location, e.hint)
            res.bad_files.add(str(f))
    return docs


def _schema(doc: Document, name: str, ref: str | None, res: LintResult) -> bool:
    errors = sorted(S.validator(name, ref).iter_errors(doc.data), key=lambda e: list(map(str, e.absolute_path)))
    if not errors:
        return True
    res.bad_files.add(doc.file)
    best = jsonschema.exceptions.best_match(errors)
    shown = [best] + [e for e in errors if e is not best]
    seen_paths = set()
    for e in shown[:MAX_SCHEMA_ERRORS]:
        msg, p = S.translate(e)
        if p and isinstance(p[-1], tuple) and p[-1][0] == "__key__":
            loc = doc.key_location(p[:-1] + (p[-1][1],))
        else:
            loc = doc.location(p)
        if (loc.line, msg) in seen_paths:
            continue
        seen_paths.add((loc.line, msg))
        res.add("skema", msg, loc)
    if len(shown) > MAX_SCHEMA_ERRORS:
        res.info.append(f"{doc.file}: {len(shown) - MAX_SCHEMA_ERRORS} kesalahan skema lain tidak ditampilkan")
    return False


def _markers(docs, res: LintResult) -> None:
    """`[TINJAU]` left by `aturan pack new` in text or comments: still to be checked by a person."""
    for doc in docs:
        for i, line in enumerate(doc.lines):
            col = line.find(MARKER)
            if col >= 0:
                res.add("tinjau", "tanda tinjau masih ada: " + line[col + len(MARKER):].strip(" :-#")[:80],
                        Location(doc.file, i, col, line))


def _load(path: Path, session, res: LintResult):
    """Compile the pack as `aturan check` would: DSL, ids, placeholders, plugin words."""
    try:
        return load_pack(path, session.registry, search=session.search)
    except ErrorList as el:
        errors = el.errors
    except AturanError as e:
        errors = [e]
    bad_rules = any("/rules/" in f.replace("\\", "/") for f in res.bad_files)
    skipped = 0
    for e in errors:
        file = e.location.file if e.location else ""
        if isinstance(e, (SchemaError, YamlError)) and file in res.bad_files:
            continue   # already reported, with every other schema error of that file
        if bad_rules and file.endswith("traceability.yaml") and isinstance(e, PackError):
            skipped += 1   # rules of a file with schema errors were not loaded
            continue
        res.add(_kind(e), e.message, e.location, e.hint)
    if skipped:
        res.info.append(f"{skipped} rujukan traceability ke aturan di berkas yang tidak sesuai skema "
                        "diperiksa lagi setelah skemanya diperbaiki")
    return None


def _kind(e: AturanError) -> str:
    if isinstance(e, DslError):
        return "dsl"
    if isinstance(e, SchemaError):
        return "skema"
    if isinstance(e, YamlError):
        return "yaml"
    return "pack"


# ------------------------------------------------------------------ citations and traceability
def _declared(meta: dict) -> tuple[set[int], set[str]]:
    spec = meta["articles"]["pasal"]
    pasal = {n for n in range(spec["from"], spec["to"] + 1) if n not in spec.get("missing", [])}
    return pasal, set(meta["articles"].get("lampiran", []))


def _check_citation(c: dict, where: str, loc: Location, pasal: set, lampiran: set, res: LintResult) -> None:
    if c.get("pasal") is not None and c["pasal"] not in pasal:
        res.add("pasal", f"{where} merujuk Pasal {c['pasal']}, yang tidak dinyatakan dalam articles.pasal", loc,
                hint=f"Pasal yang dinyatakan: {_ranges(sorted(pasal))}")
    if c.get("lampiran") is not None and c["lampiran"] not in lampiran:
        res.add("pasal", f"{where} merujuk Lampiran {c['lampiran']}, yang tidak dinyatakan dalam articles.lampiran", loc,
                hint=f"lampiran yang dinyatakan: {', '.join(sorted(lampiran)) or '(tidak ada)'}")


def _ranges(ns: list[int]) -> str:
    if not ns:
        return "(tidak ada)"
    out, start, prev = [], ns[0], ns[0]
    for n in ns[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(f"{start}-{prev}" if prev != start else str(start))
        if n is not None:
            start = prev = n
    return ", ".join(out)


def _citations(meta_doc: Document, raw_rules, pack, res: LintResult) -> None:
    meta = meta_doc.data
    pasal, lampiran = _declared(meta)
    for doc, rp, r in raw_rules:
        _check_citation(r["citation"], f"aturan {r['id']}", doc.location(rp + ("citation",)), pasal, lampiran, res)
    for i, n in enumerate(meta.get("notes", [])):
        for j, c in enumerate(n.get("citations", [])):
            _check_citation(c, f"catatan {n['id']}", meta_doc.location(("notes", i, "citations", j)), pasal, lampiran, res)
        if n.get("governing"):
            _check_citation(n["governing"], f"catatan {n['id']} (governing)", meta_doc.location(("notes", i, "governing")),
                            pasal, lampiran, res)
    decl = meta.get("declares") or {}
    for section in ("packages", "kpm_criteria", "scope"):
        for i, item in enumerate(decl.get(section, [])):
            _check_citation(item["citation"], f"declares.{section} {item['id']}",
                            meta_doc.location(("declares", section, i, "citation")), pasal, lampiran, res)
    if pack is not None and meta["plugin"] != "declarative":
        loc = meta_doc.location(("plugin",))
        for p in pack.packages:
            _check_citation(p.citation, f"paket {p.id} dari plugin {pack.plugin}", loc, pasal, lampiran, res)
        for k in pack.kpm_criteria:
            _check_citation(k.citation, f"kriteria KPM {k.id} dari plugin {pack.plugin}", loc, pasal, lampiran, res)


def _traceability(meta_doc: Document, trace_doc: Document, raw_rules, res: LintResult) -> None:
    pasal, lampiran = _declared(meta_doc.data)
    missing_nums = set(meta_doc.data["articles"]["pasal"].get("missing", []))
    data = trace_doc.data
    have_p = {int(k) for k in (data.get("pasal") or {})}
    have_l = set((data.get("lampiran") or {}))
    top = trace_doc.key_location(("pasal",))
    gaps = sorted((pasal | missing_nums) - have_p)
    if gaps:
        res.add("keterlacakan", f"Pasal tanpa catatan keterlacakan: {_ranges(gaps)}", top,
                hint="tulis aturan yang mengodekannya (rules: [...]) atau not_checkable dengan note")
    for ln in sorted(lampiran - have_l):
        res.add("keterlacakan", f"Lampiran {ln} tanpa catatan keterlacakan", trace_doc.key_location(("lampiran",)))
    for k in (data.get("pasal") or {}):
        if int(k) not in pasal and int(k) not in missing_nums:
            res.add("keterlacakan", f"Pasal {k} dicatat, tetapi tidak ada dalam articles.pasal",
                    trace_doc.key_location(("pasal", k)))
    for k in (data.get("lampiran") or {}):
        if k not in lampiran:
            res.add("keterlacakan", f"Lampiran {k} dicatat, tetapi tidak ada dalam articles.lampiran",
                    trace_doc.key_location(("lampiran", k)))
    traced = {rid for section in ("pasal", "lampiran") for e in (data.get(section) or {}).values()
              for rid in e.get("rules", [])}
    for doc, rp, r in raw_rules:
        if r["id"] not in traced:
            res.add("keterlacakan", f"aturan {r['id']} tidak disebut dalam traceability.yaml",
                    doc.location(rp + ("id",)), hint=f"tambahkan ke entri {cite(r['citation'])}")


def _text(path: Path, meta_doc: Document, trace_doc: Document | None, raw_rules, res: LintResult) -> None:
    """The pack's regulation text (teks/): citations and quotes anchored in it, traceability against
    its Pasal (aturan.teks.anchor); a pack without a text gets an info line."""
    from ..teks.anchor import check_pack_text
    problems, info = check_pack_text(path, meta_doc, trace_doc, raw_rules)
    for p in problems:
        res.add(p.kind, p.message, p.location, p.hint)
    res.info.extend(info)


# ------------------------------------------------------------------ notes, review marks, concepts
def _notes(meta_doc: Document, res: LintResult) -> None:
    seen = set()
    for i, n in enumerate(meta_doc.data.get("notes", [])):
        loc = meta_doc.location(("notes", i, "id"))
        if n["id"] in seen:
            res.add("catatan", f"id catatan {n['id']!r} dipakai dua kali", loc)
        seen.add(n["id"])
        cits = n.get("citations", [])
        if n["kind"] == "kontradiksi":
            if len(cits) < 2:
                res.add("catatan", f"kontradiksi {n['id']} harus menyebut minimal dua ketentuan yang bertentangan "
                        "(citations)", loc)
            if not n.get("governing"):
                res.add("catatan", f"kontradiksi {n['id']} harus menyebut ketentuan yang diikuti pack (governing)", loc)
            elif cits and n["governing"] not in cits:
                res.add("catatan", f"kontradiksi {n['id']}: governing harus salah satu dari citations",
                        meta_doc.location(("notes", i, "governing")))
        if n["kind"] == "rujukan_salah" and not cits:
            res.add("catatan", f"rujukan_salah {n['id']} harus menyebut pasal yang rujukannya keliru (citations)", loc)


def _scorecard(path: Path, meta_doc: Document, res: LintResult) -> None:
    """A pack's own indicator file (scorecard.indikator) must be inside the pack and compile."""
    name = (meta_doc.data.get("scorecard") or {}).get("indikator")
    if not name:
        return
    loc = meta_doc.location(("scorecard", "indikator"))
    target = (path / name).resolve()
    if path.resolve() not in target.parents:
        res.add("pack", f"scorecard.indikator {name!r} berada di luar folder pack", loc)
        return
    if not target.is_file():
        res.add("pack", f"scorecard.indikator: berkas {name} tidak ada", loc)
        return
    from ..scorecard.indicators import load_indicators
    try:
        ind = load_indicators(target)
    except AturanError as e:
        for err in getattr(e, "errors", None) or [e]:
            res.add(_kind(err), f"indikator scorecard: {err.message}", err.location, err.hint)
        return
    groups = {g.form for g in ind.groups.values()}
    if not {"2a", "2b"} <= groups:
        res.add("pack", "indikator scorecard harus punya kelompok ibu hamil (2a) dan anak 0-23 bulan (2b)", loc)


def _reviews(meta_doc: Document, raw_rules, res: LintResult) -> None:
    hint = None
    for doc, rp, r in raw_rules:
        if r.get("review"):
            res.add("tinjau", f"aturan {r['id']} belum ditinjau: {r['review']}", doc.location(rp + ("review",)), hint)
    decl = meta_doc.data.get("declares") or {}
    for section in ("packages", "kpm_criteria"):
        for i, item in enumerate(decl.get(section, [])):
            if item.get("review"):
                res.add("tinjau", f"declares.{section} {item['id']} belum ditinjau: {item['review']}",
                        meta_doc.location(("declares", section, i, "review")), hint)


def _declares(meta_doc: Document, res: LintResult) -> None:
    meta = meta_doc.data
    if meta.get("declares") is not None and meta["plugin"] != "declarative":
        res.add("pack", f"bagian declares diabaikan karena pack memakai plugin {meta['plugin']!r}",
                meta_doc.key_location(("declares",)), hint="pakai `plugin: declarative`, atau hapus declares")


def _concepts(meta_doc: Document, raw_rules, pack, res: LintResult) -> None:
    cat = load_catalog()
    for doc, rp, r in raw_rules:
        c = r["concept"]
        if c not in cat.concepts:
            m = difflib.get_close_matches(c, list(cat.concepts), n=1)
            res.add("konsep", f"konsep {c!r} tidak ada di concepts.yaml; aturan ini tidak akan sejajar di `aturan compare`",
                    doc.location(rp + ("concept",)),
                    hint=f"maksud Anda {m[0]!r}?" if m else "tambahkan konsep di src/aturan/data/concepts.yaml")
    decl = meta_doc.data.get("declares") or {}
    for i, k in enumerate(decl.get("kpm_criteria", [])):
        if k["concept"] not in cat.concepts:
            res.add("konsep", f"kriteria KPM {k['id']}: konsep {k['concept']!r} tidak ada di concepts.yaml",
                    meta_doc.location(("declares", "kpm_criteria", i, "concept")))
    for section in ("packages", "kpm_criteria"):
        seen: set[str] = set()
        for i, item in enumerate(decl.get(section, [])):
            if item["id"] in seen:
                res.add("pack", f"id {item['id']!r} muncul dua kali dalam declares.{section}",
                        meta_doc.location(("declares", section, i, "id")))
            seen.add(item["id"])
    for i, p in enumerate(decl.get("packages", [])):
        if p["aligned"] not in cat.packages:
            m = difflib.get_close_matches(p["aligned"], list(cat.packages), n=1)
            res.add("konsep", f"paket {p['id']}: aligned {p['aligned']!r} bukan id paket bersama (concepts.yaml packages)",
                    meta_doc.location(("declares", "packages", i, "aligned")),
                    hint=f"maksud Anda {m[0]!r}?" if m else f"id paket: {', '.join(cat.packages)}")
    for (section, key), entry in pack.traceability.items() if pack is not None else ():
        for c in entry.concepts:
            if c not in cat.concepts:
                res.add("konsep", f"traceability {section} {key}: konsep {c!r} tidak ada di concepts.yaml",
                        entry.location, hint="tambahkan konsep di src/aturan/data/concepts.yaml")
    for i, s in enumerate(decl.get("scope", [])):
        for j, c in enumerate(s["concepts"]):
            if c not in cat.concepts:
                res.add("konsep", f"butir cakupan {s['id']}: konsep {c!r} tidak ada di concepts.yaml",
                        meta_doc.location(("declares", "scope", i, "concepts", j)))


def _consistency(pack, meta_doc: Document, res: LintResult) -> None:
    """A KPM criterion and the rule of the same concept must state the same number; so must the
    number of packages an article writes (params jumlah_paket) and the packages registered."""
    for r in pack.rules:
        n = r.params.get("jumlah_paket")
        if n is not None and pack.packages and n != len(pack.packages):
            res.add("konsistensi", f"aturan {r.id} menyebut {n} paket layanan, tetapi pack mendaftarkan "
                    f"{len(pack.packages)} ({', '.join(p.id for p in pack.packages)})", r.location,
                    hint="samakan jumlah_paket dengan declares.packages (atau plugin), atau catat kontradiksinya")
    declared = {c["id"]: i for i, c in enumerate((meta_doc.data.get("declares") or {}).get("kpm_criteria", []))}
    for k in pack.kpm_criteria:
        if k.concept == "kpm.pendidikan_minimal" and k.value not in B.LADDER:
            loc = (meta_doc.location(("declares", "kpm_criteria", declared[k.id], "value"))
                   if k.id in declared else meta_doc.location(("id",)))
            res.add("konsistensi", f"kriteria KPM {k.id}: jenjang pendidikan {k.value!r} tidak dikenal", loc,
                    hint=f"jenjang: {', '.join(B.LADDER)}")
            continue
        if k.value is None or k.value is True:
            continue
        for r in pack.rules:
            if r.concept != k.concept or len(r.params) != 1:
                continue
            (name, v), = r.params.items()
            if B.compare_values(name, v, k.value) not in (0, None):
                res.add("konsistensi", f"aturan {r.id} memakai {name} = {v!r}, tetapi kriteria KPM {k.id} "
                        f"bernilai {k.value!r}", r.location,
                        hint="samakan params aturan dengan nilai kriteria (declares.kpm_criteria atau plugin)")


def _cases(pack, res: LintResult) -> None:
    from ..testing import coverage_gaps, load_cases
    try:
        cases = load_cases(pack)
    except AturanError as e:
        res.add("kasus", e.message, e.location, e.hint)
        return
    for gap in coverage_gaps(pack, cases):
        rid, _, what = gap.partition(": ")
        rule = pack.rule(rid)
        res.add("kasus", f"{what} untuk aturan {rid}", rule.location if rule else pack.location,
                hint="tambahkan kasus di tests/*.yaml; jalankan `aturan test`")


# `exists(...)` is two-valued: an unrecorded fact becomes false, and in a requirement that is a violation.
_EXISTS = re.compile(r"\bexists\s*\(")
# due dates computed inside an expression instead of declared with `periode:`/`tenggat:`
_DUE_ARITHMETIC = re.compile(r"\b(?:year|month|quarter)\s*\(\s*tanggal_penilaian\s*\)"
                             r"|\btanggal_penilaian\s*(?:[<>]=?|before|after)\s*date\s*\("
                             r"|\bdate\s*\([^()]*\)\s*(?:\+\s*\w+\s*)?(?:[<>]=?|before|after)\s*tanggal_penilaian\b")


def _basis_and_periods(raw_rules, res: LintResult) -> None:
    """Each rule states its basis; no requirement turns an unrecorded fact into false; no hand-made due dates."""
    from ..loader import expression_locator
    for doc, rp, r in raw_rules:
        rid = r.get("id", "?")
        if "dasar" not in r:
            res.add("dasar", f"aturan {rid} belum menyatakan dasarnya", doc.key_location(rp + ("id",)),
                    hint="tulis `dasar: tekstual` bila pasal menyatakannya langsung, atau `dasar: tafsiran` "
                         "dengan `tafsiran: {alasan: ..., kata: ...}`")
        for key in ("require", "when"):
            src = r.get(key)
            if not isinstance(src, str):
                continue
            locate = expression_locator(doc, rp + (key,), src)
            for m in (_EXISTS.finditer(src) if key == "require" else ()):
                line = src.count("\n", 0, m.start())
                col = m.start() - (src.rfind("\n", 0, m.start()) + 1)
                res.add("fakta_absen", f"aturan {rid}: exists(...) dalam require menjadikan fakta yang tidak "
                        "dicatat sebagai tidak_patuh", locate(line, col),
                        hint="pakai ada(jalur): tidak dicatat -> tidak dapat dinilai; `false` atau [] -> tidak ada")
            for m in _DUE_ARITHMETIC.finditer(src):
                line = src.count("\n", 0, m.start())
                col = m.start() - (src.rfind("\n", 0, m.start()) + 1)
                res.add("periode", f"aturan {rid}: jatuh tempo dihitung dalam ekspresi ({key})", locate(line, col),
                        hint="nyatakan `periode: bulan|triwulan|semester|tahun` (dan `tenggat: {hari: N}`) dan pakai "
                             "periode.nomor / periode.mulai / periode.akhir")


def _absent_facts(pack, res: LintResult) -> None:
    """Run every rule on the pack's compliant examples with each fact it reads removed in turn."""
    from .probe import absent_fact_violations, compliant_examples, compliant_without_facts
    for ex in compliant_examples(pack):
        try:
            raw = load_file(ex).data
        except AturanError as e:
            res.add("fakta_absen", f"contoh {ex.name} tidak dapat dibaca: {e.message}", e.location)
            continue
        for rule in pack.rules:
            try:
                wrong = absent_fact_violations(pack, rule, raw)
            except AturanError as e:
                res.add("fakta_absen", f"contoh {ex.name}: {e.message}", e.location)
                break
            if wrong:
                res.add("fakta_absen", f"aturan {rule.id} menjadi tidak_patuh bila fakta tidak dicatat "
                        f"(contoh {ex.name}: {', '.join(wrong[:3])}{' …' if len(wrong) > 3 else ''})",
                        rule.location, hint="hanya pernyataan tegas `false` atau [] yang boleh menjadi pelanggaran; "
                                            "pakai ada(...) alih-alih exists(...)")
            if compliant_without_facts(pack, rule, raw):
                res.add("fakta_absen", f"aturan {rule.id} patuh walau tidak satu pun fakta yang dibacanya dicatat "
                        f"(contoh {ex.name} tanpa {', '.join(sorted(rule.paths)[:3])}"
                        f"{' …' if len(rule.paths) > 3 else ''})", rule.location,
                        hint="kepatuhan harus bertumpu pada fakta yang tercatat: `not terbukti(...)` hanya bersama "
                             "syarat yang menuntut bukti, mis. `... and (bukti or tidak_diketahui(\"...\"))`")


def _baseline(pack, baseline, meta_doc: Document, res: LintResult) -> None:
    loc = meta_doc.location(("id",))
    for cov in B.coverage(pack, baseline):
        item = cov.item
        if cov.manual:
            res.info.append(f"periksa sendiri: {item.id} — {item.text} ({item.citation})")
        elif not cov.covered and item.required:
            res.add("cakupan", f"butir wajib {baseline.id} belum dicakup: {item.id} — {item.text} ({item.citation})",
                    loc, hint=f"tambahkan aturan dengan konsep: {', '.join(item.concepts)}")
        elif not cov.covered:
            res.info.append(f"anjuran {baseline.id} belum dicakup: {item.id} — {item.text} ({item.citation})")
    for cid, label in B.weaker_concepts(pack, baseline):
        res.info.append(f"lebih lemah dari {baseline.id}: {cid} ({label})")


# ------------------------------------------------------------------ output
def render_problems(res: LintResult) -> str:
    out = []
    for p in sorted(res.problems, key=lambda p: (p.location.file if p.location else "", p.location.line or 0
                                                  if p.location else 0, p.location.col or 0 if p.location else 0)):
        out.append(p.line(caret=p.kind in ("dsl", "yaml", "skema")))
    for i in res.info:
        out.append(f"{res.path}: info: {i}")
    if any(p.kind == "tinjau" for p in res.problems):
        out.append(f"{res.path}: info: tanda tinjau: bandingkan kutipan, pasal, istilah dan metadata dengan teks "
                   "rancangan, lalu hapus baris `review:` dan komentar [TINJAU]")
    n = len(res.problems)
    out.append(f"pack {res.pack}: " + (f"{n} masalah" if n else "bersih, tidak ada masalah") + "\n")
    return "\n".join(out)

