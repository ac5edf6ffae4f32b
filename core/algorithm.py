"""The article's seven-step algorithm with one scenario's path on it.

``algorithm_path(assessment)`` reads which rules fired (never re-deciding a rule) and places
them on the steps of the article's algorithm (passages ``algorithm.step1`` .. ``step7``):
step 1 met or not (``ni.no_failed_dmard``), the screening findings at step 2, the baseline at
step 3, the dose at step 4, the monitoring at step 5, and the remission (step 6,
``advice.sustained_remission``) and discontinuation (step 7, ``nr.inadequate_response`` /
``nr.serious_adverse_event``) branches. ``path_lines(path)`` says it in sentences; the rule
book draws it with ``ui.algorithm_chart.algorithm_dot``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from core.assess import Assessment
from core.dose_words import dose_words
from core.rules import Category
from core.sources import article

STEP_PASSAGES: tuple[str, ...] = tuple(f"algorithm.step{n}" for n in range(1, 8))
NOT_MET_RULE = "ni.no_failed_dmard"
REMISSION_RULE = "advice.sustained_remission"
DISCONTINUE_RULES: tuple[str, ...] = ("nr.inadequate_response", "nr.serious_adverse_event")


class Status(StrEnum):
    """Where a step stands on this scenario's path."""

    passed = "on this path"
    stop = "stops here"
    not_reached = "not reached"
    branch_taken = "branch taken"
    branch_not_taken = "branch not taken"


@dataclass(frozen=True)
class Step:
    """One node of the algorithm: number, the article's words, status and notes (findings)."""

    number: int
    passage: str
    text: str
    status: Status
    notes: tuple[str, ...] = ()

    @property
    def lit(self) -> bool:
        """True when the scenario's path goes through this step."""
        return self.status in (Status.passed, Status.stop, Status.branch_taken)


@dataclass(frozen=True)
class AlgorithmPath:
    """The seven steps and how the path ends (e.g. 'Start at 2 mg once daily')."""

    steps: tuple[Step, ...]
    outcome: str
    stopped_at: int | None  # the step number where the path stops (1 or 2), or None

    def step(self, number: int) -> Step:
        """Step ``number`` (1-7)."""
        return self.steps[number - 1]


def step_text(number: int) -> str:
    """The article's words for step ``number`` (its list number dropped)."""
    raw = article().passage(STEP_PASSAGES[number - 1]).text.strip()
    return re.sub(r"^\d+\.\s*", "", raw)


def algorithm_path(assessment: Assessment) -> AlgorithmPath:
    """Place the assessment's findings on the algorithm's steps."""
    fired = {f.id: f for f in assessment.findings}
    scenario = assessment.scenario
    steps: list[Step] = []

    # Step 1: indication.
    if NOT_MET_RULE in fired:
        step1 = Step(1, STEP_PASSAGES[0], step_text(1), Status.stop, (f"not met ({NOT_MET_RULE})",))
    else:
        failed = [
            words
            for flag, words in (
                (scenario.failed_csdmard, "failed a csDMARD"),
                (scenario.failed_bdmard, "failed a bDMARD"),
            )
            if flag
        ]
        step1 = Step(
            1, STEP_PASSAGES[0], step_text(1), Status.passed, ("met: " + ", ".join(failed),)
        )
    steps.append(step1)
    stopped_at: int | None = 1 if step1.status is Status.stop else None

    # Step 2: screening findings (discontinuation rules belong to step 7).
    blockers = [
        f.id
        for f in assessment.findings
        if f.category is Category.contraindication
        or (f.category is Category.not_recommended and f.id not in DISCONTINUE_RULES)
    ]
    notes = [f"✖ {rule_id}" for rule_id in blockers]
    notes += [f"⚠ {f.id}" for f in assessment.by_category(Category.caution)]
    notes += [f"? {f.id} (source silent)" for f in assessment.by_category(Category.source_silent)]
    if stopped_at is not None:
        status2 = Status.not_reached
    elif blockers:
        status2, stopped_at = Status.stop, 2
    else:
        status2 = Status.passed
    steps.append(
        Step(2, STEP_PASSAGES[1], step_text(2), status2, tuple(notes) or ("nothing found",))
    )
    go_on = stopped_at is None

    # Step 3: baseline assessments.
    notes3 = ["screening checklist"] if "screening.baseline" in fired else []
    if "advice.renal_function_needed" in fired:
        notes3.append("renal function needed (advice.renal_function_needed)")
    steps.append(Step(3, STEP_PASSAGES[2], step_text(3), _reached(go_on), tuple(notes3)))

    # Step 4: the dose.
    steps.append(Step(4, STEP_PASSAGES[3], step_text(4), _reached(go_on), _dose_notes(assessment)))

    # Step 5: monitoring.
    notes5 = ("schedule: 1, 3, then every 3 months",) if "monitoring.schedule" in fired else ()
    steps.append(Step(5, STEP_PASSAGES[4], step_text(5), _reached(go_on), notes5))

    # Steps 6 and 7: the branches after monitoring.
    remission = REMISSION_RULE in fired
    notes6 = [f"sustained remission ({REMISSION_RULE})"] if remission else []
    if "silent.dose_below_2mg" in fired and remission:
        notes6.append("below 2 mg: the source is silent (silent.dose_below_2mg)")
    steps.append(
        Step(6, STEP_PASSAGES[5], step_text(6), _branch(go_on and remission), tuple(notes6))
    )
    stop_rules = [rule_id for rule_id in DISCONTINUE_RULES if rule_id in fired]
    steps.append(
        Step(
            7,
            STEP_PASSAGES[6],
            step_text(7),
            _branch(go_on and bool(stop_rules)),
            tuple(stop_rules),
        )
    )
    return AlgorithmPath(tuple(steps), _outcome(assessment, stopped_at, stop_rules), stopped_at)


def _reached(go_on: bool) -> Status:
    return Status.passed if go_on else Status.not_reached


def _branch(taken: bool) -> Status:
    return Status.branch_taken if taken else Status.branch_not_taken


def _dose_notes(assessment: Assessment) -> tuple[str, ...]:
    if assessment.dose_mg is None:
        # The dose box's words ("Enter renal function", "No dose: contraindicated").
        return (dose_words(assessment).sentence,)
    reductions = [f.id for f in assessment.by_category(Category.dose)]
    head = f"{assessment.dose_mg} mg once daily"
    return (head, *(f"because {rule_id}" for rule_id in reductions))


def _outcome(assessment: Assessment, stopped_at: int | None, stop_rules: list[str]) -> str:
    if stopped_at == 1:
        return "Not indicated yet: step 1 is not met."
    if stopped_at == 2:
        return "Do not start: a contraindication or a 'not recommended' finding at step 2."
    if stop_rules:
        return "Discontinue (step 7)."
    if assessment.dose_mg is None:
        return "Start once renal function is known (no dose without it)."
    return f"Start at {assessment.dose_mg} mg once daily, then monitor."


def path_lines(path: AlgorithmPath) -> list[str]:
    """The path in sentences, one per step, then the outcome (the chart's text version)."""
    lines = []
    for step in path.steps:
        notes = f": {'; '.join(step.notes)}" if step.notes else ""
        lines.append(f"Step {step.number} ({step.text}) — {step.status.value}{notes}.")
    lines.append(f"Outcome: {path.outcome}")
    return lines
