"""The house style every chart shares: its toolbar and PNG download, its lecture scaling."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.figure_style import FONT_SIZE, LECTURE_MIN_FONT, chart_config, lecture_scaled


def test_every_chart_offers_a_named_png_download() -> None:
    config = chart_config("baricitinib-dose-map-age72-crcl45")
    assert config["displaylogo"] is False
    assert "displayModeBar" not in config  # the toolbar (with its PNG button) stays visible
    image = config["toImageButtonOptions"]
    assert isinstance(image, dict)
    assert image["format"] == "png"
    assert image["filename"] == "baricitinib-dose-map-age72-crcl45"
    assert (image["width"], image["height"]) == (1280, 720)


def test_lecture_scaling_reaches_every_axis_of_a_figure_with_panels() -> None:
    figure = make_subplots(rows=1, cols=3)
    for column in (1, 2, 3):
        figure.add_trace(go.Scatter(x=[1], y=[1]), row=1, col=column)
    figure.update_layout(font={"size": FONT_SIZE})
    layout = lecture_scaled(figure).to_dict()["layout"]
    for key in ("xaxis", "xaxis2", "xaxis3", "yaxis", "yaxis2", "yaxis3"):
        assert layout[key]["tickfont"]["size"] >= LECTURE_MIN_FONT, key
    assert layout["font"]["size"] >= LECTURE_MIN_FONT
