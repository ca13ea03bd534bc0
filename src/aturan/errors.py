"""Errors people can act on: every one knows where it happened."""
from __future__ import annotations

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
            parts.append("    " + loc.source_line.rstrip("\n"))
            if loc.col is not None:
                parts.append("    " + _caret_pad(loc.source_line, loc.col) + "^")
        if self.hint:
            parts.append(f"    {self.hint}")
        return "\n".join(parts)


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
