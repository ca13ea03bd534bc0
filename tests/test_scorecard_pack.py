"""A pack can ship its own indicator file (a Perbup that adds or changes an indicator): picked for its regency's
villages by `scorecard` and `check --monitoring`, checked by `pack lint`."""
import json
import shutil
from pathlib import Path

import pytest

from aturan.cli import main

ROOT = Path(__file__).resolve().parents[1]
KECIL = str(ROOT / "tests" / "fixtures" / "scorecard" / "kecil.csv")
BASE = (ROOT / "src" / "aturan" / "data" / "indikator_konvergensi.yaml").read_text(encoding="utf-8")


@pytest.fixture
def pack(tmp_path):
    """A copy of the OKU Selatan pack whose Perbup asks for one antenatal check instead of four."""
    p = tmp_path / "oku_selatan"
    shutil.copytree(ROOT / "rules" / "oku_selatan", p)
    own = BASE.replace("params: {kali_minimal: 4, bulan_kehamilan: 9}\n    when: bulan_hamil > 0\n"
                       "    require: >-\n      periksa_kehamilan",
                       "params: {kali_minimal: 1, bulan_kehamilan: 9}\n    when: bulan_hamil > 0\n"
                       "    require: >-\n      periksa_kehamilan", 1)
    assert own != BASE
    (p / "indikator.yaml").write_text(own, encoding="utf-8")
    meta = p / "pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "scorecard:\n  indikator: indikator.yaml\n", encoding="utf-8")
    return p


def periksa(out: str) -> dict:
    d = json.loads(out)
    t3 = d["desa"][0]["periode"]["tahun"]["tabel3"]
    return next(x for x in t3 if x["id"] == "ibu_hamil.periksa_kehamilan")


def test_the_packs_indicator_file_is_used_for_its_villages(capsys, pack):
    dosir = str(ROOT / "rules" / "oku_selatan" / "contoh" / "patuh.yaml")
    # kecil.csv: Budi had 1 check in 3 pregnant months: T with 4 checks pro rata (9 < 12), Y with 1 (9 >= 3)
    main(["scorecard", KECIL, "--dossier", dosir, "--pack", str(ROOT / "rules" / "oku_selatan"), "--format", "json"])
    assert periksa(capsys.readouterr().out)["diterima"] == 1
    main(["scorecard", KECIL, "--dossier", dosir, "--pack", str(pack), "--format", "json"])
    out = capsys.readouterr().out
    assert periksa(out)["diterima"] == 2
    assert json.loads(out)["indikator"]["berkas"] == str((pack / "indikator.yaml").resolve())


def test_pack_lint_checks_the_indicator_file(capsys, pack):
    assert main(["pack", "lint", str(pack)]) in (0, 1)
    out = capsys.readouterr().out
    assert "indikator" not in out
    text = (pack / "indikator.yaml").read_text(encoding="utf-8")
    (pack / "indikator.yaml").write_text(text.replace("pil_fe.jumlah >= hari_minimal", "pil_fe.jumlh >= hari_minimal"),
                                         encoding="utf-8")
    main(["pack", "lint", str(pack)])
    out = capsys.readouterr().out
    assert f"{pack / 'indikator.yaml'}:" in out and "jumlh" in out and "[dsl] indikator scorecard" in out
    meta = pack / "pack.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("indikator: indikator.yaml", "indikator: ../luar.yaml"),
                    encoding="utf-8")
    main(["pack", "lint", str(pack)])
    assert "di luar folder pack" in capsys.readouterr().out
