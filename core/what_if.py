"""What would change this answer? The single-input changes that change the verdict or the dose.

Nothing here is listed by hand: the numeric limits are read from the comparisons in the rule
table's conditions (``Compare`` nodes), and the yes/no and choice inputs are the fields the rules
read. Every candidate change is assessed by the core under the same profile; only the changes
that alter the verdict or the dose are kept, nearest first (numbers by distance to the limit,
then single switches).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from core.assess import Assessment, assess
from core.conditions import Compare, Condition, Not
from core.dose_words import answer_words
from core.field_words import input_label, input_unit, value_words
from core.profiles import ARTICLE, Profile
from core.scenario import Scenario

# A rule's derived input -> the contract field a reviewer changes to move it.
NUMBER_FIELDS: dict[str, str] = {"age_years": "age_years", "crcl": "crcl_ml_min"}
# The smallest step of each number field (age in whole years; CrCl to one decimal).
STEPS: dict[str, float] = {"age_years": 1, "crcl_ml_min": 0.1}
SWITCH_DISTANCE = math.inf  # single switches come after every number change


@dataclass(frozen=True)
class Limit:
    """One numeric limit of the rule table: the field and the comparison."""

    field: str
    op: str
    value: float


@dataclass(frozen=True)
class AnswerChange:
    """One single-input change that changes the verdict or the dose."""

    field: str
    value: Any
    distance: float
    outcome: Assessment
    delta: float = 0.0  # signed change of a number (new minus current)

    @property
    def label(self) -> str:
        """The input's plain label ('CrCl' for the known creatinine clearance)."""
        return SHORT_LABELS.get(self.field) or input_label(self.field)

    @property
    def value_text(self) -> str:
        """The new value in words ('29.9 mL/min', 'yes', 'Psoriatic arthritis')."""
        return value_words(self.field, self.value)

    @property
    def is_number(self) -> bool:
        """True for a change of age or CrCl (it has a distance)."""
        return self.field in STEPS

    @property
    def outcome_words(self) -> str:
        """'Not recommended, no dose' or 'Use with caution, 2 mg once daily'."""
        return answer_words(self.outcome.verdict, self.outcome.dose_mg)

    @property
    def change_text(self) -> str:
        """'7 years younger', '15.1 mL/min lower'."""
        unit = input_unit(self.field)
        if self.field == "age_years":
            direction = "older" if self.delta > 0 else "younger"
        else:
            direction = "higher" if self.delta > 0 else "lower"
        return f"{abs(self.delta):g} {unit} {direction}"

    @property
    def words(self) -> str:
        """'CrCl 29.9 mL/min (15.1 lower): Contraindicated, no dose' or 'HBsAg positive: yes
        — Not recommended, no dose'."""
        if self.is_number and math.isfinite(self.distance):
            return f"{self.label} {self.value_text} ({self.change_text}): {self.outcome_words}"
        return f"{self.label} {self.value_text}: {self.outcome_words}"


SHORT_LABELS: dict[str, str] = {"crcl_ml_min": "CrCl"}


def _compares(condition: Condition) -> Iterator[Compare]:
    if isinstance(condition, Compare):
        yield condition
    elif isinstance(condition, Not):
        yield from _compares(condition.part)
    else:
        for part in getattr(condition, "parts", ()):
            yield from _compares(part)


def limits(profile: Profile = ARTICLE) -> tuple[Limit, ...]:
    """Every numeric limit the rules compare age or CrCl with, sorted, without repeats."""
    found = {
        Limit(NUMBER_FIELDS[compare.field], compare.op, float(compare.value))
        for rule in profile.rules
        for compare in _compares(rule.when)
        if compare.field in NUMBER_FIELDS
    }
    return tuple(sorted(found, key=lambda limit: (limit.field, limit.value, limit.op)))


def _edges(limit: Limit) -> tuple[float, float]:
    """The two values either side of a limit: the last that fails and the first that holds
    a ``>``/``>=`` comparison (for ``<``/``<=``, the other way round)."""
    step = STEPS[limit.field]
    if limit.op in (">", "<="):
        return limit.value, limit.value + step
    return limit.value - step, limit.value


def _in_range(field: str, value: float) -> bool:
    bounds = Scenario.model_fields[field].metadata
    low = min((m.ge for m in bounds if hasattr(m, "ge")), default=-math.inf)
    high = max((m.le for m in bounds if hasattr(m, "le")), default=math.inf)
    return bool(low <= value <= high)


def _current_number(scenario: Scenario, assessment: Assessment, field: str) -> float | None:
    if field == "crcl_ml_min":
        return assessment.crcl_ml_min_used
    value = getattr(scenario, field)
    return None if value is None else float(value)


def position_words(assessment: Assessment, profile: Profile = ARTICLE) -> list[str]:
    """Where each number sits between its limits: 'CrCl 45 mL/min: 15 above the 30 limit, 15
    below the 60 limit' (unknown values are said to be unknown)."""
    lines = []
    for field in dict.fromkeys(limit.field for limit in limits(profile)):
        current = _current_number(assessment.scenario, assessment, field)
        label = SHORT_LABELS.get(field) or input_label(field)
        if current is None:
            lines.append(f"{label}: unknown")
            continue
        values = sorted({limit.value for limit in limits(profile) if limit.field == field})
        parts = []
        for value in values:
            gap = current - value
            if gap > 0:
                parts.append(f"{gap:g} above the {value:g} limit")
            elif gap < 0:
                parts.append(f"{-gap:g} below the {value:g} limit")
            else:
                parts.append(f"exactly at the {value:g} limit")
        lines.append(f"{label} {value_words(field, current)}: " + ", ".join(parts))
    return lines


def _number_candidates(
    scenario: Scenario, assessment: Assessment, profile: Profile
) -> set[tuple[str, float]]:
    candidates: set[tuple[str, float]] = set()
    for limit in limits(profile):
        current = _current_number(scenario, assessment, limit.field)
        for edge in _edges(limit):
            edge = round(edge, 1)
            if edge != current and _in_range(limit.field, edge):
                candidates.add((limit.field, edge))
    return candidates


def _switch_candidates(scenario: Scenario, profile: Profile) -> Iterator[tuple[str, Any]]:
    read = dict.fromkeys(name for rule in profile.rules for name in rule.inputs)
    for name in read:
        if name in NUMBER_FIELDS or name not in Scenario.model_fields:
            continue
        current = getattr(scenario, name)
        if isinstance(current, bool):
            yield name, not current
        elif isinstance(current, StrEnum):
            for member in type(current):
                if member != current:
                    yield name, member


def answer_changes(assessment: Assessment, profile: Profile = ARTICLE) -> list[AnswerChange]:
    """The single-input changes that change the verdict or the dose, nearest first: for each
    numeric limit the values just either side of it, and every other value of each yes/no or
    choice input the rules read."""
    scenario = assessment.scenario
    answer = (assessment.verdict, assessment.dose_mg)
    found: list[AnswerChange] = []
    for field, value in sorted(_number_candidates(scenario, assessment, profile)):
        update: dict[str, Any] = {field: int(value) if field == "age_years" else value}
        outcome = assess(scenario.model_copy(update=update), profile)
        if (outcome.verdict, outcome.dose_mg) != answer:
            current = _current_number(scenario, assessment, field)
            delta = 0.0 if current is None else round(value - current, 1)
            distance = math.inf if current is None else abs(delta)
            found.append(AnswerChange(field, update[field], distance, outcome, delta))
    for field, value in _switch_candidates(scenario, profile):
        outcome = assess(scenario.model_copy(update={field: value}), profile)
        if (outcome.verdict, outcome.dose_mg) != answer:
            found.append(AnswerChange(field, value, SWITCH_DISTANCE, outcome))
    return sorted(found, key=lambda change: change.distance)
