"""The dose box's words: one wording per meaning of a missing dose, for every profile."""

from __future__ import annotations

import pytest

from core import assess
from core.dose_words import DoseState, dose_words
from core.profiles.eu_smpc import EU_SMPC
from core.profiles.us_label_ra import US_LABEL_RA
from core.scenario import Scenario

# The longest value must fit the Explorer's dose box at 1280x720 and in lecture mode.
LONGEST_VALUE = 26


@pytest.mark.parametrize(
    ("fields", "profile", "state", "value"),
    [
        ({"crcl_ml_min": 90}, None, DoseState.given, "4 mg"),
        ({"crcl_ml_min": 45}, None, DoseState.given, "2 mg"),
        ({}, None, DoseState.needs_renal, "Enter renal function"),
        ({"pregnant": True}, None, DoseState.blocked, "No dose: contraindicated"),
        (
            {"pregnant": True, "crcl_ml_min": 90},
            None,
            DoseState.blocked,
            "No dose: contraindicated",
        ),
        ({"biologic_dmard": True}, None, DoseState.blocked, "No dose: not recommended"),
        ({}, EU_SMPC, DoseState.needs_renal, "Enter renal function"),
        ({"crcl_ml_min": 90}, US_LABEL_RA, DoseState.needs_renal, "US label needs eGFR"),
    ],
)
def test_each_meaning_has_its_own_words(
    fields: dict[str, object], profile: object, state: DoseState, value: str
) -> None:
    scenario = Scenario(**fields)  # type: ignore[arg-type]
    assessment = assess(scenario) if profile is None else assess(scenario, profile)  # type: ignore[arg-type]
    words = dose_words(assessment)
    assert (words.state, words.value) == (state, value)
    assert words.given is (assessment.dose_mg is not None)
    assert len(words.value) <= LONGEST_VALUE
    assert "_" not in words.sentence and "Not given" not in words.sentence


def test_given_dose_reads_once_daily() -> None:
    assert dose_words(assess(Scenario(crcl_ml_min=90))).sentence == "4 mg once daily"
