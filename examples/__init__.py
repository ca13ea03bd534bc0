"""Example monitoring data (Formulir 2a-2c records), installed as aturan.examples."""
