"""The fast path reads dossiers as the careful reader does: the same Dossier from every valid file, and for
anything unusual the careful reader's verdict, with its file:line:col."""
import copy
import json
import random
import sys
from pathlib import Path

import pytest
import yaml

from aturan import fastpath
from aturan.errors import AturanError
from aturan.loader import load_dossier
from aturan.schema import load_schema, validator

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (ROOT / "rules").glob("*/contoh/*.yaml"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "dossiers").glob("*.yaml"))


def _variants(n: int = 60) -> list[dict]:
    """Varied dossiers as the benchmark makes them (KPM, dates, lists, sections left out)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_batch
    rnd = random.Random(3)
    out = []
    for i in range(n):
        pack, jenis, _, names, code = bench_batch.UNITS[i % len(bench_batch.UNITS)]
        out.append(bench_batch.vary(bench_batch._base(pack, rnd.choice(names)), rnd, i, jenis, code, 1 + i % 7))
    return out


def _write(tmp_path: Path, i: int, data: dict, fmt: str) -> Path:
    p = tmp_path / f"d{i}.{fmt}"
    if fmt == "json":
        p.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def _fast_only(path: Path):
    """The fast path alone (no careful reader): the Dossier, or None when it hands the file on."""
    text = path.read_text(encoding="utf-8")
    try:
        data = fastpath.parse_json(text) if path.suffix == ".json" else fastpath.parse_yaml(text)
        return fastpath.dossier(data, str(path))
    except fastpath.Slow:
        return None


@pytest.mark.parametrize("path", EXAMPLES + FIXTURES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_example_reads_the_same_on_the_fast_path(path):
    fast = _fast_only(path)
    assert fast is not None, "a valid example should not need the careful reader"
    assert fast == load_dossier(path)


def test_varied_dossiers_read_the_same_as_yaml_and_as_json(tmp_path):
    for i, data in enumerate(_variants()):
        for fmt in ("yaml", "json"):
            p = _write(tmp_path, i, data, fmt)
            careful = load_dossier(p)
            assert fastpath.load_file(str(p)) == careful
            fast = _fast_only(p)
            assert fast is None or fast == careful


def test_the_compiled_validator_agrees_with_jsonschema(tmp_path):
    """On every example, every variant, and mutations of each that break one rule of the schema."""
    strict = validator("dossier")
    fast = fastpath.compiled_validator()
    schema_defs = load_schema("dossier")["$defs"]
    assert fast is not None and "tanggal" in schema_defs
    cases = [json.loads(json.dumps(yaml.safe_load(p.read_text(encoding="utf-8")), default=str))
             for p in EXAMPLES + FIXTURES] + _variants(30)
    rnd = random.Random(5)
    mutations = [
        lambda d: d["identitas"].update(tahun="2024"),               # text where an integer belongs
        lambda d: d["identitas"].update(jenis="dusun"),              # not in the enum
        lambda d: d["identitas"].update(tanggal_data="2024-02-30"),  # no such day
        lambda d: d["identitas"].update(tanggal_data="15/03/2024"),  # not YYYY-MM-DD (the careful reader coerces)
        lambda d: d["identitas"].update(kepala="X"),                 # unknown field
        lambda d: d["identitas"].pop("nama"),                        # required field
        lambda d: d["identitas"].update(kode_wilayah="16.9.1.2001"),  # not the Kemendagri pattern
        lambda d: d.update(kpm=[{"nama": "A", "pendidikan": "SMA"}]),  # capitals (coerced by the careful reader)
        lambda d: d.update(kpm=[{"nama": "A", "warga_setempat": "ya"}]),  # ya/tidak (coerced)
        lambda d: d.update(apb={"total_belanja": -5}),               # below the minimum
        lambda d: d.update(rkp=True),                                # true where an object or false belongs
    ]
    n = 0
    for base in cases:
        for mutate in [None] + rnd.sample(mutations, 4):
            d = copy.deepcopy(base)
            if mutate:
                mutate(d)
            assert fast.is_valid(d) == strict.is_valid(d), json.dumps(d)[:300]
            n += 1
    assert n >= 5 * len(cases)


BROKEN = {
    # name: (file text, what the message must say)
    "dup.json": ('{"identitas": {"nama": "A", "nama": "B", "jenis": "desa", "tahun": 2024}}',
                 "dup.json:1:29: kunci 'nama' ditulis dua kali"),
    "syntax.json": ('{"identitas": {"nama": "A",\n  "jenis": "desa" "tahun": 2024}}',
                    "syntax.json:2:19: JSON tidak valid: tanda ',' diharapkan di sini"),
    "nan.json": ('{"identitas": {"nama": "A", "jenis": "desa", "tahun": 2024},\n "apb": {"total_belanja": NaN}}',
                 "nan.json:2:27: NaN bukan bilangan yang sah dalam JSON"),
    "schema.json": ('{"identitas": {"nama": "A", "jenis": "desa",\n  "tahun": "dua ribu"}}',
                    "schema.json:2:12: identitas.tahun: harus bilangan bulat"),
    "tag.yaml": ("identitas: !!python/object:os.system {nama: A}\n", "tag.yaml:1:12: tag YAML"),
    "alias.yaml": ("identitas: &i {nama: A, jenis: desa, tahun: 2024}\nsalinan: *i\n",
                   "alias.yaml:2:1: bidang 'salinan' tidak dikenal"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_unusual_files_get_the_careful_readers_located_message(tmp_path, name):
    text, expected = BROKEN[name]
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    with pytest.raises(AturanError) as e:
        fastpath.load_file(str(p))
    message = str(e.value).replace(str(tmp_path) + "/", "")
    assert message.startswith(name + ":") and expected in message


def test_indonesian_spellings_take_the_careful_reader_and_are_accepted(tmp_path):
    data = json.loads(json.dumps(yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8")), default=str))
    data["identitas"]["tanggal_data"] = "31/01/2025"
    data["identitas"]["kode_wilayah"] = "1609052001"
    p = _write(tmp_path, 0, data, "json")
    assert _fast_only(p) is None                                  # the compiled validator refuses these spellings
    d = fastpath.load_file(str(p))
    assert str(d.as_of) == "2025-01-31" and d.kode_wilayah == "16.09.05.2001"


def test_coercion_changes_nothing_the_schema_already_accepts():
    """Why the fast path may skip the careful reader's coercion: on valid data it is the identity. It holds while
    no place of the schema takes both free text and 'tidak ada' (false), and no enum has two spellings of one
    word; both are checked here, on the schema itself."""
    schema = load_schema("dossier")
    defs = schema["$defs"]

    def walk(s):
        if isinstance(s, dict):
            alts = [defs[a["$ref"].split("/")[-1]] if "$ref" in a else a for a in s.get("anyOf", [])]
            free = any(a.get("type") == "string" and "enum" not in a and "format" not in a for a in alts)
            nothing = any(a.get("const") is False for a in alts)
            assert not (free and nothing), s
            if "enum" in s:
                words = [w.lower() for w in s["enum"] if isinstance(w, str)]
                assert len(words) == len(set(words)), s["enum"]
            for v in s.values():
                walk(v)
        elif isinstance(s, list):
            for v in s:
                walk(v)
    walk(schema)


def test_dicts_given_to_the_api_take_the_same_path():
    data = json.loads(json.dumps(yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8")), default=str))
    assert fastpath.load_data(data, "x") == load_dossier(EXAMPLES[0]).__class__(**{
        **load_dossier(EXAMPLES[0]).__dict__, "file": "x"})
    spelled = copy.deepcopy(data)
    spelled["kpm"][0]["warga_setempat"] = "ya"                    # the careful reader's spelling, then the same
    assert fastpath.load_data(spelled, "x") == fastpath.load_data(data, "x")


def test_the_benchmark_generator_makes_what_it_says(tmp_path, capsys):
    """A small run of bench/bench_batch.py's generator: dossiers per kind of village in the national proportions
    (300 x 66,726 / 83,762 = 239 desa of OKU Selatan, 300 x 8,496 / 83,762 = 30 kelurahan of Tual, ...), every
    one a file in JSON and every 10th also in YAML, and the broken ones rejected by aturan check with the rest
    checked."""
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_batch
    from aturan.cli import main
    info = bench_batch.generate(tmp_path / "data", 300, 11, 30)
    assert info["per_unit"]["oku_selatan/desa"] == 239 and info["per_unit"]["tual/kelurahan"] == 30
    assert info["per_unit"]["sorong/kampung"] == 26 and info["per_unit"]["sijunjung/nagari"] == 4
    n = sum(info["per_unit"].values())
    assert len(list((tmp_path / "data" / "json").rglob("*.json"))) == n == info["dossiers"]
    assert len(list((tmp_path / "data" / "yaml").rglob("*.yaml"))) == info["yaml"] == len(range(0, n, 10))
    out = tmp_path / "hasil.jsonl"
    main(["check", str(tmp_path / "data" / "json"), "--format", "jsonl", "-o", str(out), "-j", "1", "--quiet"])
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == n and sum(r["rejected"] for r in recs) == info["broken"]
    assert not any(r.get("internal") for r in recs)
    assert f"{n} dosir masuk, {n - info['broken']} dinilai, {info['broken']} ditolak" in capsys.readouterr().err


def test_an_integer_written_as_a_float_is_refused_on_every_path(tmp_path):
    """jsonschema-rs takes 2024.0 as an integer; the careful reader does not (it broke date(tahun, 12, 31)).
    A float where the schema wants an integer is always handed to the careful reader, which refuses it;
    a float where it wants a number (61.0 per cent) stays on the fast path."""
    data = json.loads(json.dumps(yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8")), default=str))
    bad = copy.deepcopy(data)
    bad["identitas"]["tahun"] = 2024.0
    with pytest.raises(AturanError, match="identitas.tahun"):
        fastpath.load_data(bad, "x")
    p = tmp_path / "tahun.json"
    p.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(AturanError, match="identitas.tahun"):
        fastpath.load_file(str(p))
    fine = copy.deepcopy(data)
    fine.setdefault("laporan_tahunan", {}).setdefault("isi", {})["tingkat_konvergensi"] = 61.0
    q = _write(tmp_path, 1, fine, "json")
    assert _fast_only(q) is not None and _fast_only(q) == load_dossier(q)


# ------------------------------------------------------------------ the same findings as the careful reader
def _case_dossiers():
    """Every dossier of every pack's test cases (its base example with the case's changes), with its pack and
    the date the case is judged at: some hundreds of dossiers the regulation texts were encoded against."""
    from aturan.session import Session
    from aturan.testing import case_data, load_cases
    session = Session()
    out = []
    for pid, _, _, err in session.pack_headers():
        if err is None:
            pack = session.pack(pid)
            out += [(pack, c.as_of, c.name, case_data(c)) for c in load_cases(pack)]
    return out


def _findings(pack, dossier, as_of):
    from aturan.engine import evaluate
    return [(f.rule.id, f.status, f.message, f.evidence, f.missing, f.detail, f.periods)
            for f in evaluate(pack, dossier, as_of).findings]


def _verdict(read, pack, as_of):
    """What a user gets from one reader: the findings, or the message (file:line:col and all)."""
    try:
        return "findings", _findings(pack, read(), as_of)
    except AturanError as e:
        return "rejected", str(e)


def test_pack_case_dossiers_get_the_same_findings_or_message_on_both_paths(tmp_path):
    """Pack cases' dossiers read by the fast path (what `aturan check` uses) and by the careful reader
    (load_dossier): the same findings with the same messages and evidence, or, for a dossier invalid on purpose,
    the same located message. Most take the fast path itself. The careful reader costs ~60 ms a dossier here, so
    the suite takes every 8th of the ~900 cases as JSON and every 24th as YAML (all packs among them)."""
    cases = _case_dossiers()
    assert len(cases) > 200
    fast_taken = n = 0
    for i, (pack, as_of, name, data) in enumerate(cases):
        plain = json.loads(json.dumps(data, default=str))     # dates as ISO text, as in a file
        for fmt in ("json",) * (i % 8 == 0) + ("yaml",) * (i % 24 == 4):
            p = _write(tmp_path, i, plain, fmt)
            fast = _verdict(lambda: fastpath.load_file(str(p)), pack, as_of)
            careful = _verdict(lambda: load_dossier(p), pack, as_of)
            assert fast == careful, f"{pack.id}: {name} ({fmt})"
            fast_taken += _fast_only(p) is not None
            n += 1
    assert n > 140 and fast_taken > 0.9 * n


@pytest.mark.parametrize("path", EXAMPLES + FIXTURES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_example_gets_the_same_findings_through_check(path, capsys):
    """`aturan check` (the batch, fast path) reports exactly what evaluating the careful reader's dossier gives."""
    from aturan.cli import main
    from aturan.engine import evaluate
    from aturan.report.jsonl import record
    from aturan.session import Session
    careful = load_dossier(path)
    session = Session()
    try:
        pack = session.pack(session.pack_for_regency(careful.regency, careful))
    except AturanError:
        pytest.skip("a fixture of the test packs (tests/fixtures/packs)")
    main(["check", str(path), "--format", "jsonl", "-j", "1"])
    got = json.loads(capsys.readouterr().out)
    assert got == json.loads(json.dumps(record(evaluate(pack, careful)), default=str))


def test_each_json_line_is_its_record_byte_for_byte():
    """`--format jsonl` builds each line from pieces serialised once per pack (a rule's citation, title, message
    for a status) and per dossier (evidence, periods): over every pack case (periods due and not yet due, facts
    missing, rules not applicable) the line is exactly the record serialised whole, key order included."""
    from aturan.engine import evaluate
    from aturan.report.jsonl import dumps, line, record
    cases = _case_dossiers()
    seen = set()
    for pack, as_of, name, data in cases:
        rep = evaluate(pack, fastpath.load_data(json.loads(json.dumps(data, default=str)), name), as_of)
        assert line(rep) == dumps(record(rep)), f"{pack.id}: {name}"
        seen |= {(f.status, bool(f.rule.periode), bool(f.missing)) for f in rep.findings}
    # the cases reach every kind of piece: periodic and not, each status, a missing fact named
    assert {("tidak_patuh", True, False), ("belum_jatuh_tempo", True, False), ("tidak_dapat_dinilai", False, True),
            ("patuh", False, False), ("tidak_berlaku", False, False)} <= seen


# What the standard parser (json.loads with the fast path's hooks) makes of each text, written out by hand:
# "slow" where the dossier must go to the careful reader. orjson reads first; it must never differ.
_JSON_READINGS = [
    ('{"a": 1, "a": 2}', "slow"),                               # a key written twice
    ('{"a": "x:y", "a": "z"}', "slow"),                         # ... whose dropped value holds a colon
    ('{"a": "\\u003a", "a": 1}', "slow"),                        # ... with a colon written as an escape elsewhere
    ('{"b": {"c": 1, "d": ":", "c": 2}}', "slow"),             # ... in a nested object
    ('{"a": "b:", "c": ":d", "e": "\\":"}', {"a": "b:", "c": ":d", "e": '":'}),   # colons in strings only
    ('{"a": "\\u003a"}', {"a": ":"}),                            # an escaped colon, no duplicate
    ('{"a": null, "b": [null, 1], "c": {"d": null}}', {"b": [None, 1], "c": {}}),   # nulls leave objects only
    ('{"n": 18446744073709551616}', {"n": 18446744073709551616}),    # 2**64: an integer, never a float
    ('{"n": -9223372036854775809}', {"n": -9223372036854775809}),    # -(2**63) - 1
    ('{"n": 1e400}', "slow"),                                   # not a finite number
    ('{"n": NaN}', "slow"),
    ('{"s": "\\ud800"}', {"s": "\ud800"}),                      # a lone surrogate, as the standard parser keeps it
    ('\ufeff{"a": 1}', "slow"),                                 # a byte order mark
    ('{"a": 1,}', "slow"),                                      # a syntax error
    ('{"x": [1, 2.5], "y": "1,e"}', {"x": [1, 2.5], "y": "1,e"}),
]


@pytest.mark.parametrize("text,expected", _JSON_READINGS)
def test_json_is_read_as_the_standard_parser_reads_it(text, expected):
    try:
        got = fastpath.parse_json(text)
    except fastpath.Slow:
        got = "slow"
    assert got == expected
    if expected != "slow":
        assert type(got["n"]) is int if "n" in got else True


def test_a_float_that_could_be_an_integer_is_noted_on_the_orjson_path_too():
    # 2024.0 where the schema wants an integer: the compiled validator would take it, the careful reader does not
    for text in ('{"t": 2024.0}', '{"t": [2.0e3]}', '{"t": 1, "u": null, "v": 2.0}'):
        fastpath.parse_json(text)
        assert fastpath._integral[0], text
    fastpath.parse_json('{"t": 2024, "k": "16.09.01.2001"}')
    assert not fastpath._integral[0]


def test_a_finding_made_the_quick_way_is_the_same_finding():
    from aturan.model import Finding
    args = (object(), "tidak_patuh", "Desa menetapkan KPM.", {"kpm[*].nama": ["A", None]})
    quick = Finding.make(*args, missing="kpm[1].nama", detail="d")
    assert quick == Finding(*args, missing="kpm[1].nama", detail="d")
    assert Finding.make(*args) == Finding(*args) and Finding.make(*args).periods == ()
    with pytest.raises(AttributeError):   # still frozen
        quick.status = "patuh"
