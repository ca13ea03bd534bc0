"""The built-in declarative plugin: a pack with `plugin: declarative` declares its own words, packages and KPM criteria.

A regency with no Python plugin (a draft made with `aturan pack new`, or the
Bappenas baseline) writes under `declares:` in its pack.yaml what a regency
plugin would register:

    declares:
      terminology: {desa: {unit: Gampong, unit_kecil: gampong, kepala: Keuchik, ...}}
      packages:     [{id, name, aligned, citation, activities?, review?}]
      kpm_criteria: [{id, concept, text, citation, value?, review?}]
      constants:    {MATERI_PELATIHAN_DASAR: {value: [...], doc: ...}}
      functions_from: sijunjung      # optional: borrow the DSL functions of an installed plugin
      scope:        [{id, text, citation, concepts, required?}]   # baseline packs only

Every pack is its own plugin: the loader asks `pack_plugin_info` for a fresh
PluginInfo built from that pack's declarations, so two declarative packs never
share words.
"""
from __future__ import annotations

from ..errors import PackError
from ..registry import TERM_KEYS, KpmCriterion, PluginInfo, ServicePackage

NAME = "declarative"


def pack_plugin_info(meta_doc, registry) -> PluginInfo:
    """The PluginInfo of one declarative pack, from its (schema-checked) `declares:`."""
    meta = meta_doc.data
    decl = meta.get("declares")
    if decl is None:
        raise PackError("pack dengan `plugin: declarative` harus memuat bagian `declares:` "
                        "(terminology, packages, kpm_criteria)", meta_doc.location(("plugin",)),
                        hint="lihat docs/compare.md, bagian 'Pack tanpa plugin'")
    pid = meta["id"]
    info = PluginInfo(name=f"{NAME}:{pid}", source=f"{meta_doc.file} (declares)")
    for unit, terms in decl.get("terminology", {}).items():
        missing = [k for k in TERM_KEYS if k not in terms]
        if missing:  # the schema already says so; kept for packs checked without it
            raise PackError(f"declares.terminology.{unit}: kurang istilah {', '.join(missing)}",
                            meta_doc.location(("declares", "terminology", unit)))
        info.terminology[unit] = dict(terms)
    for p in decl.get("packages", []):
        info.packages.append(ServicePackage(info.name, p["id"], p["name"], p["aligned"],
                                            dict(p["citation"]), tuple(p.get("activities", ()))))
    for c in decl.get("kpm_criteria", []):
        info.kpm_criteria.append(KpmCriterion(info.name, c["id"], c["concept"], c["text"],
                                              dict(c["citation"]), c.get("value")))
    for name, spec in decl.get("constants", {}).items():
        value = spec["value"]
        info.constants[name] = list(value) if isinstance(value, (list, tuple)) else value
        info.constant_docs[name] = spec.get("doc", "")
    source = decl.get("functions_from")
    if source:
        other = registry.plugins.get(source)
        if other is None:
            raise PackError(f"declares.functions_from: plugin {source!r} tidak terpasang",
                            meta_doc.location(("declares", "functions_from")),
                            hint=f"plugin terpasang: {', '.join(sorted(registry.plugins)) or '(tidak ada)'}")
        info.functions.update(other.functions)
    return info
