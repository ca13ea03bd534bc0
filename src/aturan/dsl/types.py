"""The DSL's types, and how dossier JSON Schema fragments map onto them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class T:
    kind: str                      # number string bool date list object any
    item: "T | None" = None        # for list
    schema: Any = None             # for object: the (resolved) JSON schema; hashed by id
    path: str = ""                 # where in the dossier this type comes from (for messages)
    ladder: str | None = None      # for ordinal strings (e.g. pendidikan)
    enum: tuple | None = None      # allowed string values, when known
    stated: bool = False           # a number or date the dossier may state absent with `false` (laporan_tahunan.isi.*)

    def __hash__(self):
        return hash((self.kind, self.item, id(self.schema), self.ladder))

    def __eq__(self, other):
        return isinstance(other, T) and self.kind == other.kind and self.item == other.item \
            and self.schema is other.schema and self.ladder == other.ladder

    def name(self) -> str:
        words = {"number": "angka", "string": "teks", "bool": "boolean", "date": "tanggal",
                 "object": "objek", "any": "apa saja"}
        if self.kind == "list":
            return f"daftar {self.item.name() if self.item else ''}".strip()
        if self.ladder:
            return f"teks berjenjang ({self.ladder})"
        return words.get(self.kind, self.kind)


NUMBER = T("number")
STRING = T("string")
BOOL = T("bool")
DATE = T("date")
ANY = T("any")


def list_of(item: T) -> T:
    return T("list", item=item)


def compatible(a: T, b: T) -> bool:
    """Can a value of type a be compared for equality with one of type b?"""
    if a.kind == "any" or b.kind == "any":
        return True
    if a.kind != b.kind:
        return False
    if a.kind == "list":
        return a.item is None or b.item is None or compatible(a.item, b.item)
    return True


def parse_type(spec: str) -> T:
    """'number', 'string', 'bool', 'date', 'any', 'list[string]' -> T (for plugin functions)."""
    spec = spec.strip()
    if spec.startswith("list[") and spec.endswith("]"):
        return list_of(parse_type(spec[5:-1]))
    simple = {"number": NUMBER, "string": STRING, "bool": BOOL, "date": DATE, "any": ANY, "list": list_of(ANY)}
    if spec not in simple:
        raise ValueError(f"unknown DSL type {spec!r}")
    return simple[spec]


class SchemaTypes:
    """Resolves JSON Schema fragments of a document (the dossier, a monitoring record) to T."""

    def __init__(self, root_schema: dict):
        self.root = root_schema

    def resolve(self, schema: dict) -> dict:
        seen = 0
        while isinstance(schema, dict) and ("$ref" in schema or _with_none(schema)):
            if "$ref" not in schema:
                # {"anyOf": [<document>, {"$ref": "#/$defs/tidak_ada"}]}: the type is the document's;
                # `false` (stated absent) is handled by ada() and by the evaluator, not by the types
                extra = {k: v for k, v in schema.items() if k != "anyOf"}
                inner = next(b for b in schema["anyOf"] if not self._is_none(b))
                resolved = self.resolve(inner)
                schema = {**resolved, **extra} if extra else resolved
                continue
            ref = schema["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"only local $ref supported: {ref}")
            target = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            extra = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **extra} if extra else target
            seen += 1
            if seen > 20:
                raise ValueError("$ref loop")
        return schema

    def _is_none(self, branch: dict) -> bool:
        return bool(self.resolve(branch).get("x-tidak-ada")) if "$ref" in branch else bool(branch.get("x-tidak-ada"))

    def to_type(self, schema: dict, path: str) -> T:
        t = self._to_type(schema, path)
        # numbers and dates stated absent must not compare or add as 0 / False; a party or code stated absent
        # (`divalidasi_oleh: false`, nobody) simply equals no value, which Python's == already says
        if isinstance(schema, dict) and _with_none(schema) and t.kind in ("number", "date"):
            return T(t.kind, t.item, t.schema, t.path, t.ladder, t.enum, stated=True)
        return t

    def _to_type(self, schema: dict, path: str) -> T:
        s = self.resolve(schema)
        kind = s.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), None)
        if kind == "object" or (kind is None and "properties" in s):
            return T("object", schema=s, path=path)
        if kind == "array":
            item = self.to_type(s.get("items", {}), path + "[*]")
            return T("list", item=item, path=path)
        if kind in ("integer", "number"):
            return T("number", path=path)
        if kind == "boolean":
            return T("bool", path=path)
        if kind == "string":
            if s.get("format") == "date":
                return T("date", path=path)
            enum = tuple(s["enum"]) if "enum" in s else None
            return T("string", path=path, ladder=s.get("x-ladder"), enum=enum)
        return T("any", path=path)

    def root_type(self) -> T:
        return T("object", schema=self.resolve(self.root), path="")

    def field(self, obj: T, name: str) -> T | None:
        props = obj.schema.get("properties", {}) if obj.schema else {}
        if name not in props:
            return None
        path = f"{obj.path}.{name}" if obj.path else name
        return self.to_type(props[name], path)

    def field_names(self, obj: T) -> list[str]:
        return list(obj.schema.get("properties", {})) if obj.schema else []


def _with_none(schema: dict) -> bool:
    """A schema of the form anyOf[document, tidak_ada]: a document that may be stated not to exist."""
    branches = schema.get("anyOf")
    return isinstance(branches, list) and len(branches) == 2 and any(
        isinstance(b, dict) and (b.get("$ref") == "#/$defs/tidak_ada" or b.get("x-tidak-ada")) for b in branches)
