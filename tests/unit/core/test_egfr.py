"""CKD-EPI 2021 eGFR (core.egfr) against values worked by hand from the published equation.

Reference form (Inker et al., N Engl J Med 2021; kidney.org "CKD-EPI Creatinine Equation
(2021)"), written out piecewise here so the test does not share the code's min/max form:
  female, Scr <= 0.7: 142 × (Scr/0.7)^-0.241 × 0.9938^age × 1.012
  female, Scr >  0.7: 142 × (Scr/0.7)^-1.200 × 0.9938^age × 1.012
  male,   Scr <= 0.9: 142 × (Scr/0.9)^-0.302 × 0.9938^age
  male,   Scr >  0.9: 142 × (Scr/0.9)^-1.200 × 0.9938^age
"""

import numpy as np
import pytest

from core.egfr import EQUATION, ckd_epi_2021, ckd_epi_2021_columns, egfr_columns, egfr_of
from core.renal import UMOL_L_PER_MG_DL
from core.scenario import Scenario, Sex


def piecewise(scr: float, age: int, sex: Sex) -> float:
    if sex is Sex.female:
        slope = -0.241 if scr <= 0.7 else -1.200
        return 142 * (scr / 0.7) ** slope * 0.9938**age * 1.012
    slope = -0.302 if scr <= 0.9 else -1.200
    return 142 * (scr / 0.9) ** slope * 0.9938**age


# Worked by hand (logarithms to 4 places), e.g. the example:
# 1.2/0.7 = 1.7143; 1.7143^-1.2 = e^(-1.2 × 0.5390) = 0.5237; 0.9938^68 = e^(68 × -0.006219)
# = 0.6551; 142 × 0.5237 × 0.6551 × 1.012 = 49.3.
HAND_WORKED = [
    (68, Sex.female, 1.2, 49.3),  # labels example: woman of 68, creatinine 1.2 mg/dL -> ≈ 49
    (55, Sex.male, 1.2, 71.4),  # 1.3333^-1.2 = 0.7081; 0.9938^55 = 0.7103 (kidney.org: 71)
    (50, Sex.male, 0.9, 104.0),  # Scr = κ: both creatinine terms are 1; 142 × 0.9938^50
    (40, Sex.female, 0.5, 121.5),  # below κ: 0.7143^-0.241 = 1.0845; 0.9938^40 = 0.7797
]


@pytest.mark.parametrize(("age", "sex", "scr", "expected"), HAND_WORKED)
def test_matches_values_worked_by_hand(age: int, sex: Sex, scr: float, expected: float) -> None:
    assert ckd_epi_2021(scr, age, sex) == pytest.approx(expected, abs=0.1)


@pytest.mark.parametrize("sex", list(Sex))
@pytest.mark.parametrize("scr", [0.3, 0.5, 0.69, 0.7, 0.71, 0.89, 0.9, 0.91, 1.0, 1.5, 3.0, 8.0])
@pytest.mark.parametrize("age", [18, 45, 68, 90, 120])
def test_matches_the_piecewise_published_form(age: int, scr: float, sex: Sex) -> None:
    assert ckd_epi_2021(scr, age, sex) == pytest.approx(piecewise(scr, age, sex), rel=1e-12)


@pytest.mark.parametrize("sex", list(Sex))
def test_falls_with_creatinine_and_with_age(sex: Sex) -> None:
    by_creatinine = [ckd_epi_2021(scr, 60, sex) for scr in (0.4, 0.7, 0.9, 1.2, 2.0, 5.0)]
    assert by_creatinine == sorted(by_creatinine, reverse=True)
    by_age = [ckd_epi_2021(1.0, age, sex) for age in (20, 40, 60, 80, 100)]
    assert by_age == sorted(by_age, reverse=True)


def test_scenario_egfr_is_unrounded_and_shows_its_working() -> None:
    result = egfr_of(Scenario(age_years=68, sex="female", weight_kg=70, creatinine_mg_dl=1.2))
    assert result.egfr == pytest.approx(49.306, abs=0.001)
    assert result.shown == "49.3"
    assert result.source == "ckd_epi_2021"
    assert result.equation == EQUATION
    assert "CKD-EPI 2021" in result.working
    assert "49.3 mL/min/1.73 m²" in result.working
    assert "× 1.012 (female)" in result.working
    assert result.to_dict()["egfr_ml_min_1_73m2"] == result.egfr


def test_weight_does_not_change_egfr() -> None:
    light = egfr_of(Scenario(age_years=68, weight_kg=45, creatinine_mg_dl=1.2))
    heavy = egfr_of(Scenario(age_years=68, weight_kg=140, creatinine_mg_dl=1.2))
    assert light.egfr == heavy.egfr


def test_si_creatinine_is_converted() -> None:
    si = egfr_of(Scenario(age_years=68, creatinine_umol_l=1.2 * UMOL_L_PER_MG_DL))
    assert si.egfr == pytest.approx(49.306, abs=0.001)
    assert "µmol/L" in si.working


def test_a_given_crcl_is_not_turned_into_an_egfr() -> None:
    result = egfr_of(Scenario(crcl_ml_min=45))
    assert result.egfr is None
    assert result.source == "unknown"
    assert "not converted" in result.working


def test_no_renal_input_means_unknown() -> None:
    result = egfr_of(Scenario())
    assert result.egfr is None
    assert "no serum creatinine" in result.working


def test_columns_equal_the_scalar_form() -> None:
    scr = np.array([0.5, 0.7, 0.9, 1.2, 2.5, np.nan])
    age = np.array([40, 68, 50, 55, 80, 60])
    female = np.array([True, True, False, False, False, True])
    got = ckd_epi_2021_columns(scr, age, female)
    for index in range(5):
        sex = Sex.female if female[index] else Sex.male
        expected = ckd_epi_2021(float(scr[index]), int(age[index]), sex)
        assert got[index] == pytest.approx(expected, rel=1e-12)
    assert np.isnan(got[5])


def test_field_columns_equal_egfr_of() -> None:
    scenarios = [
        Scenario(age_years=68, creatinine_mg_dl=1.2),
        Scenario(age_years=40, sex="male", creatinine_umol_l=60),
        Scenario(age_years=90, creatinine_umol_l=300),
        Scenario(crcl_ml_min=45),
        Scenario(),
    ]
    columns = {
        "creatinine_mg_dl": [
            np.nan if s.creatinine_mg_dl is None else s.creatinine_mg_dl for s in scenarios
        ],
        "creatinine_umol_l": [
            np.nan if s.creatinine_umol_l is None else s.creatinine_umol_l for s in scenarios
        ],
        "age_years": [s.age_years for s in scenarios],
        "sex": np.array([s.sex.value for s in scenarios], dtype=object),
    }
    got = egfr_columns(columns, len(scenarios))
    for index, scenario in enumerate(scenarios):
        expected = egfr_of(scenario).egfr
        if expected is None:
            assert np.isnan(got[index])
        else:
            assert got[index] == expected


def test_egfr_json_entries_are_the_contracts_names() -> None:
    egfr = egfr_of(Scenario(age_years=68, sex="female", creatinine_mg_dl=1.2))
    assert egfr.to_dict() == {
        "egfr_ml_min_1_73m2": pytest.approx(49.306, abs=0.001),  # unrounded
        "egfr_source": "ckd_epi_2021",
        "egfr_working": egfr.working,
        "egfr_equation": EQUATION,
    }
    assert egfr_of(Scenario()).to_dict()["egfr_source"] == "unknown"


def test_working_shows_each_step_of_the_equation() -> None:
    # 1.2 / 0.7 = 1.7143 (female κ); 1.2 / 0.9 = 1.3333 (male κ); results as HAND_WORKED above.
    # A converted creatinine is shown with 4 decimals, as the working uses it.
    woman = egfr_of(Scenario(age_years=68, sex="female", creatinine_mg_dl=1.2))
    assert woman.working == (
        f"{EQUATION}: Scr/κ = 1.2 / 0.7 = 1.7143; 142 × min(1.7143, 1)^-0.241 × "
        "max(1.7143, 1)^-1.200 × 0.9938^68 × 1.012 (female) = 49.3 mL/min/1.73 m²."
    )
    man = egfr_of(Scenario(age_years=55, sex="male", creatinine_umol_l=106.08))
    assert man.working == (
        f"Creatinine 106.08 µmol/L ÷ 88.4 = 1.2000 mg/dL. {EQUATION}: Scr/κ = 1.2000 / 0.9 = "
        "1.3333; 142 × min(1.3333, 1)^-0.302 × max(1.3333, 1)^-1.200 × 0.9938^55 (male) = "
        "71.4 mL/min/1.73 m²."
    )


def test_unknown_egfr_says_why_and_never_converts_a_given_crcl() -> None:
    assert egfr_of(Scenario()).working == "eGFR unknown: no serum creatinine."
    assert egfr_of(Scenario(crcl_ml_min=40)).working == (
        "eGFR unknown: no serum creatinine (a creatinine clearance of 40 mL/min is given, but it "
        "is not converted into an eGFR)."
    )


def test_the_working_keeps_an_egfr_just_below_60_below_60() -> None:
    # CKD-EPI gives 59.963...: rounded to one place it would read "60", the US label's threshold.
    working = egfr_of(Scenario(age_years=18, creatinine_mg_dl=1.321)).working
    assert working.endswith("× 1.012 (female) = 59.96 mL/min/1.73 m².")
