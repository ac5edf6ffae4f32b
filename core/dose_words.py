"""The starting dose in words that fit a dose box: one wording per meaning, for every page.

A missing dose has three different meanings, and a student must never have to guess which:
the verdict blocks it ("No dose: contraindicated"; under a label profile also "No dose: not
covered" when its facts do not cover an input), renal function is missing ("Enter renal
function"), or the profile doses by a measure the scenario cannot give ("US label needs eGFR").
The Explorer, Compare, the labels page and the dose map all take their words from here.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from core.assess import NO_DOSE_VERDICTS, ONCE_INDICATED, Assessment
from core.rules import VERDICT_LABELS, Verdict


class DoseState(StrEnum):
    """Why the dose box holds what it holds."""

    given = "given"
    blocked = "blocked"  # the verdict allows no dose
    needs_renal = "needs_renal"  # renal function unknown (the scenario can add it)


class DoseWords(NamedTuple):
    """The dose box: a short value (fits beside the verdict) and a unit line under it."""

    state: DoseState
    value: str
    unit: str

    @property
    def given(self) -> bool:
        """True when there is a starting dose."""
        return self.state is DoseState.given

    @property
    def sentence(self) -> str:
        """The value and unit as one line ('4 mg once daily', 'Enter renal function')."""
        return f"{self.value} {self.unit}" if self.unit else self.value


def dose_words(assessment: Assessment) -> DoseWords:
    """What the dose box says for ``assessment`` (the same words on every page)."""
    if assessment.dose_mg is not None:
        later = f", {ONCE_INDICATED}" if assessment.dose_once_indicated else ""
        return DoseWords(DoseState.given, f"{assessment.dose_mg} mg", f"once daily{later}")
    if assessment.verdict is Verdict.not_covered:
        # The verdict banner beside it says which input the label facts do not cover.
        return DoseWords(DoseState.blocked, "No dose: not covered", "")
    if assessment.verdict in NO_DOSE_VERDICTS:
        label = VERDICT_LABELS[assessment.verdict].lower()
        return DoseWords(DoseState.blocked, f"No dose: {label}", "")
    profile = assessment.profile
    if profile.renal_measure == "egfr":
        return DoseWords(DoseState.needs_renal, f"{profile.short_name} needs eGFR", "")
    return DoseWords(DoseState.needs_renal, "Enter renal function", "")


def answer_words(verdict: Verdict, dose_mg: int | None) -> str:
    """An answer in one line: 'Use with caution, 2 mg once daily' or 'Not recommended, no dose'
    (the what-if list, the audit's example answers)."""
    dose = "no dose" if dose_mg is None else f"{dose_mg} mg once daily"
    return f"{VERDICT_LABELS[verdict]}, {dose}"
