"""The bare page (one slider, one dose text) plus ``count`` elements of one ``kind``, both read
from the address (``?kind=markdown&count=20``): what one more element costs the browser on every
rerun. Served by ``bench/element_cost.py`` (which lists the kinds).
"""

import streamlit as st

TEXT = (
    "Use with caution: **age over 70**; see [the source](./?passage=dosing) "
    ":small[(Because — Age: 72 years)]"
)

st.set_page_config(page_title="Element cost", layout="wide")
kind = st.query_params.get("kind", "none")
count = int(st.query_params.get("count", "20"))
with st.sidebar:
    age = st.slider("Age (years)", 18, 100, 70, key="age_years")
st.title("Element cost", anchor=False)
st.metric("Starting dose", "2 mg" if age > 70 else "4 mg")
if kind == "one_markdown":
    st.markdown("\n\n".join(f"{TEXT} {index}" for index in range(count)))
for index in range(count if kind not in ("none", "one_markdown") else 0):
    if kind == "markdown":
        st.markdown(f"{TEXT} {index}")
    elif kind == "html":
        st.html(f"<p>Use with caution: <b>age over 70</b>; see <a href='./'>the source</a> {index}")
    elif kind == "number_input":
        st.number_input(f"Value {index}", key=f"value_{index}", value=1.0)
    elif kind == "checkbox":
        st.checkbox(f"Flag {index}", key=f"flag_{index}")
    elif kind == "expander":
        st.expander(f"Group {index}")
