"""The properties panel: the invariants a reviewer demands, checked by core.properties over the
whole rule space under the active reading, each failure with a link to its counterexample."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from core.exports import escape_prose
from core.properties import PropertyReport, check_properties, shared_conditions
from core.scenario import Scenario
from ui.reading import PARAM, profile_of, reading_id
from ui.scenario_state import scenario_query


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_report(reading: str) -> PropertyReport:
    """The report for one reading ("" = the app's); immutable after it is built, so shared."""
    return check_properties(profile_of(reading))


def explorer_link(scenario: Scenario, reading: str) -> str:
    """The Explorer at a counterexample (under the reading it was found in)."""
    params = scenario_query(scenario)
    if reading:
        params[PARAM] = reading
    return "./?" + urlencode(params) if params else "./"


def render_properties() -> None:
    """The panel: one line per property with what it checked; failures link to the Explorer."""
    reading = reading_id()
    st.subheader("Properties checked over the whole rule space", anchor=False)
    with st.spinner("Checking every combination over the whole grid…"):
        report = cached_report(reading)
    where = "under the other reading shown above" if reading else "under the app's reading"
    intro = (
        f"Checked by the rules core {where}: **{report.scenarios:,} scenarios** = "
        f"{report.combinations:,} combinations of the risk inputs the rules read (the defaults, "
        f"every single change and every pair of changes) × {report.grid_cells:,} cells of the "
        "age × CrCl grid (ages 18-100, CrCl 0-250 mL/min and unknown). No rule reads more than "
        "two risk inputs besides age and CrCl, so every combination of each rule's inputs is "
        "covered."
    )
    lines = []
    for result in report.results:
        mark = (
            ":green[:material/check_circle: holds]"
            if result.holds
            else (":red[:material/cancel: fails]")
        )
        checked = f":small[({result.checked:,} {result.unit})]"
        line = f"- {mark} — {escape_prose(result.statement)} {checked}"
        if not result.holds:
            line += f" — {escape_prose(result.problem)}"
            if result.counterexample is not None:
                link = explorer_link(result.counterexample, reading)
                line += f" — [open the counterexample in the Explorer]({link})"
        lines.append(line)
    # The statement of the space and the list in one element (one message fewer every run).
    st.markdown(intro + "\n\n" + "\n".join(lines))
    pairs = shared_conditions(profile_of(reading))
    if pairs:
        links = "; ".join(f"{_rule_link(a)} and {_rule_link(b)}" for a, b in pairs)
        st.caption(
            f"{len(pairs)} pairs of rules share a condition on purpose (a caution and its "
            f"source-silent note, or two monitoring notes): {links}."
        )


def _rule_link(rule_id: str) -> str:
    return f"[{rule_id}]({'rule-book?' + urlencode({'rule': rule_id})})"
