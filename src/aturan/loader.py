"""Rule packs and dossiers: YAML (positions kept) -> schema -> frozen dataclasses."""
from __future__ import annotations

import datetime as dt
import os
import string
from importlib import resources
from pathlib import Path
from typing import Any

from . import schema as S
from .dsl import DEFAULT_LADDERS, PERIODE_TYPE, SPECIALS_TYPES, TENGGAT_TYPE, Env, SchemaTypes, compile_expression
from .dsl.ast import unguarded_proofs
from .dsl.types import BOOL
from .errors import AturanError, DossierError, ErrorList, Location, PackError, SchemaError
from .model import Citation, Dossier, Note, Regulation, Rule, RulePack, TraceEntry
from .registry import Registry
from .yamlio import Document, check_archive, check_file, load_file

PACK_FILE = "pack.yaml"


# ------------------------------------------------------------------ finding packs
def pack_search_path(registry: Registry | None = None, extra: list[str] | None = None) -> list[Path]:
    """Where packs are looked for, first match wins: --rules, $ATURAN_RULES, ./rules, plugins, built-ins."""
    dirs: list[Path] = [Path(p) for p in (extra or [])]
    env = os.environ.get("ATURAN_RULES")
    if env:
        dirs += [Path(p) for p in env.split(os.pathsep) if p]
    try:
        dirs.append(Path.cwd() / "rules")
    except OSError:   # the working folder has been removed (a USB stick pulled out): there is no ./rules
        pass
    if registry is not None:
        dirs += registry.pack_dirs
    dirs.append(bundled_pack_dir())
    seen, out = set(), []
    for d in dirs:
        key = str(d.resolve()) if d.exists() else str(d)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def bundled_pack_dir() -> Path:
    """The packs shipped with aturan: installed as aturan.packs, or rules/ of a source checkout."""
    try:
        return Path(str(resources.files("aturan.packs")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "rules"


def available_packs(search: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for d in search:
        if not d.is_dir():
            continue
        for sub in sorted(d.iterdir()):
            if (sub / PACK_FILE).is_file() and sub.name not in found:
                found[sub.name] = sub
    return found


def resolve_pack(ref: str, search: list[Path]) -> Path:
    p = Path(ref)
    if (p / PACK_FILE).is_file():
        return p
    if p.name == PACK_FILE and p.is_file():
        return p.parent
    packs = available_packs(search)
    if ref in packs:
        return packs[ref]
    if p.is_dir():
        raise PackError(f"{ref} bukan rule pack: folder itu tidak berisi {PACK_FILE}",
                        hint=f"pack yang tersedia: {', '.join(sorted(packs)) or '(tidak ada)'}")
    import difflib
    m = difflib.get_close_matches(ref, list(packs), n=1)
    hint = f"maksud Anda {m[0]!r}?" if m else f"pack yang tersedia: {', '.join(sorted(packs)) or '(tidak ada)'}"
    raise PackError(f"pack {ref!r} tidak ditemukan", hint=hint)


# ------------------------------------------------------------------ expressions in YAML
def expression_locator(doc: Document, path: tuple, text: str):
    """Map (line, col) inside an expression to the file, for plain, quoted and block scalars."""
    base = doc.location(path)
    if base.line is None:
        return lambda l, c: base
    style, lines = doc.style(path), doc.lines
    first, col0 = base.line, base.col or 0
    if style in ("|", ">"):
        body = range(first + 1, len(lines))
        indent = next((len(lines[i]) - len(lines[i].lstrip()) for i in body if lines[i].strip()), 0)
        segs = [(i, indent) for i in body if not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) >= indent]
        segs = segs[: next((k for k, i in enumerate(body) if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip()) < indent), len(segs))]
        if style == "|":
            def locate(l: int, c: int) -> Location:
                fl, fc = segs[min(l, len(segs) - 1)] if segs else (first, col0)
                return Location(doc.file, fl, fc + c, doc.line_text(fl))
            return locate
    else:
        q = 1 if style in ("'", '"') else 0
        key_indent = len(lines[first]) - len(lines[first].lstrip())
        segs = [(first, col0 + q)]
        for i in range(first + 1, len(lines)):
            ln = lines[i]
            if not ln.strip() or len(ln) - len(ln.lstrip()) <= key_indent:
                break
            segs.append((i, len(ln) - len(ln.lstrip())))

    def locate(l: int, c: int) -> Location:
        # folded text: source lines joined by one space each
        offset = sum(len(x) + 1 for x in text.split("\n")[:l]) + c
        for fl, fc in segs:
            seg = len((doc.line_text(fl) or "")[fc:].rstrip())
            if offset <= seg:
                return Location(doc.file, fl, fc + offset, doc.line_text(fl))
            offset -= seg + 1
        fl, fc = segs[-1]
        return Location(doc.file, fl, fc, doc.line_text(fl))
    return locate


# ------------------------------------------------------------------ packs
def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def load_pack(ref: str | Path, registry: Registry, *, search: list[Path] | None = None,
              dossier_schema: dict | None = None) -> RulePack:
    """Load, validate and compile one pack. All problems found are raised together."""
    path = resolve_pack(str(ref), search or pack_search_path(registry))
    errors: list[AturanError] = []
    meta_doc = load_file(path / PACK_FILE)
    S.check(meta_doc, "pack")
    meta = meta_doc.data
    if meta["id"] != path.name:
        errors.append(PackError(f"id pack {meta['id']!r} harus sama dengan nama foldernya {path.name!r}",
                                meta_doc.location(("id",))))
    reg = meta["regulation"]
    regulation = Regulation(
        kind=reg["kind"], number=str(reg["number"]), year=reg["year"], title=reg["title"],
        regency=reg["regency"], aliases=tuple(reg.get("aliases", [])), enacted=_date(reg["enacted"]),
        promulgated=_date(reg["promulgated"]), in_force=_date(reg["in_force"]),
        binding=reg.get("binding", True), source=reg.get("source", ""))

    plugin_name = meta["plugin"]
    info = registry.plugins.get(plugin_name)
    if plugin_name == "declarative":   # the pack declares its own words (plugins/declarative.py)
        from .plugins.declarative import pack_plugin_info
        info = pack_plugin_info(meta_doc, registry)
    if info is None:
        raise PackError(f"plugin {plugin_name!r} tidak terpasang", meta_doc.location(("plugin",)),
                        hint=f"plugin terpasang: {', '.join(sorted(registry.plugins)) or '(tidak ada)'}; lihat `aturan plugins`")
    units = tuple(meta["units"])
    for u in units:
        if u not in info.terminology:
            errors.append(PackError(f"plugin {plugin_name!r} tidak mendaftarkan terminologi untuk {u!r}",
                                    meta_doc.location(("units",))))

    constants: dict[str, Any] = {
        "PAKET_LAYANAN": [p.id for p in info.packages],
        "KRITERIA_KPM": [k.id for k in info.kpm_criteria],
        "TANGGAL_BERLAKU": regulation.in_force,   # so a rule never writes the date (pack new keeps it right)
    }
    constants.update(info.constants)
    types = SchemaTypes(dossier_schema or S.load_schema("dossier"))
    env = Env(types=types, constants=constants, functions=dict(info.functions),
              ladders=dict(DEFAULT_LADDERS), specials=dict(SPECIALS_TYPES))
    periodic_env = Env(types=types, constants=constants, functions=env.functions, ladders=env.ladders,
                       specials={**env.specials, "periode": PERIODE_TYPE})
    dated_env = Env(types=types, constants=constants, functions=env.functions, ladders=env.ladders,
                    specials={**env.specials, "tenggat": TENGGAT_TYPE})

    # rules: inline in pack.yaml and in rules/*.yaml
    rule_sources: list[tuple[Document, tuple, dict]] = []
    for i, r in enumerate(meta.get("rules", [])):
        rule_sources.append((meta_doc, ("rules", i), r))
    rule_dir = path / "rules"
    if rule_dir.exists() and not rule_dir.is_dir():
        errors.append(PackError("rules harus folder berisi berkas aturan (*.yaml)", Location(str(rule_dir))))
    if rule_dir.is_dir():
        for f in sorted(rule_dir.glob("*.yaml")):
            try:
                doc = load_file(f)
                S.check(doc, "pack", "rule_file")
            except SchemaError as e:
                errors.append(_name_rule(e, doc.data))
                continue
            except AturanError as e:
                errors.append(e)
                continue
            for i, r in enumerate(doc.data["rules"]):
                rule_sources.append((doc, ("rules", i), r))

    terms_all = {k for t in info.terminology.values() for k in t}
    rules: list[Rule] = []
    seen: dict[str, Location] = {}
    for doc, rpath, raw in rule_sources:
        loc = doc.location(rpath + ("id",))
        rid = raw["id"]
        if rid in seen:
            errors.append(PackError(f"id aturan {rid!r} dipakai dua kali (pertama di {seen[rid]})", loc))
            continue
        seen[rid] = loc
        if not rid.startswith(meta["id"] + "."):
            errors.append(PackError(f"id aturan {rid!r} harus diawali {meta['id'] + '.'!r}", loc))
        params = dict(raw.get("params", {}))
        sejak = (raw.get("tenggat") or {}).get("sejak")
        rule_env = periodic_env if raw.get("periode") else dated_env if sejak else env
        compiled = {}
        for key in ("when", "require"):
            src = raw.get(key)
            if src is None:
                continue
            try:
                compiled[key] = compile_expression(
                    src, env=rule_env, params=params, locate=expression_locator(doc, rpath + (key,), src),
                    name=f"{rid}.{key}", expect=BOOL, context=f"aturan {rid}, {key}")
            except AturanError as e:
                errors.append(e)
        if "require" in compiled:
            for call in unguarded_proofs(compiled["require"].node):
                errors.append(PackError(
                    f"aturan {rid}, require: terbukti(...) tanpa `not` menjadikan fakta yang tidak dicatat sebagai "
                    "tidak_patuh", expression_locator(doc, rpath + ("require",), raw["require"])(*call.pos),
                    hint="tulis `not terbukti(pelanggaran)`: hanya pelanggaran yang tercatat yang dihitung; "
                         "untuk syarat yang harus ada pakai ada(jalur)"))
        for fname in _placeholders(raw["message"], doc, rpath + ("message",), errors, rid):
            if fname not in terms_all and fname not in params:
                errors.append(PackError(
                    f"aturan {rid}: placeholder {{{fname}}} tidak dikenal dalam pesan",
                    doc.location(rpath + ("message",)),
                    hint=f"gunakan istilah plugin ({', '.join(sorted(terms_all))}) atau params aturan"))
        if sejak is not None:
            problem = _deadline_anchor_problem(sejak, env)
            if raw.get("periode"):
                problem = "tenggat.sejak tidak dapat bersama periode: pilih periode kalender atau tanggal peristiwa"
            if problem:
                errors.append(PackError(f"aturan {rid}: {problem}", doc.location(rpath + ("tenggat", "sejak"))))
                continue
        if "require" not in compiled:
            continue
        paths = tuple(compiled["require"].paths) + (tuple(compiled["when"].paths) if "when" in compiled else ()) \
            + ((sejak,) if sejak else ())   # the date a deadline runs from is evidence too
        rules.append(Rule(
            id=rid, title=raw["title"], concept=raw["concept"], citation=Citation.from_dict(raw["citation"]),
            quote=raw["quote"], subject=raw["subject"], severity=raw["severity"], require_src=raw["require"],
            message=raw["message"], location=loc, params=params, when_src=raw.get("when"),
            note=raw.get("note"), review=raw.get("review"), when=compiled.get("when"),
            require=compiled["require"], paths=_leaf_paths(paths), dasar=raw.get("dasar"),
            tafsiran=raw.get("tafsiran"), periode=raw.get("periode"),
            tenggat_hari=(raw.get("tenggat") or {}).get("hari", 0), tenggat_sejak=sejak,
            tenggat_dasar=(raw.get("tenggat") or {}).get("dasar"),
            bool_paths=frozenset(p for c in compiled.values() for p, k in c.kinds.items() if k == "bool")))

    pasal_spec = meta["articles"]["pasal"]
    missing = tuple(pasal_spec.get("missing", []))
    pasal = tuple(n for n in range(pasal_spec["from"], pasal_spec["to"] + 1) if n not in missing)
    lampiran = tuple(meta["articles"].get("lampiran", []))

    trace: dict = {}
    tpath = path / "traceability.yaml"
    if tpath.exists() or tpath.is_symlink():   # not only a regular file: load_file says what else it is
        try:
            tdoc = load_file(tpath)
            S.check(tdoc, "pack", "traceability")
            for section in ("pasal", "lampiran"):
                for key, entry in (tdoc.data.get(section) or {}).items():
                    k = int(key) if section == "pasal" else str(key)
                    eloc = tdoc.key_location((section, key))
                    for rid in entry.get("rules", []):
                        if rid not in seen:
                            errors.append(PackError(f"traceability {section} {key}: aturan {rid!r} tidak ada di pack", eloc))
                    trace[(section, k)] = TraceEntry(tuple(entry.get("rules", [])), entry.get("not_checkable"),
                                                     entry.get("note"), eloc, tuple(entry.get("concepts", [])))
        except AturanError as e:
            errors.append(e)

    recommendations = _recommendations(path, rules, terms_all, errors)
    if errors:
        raise errors[0] if len(errors) == 1 else ErrorList(errors)
    notes = tuple(Note(n["id"], n["kind"], n["text"], tuple(Citation.from_dict(c) for c in n.get("citations", [])),
                       Citation.from_dict(n["governing"]) if n.get("governing") else None)
                  for n in meta.get("notes", []))
    return RulePack(
        id=meta["id"], path=path, plugin=plugin_name, regulation=regulation, units=units, pasal=pasal,
        missing_pasal=missing, lampiran=lampiran, notes=notes, rules=tuple(rules), traceability=trace,
        terminology={u: info.terminology[u] for u in info.terminology}, packages=tuple(info.packages),
        kpm_criteria=tuple(info.kpm_criteria), constants=constants, location=meta_doc.location(()),
        recommendations=recommendations)


RECOMMENDATION_FILE = "rekomendasi.yaml"
RECOMMENDATION_FIELDS = {"kewajiban", "pasal", "peraturan"}


def _recommendations(path: Path, rules: list[Rule], terms: set[str], errors: list) -> dict[str, str]:
    """rekomendasi.yaml: the pack's words for the recommendation of a draft finding, per concept or rule id.
    Every key must name a rule or concept of the pack, every {placeholder} a term, a param or a finding field."""
    f = path / RECOMMENDATION_FILE
    if not f.is_file():
        return {}
    try:
        doc = load_file(f)
    except AturanError as e:
        errors.append(e)
        return {}
    data = doc.data if isinstance(doc.data, dict) else None
    if data is None or set(data) - {"konsep", "aturan"}:
        errors.append(PackError("rekomendasi.yaml berisi pemetaan 'konsep:' dan/atau 'aturan:' saja", doc.location(())))
        return {}
    out: dict[str, str] = {}
    for section, known in (("konsep", {r.concept: r for r in rules}), ("aturan", {r.id: r for r in rules})):
        entries = data.get(section) or {}
        if not isinstance(entries, dict):
            errors.append(PackError(f"{section}: harus pemetaan kunci: teks", doc.location((section,))))
            continue
        for key, text in entries.items():
            loc = doc.key_location((section, key))
            if key not in known:
                errors.append(PackError(f"rekomendasi untuk {section} {key!r}: tidak ada di pack", loc))
                continue
            if not isinstance(text, str) or not text.strip():
                errors.append(PackError(f"rekomendasi {key!r} harus teks", doc.location((section, key))))
                continue
            params = {p for r in rules if r.id == key or r.concept == key for p in r.params}
            for name in _placeholders(text, doc, (section, key), errors, key):
                if name not in terms | params | RECOMMENDATION_FIELDS:
                    errors.append(PackError(f"rekomendasi {key!r}: placeholder {{{name}}} tidak dikenal",
                                            doc.location((section, key)),
                                            hint="istilah plugin, params aturan, atau {kewajiban}, {pasal}, {peraturan}"))
            out[key] = text.strip()
    return out


def _name_rule(err: SchemaError, data) -> SchemaError:
    """Prefix a schema error inside rules[i] with that rule's id, when it has one."""
    path = getattr(err, "path", ())
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        try:
            rid = data["rules"][path[1]]["id"]
        except (KeyError, IndexError, TypeError):
            return err
        return SchemaError(f"aturan {rid}: {err.message}", err.location, hint=err.hint)
    return err


def _placeholders(message: str, doc: Document, path: tuple, errors: list, rid: str) -> list[str]:
    names = []
    try:
        for _, field, spec, conv in string.Formatter().parse(message):
            if field is None:
                continue
            if not field.isidentifier() or spec or conv:
                errors.append(PackError(f"aturan {rid}: placeholder {{{field}}} harus nama sederhana, mis. {{unit}}",
                                        doc.location(path)))
                continue
            names.append(field)
    except ValueError as e:
        errors.append(PackError(f"aturan {rid}: pesan tidak valid ({e}); tulis '{{{{' untuk kurung kurawal", doc.location(path)))
    return names


def _deadline_anchor_problem(sejak: str, env: Env) -> str | None:
    """Why `tenggat.sejak` does not name a date of the dossier (None when it does): a path "a.b.tanggal",
    or "daftar[*].tanggal" for a deadline that runs from each item's own date."""
    head, star, tail = sejak.partition("[*].")
    types = env.types
    t = types.root_type()
    walked: list[str] = []
    for part in head.split("."):
        nxt = types.field(t, part) if t.kind == "object" else None
        if nxt is None:
            where = ".".join(walked) or "dosir"
            return f"tenggat.sejak: bidang {part!r} tidak ada di {where}"
        walked.append(part)
        t = nxt
    if star:
        if t.kind != "list" or t.item is None or t.item.kind != "object":
            return f"tenggat.sejak: {head} bukan daftar catatan; `[*]` hanya untuk daftar"
        t = t.item
        for part in tail.split("."):
            nxt = types.field(t, part) if t.kind == "object" else None
            if nxt is None:
                return f"tenggat.sejak: bidang {part!r} tidak ada di butir {head}"
            t = nxt
    if t.kind != "date":
        return f"tenggat.sejak: {sejak} bukan tanggal ({t.name()})"
    return None


def _leaf_paths(paths) -> tuple[str, ...]:
    uniq = list(dict.fromkeys(paths))
    return tuple(p for p in uniq if not any(q != p and (q.startswith(p + ".") or q.startswith(p + "[")) for q in uniq))


# ------------------------------------------------------------------ dossiers
def load_dossier(file: str | Path) -> Dossier:
    """Load a dossier (YAML, JSON or the fact-entry workbook): schema-checked, dates as date objects, null
    treated as absent; ya/tidak, DD/MM/YYYY dates and 'tidak ada' accepted (dossier/coerce.py)."""
    return dossier_from_document(read_dossier(file), str(file))


def read_dossier(file: str | Path):
    """The dossier file as a document that knows where each value came from, before any checking."""
    from .dossier import is_workbook
    if is_workbook(file):
        from .dossier import read_workbook_document
        check_file(file)      # a regular file within the size limit before openpyxl opens it,
        check_archive(file)   # and what it unpacks to within the same limit
        return read_workbook_document(file)
    if str(file).lower().endswith(".json"):   # JSON as JSON means it (NaN refused, 1e3 a number), placed by YAML
        from .fastpath import json_document
        from .yamlio import read_text
        return json_document(read_text(file), str(file))
    return load_file(file)


class Unlocated:
    """A dossier given as data (a dict through the Python API): messages name the path inside it, no line."""

    def __init__(self, name: str, data):
        self.file, self.data, self.lines = name, data, []

    def location(self, path: tuple = ()) -> Location:
        return Location(self.file)

    def key_location(self, path: tuple) -> Location:
        return Location(self.file)


def dossier_from_document(doc, file: str | None = None) -> Dossier:
    """Check a read dossier against the schema (Indonesian spellings accepted first) and build the Dossier."""
    file = file or doc.file
    if not isinstance(doc.data, dict):
        raise DossierError("dosir harus berupa pemetaan (kunci: nilai) dengan bagian 'identitas'", doc.location(()))
    if getattr(doc, "typed", False):   # the workbook reader already turned each cell into the schema's type
        S.check(doc, "dossier", data=doc.data)
        return dossier_from_data(doc.data, file)
    from .dossier.coerce import coerce
    data = coerce(_drop_null_values(doc.data), S.load_schema("dossier"), doc)   # null means "unknown"
    S.check(doc, "dossier", data=data)
    return dossier_from_data(data, file)


def _drop_null_values(value):
    if isinstance(value, dict):
        return {k: _drop_null_values(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_null_values(v) for v in value]
    return value


def dossier_from_data(data: dict, file: str = "<dosir>") -> Dossier:
    schema = S.load_schema("dossier")
    data = normalize(data, schema, SchemaTypes(schema))
    ident = data["identitas"]
    as_of = ident.get("tanggal_data")
    return Dossier(file=file, data=data, name=ident["nama"], unit=ident["jenis"], year=ident["tahun"],
                   regency=ident.get("kabupaten"), as_of=as_of, kecamatan=ident.get("kecamatan"),
                   kode_wilayah=ident.get("kode_wilayah"))


def normalize(value, schema: dict, types: SchemaTypes):
    """Drop nulls (absent = unknown) and turn ISO date strings into dates, guided by the schema."""
    s = types.resolve(schema)
    if isinstance(value, dict):
        props = s.get("properties", {})
        return {k: normalize(v, props.get(k, {}), types) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        item = s.get("items", {})
        return [normalize(v, item, types) for v in value if v is not None]
    if isinstance(value, str) and s.get("format") == "date":
        return dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value
