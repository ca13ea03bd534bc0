"""The hostile dossiers read by the fast path (what `aturan check` uses) and by the careful reader (load_dossier,
what `aturan dosir`, `scorecard` and the library use): the same verdict and, for every refused file, the same
message with the same file:line:col. Cases in a child process (pipes, devices, billion laughs, huge files) are left
to test_hostile.py: they are refused before either reader parses anything."""
import importlib
import pkgutil
from pathlib import Path

import pytest

from aturan import fastpath
from aturan.errors import AturanError
from aturan.loader import load_dossier

from . import runner

CASES = []
for mod in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if mod.name.startswith("cases_"):
        CASES += [c for c in importlib.import_module(f"{__package__}.{mod.name}").CASES
                  if c.argv[:1] == ("check",) and not (c.child or c.make or c.env)
                  and sum(a.startswith("{dir}") for a in c.argv[1:]) == 1]


def _verdict(read, folder: Path):
    try:
        return "read", read()
    except AturanError as e:
        return "refused", str(e).replace(str(folder), "DIR")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fast_and_careful_readers_agree(case, tmp_path):
    argv = runner.prepare(case, tmp_path)
    path = next(a for a in argv[1:] if a.startswith(str(tmp_path)))
    if not Path(path).is_file():
        pytest.skip("not a dossier file")
    fast = _verdict(lambda: fastpath.load_file(path), tmp_path)
    careful = _verdict(lambda: load_dossier(path), tmp_path)
    assert fast == careful


def test_the_comparison_covers_the_dossier_cases():
    assert len(CASES) >= 35
