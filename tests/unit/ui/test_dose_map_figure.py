"""The dose map builder and its regions, on fig.to_dict(): each cell's zone agrees with
core.assess, thresholds come from the rule table, words and patterns beside the colours."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import pytest

from core import Scenario, assess
from core.audit import audit_entry
from core.dose_regions import ZONE_LABELS, Zone, map_regions, map_summary, map_thresholds
from core.grid import dose_grid
from core.rules import RULES_BY_ID, Verdict
from ui.dose_map_figure import (
    CAUTION_LEGEND,
    CAUTION_PATTERN,
    MARKER_NAME,
    NOT_INDICATED_LEGEND,
    UNKNOWN_RENAL_NOTE,
    ZONE_COLORS,
    MapMarker,
    dose_map,
)

AGES = (18, 40, 65, 66, 70, 71, 85, 100)
CRCLS = (0.0, 29.0, 30.0, 45.0, 60.0, 61.0, 120.0, 250.0)


def heatmap(fig: go.Figure) -> dict[str, Any]:
    return next(t for t in fig.to_dict()["data"] if t["type"] == "heatmap")


def brick_index(edges: list[float], value: float) -> int:
    return next(i for i in range(len(edges) - 1) if edges[i] <= value < edges[i + 1])


def zone_at(fig: go.Figure, age: int, crcl: float) -> tuple[int, str]:
    """(zone code, hover text) of the heatmap brick holding (age, crcl)."""
    trace = heatmap(fig)
    row, col = brick_index(trace["y"], crcl), brick_index(trace["x"], age)
    return trace["z"][row][col], trace["text"][row][col]


def expected_zone(scenario: Scenario) -> Zone:
    """The zone computed independently, one scenario at a time, by core.assess."""
    result = assess(scenario)
    if result.verdict is Verdict.contraindicated:
        return Zone.contraindicated
    if result.verdict is Verdict.not_recommended:
        return Zone.not_recommended
    return Zone.two_mg if result.dose_mg == 2 else Zone.four_mg


@pytest.mark.parametrize(
    "base",
    [
        Scenario(),
        Scenario(oat3_inhibitor=True),
        Scenario(pregnant=True),
        Scenario(biologic_dmard=True, recurrent_infections=True),
        Scenario(failed_csdmard=False),
        Scenario(hbsag_positive=True, antiviral_prophylaxis=True),
    ],
)
def test_every_sampled_cell_agrees_with_assess(base: Scenario) -> None:
    fig = dose_map(dose_grid(base))
    for age in AGES:
        for crcl in CRCLS:
            cell = base.model_copy(update={"age_years": age, "crcl_ml_min": crcl})
            zone, hover = zone_at(fig, age, crcl)
            assert zone == expected_zone(cell), (base, age, crcl)
            assert ZONE_LABELS[Zone(zone)].split(":")[0] in hover


def test_known_scenario_right_dose_in_right_cells() -> None:
    fig = dose_map(dose_grid(Scenario()))
    assert zone_at(fig, 72, 45)[0] == Zone.two_mg  # both reductions: still 2 mg
    assert zone_at(fig, 50, 100)[0] == Zone.four_mg
    assert zone_at(fig, 71, 100)[0] == Zone.two_mg  # over 70
    assert zone_at(fig, 70, 61)[0] == Zone.four_mg
    assert zone_at(fig, 50, 60)[0] == Zone.two_mg
    assert zone_at(fig, 50, 29)[0] == Zone.contraindicated
    hover = zone_at(fig, 72, 45)[1]
    for rule_id in ("dose.age_over_70", "dose.crcl_30_60", "caution.age_over_65"):
        assert rule_id in hover
    assert "Use with caution" in hover and "Ages 71–100" in hover and "CrCl 30–60" in hover


def test_bricks_are_few_and_cover_the_grid() -> None:
    grid = dose_grid(Scenario())
    regions = map_regions(grid)
    assert len(regions.bricks) < 20  # 83 x 251 cells merged into regions
    cells = sum((b.row1 - b.row0 + 1) * (b.col1 - b.col0 + 1) for b in regions.bricks)
    assert cells == grid.dose_mg.size


def test_thresholds_come_from_the_rules_with_rule_and_passage_on_hover() -> None:
    grid = dose_grid(Scenario())
    found = {(t.field, t.value): t for t in map_thresholds(grid)}
    assert set(found) == {("crcl", 30.0), ("crcl", 60.0), ("age_years", 65.0), ("age_years", 70.0)}
    assert found[("crcl", 30.0)].position == 29.5  # between CrCl 29 (contraindicated) and 30
    assert found[("crcl", 60.0)].position == 60.5
    assert found[("age_years", 70.0)].position == 70.5
    assert "ci.crcl_below_30" in found[("crcl", 30.0)].rules
    lines = {t["name"]: t for t in dose_map(grid).to_dict()["data"] if t["name"].startswith("Thr")}
    assert set(lines) == {
        "Threshold: CrCl 30",
        "Threshold: CrCl 60",
        "Threshold: age 65",
        "Threshold: age 70",
    }
    hover = lines["Threshold: age 70"]["hovertemplate"]
    rule = RULES_BY_ID["dose.age_over_70"]
    assert "dose.age_over_70" in hover and rule.passages[0] in hover and "reduce to 2 mg" in hover
    assert set(lines["Threshold: age 70"]["x"]) == {70.5}


def test_legend_words_patterns_and_distinct_colours() -> None:
    data = dose_map(dose_grid(Scenario(failed_csdmard=False))).to_dict()["data"]
    names = {t.get("name") for t in data}
    for zone in (Zone.four_mg, Zone.two_mg, Zone.contraindicated, Zone.not_recommended):
        assert ZONE_LABELS[zone] in names
    assert CAUTION_LEGEND in names and NOT_INDICATED_LEGEND in names
    overlays = [t for t in data if t["type"] == "bar" and t.get("showlegend") is False]
    assert {o["marker"]["pattern"]["shape"] for o in overlays} == {CAUTION_PATTERN, "."}
    assert len(set(ZONE_COLORS.values())) == len(ZONE_COLORS)


def test_no_caution_band_when_nothing_cautions() -> None:
    # Ages only up to 65: no caution rule fires anywhere, so no hatch overlay is drawn.
    fig = dose_map(dose_grid(Scenario(), ages=range(18, 66)))
    overlays = [t for t in fig.to_dict()["data"] if t["type"] == "bar" and not t["showlegend"]]
    assert overlays == []


def test_marker_placed_or_explained() -> None:
    grid = dose_grid(Scenario())
    data = dose_map(grid, MapMarker(72, 45.5, "2 mg once daily")).to_dict()["data"]
    star = next(t for t in data if t.get("name") == MARKER_NAME)
    assert (star["x"], star["y"]) == ([72], [45.5]) and "2 mg once daily" in star["hovertemplate"]

    unknown = dose_map(grid, MapMarker(50, None, "No dose")).to_dict()
    assert not any(t.get("name") == MARKER_NAME for t in unknown["data"])
    assert UNKNOWN_RENAL_NOTE in [a["text"] for a in unknown["layout"]["annotations"]]

    edge = dose_map(grid, MapMarker(110, 300, "x")).to_dict()["data"]
    star = next(t for t in edge if t.get("name") == MARKER_NAME)
    assert star["x"][0] <= 100.5 and "off the map" in star["text"][0]


def test_axes_titled_with_units_and_figure_is_valid_plotly() -> None:
    fig = dose_map(dose_grid(Scenario()), MapMarker(72, 45, "2 mg"))
    layout = fig.to_dict()["layout"]
    assert "(years)" in layout["xaxis"]["title"]["text"]
    assert "(mL/min)" in layout["yaxis"]["title"]["text"]
    go.Figure(fig.to_dict())  # the page skips validation for speed: plotly must accept it here


def test_summary_is_generated_from_the_grid() -> None:
    lines = map_summary(dose_grid(Scenario()))
    text = " ".join(lines)
    assert "The dose drops to 2 mg at ages 71–100 (dose.age_over_70)" in text
    assert "CrCl 30–60 mL/min (dose.crcl_30_60)" in text
    assert "Contraindicated (no dose) at CrCl 0–29 mL/min (ci.crcl_below_30)" in text
    assert "Use with caution at ages 66–100 (caution.age_over_65)" in text
    pregnant = " ".join(map_summary(dose_grid(Scenario(pregnant=True))))
    assert "everywhere on the map (ci.pregnancy)" in pregnant
    assert "dose drops" not in pregnant  # no dose anywhere: a reduction would mean nothing
    narrow = " ".join(map_summary(dose_grid(Scenario(), ages=range(18, 60), crcls=range(70, 90))))
    assert "drops" not in narrow and "Contraindicated" not in narrow and "4 mg 100%" in narrow


def test_a_reading_that_halves_the_dose_again_shows_1_mg_not_4_mg() -> None:
    # Under the other reading of the OAT3 reduction a second reduction halves 2 mg to 1 mg:
    # the map must draw 1 mg there, never fall back to the 4 mg colour and words.
    grid = dose_grid(Scenario(oat3_inhibitor=True), profile=audit_entry("oat3_reduction").profile)
    assert (
        assess(
            Scenario(oat3_inhibitor=True, age_years=72, crcl_ml_min=45),
            audit_entry("oat3_reduction").profile,
        ).dose_mg
        == 1
    )
    zone, hover = zone_at(dose_map(grid), 72, 45)
    assert zone == Zone.one_mg
    assert "1 mg once daily" in hover and "4 mg" not in hover


def test_a_reading_draws_its_own_thresholds() -> None:
    # "Over 70" read as "70 and over": the line and its rule move to between 69 and 70.
    grid = dose_grid(Scenario(), profile=audit_entry("age_thresholds").profile)
    found = {(t.field, t.value): t.position for t in map_thresholds(grid)}
    assert found[("age_years", 70.0)] == 69.5
    assert zone_at(dose_map(grid), 70, 100)[0] == Zone.two_mg
    # The rule's category under the reading, not the default table's.
    below_30 = audit_entry("crcl_below_30").profile
    line = next(
        t
        for t in dose_map(dose_grid(Scenario(), profile=below_30)).to_dict()["data"]
        if t["name"] == "Threshold: CrCl 30"
    )
    assert "ci.crcl_below_30" in line["hovertemplate"]
    assert "→ not recommended" in line["hovertemplate"]
    assert "→ contraindicated" not in line["hovertemplate"]
