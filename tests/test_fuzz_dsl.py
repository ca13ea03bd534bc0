"""Fuzzing the DSL: random and mutated expressions only ever end in DslError; every expression that
compiles evaluates on any dossier without an exception other than MissingFact (`tidak_dapat_dinilai`),
and the fast generated code agrees with the exact evaluator whenever it gives an answer."""
import datetime as dt
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from aturan.dsl import MissingFact, compile_expression
from aturan.dsl.types import BOOL
from aturan.errors import DslError
from aturan.loader import dossier_from_data, load_pack
from aturan.manager import collect, get_plugin_manager
from aturan.schema import load_schema, validator
from strategies import TypedExpressions, budgets, from_schema, iso_dates, mutated, token_soup

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = load_schema("dossier")
pytestmark = pytest.mark.fuzz


@lru_cache(maxsize=None)
def registry():
    return collect(get_plugin_manager(load_entry_points=False))


@lru_cache(maxsize=None)
def packs() -> tuple:
    return tuple(load_pack(ROOT / "rules" / p, registry()) for p in ("oku_selatan", "sorong", "sijunjung", "tual"))


@lru_cache(maxsize=None)
def rule_sources() -> tuple:
    """(pack, rule, expression text) for every `when` and `require` of the shipped packs."""
    return tuple((p, r, src) for p in packs() for r in p.rules for src in (r.when_src, r.require_src) if src)


@lru_cache(maxsize=None)
def example_dossiers() -> tuple:
    files = sorted((ROOT / "rules").glob("*/contoh/*.yaml"))
    data = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in files]
    empty = {"identitas": {"nama": "Kosong", "jenis": "desa", "tahun": 2024}}
    return tuple(dossier_from_data(_as_loaded(d)).data for d in data + [empty])


def _as_loaded(data):
    """Dates as the YAML loader keeps them (ISO text), before the schema-guided conversion."""
    import json
    return json.loads(json.dumps(data, default=str))


def compile_or_refuse(src, **kw):
    try:
        return compile_expression(src, schema=SCHEMA, expect=BOOL, **kw)
    except DslError as e:
        assert e.location is not None and str(e)
        return None


def evaluates_cleanly(compiled, data, as_of):
    """Both evaluators run without any exception but MissingFact, and agree when the fast one answers."""
    try:
        precise = compiled.precise(data, as_of)
    except MissingFact:
        precise = MissingFact
    try:
        fast = compiled.fast(data, as_of)
    except Exception:   # the fast path gives up on any absent fact; the exact one then decides
        fast = None
    if fast is not None and precise is not MissingFact:
        assert fast == precise, f"fast {fast!r} != precise {precise!r}\n{compiled.source}"
    try:
        compiled.evaluate(data, as_of)
    except MissingFact:
        pass


def runs_on_the_examples(compiled, as_of):
    if compiled is not None:
        for data in example_dossiers():
            evaluates_cleanly(compiled, data, as_of)


AS_OF = st.none() | iso_dates().map(dt.date.fromisoformat)


@pytest.mark.parametrize("budget", budgets())
def test_token_soup_is_refused_with_a_location_or_runs(budget):
    @budget.settings(200)
    @given(token_soup(), AS_OF)
    def prop(src, as_of):
        runs_on_the_examples(compile_or_refuse(src), as_of)
    prop()


@pytest.mark.parametrize("budget", budgets())
def test_mutated_rules_of_the_shipped_packs_are_refused_or_run(budget):
    @st.composite
    def mutated_rule(draw):
        pack, rule, src = draw(st.sampled_from(rule_sources()))
        snippets = ["and", "or", "not", "(", ")", "[", "]", ".", ",", ":", " in ", "where", "==", ">=", "<",
                    "+ 99999999", "- 3000000", "/ 0", "9" * 16, "9999-12-31", "0001-01-01", "tanggal_penilaian",
                    "kpm", "k.", '"sarjana"', '"sma"', "exists(", "len(", "date(", "count(", "all(", "__class__"]
        return pack, rule, draw(mutated(src, snippets))

    @budget.settings(150)
    @given(mutated_rule(), AS_OF)
    def prop(item, as_of):
        pack, rule, src = item
        info = registry().plugins.get(pack.plugin)
        runs_on_the_examples(compile_or_refuse(src, constants=pack.constants, params=rule.params,
                                               functions=info.functions if info else None), as_of)
    prop()


@pytest.mark.parametrize("budget", budgets())
def test_well_typed_expressions_evaluate_on_any_dossier_the_schema_allows(budget):
    typed = TypedExpressions(SCHEMA)

    # a schema-drawn dossier costs far more to draw than an expression: four expressions on each
    @budget.settings(40)
    @given(st.lists(typed.expr("bool"), min_size=4, max_size=4), from_schema(SCHEMA, max_items=2), AS_OF)
    def prop(sources, data, as_of):
        assert not list(validator("dossier").iter_errors(data))   # the strategy draws valid dossiers only
        compiled = [c for c in map(compile_or_refuse, sources) if c is not None]
        assume(compiled)
        for dossier in (dossier_from_data(data).data,) + example_dossiers():
            for c in compiled:
                evaluates_cleanly(c, dossier, as_of)
    prop()
