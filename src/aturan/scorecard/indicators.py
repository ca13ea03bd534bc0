"""The convergence indicators as data: load the YAML, compile `when`/`require` with the DSL."""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from ..errors import AturanError, ErrorList, Location
from ..yamlio import Document, load_file

FORMS = ("2a", "2b", "2c")
FORM_LABELS = {"2a": "Formulir 2a (ibu hamil)", "2b": "Formulir 2b (anak 0-23 bulan)",
               "2c": "Formulir 2c (anak 2-6 tahun, PAUD)"}
_SUMMARY_DEFS = {"2a": "ringkasan_ibu_hamil", "2b": "ringkasan_anak_0_23", "2c": "ringkasan_anak_2_6"}
INDICATOR_FIELDS = ("y", "t", "ts", "berlaku", "jumlah", "terakhir", "y_tahun")
# How Tabel 1 and 2 count, named in an indicator file's `tabel:` section (the default first).
TABLE_RULES = {
    "kek_resti": ("bulan_mana_pun", "status_terakhir"),        # KEK/Resti in some month | in the last record
    "gizi_bermasalah": ("bulan_mana_pun", "status_terakhir"),  # gizi kurang/buruk/stunting likewise
    "tikar": ("hasil_terakhir", "catatan_terakhir"),           # last H/K/M result | the last record's mark
    "ibu_hamil_tanpa_status": ("hitung", "abaikan"),           # a record with no status kehamilan
}


@dataclass(frozen=True)
class Group:
    id: str
    form: str
    label: str
    convergence: bool


@dataclass(frozen=True)
class Indicator:
    id: str
    group: str
    form: str
    number: int
    column: str
    label: str
    text: str
    unit: str | None
    yes_value: float
    numbers: str                      # "count" | "measured"
    aliases: tuple[str, ...]
    params: dict
    when_src: str | None
    require_src: str
    location: Location
    when: Callable | None = field(default=None, compare=False, repr=False)
    require: Callable | None = field(default=None, compare=False, repr=False)
    keys: tuple[str, ...] = ()        # summary fields the expressions read (flat, dotted)
    scored: bool = True               # False for an input column (`inputs:`): read and summarised, not scored
    missing_note: str | None = None   # what a file without this column means, for the warning


@dataclass(frozen=True)
class IndicatorSet:
    file: str
    source: str
    groups: dict                      # id -> Group
    indicators: tuple                 # Indicator, in file order, then the input columns
    reconciliation: dict
    tables: dict = field(default_factory=lambda: {k: v[0] for k, v in TABLE_RULES.items()})
    name: str = "regulasi"            # how the counting is called in reports (`nama:`)
    description: str = ""

    def for_form(self, form: str) -> tuple:
        """Every column read for a form: the indicators, then the input columns."""
        return tuple(i for i in self.indicators if i.form == form)

    def scored(self, form: str) -> tuple:
        return tuple(i for i in self.indicators if i.form == form and i.scored)

    def group_of_form(self, form: str) -> Group | None:
        return next((g for g in self.groups.values() if g.form == form), None)

    def columns(self, form: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.column for i in self.for_form(form)))


COUNTINGS = {"regulasi": "indikator_konvergensi.yaml", "opensid": "indikator_opensid.yaml"}


def default_path(counting: str = "regulasi") -> Path:
    return Path(str(resources.files("aturan.data").joinpath(COUNTINGS[counting])))


@lru_cache(maxsize=None)
def monitoring_schema() -> dict:
    text = resources.files("aturan.schemas").joinpath("monitoring.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def summary_schema(form: str, columns: tuple[str, ...]) -> dict:
    """The JSON schema of one target's summary for one period: the form's base fields plus
    one object per indicator column (y, t, ts, berlaku, jumlah, terakhir)."""
    ms = monitoring_schema()
    base = copy.deepcopy(ms["$defs"][_SUMMARY_DEFS[form]])
    ind = copy.deepcopy(ms["$defs"]["ringkasan_indikator"])
    props = base.setdefault("properties", {})
    for c in columns:
        props[c] = copy.deepcopy(ind)
    base["additionalProperties"] = False
    # the DSL resolves $ref against this document
    return {"$schema": ms["$schema"], "$defs": {"tanggal": ms["$defs"]["tanggal"]}, **base}


def summary_fields(form: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """Every flat (dotted) field of the summary, in a fixed order."""
    props = monitoring_schema()["$defs"][_SUMMARY_DEFS[form]]["properties"]
    return tuple(props) + tuple(f"{c}.{f}" for c in columns for f in INDICATOR_FIELDS)


def pack_indicator_path(pack: Any) -> Path | None:
    """The indicator file a rule pack ships (`scorecard: {indikator: FILE}` in pack.yaml), if any."""
    root = getattr(pack, "path", None)
    if root is None:
        return None
    meta = Path(root) / "pack.yaml"
    if not meta.is_file():
        return None
    data = load_file(meta).data
    name = ((data or {}).get("scorecard") or {}).get("indikator") if isinstance(data, dict) else None
    if not name:
        return None
    path = (Path(root) / str(name)).resolve()
    if Path(root).resolve() not in path.parents:
        raise AturanError(f"scorecard.indikator {name!r} harus berada di dalam folder pack", Location(str(meta)))
    return path


def choose_indicators(counting: str = "regulasi", pack: Any = None) -> IndicatorSet:
    """The indicator file for a counting: the regulation's (the pack's own when it ships one) or OpenSID's."""
    if counting == "regulasi" and pack is not None:
        own = pack_indicator_path(pack)
        if own is not None:
            return load_indicators(own)
    return load_indicators(default_path(counting))


def load_indicators(path: str | Path | None = None) -> IndicatorSet:
    """Load and compile an indicator file (default: the bundled Kemendesa/Sijunjung set)."""
    p = Path(path) if path else default_path()
    try:
        st = p.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None      # load_file reports the missing file with its location
    return _load(str(p), stamp)


@lru_cache(maxsize=8)
def _load(path: str, stamp: tuple | None = None) -> IndicatorSet:
    """Compiled once per file version (the stamp changes when the file is edited)."""
    doc = load_file(path)
    errors: list[AturanError] = []
    data = doc.data
    if not isinstance(data, dict):
        raise AturanError("berkas indikator harus berupa pemetaan dengan 'groups' dan 'indicators'", doc.location(()))
    groups: dict[str, Group] = {}
    for gid, g in (data.get("groups") or {}).items():
        if not isinstance(g, dict) or g.get("form") not in FORMS:
            errors.append(AturanError(f"kelompok {gid!r}: 'form' harus salah satu dari {', '.join(FORMS)}",
                                      doc.location(("groups", gid))))
            continue
        groups[gid] = Group(gid, g["form"], str(g.get("label", gid)), bool(g.get("convergence", True)))
    raw = data.get("indicators")
    if not isinstance(raw, list) or not raw:
        raise AturanError("'indicators' harus berupa daftar yang tidak kosong", doc.location(("indicators",)))
    seen: set[str] = set()
    pending: list[tuple[dict, tuple]] = []
    for i, item in enumerate(raw):
        ypath = ("indicators", i)
        if not isinstance(item, dict):
            errors.append(AturanError("indikator harus berupa pemetaan", doc.location(ypath)))
            continue
        missing = [k for k in ("id", "group", "number", "column", "label", "require") if k not in item]
        if missing:
            errors.append(AturanError(f"indikator tanpa bidang wajib: {', '.join(missing)}", doc.location(ypath)))
            continue
        if item["id"] in seen:
            errors.append(AturanError(f"id indikator {item['id']!r} ditulis dua kali", doc.location(ypath + ("id",))))
            continue
        seen.add(item["id"])
        if item["group"] not in groups:
            errors.append(AturanError(f"kelompok {item['group']!r} tidak ada di 'groups'", doc.location(ypath + ("group",))))
            continue
        if item.get("numbers", "count") not in ("count", "measured"):
            errors.append(AturanError("'numbers' harus 'count' atau 'measured'", doc.location(ypath + ("numbers",))))
            continue
        pending.append((item, ypath))
    inputs = data.get("inputs") or []
    if not isinstance(inputs, list):
        errors.append(AturanError("'inputs' harus berupa daftar kolom", doc.location(("inputs",))))
        inputs = []
    raw_inputs = []
    for i, item in enumerate(inputs):
        ypath = ("inputs", i)
        if not isinstance(item, dict) or item.get("form") not in FORMS or not isinstance(item.get("column"), str):
            errors.append(AturanError("kolom masukan harus punya 'column' dan 'form' (2a/2b/2c)", doc.location(ypath)))
            continue
        if item.get("numbers", "count") not in ("count", "measured"):
            errors.append(AturanError("'numbers' harus 'count' atau 'measured'", doc.location(ypath + ("numbers",))))
            continue
        raw_inputs.append((item, ypath))
    columns_by_form = {f: tuple(dict.fromkeys(
        [it["column"] for it, _ in pending if groups[it["group"]].form == f] +
        [it["column"] for it, _ in raw_inputs if it["form"] == f])) for f in FORMS}
    indicators = []
    for item, ypath in pending:
        form = groups[item["group"]].form
        try:
            indicators.append(_compile(item, ypath, form, columns_by_form[form], doc))
        except AturanError as e:
            errors.append(e)
    for item, ypath in raw_inputs:
        indicators.append(Indicator(
            id=f"kolom.{item['column']}", group="", form=item["form"], number=0, column=item["column"],
            label=str(item.get("label", item["column"])), text=str(item.get("label", item["column"])), unit=None,
            yes_value=float(item.get("yes_value", 1)), numbers=str(item.get("numbers", "count")),
            aliases=tuple(str(a) for a in item.get("aliases") or ()), params={}, when_src=None, require_src="",
            location=doc.location(ypath), scored=False, missing_note=item.get("missing_note")))
    tables = {k: v[0] for k, v in TABLE_RULES.items()}
    for k, v in (data.get("tabel") or {}).items():
        if k not in TABLE_RULES or v not in TABLE_RULES[k]:
            allowed = ", ".join(f"{a}: {'/'.join(b)}" for a, b in TABLE_RULES.items())
            errors.append(AturanError(f"tabel.{k}: {v!r} tidak dikenal (pilihan: {allowed})", doc.location(("tabel", k))))
            continue
        tables[k] = v
    if errors:
        raise errors[0] if len(errors) == 1 else ErrorList(errors)
    return IndicatorSet(file=path, source=str(data.get("source", "")), groups=groups,
                        indicators=tuple(indicators), reconciliation=data.get("reconciliation") or {},
                        tables=tables, name=str(data.get("nama", "regulasi")),
                        description=str(data.get("keterangan", "")))


def _compile(item: dict, path: tuple, form: str, columns: tuple[str, ...], doc: Document) -> Indicator:
    from ..dsl import compile_expression
    from ..loader import expression_locator

    params = dict(item.get("params") or {})
    schema = summary_schema(form, columns)
    flat = set(summary_fields(form, columns))
    compiled = {}
    keys: list[str] = []
    for key in ("when", "require"):
        src = item.get(key)
        if src is None:
            compiled[key] = None
            continue
        src = str(src)
        fn = compile_expression(src, schema=schema, constants=params,
                                locate=expression_locator(doc, path + (key,), src),
                                name=f"{item['id']}.{key}", context=f"indikator {item['id']}, {key}")
        compiled[key] = fn
        keys.extend(p for p in fn.paths if p in flat)
    return Indicator(
        id=str(item["id"]), group=str(item["group"]), form=form, number=int(item["number"]),
        column=str(item["column"]), label=str(item["label"]), text=str(item.get("text", item["label"])),
        unit=item.get("unit"), yes_value=float(item.get("yes_value", 1)),
        numbers=str(item.get("numbers", "count")),
        aliases=tuple(str(a) for a in item.get("aliases") or ()), params=params,
        when_src=None if item.get("when") is None else str(item["when"]), require_src=str(item["require"]),
        location=doc.location(path), when=compiled["when"], require=compiled["require"],
        keys=tuple(dict.fromkeys(keys)))


def nest(flat: dict[str, Any]) -> dict:
    """{'a': 1, 'b.y': 2} -> {'a': 1, 'b': {'y': 2}}; None values are left out (absent facts)."""
    out: dict[str, Any] = {}
    for k, v in flat.items():
        if v is None:
            continue
        head, dot, tail = k.partition(".")
        if dot:
            out.setdefault(head, {})[tail] = v
        else:
            out[k] = v
    return out
