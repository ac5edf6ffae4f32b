"""Properties a reviewer demands of the rule table, checked over the whole rule space.

``check_properties(profile)`` evaluates the profile column-wise (core.grid) over the full age x
CrCl grid (ages 18-100, CrCl 0-250 mL/min and "unknown") for every combination of the risk inputs
the rules read, taken as: the defaults, every single input changed, and every pair of inputs
changed. No rule's condition combines more than two risk inputs besides age and CrCl (the
"can start" condition of the monitoring rules is a negation of the stopping rules, each of which
is covered on its own), so every combination of the values each rule reads is checked.

Each property reports how many scenarios it checked and, when it fails, one counterexample as a
Scenario (the page links it to the Explorer). The same function runs in tests/properties.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from core.assess import VERDICT_CODES, assess_columns
from core.grid import DEFAULT_AGES, DEFAULT_CRCLS
from core.profiles import ARTICLE, Profile
from core.rules import Verdict
from core.scenario import Scenario
from core.sources import article

GRID_FIELDS = frozenset({"age_years", "crcl", "crcl_ml_min"})
PROPERTY_CRCLS: tuple[float, ...] = (*DEFAULT_CRCLS, float("nan"))  # nan: renal function unknown

# Text passages of the article that state no prescribing rule (so no rule cites them); every
# other text passage must be cited by at least one rule.
NOT_A_RULE: dict[str, str] = {
    "mechanism.jak_inhibition": "how the drug works",
    "adverse.laboratory": "laboratory changes seen, with no action attached",
    "adverse.malignancy": "trial findings on malignancy, with no action attached",
    "practical.oral": "a practical advantage (oral use)",
    "conclusion": "the closing summary",
    "disclaimer.text": "the publisher's disclaimer",
}


@dataclass
class PropertyResult:
    """One property: its statement, how many scenarios (or rules, passages) it checked, and the
    first counterexample (a scenario, or words for a table-level property)."""

    key: str
    statement: str
    checked: int = 0
    unit: str = "scenarios"
    counterexample: Scenario | None = None
    problem: str = ""

    @property
    def holds(self) -> bool:
        """True when no counterexample was found."""
        return self.counterexample is None and not self.problem

    def fail(self, problem: str, scenario: Scenario | None = None) -> None:
        """Keep the first failure only."""
        if self.holds:
            self.problem, self.counterexample = problem, scenario


@dataclass
class PropertyReport:
    """Every property's result and the size of the space checked."""

    profile_id: str
    combinations: int
    grid_cells: int
    results: list[PropertyResult] = field(default_factory=list)

    @property
    def scenarios(self) -> int:
        """How many scenarios were assessed (combinations x grid cells)."""
        return self.combinations * self.grid_cells


def risk_inputs(profile: Profile = ARTICLE) -> dict[str, tuple[Any, ...]]:
    """The inputs the rules read besides age and CrCl, each with every value it can take."""
    defaults = Scenario()
    values: dict[str, tuple[Any, ...]] = {}
    for rule in profile.rules:
        for name in rule.when.fields():
            if name in GRID_FIELDS or name in values or name not in Scenario.model_fields:
                continue
            default = getattr(defaults, name)
            if isinstance(default, bool):
                values[name] = (False, True)
            elif isinstance(default, StrEnum):
                values[name] = tuple(type(default))
    return values


def risk_combinations(profile: Profile = ARTICLE, max_changes: int = 2) -> Iterator[dict[str, Any]]:
    """The defaults, every single change and every pair of changes of the risk inputs (fewer
    with ``max_changes`` 0 or 1)."""
    defaults = Scenario()
    changes = [
        (name, value)
        for name, options in risk_inputs(profile).items()
        for value in options
        if value != getattr(defaults, name)
    ]
    yield {}
    if max_changes < 1:
        return
    for name, value in changes:
        yield {name: value}
    if max_changes < 2:
        return
    for (first, one), (second, other) in itertools.combinations(changes, 2):
        if first != second:
            yield {first: one, second: other}


@dataclass(frozen=True)
class _Chunk:
    """Several risk combinations assessed over the grid at once: arrays of shape
    (combination, CrCl, age)."""

    bases: list[Scenario]
    dose: npt.NDArray[np.float64]
    verdict_code: npt.NDArray[np.int_]
    fired: dict[str, npt.NDArray[np.bool_]]

    def scenario(self, spot: tuple[int, ...]) -> Scenario:
        """The scenario of one cell (combination, CrCl row, age column)."""
        crcl = PROPERTY_CRCLS[spot[1]]
        return self.bases[spot[0]].model_copy(
            update={
                "age_years": DEFAULT_AGES[spot[2]],
                "crcl_ml_min": None if np.isnan(crcl) else crcl,
            }
        )


def _column_value(value: Any) -> Any:
    if value is None:
        return np.nan
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def _assess_chunk(combinations: list[dict[str, Any]], profile: Profile) -> _Chunk:
    """Assess every combination over the whole grid in one column-wise pass."""
    bases = [Scenario().model_copy(update=combination) for combination in combinations]
    ages = np.asarray(DEFAULT_AGES, dtype=np.int64)
    crcls = np.asarray(PROPERTY_CRCLS, dtype=np.float64)
    shape = (len(bases), len(crcls), len(ages))
    cells = len(crcls) * len(ages)
    size = len(bases) * cells
    columns: dict[str, Any] = {}
    for name in Scenario.model_fields:
        values = [_column_value(getattr(base, name)) for base in bases]
        if all(value == values[0] for value in values):  # nan never equals: kept per row
            columns[name] = values[0]
        else:
            columns[name] = np.repeat(np.asarray(values), cells)
    crcl_column = np.tile(np.repeat(crcls, len(ages)), len(bases))
    columns["age_years"] = np.tile(ages, len(bases) * len(crcls))
    columns["crcl_ml_min"] = crcl_column
    columns["crcl"] = crcl_column
    result = assess_columns(columns, size, profile)
    return _Chunk(
        bases,
        result.dose_mg.reshape(shape),
        result.verdict_code.reshape(shape),
        {rule_id: mask.reshape(shape) for rule_id, mask in result.fired.items()},
    )


def _first(mask: npt.NDArray[np.bool_]) -> tuple[int, ...] | None:
    where = np.argwhere(mask)
    return tuple(int(i) for i in where[0]) if len(where) else None


_BLOCKING_CODES = [
    VERDICT_CODES.index(Verdict.contraindicated),
    VERDICT_CODES.index(Verdict.not_recommended),
]
CHUNK = 1  # one combination per pass: its risk inputs stay broadcast constants (fastest)


def check_properties(profile: Profile = ARTICLE, max_changes: int = 2) -> PropertyReport:
    """Check every property over the whole rule space under ``profile`` (``max_changes`` < 2
    checks a smaller space: the defaults only, or every single change too)."""
    dose_values = PropertyResult(
        "dose_values",
        f"The dose is only {profile.standard_dose_mg} mg, {profile.reduced_dose_mg} mg or none.",
    )
    older = PropertyResult("older", "The dose is never higher for an older patient.")
    lower = PropertyResult("lower_crcl", "The dose is never higher for a lower CrCl.")
    blocked = PropertyResult(
        "no_dose_when_blocked", "A contraindication or not-recommended verdict never has a dose."
    )
    stacking = PropertyResult(
        "no_stacking",
        f"Reductions never stack: two or more reasons still give {profile.reduced_dose_mg} mg.",
    )
    fires = PropertyResult("every_rule_fires", "Every rule can fire.", unit="rules")
    quiet = PropertyResult("every_rule_quiet", "Every rule can stay quiet.", unit="rules")
    ever_fired: set[str] = set()
    ever_quiet: set[str] = set()
    allowed = np.array([profile.standard_dose_mg, profile.reduced_dose_mg], dtype=float)
    combinations = list(risk_combinations(profile, max_changes))
    for start in range(0, len(combinations), CHUNK):
        chunk = _assess_chunk(combinations[start : start + CHUNK], profile)
        dose = chunk.dose
        known = ~np.isnan(dose)
        if (spot := _first(known & ~np.isin(dose, allowed))) is not None:
            dose_values.fail(f"dose {dose[spot]:g} mg", chunk.scenario(spot))
        # Axes: combination, CrCl (ascending; the last row is "unknown"), age (ascending).
        both = known[:, :, 1:] & known[:, :, :-1]
        if (spot := _first(both & (dose[:, :, 1:] > dose[:, :, :-1]))) is not None:
            older.fail("the dose rises one year later", chunk.scenario((*spot[:2], spot[2] + 1)))
        rows = known[:, 1:-1, :] & known[:, :-2, :]
        if (spot := _first(rows & (dose[:, :-2, :] > dose[:, 1:-1, :]))) is not None:
            lower.fail("the dose is higher 1 mL/min lower", chunk.scenario(spot))
        stopped = np.isin(chunk.verdict_code, _BLOCKING_CODES)
        if (spot := _first(stopped & known)) is not None:
            blocked.fail("a dose with a stopping verdict", chunk.scenario(spot))
        reasons = np.zeros(dose.shape, dtype=int)
        for rule in profile.dose_rules:
            reasons += chunk.fired[rule.id]
        several = known & (reasons >= 2)
        if (spot := _first(several & (dose != profile.reduced_dose_mg))) is not None:
            stacking.fail(f"dose {dose[spot]:g} mg", chunk.scenario(spot))
        for rule_id, mask in chunk.fired.items():
            if rule_id not in ever_fired and mask.any():
                ever_fired.add(rule_id)
            if rule_id not in ever_quiet and not mask.all():
                ever_quiet.add(rule_id)
    cells = len(DEFAULT_AGES) * len(PROPERTY_CRCLS)
    report = PropertyReport(profile.id, len(combinations), cells)
    for result in (dose_values, older, lower, blocked, stacking):
        result.checked = report.scenarios
    rule_ids = [rule.id for rule in profile.rules]
    fires.checked = quiet.checked = len(rule_ids)
    if never := [r for r in rule_ids if r not in ever_fired]:
        fires.fail("never fires: " + ", ".join(never))
    if always := [r for r in rule_ids if r not in ever_quiet]:
        quiet.fail("always fires: " + ", ".join(always))
    report.results = [
        dose_values,
        older,
        lower,
        blocked,
        stacking,
        fires,
        quiet,
        duplicate_rules(profile),
        uncited_passages(profile),
    ]
    return report


def duplicate_rules(profile: Profile = ARTICLE) -> PropertyResult:
    """No rule is written twice: no two rules share their category, condition and passages."""
    result = PropertyResult(
        "no_duplicates",
        "No two rules have the same condition with the same category and the same source "
        "passages (a rule written twice).",
        checked=len(profile.rules),
        unit="rules",
    )
    seen: dict[tuple[Any, Any, Any], str] = {}
    for rule in profile.rules:
        key = (rule.category, rule.when, frozenset(rule.passages))
        if key in seen:
            result.fail(f"{seen[key]} and {rule.id} are the same rule")
        seen.setdefault(key, rule.id)
    return result


def shared_conditions(profile: Profile = ARTICLE) -> list[tuple[str, str]]:
    """Pairs of rules with the same condition (by design: a caution and its source-silent note,
    or two monitoring notes)."""
    pairs = []
    for first, second in itertools.combinations(profile.rules, 2):
        if first.when == second.when:
            pairs.append((first.id, second.id))
    return pairs


def uncited_passages(profile: Profile = ARTICLE) -> PropertyResult:
    """Every text passage that states a rule is cited by at least one rule."""
    texts = [p.id for p in article().passages if p.kind == "text"]
    stating = [pid for pid in texts if pid not in NOT_A_RULE]
    result = PropertyResult(
        "passages_cited",
        "Every passage of the article that states a rule is cited by a rule.",
        checked=len(stating),
        unit="passages",
    )
    cited = {pid for rule in profile.rules for pid in rule.passages}
    if missing := [pid for pid in stating if pid not in cited]:
        result.fail("not cited: " + ", ".join(missing))
    return result
