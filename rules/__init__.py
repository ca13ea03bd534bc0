"""The rule packs, installed inside the aturan package as aturan.packs (data only)."""
