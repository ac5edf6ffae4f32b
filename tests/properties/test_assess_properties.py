"""Properties of the assessment that must hold for every valid scenario."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
from core_strategies import CRCL_EDGES, RISK_FLAGS, scenarios
from hypothesis import given, settings
from hypothesis import strategies as st

from core.assess import VERDICT_CODES, assess, assess_columns
from core.grid import dose_grid
from core.monitoring import monitoring_plan
from core.renal import crcl_columns
from core.rules import VERDICT_ORDER, Category, Verdict
from core.scenario import FIELD_NAMES, ChildPugh, Scenario
from core.screening import screening_checklist

FAST = settings(max_examples=100, deadline=None)

# Most severe first (index 0), as in the contract.
SEVERITY = {verdict: rank for rank, verdict in enumerate(VERDICT_ORDER)}


def dose_order(dose: int | None) -> int:
    return 0 if dose is None else dose


@FAST
@given(scenarios())
def test_assess_never_raises_and_everything_downstream_works(scenario: Scenario) -> None:
    assessment = assess(scenario)
    json.dumps(assessment.to_dict())
    monitoring_plan(assessment)
    screening_checklist(scenario)
    assert assessment.dose_mg in (2, 4, None)
    assert assessment.verdict in set(Verdict)


@FAST
@given(scenarios())
def test_no_dose_when_contraindicated_or_not_recommended(scenario: Scenario) -> None:
    assessment = assess(scenario)
    if assessment.verdict in (Verdict.contraindicated, Verdict.not_recommended):
        assert assessment.dose_mg is None
    if assessment.crcl_ml_min_used is None:
        assert assessment.dose_mg is None
        assert "advice.renal_function_needed" in assessment.finding_ids


@FAST
@given(scenarios(), st.integers(18, 120), st.integers(18, 120))
def test_dose_never_rises_with_age(scenario: Scenario, first: int, second: int) -> None:
    younger, older = sorted((first, second))
    young = assess(scenario.model_copy(update={"age_years": younger}))
    old = assess(scenario.model_copy(update={"age_years": older}))
    if young.dose_mg is not None and old.dose_mg is not None:
        assert old.dose_mg <= young.dose_mg
    if young.dose_mg is None and young.crcl_ml_min_used is not None:
        assert old.dose_mg is None  # a blocked start never unblocks with age


@FAST
@given(
    scenarios(),
    st.one_of(st.sampled_from(CRCL_EDGES), st.floats(0, 250)),
    st.one_of(st.sampled_from(CRCL_EDGES), st.floats(0, 250)),
)
def test_dose_never_rises_as_crcl_falls(scenario: Scenario, first: float, second: float) -> None:
    low, high = sorted((first, second))
    at_low = assess(scenario.model_copy(update={"crcl_ml_min": low}))
    at_high = assess(scenario.model_copy(update={"crcl_ml_min": high}))
    assert dose_order(at_low.dose_mg) <= dose_order(at_high.dose_mg)
    assert SEVERITY[at_low.verdict] <= SEVERITY[at_high.verdict]


@FAST
@given(scenarios(), st.sampled_from(RISK_FLAGS))
def test_adding_a_risk_never_improves_the_verdict(scenario: Scenario, risk: str) -> None:
    without = assess(scenario.model_copy(update={risk: False}))
    with_risk = assess(scenario.model_copy(update={risk: True}))
    assert SEVERITY[with_risk.verdict] <= SEVERITY[without.verdict]
    assert dose_order(with_risk.dose_mg) <= dose_order(without.dose_mg)


@FAST
@given(scenarios(), st.sampled_from(list(ChildPugh)), st.sampled_from(list(ChildPugh)))
def test_worse_liver_class_never_improves_the_verdict(
    scenario: Scenario, first: ChildPugh, second: ChildPugh
) -> None:
    order = list(ChildPugh)
    better, worse = sorted((first, second), key=order.index)
    at_better = assess(scenario.model_copy(update={"child_pugh": better}))
    at_worse = assess(scenario.model_copy(update={"child_pugh": worse}))
    assert SEVERITY[at_worse.verdict] <= SEVERITY[at_better.verdict]


def as_columns(batch: list[Scenario]) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for name in FIELD_NAMES:
        values = [getattr(s, name) for s in batch]
        if isinstance(values[0], bool):
            columns[name] = np.array(values, dtype=bool)
        elif name in ("sex", "child_pugh", "indication"):
            columns[name] = np.array([v.value for v in values], dtype=object)
        else:
            columns[name] = np.array(
                [math.nan if v is None else float(v) for v in values], dtype=float
            )
    columns["age_years"] = columns["age_years"].astype(np.int64)
    return columns


@settings(max_examples=40, deadline=None)
@given(st.lists(scenarios(), min_size=1, max_size=12))
def test_assess_columns_equals_assess(batch: list[Scenario]) -> None:
    columns = as_columns(batch)
    columns["crcl"] = crcl_columns(columns, len(batch))
    result = assess_columns(columns, len(batch))
    for index, scenario in enumerate(batch):
        one = assess(scenario)
        assert VERDICT_CODES[result.verdict_code[index]] is one.verdict
        dose = result.dose_mg[index]
        assert (None if math.isnan(dose) else int(dose)) == one.dose_mg
        crcl = result.crcl_ml_min_used[index]
        assert (None if math.isnan(crcl) else float(crcl)) == one.crcl_ml_min_used
        fired = {rule_id for rule_id, mask in result.fired.items() if mask[index]}
        assert fired == set(one.finding_ids)
        ids = result.finding_ids()[index]
        assert ids == ";".join(one.finding_ids)


@settings(max_examples=40, deadline=None)
@given(
    scenarios(),
    st.lists(st.integers(18, 120), min_size=1, max_size=6, unique=True),
    st.lists(st.one_of(st.sampled_from(CRCL_EDGES), st.floats(0, 250)), min_size=1, max_size=6),
)
def test_dose_grid_equals_assess(base: Scenario, ages: list[int], crcls: list[float]) -> None:
    grid = dose_grid(base, ages, crcls)
    assert grid.dose_mg.shape == (len(crcls), len(ages))
    for row, crcl in enumerate(crcls):
        for column, age in enumerate(ages):
            one = assess(base.model_copy(update={"age_years": age, "crcl_ml_min": crcl}))
            dose = grid.dose_mg[row, column]
            assert (None if math.isnan(dose) else int(dose)) == one.dose_mg
            assert VERDICT_CODES[grid.verdict_code[row, column]] is one.verdict
            fired = {rule_id for rule_id, mask in grid.fired.items() if mask[row, column]}
            assert fired == set(one.finding_ids)


@FAST
@given(scenarios())
def test_findings_are_cited_and_categories_known(scenario: Scenario) -> None:
    for finding in assess(scenario).findings:
        assert finding.passages
        assert finding.category in set(Category)
