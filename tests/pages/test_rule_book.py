"""AppTest of the rule book through app.py, and the pure pieces it draws (table, algorithm path)."""

from __future__ import annotations

from app_pages import open_app_page
from streamlit.testing.v1 import AppTest

from core import Scenario, assess
from core.algorithm import Status, algorithm_path, path_lines
from core.rules import CATEGORY_LABELS, NOTE_EFFECTS, RULES, RULES_BY_ID, Category
from core.sources import passage_ids
from ui.algorithm_chart import algorithm_dot
from ui.page_registry import RULE_BOOK
from ui.rule_table import FIRES_MARK, filter_rules, quote_line, rule_table

PAGE = RULE_BOOK.script


def open_page(**params: str) -> AppTest:
    """The page at a shared link (the Explorer runs first: switch_page needs a run)."""
    return open_app_page(PAGE, **params)


def shown_ids(at: AppTest) -> list[str]:
    return list(at.table[0].value["Rule id"])


def test_every_rule_of_the_core_is_in_the_book_with_existing_passages() -> None:
    at = open_page()
    assert sorted(shown_ids(at)) == sorted(RULES_BY_ID)
    table = at.table[0].value
    known = passage_ids()
    for rid, quote in zip(table["Rule id"], table["Source quote"], strict=True):
        cited = RULES_BY_ID[rid].passages
        assert cited and set(cited) <= known  # no dangling passage id
        # The quote cell holds every cited passage whole, one passage a line.
        assert quote.split("\n") == [quote_line(pid) for pid in cited], rid
    details = " ".join(str(e.label).replace("\\", "") for e in at.expander)
    assert all(rule.id in details for rule in RULES)


def test_firing_rules_are_marked_with_their_inputs() -> None:
    at = open_page(age_years="72", crcl_ml_min="45")
    table = at.table[0].value.set_index("Rule id")
    fired = {f.id for f in assess(Scenario(age_years=72, crcl_ml_min=45)).findings}
    marked = {rid for rid, mark in table["Fires now"].items() if mark.startswith(FIRES_MARK)}
    assert marked == fired
    assert "Age: 72 years" in table.loc["dose.age_over_70", "Fires now"]
    assert "45 mL/min" in table.loc["dose.crcl_30_60", "Fires now"]


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
    opened = [e for e in at.expander if "dose.age_over_70" in e.label.replace("\\", "")]
    assert opened and opened[0].proto.expanded
    quotes = " ".join(str(m.value) for m in at.markdown)
    assert "Patients over 70 years: reduce to 2 mg daily" in quotes
    assert "source?passage=dosing.age_over_70" in quotes
    at.button(key="_rule_book.show_all").click().run()
    assert "rule" not in at.query_params and len(shown_ids(at)) == len(RULES)


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


# ---------------------------------------------------------------- pure pieces


def test_path_not_indicated_stops_at_step_1() -> None:
    path = algorithm_path(assess(Scenario(failed_csdmard=False, crcl_ml_min=80)))
    assert path.stopped_at == 1 and path.step(1).status is Status.stop
    assert "ni.no_failed_dmard" in path.step(1).notes[0]
    assert all(path.step(n).status is Status.not_reached for n in (2, 3, 4, 5))
    assert path.outcome.startswith("Not indicated yet")
    dot = algorithm_dot(path)
    assert 'step1 -> not_indicated [label="not met", color="#0072B2", penwidth=3' in dot


def test_path_contraindicated_stops_at_step_2_listing_the_findings() -> None:
    path = algorithm_path(assess(Scenario(pregnant=True, age_years=70, crcl_ml_min=80)))
    assert path.step(1).status is Status.passed
    assert path.stopped_at == 2 and path.step(2).status is Status.stop
    assert "✖ ci.pregnancy" in path.step(2).notes
    assert "⚠ caution.age_over_65" in path.step(2).notes
    assert path.step(4).status is Status.not_reached
    assert "Do not start" in path.outcome
    assert "step2 -> do_not_start" in algorithm_dot(path)


def test_path_remission_lights_step_6_and_the_dose_at_step_4() -> None:
    path = algorithm_path(assess(Scenario(sustained_remission=True, age_years=75, crcl_ml_min=80)))
    assert path.stopped_at is None
    assert [path.step(n).status for n in range(1, 6)] == [Status.passed] * 5
    assert path.step(4).notes[0] == "2 mg once daily"
    assert "because dose.age_over_70" in path.step(4).notes
    assert path.step(6).status is Status.branch_taken
    assert any("silent.dose_below_2mg" in note for note in path.step(6).notes)
    assert path.step(7).status is Status.branch_not_taken
    lines = path_lines(path)
    assert len(lines) == 8 and lines[-1] == "Outcome: Start at 2 mg once daily, then monitor."


def test_path_discontinuation_lights_step_7() -> None:
    path = algorithm_path(assess(Scenario(inadequate_response_3_to_6_months=True, crcl_ml_min=80)))
    assert path.stopped_at is None  # a step-7 rule does not stop screening at step 2
    assert path.step(7).status is Status.branch_taken
    assert path.step(7).notes == ("nr.inadequate_response",)
    assert path.outcome == "Discontinue (step 7)."


def test_filters_and_table_are_pure() -> None:
    assert len(filter_rules()) == len(RULES)
    # "probenecid" is only in the passage dosing.oat3: the search reads the passages' words.
    assert {r.id for r in filter_rules(query="probenecid")} == {
        r.id for r in RULES if "dosing.oat3" in r.passages
    }
    assert {r.category for r in filter_rules(categories={Category.dose})} == {Category.dose}
    frame = rule_table(RULES, {})
    assert list(frame["Rule id"]) == [r.id for r in RULES]
    assert (frame["Fires now"] == "").all()
    described = dict(zip(frame["Rule id"], frame["Condition (plain words)"], strict=True))
    assert described["ci.crcl_below_30"] == RULES_BY_ID["ci.crcl_below_30"].when.describe()
