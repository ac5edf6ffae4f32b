"""The app: page config, navigation and the shared sidebar footer -- and the release of a batch
upload's results when another page runs.

The pages are listed once, as data, in ``ui/page_registry.py`` (add a page there).
"""

import streamlit as st

from ui.batch_results import release_results
from ui.lecture import lecture_on
from ui.page_registry import BATCH, PAGES
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

# A flat list on purpose: st.navigation's sections put <div> headers inside the nav <ul>, which
# fails axe's WCAG "list" rule.
navigation = [
    st.Page(page.script, title=page.title, icon=page.icon, default=True)
    if page.is_default
    else st.Page(page.script, title=page.title, icon=page.icon, url_path=page.url_path)
    for page in PAGES
]
# The pages along the top, not down the sidebar: the sidebar then opens with the inputs that set
# the dose (age, renal function, an OAT3 inhibitor), all within a 1280x720 screen. On a phone
# Streamlit puts the same list at the top of the sidebar.
page = st.navigation(navigation, position="top")
if page.url_path != BATCH.url_path:
    release_results()  # a batch upload's results leave the server's memory with the user
page.run()
sidebar_footer()
