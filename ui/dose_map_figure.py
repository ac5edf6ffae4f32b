"""The dose map: the starting dose and verdict over age x renal function (a pure plotly builder).

One renderer for every map: ``dose_map(grid, marker)`` draws the article's map (the Dose map
page), ``dose_maps(panels)`` the same map once per rule profile side by side (the label small
multiples). Both draw each panel with ``_panel``: the same zone colours (Okabe-Ito), hatch
patterns, threshold lines, area words and star on the same axis ranges, and the figure carries
ONE legend. Regions, threshold lines and words come from ``core.dose_regions`` (which reads the
rules of the profile each grid was assessed under); tested on ``fig.to_dict()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import plotly.graph_objects as go

from core.assess import Assessment
from core.dose_regions import (
    RENAL_UNITS,
    RENAL_WORDS,
    ZONE_LABELS,
    ZONE_SHORT,
    Brick,
    MapRegions,
    Threshold,
    Zone,
    connected_areas,
    map_regions,
    map_thresholds,
    rule_quotes,
)
from core.dose_words import dose_words
from core.grid import DoseGrid
from core.measure_text import shown_measure
from core.profiles import Profile, RenalMeasure
from core.rules import VERDICT_LABELS, Category, Verdict
from ui.figure_style import (
    DOSE_COLORS,
    FONT_SIZE,
    NO_DOSE_COLORS,
    OKABE_ITO,
    TEXT_COLOR,
    TITLE_FONT_SIZE,
    base_layout,
    hover_safe,
)

# One colour per zone (Okabe-Ito): a dose has the same colour on every map, whichever profile
# gives it. The words are in the legend, the area labels and the hover, and the two overlays are
# hatch PATTERNS, so no answer depends on colour alone.
ZONE_COLORS: dict[Zone, str] = {
    Zone.contraindicated: NO_DOSE_COLORS[Verdict.contraindicated],
    Zone.not_recommended: NO_DOSE_COLORS[Verdict.not_recommended],
    Zone.not_covered: NO_DOSE_COLORS[Verdict.not_covered],
    Zone.one_mg: DOSE_COLORS[1],
    Zone.two_mg: DOSE_COLORS[2],
    Zone.four_mg: DOSE_COLORS[4],
    Zone.renal_unknown: "#9AA5B1",
}
# Always in the legend (the article's map has them all); the others only where a panel has them.
LEGEND_ZONES: tuple[Zone, ...] = (
    Zone.four_mg,
    Zone.two_mg,
    Zone.one_mg,
    Zone.contraindicated,
    Zone.not_recommended,
    Zone.not_covered,
    Zone.renal_unknown,
)
ALWAYS_IN_LEGEND = frozenset(
    {Zone.four_mg, Zone.two_mg, Zone.contraindicated, Zone.not_recommended}
)
CAUTION_PATTERN = "/"
NOT_INDICATED_PATTERN = "."
DOSE_MAP_X_TITLE = "Age (years)"
RENAL_AXIS_TITLES: dict[RenalMeasure, str] = {
    "crcl": "Creatinine clearance, CrCl (mL/min)",
    "egfr": "eGFR, CKD-EPI 2021 (mL/min/1.73 m²)",
}
# Beside a neighbouring panel the long titles would run into its tick labels.
PANEL_RENAL_TITLES: dict[RenalMeasure, str] = {
    "crcl": "CrCl (mL/min)",
    "egfr": "eGFR (mL/min/1.73 m²)",
}
CAUTION_LEGEND = "Hatched ////: use with caution"
NOT_INDICATED_LEGEND = "Dotted ····: not indicated yet (dose once qualified)"
MARKER_NAME = "This scenario"
AGE_TICKS = list(range(20, 101, 10))
RENAL_TICKS = list(range(0, 251, 25))
MAIN_MAP_HEIGHT = 640
PANELS_HEIGHT = 600
PANEL_GAP = 0.1  # between small multiples, as a share of the figure's width
_CATEGORY_WORDS: dict[Category, str] = {
    Category.contraindication: "contraindicated",
    Category.not_recommended: "not recommended",
    Category.not_indicated: "not indicated yet",
    Category.caution: "use with caution",
}


def _rule_words(profile: Profile, category: Category) -> str:
    if category is Category.dose:
        return f"{profile.reduced_dose_mg} mg"
    return _CATEGORY_WORDS[category]


@dataclass(frozen=True)
class MapMarker:
    """The current scenario on a map: its age, its renal value in the map's measure (CrCl, or the
    eGFR on an eGFR profile's map; None = unknown) and a one-line result for the hover (e.g.
    '2 mg once daily · Use with caution')."""

    age: float
    renal: float | None
    result: str


def map_marker(assessment: Assessment) -> MapMarker:
    """The scenario on its profile's map: its age, the profile's renal measure (None when
    unknown) and its result in the dose box's words."""
    value = assessment.egfr.egfr if assessment.egfr is not None else assessment.crcl_ml_min_used
    result = f"{dose_words(assessment).sentence} · {VERDICT_LABELS[assessment.verdict]}"
    return MapMarker(float(assessment.scenario.age_years), value, result)


@dataclass(frozen=True)
class DoseMapPanel:
    """One map of the small multiples: its title, a profile's dose grid, the current scenario."""

    title: str
    grid: DoseGrid
    marker: MapMarker | None = None


Trace = dict[str, Any]


@dataclass(frozen=True)
class _Place:
    """Where a panel sits: its axis names ('' for the first) and how crowded it is."""

    suffix: str
    count: int

    @property
    def x(self) -> str:
        return "x" + self.suffix

    @property
    def y(self) -> str:
        return "y" + self.suffix


def _range_words(values: Sequence[float], first: int, last: int, unit: str = "") -> str:
    low, high = f"{values[first]:g}", f"{values[last]:g}"
    text = low if first == last else f"{low}–{high}"
    return f"{text} {unit}".strip()


def _brick_hover(regions: MapRegions, brick: Brick, profile: Profile) -> str:
    verdict = VERDICT_LABELS[brick.verdict]
    if brick.zone in (Zone.one_mg, Zone.two_mg, Zone.four_mg):
        head = f"<b>{ZONE_LABELS[brick.zone]}</b> · {verdict}"
        if brick.not_indicated:
            head += " (the dose once the patient qualifies)"
    else:
        head = f"<b>{hover_safe(ZONE_LABELS[brick.zone])}</b>"
    measure = profile.renal_measure
    ages = _range_words(list(regions.ages), brick.col0, brick.col1)
    renal = _range_words(list(regions.crcls), brick.row0, brick.row1, RENAL_UNITS[measure])
    lines = [head, f"Ages {ages} · {RENAL_WORDS[measure]} {renal}"]
    if brick.rules:
        lines.append("Rules that fire here:")
        for rule_id in brick.rules:
            rule = profile.rules_by_id[rule_id]
            lines.append(
                f"• {rule_id}: {hover_safe(rule.when.describe())} → "
                f"{_rule_words(profile, rule.category)}"
            )
    else:
        lines.append(
            f"No rule limits the start here: the standard dose ({profile.standard_dose_mg} mg)."
        )
    return "<br>".join(lines)


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


def _legend(shown: set[Zone]) -> list[Trace]:
    """The one legend of a figure: every zone once (the rare ones only where a map has them),
    then the two overlays."""
    entries = [
        _legend_entry(ZONE_LABELS[zone], ZONE_COLORS[zone])
        for zone in LEGEND_ZONES
        if zone in ALWAYS_IN_LEGEND or zone in shown
    ]
    entries.append(_legend_entry(CAUTION_LEGEND, "#FFFFFF", CAUTION_PATTERN))
    entries.append(_legend_entry(NOT_INDICATED_LEGEND, "#FFFFFF", NOT_INDICATED_PATTERN))
    return entries


def _overlay(
    regions: MapRegions, flag: str, name: str, pattern: str, place: _Place
) -> Trace | None:
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
        "xaxis": place.x,
        "yaxis": place.y,
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


def _threshold_hover(threshold: Threshold, profile: Profile) -> str:
    is_age = threshold.field == "age_years"
    unit = " years" if is_age else " " + RENAL_UNITS[profile.renal_measure]
    axis = "Age" if is_age else RENAL_WORDS[profile.renal_measure]
    lines = [f"<b>Threshold: {axis} {threshold.value:g}{unit}</b>"]
    for rule_id in threshold.rules:
        rule = profile.rules_by_id[rule_id]
        lines.append(
            f"{rule_id}: {hover_safe(rule.when.describe())} → {_rule_words(profile, rule.category)}"
        )
        for source, quote in rule_quotes(profile, rule, 80):
            lines.append(f"   Source {source}: “{hover_safe(quote)}”")
    return "<br>".join(lines)


def threshold_label(threshold: Threshold) -> str:
    """The words on a threshold line: 'age 70', 'CrCl 30' or 'eGFR 30'."""
    if threshold.field == "age_years":
        return f"age {threshold.value:g}"
    return f"{RENAL_WORDS[cast(RenalMeasure, threshold.field)]} {threshold.value:g}"


def _area_label(area: Sequence[Brick]) -> str:
    first = area[0]
    text = ZONE_SHORT[first.zone]
    if first.caution:
        text += " · caution"
    if first.not_indicated:
        text += " · not indicated"
    return text


def _heatmap(regions: MapRegions, profile: Profile, place: _Place, title: str) -> Trace:
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
        "name": f"Dose and verdict: {title}" if title else "Dose and verdict",
        "x": [float(xe[i]) for i in (*regions.col_starts, len(regions.ages))],
        "y": [float(ye[i]) for i in (*regions.row_starts, len(regions.crcls))],
        "z": [[int(bricks[r * n_cols + c].zone) for c in range(n_cols)] for r in range(n_rows)],
        "text": [
            [_brick_hover(regions, bricks[r * n_cols + c], profile) for c in range(n_cols)]
            for r in range(n_rows)
        ],
        "hovertemplate": "%{text}<extra></extra>",
        "zmin": -0.5,
        "zmax": n_zones - 0.5,
        "colorscale": scale,
        "showscale": False,
        "showlegend": False,  # the legend's swatches say what each colour is
        "xaxis": place.x,
        "yaxis": place.y,
    }


def dose_map(grid: DoseGrid, marker: MapMarker | None = None) -> go.Figure:
    """The starting dose and verdict over age (x) x renal function (y), every other input held.

    Drawn from ``core.dose_regions``: one heatmap brick per region where the same rules fire
    (hover: dose, verdict, ages, renal range and the rules), hatch overlays for the caution band
    and the not-indicated area, one word label per area, dashed threshold lines whose hover names
    the rule and quotes its source, and the current scenario as a star (or, when its renal
    function is unknown, a note saying there is no marker). Built from plain dicts in one go:
    plotly validates once (adding traces one by one costs several times more).
    """
    return _figure([DoseMapPanel("", grid, marker)], MAIN_MAP_HEIGHT)


def dose_maps(panels: Sequence[DoseMapPanel], height: int = PANELS_HEIGHT) -> go.Figure:
    """Small multiples: the same map once per panel (one per rule profile), side by side.

    Each panel is drawn exactly as ``dose_map`` draws the article's map (same colours, patterns,
    lines, words and star), on the same axis ranges, titled above; y is the panel's own renal
    measure (CrCl, or eGFR for a profile that doses by eGFR). One legend for all panels.
    """
    return _figure(panels, height)


def _domains(count: int) -> list[tuple[float, float]]:
    width = (1 - PANEL_GAP * (count - 1)) / count
    return [(i * (width + PANEL_GAP), i * (width + PANEL_GAP) + width) for i in range(count)]


def _figure(panels: Sequence[DoseMapPanel], height: int) -> go.Figure:
    data: list[Trace] = []
    annotations: list[Trace] = []
    axes: dict[str, object] = {}
    shown: set[Zone] = set()
    count = len(panels)
    for index, (panel, domain) in enumerate(zip(panels, _domains(count), strict=True)):
        place = _Place("" if index == 0 else str(index + 1), count)
        traces, notes, zones_here, x_axis, y_axis = _panel(panel, place)
        data += traces
        annotations += notes
        shown |= zones_here
        axes["xaxis" + place.suffix] = x_axis | {"domain": list(domain), "anchor": place.y}
        axes["yaxis" + place.suffix] = y_axis | {"anchor": place.x}
    data += _legend(shown)
    titled = any(panel.title for panel in panels)
    layout = base_layout(height=height)
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
        # Right: room for the renal threshold words beside a single map (small multiples write
        # them inside the plot, as the gaps between panels are narrow).
        margin={"l": 10, "r": 92 if count == 1 else 16, "t": 76 if titled else 40, "b": 150},
        barmode="overlay",
        hovermode="closest",
        annotations=annotations,
        **axes,
    )
    # Checked once by plotly in the tests (the dict re-validates); skipping it here saves
    # ~90 ms a run on a busy 2-core machine.
    return go.Figure(data=data, layout=layout, _validate=False)


def _panel(
    panel: DoseMapPanel, place: _Place
) -> tuple[list[Trace], list[Trace], set[Zone], dict[str, object], dict[str, object]]:
    """One map: its traces, its annotations, the zones it shows, and its two axes."""
    grid, profile = panel.grid, panel.grid.profile
    regions = map_regions(grid)
    xe, ye = regions.age_edges, regions.crcl_edges
    x_range = [float(xe[0]), float(xe[-1])]
    y_range = [float(ye[0]), float(ye[-1])]
    data: list[Trace] = [_heatmap(regions, profile, place, panel.title)]
    for flag, name, pattern in (
        ("caution", CAUTION_LEGEND, CAUTION_PATTERN),
        ("not_indicated", NOT_INDICATED_LEGEND, NOT_INDICATED_PATTERN),
    ):
        overlay = _overlay(regions, flag, name, pattern, place)
        if overlay is not None:
            data.append(overlay)
    annotations: list[Trace] = []
    if panel.title:
        annotations.append(_panel_title(panel.title, place))
    previous: Threshold | None = None
    for threshold in map_thresholds(grid):  # sorted by axis, then value
        data.append(_threshold_line(threshold, profile, x_range, y_range, place))
        # Two close lines on one axis: their labels lean apart instead of overlapping.
        close = (
            previous is not None
            and previous.field == threshold.field
            and threshold.position - previous.position < 12
        )
        if close and annotations:
            annotations[-1].update(_lean(previous, toward_low=True))
        annotations.append(
            _threshold_annotation(threshold, place) | (_lean(threshold) if close else {})
        )
        previous = threshold
    annotations += _area_labels(regions, place)
    marker = panel.marker
    if marker is not None:
        if marker.renal is None:
            annotations.append(_unknown_renal_note(profile.renal_measure, place))
        else:
            star = _marker_trace(marker, profile.renal_measure, x_range, y_range, place)
            data.append(star)
            x, y, text = (cast(list[Any], star[name])[0] for name in ("x", "y", "text"))
            annotations.append(_marker_label(x, y, text, place))
    zones_here = {brick.zone for brick in regions.bricks}
    x_axis = _axis(DOSE_MAP_X_TITLE, x_range, AGE_TICKS)
    titles = RENAL_AXIS_TITLES if place.count == 1 else PANEL_RENAL_TITLES
    y_axis = _axis(titles[profile.renal_measure], y_range, RENAL_TICKS)
    return data, annotations, zones_here, x_axis, y_axis


def _panel_title(title: str, place: _Place) -> Trace:
    # Above the threshold words that sit on the plot's top edge.
    return {
        "text": f"<b>{hover_safe(title)}</b>",
        "x": 0.5,
        "y": 1.0,
        "xref": f"{place.x} domain",
        "yref": f"{place.y} domain",
        "xanchor": "center",
        "yanchor": "bottom",
        "yshift": 26,
        "showarrow": False,
        "font": {"size": TITLE_FONT_SIZE, "color": TEXT_COLOR},
    }


def _axis(title: str, span: list[float], ticks: list[int]) -> dict[str, object]:
    return {
        "title": {"text": title, "font": {"size": TITLE_FONT_SIZE}},
        "range": span,
        "tickvals": ticks,
        "tickfont": {"size": FONT_SIZE},
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


def _threshold_line(
    threshold: Threshold,
    profile: Profile,
    x_range: list[float],
    y_range: list[float],
    place: _Place,
) -> Trace:
    is_age = threshold.field == "age_years"
    along = _line_points(y_range if is_age else x_range)
    fixed = [threshold.position] * len(along)
    return {
        "type": "scatter",
        "x": fixed if is_age else along,
        "y": along if is_age else fixed,
        "xaxis": place.x,
        "yaxis": place.y,
        "mode": "lines",
        "line": {"color": TEXT_COLOR, "width": 2, "dash": "dash"},
        "name": f"Threshold: {threshold_label(threshold)}",
        "hovertemplate": _threshold_hover(threshold, profile) + "<extra></extra>",
        "showlegend": False,
    }


def _threshold_annotation(threshold: Threshold, place: _Place) -> Trace:
    is_age = threshold.field == "age_years"
    note: Trace = {
        "text": f"<b>{threshold_label(threshold)}</b>",
        "x": threshold.position if is_age else 1.0,
        "y": 1.0 if is_age else threshold.position,
        "xref": place.x if is_age else f"{place.x} domain",
        "yref": f"{place.y} domain" if is_age else place.y,
        "xanchor": "center" if is_age else "left",
        "yanchor": "bottom" if is_age else "middle",
        "showarrow": False,
        "font": {"size": 15, "color": TEXT_COLOR},
    }
    if not is_age and place.count > 1:
        # Inside the plot's right edge: the gap to the next panel cannot hold the words.
        note |= {"xanchor": "right", "bgcolor": "rgba(255,255,255,0.88)"}
    return note


def _lean(threshold: Threshold | None, toward_low: bool = False) -> Trace:
    if threshold is None:
        return {}
    if threshold.field == "age_years":
        return {"xanchor": "right" if toward_low else "left"}
    return {"yanchor": "top" if toward_low else "bottom"}


def _area_labels(regions: MapRegions, place: _Place) -> list[Trace]:
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
        # A narrower panel holds fewer years per word: the room needed grows with the panels.
        if width < 0.7 * len(text) * place.count or height < 14 * min(place.count, 2):
            continue  # too small to hold its words: the hover and the legend still say it
        labels.append(
            {
                "text": hover_safe(text),
                "x": float(xe[biggest.col0]) + width / 2,
                "y": float(ye[biggest.row0]) + height / 2,
                "xref": place.x,
                "yref": place.y,
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
UNKNOWN_EGFR_NOTE = "This scenario's eGFR is unknown:<br>no marker (give a serum creatinine)"


def _unknown_renal_note(measure: RenalMeasure, place: _Place) -> Trace:
    text = UNKNOWN_EGFR_NOTE if measure == "egfr" else UNKNOWN_RENAL_NOTE
    if place.count > 1 and measure == "crcl":
        text = text.replace(": no marker ", ":<br>no marker ")
    return {
        "text": text,
        "x": 0.5,
        "y": 1.0,
        "xref": f"{place.x} domain",
        "yref": f"{place.y} domain",
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": 15, "color": TEXT_COLOR},
        "bgcolor": "#FFFFFF",
        "bordercolor": TEXT_COLOR,
        "borderwidth": 1,
        "borderpad": 5,
    }


def _marker_label(x: float, y: float, text: str, place: _Place) -> Trace:
    """The star's words above it on an opaque box: a threshold line running under the label
    (e.g. CrCl 60 for a CrCl of 45) passes behind the box instead of striking the words."""
    return {
        "x": x,
        "y": y,
        "xref": place.x,
        "yref": place.y,
        "text": text,
        "showarrow": False,
        "yshift": 26,
        "font": {"size": 15, "color": TEXT_COLOR},
        "bgcolor": "rgba(255,255,255,0.95)",
        "bordercolor": TEXT_COLOR,
        "borderwidth": 1,
        "borderpad": 2,
    }


def _marker_trace(
    marker: MapMarker,
    measure: RenalMeasure,
    x_range: list[float],
    y_range: list[float],
    place: _Place,
) -> Trace:
    assert marker.renal is not None
    x = min(max(marker.age, x_range[0] + 0.5), x_range[1] - 0.5)
    y = min(max(marker.renal, y_range[0] + 0.5), y_range[1] - 0.5)
    off_map = (x, y) != (marker.age, marker.renal)
    label = MARKER_NAME + (" (off the map: at the edge)" if off_map else "")
    return {
        "type": "scatter",
        "x": [x],
        "y": [y],
        "xaxis": place.x,
        "yaxis": place.y,
        "mode": "markers",  # the label is an annotation on a white box (see _marker_label)
        "name": MARKER_NAME,
        "text": [f"<b>{hover_safe(label)}</b>"],
        # The value as the results show it (never across a threshold).
        "customdata": [[shown_measure(marker.renal, measure)]],
        "marker": {
            "symbol": "star",
            "size": 24,
            "color": OKABE_ITO["yellow"],
            "line": {"width": 2, "color": TEXT_COLOR},
        },
        "hovertemplate": (
            f"<b>{hover_safe(label)}</b><br>Age {marker.age:g} years · "
            f"{RENAL_WORDS[measure]} {shown_measure(marker.renal, measure)} "
            f"{RENAL_UNITS[measure]}<br>{hover_safe(marker.result)}<extra></extra>"
        ),
        "showlegend": False,
    }
