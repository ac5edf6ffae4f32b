"""Scenario -> Assessment: evaluate every rule, keep those that apply, take the most severe.

Two paths read the same rule table: ``assess`` for one scenario (plain Python) and
``assess_columns`` for many at once (numpy; the dose map and batch). A property test proves
they agree. Both take a rule profile (core.profiles): the article's by default, or a drug
label's (EU SmPC, US label), whose rules the same loop evaluates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from core.egfr import Egfr, egfr_of
from core.measure_text import shown_env
from core.profiles import ARTICLE, Profile
from core.renal import RenalFunction, renal_function
from core.rules import (
    VERDICT_LABELS,
    VERDICT_OF_CATEGORY,
    VERDICT_ORDER,
    Category,
    Rule,
    Verdict,
)
from core.scenario import LABEL_LAB_FIELDS, Indication, Scenario

# No dose under a ban, nor when a label's facts do not cover an input: a dose there would read as
# the label's endorsement of a case it does not rule on.
NO_DOSE_VERDICTS = frozenset(
    {Verdict.contraindicated, Verdict.not_recommended, Verdict.not_covered}
)
NOT_COVERED_NO_DOSE = (
    "No dose: the compiled label facts do not cover an input of this patient (see the "
    "findings), so this profile gives no dose; check the current label."
)
NO_DOSE = "No dose"
"""Plain "no starting dose" for a quiz's dose choice and a comparison's sentence; the dose box,
the handout and every page's dose text say why a dose is missing (core.dose_words)."""
# A "not indicated" verdict still shows the dose: the one to use once the patient qualifies.
ONCE_INDICATED = "once the indication is met"


class Finding(NamedTuple):
    """A rule that applies: id, category, text, source passages and the inputs that fired it.

    A label profile's finding cites label ``sources`` (ids of its profile's source list) and no
    passages; an article finding has no ``sources``.
    """

    id: str
    category: Category
    text: str
    passages: tuple[str, ...]
    inputs: dict[str, Any]
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (``sources`` only when there are label sources)."""
        data = {
            "id": self.id,
            "category": self.category.value,
            "text": self.text,
            "passages": list(self.passages),
            "inputs": self.inputs,
        }
        if self.sources:
            data["sources"] = list(self.sources)
        return data


@dataclass(frozen=True)
class Assessment:
    """What the core answers for one scenario."""

    scenario: Scenario
    verdict: Verdict
    dose_mg: int | None
    crcl_ml_min_used: float | None
    renal: RenalFunction
    findings: tuple[Finding, ...]
    dose_reasoning: tuple[str, ...]
    profile: Profile = ARTICLE
    egfr: Egfr | None = None

    @property
    def finding_ids(self) -> tuple[str, ...]:
        """The ids of all findings, sorted (the batch output's order)."""
        return tuple(sorted(f.id for f in self.findings))

    def by_category(self, category: Category) -> tuple[Finding, ...]:
        """The findings of one category, in rule-table order."""
        return tuple(f for f in self.findings if f.category is category)

    @property
    def dose_once_indicated(self) -> bool:
        """True when the dose is not for now but for later: the verdict is "not indicated" and
        the dose is the one to use once the indication is met."""
        return self.dose_mg is not None and self.verdict is Verdict.not_indicated

    @property
    def verdict_reason(self) -> str:
        """One line saying why the verdict is what it is."""
        for finding in self.findings:
            if VERDICT_OF_CATEGORY.get(finding.category) is self.verdict:
                return finding.text
        return self.profile.nothing_applies

    def to_dict(self) -> dict[str, Any]:
        """The full assessment as plain JSON-ready data (what `python -m core assess` prints).

        The blood counts only the label profiles read are echoed only when given; a label
        profile's assessment adds a ``profile`` entry (and the eGFR when it doses by eGFR).
        """
        scenario = self.scenario.model_dump(mode="json")
        for name in LABEL_LAB_FIELDS:
            if scenario[name] is None:
                del scenario[name]
        uses_crcl = self.profile.renal_measure == "crcl"
        data: dict[str, Any] = {
            "scenario": scenario,
            "verdict": self.verdict.value,
            "dose_mg": self.dose_mg,
            "crcl_ml_min_used": self.crcl_ml_min_used,
            "crcl_source": self.renal.source if uses_crcl else "not_used",
            "crcl_working": self.renal.working
            if uses_crcl
            else f"Not used: the {self.profile.short_name} doses by eGFR.",
            "dose_reasoning": list(self.dose_reasoning),
            "verdict_reason": self.verdict_reason,
            "findings": [f.to_dict() for f in self.findings],
            "finding_ids": list(self.finding_ids),
        }
        if self.profile.is_label:
            data["profile"] = {
                "id": self.profile.id,
                "name": self.profile.name,
                "compiled": self.profile.compiled,
                "notice": self.profile.notice,
                "renal_measure": self.profile.renal_measure,
                "sources": dict(self.profile.sources),
            }
        if self.egfr is not None:
            data.update(self.egfr.to_dict())
        return data


def rule_env(scenario: Scenario, renal: RenalFunction) -> dict[str, Any]:
    """The values a rule condition or text may read: the fields plus derived ``crcl``."""
    env = dict(scenario.__dict__)
    env["crcl"] = renal.crcl_ml_min
    env["indication_words"] = _INDICATION_WORDS[scenario.indication]
    return env


_INDICATION_WORDS = {member: member.value.replace("_", " ").capitalize() for member in Indication}


def _finding(rule: Rule, env: dict[str, Any], text_env: dict[str, Any]) -> Finding:
    # Positional arguments and no format call for plain texts: this runs for every finding of
    # every assess() call (a slider move), and keywords cost a third of it.
    text = rule.text
    return Finding(
        rule.id,
        rule.category,
        text.format_map(text_env) if "{" in text else text,
        rule.passages,
        {name: env[name] for name in rule.inputs},
        rule.sources,
    )


def _text_env(env: dict[str, Any], renal: RenalFunction, egfr: Egfr | None) -> dict[str, Any]:
    # Texts quote CrCl / eGFR as shown (never across a threshold); the rules read the raw value.
    shown = {"crcl": renal.shown} if egfr is None else {"crcl": renal.shown, "egfr": egfr.shown}
    return shown_env(env, shown)


def verdict_of(categories: set[Category]) -> Verdict:
    """The most severe verdict among the categories (``recommended`` when none decides)."""
    ranks = [_VERDICT_RANK[c] for c in categories if c in _VERDICT_RANK]
    return VERDICT_ORDER[min(ranks)] if ranks else Verdict.recommended


_VERDICT_RANK = {c: VERDICT_ORDER.index(v) for c, v in VERDICT_OF_CATEGORY.items()}


def assess(scenario: Scenario, profile: Profile = ARTICLE) -> Assessment:
    """Assess one scenario under a rule profile (the article's by default).

    Never raises for a valid Scenario. A profile that doses by eGFR (the US label) gets the
    derived ``egfr`` (CKD-EPI 2021; None without a serum creatinine) beside ``crcl``.
    """
    renal = renal_function(scenario)
    env = rule_env(scenario, renal)
    egfr = None
    if profile.renal_measure == "egfr":
        egfr = egfr_of(scenario)
        env["egfr"] = egfr.egfr
    fired = [rule for rule in profile.rules if rule.when.test(env)]
    text_env = _text_env(env, renal, egfr) if any("{" in rule.text for rule in fired) else env
    findings = tuple(_finding(rule, env, text_env) for rule in fired)  # in severity order
    verdict = verdict_of({rule.category for rule in fired})
    dose_rules = [f for f in findings if f.category is Category.dose]
    measure = egfr.egfr if egfr is not None else renal.crcl_ml_min
    dose, reasoning = _starting_dose(profile, verdict, measure, dose_rules)
    return Assessment(
        scenario=scenario,
        verdict=verdict,
        dose_mg=dose,
        crcl_ml_min_used=renal.crcl_ml_min if egfr is None else None,
        renal=renal,
        findings=findings,
        dose_reasoning=reasoning,
        profile=profile,
        egfr=egfr,
    )


def _starting_dose(
    profile: Profile, verdict: Verdict, renal_measure: float | None, reductions: list[Finding]
) -> tuple[int | None, tuple[str, ...]]:
    if verdict is Verdict.not_covered:
        return None, (NOT_COVERED_NO_DOSE,)
    if verdict in NO_DOSE_VERDICTS:
        # The verdict in words, never its code (a student reads this line).
        return None, (f"No dose: the verdict is “{VERDICT_LABELS[verdict]}”.",)
    if renal_measure is None:
        return None, (profile.renal_unknown_reason,)
    later = (
        (f"Not indicated yet: this is the dose {ONCE_INDICATED}, not a dose to start now.",)
        if verdict is Verdict.not_indicated
        else ()
    )
    if not reductions:
        return profile.standard_dose_mg, (profile.standard_dose_reason, *later)
    stacked = len(reductions) > 1 and any(f.id in profile.stacking_rules for f in reductions)
    dose = profile.reduced_dose_mg // 2 if stacked else profile.reduced_dose_mg
    lines = [f"{dose} mg once daily because:"]
    lines += [f.text for f in reductions]  # rule ids stay in the findings' reviewer links
    if stacked:
        half = f"half of {profile.reduced_dose_mg} mg"
        lines.append(f"Under this reading of the article the reductions stack: {half}.")
    elif len(reductions) > 1:
        lines.append(profile.no_stack_note)
    return dose, (*lines, *later)


# ---------------------------------------------------------------- column-wise path

VERDICT_CODES: tuple[Verdict, ...] = VERDICT_ORDER


@dataclass(frozen=True)
class ColumnAssessment:
    """Assessments of many scenarios: verdict codes (index into VERDICT_CODES), dose (NaN = none),
    CrCl used (NaN = unknown) and one boolean column per rule id."""

    verdict_code: npt.NDArray[np.int_]
    dose_mg: npt.NDArray[np.float64]
    crcl_ml_min_used: npt.NDArray[np.float64]
    fired: dict[str, npt.NDArray[np.bool_]]

    def finding_ids(self) -> list[str]:
        """The ``;``-joined sorted finding ids of each scenario (the batch column)."""
        size = len(self.verdict_code)
        joined = np.full(size, "", dtype=object)
        for rule_id in sorted(self.fired):
            mask = self.fired[rule_id]
            if mask.any():
                joined[mask] = joined[mask] + (rule_id + ";")
        return [text[:-1] for text in joined]


def assess_columns(
    columns: dict[str, Any], size: int, profile: Profile = ARTICLE
) -> ColumnAssessment:
    """Assess ``size`` scenarios given as columns of field values (plus ``crcl``, NaN if unknown).

    Every field column must be present (use the defaults for fixed ones; a scalar broadcasts).
    A profile that doses by eGFR also needs an ``egfr`` column (NaN if unknown; see
    ``core.egfr.egfr_columns``); its ``crcl_ml_min_used`` is then all NaN.
    """
    cols = {name: np.broadcast_to(np.asarray(value), (size,)) for name, value in columns.items()}
    fired = {rule.id: rule.when.mask(cols, size) for rule in profile.rules}
    verdict_code = np.full(size, VERDICT_CODES.index(Verdict.recommended), dtype=int)
    # Walk from least to most severe so the most severe category wins.
    for verdict in reversed(VERDICT_ORDER[:-1]):
        for rule in profile.rules:
            if VERDICT_OF_CATEGORY.get(rule.category) is verdict:
                verdict_code[fired[rule.id]] = VERDICT_CODES.index(verdict)
    reductions = np.zeros(size, dtype=int)
    stacking = np.zeros(size, dtype=bool)
    for rule in profile.dose_rules:
        reductions += fired[rule.id]
        if rule.id in profile.stacking_rules:
            stacking |= fired[rule.id]
    reduced = reductions > 0
    crcl = np.asarray(cols["crcl"], dtype=float)
    measure = crcl if profile.renal_measure == "crcl" else np.asarray(cols["egfr"], dtype=float)
    dose = np.where(reduced, float(profile.reduced_dose_mg), float(profile.standard_dose_mg))
    dose = np.where(stacking & (reductions > 1), float(profile.reduced_dose_mg // 2), dose)
    blank = np.isnan(measure) | np.isin(
        verdict_code, [VERDICT_CODES.index(v) for v in NO_DOSE_VERDICTS]
    )
    dose = np.where(blank, np.nan, dose)
    crcl_used = crcl if profile.renal_measure == "crcl" else np.full(size, np.nan)
    return ColumnAssessment(verdict_code, dose, crcl_used, fired)
