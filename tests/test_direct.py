"""`aturan check --format jsonl` writes each line straight from the dossier (aturan.direct), without the Report
in between: every line must be exactly the record of the report, whatever the pack, the case or the date."""
import json
import sys
from pathlib import Path

import pytest

from aturan import direct, fastpath
from aturan.engine import evaluate
from aturan.report.jsonl import dumps, record

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_fastpath import _case_dossiers, _variants  # noqa: E402


def _same_as_report(pack, dossier, as_of) -> str | None:
    """None when direct.line gives the report's line and counts; else what differs."""
    rep = evaluate(pack, dossier, as_of)
    got = direct.line(pack, dossier, as_of)
    if not rep.in_force:
        return None if got is None else "a regulation not in force must go the report's way"
    line, counts = got
    if counts != rep.counts():
        return f"counts {counts} != {rep.counts()}"
    want = dumps(record(rep)).encode("utf-8")
    if line != want:
        at = next(i for i, (a, b) in enumerate(zip(line, want)) if a != b) if len(line) == len(want) else \
            min(len(line), len(want))
        return f"bytes differ at {at}: {line[max(0, at - 80):at + 80]!r} vs {want[max(0, at - 80):at + 80]!r}"
    return None


def test_every_case_of_every_pack_gives_its_reports_line_byte_for_byte():
    """Over every test case of every pack (periods due and not yet due, deadlines from a date, facts missing or
    stated absent, lists read item by item with and without names) the line is the report's, twice over (the
    second time from the facts' pieces kept since the first)."""
    cases = _case_dossiers()
    assert len(cases) > 800
    for _ in range(2):
        for pack, as_of, name, data in cases:
            d = fastpath.load_data(json.loads(json.dumps(data, default=str)), name)
            assert _same_as_report(pack, d, as_of) is None, f"{pack.id}: {name}: {_same_as_report(pack, d, as_of)}"


def test_varied_dossiers_give_their_reports_line():
    """Dossiers as the benchmark makes them, each on two dates: one early in the year (most periods not yet
    due) and one after it."""
    import datetime as dt
    from aturan.session import Session
    session = Session()
    for i, data in enumerate(_variants(40)):
        d = fastpath.load_data(json.loads(json.dumps(data, default=str)), f"v{i}.json")
        pack = session.pack(session.pack_for_regency(d.regency, d))
        for as_of in (dt.date(d.year, 4, 20), None):
            assert _same_as_report(pack, d, as_of) is None, f"v{i} {as_of}: {_same_as_report(pack, d, as_of)}"


def test_a_regulation_not_yet_in_force_goes_the_reports_way():
    """Before the regulation is in force every finding is tidak_berlaku with one message: direct.line leaves
    that to the report (None), and `aturan check --format jsonl` still writes the report's line."""
    import datetime as dt
    cases = _case_dossiers()
    pack, _, name, data = next(c for c in cases if c[0].id == "sorong")
    data = json.loads(json.dumps(data, default=str))
    data["identitas"]["tahun"] = pack.regulation.in_force.year - 1
    d = fastpath.load_data(data, name)
    assert direct.line(pack, d, dt.date(pack.regulation.in_force.year - 1, 12, 31)) is None


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_writes_the_reports_line_for_each_dossier(tmp_path, capsys, jobs):
    """End to end: the lines `aturan check --format jsonl` writes are the records of the reports."""
    from aturan.cli import main
    from aturan.loader import load_dossier
    from aturan.session import Session
    files = []
    for i, data in enumerate(_variants(12)):
        p = tmp_path / f"d{i:02}.json"
        p.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        files.append(p)
    main(["check", str(tmp_path), "--format", "jsonl", "-j", jobs, "--quiet"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(files)
    session = Session()
    for p, got in zip(files, lines):
        d = load_dossier(p)
        rep = evaluate(session.pack(session.pack_for_regency(d.regency, d)), d)
        want = record(rep)
        want["file"] = want["dossier"]["file"] = json.loads(got)["file"]   # the path as the command names it
        assert got == dumps(want)


def test_an_integer_beyond_64_bits_is_written_not_a_crash(tmp_path, capsys):
    """A KPM incentive of 10^20 rupiah (a typing slip a spreadsheet lets through) is a number like any other:
    the rule reads it, the line carries its digits, and the command exits as for any checked dossier (here 1,
    the example's violation), never 3 (a bug in aturan)."""
    import yaml
    from aturan.cli import main
    data = yaml.safe_load((ROOT / "rules" / "oku_selatan" / "contoh" / "melanggar.yaml").read_text(encoding="utf-8"))
    data["kpm"][0]["insentif"] = {"jumlah": 10 ** 20, "sumber": "dana_desa", "ditetapkan_musyawarah": True}
    f = tmp_path / "besar.json"
    f.write_text(json.dumps(data, default=str), encoding="utf-8")
    code = main(["check", str(f), "--format", "jsonl"])
    rec = json.loads(capsys.readouterr().out)
    assert code == 1 and not rec["rejected"]
    ev = next(x["evidence"] for x in rec["findings"] if "kpm[*].insentif.jumlah" in x["evidence"])
    assert ev["kpm[*].insentif.jumlah"][0] == 10 ** 20
