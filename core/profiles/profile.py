"""A rule profile: one rule book (the article's, or a drug label's) with its sources and doses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from core.rules import Category, Rule

RenalMeasure = Literal["crcl", "egfr"]
CitationKind = Literal["passage", "label"]

RENAL_MEASURE_LABELS: dict[RenalMeasure, str] = {
    "crcl": "creatinine clearance (CrCl, mL/min)",
    "egfr": "eGFR (mL/min/1.73 m², CKD-EPI 2021)",
}


@dataclass(frozen=True)
class FactCell:
    """What one profile says on one comparison topic, with its sources.

    ``sources`` are article passage ids (article profile) or label source ids (label profiles);
    ``rules`` are the ids of the profile's rules that compute it (empty when the topic is a
    profile attribute, such as the standard dose, or when nothing is computed from it).
    An ``unverified`` cell is shown as unverified and drives no rule.
    """

    topic: str
    text: str
    sources: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    unverified: bool = False


@dataclass(frozen=True, eq=False)
class Profile:
    """One rule profile. Compared by identity: each profile is a single shared, immutable object.

    ``compiled`` is the date its facts were compiled (labels) or last updated (the article);
    ``notice`` is shown wherever the profile's results are (for labels: "check the current
    label"). The dose texts below feed the dose reasoning; the article's are the contract's.
    """

    id: str
    name: str
    short_name: str
    citation_kind: CitationKind
    sources: Mapping[str, str]
    compiled: str
    compiled_text: str
    notice: str
    rules: tuple[Rule, ...]
    standard_dose_mg: int
    reduced_dose_mg: int
    renal_measure: RenalMeasure
    cells: tuple[FactCell, ...]
    standard_dose_reason: str
    renal_unknown_reason: str
    no_stack_note: str
    nothing_applies: str
    # Another reading of the article (core.readings) may let some dose rules stack: when one of
    # these fires beside another reduction, the reduced dose is halved once more.
    stacking_rules: tuple[str, ...] = ()
    # The month of the first yearly skin examination (the article does not say when it falls).
    first_skin_exam_month: int = 12

    @cached_property
    def rules_by_id(self) -> dict[str, Rule]:
        """The profile's rules by id."""
        return {rule.id: rule for rule in self.rules}

    @cached_property
    def dose_rules(self) -> tuple[Rule, ...]:
        """The rules that lower the dose to ``reduced_dose_mg``."""
        return tuple(rule for rule in self.rules if rule.category is Category.dose)

    @property
    def renal_measure_label(self) -> str:
        """The renal measure in words, with its unit."""
        return RENAL_MEASURE_LABELS[self.renal_measure]

    @property
    def is_label(self) -> bool:
        """True for a drug-label profile (its rules cite label sources, not article passages)."""
        return self.citation_kind == "label"

    def cell(self, topic: str) -> FactCell | None:
        """What the profile says on a comparison topic (None when it has no cell for it)."""
        return next((cell for cell in self.cells if cell.topic == topic), None)
