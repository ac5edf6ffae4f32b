"""The dose map builder and its regions, on fig.to_dict(): each cell's zone agrees with
core.assess, thresholds come from the rule table, words and patterns beside the colours; the
label profiles' small multiples are drawn by the same renderer, with one legend."""

from __future__ import annotations

import base64
import itertools
import re
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest

from core import Scenario, assess
from core.audit import audit_entry
from core.dose_regions import ZONE_LABELS, Zone, map_regions, map_summary, map_thresholds
from core.grid import dose_grid
from core.profiles.differences import profile_assessments
from core.rules import RULES_BY_ID, Verdict
from ui.batch_counts_figure import BATCH_DOSE_BARS, BATCH_VERDICT_COLORS
from ui.dose_map_figure import (
    CAUTION_LEGEND,
    CAUTION_PATTERN,
    MARKER_NAME,
    NOT_INDICATED_LEGEND,
    UNKNOWN_EGFR_NOTE,
    UNKNOWN_RENAL_NOTE,
    ZONE_COLORS,
    DoseMapPanel,
    MapMarker,
    dose_map,
    dose_maps,
    map_marker,
)
from ui.figure_style import LECTURE_MIN_FONT, lecture_scaled
from ui.label_views import dose_map_panels

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


# ------------------------------------------------------------ the small multiples (label profiles)

EXAMPLE = Scenario(age_years=68, sex="female", weight_kg=70, creatinine_mg_dl=1.2)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:  # plotly 7: numpy arrays as base64 typed arrays
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
            if "shape" in value:
                array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
            return array.tolist()
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


def as_plain(fig: go.Figure) -> dict[str, Any]:
    """fig.to_dict() with every array as nested lists."""
    return dict(_plain(fig.to_dict()))


def example_figure(scenario: Scenario = EXAMPLE) -> dict[str, Any]:
    return as_plain(dose_maps(dose_map_panels(profile_assessments(scenario))))


def heatmaps(fig: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in fig["data"] if t["type"] == "heatmap"]


def panel_zone(trace: dict[str, Any], age: int, renal: float) -> Zone:
    """The zone of the brick holding (age, renal): the heatmap's x/y are the bricks' edges."""
    row = next(i for i in range(len(trace["y"]) - 1) if trace["y"][i] <= renal < trace["y"][i + 1])
    col = next(i for i in range(len(trace["x"]) - 1) if trace["x"][i] <= age < trace["x"][i + 1])
    return Zone(trace["z"][row][col])


def axes(layout: dict[str, Any], letter: str) -> list[dict[str, Any]]:
    return [layout[key] for key in sorted(layout) if re.fullmatch(letter + r"axis\d*", key)]


def test_three_maps_on_the_main_maps_axis_ranges_titled_by_measure() -> None:
    fig = example_figure()
    main = as_plain(dose_map(dose_grid(EXAMPLE)))["layout"]
    assert len(heatmaps(fig)) == 3
    layout = fig["layout"]
    xs, ys = axes(layout, "x"), axes(layout, "y")
    assert len(xs) == len(ys) == 3
    for x, y in zip(xs, ys, strict=True):
        assert x["range"] == main["xaxis"]["range"] and x["tickvals"] == main["xaxis"]["tickvals"]
        assert y["range"] == main["yaxis"]["range"] and y["tickvals"] == main["yaxis"]["tickvals"]
    assert [y["title"]["text"] for y in ys] == [
        "CrCl (mL/min)",
        "CrCl (mL/min)",
        "eGFR (mL/min/1.73 m²)",
    ]
    assert all(x["title"]["text"] == main["xaxis"]["title"]["text"] for x in xs)
    # Side by side, never overlapping.
    domains = [x["domain"] for x in xs]
    assert all(a[1] < b[0] for a, b in itertools.pairwise(domains))


def test_map_cells_show_each_profiles_dose() -> None:
    article_map, eu_map, us_map = heatmaps(example_figure())
    assert panel_zone(article_map, 68, 90.0) is Zone.four_mg  # article: over 70 only
    assert panel_zone(article_map, 72, 90.0) is Zone.two_mg
    assert panel_zone(eu_map, 66, 90.0) is Zone.two_mg  # EU: 65 and over
    assert panel_zone(eu_map, 60, 90.0) is Zone.four_mg
    assert panel_zone(us_map, 68, 50.0) is Zone.one_mg  # US: eGFR 30 to < 60 -> 1 mg
    assert panel_zone(us_map, 68, 90.0) is Zone.two_mg
    assert panel_zone(article_map, 50, 20.0) is Zone.contraindicated
    assert panel_zone(eu_map, 50, 20.0) is Zone.not_recommended
    assert panel_zone(us_map, 50, 20.0) is Zone.not_recommended
    assert "1 mg once daily</b> · Use with caution" in str(us_map["text"])
    assert "eGFR 30–59 mL/min/1.73 m²" in str(us_map["text"])


def test_one_colour_per_dose_and_verdict_on_the_main_map_and_every_panel() -> None:
    # The same zone has the same colour everywhere: the colour scales are identical and the
    # z codes are the zones, so 2 mg on the US map is the colour of 2 mg on the article's.
    main = heatmaps(as_plain(dose_map(dose_grid(EXAMPLE))))[0]
    panels = heatmaps(example_figure())
    for trace in panels:
        assert trace["colorscale"] == main["colorscale"]
        assert (trace["zmin"], trace["zmax"]) == (main["zmin"], main["zmax"])
    scale = main["colorscale"]
    for zone, colour in ZONE_COLORS.items():
        position = (zone + 0.5) / len(Zone)
        band = next(
            c
            for (low, c), (high, _) in zip(scale[::2], scale[1::2], strict=False)
            if low <= position <= high
        )
        assert band == colour, zone
    assert len(set(ZONE_COLORS.values())) == len(ZONE_COLORS)


def test_one_legend_for_all_panels() -> None:
    fig = example_figure()
    listed = [t["name"] for t in fig["data"] if t.get("showlegend") is not False]
    assert len(listed) == len(set(listed))  # each entry once, not once per panel
    assert listed == [
        ZONE_LABELS[Zone.four_mg],
        ZONE_LABELS[Zone.two_mg],
        ZONE_LABELS[Zone.one_mg],  # the US panel has it: one entry, in the shared legend
        ZONE_LABELS[Zone.contraindicated],
        ZONE_LABELS[Zone.not_recommended],
        CAUTION_LEGEND,
        NOT_INDICATED_LEGEND,
    ]
    main = as_plain(dose_map(dose_grid(EXAMPLE)))
    main_listed = [t["name"] for t in main["data"] if t.get("showlegend") is not False]
    assert set(main_listed) <= set(listed)
    assert fig["layout"]["legend"] == main["layout"]["legend"]


def test_marks_are_the_main_maps_in_every_panel() -> None:
    fig = example_figure()
    notes = fig["layout"]["annotations"]
    # Hatched caution band and threshold lines in each panel, on that panel's axes.
    for suffix in ("", "2", "3"):
        mine = [t for t in fig["data"] if t.get("xaxis") == "x" + suffix]
        assert any(
            t["type"] == "bar" and t["marker"]["pattern"]["shape"] == CAUTION_PATTERN for t in mine
        )
        assert any(t.get("name", "").startswith("Threshold:") for t in mine)
    lines = {t["name"] for t in fig["data"] if t.get("name", "").startswith("Threshold:")}
    assert {"Threshold: age 70", "Threshold: age 65", "Threshold: eGFR 60"} <= lines
    words = {(a.get("xref"), a["text"]) for a in notes}
    assert ("x3", "1 mg · caution") in words or ("x3", "1 mg") in words
    stars = [t for t in fig["data"] if t.get("name") == MARKER_NAME]
    main_star = next(
        t
        for t in as_plain(dose_map(dose_grid(EXAMPLE), map_marker(assess(EXAMPLE))))["data"]
        if t.get("name") == MARKER_NAME
    )
    assert [(s["x"][0], round(s["y"][0], 1)) for s in stars] == [
        (68, 49.6),
        (68, 49.6),
        (68, 49.3),
    ]
    assert all(s["marker"] == main_star["marker"] for s in stars)
    assert stars[0]["hovertemplate"] == main_star["hovertemplate"]


def test_panel_hover_quotes_the_profiles_own_sources() -> None:
    fig = example_figure()
    egfr_line = next(t for t in fig["data"] if t.get("name") == "Threshold: eGFR 30")
    assert "us.nr.egfr_below_30" in egfr_line["hovertemplate"]
    assert "mL/min/1.73 m²" in egfr_line["hovertemplate"]
    assert "Source U5" in egfr_line["hovertemplate"]


def test_no_star_where_the_profiles_measure_is_unknown() -> None:
    crcl_only = Scenario(age_years=68, crcl_ml_min=50)
    panels = dose_map_panels(profile_assessments(crcl_only))
    assert [p.marker.renal if p.marker else "-" for p in panels] == [50.0, 50.0, None]
    fig = as_plain(dose_maps(panels))
    assert len([t for t in fig["data"] if t.get("name") == MARKER_NAME]) == 2
    notes = [a for a in fig["layout"]["annotations"] if a["text"] == UNKNOWN_EGFR_NOTE]
    assert [a["xref"] for a in notes] == ["x3 domain"]


def test_a_not_covered_label_verdict_is_not_drawn_as_missing_renal_function() -> None:
    us = heatmaps(example_figure(EXAMPLE.model_copy(update={"breastfeeding": True})))[2]
    assert panel_zone(us, 68, 90.0) is Zone.not_covered
    assert "No dose: not covered" in str(us["text"])


def test_lecture_mode_scales_every_panels_text() -> None:
    fig = lecture_scaled(dose_maps(dose_map_panels(profile_assessments(EXAMPLE))))
    layout = fig.to_dict()["layout"]
    for axis in (*axes(layout, "x"), *axes(layout, "y")):
        assert axis["tickfont"]["size"] >= LECTURE_MIN_FONT
        assert axis["title"]["font"]["size"] >= LECTURE_MIN_FONT
    assert all(a["font"]["size"] >= LECTURE_MIN_FONT for a in layout["annotations"])
    assert layout["legend"]["font"]["size"] >= LECTURE_MIN_FONT


def test_one_panel_figure_builds() -> None:
    grid = dose_grid(Scenario())
    fig = dose_maps([DoseMapPanel("article", grid, None)])
    assert len(heatmaps(as_plain(fig))) == 1
    go.Figure(fig.to_dict())  # the builder skips validation: plotly must accept it here
    go.Figure(dose_maps(dose_map_panels(profile_assessments(EXAMPLE))).to_dict())


def test_the_batch_counts_give_a_dose_and_a_blocking_verdict_the_maps_colour() -> None:
    bars = {label: colour for _, label, colour in BATCH_DOSE_BARS}
    assert bars["4 mg"] == ZONE_COLORS[Zone.four_mg]
    assert bars["2 mg"] == ZONE_COLORS[Zone.two_mg]
    assert bars["1 mg"] == ZONE_COLORS[Zone.one_mg]
    assert BATCH_VERDICT_COLORS[Verdict.contraindicated] == ZONE_COLORS[Zone.contraindicated]
    assert BATCH_VERDICT_COLORS[Verdict.not_recommended] == ZONE_COLORS[Zone.not_recommended]
    assert BATCH_VERDICT_COLORS[Verdict.not_covered] == ZONE_COLORS[Zone.not_covered]
