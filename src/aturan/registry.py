"""What plugins registered, collected once through the hooks."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dsl.typecheck import BUILTINS, Function
from .dsl.types import parse_type
from .errors import AturanError

TERM_KEYS = ("unit", "unit_kecil", "kepala", "pemerintah", "badan_permusyawaratan", "rumah_sehat",
             "anggaran", "dana", "wilayah", "musyawarah", "forum_antar", "badan_kerja_sama", "rkp",
             "kecamatan")


@dataclass(frozen=True)
class ServicePackage:
    plugin: str
    id: str
    name: str
    aligned: str
    citation: dict
    activities: tuple[str, ...] = ()


@dataclass(frozen=True)
class KpmCriterion:
    plugin: str
    id: str
    concept: str
    text: str
    citation: dict
    value: Any = None


@dataclass
class PluginInfo:
    name: str
    source: str = ""                      # module or distribution it came from
    terminology: dict[str, dict[str, str]] = field(default_factory=dict)   # unit -> terms
    packages: list[ServicePackage] = field(default_factory=list)
    kpm_criteria: list[KpmCriterion] = field(default_factory=list)
    constants: dict[str, Any] = field(default_factory=dict)
    constant_docs: dict[str, str] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)


class Registry:
    def __init__(self):
        self.plugins: dict[str, PluginInfo] = {}
        self.pack_dirs: list[Path] = []

    def plugin(self, name: str) -> PluginInfo:
        if name not in self.plugins:
            self.plugins[name] = PluginInfo(name)
        return self.plugins[name]

    # register callbacks -------------------------------------------------
    def register_terminology(self, *, plugin: str, unit: str, terms: dict[str, str]) -> None:
        missing = [k for k in TERM_KEYS if k not in terms]
        if missing:
            raise AturanError(f"plugin {plugin}: terminologi {unit} tidak lengkap, kurang: {', '.join(missing)}")
        self.plugin(plugin).terminology[unit] = dict(terms)

    def register_service_package(self, *, plugin: str, id: str, name: str, aligned: str,
                                 citation: dict, activities=()) -> None:
        self.plugin(plugin).packages.append(ServicePackage(plugin, id, name, aligned, dict(citation), tuple(activities)))

    def register_kpm_criterion(self, *, plugin: str, id: str, concept: str, text: str,
                               citation: dict, value: Any = None) -> None:
        self.plugin(plugin).kpm_criteria.append(KpmCriterion(plugin, id, concept, text, dict(citation), value))

    def register_pack_dir(self, path) -> None:
        self.pack_dirs.append(Path(path))


class DslRegistrar:
    """The `register` given to aturan_register_dsl: .constant() and .function()."""

    def __init__(self, registry: Registry):
        self.registry = registry

    def constant(self, *, plugin: str, name: str, value: Any, doc: str = "") -> None:
        info = self.registry.plugin(plugin)
        info.constants[name] = list(value) if isinstance(value, tuple) else value
        info.constant_docs[name] = doc

    def function(self, *, plugin: str, name: str, func, args, returns: str, doc: str = "") -> None:
        if name in BUILTINS:
            # a plugin copy would silently stand in for the engine's own construct in every pack
            raise AturanError(f"plugin {plugin!r} mendaftarkan fungsi DSL {name!r}, yang sudah fungsi bawaan aturan",
                              hint="pakai fungsi bawaan, atau beri fungsi plugin nama lain")
        fn = Function(name, func, tuple(parse_type(a) for a in args), parse_type(returns), doc, plugin)
        self.registry.plugin(plugin).functions[name] = fn

    __call__ = constant
