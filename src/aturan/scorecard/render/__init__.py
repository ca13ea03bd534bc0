"""The scorecard in every output format, all from the same tables (tables.py): one module per format."""
from .data import period_dict, render_apb, render_csv, render_json, render_rejections_csv
from .tables import DEFAULT_TERMS, budget_rows, num, pct
from .text import rejection_lines, render_text, summary_lines, warning_lines
from .xlsx import write_xlsx

__all__ = ["render_text", "render_json", "render_csv", "render_rejections_csv", "render_apb", "write_xlsx",
           "summary_lines", "rejection_lines", "warning_lines", "period_dict", "budget_rows", "num", "pct",
           "DEFAULT_TERMS"]
