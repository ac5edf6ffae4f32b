"""Quiz scoring: right and wrong answers part by part, the choices offered, the session tally."""

from __future__ import annotations

import pytest

from core import Scenario, assess
from core.cases import TeachingCase, case_scenario, teaching_case, teaching_cases
from core.quiz import (
    DOSE_CHOICES,
    FINDING_CHOICES,
    QuizAnswer,
    ScoreBoard,
    dose_words,
    expected_answer,
    finding_choices,
    finding_label,
    score,
)
from core.rules import RULES_BY_ID, Category, Verdict

CASES = teaching_cases()
WITH_KEY = [case for case in CASES if case.key_finding is not None]
WITHOUT_KEY = [case for case in CASES if case.key_finding is None]


def test_expected_answer_is_the_cores_answer_for_every_case() -> None:
    for case in CASES:
        assessment = assess(case_scenario(case))
        expected = expected_answer(case)
        assert (expected.verdict, expected.dose_mg) == (assessment.verdict, assessment.dose_mg)
        assert expected.key_finding == case.key_finding


def test_right_answer_scores_every_part() -> None:
    case = teaching_case("crcl_29_9")
    result = score(case, QuizAnswer(Verdict.contraindicated, None, "ci.crcl_below_30"))
    assert result.correct
    assert (result.points, result.out_of) == (3, 3)
    assert result.verdict_right and result.dose_right and result.finding_right


def test_wrong_dose_is_wrong_even_with_the_right_verdict() -> None:
    # The classic slip: 29.9 mL/min read as "reduce to 2 mg" instead of "contraindicated".
    case = teaching_case("crcl_29_9")
    result = score(case, QuizAnswer(Verdict.contraindicated, 2, "ci.crcl_below_30"))
    assert not result.correct
    assert result.verdict_right and result.finding_right is True
    assert not result.dose_right
    assert (result.points, result.out_of) == (2, 3)


def test_wrong_verdict_and_wrong_key_finding() -> None:
    case = teaching_case("age_71")
    result = score(case, QuizAnswer(Verdict.recommended, 2, "caution.age_over_65"))
    assert not result.verdict_right and result.dose_right
    assert result.finding_right is False
    assert result.points == 1 and not result.correct


@pytest.mark.parametrize("case", WITHOUT_KEY, ids=lambda c: c.id)
def test_cases_without_key_finding_ask_verdict_and_dose_only(case: TeachingCase) -> None:
    assert case in CASES
    expected = expected_answer(case)
    result = score(case, QuizAnswer(expected.verdict, expected.dose_mg))
    assert result.finding_right is None and result.out_of == 2 and result.correct
    assert finding_choices(case) == ()


def test_no_dose_is_an_answer_distinct_from_a_dose() -> None:
    case = teaching_case("pregnancy")
    assert score(case, QuizAnswer(Verdict.contraindicated, None, "ci.pregnancy")).correct
    assert not score(case, QuizAnswer(Verdict.contraindicated, 4, "ci.pregnancy")).dose_right
    assert DOSE_CHOICES == (4, 2, None)
    assert [dose_words(d) for d in DOSE_CHOICES] == [
        "4 mg once daily",
        "2 mg once daily",
        "No dose",
    ]


@pytest.mark.parametrize("case", WITH_KEY, ids=lambda c: c.id)
def test_finding_choices_hold_the_key_and_distinct_plausible_rules(case: TeachingCase) -> None:
    choices = finding_choices(case)
    assert len(choices) == FINDING_CHOICES == len(set(choices))
    assert case.key_finding in choices
    for rule_id in choices:
        assert RULES_BY_ID[rule_id].category not in (Category.screening, Category.monitoring)
    assert finding_choices(case) == choices  # same order every time (seeded by the case id)


def test_finding_choices_prefer_the_cases_other_fired_findings() -> None:
    case = teaching_case("age_71")  # age 71 fires both dose.age_over_70 and caution.age_over_65
    assert "caution.age_over_65" in finding_choices(case)


def test_finding_label_does_not_give_the_category_away() -> None:
    assert finding_label("dose.oat3") == "Takes a strong OAT3 inhibitor"
    assert "contraindication" not in finding_label("ci.pregnancy").lower()


def test_scoreboard_counts_cases_and_first_tries() -> None:
    case = teaching_case("pregnancy")
    right = score(case, QuizAnswer(Verdict.contraindicated, None, "ci.pregnancy"))
    wrong = score(case, QuizAnswer(Verdict.use_with_caution, 4, "ci.pregnancy"))
    other = teaching_case("standard_start")
    other_right = score(other, QuizAnswer(Verdict.recommended, 4))
    board = ScoreBoard()
    assert board.summary() == "No answers yet this session."
    board = board.record(case.id, wrong).record(case.id, right).record(other.id, other_right)
    assert board.cases_answered == 2
    assert board.right_first_time == 1  # pregnancy was wrong first, right the second time
    assert board.summary() == "1 of 2 cases right at the first try (3 answers)"
    assert ScoreBoard().record(other.id, other_right).summary().endswith("(1 answer)")


def test_expected_answer_follows_the_core_not_a_stored_copy() -> None:
    # A scenario-level check that the quiz reads the rule core: 30 mL/min is 2 mg, 29.97 is none.
    assert assess(Scenario(crcl_ml_min=30)).dose_mg == 2
    assert expected_answer(teaching_case("crcl_30_si_units")).dose_mg is None
    assert expected_answer(teaching_case("crcl_60_cockcroft_gault")).dose_mg == 2


def test_finding_labels_read_as_plain_words_not_logic() -> None:
    from core.quiz import finding_label
    from core.rules import RULES

    assert finding_label("ni.no_failed_dmard") == "Neither failed a csDMARD nor failed a bDMARD"
    assert finding_label("advice.renal_function_needed") == "Renal function unknown"
    offered = [r for r in RULES if r.category not in (Category.screening, Category.monitoring)]
    for rule in offered:
        label = finding_label(rule.id)
        assert "not (" not in label.lower() and "_" not in label, (rule.id, label)
