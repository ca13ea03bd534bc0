"""Authoring and comparison: `aturan compare` and `aturan pack new|lint|diff`, all derived from packs and plugins."""
