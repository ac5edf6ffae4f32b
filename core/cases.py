"""Teaching cases: invented patients whose answers the rule core must confirm.

Each case is one YAML file in ``content/cases/`` named ``NN_slug.yaml`` (``NN`` orders the cases
for teaching, simple to subtle; ``slug`` is the case id). A file states its answer explicitly
(verdict and starting dose) so that a rule change that alters the answer is caught by the tests
instead of silently changing what the case teaches.

Loading validates every file: the scenario through ``core.scenario.parse_scenario``, the passage
ids against ``core.sources``, the key finding against the rule table (it must exist and fire for
the scenario). A bad file fails loudly with its file name and every problem found.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from core.assess import assess
from core.content_files import SLUG, ContentFileError, load_content_file
from core.errors import ScenarioError
from core.rules import RULES_BY_ID, Verdict
from core.scenario import Scenario, parse_scenario
from core.sources import CONTENT_DIR, passage_ids

CASES_DIR = CONTENT_DIR / "cases"

# The tag vocabulary (a typo in a tag is an error, so filters on tags can be trusted).
TAGS: frozenset[str] = frozenset(
    {
        "basics",  # the simple starting cases
        "threshold",  # sits on one side of a numeric threshold (age 65/70, CrCl 30/60)
        "age",
        "renal",
        "cockcroft_gault",  # CrCl computed from serum creatinine
        "si_units",  # creatinine given in µmol/L
        "unknown_renal",
        "dose_rule",  # a dose rule decides the dose
        "non_stacking",  # more than one reason to reduce: no dose below 2 mg
        "interaction",  # OAT3 inhibitor
        "hbv",
        "infection",
        "tb",
        "pregnancy",
        "fertility",
        "male",
        "combination",  # with a biological DMARD or potent immunosuppressant
        "indication",  # algorithm step 1 or the disease treated
        "on_treatment",  # remission, inadequate response, adverse event
        "hepatic",
        "silent",  # the article is silent on the key question
    }
)


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


def _known_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    unknown = sorted(set(tags) - TAGS)
    if unknown:
        raise ValueError(f"unknown tag(s) {unknown}; allowed: {', '.join(sorted(TAGS))}")
    if len(set(tags)) != len(tags):
        raise ValueError("tags repeat")
    return tags


def _known_passages(ids: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [p for p in ids if p not in passage_ids()]
    if unknown:
        raise ValueError(f"unknown passage id(s) {unknown} (see content/source/passages.yaml)")
    return ids


Text = Annotated[str, Field(min_length=1)]


class TeachingCase(BaseModel):
    """One teaching case: a vignette, its scenario, a question and the explained answer."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: Annotated[str, Field(pattern=SLUG)]
    title: Text
    vignette: Text
    # Contract fields that differ from the defaults; validated by parse_scenario (read-only).
    scenario: Annotated[Mapping[str, Any], AfterValidator(_frozen_mapping)]
    question: Text
    answer: Verdict
    dose_mg: Literal[2, 4] | None  # required: a case states its dose, even when it is none
    key_finding: str | None = None
    explanation: Text
    passages: Annotated[tuple[str, ...], Field(min_length=1), AfterValidator(_known_passages)]
    tags: Annotated[tuple[str, ...], Field(min_length=1), AfterValidator(_known_tags)]

    @field_validator("scenario", mode="before")
    @classmethod
    def _valid_scenario(cls, value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise ValueError("scenario must be a mapping of contract field: value pairs")
        try:
            parse_scenario(value)
        except ScenarioError as error:
            raise ValueError(str(error)) from None
        return value

    @field_validator("key_finding")
    @classmethod
    def _known_rule(cls, value: str | None) -> str | None:
        if value is not None and value not in RULES_BY_ID:
            raise ValueError(f"{value!r} is not a rule id of core.rules")
        return value

    @model_validator(mode="after")
    def _key_finding_fires(self) -> TeachingCase:
        if self.key_finding is not None:
            fired = assess(case_scenario(self)).finding_ids
            if self.key_finding not in fired:
                raise ValueError(
                    f"key_finding {self.key_finding!r} does not fire for this scenario "
                    f"(fired: {', '.join(fired)})"
                )
        return self


class CaseFileError(ContentFileError):
    """A teaching-case file is invalid; the message names the file and every problem."""


def case_scenario(case: TeachingCase) -> Scenario:
    """The case's scenario as a validated Scenario (defaults for every field not given)."""
    return parse_scenario(case.scenario)


def load_case_file(path: Path) -> TeachingCase:
    """Read and validate one case file; raises CaseFileError naming the file and the problems."""
    return load_content_file(path, TeachingCase, "case", "01_standard_start.yaml", CaseFileError)


def load_cases(directory: Path) -> tuple[TeachingCase, ...]:
    """Every case file of a directory in file-name order (the teaching order), validated."""
    paths = sorted(directory.glob("*.yaml"))
    cases = tuple(load_case_file(path) for path in paths)
    orders: dict[str, Path] = {}
    for path in paths:
        order = path.name[:2]
        if order in orders:
            other = orders[order].name
            raise CaseFileError(path, [f"order number {order} is also used by {other}"])
        orders[order] = path
    seen: dict[str, Path] = {}
    for path, case in zip(paths, cases, strict=True):
        if case.id in seen:
            raise CaseFileError(path, [f"id {case.id!r} is also used by {seen[case.id].name}"])
        seen[case.id] = path
    return cases


@cache
def teaching_cases() -> tuple[TeachingCase, ...]:
    """All teaching cases in teaching order (loaded once per process; immutable, so shareable)."""
    return load_cases(CASES_DIR)


@cache
def _by_id() -> dict[str, TeachingCase]:
    return {case.id: case for case in teaching_cases()}


def teaching_case(case_id: str) -> TeachingCase:
    """The teaching case with this id (KeyError naming the known ids if there is none)."""
    try:
        return _by_id()[case_id]
    except KeyError:
        known = ", ".join(_by_id())
        raise KeyError(f"no teaching case {case_id!r}; known: {known}") from None
