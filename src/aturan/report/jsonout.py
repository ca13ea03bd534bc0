"""The report as JSON for programs: absent facts are null and listed apart, findings in article order."""
from __future__ import annotations

import json

from ..engine import jsonable
from ..model import Report
from .common import display_path, sort_findings


def report_dict(rep: Report) -> dict:
    d, reg = rep.dossier, rep.pack.regulation
    return {
        "dossier": identity(d),
        "pack": {"id": rep.pack.id, "regulation": str(reg), "title": reg.title, "in_force": reg.in_force.isoformat(),
                 "berlaku": rep.in_force},
        "as_of": rep.as_of.isoformat(),
        "counts": rep.counts(),
        "findings": [jsonable(f.as_dict()) for f in sort_findings(rep.village_findings)],
        "counts_pihak_lain": rep.counts_outside(),
        "kewajiban_pihak_lain": [jsonable(f.as_dict()) for f in sort_findings(rep.outside_findings)],
        "notes": [{"id": n.id, "kind": n.kind, "text": n.text} for n in rep.pack.notes],
    }


def identity(d, file: str | None = None) -> dict:
    """Who the dossier is about: the village, its kecamatan and Kemendagri code (null when not given). `file`:
    display_path(d.file) when the caller has it already."""
    return {"file": file if file is not None else display_path(d.file), "nama": d.name, "jenis": d.unit, "tahun": d.year, "kabupaten": d.regency,
            "kecamatan": d.kecamatan, "kode_wilayah": d.kode_wilayah}


def render_json(reports: list[Report], rejected: list[tuple[str, str]]) -> str:
    from .. import __version__
    doc = {
        "aturan": __version__,
        "results": [report_dict(r) for r in reports],
        "rejected": [{"file": display_path(f), "error": m} for f, m in rejected],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
