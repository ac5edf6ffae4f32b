"""The reviewer's switch to another reading of the article, carried in the address.

``reading=<audit entry id>`` makes every page answer under that entry's other reading (a
variant of the article's profile built by core.readings). ``apply_reading()`` is called once per
run by ``ui.shell.page_header`` -- like lecture mode -- so every page gets it: it reads the
parameter through ``ui.url_params.LinkParam`` (checked and warned in the words of every page
parameter; the session remembers it across page switches), shows the "not the app's default
reading" banner, and keeps the parameter in the address. Pages ask ``reading_profile()`` for
the profile to pass to ``assess``.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from core.audit import AuditEntry, audit_entries, audit_entry
from core.exports import escape_prose
from core.profiles import ARTICLE, Profile
from ui.page_registry import AUDIT
from ui.url_params import optional_id_param

PARAM = "reading"


def _entry_ids() -> tuple[str, ...]:
    return tuple(entry.id for entry in audit_entries())


READING = optional_id_param(
    PARAM,
    _entry_ids,
    "an audit entry id: " + ", ".join(_entry_ids()),
    nothing="the app's default reading",
    remembered=True,  # across page switches (st.navigation clears the link)
)


def set_reading(entry_id: str | None) -> None:
    """Switch to an entry's other reading (None: back to the app's reading); ``on_click``-safe."""
    READING.set(entry_id)


def active_reading() -> AuditEntry | None:
    """The audit entry whose other reading this session uses, or None (reads state only)."""
    entry_id = READING.current()
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
            link = f"{AUDIT.url_path}?{urlencode({'entry': entry.id, PARAM: entry.id})}"
            st.markdown(f":material/fact_check: [Why the app reads it otherwise]({link})")


def apply_reading() -> AuditEntry | None:
    """Sync the reading with the address, show the banner; the active entry or None.

    Call once per run, before the page draws its results (``ui.shell.page_header`` does).
    """
    READING.value()
    entry = active_reading()
    if entry is not None:
        _banner(entry)
    return entry
