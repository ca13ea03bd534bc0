"""Inputs for the hostile cases, built from the project's own examples so they stay valid as those change."""
from __future__ import annotations

from pathlib import Path

from .runner import ROOT

OKU = ROOT / "rules" / "oku_selatan" / "contoh" / "patuh.yaml"


def patuh() -> str:
    """OKU Selatan's compliant dossier (53 obligations met), the base most dossier cases break."""
    return OKU.read_text(encoding="utf-8")


def patuh_with(old: str, new: str, count: int = 1) -> str:
    text = patuh()
    assert old in text, f"{old!r} is no longer in {OKU}; update the hostile case"
    return text.replace(old, new, count)


def patuh_json() -> dict:
    from aturan.yamlio import load_file
    return load_file(OKU).data


MINI_DOSSIER = ("identitas: {nama: Uji, jenis: desa, tahun: 2024, kabupaten: Kabupaten Uji Hostil, "
                "tanggal_data: 2025-01-31}\n"
                "kpm:\n  - {nama: Siti, pendidikan: sma}\n  - {nama: Budi, pendidikan: sd}\n"
                "perencanaan:\n  rembuk_stunting: {tanggal: 2024-06-10}\n"
                "  musyawarah_perencanaan: {tanggal: 2024-07-01}\n")

_TERMS = {"unit": "Desa", "unit_kecil": "desa", "kepala": "Kepala Desa", "pemerintah": "Pemerintah Desa",
          "badan_permusyawaratan": "BPD", "rumah_sehat": "RDS", "anggaran": "APB Desa", "dana": "Dana Desa",
          "wilayah": "dusun", "musyawarah": "musyawarah desa", "forum_antar": "musyawarah antar desa",
          "badan_kerja_sama": "BKAD", "rkp": "RKP Desa", "kecamatan": "kecamatan"}


def mini_pack(require: str, *, pid: str = "uji", when: str | None = None, params: dict | None = None,
              regency: str = "Kabupaten Uji Hostil", in_force: str = "2023-02-01") -> dict[str, str]:
    """A one-rule declarative pack (no Python plugin) in packs/<pid>/: loads in milliseconds."""
    rule = {"id": f"{pid}.aturan", "title": "Aturan uji", "concept": "uji.aturan", "citation": {"pasal": 1},
            "quote": "kutipan", "subject": "pemerintah", "severity": "sedang", "require": require,
            "message": "Pesan untuk {unit}."}
    if when is not None:
        rule["when"] = when
    if params:
        rule["params"] = params
    meta = {"id": pid, "plugin": "declarative",
            "regulation": {"kind": "Peraturan Bupati", "number": "1", "year": 2023, "title": "Uji hostil",
                           "regency": regency, "enacted": "2023-01-27", "promulgated": "2023-01-27",
                           "in_force": in_force},
            "units": ["desa"], "articles": {"pasal": {"from": 1, "to": 1}},
            "declares": {"terminology": {"desa": _TERMS}, "packages": [], "kpm_criteria": []}}
    return {f"packs/{pid}/pack.yaml": _yaml(meta), f"packs/{pid}/rules/r.yaml": _yaml({"rules": [rule]})}


def _yaml(data) -> str:
    import yaml
    # the dumper quotes what needs it (an expression with ': ' included); width: one expression, one line
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 [' + ",".join(['"lol"'] * width) + ']']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def copy_pack(name: str, dest: Path) -> Path:
    import shutil
    target = dest / "packs" / name
    shutil.copytree(ROOT / "rules" / name, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {path}; update the hostile case"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
