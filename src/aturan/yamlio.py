"""Safe YAML/JSON loading that keeps positions and refuses duplicate keys."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, YamlError

Path_ = tuple  # a JSON path: keys and list indexes

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


class Document:
    """Loaded data plus where each value came from."""

    def __init__(self, file: str, text: str, data: Any, marks: dict[tuple, tuple[int, int]],
                 styles: dict[tuple, str | None]):
        self.file = file
        self.text = text
        self.lines = text.splitlines()
        self.data = data
        self._marks = marks
        self._styles = styles

    def location(self, path: tuple = ()) -> Location:
        """Location of the value at `path`, or of its nearest ancestor that exists."""
        p = tuple(path)
        while p not in self._marks and p:
            p = p[:-1]
        line, col = self._marks.get(p, (0, 0))
        return Location(self.file, line, col, self.line_text(line))

    def key_location(self, path: tuple) -> Location:
        """Location of the key (rather than the value) at `path`."""
        mark = self._marks.get(("__key__",) + tuple(path))
        if mark is None:
            return self.location(path)
        return Location(self.file, mark[0], mark[1], self.line_text(mark[0]))

    def style(self, path: tuple) -> str | None:
        """The scalar style at `path`: None plain, '|' or '>' block, quotes otherwise."""
        return self._styles.get(tuple(path))

    def line_text(self, line: int) -> str | None:
        return self.lines[line] if 0 <= line < len(self.lines) else None


def load_file(path: str | Path) -> Document:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlError("berkas tidak ditemukan", Location(str(p))) from None
    except IsADirectoryError:
        raise YamlError("ini folder, bukan berkas", Location(str(p))) from None
    except UnicodeDecodeError as e:
        raise YamlError(f"berkas bukan teks UTF-8 ({e.reason} pada bita {e.start})", Location(str(p))) from None
    except OSError as e:
        raise YamlError(f"berkas tidak dapat dibaca: {e.strerror}", Location(str(p))) from None
    return load_text(text, str(p))


def load_text(text: str, file: str = "<teks>") -> Document:
    """Parse YAML (JSON is YAML) into plain Python values; dates stay ISO strings."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        lines = text.splitlines()
        loc = Location(file, mark.line, mark.column, lines[mark.line] if mark and mark.line < len(lines) else None) if mark else Location(file)
        problem = e.problem or e.context or "YAML tidak valid"
        hint = None
        if problem.startswith("mapping values are not allowed") and loc.source_line and "(" in loc.source_line:
            hint = ("ekspresi yang memuat ': ' (mis. all(k in kpm: ...)) harus ditulis dalam tanda kutip "
                    "atau sebagai blok: `require: >-` lalu ekspresinya di baris berikut")
        raise YamlError(f"YAML tidak valid: {_translate_yaml(problem)}", loc, hint=hint) from None
    except yaml.YAMLError as e:
        raise YamlError(f"YAML tidak valid: {e}", Location(file)) from None
    marks: dict[tuple, tuple[int, int]] = {}
    styles: dict[tuple, str | None] = {}
    lines = text.splitlines()
    data = None if node is None else _construct(node, (), marks, styles, file, lines)
    return Document(file, text, data, marks, styles)


def _translate_yaml(problem: str) -> str:
    known = {
        "mapping values are not allowed here": "tanda ':' tidak boleh di sini (mungkin kurang tanda kutip?)",
        "found character '\\t' that cannot start any token": "karakter tab tidak boleh dipakai untuk indentasi",
        "could not find expected ':'": "tanda ':' yang diharapkan tidak ditemukan",
        "found undefined alias": "alias tidak didefinisikan",
    }
    for k, v in known.items():
        if problem.startswith(k):
            return v
    return problem


_constructor = yaml.SafeLoader("")


def _construct(node, path, marks, styles, file, lines):
    marks[path] = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        styles[path] = node.style
        if node.tag not in _SCALAR_TAGS:
            raise YamlError(f"tag YAML {node.tag!r} tidak diizinkan (hanya data biasa)", _loc(node, file, lines))
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates are checked by the schema, converted later
        return _constructor.construct_object(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise YamlError(f"tag YAML {node.tag!r} tidak diizinkan", _loc(node, file, lines))
        return [_construct(item, path + (i,), marks, styles, file, lines) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise YamlError(f"tag YAML {node.tag!r} tidak diizinkan", _loc(node, file, lines))
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError("kunci gabungan '<<' tidak didukung; tulis kuncinya langsung", _loc(key_node, file, lines))
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError("kunci harus berupa teks biasa", _loc(key_node, file, lines))
            key = _constructor.construct_object(key_node) if key_node.tag != "tag:yaml.org,2002:timestamp" else key_node.value
            if isinstance(key, bool) or key is None:
                key = key_node.value  # 'yes'/'no'/'null' as keys mean the words
            if key in out:
                first = marks[("__key__",) + path + (key,)]
                raise YamlError(
                    f"kunci {key!r} ditulis dua kali (pertama pada baris {first[0] + 1}); YAML hanya akan memakai yang terakhir",
                    _loc(key_node, file, lines))
            marks[("__key__",) + path + (key,)] = (key_node.start_mark.line, key_node.start_mark.column)
            out[key] = _construct(value_node, path + (key,), marks, styles, file, lines)
        return out
    raise YamlError("simpul YAML tidak dikenal", _loc(node, file, lines))  # pragma: no cover


def _loc(node, file, lines) -> Location:
    m = node.start_mark
    return Location(file, m.line, m.column, lines[m.line] if m.line < len(lines) else None)


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
