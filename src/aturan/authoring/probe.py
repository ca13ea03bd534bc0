"""Absent-fact probes: does any rule turn a fact the dossier does not mention into a violation?

Used by `pack lint` (on the pack's own compliant examples, rules/<pack>/contoh/*patuh*.yaml) and by the
test suite over every shipped pack. Each fact a rule reads is removed in turn — the leaf and every
document or list above it, in every item of a list and in its first item only — and separately set to
null; the rule must then never be tidak_patuh.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..engine import default_as_of, evaluate_rule
from ..loader import dossier_from_data
from ..model import Rule, RulePack


def compliant_examples(pack: RulePack) -> list[Path]:
    folder = pack.path / "contoh"
    return sorted(folder.glob("*patuh*.yaml")) if folder.is_dir() else []


def variants(data: dict, path: str, hows: tuple[str, ...] = ("hapus", "null")) -> Iterator[tuple[str, dict]]:
    """(label, dossier) with the fact at `path`, and each ancestor, removed or set to null.

    Only the containers along the path are copied; the rest is shared with `data`.
    """
    steps = path.replace("[*]", ".[*]").split(".")
    for depth in range(len(steps), 0, -1):
        prefix = steps[:depth]
        if prefix[-1] == "[*]" or prefix[0] == "identitas":
            continue
        for how in hows:
            for scope in (("semua", "pertama") if "[*]" in prefix else ("semua",)):
                changed = _without(data, prefix, how, scope)
                if changed is not None:
                    yield f"{_dotted(prefix)} {how} ({scope})", changed


def _dotted(steps: list[str]) -> str:
    return ".".join(steps).replace(".[*]", "[*]")


def _without(node, steps, how, scope):
    """A copy of node with the value at steps removed (or nulled); None when nothing is there."""
    head, rest = steps[0], steps[1:]
    if head == "[*]":
        if not isinstance(node, list) or not node:
            return None
        out, hit = list(node), False
        for i in range(len(node) if scope == "semua" else 1):
            new = _without(node[i], rest, how, scope)
            if new is not None:
                out[i], hit = new, True
        return out if hit else None
    if not isinstance(node, dict) or head not in node:
        return None
    out = dict(node)
    if not rest:
        if how == "hapus":
            del out[head]
        else:
            out[head] = None
        return out
    new = _without(node[head], rest, how, scope)
    if new is None:
        return None
    out[head] = new
    return out


def absent_fact_violations(pack: RulePack, rule: Rule, raw: dict, *, through_loader: bool = False) -> list[str]:
    """The removals (labels) after which `rule` says tidak_patuh on the dossier `raw`.

    By default facts are removed from the loaded dossier (fast: what `pack lint` runs). With
    `through_loader`, each variant is written as a dossier would be — the fact deleted, or set to null —
    and loaded again, so the loader's reading of null is probed too (what the test suite runs).
    """
    base = dossier_from_data(raw)
    as_of = default_as_of(base)
    terms = pack.terms_for(base.unit)
    in_force = pack.regulation.in_force
    if evaluate_rule(rule, base.data, as_of, terms, in_force=in_force).status == "tidak_patuh":
        return []   # already violated with every fact present: a removal cannot be what makes it so
    wrong = []
    for path in rule.paths:
        if through_loader:
            docs = ((label, dossier_from_data(data).data) for label, data in variants(raw, path))
        else:
            docs = variants(base.data, path, hows=("hapus",))
        for label, data in docs:
            if evaluate_rule(rule, data, as_of, terms, in_force=in_force).status == "tidak_patuh":
                wrong.append(label)
    return wrong


def compliant_without_facts(pack: RulePack, rule: Rule, raw: dict) -> bool:
    """True when `rule` says patuh on the dossier `raw` with every fact it reads removed at once.

    A finding of compliance must rest on something the dossier records; a rule that is patuh with
    nothing recorded judges a village compliant for lack of data (e.g. `not terbukti(...)` alone).
    """
    base = dossier_from_data(raw)
    data = base.data
    for top in {p.replace("[*]", ".").split(".")[0] for p in rule.paths} - {"identitas"}:
        stripped = _without(data, [top], "hapus", "semua")
        data = stripped if stripped is not None else data
    status = evaluate_rule(rule, data, default_as_of(base), pack.terms_for(base.unit),
                           in_force=pack.regulation.in_force).status
    return status == "patuh"
