"""Safe YAML/JSON loading that keeps positions and refuses duplicate keys.

Every file aturan reads as YAML or JSON passes three guards, each a small function another loader
(e.g. one built on PyYAML's C parser) can reuse:

- check_file(path): before reading: only a regular file (not a folder, named pipe, device or
  socket), no bigger than the size limit (--max-size / $ATURAN_MAX_SIZE_MB, the one size knob: the
  monitoring and Siskeudes readers take theirs from here too, see Limits); read_text(path) is
  check_file plus a read that never takes more than the limit; check_archive(path) holds a zip
  package (an .xlsx workbook) to the same limit for what it unpacks to;
- the composer here stops at the nesting limit while it builds the node tree (PyYAML's pure-Python
  composer recurses, so a deep file would otherwise end in RecursionError);
- check_tree(node, ...): on the composed node tree: nesting depth, aliases that point into
  themselves, and aliases repeating more nodes than the limit ("billion laughs"), all counted
  without expanding anything.
"""
from __future__ import annotations

import json
import math
import os
import stat
from dataclasses import dataclass, replace
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


# ------------------------------------------------------------------ limits
@dataclass(frozen=True)
class Limits:
    """What one file may cost. Real dossiers and rule files are a few hundred KB at most, a few
    levels deep, and use no aliases; the limits sit far above that.

    The size has one knob for every file aturan reads (--max-size MB, or $ATURAN_MAX_SIZE_MB): when it
    is given, it is the limit of each file whatever its kind. Left alone, the default depends on what
    is read: a YAML/JSON file (dossier, pack, rule, test-case, indicator or monitoring YAML) or a
    fact-entry workbook, 10 MB; a monitoring or Siskeudes table (CSV, XLSX), 100 MB, since a regency's
    year of monthly records is tens of MB."""

    max_bytes: int = 10 * 1024 * 1024          # a YAML/JSON file, a dossier workbook (and what it unpacks to)
    max_table_bytes: int = 100 * 1024 * 1024   # a monitoring or Siskeudes table, CSV or XLSX
    max_depth: int = 64              # nested mappings/lists
    max_alias_nodes: int = 10_000    # nodes that aliases may repeat, in all


_limits = Limits()


def configure_limits(**changes) -> Limits:
    """Set the limits for this run; unnamed ones go back to their defaults."""
    global _limits
    _limits = replace(Limits(), **changes)
    return _limits


def configure_size_limit(max_bytes: int | None) -> Limits:
    """The one size knob (the CLI calls it with --max-size or $ATURAN_MAX_SIZE_MB, in bytes): every file,
    of every kind, obeys it; None keeps each kind's default."""
    if max_bytes is None:
        return configure_limits()
    return configure_limits(max_bytes=max_bytes, max_table_bytes=max_bytes)


def current_limits() -> Limits:
    return _limits


def _mb(n: int) -> str:
    """A size the way a user reads it: 512 bita, 3,5 KB, 10 MB."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"
    return f"{n} bita"


def check_file(path: str | Path, limits: Limits | None = None) -> os.stat_result:
    """Before reading `path`: refuse at once what is not a regular file or is over the size limit.

    Uses stat(), never open(): opening a named pipe would block until someone writes to it."""
    lim = limits or _limits
    p = Path(path)
    loc = Location(str(p))
    try:
        st = os.stat(p)
    except OSError as e:
        raise _unreadable(e, loc) from None
    _check_kind(st, loc)
    if st.st_size > lim.max_bytes:
        raise _too_big(st.st_size, lim, loc)
    return st


def check_archive(path: str | Path, limits: Limits | None = None) -> None:
    """Before a zip package (an .xlsx workbook) is opened: what it says it unpacks to must fit the size limit,
    so a "zip bomb" (a few KB unpacking to gigabytes) is refused from its directory alone. A file that is not
    a zip is left to its reader, which says so."""
    import zipfile
    lim = limits or _limits
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if unpacked > lim.max_bytes:
        raise YamlError(f"buku kerja terlalu besar setelah dibuka: {_mb(unpacked)}, batasnya {_mb(lim.max_bytes)} "
                        "(berkas kecil yang membengkak seperti ini biasanya 'zip bomb')", Location(str(path)),
                        hint="bila buku kerja ini memang sebesar itu, naikkan batasnya dengan --max-size MB")


def _unreadable(e: OSError, loc: Location) -> YamlError:
    if isinstance(e, FileNotFoundError):
        return YamlError("berkas tidak ditemukan", loc)
    if isinstance(e, NotADirectoryError):
        return YamlError("berkas tidak ditemukan (salah satu bagian jalurnya bukan folder)", loc)
    if isinstance(e, IsADirectoryError):
        return YamlError("ini folder, bukan berkas", loc)
    if isinstance(e, PermissionError):
        return YamlError("berkas tidak boleh dibaca (izin ditolak)", loc)
    return YamlError(f"berkas tidak dapat dibaca: {e.strerror or e}", loc)


def _check_kind(st: os.stat_result, loc: Location) -> None:
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise YamlError("ini folder, bukan berkas", loc)
    if stat.S_ISFIFO(mode):
        kind = "pipa bernama (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "perangkat (device)"
    elif stat.S_ISSOCK(mode):
        kind = "soket"
    else:
        kind = "bukan berkas biasa"
    raise YamlError(f"ini {kind}, bukan berkas biasa; aturan hanya membaca berkas biasa", loc)


def _too_big(size: int, lim: Limits, loc: Location) -> YamlError:
    return YamlError(f"berkas terlalu besar: {_mb(size)}, batasnya {_mb(lim.max_bytes)}", loc,
                     hint="bila berkas ini memang sebesar itu, naikkan batasnya dengan --max-size MB "
                          "atau variabel lingkungan ATURAN_MAX_SIZE_MB")


def check_tree(node, file: str, lines: list[str], limits: Limits | None = None) -> None:
    """Check a composed node tree before anything is built from it: nesting depth, an alias that
    points into its own node, and the nodes aliases would repeat. Iterative, and an aliased node is
    counted once, so a "billion laughs" file is refused in the time it takes to read it."""
    if node is None:
        return
    lim = limits or _limits
    # Fast pass (files without aliases, i.e. nearly all): depth only. Scalars are not pushed: an
    # aliased scalar repeats one value per `*alias` written, which the file size already bounds.
    seen: set[int] = set()
    stack = [(node, 1)]
    while stack:
        n, depth = stack.pop()
        if id(n) in seen:          # a list or mapping reached twice: an alias; count it exactly
            _check_aliases(node, file, lines, lim)
            return
        seen.add(id(n))
        if depth > lim.max_depth:
            raise _too_deep(n.start_mark, file, lines, lim)
        for k in _children(n):
            if isinstance(k, yaml.ScalarNode):
                if depth + 1 > lim.max_depth:
                    raise _too_deep(k.start_mark, file, lines, lim)
            else:
                stack.append((k, depth + 1))


def _check_aliases(node, file: str, lines: list[str], lim: Limits) -> None:
    """Depth, cycles and repeated nodes of a tree with aliases: each node's expansion computed once."""
    state: dict[int, int] = {}      # id -> 1 on the current path, 2 done
    size: dict[int, int] = {}       # id -> nodes in its expansion
    height: dict[int, int] = {}     # id -> levels in its expansion
    refs: dict[int, int] = {}
    nodes: dict[int, Any] = {}
    stack = [(node, 1, False)]
    while stack:
        n, depth, done = stack.pop()
        key = id(n)
        if done:
            kids = _children(n)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            height[key] = 1 + max((height[id(k)] for k in kids), default=0)
            state[key] = 2
            continue
        refs[key] = refs.get(key, 0) + 1
        seen = state.get(key)
        if seen == 1:
            raise YamlError("alias menunjuk ke simpul yang memuat alias itu sendiri (rujukan melingkar)",
                            _mark_loc(n.start_mark, file, lines))
        if seen == 2:
            if depth + height[key] - 1 > lim.max_depth:
                raise _too_deep(n.start_mark, file, lines, lim)
            continue
        if depth > lim.max_depth:
            raise _too_deep(n.start_mark, file, lines, lim)
        state[key] = 1
        nodes[key] = n
        stack.append((n, depth, True))
        for k in reversed(_children(n)):
            stack.append((k, depth + 1, False))
    repeated = size[id(node)] - len(state)
    if repeated > lim.max_alias_nodes:
        shared = [k for k, r in refs.items() if r > 1]
        worst = nodes[max(shared, key=lambda k: size[k])]
        raise YamlError(f"alias YAML mengulang terlalu banyak: {repeated:,} simpul (batas {lim.max_alias_nodes:,}); "
                        "kemungkinan berkas \"billion laughs\"".replace(",", "."),
                        _mark_loc(worst.start_mark, file, lines),
                        hint="tulis nilainya langsung alih-alih memakai anchor (&) dan alias (*) berulang-ulang")


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [x for pair in node.value for x in pair]
    return []


def _too_deep(mark, file, lines, lim: Limits) -> YamlError:
    return YamlError(f"struktur terlalu dalam: lebih dari {lim.max_depth} tingkat pemetaan/daftar bersarang",
                     _mark_loc(mark, file, lines))


def _mark_loc(mark, file, lines) -> Location:
    if mark is None:
        return Location(file)
    return Location(file, mark.line, mark.column, lines[mark.line] if mark.line < len(lines) else None)


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader whose composer stops at the nesting limit, with the position where it was passed."""

    limits = Limits()

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > self.limits.max_depth:
                raise _DepthExceeded(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _DepthExceeded(Exception):
    def __init__(self, mark):
        super().__init__("nesting")
        self.mark = mark


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


def load_file(path: str | Path, limits: Limits | None = None) -> Document:
    lim = limits or _limits
    return load_text(read_text(path, lim), str(Path(path)), lim)


# O_NONBLOCK: should the path have turned into a named pipe since it was looked at, open() must not wait
READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_text(path: str | Path, limits: Limits | None = None) -> str:
    """The UTF-8 text of a file, after check_file and never more than the size limit."""
    lim = limits or _limits
    p = Path(path)
    loc = Location(str(p))
    check_file(p, lim)
    try:
        fd = os.open(p, READ_FLAGS)
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            _check_kind(st, loc)
            # the size it has now, and one byte more to see whether it grew: asking for the whole limit at once
            # would allocate the limit (10 MB) for every file, which costs a batch more than reading it
            want = min(st.st_size, lim.max_bytes) + 1
            raw = fh.read(want)
            if len(raw) == want and want <= lim.max_bytes:   # grew since, or a size stat() does not tell (0)
                raw += fh.read(lim.max_bytes + 1 - want)
    except OSError as e:
        raise _unreadable(e, loc) from None
    if len(raw) > lim.max_bytes:   # grew since stat(), or a file whose size stat() does not tell
        raise _too_big(len(raw), lim, loc)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise YamlError(f"berkas bukan teks UTF-8 ({e.reason} pada bita {e.start})", loc) from None


def load_text(text: str, file: str = "<teks>", limits: Limits | None = None) -> Document:
    """Parse YAML (JSON is YAML) into plain Python values; dates stay ISO strings."""
    lim = limits or _limits
    lines = text.splitlines()
    node = _compose_fast(text)
    if node is not _FAILED:   # libyaml read it: the same nodes and marks, 20 times faster
        check_tree(node, file, lines, lim)
        marks: dict[tuple, tuple[int, int]] = {}
        styles: dict[tuple, str | None] = {}
        data = None if node is None else _construct(node, (), marks, styles, file, lines)
        return Document(file, text, data, marks, styles)
    try:
        loader = _GuardedLoader(text)   # its reader refuses control characters (NUL...) right here
    except yaml.reader.ReaderError as e:
        raise _reader_error(e, text, file) from None
    loader.limits = lim
    try:
        node = loader.get_single_node()
    except _DepthExceeded as e:
        raise _too_deep(e.mark, file, lines, lim) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        loc = Location(file, mark.line, mark.column, lines[mark.line] if mark and mark.line < len(lines) else None) if mark else Location(file)
        problem = e.problem or e.context or "YAML tidak valid"
        hint = None
        if problem.startswith("mapping values are not allowed") and loc.source_line and "(" in loc.source_line:
            hint = ("ekspresi yang memuat ': ' (mis. all(k in kpm: ...)) harus ditulis dalam tanda kutip "
                    "atau sebagai blok: `require: >-` lalu ekspresinya di baris berikut")
        raise YamlError(f"YAML tidak valid: {_translate_yaml(problem, e.context)}", loc, hint=hint) from None
    except yaml.YAMLError as e:
        raise YamlError(f"YAML tidak valid: {e}", Location(file)) from None
    finally:
        loader.dispose()
    check_tree(node, file, lines, lim)
    marks: dict[tuple, tuple[int, int]] = {}
    styles: dict[tuple, str | None] = {}
    data = None if node is None else _construct(node, (), marks, styles, file, lines)
    return Document(file, text, data, marks, styles)


_FAILED = object()


def _compose_fast(text: str):
    """The node tree from PyYAML's C composer (libyaml), or _FAILED when the machine lacks it or the text does
    not parse: then the pure-Python composer reads it again, for its messages and its nesting limit (libyaml
    stops at 1,000 levels by itself, so it never recurses without end)."""
    cls = getattr(yaml, "CSafeLoader", None)
    if cls is None:
        return _FAILED
    try:
        loader = cls(text)
    except Exception:   # pragma: no cover - a text libyaml will not even take
        return _FAILED
    try:
        return loader.get_single_node()
    except Exception:
        return _FAILED
    finally:
        loader.dispose()


def _reader_error(e, text: str, file: str) -> YamlError:
    """A character YAML does not allow anywhere (NUL and other control characters), located."""
    pos = e.position if isinstance(e.position, int) and 0 <= e.position <= len(text) else 0
    line = text.count("\n", 0, pos)
    col = pos - (text.rfind("\n", 0, pos) + 1)
    lines = text.splitlines()
    char = f"#x{e.character:04x}" if isinstance(e.character, int) else repr(e.character)
    return YamlError(f"YAML tidak valid: karakter kendali {char} tidak boleh ada dalam berkas",
                     Location(file, line, col, lines[line] if line < len(lines) else None),
                     hint="simpan ulang berkas sebagai teks biasa (UTF-8) tanpa karakter kendali")


_YAML_PROBLEMS = (   # PyYAML's scanner and parser problems, by their beginning, in the users' words
    ("mapping values are not allowed here", "tanda ':' tidak boleh di sini (mungkin kurang tanda kutip?)"),
    ("found character '\\t' that cannot start any token", "karakter tab tidak boleh dipakai untuk indentasi"),
    ("found character", "karakter ini tidak boleh mengawali nilai (beri tanda kutip pada nilainya)"),
    ("could not find expected ':'", "tanda ':' yang diharapkan tidak ditemukan"),
    ("found undefined alias", "alias tidak didefinisikan"),
    ("found duplicate anchor", "anchor (&) yang sama dipakai dua kali"),
    ("expected ',' or ']'", "daftar [ ... ] tidak ditutup dengan benar: diharapkan ',' atau ']'"),
    ("expected ',' or '}'", "pemetaan { ... } tidak ditutup dengan benar: diharapkan ',' atau '}'"),
    ("did not find expected key", "kunci yang diharapkan tidak ditemukan (indentasi tidak sejajar?)"),
    ("did not find expected '-' indicator", "tanda '-' butir daftar yang diharapkan tidak ditemukan (indentasi tidak sejajar?)"),
    ("did not find expected node content", "nilai yang diharapkan tidak ditemukan"),
    ("did not find expected comment or line break", "setelah nilai ini hanya boleh komentar atau baris baru"),
    ("expected <block end>", "indentasi tidak sejajar dengan baris sebelumnya"),
    ("expected a single document", "berkas berisi lebih dari satu dokumen YAML (---); satu berkas hanya boleh berisi satu dokumen"),
    ("expected '<document start>'", "awal dokumen YAML tidak dikenali"),
    ("found unexpected end of stream", "berkas berakhir di tengah nilai (tanda kutip atau kurung belum ditutup?)"),
    ("found unexpected ':'", "tanda ':' tidak terduga (beri tanda kutip pada nilainya)"),
    ("found unknown escape character", "karakter escape (\\) tidak dikenal dalam teks berkutip"),
    ("expected alphabetic or numeric character", "nama anchor atau alias harus huruf atau angka"),
    ("found a tab character", "karakter tab tidak boleh dipakai di sini"),
    ("found unexpected document separator", "pemisah dokumen (--- atau ...) di tengah nilai"),
)


def _translate_yaml(problem: str, context: str | None = None) -> str:
    """PyYAML's problem (or, when the problem alone says little, its context) in Indonesian; an unknown one
    is kept after an Indonesian lead so the user still learns something."""
    for said in (problem, context or ""):
        for start, words in _YAML_PROBLEMS:
            if said.startswith(start):
                return words
    return f"sintaks YAML salah di sini (pembaca YAML: {problem})"


# Each scalar is built by its tag's own constructor method: SafeConstructor.construct_object would remember
# every node it ever built (constructed_objects is only cleared per document of a loader), so a module-level
# constructor kept every scalar of every file alive (0.3 MB per dossier, 27 GB for a national batch).
_constructor = yaml.constructor.SafeConstructor()
_BUILD = {
    "tag:yaml.org,2002:str": yaml.constructor.SafeConstructor.construct_yaml_str,
    "tag:yaml.org,2002:int": yaml.constructor.SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.constructor.SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": yaml.constructor.SafeConstructor.construct_yaml_null,
}


def _construct(node, path, marks, styles, file, lines):
    marks[path] = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        styles[path] = node.style
        return _scalar(node, file, lines)
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
            key = _scalar(key_node, file, lines)   # a key gets the same tag check as a value
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


def _scalar(node, file, lines):
    if node.tag not in _SCALAR_TAGS:
        raise YamlError(f"tag YAML {node.tag!r} tidak diizinkan (hanya data biasa)", _loc(node, file, lines))
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # dates are checked by the schema, converted later
    try:
        value = _BUILD[node.tag](_constructor, node)
    except (ValueError, OverflowError):   # e.g. an integer of more than 4,300 digits
        shown = node.value if len(node.value) <= 20 else node.value[:20] + "…"
        raise YamlError(f"bilangan {shown} ({len(node.value)} karakter) terlalu panjang untuk dibaca",
                        _loc(node, file, lines)) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise YamlError(f"{node.value!r} bukan bilangan terhingga: NaN dan tak hingga tidak diizinkan",
                        _loc(node, file, lines), hint="tulis angkanya, atau kosongkan (null) bila tidak diketahui")
    return value


def _loc(node, file, lines) -> Location:
    m = node.start_mark
    return Location(file, m.line, m.column, lines[m.line] if m.line < len(lines) else None)


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str, allow_nan=False)
