"""A page that reconnected to a NEW session (its server or replica died) never silently loses
the tab's case.

After a reconnection the browser keeps showing the page, but the new session has never run: it
knows only the address. Its first run is the user's next action, and two things went wrong
silently: a page switch from the sidebar (which drops the query string) opened the default case,
and an input was undone by the case in the address.

The browser tab is the one place that outlives the session. Every run leaves a small script
that keeps, in the page's own memory (a ``window`` property: it lives as long as the loaded
page, so a reload, a typed address or a new tab starts without it), the session's id and the
case's query. When a run of another session finds an earlier session's memory in the same
page, the page has reconnected: it reloads with ``reconnected=<what>`` in the address, and the
new run says so in a notice (``reconnection_notice``):

- ``case``: the run had no scenario in its address (a page switch): the tab's case is put back
  in the address of the page it opened;
- ``input``: the run took its case from the address, so an input the user changed as the
  first action was undone (the new session cannot tell which widget moved, and any other
  change of that run is discarded by the reload): the page says so.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from urllib.parse import urlencode

import streamlit as st

RECONNECTED_PARAM = "reconnected"
RESTORED_CASE = "case"
INPUT_NOT_APPLIED = "input"

_SESSION_KEY = "_reconnection.session"

_NOTICES = {
    RESTORED_CASE: (
        "Reconnected: your case was restored. The connection to the server was lost; this "
        "page was opened with the case this browser tab last showed."
    ),
    INPUT_NOT_APPLIED: (
        "Reconnected: the connection to the server was lost, and your last change on this "
        "page was not applied. The page shows the case of its address: check the inputs and "
        "make the change again."
    ),
}


def reconnection_notice() -> None:
    """After the reload of a reconnected page: one visible notice saying what happened; the
    marker leaves the address (so a copied link or the next run does not repeat it)."""
    given = st.query_params.get_all(RECONNECTED_PARAM)
    if not given:
        return
    del st.query_params[RECONNECTED_PARAM]
    text = _NOTICES.get(given[0], _NOTICES[INPUT_NOT_APPLIED])
    st.info(text, icon=":material/sync_problem:")


# Our own constant script with three JSON literals: the session id, whether this run's address
# had no scenario, and the case's query (only URL-safe characters, from ``urlencode``).
_SCRIPT = """
<script>
(() => {
  const session = %(session)s, restore = %(restore)s, query = %(query)s;
  const memory = window.__explorerTabCase;
  if (!memory || memory.session === session) {
    window.__explorerTabCase = {session, query};
    return;
  }
  const target = new URLSearchParams(restore ? memory.query : "");
  for (const [name, value] of new URLSearchParams(window.location.search)) {
    if (!target.has(name)) target.append(name, value);
  }
  target.set("%(param)s", restore ? "%(case)s" : "%(input)s");
  window.location.replace(window.location.pathname + "?" + target.toString());
})();
</script>
"""


def tab_case_script(case_query: Mapping[str, str], address_had_case: bool) -> str:
    """The script that keeps this run's case in the browser tab, and reopens the page with the
    tab's case when this session is not the one the page ran before (see the module docstring).
    The caller puts it in its one script element of the run (``st.html`` with
    ``unsafe_allow_javascript``): every element is one more message the browser renders.

    ``case_query``: the parameters that carry the case to any page (scenario fields, lecture);
    ``address_had_case``: this run's address held scenario fields when the run began."""
    session: str = st.session_state.setdefault(_SESSION_KEY, uuid.uuid4().hex)
    return _SCRIPT % {
        "session": json.dumps(session),
        "restore": json.dumps(not address_had_case),
        "query": json.dumps(urlencode(dict(case_query))),
        "param": RECONNECTED_PARAM,
        "case": RESTORED_CASE,
        "input": INPUT_NOT_APPLIED,
    }


__all__ = [
    "INPUT_NOT_APPLIED",
    "RECONNECTED_PARAM",
    "RESTORED_CASE",
    "reconnection_notice",
    "tab_case_script",
]
