"""What the teks tests share: the repository root, the teks fixtures, running the CLI in-process and
editing a copied pack's file."""
from pathlib import Path

from aturan.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "teks"


def run(capsys, *argv):
    """Run `aturan ARGV` in-process: (exit code, stdout, stderr); a traceback is always a failure."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first OLD in PATH by NEW; OLD must be there (else the test is testing nothing)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
