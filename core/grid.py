"""The dose map: one scenario assessed over a grid of ages x creatinine clearances, column-wise.

``dose_grid(base, ages, crcls)`` keeps every other input of ``base`` and sets ``age_years`` and a
given ``crcl_ml_min`` for each cell; it equals ``assess`` cell by cell (a property test proves it)
and takes a few milliseconds for the full 83 x 251 grid.

``dose_grid(..., profile=US_LABEL_RA)`` evaluates a label profile instead; for a profile that
doses by eGFR the renal axis is read as the eGFR itself (mL/min/1.73 m²), not converted from CrCl.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from core.assess import VERDICT_CODES, assess_columns
from core.profiles import ARTICLE, Profile, RenalMeasure
from core.rules import Verdict
from core.scenario import Scenario

DEFAULT_AGES: tuple[int, ...] = tuple(range(18, 101))
DEFAULT_CRCLS: tuple[float, ...] = tuple(float(c) for c in range(0, 251))


@dataclass(frozen=True)
class DoseGrid:
    """Results on the grid; 2-D arrays have shape (len(crcls), len(ages)) -- rows are CrCl
    values, columns are ages (the layout a heatmap with age on x and CrCl on y expects).

    ``profile`` is the rule profile the grid was assessed under; its ``renal_measure`` says what
    the ``crcls`` axis holds: CrCl, or the eGFR (eGFR profiles)."""

    ages: npt.NDArray[np.int64]
    crcls: npt.NDArray[np.float64]
    dose_mg: npt.NDArray[np.float64]  # 2.0, 4.0 or NaN (no dose)
    verdict_code: npt.NDArray[np.int_]  # index into VERDICT_CODES
    fired: dict[str, npt.NDArray[np.bool_]]  # rule id -> 2-D mask
    profile: Profile = ARTICLE

    @property
    def renal_measure(self) -> RenalMeasure:
        """What the renal axis holds: "crcl", or "egfr" for a profile that doses by eGFR."""
        return self.profile.renal_measure

    def verdict_at(self, age: int, crcl: float) -> Verdict:
        """The verdict of one cell (by value)."""
        row = int(np.flatnonzero(self.crcls == crcl)[0])
        column = int(np.flatnonzero(self.ages == age)[0])
        return VERDICT_CODES[int(self.verdict_code[row, column])]

    def verdict_names(self) -> npt.NDArray[np.object_]:
        """The verdicts as strings, same shape as ``verdict_code``."""
        names = np.array([v.value for v in VERDICT_CODES], dtype=object)
        return np.asarray(names[self.verdict_code], dtype=object)


def dose_grid(
    base: Scenario,
    ages: Sequence[int] | npt.NDArray[Any] = DEFAULT_AGES,
    crcls: Sequence[float] | npt.NDArray[Any] = DEFAULT_CRCLS,
    profile: Profile = ARTICLE,
) -> DoseGrid:
    """Assess ``base`` at every (age, CrCl) pair under ``profile`` (the article's by default).

    The CrCl is taken as given (it wins over creatinine, as in ``assess``); every other input
    comes from ``base``. For a profile that doses by eGFR, the axis values are the eGFR."""
    age_axis = np.asarray(ages, dtype=np.int64)
    crcl_axis = np.asarray(crcls, dtype=np.float64)
    shape = (len(crcl_axis), len(age_axis))
    size = shape[0] * shape[1]
    columns: dict[str, Any] = {}
    for name, value in base.__dict__.items():
        if value is None:
            columns[name] = np.nan
        elif isinstance(value, bool | int | float):
            columns[name] = value
        else:
            columns[name] = str(value)
    age_column = np.broadcast_to(age_axis[np.newaxis, :], shape).reshape(size)
    crcl_column = np.broadcast_to(crcl_axis[:, np.newaxis], shape).reshape(size)
    columns["age_years"] = age_column
    columns["crcl_ml_min"] = crcl_column
    columns["crcl"] = crcl_column
    if profile.renal_measure == "egfr":
        columns["egfr"] = crcl_column
    result = assess_columns(columns, size, profile)
    return DoseGrid(
        ages=age_axis,
        crcls=crcl_axis,
        dose_mg=result.dose_mg.reshape(shape),
        verdict_code=result.verdict_code.reshape(shape),
        fired={rule_id: mask.reshape(shape) for rule_id, mask in result.fired.items()},
        profile=profile,
    )
