"""Exports: the JSON is the CLI's, the handout carries every finding and quoted passage, the
monitoring CSV round-trips, the iCalendar parses back with the right dates, and foreign text
cannot inject Markdown or HTML."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from core import Scenario, assess, monitoring_plan, screening_checklist
from core.assess import Assessment
from core.exports import (
    MONITORING_CSV_COLUMNS,
    add_months,
    assessment_json,
    escape_markdown,
    escape_prose,
    export_filename,
    handout_markdown,
    monitoring_csv,
    monitoring_ics,
)
from core.monitoring import FAMILY_LABELS, MonitoringPlan
from core.rules import CATEGORY_LABELS, VERDICT_LABELS, Category, Verdict
from core.scenario import field_info
from core.screening import STATUS_LABELS
from core.sources import article, notice

ROOT = Path(__file__).resolve().parents[2]

SCENARIOS: dict[str, dict[str, object]] = {
    "default_renal_unknown": {},
    "recommended_4mg": {"crcl_ml_min": 90},
    "contraindicated": {"active_serious_infection": True, "crcl_ml_min": 80},
    "caution_2mg": {"age_years": 72, "crcl_ml_min": 45},
    "renal_unknown_with_silences": {
        "age_years": 75,
        "sex": "male",
        "hcv_positive": True,
        "hiv_positive": True,
        "tb_history_or_exposure": True,
        "anti_hbc_positive": True,
        "child_pugh": "B",
        "oat3_inhibitor": True,
    },
    "cockcroft_gault_umol": {"age_years": 66, "weight_kg": 58.5, "creatinine_umol_l": 110},
    "not_recommended": {"hbsag_positive": True, "crcl_ml_min": 70},
}


def _assess(fields: dict[str, object]) -> Assessment:
    return assess(Scenario.model_validate(fields))


def _handout(assessment: Assessment, **extra: str) -> str:
    return handout_markdown(
        assessment,
        monitoring_plan(assessment),
        screening_checklist(assessment.scenario),
        **extra,
    )


def _rendered_text(markdown: str) -> str:
    """What a reader sees, roughly: backslash escapes and HTML entities resolved."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown))


# ---------------------------------------------------------------- JSON


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_json_is_the_assessment_dict_plus_plan_and_checklist(name: str) -> None:
    assessment = _assess(SCENARIOS[name])
    text = assessment_json(assessment)
    data = json.loads(text)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert list(data) == [*assessment.to_dict(), "monitoring_plan", "screening_checklist"]
    assert {k: data[k] for k in assessment.to_dict()} == assessment.to_dict()
    plan = monitoring_plan(assessment)
    assert data["monitoring_plan"]["started"] is plan.started
    assert data["monitoring_plan"]["notes"] == list(plan.notes)
    assert [(e["month"], e["family"]) for e in data["monitoring_plan"]["events"]] == [
        (e.month, e.family.value) for e in plan.events
    ]
    checklist = screening_checklist(assessment.scenario)
    assert [(i["id"], i["status"]) for i in data["screening_checklist"]] == [
        (i.id, i.status.value) for i in checklist
    ]


@pytest.mark.skipif(
    not (ROOT / "core" / "__main__.py").exists(),
    reason="core/__main__.py (python -m core) does not exist yet; the CLI comparison waits for it",
)
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_json_is_byte_identical_to_the_cli(name: str) -> None:
    fields = SCENARIOS[name]
    result = subprocess.run(
        [sys.executable, "-m", "core", "assess", json.dumps(fields)],
        cwd=ROOT,
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.stdout == assessment_json(_assess(fields)).encode("utf-8")


# ---------------------------------------------------------------- handout


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_handout_has_every_finding_and_every_quoted_passage(name: str) -> None:
    assessment = _assess(SCENARIOS[name])
    markdown = _handout(assessment)
    seen = _rendered_text(markdown)
    assert assessment.findings
    for finding in assessment.findings:
        assert f"`{finding.id}`" in markdown
        assert " ".join(finding.text.split()) in seen
        for passage_id in finding.passages:
            assert f"> Source `{passage_id}`:" in markdown
            for line in article().passage(passage_id).text.split("\n"):
                if line.strip():
                    assert f"> {line.strip()}" in seen, (finding.id, passage_id, line)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_handout_has_notice_verdict_dose_working_checklist_and_schedule(name: str) -> None:
    assessment = _assess(SCENARIOS[name])
    plan = monitoring_plan(assessment)
    checklist = screening_checklist(assessment.scenario)
    markdown = handout_markdown(assessment, plan, checklist)
    seen = _rendered_text(markdown)
    assert markdown.startswith("# Baricitinib")
    assert notice() in seen
    assert article().last_updated_text in seen
    assert VERDICT_LABELS[assessment.verdict] in markdown
    assert assessment.verdict_reason in seen
    for line in assessment.dose_reasoning:
        assert line in seen
    assert assessment.renal.working in seen
    for category in Category:
        label = CATEGORY_LABELS[category]
        if category is not Category.source_silent:
            assert (f"### {label}" in markdown) == bool(assessment.by_category(category))
    for item in checklist:
        assert item.text in seen
        assert STATUS_LABELS[item.status] in seen
        assert item.note in seen
    if plan.started:
        assert "| Month | Test | Why | Source |" in markdown
        for event in plan.events:
            row = f"| {event.month} | **{FAMILY_LABELS[event.family]}**: {event.what} | {event.why}"
            assert row in seen
    else:
        assert "| Month |" not in markdown
    for note in plan.notes:
        assert note in seen
    assert "## Where the source is silent" in markdown


def test_handout_scenario_lists_only_changed_inputs_in_plain_labels() -> None:
    assessment = _assess(SCENARIOS["caution_2mg"])
    markdown = _handout(assessment)
    section = markdown.split("## Scenario")[1].split("## Verdict")[0]
    assert f"- {field_info('age_years')['label']}: 72 years" in section
    assert "- Creatinine clearance \\(known\\): 45 mL/min" in section or (
        "- Creatinine clearance (known): 45 mL/min" in section
    )
    assert "All other inputs at their defaults." in section
    assert "Sex" not in section and "Weight" not in section
    default = _handout(_assess({}))
    assert "All inputs at their defaults." in default.split("## Verdict")[0]


def test_handout_words_for_flags_and_enums() -> None:
    markdown = _handout(
        _assess({"sex": "male", "indication": "psoriatic_arthritis", "vte_history": True})
    )
    section = markdown.split("## Scenario")[1].split("## Verdict")[0]
    assert "- Sex: male" in section
    assert "- Indication: Psoriatic arthritis" in section
    assert "- History of VTE: yes" in section


def test_source_silent_findings_have_their_own_section() -> None:
    assessment = _assess(SCENARIOS["renal_unknown_with_silences"])
    markdown = _handout(assessment)
    findings_part, silent_part = markdown.split("## Where the source is silent")
    silent = assessment.by_category(Category.source_silent)
    assert len(silent) >= 4
    for finding in silent:
        assert f"`{finding.id}`" in silent_part
        assert f"`{finding.id}`" not in findings_part
    assert "falls outside" in _handout(_assess(SCENARIOS["recommended_4mg"]))


def test_caution_handout_gives_2mg_and_the_reasons() -> None:
    assessment = _assess(SCENARIOS["caution_2mg"])
    assert assessment.verdict is Verdict.use_with_caution and assessment.dose_mg == 2
    markdown = _handout(assessment)
    assert "**2 mg once daily**" in markdown
    reasons = [f for f in assessment.findings if f.id in ("dose.age_over_70", "dose.crcl_30_60")]
    assert len(reasons) == 2
    for finding in reasons:
        assert escape_prose(finding.text) in markdown


def test_contraindicated_handout_has_no_dose_and_no_schedule() -> None:
    assessment = _assess(SCENARIOS["contraindicated"])
    assert assessment.verdict is Verdict.contraindicated
    markdown = _handout(assessment)
    assert "**No dose: contraindicated**" in markdown
    assert "No monitoring plan: treatment is not started" in markdown


def test_cockcroft_gault_working_is_shown() -> None:
    assessment = _assess(SCENARIOS["cockcroft_gault_umol"])
    assert assessment.renal.source == "cockcroft_gault"
    assert "Renal function: Creatinine 110 µmol/L ÷ 88.4" in _handout(assessment)


# ---------------------------------------------------------------- escaping

HOSTILE = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>\n"
    "# Heading\n- item\n> quote\n| a | b |\n1. one\n"
    "[link](javascript:alert(3)) ![img](http://evil.example/x.png) <http://evil.example> "
    "**bold** _em_ `code` $x^2$ ~~strike~~ :red[colour] &lt; &amp; \\*"
)


def test_escape_markdown_neutralises_every_markup_character() -> None:
    escaped = escape_markdown(HOSTILE)
    assert "\n" not in escaped and "\r" not in escaped
    assert "<" not in escaped and ">" not in escaped
    assert "&lt;" in escaped  # our entity for '<'; the user's '&lt;' became '&amp;lt;'
    assert "&amp;lt;" in escaped
    # Every markup character is preceded by a backslash (an escaped backslash counts).
    unescaped_markup = re.findall(r"(?<!\\)(?:\\\\)*[`*_\[\]|~$!#]", escaped)
    assert unescaped_markup == []
    # And it reads as the text itself (line breaks as spaces).
    assert _rendered_text(escaped) == " ".join(HOSTILE.split())


def test_hostile_case_id_and_notes_cannot_change_the_handout_structure() -> None:
    assessment = _assess(SCENARIOS["caution_2mg"])
    plain = _handout(assessment)
    hostile = _handout(assessment, case_id=HOSTILE, note=HOSTILE)
    assert "<script" not in hostile and "<img" not in hostile and "<http" not in hostile
    assert "](" not in hostile.replace("\\](", "")
    added = [line for line in hostile.split("\n") if line not in plain.split("\n")]
    assert [line.split(":**")[0] for line in added] == ["**Case", "**Note"]
    for line in added:
        assert not re.match(r"\s*([#>|`-]|\d+[.)])", line)
        assert _rendered_text(line.split(":** ", 1)[1]) == " ".join(HOSTILE.split())
    # Same headings, same table rows, same quotes: nothing was injected.
    for prefix in ("#", "|", ">", "- "):
        count = sum(line.startswith(prefix) for line in plain.split("\n"))
        assert count == sum(line.startswith(prefix) for line in hostile.split("\n")), prefix


def test_article_text_with_angle_brackets_is_escaped_not_raw_html() -> None:
    markdown = _handout(_assess({"crcl_ml_min": 20}))
    assert "CrCl &lt;30 mL/min" in markdown
    assert "CrCl <30" not in markdown


# ---------------------------------------------------------------- monitoring CSV


def _plan(fields: dict[str, object], horizon: int = 24) -> MonitoringPlan:
    return monitoring_plan(_assess(fields), horizon)


def test_monitoring_csv_round_trips() -> None:
    plan = _plan(SCENARIOS["caution_2mg"])
    rows = list(csv.DictReader(io.StringIO(monitoring_csv(plan))))
    assert tuple(rows[0]) == MONITORING_CSV_COLUMNS
    assert len(rows) == len(plan.events)
    for row, event in zip(rows, plan.events, strict=True):
        assert int(row["month"]) == event.month
        assert row["test_family"] == event.family.value
        assert row["test"] == event.what
        assert row["why"] == event.why
        assert tuple(row["passages"].split(";")) == event.passages


def test_monitoring_csv_with_start_date_has_clamped_dates() -> None:
    plan = _plan(SCENARIOS["recommended_4mg"], 12)
    rows = list(csv.DictReader(io.StringIO(monitoring_csv(plan, dt.date(2023, 1, 31)))))
    assert list(rows[0]) == ["month", "date", *MONITORING_CSV_COLUMNS[1:]]
    dates = {int(r["month"]): r["date"] for r in rows}
    assert dates == {
        0: "2023-01-31",
        1: "2023-02-28",
        3: "2023-04-30",
        6: "2023-07-31",
        9: "2023-10-31",
        12: "2024-01-31",
    }


def test_monitoring_csv_of_a_plan_not_started_is_header_only() -> None:
    plan = _plan(SCENARIOS["contraindicated"])
    assert monitoring_csv(plan) == ",".join(MONITORING_CSV_COLUMNS) + "\n"


# ---------------------------------------------------------------- iCalendar

STAMP = dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC)


def _events(ics: bytes) -> list[object]:
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def test_ics_parses_back_with_dates_summaries_and_all_day_events() -> None:
    assessment = _assess(SCENARIOS["caution_2mg"])
    plan = monitoring_plan(assessment, 12)
    start = dt.date(2024, 1, 31)  # leap year: Jan 31 + 1 month = Feb 29
    ics = monitoring_ics(plan, start, scenario=assessment.scenario, stamp=STAMP)
    cal = Calendar.from_ical(ics)
    assert str(cal["VERSION"]) == "2.0"
    assert "Baricitinib" in str(cal["PRODID"])
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(plan.events)
    expected_day = {0: 31, 1: 29, 3: 30, 6: 31, 9: 31, 12: 31}
    for parsed, event in zip(events, plan.events, strict=True):
        begin = parsed.decoded("DTSTART")
        assert type(begin) is dt.date  # all-day, not a datetime
        assert parsed["DTSTART"].params.get("VALUE") == "DATE"
        assert parsed.decoded("DTEND") == begin + dt.timedelta(days=1)
        assert begin == add_months(start, event.month)
        assert begin.day == expected_day[event.month]
        assert str(parsed["SUMMARY"]) == f"{FAMILY_LABELS[event.family]} — month {event.month}"
        description = str(parsed["DESCRIPTION"])
        assert event.why in description
        assert all(p in description for p in event.passages)
        assert notice() in description
    summaries = [str(e["SUMMARY"]) for e in events]
    assert "Blood count + liver enzymes — month 3" in summaries
    assert "Lipids — month 3" in summaries
    assert "Skin examination — month 12" in summaries


def test_ics_month_end_clamping_in_a_common_year() -> None:
    plan = _plan(SCENARIOS["recommended_4mg"], 3)
    events = _events(monitoring_ics(plan, dt.date(2023, 1, 31), stamp=STAMP))
    days = {e.decoded("DTSTART") for e in events}
    assert days == {dt.date(2023, 1, 31), dt.date(2023, 2, 28), dt.date(2023, 4, 30)}


def test_add_months_clamps_and_crosses_years() -> None:
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2023, 8, 31), 1) == dt.date(2023, 9, 30)
    assert add_months(dt.date(2023, 11, 15), 3) == dt.date(2024, 2, 15)
    assert add_months(dt.date(2023, 3, 31), 0) == dt.date(2023, 3, 31)
    assert add_months(dt.date(2023, 5, 31), 120) == dt.date(2033, 5, 31)


def test_ics_uids_are_stable_and_unique() -> None:
    assessment = _assess(SCENARIOS["caution_2mg"])
    plan = monitoring_plan(assessment)
    start = dt.date(2025, 3, 1)

    def uids(**kwargs: object) -> list[str]:
        ics = monitoring_ics(plan, kwargs.pop("start", start), stamp=STAMP, **kwargs)  # type: ignore[arg-type]
        return [str(e["UID"]) for e in _events(ics)]

    first = uids(scenario=assessment.scenario)
    assert len(set(first)) == len(first) == len(plan.events)
    assert first == uids(scenario=assessment.scenario)
    other_scenario = _assess(SCENARIOS["recommended_4mg"]).scenario
    assert set(first).isdisjoint(uids(scenario=other_scenario))
    assert set(first).isdisjoint(uids(scenario=assessment.scenario, start=dt.date(2025, 3, 2)))
    # With a fixed stamp the whole file is byte-stable.
    again = monitoring_ics(plan, start, scenario=assessment.scenario, stamp=STAMP)
    assert again == monitoring_ics(plan, start, scenario=assessment.scenario, stamp=STAMP)


def test_ics_of_a_plan_not_started_has_no_events() -> None:
    plan = _plan(SCENARIOS["contraindicated"])
    ics = monitoring_ics(plan, dt.date(2025, 1, 1), stamp=STAMP)
    assert _events(ics) == []
    assert "not started" in str(Calendar.from_ical(ics)["X-WR-CALDESC"])


@pytest.mark.parametrize(
    "start",
    [dt.date(1899, 12, 31), dt.date(2201, 1, 1), "2025-01-01", None, 20250101],
)
def test_start_date_out_of_range_names_the_field(start: object) -> None:
    plan = _plan(SCENARIOS["recommended_4mg"])
    with pytest.raises(
        ValueError, match=r"^start_date: .* allowed: a date from 1900-01-01 to 2200"
    ):
        monitoring_ics(plan, start)  # type: ignore[arg-type]
    if start is not None:  # None means "no date column" for the CSV
        with pytest.raises(ValueError, match=r"^start_date: "):
            monitoring_csv(plan, start)  # type: ignore[arg-type]


def test_start_date_edges_are_accepted_and_datetimes_reduced_to_dates() -> None:
    plan = _plan(SCENARIOS["recommended_4mg"], 1)
    for start in (dt.date(1900, 1, 1), dt.date(2200, 12, 31)):
        assert _events(monitoring_ics(plan, start, stamp=STAMP))
    ics = monitoring_ics(plan, dt.datetime(2025, 5, 31, 23, 30), stamp=STAMP)
    assert {e.decoded("DTSTART") for e in _events(ics)} == {
        dt.date(2025, 5, 31),
        dt.date(2025, 6, 30),
    }


# ---------------------------------------------------------------- file names


def test_export_filenames() -> None:
    assessment = _assess(SCENARIOS["caution_2mg"])
    assert export_filename("handout", assessment) == "baricitinib-handout-age72-crcl45.md"
    assert export_filename("json", assessment) == "baricitinib-assessment-age72-crcl45.json"
    assert (
        export_filename("monitoring_csv", assessment) == "baricitinib-monitoring-age72-crcl45.csv"
    )
    assert (
        export_filename("monitoring_ics", assessment) == "baricitinib-monitoring-age72-crcl45.ics"
    )
    unknown = _assess({})
    assert export_filename("handout", unknown) == "baricitinib-handout-age50-crcl-unknown.md"
    cg = _assess(SCENARIOS["cockcroft_gault_umol"])
    assert export_filename("json", cg) == (
        f"baricitinib-assessment-age66-crcl{cg.renal.shown}.json"
    )


def test_export_filename_with_hostile_case_id_is_safe() -> None:
    name = export_filename("handout", _assess({}), case_id="../../etc/passwd <x> Case #7")
    assert re.fullmatch(r"[a-z0-9.-]+", name)
    assert "/" not in name and ".." not in name
    assert name.startswith("baricitinib-handout-") and name.endswith(".md")


def test_export_filename_unknown_kind() -> None:
    with pytest.raises(ValueError, match=r"^kind: 'pdf' is not allowed; allowed: one of handout"):
        export_filename("pdf", _assess({}))
