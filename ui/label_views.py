"""The article beside the drug labels: one scenario under every profile, what differs and why,
the topic-by-topic comparison table and the dose maps per profile (the /labels page).

The domain logic (what differs, the quotes, the table's cells) is ``core.profiles.differences``;
here are the frame and dose-map panels (pandas, plotly) and the ``render_*`` functions. Every
fact comes from ``core.profiles`` (never typed here); every quote is the article passage
(``core.sources``) or the label source's line from the facts.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.assess import Assessment
from core.dose_regions import RENAL_WORDS
from core.exports import escape_prose
from core.grid import dose_grid
from core.profiles import (
    CHECK_CURRENT_LABEL,
    LABEL_FACTS_COMPILED,
    PROFILES,
    ComparisonRow,
    Profile,
)
from core.profiles.differences import (
    UNVERIFIED,
    TopicDifference,
    cited_sources,
    comparison_records,
    profile_assessments,
    profile_column_title,
    renal_working,
)
from core.rules import CATEGORY_LABELS, VERDICT_LABELS, Category, Verdict
from core.scenario import Scenario
from core.sources import article
from ui.dose_map_figure import DoseMapPanel, dose_maps, map_marker
from ui.figure_cache import serialized_once
from ui.figure_style import chart_config
from ui.lecture import for_display
from ui.results import VERDICT_STYLE, dose_text

NO_RULE_FIRES = "No rule of this profile applies to this patient here."


# ---------------------------------------------------------------- data for the page


def comparison_frame(rows: Sequence[ComparisonRow]) -> pd.DataFrame:
    """The comparison table as a DataFrame: one row per topic, one column per profile."""
    return pd.DataFrame.from_records(comparison_records(rows))


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


def _label_date(profile: Profile) -> str:
    """Where a label's facts come from and when: shown beside every label fact."""
    return f"Label facts compiled {profile.compiled}: check the current label."


def render_side_by_side(assessments: Sequence[Assessment]) -> None:
    """Verdict, dose, dose reasoning and renal working under each profile, in columns."""
    for column, assessment in zip(
        st.columns(len(assessments), gap="small"), assessments, strict=True
    ):
        with column, st.container(border=True):
            profile = assessment.profile
            st.markdown(f"#### {escape_prose(profile.short_name)}")
            st.caption(escape_prose(profile.name))
            kind, icon = VERDICT_STYLE[assessment.verdict]
            getattr(st, kind)(f"**{VERDICT_LABELS[assessment.verdict]}**", icon=icon)
            if assessment.verdict is not Verdict.recommended:
                st.caption(f"Why: {escape_prose(assessment.verdict_reason)}")
            st.metric("Starting dose", dose_text(assessment))
            head, *reasons = assessment.dose_reasoning
            lines = [escape_prose(head), *(f"- {escape_prose(r)}" for r in reasons)]
            st.markdown("\n".join(lines))
            measure = RENAL_WORDS[profile.renal_measure]
            st.caption(f"**{measure}:** {escape_prose(renal_working(assessment))}")
            if profile.is_label:
                st.caption(escape_prose(_label_date(profile)))


def _source_line(source_id: str, text: str, quoted: bool) -> str:
    """An article passage in quotation marks (its own words); a label source as its line from
    the facts, its address as a link."""
    if quoted:
        return f":small[**{escape_prose(source_id)}** — “{escape_prose(text)}”]"
    what, _, address = text.partition(" — ")
    if address.startswith("https://"):
        return f":small[**{escape_prose(source_id)}** — {escape_prose(what)} — [source]({address})]"
    return f":small[**{escape_prose(source_id)}** — {escape_prose(text)}]"


def _quote_lines(quotes: Sequence[tuple[str, str]], quoted: bool) -> list[str]:
    """Article passages in quotation marks (their own words); label sources as citations."""
    return [_source_line(sid, text, quoted) for sid, text in quotes]


def render_differences(differences: Sequence[TopicDifference]) -> None:
    """Each topic that differs for this scenario: each profile's rule, what applies, sources."""
    if not differences:
        st.info("For this patient, no topic of the comparison applies differently.")
        return
    outcome = [d for d in differences if d.changes_outcome]
    wording = [d for d in differences if not d.changes_outcome]
    uncovered = [d for d in differences if d.not_covered]
    st.caption(
        f"{len(outcome)} topic(s) with a different outcome (a rule one profile applies and "
        f"another has not, or another dose or category), {len(uncovered)} of them an input the "
        f"compiled label facts do not cover; {len(wording)} with the same kind of outcome in "
        "different words. Each with the profile's rule, what applies to this patient, and the "
        "sources quoted."
    )
    for difference in outcome:
        _render_difference(difference)
    if wording:
        with st.expander(f"Same kind of outcome, different wording or detail ({len(wording)})"):
            for difference in wording:
                _render_difference(difference)


def _finding_line(category: Category, text: str) -> str:
    return f"- *{escape_prose(CATEGORY_LABELS[category])}:* {escape_prose(text)}"


def _render_difference(difference: TopicDifference) -> None:
    label = difference.label[:1].upper() + difference.label[1:]
    with st.container(border=True):
        st.markdown(f"**{escape_prose(label)}**")
        if difference.not_covered:
            st.markdown(
                ":material/help: :orange-badge[The label facts do not cover this] — a label "
                "profile cannot say “recommended” here."
            )
        for column, side in zip(
            st.columns(len(difference.sides), gap="small"), difference.sides, strict=True
        ):
            with column:
                head = f"**{escape_prose(side.profile.short_name)}:** {escape_prose(side.words)}"
                if side.fired:
                    applies = [_finding_line(f.category, f.text) for f in side.fired]
                else:
                    applies = [f"- *{NO_RULE_FIRES}*"]
                lines = _quote_lines(side.quotes, not side.profile.is_label)
                if side.profile.is_label:
                    lines.append(f":small[{escape_prose(_label_date(side.profile))}]")
                st.markdown("\n".join([head, "", *applies]) + "\n\n" + "  \n".join(lines))


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


def render_comparison_table(rows: Sequence[ComparisonRow]) -> None:
    """The topic-by-topic table with source ids in every cell, the dates, and the quotes."""
    # A static table: every cell wraps (a data grid would cut the long cells off).
    st.table(comparison_frame(rows), hide_index=True, border="horizontal")
    st.caption(
        f"Label facts compiled {LABEL_FACTS_COMPILED}; the article was last updated "
        f"{article().last_updated_text}. Check the current label. "
        f"Cells marked “{UNVERIFIED}” decide no verdict: a patient whose input rests on one gets "
        "“the label facts do not cover this”."
    )
    with st.expander("Sources cited in the table (ids and their text)"):
        for profile_id, quotes in cited_sources(rows).items():
            profile = PROFILES[profile_id]
            st.markdown(f"**{escape_prose(profile_column_title(profile))}**")
            lines = _quote_lines(quotes, quoted=not profile.is_label)
            st.markdown("\n".join(f"- {line}" for line in lines))
