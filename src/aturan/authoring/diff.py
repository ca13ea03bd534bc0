"""`aturan pack diff A B`: what changed between two packs, rules aligned by concept, so a draft can be reviewed against its origin."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..model import Citation, Rule, RulePack
from .facts import cite, load_catalog, short_name, show
from .render import WIDTH, para

RULE_FIELDS = ("title", "citation", "quote", "subject", "severity", "params", "when", "require", "message", "note")
REG_FIELDS = ("kind", "number", "year", "title", "regency", "aliases", "enacted", "promulgated", "in_force",
              "binding", "source")


@dataclass
class RuleChange:
    concept: str
    a: Rule | None
    b: Rule | None
    changes: list[tuple[str, object, object]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "+" if self.a is None else "-" if self.b is None else "~"


@dataclass
class PackDiff:
    a: RulePack
    b: RulePack
    metadata: list[tuple[str, object, object]]
    terminology: list[tuple[str, str, object, object]]
    packages: list[tuple[str, str, object, object]]       # (status, aligned id, old, new)
    criteria: list[tuple[str, str, object, object]]       # (status, concept, old, new)
    rules: list[RuleChange]                               # only added, removed, changed
    same_rules: int
    notes: list[tuple[str, str, object, object]]

    @property
    def empty(self) -> bool:
        return not (self.metadata or self.terminology or self.packages or self.criteria or self.rules or self.notes)

    def counts(self) -> dict[str, int]:
        c = {"+": 0, "-": 0, "~": 0}
        for r in self.rules:
            c[r.status] += 1
        return c


def _norm(text, *pack_ids: str):
    """Whitespace collapsed and the packs' own id prefixes dropped, so that a copy whose only change
    is the renamed rule ids inside its texts ("lihat aturan aceh_raya.kpm.ada") reads as unchanged."""
    if not isinstance(text, str):
        return text
    for pid in pack_ids:
        text = re.sub(rf"\b{re.escape(pid)}\.(?=[a-z_])", "", text)
    return " ".join(text.split())


def _rule_value(r: Rule, f: str):
    if f == "citation":
        return r.citation.as_dict()
    own = r.id.split(".", 1)[0]
    if f == "when":
        return _norm(r.when_src, own)
    if f == "require":
        return _norm(r.require_src, own)
    if f in ("quote", "message", "note", "title"):
        return _norm(getattr(r, f), own)
    return getattr(r, f)


def _suffix(r: Rule) -> str:
    return r.id.split(".", 1)[1] if "." in r.id else r.id


def align(a_rules: list[Rule], b_rules: list[Rule]) -> list[tuple[Rule | None, Rule | None]]:
    """Pairs within one concept: same id after the pack prefix, then same citation, then in order."""
    pairs, rest_a, rest_b = [], list(a_rules), list(b_rules)
    for key in (_suffix, lambda r: str(r.citation)):
        for ra in list(rest_a):
            rb = next((x for x in rest_b if key(x) == key(ra)), None)
            if rb is not None:
                pairs.append((ra, rb))
                rest_a.remove(ra)
                rest_b.remove(rb)
    while rest_a and rest_b:
        pairs.append((rest_a.pop(0), rest_b.pop(0)))
    pairs += [(ra, None) for ra in rest_a] + [(None, rb) for rb in rest_b]
    return pairs


def diff_packs(a: RulePack, b: RulePack) -> PackDiff:
    meta = []
    if a.plugin != b.plugin:
        meta.append(("plugin", a.plugin, b.plugin))
    for f in REG_FIELDS:
        va, vb = getattr(a.regulation, f), getattr(b.regulation, f)
        va, vb = (list(va), list(vb)) if f == "aliases" else (va, vb)
        if va != vb:
            meta.append((f"regulation.{f}", _show(va), _show(vb)))
    if a.units != b.units:
        meta.append(("units", list(a.units), list(b.units)))
    if (a.pasal, a.missing_pasal) != (b.pasal, b.missing_pasal):
        meta.append(("articles.pasal", _span(a), _span(b)))
    if a.lampiran != b.lampiran:
        meta.append(("articles.lampiran", list(a.lampiran), list(b.lampiran)))

    terms = []
    for ua, ub in _unit_pairs(a, b):
        ta, tb = a.terminology.get(ua), b.terminology.get(ub)
        label = ua if ua == ub else f"{ua or '—'} → {ub or '—'}"
        if ta is None or tb is None:
            terms.append((label, "(jenis unit)", "—" if ta is None else "ada", "—" if tb is None else "ada"))
            continue
        for k in ta:
            if ta.get(k) != tb.get(k):
                terms.append((label, k, ta.get(k), tb.get(k)))

    pk = _keyed_diff({p.aligned: p for p in a.packages}, {p.aligned: p for p in b.packages},
                     lambda p: f"{p.name} ({cite(p.citation)})" + (f", {len(p.activities)} kegiatan" if p.activities else ""),
                     lambda p: (p.name, p.citation, tuple(p.activities)))
    crit = _keyed_diff({(k.concept, k.id): k for k in a.kpm_criteria}, {(k.concept, k.id): k for k in b.kpm_criteria},
                       lambda k: f"{k.text} ({cite(k.citation)})" + (f", nilai {show(k.value, k.text)}"
                                                                      if k.value not in (None, True) else ""),
                       lambda k: (k.text, k.value, k.citation))
    crit = [(s, key[0], o, n) for s, key, o, n in crit]

    by_a, by_b = _by_concept(a.rules), _by_concept(b.rules)
    cat = load_catalog()
    changes, same = [], 0
    for concept in sorted(set(by_a) | set(by_b), key=cat.order):
        for ra, rb in align(by_a.get(concept, []), by_b.get(concept, [])):
            rc = RuleChange(concept, ra, rb)
            if ra and rb:
                for f in RULE_FIELDS:
                    va, vb = _rule_value(ra, f), _rule_value(rb, f)
                    if f == "params":
                        for k in sorted(set(va) | set(vb)):
                            if va.get(k) != vb.get(k):
                                rc.changes.append((f"params.{k}", va.get(k, "—"), vb.get(k, "—")))
                    elif va != vb:
                        rc.changes.append((f, va, vb))
                if not rc.changes:
                    same += 1
                    continue
            changes.append(rc)

    notes = _keyed_diff({n.id: n for n in a.notes}, {n.id: n for n in b.notes},
                        lambda n: f"[{n.kind}] {n.text}", lambda n: (n.kind, _norm(n.text, a.id, b.id), n.citations, n.governing))
    return PackDiff(a, b, meta, terms, pk, crit, changes, same, notes)


def _unit_pairs(a: RulePack, b: RulePack) -> list[tuple[str | None, str | None]]:
    """Same unit types first; the rest paired in order (desa with kampung), so words line up."""
    ua = list(a.units) + [u for u in a.terminology if u not in a.units]
    ub = list(b.units) + [u for u in b.terminology if u not in b.units]
    pairs = [(u, u) for u in ua if u in ub]
    rest_a, rest_b = [u for u in ua if u not in ub], [u for u in ub if u not in ua]
    while rest_a and rest_b:
        pairs.append((rest_a.pop(0), rest_b.pop(0)))
    return pairs + [(u, None) for u in rest_a] + [(None, u) for u in rest_b]


def _by_concept(rules) -> dict[str, list[Rule]]:
    out: dict[str, list[Rule]] = {}
    for r in rules:
        out.setdefault(r.concept, []).append(r)
    return out


def _keyed_diff(da: dict, db: dict, describe, identity) -> list[tuple[str, object, object, object]]:
    out = []
    for k in list(da) + [k for k in db if k not in da]:
        x, y = da.get(k), db.get(k)
        if x is None:
            out.append(("+", k, None, describe(y)))
        elif y is None:
            out.append(("-", k, describe(x), None))
        elif identity(x) != identity(y):
            out.append(("~", k, describe(x), describe(y)))
    return out


def _span(p: RulePack) -> str:
    if not p.pasal:
        return "(tidak berpasal)"
    s = f"Pasal {p.pasal[0]}-{p.pasal[-1]}"
    return s + (f", tanpa {', '.join(map(str, p.missing_pasal))}" if p.missing_pasal else "")


def _show(v):
    return v.isoformat() if hasattr(v, "isoformat") else v


def _fmt(v) -> str:
    if v is None or v == "":
        return "—"
    if isinstance(v, dict) and set(v) <= {"pasal", "ayat", "huruf", "angka", "lampiran", "bagian"}:
        return str(Citation.from_dict(v))
    if isinstance(v, list):
        return "[" + ", ".join(map(str, v)) + "]"
    return str(v)


# ------------------------------------------------------------------ rendering
def render_diff(d: PackDiff, fmt: str = "table", width: int = WIDTH) -> str:
    if fmt == "json":
        return json.dumps(diff_dict(d), ensure_ascii=False, indent=2, default=str, allow_nan=False) + "\n"
    md = fmt == "markdown"
    out = []
    title = f"Perubahan {d.a.id} → {d.b.id}"
    out += [f"# {title}\n" if md else title.upper(),
            f"{'- ' if md else '  '}A: {d.a.id} — {short_name(d.a)}",
            f"{'- ' if md else '  '}B: {d.b.id} — {short_name(d.b)}", ""]

    def section(name, items):
        out.append(f"## {name}\n" if md else name)
        if not items:
            out.append("tidak berubah" if md else "  tidak berubah")
        out.extend(items)
        out.append("")

    def item(sign, text, level=0):
        if md:
            return "  " * level + f"- {sign} {text}"
        ind = "  " + "    " * level
        return para(f"{sign} {text}", width, ind + "  ", ind)

    section("Metadata", [item("~", f"{k}: {_fmt(o)} → {_fmt(n)}") for k, o, n in d.metadata])
    section("Istilah", [item("~", f"[{u}] {k}: {_fmt(o)} → {_fmt(n)}") for u, k, o, n in d.terminology])
    section("Paket layanan (menurut id paket bersama)",
            [item(s, _keyed_change(s, k, o, n)) for s, k, o, n in d.packages])
    section("Kriteria KPM (menurut konsep)",
            [item(s, _keyed_change(s, k, o, n)) for s, k, o, n in d.criteria])
    c = d.counts()
    cat = load_catalog()
    lines = []
    for rc in d.rules:
        label = cat.concept(rc.concept).label
        if rc.status == "+":
            lines.append(item("+", f"{rc.concept} ({label}): {rc.b.id} — {cite(rc.b.citation)}, {rc.b.title}"))
        elif rc.status == "-":
            lines.append(item("-", f"{rc.concept} ({label}): {rc.a.id} — {cite(rc.a.citation)}, {rc.a.title}"))
        else:
            lines.append(item("~", f"{rc.concept} ({label}): {rc.a.id} → {rc.b.id}"))
            lines += [item("·", f"{f}: {_fmt(o)} → {_fmt(n)}", 1) for f, o, n in rc.changes]
    section(f"Aturan, disejajarkan menurut konsep: {d.same_rules} sama, {c['~']} berubah, {c['+']} ditambah, "
            f"{c['-']} dihapus", lines)
    section("Catatan atas teks", [item(s, _keyed_change(s, k, o, n)) for s, k, o, n in d.notes])
    return "\n".join(out).rstrip() + "\n"


def _keyed_change(status: str, key: str, old, new) -> str:
    """'key: old → new' for a change, 'key: value' for an addition (+) or removal (-)."""
    if status == "~":
        return f"{key}: {_fmt(old)} → {_fmt(new)}"
    return f"{key}: {_fmt(old if status == '-' else new)}"


def diff_dict(d: PackDiff) -> dict:
    def rule(r):
        return None if r is None else {"id": r.id, "citation": r.citation.as_dict(), "title": r.title}
    return {
        "a": d.a.id, "b": d.b.id,
        "metadata": [{"field": k, "a": o, "b": n} for k, o, n in d.metadata],
        "terminology": [{"unit": u, "key": k, "a": o, "b": n} for u, k, o, n in d.terminology],
        "packages": [{"status": s, "aligned": k, "a": o, "b": n} for s, k, o, n in d.packages],
        "kpm_criteria": [{"status": s, "concept": k, "a": o, "b": n} for s, k, o, n in d.criteria],
        "rules": {"same": d.same_rules, **{ {"+": "added", "-": "removed", "~": "changed"}[k]: v
                                           for k, v in d.counts().items()},
                  "changes": [{"status": rc.status, "concept": rc.concept, "a": rule(rc.a), "b": rule(rc.b),
                               "fields": [{"field": f, "a": o, "b": n} for f, o, n in rc.changes]}
                              for rc in d.rules]},
        "notes": [{"status": s, "id": k, "a": o, "b": n} for s, k, o, n in d.notes],
    }
