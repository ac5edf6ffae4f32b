"""What the article says that the app used to leave out or misstate: each is shown with its
passage, and nothing here changes a verdict or a dose that the article does not change."""

from __future__ import annotations

from core import Scenario, assess, monitoring_plan, screening_checklist
from core.exports import escape_prose, handout_markdown
from core.monitoring import MonitoringEvent
from core.monitoring import TestFamily as Family
from core.renal import CREATININE_RISE_NOTE, CREATININE_RISE_PASSAGE
from core.rules import NOTE_EFFECTS, Category, Verdict
from core.scenario import field_info
from core.screening import ItemStatus
from core.sources import article
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


def _passage(passage_id: str) -> str:
    return article().passage(passage_id).text


def test_child_pugh_is_not_a_transaminase_result() -> None:
    for child_pugh in ("A", "B", "C"):
        items = {item.id: item for item in screening_checklist(Scenario(child_pugh=child_pugh))}
        liver = items["labs.liver"]
        assert liver.status is ItemStatus.to_do
        assert f"Child-Pugh {child_pugh}" in liver.note
        assert "not a transaminase result" in liver.note
    plain = {item.id: item for item in screening_checklist(Scenario())}["labs.liver"]
    assert (plain.status, plain.note) == (ItemStatus.to_do, "")


def _event(family: Family) -> MonitoringEvent:
    plan = monitoring_plan(assess(Scenario(crcl_ml_min=90)))
    return next(event for event in plan.events if event.family is family)


def test_blood_monitoring_cites_the_laboratory_adverse_events() -> None:
    blood = _event(Family.blood_liver)
    assert "adverse.laboratory" in blood.passages
    for words in ("lymphopenia", "thrombocytopenia", "neutropenia", "anemia"):
        assert words in blood.why and words in _passage("adverse.laboratory").lower()
    assert "usually not clinically significant" in blood.why
    assert "usually not clinically significant" in _passage("adverse.laboratory")


def test_lipid_monitoring_cites_lipid_elevations() -> None:
    lipids = _event(Family.lipids)
    assert "adverse.laboratory" in lipids.passages
    assert "lipid elevations" in lipids.why
    assert "Lipid elevations" in _passage("adverse.laboratory")


def test_skin_examination_cites_the_nmsc_risk() -> None:
    skin = _event(Family.skin)
    assert "adverse.malignancy" in skin.passages
    assert "non-melanoma skin cancer (NMSC)" in skin.why
    assert "NMSC risk may be elevated" in _passage("adverse.malignancy")


def test_herpes_zoster_is_advice_tied_to_vaccination() -> None:
    result = assess(Scenario(crcl_ml_min=90))
    (zoster,) = (f for f in result.findings if f.id == "advice.herpes_zoster")
    assert zoster.category is Category.advice
    assert zoster.passages == ("adverse.infections", "screening.vaccination")
    assert "higher risk than with biological DMARDs" in zoster.text
    assert "vaccination status" in zoster.text
    assert "Herpes zoster (increased risk compared to bDMARDs)" in _passage("adverse.infections")
    # Advice changes no verdict and no dose.
    assert (result.verdict, result.dose_mg) == (Verdict.recommended, 4)


def test_the_creatinine_rise_note_sits_beside_renal_function() -> None:
    assert "usually not clinically significant" in CREATININE_RISE_NOTE
    assert "Elevations in CPK and creatinine" in _passage(CREATININE_RISE_PASSAGE)
    scenario = Scenario(crcl_ml_min=45)
    result = assess(scenario)
    handout = handout_markdown(result, monitoring_plan(result), screening_checklist(scenario))
    renal = handout.index("Renal function: ")
    assert handout.index(escape_prose(CREATININE_RISE_NOTE)) > renal
    assert handout.index("Source `adverse.laboratory`") < handout.index("## Findings")


def test_the_app_says_it_reads_only_a_past_vte() -> None:
    help_text = field_info("vte_history")["help"]
    assert "risk factors for thromboembolism" in help_text
    assert "reads only a past VTE" in help_text
    finding = next(
        f for f in assess(Scenario(vte_history=True)).findings if f.id == "caution.vte_history"
    )
    assert "reads only a past VTE" in finding.text
    assert "summary.recommendation" in finding.passages
    assert "risk factors for thromboembolism" in _passage("summary.recommendation")


def test_what_each_kind_of_note_does_is_said_exactly() -> None:
    silent = NOTE_EFFECTS[Category.source_silent]
    assert "changes no verdict" in silent and "all but one change no dose" in silent
    assert "keeps 2 mg" in silent
    assert "no verdict and no dose" in NOTE_EFFECTS[Category.advice]
    stacking = assess(Scenario(age_years=75, crcl_ml_min=45, oat3_inhibitor=True))
    note = next(f for f in stacking.findings if f.id == "silent.dose_below_2mg")
    assert "keeps 2 mg" in note.text and "about the dose" in note.text
    assert stacking.dose_mg == 2
