"""Every shipped pack loads, its YAML test cases pass, and every rule has a patuh and a tidak_patuh case."""
import shutil
from pathlib import Path

import pytest

from aturan.loader import available_packs, load_pack
from aturan.manager import collect, get_plugin_manager
from aturan.testing import coverage_gaps, load_cases, run_case

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = collect(get_plugin_manager(load_entry_points=False))
PACKS = {pid: load_pack(path, REGISTRY) for pid, path in available_packs([ROOT / "rules"]).items()}
CASES = [(pid, case) for pid, pack in PACKS.items() for case in load_cases(pack)]


def test_the_four_regulations_ship():
    assert {"oku_selatan", "sorong", "sijunjung", "tual"} <= set(PACKS)


@pytest.mark.parametrize("pid, case", CASES, ids=[f"{pid}::{c.name}" for pid, c in CASES])
def test_case(pid, case):
    res = run_case(PACKS[pid], case)
    assert res.passed, f"{case.location}: {case.name}\n" + "\n".join(res.failures or [res.error])


@pytest.mark.parametrize("pid", sorted(PACKS))
def test_every_rule_has_a_compliant_and_a_violating_case(pid):
    pack = PACKS[pid]
    assert coverage_gaps(pack, load_cases(pack)) == []


@pytest.mark.parametrize("pid", sorted(PACKS))
def test_every_pasal_is_accounted_for(pid):
    pack = PACKS[pid]
    missing = [n for n in pack.pasal if ("pasal", n) not in pack.traceability]
    assert missing == [], f"{pid}: Pasal tanpa catatan keterlacakan: {missing}"
    for n in pack.missing_pasal:   # a number the text skips is recorded too
        assert pack.traceability.get(("pasal", n)) is not None


@pytest.mark.parametrize("pid", sorted(PACKS))
def test_every_citation_points_to_a_pasal_the_text_has(pid):
    pack = PACKS[pid]
    for r in pack.rules:
        c = r.citation
        assert c.pasal is None or c.pasal in pack.pasal, f"{r.id} cites Pasal {c.pasal}"
        assert c.lampiran is None or c.lampiran in pack.lampiran, f"{r.id} cites Lampiran {c.lampiran}"


def test_a_pack_folder_copied_anywhere_still_runs_its_cases(tmp_path, capsys):
    # a regency keeps its pack in its own repository: the cases must not reach outside the folder
    from aturan.cli import main
    shutil.copytree(ROOT / "rules" / "tual", tmp_path / "tual")
    code = main(["test", str(tmp_path / "tual")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert " 0 failed" in out


def test_a_case_built_on_a_file_outside_the_pack_is_refused(tmp_path, capsys):
    from aturan.cli import main
    pack = tmp_path / "tual"
    shutil.copytree(ROOT / "rules" / "tual", pack)
    (tmp_path / "luar.yaml").write_text((pack / "contoh" / "patuh.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    case = pack / "tests" / "anggaran.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace("base: ../contoh/patuh.yaml", "base: ../../luar.yaml", 1),
                    encoding="utf-8")
    code = main(["test", str(pack)])
    out = capsys.readouterr().out
    assert code == 2   # the pack cannot be used as it is: unusable input
    assert "di luar folder pack tual" in out and "anggaran.yaml:" in out
