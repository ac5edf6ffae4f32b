"""Renal function: creatinine units and Cockcroft-Gault, with the working shown as text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from core.scenario import Scenario, Sex

UMOL_L_PER_MG_DL = 88.4
COCKCROFT_GAULT_FEMALE_FACTOR = 0.85

RenalSource = Literal["given", "cockcroft_gault", "unknown"]


def creatinine_mg_dl_from_umol_l(umol_l: float) -> float:
    """Convert serum creatinine from µmol/L to mg/dL (1 mg/dL = 88.4 µmol/L)."""
    return umol_l / UMOL_L_PER_MG_DL


def creatinine_umol_l_from_mg_dl(mg_dl: float) -> float:
    """Convert serum creatinine from mg/dL to µmol/L."""
    return mg_dl * UMOL_L_PER_MG_DL


def cockcroft_gault(age_years: float, weight_kg: float, sex: Sex, creatinine_mg_dl: float) -> float:
    """Creatinine clearance in mL/min: (140 - age) x weight / (72 x Scr), x 0.85 for female.

    Not rounded; may be zero or negative for the very old (read as "below 30").
    """
    clearance = (140 - age_years) * weight_kg / (72 * creatinine_mg_dl)
    return clearance * COCKCROFT_GAULT_FEMALE_FACTOR if sex is Sex.female else clearance


def serum_creatinine_mg_dl(scenario: Scenario) -> tuple[float | None, str]:
    """The scenario's serum creatinine in mg/dL (None when not given) and, when it was given in
    µmol/L, the conversion as text to prefix to a working ('' otherwise)."""
    if scenario.creatinine_mg_dl is not None or scenario.creatinine_umol_l is None:
        return scenario.creatinine_mg_dl, ""
    mg_dl = creatinine_mg_dl_from_umol_l(scenario.creatinine_umol_l)
    return mg_dl, (
        f"Creatinine {scenario.creatinine_umol_l:g} µmol/L ÷ {UMOL_L_PER_MG_DL} = "
        f"{mg_dl:.3f} mg/dL. "
    )


@dataclass(frozen=True)
class RenalFunction:
    """The creatinine clearance the rules use, where it came from, and the working as text."""

    crcl_ml_min: float | None
    source: RenalSource
    working: str


def renal_function(scenario: Scenario) -> RenalFunction:
    """CrCl for the rules: a given CrCl wins; else Cockcroft-Gault; else unknown.

    The Cockcroft-Gault result is rounded to 0.1 mL/min so that the number shown is exactly the
    number the thresholds see (60.04 would otherwise show as 60.0 yet count as above 60).
    """
    if scenario.crcl_ml_min is not None:
        return RenalFunction(
            scenario.crcl_ml_min,
            "given",
            f"Creatinine clearance given: {scenario.crcl_ml_min:g} mL/min (used as is).",
        )
    mg_dl, unit_note = serum_creatinine_mg_dl(scenario)
    if mg_dl is None:
        return RenalFunction(
            None, "unknown", "Renal function unknown: no creatinine clearance and no creatinine."
        )
    raw = cockcroft_gault(scenario.age_years, scenario.weight_kg, scenario.sex, mg_dl)
    crcl = round(raw, 1)
    female = " (male)"
    if scenario.sex is Sex.female:
        female = f" × {COCKCROFT_GAULT_FEMALE_FACTOR} (female)"
    working = (
        f"{unit_note}Cockcroft-Gault: (140 − {scenario.age_years}) × {scenario.weight_kg:g} kg "
        f"/ (72 × {mg_dl:.3g} mg/dL){female} = {crcl:.1f} mL/min."
    )
    return RenalFunction(crcl, "cockcroft_gault", working)


# ------------------------------------------------------------------ column-wise


def crcl_columns(columns: dict[str, Any], size: int) -> npt.NDArray[np.float64]:
    """The CrCl the rules use, column-wise; equal to ``core.renal.renal_function``.

    Given CrCl wins; else Cockcroft-Gault from mg/dL or µmol/L, rounded to 0.1 like Python's
    ``round`` (numpy's rounding differs at exact halves, so those few are redone in Python).
    """

    def column(name: str) -> npt.NDArray[np.float64]:
        return np.broadcast_to(np.asarray(columns[name], dtype=np.float64), (size,))

    given = column("crcl_ml_min")
    mg_dl = column("creatinine_mg_dl")
    mg_dl = np.where(np.isnan(mg_dl), column("creatinine_umol_l") / UMOL_L_PER_MG_DL, mg_dl)
    age = column("age_years")
    weight = column("weight_kg")
    female = np.broadcast_to(np.asarray(columns["sex"]).astype(str) == "female", (size,))
    with np.errstate(invalid="ignore", divide="ignore"):
        raw = (140 - age) * weight / (72 * mg_dl)
        raw = np.where(female, raw * COCKCROFT_GAULT_FEMALE_FACTOR, raw)
    return np.where(np.isnan(given), round_tenths(raw), given)


def round_tenths(raw: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Round to 0.1 exactly like Python's ``round(x, 1)`` (numpy's rounding differs at a few
    near-halves, which are redone in Python), so columns equal the one-scenario path."""
    with np.errstate(invalid="ignore"):
        rounded = np.round(raw, 1)
        tenths = raw * 10
        near_half = np.abs(tenths - np.floor(tenths) - 0.5) < 1e-6
    for index in np.flatnonzero(near_half):
        rounded[index] = round(float(raw[index]), 1)
    return rounded
