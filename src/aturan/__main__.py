"""python -m aturan"""
from .cli import run

run()
