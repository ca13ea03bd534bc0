"""AST -> Python callables: generated code for speed, a tree walker for exact answers.

The fast path is Python source built only from fixed templates: dossier keys
and literals enter it through repr() or as bound constants, never as code. It
raises when any fact is absent; the precise evaluator then works out the
three-valued answer (a missing fact on one side of `or` may not matter) and
names the missing path.
"""
from __future__ import annotations

import datetime as dt
import itertools
from typing import Any, Callable

from . import ast as A
from . import runtime as R
from .runtime import MissingFact

_CMP = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "before": "<", "after": ">"}
# date order (same day: unknown for the strict ones, met for the inclusive ones) and the always-unknown
_ORDER_SRC = {"sebelum": "_R.order({0}, {1}, False)", "sesudah": "_R.order({0}, {1}, True)",
              "paling_lambat": "({0} <= {1})", "paling_cepat": "({0} >= {1})", "tidak_diketahui": "_R.unknown()"}
_SPECIAL_SRC = {"tanggal_penilaian": "a", "tahun": "d['identitas']['tahun']", "periode": "d['@periode']",
               "tenggat": "d['@tenggat']"}


class Compiled:
    """One compiled expression: call it with (document, as_of)."""

    def __init__(self, node: A.Node, ladders: dict[str, dict[str, int]], name: str = "expr"):
        self.node = node
        self.ladders = ladders
        gen = _CodeGen(ladders)
        body = gen.expr(node)
        self._precise = _Interp(ladders).build(node)
        self.python_source = "\n".join(gen.defs) + (f"\ndef _fast(d, a):\n    return {body}\n\n"
                              f"def _eval(d, a=None):\n    try:\n        return {body}\n"
                              f"    except Exception:\n        return _precise(d, a, {{}})\n")
        ns = dict(gen.ns)
        ns["_precise"] = self._precise
        code = compile(self.python_source, f"<aturan:{name}>", "exec")
        exec(code, ns)  # noqa: S102 - source built from fixed templates only (see module doc)
        self._fast = ns["_fast"]
        #: evaluate(document, as_of): the fast path, falling back to the exact evaluator when a fact is absent
        self.evaluate = ns["_eval"]

    def fast(self, d: dict, a: dt.date | None = None):
        """Evaluate assuming every fact is present; raises on any absence."""
        return self._fast(d, a)

    def precise(self, d: dict, a: dt.date | None = None):
        """Three-valued evaluation; raises MissingFact naming the fact that decides."""
        return self._precise(d, a, {})

    def __call__(self, d: dict, a: dt.date | None = None):
        return self.evaluate(d, a)


# --------------------------------------------------------------------- codegen
class _CodeGen:
    def __init__(self, ladders):
        self.ladders = ladders
        self.ns: dict[str, Any] = {"__builtins__": {"len": len, "all": all, "any": any, "sum": sum,
                                                    "min": min, "max": max, "abs": abs,
                                                    "Exception": Exception}, "_R": R}
        self.vars: dict[str, str] = {}
        self.defs: list[str] = []      # helper functions for all()/any(), as plain loops
        self._counter = itertools.count()

    def const(self, value) -> str:
        if isinstance(value, bool) or value is None or isinstance(value, (int, float, str)):
            return repr(value)
        name = f"_k{next(self._counter)}"
        self.ns[name] = list(value) if isinstance(value, tuple) else value
        return name

    def ladder(self, name) -> str:
        key = f"_L_{name}"
        self.ns[key] = self.ladders[name]
        return key

    def ranked(self, node: A.Node, ladder: str) -> str:
        if isinstance(node, A.Literal):
            return repr(self.ladders[ladder][node.value])
        if isinstance(node, A.Name) and node.kind in ("param", "const") and isinstance(node.ref, str):
            return repr(self.ladders[ladder][node.ref])
        return f"{self.ladder(ladder)}[{self.expr(node)}]"

    def expr(self, n: A.Node) -> str:
        if isinstance(n, A.Literal):
            return self.const(n.value)
        if isinstance(n, A.ListLit):
            if all(isinstance(i, A.Literal) for i in n.items):
                return self.const([i.value for i in n.items])
            return "[" + ", ".join(self.expr(i) for i in n.items) + "]"
        if isinstance(n, A.Name):
            if n.kind == "var":
                return self.vars[n.name]
            if n.kind == "field":
                return f"d[{n.name!r}]"
            if n.kind in ("param", "const"):
                return self.const(n.ref)
            return _SPECIAL_SRC[n.name]
        if isinstance(n, A.Attr):
            src = f"{self.expr(n.obj)}[{n.name!r}]"
            return f"_R.stated({src})" if getattr(n.type, "stated", False) else src
        if isinstance(n, A.Unary):
            return f"(not {self.expr(n.operand)})" if n.op == "not" else f"(-{self.expr(n.operand)})"
        if isinstance(n, A.Binary):
            return self.binary(n)
        if isinstance(n, A.Call):
            return self.call(n)
        if isinstance(n, A.Quant):
            return self.quant(n)
        raise AssertionError(n)  # pragma: no cover

    def binary(self, n: A.Binary) -> str:
        op = n.op
        if op in ("and", "or"):
            return f"({self.expr(n.left)} {op} {self.expr(n.right)})"
        if op in _CMP:
            ladder = n.left.type.ladder or n.right.type.ladder
            if ladder and n.left.type.kind == "string" and n.right.type.kind == "string":
                return f"({self.ranked(n.left, ladder)} {_CMP[op]} {self.ranked(n.right, ladder)})"
            return f"({self.expr(n.left)} {_CMP[op]} {self.expr(n.right)})"
        if op in ("in", "not_in"):
            right = n.right
            if isinstance(right, A.ListLit) and all(isinstance(i, A.Literal) for i in right.items):
                rs = self.const(frozenset(i.value for i in right.items))
            else:
                rs = self.expr(right)
            word = "in" if op == "in" else "not in"
            return f"({self.expr(n.left)} {word} {rs})"
        lt, rt = n.left.type.kind, n.right.type.kind
        L, Rs = self.expr(n.left), self.expr(n.right)
        if op == "+":
            if lt == "date":
                return f"_R.shift({L}, {Rs})"
            if rt == "date":
                return f"_R.shift({Rs}, {L})"
            return f"({L} + {Rs})"
        if op == "-":
            if lt == "date" and rt == "date":
                return f"({L} - {Rs}).days"
            if lt == "date":
                return f"_R.shift({L}, -({Rs}))"
            return f"({L} - {Rs})"
        if op == "*":
            return f"({L} * {Rs})"
        if op == "/":
            return f"_R.div({L}, {Rs})"
        raise AssertionError(op)  # pragma: no cover

    def call(self, n: A.Call) -> str:
        name = n.name
        args = [self.expr(a) for a in n.args] if name != "exists" else []
        if name == "len":
            return f"len({args[0]})"
        if name in ("contains_all", "missing_from", "distinct"):
            return f"_R.{name}({', '.join(args)})"
        if name in ("year", "month", "day"):
            return f"{args[0]}.{name}"
        if name == "quarter":
            return f"(({args[0]}.month + 2) // 3)"
        if name == "days_between":
            return f"({args[1]} - {args[0]}).days"
        if name == "date":
            return f"_R.make_date({', '.join(args)})"
        if name == "abs":
            return f"abs({args[0]})"
        if name in _ORDER_SRC:
            return _ORDER_SRC[name].format(*args[:2])
        if name == "terbukti":
            # every fact present: proven is plain true; an absent one falls back to the exact evaluator
            return f"({args[0]})"
        if name in ("exists", "ada"):
            root, keys = _path_parts(n.args[0])
            root_src = self.vars[root[1]] if root[0] == "var" else "d"
            if root[0] == "field":
                keys = (root[1],) + keys
            return f"_R.{name}({root_src}, {keys!r})"
        fname = f"_f_{name}"
        self.ns[fname] = n.ref.func
        return f"{fname}({', '.join(args)})"

    def quant(self, n: A.Quant) -> str:
        var = f"_v{next(self._counter)}"
        outer = self.vars.get(n.var)
        it = self.expr(n.iterable)
        self.vars[n.var] = var
        try:
            cond = f" if {self.expr(n.where)}" if n.where is not None else ""
            body = self.expr(n.body) if n.body is not None else None
        finally:
            if outer is None:
                self.vars.pop(n.var, None)
            else:
                self.vars[n.var] = outer
        loop = f"for {var} in {it}{cond}"
        k = n.kind
        if k in ("all", "any"):
            # a plain loop with an early return beats all()/any() over a generator
            fname = f"_q{next(self._counter)}"
            outer = [v for v in self.vars.values()]
            test = f"not ({body})" if k == "all" else f"({body or 'True'})"
            if k == "all" and body is None:
                test = "False"
            lines = [f"def {fname}(d, a{''.join(', ' + v for v in outer)}):",
                     f"    for {var} in {it}:"]
            ind = "        "
            if n.where is not None:
                lines.append(f"{ind}if {cond[4:]}:")
                ind += "    "
            lines.append(f"{ind}if {test}:")
            lines.append(f"{ind}    return {'False' if k == 'all' else 'True'}")
            lines.append(f"    return {'True' if k == 'all' else 'False'}")
            self.defs.append("\n".join(lines) + "\n")
            return f"{fname}(d, a{''.join(', ' + v for v in outer)})"
        if k == "count":
            return f"len({it})" if not cond else f"sum(1 {loop})"
        if k == "sum":
            return f"sum({body or var} {loop})"
        if k in ("min", "max"):
            return f"_R.minmax({k}, ({body or var} {loop}))"
        if k == "collect":
            return f"[{body or var} {loop}]"
        raise AssertionError(k)  # pragma: no cover


def _path_parts(node: A.Node):
    """exists(a.b.c) -> (('field', 'a'), ('b', 'c'))."""
    keys = []
    while isinstance(node, A.Attr):
        keys.append(node.name)
        node = node.obj
    assert isinstance(node, A.Name)
    return (node.kind, node.name), tuple(reversed(keys))


# ----------------------------------------------------------------- interpreter
Fn = Callable[[dict, Any, dict], Any]


class _Interp:
    """Builds closures with Kleene logic; scope maps a variable to (value, concrete path)."""

    def __init__(self, ladders):
        self.ladders = ladders

    def build(self, n: A.Node) -> Fn:
        m = getattr(self, "_" + type(n).__name__)
        return m(n)

    # paths ------------------------------------------------------------
    def locate(self, n: A.Node) -> Callable[[dict, Any, dict], tuple[Any, str]]:
        """For path-like nodes: (value, concrete path), raising MissingFact when absent."""
        if isinstance(n, A.Name) and n.kind == "field":
            key = n.name

            def f(d, a, s):
                if key not in d or d[key] is None:
                    raise MissingFact(key)
                return d[key], key
            return f
        if isinstance(n, A.Name) and n.kind == "var":
            var = n.name
            return lambda d, a, s: s[var]
        if isinstance(n, A.Name) and n.name == "periode" and n.kind == "special":
            return lambda d, a, s: (d["@periode"], "periode")
        if isinstance(n, A.Name) and n.name == "tenggat" and n.kind == "special":
            def f(d, a, s):
                if d.get("@tenggat") is None:   # the event the deadline runs from is not recorded
                    raise MissingFact(d.get("@tenggat_sejak", "tenggat"), "tidak dicatat; tenggatnya tidak diketahui")
                return d["@tenggat"], "tenggat"
            return f
        if isinstance(n, A.Name) and n.name == "tahun" and n.kind == "special":
            def f(d, a, s):
                try:
                    return d["identitas"]["tahun"], "identitas.tahun"
                except (KeyError, TypeError):
                    raise MissingFact("identitas.tahun") from None
            return f
        if isinstance(n, A.Attr):
            inner = self.locate(n.obj)
            key = n.name
            stated = getattr(n.type, "stated", False)   # a figure stated absent is unknown, not 0

            def f(d, a, s):
                obj, path = inner(d, a, s)
                p = f"{path}.{key}"
                if obj is False:
                    raise MissingFact(p, f"{path} dinyatakan tidak ada")
                if not isinstance(obj, dict) or key not in obj or obj[key] is None:
                    raise MissingFact(p)
                if stated and obj[key] is False:
                    raise MissingFact(p, "dinyatakan tidak ada")
                return obj[key], p
            return f
        ev = self.build(n)
        return lambda d, a, s: (ev(d, a, s), "")

    def _Name(self, n: A.Name) -> Fn:
        if n.kind in ("param", "const"):
            v = n.ref
            return lambda d, a, s: v
        if n.kind == "special" and n.name == "tanggal_penilaian":
            def f(d, a, s):
                if a is None:
                    raise MissingFact("tanggal_penilaian")
                return a
            return f
        loc = self.locate(n)
        return lambda d, a, s: loc(d, a, s)[0]

    def _Attr(self, n: A.Attr) -> Fn:
        loc = self.locate(n)
        return lambda d, a, s: loc(d, a, s)[0]

    def _Literal(self, n: A.Literal) -> Fn:
        v = n.value
        return lambda d, a, s: v

    def _ListLit(self, n: A.ListLit) -> Fn:
        items = [self.build(i) for i in n.items]
        return lambda d, a, s: [f(d, a, s) for f in items]

    def _Unary(self, n: A.Unary) -> Fn:
        f = self.build(n.operand)
        if n.op == "not":
            return lambda d, a, s: not f(d, a, s)
        return lambda d, a, s: -f(d, a, s)

    def _rank(self, n: A.Node, ladder: str) -> Fn:
        f = self.build(n)
        table = self.ladders[ladder]
        return lambda d, a, s: R.rank(table, f(d, a, s), ladder)

    def _Binary(self, n: A.Binary) -> Fn:
        op = n.op
        if op == "and":
            return _kleene(self.build(n.left), self.build(n.right), False)
        if op == "or":
            return _kleene(self.build(n.left), self.build(n.right), True)
        if op in _CMP:
            ladder = n.left.type.ladder or n.right.type.ladder
            if ladder and n.left.type.kind == "string" and n.right.type.kind == "string":
                L, Rf = self._rank(n.left, ladder), self._rank(n.right, ladder)
            else:
                L, Rf = self.build(n.left), self.build(n.right)
            import operator as o
            fn = {"==": o.eq, "!=": o.ne, "<": o.lt, "<=": o.le, ">": o.gt, ">=": o.ge,
                  "before": o.lt, "after": o.gt}[op]
            return lambda d, a, s: fn(L(d, a, s), Rf(d, a, s))
        L, Rf = self.build(n.left), self.build(n.right)
        if op == "in":
            return lambda d, a, s: L(d, a, s) in Rf(d, a, s)
        if op == "not_in":
            return lambda d, a, s: L(d, a, s) not in Rf(d, a, s)
        lt, rt = n.left.type.kind, n.right.type.kind
        if op == "+":
            if lt == "date":
                return lambda d, a, s: R.shift(L(d, a, s), Rf(d, a, s))
            if rt == "date":
                return lambda d, a, s: R.shift(Rf(d, a, s), L(d, a, s))
            return lambda d, a, s: L(d, a, s) + Rf(d, a, s)
        if op == "-":
            if lt == "date" and rt == "date":
                return lambda d, a, s: (L(d, a, s) - Rf(d, a, s)).days
            if lt == "date":
                return lambda d, a, s: R.shift(L(d, a, s), -Rf(d, a, s))
            return lambda d, a, s: L(d, a, s) - Rf(d, a, s)
        if op == "*":
            return lambda d, a, s: L(d, a, s) * Rf(d, a, s)
        if op == "/":
            return lambda d, a, s: R.div(L(d, a, s), Rf(d, a, s))
        raise AssertionError(op)  # pragma: no cover

    def _Call(self, n: A.Call) -> Fn:
        name = n.name
        if name == "exists":
            loc = self.locate(n.args[0])

            def f(d, a, s):
                try:
                    return loc(d, a, s)[0] is not False
                except MissingFact:
                    return False
            return f
        if name == "ada":
            return self._ada(n.args[0])
        if name in ("sebelum", "sesudah"):
            return self._order(n)
        if name == "terbukti":
            inner = self.build(n.args[0])

            def proven(d, a, s):
                try:
                    return inner(d, a, s) is True
                except MissingFact:
                    return False
            return proven
        if name == "tidak_diketahui":
            what = n.args[0].value

            def unknown(d, a, s):
                raise MissingFact(what, "tidak ada fakta dosir yang menunjukkannya")
            return unknown
        args = [self.build(x) for x in n.args]
        simple = {
            "len": len, "contains_all": R.contains_all, "missing_from": R.missing_from,
            "distinct": R.distinct, "year": lambda x: x.year, "month": lambda x: x.month,
            "day": lambda x: x.day, "quarter": R.quarter, "days_between": lambda x, y: (y - x).days,
            "date": R.make_date, "abs": abs,
            "paling_lambat": lambda x, y: x <= y, "paling_cepat": lambda x, y: x >= y,
        }
        fn = simple.get(name) or n.ref.func
        return lambda d, a, s: fn(*[g(d, a, s) for g in args])

    def _order(self, n: A.Call) -> Fn:
        """sebelum/sesudah: strict order of two days; the same day is unknown (no hour is recorded),
        and the finding names both dates (or the rule's own words for them)."""
        first, second = self.locate(n.args[0]), self.locate(n.args[1])
        after = n.name == "sesudah"
        words = n.args[2].value if len(n.args) == 3 else None

        def f(d, a, s):
            x, px = first(d, a, s)
            y, py = second(d, a, s)
            if x != y:
                return x > y if after else x < y
            what = words or " dan ".join(p for p in (px, py) if p) or "kedua tanggal"
            raise MissingFact(f"urutan {what} pada {x.isoformat()}",
                              "keduanya bertanggal sama; tanggal saja tidak menunjukkan mana yang lebih dahulu")
        return f

    def _ada(self, arg: A.Node) -> Fn:
        """ada(path): walk the path; `false` on the way or at the end (or an empty list) is an explicit none."""
        root, keys = _path_parts(arg)
        if root[0] == "field":
            keys = (root[1],) + keys
            start = lambda d, a, s: (d, "")  # noqa: E731
        else:
            var = root[1]
            start = lambda d, a, s: s[var]  # noqa: E731

        def f(d, a, s):
            cur, root_path = start(d, a, s)
            for k in keys:
                if cur is False:
                    return False
                if not isinstance(cur, dict) or cur.get(k) is None:
                    # name the document asked about, however far up the record stops
                    full = ".".join(([root_path] if root_path else []) + list(keys))
                    raise MissingFact(full, "tidak dicatat dalam dosir")
                cur = cur[k]
            if cur is False:
                return False
            return len(cur) > 0 if isinstance(cur, list) else True
        return f

    def _Quant(self, n: A.Quant) -> Fn:
        it_loc = self.locate(n.iterable)
        where = self.build(n.where) if n.where is not None else None
        body = self.build(n.body) if n.body is not None else None
        var, kind = n.var, n.kind

        def items(d, a, s):
            seq, path = it_loc(d, a, s)
            for i, item in enumerate(seq):
                yield item, {**s, var: (item, f"{path}[{i}]" if path else f"[{i}]")}

        if kind in ("all", "any"):
            target = kind == "any"   # the value that decides early

            def f(d, a, s):
                missing = None
                # any(k where W: B) is any(W and B): a false body decides the item whatever W is (and
                # all(k where W: B) is all(not W or B): a true body does), so an unknown W alone decides nothing
                for item, inner in items(d, a, s):
                    unsure = None   # the item's `where` cannot be judged
                    if where is not None:
                        try:
                            if not where(d, a, inner):
                                continue
                        except MissingFact as e:
                            unsure = e
                    try:
                        v = body(d, a, inner) if body is not None else True
                    except MissingFact as e:
                        missing = missing or unsure or e
                        continue
                    if bool(v) == target:
                        if unsure is None:
                            return target
                        missing = missing or unsure
                if missing is not None:
                    raise missing
                return not target
            return f

        def values(d, a, s):
            out = []
            for item, inner in items(d, a, s):
                if where is not None and not where(d, a, inner):
                    continue
                out.append(body(d, a, inner) if body is not None else item)
            return out

        if kind == "count":
            return lambda d, a, s: len(values(d, a, s))
        if kind == "sum":
            return lambda d, a, s: sum(values(d, a, s))
        if kind in ("min", "max"):
            agg = min if kind == "min" else max

            def f(d, a, s):
                vals = values(d, a, s)
                if not vals:
                    _, path = it_loc(d, a, s)
                    raise MissingFact(path, "daftar kosong: tidak ada nilai untuk " + kind)
                return agg(vals)
            return f
        if kind == "collect":
            return values
        raise AssertionError(kind)  # pragma: no cover


def _kleene(left: Fn, right: Fn, decisive: bool) -> Fn:
    """and (decisive False) / or (decisive True) where one known decisive side wins over a missing one."""

    def f(d, a, s):
        try:
            lv = left(d, a, s)
        except MissingFact as e:
            try:
                rv = right(d, a, s)
            except MissingFact:
                raise e from None
            if bool(rv) == decisive:
                return decisive
            raise e
        if bool(lv) == decisive:
            return decisive
        return right(d, a, s)
    return f
