"""The article's seven-step algorithm with one scenario's path lit (pure: no streamlit).

``algorithm_path(assessment)`` reads which rules fired (never re-deciding a rule) and places
them on the steps of the article's algorithm (passages ``algorithm.step1`` .. ``step7``):
step 1 met or not (``ni.no_failed_dmard``), the screening findings at step 2, the baseline at
step 3, the dose at step 4, the monitoring at step 5, and the remission (step 6,
``advice.sustained_remission``) and discontinuation (step 7, ``nr.inadequate_response`` /
``nr.serious_adverse_event``) branches. ``algorithm_dot(path)`` draws it as a Graphviz DOT
string (status in words on every node, so colour is never the only signal) and
``path_lines(path)`` says the same in sentences.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from enum import StrEnum

from core.assess import Assessment
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


STATUS_MARKS: dict[Status, str] = {
    Status.passed: "▶",
    Status.stop: "■",
    Status.not_reached: "○",
    Status.branch_taken: "▶",
    Status.branch_not_taken: "○",
}


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
        if assessment.crcl_ml_min_used is None:
            return ("dose not given: renal function unknown",)
        return (f"no dose: {assessment.verdict.value.replace('_', ' ')}",)
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


# ---------------------------------------------------------------- drawing

# (fill, border, font colour, border style, pen width) per status; words carry the status too.
_NODE_STYLE: dict[Status, tuple[str, str, str, str, str]] = {
    Status.passed: ("#DCEEFB", "#0072B2", "#111418", "rounded,filled", "3"),
    Status.branch_taken: ("#DCEEFB", "#0072B2", "#111418", "rounded,filled", "3"),
    Status.stop: ("#FBE1D3", "#D55E00", "#111418", "rounded,filled", "3"),
    Status.not_reached: ("#F4F5F7", "#8A96A3", "#4A5560", "rounded,filled,dashed", "1"),
    Status.branch_not_taken: ("#F4F5F7", "#8A96A3", "#4A5560", "rounded,filled,dashed", "1"),
}
_ON = 'color="#0072B2", penwidth=3, fontcolor="#0A4F8F"'
_OFF = 'color="#8A96A3", style=dashed, fontcolor="#4A5560"'


def dot_escape(text: str) -> str:
    """Text safe inside a DOT double-quoted string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _wrap(text: str, width: int = 34) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def _node_label(step: Step) -> str:
    lines = [f"Step {step.number} · {STATUS_MARKS[step.status]} {step.status.value.upper()}"]
    lines += _wrap(step.text)
    for note in step.notes[:8]:
        lines += _wrap(note, 40)
    if len(step.notes) > 8:
        lines.append(f"+ {len(step.notes) - 8} more")
    return "\\n".join(dot_escape(line) for line in lines)


def _node(name: str, label: str, status: Status) -> str:
    fill, border, font, style, pen = _NODE_STYLE[status]
    return (
        f'  {name} [label="{label}", fillcolor="{fill}", color="{border}", '
        f'fontcolor="{font}", style="{style}", penwidth={pen}];'
    )


def algorithm_dot(path: AlgorithmPath) -> str:
    """The algorithm as a DOT digraph, this scenario's path drawn thick and solid."""
    s = {step.number: step for step in path.steps}
    lines = [
        "digraph algorithm {",
        '  graph [rankdir=TB, nodesep=0.35, ranksep=0.3, fontname="Helvetica", bgcolor="white"];',
        '  node [shape=box, fontname="Helvetica", fontsize=14, margin="0.15,0.07"];',
        '  edge [fontname="Helvetica", fontsize=13];',
    ]
    lines += [_node(f"step{n}", _node_label(step), step.status) for n, step in s.items()]
    not_indicated = Status.stop if path.stopped_at == 1 else Status.not_reached
    do_not_start = Status.stop if path.stopped_at == 2 else Status.not_reached
    lines.append(_node("not_indicated", "END · Not indicated yet", not_indicated))
    lines.append(_node("do_not_start", "END · Do not start", do_not_start))

    def edge(a: str, b: str, label: str, on: bool, extra: str = "") -> None:
        style = _ON if on else _OFF
        lines.append(f'  {a} -> {b} [label="{dot_escape(label)}", {style}{extra}];')

    edge("step1", "not_indicated", "not met", path.stopped_at == 1)
    edge("step1", "step2", "met", s[2].status is not Status.not_reached)
    edge("step2", "do_not_start", "contraindication / not recommended", path.stopped_at == 2)
    edge("step2", "step3", "none", s[3].lit)
    edge("step3", "step4", "", s[4].lit)
    edge("step4", "step5", "", s[5].lit)
    edge("step5", "step6", "sustained remission", s[6].lit)
    edge("step5", "step7", "inadequate response / serious AE", s[7].lit)
    edge("step6", "step5", "keep monitoring", s[6].lit, ", constraint=false")
    lines.append("  { rank=same; step2; not_indicated; }")
    lines.append("  { rank=same; step3; do_not_start; }")
    lines.append("}")
    return "\n".join(lines)


def path_lines(path: AlgorithmPath) -> list[str]:
    """The path in sentences, one per step, then the outcome (the chart's text version)."""
    lines = []
    for step in path.steps:
        notes = f": {'; '.join(step.notes)}" if step.notes else ""
        lines.append(f"Step {step.number} ({step.text}) — {step.status.value}{notes}.")
    lines.append(f"Outcome: {path.outcome}")
    return lines
