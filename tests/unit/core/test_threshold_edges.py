"""Thresholds compare the unrounded CrCl / eGFR, and the number shown never sits on the other side
of a threshold from the number compared (every door: assess, its JSON, findings, batch)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest

from core import Scenario, assess
from core.batch import assess_csv
from core.compare import input_changes
from core.field_words import value_words
from core.grid import dose_grid
from core.measure_text import measure_thresholds, shown_measure
from core.profiles import get_profile
from core.renal import cockcroft_gault, creatinine_mg_dl_from_umol_l, renal_function
from core.rules import Verdict
from core.scenario import Sex
from ui.dose_map_figure import MARKER_NAME, MapMarker, dose_map, dose_maps
from ui.label_views import dose_map_panels, profile_assessments

# 195 / 88.4 = 2.20588 mg/dL; 80 × 70 / (72 × 2.20588) = 35.259; × 0.85 = 29.970 (below 30).
BELOW_30 = {"sex": "female", "age_years": 60, "weight_kg": 70, "creatinine_umol_l": 195}
# 96 / 88.4 = 1.08597 mg/dL; 80 × 69 / (72 × 1.08597) = 70.597; × 0.85 = 60.008 (above 60).
ABOVE_60 = {"sex": "female", "age_years": 60, "weight_kg": 69, "creatinine_umol_l": 96}
# CKD-EPI 2021, woman of 21, 1.3 mg/dL: 59.998 mL/min/1.73 m² (below 60).
EGFR_BELOW_60 = {"sex": "female", "age_years": 21, "creatinine_mg_dl": 1.3}


def test_the_edge_values_are_what_the_comments_say() -> None:
    below = cockcroft_gault(60, 70, Sex.female, creatinine_mg_dl_from_umol_l(195))
    above = cockcroft_gault(60, 69, Sex.female, creatinine_mg_dl_from_umol_l(96))
    assert 29.96 < below < 29.98 and 60 < above < 60.01


def test_crcl_29_97_is_contraindicated_under_the_article() -> None:
    result = assess(Scenario(**BELOW_30))
    assert result.crcl_ml_min_used is not None and result.crcl_ml_min_used < 30
    assert (result.verdict, result.dose_mg) == (Verdict.contraindicated, None)
    assert "ci.crcl_below_30" in result.finding_ids
    assert "dose.crcl_30_60" not in result.finding_ids


def test_crcl_29_97_is_not_recommended_under_the_eu_smpc() -> None:
    result = assess(Scenario(**BELOW_30), get_profile("eu_smpc"))
    assert (result.verdict, result.dose_mg) == (Verdict.not_recommended, None)
    assert "eu.nr.crcl_below_30" in result.finding_ids


def test_crcl_60_01_gets_the_standard_dose() -> None:
    result = assess(Scenario(**ABOVE_60))
    assert (result.verdict, result.dose_mg) == (Verdict.recommended, 4)
    assert "dose.crcl_30_60" not in result.finding_ids
    eu = assess(Scenario(**ABOVE_60), get_profile("eu_smpc"))
    assert eu.dose_mg == 4


def test_us_egfr_59_99_gets_the_reduced_dose() -> None:
    result = assess(Scenario(**EGFR_BELOW_60), get_profile("us_label_ra"))
    assert result.egfr is not None and result.egfr.egfr is not None
    assert 59.99 < result.egfr.egfr < 60
    assert result.dose_mg == 1
    assert "us.dose.egfr_30_60" in result.finding_ids


def _numbers_before(unit: str, text: str) -> list[float]:
    return [float(n) for n in re.findall(r"(\d+(?:\.\d+)?) " + re.escape(unit), text)]


@pytest.mark.parametrize(
    ("fields", "shown"), [(BELOW_30, "29.97"), (ABOVE_60, "60.01"), ({"crcl_ml_min": 45}, "45")]
)
def test_crcl_is_shown_on_its_side_of_every_threshold(fields: dict[str, Any], shown: str) -> None:
    result = assess(Scenario(**fields))
    used = result.crcl_ml_min_used
    assert used is not None
    texts = [result.renal.working, *(f.text for f in result.findings)]
    assert f"{shown} mL/min" in result.renal.working
    for text in texts:
        for number in _numbers_before("mL/min", text):
            if number in (30, 60):  # the thresholds themselves, quoted by the rule texts
                continue
            for threshold in measure_thresholds("crcl"):
                assert (number < threshold) == (used < threshold), text
                assert (number > threshold) == (used > threshold), text


def test_the_working_shows_the_creatinine_digits_used() -> None:
    working = renal_function(Scenario(**BELOW_30)).working
    assert "195 µmol/L ÷ 88.4 = 2.2059 mg/dL" in working
    assert "(72 × 2.2059 mg/dL)" in working
    assert working.endswith("= 29.97 mL/min.")


def test_egfr_is_shown_on_its_side_of_60() -> None:
    result = assess(Scenario(**EGFR_BELOW_60), get_profile("us_label_ra"))
    assert result.egfr is not None
    assert result.egfr.working.endswith("= 59.998 mL/min/1.73 m².")
    reduction = next(f for f in result.findings if f.id == "us.dose.egfr_30_60")
    assert "eGFR 59.998 mL/min/1.73 m²" in reduction.text


def test_batch_gives_the_same_answer_and_shows_the_side() -> None:
    header = list(BELOW_30)
    lines = [",".join(header), ",".join(str(BELOW_30[n]) for n in header)]
    lines.append(",".join(str(ABOVE_60[n]) for n in header))
    out = list(csv.DictReader(io.StringIO(assess_csv("\n".join(lines).encode()).decode())))
    assert [(r["crcl_ml_min_used"], r["verdict"], r["dose_mg"]) for r in out] == [
        ("29.97", "contraindicated", ""),
        ("60.01", "recommended", "4"),
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (45.0, "45"),
        (49.5833, "49.6"),
        (29.97, "29.97"),
        (29.9996, "29.9996"),
        (30.04, "30.04"),
        (60.04, "60.04"),
        (59.96, "59.96"),
        (60.0, "60"),
        (30.0, "30"),
        (0.0, "0"),
        (173.61, "173.6"),
    ],
)
def test_shown_measure(value: float, text: str) -> None:
    assert shown_measure(value, "crcl") == text


def test_the_thresholds_are_read_from_the_rules() -> None:
    assert {30.0, 60.0} <= set(measure_thresholds("crcl"))
    assert {30.0, 60.0} <= set(measure_thresholds("egfr"))


def test_a_given_crcl_is_shown_as_given_even_next_to_a_threshold() -> None:
    result = assess(Scenario(crcl_ml_min=29.9999999))
    assert result.verdict is Verdict.contraindicated
    assert result.renal.shown == "29.9999999"
    assert "29.9999999 mL/min (used as is)" in result.renal.working
    below = next(f for f in result.findings if f.id == "ci.crcl_below_30")
    assert below.text.startswith("CrCl 29.9999999 mL/min is below 30")
    assert assess(Scenario(crcl_ml_min=45.25)).renal.shown == "45.25"


def test_compare_words_keep_the_side() -> None:
    a = assess(Scenario(crcl_ml_min=45))
    b = assess(Scenario(**BELOW_30))
    (crcl,) = (change for change in input_changes(a, b) if change.name == "crcl")
    assert crcl.words() == "CrCl fell from 45 to 29.97 mL/min"
    assert value_words("crcl", b.crcl_ml_min_used) == "29.97 mL/min"


def test_chart_hovers_keep_the_side() -> None:
    below = assess(Scenario(**BELOW_30))
    marker = MapMarker(60, below.crcl_ml_min_used, "No dose")
    data = dose_map(dose_grid(Scenario(**BELOW_30)), marker).to_dict()["data"]
    star = next(t for t in data if t.get("name") == MARKER_NAME)
    assert "CrCl 29.97 mL/min" in star["hovertemplate"]
    us = profile_assessments(Scenario(**EGFR_BELOW_60))
    figure = dose_maps(dose_map_panels(us)).to_dict()
    stars = [t for t in figure["data"] if t.get("name") == MARKER_NAME]
    assert [s["customdata"][0][0] for s in stars][-1] == "59.998"
    assert "eGFR 59.998 mL/min/1.73 m²" in stars[-1]["hovertemplate"]
