"""Page chrome every page shares: the header with the educational notice, and the sidebar footer.

Public API::

    from ui.shell import page_header, sidebar_footer, source_page_link, display_mode

    page_header("Scenario Explorer", "One-line intro.")   # first call of every page script
    ...
    sidebar_footer()   # app.py calls it after the page ran, so it closes every sidebar

``display_mode()`` is lecture mode's hook (``?lecture=1``: larger type, more contrast; see
``ui.lecture``): ``page_header`` calls it, so no page handles lecture mode itself. ``lecture`` is
one of ``ui.scenario_state.APP_PARAMS``, so the URL sync keeps it on every page.
"""

from __future__ import annotations

from typing import Literal

import streamlit as st

from core.sources import article
from ui.lecture import LECTURE_CSS, apply_lecture_mode
from ui.page_registry import SOURCE
from ui.reading import apply_reading
from ui.results import RESULTS_CSS

APP_TITLE = "Baricitinib prescribing explorer"

DisplayMode = Literal["normal", "lecture"]


def educational_statement() -> str:
    """The one-line statement every page carries, with the article's title and date."""
    source = article()
    return (
        "**Educational software — not for clinical decisions.** It follows one article: "
        f"*{source.title}* ({source.publisher}, last updated {source.last_updated_text})."
    )


def short_statement() -> str:
    """The statement in one projector line (lecture mode): the warning and the article's date."""
    source = article()
    return f"**Educational only — not for clinical decisions.** One article: {source.publisher}."


def display_mode() -> DisplayMode:
    """Normal or lecture display: ui.lecture syncs ``lecture=1``, draws its toggle, styles."""
    return "lecture" if apply_lecture_mode() else "normal"


def source_page_link(label: str = "Read the source article", passage: str = "") -> None:
    """A link to the source page (optionally at one passage)."""
    params = {"passage": passage} if passage else None
    st.page_link(SOURCE.script, label=label, icon=SOURCE.icon, query_params=params)


# Projector-friendly density: less empty space above the title, a smaller page title.
# Our own constant CSS; nothing from the URL goes in.
_PAGE_CSS = """
<style>
/* The top 4rem hold Streamlit's header with the page navigation: the title starts below it. */
[data-testid="stMainBlockContainer"] { padding: 4rem 2rem 2rem 2.2rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.1rem; padding: 0 0 0.5rem 0; }
[data-testid="stSidebarUserContent"] { padding-top: 0.5rem; }
/* The sidebar's header holds only the fold button: a shorter one lifts the dose inputs. */
[data-testid="stSidebarHeader"] { margin-bottom: 0; padding-bottom: 0; height: 2.75rem; }
/* A metric never cuts its value to "Not gi...": it wraps instead. */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
/* Every chip and segment (st.pills, st.segmented_control) wraps its words: a chip never hides
   its "· 2 set" or the end of its name behind "...". */
[data-testid="stButtonGroup"] button { max-width: 100%; height: auto; text-align: left; }
[data-testid="stButtonGroup"] button :is(p, div) { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
/* A phone: Streamlit's header (with the sidebar button) covers the top 3.75rem. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding: 3.6rem 1rem 2rem 1rem; }
  [data-testid="stMainBlockContainer"] h1 { font-size: 1.6rem; }
}
"""
# The dose box's rules (ui.results) in the same element: one style element per page.
_PAGE_CSS += "/* The dose box. */" + RESULTS_CSS + "</style>\n"


def page_header(title: str, intro: str = "") -> DisplayMode:
    """The page title, an optional one-line intro and the educational statement.

    Also applies the shared page style and lecture mode's.
    """
    mode = display_mode()
    # One style element for both sheets (each element is one more message per run); the lecture
    # sheet last, so it wins over the page's.
    st.html(_PAGE_CSS + LECTURE_CSS if mode == "lecture" else _PAGE_CSS)
    st.title(title, anchor=False)
    if intro:
        st.markdown(intro)
    # In lecture mode the statement takes one line, so the result stays above the fold.
    st.caption(short_statement() if mode == "lecture" else educational_statement())
    apply_reading()
    return mode


def sidebar_footer() -> None:
    """The sidebar's closing block: the statement and the source link (every page)."""
    with st.sidebar:
        # The rule above the statement is part of its markdown: one element fewer than
        # st.divider, re-rendered on every run.
        st.caption(f"---\n\n{educational_statement()}")
        source_page_link()
