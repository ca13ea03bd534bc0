"""The convergence scorecard (Formulir 4, 3a/3b) from monthly monitoring records, and its reconciliation."""
from __future__ import annotations

from .compute import ScorecardResult, compute
from .indicators import IndicatorSet, load_indicators
from .reconcile import reconcile, reconcile_reports
from .readers import Rejection

__all__ = ["compute", "ScorecardResult", "load_indicators", "IndicatorSet", "reconcile", "reconcile_reports",
           "Rejection"]
