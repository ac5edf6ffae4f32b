"""The self-check quiz on the teaching cases: the choices, the scoring and the session tally.

The expected answer is what the rule core computes for the case's scenario (``core.assess``),
plus the case's ``key_finding`` when it names one; ``tests/unit/test_cases.py`` proves the case
files state the same answer. Scoring is pure: the page only draws the choices and the feedback.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from core.assess import assess
from core.cases import TeachingCase, case_scenario
from core.conditions import AllOf, AnyOf, Condition, Known, Not
from core.rules import RULES, RULES_BY_ID, Category, Verdict

DOSE_CHOICES: tuple[int | None, ...] = (4, 2, None)
"""The starting doses a student can pick: 4 mg, 2 mg, or no dose."""

FINDING_CHOICES = 4
"""How many findings the "which finding matters most" question offers."""

# Findings that fire for almost everyone or only organise the work: never "the key finding",
# and too easy to rule out as distractors.
_NOT_OFFERED = frozenset({Category.screening, Category.monitoring})
_NOT_OFFERED_IDS = frozenset({"advice.contraception"})


@dataclass(frozen=True)
class QuizAnswer:
    """A verdict, a starting dose (None = no dose) and, for some cases, the key finding's id."""

    verdict: Verdict
    dose_mg: int | None
    key_finding: str | None = None


@dataclass(frozen=True)
class QuizResult:
    """How one answer scored against the expected answer, part by part."""

    given: QuizAnswer
    expected: QuizAnswer

    @property
    def verdict_right(self) -> bool:
        """The verdict matches."""
        return self.given.verdict is self.expected.verdict

    @property
    def dose_right(self) -> bool:
        """The starting dose matches (no dose = no dose)."""
        return self.given.dose_mg == self.expected.dose_mg

    @property
    def finding_right(self) -> bool | None:
        """The key finding matches; None when the case asks for none."""
        if self.expected.key_finding is None:
            return None
        return self.given.key_finding == self.expected.key_finding

    @property
    def points(self) -> int:
        """One point per right part."""
        parts = (self.verdict_right, self.dose_right, self.finding_right)
        return sum(part is True for part in parts)

    @property
    def out_of(self) -> int:
        """The number of parts asked (2, or 3 with a key finding)."""
        return 2 if self.expected.key_finding is None else 3

    @property
    def correct(self) -> bool:
        """Every part asked is right."""
        return self.points == self.out_of


def expected_answer(case: TeachingCase) -> QuizAnswer:
    """The answer the core computes for the case (verdict, dose) plus the case's key finding."""
    assessment = assess(case_scenario(case))
    return QuizAnswer(assessment.verdict, assessment.dose_mg, case.key_finding)


def score(case: TeachingCase, given: QuizAnswer) -> QuizResult:
    """Score a student's answer to a case."""
    return QuizResult(given, expected_answer(case))


def dose_words(dose_mg: int | None) -> str:
    """'4 mg once daily' or 'No dose'."""
    return "No dose" if dose_mg is None else f"{dose_mg} mg once daily"


def _plain(condition: Condition) -> str:
    """A condition in words a student reads: no logic brackets ("not (x) and not (y)")."""
    if isinstance(condition, Not):
        inner = condition.part
        if isinstance(inner, Known):
            return inner.words.replace(" known", " unknown")
        if isinstance(inner, AnyOf):
            return "none of: " + "; ".join(_plain(part) for part in inner.parts)
        return f"not {_plain(inner)}"
    if isinstance(condition, AllOf):
        parts = condition.parts
        if len(parts) == 2 and all(isinstance(part, Not) for part in parts):
            first, second = (_plain(part.part) for part in parts if isinstance(part, Not))
            return f"neither {first} nor {second}"
        return " and ".join(_plain(part) for part in parts)
    return condition.describe()


def finding_label(rule_id: str) -> str:
    """A neutral label for a finding choice: the rule's condition in words, not its category or
    text (which would give the verdict away), e.g. 'Takes a strong OAT3 inhibitor',
    'Neither failed a csDMARD nor failed a bDMARD'."""
    words = _plain(RULES_BY_ID[rule_id].when)
    return words[:1].upper() + words[1:]


def finding_choices(case: TeachingCase, count: int = FINDING_CHOICES) -> tuple[str, ...]:
    """The rule ids offered for "which finding matters most", or () when the case asks none.

    The key finding, then the case's other fired findings (plausible: they are true for the
    patient), then rules of the same category that did not fire; shuffled with the case id as
    seed, so a case always shows the same choices in the same order.
    """
    if case.key_finding is None:
        return ()
    fired = [
        f.id
        for f in assess(case_scenario(case)).findings
        if f.category not in _NOT_OFFERED and f.id not in _NOT_OFFERED_IDS
    ]
    key_category = RULES_BY_ID[case.key_finding].category
    not_fired = [
        rule.id
        for rule in RULES
        if rule.id not in fired
        and rule.category not in _NOT_OFFERED
        and rule.id not in _NOT_OFFERED_IDS
    ]
    same_category = [i for i in not_fired if RULES_BY_ID[i].category is key_category]
    others = [i for i in not_fired if i not in same_category]
    rng = random.Random(case.id)
    rng.shuffle(same_category)
    rng.shuffle(others)
    pool = [i for i in fired if i != case.key_finding] + same_category + others
    choices = [case.key_finding, *pool[: count - 1]]
    rng.shuffle(choices)
    return tuple(choices)


@dataclass(frozen=True)
class ScoreBoard:
    """The session's quiz record: every submitted answer as (case id, all parts right)."""

    attempts: tuple[tuple[str, bool], ...] = field(default=())

    def record(self, case_id: str, result: QuizResult) -> ScoreBoard:
        """A new board with this answer added (boards are immutable)."""
        return ScoreBoard((*self.attempts, (case_id, result.correct)))

    @property
    def cases_answered(self) -> int:
        """How many different cases were answered."""
        return len({case_id for case_id, _ in self.attempts})

    @property
    def right_first_time(self) -> int:
        """How many cases were fully right at their first answer."""
        first: dict[str, bool] = {}
        for case_id, correct in self.attempts:
            first.setdefault(case_id, correct)
        return sum(first.values())

    def summary(self) -> str:
        """'3 of 4 cases right at the first try (6 answers)', or a prompt before any answer."""
        if not self.attempts:
            return "No answers yet this session."
        answers = len(self.attempts)
        return (
            f"{self.right_first_time} of {self.cases_answered} cases right at the first try "
            f"({answers} answer{'s' if answers != 1 else ''})"
        )
