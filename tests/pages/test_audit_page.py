"""The audit page (AppTest) and the other reading switched on across the app from a link."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app_pages import open_app_page
from html_blocks import html_tree, table_records
from rule_book_table import shown_ids
from streamlit.testing.v1 import AppTest

from core.assess import assess
from core.audit import (
    KIND_LABELS,
    audit_entries,
    audit_entry,
    case_differences,
    grid_difference,
)
from core.decision_table import decision_table_csv, decision_table_json
from core.dose_words import answer_words
from core.profiles import ARTICLE
from ui.audit_overview import OVERVIEW_CLASS
from ui.page_registry import AUDIT, DOSE_MAP, EXPLORER, RULE_BOOK


def _text(at) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(m.value for m in at.markdown)


def _table_rows(at: AppTest) -> list[list[str]]:
    """The overview's header, then each row's cells as shown (the page's HTML table)."""
    body = next(str(e.proto.body) for e in at.get("html") if OVERVIEW_CLASS in str(e.proto.body))
    records = table_records(html_tree(body), OVERVIEW_CLASS)
    return [list(records[0]), *(list(record.values()) for record in records)]


def test_overview_is_a_table_of_every_entry_with_the_cores_answers() -> None:
    # Before: a canvas data grid (st.dataframe). Now a plain HTML table: each entry's row in
    # words, every figure from the core.
    at = open_app_page(AUDIT.script)
    assert not at.dataframe
    header, *rows = _table_rows(at)
    assert header[0] == "Where" and "Teaching cases that change" in header
    expected = []
    for entry in audit_entries():
        example = grid_difference(entry, entry.example_scenario)
        app = assess(entry.example_scenario, ARTICLE)
        other = assess(entry.example_scenario, entry.profile)
        expected.append(
            [
                entry.title,
                KIND_LABELS[entry.kind],
                answer_words(app.verdict, app.dose_mg),
                answer_words(other.verdict, other.dose_mg),
                f"{example.changed_count:,} of {example.size:,}",
                str(len(case_differences(entry))),
            ]
        )
    assert rows == expected


def test_audit_page_lists_every_entry_and_opens_the_linked_one() -> None:
    at = open_app_page(AUDIT.script, entry="hbsag_with_prophylaxis")
    where = [row[0] for row in _table_rows(at)[1:]]
    assert where == [entry.title for entry in audit_entries()]
    assert at.selectbox[0].value == "hbsag_with_prophylaxis"
    text = _text(at)
    assert "avoid baricitinib or use with antiviral prophylaxis" in text
    assert "**The other reading:** Not recommended, no dose" in text
    assert "rule-book?rule=caution.hbsag_with_prophylaxis" in text
    assert "cases?case=hbsag_with_prophylaxis" in text
    assert "dose-map cells" in text


def test_unknown_entry_in_the_link_is_named() -> None:
    at = open_app_page(AUDIT.script, entry="nonsense")
    (warning,) = _link_warnings(at)
    first = audit_entries()[0].id
    assert warning.startswith("Link value not used: entry: 'nonsense' is not allowed; allowed: ")
    assert warning.endswith(f"Shown instead: the entry {first!r}.")
    assert at.selectbox[0].value == first
    near = open_app_page(AUDIT.script, entry="tb_histry")
    assert "(did you mean 'tb_history'?)" in _link_warnings(near)[0]


def test_the_chosen_entry_is_kept_in_the_link() -> None:
    at = open_app_page(AUDIT.script, entry="tb_history")
    assert at.selectbox[0].value == "tb_history"
    at.selectbox[0].set_value("standard_dose").run()
    assert at.query_params["entry"] == "standard_dose"


def test_switching_to_the_other_reading_marks_the_page_and_the_address() -> None:
    at = open_app_page(AUDIT.script, entry="standard_dose", crcl_ml_min="90")
    at.button(key="_audit.on.standard_dose").click().run()
    assert at.query_params["reading"] == "standard_dose"
    assert any("Not the app's default reading" in w.value for w in at.warning)
    at.button(key="_audit.off.standard_dose").click().run()
    assert "reading" not in at.query_params
    assert not any("Not the app's default reading" in w.value for w in at.warning)


def test_explorer_answers_under_the_reading_in_the_link_and_can_go_back() -> None:
    at = open_app_page(EXPLORER.script, reading="standard_dose", crcl_ml_min="90")
    assert any("Not the app's default reading" in w.value for w in at.warning)
    assert at.metric[0].value == "2 mg"
    at.button(key="reading_back").click().run()
    assert not any("Not the app's default reading" in w.value for w in at.warning)
    assert at.metric[0].value == "4 mg"
    assert "reading" not in at.query_params


def test_reading_link_opens_the_dose_map_under_it() -> None:
    at = open_app_page(DOSE_MAP.script, reading="crcl_below_30", crcl_ml_min="20")
    assert any("Not the app's default reading" in w.value for w in at.warning)
    assert "No dose: not recommended · Not recommended" in _text(at)
    plain = open_app_page(DOSE_MAP.script, crcl_ml_min="20")
    assert "No dose: contraindicated · Contraindicated" in _text(plain)


def _link_warnings(at: AppTest) -> list[str]:
    # As shown: markdown escapes taken out.
    return [str(w.value).replace("\\", "") for w in at.warning if "Link" in str(w.value)]


def test_bad_reading_in_the_link_is_named_and_not_used() -> None:
    at = open_app_page(EXPLORER.script, reading="nope", crcl_ml_min="90")
    (warning,) = _link_warnings(at)
    # The wording of every page parameter (ui.url_params): parameter, value, what is allowed,
    # what is shown instead.
    assert warning.startswith("Link value not used: reading: 'nope' is not allowed; allowed: ")
    assert "an audit entry id" in warning and "standard_dose" in warning
    assert warning.endswith("Shown instead: the app's default reading.")
    assert not any("Not the app's default reading" in w.value for w in at.warning)
    assert at.metric[0].value == "4 mg"
    assert "reading" not in at.query_params


def test_a_near_miss_reading_gets_did_you_mean_and_a_repeated_one_is_named() -> None:
    near = open_app_page(EXPLORER.script, reading="standard_dos")
    (warning,) = _link_warnings(near)
    assert "reading: 'standard_dos' is not allowed" in warning
    assert "did you mean 'standard_dose'?" in warning
    twice = open_app_page(EXPLORER.script, reading=["standard_dose", "tb_history"])
    (warning,) = _link_warnings(twice)
    assert "reading: ['standard_dose', 'tb_history'] is not allowed" in warning
    assert "one value (given 2 times in the link)" in warning
    assert not any("Not the app's default reading" in w.value for w in twice.warning)


def test_batch_rows_are_counted_from_an_upload_on_the_audit_page() -> None:
    at = open_app_page(AUDIT.script, entry="crcl_below_30")
    assert any("upload a CSV" in u.proto.label for u in at.get("file_uploader"))


def test_properties_panel_states_the_space_and_every_property_holds() -> None:
    at = open_app_page(AUDIT.script)
    text = _text(at)
    assert "scenarios** =" in text
    assert text.count("holds]") == 9
    assert "fails]" not in text


def test_properties_panel_under_a_stacking_reading_links_a_counterexample() -> None:
    at = open_app_page(AUDIT.script, reading="dose_below_2mg")
    text = _text(at)
    assert "fails]" in text
    assert "open the counterexample in the Explorer](./?" in text
    assert "reading=dose_below_2mg" in text.split("open the counterexample")[1]


def _downloads(at) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {b.proto.label: b for b in at.get("download_button")}


def test_rule_book_and_audit_offer_the_decision_table() -> None:
    for page in (RULE_BOOK.script, AUDIT.script):
        at = open_app_page(page)
        labels = set(_downloads(at))
        assert {"Decision table (CSV)", "Decision table (JSON)"} <= labels, page


def test_decision_table_files_are_built_on_click_and_a_click_does_not_rerun(
    downloads: dict[str, Callable[[], Any]],
) -> None:
    # Measured before: both files were copied and registered with the server on every run of
    # either page, and a click on a download reran the whole page. Now the page hands the
    # button a callable (the file is built when it is clicked) and the click reruns nothing.
    for page, reading in ((AUDIT.script, ""), (RULE_BOOK.script, "tb_history")):
        downloads.clear()
        at = open_app_page(page, **({"reading": reading} if reading else {}))
        buttons = [b.proto for b in at.get("download_button") if "Decision" in b.proto.label]
        assert len(buttons) == 2 and all(b.ignore_rerun for b in buttons), page
        assert all(b.deferred_file_id and not b.url for b in buttons), page
        name = "baricitinib-decision-table" + (f"-{reading}" if reading else "")
        entry = audit_entry(reading) if reading else None
        profile = entry.profile if entry else ARTICLE
        assert downloads[f"{name}.csv"]() == decision_table_csv(profile, entry), page
        assert downloads[f"{name}.json"]() == decision_table_json(profile, entry), page


def test_rule_book_shows_the_readings_rule_table() -> None:
    plain = open_app_page(RULE_BOOK.script)
    assert "caution.tb_history" in shown_ids(plain)
    other = open_app_page(RULE_BOOK.script, reading="tb_history")
    assert "caution.tb_history" not in shown_ids(other)
    assert any("Not the app's default reading" in w.value for w in other.warning)
