"""Values as Indonesian users write and read them: ya/tidak, 15/03/2024, 31 Januari 2025."""
from __future__ import annotations

import datetime as dt
import re

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
_MONTH_NUM = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_MONTH_NUM.update({m.lower()[:3]: i for i, m in enumerate(MONTHS, 1)})
_MONTH_NUM.update({"agt": 8, "ags": 8, "nop": 11, "des": 12, "okt": 10, "pebruari": 2, "nopember": 11})

YES = ("ya", "y", "true")
NO = ("tidak", "t", "false")
NONE_WORDS = ("tidak ada",)        # the explicit "does not exist" of the dossier (false, or an empty list)

DATE_FORMS = "YYYY-MM-DD, DD/MM/YYYY atau '15 Maret 2024'"


def parse_bool(text: str) -> bool | None:
    """'ya'/'tidak' (and true/false, y/t) to a bool; None when the text is neither."""
    t = text.strip().lower()
    if t in YES:
        return True
    if t in NO:
        return False
    return None


def parse_date(text: str) -> dt.date | None:
    """An ISO date, DD/MM/YYYY (or DD-MM-YYYY, DD.MM.YYYY) or '15 Maret 2024'; None when not a date.

    Raises ValueError for something shaped like a date that does not exist (31/02/2024)."""
    t = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", t)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", t)
    if m and m[2].lower() in _MONTH_NUM:
        return dt.date(int(m[3]), _MONTH_NUM[m[2].lower()], int(m[1]))
    return None


def format_date(d: dt.date | str | None) -> str:
    """31 Januari 2025. An ISO string is formatted too; anything else is returned as text."""
    if isinstance(d, str):
        try:
            d = dt.date.fromisoformat(d)
        except ValueError:
            return d
    if d is None:
        return ""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def format_number(x) -> str:
    """1.450.000.000 and 12,5: Indonesian grouping and decimal comma."""
    if isinstance(x, bool):
        return "ya" if x else "tidak"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    if isinstance(x, int):
        return f"{x:,}".replace(",", ".")
    if isinstance(x, float):
        whole, _, frac = f"{x:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + ("," + frac if frac else "")
    return str(x)
