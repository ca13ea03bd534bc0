"""The aturan expression language: parse, check against a schema, compile."""
from __future__ import annotations

from typing import Any, Callable

from ..errors import DslError, Location
from .compile import Compiled
from .parser import DslLimitError, DslSyntaxError, parse
from .runtime import MissingFact
from .typecheck import BUILTINS, Checker, DslTypeError, Env, Function
from .types import DATE, NUMBER, SchemaTypes, T

__all__ = ["compile_expression", "Compiled", "MissingFact", "Env", "Function", "BUILTINS",
           "DEFAULT_LADDERS", "SPECIALS_TYPES", "PERIODE_TYPE", "TENGGAT_TYPE", "SchemaTypes", "T"]

# The national education ladder: "minimal SMP/sederajat" means rank >= smp.
DEFAULT_LADDERS: dict[str, dict[str, int]] = {
    "pendidikan": {
        "tidak_sekolah": 0, "sd": 1, "smp": 2, "sltp": 2, "mts": 2,
        "sma": 3, "slta": 3, "smk": 3, "ma": 3,
        "d1": 4, "d2": 5, "d3": 6, "d4": 7, "s1": 7, "s2": 8, "s3": 9,
    }
}

SPECIALS_TYPES = {"tanggal_penilaian": DATE, "tahun": NUMBER}

# `periode` is bound by the engine, period by period, for rules that declare `periode:` (one month,
# quarter, semester or the year of the dossier); "@" keeps it out of the dossier paths shown as evidence.
PERIODE_SCHEMA = {"type": "object", "properties": {
    "nomor": {"type": "integer"}, "mulai": {"type": "string", "format": "date"},
    "akhir": {"type": "string", "format": "date"}, "jatuh_tempo": {"type": "string", "format": "date"}}}
PERIODE_TYPE = T("object", schema=PERIODE_SCHEMA, path="@periode")

# `tenggat` is bound for rules whose deadline runs from a dated event (`tenggat: {hari: N, sejak: ...}`):
# `tenggat.mulai` is that event's date, `tenggat.jatuh_tempo` the last day allowed.
TENGGAT_SCHEMA = {"type": "object", "properties": {
    "mulai": {"type": "string", "format": "date"}, "jatuh_tempo": {"type": "string", "format": "date"}}}
TENGGAT_TYPE = T("object", schema=TENGGAT_SCHEMA, path="@tenggat")


def default_locate(file: str, line: int, col: int, text: str) -> Callable[[int, int], Location]:
    lines = text.split("\n")

    def locate(l: int, c: int) -> Location:
        src = lines[l] if l < len(lines) else ""
        if l == 0:
            return Location(file, line, col + c, (" " * col) + src if file == "<ekspresi>" else src)
        return Location(file, line + l, c, src)
    return locate


def compile_expression(source: str, *, schema: dict | None = None, env: Env | None = None,
                       constants: dict[str, Any] | None = None, params: dict[str, Any] | None = None,
                       functions: dict[str, Function] | None = None,
                       locate: Callable[[int, int], Location] | None = None,
                       file: str = "<ekspresi>", line: int = 0, col: int = 0,
                       name: str = "expr", expect: T | None = None, context: str = "") -> Compiled:
    """Compile `source` against a JSON schema (or a prepared Env).

    Raises DslError located at the offending column; `context` (e.g. "aturan X, require")
    prefixes the message.
    """
    if env is None:
        if schema is None:
            raise ValueError("compile_expression needs schema= or env=")
        env = Env(types=SchemaTypes(schema), ladders=dict(DEFAULT_LADDERS), specials=dict(SPECIALS_TYPES))
    if constants or params or functions:
        env = Env(types=env.types, params={**env.params, **(params or {})},
                  constants={**env.constants, **(constants or {})},
                  functions={**env.functions, **(functions or {})},
                  ladders=env.ladders, specials=env.specials)
    locate = locate or default_locate(file, line, col, source)
    prefix = f"{context}: " if context else ""
    try:
        node = parse(source)
    except DslSyntaxError as e:
        what = "" if isinstance(e, DslLimitError) else "kesalahan sintaks: "
        raise DslError(f"{prefix}{what}{e.message}", locate(e.line, e.col)) from None
    checker = Checker(env)
    try:
        t = checker.check(node)
        if expect is not None and t.kind != expect.kind and t.kind != "any":
            raise DslTypeError(f"ekspresi harus menghasilkan {expect.name()}, bukan {t.name()}", node.pos)
    except DslTypeError as e:
        raise DslError(f"{prefix}{e.message}", locate(*e.pos), hint=e.hint) from None
    compiled = Compiled(node, env.ladders, name)
    compiled.paths = checker.paths
    compiled.kinds = checker.kinds
    compiled.source = source
    return compiled
