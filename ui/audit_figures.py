"""The small map of an audit entry's difference: which dose-map cells change under the other
reading (pure plotly builder, tested on ``fig.to_dict()``)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import plotly.graph_objects as go

from core.audit import GridDifference
from ui.figure_style import OKABE_ITO, base_layout

# One code per kind of change; colour and hover text say the same thing.
CHANGE_WORDS: tuple[str, ...] = (
    "same answer",
    "verdict changes",
    "dose changes",
    "verdict and dose change",
)
_COLOURS = ("#F2F2F2", OKABE_ITO["sky_blue"], OKABE_ITO["orange"], OKABE_ITO["vermillion"])
COLOUR_NAMES: tuple[str, ...] = ("light grey", "sky blue", "orange", "vermillion")


def change_codes(difference: GridDifference) -> npt.NDArray[np.int_]:
    """0 same, 1 verdict only, 2 dose only, 3 both; shape of the grids."""
    app, other = difference.app, difference.other
    verdict = app.verdict_code != other.verdict_code
    same_dose = (app.dose_mg == other.dose_mg) | (np.isnan(app.dose_mg) & np.isnan(other.dose_mg))
    return np.asarray(verdict.astype(int) + 2 * (~same_dose).astype(int))


def difference_map(difference: GridDifference, height: int = 300) -> go.Figure:
    """Age on x, CrCl on y; each cell coloured by what the other reading changes there."""
    codes = change_codes(difference)
    scale = []
    for code, colour in enumerate(_COLOURS):
        scale += [[code / 4, colour], [(code + 1) / 4, colour]]
    words = np.array(CHANGE_WORDS, dtype=object)[codes]
    figure = go.Figure(
        go.Heatmap(
            x=difference.app.ages,
            y=difference.app.crcls,
            z=codes,
            zmin=0,
            zmax=4,
            colorscale=scale,
            showscale=False,
            customdata=words,
            hovertemplate="Age %{x}, CrCl %{y} mL/min: %{customdata}<extra></extra>",
        )
    )
    figure.update_layout(**base_layout(height))
    figure.update_layout(margin={"l": 10, "r": 10, "t": 10, "b": 50})
    figure.update_xaxes(title_text="Age (years)")
    figure.update_yaxes(title_text="CrCl (mL/min)")
    return figure


def difference_summary(difference: GridDifference) -> list[str]:
    """The map in words (for screen readers and the caption): cells per kind of change."""
    codes = change_codes(difference)
    total = codes.size
    return [
        f"{int((codes == code).sum()):,} of {total:,} cells: {CHANGE_WORDS[code]} "
        f"({COLOUR_NAMES[code]})"
        for code in range(len(CHANGE_WORDS))
        if (codes == code).any()
    ]
