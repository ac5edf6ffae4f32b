""" "What would change this answer?" on the Explorer: the single-input changes that change the
verdict or the dose (core.what_if), each a link to the compare page with the change as B."""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlencode

import streamlit as st

from core.assess import Assessment, assess
from core.exports import escape_prose
from core.rules import VERDICT_ORDER
from core.scenario import Scenario
from core.what_if import AnswerChange, answer_changes, position_words
from ui.compare_inputs import PREFIX
from ui.page_registry import COMPARE
from ui.reading import PARAM, profile_of, reading_id
from ui.scenario_state import encode_value, scenario_query


def compare_link(assessment: Assessment, change: AnswerChange, reading: str = "") -> str:
    """The compare page with the current scenario as A and the change as B (``b.<field>``),
    under ``reading`` (an audit reading id; "" = the app's)."""
    params = scenario_query(assessment.scenario)
    params[PREFIX + change.field] = encode_value(change.value)
    if reading:
        params[PARAM] = reading
    return f"{COMPARE.url_path}?{urlencode(params)}"


def _severity(change: AnswerChange) -> tuple[int, float]:
    """Most severe new answer first; a lower dose before a higher one."""
    dose = change.outcome.dose_mg
    return VERDICT_ORDER.index(change.outcome.verdict), -1.0 if dose is None else float(dose)


def what_would_change_markdown(assessment: Assessment, reading: str = "") -> str:
    """The panel's text as one Markdown block: the heading, where age and CrCl sit between the
    limits (small), the number changes, the yes/no and choice changes grouped by the new answer,
    and what the links open (small); the links keep ``reading`` (the assessment's)."""
    changes = answer_changes(assessment, assessment.profile)
    position = " · ".join(
        escape_prose(line) for line in position_words(assessment, assessment.profile)
    )
    parts = ["##### What would change this answer?", f":small[{position}]"]
    if not changes:
        parts.append("No single change of one input changes the verdict or the dose.")
        return "\n\n".join(parts)
    numbers = [c for c in changes if c.is_number]
    switches = [c for c in changes if not c.is_number]
    if numbers:
        parts.append(
            "\n".join(
                f"- [{escape_prose(c.words)}]({compare_link(assessment, c, reading)})"
                for c in numbers
            )
        )
    if switches:
        lines = ["One yes/no or choice input changed, grouped by the new answer:", ""]
        ordered = sorted(switches, key=_severity)
        for outcome, group in groupby(ordered, key=lambda c: c.outcome_words):
            links = " · ".join(
                f"[{escape_prose(c.label)}: {escape_prose(c.value_text)}]"
                f"({compare_link(assessment, c, reading)})"
                for c in group
            )
            lines.append(f"- **{escape_prose(outcome)}** — {links}")
        parts.append("\n".join(lines))
    parts.append(
        ":small[Each link opens the compare page with this scenario as A and the change as B.]"
    )
    return "\n\n".join(parts)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_markdown(scenario_json: str, reading: str) -> str:
    """The panel's text for one scenario under one reading: a slider moved back and forth, or
    many students on one case, compute it once."""
    scenario = Scenario.model_validate_json(scenario_json)
    return what_would_change_markdown(assess(scenario, profile_of(reading)), reading)


def render_what_would_change(scenario: Scenario) -> None:
    """The panel for ``scenario`` under the page's reading, in a bordered box: one Markdown
    element (each element is one more message the browser re-renders on every input)."""
    text = _cached_markdown(scenario.model_dump_json(), reading_id())
    with st.container(border=True, key="what_would_change"):
        st.markdown(text)
