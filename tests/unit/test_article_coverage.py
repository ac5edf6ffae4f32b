"""What the article says that the app used to leave out or misstate: each is shown with its
passage, and nothing here changes a verdict or a dose that the article does not change."""

from __future__ import annotations

from core import Scenario, assess, monitoring_plan, screening_checklist
from core.exports import handout_markdown
from core.rules import Verdict
from ui.results import dose_text

NOT_INDICATED = Scenario(failed_csdmard=False, crcl_ml_min=90)


def test_a_not_indicated_dose_is_labelled_as_the_dose_once_the_indication_is_met() -> None:
    result = assess(NOT_INDICATED)
    assert (result.verdict, result.dose_mg) == (Verdict.not_indicated, 4)
    assert result.dose_once_indicated
    assert "once the indication is met" in result.dose_reasoning[-1]
    assert dose_text(result) == "4 mg once daily, once the indication is met"
    handout = handout_markdown(result, monitoring_plan(result), screening_checklist(NOT_INDICATED))
    assert "**4 mg once daily, once the indication is met**" in handout


def test_a_dose_for_now_has_no_such_label() -> None:
    result = assess(Scenario(crcl_ml_min=90))
    assert not result.dose_once_indicated
    assert dose_text(result) == "4 mg once daily"
    assert not any("indication is met" in line for line in result.dose_reasoning)
