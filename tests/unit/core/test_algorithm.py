"""The article's algorithm walked for one scenario (core.algorithm): which steps are reached,
where it stops, the notes of each step and the outcome."""

from __future__ import annotations

from core import Scenario, assess
from core.algorithm import Status, algorithm_path, path_lines
from core.dose_words import dose_words


def test_path_not_indicated_stops_at_step_1() -> None:
    path = algorithm_path(assess(Scenario(failed_csdmard=False, crcl_ml_min=80)))
    assert path.stopped_at == 1 and path.step(1).status is Status.stop
    assert "ni.no_failed_dmard" in path.step(1).notes[0]
    assert all(path.step(n).status is Status.not_reached for n in (2, 3, 4, 5))
    assert path.outcome.startswith("Not indicated yet")


def test_path_contraindicated_stops_at_step_2_listing_the_findings() -> None:
    path = algorithm_path(assess(Scenario(pregnant=True, age_years=70, crcl_ml_min=80)))
    assert path.step(1).status is Status.passed
    assert path.stopped_at == 2 and path.step(2).status is Status.stop
    assert "✖ ci.pregnancy" in path.step(2).notes
    assert "⚠ caution.age_over_65" in path.step(2).notes
    assert path.step(4).status is Status.not_reached
    assert "Do not start" in path.outcome


def test_path_remission_lights_step_6_and_the_dose_at_step_4() -> None:
    path = algorithm_path(assess(Scenario(sustained_remission=True, age_years=75, crcl_ml_min=80)))
    assert path.stopped_at is None
    assert [path.step(n).status for n in range(1, 6)] == [Status.passed] * 5
    assert path.step(4).notes[0] == "2 mg once daily"
    assert "because dose.age_over_70" in path.step(4).notes
    assert path.step(6).status is Status.branch_taken
    assert any("silent.dose_below_2mg" in note for note in path.step(6).notes)
    assert path.step(7).status is Status.branch_not_taken
    lines = path_lines(path)
    assert len(lines) == 8 and lines[-1] == "Outcome: Start at 2 mg once daily, then monitor."


def test_path_discontinuation_lights_step_7() -> None:
    path = algorithm_path(assess(Scenario(inadequate_response_3_to_6_months=True, crcl_ml_min=80)))
    assert path.stopped_at is None  # a step-7 rule does not stop screening at step 2
    assert path.step(7).status is Status.branch_taken
    assert path.step(7).notes == ("nr.inadequate_response",)
    assert path.outcome == "Discontinue (step 7)."


def test_a_missing_dose_says_why_in_the_dose_boxs_words() -> None:
    for scenario in (Scenario(), Scenario(pregnant=True, crcl_ml_min=80), Scenario(crcl_ml_min=20)):
        assessment = assess(scenario)
        assert assessment.dose_mg is None
        notes = algorithm_path(assessment).step(4).notes
        assert notes[0] == dose_words(assessment).sentence, scenario
