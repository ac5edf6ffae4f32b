"""Page registry: page config, navigation and the shared sidebar footer -- and the release of a
batch upload's results when another page runs.

To add a page: add ONE ``st.Page`` line to ``PAGES`` below (scripts live in
``views/``, not ``pages/``: that folder name makes Streamlit reject the first deep link). Give it
a ``url_path``.
``bench/page_registry.py`` reads the pages from this source (screenshots, browser tests, axe).
"""

import streamlit as st

from ui.batch_results import release_results
from ui.lecture import lecture_on
from ui.shell import APP_TITLE, sidebar_footer

st.set_page_config(
    page_title=APP_TITLE,
    page_icon="💊",  # an emoji: a material icon would fetch a favicon from the internet
    layout="wide",
    # "auto": open beside the page on a wide screen, folded on a phone (where an open sidebar
    # would cover the whole page). Lecture mode folds it (the same value ui.lecture asks for,
    # so a rerun does not flip it open again).
    initial_sidebar_state="collapsed" if lecture_on() else "auto",
)

# ---- PAGES: one line per page; the one with default=True is served at "/" ----
# A flat list on purpose: st.navigation's sections put <div> headers inside the nav <ul>, which
# fails axe's WCAG "list" rule. Order: explore, teach, review. Material nav icons, because
# emoji icons show as empty boxes on machines without an emoji font.
PAGES = [
    st.Page("views/explorer.py", title="Explorer", icon=":material/tune:", default=True),
    st.Page("views/dose_map.py", title="Dose map", icon=":material/grid_on:", url_path="dose-map"),
    st.Page(
        "views/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"
    ),
    st.Page("views/cases.py", title="Teaching cases", icon=":material/school:", url_path="cases"),
    st.Page("views/rule_book.py", title="Rule book", icon=":material/rule:", url_path="rule-book"),
    st.Page(
        "views/source.py", title="Source article", icon=":material/article:", url_path="source"
    ),
    st.Page(
        "views/labels.py", title="Article vs labels", icon=":material/balance:", url_path="labels"
    ),
    st.Page("views/batch.py", title="Batch review", icon=":material/table_view:", url_path="batch"),
    st.Page("views/audit.py", title="Audit", icon=":material/fact_check:", url_path="audit"),
]
# ---- end of PAGES ----

page = st.navigation(PAGES)
if page.url_path != "batch":
    release_results()  # a batch upload's results leave the server's memory with the user
page.run()
sidebar_footer()
