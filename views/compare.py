"""Compare at /compare: scenario A (the shared scenario, sidebar) beside B (A with a few changes).

Shows both verdicts and doses, the differences explained in words from the rule ids, the inputs
that differ and the findings that appear, disappear or change. Both scenarios live in the URL
(B's changes as ``b.<field>``), so a comparison can be shared.
"""

from __future__ import annotations

import streamlit as st

from core import assess
from core.assess import Assessment, Finding
from core.compare import FindingChangeKind, compare
from core.exports import escape_prose
from core.field_words import value_words
from core.rules import CATEGORY_LABELS
from ui.compare_inputs import scenario_b
from ui.reading import reading_profile
from ui.results import dose_text, render_verdict_banner
from ui.scenario_state import scenario_query, scenario_sidebar
from ui.shell import page_header

EXPLORER_PAGE = "views/explorer.py"
KIND_TITLES: tuple[tuple[FindingChangeKind, str], ...] = (
    ("appeared", "New in B"),
    ("disappeared", "Gone in B (only in A)"),
    ("changed", "Changed"),
)

page_header(
    "Compare two scenarios",
    "**A** is the shared scenario (sidebar). **B** is A with the changes you pick here.",
)


a = scenario_sidebar("compare", extra_params=("b.",))
# Both results first (both doses above the fold at 1280x720, also in lecture mode); B's form
# below them, although it runs first (B is needed to draw the results).
results_slot = st.container(key="compare_results")
with st.container(border=True, key="compare_b_form"):
    st.markdown("**Scenario B = A with these changes**")
    b, b_changes = scenario_b(a)

result = compare(assess(a, reading_profile()), assess(b, reading_profile()))


def _side(name: str, assessment: Assessment, other: Assessment) -> None:
    render_verdict_banner(assessment, prefix=f"{name}: ")
    delta = None
    if assessment.dose_mg is not None and other.dose_mg is not None and name == "B":
        change = assessment.dose_mg - other.dose_mg
        delta = f"{change:+d} mg vs A" if change else None
    st.metric(f"{name}: starting dose", dose_text(assessment), delta=delta, delta_color="off")
    st.page_link(
        EXPLORER_PAGE,
        label=f"Open {name} in the Explorer",
        icon=":material/tune:",
        query_params=scenario_query(assessment.scenario),
    )


with results_slot:
    left, right = st.columns(2, gap="medium")
    with left:
        _side("A", result.a, result.b)
    with right:
        _side("B", result.b, result.a)

st.markdown("#### What differs, in words")
if result.identical:
    st.info("B is the same as A: pick an input to change in B above.", icon=":material/info:")
else:
    st.markdown("\n".join(f"- {escape_prose(line)}" for line in result.explanation))


def _finding_line(finding: Finding) -> str:
    passages = ", ".join(f"`{p}`" for p in finding.passages)
    return (
        f"- {escape_prose(finding.text)}  \n"
        f"  :small[`{finding.id}` · {CATEGORY_LABELS[finding.category]} · source: {passages}]"
    )


if result.inputs:
    inputs_col, findings_col = st.columns([2, 3], gap="medium")
    with inputs_col:
        st.markdown("#### Inputs that differ")
        rows = ["| Input | A | B |", "|---|---|---|"]
        for item in result.inputs:
            if item.name == "crcl" and (a.crcl_ml_min, b.crcl_ml_min) == (item.a, item.b):
                continue  # the measured CrCl row already says it
            cells = [item.label, value_words(item.name, item.a), value_words(item.name, item.b)]
            rows.append("| " + " | ".join(escape_prose(cell) for cell in cells) + " |")
        st.markdown("\n".join(rows))
    with findings_col:
        st.markdown("#### Findings")
        for kind, title in KIND_TITLES:
            moved = result.of_kind(kind)
            if not moved:
                continue
            lines = [f"**{title} ({len(moved)})**"]
            for change in moved:
                shown = change.b if change.b is not None else change.a
                assert shown is not None
                lines.append(_finding_line(shown))
            st.markdown("\n".join(lines))
