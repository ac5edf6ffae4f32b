"""AppTest of the rule book through app.py (its pure pieces: tests/unit/core/test_algorithm.py,
tests/unit/ui/test_algorithm_chart.py, tests/unit/ui/test_rule_table.py)."""

from __future__ import annotations

import html

from app_pages import open_app_page
from rule_book_table import shown_ids, table_html, table_rows
from streamlit.testing.v1 import AppTest

from core import Scenario, assess
from core.rules import CATEGORY_LABELS, NOTE_EFFECTS, RULES, RULES_BY_ID, Category
from core.sources import passage_ids
from ui.page_registry import RULE_BOOK
from ui.rule_sections import SECTION_CLASS
from ui.rule_table import FIRES_MARK, passage_text, quote_line
from ui.scenario_state import scenario_link

PAGE = RULE_BOOK.script


def open_page(**params: str) -> AppTest:
    """The page at a shared link (the Explorer runs first: switch_page needs a run)."""
    return open_app_page(PAGE, **params)


def sections(at: AppTest) -> str:
    """The rule sections' HTML (one block, a <details> per rule)."""
    return next(str(e.proto.body) for e in at.get("html") if SECTION_CLASS in str(e.proto.body))


def section_of(at: AppTest, rule_id: str) -> str:
    """One rule's <details> element, from its opening tag to its end."""
    html = sections(at)
    start = html.index(f'data-rule="{rule_id}"')
    return html[html.rindex("<details", 0, start) : html.index("</details>", start)]


def test_every_rule_of_the_core_is_in_the_book_with_existing_passages() -> None:
    at = open_page()
    assert sorted(shown_ids(at)) == sorted(RULES_BY_ID)
    known = passage_ids()
    for row in table_rows(at):
        rid = row.cells["Rule id"]
        cited = RULES_BY_ID[rid].passages
        assert cited and set(cited) <= known  # no dangling passage id
        # The quote cell holds every cited passage whole, one passage a line.
        assert row.cells["Source quote"].split("\n") == [quote_line(pid) for pid in cited], rid
        # The section below links each passage on the source page instead of quoting it again.
        section = section_of(at, rid)
        for pid in cited:
            assert f'href="{scenario_link("source", Scenario(), passage=pid)}"' in section
    details = sections(at)
    assert all(f'data-rule="{rule.id}"><summary>{rule.id} — ' in details for rule in RULES)
    assert "<details " in details and " open>" not in details  # folded until asked


def test_each_quote_is_sent_once_in_the_table_and_linked_from_the_sections() -> None:
    at = open_page()
    table, details = table_html(at), sections(at)
    for rule in RULES:
        for pid in rule.passages:
            words = html.escape(passage_text(pid).splitlines()[0], quote=False)
            assert words in table, pid
            assert words not in details, pid  # was quoted a second time in the sections


def test_firing_rules_are_marked_with_their_inputs() -> None:
    at = open_page(age_years="72", crcl_ml_min="45")
    rows = {row.cells["Rule id"]: row for row in table_rows(at)}
    fired = {f.id for f in assess(Scenario(age_years=72, crcl_ml_min=45)).findings}
    marked = {rid for rid, row in rows.items() if row.cells["Fires now"].startswith(FIRES_MARK)}
    assert marked == fired
    assert {rid for rid, row in rows.items() if row.firing} == fired  # the shaded rows
    assert "Age: 72 years" in rows["dose.age_over_70"].cells["Fires now"]
    assert "45 mL/min" in rows["dose.crcl_30_60"].cells["Fires now"]


def test_search_category_and_firing_filters() -> None:
    at = open_page(pregnant="true")
    at.text_input(key="_rule_book.query").set_value("pregnant").run()
    ids = shown_ids(at)
    assert "ci.pregnancy" in ids and "dose.oat3" not in ids
    at.text_input(key="_rule_book.query").set_value("").run()
    at.multiselect(key="_rule_book.categories").set_value([Category.source_silent]).run()
    assert {RULES_BY_ID[i].category for i in shown_ids(at)} == {Category.source_silent}
    at.multiselect(key="_rule_book.categories").set_value([]).run()
    # The article's rule book offers only the article's categories (no label-only "not covered").
    offered = at.multiselect(key="_rule_book.categories").options
    assert CATEGORY_LABELS[Category.not_covered] not in offered
    assert CATEGORY_LABELS[Category.source_silent] in offered
    at.toggle(key="_rule_book.only_firing").set_value(True).run()
    assert set(shown_ids(at)) == {f.id for f in assess(Scenario(pregnant=True)).findings}


def test_rule_link_shows_one_rule_with_its_quote_open() -> None:
    at = open_page(rule="dose.age_over_70")
    assert shown_ids(at) == ["dose.age_over_70"]
    (row,) = table_rows(at)
    assert "Patients over 70 years: reduce to 2 mg daily" in row.cells["Source quote"]
    opened = section_of(at, "dose.age_over_70")
    assert opened.startswith('<details class="rb-rule" data-rule="dose.age_over_70" open>')
    assert 'href="source?passage=dosing.age_over_70"' in opened
    at.button(key="_rule_book.show_all").click().run()
    assert "rule" not in at.query_params and len(shown_ids(at)) == len(RULES)


def test_our_words_are_never_read_as_markup_in_the_table() -> None:
    at = open_page()
    # The article's "CrCl <30": kept as text in its quote cell, never as a tag.
    assert "&lt;30" in table_html(at)
    quotes = [row.cells["Source quote"] for row in table_rows(at)]
    assert any("<30" in quote for quote in quotes)


def test_unknown_rule_link_is_named_and_all_rules_shown() -> None:
    at = open_page(rule="ci.made_up")
    shown = [str(w.value).replace("\\", "") for w in at.warning]
    assert any(
        "rule: 'ci.made_up' is not allowed; allowed: a rule id" in text
        and "Shown instead: all rules" in text
        for text in shown
    )
    assert len(shown_ids(at)) == len(RULES)


def test_flowchart_and_source_silent_list_render() -> None:
    at = open_page(sustained_remission="true", crcl_ml_min="80")
    dot = at.get("graphviz_chart")[0].proto.spec
    assert dot.startswith("digraph") and "BRANCH TAKEN" in dot
    text = " ".join(str(m.value) for m in at.markdown)
    for rule in RULES:
        if rule.category is Category.source_silent:
            assert f"rule={rule.id}" in text
    assert "does not fill them in" in text
    # What each kind of note does, said exactly: the dose-below-2-mg note is a dosing statement.
    assert NOTE_EFFECTS[Category.source_silent] in text
    assert "all but one change no dose" in text and "keeps 2 mg" in text


def test_flowchart_and_path_words_name_inputs_not_rule_ids() -> None:
    at = open_page(age_years="75", crcl_ml_min="45", sustained_remission="true")
    dot = at.get("graphviz_chart")[0].proto.spec
    assert "because: Age 75 is over 70" in dot and "CrCl 45 mL/min is within 30-60" in dot
    assert not [rule.id for rule in RULES if rule.id in dot]
    path_words = next(str(m.value) for m in at.markdown if str(m.value).startswith("1. Step 1"))
    assert "because: Age 75 is over 70" in path_words
    assert not [rule.id for rule in RULES if rule.id in path_words]
    # The ids stay as small reviewer links beside the chart.
    links = next(str(m.value) for m in at.markdown if "Rules on this path" in str(m.value))
    assert links.startswith(":small[") and "rule=dose.age_over_70" in links


def test_sections_say_which_rules_fire_and_expand_all_opens_every_one() -> None:
    at = open_page(age_years="72", crcl_ml_min="45")
    fired = {f.id for f in assess(Scenario(age_years=72, crcl_ml_min=45)).findings}
    for rule in RULES:
        section = section_of(at, rule.id)
        assert (FIRES_MARK in section) is (rule.id in fired), rule.id
        assert ("Fires for this scenario:" in section) is (rule.id in fired), rule.id
        assert " open>" not in section
    assert "Age: 72 years" in section_of(at, "dose.age_over_70")
    at.toggle(key="_rule_book.expand_all").set_value(True).run()
    assert sections(at).count(" open><summary>") == len(RULES)


def test_decision_table_files_are_made_on_click_not_sent_with_every_visit() -> None:
    at = open_page()
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert set(buttons) == {"Decision table (CSV)", "Decision table (JSON)"}
    for label, proto in buttons.items():
        # No file address in the page (the browser fetched both files on every visit): the
        # server makes the file when the button is clicked, without a rerun.
        assert proto.deferred_file_id and not proto.url, label
        assert proto.ignore_rerun, label
