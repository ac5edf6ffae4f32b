"""The article beside the drug labels: one scenario under every profile, what differs and why,
the topic-by-topic comparison table and the dose maps per profile (the /labels page).

The domain logic (what differs, the quotes, the table's cells) is ``core.profiles.differences``;
the differences, the table and its sources as HTML are ``ui.label_differences``; here are the
dose-map panels (plotly) and the ``render_*`` functions. Every fact comes from
``core.profiles`` (never typed here); every quote is the article passage (``core.sources``) or
the label source's line from the facts.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from core.assess import Assessment
from core.dose_regions import RENAL_WORDS
from core.exports import escape_prose
from core.grid import dose_grid
from core.profiles import CHECK_CURRENT_LABEL, LABEL_FACTS_COMPILED, comparison_table
from core.profiles.differences import (
    UNVERIFIED,
    cited_sources,
    profile_assessments,
    renal_working,
    topic_differences,
)
from core.scenario import Scenario
from core.sources import article
from ui.dose_map_figure import DoseMapPanel, dose_maps, map_marker
from ui.figure_cache import serialized_once
from ui.figure_style import chart_config
from ui.label_differences import (
    LABELS_CSS,
    PassageLink,
    cited_sources_html,
    comparison_html,
    differences_html,
    label_date,
)
from ui.lecture import for_display
from ui.page_registry import SOURCE
from ui.results import dose_text, render_verdict_banner
from ui.scenario_state import scenario_link

# ---------------------------------------------------------------- data for the page


def dose_map_panels(assessments: Sequence[Assessment]) -> tuple[DoseMapPanel, ...]:
    """One dose-map panel per profile: the scenario over age x the profile's own renal measure
    (the article's map's ranges), with the patient's star where the measure is known."""
    panels: list[DoseMapPanel] = []
    for assessment in assessments:
        profile = assessment.profile
        grid = dose_grid(assessment.scenario, profile=profile)
        title = f"{profile.short_name} — by {RENAL_WORDS[profile.renal_measure]}"
        panels.append(DoseMapPanel(title, grid, map_marker(assessment)))
    return tuple(panels)


# ---------------------------------------------------------------- rendering


def render_label_notice() -> None:
    """The plain, visible "check the current label" notice."""
    st.warning(escape_prose(CHECK_CURRENT_LABEL), icon=":material/fact_check:")


def _profile_details(assessment: Assessment) -> str:
    """The dose reasoning, the renal working and (a label) the facts' date, as one Markdown."""
    profile = assessment.profile
    head, *reasons = assessment.dose_reasoning
    lines = [escape_prose(head), *(f"- {escape_prose(r)}" for r in reasons)]
    measure = RENAL_WORDS[profile.renal_measure]
    notes = [f"**{measure}:** {escape_prose(renal_working(assessment))}"]
    if profile.is_label:
        notes.append(escape_prose(label_date(profile)))
    return "\n".join(lines) + "\n\n" + "  \n".join(f":small[{note}]" for note in notes)


def render_side_by_side(assessments: Sequence[Assessment]) -> None:
    """Verdict (with its reason), dose, dose reasoning and renal working under each profile, in
    bordered columns: four elements a profile (each element is one more message per run)."""
    for column, assessment in zip(
        st.columns(len(assessments), gap="small", border=True), assessments, strict=True
    ):
        with column:
            profile = assessment.profile
            st.markdown(
                f"#### {escape_prose(profile.short_name)}\n\n:small[{escape_prose(profile.name)}]"
            )
            render_verdict_banner(assessment)
            st.metric("Starting dose", dose_text(assessment))
            st.markdown(_profile_details(assessment))


def _passage_link(scenario: Scenario) -> PassageLink:
    return lambda pid: scenario_link(SOURCE.url_path, scenario, passage=pid)


@st.cache_data(show_spinner=False, max_entries=64)
def _differences_block(scenario_json: str) -> str:
    # Keyed by the scenario's JSON: the differences and their links are pure in it.
    scenario = Scenario.model_validate_json(scenario_json)
    differences = topic_differences(profile_assessments(scenario))
    return LABELS_CSS + differences_html(differences, _passage_link(scenario))


def render_differences(scenario: Scenario) -> None:
    """Each topic that differs for this scenario: each profile's rule, what applies, sources
    (one HTML block, with the page's style sheet for it and the table's sources)."""
    st.html(_differences_block(scenario.model_dump_json()))


_MAPS_KEY = "_labels.maps"
_MAPS_OPENED = "_labels.maps_opened"  # as the user last left it (kept across page switches)


def _maps_toggled() -> None:
    st.session_state[_MAPS_OPENED] = bool(st.session_state[_MAPS_KEY])


@st.cache_resource(show_spinner=False, max_entries=32)
def _dose_maps_figure(scenario_json: str) -> go.Figure:
    # Keyed by the scenario's JSON; the figure is pure in it (and never mutated).
    scenario = Scenario.model_validate_json(scenario_json)
    return serialized_once(dose_maps(dose_map_panels(profile_assessments(scenario))))


def render_dose_maps(scenario: Scenario) -> None:
    """The three dose maps side by side, with what the axes and marks mean."""
    st.plotly_chart(
        for_display(_dose_maps_figure(scenario.model_dump_json())),
        theme=None,
        config=chart_config("baricitinib-dose-maps-by-profile"),
        key="label_dose_maps",
        width="stretch",
    )
    st.caption(
        "Age on x; on y each profile's own renal measure: creatinine clearance (CrCl, mL/min) "
        "for the article and the EU SmPC, eGFR (mL/min/1.73 m², CKD-EPI 2021) for the US label — "
        "on these maps the y value is that measure itself, not computed from one another. "
        "Every other input is this patient's. Drawn as the article's dose map: the same colours "
        "and words per dose and verdict, hatching where the verdict is “use with caution”, "
        "dashed lines at each profile's thresholds, star = this patient (no star when the "
        "profile's measure is unknown)."
    )


def render_folded_dose_maps(scenario: Scenario) -> None:
    """The dose maps in an expander, drawn once the reader opens it (three heatmaps were about
    a third of the browser's work on every visit to /labels); opened, it stays open for this
    session."""
    box = st.expander(
        "Show the dose maps of the three profiles (age × renal function)",
        expanded=bool(st.session_state.get(_MAPS_OPENED, False)),
        key=_MAPS_KEY,
        on_change=_maps_toggled,
    )
    if box.open:
        with box:
            render_dose_maps(scenario)


def table_note() -> str:
    """The line under the comparison table: the dates, and what an unverified cell means."""
    return (
        f"Label facts compiled {LABEL_FACTS_COMPILED}; the article was last updated "
        f"{article().last_updated_text}. Check the current label. "
        f"Cells marked “{UNVERIFIED}” decide no verdict: a patient whose input rests on one gets "
        "“the label facts do not cover this”."
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _table_sources_block(scenario_json: str) -> str:
    # The table and sources do not depend on the scenario; the source-page links carry it.
    scenario = Scenario.model_validate_json(scenario_json)
    rows = comparison_table()
    return (
        f"{comparison_html(rows)}"
        f'<div class="lv-block"><p class="lv-note">{html.escape(table_note(), quote=False)}</p>'
        f"{cited_sources_html(cited_sources(rows), _passage_link(scenario))}</div>"
    )


def render_comparison_table(scenario: Scenario) -> None:
    """The topic-by-topic table with source ids in every cell, the dates, and the quotes: one
    HTML block (``ui.html_table``: every cell wraps; a data grid would cut the long ones off)."""
    st.html(_table_sources_block(scenario.model_dump_json()))
