"""The audit entries: data that validates, passages that exist, and other readings that really
change computed answers (through the same core the app uses)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import Scenario, assess
from core.audit import (
    AUDIT_DIR,
    AuditFileError,
    answer_changes,
    audit_entries,
    audit_entry,
    batch_difference,
    case_differences,
    grid_difference,
    load_audit_file,
    monitoring_differences,
)
from core.batch import run_batch
from core.monitoring import monitoring_plan
from core.profiles import ARTICLE
from core.readings import Threshold, Transform, TransformError, transformed_rules
from core.rules import RULES, Category, Verdict
from core.sources import passage_ids

ENTRIES = audit_entries()
IDS = [entry.id for entry in ENTRIES]

# The places the issue names (by the rules they rest on): each must have an entry.
REQUIRED_RULES = {
    "ci.crcl_below_30",
    "caution.age_over_65",
    "dose.age_over_70",
    "dose.oat3",
    "caution.anti_hbc_positive",
    "caution.investigational_indication",
    "caution.tb_history",
    "caution.hbsag_with_prophylaxis",
    "nr.inadequate_response",
    "caution.planning_conception",
    "monitoring.schedule",
    "silent.dose_below_2mg",
}


def test_entries_load_in_file_order_with_unique_ids() -> None:
    assert len(ENTRIES) >= 12
    assert len(set(IDS)) == len(IDS)
    assert [p.name[3:-5] for p in sorted(AUDIT_DIR.glob("*.yaml"))] == IDS


def test_every_place_the_issue_names_has_an_entry() -> None:
    touched = {rule_id for entry in ENTRIES for rule_id in entry.rules}
    assert touched >= REQUIRED_RULES


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_entry_passages_exist_and_are_at_least_one(entry) -> None:  # type: ignore[no-untyped-def]
    assert entry.passages
    assert set(entry.passages) <= passage_ids()


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_other_reading_changes_the_example_answer(entry) -> None:  # type: ignore[no-untyped-def]
    """Each entry's example shows the difference: verdict, dose or monitoring plan."""
    scenario = entry.example_scenario
    app, other = assess(scenario, ARTICLE), assess(scenario, entry.profile)
    plans_differ = any(monitoring_differences(entry, scenario))
    assert (app.verdict, app.dose_mg) != (other.verdict, other.dose_mg) or plans_differ
    assert answer_changes(entry) > 0


def test_crcl_below_30_other_reading_is_not_recommended_on_the_grid() -> None:
    entry = audit_entry("crcl_below_30")
    difference = grid_difference(entry, Scenario())
    below = difference.app.crcls < 30
    assert difference.changed[below].all()
    assert not difference.changed[~below].any()
    assert difference.other.verdict_at(50, 10.0) is Verdict.not_recommended
    assert difference.app.verdict_at(50, 10.0) is Verdict.contraindicated


def test_age_thresholds_other_reading_moves_both_edges() -> None:
    entry = audit_entry("age_thresholds")
    for age, app_dose, other_dose in ((70, 4, 2), (71, 2, 2), (69, 4, 4)):
        scenario = Scenario(age_years=age, crcl_ml_min=90)
        assert assess(scenario, ARTICLE).dose_mg == app_dose
        assert assess(scenario, entry.profile).dose_mg == other_dose
    at_65 = Scenario(age_years=65, crcl_ml_min=90)
    assert assess(at_65, ARTICLE).verdict is Verdict.recommended
    assert assess(at_65, entry.profile).verdict is Verdict.use_with_caution


def test_stacking_readings_halve_the_dose_only_with_two_reductions() -> None:
    oat3 = audit_entry("oat3_reduction").profile
    every = audit_entry("dose_below_2mg").profile
    two = Scenario(age_years=75, crcl_ml_min=45)
    with_oat3 = Scenario(age_years=75, crcl_ml_min=90, oat3_inhibitor=True)
    only_oat3 = Scenario(crcl_ml_min=90, oat3_inhibitor=True)
    assert assess(two, oat3).dose_mg == 2
    assert assess(with_oat3, oat3).dose_mg == 1
    assert assess(two, every).dose_mg == 1
    assert assess(only_oat3, every).dose_mg == 2
    grid = grid_difference(audit_entry("dose_below_2mg"), Scenario()).other
    assert grid.dose_mg[45, 75 - 18] == 1.0  # column-wise path agrees


def test_monitoring_depends_on_the_new_blocking_rules() -> None:
    """A rule turned blocking (HBsAg with prophylaxis) also stops the monitoring plan."""
    entry = audit_entry("hbsag_with_prophylaxis")
    scenario = entry.example_scenario
    assert monitoring_plan(assess(scenario, ARTICLE)).started
    other = assess(scenario, entry.profile)
    assert "monitoring.schedule" not in other.finding_ids
    assert not monitoring_plan(other).started


def test_first_skin_exam_reading_adds_a_month_zero_examination() -> None:
    entry = audit_entry("first_skin_exam")
    removed, added = monitoring_differences(entry, entry.example_scenario)
    assert not removed
    assert [(e.month, e.family.value) for e in added] == [(0, "skin")]


def test_case_differences_are_the_cases_whose_answer_changes() -> None:
    changed = {item.case.id for item in case_differences(audit_entry("hbsag_with_prophylaxis"))}
    assert changed == {"hbsag_with_prophylaxis"}
    assert len(case_differences(audit_entry("standard_dose"))) > 5


def test_batch_difference_counts_changed_rows_and_skips_error_rows() -> None:
    data = (
        b"age_years,crcl_ml_min,hbsag_positive,antiviral_prophylaxis\n"
        b"50,90,true,true\n50,90,false,false\n50,abc,false,false\n70,25,true,true\n"
    )
    difference = batch_difference(audit_entry("hbsag_with_prophylaxis"), run_batch(data))
    assert (difference.rows, difference.errors, difference.changed) == (4, 1, 1)


def test_transform_with_an_unknown_rule_or_threshold_fails_loudly() -> None:
    with pytest.raises(TransformError, match="nope"):
        transformed_rules(RULES, Transform(drop=("nope",)))
    missing = Threshold(field="age_years", op=">", value=42, new_op=">=", new_value=42, words="x")
    with pytest.raises(TransformError, match="age_years > 42"):
        transformed_rules(RULES, Transform(thresholds=(missing,)))


def test_transform_leaves_the_article_table_untouched() -> None:
    before = [(r.id, r.category, r.when) for r in RULES]
    rules = transformed_rules(RULES, audit_entry("crcl_below_30").transform)
    assert [(r.id, r.category, r.when) for r in RULES] == before
    changed = {r.id: r for r in rules}["ci.crcl_below_30"]
    assert changed.category is Category.not_recommended


def test_bad_audit_file_names_the_file_and_problem(tmp_path: Path) -> None:
    source = (AUDIT_DIR / "01_crcl_below_30.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "01_crcl_below_30.yaml"
    bad.write_text(source.replace("dosing.renal_below_30", "dosing.nowhere"), encoding="utf-8")
    with pytest.raises(AuditFileError, match=r"01_crcl_below_30.yaml.*dosing.nowhere"):
        load_audit_file(bad)
    bad.write_text(source.replace("ci.crcl_below_30]", "ci.nothing]"), encoding="utf-8")
    with pytest.raises(AuditFileError, match=r"ci\.nothing"):
        load_audit_file(bad)
