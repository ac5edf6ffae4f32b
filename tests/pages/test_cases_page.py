"""AppTest of the teaching cases page through app.py: case links, quiz scoring, present mode."""

from __future__ import annotations

import re
from typing import Any

from app_pages import open_app_page
from code_words import code_words, without_reviewer_links
from streamlit.testing.v1 import AppTest

from core import assess
from core.cases import case_scenario, teaching_case, teaching_cases
from core.quiz import finding_label
from core.rules import VERDICT_LABELS, Verdict
from ui.page_registry import CASES

PAGE = CASES.script


def open_cases(**params: str) -> AppTest:
    return open_app_page(PAGE, **params)


def texts(at: AppTest) -> str:
    parts = [str(e.value) for e in (*at.markdown, *at.subheader, *at.caption)]
    parts += [
        str(getattr(e, "value", ""))
        for kind in ("error", "warning", "info", "success")
        for e in at.get(kind)
    ]
    return "\n".join(parts)


def answer(at: AppTest, verdict: Verdict, dose: str, finding: str | None = None) -> AppTest:
    radios = {r.label: r for r in at.radio}
    radios["Verdict"].set_value(verdict)
    radios["Starting dose"].set_value(dose)
    if finding is not None:
        radios["Which finding matters most here?"].set_value(finding)
    submit = next(b for b in at.button if b.label == "Check my answer")
    submit.click().run()
    assert not at.exception, at.exception
    return at


def page_links(at: AppTest) -> list[Any]:
    return list(at.get("page_link"))


def test_opens_the_first_case_by_default_with_its_question() -> None:
    at = open_cases()
    first = teaching_cases()[0]
    assert at.subheader[0].value.endswith(first.title)
    assert first.question in texts(at)
    assert at.query_params["case"] == first.id
    assert not at.warning


def test_case_link_opens_that_case_and_asks_for_the_key_finding() -> None:
    at = open_cases(case="crcl_29_9")
    case = teaching_case("crcl_29_9")
    assert at.subheader[0].value == case.title
    assert at.selectbox(key="_cases.pick").value == "crcl_29_9"
    labels = [r.label for r in at.radio]
    assert labels == ["Verdict", "Starting dose", "Which finding matters most here?"]
    assert case.key_finding is not None
    assert finding_label(case.key_finding) in at.radio[2].options


def test_case_without_key_finding_asks_only_verdict_and_dose() -> None:
    case = next(c for c in teaching_cases() if c.key_finding is None)
    at = open_cases(case=case.id)
    assert [r.label for r in at.radio] == ["Verdict", "Starting dose"]


def test_unknown_case_id_warns_naming_it_and_listing_valid_ids() -> None:
    at = open_cases(case="no_such_case")
    # The warning is Markdown with its punctuation escaped: read it as the student does.
    warning = re.sub(r"\\(.)", r"\1", " ".join(str(w.value) for w in at.warning))
    ids = ", ".join(case.id for case in teaching_cases())
    assert warning == (
        "Link value not used: case: 'no_such_case' is not allowed; allowed: one of the teaching "
        f"case ids: {ids}. Shown instead: case '{teaching_cases()[0].id}'."
    )
    assert at.subheader[0].value == teaching_cases()[0].title  # and visibly falls back


def test_right_answer_scores_and_explains_with_source_and_explorer_link() -> None:
    at = open_cases(case="crcl_29_9")
    answer(at, Verdict.contraindicated, "none", "ci.crcl_below_30")
    shown = texts(at)
    assert at.success[0].value.startswith("**Right**")
    assert "1 of 1 cases right at the first try (1 answer)" in shown
    assert "contraindications.renal" in shown  # the quoted passage, by id
    expected = assess(case_scenario(teaching_case("crcl_29_9")))
    assert any(str(e.value).startswith(f"**{VERDICT_LABELS[expected.verdict]}**") for e in at.error)
    links = page_links(at)
    assert links and "Explorer" in links[0].proto.label
    assert links[0].proto.query_string == "age_years=58&crcl_ml_min=29.9"  # the case's scenario


def test_wrong_dose_is_marked_wrong_with_the_answer() -> None:
    at = open_cases(case="crcl_29_9")
    answer(at, Verdict.contraindicated, "2", "ci.crcl_below_30")
    assert at.error[0].value.startswith("**Not quite** — 2 of 3")
    shown = texts(at)
    assert "you said *2 mg once daily*" in shown and "answer: **No dose**" in shown
    assert "0 of 1 cases right" in shown


def test_unanswered_form_asks_for_the_missing_parts() -> None:
    at = open_cases(case="crcl_29_9")
    next(b for b in at.button if b.label == "Check my answer").click().run()
    assert "Choose the verdict and the dose and the key finding first." in at.warning[0].value
    assert not at.success and "No answers yet" in texts(at)


def test_next_case_moves_on_and_updates_the_link() -> None:
    at = open_cases(case="standard_start")
    next(b for b in at.button if b.label == "Next case").click().run()
    second = teaching_cases()[1]
    assert at.subheader[0].value == second.title
    assert at.query_params["case"] == second.id


def test_present_mode_hides_the_answer_until_revealed() -> None:
    at = open_cases(case="pregnancy", mode="present")
    case = teaching_case("pregnancy")
    assert at.subheader[0].value.startswith("Case 4 of ")
    assert not at.error  # no verdict banner: the answer is hidden
    assert "The answer is hidden" in texts(at)
    next(b for b in at.button if b.label == "Reveal the answer").click().run()
    assert at.error[0].value.startswith("**Contraindicated**")
    assert case.explanation.split()[0] in texts(at)
    next(b for b in at.button if b.label == "Next").click().run()
    assert at.subheader[0].value.startswith("Case 5 of ")
    assert not at.error
    assert at.query_params["case"] == teaching_cases()[4].id
    next(b for b in at.button if b.label == "Previous").click().run()
    assert at.subheader[0].value.startswith("Case 4 of ")


def test_bad_mode_warns_and_shows_the_quiz() -> None:
    at = open_cases(mode="<b>lecture</b>")
    assert any("mode" in str(w.value) and "present" in str(w.value) for w in at.warning)
    assert [r.label for r in at.radio][:2] == ["Verdict", "Starting dose"]


def test_a_not_indicated_case_labels_its_dose_as_the_dose_once_indicated() -> None:
    at = open_cases(case="methotrexate_naive")
    answer(at, Verdict.not_indicated, "4", "ni.no_failed_dmard")
    shown = texts(at)
    assert "**Starting dose:** 4 mg once daily, once the indication is met" in shown


def test_case_12_teaches_that_29_97_is_below_30() -> None:
    at = open_cases(case="crcl_30_si_units")
    answer(at, Verdict.contraindicated, "none", "ci.crcl_below_30")
    assert at.success[0].value.startswith("**Right**")
    shown = texts(at)
    assert "29.97 mL/min" in shown and "29.97 is below 30" in shown


def test_the_key_finding_is_its_words_with_the_rule_id_only_as_a_small_reviewer_link() -> None:
    at = open_cases(case="pregnancy", mode="present")
    next(b for b in at.button if b.label == "Reveal the answer").click().run()
    shown = [str(m.value) for m in at.markdown]
    line = next(text for text in shown if "The finding that matters most" in text)
    assert "Pregnancy is an absolute contraindication." in line
    before_link, _, link = line.partition(":small[")
    assert "ci.pregnancy" not in before_link
    assert "rule-book?" in link and "rule=ci.pregnancy" in link


def test_no_code_words_in_any_case_question_options_or_answer() -> None:
    """Every case, as a student sees it: the question, the quiz's options and the revealed
    answer are plain words; ids appear only as small reviewer links (to the source page and the
    rule book), which the page renders from the case's data. One session walks every case."""
    cases = teaching_cases()
    quiz = open_cases(case=cases[0].id)
    present = open_cases(case=cases[0].id, mode="present")
    for number, case in enumerate(cases):
        assert quiz.query_params["case"] == present.query_params["case"] == case.id
        options = [str(option) for radio in quiz.radio for option in radio.options]
        assert code_words(" ".join(options)) == [], (case.id, options)
        next(b for b in present.button if b.label == "Reveal the answer").click().run()
        assert not present.exception, present.exception
        shown = texts(present)
        assert code_words(without_reviewer_links(shown)) == [], case.id
        for pid in case.passages:  # each passage: a reviewer link to the source page
            assert f"[{pid}](source?" in shown, (case.id, pid)
        if number + 1 < len(cases):
            next(b for b in quiz.button if b.label == "Next case").click().run()
            next(b for b in present.button if b.label == "Next").click().run()
