"""Plotly figure builders: pure functions (no streamlit), tested on ``fig.to_dict()``.

Every figure follows the same house style (``_base_layout``): large type for a projector at
1280x720, labelled axes with units, the Okabe-Ito colour-blind-safe palette, and a distinct
marker SHAPE per series so nothing depends on colour alone. Hover texts say what, when and why
and name the source passages. Add new builders below in their own section.

Builders:
- ``monitoring_timeline(plan)``: months 0-24 (the plan's horizon) on x, one lane per test family.
- ``batch_counts_figure(verdicts, doses, errors)``: a batch's rows counted by verdict and by
  starting dose (the batch page).
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Mapping

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.monitoring import FAMILY_LABELS, MonitoringPlan, TestFamily
from core.rules import ARTICLE_VERDICTS, VERDICT_LABELS, Verdict

# ---------------------------------------------------------------- house style

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
FONT_SIZE = 17
TITLE_FONT_SIZE = 19
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"
TEXT_COLOR = "#111418"
GRID_COLOR = "#D5DBE1"


def _base_layout(height: int) -> dict[str, object]:
    return {
        "height": height,
        "template": "simple_white",
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOR},
        "margin": {"l": 10, "r": 16, "t": 16, "b": 56},
        "hoverlabel": {"font": {"size": FONT_SIZE}, "align": "left"},
        "showlegend": False,
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
    }


class SerializedOnce(go.Figure):  # type: ignore[misc]  # plotly has no type hints
    """A figure that turns itself into plotly's dict once and hands out that dict after.

    ``st.plotly_chart`` calls ``to_dict()`` on every script run, and plotly's ``to_dict``
    deep-copies every array (for a dose map's grid of hover texts, tens of milliseconds a run).
    A figure kept in a cache and never mutated gives the same dict every time, so it is built
    once. Only for cached figures: a later change to the figure would not reach the dict.
    """

    _dict_once: dict[str, object] | None = None

    def to_dict(self) -> dict[str, object]:
        """plotly's dict of this figure, computed on the first call."""
        if self._dict_once is None:
            self._dict_once = super().to_dict()
        return self._dict_once


def serialized_once(figure: go.Figure) -> go.Figure:
    """``figure`` as a ``SerializedOnce`` (for a figure cache: build, wrap, keep)."""
    return SerializedOnce(figure)


def chart_config(filename: str) -> dict[str, object]:
    """The plotly toolbar every chart gets: its own PNG download (1280x720 at 2x, named
    ``filename``.png), no logo, no selection tools that mean nothing on these charts."""
    return {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": 1280,
            "height": 720,
            "scale": 2,
        },
    }


def hover_safe(text: str) -> str:
    """Our own text as plotly hover markup: '<30' must not be read as a tag."""
    return html.escape(text, quote=False)


# ---------------------------------------------------------------- monitoring timeline

# One colour AND one marker shape per lane (shape alone tells the lanes apart in greyscale).
FAMILY_STYLE: dict[TestFamily, tuple[str, str]] = {
    TestFamily.screening: (OKABE_ITO["black"], "star"),
    TestFamily.blood_liver: (OKABE_ITO["vermillion"], "circle"),
    TestFamily.lipids: (OKABE_ITO["blue"], "square"),
    TestFamily.skin: (OKABE_ITO["bluish_green"], "diamond"),
    TestFamily.review: (OKABE_ITO["reddish_purple"], "triangle-up"),
}
TIMELINE_X_TITLE = "Months since start"
TIMELINE_Y_TITLE = "Check"


def timeline_ticks(horizon_months: int) -> list[int]:
    """Month ticks every 3 months (12 past three years): the schedule's rhythm, never crowded."""
    step = 12 if horizon_months > 36 else 3
    return list(range(0, horizon_months + 1, step))


def lane_label(label: str, width: int = 14) -> str:
    """A lane label wrapped onto two lines when long (plotly's ``<br>``), to leave the plot room."""
    if len(label) <= width:
        return hover_safe(label)
    words = label.split()
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(label) / 2))
    return hover_safe(" ".join(words[:best])) + "<br>" + hover_safe(" ".join(words[best:]))


def timeline_pad(horizon_months: int) -> float:
    """Months of room left and right of the plan: a marker (up to 20 px) never touches the edge,
    whatever the horizon (a fixed 0.7 month is only ~10 px on a 5-year plan)."""
    return max(1.5, 0.07 * horizon_months)


# Lecture mode: every chart text at least this size, in px (readable from the back at 1920x1080).
LECTURE_MIN_FONT = 20
LECTURE_FONT_FACTOR = 1.3
_FONT_KEYS = frozenset({"font", "textfont", "tickfont", "insidetextfont", "outsidetextfont"})


def _scale_fonts(node: object, factor: float, minimum: int) -> None:
    if isinstance(node, list):
        for item in node:
            _scale_fonts(item, factor, minimum)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in _FONT_KEYS and isinstance(value, dict):
                size = value.get("size")
                if isinstance(size, int | float):
                    value["size"] = max(round(size * factor), minimum)
            _scale_fonts(value, factor, minimum)


def lecture_scaled(
    fig: go.Figure, factor: float = LECTURE_FONT_FACTOR, minimum: int = LECTURE_MIN_FONT
) -> go.Figure:
    """A copy of ``fig`` for a projector: every text (axes, ticks, legend, annotations, labels)
    ``factor`` larger and at least ``minimum`` px; the figure grows with its text."""
    # A copy: a cached figure (SerializedOnce) hands out the same dict on every call.
    spec = copy.deepcopy(fig.to_dict())
    layout = spec.setdefault("layout", {})
    layout.setdefault("font", {}).setdefault("size", FONT_SIZE)
    # Every axis, the small multiples' xaxis2, yaxis3 ... too.
    axes = {"xaxis", "yaxis", *(key for key in layout if re.fullmatch(r"[xy]axis\d+", key))}
    for axis in axes:
        layout.setdefault(axis, {}).setdefault("tickfont", {}).setdefault("size", FONT_SIZE)
    layout.setdefault("legend", {}).setdefault("font", {}).setdefault("size", FONT_SIZE)
    for annotation in layout.get("annotations", []):
        annotation.setdefault("font", {}).setdefault("size", FONT_SIZE)
    _scale_fonts(spec, factor, minimum)
    if isinstance(layout.get("height"), int | float):
        layout["height"] = round(layout["height"] * factor)
    margin = layout.get("margin", {})
    for side in ("b", "r"):
        if isinstance(margin.get(side), int | float):
            margin[side] = round(margin[side] * factor)
    return go.Figure(spec)


def monitoring_timeline(plan: MonitoringPlan) -> go.Figure:
    """The monitoring plan as a timeline: one lane per test family, one marker per check.

    Hover text gives what, when (month), why and the source passage ids. A plan that does not
    start treatment gives empty lanes and its reason as an annotation.
    """
    families = list(FAMILY_LABELS)
    fig = go.Figure()
    for family in families:
        events = [e for e in plan.events if e.family is family]
        color, symbol = FAMILY_STYLE[family]
        label = FAMILY_LABELS[family]
        fig.add_trace(
            go.Scatter(
                name=label,
                x=[e.month for e in events],
                y=[label] * len(events),
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": 20 if family is TestFamily.screening else 16,
                    "color": color,
                    "line": {"width": 1.5, "color": "#FFFFFF"},
                },
                customdata=[
                    [
                        hover_safe(e.what),
                        hover_safe(e.why),
                        ", ".join(e.passages),
                        "at the start" if e.month == 0 else f"month {e.month}",
                    ]
                    for e in events
                ],
                hovertemplate=(
                    "<b>%{customdata[0]}</b><br>When: %{customdata[3]}<br>"
                    "Why: %{customdata[1]}<br>Source: %{customdata[2]}<extra></extra>"
                ),
            )
        )
    horizon = plan.horizon_months
    layout = _base_layout(height=330)
    fig.update_layout(**layout)
    fig.update_xaxes(
        title={"text": TIMELINE_X_TITLE, "font": {"size": TITLE_FONT_SIZE}},
        range=[-timeline_pad(horizon), horizon + timeline_pad(horizon)],
        tickvals=timeline_ticks(horizon),
        tickangle=0,
        showgrid=True,
        gridcolor=GRID_COLOR,
        zeroline=False,
        fixedrange=True,
    )
    fig.update_yaxes(
        title={"text": TIMELINE_Y_TITLE, "font": {"size": TITLE_FONT_SIZE}},
        categoryorder="array",
        categoryarray=[FAMILY_LABELS[f] for f in reversed(families)],
        type="category",
        tickvals=[FAMILY_LABELS[f] for f in families],
        ticktext=[lane_label(FAMILY_LABELS[f]) for f in families],
        range=[-0.6, len(families) - 0.4],
        showgrid=True,
        gridcolor=GRID_COLOR,
        fixedrange=True,
    )
    if not plan.started:
        fig.add_annotation(
            text=hover_safe(plan.notes[0] if plan.notes else "No monitoring plan."),
            x=horizon / 2,
            y=(len(families) - 1) / 2,
            showarrow=False,
            font={"size": TITLE_FONT_SIZE, "color": TEXT_COLOR},
            bgcolor="#FFFFFF",
            bordercolor=GRID_COLOR,
            borderpad=8,
        )
    return fig


def timeline_summary(plan: MonitoringPlan) -> list[str]:
    """The timeline as short sentences (the chart's text alternative), one per test family."""
    if not plan.started:
        return list(plan.notes[:1])
    lines: list[str] = []
    for family, label in FAMILY_LABELS.items():
        months = plan.months_of(family)
        if not months:
            continue
        later = [str(m) for m in months if m > 0]
        parts = ["before the start"] if 0 in months else []
        if later:
            parts.append(("month " if len(later) == 1 else "months ") + ", ".join(later))
        lines.append(f"{label}: {' and '.join(parts)}")
    return lines


# ---------------------------------------------------------------- batch counts (batch page)

# Colour AND the label on the axis AND the count on the bar: nothing depends on colour alone;
# the two bars that are not a verdict or a dose (errors, no dose) are also hatched.
BATCH_VERDICT_COLORS: dict[Verdict, str] = {
    Verdict.contraindicated: OKABE_ITO["vermillion"],
    Verdict.not_recommended: OKABE_ITO["orange"],
    Verdict.not_indicated: OKABE_ITO["sky_blue"],
    Verdict.not_covered: OKABE_ITO["reddish_purple"],
    Verdict.use_with_caution: OKABE_ITO["yellow"],
    Verdict.recommended: OKABE_ITO["bluish_green"],
}
BATCH_DOSE_BARS: tuple[tuple[str, str, str], ...] = (  # dose text -> (label, colour)
    ("4", "4 mg", OKABE_ITO["bluish_green"]),
    ("2", "2 mg", OKABE_ITO["sky_blue"]),
    ("1", "1 mg", OKABE_ITO["orange"]),
    ("", "No dose", "#C9CED4"),
)
BATCH_ERROR_LABEL = "Error (not assessed)"
BATCH_ERROR_COLOR = "#5F6B76"
BATCH_X_TITLE = "Rows"
BATCH_VERDICT_AXIS = "Verdict"
BATCH_DOSE_AXIS = "Starting dose"


def _share(count: int, total: int) -> str:
    return f"{count:,} · {100 * count / total:.0f}%" if total else f"{count:,}"


def batch_counts_figure(
    verdicts: Mapping[str, int], doses: Mapping[str, int], errors: int
) -> go.Figure:
    """Counts of a batch's rows: by verdict (left) and by starting dose (right), as bars.

    ``verdicts`` maps a verdict code to its count (assessed rows only); every verdict of the
    contract gets a bar, in its order (a label profile's "not covered" only when a row has it),
    then the rows with an error. ``doses`` maps the dose text of the
    batch output (``"4"``, ``"2"``, ``"1"``, ``""`` = no dose) to its count; 4 mg, 2 mg and
    "no dose" always get a bar, 1 mg only when a row has it (label profiles). Each bar is
    labelled with its count and its share of all rows.
    """
    total = sum(verdicts.values()) + errors
    verdict_bars = [
        (VERDICT_LABELS[v], verdicts.get(v.value, 0), BATCH_VERDICT_COLORS[v], "")
        for v in Verdict
        if v in ARTICLE_VERDICTS or verdicts.get(v.value, 0)
    ]
    verdict_bars.append((BATCH_ERROR_LABEL, errors, BATCH_ERROR_COLOR, "x"))
    dose_bars = [
        (label, doses.get(text, 0), colour, "/" if not text else "")
        for text, label, colour in BATCH_DOSE_BARS
        if text != "1" or doses.get(text, 0)
    ]
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.2)
    # Each panel its own scale, with room right of the longest bar for its label (the narrower
    # dose panel needs relatively more).
    panels = ((verdict_bars, BATCH_VERDICT_AXIS, 1.4), (dose_bars, BATCH_DOSE_AXIS, 1.7))
    for column, (bars, axis_title, room) in enumerate(panels, start=1):
        largest = max([1, *(count for _, count, *_ in bars)])
        fig.add_trace(
            go.Bar(
                orientation="h",
                y=[label for label, *_ in bars],
                x=[count for _, count, *_ in bars],
                text=[_share(count, total) for _, count, *_ in bars],
                textposition="outside",
                cliponaxis=False,
                marker={
                    "color": [colour for _, _, colour, _ in bars],
                    "line": {"color": TEXT_COLOR, "width": 1},
                    "pattern": {
                        "shape": [shape for *_, shape in bars],
                        "fgcolor": "#FFFFFF",
                        "size": 8,
                    },
                },
                hovertemplate=f"%{{y}}: %{{x:,}} of {total:,} rows<extra></extra>",
                name=axis_title,
            ),
            row=1,
            col=column,
        )
        fig.update_xaxes(
            title={"text": BATCH_X_TITLE, "font": {"size": FONT_SIZE}},
            range=[0, largest * room],
            rangemode="nonnegative",
            showgrid=True,
            gridcolor=GRID_COLOR,
            fixedrange=True,
            row=1,
            col=column,
        )
        fig.update_yaxes(
            title={"text": axis_title, "font": {"size": FONT_SIZE}},
            autorange="reversed",
            fixedrange=True,
            row=1,
            col=column,
        )
    fig.update_layout(**_base_layout(height=300))
    fig.update_layout(bargap=0.25, uniformtext={"minsize": 14, "mode": "show"})
    return fig
