"""The schemas' $refs inlined for jsonschema (schema.inline_refs) leave every message a user gets the same: on
hundreds of broken dossiers and rule files, the same errors in the same order, worded the same, and the same one
chosen to show first."""
import copy
import json
import random
from pathlib import Path

import jsonschema
import pytest
import yaml
from jsonschema.exceptions import best_match

from aturan import schema as S

ROOT = Path(__file__).resolve().parents[1]
WRONG = ["x", 3, 2.5, True, None, [], {}, "2024-02-30", "0024-01-01", -1, {"zz": 1}, [1, "a"], "dua ribu", False]


def _as_written(validator_value, kind):
    # anyOf/oneOf/allOf hold the subschemas themselves, which inlining rewrites by design; every other value is kept
    return None if kind in ("anyOf", "oneOf", "allOf") else json.dumps(validator_value, sort_keys=True, default=str)


def _said(e) -> tuple:
    """Everything of an error that reaches a message: schema.translate's words and path, the best-match inputs."""
    return (e.validator, _as_written(e.validator_value, e.validator), repr(e.instance), tuple(e.absolute_path),
            e.message, S.translate(e), e._matches_type(), tuple(_said(c) for c in e.context))


def _spots(value, at=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield at + (k,)
            yield from _spots(v, at + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield at + (i,)
            yield from _spots(v, at + (i,))


def _broken(doc, rnd: random.Random, n: int) -> list:
    """n copies of `doc`, each with one to three changes: a value replaced by a wrong one, a field added that is
    unknown, a field left out or renamed."""
    out = []
    for _ in range(n):
        d = copy.deepcopy(doc)
        spots = list(_spots(d))
        for _ in range(rnd.choice([1, 1, 2, 3])):
            spot = rnd.choice(spots)
            holder = d
            try:
                for k in spot[:-1]:
                    holder = holder[k]
                roll = rnd.random()
                if isinstance(holder, dict) and roll < 0.15:
                    holder["bidang_asing"] = 1
                elif isinstance(holder, dict) and roll < 0.3:
                    del holder[spot[-1]]
                elif isinstance(holder, dict) and roll < 0.4:
                    holder[spot[-1] + "x"] = holder.pop(spot[-1])
                else:
                    holder[spot[-1]] = copy.deepcopy(rnd.choice(WRONG))
            except (KeyError, IndexError, TypeError):   # an earlier change replaced a step of this path
                pass
        out.append(d)
    return out


def _plain_validator(name, ref=None):
    schema = S.sub_schema(name, ref)
    cls = S.strict_validator_class(jsonschema.validators.validator_for(schema))
    return cls(schema, format_checker=S.format_checker())


def _load(path: Path):
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


CASES = [("dossier", None, sorted((ROOT / "rules").glob("*/contoh/*.yaml"))),
         ("pack", "rule_file", sorted((ROOT / "rules").glob("*/rules/*.yaml"))[:12]),
         ("pack", None, sorted((ROOT / "rules").glob("*/pack.yaml"))),
         ("pack", "traceability", sorted((ROOT / "rules").glob("*/traceability.yaml"))),
         ("pack", "test_file", sorted((ROOT / "rules").glob("*/tests/*.yaml"))[:8])]


@pytest.mark.parametrize("name, ref, files", CASES, ids=["dosir", "berkas_aturan", "pack", "traceability", "kasus_uji"])
def test_inlined_refs_give_the_same_errors_and_messages(name, ref, files):
    rnd = random.Random(11)
    inlined, plain = S.validator(name, ref), _plain_validator(name, ref)
    assert files
    seen_any_of = errors = 0
    for f in files:
        for doc in _broken(_load(f), rnd, 25):
            got, want = list(inlined.iter_errors(doc)), list(plain.iter_errors(doc))
            assert [_said(e) for e in got] == [_said(e) for e in want], f
            if want:
                assert _said(best_match(got)) == _said(best_match(want)), f
            errors += len(want)
            seen_any_of += sum(e.validator == "anyOf" for e in want)
    assert errors > len(files) * 20   # the cases did break the documents
    if name == "dossier":
        assert seen_any_of > 0        # through anyOf too


def test_the_dossier_schema_is_walked_without_looking_refs_up():
    schema = S.sub_schema("dossier", None)
    assert '"$ref"' in json.dumps(schema)
    assert '"$ref"' not in json.dumps(S.inline_refs(schema))


def test_a_definition_that_refers_to_itself_keeps_its_ref():
    schema = {"$defs": {"node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}},
                        "angka": {"type": "integer"}},
              "type": "object",
              "properties": {"root": {"$ref": "#/$defs/node"}, "n": {"$ref": "#/$defs/angka", "minimum": 1}}}
    out = S.inline_refs(schema)
    root = out["properties"]["root"]
    assert root["type"] == "object" and root["properties"]["child"] == {"$ref": "#/$defs/node"}
    assert out["properties"]["n"] == {"$ref": "#/$defs/angka", "minimum": 1}   # a validating keyword beside it
    v = jsonschema.Draft202012Validator(out)
    assert [e.message for e in v.iter_errors({"root": {"child": {"child": 3}}, "n": 0})] == [
        "3 is not of type 'object'", "0 is less than the minimum of 1"]


def test_refs_whose_messages_print_them_are_kept():
    """oneOf and not print their subschemas in the message, and a definition with its own $id resolves its refs
    in its own scope: those stay $refs, so the words and the verdict are those of the schema as written."""
    schema = {"$defs": {"kode": {"type": "string", "pattern": "^[0-9]+$"}, "teks": {"type": "string"},
                        "lain": {"type": "object", "properties": {"a": {"$id": "urn:lain", "$ref": "#/$defs/t",
                                                                        "$defs": {"t": {"type": "integer"}}}}}},
              "type": "object",
              "properties": {"k": {"oneOf": [{"$ref": "#/$defs/kode"}, {"$ref": "#/$defs/teks"}]},
                             "n": {"not": {"$ref": "#/$defs/teks"}}, "s": {"$ref": "#/$defs/lain"},
                             "t": {"$ref": "#/$defs/teks"}}}
    out = S.inline_refs(schema)
    assert out["properties"]["t"] == {"type": "string"}
    assert out["properties"]["k"] == schema["properties"]["k"] and out["properties"]["n"] == schema["properties"]["n"]
    assert out["properties"]["s"] == {"$ref": "#/$defs/lain"}
    doc = {"k": "12", "n": "x", "s": {"a": "q"}, "t": 3}
    want = ["'12' is valid under each of {'$ref': '#/$defs/teks'}, {'$ref': '#/$defs/kode'}",
            "'x' should not be valid under {'$ref': '#/$defs/teks'}", "'q' is not of type 'integer'",
            "3 is not of type 'string'"]
    assert [e.message for e in jsonschema.Draft202012Validator(out).iter_errors(doc)] == want
