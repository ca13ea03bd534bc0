"""Every rendering of check results, one module per format, all fed by the same Report objects."""
from __future__ import annotations

from .common import citation_text, identity_line, sort_findings, summary_line, village_name
from .jsonout import render_json, report_dict
from .markdown import render_markdown
from .table import render_table

TEXT_FORMATS = ("table", "markdown", "json", "html")
BINARY_FORMATS = ("xlsx", "docx")
FORMATS = TEXT_FORMATS + BINARY_FORMATS


def render(fmt: str, reports: list, rejected: list[tuple[str, str]], verbose: bool = False,
           text_view: str | None = None) -> str | bytes:
    """The report in one format: text for table/markdown/json/html, bytes for xlsx/docx. `text_view`: the
    literate view of the regulation the HTML report links each finding's article to."""
    if fmt == "json":
        return render_json(reports, rejected)
    if fmt == "markdown":
        return render_markdown(reports, rejected, verbose)
    if fmt == "html":
        from .html import render_html
        return render_html(reports, rejected, verbose, text_view)
    if fmt == "xlsx":
        from .xlsx import render_xlsx
        return render_xlsx(reports, rejected)
    if fmt == "docx":
        from .docx import render_docx
        return render_docx(reports, rejected)
    return render_table(reports, rejected, verbose)


__all__ = ["FORMATS", "BINARY_FORMATS", "TEXT_FORMATS", "citation_text", "identity_line", "render",
           "render_json", "render_markdown", "render_table", "report_dict", "sort_findings", "summary_line",
           "village_name"]
