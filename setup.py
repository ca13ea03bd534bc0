"""The package list for setuptools (everything else is in pyproject.toml).

Python code lives in src/aturan (every folder there is listed, data folders too); the rule packs
(rules/) and the monitoring examples (examples/) are installed as the data packages aturan.packs
and aturan.examples with all their subfolders. Each folder must be named, so they are listed from
the tree rather than by hand: a new pack or module needs no edit here.
"""
from pathlib import Path

from setuptools import find_namespace_packages, setup

HERE = Path(__file__).parent
# the code and its data folders (schemas/, data/): every folder under src/aturan
CODE = find_namespace_packages(str(HERE / "src"), include=["aturan", "aturan.*"], exclude=["*__pycache__*"])


def data_packages(name: str, folder: str) -> list[str]:
    root = HERE / folder
    subs = sorted(p for p in root.rglob("*") if p.is_dir() and "__pycache__" not in p.parts and not p.name.startswith("."))
    return [name] + [".".join([name, *p.relative_to(root).parts]) for p in subs]


setup(packages=CODE + data_packages("aturan.packs", "rules") + data_packages("aturan.examples", "examples"))
