"""`aturan pack new`: copy a pack into a draft for another regency, ids renamed and every citation marked for review."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import AturanError
from ..loader import PACK_FILE, available_packs, load_pack
from ..model import Citation, RulePack
from ..yamlio import load_file, read_text
from .facts import short_name
from .lint import MARKER

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
UNIT_RE = re.compile(r"^[A-Za-z][A-Za-z .'\-]{0,39}$")
ENGINE_CONSTANTS = ("PAKET_LAYANAN", "KRITERIA_KPM")


@dataclass
class NewResult:
    path: Path
    source: RulePack
    new_id: str
    rules: int = 0
    packages: int = 0
    criteria: int = 0
    constants: int = 0
    marks: int = 0
    rules_dir: str | None = None
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        rules_opt = f"--rules {self.rules_dir} " if self.rules_dir else ""
        return "\n".join([
            f"Pack baru {self.new_id} dibuat di {self.path} dari {self.source.id} ({short_name(self.source)}).",
            f"  {self.rules} aturan; dideklarasikan dalam pack.yaml (plugin: declarative): {self.packages} paket "
            f"layanan, {self.criteria} kriteria KPM, {self.constants} konstanta DSL.",
            f"  {self.marks} tanda tinjau ([TINJAU] dan review:) menunggu pemeriksaan terhadap teks rancangan.",
            "Langkah berikut:",
            f"  aturan {rules_opt}pack lint {self.new_id}          # daftar yang masih harus ditinjau, dengan baris",
            f"  aturan {rules_opt}test {self.new_id}               # kasus uji yang disalin tetap berjalan",
            f"  aturan {rules_opt}pack diff {self.source.id} {self.new_id}   # apa yang sudah diubah dari pack asal",
            f"  aturan {rules_opt}teks draft {self.new_id} -o rancangan.docx   # rancangan teks Perbup",
        ])


# ------------------------------------------------------------------ safety
def check_name(new: str) -> None:
    check_printable("nama pack", new or "")
    if not NAME_RE.fullmatch(new or ""):
        raise AturanError(f"nama pack {new!r} tidak sah: gunakan huruf kecil, angka dan garis bawah, diawali huruf "
                          "(mis. aceh_raya)", hint="nama tidak boleh memuat '/', '..', spasi atau huruf besar")


def check_printable(what: str, text: str) -> None:
    """A newline or another control character in a name would break the files and reports it ends up in."""
    bad = next((ch for ch in text if not ch.isprintable()), None)
    if bad is not None:
        raise AturanError(f"{what} {text!r} tidak sah: memuat karakter kendali {bad!r} (mis. baris baru atau tab)",
                          hint="tulis pada satu baris, tanpa karakter kendali")


def check_dir(target_dir: str) -> None:
    """--dir must not pass through a symbolic link: the draft would be written somewhere else than named."""
    p = Path(target_dir)
    for part in [p, *p.parents]:
        if str(part) in ("", ".") or part == part.parent:
            continue
        if part.is_symlink():
            raise AturanError(f"--dir {target_dir}: {part} adalah tautan (symlink); pack baru tidak ditulis melalui tautan",
                              hint="sebutkan folder yang sebenarnya (tujuan tautan itu) bila memang ke sana")


def check_target(target: Path, source: Path, force: bool) -> None:
    """Refuse anything that would write through a link, outside the target, or over a pack without --force."""
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise AturanError(f"{parent} bukan folder")
    if target.is_symlink():
        raise AturanError(f"{target} adalah tautan (symlink); pack baru tidak ditulis melalui tautan")
    if target.exists():
        if target.resolve() == source.resolve():
            raise AturanError(f"{target} adalah pack asal itu sendiri; pilih nama lain")
        if not target.is_dir():
            raise AturanError(f"{target} sudah ada dan bukan folder")
        if not force:
            raise AturanError(f"{target} sudah ada; pack yang ada tidak ditimpa",
                              hint="pakai --force untuk menggantinya, atau pilih nama lain")
        if any(target.iterdir()) and not (target / PACK_FILE).is_file():
            raise AturanError(f"{target} berisi berkas lain dan bukan rule pack; tidak ditimpa walau dengan --force")
        for p in target.rglob("*"):
            if p.is_symlink():
                raise AturanError(f"{p} adalah tautan (symlink); pack lama tidak ditimpa")
    resolved = target.resolve()
    if resolved == source.resolve() or source.resolve() in resolved.parents:
        raise AturanError(f"{target} berada di dalam pack asal {source}; pilih folder lain")


def check_unit(unit: str) -> None:
    if not UNIT_RE.fullmatch(unit or ""):
        raise AturanError(f"--unit {unit!r} tidak sah: tulis satu sebutan, mis. Gampong atau Negeri",
                          hint="huruf, spasi, titik, tanda hubung; paling banyak 40 karakter")


# ------------------------------------------------------------------ the copy
def new_pack(session, new: str, source: str, *, regency: str | None = None, unit: str | None = None,
             nomor: str | None = None, tahun: int | None = None, target_dir: str | None = None,
             force: bool = False) -> NewResult:
    check_name(new)
    for what, text in (("--regency", regency), ("--unit", unit), ("--nomor", nomor)):
        if text is not None:
            check_printable(what, text)
    if unit is not None:
        check_unit(unit)
    if target_dir:
        check_dir(target_dir)
    if tahun is not None and not 1945 <= tahun <= 2100:
        raise AturanError(f"--tahun {tahun} tidak sah (1945-2100)")
    src = session.pack(source)
    if new == src.id:
        raise AturanError(f"pack baru harus bernama lain dari pack asal {src.id!r}")
    parent = Path(target_dir) if target_dir else Path.cwd() / "rules"
    target = parent / new
    check_target(target, src.path, force)
    other = available_packs(session.search).get(new)
    if other is not None and other.resolve() != target.resolve() and not force:
        raise AturanError(f"nama {new!r} sudah dipakai pack di {other}; draf dengan nama itu akan tertukar "
                          "dengan pack tersebut saat mencari pack menurut id",
                          hint="pilih nama lain, atau --force bila memang disengaja")

    files = render_files(session, src, new, regency=regency, unit=unit, nomor=nomor,
                         tahun=tahun or dt.date.today().year)
    tmp = parent / f".{new}.baru-{os.getpid()}"
    old = parent / f".{new}.lama-{os.getpid()}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        for rel, text in files.items():
            dest = tmp / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
        moved_old = False
        if target.exists():
            target.rename(old)
            moved_old = True
        try:
            tmp.rename(target)
        except OSError:
            if moved_old:
                old.rename(target)   # put the old pack back
            raise
        if moved_old:
            shutil.rmtree(old)
    except OSError as e:
        raise AturanError(f"pack baru tidak dapat ditulis ke {target}: {e.strerror or e}") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    try:
        pack = load_pack(target, session.registry, search=session.search)
    except AturanError as e:  # a bug in the copy, not in the user's input
        raise AturanError(f"pack baru di {target} tidak dapat dimuat: {e}") from None

    res = NewResult(target, src, new, rules=len(pack.rules), packages=len(pack.packages),
                    criteria=len(pack.kpm_criteria),
                    constants=len([c for c in pack.constants if c not in ENGINE_CONSTANTS]),
                    files=sorted(files))
    res.marks = sum(t.count(MARKER) for t in files.values()) + sum(
        len(re.findall(r"^\s*review:", t, re.M)) for t in files.values())
    if target_dir:
        res.rules_dir = str(parent)
    res.warnings = _regency_taken(session, pack, new)
    return res


def _regency_taken(session, draft: RulePack, new: str) -> list[str]:
    """A warning when another binding pack already governs the draft's regency and unit type: `check`
    will refuse to choose between them and ask for --pack."""
    from ..session import normalize_regency as _norm
    mine = {_norm(x) for x in (draft.regulation.regency, *draft.regulation.aliases)}
    out = []
    for pid, path, reg, err in session.pack_headers():
        if err is not None or pid == new or reg.get("binding") is False:
            continue
        theirs = {_norm(str(x)) for x in [pid, reg.get("regency", "")] + list(reg.get("aliases") or [])}
        shared = set(draft.units) & set(session._units.get(pid, []))
        if mine & theirs and shared:
            out.append(f"{draft.regulation.regency} ({', '.join(sorted(shared))}) sudah diatur pack {pid} ({path}); "
                       f"selama draf {new} ada di folder pack, `aturan check` untuk dosirnya memerlukan "
                       f"--pack {pid} atau --pack {new}")
    return out


def render_files(session, src: RulePack, new: str, *, regency, unit, nomor, tahun) -> dict[str, str]:
    """relative path -> text of every file of the new pack."""
    rename = _id_renamer(src, new)
    where = f"{short_name(src)}"
    files = {PACK_FILE: _pack_yaml(session, src, new, rename, where, regency=regency, unit=unit, nomor=nomor,
                                   tahun=tahun)}
    for f in sorted((src.path / "rules").glob("*.yaml")):
        files[f"rules/{f.name}"] = _mark_rules(f, rename, where, src)
    tpath = src.path / "traceability.yaml"
    if tpath.exists():
        files["traceability.yaml"] = rename(read_text(tpath))
    for f in sorted((src.path / "tests").glob("*.yaml")):
        files[f"tests/{f.name}"] = rename(read_text(f))
    # the example dossiers the cases build on (base: ../contoh/...) travel with the pack
    for f in sorted((src.path / "contoh").glob("*")) if (src.path / "contoh").is_dir() else []:
        if f.suffix in (".yaml", ".yml", ".json"):
            files[f"contoh/{f.name}"] = read_text(f)   # guarded: a named pipe here would block a plain read
    # where the draft's regulation text comes from (`aturan teks draft` writes it)
    from ..teks.draft import origin_file_text
    files["teks/asal.yaml"] = origin_file_text(src.id, src.terminology[src.units[0]]["unit"] if unit else None, unit)
    return files


def _id_renamer(src: RulePack, new: str):
    ids = sorted((r.id for r in src.rules), key=len, reverse=True)
    if not ids:
        return lambda text: text
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, ids)) + r")(?!\w)")
    prefix = src.id + "."
    return lambda text: pattern.sub(lambda m: new + "." + m.group(1)[len(prefix):], text)


def _mark_rules(file: Path, rename, where: str, src: RulePack) -> str:
    """Rename ids and put `review:` before each rule's citation (comments and layout kept)."""
    doc = load_file(file)
    lines = doc.text.split("\n")
    inserts = []
    for i, r in enumerate(doc.data.get("rules", [])):
        if r.get("review"):
            continue
        loc = doc.key_location(("rules", i, "citation"))
        indent = " " * (loc.col or 0)
        msg = f"kutipan dan {Citation.from_dict(r['citation'])} disalin dari {where}; periksa terhadap teks rancangan"
        inserts.append((loc.line, f"{indent}review: {json.dumps(msg, ensure_ascii=False)}"))
    for line, text in sorted(inserts, reverse=True):
        lines.insert(line, text)
    return rename("\n".join(lines))


# ------------------------------------------------------------------ pack.yaml
class _Flow(dict):
    pass


class _FlowList(list):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data,
                                                                         flow_style=True))


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def _cit(c: dict) -> _Flow:
    return _Flow({k: v for k, v in c.items() if v is not None})


def _rename_word(text: str, old: str, new: str) -> str:
    return re.sub(rf"\b{re.escape(old)}\b", lambda m: new if m.group(0)[0].isupper() else new.lower(), text,
                  flags=re.I)


def _case_years(src: RulePack) -> str:
    """The years of the origin's test-case dossiers, e.g. "2024" or "2023-2024"."""
    from ..testing import case_data, load_cases
    years = sorted({(case_data(c).get("identitas") or {}).get("tahun") for c in load_cases(src)} - {None})
    if not years:
        return "-"
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def _regulation(src: RulePack, new: str, *, regency, unit, nomor, tahun) -> dict:
    reg = src.regulation
    regency = regency or f"Kabupaten {new.replace('_', ' ').title()}"
    short = re.sub(r"^(Kabupaten|Kota)\s+", "", regency)
    kind = reg.kind
    if regency.startswith("Kota "):
        kind = "Peraturan Walikota"
    elif regency.startswith("Kabupaten "):
        kind = "Peraturan Bupati"
    first = src.units[0]
    old_word = src.terminology[first]["unit"]
    title = _rename_word(reg.title, old_word, unit) if unit else reg.title
    # The origin's dates stay as placeholders: the copied test cases describe the origin's
    # villages (dossiers of its years), and a draft dated later would judge none of them.
    regulation = {"kind": kind, "number": str(nomor) if nomor else "…", "year": tahun, "title": title,
                  "regency": regency, "aliases": _FlowList(dict.fromkeys([short, regency])),
                  "enacted": reg.enacted.isoformat(), "promulgated": reg.promulgated.isoformat(),
                  "in_force": reg.in_force.isoformat(), "binding": True}
    return regulation


def _declares(session, src: RulePack, meta: dict, unit: str | None) -> dict:
    """Terminology, packages, KPM criteria and constants of the origin, as `declares:` of the copy."""
    first = src.units[0]
    old_word = src.terminology[first]["unit"]
    terminology = {}
    for u in src.units:
        terms = dict(src.terminology[u])
        if unit and u == first:
            terms = {k: _rename_word(v, old_word, unit) for k, v in terms.items()}
            terms["unit"], terms["unit_kecil"] = unit, unit.lower()
        terminology[u] = terms
    packages = [{"id": p.id, "name": p.name, "aligned": p.aligned, "citation": _cit(p.citation),
                 **({"activities": list(p.activities)} if p.activities else {}), "review": _review(src, p.citation)}
                for p in src.packages]
    criteria = [{"id": k.id, "concept": k.concept, "text": k.text, "citation": _cit(k.citation),
                 **({"value": k.value} if k.value is not None else {}), "review": _review(src, k.citation)}
                for k in src.kpm_criteria]
    declares: dict = {"terminology": terminology, "packages": packages, "kpm_criteria": criteria}
    src_decl = meta.get("declares") or {}
    info = session.registry.plugins.get(src.plugin)
    docs = dict(info.constant_docs) if info else {n: s.get("doc", "") for n, s in src_decl.get("constants", {}).items()}
    constants = {n: {"value": v, **({"doc": docs[n]} if docs.get(n) else {})}
                 for n, v in src.constants.items() if n not in ENGINE_CONSTANTS}
    if constants:
        declares["constants"] = constants
    functions_from = src_decl.get("functions_from") or (src.plugin if info and info.functions else None)
    if functions_from:
        declares["functions_from"] = functions_from
    if src_decl.get("scope"):
        declares["scope"] = src_decl["scope"]
    return declares


def _review(src: RulePack, c: dict) -> str:
    return f"disalin dari {src.id}, {Citation.from_dict(c)}; periksa terhadap rancangan"


def _pack_yaml(session, src: RulePack, new: str, rename, where: str, *, regency, unit, nomor, tahun) -> str:
    meta = load_file(src.path / PACK_FILE).data
    regulation = _regulation(src, new, regency=regency, unit=unit, nomor=nomor, tahun=tahun)
    declares = _declares(session, src, meta, unit)
    old_word = src.terminology[src.units[0]]["unit"]
    notes = []
    for n in meta.get("notes", []):
        n = dict(n)
        if n.get("citations"):
            n["citations"] = _FlowList(_cit(c) for c in n["citations"])
        if n.get("governing"):
            n["governing"] = _cit(n["governing"])
        n["text"] = rename(n["text"])
        notes.append(n)
    articles = {"pasal": _Flow(meta["articles"]["pasal"]), "lampiran": _FlowList(meta["articles"].get("lampiran", []))}

    parts = [
        f"# {MARKER} Draf {new}, disalin dari pack {src.id} ({where}) dengan `aturan pack new`.\n"
        "# Setiap baris `review:` dan setiap komentar bertanda tinjau harus dibandingkan dengan teks\n"
        "# rancangan peraturan, lalu dihapus. `aturan pack lint` menunjukkan yang tersisa.\n",
        _dump({"id": new, "plugin": "declarative"}),
        f"# {MARKER} nomor, tahun, judul dan tanggal: isi dari rancangan. Tanggal sementara disalin dari\n"
        f"# {src.id} agar kasus uji yang disalin (dosir tahun {_case_years(src)}) tetap dinilai; bila tanggal\n"
        "# berlaku diubah, kasus uji untuk tahun sebelumnya harus diperbarui.\n",
        _dump({"regulation": regulation}),
        _dump({"units": _FlowList(src.units)}),
        f"# {MARKER} jumlah Pasal dan lampiran disalin dari {src.id}; sesuaikan dengan rancangan.\n",
        _dump({"articles": articles}),
    ]
    if notes:
        parts += [f"# {MARKER} catatan berikut tentang teks {where}; hapus yang tidak berlaku lagi.\n",
                  _dump({"notes": notes})]
    if meta.get("rules"):
        inline = []
        for r in meta["rules"]:
            r = dict(r, citation=_cit(r["citation"]))
            r["id"] = rename(r["id"])
            r.setdefault("review", _review(src, r["citation"]))
            inline.append(r)
        parts.append(_dump({"rules": inline}))
    parts += [f"# {MARKER} istilah, paket layanan dan kriteria KPM disalin dari plugin {src.plugin}"
              + (f"; sebutan unit {old_word} diganti {unit}" if unit else "") + ".\n",
              "# Jenis unit dalam dosir (identitas.jenis) tetap salah satu dari desa/kampung/nagari/kelurahan/ohoi;\n"
              "# istilah di bawah memberi sebutannya dalam pesan dan laporan.\n",
              _dump({"declares": declares})]
    out = ""
    for p in parts:
        if out and not out.endswith("\n\n") and not out.rstrip("\n").splitlines()[-1].startswith("#"):
            out += "\n"
        out += p.rstrip("\n") + "\n"
    return out
