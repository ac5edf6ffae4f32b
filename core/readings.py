"""Other readings of the article: a data transform of the article's rule table into a variant.

Where the article is ambiguous the app takes one reading (the default profile, core.rules). An
audit entry (core.audit) describes the other reading as data -- a ``Transform`` -- and
``reading_profile`` turns it into a Profile that ``assess``, ``dose_grid`` and the batch run
unchanged, the way a label profile does. Nothing here re-implements a rule.

A transform can
- ``rules``: change a rule's category, outcome or text;
- ``drop``: remove rules;
- ``thresholds``: rewrite every comparison of a field with a limit (in every rule that has it);
- ``remove_values``: take values out of a rule's choice condition (e.g. one indication);
- ``only_when``: add a further condition on a choice field to a rule;
- ``standard_dose_mg``, ``stacking``, ``first_skin_exam_month``: change the profile's doses and
  monitoring.
The rules that depend on "can start" (monitoring) are rebuilt from the transformed table.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from core.conditions import AllOf, AnyOf, AtLeast, Compare, Condition, Equals, Not
from core.profiles import ARTICLE, Profile
from core.rules import CAN_START, Category, Rule, can_start

Operator = Literal[">", ">=", "<", "<="]


class RuleChange(BaseModel):
    """A new category, outcome or text for one rule (unset = unchanged)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    category: Category | None = None
    outcome: str | None = None
    text: str | None = None


class Threshold(BaseModel):
    """Every ``field op value`` comparison becomes ``field new_op new_value`` (``words``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str
    op: Operator
    value: float
    new_op: Operator
    new_value: float
    words: str


class OnlyWhen(BaseModel):
    """A rule applies only when a choice field has one of ``values``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    field: str
    values: tuple[str, ...]
    words: str


class Transform(BaseModel):
    """The other reading as a change to the article's profile (see the module docstring)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rules: dict[str, RuleChange] = {}
    drop: tuple[str, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    remove_values: dict[str, tuple[str, ...]] = {}
    only_when: dict[str, OnlyWhen] = {}
    standard_dose_mg: Literal[2, 4] | None = None
    stacking: tuple[str, ...] = ()
    first_skin_exam_month: Annotated[int, Field(ge=0, le=12)] | None = None

    def rule_ids(self) -> tuple[str, ...]:
        """Every rule id the transform names, in order, without repeats."""
        named = [*self.rules, *self.drop, *self.remove_values, *self.only_when, *self.stacking]
        return tuple(dict.fromkeys(named))


def _rewrite(condition: Condition, threshold: Threshold) -> tuple[Condition, int]:
    """The condition with every matching comparison rewritten, and how many were."""
    if isinstance(condition, Compare):
        if (condition.field, condition.op, condition.value) == (
            threshold.field,
            threshold.op,
            threshold.value,
        ):
            new = Compare(threshold.field, threshold.new_op, threshold.new_value, threshold.words)
            return new, 1
        return condition, 0
    if isinstance(condition, Not):
        part, count = _rewrite(condition.part, threshold)
        return (Not(part), count) if count else (condition, 0)
    if isinstance(condition, AllOf | AnyOf | AtLeast):
        rewritten = [_rewrite(part, threshold) for part in condition.parts]
        count = sum(n for _, n in rewritten)
        if not count:
            return condition, 0
        return dataclasses.replace(condition, parts=tuple(p for p, _ in rewritten)), count
    return condition, 0


class TransformError(ValueError):
    """A transform names a rule or a condition the article's table does not have."""


def _without_values(rule: Rule, values: tuple[str, ...]) -> Condition:
    when = rule.when
    if not isinstance(when, Equals):
        raise TransformError(f"remove_values: {rule.id} has no choice condition")
    missing = [v for v in values if v not in when.values]
    if missing:
        raise TransformError(f"remove_values: {rule.id} has no value(s) {missing}")
    kept = tuple(v for v in when.values if v not in values)
    return dataclasses.replace(when, values=kept)


def transformed_rules(rules: tuple[Rule, ...], transform: Transform) -> tuple[Rule, ...]:
    """The rule table under the transform (TransformError for a name the table lacks)."""
    by_id = {rule.id: rule for rule in rules}
    unknown = [rule_id for rule_id in transform.rule_ids() if rule_id not in by_id]
    if unknown:
        raise TransformError(f"unknown rule id(s) {unknown}")
    result: list[Rule] = []
    for rule in rules:
        if rule.id in transform.drop:
            continue
        when = rule.when
        if rule.id in transform.remove_values:
            when = _without_values(rule, transform.remove_values[rule.id])
        if rule.id in transform.only_when:
            extra = transform.only_when[rule.id]
            when = when & Equals(extra.field, extra.values, extra.words)
        change = transform.rules.get(rule.id, RuleChange())
        result.append(
            dataclasses.replace(
                rule,
                when=when,
                category=change.category or rule.category,
                outcome=change.outcome or rule.outcome,
                text=change.text or rule.text,
            )
        )
    for threshold in transform.thresholds:
        rewritten = [_rewrite(rule.when, threshold) for rule in result]
        if not any(count for _, count in rewritten):
            raise TransformError(
                f"thresholds: no rule compares {threshold.field} {threshold.op} {threshold.value:g}"
            )
        result = [
            dataclasses.replace(rule, when=when) if count else rule
            for rule, (when, count) in zip(result, rewritten, strict=True)
        ]
    # "Can start" follows the blocking rules of the new table (a rule may have become one).
    start = can_start(tuple(result))
    return tuple(
        dataclasses.replace(rule, when=start) if rule.when is CAN_START else rule for rule in result
    )


def reading_profile(reading_id: str, title: str, transform: Transform) -> Profile:
    """The article's profile under another reading: same citations, the transformed table."""
    standard = transform.standard_dose_mg or ARTICLE.standard_dose_mg
    reason = ARTICLE.standard_dose_reason
    if standard != ARTICLE.standard_dose_mg:
        reason = (
            f"Standard dose {standard} mg once daily: under this reading the article's "
            "'2 mg or 4 mg' starts at 2 mg."
        )
    return dataclasses.replace(
        ARTICLE,
        id=f"reading.{reading_id}",
        name=f"The source article, other reading: {title}",
        short_name="Article (other reading)",
        notice=f"Not the app's default reading: {title}.",
        rules=transformed_rules(ARTICLE.rules, transform),
        standard_dose_mg=standard,
        standard_dose_reason=reason,
        stacking_rules=transform.stacking,
        first_skin_exam_month=(
            ARTICLE.first_skin_exam_month
            if transform.first_skin_exam_month is None
            else transform.first_skin_exam_month
        ),
    )
