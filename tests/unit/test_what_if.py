"""What would change this answer: limits read from the rule table, every listed change really
changes the answer, and none nearer is missed (checked against a brute-force scan)."""

from __future__ import annotations

import dataclasses

from core import Scenario, assess
from core.audit import audit_entry
from core.conditions import Compare
from core.profiles import ARTICLE
from core.rules import Verdict
from core.what_if import Limit, answer_changes, limits, position_words


def test_limits_are_read_from_the_rule_table() -> None:
    found = set(limits())
    assert Limit("age_years", ">", 65) in found
    assert Limit("crcl_ml_min", "<", 30) in found
    assert Limit("crcl_ml_min", "<=", 60) in found
    moved = tuple(
        dataclasses.replace(rule, when=Compare("age_years", ">", 75))
        if rule.id == "dose.age_over_70"
        else rule
        for rule in ARTICLE.rules
    )
    assert Limit("age_years", ">", 75) in limits(dataclasses.replace(ARTICLE, rules=moved))


def test_position_words_for_the_issue_example() -> None:
    assessment = assess(Scenario(age_years=72, crcl_ml_min=45))
    assert "CrCl 45 mL/min: 15 above the 30 limit, 15 below the 60 limit" in position_words(
        assessment
    )


def test_changes_for_72_and_crcl_45_nearest_first() -> None:
    assessment = assess(Scenario(age_years=72, crcl_ml_min=45))
    changes = answer_changes(assessment)
    assert [c.words for c in changes[:2]] == [
        "Age 65 years (7 years younger): Recommended, 2 mg once daily",
        "CrCl 29.9 mL/min (15.1 mL/min lower): Contraindicated, no dose",
    ]
    hbsag = next(c for c in changes if c.field == "hbsag_positive")
    assert hbsag.outcome.verdict is Verdict.not_recommended
    distances = [c.distance for c in changes]
    assert distances == sorted(distances)


def test_every_listed_change_changes_the_answer_and_no_change_is_missed() -> None:
    base = Scenario(age_years=50, crcl_ml_min=90)
    answer = (assess(base).verdict, assess(base).dose_mg)
    changes = answer_changes(assess(base))
    for change in changes:
        outcome = assess(base.model_copy(update={change.field: change.value}))
        assert (outcome.verdict, outcome.dose_mg) != answer
    # Brute force over every whole age and CrCl step of 0.1 near the limits: the nearest
    # answer-changing value on each side is in the list.
    ages = [
        a
        for a in range(18, 121)
        if (
            assess(base.model_copy(update={"age_years": a})).verdict,
            assess(base.model_copy(update={"age_years": a})).dose_mg,
        )
        != answer
    ]
    listed_ages = {c.value for c in changes if c.field == "age_years"}
    assert min(ages) in listed_ages
    crcls = [c / 10 for c in range(0, 1201)]
    changing = [
        c
        for c in crcls
        if (lambda o: (o.verdict, o.dose_mg))(assess(base.model_copy(update={"crcl_ml_min": c})))
        != answer
    ]
    listed_crcls = {c.value for c in changes if c.field == "crcl_ml_min"}
    assert max(changing) in listed_crcls


def test_other_reading_changes_the_limits_it_rewrites() -> None:
    profile = audit_entry("age_thresholds").profile
    assessment = assess(Scenario(age_years=60, crcl_ml_min=90), profile)
    ages = {c.value for c in answer_changes(assessment, profile) if c.field == "age_years"}
    assert 65 in ages and 66 not in ages
