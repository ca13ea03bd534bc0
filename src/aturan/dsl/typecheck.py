"""Names and types: every node gets a type; unknown names get a suggestion."""
from __future__ import annotations

import datetime as dt
import difflib
import math
from dataclasses import dataclass, field
from typing import Any, Callable

from . import ast as A
from .types import ANY, BOOL, DATE, NUMBER, STRING, SchemaTypes, T, compatible, list_of


class DslTypeError(Exception):
    def __init__(self, message: str, pos: tuple[int, int], hint: str | None = None):
        super().__init__(message)
        self.message, self.pos, self.hint = message, pos, hint


@dataclass(frozen=True)
class Function:
    """A named DSL function registered by a plugin."""

    name: str
    func: Callable
    args: tuple[T, ...]
    returns: T
    doc: str = ""
    plugin: str = ""


@dataclass
class Env:
    """What names mean while checking one expression."""

    types: SchemaTypes
    params: dict[str, Any] = field(default_factory=dict)
    constants: dict[str, Any] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    ladders: dict[str, dict[str, int]] = field(default_factory=dict)
    specials: dict[str, T] = field(default_factory=dict)  # name -> type; bound at evaluation


BUILTINS = {
    "len": "len(daftar) -> angka",
    "contains_all": "contains_all(daftar, daftar_wajib) -> boolean",
    "missing_from": "missing_from(daftar, daftar_wajib) -> daftar yang belum ada",
    "distinct": "distinct(daftar) -> daftar tanpa duplikat",
    "year": "year(tanggal) -> angka", "month": "month(tanggal) -> angka",
    "quarter": "quarter(tanggal) -> triwulan 1-4", "day": "day(tanggal) -> angka",
    "days_between": "days_between(tanggal_awal, tanggal_akhir) -> jumlah hari",
    "date": "date(tahun, bulan, hari) -> tanggal",
    "exists": "exists(jalur) -> boolean, true bila fakta tercatat (hanya untuk `when`; fakta yang tidak dicatat menjadi false)",
    "ada": "ada(jalur) -> boolean: dokumen/kegiatan/daftar ada (true), dinyatakan tidak ada (false: `false` atau daftar kosong), atau tidak dicatat (tidak dapat dinilai)",
    "abs": "abs(angka) -> angka",
    "sebelum": "sebelum(tanggal_a, tanggal_b[, \"keterangan\"]) -> boolean: a lebih dahulu dari b; "
               "pada hari yang sama urutannya tidak dapat dinilai",
    "sesudah": "sesudah(tanggal_a, tanggal_b[, \"keterangan\"]) -> boolean: a lebih kemudian dari b; "
               "pada hari yang sama urutannya tidak dapat dinilai",
    "paling_lambat": "paling_lambat(tanggal_a, tanggal_b) -> boolean: a pada atau sebelum b (hari yang sama memenuhi)",
    "paling_cepat": "paling_cepat(tanggal_a, tanggal_b) -> boolean: a pada atau sesudah b (hari yang sama memenuhi)",
    "tidak_diketahui": "tidak_diketahui(\"keterangan\") -> tidak dapat dinilai; cabang terakhir "
                       "`bukti or tidak_diketahui(...)` bila tidak ada fakta yang menunjukkan kepatuhan",
    "terbukti": "terbukti(kondisi) -> boolean: true hanya bila fakta yang tercatat membuktikan kondisi, false bila "
                "kondisi salah atau tidak dapat dinilai; dalam require hanya di bawah `not` "
                "(`not terbukti(any(...))`: tidak ada pelanggaran yang tercatat)",
}

# Date order with an explicit same-day policy: the strict ones leave the same day unknown (a dossier
# records days, not hours), the inclusive ones accept it (the text says "paling lambat" / "paling cepat").
ORDER_FUNCTIONS = ("sebelum", "sesudah", "paling_lambat", "paling_cepat")


def value_type(value: Any) -> T:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, (int, float)):
        return NUMBER
    if isinstance(value, str):
        return STRING
    if isinstance(value, dt.date):
        return DATE
    if isinstance(value, (list, tuple, frozenset, set)):
        items = list(value)
        return list_of(value_type(items[0]) if items else ANY)
    return ANY


def _param_problem(value: Any) -> str | None:
    """Why a param's value cannot be used in an expression (None when it can)."""
    if value is None:
        return "tidak bernilai (null)"
    if isinstance(value, float) and not math.isfinite(value):
        return "bukan bilangan terhingga"
    if isinstance(value, dict):
        return "berupa pemetaan (kunci: nilai)"
    if isinstance(value, list):
        kinds = {value_type(v).kind for v in value}
        if None in value or any(isinstance(v, (dict, list)) for v in value):
            return "berisi butir yang bukan angka, teks, true/false atau tanggal"
        if len(kinds) > 1:
            return "berisi butir yang tidak sejenis"
    return None


@dataclass(eq=False)
class _ParamItem(A.Name):
    """One value of a list param, so that a message names the param."""

    def __init__(self, pos, name, value):
        super().__init__(pos, name=name, kind="param", ref=value)


class Checker:
    def __init__(self, env: Env):
        self.env = env
        self.paths: list[str] = []   # dossier paths the expression reads, for evidence
        self.kinds: dict[str, str] = {}   # path -> its type's kind (a yes/no fact reads "tidak" when false)

    def check(self, node: A.Node, scope: dict[str, T] | None = None) -> T:
        t = self._check(node, scope or {})
        node.type = t
        return t

    # -- helpers -------------------------------------------------------
    def _fail(self, msg, node, hint=None):
        raise DslTypeError(msg, node.pos, hint)

    def _suggest(self, name, candidates):
        m = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
        return f"maksud Anda {m[0]!r}?" if m else None

    def _expect(self, node, scope, kind, what):
        t = self.check(node, scope)
        if t.kind != kind and t.kind != "any":
            self._fail(f"{what} harus {T(kind).name()}, bukan {t.name()}", node)
        return t

    def _note_path(self, t: T):
        # "@..." paths belong to values the engine binds (periode), not to the dossier
        if t.path and not t.path.startswith("@") and t.path not in self.paths:
            self.paths.append(t.path)
            self.kinds[t.path] = t.kind

    def _check_literal_value(self, t: T, lit: A.Node):
        """A string literal, param or constant compared with an enum/ladder field must be one of its values
        (a param outside the scale would otherwise never match, or fail only when a dossier is assessed)."""
        fixed = self._fixed_string(lit)
        if fixed is None:
            return
        allowed = None
        if t.ladder and t.ladder in self.env.ladders:
            allowed = list(self.env.ladders[t.ladder])
        elif t.enum:
            allowed = list(t.enum)
        if allowed is not None and fixed not in allowed:
            what = f"param {lit.name!r} bernilai {fixed!r}, yang" if isinstance(lit, A.Name) and lit.kind == "param" \
                else f"{fixed!r}"
            self._fail(f"{what} bukan nilai yang sah untuk {t.path or 'nilai ini'}", lit,
                       self._suggest(fixed, allowed) or f"nilai yang sah: {', '.join(allowed)}")

    def _check_fixed_items(self, t: T, node: A.Node):
        """Each value of a param or constant list searched with `in` must be a value the field can take."""
        if not (isinstance(node, A.Name) and node.kind in ("param", "const") and isinstance(node.ref, list)):
            return
        for item in node.ref:
            self._check_literal_value(t, A.Literal(node.pos, item) if node.kind == "const" else
                                      _ParamItem(node.pos, node.name, item))

    def _fixed_string(self, node):
        """The string a literal, param or constant stands for; None for anything computed."""
        if isinstance(node, A.Literal) and isinstance(node.value, str):
            return node.value
        if isinstance(node, A.Name) and node.kind in ("param", "const") and isinstance(node.ref, str):
            return node.ref
        return None

    def _fixed_value(self, node):
        """The number or date a literal or param stands for (None for anything computed)."""
        if isinstance(node, A.Literal):
            return node.value
        if isinstance(node, A.Name) and node.kind in ("param", "const"):
            return node.ref
        if isinstance(node, A.Unary) and node.op == "neg":
            v = self._fixed_value(node.operand)
            return -v if isinstance(v, (int, float)) and not isinstance(v, bool) else None
        return None

    def _check_date_shift(self, node: A.Binary, date_side: A.Node, days_side: A.Node, sign: int):
        """A fixed date moved by a fixed number of days must stay in the calendar (known at load time)."""
        day, n = self._fixed_value(date_side), self._fixed_value(days_side)
        if isinstance(day, dt.date) and isinstance(n, (int, float)) and not isinstance(n, bool):
            try:
                day + dt.timedelta(days=sign * n)
            except (OverflowError, ValueError):
                self._fail(f"tanggal di luar kalender: {day.isoformat()} {'+' if sign * n >= 0 else '-'} "
                           f"{abs(n)} hari melewati tahun 1-9999", node)

    # -- nodes ---------------------------------------------------------
    def _check(self, node: A.Node, scope: dict[str, T]) -> T:
        if isinstance(node, A.Literal):
            return value_type(node.value)
        if isinstance(node, A.ListLit):
            if not node.items:
                return list_of(ANY)
            first = self.check(node.items[0], scope)
            for it in node.items[1:]:
                t = self.check(it, scope)
                if not compatible(first, t):
                    self._fail(f"isi daftar harus sejenis: {first.name()} dan {t.name()}", it)
            return list_of(first)
        if isinstance(node, A.Name):
            return self._name(node, scope)
        if isinstance(node, A.Attr):
            obj = self.check(node.obj, scope)
            if obj.kind == "list" and obj.item and obj.item.kind == "object":
                self._fail(f"{obj.path or 'nilai ini'} adalah daftar; gunakan all(x in ...: x.{node.name}) atau collect(...)", node)
            if obj.kind != "object":
                self._fail(f"{obj.name()} tidak punya bidang {node.name!r}", node)
            t = self.env.types.field(obj, node.name)
            if t is None:
                names = self.env.types.field_names(obj)
                where = obj.path or "dosir"
                self._fail(f"bidang {node.name!r} tidak ada di {where}", node,
                           self._suggest(node.name, names) or f"bidang yang ada: {', '.join(names)}")
            self._note_path(t)
            return t
        if isinstance(node, A.Unary):
            if node.op == "not":
                self._expect(node.operand, scope, "bool", "operand 'not'")
                return BOOL
            self._expect(node.operand, scope, "number", "operand '-'")
            return NUMBER
        if isinstance(node, A.Binary):
            return self._binary(node, scope)
        if isinstance(node, A.Call):
            return self._call(node, scope)
        if isinstance(node, A.Quant):
            return self._quant(node, scope)
        raise AssertionError(node)  # pragma: no cover

    def _name(self, node: A.Name, scope):
        n = node.name
        if n in scope:
            node.kind, node.ref = "var", n
            return scope[n]
        if n in self.env.params:
            node.kind, node.ref = "param", self.env.params[n]
            problem = _param_problem(node.ref)
            if problem:
                self._fail(f"param {n!r} {problem}", node,
                           "nilai param: angka, teks, true/false, tanggal, atau daftar berisi salah satunya")
            return value_type(node.ref)
        root = self.env.types.root_type()
        t = self.env.types.field(root, n)
        if t is not None:
            node.kind, node.ref = "field", n
            self._note_path(t)
            return t
        if n in self.env.constants:
            node.kind, node.ref = "const", self.env.constants[n]
            return value_type(node.ref)
        if n in self.env.specials:
            node.kind, node.ref = "special", n
            return self.env.specials[n]
        candidates = list(scope) + list(self.env.params) + self.env.types.field_names(root) \
            + list(self.env.constants) + list(self.env.specials)
        if n == "tenggat":
            self._fail("nama 'tenggat' hanya dikenal pada aturan dengan `tenggat: {hari: N, sejak: jalur_tanggal}`", node)
        if n == "periode":
            self._fail("nama 'periode' hanya dikenal pada aturan berkala", node,
                       "tambahkan `periode: bulan|triwulan|semester|tahun` (dan bila perlu `tenggat: {hari: N}`) pada aturan")
        self._fail(f"nama {n!r} tidak dikenal", node, self._suggest(n, candidates))

    def _binary(self, node: A.Binary, scope):
        op = node.op
        if op in ("and", "or"):
            self._expect(node.left, scope, "bool", f"operand '{op}'")
            self._expect(node.right, scope, "bool", f"operand '{op}'")
            return BOOL
        lt = self.check(node.left, scope)
        rt = self.check(node.right, scope)
        if op in ("==", "!="):
            if not compatible(lt, rt):
                self._fail(f"tidak dapat membandingkan {lt.name()} dengan {rt.name()}", node)
            self._check_literal_value(lt, node.right)
            self._check_literal_value(rt, node.left)
            return BOOL
        if op in ("<", "<=", ">", ">=", "before", "after"):
            if op in ("before", "after") and (lt.kind, rt.kind) != ("date", "date") and "any" not in (lt.kind, rt.kind):
                self._fail(f"'{op}' membandingkan dua tanggal, bukan {lt.name()} dan {rt.name()}", node)
            if lt.kind == "string" and rt.kind == "string":
                ladder = lt.ladder or rt.ladder
                if not ladder:
                    self._fail("teks tidak berurutan; hanya angka, tanggal atau nilai berjenjang (mis. pendidikan) yang dapat dibandingkan dengan < atau >", node)
                for side, other in ((node.left, lt), (node.right, rt)):
                    fixed = self._fixed_string(side)
                    if fixed is not None:
                        if fixed not in self.env.ladders.get(ladder, {}):
                            allowed = list(self.env.ladders.get(ladder, {}))
                            self._fail(f"{fixed!r} bukan jenjang {ladder} yang dikenal", side,
                                       self._suggest(fixed, allowed) or f"jenjang: {', '.join(allowed)}")
                    elif other.ladder != ladder:
                        self._fail(f"kedua sisi harus nilai berjenjang {ladder}", side)
                return BOOL
            if not (lt.kind == rt.kind and lt.kind in ("number", "date")) and "any" not in (lt.kind, rt.kind):
                self._fail(f"tidak dapat membandingkan {lt.name()} dengan {rt.name()}", node)
            return BOOL
        if op in ("in", "not_in"):
            if rt.kind != "list" and rt.kind != "any":
                self._fail(f"sisi kanan 'in' harus daftar, bukan {rt.name()}", node.right)
            item = rt.item or ANY
            if not compatible(lt, item):
                self._fail(f"{lt.name()} tidak dapat dicari di daftar {item.name()}", node)
            self._check_literal_value(item, node.left)
            if isinstance(node.right, A.ListLit):
                for it in node.right.items:
                    self._check_literal_value(lt, it)
            self._check_fixed_items(lt, node.right)
            return BOOL
        if op == "+":
            kinds = (lt.kind, rt.kind)
            if kinds == ("number", "number"):
                return NUMBER
            if kinds in (("date", "number"), ("number", "date")):
                date_side, days_side = (node.left, node.right) if kinds[0] == "date" else (node.right, node.left)
                self._check_date_shift(node, date_side, days_side, 1)
                return DATE
            self._fail(f"tidak dapat menjumlahkan {lt.name()} dan {rt.name()}", node)
        if op == "-":
            kinds = (lt.kind, rt.kind)
            if kinds == ("number", "number"):
                return NUMBER
            if kinds == ("date", "number"):
                self._check_date_shift(node, node.left, node.right, -1)
                return DATE
            if kinds == ("date", "date"):
                return NUMBER
            self._fail(f"tidak dapat mengurangkan {rt.name()} dari {lt.name()}", node)
        if op in ("*", "/"):
            if lt.kind != "number" or rt.kind != "number":
                self._fail(f"'{op}' hanya untuk angka, bukan {lt.name()} dan {rt.name()}", node)
            return NUMBER
        raise AssertionError(op)  # pragma: no cover

    def _call(self, node: A.Call, scope):
        n, args = node.name, node.args

        def arity(k):
            if len(args) != k:
                self._fail(f"{n}() menerima {k} argumen, bukan {len(args)}", node, BUILTINS.get(n))

        if n == "exists":
            arity(1)
            if not isinstance(args[0], (A.Name, A.Attr)):
                self._fail("exists() menerima jalur fakta, mis. exists(rumah_sehat.keputusan)", args[0])
            self.check(args[0], scope)
            return BOOL
        if n == "ada":
            arity(1)
            if not _is_fact_path(args[0]):
                self._fail("ada() menerima jalur dokumen, kegiatan, daftar atau isi laporan dalam dosir, "
                           "mis. ada(perencanaan.rembuk_stunting)", args[0])
            t = self.check(args[0], scope)
            if t.kind == "bool":
                self._fail("ada() menilai dokumen, kegiatan, daftar atau isi laporan, bukan nilai ya/tidak", args[0],
                           "pakai nilainya langsung: false sudah berarti tidak")
            return BOOL
        if n in ("len", "distinct"):
            arity(1)
            t = self._expect(args[0], scope, "list", f"argumen {n}()")
            return NUMBER if n == "len" else t
        if n in ("contains_all", "missing_from"):
            arity(2)
            a = self._expect(args[0], scope, "list", f"argumen pertama {n}()")
            b = self._expect(args[1], scope, "list", f"argumen kedua {n}()")
            if not compatible(a, b):
                self._fail(f"{n}() membandingkan {a.name()} dengan {b.name()}", node)
            if isinstance(args[1], A.ListLit) and a.item:
                for it in args[1].items:
                    self._check_literal_value(a.item, it)
            return BOOL if n == "contains_all" else b
        if n in ("year", "month", "quarter", "day"):
            arity(1)
            self._expect(args[0], scope, "date", f"argumen {n}()")
            return NUMBER
        if n == "days_between":
            arity(2)
            self._expect(args[0], scope, "date", "argumen pertama days_between()")
            self._expect(args[1], scope, "date", "argumen kedua days_between()")
            return NUMBER
        if n == "date":
            arity(3)
            for a in args:
                self._expect(a, scope, "number", "argumen date()")
            fixed = [self._fixed_value(a) for a in args]
            if all(isinstance(v, int) and not isinstance(v, bool) for v in fixed):
                try:
                    dt.date(*fixed)
                except (ValueError, OverflowError):
                    self._fail(f"date({', '.join(map(str, fixed))}) bukan tanggal yang ada di kalender", node)
            return DATE
        if n in ORDER_FUNCTIONS:
            strict = n in ("sebelum", "sesudah")
            if not (len(args) == 2 or (strict and len(args) == 3)):
                self._fail(f"{n}() menerima {'2 atau 3' if strict else '2'} argumen, bukan {len(args)}", node,
                           BUILTINS[n])
            self._expect(args[0], scope, "date", f"argumen pertama {n}()")
            self._expect(args[1], scope, "date", f"argumen kedua {n}()")
            if len(args) == 3:
                self._description(args[2], n)
            return BOOL
        if n == "tidak_diketahui":
            arity(1)
            self._description(args[0], n)
            return BOOL
        if n == "terbukti":
            arity(1)
            self._expect(args[0], scope, "bool", "argumen terbukti()")
            return BOOL
        if n == "abs":
            arity(1)
            self._expect(args[0], scope, "number", "argumen abs()")
            return NUMBER
        fn = self.env.functions.get(n)
        if fn is None:
            self._fail(f"fungsi {n!r} tidak dikenal", node,
                       self._suggest(n, list(BUILTINS) + list(self.env.functions)))
        arity(len(fn.args))
        for a, want in zip(args, fn.args):
            got = self.check(a, scope)
            if not compatible(got, want):
                self._fail(f"argumen {n}() harus {want.name()}, bukan {got.name()}", a)
        node.ref = fn
        return fn.returns

    def _description(self, node: A.Node, fname: str):
        """The words a finding shows (what is ordered, what is unknown): a text literal, never computed."""
        if not (isinstance(node, A.Literal) and isinstance(node.value, str) and node.value.strip()):
            self._fail(f"keterangan {fname}() harus teks tetap, mis. \"rembuk stunting dan musyawarah\"", node)
        node.type = STRING

    def _quant(self, node: A.Quant, scope):
        it = self.check(node.iterable, scope)
        if it.kind != "list":
            self._fail(f"{node.kind}(... in X) memerlukan daftar, bukan {it.name()}", node.iterable)
        if node.var in scope:
            self._fail(f"nama variabel {node.var!r} sudah dipakai", node)
        inner = {**scope, node.var: it.item or ANY}
        if node.where is not None:
            self._expect(node.where, inner, "bool", "syarat 'where'")
        k = node.kind
        if k in ("all", "any"):
            if node.body is None:
                if node.where is None:
                    self._fail(f"{k}() memerlukan ': syarat' atau 'where syarat'", node)
                return BOOL
            self._expect(node.body, inner, "bool", f"isi {k}()")
            return BOOL
        if k == "count":
            if node.body is not None:
                self._fail("count() tidak memakai ': ...'; gunakan 'where'", node.body)
            return NUMBER
        body_t = self.check(node.body, inner) if node.body is not None else (it.item or ANY)
        if k == "sum":
            if body_t.kind not in ("number", "any"):
                self._fail(f"sum() menjumlahkan angka, bukan {body_t.name()}", node.body or node)
            return NUMBER
        if k in ("min", "max"):
            if body_t.kind not in ("number", "date", "any"):
                self._fail(f"{k}() memerlukan angka atau tanggal, bukan {body_t.name()}", node.body or node)
            return body_t
        if k == "collect":
            return list_of(body_t)
        raise AssertionError(k)  # pragma: no cover


def _is_fact_path(node) -> bool:
    """a.b.c rooted in the dossier or in a quantifier variable (not a special such as periode)."""
    while isinstance(node, A.Attr):
        node = node.obj
    return isinstance(node, A.Name)
