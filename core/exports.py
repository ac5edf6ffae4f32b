"""Exports of an assessment: JSON (the CLI's output), a Markdown handout, the monitoring schedule
as CSV and as iCalendar, and download file names. Pure functions; no streamlit, no plotly.

Every text that did not come from this project (a case id or note from an uploaded CSV) goes
through ``escape_markdown`` before it reaches the handout, so it can neither start Markdown
blocks nor inject HTML. The article's own passages go through it too, so that a "<30" or a
numbered line is shown as written instead of being read as markup.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from core.assess import Assessment, Finding
from core.dose_words import dose_words
from core.field_words import value_words
from core.monitoring import FAMILY_LABELS, MonitoringEvent, MonitoringPlan, monitoring_plan
from core.renal import CREATININE_RISE_NOTE, CREATININE_RISE_PASSAGE
from core.rules import CATEGORY_LABELS, VERDICT_LABELS, Category
from core.scenario import FIELD_NAMES, Scenario, field_info
from core.screening import STATUS_LABELS, ItemStatus, ScreeningItem, screening_checklist
from core.sources import article, notice

APP_NAME = "Baricitinib prescribing explorer"
PRODID = "-//Baricitinib prescribing explorer//Educational monitoring schedule//EN"
UID_DOMAIN = "baricitinib-explorer.invalid"
START_DATE_MIN = dt.date(1900, 1, 1)
START_DATE_MAX = dt.date(2200, 12, 31)


# ---------------------------------------------------------------- JSON


def assessment_data(assessment: Assessment) -> dict[str, Any]:
    """The full answer for one scenario as JSON-ready data: the keys of
    ``Assessment.to_dict()`` plus ``monitoring_plan`` (default horizon) and
    ``screening_checklist``, in this order. What ``python -m core assess`` prints."""
    result = assessment.to_dict()
    if assessment.profile.is_label:  # plan and checklist are the article's, not a label's
        return result
    plan = monitoring_plan(assessment)
    result["monitoring_plan"] = {
        "started": plan.started,
        "horizon_months": plan.horizon_months,
        "notes": list(plan.notes),
        "events": [
            {
                "month": event.month,
                "family": event.family.value,
                "what": event.what,
                "why": event.why,
                "passages": list(event.passages),
            }
            for event in plan.events
        ],
    }
    result["screening_checklist"] = [
        {
            "id": item.id,
            "group": item.group,
            "text": item.text,
            "passages": list(item.passages),
            "status": item.status.value,
            "note": item.note,
        }
        for item in screening_checklist(assessment.scenario)
    ]
    return result


def assessment_json(assessment: Assessment) -> str:
    """The assessment as JSON text, byte for byte what ``python -m core assess`` writes to
    stdout (UTF-8, not ASCII-escaped, 2-space indent, one trailing newline).

    The one canonical JSON form: the CLI can write it as is
    (``sys.stdout.write(assessment_json(assess(scenario)))``) and the JSON download uses it.
    """
    return json.dumps(assessment_data(assessment), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- Markdown escaping

# Markup characters of CommonMark/GFM and of Streamlit's Markdown ($ math, ~ strike, :x[...]).
_INLINE = re.compile(r"([\\`*_\[\]{}()|~$!#+\-.:])")
_PROSE_INLINE = re.compile(r"([\\`*_\[\]|~$])")
_BLOCK_START = re.compile(r"^(\d+)([.)])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_CONTROL = re.compile(r"[\r\n\t\f\v\u0085\u2028\u2029\x00-\x1f\x7f]+")


def _one_line_html_safe(text: object) -> str:
    one_line = " ".join(_CONTROL.sub(" ", str(text)).split())
    return "".join(_HTML.get(ch, ch) for ch in one_line)


def escape_markdown(text: object) -> str:
    """Foreign text (a case id, a note from an uploaded CSV) as inert Markdown.

    One line (line breaks and control characters become spaces, so no heading, list, quote or
    table row can start), every Markdown punctuation character backslash-escaped (no emphasis,
    link, code, math or colour directive) and ``& < >`` as HTML entities (no tag, no entity, no
    autolink). Renders as the text itself.
    """
    return _INLINE.sub(r"\\\1", _one_line_html_safe(text))


def escape_prose(text: object) -> str:
    """The project's own prose (rule texts, article lines, labels), escaped lightly so it stays
    readable as plain text: inline markup and HTML are neutralised, and a leading '1.', '#',
    '+', '-', '=' or '>' cannot change the block structure."""
    escaped = _PROSE_INLINE.sub(r"\\\1", _one_line_html_safe(text))
    escaped = _BLOCK_START.sub(r"\1\\\2", escaped)
    return re.sub(r"^([#+\-=])", r"\\\1", escaped)


def code(text: str) -> str:
    """An id as a code span (ids are ours: letters, digits, dots, underscores)."""
    return f"`{text.replace('`', '')}`"


# ---------------------------------------------------------------- handout


def _value_words(name: str, value: Any) -> str:
    """A field value in plain words with its unit, escaped for Markdown."""
    return escape_prose(value_words(name, value))


def scenario_lines(scenario: Scenario) -> list[str]:
    """The non-default inputs as ``label: value`` pairs in plain words (Markdown-safe)."""
    changed = scenario.changed_fields()
    lines = []
    for name in FIELD_NAMES:
        if name not in changed:
            continue
        label = field_info(name).get("label", name)
        lines.append(f"{escape_prose(label)}: {_value_words(name, getattr(scenario, name))}")
    return lines


def _quote(passage_id: str) -> list[str]:
    """A source passage as a Markdown blockquote headed by its id, line by line."""
    passage = article().passage(passage_id)
    lines = [f"> Source {code(passage_id)}:"]
    for raw in passage.text.split("\n"):
        if raw.strip():
            lines.append(f"> {escape_prose(raw.strip())}  ")
    lines[-1] = lines[-1].rstrip()
    return lines


def _finding_block(finding: Finding) -> list[str]:
    lines = [f"- {code(finding.id)} — {escape_prose(finding.text)}", ""]
    for passage_id in finding.passages:
        lines += ["  " + line for line in _quote(passage_id)]
        lines.append("")
    return lines


_STATUS_BOX = {ItemStatus.to_do: "[ ]", ItemStatus.recorded: "[x]", ItemStatus.priority: "[ ]"}


def _checklist_lines(checklist: Sequence[ScreeningItem]) -> list[str]:
    lines: list[str] = []
    group = None
    for item in checklist:
        if item.group != group:
            group = item.group
            lines += ["", f"### {escape_prose(group)}", ""]
        status = STATUS_LABELS[item.status]
        note = f": {escape_prose(item.note)}" if item.note else ""
        sources = ", ".join(code(p) for p in item.passages)
        lines.append(
            f"- {_STATUS_BOX[item.status]} {escape_prose(item.text)} — *{status}*{note} "
            f"(source: {sources})"
        )
    return lines


def _monitoring_lines(plan: MonitoringPlan) -> list[str]:
    lines: list[str] = []
    if plan.events:
        lines += ["| Month | Test | Why | Source |", "| ---: | --- | --- | --- |"]
        for event in plan.events:
            label = escape_prose(FAMILY_LABELS[event.family])
            lines.append(
                f"| {event.month} | **{label}**: {escape_prose(event.what)} "
                f"| {escape_prose(event.why)} "
                f"| {', '.join(code(p) for p in event.passages)} |"
            )
        lines.append("")
    lines += [f"- {escape_prose(note)}" for note in plan.notes]
    return lines


def handout_markdown(
    assessment: Assessment,
    plan: MonitoringPlan,
    checklist: Sequence[ScreeningItem],
    *,
    case_id: str = "",
    note: str = "",
) -> str:
    """A printable Markdown handout of one assessment.

    ``case_id`` and ``note`` (the batch columns) are free text from an upload; both are escaped.
    """
    source = article()
    verdict = VERDICT_LABELS[assessment.verdict]
    out: list[str] = [f"# Baricitinib: {verdict.lower()} — an educational handout", ""]
    if case_id:
        out += [f"**Case:** {escape_markdown(case_id)}", ""]
    if note:
        out += [f"**Note:** {escape_markdown(note)}", ""]
    out += [
        f"> **{escape_prose(notice())}**",
        "",
        f"Source: *{escape_prose(source.title)}* ({escape_prose(source.publisher)}, "
        f"last updated {escape_prose(source.last_updated_text)}).",
        "",
        "## Scenario",
        "",
    ]
    changed = scenario_lines(assessment.scenario)
    if changed:
        out += [f"- {line}" for line in changed]
        out += ["", "All other inputs at their defaults."]
    else:
        out.append("All inputs at their defaults.")

    out += [
        "",
        "## Verdict",
        "",
        f"**{verdict}** — {escape_prose(assessment.verdict_reason)}",
        "",
        "## Starting dose",
        "",
        f"**{dose_words(assessment).sentence}**",
        "",
    ]
    head, *reasons = assessment.dose_reasoning
    out.append(escape_prose(head))
    if reasons:
        out += ["", *(f"- {escape_prose(line)}" for line in reasons)]
    out += ["", f"Renal function: {escape_prose(assessment.renal.working)}", ""]
    out += [escape_prose(CREATININE_RISE_NOTE), "", *_quote(CREATININE_RISE_PASSAGE), ""]

    out += ["## Findings", ""]
    for category in Category:
        if category is Category.source_silent:
            continue
        findings = assessment.by_category(category)
        if not findings:
            continue
        out += [f"### {CATEGORY_LABELS[category]}", ""]
        for finding in findings:
            out += _finding_block(finding)

    out += ["## Pre-treatment screening checklist"]
    out += _checklist_lines(checklist)
    out += ["", "## Monitoring schedule", ""]
    out += _monitoring_lines(plan)

    out += ["", "## Where the source is silent", ""]
    silent = assessment.by_category(Category.source_silent)
    if silent:
        for finding in silent:
            out += _finding_block(finding)
    else:
        out += ["No question of this scenario falls outside what the article says.", ""]
    out += [
        "---",
        "",
        f"*{escape_prose(APP_NAME)}. {escape_prose(notice())}*",
        "",
    ]
    return "\n".join(out)


# ---------------------------------------------------------------- monitoring: dates, CSV, ICS


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` plus ``months`` calendar months, the day clamped to the month's last day
    (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year)."""
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
    return dt.date(year, month0 + 1, day)


def check_start_date(start: object, field: str = "start_date") -> dt.date:
    """The start date, validated: a date from 1900-01-01 to 2200-12-31 (ValueError naming the
    field otherwise). A datetime is reduced to its date."""
    allowed = f"a date from {START_DATE_MIN.isoformat()} to {START_DATE_MAX.isoformat()}"
    if isinstance(start, dt.datetime):
        start = start.date()
    if not isinstance(start, dt.date):
        raise ValueError(f"{field}: {start!r} is not allowed; allowed: {allowed}")
    if not START_DATE_MIN <= start <= START_DATE_MAX:
        raise ValueError(f"{field}: {start.isoformat()} is not allowed; allowed: {allowed}")
    return start


MONITORING_CSV_COLUMNS = ("month", "test_family", "test", "why", "passages")


def monitoring_csv(plan: MonitoringPlan, start: dt.date | None = None) -> str:
    """The schedule as CSV text (``\\n`` line ends): month, test_family, test, why, passages
    (``;``-joined ids), plus ``date`` after ``month`` when a start date is given."""
    first = None if start is None else check_start_date(start)
    columns = list(MONITORING_CSV_COLUMNS)
    if first is not None:
        columns.insert(1, "date")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for event in plan.events:
        row: list[object] = [
            event.month,
            event.family.value,
            event.what,
            event.why,
            ";".join(event.passages),
        ]
        if first is not None:
            row.insert(1, add_months(first, event.month).isoformat())
        writer.writerow(row)
    return buffer.getvalue()


def event_summary(event: MonitoringEvent) -> str:
    """The calendar title of an event: test and month, e.g. 'Lipids — month 3'."""
    return f"{FAMILY_LABELS[event.family]} — month {event.month}"


def _uid(seed: str, event: MonitoringEvent) -> str:
    digest = hashlib.sha256(f"{seed}|{event.family.value}|{event.month}".encode()).hexdigest()
    return f"{digest[:32]}@{UID_DOMAIN}"


def _uid_seed(plan: MonitoringPlan, start: dt.date, scenario: Scenario | None) -> str:
    scenario_part = (
        json.dumps(scenario.changed_fields(), sort_keys=True) if scenario is not None else ""
    )
    return f"{scenario_part}|{start.isoformat()}|{plan.horizon_months}"


def monitoring_ics(
    plan: MonitoringPlan,
    start: dt.date,
    *,
    scenario: Scenario | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """The schedule as an iCalendar file: one all-day event per check, on ``start`` plus the
    event's month in calendar months (day clamped to the month's end).

    UIDs are deterministic (from the scenario, the start date and the event), so exporting the
    same plan again updates the events instead of duplicating them. ``stamp`` is the DTSTAMP
    (now, in UTC, by default; pass one for byte-stable output).
    """
    from icalendar import Calendar, Event  # imported here: the CLI imports this module too

    first = check_start_date(start)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Baricitinib monitoring (educational)")
    cal.add("x-wr-caldesc", " ".join([notice(), *plan.notes]))
    seed = _uid_seed(plan, first, scenario)
    for item in plan.events:
        day = add_months(first, item.month)
        event = Event()
        event.add("uid", _uid(seed, item))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", event_summary(item))
        event.add("description", _ics_description(item))
        event.add("categories", [FAMILY_LABELS[item.family]])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())


def _ics_description(event: MonitoringEvent) -> str:
    return "\n".join(
        [
            f"{event.what}.",
            f"Why: {event.why}.",
            f"Source passages: {', '.join(event.passages)}.",
            "",
            notice(),
        ]
    )


# ---------------------------------------------------------------- file names

EXPORT_KINDS: dict[str, tuple[str, str]] = {
    "handout": ("handout", "md"),
    "json": ("assessment", "json"),
    "monitoring_csv": ("monitoring", "csv"),
    "monitoring_ics": ("monitoring", "ics"),
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def scenario_slug(assessment: Assessment) -> str:
    """A short file-name part for the scenario: age and the CrCl used (or 'crcl-unknown')."""
    crcl = assessment.crcl_ml_min_used
    crcl_part = "crcl-unknown" if crcl is None else f"crcl{assessment.renal.shown}"
    return f"age{assessment.scenario.age_years}-{crcl_part}"


def export_filename(kind: str, assessment: Assessment, case_id: str = "") -> str:
    """The download file name for one export, e.g. ``baricitinib-handout-age72-crcl45.md``.

    ``kind`` is one of handout, json, monitoring_csv, monitoring_ics. A case id (free text) is
    reduced to ``[a-z0-9-]`` and put first after the prefix.
    """
    if kind not in EXPORT_KINDS:
        raise ValueError(
            f"kind: {kind!r} is not allowed; allowed: one of {', '.join(EXPORT_KINDS)}"
        )
    what, extension = EXPORT_KINDS[kind]
    parts = ["baricitinib", what]
    case = _slug(case_id)
    if case:
        parts.append(case)
    parts.append(scenario_slug(assessment))
    return "-".join(parts) + "." + extension


__all__ = [
    "EXPORT_KINDS",
    "MONITORING_CSV_COLUMNS",
    "add_months",
    "assessment_data",
    "assessment_json",
    "check_start_date",
    "escape_markdown",
    "event_summary",
    "export_filename",
    "handout_markdown",
    "monitoring_csv",
    "monitoring_ics",
    "scenario_lines",
]
