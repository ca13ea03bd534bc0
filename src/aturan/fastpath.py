"""Reading a dossier at batch speed, with the careful reader as the judge of anything unusual.

The fast path parses JSON as JSON and YAML with PyYAML's C composer, keeps no positions, checks the schema with a
compiled validator (jsonschema-rs) and turns only the schema's date fields into dates. Anything it does not
handle exactly like the careful reader — a duplicate key, a tag or alias, NaN, a float where the schema may want
an integer, a value the schema refuses (the Indonesian spellings the careful reader accepts among them), a date
outside the years allowed — sends the dossier to the careful reader (loader.dossier_from_document), which keeps
every position and either builds the same Dossier or gives the message with file:line:col. So the fast path
only ever accepts what the careful reader accepts, and builds the same Dossier from it (tests/test_fastpath.py).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import stat
from functools import lru_cache
from typing import Any

import yaml

from .errors import Location, YamlError
from .model import Dossier

try:
    _Composer = yaml.CSafeLoader
except AttributeError:   # PyYAML built without libyaml: every YAML dossier takes the careful reader
    _Composer = None


class Slow(Exception):
    """This dossier is for the careful reader."""


# ------------------------------------------------------------------ JSON
def _object(pairs: list) -> dict:
    """A JSON object: a key written twice goes to the careful reader (which names both places); null values
    are dropped here, as the careful reader drops them (absent = unknown)."""
    d = dict(pairs)
    if len(d) != len(pairs):
        raise Slow
    if None in d.values():
        d = {k: v for k, v in pairs if v is not None}
    return d


_integral = [False]   # a float with nothing after the point (61.0) was read: see integer_places()


def _float(text: str) -> float:
    """A float that is not finite is for the careful reader. One that could stand for an integer (2024.0) is
    noted: the compiled validator takes 2024.0 as an integer, the careful one does not, so where the schema
    wants an integer such a dossier goes to the careful reader (61.0 as a percentage is fine)."""
    f = float(text)
    if not math.isfinite(f):
        raise Slow
    if f.is_integer():
        _integral[0] = True
    return f


def _constant(text: str):
    raise Slow   # NaN, Infinity: not JSON numbers


def parse_json(text: str) -> Any:
    _integral[0] = False
    if _orjson_loads is not None:
        try:
            return _parse_orjson(text)
        except _NotPlain:
            _integral[0] = False   # the standard parser below reads it again and judges it exactly
    try:
        return json.loads(text, object_pairs_hook=_object, parse_float=_float, parse_constant=_constant)
    except (ValueError, RecursionError):   # a syntax error, an integer too long: the careful reader says where
        raise Slow from None


try:   # orjson parses several times faster than json.loads with the hooks above; it is only a first try
    from orjson import dumps as _orjson_dumps, loads as _orjson_loads
except ImportError:   # pragma: no cover - orjson is a dependency
    _orjson_loads = None


class _NotPlain(Exception):
    """orjson's reading may differ from the standard parser's here: ask the standard one."""


_COLON_ESCAPE = re.compile(r"\\u003[aA]")
# orjson's compact output with the digits and signs deleted, '[' and ',' read as ':', 'e' and 'E' as '.': a float
# (1.5, -2e+16, written after ':', '[' or ',') leaves ':.'; an integer never does. A string may too: then the
# data is walked for nothing.
_FLOAT_SHAPE = bytes.maketrans(b"[,eE", b"::..")
_SIGNS_AND_DIGITS = b"+-0123456789"


def _parse_orjson(text: str) -> Any:
    """The standard parser's result (json.loads with _object and _float), through orjson, or _NotPlain.

    orjson refuses what the standard parser reads (NaN, lone surrogates, 1e400) or reads some things otherwise:
    of a key written twice it keeps the last, silently, and an integer beyond 64 bits becomes a float. A key
    written twice is found without walking the data: JSON writes a colon after each key and inside strings
    only; orjson's compact output of what it read has one per key kept and the same ones inside the strings kept
    (orjson writes ':' as it is; a text writing it as \\u003a goes to the standard parser), so the counts are
    equal exactly when no key (with its value) was dropped. The data is walked only when it holds a null (to
    drop) or may hold a float (one that could be an integer is noted; one of 2**63 or more may have been such
    an integer and goes to the standard parser)."""
    try:
        data = _orjson_loads(text)
        if "\\u003" in text and _COLON_ESCAPE.search(text):
            raise _NotPlain
        out = _orjson_dumps(data)
    except Exception:   # orjson's errors (a syntax error, nesting too deep...) and ours: the standard parser decides
        raise _NotPlain from None
    if text.count(":") != out.count(b":"):
        raise _NotPlain   # a key written twice in one object
    if b"null" in out or b":." in out.translate(_FLOAT_SHAPE, _SIGNS_AND_DIGITS):
        try:
            return _plain_tree(data)
        except RecursionError:   # pragma: no cover - orjson nests no deeper than its dumps wrote
            raise _NotPlain from None
    return data


def _plain_tree(v: Any) -> Any:
    """`v` as the standard parser with _object and _float builds it: null values dropped from objects; a float
    that could be an integer noted (see _float), one of 2**63 or more sent to the standard parser."""
    t = type(v)
    if t is dict:
        drop = False
        for k, x in v.items():
            tx = type(x)
            if tx is dict or tx is list:
                v[k] = _plain_tree(x)
            elif x is None:
                drop = True
            elif tx is float and x.is_integer():
                _integral_float(x)
        return {k: x for k, x in v.items() if x is not None} if drop else v
    if t is list:
        for i, x in enumerate(v):
            tx = type(x)
            if tx is dict or tx is list:
                v[i] = _plain_tree(x)
            elif tx is float and x.is_integer():
                _integral_float(x)
        return v
    if t is float and v.is_integer():
        _integral_float(v)
    return v


_BIG = float(2 ** 63)


def _integral_float(f: float) -> None:
    if abs(f) >= _BIG:
        raise _NotPlain   # perhaps an integer of more than 64 bits, which orjson reads as a float
    _integral[0] = True


# ------------------------------------------------------------------ YAML
_PLAIN_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
               "tag:yaml.org,2002:timestamp"}
_BOOL = yaml.constructor.SafeConstructor.bool_values
_constructor = yaml.constructor.SafeConstructor()


def parse_yaml(text: str) -> Any:
    """YAML through the C composer, built without positions; anything but plain data is for the careful reader."""
    if _Composer is None:
        raise Slow
    _integral[0] = False
    try:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except (yaml.YAMLError, ValueError):
        raise Slow from None
    if node is None:
        raise Slow
    try:
        return _build(node)
    except (ValueError, OverflowError, RecursionError):   # an integer of thousands of digits...: said carefully
        raise Slow from None


def _build(node) -> Any:
    """Plain data from a node tree; a node met twice (an alias), a tag, a float that could be an integer, a
    merge key or a key written twice raises Slow. Dates stay text, as in the careful reader."""
    return _value(node, set())


def _value(node, seen: set) -> Any:
    if id(node) in seen:
        raise Slow   # an alias
    seen.add(id(node))
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
            return node.value
        if tag == "tag:yaml.org,2002:int":
            return _constructor.construct_yaml_int(node)
        if tag == "tag:yaml.org,2002:bool":
            return _BOOL[node.value.lower()]
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:float":
            f = _constructor.construct_yaml_float(node)
            if not math.isfinite(f):
                raise Slow   # see _float
            if f.is_integer():
                _integral[0] = True
            return f
        raise Slow   # any other tag
    if isinstance(node, yaml.MappingNode):
        if tag != "tag:yaml.org,2002:map":
            raise Slow
        out = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode) or k.tag != "tag:yaml.org,2002:str" or k.value in out:
                raise Slow   # keys that are not plain text (yes, null, 2024, <<) and keys written twice
            value = _value(v, seen)
            if value is not None:
                out[k.value] = value
        return out
    if isinstance(node, yaml.SequenceNode):
        if tag != "tag:yaml.org,2002:seq":
            raise Slow
        return [_value(x, seen) for x in node.value]
    raise Slow


# ------------------------------------------------------------------ the schema, compiled
@lru_cache(maxsize=1)
def compiled_validator():
    """jsonschema-rs on the dossier schema, with its own date format (YYYY-MM-DD, a day that exists); None when
    it is not installed (every dossier then takes the careful reader's jsonschema)."""
    try:
        import jsonschema_rs
    except ImportError:   # pragma: no cover - a dependency; without it the careful reader validates all
        return None
    from .schema import load_schema
    return jsonschema_rs.validator_for(load_schema("dossier"), validate_formats=True)


from .schema import DATE_YEARS  # noqa: E402  (the careful reader's years: 0024 is a typo)


def _plan(leaf) -> Any:
    """The places of the dossier schema where leaf(schema) holds, as a tree: ("obj", {key: plan}), ("arr", plan),
    or True at a leaf; None where there is none."""
    from .schema import load_schema
    schema = load_schema("dossier")
    defs = schema.get("$defs", {})

    def plan(s: dict, depth: int = 0):
        if depth > 64:   # the schema is not recursive; this is only a guard
            return None
        if "$ref" in s:
            s = defs[s["$ref"].split("/")[-1]]
        if leaf(s):
            return True
        alts = [p for p in (plan(a, depth + 1) for a in s.get("anyOf", []) + s.get("oneOf", [])) if p]
        if alts:
            if len(alts) > 1:
                raise ValueError("two plans at one place of the dossier schema")
            return alts[0]
        if "properties" in s:
            sub = {k: p for k, v in s["properties"].items() if (p := plan(v, depth + 1))}
            return ("obj", sub) if sub else None
        if "items" in s:
            p = plan(s["items"], depth + 1)
            return ("arr", p) if p else None
        return None
    return plan(schema)


@lru_cache(maxsize=1)
def date_plan():
    """Where the dossier schema holds dates."""
    return _plan(lambda s: s.get("format") == "date")


@lru_cache(maxsize=1)
def integer_plan():
    """Where the dossier schema wants an integer."""
    return _plan(lambda s: s.get("type") == "integer")


def _no_float(value: Any, plan) -> None:
    """Slow if a float sits where the schema wants an integer."""
    if plan is True:
        if type(value) is float:
            raise Slow
        return
    kind, sub = plan
    if kind == "obj":
        if type(value) is dict:
            for key, p in sub.items():
                if key in value:
                    _no_float(value[key], p)
    elif type(value) is list:
        for x in value:
            _no_float(x, sub)


_fromiso = dt.date.fromisoformat


def _dates(value: Any, plan) -> Any:
    """`value` with its schema date fields as dates (in place); a year outside DATE_YEARS is for the careful reader."""
    if plan is True:
        if type(value) is str:
            day = _fromiso(value)
            if not DATE_YEARS[0] <= day.year <= DATE_YEARS[1]:
                raise Slow
            return day
        return value
    kind, sub = plan
    if kind == "obj":
        if type(value) is dict:
            for key, p in sub.items():
                if key in value:
                    value[key] = _dates(value[key], p)
        return value
    if type(value) is list:
        return [_dates(x, sub) for x in value]
    return value


def _date_leaf(value: Any, _lo=DATE_YEARS[0], _hi=DATE_YEARS[1]) -> Any:
    """_dates(value, True)."""
    if type(value) is str:
        day = _fromiso(value)
        if not _lo <= day.year <= _hi:
            raise Slow
        return day
    return value


_days: dict[str, dt.date] = {}   # the text of a valid date -> the date (immutable: one object serves every dossier)


def _dates_fn(plan):
    """_dates(value, plan) as a function of the value, the plan walked once: per dossier only the data is."""
    if plan is True:
        return _date_leaf
    kind, sub = plan
    if kind == "obj":
        leaves = tuple(key for key, p in sub.items() if p is True)
        steps = tuple((key, _dates_fn(p)) for key, p in sub.items() if p is not True)

        def obj(value: Any) -> Any:
            if type(value) is dict:
                for key in leaves:
                    v = value.get(key)
                    if type(v) is str:
                        day = _days.get(v)
                        if day is None:
                            day = _date_leaf(v)
                            if len(_days) < 8192:   # a village's dates fall on the days of a few years
                                _days[v] = day
                        value[key] = day
                for key, fn in steps:
                    if key in value:
                        value[key] = fn(value[key])
            return value
        return obj
    each = _dates_fn(sub)

    def arr(value: Any) -> Any:
        return [each(x) for x in value] if type(value) is list else value
    return arr


@lru_cache(maxsize=1)
def dates_fn():
    """The schema's date fields turned into dates, compiled from date_plan()."""
    return _dates_fn(date_plan())


def dossier(data: Any, file: str) -> Dossier:
    """A Dossier from parsed data, if the compiled validator accepts it as it is; Slow otherwise."""
    validator = compiled_validator()
    if validator is None or type(data) is not dict or not validator.is_valid(data):
        raise Slow
    if _integral[0]:
        _no_float(data, integer_plan())
    data = dates_fn()(data)
    ident = data["identitas"]
    return Dossier(file=file, data=data, name=ident["nama"], unit=ident["jenis"], year=ident["tahun"],
                   regency=ident.get("kabupaten"), as_of=ident.get("tanggal_data"), kecamatan=ident.get("kecamatan"),
                   kode_wilayah=ident.get("kode_wilayah"))


# ------------------------------------------------------------------ files, lines and dicts
JSON_SUFFIXES = (".json",)


def load_file(path: str, name: str | None = None) -> Dossier:
    """The dossier in a YAML or JSON file: fast when it can be, the careful reader's verdict when not."""
    from .yamlio import load_text, read_text
    name = name or str(path)
    text = _read_plain(path)
    if text is None:
        text = read_text(path)   # the careful reader's guards, and its message for what they refuse
    is_json = str(path).lower().endswith(JSON_SUFFIXES)
    try:
        return dossier(parse_json(text) if is_json else parse_yaml(text), name)
    except Slow:
        pass
    if is_json:
        return careful_json(text, name)
    return careful(load_text(text, str(path)), name)   # the same text again, every position kept


def _read_plain(path: str) -> str | None:
    """The text of a regular, non-empty UTF-8 file within the size limit, read with a handful of system calls;
    None for anything else, which yamlio.read_text then reads or refuses with its message. Like read_text it
    looks (stat) before it opens: opening a device or a named pipe may wait or have effects of its own."""
    from .yamlio import READ_FLAGS, current_limits
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or not 0 < st.st_size <= current_limits().max_bytes:
            return None
        fd = os.open(path, READ_FLAGS)
        try:
            raw = os.read(fd, st.st_size + 1)
        finally:
            os.close(fd)
        if len(raw) != st.st_size:   # changed since stat(): read_text judges it
            return None
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None



def careful(doc, name: str) -> Dossier:
    """The careful reader's verdict on a read document; an error keeps what was read (error.data), so a batch
    can still say which kabupaten and kecamatan a rejected dossier belongs to."""
    from .errors import AturanError
    from .loader import dossier_from_document
    try:
        return dossier_from_document(doc, name)
    except AturanError as e:
        e.data = doc.data
        raise


def load_data(data: Any, name: str) -> Dossier:
    """A dossier given as data (the Python API): nulls dropped as in a file; the careful reader when unusual."""
    _integral[0] = False
    try:
        return dossier(_plain(data), name)
    except Slow:
        from .loader import Unlocated
        return careful(Unlocated(name, data), name)


def _plain(v: Any) -> Any:
    """A copy of API data as the JSON parser would have built it, or Slow."""
    t = type(v)
    if t is dict:
        out = {}
        for k, x in v.items():
            if type(k) is not str:
                raise Slow
            if x is not None:
                out[k] = _plain(x)
        return out
    if t is list:
        return [_plain(x) for x in v]
    if t is float:
        if not math.isfinite(v):
            raise Slow
        if v.is_integer():
            _integral[0] = True
    if t in (str, int, bool, float):
        return v
    raise Slow   # dates, tuples, anything else: as the careful reader sees them


def load_json_line(text: str, name: str, line: int) -> Dossier:
    """One JSON Lines dossier, line `line` (0-based) of stream `name`."""
    try:
        return dossier(parse_json(text), f"{name}:{line + 1}")
    except Slow:
        return careful_json("\n" * line + text, name, f"{name}:{line + 1}")


def careful_json(text: str, file: str, name: str | None = None) -> Dossier:
    """A JSON dossier read the careful way: the values as JSON means them, the positions from the YAML composer
    (JSON is YAML) so every message says file:line:col; a JSON syntax error is located by the JSON parser."""
    return careful(json_document(text, file), name or file)


def json_document(text: str, file: str):
    from . import yamlio
    try:
        data = json.loads(text, object_pairs_hook=_keep_pairs, parse_constant=_not_a_number(text, file))
    except json.JSONDecodeError as e:
        lines = text.splitlines()
        raise YamlError(f"JSON tidak valid: {_json_problem(e.msg)}",
                        Location(file, e.lineno - 1, e.colno - 1,
                                 lines[e.lineno - 1] if 0 < e.lineno <= len(lines) else None)) from None
    except _Duplicate:
        yamlio.load_text(text, file)   # the careful YAML reader names the key and both places
        raise YamlError("JSON tidak valid: ada kunci yang ditulis dua kali dalam satu objek", Location(file)) from None
    except (ValueError, RecursionError) as e:
        raise YamlError(f"JSON tidak valid: {e}", Location(file)) from None
    try:
        located = yamlio.load_text(text, file)
    except YamlError:
        if _depth(data) > yamlio.current_limits().max_depth:
            raise   # the nesting limit holds for JSON too, with its position
        return _Unplaced(file, text, data)   # JSON that YAML 1.1 reads otherwise: the values stand, unplaced
    return yamlio.Document(file, text, data, located._marks, located._styles)


def _depth(value: Any) -> int:
    """Levels of nested objects and arrays (iterative: a deep file must not exhaust the stack here)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            deepest = max(deepest, d)
            stack += [(x, d + 1) for x in v.values()]
        elif isinstance(v, list):
            deepest = max(deepest, d)
            stack += [(x, d + 1) for x in v]
    return deepest


class _Duplicate(Exception):
    pass


def _keep_pairs(pairs: list) -> dict:
    d = dict(pairs)
    if len(d) != len(pairs):
        raise _Duplicate
    return d


def _not_a_number(text: str, file: str):
    def refuse(word: str):
        m = re.search(r"(?<![\w\"])-?" + re.escape(word.lstrip("-")) + r"(?![\w\"])", text)
        line = text.count("\n", 0, m.start()) if m else None
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) if m else None
        lines = text.splitlines()
        raise YamlError(f"{word} bukan bilangan yang sah dalam JSON; tulis angkanya, atau null bila tidak diketahui",
                        Location(file, line, col, lines[line] if line is not None and line < len(lines) else None))
    return refuse


_JSON_PROBLEMS = {
    "Expecting value": "nilai diharapkan di sini",
    "Expecting ',' delimiter": "tanda ',' diharapkan di sini",
    "Expecting ':' delimiter": "tanda ':' diharapkan di sini",
    "Expecting property name enclosed in double quotes": "nama kunci harus dalam tanda kutip ganda",
    "Unterminated string starting at": "teks tidak ditutup dengan tanda kutip",
    "Invalid control character at": "karakter kendali di dalam teks",
    "Extra data": "ada data setelah akhir dokumen",
    "Invalid \\escape": "urutan escape \\ tidak sah",
}


def _json_problem(msg: str) -> str:
    return next((v for k, v in _JSON_PROBLEMS.items() if msg.startswith(k)), msg)


class _Unplaced:
    """A JSON document whose values stand but whose positions YAML cannot recover: messages name the file."""

    def __init__(self, file: str, text: str, data):
        self.file, self.text, self.data, self.lines = file, text, data, text.splitlines()

    def location(self, path: tuple = ()) -> Location:
        return Location(self.file)

    def key_location(self, path: tuple) -> Location:
        return Location(self.file)
