"""Lecture mode: larger type, higher contrast, fewer controls, for a projector at 1280x720.

``apply_lecture_mode()`` is called once per run by ``ui.shell.display_mode`` (the hook in
``page_header``), so every page gets it without touching the page. It

1. reads ``lecture`` from the URL through ``ui.url_params.LinkParam`` (``1/0``, ``true/false``,
   ``yes/no``; anything else is a visible warning naming the value, and the mode stays as it
   was; the session remembers the mode across page switches);
2. draws the "Lecture mode" toggle (in the sidebar normally; at the top of the page in lecture
   mode, where the sidebar starts collapsed);
3. keeps ``lecture=1`` in the URL while the mode is on (so a copied link opens in lecture mode).
   ``page_header`` puts the lecture style sheet ``LECTURE_CSS`` in the page's one style element
   (our own constant CSS, nothing from the URL goes in).
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from core.exports import escape_markdown
from core.scenario import FALSE_WORDS, TRUE_WORDS
from ui.figure_style import lecture_scaled
from ui.share_qr import qr_png, share_link
from ui.url_params import LinkParam

PARAM = "lecture"
ALLOWED = "1 or 0 (also true/false, yes/no)"

_TOGGLE_KEY = "_lecture.toggle"
_SWITCHED_KEY = "_lecture.switched"

# Sizes in rem scale with the root size, so one root rule enlarges every Streamlit element;
# the dose and the verdict get an extra push because they are the result the hall must read.
LECTURE_CSS = """
<style>
html { font-size: 24px !important; }
[data-testid="stApp"], [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
[data-testid="stWidgetLabel"] p, .src-caption { color: #000000 !important; }
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stMainBlockContainer"] { padding: 0.6rem 1.2rem 1.2rem 1.2rem !important;
                                        max-width: 100% !important; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.5rem !important; padding: 0 !important; }
[data-testid="stMainBlockContainer"] h2, [data-testid="stMainBlockContainer"] h3,
[data-testid="stMainBlockContainer"] h4 { font-weight: 800 !important; }
[data-testid="stAlert"] { border: 3px solid currentColor !important; font-weight: 600; }
[data-testid="stMetricValue"] { font-weight: 800 !important; }
.st-key-dose_block_number [data-testid="stMetricValue"] { font-size: 3.4rem !important; }
.st-key-dose_block_number, .st-key-dose_block_words { border-width: 3px !important;
  border-color: #000000 !important; }
button[data-baseweb="tab"] p { font-size: 1rem !important; font-weight: 700; }
a { text-decoration: underline !important; }
.st-key-lecture_bar { position: fixed; top: 0.35rem; right: 0.8rem; z-index: 999991;
  width: auto !important; background: #FFFFFF; padding: 0 0.3rem; gap: 0.6rem; }
.st-key-lecture_bar [data-testid="stWidgetLabel"] p, .st-key-lecture_bar button p {
  font-size: 0.75rem !important; }
[data-testid="stMainBlockContainer"] { padding-top: 3rem !important; }
/* The page navigation in the header ends where the pinned switch begins. */
[data-testid="stTopNav"] { max-width: calc(100% - 5rem - 13.5rem) !important;
  margin-right: auto !important; }
.st-key-case_answer { scroll-margin-top: 4.4rem; }
.st-key-dose_block_words [data-testid="stMetricValue"],
.st-key-dose_block_words [data-testid="stMetricValue"] p {
  font-size: 1.2rem !important; line-height: 1.15 !important; }
</style>
"""


def _parse(text: str) -> bool | None:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


LECTURE: LinkParam[bool] = LinkParam(
    PARAM,
    parse=_parse,
    allowed=ALLOWED,
    default=False,
    shown=lambda on: "lecture mode " + ("on" if on else "off"),
)


def _toggled() -> None:
    LECTURE.set(bool(st.session_state[_TOGGLE_KEY]))
    st.session_state[_SWITCHED_KEY] = True


def _switch(on: bool) -> None:
    st.session_state[_TOGGLE_KEY] = on
    st.toggle(
        "Lecture mode",
        key=_TOGGLE_KEY,
        on_change=_toggled,
        help="Larger type and more contrast for a projector; the inputs move to the sidebar "
        "(collapsed). The link keeps lecture=1.",
    )


@st.dialog("Open this page on your phone", width="large")
def _share_dialog() -> None:
    link = share_link()
    png, modules = qr_png(link)
    with st.container(key="share_qr", horizontal_alignment="center"):
        st.image(png, width=min(12 * modules, 460), caption="QR code of this page's link")
    st.caption(f"Point the phone camera at the code. The link: {escape_markdown(link)}")


def _share_button() -> None:
    if st.button(
        "QR code",
        key="_lecture.qr",
        # Tertiary (no frame): it fits beside the lecture toggle in the sidebar's one row, so the
        # dose inputs below start higher.
        type="tertiary",
        icon=":material/qr_code_2:",
        help="A QR code of this page's link (drawn here, no outside service): students open "
        "the same case on their phones.",
    ):
        _share_dialog()


def for_display(fig: go.Figure) -> go.Figure:
    """The chart as this session shows it: text scaled up in lecture mode (a copy), else as is."""
    return lecture_scaled(fig) if lecture_on() else fig


def lecture_on() -> bool:
    """True when this session is in lecture mode (reads state only; draws nothing)."""
    return LECTURE.current()


def apply_lecture_mode() -> bool:
    """Sync the mode with the URL and draw the toggle; True in lecture mode.

    Call once per run, before the page draws anything else (``ui.shell.page_header`` does, and
    adds ``LECTURE_CSS`` to the page's style element in lecture mode).
    """
    before = LECTURE.current()
    on = LECTURE.value()
    if on != before:
        st.session_state[_SWITCHED_KEY] = True
    if on:
        # Pinned beside Streamlit's header (above it), so the switch stays reachable while the
        # sidebar is collapsed and the page is scrolled.
        with st.container(key="lecture_bar", horizontal=True, vertical_alignment="center"):
            _switch(on)
            _share_button()
    else:
        with st.sidebar, st.container(horizontal=True, vertical_alignment="center"):
            _switch(on)
            _share_button()
    switched = st.session_state.pop(_SWITCHED_KEY, False)
    if on or switched:
        # Lecture mode hides the inputs in a collapsed sidebar; leaving it brings them back.
        # Every lecture run: app.py asks for "auto" on every run, so ask again after it.
        st.set_page_config(initial_sidebar_state="collapsed" if on else "auto")
    return on
