"""The reviewer's audit: where the article is ambiguous or contradicts itself, as data.

Each entry is one YAML file in ``content/audit/`` named ``NN_slug.yaml`` (``slug`` is the id): the
passages that disagree, the reading the app takes and why, the rules it touches, an example
scenario, and the other reading as a ``core.readings.Transform``. Loading validates everything
(passage ids, rule ids, the example scenario, the transform against the rule table) and fails
with the file name and every problem, like the teaching cases.

The consequence of the other reading is computed by the core, never written down: the dose-map
cells, the teaching cases and the batch rows whose verdict or dose would change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from core.assess import Assessment, assess
from core.batch import BatchResult, CsvTable, assess_table
from core.cases import TeachingCase, case_scenario, teaching_cases
from core.content_files import SLUG, ContentFileError, load_content_file
from core.errors import ScenarioError
from core.grid import DEFAULT_AGES, DEFAULT_CRCLS, DoseGrid, dose_grid
from core.monitoring import MonitoringEvent, monitoring_plan
from core.profiles import ARTICLE, Profile
from core.readings import Transform, TransformError, reading_profile
from core.rules import RULES_BY_ID
from core.scenario import Scenario, parse_scenario
from core.sources import CONTENT_DIR, passage_ids

AUDIT_DIR = CONTENT_DIR / "audit"

Kind = Literal["contradiction", "ambiguity", "reading", "silence"]
KIND_LABELS: dict[str, str] = {
    "contradiction": "The article contradicts itself",
    "ambiguity": "The article is ambiguous",
    "reading": "The app had to choose a reading",
    "silence": "The article is silent; the app chose",
}

Text = Annotated[str, Field(min_length=1)]


def _known_passages(ids: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [p for p in ids if p not in passage_ids()]
    if unknown:
        raise ValueError(f"unknown passage id(s) {unknown} (see content/source/passages.yaml)")
    return ids


def _known_rules(ids: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [r for r in ids if r not in RULES_BY_ID]
    if unknown:
        raise ValueError(f"unknown rule id(s) {unknown} (see core/rules.py)")
    return ids


class AuditEntry(BaseModel):
    """One place where the article is unclear: both sides quoted, the app's reading, the other."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: Annotated[str, Field(pattern=SLUG)]
    title: Text
    kind: Kind
    passages: Annotated[tuple[str, ...], Field(min_length=1), AfterValidator(_known_passages)]
    app_reading: Text
    why: Text
    other_reading: Text
    rules: Annotated[tuple[str, ...], Field(min_length=1), AfterValidator(_known_rules)]
    example: Mapping[str, Any]
    transform: Transform

    @field_validator("example", mode="before")
    @classmethod
    def _valid_example(cls, value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise ValueError("example must be a mapping of contract field: value pairs")
        try:
            parse_scenario(value)
        except ScenarioError as error:
            raise ValueError(str(error)) from None
        return MappingProxyType(dict(value))

    @cached_property
    def profile(self) -> Profile:
        """The article's profile under the other reading."""
        return reading_profile(self.id, self.title, self.transform)

    @property
    def example_scenario(self) -> Scenario:
        """The scenario where the difference shows (defaults for every field not given)."""
        return parse_scenario(self.example)


class AuditFileError(ContentFileError):
    """An audit file is invalid; the message names the file and every problem."""


def load_audit_file(path: Path) -> AuditEntry:
    """Read and validate one audit file (AuditFileError naming the file and the problems)."""
    entry = load_content_file(path, AuditEntry, "entry", "01_crcl_below_30.yaml", AuditFileError)
    try:
        _ = entry.profile
    except TransformError as error:
        raise AuditFileError(path, [f"transform: {error}"]) from None
    return entry


def load_audit(directory: Path) -> tuple[AuditEntry, ...]:
    """Every audit file of a directory in file-name order, validated; ids must be unique."""
    entries = tuple(load_audit_file(path) for path in sorted(directory.glob("*.yaml")))
    ids = [entry.id for entry in entries]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ValueError(f"audit entry ids repeat: {repeated}")
    return entries


@cache
def audit_entries() -> tuple[AuditEntry, ...]:
    """All audit entries in order (loaded once per process; immutable, so shareable)."""
    return load_audit(AUDIT_DIR)


def audit_entry(entry_id: str) -> AuditEntry:
    """The entry with this id (KeyError naming the known ids if there is none)."""
    for entry in audit_entries():
        if entry.id == entry_id:
            return entry
    known = ", ".join(e.id for e in audit_entries())
    raise KeyError(f"no audit entry {entry_id!r}; known: {known}")


# ---------------------------------------------------------------- consequences


@dataclass(frozen=True)
class GridDifference:
    """The dose map of one scenario under the app's reading and under the other one."""

    app: DoseGrid
    other: DoseGrid

    @property
    def changed(self) -> npt.NDArray[np.bool_]:
        """Cells whose verdict or dose differ (same shape as the grids)."""
        same_dose = (self.app.dose_mg == self.other.dose_mg) | (
            np.isnan(self.app.dose_mg) & np.isnan(self.other.dose_mg)
        )
        return np.asarray((self.app.verdict_code != self.other.verdict_code) | ~same_dose)

    @property
    def changed_count(self) -> int:
        """How many cells change."""
        return int(self.changed.sum())

    @property
    def size(self) -> int:
        """How many cells the grid has."""
        return int(self.changed.size)


def grid_difference(
    entry: AuditEntry,
    base: Scenario,
    ages: tuple[int, ...] = DEFAULT_AGES,
    crcls: tuple[float, ...] = DEFAULT_CRCLS,
) -> GridDifference:
    """The dose map of ``base`` under both readings (every other input kept)."""
    return GridDifference(
        dose_grid(base, ages, crcls, ARTICLE), dose_grid(base, ages, crcls, entry.profile)
    )


@dataclass(frozen=True)
class CaseDifference:
    """A teaching case whose answer changes under the other reading."""

    case: TeachingCase
    app: Assessment
    other: Assessment


@cache
def _cases_under_the_app() -> tuple[tuple[TeachingCase, Scenario, Assessment], ...]:
    """Every teaching case with its scenario and the app's answer: the same for every entry,
    so assessed once per process (the cases and the assessments are immutable)."""
    scenarios = [(case, case_scenario(case)) for case in teaching_cases()]
    return tuple((case, scenario, assess(scenario, ARTICLE)) for case, scenario in scenarios)


def case_differences(entry: AuditEntry) -> tuple[CaseDifference, ...]:
    """The teaching cases whose verdict or dose differ under the other reading."""
    found = []
    for case, scenario, app in _cases_under_the_app():
        other = assess(scenario, entry.profile)
        if (app.verdict, app.dose_mg) != (other.verdict, other.dose_mg):
            found.append(CaseDifference(case, app, other))
    return tuple(found)


def monitoring_differences(
    entry: AuditEntry, scenario: Scenario
) -> tuple[tuple[MonitoringEvent, ...], tuple[MonitoringEvent, ...]]:
    """The monitoring events only the app's reading has, and those only the other reading has,
    when treatment starts under both (otherwise the verdict already says it: no plan)."""
    app_plan = monitoring_plan(assess(scenario, ARTICLE))
    other_plan = monitoring_plan(assess(scenario, entry.profile))
    if not (app_plan.started and other_plan.started):
        return (), ()
    app, other = set(app_plan.events), set(other_plan.events)
    return tuple(sorted(app - other, key=_month)), tuple(sorted(other - app, key=_month))


def _month(event: MonitoringEvent) -> tuple[int, str]:
    return event.month, event.what


@dataclass(frozen=True)
class BatchDifference:
    """How many rows of a batch file change verdict or dose under the other reading."""

    rows: int
    errors: int
    changed: int


def batch_difference(entry: AuditEntry, assessed: BatchResult) -> BatchDifference:
    """The rows of an assessed batch file (under any reading) that change verdict or dose
    between the app's reading and the other one (both assessed here from its rows)."""
    table = CsvTable(assessed.header, assessed.rows)
    app = assess_table(table, profile=ARTICLE)
    other = assess_table(table, profile=entry.profile)
    changed = sum(
        1
        for error, a_verdict, a_dose, b_verdict, b_dose in zip(
            app.error, app.verdict, app.dose_mg, other.verdict, other.dose_mg, strict=True
        )
        if not error and (a_verdict, a_dose) != (b_verdict, b_dose)
    )
    return BatchDifference(len(app.rows), app.error_count, changed)


def answer_changes(entry: AuditEntry) -> int:
    """How many computed answers the other reading changes: dose-map cells of the example and
    of the default scenario, teaching cases, and monitoring events of the example."""
    cells = grid_difference(entry, entry.example_scenario).changed_count
    cells += grid_difference(entry, Scenario()).changed_count
    removed, added = monitoring_differences(entry, entry.example_scenario)
    return cells + len(case_differences(entry)) + len(removed) + len(added)
