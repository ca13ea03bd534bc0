"""Example dossiers, installed as aturan.examples so pack test cases can build on them."""
