"""The dose map grid: layout, axes and a few cells checked against assess."""

from __future__ import annotations

import math

from core import Scenario, assess
from core.grid import DEFAULT_AGES, DEFAULT_CRCLS, dose_grid
from core.rules import Verdict


def test_default_grid_layout() -> None:
    grid = dose_grid(Scenario())
    assert (DEFAULT_AGES[0], DEFAULT_AGES[-1], DEFAULT_CRCLS[0], DEFAULT_CRCLS[-1]) == (
        18,
        100,
        0.0,
        250.0,
    )
    assert grid.dose_mg.shape == grid.verdict_code.shape == (251, 83)  # rows CrCl, columns age
    assert grid.fired["dose.crcl_30_60"].shape == (251, 83)
    names = grid.verdict_names()
    assert names.shape == (251, 83)


def test_known_cells() -> None:
    grid = dose_grid(Scenario())
    row = {crcl: index for index, crcl in enumerate(DEFAULT_CRCLS)}
    column = {age: index for index, age in enumerate(DEFAULT_AGES)}
    assert grid.dose_mg[row[90.0], column[50]] == 4
    assert grid.dose_mg[row[60.0], column[50]] == 2
    assert grid.dose_mg[row[61.0], column[71]] == 2
    assert grid.dose_mg[row[61.0], column[70]] == 4
    assert math.isnan(grid.dose_mg[row[29.0], column[50]])
    assert grid.verdict_at(50, 29.0) is Verdict.contraindicated
    assert grid.verdict_at(66, 90.0) is Verdict.use_with_caution


def test_every_cell_of_a_coarse_grid_equals_assess() -> None:
    base = Scenario(oat3_inhibitor=True, creatinine_mg_dl=2.0, hbsag_positive=True)
    ages, crcls = list(range(18, 121, 17)), [0, 29.9, 30, 45.5, 60, 60.1, 250]
    grid = dose_grid(base, ages, crcls)
    for r, crcl in enumerate(crcls):
        for c, age in enumerate(ages):
            one = assess(base.model_copy(update={"age_years": age, "crcl_ml_min": crcl}))
            dose = grid.dose_mg[r, c]
            assert (None if math.isnan(dose) else int(dose)) == one.dose_mg
            assert grid.verdict_at(age, crcl) is one.verdict
