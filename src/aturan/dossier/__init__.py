"""Dossiers outside YAML: the fact-entry workbook and the values Indonesian users write."""
