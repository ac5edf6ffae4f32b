"""The labels page's differences and cited sources as HTML (ui.label_differences): every topic
that differs with each profile's rule, what applies and both sources quoted, the folded
wording-only group, the text escaped, and ids only as small links to the source page."""

from __future__ import annotations

import dataclasses
import re

import pytest
from code_words import code_words
from html_blocks import html_tree, reviewer_links, text_of, with_class, without_reviewer_links

from core import Scenario
from core.profiles import PROFILES, comparison_table
from core.profiles.differences import (
    TopicDifference,
    cited_sources,
    profile_assessments,
    profile_column_title,
    topic_differences,
)
from core.rules import CATEGORY_LABELS
from ui.label_differences import (
    CITED_SUMMARY,
    DIFFERENCE_CLASS,
    NO_RULE_FIRES,
    NOT_COVERED_BADGE,
    NOTHING_DIFFERS,
    WORDING_SUMMARY,
    cited_sources_html,
    differences_html,
    label_date,
)

EXAMPLE = Scenario(age_years=68, sex="female", weight_kg=70, creatinine_mg_dl=1.2)
SCENARIOS = (
    EXAMPLE,
    Scenario(age_years=70, crcl_ml_min=80),
    Scenario(active_serious_infection=True, biologic_dmard=True, hiv_positive=True),
    Scenario(inadequate_response_3_to_6_months=True, vte_history=True),
)


def link(pid: str) -> str:
    return f"source?age_years=68&passage={pid}"


def differences(scenario: Scenario) -> tuple[TopicDifference, ...]:
    return topic_differences(profile_assessments(scenario))


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=range(len(SCENARIOS)))
def test_every_difference_shows_each_profiles_rule_what_applies_and_its_sources(
    scenario: Scenario,
) -> None:
    found = differences(scenario)
    tree = html_tree(differences_html(found, link))
    sections = {s.get("data-topic"): s for s in with_class(tree, DIFFERENCE_CLASS)}
    assert list(sections) == [d.topic for d in found]
    for difference in found:
        section = sections[difference.topic]
        assert flat(text_of(section)).startswith(difference.label[:1].upper())
        assert (NOT_COVERED_BADGE in text_of(section)) is difference.not_covered
        shown = with_class(section, "lv-side")
        assert len(shown) == len(difference.sides) == len(PROFILES)
        for side, element in zip(difference.sides, shown, strict=True):
            words = text_of(element)
            assert words.startswith(f"{side.profile.short_name}: {side.words}")
            for finding in side.fired:
                assert f"{CATEGORY_LABELS[finding.category]}: {finding.text}" in words
            assert (NO_RULE_FIRES in words) is not side.fired
            links = {a.get("href"): "".join(a.itertext()) for a in element.iter("a")}
            for source_id, quote in side.quotes:
                if side.profile.is_label:
                    what, _, address = quote.partition(" — ")
                    assert f"{source_id} — {what}" in words
                    assert links.get(address, "source") == "source"
                else:  # the article's own words, its id a link to the passage
                    assert f"“{quote}”" in flat(words)
                    assert links[link(source_id)] == source_id
            assert (label_date(side.profile) in words) is side.profile.is_label


def test_outcome_changes_come_first_and_wording_only_differences_are_folded() -> None:
    found = differences(EXAMPLE)
    outcome = [d.topic for d in found if d.changes_outcome]
    wording = [d.topic for d in found if not d.changes_outcome]
    assert outcome and wording
    tree = html_tree(differences_html(found, link))
    block = tree[0]
    shown = [s.get("data-topic") for s in block if s.get("class") == DIFFERENCE_CLASS]
    assert shown == outcome
    (folded,) = block.iter("details")
    assert folded.get("open") is None
    assert text_of(folded).startswith(f"{WORDING_SUMMARY} ({len(wording)})")
    assert [s.get("data-topic") for s in with_class(folded, DIFFERENCE_CLASS)] == wording
    summary = text_of(block).splitlines()[0]
    assert summary.startswith(f"{len(outcome)} topic(s) with a different outcome")
    assert f"{len(wording)} with the same kind of outcome" in summary


def test_nothing_differs_says_so() -> None:
    assert text_of(html_tree(differences_html((), link))) == NOTHING_DIFFERS


def test_a_gap_in_the_label_facts_has_its_badge() -> None:
    found = differences(Scenario(hiv_positive=True))
    hiv = next(d for d in found if d.topic == "hiv")
    assert hiv.not_covered
    section = next(
        s
        for s in with_class(html_tree(differences_html(found, link)), DIFFERENCE_CLASS)
        if s.get("data-topic") == "hiv"
    )
    (badge,) = with_class(section, "lv-badge")
    assert badge.text == NOT_COVERED_BADGE


def test_text_is_never_read_as_markup() -> None:
    age = next(d for d in differences(EXAMPLE) if d.topic == "age")
    hostile = "<img src=x onerror=alert(1)> & <b>bold</b>"
    sides = (dataclasses.replace(age.sides[0], cell_text=hostile), *age.sides[1:])
    body = differences_html((dataclasses.replace(age, label=hostile, sides=sides),), link)
    assert "<img" not in body and "<b>" not in body
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in body
    tags = set(re.findall(r"</?([a-z0-9]+)", body.split("</style>")[-1]))
    allowed = {"div", "p", "section", "h4", "ul", "li", "em", "strong", "a", "code", "span"}
    assert tags <= allowed | {"details", "summary"}, tags
    (section,) = with_class(html_tree(body), DIFFERENCE_CLASS)  # the reader sees the words
    assert text_of(section).startswith(f"{hostile}\nArticle: {hostile}")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=range(len(SCENARIOS)))
def test_ids_appear_only_as_small_links_to_the_source_page(scenario: Scenario) -> None:
    tree = html_tree(differences_html(differences(scenario), link))
    for anchor in reviewer_links(tree):
        assert anchor.get("href") == link(anchor[0].text or "")
        assert anchor.get("rel") == "noopener noreferrer"
    assert code_words(without_reviewer_links(tree)) == []


def test_cited_sources_list_every_source_of_the_table_per_profile() -> None:
    rows = comparison_table()
    cited = cited_sources(rows)
    tree = html_tree(cited_sources_html(cited, link))
    (folded,) = tree.iter("details")
    assert folded.get("open") is None
    words = text_of(folded)
    assert words.startswith(CITED_SUMMARY)
    for profile_id, quotes in cited.items():
        profile = PROFILES[profile_id]
        assert profile_column_title(profile) in words
        for source_id, quote in quotes:
            if profile.is_label:
                assert f"{source_id} — {quote.partition(' — ')[0]}" in words
            else:
                assert f"“{quote}”" in flat(words)
    links = {a.get("href") for a in folded.iter("a")}
    assert link("dosing.age_over_70") in links
    assert "https://docslib.org/doc/783196/" in " ".join(sorted(links))
    assert code_words(without_reviewer_links(tree)) == []
