"""The monitoring plan's months and the screening checklist's statuses."""

from __future__ import annotations

import re
from typing import Any

import pytest

from core import Scenario, assess, monitoring_plan, screening_checklist
from core.audit import audit_entry
from core.monitoring import TestFamily as Family
from core.screening import ItemStatus
from core.sources import article, passage_ids


def plan_for(horizon: int = 24, **fields: Any) -> Any:
    return monitoring_plan(assess(Scenario(crcl_ml_min=90, **fields)), horizon)


def test_default_schedule_over_24_months() -> None:
    plan = plan_for()
    assert plan.started
    assert plan.months_of(Family.screening) == (0,)
    assert plan.months_of(Family.blood_liver) == (1, 3, 6, 9, 12, 15, 18, 21, 24)
    assert plan.months_of(Family.lipids) == (3,)
    assert plan.months_of(Family.skin) == (12, 24)
    known = passage_ids()
    for event in plan.events:
        assert event.passages and set(event.passages) <= known


def test_shorter_and_longer_horizons() -> None:
    assert plan_for(12).months_of(Family.skin) == (12,)
    assert plan_for(2).months_of(Family.lipids) == ()
    assert plan_for(2).months_of(Family.blood_liver) == (1,)
    assert plan_for(36).months_of(Family.blood_liver)[-1] == 36
    with pytest.raises(ValueError, match="horizon_months"):
        plan_for(0)


def test_caution_still_gets_the_full_plan() -> None:
    plan = plan_for(age_years=80, anti_hbc_positive=True)
    assert plan.started
    assert plan.months_of(Family.blood_liver)[:3] == (1, 3, 6)
    assert any("HBV reactivation" in note for note in plan.notes)


@pytest.mark.parametrize(
    "fields",
    [
        {"pregnant": True},
        {"active_tb": True},
        {"crcl_ml_min": 20},
        {"biologic_dmard": True},
        {"failed_csdmard": False},
    ],
)
def test_no_plan_when_treatment_does_not_start(fields: dict[str, Any]) -> None:
    scenario = Scenario(**{"crcl_ml_min": 90, **fields})
    plan = monitoring_plan(assess(scenario))
    assert not plan.started
    assert plan.events == ()
    assert plan.notes and "not started" in plan.notes[0]


def statuses(**fields: Any) -> dict[str, ItemStatus]:
    return {item.id: item.status for item in screening_checklist(Scenario(**fields))}


def test_checklist_default() -> None:
    items = screening_checklist(Scenario())
    assert len({item.id for item in items}) == len(items)
    known = passage_ids()
    for item in items:
        assert item.passages and set(item.passages) <= known
    found = statuses()
    assert found["labs.renal"] is ItemStatus.priority  # renal function unknown
    assert all(s is ItemStatus.to_do for i, s in found.items() if i != "labs.renal")


@pytest.mark.parametrize(
    ("fields", "item", "status"),
    [
        ({"crcl_ml_min": 45}, "labs.renal", ItemStatus.recorded),
        ({"creatinine_mg_dl": 1.0}, "labs.renal", ItemStatus.recorded),
        ({"hbsag_positive": True}, "labs.hbv", ItemStatus.recorded),
        ({"anti_hbc_positive": True}, "labs.hbv", ItemStatus.recorded),
        ({"hcv_positive": True}, "labs.hcv", ItemStatus.recorded),
        ({"hiv_positive": True}, "labs.hiv", ItemStatus.recorded),
        ({"tb_history_or_exposure": True}, "labs.tb", ItemStatus.priority),
        ({"tb_history_or_exposure": True}, "history.tb", ItemStatus.recorded),
        ({"active_tb": True}, "labs.tb", ItemStatus.recorded),
        ({"child_pugh": "B"}, "labs.liver", ItemStatus.to_do),  # a class is no transaminase result
        ({"recurrent_infections": True}, "history.infections", ItemStatus.recorded),
        ({"malignancy_history": True}, "history.malignancy", ItemStatus.recorded),
        ({"cardiovascular_risk_factors": True}, "history.cardiovascular", ItemStatus.recorded),
        ({"vte_history": True}, "history.vte", ItemStatus.recorded),
    ],
)
def test_checklist_marks_what_the_scenario_answers(
    fields: dict[str, Any], item: str, status: ItemStatus
) -> None:
    assert statuses(**fields)[item] is status
    # Without those fields the scenario answers nothing: still to do (renal: needed first).
    unanswered = ItemStatus.priority if item == "labs.renal" else ItemStatus.to_do
    assert statuses()[item] is unanswered


def test_hbv_item_cites_the_hbv_passages_when_positive() -> None:
    item = next(i for i in screening_checklist(Scenario(hbsag_positive=True)) if i.id == "labs.hbv")
    assert {"hbv.hbsag_positive", "hbv.anti_hbc_positive"} <= set(item.passages)
    assert "HBsAg positive" in item.note


GROUP_OF_PASSAGE = {
    "screening.history": "History and examination",
    "screening.labs": "Laboratory tests",
    "screening.vaccination": "Vaccination",
}


def bullets(passage_id: str) -> list[str]:
    """The article's items of one screening passage (bullets, or the one numbered line)."""
    text = article().passage(passage_id).text
    lines = [line.strip() for line in text.splitlines()]
    items = [line.removeprefix("• ") for line in lines if line.startswith("•")] or [
        re.sub(r"^\d+\.\s*", "", lines[0])
    ]
    return [re.sub(r"(\s+\d+(,\s*\d+)*)$", "", item) for item in items]  # reference marks


def test_checklist_is_the_articles_list_in_its_order_and_groups() -> None:
    checklist = screening_checklist(Scenario())
    expected = [(GROUP_OF_PASSAGE[pid], text) for pid in GROUP_OF_PASSAGE for text in bullets(pid)]
    assert [(item.group, item.text) for item in checklist] == expected
    ids = [item.id for item in checklist]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"(history|labs)\.[a-z_]+|vaccination", i) for i in ids), ids
    for item in checklist:
        assert item.passages[0] in GROUP_OF_PASSAGE, item.id
        assert item.group == GROUP_OF_PASSAGE[item.passages[0]], item.id


EVERY_ANSWER: dict[str, Any] = {
    "active_serious_infection": True,
    "active_tb": True,
    "tb_history_or_exposure": True,
    "malignancy_history": True,
    "cardiovascular_risk_factors": True,
    "vte_history": True,
    "crcl_ml_min": 45,
    "hbsag_positive": True,
    "hcv_positive": True,
    "hiv_positive": True,
    "child_pugh": "B",
}


def test_an_answered_item_keeps_the_articles_group_and_words() -> None:
    checklist = screening_checklist(Scenario(**EVERY_ANSWER))
    assert {item.status for item in checklist} >= {ItemStatus.recorded}
    expected = [(GROUP_OF_PASSAGE[pid], text) for pid in GROUP_OF_PASSAGE for text in bullets(pid)]
    assert [(item.group, item.text) for item in checklist] == expected


def test_the_hbv_item_cites_only_the_screening_passage_without_a_positive_result() -> None:
    item = next(i for i in screening_checklist(Scenario()) if i.id == "labs.hbv")
    assert item.passages == ("screening.labs",)


# What the note says when the scenario answers an item: the student reads these words.
NOTES: list[tuple[dict[str, Any], str, ItemStatus, str]] = [
    (
        {"active_serious_infection": True},
        "history.infections",
        ItemStatus.recorded,
        "severe active infection",
    ),
    (
        {
            "active_serious_infection": True,
            "active_tb": True,
            "active_opportunistic_infection": True,
            "recurrent_infections": True,
        },
        "history.infections",
        ItemStatus.recorded,
        "severe active infection, active TB, active opportunistic infection, recurrent infections",
    ),
    (
        {"tb_history_or_exposure": True},
        "history.tb",
        ItemStatus.recorded,
        "TB history or exposure reported",
    ),
    (
        {"malignancy_history": True},
        "history.malignancy",
        ItemStatus.recorded,
        "history of malignancy reported",
    ),
    (
        {"cardiovascular_risk_factors": True},
        "history.cardiovascular",
        ItemStatus.recorded,
        "risk factors reported",
    ),
    ({"vte_history": True}, "history.vte", ItemStatus.recorded, "VTE history reported"),
    (
        {"child_pugh": "B"},
        "labs.liver",
        ItemStatus.to_do,
        "Child-Pugh B is recorded, but it is a class of liver impairment, not a transaminase "
        "result: the test is still to do",
    ),
    ({"crcl_ml_min": 45}, "labs.renal", ItemStatus.recorded, "CrCl 45 mL/min"),
    ({}, "labs.renal", ItemStatus.priority, "needed before a dose can be chosen"),
    (
        {"hbsag_positive": True, "anti_hbc_positive": True},
        "labs.hbv",
        ItemStatus.recorded,
        "HBsAg positive, anti-HBc positive",
    ),
    (
        {"hcv_positive": True},
        "labs.hcv",
        ItemStatus.recorded,
        "positive (the source is silent on what follows)",
    ),
    (
        {"hiv_positive": True},
        "labs.hiv",
        ItemStatus.recorded,
        "positive (the source is silent on what follows)",
    ),
    ({"active_tb": True}, "labs.tb", ItemStatus.recorded, "active TB reported"),
    (
        {"tb_history_or_exposure": True},
        "labs.tb",
        ItemStatus.priority,
        "TB history or exposure reported",
    ),
    (
        {"active_tb": True, "tb_history_or_exposure": True},
        "labs.tb",
        ItemStatus.recorded,
        "active TB reported",
    ),
    ({}, "labs.hcv", ItemStatus.to_do, ""),
    ({}, "labs.liver", ItemStatus.to_do, ""),  # no liver disease: nothing to explain
    ({"child_pugh": "none"}, "labs.liver", ItemStatus.to_do, ""),
    (
        {"crcl_ml_min": 45, "hbsag_positive": True},
        "labs.renal",
        ItemStatus.recorded,
        "CrCl 45 mL/min",
    ),
]


@pytest.mark.parametrize(("fields", "item_id", "status", "note"), NOTES)
def test_checklist_notes_say_what_the_scenario_reported(
    fields: dict[str, Any], item_id: str, status: ItemStatus, note: str
) -> None:
    item = next(i for i in screening_checklist(Scenario(**fields)) if i.id == item_id)
    assert (item.status, item.note) == (status, note)


@pytest.mark.parametrize(
    ("horizon", "family", "months"),
    [
        (1, Family.blood_liver, (1,)),
        (1, Family.lipids, ()),
        (3, Family.lipids, (3,)),
        (3, Family.review, (1, 3)),
        (11, Family.skin, ()),
        (23, Family.skin, (12,)),
        (120, Family.skin, tuple(range(12, 121, 12))),
        (120, Family.blood_liver, (1, *range(3, 121, 3))),
        (5, Family.blood_liver, (1, 3)),
        (7, Family.review, (1, 3, 6)),
    ],
)
def test_schedule_edges(horizon: int, family: Family, months: tuple[int, ...]) -> None:
    plan = plan_for(horizon)
    assert plan.months_of(family) == months
    assert plan.horizon_months == horizon


def test_the_other_reading_of_the_yearly_skin_exam_starts_it_at_month_0() -> None:
    at_start = audit_entry("first_skin_exam").profile
    plan = monitoring_plan(assess(Scenario(crcl_ml_min=90), at_start), 24)
    assert plan.months_of(Family.skin) == (0, 12, 24)
    assert "month 0 is shown as the first" in plan.notes[1]


@pytest.mark.parametrize("horizon", [-1, 0, 121])
def test_horizon_outside_1_to_120_is_refused_naming_it(horizon: int) -> None:
    with pytest.raises(ValueError) as refused:
        plan_for(horizon)
    assert str(refused.value) == (f"horizon_months: {horizon} is not allowed; allowed: 1 to 120")


def test_each_event_says_what_when_and_where_from() -> None:
    by_family = {event.family: event for event in plan_for(12).events}
    expected = {
        Family.screening: (
            "Pre-treatment screening: history and examination, laboratory tests, vaccination "
            "status",
            ("screening.history", "screening.labs", "screening.vaccination", "algorithm.step3"),
        ),
        Family.blood_liver: (
            "Blood count with differential and liver transaminases",
            ("monitoring.blood_liver", "adverse.laboratory"),
        ),
        Family.review: (
            "Review efficacy and adverse events",
            ("algorithm.step5", "algorithm.step7"),
        ),
        Family.lipids: ("Lipid levels", ("monitoring.lipids", "adverse.laboratory")),
        Family.skin: (
            "Skin examination for skin cancer detection",
            ("monitoring.skin", "adverse.malignancy"),
        ),
    }
    assert {f: (e.what, e.passages) for f, e in by_family.items()} == expected
    assert {f: e.why for f, e in by_family.items()} == {
        Family.screening: "Before starting treatment (algorithm steps 2-3)",
        Family.blood_liver: "At 1 and 3 months, then every 3 months. The article lists "
        "blood-count changes among the laboratory adverse events (lymphopenia, "
        "thrombocytopenia, neutropenia, anemia), and rises in CPK and creatinine, usually not "
        "clinically significant",
        Family.review: "At 1, 3, then every 3 months; discontinue if response is inadequate "
        "after 3-6 months or a serious adverse event occurs",
        Family.lipids: "At month 3. The article lists lipid elevations among the laboratory "
        "adverse events",
        Family.skin: "Annually. The article notes that the risk of non-melanoma skin cancer "
        "(NMSC) may be elevated",
    }


def test_plan_notes_say_what_the_source_leaves_open() -> None:
    crp = (
        "When evaluating response, baricitinib lowers CRP and ESR directly, independently of "
        "disease activity."
    )
    open_dates = (
        "The source gives no schedule after the month-3 lipid check and does not say when the "
        "first yearly skin examination falls; month 12 is shown as the first."
    )
    hbv = "Monitor for HBV reactivation: the source is silent on how often, so no date is shown."
    assert plan_for().notes == (crp, open_dates)
    assert plan_for(anti_hbc_positive=True).notes == (crp, open_dates, hbv)


def test_no_plan_names_the_verdict_in_words() -> None:
    plan = monitoring_plan(assess(Scenario(crcl_ml_min=90, pregnant=True)), 18)
    assert (plan.horizon_months, plan.started, plan.events) == (18, False, ())
    assert plan.notes == (
        "No monitoring plan: treatment is not started (verdict: contraindicated).",
    )
    plan = monitoring_plan(assess(Scenario(crcl_ml_min=90, failed_csdmard=False)))
    assert plan.notes == (
        "No monitoring plan: treatment is not started (verdict: not indicated (yet)).",
    )
