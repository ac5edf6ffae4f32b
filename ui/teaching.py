"""Teaching cases on screen: the case as the student sees it, the explained answer, the quiz
feedback, and the choice of case (kept in the URL as ``case=<id>``).

Everything shown comes from the case files (our own content, validated at load) and the core;
it still goes through ``escape_prose`` so a "<30" or a leading "1." shows as written. A case id
from the URL is only ever shown escaped, inside a warning.
"""

from __future__ import annotations

import textwrap

import streamlit as st

from core.assess import Assessment, assess
from core.cases import TeachingCase, case_scenario, teaching_cases
from core.exports import escape_prose, scenario_lines
from core.quiz import QuizResult, dose_choice_words, finding_label
from core.rules import VERDICT_LABELS
from core.sources import article
from ui.annotated_source import scroll_script
from ui.page_registry import EXPLORER, SOURCE
from ui.results import dose_text, render_dose, render_verdict_banner
from ui.reviewer_links import rule_reviewer_link
from ui.scenario_state import scenario_link, scenario_query
from ui.url_params import LinkParam, choice_param

CASE_PARAM = "case"
SCROLL_TO_ANSWER_KEY = "_present.scroll"  # set by the reveal button: scroll once, not per run


def case_label(case: TeachingCase) -> str:
    """'07 · Age 66' -- the teaching order number and the title."""
    number = teaching_cases().index(case) + 1
    return f"{number:02d} · {case.title}"


def case_ids() -> list[str]:
    """Every case id in teaching order."""
    return [case.id for case in teaching_cases()]


def case_param() -> LinkParam[str]:
    """The ``case`` URL parameter: one teaching case id, always in the link."""
    ids = case_ids()
    return choice_param(
        CASE_PARAM,
        ids,
        ids[0],
        shown=lambda case_id: f"case {case_id!r}",
        allowed="one of the teaching case ids:",
        always_in_link=True,
    )


def current_case_id() -> str:
    """The case this session is on: from the ``case`` URL parameter when it changed (a shared
    link), else the session's; an unknown id is a visible warning listing the valid ids."""
    return case_param().value()


def set_current_case(case_id: str) -> None:
    """Make ``case_id`` the session's case and put it in the URL."""
    case_param().set(case_id)


def render_case(case: TeachingCase, position: str = "") -> None:
    """The case as the student sees it: title, vignette, the scenario's inputs and the question."""
    head = f"{position} · " if position else ""
    st.subheader(f"{head}{escape_prose(case.title)}", anchor=False)
    st.markdown(escape_prose(case.vignette))
    inputs = scenario_lines(case_scenario(case)) or ["The default scenario (no input changed)."]
    st.caption("Inputs: " + " · ".join(inputs))
    st.markdown(f"**{escape_prose(case.question)}**")


def explorer_link(case: TeachingCase, label: str = "Open this case in the Explorer") -> None:
    """A link that opens the Explorer on the case's scenario."""
    st.page_link(
        EXPLORER.script,
        label=label,
        icon=EXPLORER.icon,
        query_params=scenario_query(case_scenario(case)),
    )


def quoted_passages(case: TeachingCase) -> str:
    """The case's source passages, quoted verbatim as Markdown blockquotes, each headed by its
    section of the article in words and its id as a small reviewer link to the source page."""
    blocks = []
    source = article()
    for passage_id in case.passages:
        text = textwrap.dedent(source.passage(passage_id).text).strip()
        link = scenario_link(SOURCE.url_path, case_scenario(case), passage=passage_id)
        section = escape_prose(source.section_title(passage_id))
        lines = [f"> **From “{section}”** :small[([{passage_id}]({link}))]"]
        lines += [f"> {escape_prose(line.strip())}" for line in text.split("\n") if line.strip()]
        blocks.append("  \n".join(lines))
    return "\n\n".join(blocks)


def _key_finding_text(case: TeachingCase, assessment: Assessment) -> str:
    if case.key_finding is None:
        return ""
    # The rule id only as a small reviewer link to its row in the rule book.
    reviewer = rule_reviewer_link(case_scenario(case), case.key_finding)
    for finding in assessment.findings:
        if finding.id == case.key_finding:
            return f"{escape_prose(finding.text)} {reviewer}"
    return reviewer  # unreachable: the case loader checks that it fires


def render_answer(case: TeachingCase, present: bool = False) -> None:
    """The explained answer: verdict, dose, key finding, explanation, quoted passages, link.

    ``present``: for the lecture hall, the dose in the Explorer's large dose box, and the answer
    scrolled into view when it appears (the reveal button sits near the bottom of the screen).
    """
    assessment = assess(case_scenario(case))
    with st.container(key="case_answer"):
        render_verdict_banner(assessment)
        if present:
            render_dose(assessment)
    if present and st.session_state.pop(SCROLL_TO_ANSWER_KEY, False):
        st.html(scroll_script(".st-key-case_answer", "start"), unsafe_allow_javascript=True)
    lines = [] if present else [f"**Starting dose:** {dose_text(assessment)}"]
    if case.key_finding is not None:
        lines.append(f"**The finding that matters most:** {_key_finding_text(case, assessment)}")
    if lines:
        st.markdown("  \n".join(lines))
    st.markdown(f"**Why.** {escape_prose(case.explanation)}")
    with st.expander("The source, quoted", expanded=True, icon=":material/format_quote:"):
        st.markdown(quoted_passages(case))
    explorer_link(case)


def _mark(right: bool) -> str:
    return ":green[:material/check_circle: right]" if right else ":red[:material/cancel: wrong]"


def render_feedback(case: TeachingCase, result: QuizResult) -> None:
    """Right or wrong, part by part, then the explained answer."""
    headline = f"{result.points} of {result.out_of} parts right"
    if result.correct:
        st.success(f"**Right** — {headline}.", icon=":material/celebration:")
    else:
        st.error(f"**Not quite** — {headline}.", icon=":material/school:")
    given, expected = result.given, result.expected
    rows = [
        f"- Verdict — you said *{VERDICT_LABELS[given.verdict]}*: {_mark(result.verdict_right)}"
        + ("" if result.verdict_right else f" (answer: **{VERDICT_LABELS[expected.verdict]}**)"),
        f"- Dose — you said *{dose_choice_words(given.dose_mg)}*: {_mark(result.dose_right)}"
        + ("" if result.dose_right else f" (answer: **{dose_choice_words(expected.dose_mg)}**)"),
    ]
    if result.finding_right is not None and given.key_finding and expected.key_finding:
        rows.append(
            f"- Key finding — you said *{escape_prose(finding_label(given.key_finding))}*: "
            f"{_mark(result.finding_right)}"
            + (
                ""
                if result.finding_right
                else f" (answer: **{escape_prose(finding_label(expected.key_finding))}**)"
            )
        )
    st.markdown("\n".join(rows))
    render_answer(case)
