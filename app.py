"""Page registry: page config, navigation and the shared sidebar footer -- nothing else.

To add a page: add ONE ``st.Page`` line to ``PAGES`` below (scripts live in ``views/``, not
``pages/``: that folder name makes Streamlit reject the first deep link). Give it a ``url_path``.
``bench/screenshots.py`` discovers the pages from this list.
"""

import streamlit as st

from ui.shell import APP_TITLE, sidebar_footer

st.set_page_config(
    page_title=APP_TITLE,
    page_icon="💊",  # an emoji: a material icon would fetch a favicon from the internet
    layout="wide",
    initial_sidebar_state="expanded",
)

# ---- PAGES: one line per page; the first with default=True is served at "/" ----
PAGES = [
    st.Page("views/explorer.py", title="Explorer", icon="🧭", default=True),
    st.Page("views/labels.py", title="Article vs labels", icon="⚖️", url_path="labels"),
    st.Page("views/batch.py", title="Batch review", icon="📋", url_path="batch"),
    st.Page("views/cases.py", title="Teaching cases", icon="🎓", url_path="cases"),
    st.Page("views/compare.py", title="Compare", icon="🆚", url_path="compare"),
    st.Page("views/dose_map.py", title="Dose map", icon="🗺️", url_path="dose-map"),
    st.Page("views/rule_book.py", title="Rule book", icon="📘", url_path="rule-book"),
    st.Page("views/source.py", title="Source article", icon="📖", url_path="source"),
]
# ---- end of PAGES ----

st.navigation(PAGES).run()
sidebar_footer()
