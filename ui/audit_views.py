"""The audit page's widgets: one entry with its passages side by side, the two readings, the
rules it touches and the consequence of the other reading, computed by core.audit."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import plotly.graph_objects as go
import streamlit as st

from core.assess import assess
from core.audit import (
    KIND_LABELS,
    AuditEntry,
    CaseDifference,
    audit_entry,
    batch_difference,
    case_differences,
    grid_difference,
    monitoring_differences,
)
from core.batch import BatchFileError, run_batch
from core.exports import escape_prose
from core.profiles import ARTICLE
from core.rules import RULES_BY_ID
from core.scenario import Scenario
from ui.audit_figures import difference_map, difference_summary
from ui.audit_overview import answer_of
from ui.figure_cache import serialized_once
from ui.figure_style import chart_config
from ui.page_registry import SOURCE
from ui.reading import PARAM, active_reading, set_reading
from ui.reviewer_links import rule_reviewer_link
from ui.rule_table import passage_text
from ui.scenario_state import scenario_link, scenario_query

KEY = "_audit."


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_case_differences(entry_id: str) -> tuple[CaseDifference, ...]:
    """The teaching cases one entry changes (pure in the id; 27 assessments under the other
    reading, so once per process, not on every run)."""
    return case_differences(audit_entry(entry_id))


def render_passages(entry: AuditEntry, scenario: Scenario) -> None:
    """The passages quoted side by side, each linking to its place in the article (one
    Markdown element per passage: every element is one more message and component a run)."""
    columns = st.columns(len(entry.passages))
    for column, pid in zip(columns, entry.passages, strict=True):
        quote = "\n".join(f"> {escape_prose(line)}" for line in passage_text(pid).splitlines())
        link = scenario_link(SOURCE.url_path, scenario, passage=pid)
        column.markdown(f"{quote}\n\n:small[[open in the article]({link})]")


def rules_markdown(entry: AuditEntry, scenario: Scenario) -> str:
    """The rules the entry touches: their condition in words, the id as a small reviewer link."""
    lines = ["**Rules it touches**", ""]
    for rule_id in entry.rules:
        rule = RULES_BY_ID[rule_id]
        lines.append(
            f"- {escape_prose(_sentence_case(rule.when.describe()))}: {escape_prose(rule.outcome)} "
            f"{rule_reviewer_link(scenario, rule_id)}"
        )
    return "\n".join(lines)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _explorer_link(scenario: Scenario, entry: AuditEntry | None) -> str:
    params = scenario_query(scenario)
    if entry is not None:
        params[PARAM] = entry.id
    return "./?" + urlencode(params) if params else "./"


def example_markdown(entry: AuditEntry) -> str:
    """The example scenario under both readings, with a link to each in the Explorer."""
    scenario = entry.example_scenario
    app = assess(scenario, ARTICLE)
    other = assess(scenario, entry.profile)
    return (
        f"**The app's reading:** {answer_of(app)} · "
        f"[open the example in the Explorer]({_explorer_link(scenario, None)})\n\n"
        f"**The other reading:** {answer_of(other)} · "
        f"[open the example under the other reading]({_explorer_link(scenario, entry)})"
    )


@dataclass(frozen=True)
class DifferenceView:
    """What the page shows of one grid difference: counts, the map (None when nothing
    changes) and its words."""

    changed_count: int
    size: int
    figure: go.Figure | None
    summary: tuple[str, ...]


@st.cache_resource(show_spinner=False, max_entries=64)
def difference_view(entry_id: str, base_json: str) -> DifferenceView:
    """The difference of one entry for one base scenario (given as its JSON): pure in the
    two, and never mutated, so shared and serialised once (the map's two grids and its
    figure cost tens of milliseconds a run)."""
    difference = grid_difference(audit_entry(entry_id), Scenario.model_validate_json(base_json))
    changed = difference.changed_count
    figure = serialized_once(difference_map(difference)) if changed else None
    return DifferenceView(changed, difference.size, figure, tuple(difference_summary(difference)))


def render_grid_difference(entry: AuditEntry, scenario: Scenario) -> None:
    """The small map of the difference, for the example or the current scenario."""
    base_choice = st.radio(
        "Dose map of",
        ["the example", "the current scenario (sidebar)"],
        horizontal=True,
        key=f"{KEY}base.{entry.id}",
    )
    base = entry.example_scenario if base_choice == "the example" else scenario
    view = difference_view(entry.id, base.model_dump_json())
    st.markdown(
        f"**{view.changed_count:,} of {view.size:,} dose-map cells** (age 18-100 × "
        "CrCl 0-250 mL/min) change verdict or dose under the other reading."
    )
    if view.figure is not None:
        st.plotly_chart(
            view.figure,
            config=chart_config(f"audit-{entry.id}"),
            key=f"{KEY}map.{entry.id}",
        )
    st.caption(" · ".join(view.summary))


def case_differences_markdown(entry: AuditEntry) -> str:
    """The teaching cases whose verdict or dose change, each linking to the case."""
    changed = cached_case_differences(entry.id)
    if not changed:
        return "**Teaching cases:** none of the 27 changes its answer."
    return f"**Teaching cases that change ({len(changed)}):**\n\n" + "\n".join(
        f"- [{escape_prose(item.case.title)}](cases?{urlencode({'case': item.case.id})}): "
        f"{answer_of(item.app)} → {answer_of(item.other)}"
        for item in changed
    )


def monitoring_difference_markdown(entry: AuditEntry) -> str:
    """Monitoring events of the example that only one reading has ("" when there are none)."""
    removed, added = monitoring_differences(entry, entry.example_scenario)
    if not removed and not added:
        return ""
    lines = [f"- only the other reading: month {e.month}, {escape_prose(e.what)}" for e in added]
    lines += [f"- only the app's reading: month {e.month}, {escape_prose(e.what)}" for e in removed]
    return "**Monitoring plan of the example:**\n\n" + "\n".join(lines)


def render_batch_difference(entry: AuditEntry) -> None:
    """Rows of a batch file uploaded here that change (the batch page releases its results
    when the user leaves it, so the file is uploaded on this page)."""
    file = st.file_uploader(
        "Batch file: upload a CSV (as on the Batch review page) to count its rows that change",
        type=["csv"],
        key=f"{KEY}upload.{entry.id}",
    )
    if file is None:
        return
    try:
        result = run_batch(file.getvalue())
    except BatchFileError as problem:
        st.error(escape_prose(f"{file.name}: {problem}"), icon=":material/error:")
        return
    difference = batch_difference(entry, result)
    st.markdown(
        f"**Batch file {escape_prose(file.name)}:** {difference.changed:,} of "
        f"{difference.rows:,} rows change verdict or dose ({difference.errors:,} rows with an "
        "error not counted)."
    )


def render_switch(entry: AuditEntry) -> None:
    """Switch the whole app to this entry's other reading (or back)."""
    if active_reading() == entry:
        st.button(
            "Back to the app's reading",
            key=f"{KEY}off.{entry.id}",
            on_click=set_reading,
            args=(None,),
            icon=":material/undo:",
        )
    else:
        st.button(
            "Switch the whole app to the other reading",
            key=f"{KEY}on.{entry.id}",
            on_click=set_reading,
            args=(entry.id,),
            icon=":material/swap_horiz:",
            help="Every page then answers under this reading (the address keeps it), marked as "
            "not the app's default reading.",
        )


def render_entry(entry: AuditEntry, scenario: Scenario) -> None:
    """One audit entry, complete. Consecutive prose shares one Markdown element (each element
    is one more message and component for the browser on every run)."""
    st.subheader(entry.title, anchor=False)
    st.caption(KIND_LABELS[entry.kind])
    render_passages(entry, scenario)
    ours, theirs = st.columns(2, gap="medium")
    ours.markdown(
        f"**The app's reading.** {escape_prose(entry.app_reading)}\n\n"
        f"*Why:* {escape_prose(entry.why)}"
    )
    with theirs:
        st.markdown(f"**The other reading.** {escape_prose(entry.other_reading)}")
        render_switch(entry)
    st.markdown(
        f"{rules_markdown(entry, scenario)}\n\n##### What the other reading changes\n\n"
        f"{example_markdown(entry)}"
    )
    render_grid_difference(entry, scenario)
    st.markdown(
        "\n\n".join(
            part
            for part in (case_differences_markdown(entry), monitoring_difference_markdown(entry))
            if part
        )
    )
    render_batch_difference(entry)
