"""Streamlit-facing layer: page chrome, scenario inputs and URL state, figures, source panel.

Layers point down only: views -> ui -> core -> content. ``ui.figures`` is pure plotly (no
streamlit) so it can be tested on ``fig.to_dict()``.
"""
