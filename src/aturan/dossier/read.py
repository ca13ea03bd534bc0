"""Read a fact-entry workbook into dossier data, every value located by sheet, row and column."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..errors import DossierError, Location
from ..values import DATE_FORMS, parse_bool, parse_date
from .layout import ADA, NONE_WORD, PARENT, TARGET, Column, Layout, Sheet
from .write import CODE_ROW, FIRST_ROW


@dataclass(frozen=True)
class CellLocation(Location):
    """A cell of a workbook: printed as 'isian.xlsx[KPM] baris 5 kolom D (Pendidikan terakhir)'."""

    sheet: str = ""
    column: str = ""
    label: str = ""

    def __str__(self) -> str:
        s = f"{self.file}[{self.sheet}]"
        if self.line is not None:
            s += f" baris {self.line + 1}"
        if self.column:
            s += f" kolom {self.column}"
        if self.label:
            s += f" ({self.label})"
        return s


class WorkbookDocument:
    """What the schema checker needs from a loaded file: the data, and where each value came from."""

    typed = True   # every cell already read as the schema's type (dates, ya/tidak): no coercion needed

    def __init__(self, file: str, data: dict, marks: dict[tuple, CellLocation]):
        self.file, self.data, self._marks = file, data, marks
        self.lines: list[str] = []

    def location(self, path: tuple = ()) -> Location:
        p = tuple(path)
        while p not in self._marks and p:
            p = p[:-1]
        return self._marks.get(p, CellLocation(self.file))

    def key_location(self, path: tuple) -> Location:
        return self.location(path)


def read_workbook(file: str, layout_for) -> WorkbookDocument:
    """layout_for(jenis, kabupaten) -> Layout: the words only change labels; codes decide what a cell means."""
    from openpyxl import load_workbook
    try:
        wb = load_workbook(file, data_only=True)
    except FileNotFoundError:
        raise DossierError("berkas tidak ditemukan", Location(file)) from None
    except Exception as e:   # BadZipFile, InvalidFileException, KeyError inside a damaged package
        raise DossierError(f"bukan buku kerja Excel .xlsx yang dapat dibaca ({type(e).__name__})", Location(file)) from None
    reader = _Reader(file, wb, layout_for)
    return reader.read()


class _Reader:
    def __init__(self, file: str, wb, layout_for):
        self.file, self.wb = file, wb
        ident = self._identity_hint()
        self.layout: Layout = layout_for(ident.get("jenis"), ident.get("kabupaten"))
        self.data: dict = {}
        self.marks: dict[tuple, CellLocation] = {}

    def _identity_hint(self) -> dict:
        out = {}
        if "Identitas" in self.wb.sheetnames:
            for row in self.wb["Identitas"].iter_rows(min_row=FIRST_ROW, values_only=True):
                if len(row) >= 4 and row[3] in ("identitas.jenis", "identitas.kabupaten") and isinstance(row[1], str):
                    out[row[3].split(".")[1]] = row[1].strip()
        return out

    def read(self) -> WorkbookDocument:
        known = set(self.layout.sheets)
        missing = [n for n in known if n not in self.wb.sheetnames]
        if "Identitas" in missing:
            raise DossierError("bukan buku kerja isian dosir aturan: lembar 'Identitas' tidak ada",
                               Location(self.file), hint="buat buku kerjanya dengan `aturan dosir template --pack PACK`")
        for sheet in self.layout.sheets.values():
            if sheet.name not in self.wb.sheetnames:
                continue    # a sheet deleted by the user: its facts are unknown
            ws = self.wb[sheet.name]
            if sheet.kind == "form":
                self._form(ws, sheet)
        for sheet in self.layout.sheets.values():   # lists after forms: a list item may need its part's object
            if sheet.name in self.wb.sheetnames and sheet.kind != "form":
                self._table(self.wb[sheet.name], sheet)
        return WorkbookDocument(self.file, self.data, self.marks)

    # -------------------------------------------------------------- locations
    def loc(self, sheet: str, row: int, col: int | None = None, label: str = "") -> CellLocation:
        from openpyxl.utils import get_column_letter
        return CellLocation(self.file, row - 1, None, None, sheet, get_column_letter(col) if col else "", label)

    def fail(self, where: CellLocation, message: str, hint: str | None = None):
        raise DossierError(message, where, hint=hint)

    # -------------------------------------------------------------- forms
    def _form(self, ws, sheet: Sheet) -> None:
        by_code = {c.code: c for c in sheet.columns}
        seen: dict[str, int] = {}
        for r, row in enumerate(ws.iter_rows(min_row=FIRST_ROW, max_col=4, values_only=True), FIRST_ROW):
            code = row[3] if len(row) > 3 else None
            value = row[1] if len(row) > 1 else None
            if code is None:
                if value not in (None, ""):
                    self.fail(self.loc(ws.title, r, 2), "nilai diisi pada baris tanpa kode (kolom D)",
                              "jangan menghapus atau mengubah kolom 'Kode'; salin baris dari templat baru")
                continue
            col = by_code.get(str(code).strip())
            if col is None:
                self.fail(self.loc(ws.title, r, 4), f"kode {code!r} tidak dikenal di lembar ini",
                          "kolom 'Kode' tidak boleh diubah; buat ulang dari `aturan dosir template`")
            if col.code in seen:
                self.fail(self.loc(ws.title, r, 4), f"kode {code!r} ditulis dua kali (pertama di baris {seen[col.code]})")
            seen[col.code] = r
            where = self.loc(ws.title, r, 2, col.label)
            path = tuple(col.code.split("."))
            for i in range(len(path) + 1):       # an absent part or field is reported at its first row
                self.marks.setdefault(path[:i], where)
            v = self.convert(col, value, where)
            if v is None:
                continue
            if col.kind == "exists":
                self.put_exists(self.data, path, v, where, ())
            else:
                self.put(self.data, path, v, where, ())

    # -------------------------------------------------------------- tables
    def _codes(self, ws, sheet: Sheet) -> list[tuple[int, Column]]:
        by_code = {c.code: c for c in sheet.columns}
        out = []
        header = next(ws.iter_rows(min_row=CODE_ROW, max_row=CODE_ROW, values_only=True), ())
        for i, code in enumerate(header, 1):
            if code in (None, ""):
                continue
            col = by_code.get(str(code).strip())
            if col is None:
                self.fail(self.loc(ws.title, CODE_ROW, i), f"kode kolom {code!r} tidak dikenal di lembar ini",
                          "baris 2 (kode) tidak boleh diubah; buat ulang dari `aturan dosir template`")
            out.append((i, col))
        required = {ADA} | ({TARGET} if sheet.kind == "kegiatan" else set()) | ({PARENT} if sheet.parent else set())
        lost = required - {c.code for _, c in out}
        if lost:
            self.fail(self.loc(ws.title, CODE_ROW), f"kolom berkode {', '.join(sorted(lost))} tidak ada di lembar ini",
                      "baris 2 (kode) tidak boleh diubah; buat ulang dari `aturan dosir template`")
        return out

    def _table(self, ws, sheet: Sheet) -> None:
        cols = self._codes(ws, sheet)
        none_rows: dict[tuple, int] = {}
        labels = {v.lower(): k for k, v in sheet.target_labels.items()} | {k.lower(): k for k in sheet.targets}
        for r, row in enumerate(ws.iter_rows(min_row=FIRST_ROW, values_only=True), FIRST_ROW):
            cells = {col.code: (i, row[i - 1] if i - 1 < len(row) else None) for i, col in cols}
            filled = {k: v for k, (_, v) in cells.items() if v not in (None, "") and not (isinstance(v, str) and not v.strip())}
            if not filled or set(filled) == {TARGET}:
                continue          # an empty row, or a kegiatan row with nothing known about it
            ada_col, ada = cells[ADA]
            ada_v = self.convert(sheet.columns[[c.code for c in sheet.columns].index(ADA)], ada,
                                 self.loc(ws.title, r, ada_col, "Keberadaan"))
            # where the row's object goes
            if sheet.kind == "kegiatan":
                tcol, tval = cells[TARGET]
                if tval in (None, ""):
                    self.fail(self.loc(ws.title, r, tcol, "Kegiatan"), "kolom Kegiatan kosong, padahal baris ini diisi",
                              f"pilih salah satu: {', '.join(sheet.target_labels.values())}")
                target = labels.get(str(tval).strip().lower())
                alias = self.layout.aliases.get(str(tval).strip().lower())
                if target is None and alias in sheet.targets:
                    target = alias
                if target is None:
                    self.fail(self.loc(ws.title, r, tcol, "Kegiatan"), f"kegiatan {tval!r} tidak dikenal",
                              f"pilih salah satu: {', '.join(sheet.target_labels.values())}")
                path, how, base = tuple(target.split(".")), sheet.targets[target], ()
                container = self.data
            elif sheet.parent:
                pcol, pval = cells[PARENT]
                container, base = self._parent_item(ws, sheet, r, pcol, pval)
                path, how = (sheet.path.split(".")[-1],), "list"
            else:
                container, base, path, how = self.data, (), tuple(sheet.path.split(".")), "list"
            where = self.loc(ws.title, r, ada_col, "Keberadaan")
            key = base + path
            if ada_v is False:
                others = [k for k in filled if k not in (ADA, TARGET, PARENT)]
                if others:
                    col_i = cells[others[0]][0]
                    self.fail(self.loc(ws.title, r, col_i), "baris bertanda 'tidak ada' tidak boleh berisi isian lain")
                existing = self._at(container, path)
                if existing not in (None, []) or key in none_rows:
                    self.fail(where, "'tidak ada' bertentangan dengan baris lain untuk hal yang sama"
                              + (f" (baris {none_rows[key]})" if key in none_rows else ""))
                none_rows[key] = r
                self.put(container, path, [] if how == "list" else False, where, base)
                continue
            if key in none_rows:
                self.fail(where, f"baris ini bertentangan dengan baris {none_rows[key]} yang menyatakan 'tidak ada'")
            obj: dict = {}
            obj_marks: dict[tuple, CellLocation] = {}
            for code, (i, value) in cells.items():
                if code.startswith("@"):
                    continue
                col = next(c for c in sheet.columns if c.code == code)
                cw = self.loc(ws.title, r, i, col.label)
                v = self.convert(col, value, cw)
                if v is None:
                    continue
                sub = tuple(code.split("."))
                if col.kind == "exists":
                    self.put_exists(obj, sub, v, cw, (), obj_marks)
                else:
                    self.put(obj, sub, v, cw, (), obj_marks)
            if how == "list":
                seq = self._at(container, path)
                if seq is None:
                    self.put(container, path, [], where, base)
                    seq = self._at(container, path)
                index = len(seq)
                seq.append(obj)
                prefix = base + path + (index,)
            else:
                if self._at(container, path) is not None:
                    self.fail(where, f"{sheet.target_labels.get('.'.join(path), '.'.join(path))} hanya boleh satu "
                                     "baris (kegiatan ini tidak berulang)")
                self.put(container, path, obj, where, base)
                prefix = base + path
            self.marks[prefix] = where
            for sub, m in obj_marks.items():
                self.marks[prefix + sub] = m

    def _parent_item(self, ws, sheet: Sheet, r: int, pcol: int, pval) -> tuple[dict, tuple]:
        parents = self._at(self.data, tuple(sheet.parent.split("."))) or []
        name = str(pval).strip() if pval not in (None, "") else ""
        where = self.loc(ws.title, r, pcol, self.layout.label(sheet.parent))
        if not name:
            self.fail(where, f"nama {self.layout.label(sheet.parent)} kosong")
        hits = [i for i, p in enumerate(parents) if str(p.get(sheet.parent_key, "")).strip() == name]
        if not hits:
            self.fail(where, f"{name!r} tidak ada di lembar {next(s.name for s in self.layout.sheets.values() if s.path == sheet.parent)}",
                      "tulis nama persis seperti di lembar induknya")
        if len(hits) > 1:
            self.fail(where, f"nama {name!r} dipakai lebih dari satu baris di lembar induknya; bedakan namanya")
        return parents[hits[0]], tuple(sheet.parent.split(".")) + (hits[0],)

    # -------------------------------------------------------------- putting values
    @staticmethod
    def _at(container: dict, path: tuple):
        cur = container
        for p in path:
            if not isinstance(cur, dict) or p not in cur:
                return None
            cur = cur[p]
        return cur

    def _parent_dict(self, container: dict, path: tuple, where: CellLocation, base: tuple, marks=None) -> dict:
        cur = container
        for i, p in enumerate(path[:-1]):
            nxt = cur.get(p)
            if nxt is False:
                owner = (marks if marks is not None else self.marks).get(base + path[: i + 1])
                self.fail(where, f"diisi padahal {'.'.join(path[: i + 1])} dinyatakan 'tidak ada'"
                          + (f" di {owner}" if owner else ""))
            if nxt is None:
                nxt = cur[p] = {}
            cur = nxt
        return cur

    def put(self, container: dict, path: tuple, value: Any, where: CellLocation, base: tuple, marks=None) -> None:
        parent = self._parent_dict(container, path, where, base, marks)
        if value is False and isinstance(parent.get(path[-1]), dict) and parent[path[-1]]:
            self.fail(where, "dinyatakan 'tidak ada' padahal rinciannya diisi")
        parent[path[-1]] = value
        (marks if marks is not None else self.marks)[base + path] = where

    def put_exists(self, container: dict, path: tuple, ada: bool, where: CellLocation, base: tuple, marks=None) -> None:
        parent = self._parent_dict(container, path, where, base, marks)
        current = parent.get(path[-1])
        if ada:
            if current is None:
                parent[path[-1]] = {}
        else:
            if isinstance(current, dict) and current:
                self.fail(where, "dinyatakan 'tidak ada' padahal rinciannya diisi")
            parent[path[-1]] = False
        (marks if marks is not None else self.marks)[base + path] = where

    # -------------------------------------------------------------- one cell
    def convert(self, col: Column, value: Any, where: CellLocation) -> Any:
        """The dossier value of one cell (None when empty); a located error for anything that is not one."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str):
            value = value.strip()
        text = value if isinstance(value, str) else None
        if col.kind in ("exists", "ada"):
            t = str(value).lower()
            if t in ("ada", "ya"):
                return True
            if t in (NONE_WORD, "tidak"):
                return False
            self.fail(where, f"{value!r} bukan pilihan yang sah; tulis 'ada' atau 'tidak ada' (kosong: tidak diketahui)")
        if col.none_word and text is not None and text.lower() == NONE_WORD:
            return [] if col.kind == "list" else False
        if col.kind == "list":
            return self._list(col, value, where)
        return self._scalar(col, value, where)

    def _list(self, col: Column, value: Any, where: CellLocation) -> list:
        if isinstance(value, dt.datetime) or not isinstance(value, str):
            value = str(value)
        seps = r"[;\n,]" if (col.choices or col.type == "pihak") else r"[;\n]"
        items = [x.strip() for x in re.split(seps, value) if x.strip()]
        return [self._scalar(col, x, where) for x in items]

    def _scalar(self, col: Column, value: Any, where: CellLocation) -> Any:
        t = col.type
        if t == "pihak" or t == "enum":
            text = str(value).strip()
            if t == "pihak":
                for code, label in self.layout.pihak.items():
                    if text.lower() in (code.lower(), label.lower(), code.replace("_", " ")):
                        return code
                if self.layout.aliases.get(text.lower()) in col.choices:
                    return self.layout.aliases[text.lower()]
            for code in col.choices:
                if text.lower() == str(code).lower():
                    return code
            shown = self.layout.choice_labels(col)
            self.fail(where, f"{text!r} bukan pilihan yang sah; pilihan: {', '.join(map(str, shown))}")
        if t == "boolean":
            if isinstance(value, bool):
                return value
            b = parse_bool(str(value))
            if b is None:
                self.fail(where, f"{value!r} bukan ya/tidak")
            return b
        if t == "date":
            if isinstance(value, dt.datetime):
                return value.date().isoformat()
            if isinstance(value, dt.date):
                return value.isoformat()
            try:
                d = parse_date(str(value))
            except ValueError:
                self.fail(where, f"{value!r} bukan tanggal yang ada di kalender")
            if d is None:
                self.fail(where, f"{value!r} bukan tanggal; tulis {DATE_FORMS}")
            return d.isoformat()
        if t in ("integer", "number"):
            return self._number(col, value, where)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, (dt.datetime, dt.date)):
            return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        return str(value)

    def _number(self, col: Column, value: Any, where: CellLocation):
        if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
            self.fail(where, f"{value!r} bukan angka")
        if isinstance(value, str):
            text = value.replace(" ", "")
            if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):          # 1.450.000
                value = int(text.replace(".", ""))
            elif re.fullmatch(r"-?\d+(,\d+)?", text):               # 12 or 12,5
                value = float(text.replace(",", ".")) if "," in text else int(text)
            elif re.fullmatch(r"-?\d+\.\d+", text):
                value = float(text)
            else:
                self.fail(where, f"teks {value!r} di kolom angka; tulis angka saja (mis. 1450000)")
        if col.type == "integer":
            if isinstance(value, float):
                if not value.is_integer():
                    self.fail(where, f"{value!r} harus bilangan bulat")
                value = int(value)
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        return value
