"""AppTest of /labels through app.py: the scenario under the three profiles side by side, the
differences with both sources, the US eGFR rule, the dose maps drawn once opened, and the
comparison table with every topic."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from app_pages import open_app_page
from code_words import code_words, without_reviewer_links
from html_blocks import html_tree, table_records, text_of, with_class
from html_blocks import without_reviewer_links as html_without_reviewer_links
from streamlit.testing.v1 import AppTest

from core.profiles import CHECK_CURRENT_LABEL, PROFILES, TOPICS, comparison_table
from core.profiles.differences import profile_column_title
from core.rules import VERDICT_LABELS, Verdict
from ui.label_differences import CITED_SUMMARY, COMPARISON_CLASS, DIFFERENCE_CLASS, NO_RULE_FIRES
from ui.page_registry import LABELS

PAGE = LABELS.script
MAPS = "_labels.maps"  # the dose maps' expander


def run_labels(**params: str) -> AppTest:
    return open_app_page(PAGE, timeout=60, **params)


def doses(at: AppTest) -> list[str]:
    return [str(m.value) for m in at.metric]


def blocks(at: AppTest) -> list[ET.Element]:
    """The page's HTML blocks (the differences, the table's sources) as trees."""
    return [html_tree(e.proto.body) for e in at.main.get("html")]


def shown_text(at: AppTest) -> str:
    """Every Markdown and every HTML block's words (the differences are one HTML block)."""
    markdown = [str(m.value) for m in at.markdown]
    return "\n".join([*markdown, *(text_of(tree) for tree in blocks(at))])


def difference(at: AppTest, topic: str) -> ET.Element:
    return next(
        section
        for tree in blocks(at)
        for section in with_class(tree, DIFFERENCE_CLASS)
        if section.get("data-topic") == topic
    )


def alerts(at: AppTest) -> str:
    return " ".join(
        str(getattr(e, "value", ""))
        for kind in ("error", "warning", "info", "success")
        for e in at.get(kind)
    )


def table_rows(at: AppTest) -> list[dict[str, str]]:
    """The comparison table's rows as the page draws them (one HTML block with its sources)."""
    return next(
        table_records(tree, COMPARISON_CLASS)
        for tree in blocks(at)
        if with_class(tree, COMPARISON_CLASS)
    )


def test_defaults_render_three_profiles_notice_and_the_maps_once_opened() -> None:
    at = run_labels()
    # renal function unknown: the article and the EU SmPC ask for it, the US label for an eGFR
    assert doses(at) == ["Enter renal function", "Enter renal function", "US label needs eGFR"]
    assert "Check the current label" in alerts(at)
    assert CHECK_CURRENT_LABEL.split(":")[0] in alerts(at)
    # No green "Recommended" beside a missing dose (the Explorer's banner, on every profile).
    assert not at.success
    assert [str(i.value).split(" — ")[0] for i in at.info] == [
        f"**{VERDICT_LABELS[Verdict.recommended]} so far"
    ] * 3
    headers = [str(m.value).split("\n")[0] for m in at.main.markdown]
    assert [h for h in headers if h.startswith("#### ")] == [
        "#### Article",
        "#### EU SmPC",
        "#### US label",
    ]
    assert not [w for w in at.warning if "not a scenario field" in str(w.value)]
    # The dose maps are drawn once the reader opens them, with what they show below them.
    assert [e.label for e in at.expander if "dose maps" in e.label]
    assert not at.get("plotly_chart")
    at.session_state[MAPS] = True
    at.run()
    assert len(at.get("plotly_chart")) == 1
    (maps,) = [e for e in at.expander if "dose maps" in e.label]
    assert "star = this patient" in " ".join(str(c.value) for c in maps.caption)


def test_issue_example_shows_the_differences() -> None:
    at = run_labels(age_years="68", weight_kg="70", creatinine_mg_dl="1.2")
    assert doses(at) == ["2 mg once daily", "2 mg once daily", "1 mg once daily"]
    text = shown_text(at)
    # article: 2 mg for renal function, caution for age
    assert "CrCl 49.6 mL/min is within 30-60 mL/min: use 2 mg daily" in text
    assert "Age 68 is over 65: higher risk of serious infections." in text
    # EU: 2 mg for age and renal function, only if no suitable alternative
    assert "Age 68 (65 or over): 2 mg once daily (EU SmPC since 2023" in text
    assert "CrCl 49.6 mL/min is within 30-60 mL/min: 2 mg once daily (EU SmPC)" in text
    assert "use only if no suitable alternative is available" in text
    # US: 1 mg for eGFR 30 to < 60, with the eGFR working
    assert "eGFR 49.3 mL/min/1.73 m² is 30 to below 60: 1 mg once daily (US label)" in text
    assert ":small[**eGFR:** CKD-EPI 2021 creatinine equation" in text
    # The age difference: the article's rule does not apply at 68, its passage is quoted (its
    # id a small link to the passage on the source page, with the scenario), and the EU rule's
    # label source is cited.
    article_side, eu_side, _ = with_class(difference(at, "age"), "lv-side")
    assert text_of(article_side).startswith("Article: over 70")
    assert NO_RULE_FIRES in text_of(article_side)
    assert "Patients over 70 years: reduce to 2 mg daily" in text_of(article_side)
    (passage,) = article_side.iter("a")
    assert passage.get("href", "").startswith("source?age_years=68")
    assert passage.get("href", "").endswith("&passage=dosing.age_over_70")
    assert "E3 — EU package leaflet, post-2023 text" in text_of(eu_side)
    headings = [h.text for tree in blocks(at) for h in tree.iter("h4")]
    assert "Age" in headings and "Moderate renal impairment" in headings


def test_crcl_only_us_says_it_needs_creatinine() -> None:
    at = run_labels(age_years="68", crcl_ml_min="50")
    assert doses(at) == ["2 mg once daily", "2 mg once daily", "US label needs eGFR"]
    text = shown_text(at)
    assert "the US label doses by eGFR, which needs a serum creatinine" in text
    assert ":small[**eGFR:** eGFR unknown: no serum creatinine" in text
    assert "not converted into an eGFR" in text


def test_comparison_table_lists_every_topic_with_sources_and_dates() -> None:
    at = run_labels()
    rows = table_rows(at)
    assert [row["Topic"] for row in rows] == [label for _, label in TOPICS]
    for row, comparison in zip(rows, comparison_table(), strict=True):
        for cell in comparison.cells:
            shown = row[profile_column_title(PROFILES[cell.profile_id])]
            assert cell.text in shown
            assert all(source in shown for source in cell.sources), (comparison.topic, shown)
    us_contraception = next(r for r in rows if r["Topic"] == "contraception")
    assert us_contraception["US label (compiled 2026-12)"].startswith("unverified:")
    # The sources the table cites, folded below it (opened in the browser, no rerun).
    folded = blocks(at)[-1].find("./div/details")
    assert folded is not None
    cited = text_of(folded)
    assert cited.startswith(CITED_SUMMARY)
    assert "U15 — US label highlights 2018 (copy) — source" in cited
    links = [a.get("href", "") for a in folded.iter("a")]
    assert any(a.startswith("https://docslib.org/doc/783196/") for a in links)  # the address
    assert "source?passage=dosing.age_over_70" in links  # the passage on the source page
    assert "Cells marked “unverified” decide no verdict" in shown_text(at)


def verdicts(at: AppTest) -> list[str]:
    return [str(a.value) for kind in ("error", "warning", "info", "success") for a in at.get(kind)]


def test_severe_infection_on_a_biologic_is_no_label_recommended() -> None:
    """Failed before the 2026-12 facts: EU and US both said "Recommended"."""
    at = run_labels(
        age_years="50",
        creatinine_mg_dl="0.8",
        active_serious_infection="true",
        biologic_dmard="true",
    )
    shown = " ".join(verdicts(at))
    assert f"**{VERDICT_LABELS[Verdict.contraindicated]}**" in shown
    assert shown.count(f"**{VERDICT_LABELS[Verdict.not_recommended]}**") == 2
    assert f"**{VERDICT_LABELS[Verdict.recommended]}**" not in shown
    assert doses(at) == [
        "No dose: contraindicated",
        "No dose: not recommended",
        "No dose: not recommended",
    ]
    text = shown_text(at)
    # The infection topic: the article's ban, the EU caution as worded, the US "avoid".
    assert "Active serious infection (incl. localized, sepsis, opportunistic)" in [
        h.text for tree in blocks(at) for h in tree.iter("h4")
    ]
    assert "“active, chronic or recurrent infections”" in text
    assert "“active, serious infection, including localized infections”" in text
    assert "Label facts compiled 2026-12: check the current label." in text


def test_an_input_the_facts_do_not_cover_is_shown_as_such() -> None:
    at = run_labels(age_years="50", creatinine_mg_dl="0.8", hiv_positive="true")
    shown = " ".join(verdicts(at))
    assert shown.count(f"**{VERDICT_LABELS[Verdict.not_covered]}**") == 2
    assert doses(at) == ["4 mg once daily", "No dose: not covered", "No dose: not covered"]
    text = shown_text(at)
    assert "The label facts do not cover this" in text
    assert "HIV positive: the compiled EU SmPC facts do not cover this" in text
    assert "HIV testing in high-risk populations" in text  # the article passage, quoted
    # The reason in the verdict's own box, as on the Explorer.
    not_covered = VERDICT_LABELS[Verdict.not_covered]
    assert f"**{not_covered}** — HIV positive: the compiled US label facts do not cover" in shown
    assert "LF — Article vs. drug labels: facts for the comparison profiles" in text


def test_no_code_words_in_what_a_student_reads() -> None:
    """Ids only as small links: the passage ids of the quotes link to the source page."""
    at = run_labels(age_years="68", weight_kg="70", creatinine_mg_dl="1.2", hiv_positive="true")
    markdown = [str(m.value) for m in at.main.markdown] + verdicts(at)
    found = [w for text in markdown for w in code_words(without_reviewer_links(text))]
    found += [w for tree in blocks(at) for w in code_words(html_without_reviewer_links(tree))]
    # The comparison table names its sources by id in every cell (its key is below it).
    assert found == []
