"""Two assessments side by side: what differs in the inputs, the findings, the verdict and dose.

Nothing here decides anything clinical: ``compare`` only diffs what ``core.assess`` answered for
two scenarios, and every explanation sentence is built from the findings that appeared or
disappeared (their rule ids) and the rule inputs whose values differ between the two scenarios,
e.g. "B gets 2 mg because CrCl used fell from 72 to 48 mL/min: dose.crcl_30_60."

``apply_changes(a, changes)`` builds scenario B as "A with these changes" (the compare page keeps
only B's changes in the URL, prefixed ``b.``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from core.assess import NO_DOSE_VERDICTS, Assessment, Finding, rule_env
from core.errors import FieldProblem
from core.field_words import input_label, input_unit, number_words, value_words
from core.rules import RULES_BY_ID, VERDICT_LABELS, VERDICT_OF_CATEGORY, Category, Verdict
from core.scenario import FIELD_NAMES, Scenario, parse_scenario_keeping_valid

CREATININE_FIELDS = ("creatinine_mg_dl", "creatinine_umol_l")
RENAL_NEEDED = "advice.renal_function_needed"


@dataclass(frozen=True)
class InputChange:
    """One input (a contract field, or the derived CrCl) whose value differs from A to B."""

    name: str
    a: Any
    b: Any

    @property
    def label(self) -> str:
        """The input's plain label."""
        return input_label(self.name)

    def words(self) -> str:
        """'CrCl used fell from 72 to 48 mL/min', 'Pregnant changed from no to yes'."""
        a, b = self.a, self.b
        numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (a, b))
        if numeric:
            verb = "rose" if b > a else "fell"
            unit = input_unit(self.name)
            suffix = f" {unit}" if unit else ""
            return (
                f"{self.label} {verb} from {number_words(self.name, a)} to "
                f"{number_words(self.name, b)}{suffix}"
            )
        return (
            f"{self.label} changed from {value_words(self.name, a)} to {value_words(self.name, b)}"
        )


FindingChangeKind = Literal["appeared", "disappeared", "changed"]


@dataclass(frozen=True)
class FindingChange:
    """A finding present only in B (appeared), only in A (disappeared), or in both with a
    different text (changed, e.g. another age quoted)."""

    id: str
    kind: FindingChangeKind
    a: Finding | None
    b: Finding | None

    @property
    def category(self) -> Category:
        """The finding's category (the same in A and B: it is one rule)."""
        shown = self.b if self.b is not None else self.a
        assert shown is not None  # a change always has at least one side
        return shown.category


@dataclass(frozen=True)
class Comparison:
    """The difference between the assessments of scenario A and scenario B."""

    a: Assessment
    b: Assessment
    inputs: tuple[InputChange, ...]
    findings: tuple[FindingChange, ...]
    explanation: tuple[str, ...]

    def of_kind(self, kind: FindingChangeKind) -> tuple[FindingChange, ...]:
        """The finding changes of one kind, in rule-table order."""
        return tuple(change for change in self.findings if change.kind == kind)

    @property
    def verdict_changed(self) -> bool:
        """True when B's verdict differs from A's."""
        return self.a.verdict is not self.b.verdict

    @property
    def dose_changed(self) -> bool:
        """True when B's starting dose differs from A's (a blank dose counts as a value)."""
        return self.a.dose_mg != self.b.dose_mg

    @property
    def identical(self) -> bool:
        """True when nothing differs (inputs, findings, verdict and dose)."""
        return not (self.inputs or self.findings or self.verdict_changed or self.dose_changed)


def input_changes(a: Assessment, b: Assessment) -> tuple[InputChange, ...]:
    """The contract fields that differ (contract order), then the derived CrCl if it differs."""
    dumped_a, dumped_b = a.scenario.model_dump(), b.scenario.model_dump()
    changes = [
        InputChange(name, dumped_a[name], dumped_b[name])
        for name in FIELD_NAMES
        if dumped_a[name] != dumped_b[name]
    ]
    if a.crcl_ml_min_used != b.crcl_ml_min_used:
        changes.append(InputChange("crcl", a.crcl_ml_min_used, b.crcl_ml_min_used))
    return tuple(changes)


def finding_changes(a: Assessment, b: Assessment) -> tuple[FindingChange, ...]:
    """Findings that appear, disappear or change text from A to B, in rule-table order."""
    in_a = {f.id: f for f in a.findings}
    in_b = {f.id: f for f in b.findings}
    order = {rule_id: index for index, rule_id in enumerate(RULES_BY_ID)}
    # Rules outside the article's table (another profile) come after, by id.
    ids = sorted(in_a.keys() | in_b.keys(), key=lambda i: (order.get(i, len(order)), i))
    changes: list[FindingChange] = []
    for rule_id in ids:
        fa, fb = in_a.get(rule_id), in_b.get(rule_id)
        if fa is None:
            changes.append(FindingChange(rule_id, "appeared", None, fb))
        elif fb is None:
            changes.append(FindingChange(rule_id, "disappeared", fa, None))
        elif fa.text != fb.text:
            changes.append(FindingChange(rule_id, "changed", fa, fb))
    return tuple(changes)


class _Envs:
    """The rule inputs of both scenarios, to say which of a finding's inputs moved."""

    def __init__(self, a: Assessment, b: Assessment) -> None:
        self.assessments = (a, b)
        self.said: set[str] = set()  # ids of the findings already given as a reason
        self.a = rule_env(a.scenario, a.renal)
        self.b = rule_env(b.scenario, b.renal)
        if a.egfr is not None:
            self.a["egfr"] = a.egfr.egfr
        if b.egfr is not None:
            self.b["egfr"] = b.egfr.egfr

    def moved(self, finding: Finding) -> list[InputChange]:
        """The finding's inputs whose value differs between A and B."""
        moved = []
        for name in finding.inputs:
            if name == "indication_words":
                continue  # the same change is reported by its field, ``indication``
            va, vb = self.a.get(name), self.b.get(name)
            if va != vb:
                moved.append(InputChange(name, va, vb))
        return moved

    def because(self, finding: Finding) -> str:
        """'CrCl fell from 72 to 48 mL/min: “CrCl 48 mL/min is within 30-60 ...”'.

        Plain words for students: the finding's own text, never its rule id.
        """
        self.said.add(finding.id)
        moved = self.moved(finding)
        if not moved:
            return quoted(finding)
        return f"{'; '.join(change.words() for change in moved)}: {quoted(finding)}"


def quoted(finding: Finding) -> str:
    """A finding's text in quotation marks, without its closing full stop."""
    return f"\u201c{finding.text.rstrip('.')}\u201d"


def _dose_words(dose: int | None) -> str:
    return "no dose" if dose is None else f"{dose} mg"


def _picked(
    changes: tuple[FindingChange, ...], kind: FindingChangeKind, categories: Collection[Category]
) -> list[Finding]:
    """The findings of the changes of one kind and category (B's side if it appeared)."""
    found = [c.b if kind == "appeared" else c.a for c in changes if c.kind == kind]
    return [f for f in found if f is not None and f.category in categories]


def _reasons(envs: _Envs, appeared: list[Finding], gone: list[Finding]) -> str:
    parts = [envs.because(f) for f in appeared]
    parts += [envs.because(f) + " no longer applies" for f in gone]
    return "; ".join(parts)


def _verdict_sentence(envs: _Envs, changes: tuple[FindingChange, ...]) -> str:
    a, b = envs.assessments
    head = f"B's verdict is {VERDICT_LABELS[b.verdict]} instead of {VERDICT_LABELS[a.verdict]}"
    # A more severe verdict in B comes from findings that appeared; a milder one, from A's
    # deciding findings that disappeared.
    reasons = _reasons(
        envs,
        _picked(changes, "appeared", _categories_of(b.verdict)),
        _picked(changes, "disappeared", _categories_of(a.verdict)),
    )
    return f"{head} because {reasons}." if reasons else f"{head}."


def _categories_of(verdict: Verdict) -> set[Category]:
    return {cat for cat, v in VERDICT_OF_CATEGORY.items() if v is verdict}


def _dose_sentence(envs: _Envs, changes: tuple[FindingChange, ...]) -> str:
    a, b = envs.assessments
    head = f"B gets {_dose_words(b.dose_mg)} instead of {_dose_words(a.dose_mg)}"
    renal = {Category.advice}
    if b.dose_mg is None and b.verdict in NO_DOSE_VERDICTS:
        return f"{head}: there is no dose when the verdict is {VERDICT_LABELS[b.verdict]}."
    if a.dose_mg is None and a.verdict in NO_DOSE_VERDICTS:
        return f"{head}: A has no dose because its verdict is {VERDICT_LABELS[a.verdict]}."
    if b.dose_mg is None or a.dose_mg is None:
        # The other reason for no dose: unknown renal function (an advice finding).
        appeared = [f for f in _picked(changes, "appeared", renal) if f.id == RENAL_NEEDED]
        gone = [f for f in _picked(changes, "disappeared", renal) if f.id == RENAL_NEEDED]
    elif b.dose_mg < a.dose_mg:
        appeared, gone = _picked(changes, "appeared", {Category.dose}), []
    else:
        appeared, gone = [], _picked(changes, "disappeared", {Category.dose})
    reasons = _reasons(envs, appeared, gone)
    return f"{head} because {reasons}." if reasons else f"{head}."


def _finding_sentences(changes: list[FindingChange], envs: _Envs) -> list[str]:
    """One sentence per kind and reason: findings that moved for the same reason are listed
    together ("Gone in B: “Contraception is advised ...”, “...”, because ...")."""
    grouped: dict[tuple[str, str], list[str]] = {}
    lines: list[str] = []
    for change in changes:
        if change.kind == "changed" and change.b is not None and change.a is not None:
            lines.append(f"Changed in B: {quoted(change.a)} now reads {quoted(change.b)}.")
            continue
        finding = change.b if change.kind == "appeared" else change.a
        assert finding is not None
        moved = envs.moved(finding)
        what = "; ".join(m.words() for m in moved) if moved else "the inputs it reads changed"
        where = "New in B" if change.kind == "appeared" else "Gone in B"
        grouped.setdefault((where, what), []).append(quoted(finding))
    grouped_lines = [
        f"{where}: {', '.join(texts)}, because {what}." for (where, what), texts in grouped.items()
    ]
    return grouped_lines + lines


def explain(a: Assessment, b: Assessment, changes: tuple[FindingChange, ...]) -> tuple[str, ...]:
    """The differences in words: the verdict, the dose, then every other finding change.

    Built only from findings (rule ids) and the inputs those rules read; it decides nothing.
    """
    envs = _Envs(a, b)
    lines: list[str] = []
    if a.verdict is not b.verdict:
        lines.append(_verdict_sentence(envs, changes))
    if a.dose_mg != b.dose_mg:
        lines.append(_dose_sentence(envs, changes))
    # A finding already given as the reason of the verdict or dose is not repeated.
    rest = [change for change in changes if change.id not in envs.said]
    return (*lines, *_finding_sentences(rest, envs))


def compare(a: Assessment, b: Assessment) -> Comparison:
    """Diff two assessments: inputs, findings (appeared / disappeared / changed) and the words."""
    changes = finding_changes(a, b)
    return Comparison(a, b, input_changes(a, b), changes, explain(a, b, changes))


def apply_changes(
    base: Scenario, changes: Mapping[str, Any]
) -> tuple[Scenario, tuple[FieldProblem, ...]]:
    """Scenario B: ``base`` with ``changes`` (contract field -> value, as in a URL) applied.

    A bad change is reported (field, value, what is allowed) and B keeps A's value for it. A
    change to either creatinine field replaces A's creatinine (one of the two units is given).
    """
    data = base.changed_fields()
    if any(name in changes for name in CREATININE_FIELDS):
        for name in CREATININE_FIELDS:
            data.pop(name, None)
    _, problems = parse_scenario_keeping_valid({**data, **changes})
    bad = {problem.field for problem in problems}
    good = {name: value for name, value in changes.items() if name not in bad}
    if any(name in good for name in CREATININE_FIELDS):
        for name in CREATININE_FIELDS:
            data.pop(name, None)
    else:
        data = base.changed_fields()
    scenario, _ = parse_scenario_keeping_valid({**data, **good})
    return scenario, problems
