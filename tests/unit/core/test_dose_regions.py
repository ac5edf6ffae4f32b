"""The dose map's summary (core.dose_regions.map_summary_lines) names only the doses its cells
give, under the article, every other reading of it and both drug labels."""

from __future__ import annotations

import re

import numpy as np
import pytest

from core import Scenario
from core.audit import audit_entries
from core.dose_regions import map_summary_lines
from core.grid import dose_grid
from core.profiles import PROFILES, Profile

ALL_PROFILES: list[Profile] = [*PROFILES.values(), *(entry.profile for entry in audit_entries())]
# The OAT3 inhibitor fires everywhere: beside another reduction it stacks under some readings.
HELD = (Scenario(), Scenario(oat3_inhibitor=True))
DOSE_WORDS = re.compile(r"(\d+(?:\.\d+)?) mg")


@pytest.mark.parametrize("profile", ALL_PROFILES, ids=lambda p: p.id)
@pytest.mark.parametrize("held", HELD, ids=("defaults", "oat3"))
def test_every_dose_a_summary_line_names_is_given_in_its_regions(
    profile: Profile, held: Scenario
) -> None:
    grid = dose_grid(held, profile=profile)
    has_dose = ~np.isnan(grid.dose_mg)
    dose_rules = {rule.id for rule in profile.dose_rules}
    for line in map_summary_lines(grid):
        named = {float(d) for d in DOSE_WORDS.findall(line.head)}
        for _, rule_id in line.parts:
            if rule_id not in dose_rules:
                continue
            given = set(grid.dose_mg[grid.fired[rule_id] & has_dose].tolist())
            assert named, (profile.id, line.head)
            assert named <= given, (profile.id, line.head, rule_id, given)


@pytest.mark.parametrize("profile", ALL_PROFILES, ids=lambda p: p.id)
@pytest.mark.parametrize("held", HELD, ids=("defaults", "oat3"))
def test_every_dose_a_reduction_gives_is_named_beside_it(profile: Profile, held: Scenario) -> None:
    grid = dose_grid(held, profile=profile)
    has_dose = ~np.isnan(grid.dose_mg)
    lines = map_summary_lines(grid)
    for rule in profile.dose_rules:
        given = set(grid.dose_mg[grid.fired[rule.id] & has_dose].tolist())
        named = {
            float(d)
            for line in lines
            if any(part_rule == rule.id for _, part_rule in line.parts)
            for d in DOSE_WORDS.findall(line.head)
        }
        assert given == named, (profile.id, rule.id, given, named)


def test_stacked_reductions_are_summarised_as_the_1_mg_the_cells_give() -> None:
    entry = next(e for e in audit_entries() if e.id == "dose_below_2mg")
    grid = dose_grid(Scenario(), profile=entry.profile)
    heads = [line.head for line in map_summary_lines(grid)]
    assert "The dose drops to 1 mg" in heads and "The dose drops to 2 mg" in heads


def test_a_reduction_to_the_standard_dose_is_not_called_a_drop() -> None:
    entry = next(e for e in audit_entries() if e.id == "standard_dose")
    grid = dose_grid(Scenario(), profile=entry.profile)
    text = " ".join(line.text for line in map_summary_lines(grid))
    assert "drops" not in text
    assert "stays at 2 mg" in text
