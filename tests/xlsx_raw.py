"""Write XLSX sheet XML byte by byte, as OpenSID's OpenSpout and as Excel write it (no openpyxl in between).

OpenSpout (OpenSID/OpenSID vendor/openspout/openspout/src/Writer/XLSX/Manager/WorksheetManager.php at
commit 706e692a8aa3dca836129f2e8604f577028b1339, getCellXML()): `<row r="N" spans="1:K" customHeight="0">`,
a string `<c r="A1" s="0" t="inlineStr"><is><t>..</t></is></c>`, a number `<c r="B1" s="0"><v>5</v></c>`,
a boolean `t="b"`, an empty cell not written. Excel puts text in the shared-string table (`t="s"><v>7</v>`)
and a date as a day number under a date style. Used by the reader tests and by bench/bench_scorecard.py.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any, Iterable

from aturan.scorecard.readers.files import col_letters as letters

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# cellXfs: 0 General, 1 a date (numFmtId 14), 2 a date and time (22), 3 a time of day (20), 4 custom dd/mm/yyyy
_XF = '<xf numFmtId="{}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
STYLES = (f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
          '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill>'
          '<patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="5">' + "".join(_XF.format(i) for i in (0, 14, 22, 20, 164)) + '</cellXfs>'
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
EPOCH = dt.date(1899, 12, 30)


def escape(s: str) -> str:
    """OpenSpout's escaping: XML's five characters as entities, control characters as _xHHHH_."""
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#039;")
    return "".join(f"_x{ord(c):04X}_" if ord(c) < 32 and c not in "\t\n" else c for c in s)


class SheetWriter:
    def __init__(self, shared: dict[str, int] | None):
        self.shared = shared           # None: inline strings (OpenSpout); a dict: the shared-string table (Excel)
        self.parts: list[str] = []

    def row(self, n: int, values: Iterable[Any]) -> None:
        cells = []
        for j, v in enumerate(values, start=1):
            ref = f"{letters(j)}{n}"
            if v is None or v == "":
                continue
            if isinstance(v, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(v)}</v></c>')
            elif isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}" s="0"><v>{v}</v></c>' if self.shared is None else f'<c r="{ref}"><v>{v}</v></c>')
            elif isinstance(v, dt.datetime):
                serial = (v - dt.datetime(1899, 12, 30)).total_seconds() / 86400
                cells.append(f'<c r="{ref}" s="2"><v>{serial!r}</v></c>')
            elif isinstance(v, dt.date):
                cells.append(f'<c r="{ref}" s="1"><v>{(v - EPOCH).days}</v></c>')
            elif self.shared is None:
                cells.append(f'<c r="{ref}" s="0" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>')
            else:
                k = self.shared.setdefault(str(v), len(self.shared))
                cells.append(f'<c r="{ref}" t="s"><v>{k}</v></c>')
        if cells:
            self.parts.append(f'<row r="{n}" spans="1:{len(cells)}" customHeight="0">' + "".join(cells) + "</row>")

    def xml(self, merges: Iterable[str] = ()) -> str:
        merge = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
                "<sheetData>" + "".join(self.parts) + "</sheetData>"
                + (f'<mergeCells count="{len(list(merges))}">{merge}</mergeCells>' if merge else "") + "</worksheet>")


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]], *, shared: bool = False,
               raw_sheets: dict[str, str] | None = None) -> Path:
    """A workbook with one sheet per entry (rows from row 1), or sheet XML given as it is (`raw_sheets`)."""
    table: dict[str, int] | None = {} if shared else None
    bodies = []
    for name, rows in sheets.items():
        w = SheetWriter(table)
        for n, r in enumerate(rows, start=1):
            w.row(n, r)
        bodies.append((name, w.xml()))
    for name, xml in (raw_sheets or {}).items():
        bodies.append((name, xml))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'spreadsheetml.sheet.main+xml"/>' + "".join(
                       f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-'
                       'officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, len(bodies) + 1))
                   + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'spreadsheetml.styles+xml"/>'
                   + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                      'officedocument.spreadsheetml.sharedStrings+xml"/>' if shared else "") + "</Types>")
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
                   "<sheets>" + "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                                        for i, (n, _) in enumerate(bodies, start=1)) + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                   'schemas.openxmlformats.org/package/2006/relationships">' + "".join(
                       f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                       for i in range(1, len(bodies) + 1))
                   + f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>'
                   + (f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>' if shared else "")
                   + "</Relationships>")
        z.writestr("xl/styles.xml", STYLES)
        for i, (_, xml) in enumerate(bodies, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if shared:
            items = sorted(table.items(), key=lambda kv: kv[1])
            z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" '
                       f'count="{len(items)}" uniqueCount="{len(items)}">'
                       + "".join(f"<si><t xml:space=\"preserve\">{escape(s)}</t></si>" if s != s.strip() else f"<si><t>{escape(s)}</t></si>" for s, _ in items) + "</sst>")
    return path
