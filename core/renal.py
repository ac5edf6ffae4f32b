"""Renal function: creatinine units and Cockcroft-Gault, with the working shown as text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from core.scenario import Scenario, Sex

UMOL_L_PER_MG_DL = 88.4
FEMALE_FACTOR = 0.85

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
    return clearance * FEMALE_FACTOR if sex is Sex.female else clearance


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
    female = f" × {FEMALE_FACTOR} (female)" if scenario.sex is Sex.female else " (male)"
    working = (
        f"{unit_note}Cockcroft-Gault: (140 − {scenario.age_years}) × {scenario.weight_kg:g} kg "
        f"/ (72 × {mg_dl:.3g} mg/dL){female} = {crcl:.1f} mL/min."
    )
    return RenalFunction(crcl, "cockcroft_gault", working)
