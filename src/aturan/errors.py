"""Errors people can act on: every one knows where it happened."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in a file. line and col are 0-based; str() prints them 1-based."""

    file: str
    line: int | None = None
    col: int | None = None
    source_line: str | None = None  # the text of that line, for the caret

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.col is None:
            return f"{self.file}:{self.line + 1}"
        return f"{self.file}:{self.line + 1}:{self.col + 1}"

    def shifted(self, lines: int, col: int, source_line: str | None = None) -> "Location":
        """The location `lines` lines and `col` columns further on (col absolute when lines > 0)."""
        if self.line is None:
            return self
        if lines:
            return Location(self.file, self.line + lines, col, source_line)
        return Location(self.file, self.line, (self.col or 0) + col, source_line)


class AturanError(Exception):
    """Base of every error aturan reports to a user instead of a traceback."""

    def __init__(self, message: str, location: Location | None = None, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        parts = [head]
        loc = self.location
        if loc is not None and loc.source_line is not None:
            line, col = _window(loc.source_line.rstrip("\n"), loc.col)
            parts.append("    " + line)
            if col is not None:
                parts.append("    " + _caret_pad(line, col) + "^")
        if self.hint:
            parts.append(f"    {self.hint}")
        return "\n".join(parts)


_SHOWN = 120   # characters of a source line shown under a message


def _window(line: str, col: int | None) -> tuple[str, int | None]:
    """A long source line cut to the part around the column (with "…" where cut), and the column in it."""
    # a control character (NUL, escape...) would be sent to the terminal as is: show one mark in its place
    line = "".join(ch if ch.isprintable() or ch == "\t" else "\ufffd" for ch in line)
    if len(line) <= _SHOWN:
        return line, col
    at = min(max(col or 0, 0), len(line))
    start = max(0, min(at - _SHOWN // 2, len(line) - _SHOWN))
    piece = line[start:start + _SHOWN]
    head = "…" if start > 0 else ""
    tail = "…" if start + _SHOWN < len(line) else ""
    return head + piece + tail, (None if col is None else at - start + len(head))


def _caret_pad(line: str, col: int) -> str:
    # Keep tabs so the caret lines up under the same column in a terminal.
    return "".join(ch if ch == "\t" else " " for ch in line[:col])


class YamlError(AturanError):
    """A file is not well-formed YAML/JSON, or has a duplicate key or a forbidden tag."""


class SchemaError(AturanError):
    """A pack or dossier does not match its JSON Schema."""


class DslError(AturanError):
    """An expression does not parse, names something unknown, or mixes types."""


class PackError(AturanError):
    """A pack is inconsistent (duplicate ids, unknown plugin, bad placeholder...)."""


class DossierError(AturanError):
    """A dossier cannot be used."""


class ErrorList(AturanError):
    """Several errors found in one pass; str() lists them all."""

    def __init__(self, errors: list[AturanError]):
        super().__init__(f"{len(errors)} kesalahan", None)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


# ------------------------------------------------------------------ internal errors (bugs in aturan)
@contextmanager
def processing(what: str):
    """Name the input being worked on: an unexpected exception leaving this block carries it, so the
    one-line internal-error message can say which file (or pack, or case) to send with the report.
    The innermost block wins. Errors about the input itself (AturanError) already carry a location."""
    try:
        yield
    except AturanError:
        raise
    except Exception as e:
        if getattr(e, "aturan_input", None) is None:
            try:
                e.aturan_input = what
            except AttributeError:  # pragma: no cover - an exception type without __dict__
                pass
        raise


def internal_error_message(exc: BaseException, fallback: str = "") -> str:
    """One line for an unexpected exception: what was being processed, what broke, and what to do."""
    what = getattr(exc, "aturan_input", None) or fallback
    where = f" saat memproses {what}" if what else ""
    detail = " ".join(str(exc).split())
    if len(detail) > 200:
        detail = detail[:199] + "…"
    kind = type(exc).__name__
    return (f"kesalahan internal{where} ({kind}{': ' + detail if detail else ''}). Ini bug di aturan, bukan "
            "kesalahan masukan Anda: mohon laporkan ke pengembang beserta perintah dan berkasnya "
            "(jalankan ulang dengan --debug untuk jejak lengkap)")
