"""The package list for setuptools (everything else is in pyproject.toml).

Python code lives in src/aturan; the rule packs (rules/) and the monitoring examples (examples/) are
installed as the data packages aturan.packs and aturan.examples with all their subfolders, which
must each be named, so they are listed from the tree rather than by hand: a new pack needs no edit.
"""
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).parent
CODE = ["aturan", "aturan.dsl", "aturan.plugins", "aturan.scorecard", "aturan.authoring", "aturan.data", "aturan.schemas"]


def data_packages(name: str, folder: str) -> list[str]:
    root = HERE / folder
    subs = sorted(p for p in root.rglob("*") if p.is_dir() and "__pycache__" not in p.parts and not p.name.startswith("."))
    return [name] + [".".join([name, *p.relative_to(root).parts]) for p in subs]


setup(packages=CODE + data_packages("aturan.packs", "rules") + data_packages("aturan.examples", "examples"))
