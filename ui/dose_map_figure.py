"""The dose map figure: the starting dose and verdict over age x CrCl (a pure plotly builder).

``dose_map(grid, marker)`` takes a ``core.grid.DoseGrid`` and returns a ``go.Figure`` in the
house style of ``ui.figures`` (Okabe-Ito colours, large type, labelled axes with units). Its
regions, threshold lines and words come from ``ui.dose_regions``; tested on ``fig.to_dict()``.
It lives beside ``ui.figures`` (not in it) only to keep that shared module's edits apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import plotly.graph_objects as go

from core.grid import DoseGrid
from core.measure_text import shown_measure
from core.rules import RULES_BY_ID, VERDICT_LABELS, Category
from ui.dose_regions import (
    ZONE_LABELS,
    ZONE_SHORT,
    Brick,
    MapRegions,
    Threshold,
    Zone,
    connected_areas,
    map_regions,
    map_thresholds,
    passage_quote,
)
from ui.figures import OKABE_ITO, TEXT_COLOR, TITLE_FONT_SIZE, _base_layout, hover_safe

# One colour per zone (Okabe-Ito); the words are in the legend, the area labels and the hover,
# and the two overlays are hatch PATTERNS, so no answer depends on colour alone.
ZONE_COLORS: dict[Zone, str] = {
    Zone.contraindicated: OKABE_ITO["vermillion"],
    Zone.not_recommended: OKABE_ITO["reddish_purple"],
    Zone.reduced: OKABE_ITO["sky_blue"],
    Zone.standard: OKABE_ITO["bluish_green"],
    Zone.renal_unknown: "#9AA5B1",
}
CAUTION_PATTERN = "/"
NOT_INDICATED_PATTERN = "."
DOSE_MAP_X_TITLE = "Age (years)"
DOSE_MAP_Y_TITLE = "Creatinine clearance, CrCl (mL/min)"
CAUTION_LEGEND = "Hatched ////: use with caution"
NOT_INDICATED_LEGEND = "Dotted ····: not indicated yet (dose once qualified)"
MARKER_NAME = "This scenario"
_MAP_RULE_WORDS: dict[Category, str] = {
    Category.contraindication: "contraindicated",
    Category.not_recommended: "not recommended",
    Category.not_indicated: "not indicated yet",
    Category.caution: "use with caution",
    Category.dose: "2 mg",
}


@dataclass(frozen=True)
class MapMarker:
    """The current scenario on the map: its age, its CrCl (None = renal function unknown) and a
    one-line result for the hover (e.g. '2 mg once daily · Use with caution')."""

    age: float
    crcl: float | None
    result: str


def _range_words(values: Sequence[float], first: int, last: int, unit: str = "") -> str:
    low, high = f"{values[first]:g}", f"{values[last]:g}"
    text = low if first == last else f"{low}–{high}"
    return f"{text} {unit}".strip()


def _brick_hover(regions: MapRegions, brick: Brick) -> str:
    verdict = VERDICT_LABELS[brick.verdict]
    if brick.zone in (Zone.reduced, Zone.standard):
        head = f"<b>{ZONE_LABELS[brick.zone]}</b> · {verdict}"
        if brick.not_indicated:
            head += " (the dose once the patient qualifies)"
    else:
        head = f"<b>{hover_safe(ZONE_LABELS[brick.zone])}</b>"
    ages = _range_words(list(regions.ages), brick.col0, brick.col1)
    crcls = _range_words(list(regions.crcls), brick.row0, brick.row1, "mL/min")
    lines = [head, f"Ages {ages} · CrCl {crcls}"]
    if brick.rules:
        lines.append("Rules that fire here:")
        for rule_id in brick.rules:
            rule = RULES_BY_ID[rule_id]
            lines.append(
                f"• {rule_id}: {hover_safe(rule.when.describe())} → "
                f"{_MAP_RULE_WORDS[rule.category]}"
            )
    else:
        lines.append("No rule limits the start here: the standard dose.")
    return "<br>".join(lines)


Trace = dict[str, object]


def _legend_entry(name: str, color: str, pattern: str = "") -> Trace:
    # A bar at no position: only its legend swatch shows (colour AND, for overlays, pattern).
    marker: dict[str, object] = {"color": color, "line": {"width": 1, "color": TEXT_COLOR}}
    if pattern:
        marker["pattern"] = {"shape": pattern, "fgcolor": TEXT_COLOR, "size": 7, "solidity": 0.4}
    return {
        "type": "bar",
        "x": [None],
        "y": [None],
        "name": name,
        "marker": marker,
        "showlegend": True,
        "hoverinfo": "skip",
    }


def _overlay(regions: MapRegions, flag: str, name: str, pattern: str) -> Trace | None:
    chosen = [b for b in regions.bricks if getattr(b, flag)]
    if not chosen:
        return None
    xe, ye = regions.age_edges, regions.crcl_edges
    return {
        "type": "bar",
        "name": name,
        "x": [float(xe[b.col0] + xe[b.col1 + 1]) / 2 for b in chosen],
        "width": [float(xe[b.col1 + 1] - xe[b.col0]) for b in chosen],
        "base": [float(ye[b.row0]) for b in chosen],
        "y": [float(ye[b.row1 + 1] - ye[b.row0]) for b in chosen],
        "marker": {
            "color": "rgba(0,0,0,0)",
            "line": {"width": 0},
            "pattern": {
                "shape": pattern,
                "fgcolor": "rgba(17,20,24,0.55)",
                "bgcolor": "rgba(0,0,0,0)",
                "size": 12,
                "solidity": 0.18,
            },
        },
        "showlegend": False,
        "hoverinfo": "skip",
    }


def _threshold_hover(threshold: Threshold) -> str:
    unit = " mL/min" if threshold.field == "crcl" else " years"
    axis = "CrCl" if threshold.field == "crcl" else "Age"
    lines = [f"<b>Threshold: {axis} {threshold.value:g}{unit}</b>"]
    for rule_id in threshold.rules:
        rule = RULES_BY_ID[rule_id]
        lines.append(
            f"{rule_id}: {hover_safe(rule.when.describe())} → {_MAP_RULE_WORDS[rule.category]}"
        )
        for pid in rule.passages[:2]:
            lines.append(f"   Source {pid}: “{hover_safe(passage_quote(pid, 80))}”")
    return "<br>".join(lines)


def threshold_label(threshold: Threshold) -> str:
    """The words on a threshold line: 'age 70' or 'CrCl 30'."""
    axis = "age" if threshold.field == "age_years" else "CrCl"
    return f"{axis} {threshold.value:g}"


def _area_label(area: Sequence[Brick]) -> str:
    first = area[0]
    text = ZONE_SHORT[first.zone]
    if first.caution:
        text += " · caution"
    if first.not_indicated:
        text += " · not indicated"
    return text


def _heatmap(regions: MapRegions) -> Trace:
    n_rows, n_cols = len(regions.row_starts), len(regions.col_starts)
    bricks = regions.bricks
    n_zones = len(Zone)
    scale: list[list[object]] = []
    for zone in Zone:  # a stepped scale: each integer code gets one flat colour
        scale += [[zone / n_zones, ZONE_COLORS[zone]], [(zone + 1) / n_zones, ZONE_COLORS[zone]]]
    xe, ye = regions.age_edges, regions.crcl_edges
    # One more x (y) than columns (rows): plotly reads them as the bricks' edges.
    return {
        "type": "heatmap",
        "name": "Dose and verdict",
        "x": [float(xe[i]) for i in (*regions.col_starts, len(regions.ages))],
        "y": [float(ye[i]) for i in (*regions.row_starts, len(regions.crcls))],
        "z": [[int(bricks[r * n_cols + c].zone) for c in range(n_cols)] for r in range(n_rows)],
        "text": [
            [_brick_hover(regions, bricks[r * n_cols + c]) for c in range(n_cols)]
            for r in range(n_rows)
        ],
        "hovertemplate": "%{text}<extra></extra>",
        "zmin": -0.5,
        "zmax": n_zones - 0.5,
        "colorscale": scale,
        "showscale": False,
    }


def dose_map(grid: DoseGrid, marker: MapMarker | None = None) -> go.Figure:
    """The starting dose and verdict over age (x) x CrCl (y), every other input held.

    Drawn from ``ui.dose_regions``: one heatmap brick per region where the same rules fire
    (hover: dose, verdict, ages, CrCl and the rules), hatch overlays for the caution band and
    the not-indicated area, one word label per area, dashed threshold lines whose hover names
    the rule and quotes its passage, and the current scenario as a star (or, when its renal
    function is unknown, a note saying there is no marker). Built from plain dicts in one go:
    plotly validates once (adding traces one by one costs several times more).
    """
    regions = map_regions(grid)
    xe, ye = regions.age_edges, regions.crcl_edges
    x_range = [float(xe[0]), float(xe[-1])]
    y_range = [float(ye[0]), float(ye[-1])]
    data: list[Trace] = [_heatmap(regions)]
    for flag, name, pattern in (
        ("caution", CAUTION_LEGEND, CAUTION_PATTERN),
        ("not_indicated", NOT_INDICATED_LEGEND, NOT_INDICATED_PATTERN),
    ):
        overlay = _overlay(regions, flag, name, pattern)
        if overlay is not None:
            data.append(overlay)
    for zone in (Zone.standard, Zone.reduced, Zone.contraindicated, Zone.not_recommended):
        data.append(_legend_entry(ZONE_LABELS[zone], ZONE_COLORS[zone]))
    data.append(_legend_entry(CAUTION_LEGEND, "#FFFFFF", CAUTION_PATTERN))
    data.append(_legend_entry(NOT_INDICATED_LEGEND, "#FFFFFF", NOT_INDICATED_PATTERN))
    annotations: list[Trace] = []
    previous: Threshold | None = None
    for threshold in map_thresholds(grid):  # sorted by axis, then value
        data.append(_threshold_line(threshold, x_range, y_range))
        # Two close lines on one axis: their labels lean apart instead of overlapping.
        close = (
            previous is not None
            and previous.field == threshold.field
            and threshold.position - previous.position < 12
        )
        if close and annotations:
            annotations[-1].update(_lean(previous, toward_low=True))
        annotations.append(_threshold_annotation(threshold) | (_lean(threshold) if close else {}))
        previous = threshold
    annotations += _area_labels(regions)
    if marker is not None:
        if marker.crcl is None:
            annotations.append(_unknown_renal_note())
        else:
            star = _marker_trace(marker, x_range, y_range)
            data.append(star)
            x, y, text = (cast(list[Any], star[name])[0] for name in ("x", "y", "text"))
            annotations.append(_marker_label(x, y, text))
    layout = _base_layout(height=640)
    layout.update(
        # No template: an unvalidated figure would keep its name as a bare string (plotly.js
        # cannot read it), and copying the full template dict costs ~50 ms; the axes below
        # draw simple_white's look themselves.
        template={"layout": {}},
        showlegend=True,
        # The legend sits at the foot of the figure (container coordinates), in the bottom
        # margin below the age axis title, so the two never collide.
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "x": 0,
            "font": {"size": 15},
            "itemclick": False,
            "itemdoubleclick": False,
        },
        margin={"l": 10, "r": 92, "t": 40, "b": 150},
        barmode="overlay",
        hovermode="closest",
        annotations=annotations,
        xaxis=_axis(DOSE_MAP_X_TITLE, x_range, list(range(20, 101, 10))),
        yaxis=_axis(DOSE_MAP_Y_TITLE, y_range, list(range(0, 251, 25))),
    )
    # Checked once by plotly in the tests (test_dose_map_figure: the dict re-validates); skipping
    # it here saves ~90 ms a run on a busy 2-core machine.
    return go.Figure(data=data, layout=layout, _validate=False)


def _axis(title: str, span: list[float], ticks: list[int]) -> dict[str, object]:
    return {
        "title": {"text": title, "font": {"size": TITLE_FONT_SIZE}},
        "range": span,
        "tickvals": ticks,
        "fixedrange": True,
        "showgrid": False,
        "zeroline": False,
        "ticks": "outside",
        "showline": True,
        "linecolor": TEXT_COLOR,
        "mirror": True,
        "automargin": True,
    }


def _line_points(span: list[float], count: int = 26) -> list[float]:
    # Points along a threshold line, so its hover answers anywhere along it.
    step = (span[1] - span[0]) / (count - 1)
    return [span[0] + i * step for i in range(count)]


def _threshold_line(threshold: Threshold, x_range: list[float], y_range: list[float]) -> Trace:
    is_age = threshold.field == "age_years"
    along = _line_points(y_range if is_age else x_range)
    fixed = [threshold.position] * len(along)
    return {
        "type": "scatter",
        "x": fixed if is_age else along,
        "y": along if is_age else fixed,
        "mode": "lines",
        "line": {"color": TEXT_COLOR, "width": 2, "dash": "dash"},
        "name": f"Threshold: {threshold_label(threshold)}",
        "hovertemplate": _threshold_hover(threshold) + "<extra></extra>",
        "showlegend": False,
    }


def _threshold_annotation(threshold: Threshold) -> Trace:
    is_age = threshold.field == "age_years"
    return {
        "text": f"<b>{threshold_label(threshold)}</b>",
        "x": threshold.position if is_age else 1.0,
        "y": 1.0 if is_age else threshold.position,
        "xref": "x" if is_age else "paper",
        "yref": "paper" if is_age else "y",
        "xanchor": "center" if is_age else "left",
        "yanchor": "bottom" if is_age else "middle",
        "showarrow": False,
        "font": {"size": 15, "color": TEXT_COLOR},
    }


def _lean(threshold: Threshold | None, toward_low: bool = False) -> Trace:
    if threshold is None:
        return {}
    if threshold.field == "age_years":
        return {"xanchor": "right" if toward_low else "left"}
    return {"yanchor": "top" if toward_low else "bottom"}


def _area_labels(regions: MapRegions) -> list[Trace]:
    xe, ye = regions.age_edges, regions.crcl_edges
    labels: list[Trace] = []
    for area in connected_areas(regions):
        biggest = max(
            area,
            key=lambda b: (xe[b.col1 + 1] - xe[b.col0]) * (ye[b.row1 + 1] - ye[b.row0]),
        )
        width = float(xe[biggest.col1 + 1] - xe[biggest.col0])
        height = float(ye[biggest.row1 + 1] - ye[biggest.row0])
        text = _area_label(area)
        if width < 0.7 * len(text) or height < 14:
            continue  # too small to hold its words: the hover and the legend still say it
        labels.append(
            {
                "text": hover_safe(text),
                "x": float(xe[biggest.col0]) + width / 2,
                "y": float(ye[biggest.row0]) + height / 2,
                "showarrow": False,
                "font": {"size": 15, "color": TEXT_COLOR},
                "bgcolor": "rgba(255,255,255,0.88)",
                "bordercolor": TEXT_COLOR,
                "borderwidth": 1,
                "borderpad": 3,
            }
        )
    return labels


UNKNOWN_RENAL_NOTE = (
    "This scenario's renal function is unknown: no marker "
    "(give a CrCl or a serum creatinine to place it)"
)


def _unknown_renal_note() -> Trace:
    return {
        "text": UNKNOWN_RENAL_NOTE,
        "x": 0.5,
        "y": 1.0,
        "xref": "paper",
        "yref": "paper",
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": 15, "color": TEXT_COLOR},
        "bgcolor": "#FFFFFF",
        "bordercolor": TEXT_COLOR,
        "borderwidth": 1,
        "borderpad": 5,
    }


def _marker_label(x: float, y: float, text: str) -> Trace:
    """The star's words above it on an opaque box: a threshold line running under the label
    (e.g. CrCl 60 for a CrCl of 45) passes behind the box instead of striking the words."""
    return {
        "x": x,
        "y": y,
        "text": text,
        "showarrow": False,
        "yshift": 26,
        "font": {"size": 15, "color": TEXT_COLOR},
        "bgcolor": "rgba(255,255,255,0.95)",
        "bordercolor": TEXT_COLOR,
        "borderwidth": 1,
        "borderpad": 2,
    }


def _marker_trace(marker: MapMarker, x_range: list[float], y_range: list[float]) -> Trace:
    assert marker.crcl is not None
    x = min(max(marker.age, x_range[0] + 0.5), x_range[1] - 0.5)
    y = min(max(marker.crcl, y_range[0] + 0.5), y_range[1] - 0.5)
    off_map = (x, y) != (marker.age, marker.crcl)
    label = MARKER_NAME + (" (off the map: at the edge)" if off_map else "")
    return {
        "type": "scatter",
        "x": [x],
        "y": [y],
        "mode": "markers",  # the label is an annotation on a white box (see _marker_label)
        "name": MARKER_NAME,
        "text": [f"<b>{hover_safe(label)}</b>"],
        "marker": {
            "symbol": "star",
            "size": 24,
            "color": OKABE_ITO["yellow"],
            "line": {"width": 2, "color": TEXT_COLOR},
        },
        "hovertemplate": (
            f"<b>{hover_safe(label)}</b><br>Age {marker.age:g} years · "
            f"CrCl {shown_measure(marker.crcl, 'crcl')} mL/min<br>"
            f"{hover_safe(marker.result)}<extra></extra>"
        ),
        "showlegend": False,
    }
