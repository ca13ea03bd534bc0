"""JSON Schema checking with errors located in the YAML source, in Indonesian."""
from __future__ import annotations

import datetime as dt
import json
import math
import re
from functools import lru_cache
from importlib import resources

import jsonschema
from jsonschema.exceptions import best_match

from .errors import SchemaError
from .yamlio import Document


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    """name: 'pack' or 'dossier' (or another file in aturan/schemas)."""
    text = resources.files("aturan.schemas").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


# What `aturan schema KIND` prints: (schema file, $defs entry or None for the whole file, title).
SCHEMA_KINDS = {
    "pack": ("pack", None, "aturan: pack.yaml"),
    "rules": ("pack", "rule_file", "aturan: rules/*.yaml of a pack"),
    "traceability": ("pack", "traceability", "aturan: traceability.yaml of a pack"),
    "tests": ("pack", "test_file", "aturan: tests/*.yaml of a pack"),
    "dossier": ("dossier", None, "aturan: dossier (one village, one year)"),
    "monitoring": ("monitoring", None, "aturan: monitoring records (YAML/JSON)"),
}


def sub_schema(name: str, ref: str | None) -> dict:
    """The schema file `name`, or one of its $defs as a self-contained schema (its $defs kept)."""
    schema = load_schema(name)
    if ref:
        schema = {**schema, "$ref": f"#/$defs/{ref}"}
        for k in ("required", "properties", "additionalProperties", "type"):
            schema.pop(k, None)
    return schema


def printable_schema(kind: str) -> dict:
    name, ref, title = SCHEMA_KINDS[kind]
    schema = sub_schema(name, ref)
    if ref:
        schema["$id"] = schema["$id"].replace(f"{name}.schema.json", f"{kind}.schema.json")
        schema["title"] = title
    return schema


# Stricter than JSON Schema's own words, because the engine relies on them: an "integer" is an int
# (jsonschema also takes 2024.0, which then breaks date(tahun, 12, 31)); a "number" is finite (NaN and
# infinity compare false with everything and are not JSON); true/false are never numbers.
def _is_integer(checker, instance) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


def _is_number(checker, instance) -> bool:
    if isinstance(instance, bool):
        return False
    return isinstance(instance, int) or (isinstance(instance, float) and math.isfinite(instance))


DATE_YEARS = (1900, 2200)   # a date outside these years in a dossier or pack is a typo (0024 for 2024)
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_date(instance) -> bool:
    """YYYY-MM-DD, a day that exists, in a plausible year."""
    if not isinstance(instance, str):
        return True
    if not _DATE_RE.fullmatch(instance):
        return False
    try:
        d = dt.date.fromisoformat(instance)
    except ValueError:
        return False
    return DATE_YEARS[0] <= d.year <= DATE_YEARS[1]


@lru_cache(maxsize=None)
def strict_validator_class(base):
    """`base` (a jsonschema validator class) with the strict integer and number types."""
    types = base.TYPE_CHECKER.redefine_many({"integer": _is_integer, "number": _is_number})
    return jsonschema.validators.extend(base, type_checker=types)


def format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()   # its own copy of the checks: redefining one here changes no other
    checker.checks("date")(_is_date)
    return checker


@lru_cache(maxsize=None)
def validator(name: str, ref: str | None = None):
    schema = sub_schema(name, ref)
    cls = strict_validator_class(jsonschema.validators.validator_for(schema))
    return cls(inline_refs(schema), format_checker=format_checker())


# Keywords that never fail a validation (beside a $ref they leave it replaceable), and keywords whose values are
# data, not schemas (a {"$ref": ...} inside them is left alone).
_ANNOTATIONS = frozenset({"title", "description", "$comment", "default", "examples", "deprecated", "readOnly",
                          "writeOnly", "markdownDescription"})
_DATA_VALUES = frozenset({"enum", "const", "default", "examples"})
_SCOPES = ("$id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef", "$recursiveAnchor")


def inline_refs(schema: dict) -> dict:
    """`schema` with each `{"$ref": "#/$defs/x"}` (annotations beside it allowed) replaced by the definition,
    itself inlined. jsonschema then no longer looks every $ref up as it validates: a dossier it rejects is
    walked in half the time, with the same errors (keywords met in the same order, the same instance paths,
    messages and best match; tests/test_schema_inline.py compares them on hundreds of broken documents of
    every kind). Left as they are: a definition that refers back to itself or opens a scope of its own ($id,
    anchors, anywhere inside it), a $ref with validating keywords beside it, and a $ref that is a branch of
    oneOf or the schema of not (their messages print the subschema as written)."""
    defs = schema.get("$defs") or {}

    def scoped(node) -> bool:
        if isinstance(node, dict):
            return any(k in node for k in _SCOPES) or any(scoped(v) for v in node.values())
        return isinstance(node, list) and any(scoped(v) for v in node)

    def walk(node, stack: tuple):
        if isinstance(node, list):
            return [walk(x, stack) for x in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref[len("#/$defs/"):]
            target = defs.get(name)
            if ("/" not in name and isinstance(target, dict) and name not in stack and not scoped(target)
                    and all(k == "$ref" or k in _ANNOTATIONS or k.startswith("x-") for k in node)):
                rest = {k: v for k, v in node.items() if k != "$ref"}
                return {**walk(target, stack + (name,)), **rest}
        out = {}
        for k, v in node.items():
            if k in _DATA_VALUES:
                out[k] = v
            elif k == "oneOf" and isinstance(v, list):
                out[k] = [x if _is_ref(x) else walk(x, stack) for x in v]
            elif k == "not":
                out[k] = v if _is_ref(v) else walk(v, stack)
            else:
                out[k] = walk(v, stack)
        return out
    return walk(schema, ())


def _is_ref(node) -> bool:
    return isinstance(node, dict) and "$ref" in node


def _path_str(path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(akar)"


def translate(err: jsonschema.ValidationError) -> tuple[str, tuple]:
    """An Indonesian message for one validation error, and the path to point at."""
    path = tuple(err.absolute_path)
    v, val = err.validator, err.validator_value
    where = _path_str(path)
    if v == "additionalProperties":
        props = err.schema.get("properties") or {}
        # from the instance, not the message: a key that is not text (1:, 2024-01-01:) has no quotes there
        extra = [k for k in err.instance if k not in props] if isinstance(err.instance, dict) else []
        if extra:
            allowed = sorted((err.schema.get("properties") or {}).keys())
            import difflib
            m = difflib.get_close_matches(str(extra[0]), allowed, n=1)
            hint = f" (maksud Anda {m[0]!r}?)" if m else (f"; bidang yang dikenal: {', '.join(allowed)}" if allowed else "")
            return f"bidang {extra[0]!r} tidak dikenal di {where}{hint}", path + (("__key__", extra[0]),)
        return f"bidang tidak dikenal di {where}", path
    if v == "required":
        missing = re.findall(r"'([^']+)' is a required property", err.message)
        return f"{where}: bidang wajib {missing[0] if missing else val!r} tidak ada", path
    if v == "type":
        words = {"string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "true/false",
                 "array": "daftar", "object": "pemetaan (kunci: nilai)", "null": "kosong"}
        want = " atau ".join(words.get(t, t) for t in (val if isinstance(val, list) else [val]))
        if isinstance(err.instance, float) and not math.isfinite(err.instance):
            return f"{where}: harus {want}; NaN dan tak hingga bukan angka yang sah", path
        return f"{where}: harus {want}, bukan {err.instance!r}", path
    if v == "enum":
        return f"{where}: {err.instance!r} bukan nilai yang sah; pilihan: {', '.join(map(str, val))}", path
    if v == "const":
        return f"{where}: harus {val!r}", path
    if v == "format" and val == "date":
        if isinstance(err.instance, str) and _DATE_RE.fullmatch(err.instance):
            try:
                dt.date.fromisoformat(err.instance)
            except ValueError:
                return f"{where}: {err.instance!r} bukan tanggal yang sah: tidak ada di kalender", path
            return (f"{where}: tahun {err.instance[:4]} di luar rentang yang diterima "
                    f"({DATE_YEARS[0]}-{DATE_YEARS[1]}); salah ketik?"), path
        return f"{where}: {err.instance!r} bukan tanggal yang sah (format YYYY-MM-DD)", path
    if v == "minimum":
        return f"{where}: {err.instance!r} kurang dari minimum {val}", path
    if v == "maximum":
        return f"{where}: {err.instance!r} melebihi maksimum {val}", path
    if v == "pattern":
        return f"{where}: {err.instance!r} tidak sesuai pola {val}", path
    if v == "minLength":
        return f"{where}: teks terlalu pendek (minimal {val} karakter)", path
    if v == "minItems":
        return f"{where}: daftar harus berisi minimal {val} butir", path
    if v == "uniqueItems":
        return f"{where}: daftar berisi butir ganda", path
    if v in ("anyOf", "oneOf"):
        return f"{where}: bentuk tidak sesuai ({err.message})", path
    return f"{where}: {err.message}", path


def check(doc: Document, schema_name: str, ref: str | None = None, data=None) -> None:
    """Raise SchemaError at the best-matching error's location; say how many more there are."""
    val = validator(schema_name, ref)
    instance = doc.data if data is None else data
    errors = list(val.iter_errors(instance))
    if not errors:
        return
    best = best_match(errors)
    msg, path = translate(best)
    if path and isinstance(path[-1], tuple) and path[-1][0] == "__key__":
        loc = doc.key_location(path[:-1] + (path[-1][1],))
    else:
        loc = doc.location(path)
    more = len(errors) - 1
    hint = f"(dan {more} kesalahan skema lain; perbaiki yang ini dulu)" if more else None
    err = SchemaError(msg, loc, hint=hint)
    err.path = tuple(p for p in path if not isinstance(p, tuple))
    raise err
