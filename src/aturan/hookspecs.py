"""The hooks a regency plugin implements. Every hook receives a `register` callback."""
from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("aturan")
hookimpl = pluggy.HookimplMarker("aturan")


@hookspec
def aturan_register_terminology(register):
    """Register the regency's words for one unit type.

    :param register: call ``register(plugin=NAME, unit="desa", terms={...})`` once per unit
        type; ``terms`` holds every key of ``aturan.registry.TERM_KEYS``.
    """


@hookspec
def aturan_register_service_packages(register):
    """Register the regulation's service packages (paket layanan), in the article's order.

    :param register: call ``register(plugin=NAME, id=..., name=..., aligned=..., citation={...},
        activities=[...])``; ``aligned`` is the shared package id that lines packages up across
        regencies.
    """


@hookspec
def aturan_register_kpm_criteria(register):
    """Register the criteria a Kader Pembangunan Manusia must meet.

    :param register: call ``register(plugin=NAME, id=..., concept=..., text=..., citation={...},
        value=...)``; ``value`` is the criterion's number or level where it has one.
    """


@hookspec
def aturan_register_dsl(register):
    """Register DSL constants and functions for the plugin's packs.

    :param register: ``register.constant(plugin=NAME, name=..., value=..., doc=...)`` and
        ``register.function(plugin=NAME, name=..., func=..., args=["string"], returns="bool", doc=...)``.
        A function must depend on its arguments alone (same arguments, same answer; no clock, files or
        settings) and leave them unchanged: a batch reuses the findings of dossiers whose records read the same.
    """


@hookspec
def aturan_register_pack_dirs(register):
    """Register folders holding rule packs shipped with a plugin package.

    :param register: call ``register(path)`` with a folder whose subfolders are packs.
    """
