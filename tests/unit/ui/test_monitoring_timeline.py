"""The monitoring timeline figure, tested on fig.to_dict() (AppTest cannot see inside a chart)."""

from __future__ import annotations

from core import Scenario, assess, monitoring_plan
from core.monitoring import FAMILY_LABELS
from core.monitoring import TestFamily as Family  # 'Test*' names would be collected
from ui.monitoring_timeline import (
    FAMILY_STYLE,
    TIMELINE_X_TITLE,
    lane_label,
    monitoring_timeline,
    timeline_summary,
)


def started_plan():  # type: ignore[no-untyped-def]
    return monitoring_plan(assess(Scenario(age_years=72, crcl_ml_min=45)))


def test_one_lane_per_family_with_the_plan_months() -> None:
    plan = started_plan()
    data = monitoring_timeline(plan).to_dict()["data"]
    assert [trace["name"] for trace in data] == list(FAMILY_LABELS.values())
    for family, trace in zip(FAMILY_LABELS, data, strict=True):
        assert tuple(trace["x"]) == plan.months_of(family)
        assert set(trace["y"]) <= {FAMILY_LABELS[family]}
    blood = data[list(FAMILY_LABELS).index(Family.blood_liver)]
    assert tuple(blood["x"]) == (1, 3, 6, 9, 12, 15, 18, 21, 24)


def test_hover_says_what_when_why_and_source() -> None:
    plan = started_plan()
    data = monitoring_timeline(plan).to_dict()["data"]
    lipids = data[list(FAMILY_LABELS).index(Family.lipids)]
    what, why, passages, when = lipids["customdata"][0]
    assert what == "Lipid levels" and "month 3" in when.lower() and why
    assert passages == "monitoring.lipids, adverse.laboratory"
    assert all(k in lipids["hovertemplate"] for k in ("When:", "Why:", "Source:"))


def test_axes_are_labelled_and_span_the_horizon() -> None:
    layout = monitoring_timeline(started_plan()).to_dict()["layout"]
    assert layout["xaxis"]["title"]["text"] == TIMELINE_X_TITLE
    low, high = layout["xaxis"]["range"]
    assert low < 0 and high > 24
    assert layout["xaxis"]["tickvals"][0] == 0 and layout["xaxis"]["tickvals"][-1] == 24
    assert layout["yaxis"]["title"]["text"]
    assert layout["font"]["size"] >= 16  # readable on a projector


def test_every_lane_has_its_own_shape_and_colour() -> None:
    data = monitoring_timeline(started_plan()).to_dict()["data"]
    symbols = [trace["marker"]["symbol"] for trace in data]
    colours = [trace["marker"]["color"] for trace in data]
    assert len(set(symbols)) == len(symbols) == len(FAMILY_STYLE)
    assert len(set(colours)) == len(colours)


def test_plan_that_does_not_start_shows_its_reason() -> None:
    plan = monitoring_plan(assess(Scenario(pregnant=True)))
    fig = monitoring_timeline(plan).to_dict()
    assert all(len(trace["x"]) == 0 for trace in fig["data"])
    assert "not started" in fig["layout"]["annotations"][0]["text"]
    assert timeline_summary(plan) == [plan.notes[0]]


def test_summary_is_a_text_alternative() -> None:
    lines = timeline_summary(started_plan())
    assert lines[0] == "Baseline screening: before the start"
    assert "Lipids: month 3" in lines
    assert any(line.startswith("Skin examination: months 12, 24") for line in lines)


def test_long_lane_labels_wrap_and_escape() -> None:
    assert lane_label("Lipids") == "Lipids"
    assert lane_label("Blood count + liver enzymes") == "Blood count +<br>liver enzymes"
    assert "&lt;" in lane_label("CrCl <30 mL/min monitoring")
