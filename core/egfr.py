"""eGFR by the CKD-EPI 2021 creatinine equation (race-free), with the working shown as text.

Inker LA, Eneanya ND, Coresh J, et al. New creatinine- and cystatin C-based equations to estimate
GFR without race. N Engl J Med 2021;385:1737-49:

    eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 (if female)

Scr in mg/dL; κ = 0.7 (female) / 0.9 (male); α = −0.241 (female) / −0.302 (male). The result is
in mL/min/1.73 m² (indexed to body surface area: weight is not an input). Used by the US label
profile, which doses by eGFR; the article and the EU SmPC use creatinine clearance instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from core.measure_text import exact_text, shown_measure
from core.renal import UMOL_L_PER_MG_DL, serum_creatinine
from core.scenario import Scenario, Sex

EQUATION = "CKD-EPI 2021 creatinine equation (race-free; Inker et al., N Engl J Med 2021)"
UNIT = "mL/min/1.73 m²"
KAPPA = {Sex.female: 0.7, Sex.male: 0.9}
ALPHA = {Sex.female: -0.241, Sex.male: -0.302}
SLOPE_ABOVE_KAPPA = -1.200
AGE_BASE = 0.9938
FEMALE_FACTOR = 1.012
CONSTANT = 142.0

EgfrSource = Literal["ckd_epi_2021", "unknown"]


def ckd_epi_2021(creatinine_mg_dl: float, age_years: float, sex: Sex) -> float:
    """eGFR in mL/min/1.73 m² by CKD-EPI 2021 (not rounded)."""
    ratio = creatinine_mg_dl / KAPPA[sex]
    egfr = float(
        CONSTANT
        * min(ratio, 1.0) ** ALPHA[sex]
        * max(ratio, 1.0) ** SLOPE_ABOVE_KAPPA
        * AGE_BASE**age_years
    )
    return egfr * FEMALE_FACTOR if sex is Sex.female else egfr


def ckd_epi_2021_columns(
    creatinine_mg_dl: npt.ArrayLike, age_years: npt.ArrayLike, female: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """The same equation on columns (NaN creatinine gives NaN), unrounded like ``egfr_of``.

    ``female`` is a boolean column (True = female). For the column-wise assessment (dose map).
    """
    scr = np.asarray(creatinine_mg_dl, dtype=float)
    age = np.asarray(age_years, dtype=float)
    is_female = np.asarray(female, dtype=bool)
    kappa = np.where(is_female, KAPPA[Sex.female], KAPPA[Sex.male])
    alpha = np.where(is_female, ALPHA[Sex.female], ALPHA[Sex.male])
    ratio = scr / kappa
    egfr = (
        CONSTANT
        * np.minimum(ratio, 1.0) ** alpha
        * np.maximum(ratio, 1.0) ** SLOPE_ABOVE_KAPPA
        * AGE_BASE**age
        * np.where(is_female, FEMALE_FACTOR, 1.0)
    )
    return np.asarray(egfr, dtype=np.float64)


def egfr_columns(columns: Mapping[str, Any], size: int) -> npt.NDArray[np.float64]:
    """The eGFR a profile uses, column-wise, from scenario field columns; equal to ``egfr_of``.

    Creatinine in mg/dL, else µmol/L converted; NaN (unknown) where neither is given. A given
    ``crcl_ml_min`` plays no part.
    """

    def column(name: str) -> npt.NDArray[np.float64]:
        return np.broadcast_to(np.asarray(columns[name], dtype=np.float64), (size,))

    mg_dl = column("creatinine_mg_dl")
    mg_dl = np.where(np.isnan(mg_dl), column("creatinine_umol_l") / UMOL_L_PER_MG_DL, mg_dl)
    female = np.broadcast_to(np.asarray(columns["sex"]).astype(str) == Sex.female.value, (size,))
    return ckd_epi_2021_columns(mg_dl, column("age_years"), female)


@dataclass(frozen=True)
class Egfr:
    """The eGFR a profile uses (None when no creatinine is given), its source and the working."""

    egfr: float | None
    source: EgfrSource
    working: str
    equation: str = EQUATION

    @property
    def shown(self) -> str:
        """The eGFR as pages show it (``shown_measure``: never across a threshold); '' when
        unknown."""
        return "" if self.egfr is None else shown_measure(self.egfr, "egfr")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "egfr_ml_min_1_73m2": self.egfr,
            "egfr_source": self.source,
            "egfr_working": self.working,
            "egfr_equation": self.equation,
        }


def egfr_of(scenario: Scenario) -> Egfr:
    """eGFR from the scenario's serum creatinine, age and sex; unknown without a creatinine.

    A given creatinine clearance is never converted into an eGFR (they are different measures).
    Not rounded: the thresholds compare the value the equation gives (59.998 is below 60); the
    working shows it by ``shown_measure``.
    """
    creatinine = serum_creatinine(scenario)
    if creatinine is None:
        given = (
            f" (a creatinine clearance of {exact_text(scenario.crcl_ml_min)} mL/min is given, "
            "but it is not converted into an eGFR)"
            if scenario.crcl_ml_min is not None
            else ""
        )
        return Egfr(None, "unknown", f"eGFR unknown: no serum creatinine{given}.")
    sex = scenario.sex
    kappa, alpha = KAPPA[sex], ALPHA[sex]
    ratio = creatinine.mg_dl / kappa
    egfr = ckd_epi_2021(creatinine.mg_dl, scenario.age_years, sex)
    female = f" × {FEMALE_FACTOR} (female)" if sex is Sex.female else " (male)"
    working = (
        f"{creatinine.conversion}{EQUATION}: Scr/κ = {creatinine.text} / {kappa} = {ratio:.4f}; "
        f"{CONSTANT:g} × min({ratio:.4f}, 1)^{alpha} × max({ratio:.4f}, 1)^{SLOPE_ABOVE_KAPPA:.3f} "
        f"× {AGE_BASE}^{scenario.age_years}{female} = {shown_measure(egfr, 'egfr')} {UNIT}."
    )
    return Egfr(egfr, "ckd_epi_2021", working)
