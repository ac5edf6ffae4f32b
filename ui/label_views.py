"""The article beside the drug labels: one scenario under every profile, what differs and why,
the topic-by-topic comparison table and the dose maps per profile (the /labels page).

The pure part (``topic_differences``, ``source_quotes``, ``comparison_frame``, ``dose_map_panels``)
takes core objects and returns data, so it is tested without streamlit; the ``render_*``
functions draw it. Every fact comes from ``core.profiles`` (never typed here); every quote is the
article passage (``core.sources``) or the label source's citation from the profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.assess import Assessment, Finding, assess
from core.exports import escape_prose
from core.grid import dose_grid
from core.profiles import (
    CHECK_CURRENT_LABEL,
    LABEL_FACTS_COMPILED,
    PROFILES,
    ComparisonRow,
    Profile,
    comparison_table,
)
from core.rules import VERDICT_LABELS, Category
from core.scenario import Scenario
from core.sources import article
from ui.figures import (
    PROFILE_MAP_AGES,
    PROFILE_MAP_RENAL,
    RENAL_AXIS_WORDS,
    DoseMapPanel,
    chart_config,
    profile_dose_maps,
)
from ui.lecture import for_display
from ui.results import VERDICT_STYLE, dose_text

UNVERIFIED = "unverified"
NO_RULE_FIRES = "No rule of this profile applies to this patient here."


# ---------------------------------------------------------------- pure: data for the page


def profile_assessments(scenario: Scenario) -> tuple[Assessment, ...]:
    """The scenario assessed under every profile, the article's first."""
    return tuple(assess(scenario, profile) for profile in PROFILES.values())


def source_quotes(profile: Profile, ids: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(id, quoted text) for each source id: the article passage's own text for the article,
    the label source's citation for a label profile (unknown ids are skipped)."""
    quotes: list[tuple[str, str]] = []
    for source_id in dict.fromkeys(ids):
        if profile.is_label:
            if source_id in profile.sources:
                quotes.append((source_id, profile.sources[source_id]))
        else:
            try:
                quotes.append((source_id, " ".join(article().passage(source_id).text.split())))
            except KeyError:
                continue
    return tuple(quotes)


@dataclass(frozen=True)
class TopicSide:
    """What one profile says on a topic for this scenario: its rule (cell), what fired, sources."""

    profile: Profile
    cell_text: str
    unverified: bool
    fired: tuple[Finding, ...]
    quotes: tuple[tuple[str, str], ...]
    outcome: frozenset[tuple[str, int]]  # (category, reduced dose or 0) of what fired

    @property
    def words(self) -> str:
        """The profile's rule on the topic in words ('unverified: …' when so marked)."""
        return f"{UNVERIFIED}: {self.cell_text}" if self.unverified else self.cell_text


@dataclass(frozen=True)
class TopicDifference:
    """One comparison topic where the profiles treat this scenario differently."""

    topic: str
    label: str
    sides: tuple[TopicSide, ...]

    @property
    def changes_outcome(self) -> bool:
        """True when the profiles reach different outcomes (a rule here that another lacks, or
        another category or dose); False when only the wording or detail differs."""
        return len({side.outcome for side in self.sides}) > 1


def _side(assessment: Assessment, row: ComparisonRow) -> TopicSide | None:
    profile = assessment.profile
    try:
        cell = row.cell(profile.id)
    except KeyError:
        return None
    fired = tuple(f for f in assessment.findings if f.id in cell.rules)
    cited = [s for f in fired for s in (f.sources if profile.is_label else f.passages)]
    outcome = frozenset(
        (f.category.value, profile.reduced_dose_mg if f.category is Category.dose else 0)
        for f in fired
    )
    return TopicSide(
        profile=profile,
        cell_text=cell.text,
        unverified=cell.unverified,
        fired=fired,
        quotes=source_quotes(profile, cited or cell.sources),
        outcome=outcome,
    )


def topic_differences(assessments: Sequence[Assessment]) -> tuple[TopicDifference, ...]:
    """The topics on which at least one profile has a rule that applies to this scenario and
    the profiles do not say the same thing; those that change the outcome first."""
    found: list[TopicDifference] = []
    for row in comparison_table():
        sides = tuple(s for a in assessments if (s := _side(a, row)) is not None)
        if not any(side.fired for side in sides):
            continue
        if len({side.words for side in sides}) == 1 and len({s.outcome for s in sides}) == 1:
            continue
        found.append(TopicDifference(row.topic, row.label, sides))
    return tuple(sorted(found, key=lambda d: not d.changes_outcome))


def renal_working(assessment: Assessment) -> str:
    """How the profile's renal measure was obtained: Cockcroft-Gault CrCl, or CKD-EPI eGFR."""
    if assessment.egfr is not None:
        return assessment.egfr.working
    return assessment.renal.working


def cell_words(text: str, sources: Sequence[str], unverified: bool) -> str:
    """A comparison cell as plain text: 'text [E4, E6]', or 'unverified: …'."""
    words = f"{UNVERIFIED}: {text}" if unverified else text
    return f"{words} [{', '.join(sources)}]" if sources else words


def profile_column_title(profile: Profile) -> str:
    """A comparison column's title with the profile's date ('EU SmPC (compiled 2026-11)')."""
    when = "compiled" if profile.is_label else "last updated"
    return f"{profile.short_name} ({when} {profile.compiled})"


def comparison_frame(rows: Sequence[ComparisonRow]) -> pd.DataFrame:
    """The comparison table as a DataFrame: one row per topic, one column per profile."""
    records: list[dict[str, str]] = []
    for row in rows:
        record = {"Topic": row.label}
        for cell in row.cells:
            record[profile_column_title(PROFILES[cell.profile_id])] = cell_words(
                cell.text, cell.sources, cell.unverified
            )
        records.append(record)
    return pd.DataFrame.from_records(records)


def cited_sources(rows: Sequence[ComparisonRow]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Profile id -> every (source id, quoted text) the comparison table cites for it."""
    cited: dict[str, list[str]] = {}
    for row in rows:
        for cell in row.cells:
            cited.setdefault(cell.profile_id, []).extend(cell.sources)
    return {pid: source_quotes(PROFILES[pid], ids) for pid, ids in cited.items()}


def dose_map_panels(assessments: Sequence[Assessment]) -> tuple[DoseMapPanel, ...]:
    """One dose-map panel per profile: the scenario over age x the profile's own renal measure,
    with the patient's point where the measure is known."""
    panels: list[DoseMapPanel] = []
    for assessment in assessments:
        profile = assessment.profile
        grid = dose_grid(assessment.scenario, PROFILE_MAP_AGES, PROFILE_MAP_RENAL, profile)
        value = assessment.egfr.egfr if assessment.egfr is not None else assessment.crcl_ml_min_used
        current = None if value is None else (float(assessment.scenario.age_years), value)
        title = f"{profile.short_name} — by {RENAL_AXIS_WORDS[profile.renal_measure]}"
        panels.append(DoseMapPanel(title, grid, current))
    return tuple(panels)


# ---------------------------------------------------------------- rendering


def render_label_notice() -> None:
    """The plain, visible "check the current label" notice."""
    st.warning(escape_prose(CHECK_CURRENT_LABEL), icon=":material/fact_check:")


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
            st.metric("Starting dose", dose_text(assessment))
            head, *reasons = assessment.dose_reasoning
            lines = [escape_prose(head), *(f"- {escape_prose(r)}" for r in reasons)]
            st.markdown("\n".join(lines))
            measure = RENAL_AXIS_WORDS[profile.renal_measure]
            st.caption(f"**{measure}:** {escape_prose(renal_working(assessment))}")


def _quote_lines(quotes: Sequence[tuple[str, str]], quoted: bool) -> list[str]:
    """Article passages in quotation marks (their own words); label sources as citations."""
    return [
        f":small[**{escape_prose(sid)}** — "
        + (f"“{escape_prose(text)}”" if quoted else escape_prose(text))
        + "]"
        for sid, text in quotes
    ]


def render_differences(differences: Sequence[TopicDifference]) -> None:
    """Each topic that differs for this scenario: each profile's rule, what applies, sources."""
    if not differences:
        st.info("For this patient, no topic of the comparison applies differently.")
        return
    outcome = [d for d in differences if d.changes_outcome]
    wording = [d for d in differences if not d.changes_outcome]
    st.caption(
        f"{len(outcome)} topic(s) with a different outcome (a rule one profile applies and "
        f"another has not, or another dose or category); {len(wording)} with the same kind of "
        "outcome in different words. Each with the profile's rule, what applies to this "
        "patient, and the sources quoted."
    )
    for difference in outcome:
        _render_difference(difference)
    if wording:
        with st.expander(f"Same kind of outcome, different wording or detail ({len(wording)})"):
            for difference in wording:
                _render_difference(difference)


def _render_difference(difference: TopicDifference) -> None:
    label = difference.label[:1].upper() + difference.label[1:]
    with st.container(border=True):
        st.markdown(f"**{escape_prose(label)}**")
        for column, side in zip(
            st.columns(len(difference.sides), gap="small"), difference.sides, strict=True
        ):
            with column:
                head = f"**{escape_prose(side.profile.short_name)}:** {escape_prose(side.words)}"
                if side.fired:
                    applies = [f"- {escape_prose(f.text)}" for f in side.fired]
                else:
                    applies = [f"- *{NO_RULE_FIRES}*"]
                quotes = "  \n".join(_quote_lines(side.quotes, not side.profile.is_label))
                st.markdown("\n".join([head, "", *applies]) + "\n\n" + quotes)


@st.cache_resource(show_spinner=False, max_entries=32)
def _dose_maps_figure(scenario_json: str) -> go.Figure:
    # Keyed by the scenario's JSON; the figure is pure in it (and never mutated).
    scenario = Scenario.model_validate_json(scenario_json)
    return profile_dose_maps(dose_map_panels(profile_assessments(scenario)))


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
        "Every other input is this patient's. Colour and label = starting dose; dashed line = "
        "where the verdict is “use with caution”; star = this patient (no star when the "
        "profile's measure is unknown)."
    )


def render_comparison_table(rows: Sequence[ComparisonRow]) -> None:
    """The topic-by-topic table with source ids in every cell, the dates, and the quotes."""
    # A static table: every cell wraps (a data grid would cut the long cells off).
    st.table(comparison_frame(rows), hide_index=True, border="horizontal")
    st.caption(
        f"Label facts compiled {LABEL_FACTS_COMPILED}; the article was last updated "
        f"{article().last_updated_text}. Cells marked “{UNVERIFIED}” drive no rule."
    )
    with st.expander("Sources cited in the table (ids and their text)"):
        for profile_id, quotes in cited_sources(rows).items():
            profile = PROFILES[profile_id]
            st.markdown(f"**{escape_prose(profile_column_title(profile))}**")
            lines = _quote_lines(quotes, quoted=not profile.is_label)
            st.markdown("\n".join(f"- {line}" for line in lines))
