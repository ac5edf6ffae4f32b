"""Page registry: page config and navigation, nothing else."""

import streamlit as st

st.set_page_config(
    page_title="Baricitinib prescribing explorer",
    page_icon="💊",
    layout="wide",
    initial_sidebar_state="expanded",
)

pages = [
    st.Page("views/explorer.py", title="Explorer", icon=":material/tune:", default=True),
]
st.navigation(pages).run()
