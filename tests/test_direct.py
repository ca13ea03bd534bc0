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


# ------------------------------------------------------------------ findings kept across dossiers (direct._known)
def _contoh(pack: str, name: str = "patuh") -> dict:
    import yaml
    return yaml.safe_load((ROOT / "rules" / pack / "contoh" / f"{name}.yaml").read_text(encoding="utf-8"))


def _status(pack, data: dict, as_of, rule_id: str, name: str = "d.json") -> str:
    """The status of one rule in the line direct.line writes, after checking the line is the report's."""
    d = fastpath.load_data(json.loads(json.dumps(data, default=str)), name)
    assert _same_as_report(pack, d, as_of) is None, _same_as_report(pack, d, as_of)
    line, _ = direct.line(pack, d, as_of)
    return next(f["status"] for f in json.loads(line)["findings"] if f["rule"] == rule_id)


def _pack(pack_id: str):
    from aturan.session import Session
    return Session().pack(pack_id)


def test_a_quarter_not_yet_over_is_not_judged_from_a_later_dossiers_findings():
    """Pasal 45(1) OKU Selatan: a rembuk pengawasan at least once every quarter. Without the second quarter's
    rembuk, the same monitoring records read patuh on 10 May 2024 (quarter II not over) and tidak_patuh on
    31 January 2025, in either order: findings kept for one date are never given on another where a period
    has come due."""
    import datetime as dt
    pack = _pack("oku_selatan")
    data = _contoh("oku_selatan")
    data["pemantauan"]["rembuk_pengawasan"] = [r for r in data["pemantauan"]["rembuk_pengawasan"]
                                               if str(r["tanggal"]) != "2024-06-13"]
    rule = "oku_selatan.pengawasan.rembuk_triwulan"
    early, late = dt.date(2024, 5, 10), dt.date(2025, 1, 31)
    assert [_status(pack, data, day, rule) for day in (early, late, early, late)] == \
        ["patuh", "tidak_patuh", "patuh", "tidak_patuh"]


def test_a_period_begun_but_not_yet_due_is_not_judged_from_a_later_date():
    """OKU Selatan Pasal 40 as the pack reads it: the annual report is made in December or January, due 31 days
    after the year ends. With the report stated never made (`laporan_tahunan: false`), on 20 January 2025 the year
    2024 is over but its report not yet due (belum_jatuh_tempo); on 15 February it is (tidak_patuh)."""
    import datetime as dt
    pack = _pack("oku_selatan")
    data = _contoh("oku_selatan")
    data["laporan_tahunan"] = False
    rule = "oku_selatan.pelaporan.laporan_tahunan_waktu"
    due, before = dt.date(2025, 2, 15), dt.date(2025, 1, 20)
    assert [_status(pack, data, day, rule) for day in (due, before, due, before)] == \
        ["tidak_patuh", "belum_jatuh_tempo", "tidak_patuh", "belum_jatuh_tempo"]


def test_a_deadline_from_a_date_in_another_section_is_kept_under_that_section_too():
    """A deadline runs from a date the dossier records (`tenggat.sejak`); the part holding that date is read
    even when the rule's expressions never name it."""
    import dataclasses
    pack = _pack("oku_selatan")
    rule = next(r for r in pack.rules if r.tenggat_sejak)
    moved = dataclasses.replace(rule, tenggat_sejak="rumah_sehat.keputusan.tanggal")
    parts, clock = direct.reads(moved)
    assert ("rumah_sehat", "keputusan") in parts and clock == "tanggal"
    listed = dataclasses.replace(rule, tenggat_sejak="perencanaan.sosialisasi[*].tanggal")
    assert ("perencanaan", "sosialisasi") in direct.reads(listed)[0]


def test_the_same_records_for_another_year_are_judged_for_that_year():
    """The same rembuk pengawasan (all held in 2024) in a dossier about 2025 meet no quarter of 2025: tidak_patuh,
    after the 2024 dossier's patuh and before it again."""
    import datetime as dt
    pack = _pack("oku_selatan")
    y2024 = _contoh("oku_selatan")
    y2025 = json.loads(json.dumps(y2024, default=str))
    y2025["identitas"]["tahun"] = 2025
    rule = "oku_selatan.pengawasan.rembuk_triwulan"
    day = dt.date(2026, 1, 31)
    assert [_status(pack, d, day, rule) for d in (y2024, y2025, y2024)] == ["patuh", "tidak_patuh", "patuh"]


def test_a_rule_reading_the_date_of_assessment_is_judged_on_each_date():
    """Pasal 11 OKU Selatan: socialisation held by the assessment date. The example's one socialisation (22 April
    2024) has not happened on 1 March 2024 and has on 31 January 2025."""
    import datetime as dt
    pack = _pack("oku_selatan")
    data = _contoh("oku_selatan")
    rule = "oku_selatan.sosialisasi.dilaksanakan"
    before, after = dt.date(2024, 3, 1), dt.date(2025, 1, 31)
    assert [_status(pack, data, day, rule) for day in (after, before, after)] == \
        ["patuh", "tidak_patuh", "patuh"]


def test_an_ohoi_and_a_kelurahan_with_the_same_records_each_read_their_own_words():
    """Tual's messages name the unit (Ohoi or Kelurahan): the same records checked as one and then the other
    give each its own messages, as the report does."""
    pack = _pack("tual")
    data = _contoh("tual")
    other = "kelurahan" if data["identitas"]["jenis"] == "ohoi" else "ohoi"
    lines = []
    for jenis in (data["identitas"]["jenis"], other, data["identitas"]["jenis"]):
        data["identitas"]["jenis"] = jenis
        d = fastpath.load_data(json.loads(json.dumps(data, default=str)), f"{jenis}.json")
        assert _same_as_report(pack, d, None) is None, _same_as_report(pack, d, None)
        lines.append(direct.line(pack, d)[0])
    assert lines[0] == lines[2]
    words = [[f["message"] for f in json.loads(x)["findings"]] for x in lines]
    assert words[0] != words[1]   # the messages themselves, not only the dossier's head, name the unit


def _under(path: str, part: tuple) -> bool:
    name, key = part
    head = name if key is None else f"{name}.{key}"
    return path == head or path.startswith((head + ".", head + "["))


def test_every_fact_a_rule_reads_lies_in_the_parts_its_findings_are_kept_under():
    """Findings are kept under the text of the parts of the dossier `direct.reads` names: every fact a rule
    shows as evidence (and so every fact its expressions read) must lie in one of them, and a rule that depends
    on the date of assessment must say so."""
    from aturan.session import Session
    session = Session()
    packs = [session.pack(p) for p in ("oku_selatan", "sorong", "sijunjung", "tual", "panduan_bappenas_2019")]
    for pack in packs:
        for rule in pack.rules:
            sections, clock = direct.reads(rule)
            for path in rule.paths + ((rule.tenggat_sejak,) if rule.tenggat_sejak else ()):
                assert any(_under(path, part) for part in sections), (rule.id, path, sections)
            if rule.tenggat_sejak:
                assert clock == "tanggal", rule.id
            elif rule.periode:
                assert clock in ("tanggal", (rule.periode, rule.tenggat_hari)), rule.id
            if "tanggal_penilaian" in rule.require_src + (rule.when_src or ""):
                assert clock == "tanggal", rule.id


@pytest.fixture
def fresh_table(monkeypatch):
    """aturan.direct's table of kept findings, empty for this test and put back after it."""
    monkeypatch.setattr(direct, "_known", {})
    monkeypatch.setattr(direct, "_known_size", [0])


def _checked_variants(n: int):
    """(session, pack, dossier) of each of `n` benchmark-like dossiers, in one fresh session, once its line for
    the day after its year has been held to the report's."""
    import datetime as dt
    from aturan.session import Session
    session = Session()
    for i, data in enumerate(_variants(n)):
        d = fastpath.load_data(json.loads(json.dumps(data, default=str)), f"v{i}.json")
        pack = session.pack(session.pack_for_regency(d.regency, d))
        assert _same_as_report(pack, d, dt.date(d.year + 1, 1, 31)) is None
        yield session, pack, d


def test_kept_findings_stay_within_their_budget(monkeypatch, fresh_table):
    """The table of kept findings is emptied when it would outgrow its budget: memory stays flat over a batch
    of any size, and every line is still the report's."""
    monkeypatch.setattr(direct, "_KNOWN_BYTES", 60_000)
    sizes = []
    for _ in _checked_variants(30):
        sizes.append(direct._known_size[0])
        assert direct._known_size[0] <= 60_000
    assert any(b < a for a, b in zip(sizes, sizes[1:]))   # it did fill up, and was emptied


def test_a_part_missing_a_section_stated_absent_and_a_section_missing_each_read_their_own():
    """OKU Selatan's rule that every target received the packages reads `laporan_tahunan.isi` (and the monitoring
    recap), and its findings are kept under that part's text. An annual report without its contents and no report
    at all leave the convergence rate unknown: tidak_dapat_dinilai. A report stated absent (`false`) records
    no shortfall, and the example's quarterly recaps show complete receipt: patuh. Each reading comes out the
    same, and as the report's, whatever came before it."""
    import datetime as dt
    pack = _pack("oku_selatan")
    rule = "oku_selatan.paket.diterima_semua_sasaran"
    assert ("laporan_tahunan", "isi") in direct.reads(next(r for r in pack.rules if r.id == rule))[0]
    base = _contoh("oku_selatan")
    without = json.loads(json.dumps(base, default=str))
    del without["laporan_tahunan"]["isi"]
    stated = json.loads(json.dumps(base, default=str))
    stated["laporan_tahunan"] = False
    missing = json.loads(json.dumps(base, default=str))
    del missing["laporan_tahunan"]
    day = dt.date(2025, 3, 31)
    seen = []
    for data in (without, stated, missing, stated, without, base, missing):
        d = fastpath.load_data(json.loads(json.dumps(data, default=str)), "d.json")
        assert _same_as_report(pack, d, day) is None, _same_as_report(pack, d, day)
        f = next(f for f in json.loads(direct.line(pack, d, day)[0])["findings"] if f["rule"] == rule)
        seen.append((f["status"], f.get("detail"), json.dumps(f["evidence"])))
    assert [s[0] for s in seen] == ["tidak_dapat_dinilai", "patuh", "tidak_dapat_dinilai", "patuh",
                                    "tidak_dapat_dinilai", "patuh", "tidak_dapat_dinilai"]
    assert seen[0] == seen[4] and seen[1] == seen[3] and seen[2] == seen[6]


def test_a_block_whose_findings_never_repeat_stops_filling_the_table(monkeypatch, fresh_table):
    """The KPM rules read the cadres' names, which no two villages share: after a trial their findings are no
    longer kept (a batch of villages that share little pays little for the table), and every line is still
    the report's."""
    monkeypatch.setattr(direct, "_TRIAL", 3)
    monkeypatch.setattr(direct, "_PAUSE", 1000)
    checked = []
    for session, pack, d in _checked_variants(40):   # a fresh session: its packs' blocks not yet tried
        checked.append((pack.id, d.unit))
    pack_id, unit = max(set(checked), key=checked.count)
    assert checked.count((pack_id, unit)) >= 6   # tried 3 times, then not kept
    prog = direct._program(session.pack(pack_id), unit)
    kpm = [token for token, sections, clock, _ in prog.blocks if [prog.sections[i] for i in sections] == [("kpm", None)]
           and clock is None]
    assert kpm
    assert sum(1 for key in direct._known if key[0] in kpm) <= 3
