"""The floor for browser latency: one slider, one text, one plotly chart and nothing else.

``bench/browser_bench.py`` serves it beside the app and measures both the same way. The slider
is in the sidebar and bound to the address like the app's; the text is a metric with the
article's age rule (4 mg, 2 mg over 70), so the same key press changes the same kind of text.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Bare page", layout="wide")
with st.sidebar:
    age = st.slider("Age (years)", 18, 100, 70, key="age_years", bind="query-params")
st.title("Bare page", anchor=False)
st.metric("Starting dose", "2 mg" if age > 70 else "4 mg")
figure = go.Figure(go.Scatter(x=[18, age, 100], y=[4, 2 if age > 70 else 4, 2], mode="markers"))
figure.update_layout(height=400, margin={"l": 40, "r": 10, "t": 10, "b": 40})
st.plotly_chart(figure, theme=None, key="chart")
