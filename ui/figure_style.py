"""The house style of every plotly figure (pure: no streamlit), and its projector variant.

Large type for a projector at 1280x720, labelled axes with units, the Okabe-Ito colour-blind-safe
palette, and (in each builder) a distinct marker shape or pattern per series, so nothing depends
on colour alone. ``lecture_scaled`` enlarges every text of a finished figure for lecture mode;
``chart_config`` is the toolbar every chart gets; ``hover_safe`` makes our text safe in a hover.
"""

from __future__ import annotations

import copy
import html
import re

import plotly.graph_objects as go

from core.rules import Verdict

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
# One colour per starting dose and per verdict that allows no dose, on every chart that shows
# them (the dose map, its small multiples, the batch counts): a colour means one thing.
DOSE_COLORS: dict[int, str] = {
    4: OKABE_ITO["bluish_green"],
    2: OKABE_ITO["sky_blue"],
    1: OKABE_ITO["orange"],
}
NO_DOSE_COLORS: dict[Verdict, str] = {
    Verdict.contraindicated: OKABE_ITO["vermillion"],
    Verdict.not_recommended: OKABE_ITO["reddish_purple"],
    Verdict.not_covered: OKABE_ITO["blue"],
}
FONT_SIZE = 17
TITLE_FONT_SIZE = 19
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"
TEXT_COLOR = "#111418"
GRID_COLOR = "#D5DBE1"


def base_layout(height: int) -> dict[str, object]:
    """The layout every figure starts from: size, type, margins, white background, no legend."""
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
