"""Rule-pack test cases as data: a dossier (fragment) and the expected status per rule."""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema

from . import schema as S
from .engine import evaluate
from .errors import AturanError, Location
from .loader import dossier_from_data, load_file
from .model import RulePack


@dataclass(frozen=True)
class Case:
    pack: str
    file: Path
    name: str
    location: Location
    base: Path | None
    as_of: dt.date | None
    patch: dict
    expect: dict


@dataclass
class CaseResult:
    case: Case
    failures: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures and self.error is None


def load_cases(pack: RulePack) -> list[Case]:
    cases = []
    tests = pack.path / "tests"
    for f in sorted(tests.glob("*.yaml")) if tests.is_dir() else []:
        doc = load_file(f)
        S.check(doc, "pack", "test_file")
        for i, c in enumerate(doc.data["cases"]):
            loc = doc.location(("cases", i, "name"))
            base = (f.parent / c["base"]).resolve() if c.get("base") else None
            if base is not None and not base.is_relative_to(pack.path.resolve()):
                # a pack folder copied anywhere must still run its cases
                raise AturanError(f"kasus {c['name']!r}: base {c['base']!r} berada di luar folder pack {pack.id}",
                                  doc.location(("cases", i, "base")),
                                  hint="simpan dosir contoh di dalam pack, mis. contoh/patuh.yaml, dan tulis base: ../contoh/patuh.yaml")
            for rid in c["expect"]:
                if pack.rule(rid) is None:
                    raise AturanError(f"kasus {c['name']!r}: aturan {rid!r} tidak ada di pack {pack.id}",
                                      doc.key_location(("cases", i, "expect", rid)))
            as_of = dt.date.fromisoformat(c["as_of"]) if c.get("as_of") else None
            cases.append(Case(pack.id, f, c["name"], loc, base, as_of, c.get("dossier") or {}, dict(c["expect"])))
    return cases


def deep_merge(base: dict, patch: dict) -> dict:
    """patch onto base: mappings merge, everything else (lists included) replaces; null deletes."""
    out = copy.deepcopy(base)
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        elif isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = deep_merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


_base_cache: dict[Path, dict] = {}


def case_data(case: Case) -> dict:
    base: dict = {}
    if case.base is not None:
        if case.base not in _base_cache:
            _base_cache[case.base] = load_file(case.base).data
        base = _base_cache[case.base]
    return deep_merge(base, case.patch)


def run_case(pack: RulePack, case: Case) -> CaseResult:
    res = CaseResult(case)
    try:
        data = case_data(case)
        errs = list(S.validator("dossier").iter_errors(data))
        if errs:
            msg, _ = S.translate(jsonschema.exceptions.best_match(errs))
            res.error = f"{case.location}: dosir kasus tidak sah: {msg}"
            return res
        dossier = dossier_from_data(data, str(case.file))
        report = evaluate(pack, dossier, case.as_of)
    except AturanError as e:
        res.error = f"{case.location}: {e}"
        return res
    if not report.in_force and any(w != "tidak_berlaku" for w in case.expect.values()):
        reg = pack.regulation
        res.failures.append(f"{reg} belum berlaku untuk dosir tahun {dossier.year} (mulai berlaku "
                            f"{reg.in_force.isoformat()}): perbarui tahun dosir kasus ini atau tanggal berlaku pack")
        return res
    got = {f.rule.id: f for f in report.findings}
    for rid, want in case.expect.items():
        f = got[rid]
        if f.status != want:
            why = f" (fakta tidak tersedia: {f.missing})" if f.missing else ""
            res.failures.append(f"{rid}: diharapkan {want}, hasil {f.status}{why}")
    return res


def coverage_gaps(pack: RulePack, cases: list[Case]) -> list[str]:
    """Rules lacking a patuh or a tidak_patuh case."""
    seen: dict[str, set] = {r.id: set() for r in pack.rules}
    for c in cases:
        for rid, st in c.expect.items():
            seen.setdefault(rid, set()).add(st)
    gaps = []
    for r in pack.rules:
        lack = [s for s in ("patuh", "tidak_patuh") if s not in seen[r.id]]
        if lack:
            gaps.append(f"{r.id}: belum ada kasus {' dan '.join(lack)}")
    return gaps
