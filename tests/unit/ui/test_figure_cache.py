"""A cached figure serialised once gives the same spec as the figure itself."""

from __future__ import annotations

import json

import plotly.io
import plotly.tools

from core import Scenario, assess, monitoring_plan
from ui.figure_cache import serialized_once
from ui.monitoring_timeline import monitoring_timeline


def test_a_cached_figure_is_serialised_once_to_the_same_spec() -> None:
    figure = monitoring_timeline(monitoring_plan(assess(Scenario(age_years=72))))
    once = serialized_once(figure)
    first = once.to_dict()
    assert first == figure.to_dict()
    assert once.to_dict() is first  # the second script run reuses the dict

    def spec(fig: object) -> object:
        # What st.plotly_chart sends: the figure's dict, then plotly's JSON of it; twice, as two
        # script runs would (the JSON step converts arrays inside the reused dict).
        as_dict = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
        return json.loads(plotly.io.to_json(as_dict, validate=False))

    assert spec(once) == spec(figure)
    assert spec(once) == spec(figure)
