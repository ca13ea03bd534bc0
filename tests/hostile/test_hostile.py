"""Run every case of the hostile corpus (tests/hostile/cases_*.py): no traceback, no hang, the documented exit code."""
import importlib
import pkgutil
from pathlib import Path

import pytest

from . import runner

CASES = []
for mod in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if mod.name.startswith("cases_"):
        CASES += [(mod.name, c) for c in importlib.import_module(f"{__package__}.{mod.name}").CASES]


@pytest.mark.parametrize("module,case", CASES, ids=[f"{m}:{c.name}" for m, c in CASES])
def test_hostile(module, case, tmp_path):
    wrong = runner.problems(case, runner.run(case, tmp_path))
    assert not wrong, "\n".join(wrong)


def test_no_case_expects_an_internal_error():
    """Exit 3 means a bug in aturan: a case expecting it would document a bug instead of a message."""
    assert [c.name for _, c in CASES if c.exit_code == 3] == []
