"""A cached figure serialised once (``st.plotly_chart`` asks for its dict on every run)."""

from __future__ import annotations

import plotly.graph_objects as go


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
