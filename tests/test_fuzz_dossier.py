"""Fuzzing the way in: any text, any YAML/JSON structure, mutated examples and schema-drawn dossiers are
either refused with a located AturanError or assessed by every pack for their unit without exception."""
import copy
import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from jsonschema.exceptions import best_match
from hypothesis import strategies as st

from aturan.engine import evaluate
from aturan.errors import AturanError, YamlError
from aturan.loader import dossier_from_data, load_dossier, load_pack
from aturan.manager import collect, get_plugin_manager
from aturan.model import STATUSES
from aturan.report import render_json
from aturan.schema import load_schema, translate, validator
from aturan.yamlio import load_text
from strategies import budgets, documents, from_schema, iso_dates, mutated

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "rules").glob("*/contoh/*.yaml"))
pytestmark = pytest.mark.fuzz


@lru_cache(maxsize=None)
def packs() -> tuple:
    registry = collect(get_plugin_manager(load_entry_points=False))
    return tuple(load_pack(ROOT / "rules" / p, registry) for p in ("oku_selatan", "sorong", "sijunjung", "tual"))


@lru_cache(maxsize=None)
def example_texts() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in EXAMPLES)


@lru_cache(maxsize=None)
def example_heads() -> tuple[str, ...]:
    """The first 45 lines of each example (identitas, the KPM, the start of the APB): every YAML construct
    of a dossier, a tenth of the parsing time of the whole file."""
    return tuple("\n".join(t.splitlines()[:45]) + "\n" for t in example_texts())


def assess_everywhere(dossier, as_of=None):
    """Every pack governing the dossier's unit assesses every rule, and the JSON report is strict JSON."""
    reports = []
    for pack in packs():
        if dossier.unit not in pack.units:
            continue
        report = evaluate(pack, dossier, as_of or dt.date(dossier.year + 1, 1, 31))
        assert len(report.findings) == len(pack.rules)
        assert {f.status for f in report.findings} <= set(STATUSES)
        reports.append(report)
    json.loads(render_json(reports, []), parse_constant=_not_json)


def _not_json(name):
    raise ValueError(f"{name} is not JSON")


def load_or_refuse(tmp_file: Path, text: str):
    """load_dossier on `text`: a Dossier, or None when refused with a location in that file."""
    tmp_file.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        return load_dossier(tmp_file)
    except AturanError as e:
        assert e.location is not None and e.location.file == str(tmp_file), str(e)
        return None


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz") / "d.yaml"


@pytest.mark.parametrize("budget", budgets())
def test_any_text_is_read_or_refused_with_its_location(budget):
    @budget.settings(150)
    @given(st.text(max_size=300) | st.sampled_from(example_heads()).flatmap(mutated))
    def prop(text):
        try:
            load_text(text, "acak.yaml")
        except YamlError as e:
            assert e.location is not None and e.location.file == "acak.yaml"
    prop()


def _dump(data, as_json: bool) -> str:
    if as_json:
        return json.dumps(data, default=str)           # NaN and Infinity written as JSON's forbidden words
    return yaml.safe_dump(data, allow_unicode=True)


@pytest.mark.parametrize("budget", budgets())
def test_any_structure_as_a_dossier_is_refused_or_assessed(budget, scratch):
    @budget.settings(100)
    @given(documents(), st.booleans())
    def prop(data, as_json):
        dossier = load_or_refuse(scratch, _dump(data, as_json))
        if dossier is not None:
            assess_everywhere(dossier)
    prop()


@lru_cache(maxsize=None)
def example_data() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(t) for t in example_texts())


@st.composite
def example_with_one_value_replaced(draw):
    """An example dossier whose value at one random place is replaced by anything at all."""
    data = copy.deepcopy(draw(st.sampled_from(example_data())))
    node, path = data, []
    while isinstance(node, (dict, list)) and node and draw(st.integers(0, 4)):
        key = draw(st.sampled_from(sorted(node, key=str) if isinstance(node, dict) else range(len(node))))
        path.append(key)
        node = node[key]
    target = data
    for key in path[:-1]:
        target = target[key]
    if path:
        target[path[-1]] = draw(documents(max_leaves=6))
    return data


@pytest.mark.parametrize("budget", budgets())
def test_an_example_with_any_value_anywhere_is_refused_or_assessed(budget):
    # the data as the YAML loader would give it (dates as text), without the parsing time: the schema
    # refuses it with a message, or every pack assesses it
    @budget.settings(60)
    @given(example_with_one_value_replaced())
    def prop(data):
        data = json.loads(json.dumps(data, default=str))
        errors = list(validator("dossier").iter_errors(data))
        if errors:
            message, _ = translate(best_match(errors))
            assert message
            return
        assess_everywhere(dossier_from_data(data))
    prop()


@pytest.mark.parametrize("budget", budgets())
def test_a_mutated_example_file_is_refused_or_assessed(budget, scratch):
    @budget.settings(80)
    @given(st.sampled_from(example_heads()).flatmap(mutated))
    def prop(text):
        dossier = load_or_refuse(scratch, text)
        if dossier is not None:
            assess_everywhere(dossier)
    prop()


@pytest.mark.parametrize("budget", budgets())
def test_every_dossier_the_schema_allows_is_assessed_without_exception(budget):
    schema = load_schema("dossier")

    @budget.settings(30)
    @given(from_schema(schema), iso_dates().map(dt.date.fromisoformat))
    def prop(data, as_of):
        assert not list(validator("dossier").iter_errors(data))      # the strategy draws valid dossiers only
        assess_everywhere(dossier_from_data(data), as_of)
    prop()
