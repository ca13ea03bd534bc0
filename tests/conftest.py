"""Shared fixtures: a fresh plugin manager per test, the small test pack."""
import sys
from pathlib import Path

import pytest

from aturan.manager import collect, get_plugin_manager

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(Path(__file__).parent))  # tests/plugins


@pytest.fixture
def registry():
    from plugins import uji
    return collect(get_plugin_manager(load_entry_points=False, extra=[uji]))


@pytest.fixture
def fixtures():
    return FIXTURES


@pytest.fixture
def mini_pack(registry):
    from aturan.loader import load_pack
    return load_pack(FIXTURES / "packs" / "mini", registry)


# ------------------------------------------------------------------ fuzz budgets (tests/strategies.py)
def pytest_configure(config):
    config.addinivalue_line("markers", "fuzz: property-based test (Hypothesis) with a fixed budget in the default run")
    config.addinivalue_line("markers", "fuzz_long: the same property with 50 times the budget; run with -m fuzz_long")


def pytest_collection_modifyitems(config, items):
    if "fuzz_long" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="fuzz panjang: jalankan dengan `pytest -m fuzz_long`")
    for item in items:
        if "fuzz_long" in item.keywords:
            item.add_marker(skip)
