"""Compare the scorecard computed from monitoring records with the annual report in a dossier."""
from __future__ import annotations

import re
from typing import Any

from ..model import Citation
from .compute import ScorecardResult, VillageScore

UNIT_WORDS = {"desa": "Desa", "kampung": "Kampung", "nagari": "Nagari", "kelurahan": "Kelurahan", "ohoi": "Ohoi"}


def _pack_id(pack: Any) -> str | None:
    if pack is None:
        return None
    return getattr(pack, "id", None) or (pack if isinstance(pack, str) else None)


def _clean_name(name: str | None) -> str:
    s = (name or "").strip().lower()
    s = re.sub(r"^(desa|kampung|nagari|kelurahan|ohoi)\s+", "", s)
    return " ".join(s.split())


def match_village(result: ScorecardResult, name: str | None) -> tuple[VillageScore | None, str | None]:
    """The village of the dossier among the scored ones, and a note when the match is loose."""
    if not result.villages:
        return None, "tidak ada catatan pemantauan yang dapat dipakai"
    want = _clean_name(name)
    for v in result.villages:
        if _clean_name(v.desa) == want:
            return v, None
    if len(result.villages) == 1:
        v = result.villages[0]
        if v.desa is None:
            return v, None
        return v, f"catatan pemantauan atas nama {v.desa!r}, dosir atas nama {name!r}; dianggap sama"
    return None, f"tidak ada catatan pemantauan untuk {name!r} (ada {len(result.villages)} desa lain)"


def dana_stunting(dossier: dict) -> float | None:
    """Total of the stunting activities in the village budget (apb.kegiatan_stunting)."""
    items = (dossier.get("apb") or {}).get("kegiatan_stunting")
    if items is None:
        return None
    amounts = [k.get("jumlah") for k in items]
    if any(a is None for a in amounts):
        return None
    return float(sum(amounts))


def reconcile(scorecard_result: ScorecardResult, dossier_dict: Any, pack: Any = None, *,
              terms: dict | None = None, alternatives: dict[str, ScorecardResult] | None = None) -> list[dict]:
    """One finding-like dict per annual-report figure the pack requires.

    status: patuh (the reported figure equals the computed one, percentages within the
    tolerance), tidak_patuh (it differs: both numbers in `evidence`), tidak_dapat_dinilai
    (the report lacks the figure, or the records cannot give it). `alternatives` are other
    countings of the same records (e.g. {"opensid": ...}): their figure is added to the
    evidence (`dihitung_opensid`) and `cocok_dengan` names the countings the reported figure matches.
    """
    data = getattr(dossier_dict, "data", dossier_dict) or {}
    ident = data.get("identitas") or {}
    rec = scorecard_result.indicators.reconciliation
    fields: dict = rec.get("fields") or {}
    tol = float(rec.get("tolerance_percent", 0.5))
    pid = _pack_id(pack)
    per_pack = (rec.get("packs") or {}).get(pid) if pid else None
    wanted = per_pack if per_pack is not None else {f: {} for f in fields}
    if terms is None and pack is not None and hasattr(pack, "terms_for"):
        try:
            terms = pack.terms_for(ident.get("jenis"))
        except Exception:  # a pack without terminology: fall back to the plain words
            terms = None
    unit = (terms or {}).get("unit") or UNIT_WORDS.get(ident.get("jenis"), "Desa")
    village, note = match_village(scorecard_result, ident.get("nama"))
    year_note = None
    if scorecard_result.tahun is not None and ident.get("tahun") not in (None, scorecard_result.tahun):
        year_note = (f"catatan pemantauan tahun {scorecard_result.tahun}, dosir tahun {ident.get('tahun')}; "
                     "tidak dapat dibandingkan")
    period = village.periods["tahun"] if village is not None else None
    alt_periods = {}
    for name, alt in (alternatives or {}).items():
        v2, _ = match_village(alt, ident.get("nama"))
        alt_periods[name] = v2.periods["tahun"] if v2 is not None else None
    isi = (data.get("laporan_tahunan") or {}).get("isi") or {}
    out = []
    for field, spec in wanted.items():
        fdef = fields.get(field)
        if fdef is None:
            continue
        spec = spec or {}
        cit = Citation.from_dict(spec.get("citation") or {})
        label = fdef.get("label", field)
        is_pct = bool(fdef.get("percent"))
        reported = isi.get(field)
        if fdef.get("source") == "apb":
            computed = dana_stunting(data)
            basis = "jumlah anggaran kegiatan pencegahan stunting dalam apb.kegiatan_stunting"
        else:
            computed = period.figure(fdef["figure"]) if period is not None else None
            basis = "catatan pemantauan bulanan (Formulir 2a/2b/2c) tahun itu"
        finding = {
            "rule": f"{pid or 'scorecard'}.rekonsiliasi.{field}",
            "concept": "laporan_tahunan.isi",
            "citation": str(cit) or None,
            "citation_parts": cit.as_dict(),
            "title": f"{label}: laporan tahunan sesuai hasil hitung",
            "quote": spec.get("quote"),
            "severity": "sedang",
            "subject": "pemerintah",
            "field": field,
            "evidence": {f"laporan_tahunan.isi.{field}": reported, "dihitung": _round(computed)},
        }
        what = f"{label} dalam laporan tahunan {unit}"
        if year_note or (village is None and fdef.get("source") != "apb"):
            finding.update(status="tidak_dapat_dinilai", detail=year_note or note,
                           message=f"{what} tidak dapat dibandingkan dengan catatan pemantauan.")
        elif reported is None:
            finding.update(status="tidak_dapat_dinilai", missing=f"laporan_tahunan.isi.{field}",
                           message=f"{what} tidak ada dalam dosir.")
        elif computed is None:
            finding.update(status="tidak_dapat_dinilai", detail=f"tidak dapat dihitung dari {basis}",
                           missing="apb.kegiatan_stunting" if fdef.get("source") == "apb" else None,
                           message=f"{what} tidak dapat dihitung dari {basis}.")
        else:
            def equal(x) -> bool:
                return abs(float(reported) - float(x)) <= tol if is_pct else float(reported) == float(x)
            same = equal(computed)
            shown_r, shown_c = _show(reported, is_pct), _show(computed, is_pct)
            finding["evidence"]["selisih"] = _round(float(reported) - float(computed))
            matches = ["regulasi"] if same else []
            others = []
            if fdef.get("source") != "apb":
                for name, p2 in alt_periods.items():
                    x = p2.figure(fdef["figure"]) if p2 is not None else None
                    finding["evidence"][f"dihitung_{name}"] = _round(x)
                    if x is not None:
                        others.append(f"cara hitung {name}: {_show(x, is_pct)}")
                        if equal(x):
                            matches.append(name)
            if alt_periods and fdef.get("source") != "apb":
                finding["cocok_dengan"] = matches
            if same:
                finding.update(status="patuh", message=f"{what} ({shown_r}) sesuai hasil hitung dari {basis} ({shown_c}).")
            else:
                msg = f"{what} ({shown_r}) tidak sama dengan hasil hitung dari {basis} ({shown_c})"
                alt_match = [m for m in matches if m != "regulasi"]
                if alt_match:
                    msg += (f"; angka itu sama dengan hasil cara hitung {', '.join(alt_match)} — selisihnya berasal dari "
                            "cara menghitung, bukan dari data (docs/scorecard.md, Perbedaan dengan scorecard OpenSID)")
                elif others:
                    msg += f"; juga tidak sama dengan {'; '.join(others)}"
                finding.update(status="tidak_patuh", message=msg + ".")
        if note and finding["status"] != "tidak_dapat_dinilai" and fdef.get("source") != "apb":
            finding["detail"] = note
        if spec.get("note"):
            finding["note"] = spec["note"]
        out.append({k: v for k, v in finding.items() if v is not None or k == "citation"})
    return out


def _round(x):
    if isinstance(x, float):
        return int(x) if x.is_integer() else round(x, 2)
    return x


def _show(x, pct: bool) -> str:
    if pct:
        return f"{float(x):.2f}%".replace(".", ",")
    x = _round(x)
    return f"{x:,}".replace(",", ".") if isinstance(x, int) else str(x)


def reconcile_reports(reports: list, monitoring: list[str]) -> list:
    """`aturan check DOSIR --monitoring BERKAS...`: add one finding per annual-report figure.

    The scorecard is computed once per (year, village) from the monitoring files; unusable
    files raise AturanError (exit 2); rejected rows are printed to stderr and named in
    each finding's detail, since they may explain a difference.
    """
    import sys
    from dataclasses import replace

    from ..errors import ErrorList, Location
    from ..model import Finding, Rule
    from .compute import compute
    from .indicators import choose_indicators
    from .render import rejection_lines

    cache: dict = {}
    out = []
    for rep in reports:
        d = rep.dossier
        key = (d.year, getattr(rep.pack, "id", None))
        if key not in cache:
            # the pack's own indicator file when it ships one (a Perbup that changes an indicator)
            indicators = choose_indicators("regulasi", rep.pack)
            res = compute(monitoring, indicators=indicators, tahun=d.year, desa=d.name)
            if res.errors:
                raise res.errors[0] if len(res.errors) == 1 else ErrorList(list(res.errors))
            for line in rejection_lines(res):
                print(line, file=sys.stderr)
            alt = compute(monitoring, indicators=choose_indicators("opensid"), tahun=d.year, desa=d.name)
            cache[key] = (res, None if alt.errors else alt)
        res, alt = cache[key]
        indicators = res.indicators
        terms = rep.pack.terms_for(d.unit)
        extra = []
        for f in reconcile(res, d.data, rep.pack, terms=terms, alternatives={"opensid": alt} if alt else None):
            if "cocok_dengan" in f:
                f["evidence"]["cocok_dengan_cara_hitung"] = f["cocok_dengan"]
            rule = Rule(id=f["rule"], title=f["title"], concept=f["concept"],
                        citation=Citation.from_dict(f["citation_parts"]), quote=f.get("quote") or "",
                        subject=f["subject"], severity=f["severity"], require_src="(scorecard dari data pemantauan)",
                        message=f["message"], location=Location(indicators.file), note=f.get("note"))
            detail = f.get("detail")
            if res.rejections:
                more = f"{len(res.rejections)} baris pemantauan ditolak dan tidak dihitung"
                detail = f"{detail}; {more}" if detail else more
            extra.append(Finding(rule, f["status"], f["message"], f["evidence"], missing=f.get("missing"),
                                 detail=detail))
        out.append(replace(rep, findings=tuple(rep.findings) + tuple(extra)))
    return out
