"""The app's own frame with no results: how much of the slider's latency the inputs alone cost.

``bench/browser_bench.py`` serves it beside the app and the bare page. It is the app minus the
Explorer's results: the same page style and header, the same navigation along the top, the same
sidebar (the scenario inputs, the groups, the lecture switch, the footer) and the address sync,
and one metric with the core's dose in place of the results; the other pages are the app's. The
app's ratio to the bare page splits into what this frame costs and what the results add to it.
"""

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # streamlit puts only bench/ on the path

from core import assess  # noqa: E402
from core.dose_words import dose_words  # noqa: E402
from ui.page_registry import PAGES, SOURCE  # noqa: E402
from ui.reading import reading_profile  # noqa: E402
from ui.scenario_state import scenario_sidebar  # noqa: E402
from ui.shell import APP_TITLE, educational_statement, page_header  # noqa: E402


def inputs_only() -> None:
    """The Explorer's header and sidebar, and the dose as one metric."""
    page_header("Scenario Explorer")
    scenario = scenario_sidebar("explorer")
    st.metric("Starting dose", dose_words(assess(scenario, reading_profile())).value)


st.set_page_config(page_title=APP_TITLE, layout="wide")
pages = [
    st.Page(inputs_only, title=entry.title, icon=entry.icon, default=True)
    if entry.is_default
    else st.Page(
        str(ROOT / entry.script), title=entry.title, icon=entry.icon, url_path=entry.url_path
    )
    for entry in PAGES
]
st.navigation(pages, position="top").run()
# ui.shell.sidebar_footer's two elements; its page link names the page by a path relative to
# app.py, which this entry point (in bench/) cannot resolve, so the link takes the Page object.
with st.sidebar:
    st.caption(f"---\n\n{educational_statement()}")
    st.page_link(pages[PAGES.index(SOURCE)], label="Read the source article", icon=SOURCE.icon)
