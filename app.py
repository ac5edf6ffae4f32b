"""The app: page config, navigation and the shared sidebar footer -- nothing else.

The pages are listed once, as data, in ``ui/page_registry.py`` (add a page there).
"""

import streamlit as st

from ui.page_registry import PAGES
from ui.shell import APP_TITLE, sidebar_footer

st.set_page_config(
    page_title=APP_TITLE,
    page_icon="💊",  # an emoji: a material icon would fetch a favicon from the internet
    layout="wide",
    initial_sidebar_state="expanded",
)

# A flat list on purpose: st.navigation's sections put <div> headers inside the nav <ul>, which
# fails axe's WCAG "list" rule.
navigation = [
    st.Page(page.script, title=page.title, icon=page.icon, default=True)
    if page.is_default
    else st.Page(page.script, title=page.title, icon=page.icon, url_path=page.url_path)
    for page in PAGES
]
st.navigation(navigation).run()
sidebar_footer()
