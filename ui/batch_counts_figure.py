"""A batch's rows counted by verdict and by starting dose, as bars (pure plotly builder for
the batch page). Tested on ``fig.to_dict()``."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.rules import ARTICLE_VERDICTS, VERDICT_LABELS, Verdict
from ui.figure_style import (
    DOSE_COLORS,
    FONT_SIZE,
    GRID_COLOR,
    NO_DOSE_COLORS,
    OKABE_ITO,
    TEXT_COLOR,
    base_layout,
)

# Colour AND the label on the axis AND the count on the bar: nothing depends on colour alone;
# the two bars that are not a verdict or a dose (errors, no dose) are also hatched.
# The verdicts without a dose and the doses in the dose map's colours (ui.figure_style).
BATCH_VERDICT_COLORS: dict[Verdict, str] = {
    **NO_DOSE_COLORS,
    Verdict.not_indicated: OKABE_ITO["sky_blue"],
    Verdict.use_with_caution: OKABE_ITO["yellow"],
    Verdict.recommended: OKABE_ITO["bluish_green"],
}
BATCH_DOSE_BARS: tuple[tuple[str, str, str], ...] = (  # dose text -> (label, colour)
    ("4", "4 mg", DOSE_COLORS[4]),
    ("2", "2 mg", DOSE_COLORS[2]),
    ("1", "1 mg", DOSE_COLORS[1]),
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
    fig.update_layout(**base_layout(height=300))
    fig.update_layout(bargap=0.25, uniformtext={"minsize": 14, "mode": "show"})
    return fig
