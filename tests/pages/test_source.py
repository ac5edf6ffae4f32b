"""AppTest of the source page through app.py, and the annotated article it draws."""

from __future__ import annotations

import json
import re

from app_pages import open_app_page
from code_words import code_words
from streamlit.testing.v1 import AppTest

from core import assess
from core.citations import citing_rules, coverage
from core.rules import RULES, RULES_BY_ID
from core.scenario import Scenario
from core.sources import article, passage_ids
from ui.annotated_source import DESCRIPTIVE, Show, annotated_html
from ui.page_registry import SOURCE

PAGE = SOURCE.script


def open_page(**params: str) -> AppTest:
    """The page at a shared link (the Explorer runs first: switch_page needs a run)."""
    return open_app_page(PAGE, **params)


def article_html(at: AppTest) -> str:
    # One HTML element (st.html): the article is never run through the Markdown pipeline.
    return next(str(h.value) for h in at.get("html") if "as-article" in str(h.value))


def test_no_rule_cites_a_dangling_passage_and_every_citation_is_shown() -> None:
    known = passage_ids()
    citers = citing_rules()
    assert set(citers) == known  # every passage listed, no unknown id added by a rule
    for rule in RULES:
        for pid in rule.passages:
            assert rule.id in citers[pid]


def test_whole_article_with_rules_beside_and_descriptive_marked() -> None:
    at = open_page(age_years="72", crcl_ml_min="45")
    page = article_html(at)
    for passage in article().passages:
        assert f'id="passage-{passage.id}"' in page
    for rule_id in RULES_BY_ID:  # every rule linked to the rule book, filtered to it
        assert f"rule={rule_id}" in page
    cited, descriptive = coverage(citing_rules())
    assert page.count(f"{DESCRIPTIVE}: cited by no rule") == descriptive > 0
    firing = {f.id for f in assess(Scenario(age_years=72, crcl_ml_min=45)).findings}
    behind = {p for p, ids in citing_rules().items() if firing & set(ids)}
    assert [m.value for m in at.metric] == [str(len(behind)), str(cited), str(descriptive)]
    # The rules beside a passage in words (a firing one with this scenario's numbers); the ids
    # only as small links to the rule book.
    assert "● Age 72 is over 70: reduce to 2 mg daily." in page  # fires for 72 / 45
    cells = re.findall(r'<div class="as-rules">(.*?)</div>', page)
    assert cells
    for cell in cells:
        words = re.sub(r'<a class="as-rid" href="[^"]*" target="_self">[^<]*</a>', "", cell)
        assert code_words(words) == [], words
    # The passages behind this scenario are shaded AND marked in words, as in the Explorer.
    assert page.count("● Behind this scenario") == len(behind) > 0
    assert 'class="as-row cited current" id="passage-dosing.age_over_70"' in page


def test_filter_to_the_passages_behind_this_scenario() -> None:
    at = open_page(age_years="72", crcl_ml_min="45")
    at.selectbox(key="_source.show").set_value(Show.current).run()
    page = article_html(at)
    firing = {f.id for f in assess(Scenario(age_years=72, crcl_ml_min=45)).findings}
    behind = {p for p, ids in citing_rules().items() if firing & set(ids)}
    shown = set(re.findall(r'class="as-row[^"]*" id="passage-([^"]+)"', page))
    assert shown == behind
    assert "age_years=72" in page  # rule links carry the scenario


def test_passage_link_highlights_and_scrolls() -> None:
    at = open_page(passage="dosing.renal_30_60")
    page = article_html(at)
    row = re.search(r'<div class="([^"]*)" id="passage-dosing\.renal_30_60">', page)
    assert row and "target" in row.group(1).split()
    assert page.count("You followed a link to this passage") == 1
    assert any("dosing.renal_30_60" in str(i.value) for i in at.info)
    scripts = [e for e in at.get("html") if "scrollIntoView" in str(e.proto.body)]
    # An attribute selector: "#passage-dosing.renal_30_60" would read ".renal_30_60" as a class.
    selector = json.dumps('[id="passage-dosing.renal_30_60"]')
    assert len(scripts) == 1 and selector in scripts[0].proto.body
    assert at.query_params["passage"] == "dosing.renal_30_60"  # kept in the link


def test_unknown_passage_is_named_and_nothing_scrolls() -> None:
    at = open_page(passage="dosing.<b>nope")
    shown = [str(w.value).replace("\\", "") for w in at.warning]
    assert any(
        "passage: 'dosing.&lt;b&gt;nope' is not allowed; allowed: a passage id" in text
        and "Shown instead: the whole article" in text
        for text in shown
    )
    assert "You followed a link" not in article_html(at)
    assert not [e for e in at.get("html") if "scrollIntoView" in str(e.proto.body)]


def test_filters_descriptive_only_and_search() -> None:
    citers = citing_rules()
    only_desc = annotated_html(citers, lambda r: r, show=Show.descriptive)
    assert "Cited by:" not in only_desc and DESCRIPTIVE in only_desc
    only_cited = annotated_html(citers, lambda r: r, show=Show.cited)
    assert f"{DESCRIPTIVE}: cited by no rule" not in only_cited
    found = annotated_html(citers, lambda r: r, query="probenecid")
    rows = re.findall(r'<div class="as-row[^"]*" id="passage-([^"]+)"', found)
    assert rows == ["dosing.oat3"]
    at = open_page()
    at.selectbox(key="_source.show").set_value(Show.descriptive).run()
    assert "Cited by:" not in article_html(at)
