"""The labels page's pure parts: dose grids per profile, the small-multiples figure, the
differences for one scenario, and the comparison table's cells (no streamlit)."""

from __future__ import annotations

import base64
import math
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest

from core import Scenario
from core.grid import dose_grid
from core.profiles import ARTICLE, EU_SMPC, PROFILES, TOPICS, US_LABEL_RA, comparison_table
from core.profiles.differences import UNVERIFIED, profile_assessments
from ui.figures import (
    DOSE_CODES,
    DOSE_STYLE,
    PROFILE_MAP_AGES,
    PROFILE_MAP_RENAL,
    DoseMapPanel,
    dose_codes,
    interior_cell,
    profile_dose_maps,
)
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


def example_figure() -> dict[str, Any]:
    return as_plain(profile_dose_maps(dose_map_panels(profile_assessments(EXAMPLE))))


def heatmaps(fig: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in fig["data"] if t["type"] == "heatmap"]


def cell(trace: dict[str, Any], age: int, renal: float) -> int:
    row = list(trace["y"]).index(renal)
    column = list(trace["x"]).index(age)
    return int(trace["z"][row][column])


def test_three_maps_same_ranges_axis_titles_by_measure() -> None:
    fig = example_figure()
    assert len(heatmaps(fig)) == 3
    layout = fig["layout"]
    xs = [layout[k] for k in ("xaxis", "xaxis2", "xaxis3")]
    ys = [layout[k] for k in ("yaxis", "yaxis2", "yaxis3")]
    assert {tuple(x["range"]) for x in xs} == {(17.5, 100.5)}
    assert len({tuple(y["range"]) for y in ys}) == 1
    assert [y["title"]["text"] for y in ys] == [
        "CrCl (mL/min)",
        "CrCl (mL/min)",
        "eGFR (mL/min/1.73 m²)",
    ]
    assert all(x["title"]["text"] == "Age (years)" for x in xs)


def test_map_cells_show_each_profiles_dose() -> None:
    article_map, eu_map, us_map = heatmaps(example_figure())
    code = {dose: DOSE_CODES.index(dose) for dose in DOSE_CODES}
    assert cell(article_map, 68, 90.0) == code[4.0]  # article: over 70 only
    assert cell(article_map, 72, 90.0) == code[2.0]
    assert cell(eu_map, 66, 90.0) == code[2.0]  # EU: 65 and over
    assert cell(eu_map, 60, 90.0) == code[4.0]
    assert cell(us_map, 68, 50.0) == code[1.0]  # US: eGFR 30 to < 60 -> 1 mg
    assert cell(us_map, 68, 90.0) == code[2.0]
    for trace in (article_map, eu_map, us_map):
        assert cell(trace, 50, 20.0) == code[0.0]  # no dose below 30
    assert "1 mg · use with caution" in str(us_map["text"])


def test_map_text_labels_caution_line_and_patient_star() -> None:
    fig = example_figure()
    notes = fig["layout"]["annotations"]
    labels = {(a.get("xref"), a["text"]) for a in notes}
    assert ("x3", "<b>1 mg</b>") in labels
    assert not any(ref in ("x", "x2") and "1 mg" in text for ref, text in labels)
    assert {("x", "caution"), ("x2", "caution"), ("x3", "caution")} <= labels
    contours = [t for t in fig["data"] if t["type"] == "contour"]
    assert len(contours) == 3 and all(t["line"]["dash"] == "dash" for t in contours)
    stars = [t for t in fig["data"] if t["type"] == "scatter"]
    assert [(s["x"][0], round(s["y"][0], 1)) for s in stars] == [
        (68, 49.6),
        (68, 49.6),
        (68, 49.3),
    ]
    assert all(s["marker"]["symbol"] == "star" for s in stars)


def test_no_star_where_the_profiles_measure_is_unknown() -> None:
    crcl_only = Scenario(age_years=68, crcl_ml_min=50)
    panels = dose_map_panels(profile_assessments(crcl_only))
    assert [p.current for p in panels] == [(68.0, 50.0), (68.0, 50.0), None]
    fig = as_plain(profile_dose_maps(panels))
    assert len([t for t in fig["data"] if t["type"] == "scatter"]) == 2


def test_dose_colours_are_distinct_and_every_dose_has_words() -> None:
    colours = [DOSE_STYLE[d][0] for d in DOSE_CODES]
    assert len(set(colours)) == len(colours)
    assert [DOSE_STYLE[d][1] for d in DOSE_CODES] == ["no dose", "1 mg", "2 mg", "4 mg"]


def test_dose_codes_and_interior_cell() -> None:
    grid = dose_grid(Scenario(), PROFILE_MAP_AGES, PROFILE_MAP_RENAL)
    codes = dose_codes(grid)
    assert codes.shape == (len(PROFILE_MAP_RENAL), len(PROFILE_MAP_AGES))
    mask = np.zeros((9, 9), dtype=bool)
    mask[2:7, 1:8] = True
    assert interior_cell(mask) == (4, 4)
    assert interior_cell(np.zeros((3, 3), dtype=bool)) is None
    single = np.zeros((3, 3), dtype=bool)
    single[0, 2] = True
    assert interior_cell(single) == (0, 2)


def test_one_panel_figure_builds() -> None:
    grid = dose_grid(Scenario(), PROFILE_MAP_AGES, PROFILE_MAP_RENAL)
    fig = as_plain(profile_dose_maps([DoseMapPanel("article", grid, None)]))
    assert len(heatmaps(fig)) == 1


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
