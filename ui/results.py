"""The pieces of an assessment on screen: verdict banner, dose, findings, checklist, timeline,
downloads. Each takes core objects and draws them; pages arrange them (the Explorer, and any
page that shows one assessment, e.g. a case or a compare column).

Text from the core is our own prose; it still goes through ``escape_prose`` so a "<30" or a
leading "1." is shown as written. Values in findings come from a validated Scenario.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from core.assess import Assessment, Finding
from core.dose_words import DoseState, dose_words
from core.exports import (
    assessment_json,
    escape_prose,
    export_filename,
    handout_markdown,
    monitoring_csv,
    monitoring_ics,
)
from core.field_words import inputs_words
from core.monitoring import MonitoringPlan
from core.renal import CREATININE_RISE_NOTE, CREATININE_RISE_PASSAGE
from core.rules import CATEGORY_LABELS, VERDICT_LABELS, Category, Verdict
from core.screening import STATUS_LABELS, ItemStatus, ScreeningItem
from ui.figure_cache import serialized_once
from ui.figure_style import chart_config
from ui.lecture import for_display
from ui.monitoring_timeline import monitoring_timeline, timeline_summary
from ui.page_registry import SOURCE
from ui.source_panel import passage_href

# Words + icon + colour for every verdict (the colour is never the only signal). Material
# icons: Streamlit ships their font, so they draw even where no emoji font is installed.
VERDICT_STYLE: dict[Verdict, tuple[str, str]] = {
    Verdict.contraindicated: ("error", ":material/block:"),
    Verdict.not_recommended: ("error", ":material/do_not_disturb_on:"),
    Verdict.not_indicated: ("info", ":material/pause_circle:"),
    Verdict.not_covered: ("warning", ":material/help:"),
    Verdict.use_with_caution: ("warning", ":material/warning:"),
    Verdict.recommended: ("success", ":material/check_circle:"),
}
CATEGORY_ICONS: dict[Category, str] = {
    Category.contraindication: ":material/block:",
    Category.not_recommended: ":material/do_not_disturb_on:",
    Category.not_indicated: ":material/pause_circle:",
    Category.caution: ":material/warning:",
    Category.dose: ":material/medication:",
    Category.advice: ":material/lightbulb:",
    Category.source_silent: ":material/help_outline:",
    Category.screening: ":material/search:",
    Category.monitoring: ":material/event:",
}
STATUS_ICONS: dict[ItemStatus, str] = {
    ItemStatus.recorded: ":material/check_box:",
    ItemStatus.priority: ":material/priority_high:",
    ItemStatus.to_do: ":material/check_box_outline_blank:",
}


PENDING_STYLE = ("info", ":material/pending:")


def verdict_banner_parts(assessment: Assessment, prefix: str = "") -> tuple[str, str, str]:
    """(streamlit alert kind, icon, Markdown text) of the verdict banner.

    A green "Recommended" never stands beside a missing dose: while the dose waits for renal
    function the banner is neutral and says what is missing.
    """
    words = dose_words(assessment)
    if words.state is DoseState.needs_renal and assessment.verdict is Verdict.recommended:
        kind, icon = PENDING_STYLE
        text = (
            f"**{prefix}{VERDICT_LABELS[assessment.verdict]} so far — dose pending** — "
            f"{escape_prose(assessment.verdict_reason)} {escape_prose(words.value)} "
            "for the starting dose."
        )
        return kind, icon, text
    kind, icon = VERDICT_STYLE[assessment.verdict]
    verdict = VERDICT_LABELS[assessment.verdict]
    text = f"**{prefix}{verdict}** — {escape_prose(assessment.verdict_reason)}"
    return kind, icon, text


def render_verdict_banner(assessment: Assessment, prefix: str = "") -> None:
    """The verdict in words, with its icon and colour, and the one-line reason.

    ``prefix`` names the scenario where two stand side by side ("A: ").
    """
    kind, icon, text = verdict_banner_parts(assessment, prefix)
    banner: Callable[..., Any] = getattr(st, kind)
    banner(text, icon=icon)


def dose_text(assessment: Assessment) -> str:
    """'2 mg once daily', 'Enter renal function', 'No dose: contraindicated' (core's words)."""
    return dose_words(assessment).sentence


# A dose is one big number; the words for a missing dose wrap inside the box instead of being
# cut to "Not gi..." (the page style lets every metric wrap; here a word too long for the column
# breaks rather than overflows). Part of the page's one style element (ui.shell), so the dose
# box sends no element of its own for it; the box's key says which of the two it shows (first
# column: the metric; second: the reasoning).
RESULTS_CSS = """
:is(.st-key-dose_block_number, .st-key-dose_block_words) [data-testid="stColumn"]:last-child
  :is(p, li) { font-size: 0.95rem; }
.st-key-dose_block_number [data-testid="stMetricValue"],
.st-key-dose_block_number [data-testid="stMetricValue"] p { font-size: 3.2rem; font-weight: 700; }
.st-key-dose_block_words [data-testid="stMetricValue"],
.st-key-dose_block_words [data-testid="stMetricValue"] p { font-size: 1.4rem; font-weight: 700;
  line-height: 1.2; overflow-wrap: break-word; }
"""


def render_dose(assessment: Assessment) -> None:
    """The starting dose, large, with the dose rules that applied and the renal working."""
    head, *reasons = assessment.dose_reasoning
    words = dose_words(assessment)
    shown = "number" if words.given else "words"
    with st.container(border=True, key="dose_block_" + shown):
        number, why = st.columns([2, 5] if words.given else [2, 3], vertical_alignment="center")
        with number:
            label = "Dose once indicated" if assessment.dose_once_indicated else "Starting dose"
            st.metric(label, words.value, help="Once daily, by mouth.")
            if words.unit:
                st.caption(words.unit)
        with why:
            lines = [escape_prose(head)]
            lines += [f"- {escape_prose(line)}" for line in reasons]
            lines.append(f"\n**Renal function:** {escape_prose(assessment.renal.working)}")
            lines.append(
                f"\n{escape_prose(CREATININE_RISE_NOTE)} "
                f":small[{source_links((CREATININE_RISE_PASSAGE,))}]"
            )
            st.markdown("\n".join(lines))


def source_links(passages: Sequence[str]) -> str:
    """Markdown links to passages: in the page's source panel, and on the source page."""
    links = [f"[{pid}]({passage_href(pid)})" for pid in passages]
    text = "Source: " + ", ".join(links)
    if passages:
        text += f" · [open on the source page]({SOURCE.url_path}?passage={passages[0]})"
    return text


# More inputs than this and the "because" names only those that are present, and counts the rest.
BECAUSE_LIMIT = 3


def _is_absent(value: Any) -> bool:
    """False, unknown or "none": an input that mattered by NOT being present."""
    return value is None or value is False or str(getattr(value, "value", value)) == "none"


def because_words(inputs: Mapping[str, Any]) -> str:
    """The inputs that mattered, in words.

    A rule that reads many inputs (e.g. "treatment starts": nothing blocks it) would list a
    dozen "...: no"; it names the inputs that are present and counts the absent ones instead.
    """
    if len(inputs) <= BECAUSE_LIMIT:
        return inputs_words(inputs)
    present = {name: value for name, value in inputs.items() if not _is_absent(value)}
    absent = len(inputs) - len(present)
    parts = [inputs_words(present)] if present else []
    if absent:
        parts.append(f"none of the {absent} other conditions it checks applies")
    return "; ".join(parts)


def finding_markdown(finding: Finding) -> str:
    """One finding as Markdown: its text, the inputs that fired it and its source links."""
    lines = [escape_prose(finding.text)]
    if finding.inputs:
        lines.append(f":small[Because — {escape_prose(because_words(finding.inputs))}]")
    lines.append(f":small[{source_links(finding.passages)}]")
    return "  \n".join(lines)


FINDING_ORDER: tuple[Category, ...] = (
    Category.contraindication,
    Category.not_recommended,
    Category.not_indicated,
    Category.caution,
    Category.dose,
    Category.advice,
    Category.source_silent,
    Category.screening,
    Category.monitoring,
)


def findings_markdown(assessment: Assessment) -> str:
    """The findings as one Markdown block: grouped by category, most severe first, each group
    under a small heading with its icon and count."""
    blocks = []
    for category in FINDING_ORDER:
        findings = assessment.by_category(category)
        if findings:
            head = f"##### {CATEGORY_ICONS[category]} {CATEGORY_LABELS[category]} ({len(findings)})"
            blocks.append("\n\n".join([head, *(finding_markdown(f) for f in findings)]))
    return "\n\n".join(blocks)


def render_findings(assessment: Assessment) -> None:
    """Findings grouped by category, most severe first: one Markdown element (each element is
    one more message the browser re-renders on every input)."""
    st.markdown(findings_markdown(assessment))


# Findings that decide the verdict or the dose: their panel label names the inputs present.
_NAMED_INPUTS = frozenset(
    (Category.contraindication, Category.not_recommended, Category.caution, Category.dose)
)


def citations(assessment: Assessment) -> dict[str, list[str]]:
    """Passage id -> the findings that cite it, in plain words (for the source panel): the
    category, with the inputs present for a verdict or dose finding, e.g. 'Use with caution
    (Age: 72 years)' -- never a rule id."""
    cited: dict[str, list[str]] = {}
    for finding in assessment.findings:
        words = CATEGORY_LABELS[finding.category]
        present = {k: v for k, v in finding.inputs.items() if not _is_absent(v)}
        if finding.category in _NAMED_INPUTS and present:
            words += f" ({inputs_words(present)})"
        for pid in finding.passages:
            cited.setdefault(pid, []).append(words)
    return cited


def render_checklist(items: Sequence[ScreeningItem]) -> None:
    """The pre-treatment checklist by group; items the scenario answers are marked."""
    recorded = sum(item.status is ItemStatus.recorded for item in items)
    st.caption(
        f"{STATUS_ICONS[ItemStatus.recorded]} {STATUS_LABELS[ItemStatus.recorded]} ({recorded}) · "
        f"{STATUS_ICONS[ItemStatus.priority]} {STATUS_LABELS[ItemStatus.priority]} · "
        f"{STATUS_ICONS[ItemStatus.to_do]} {STATUS_LABELS[ItemStatus.to_do]}"
    )
    groups: dict[str, list[ScreeningItem]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    for group, members in groups.items():
        lines = [f"**{escape_prose(group)}**"]
        for item in members:
            note = f" — *{escape_prose(item.note)}*" if item.note else ""
            status = STATUS_LABELS[item.status]
            lines.append(
                f"- {STATUS_ICONS[item.status]} {escape_prose(item.text)}{note} "
                f":small[({status}; [{item.passages[0]}]({passage_href(item.passages[0])}))]"
            )
        st.markdown("\n".join(lines))


# Keyed by the plan's repr (a frozen dataclass of strings, numbers and enums: the repr names
# every field); Streamlit's own hashing of the object costs more than building the figure.
@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs={MonitoringPlan: repr})
def _timeline_figure(plan: MonitoringPlan) -> Any:
    # Plans repeat across slider moves; the figure is pure in the plan (never mutated, so
    # serialised once).
    return serialized_once(monitoring_timeline(plan))


def render_monitoring(plan: MonitoringPlan, filename: str = "baricitinib-monitoring") -> None:
    """The monitoring timeline (PNG download named ``filename``) and its text alternative."""
    st.plotly_chart(
        for_display(_timeline_figure(plan)),
        theme=None,
        config=chart_config(filename),
        key="monitoring_timeline",
    )
    summary = timeline_summary(plan)
    st.markdown("**In words:**\n" + "\n".join(f"- {escape_prose(line)}" for line in summary))
    for note in plan.notes[1:] if not plan.started else plan.notes:
        st.caption(escape_prose(note))


def render_downloads(
    assessment: Assessment, plan: MonitoringPlan, checklist: Sequence[ScreeningItem]
) -> None:
    """Download buttons: handout (Markdown), JSON, monitoring CSV and calendar (.ics)."""
    start = st.date_input(
        "First day of treatment (dates in the CSV and calendar)",
        value=dt.date.today(),
        key="_downloads.start_date",
        format="YYYY-MM-DD",
        persist_state="page",  # kept while its tab is hidden (a hidden tab is not drawn)
    )
    first_day = start if isinstance(start, dt.date) else dt.date.today()
    name = export_filename
    buttons: tuple[tuple[str, str, str, Callable[[], str | bytes]], ...] = (
        (
            "Handout (Markdown)",
            name("handout", assessment),
            "text/markdown",
            lambda: handout_markdown(assessment, plan, checklist),
        ),
        (
            "Assessment (JSON)",
            name("json", assessment),
            "application/json",
            lambda: assessment_json(assessment),
        ),
        (
            "Monitoring schedule (CSV)",
            name("monitoring_csv", assessment),
            "text/csv",
            lambda: monitoring_csv(plan, first_day),
        ),
        (
            "Monitoring calendar (.ics)",
            name("monitoring_ics", assessment),
            "text/calendar",
            lambda: monitoring_ics(plan, first_day, scenario=assessment.scenario),
        ),
    )
    columns = st.columns(2)
    for index, (label, file_name, mime, data) in enumerate(buttons):
        with columns[index % 2]:
            st.download_button(
                label,
                data=data,
                file_name=file_name,
                mime=mime,
                on_click="ignore",
                icon=":material/download:",
                width="stretch",
            )
    if not plan.started:
        st.caption("No monitoring plan: the CSV and calendar hold no events.")
