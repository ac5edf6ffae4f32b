"""The algorithm chart and its path in words speak plain words: no rule id, enum value or
{placeholder} reaches the student, on any path, under any profile."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum

import pytest

from core import Scenario, assess
from core.algorithm import algorithm_path, path_lines
from core.audit import audit_entries
from core.profiles import PROFILES, Profile
from core.rules import Category, Verdict
from ui.algorithm_chart import algorithm_dot

ALL_PROFILES: list[Profile] = [*PROFILES.values(), *(entry.profile for entry in audit_entries())]
LABEL = re.compile(r'label="((?:[^"\\]|\\.)*)"')
CODE_WORDS = re.compile(r"\b[a-z]+_[a-z0-9_]+\b|\{[^}]*\}")


def scenarios() -> Iterator[Scenario]:
    """Every yes/no input flipped, every choice taken, at several ages and CrCl values."""
    base = Scenario(crcl_ml_min=80)
    yield Scenario()  # renal function unknown
    yield base.model_copy(update={"failed_csdmard": False})
    for crcl in (20, 45):
        yield base.model_copy(update={"crcl_ml_min": crcl})
    for age in (67, 75):
        yield base.model_copy(update={"age_years": age, "crcl_ml_min": 45})
    for name, field in Scenario.model_fields.items():
        if field.annotation is bool and name != "failed_csdmard":
            yield base.model_copy(update={name: True, "age_years": 75, "crcl_ml_min": 45})
        elif isinstance(field.annotation, type) and issubclass(field.annotation, Enum):
            for choice in field.annotation:
                yield Scenario.model_validate({**base.model_dump(), name: choice.value})
    yield base.model_copy(update={"planning_conception": True, "sex": "male"})
    yield base.model_copy(update={"hbsag_positive": True, "antiviral_prophylaxis": True})
    yield base.model_copy(update={"anti_hbc_positive": True})


def visible_text(dot: str) -> str:
    return "\n".join(match.replace("\\n", "\n") for match in LABEL.findall(dot))


def code_words(text: str, profile: Profile) -> list[str]:
    ids = [rule.id for rule in profile.rules if rule.id in text]
    enums = [v.value for v in (*Category, *Verdict) if "_" in v.value and v.value in text]
    return ids + enums + CODE_WORDS.findall(text)


@pytest.mark.parametrize("profile", ALL_PROFILES, ids=lambda p: p.id)
def test_no_code_word_on_any_path(profile: Profile) -> None:
    fired: set[str] = set()
    for scenario in scenarios():
        assessment = assess(scenario, profile)
        fired |= {f.id for f in assessment.findings}
        path = algorithm_path(assessment)
        for text in (visible_text(algorithm_dot(path)), "\n".join(path_lines(path))):
            assert not code_words(text, profile), (scenario, code_words(text, profile), text)
    # The scenarios reach every rule the chart places (else the test would prove little).
    placed = {r.id for r in profile.rules if r.category not in (Category.advice,)}
    assert len(fired & placed) >= 0.8 * len(placed), sorted(placed - fired)


def test_a_dose_reduction_says_which_input_mattered() -> None:
    path = algorithm_path(assess(Scenario(age_years=75, crcl_ml_min=45)))
    notes = " ".join(path.step(4).notes)
    assert "Age 75 is over 70" in notes and "CrCl 45 mL/min is within 30-60 mL/min" in notes
