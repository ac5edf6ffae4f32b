"""The monitoring plan's months and the screening checklist's statuses."""

from __future__ import annotations

from typing import Any

import pytest

from core import Scenario, assess, monitoring_plan, screening_checklist
from core.monitoring import TestFamily as Family
from core.screening import ItemStatus
from core.sources import passage_ids


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
    assert statuses(crcl_ml_min=90)[item] is ItemStatus.to_do or item == "labs.renal"


def test_hbv_item_cites_the_hbv_passages_when_positive() -> None:
    item = next(i for i in screening_checklist(Scenario(hbsag_positive=True)) if i.id == "labs.hbv")
    assert {"hbv.hbsag_positive", "hbv.anti_hbc_positive"} <= set(item.passages)
    assert "HBsAg positive" in item.note
