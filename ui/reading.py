"""The reviewer's switch to another reading of the article, carried in the address.

``reading=<audit entry id>`` makes every page answer under that entry's other reading (a
variant of the article's profile built by core.readings). ``apply_reading()`` is called once per
run by ``ui.shell.page_header`` -- like lecture mode -- so every page gets it: it reads the
parameter (only when the address changed, since ``st.navigation`` clears it on a page switch),
shows the "not the app's default reading" banner, and keeps the parameter in the address. Pages
ask ``reading_profile()`` for the profile to pass to ``assess``.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from core.audit import AuditEntry, audit_entries, audit_entry
from core.errors import closest_name
from core.exports import escape_markdown, escape_prose
from core.profiles import ARTICLE, Profile

PARAM = "reading"

_ACTIVE_KEY = "_reading.active"  # not a widget key: survives page switches
_SEEN_KEY = "_reading.url_seen"


def _entry_ids() -> tuple[str, ...]:
    return tuple(entry.id for entry in audit_entries())


def _problem(values: list[str]) -> str | None:
    """Why the address's reading values cannot be used (None when they can)."""
    if len(values) != 1:
        return f"reading: given {len(values)} times; allowed: one value"
    if values[0] in _entry_ids():
        return None
    suggestion = closest_name(values[0], _entry_ids())
    hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
    return f"reading: '{values[0]}' is not an audit entry{hint}; allowed: {', '.join(_entry_ids())}"


def _sync_from_url() -> None:
    values = st.query_params.get_all(PARAM)
    if values and values != st.session_state.get(_SEEN_KEY):
        problem = _problem(values)
        if problem is None:
            st.session_state[_ACTIVE_KEY] = values[0]
        else:
            # The value came from the URL: escaped, so it can neither format nor link anything.
            st.warning(
                escape_markdown(
                    f"Link value not used: {problem}. The app's default reading is used."
                ),
                icon=":material/warning:",
            )
            st.session_state[_ACTIVE_KEY] = None
    st.session_state[_SEEN_KEY] = values


def _sync_to_url(entry: AuditEntry | None) -> None:
    want = [entry.id] if entry else []
    if st.query_params.get_all(PARAM) != want:
        if entry:
            st.query_params[PARAM] = entry.id
        else:
            del st.query_params[PARAM]
    st.session_state[_SEEN_KEY] = want


def set_reading(entry_id: str | None) -> None:
    """Switch to an entry's other reading (None: back to the app's reading); ``on_click``-safe."""
    st.session_state[_ACTIVE_KEY] = entry_id


def active_reading() -> AuditEntry | None:
    """The audit entry whose other reading this session uses, or None (reads state only)."""
    entry_id = st.session_state.get(_ACTIVE_KEY)
    return audit_entry(entry_id) if entry_id in _entry_ids() else None


def reading_profile() -> Profile:
    """The profile every page passes to the core: the article's, or its other reading."""
    entry = active_reading()
    return entry.profile if entry else ARTICLE


def reading_id() -> str:
    """The active entry's id, or "" for the app's reading (a hashable cache key)."""
    entry = active_reading()
    return entry.id if entry else ""


def profile_of(reading: str) -> Profile:
    """The profile of a ``reading_id()`` value ("" = the article's)."""
    return audit_entry(reading).profile if reading else ARTICLE


def _banner(entry: AuditEntry) -> None:
    with st.container(border=True, key="reading_banner"):
        st.warning(
            "**Not the app's default reading.** The rules core answers under the other "
            f"reading of *{escape_prose(entry.title)}*: {escape_prose(entry.other_reading)} "
            "(The teaching cases' written answers and the labels comparison keep the app's "
            "reading.)",
            icon=":material/rule_settings:",
        )
        back, why = st.columns([1, 1])
        with back:
            st.button(
                "Back to the app's reading",
                key="reading_back",
                on_click=set_reading,
                args=(None,),
                icon=":material/undo:",
            )
        with why:
            link = f"audit?{urlencode({'entry': entry.id, PARAM: entry.id})}"
            st.markdown(f":material/fact_check: [Why the app reads it otherwise]({link})")


def apply_reading() -> AuditEntry | None:
    """Sync the reading with the address, show the banner; the active entry or None.

    Call once per run, before the page draws its results (``ui.shell.page_header`` does).
    """
    _sync_from_url()
    entry = active_reading()
    if entry is not None:
        _banner(entry)
    _sync_to_url(entry)
    return entry
