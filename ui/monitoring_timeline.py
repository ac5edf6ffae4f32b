"""The monitoring plan as a timeline figure and its text alternative (pure plotly builder).

``monitoring_timeline(plan)``: months 0 to the plan's horizon on x, one lane per test family, one
marker per check (colour AND shape per lane); hover says what, when, why and the source passages.
``timeline_summary(plan)``: the same in short sentences. Tested on ``fig.to_dict()``.
"""

from __future__ import annotations

import plotly.graph_objects as go

from core.monitoring import FAMILY_LABELS, MonitoringPlan, TestFamily
from ui.figure_style import (
    GRID_COLOR,
    OKABE_ITO,
    TEXT_COLOR,
    TITLE_FONT_SIZE,
    base_layout,
    hover_safe,
)

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
    layout = base_layout(height=330)
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
