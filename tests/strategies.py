"""Hypothesis strategies for the fuzz tests: data drawn from our JSON Schemas, and DSL expressions.

hypothesis-jsonschema would draw from a schema for us, but 0.23 (its latest release) fails with
current Hypothesis (`'many' object has no attribute 'more'`), so `from_schema` below covers the
keywords our schemas use: type (one or a list), properties/required/additionalProperties, items,
enum, const, anyOf/oneOf, minimum/maximum, minLength, pattern, uniqueItems, format: date, and local $ref.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from hypothesis import strategies as st

from aturan.dsl import BUILTINS
from aturan.dsl.types import SchemaTypes, T
from aturan.schema import DATE_YEARS


# ------------------------------------------------------------------ budgets
@dataclass(frozen=True)
class Budget:
    """How many examples a fuzz test draws. The default run has a fixed, derandomized budget (the same
    examples every run, so CI is stable); `pytest -m fuzz_long` runs 50 times more, with fresh
    randomness each time (`--hypothesis-seed=N` replays a run)."""

    name: str
    factor: int
    derandomize: bool

    def settings(self, examples: int):
        from hypothesis import HealthCheck, settings
        return settings(max_examples=examples * self.factor, derandomize=self.derandomize, deadline=None,
                        database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                             HealthCheck.filter_too_much])


def budgets():
    import pytest
    return [pytest.param(Budget("ci", 1, True), id="ci"),
            pytest.param(Budget("long", 50, False), id="long", marks=pytest.mark.fuzz_long)]


# ------------------------------------------------------------------ data from a JSON Schema
def iso_dates(years=DATE_YEARS):
    return st.dates(dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)).map(dt.date.isoformat)


def from_schema(schema: dict, root: dict | None = None, max_items: int = 3):
    """A strategy for instances of `schema` (valid ones, for the keywords listed in the module doc)."""
    root = root or schema
    types = SchemaTypes(root)
    s = types.resolve(schema)
    if "const" in s:
        return st.just(s["const"])
    if "enum" in s:
        return st.sampled_from(s["enum"])
    for key in ("anyOf", "oneOf"):
        if key in s:
            return st.one_of([from_schema({**{k: v for k, v in s.items() if k != key}, **alt}, root, max_items)
                              for alt in s[key]])
    kind = s.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**s, "type": k}, root, max_items) for k in kind])
    if kind == "object" or (kind is None and "properties" in s):
        props = s.get("properties", {})
        required = set(s.get("required", []))
        return st.fixed_dictionaries(
            {k: from_schema(v, root, max_items) for k, v in props.items() if k in required},
            optional={k: from_schema(v, root, max_items) for k, v in props.items() if k not in required})
    if kind == "array":
        items = from_schema(s.get("items", {}), root, max_items)
        unique = (lambda x: json.dumps(x, sort_keys=True, default=str)) if s.get("uniqueItems") else None
        return st.lists(items, min_size=s.get("minItems", 0), max_size=max(max_items, s.get("minItems", 0)),
                        unique_by=unique)
    if kind == "integer":
        return st.integers(s.get("minimum", -10**6), s.get("maximum", 10**12))
    if kind == "number":
        lo, hi = s.get("minimum", -1e12), s.get("maximum", 1e12)
        return st.one_of(st.integers(int(lo), int(hi)), st.floats(lo, hi, allow_nan=False, allow_infinity=False))
    if kind == "string":
        if s.get("format") == "date":
            return iso_dates()
        if "pattern" in s:   # kode_wilayah: 16.09.01.2001
            return st.from_regex(s["pattern"], fullmatch=True)
        return st.text(min_size=s.get("minLength", 0), max_size=12)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return st.none() | st.booleans() | st.integers() | st.text(max_size=5)


# ------------------------------------------------------------------ anything YAML or JSON can hold
SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(-10**30, 10**30)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20) | iso_dates((1, 9999))
           | st.sampled_from(["2024-02-30", "0000-00-00", ".nan", "~", "yes", "NO", "0x1F", "1_000", "1:30"]))


def documents(scalars=SCALARS, max_leaves: int = 30):
    keys = st.text(max_size=12) | st.integers(-5, 5) | st.sampled_from(
        ["identitas", "nama", "jenis", "tahun", "kabupaten", "kpm", "tanggal", "pendidikan", "apb", "jumlah"])
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
                        max_leaves=max_leaves)


# ------------------------------------------------------------------ text mutations
MUTATION_SNIPPETS = ["&a ", "*a", "*b", "<<: *a", "!!python/object:os.system ", "!!binary ", "\t", "\x00", "[", "]",
                     "{", "}", ": ", "- ", "---\n", "...\n", '"', "'", "#", ".nan", ".inf", "9" * 30, "2024-02-30",
                     "\n  ", "\ufeff", "é", "?", "|", ">", "%YAML 1.1\n", "!!set ", "~"]


@st.composite
def mutated(draw, text: str, snippets=MUTATION_SNIPPETS):
    """`text` with a few edits: spans deleted, duplicated or replaced by snippets."""
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i, min(len(text), i + 40)))
        op = draw(st.sampled_from(["delete", "duplicate", "insert", "replace"]))
        piece = draw(st.sampled_from(snippets) | st.text(max_size=3))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "insert":
            text = text[:i] + piece + text[i:]
        else:
            text = text[:i] + piece + text[j:]
    return text


# ------------------------------------------------------------------ DSL expressions
DSL_WORDS = ["and", "or", "not", "in", "where", "before", "after", "true", "false", "all", "any", "count", "sum", "min",
             "max", "collect", "(", ")", "[", "]", ",", ":", ".", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/",
             "kpm", "k", "k.pendidikan", "identitas.tahun", "tanggal_penilaian", "tahun", "len(", "exists(",
             "date(", "year(", "2024-01-31", "9999-12-31", '"sma"', '"x"', "0", "1", "2.5", "9" * 20, "__import__",
             "lambda", ";", "\n"]


@st.composite
def token_soup(draw):
    """Expressions made of DSL words in random order: nearly all must be refused, none may crash."""
    return " ".join(draw(st.lists(st.sampled_from(DSL_WORDS), min_size=1, max_size=25)))


class TypedExpressions:
    """Expressions built type by type from the dossier schema's fields, so that most of them type-check
    and reach the compiler and both evaluators. The recursion is plain Python inside one composite
    strategy (a graph of nested Hypothesis strategies this size takes seconds per example to draw)."""

    def __init__(self, schema: dict, max_depth: int = 4):
        self.types = SchemaTypes(schema)
        self.max_depth = max_depth
        self.fields: dict[str, list[str]] = {"number": [], "date": [], "bool": [], "string": [], "list": []}
        self.lists_of_objects: list[tuple[str, T]] = []
        self._walk(self.types.root_type(), "", 3)

    def _walk(self, obj: T, prefix: str, depth: int):
        for name in self.types.field_names(obj):
            t = self.types.field(obj, name)
            path = f"{prefix}.{name}" if prefix else name
            if t.kind in self.fields:
                self.fields[t.kind].append(path)
            if t.kind == "list" and t.item is not None and t.item.kind == "object":
                self.lists_of_objects.append((path, t.item))
            if t.kind == "object" and depth > 1:
                self._walk(t, path, depth - 1)

    def item_fields(self, item: T, kind: str) -> list[str]:
        return [n for n in self.types.field_names(item) if self.types.field(item, n).kind == kind]

    def expr(self, kind: str = "bool"):
        @st.composite
        def build(draw):
            return self._of(draw, kind, 0, ())
        return build()

    # For each type, the forms an expression of that type can take: a template whose slots are filled
    # with a sub-expression of the named type, or with one of the listed words. "Q:..." is a quantifier.
    FORMS = {
        "bool": [("({} {} {})", ["bool", ["and", "or"], "bool"]), ("not {}", ["bool"]),
                 ("{} {} {}", ["number", ["==", "!=", "<", "<=", ">", ">="], "number"]),
                 ("{} {} {}", ["date", ["before", "after", "==", "<="], "date"]),
                 ("{} {} {}", ["string", ["==", "!=", ">="], "string"]), ("{} in {}", ["string", "list"]),
                 ("exists({})", ["PATH"]), "Q:all,any:bool"],
        "number": [("({} {} {})", ["number", ["+", "-", "*", "/"], "number"]), ("-{}", ["number"]),
                   ("abs({})", ["number"]), ("len({})", ["list"]),
                   ("{}({})", [["year", "month", "day", "quarter"], "date"]),
                   ("days_between({}, {})", ["date", "date"]), ("({} - {})", ["date", "date"]),
                   "Q:count:", "Q:sum,min,max:number"],
        "date": [("({} {} {})", ["date", ["+", "-"], "number"]), ("date({}, {}, {})", ["number", "number", "number"]),
                 "Q:min,max:date"],
        "list": [("distinct({})", ["list"]), "Q:collect:number"],
    }

    def _of(self, draw, kind, depth, scope):
        forms = self.FORMS.get(kind)
        if not forms or depth >= self.max_depth or draw(st.integers(0, 2)) == 0:
            return self._leaf(draw, kind, scope)
        form = draw(st.sampled_from(forms))
        if isinstance(form, str):                       # "Q:kinds:body type"
            _, kinds, body = form.split(":")
            return self._quantifier(draw, draw(st.sampled_from(kinds.split(","))), body or None, depth, scope)
        template, slots = form
        parts = []
        for slot in slots:
            if isinstance(slot, list):
                parts.append(draw(st.sampled_from(slot)))
            elif slot == "PATH":
                parts.append(draw(st.sampled_from(self.fields["bool"] + self.fields["date"] + self.fields["number"])))
            else:
                parts.append(self._of(draw, slot, depth + 1, scope))
        return template.format(*parts)

    def _leaf(self, draw, kind, scope):
        paths = list(self.fields.get(kind, []))
        paths += [f"{v}.{n}" for v, item in scope for n in self.item_fields(item, kind)]
        if paths and draw(st.booleans()):
            return draw(st.sampled_from(paths))
        if kind == "number":
            return draw(st.sampled_from(["tahun", "len(kpm)", "0", "1", "2.5"]) | st.integers(-10**15 + 1, 10**15 - 1).map(str))
        if kind == "date":
            return draw(st.just("tanggal_penilaian") | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat))
        if kind == "bool":
            return draw(st.sampled_from(["true", "false"]))
        if kind == "string":
            return draw(st.sampled_from(['"sma"', '"smp"', '"desa"', '"x"', '""', '"\\"; x"']))
        if kind == "list":
            return draw(st.sampled_from(["kpm", "[]", '["sma", "sd"]', "[1, 2, 3]"]))
        return "true"

    def _quantifier(self, draw, kind, body_kind, depth, scope):
        path, item = draw(st.sampled_from(self.lists_of_objects))
        var = f"v{len(scope)}"
        inner = scope + ((var, item),)
        text = f"{kind}({var} in {path}"
        if draw(st.booleans()):
            text += f" where {self._of(draw, 'bool', depth + 1, inner)}"
        if body_kind is not None:
            text += f": {self._of(draw, body_kind, depth + 1, inner)}"
        elif kind in ("all", "any"):
            text += f": {self._of(draw, 'bool', depth + 1, inner)}"
        return text + ")"
