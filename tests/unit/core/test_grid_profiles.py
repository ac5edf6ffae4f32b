"""Dose grids under each rule profile: each profile's own thresholds and renal measure."""

from __future__ import annotations

import math

import numpy as np

from core import Scenario
from core.grid import dose_grid
from core.profiles import ARTICLE, EU_SMPC, PROFILES, US_LABEL_RA


def dose_at(profile_id: str, age: int, renal: float, base: Scenario | None = None) -> float:
    grid = dose_grid(base or Scenario(), [age], [renal], PROFILES[profile_id])
    return float(grid.dose_mg[0, 0])


def test_grid_per_profile_shifts_the_age_threshold() -> None:
    assert (dose_at("article", 70, 90), dose_at("article", 71, 90)) == (4, 2)
    assert (dose_at("eu_smpc", 64, 90), dose_at("eu_smpc", 65, 90)) == (4, 2)
    assert dose_at("us_label_ra", 100, 90) == 2  # no age rule, 2 mg standard


def test_us_grid_reads_the_renal_axis_as_egfr() -> None:
    # The base has no creatinine: the axis value itself is the eGFR (never converted).
    assert dose_at("us_label_ra", 50, 59.9) == 1
    assert dose_at("us_label_ra", 50, 30) == 1
    assert dose_at("us_label_ra", 50, 60) == 2
    assert math.isnan(dose_at("us_label_ra", 50, 29))
    grid = dose_grid(Scenario(), [50], [45.0], US_LABEL_RA)
    assert grid.renal_measure == "egfr"
    assert dose_grid(Scenario(), [50], [45.0], EU_SMPC).renal_measure == "crcl"


def test_default_profile_grid_is_unchanged() -> None:
    base = Scenario(oat3_inhibitor=True)
    default = dose_grid(base, [50, 80], [20.0, 45.0, 90.0])
    explicit = dose_grid(base, [50, 80], [20.0, 45.0, 90.0], ARTICLE)
    assert np.array_equal(default.dose_mg, explicit.dose_mg, equal_nan=True)
    assert default.renal_measure == "crcl"
