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


def _starts(codes: npt.NDArray[np.int_], axis: int) -> list[int]:
    """Indices along ``axis`` where any cell differs from its neighbour before it (and 0)."""
    steps = np.diff(codes, axis=axis) != 0
    changed = steps.any(axis=1 - axis)
    return [0, *(int(i) + 1 for i in np.flatnonzero(changed))]


def _edges(values: npt.ArrayLike, starts: list[int]) -> list[float]:
    """Cell edges around the blocks that begin at ``starts``: midway between neighbouring
    values, half a step beyond the first and the last value."""
    centres = np.asarray(values, dtype=float)
    half = (centres[1] - centres[0]) / 2 if len(centres) > 1 else 0.5
    bounds = [*((centres[1:] + centres[:-1]) / 2), centres[-1] + half]
    return [float(centres[0] - half), *(float(bounds[i - 1]) for i in starts[1:]), bounds[-1]]


def _span(values: npt.ArrayLike, first: int, last: int) -> str:
    shown = np.asarray(values, dtype=float)
    low, high = f"{shown[first]:g}", f"{shown[last]:g}"
    return low if first == last else f"{low}–{high}"


def difference_map(difference: GridDifference, height: int = 300) -> go.Figure:
    """Age on x, CrCl on y; each cell coloured by what the other reading changes there.

    Drawn as blocks, not cells: a new block starts only where some row (column) changes its
    kind of change, so each block is one kind and the map looks the same as one cell per age
    and CrCl, while the browser gets a few dozen blocks (with their ranges in the hover)
    instead of twenty thousand cells."""
    codes = change_codes(difference)
    ages, crcls = difference.app.ages, difference.app.crcls
    rows, columns = _starts(codes, 0), _starts(codes, 1)
    row_ends = [*(start - 1 for start in rows[1:]), len(crcls) - 1]
    column_ends = [*(start - 1 for start in columns[1:]), len(ages) - 1]
    scale = []
    for code, colour in enumerate(_COLOURS):
        scale += [[code / 4, colour], [(code + 1) / 4, colour]]
    figure = go.Figure(
        go.Heatmap(
            x=_edges(ages, columns),
            y=_edges(crcls, rows),
            z=[[int(codes[r, c]) for c in columns] for r in rows],
            zmin=0,
            zmax=4,
            colorscale=scale,
            showscale=False,
            text=[
                [
                    f"Age {_span(ages, c, c_end)}, CrCl {_span(crcls, r, r_end)} mL/min: "
                    f"{CHANGE_WORDS[int(codes[r, c])]}"
                    for c, c_end in zip(columns, column_ends, strict=True)
                ]
                for r, r_end in zip(rows, row_ends, strict=True)
            ],
            hovertemplate="%{text}<extra></extra>",
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
