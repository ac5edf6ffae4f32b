"""Streamlit-facing layer: page chrome, scenario inputs and URL state, figures, source panel.

Layers point down only: views -> ui -> core -> content. The figure modules (``figure_style``,
``dose_map_figure``, ``monitoring_timeline``, ``batch_counts_figure``, ``audit_figures``,
``algorithm_chart``) are pure plotly or DOT (no streamlit), tested on ``fig.to_dict()``.
"""
