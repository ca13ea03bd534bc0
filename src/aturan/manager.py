"""get_plugin_manager(): the hook specs, the built-in plugins, and installed ones."""
from __future__ import annotations

import importlib
import pkgutil

import pluggy

from . import hookspecs
from .errors import AturanError
from .registry import DslRegistrar, Registry

ENTRY_POINT_GROUP = "aturan.plugins"


def builtin_plugin_modules() -> list[str]:
    from . import plugins
    return sorted(f"aturan.plugins.{m.name}" for m in pkgutil.iter_modules(plugins.__path__)
                  if not m.name.startswith("_"))


def get_plugin_manager(*, load_entry_points: bool = True, extra=()) -> pluggy.PluginManager:
    """A fresh manager: built-ins registered directly, third parties via entry points."""
    pm = pluggy.PluginManager("aturan")
    pm.add_hookspecs(hookspecs)
    for name in builtin_plugin_modules():
        pm.register(importlib.import_module(name), name=name)
    for plugin in extra:
        pm.register(plugin)
    if load_entry_points:
        try:
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        except Exception as e:  # a broken third-party plugin must not hide the others' results
            raise AturanError(f"plugin dari entry point '{ENTRY_POINT_GROUP}' gagal dimuat: {e}") from None
    return pm


def collect(pm: pluggy.PluginManager) -> Registry:
    """Call every registration hook and gather what they registered."""
    reg = Registry()
    h = pm.hook
    h.aturan_register_terminology(register=reg.register_terminology)
    h.aturan_register_service_packages(register=reg.register_service_package)
    h.aturan_register_kpm_criteria(register=reg.register_kpm_criterion)
    h.aturan_register_dsl(register=DslRegistrar(reg))
    h.aturan_register_pack_dirs(register=reg.register_pack_dir)
    for name, plugin in pm.list_name_plugin():
        src = getattr(plugin, "__name__", name)
        short = getattr(plugin, "NAME", None)
        if short and short in reg.plugins:
            reg.plugins[short].source = src
    return reg
