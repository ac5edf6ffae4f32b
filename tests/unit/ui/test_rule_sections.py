"""The rule book's sections as HTML: every rule, its words escaped, links to its passages (the
quotes themselves are in the table above them)."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from core.rules import RULES, RULES_BY_ID
from ui.rule_sections import SECTION_CLASS, rule_sections_html, section_label
from ui.rule_table import passage_text, template_words


def link(pid: str) -> str:
    return f"source?age_years=72&passage={pid}"


def test_every_rule_has_one_folded_section_with_its_words_and_passage_links() -> None:
    page = rule_sections_html(RULES, {}, expanded=(), passage_link=link)
    assert page.count(f'<details class="{SECTION_CLASS}"') == len(RULES)
    assert " open>" not in page
    for rule in RULES:
        assert html.escape(section_label(rule, False), quote=False) in page
        assert html.escape(rule.when.describe(), quote=False) in page
        assert html.escape(template_words(rule.text), quote=False) in page
        for pid in rule.passages:
            assert f'href="source?age_years=72&amp;passage={pid}"' in page
            assert f"<code>{pid}</code></a>" in page
            first_line = passage_text(pid).splitlines()[0]
            assert html.escape(first_line, quote=False) not in page  # quoted in the table


def test_our_text_is_never_read_as_markup() -> None:
    marked_up = replace(RULES[0], text="CrCl <30 <b>bold</b> & more")
    page = rule_sections_html([marked_up, *RULES], {}, expanded=(), passage_link=link)
    assert "CrCl &lt;30 &lt;b&gt;bold&lt;/b&gt; &amp; more" in page
    # The only tags are the ones the sections are built from.
    tags = set(re.findall(r"</?([a-z]+)", page))
    assert tags <= {"style", "details", "summary", "div", "p", "br", "strong", "a", "code"}


def test_a_firing_rule_says_so_and_only_the_asked_sections_are_open() -> None:
    fired = "● fires — Age: 72 years"
    page = rule_sections_html(
        RULES,
        {"dose.age_over_70": fired},
        expanded={"dose.age_over_70"},
        passage_link=link,
    )
    assert page.count(" open>") == 1
    section = page[page.index('data-rule="dose.age_over_70" open>') :]
    section = section[: section.index("</details>")]
    assert html.escape(section_label(RULES_BY_ID["dose.age_over_70"], True)) in section
    assert f"<strong>Fires for this scenario:</strong> {fired}" in section
