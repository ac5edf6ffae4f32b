"""The labels page's pure parts: dose grids per profile, the small-multiples figure, the
differences for one scenario, and the comparison table's cells (no streamlit)."""

from __future__ import annotations

import base64
import itertools
import math
import re
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest

from core import Scenario, assess
from core.dose_regions import ZONE_LABELS, Zone
from core.grid import dose_grid
from core.profiles import ARTICLE, EU_SMPC, PROFILES, TOPICS, US_LABEL_RA, comparison_table
from core.profiles.differences import UNVERIFIED, profile_assessments
from ui.dose_map_figure import (
    CAUTION_LEGEND,
    CAUTION_PATTERN,
    MARKER_NAME,
    NOT_INDICATED_LEGEND,
    UNKNOWN_EGFR_NOTE,
    ZONE_COLORS,
    DoseMapPanel,
    dose_map,
    dose_maps,
    map_marker,
)
from ui.figures import LECTURE_MIN_FONT, lecture_scaled
from ui.label_views import comparison_frame, dose_map_panels

EXAMPLE = Scenario(age_years=68, sex="female", weight_kg=70, creatinine_mg_dl=1.2)


def dose_at(profile_id: str, age: int, renal: float, base: Scenario | None = None) -> float:
    grid = dose_grid(base or Scenario(), [age], [renal], PROFILES[profile_id])
    return float(grid.dose_mg[0, 0])


# ------------------------------------------------------------ grids per profile


def test_grid_per_profile_shifts_the_age_threshold() -> None:
    assert (dose_at("article", 70, 90), dose_at("article", 71, 90)) == (4, 2)
    assert (dose_at("eu_smpc", 64, 90), dose_at("eu_smpc", 65, 90)) == (4, 2)
    assert dose_at("us_label_ra", 100, 90) == 2  # no age rule, 2 mg standard


def test_us_grid_reads_the_renal_axis_as_egfr() -> None:
    # The base has no creatinine: the axis value itself is the eGFR (never converted).
    assert dose_at("us_label_ra", 50, 59.9) == 1
    assert dose_at("us_label_ra", 50, 30) == 1
    assert dose_at("us_label_ra", 50, 60) == 2
    assert math.isnan(dose_at("us_label_ra", 50, 29))
    grid = dose_grid(Scenario(), [50], [45.0], US_LABEL_RA)
    assert grid.renal_measure == "egfr"
    assert dose_grid(Scenario(), [50], [45.0], EU_SMPC).renal_measure == "crcl"


def test_default_profile_grid_is_unchanged() -> None:
    base = Scenario(oat3_inhibitor=True)
    default = dose_grid(base, [50, 80], [20.0, 45.0, 90.0])
    explicit = dose_grid(base, [50, 80], [20.0, 45.0, 90.0], ARTICLE)
    assert np.array_equal(default.dose_mg, explicit.dose_mg, equal_nan=True)
    assert default.renal_measure == "crcl"


# ------------------------------------------------------------ the small multiples


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


def zone_at(trace: dict[str, Any], age: int, renal: float) -> Zone:
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
    assert zone_at(article_map, 68, 90.0) is Zone.four_mg  # article: over 70 only
    assert zone_at(article_map, 72, 90.0) is Zone.two_mg
    assert zone_at(eu_map, 66, 90.0) is Zone.two_mg  # EU: 65 and over
    assert zone_at(eu_map, 60, 90.0) is Zone.four_mg
    assert zone_at(us_map, 68, 50.0) is Zone.one_mg  # US: eGFR 30 to < 60 -> 1 mg
    assert zone_at(us_map, 68, 90.0) is Zone.two_mg
    assert zone_at(article_map, 50, 20.0) is Zone.contraindicated
    assert zone_at(eu_map, 50, 20.0) is Zone.not_recommended
    assert zone_at(us_map, 50, 20.0) is Zone.not_recommended
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
    assert zone_at(us, 68, 90.0) is Zone.not_covered
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


# ------------------------------------------------------------ the comparison table


def test_comparison_frame_has_every_topic_with_its_sources() -> None:
    rows = comparison_table()
    frame = comparison_frame(rows)
    assert list(frame["Topic"]) == [label for _, label in TOPICS]
    assert list(frame.columns) == [
        "Topic",
        "Article (last updated 2025-09-21)",
        "EU SmPC (compiled 2026-12)",
        "US label (compiled 2026-12)",
    ]
    for index, row in enumerate(rows):
        for column, comparison_cell in zip(frame.columns[1:], row.cells, strict=True):
            shown = frame.iloc[index][column]
            assert comparison_cell.text in shown
            for source in comparison_cell.sources:
                assert source in shown, (row.topic, column)
            assert (UNVERIFIED in shown) is comparison_cell.unverified


@pytest.mark.parametrize("topic", ["contraception", "breastfeeding"])
def test_unverified_cell_is_shown_as_unverified(topic: str) -> None:
    frame = comparison_frame(comparison_table())
    row = frame[frame["Topic"] == dict(TOPICS)[topic]].iloc[0]
    assert row["US label (compiled 2026-12)"].startswith("unverified: ")
