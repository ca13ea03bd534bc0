"""Values as people write them in a YAML/JSON dossier (ya/tidak, 15/03/2024, 'tidak ada', SMA) turned into the
schema's own (true/false, 2024-03-15, false, sma) before validation; anything else gets a located message."""
from __future__ import annotations

import re
from typing import Any

from ..errors import DossierError
from ..values import DATE_FORMS, ISO_DATE, parse_bool, parse_date

TIDAK_ADA = "#/$defs/tidak_ada"
KODE_WILAYAH = r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$"   # the schema's pattern for identitas.kode_wilayah


def kode_wilayah(text: str) -> str | None:
    """'1609012001', '16 09 01 2001' or '16.09.01.2001' as the Kemendagri code 16.09.01.2001; None otherwise."""
    digits = re.sub(r"[\s.\-/]", "", text)
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return None
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}"


def coerce(data: Any, schema: dict, doc) -> Any:
    """A copy of `data` with Indonesian spellings replaced, guided by the dossier schema."""
    return _Coercer(schema, doc).walk(data, schema, ())


class _Coercer:
    def __init__(self, schema: dict, doc):
        self.defs = schema.get("$defs", {})
        self.doc = doc

    def resolve(self, s: dict) -> list[dict]:
        """The alternatives a value may take at this place, $refs followed."""
        if "$ref" in s:
            ref = s["$ref"]
            return [{**self.defs[ref.split("/")[-1]], "_ref": ref}]
        if "anyOf" in s:
            return [x for alt in s["anyOf"] for x in self.resolve(alt)]
        return [s]

    def walk(self, value: Any, s: dict, path: tuple) -> Any:
        alts = self.resolve(s)
        if isinstance(value, dict):
            obj = next((a for a in alts if a.get("type") == "object"), None)
            if obj is None:
                return value
            props = obj.get("properties", {})
            return {k: self.walk(v, props.get(k, {}), path + (k,)) for k, v in value.items()}
        if isinstance(value, list):
            arr = next((a for a in alts if a.get("type") == "array"), None)
            if arr is None:
                return value
            return [self.walk(v, arr.get("items", {}), path + (i,)) for i, v in enumerate(value)]
        if isinstance(value, str):
            return self.scalar(value, alts, path)
        if isinstance(value, int) and not isinstance(value, bool) and any(a.get("pattern") == KODE_WILAYAH for a in alts):
            return kode_wilayah(str(value)) or value   # a code typed as a number (province codes 11-94: no lost zero)
        return value

    def scalar(self, value: str, alts: list[dict], path: tuple) -> Any:
        text = value.strip()
        if any(a.get("_ref") == TIDAK_ADA or a.get("const") is False for a in alts) and text.lower() == "tidak ada":
            return False
        if any(a.get("pattern") == KODE_WILAYAH for a in alts):
            return kode_wilayah(text) or value   # anything else is refused by the schema, with its position
        if any(a.get("type") == "string" and "enum" not in a and a.get("format") != "date" for a in alts):
            return value                       # free text stays as written
        for a in alts:
            if "enum" in a:
                for choice in a["enum"]:
                    if isinstance(choice, str) and choice.lower() == text.lower():
                        return choice
            if a.get("type") == "boolean":
                b = parse_bool(text)
                if b is None:
                    self.fail(path, f"{value!r} bukan ya/tidak (tulis ya, tidak, true atau false)")
                return b
            if a.get("format") == "date":
                if ISO_DATE.match(text):
                    return text
                try:
                    d = parse_date(text)
                except ValueError:
                    self.fail(path, f"{value!r} bukan tanggal yang ada di kalender")
                if d is None:
                    self.fail(path, f"{value!r} bukan tanggal; tulis {DATE_FORMS}")
                return d.isoformat()
        return value

    def fail(self, path: tuple, message: str):
        where = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in path).replace(".[", "[")
        raise DossierError(f"{where}: {message}", self.doc.location(path))
