"""Renal function: creatinine units and Cockcroft-Gault, with the working shown as text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from core.measure_text import exact_text, shown_measure
from core.scenario import Scenario, Sex

UMOL_L_PER_MG_DL = 88.4
COCKCROFT_GAULT_FEMALE_FACTOR = 0.85

RenalSource = Literal["given", "cockcroft_gault", "unknown"]

# Shown beside renal function: a creatinine rise on treatment is a listed laboratory effect.
CREATININE_RISE_NOTE = (
    "On baricitinib the article lists elevations in CPK and creatinine among the laboratory "
    "adverse events, usually not clinically significant."
)
CREATININE_RISE_PASSAGE = "adverse.laboratory"


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


# A converted creatinine is shown with 4 decimals: enough to redo the working by hand.
CONVERTED_DECIMALS = 4


@dataclass(frozen=True)
class SerumCreatinine:
    """The creatinine the equations use, in mg/dL, and how to show it in a working.

    ``text`` is the mg/dL number as written in the working (as given, or the conversion's
    result to 4 decimals); ``conversion`` is the µmol/L conversion sentence ('' when the value
    was given in mg/dL).
    """

    mg_dl: float
    text: str
    conversion: str


def serum_creatinine(scenario: Scenario) -> SerumCreatinine | None:
    """The scenario's serum creatinine in mg/dL (converted from µmol/L when given so), or None."""
    if scenario.creatinine_mg_dl is not None:
        return SerumCreatinine(scenario.creatinine_mg_dl, exact_text(scenario.creatinine_mg_dl), "")
    if scenario.creatinine_umol_l is None:
        return None
    mg_dl = creatinine_mg_dl_from_umol_l(scenario.creatinine_umol_l)
    text = f"{mg_dl:.{CONVERTED_DECIMALS}f}"
    conversion = (
        f"Creatinine {exact_text(scenario.creatinine_umol_l)} µmol/L ÷ {UMOL_L_PER_MG_DL} = "
        f"{text} mg/dL. "
    )
    return SerumCreatinine(mg_dl, text, conversion)


@dataclass(frozen=True)
class RenalFunction:
    """The creatinine clearance the rules use, where it came from, and the working as text."""

    crcl_ml_min: float | None
    source: RenalSource
    working: str

    @property
    def shown(self) -> str:
        """The CrCl as every page shows it: a given value as given, a calculated one by
        ``shown_measure`` (never across a threshold from the value compared); '' if unknown."""
        if self.crcl_ml_min is None:
            return ""
        if self.source == "given":
            return exact_text(self.crcl_ml_min)
        return shown_measure(self.crcl_ml_min, "crcl")


def renal_function(scenario: Scenario) -> RenalFunction:
    """CrCl for the rules: a given CrCl wins; else Cockcroft-Gault; else unknown.

    The Cockcroft-Gault result is not rounded: the thresholds compare the value the formula
    gives (29.97 is below 30), and the working shows it by ``shown_measure``.
    """
    if scenario.crcl_ml_min is not None:
        given = exact_text(scenario.crcl_ml_min)
        return RenalFunction(
            scenario.crcl_ml_min,
            "given",
            f"Creatinine clearance given: {given} mL/min (used as is).",
        )
    creatinine = serum_creatinine(scenario)
    if creatinine is None:
        return RenalFunction(
            None, "unknown", "Renal function unknown: no creatinine clearance and no creatinine."
        )
    crcl = cockcroft_gault(scenario.age_years, scenario.weight_kg, scenario.sex, creatinine.mg_dl)
    female = " (male)"
    if scenario.sex is Sex.female:
        female = f" × {COCKCROFT_GAULT_FEMALE_FACTOR} (female)"
    working = (
        f"{creatinine.conversion}Cockcroft-Gault: (140 − {scenario.age_years}) × "
        f"{exact_text(scenario.weight_kg)} kg / (72 × {creatinine.text} mg/dL){female} = "
        f"{shown_measure(crcl, 'crcl')} mL/min."
    )
    return RenalFunction(crcl, "cockcroft_gault", working)


# ------------------------------------------------------------------ column-wise


def crcl_columns(columns: dict[str, Any], size: int) -> npt.NDArray[np.float64]:
    """The CrCl the rules use, column-wise; equal to ``core.renal.renal_function``.

    Given CrCl wins; else Cockcroft-Gault from mg/dL or µmol/L, unrounded (the thresholds
    compare the value the formula gives).
    """

    def column(name: str) -> npt.NDArray[np.float64]:
        return np.broadcast_to(np.asarray(columns[name], dtype=np.float64), (size,))

    given = column("crcl_ml_min")
    mg_dl = column("creatinine_mg_dl")
    mg_dl = np.where(np.isnan(mg_dl), column("creatinine_umol_l") / UMOL_L_PER_MG_DL, mg_dl)
    age = column("age_years")
    weight = column("weight_kg")
    female = np.broadcast_to(np.asarray(columns["sex"]).astype(str) == "female", (size,))
    # No warning to silence: a blank creatinine is NaN (NaN arithmetic is quiet) and a given one
    # is at least 0.1 mg/dL, so nothing divides by zero.
    raw = (140 - age) * weight / (72 * mg_dl)
    raw = np.where(female, raw * COCKCROFT_GAULT_FEMALE_FACTOR, raw)
    return np.where(np.isnan(given), raw, given)
