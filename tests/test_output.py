"""Robust output: any terminal encoding, -o never overwrites without --force, argparse in Indonesian."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aturan.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "rules/oku_selatan/contoh/melanggar.yaml"


def run_cli(*argv, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIOENCODING", "PYTHONUTF8"))}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "aturan", *argv], cwd=ROOT, env=env, capture_output=True, timeout=120)


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "cp1252"}, {"PYTHONIOENCODING": "ascii"},
                                 {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}])
def test_table_prints_on_a_terminal_that_is_not_utf8(env):
    p = run_cli("check", EXAMPLE, env_extra=env)
    out = p.stdout.decode("ascii", errors="strict") if env.get("PYTHONIOENCODING") == "ascii" else p.stdout.decode("cp1252")
    assert p.returncode == 1, p.stderr.decode(errors="replace")      # violations found, not a crash
    assert b"Traceback" not in p.stderr
    assert "TIDAK PATUH" in out and "Pasal 21 huruf d" in out
    assert "+------" in out and "|" in out                      # box lines fall back to plain characters


def test_error_message_survives_an_ascii_terminal(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("identitas: {nama: X, jenis: desa, tahun: 2024}\napb: {total_belanja: banyak}\n", encoding="utf-8")
    p = run_cli("check", "--format", "json", str(bad), env_extra={"PYTHONIOENCODING": "ascii"})
    assert p.returncode == 2 and b"Traceback" not in p.stderr
    assert b"harus angka" in p.stderr


def test_output_file_is_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "laporan.md"
    out.write_text("punya auditor", encoding="utf-8")
    code = main(["check", "--format", "markdown", "-o", str(out), EXAMPLE])
    err = capsys.readouterr().err
    assert code == 2 and "sudah ada" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "punya auditor"
    assert main(["check", "--format", "markdown", "-o", str(out), "--force", EXAMPLE]) == 1
    assert out.read_text(encoding="utf-8").startswith("## Desa Tanjung Baru Contoh")


def test_binary_formats_need_an_output_file(capsys):
    assert main(["check", "--format", "xlsx", EXAMPLE]) == 2
    assert "-o" in capsys.readouterr().err


def test_output_into_a_missing_folder_is_a_message(tmp_path, capsys):
    code = main(["check", "--format", "json", "-o", str(tmp_path / "tidak_ada" / "x.json"), EXAMPLE])
    assert code == 2 and "tidak ada" in capsys.readouterr().err


def _parsers(parser):
    yield parser
    for action in parser._actions:
        if isinstance(action.choices, dict):      # a subcommand group
            for sub in action.choices.values():
                yield from _parsers(sub)


ENGLISH = ("usage:", "options:", "positional arguments", "show this help message", "optional arguments",
           "show program's version")


def test_every_help_is_in_indonesian():
    for parser in _parsers(build_parser()):
        text = parser.format_help()
        assert not [w for w in ENGLISH if w in text], (parser.prog, text)
        assert text.startswith("penggunaan: ")
        for action in parser._actions:
            if action.help is not None and action.help != "==SUPPRESS==":
                assert action.help.strip(), (parser.prog, action.dest)
            elif action.help is None:
                pytest.fail(f"{parser.prog}: {'/'.join(action.option_strings) or action.dest} tanpa teks bantuan")


def test_argparse_errors_in_indonesian(capsys):
    assert main(["check", "--format", "pdf", EXAMPLE]) == 2
    err = capsys.readouterr().err
    assert "penggunaan:" in err and "pilihan tidak sah" in err and "usage" not in err
