"""AppTest of the batch page through app.py: uploaded bytes in, counts, table, filters, error
rows, whole-file messages, and downloads that are byte for byte what the command line writes.

Download bytes are read from the callables the page hands to ``st.download_button`` (the
page passes callables so big files are built on click): the ``downloads`` fixture
(``conftest.py``) keeps them by file name.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from app_pages import APP, open_app_page
from core_cli import run_core
from streamlit.testing.v1 import AppTest

from core.assess import assess
from core.batch import BatchFileError, read_csv_bytes, run_batch
from core.batch_review import MAX_ROWS, review_batch
from core.batch_template import sample_csv, template_csv
from core.exports import assessment_json, escape_markdown
from core.rules import ARTICLE_VERDICTS, VERDICT_LABELS, Verdict
from core.scenario import parse_scenario
from ui import batch_results
from ui.batch_results import ERROR_MARK, LOADED_KEY
from ui.page_registry import BATCH, EXPLORER

PAGE = BATCH.script

# Every kind of row: plain, Cockcroft-Gault, a case id and no value (an empty row), a bad value,
# two bad values, a ragged row, hostile text (formula, HTML, Markdown) in case_id and note, a
# quoted multi-line note with both creatinine units (an error), a contraindication, a BOM and
# CRLF line ends.
MIXED = (
    "\ufeffcase_id,note,age_years,sex,weight_kg,creatinine_mg_dl,creatinine_umol_l,crcl_ml_min,"
    "pregnant,biologic_dmard\r\n"
    "P1,plain,72,female,70,,,45,,\r\n"
    "P2,cockcroft-gault,68,male,80,1.2,,,no,\r\n"
    "P3,,,,,,,,,\r\n"
    "P4,bad age,150,female,70,,,,,\r\n"
    "P5,two problems,abc,robot,70,,,,,\r\n"
    "P6,ragged,50\r\n"
    '=HYPERLINK("http://x"),"<img src=x onerror=alert(1)> **bold** [link](http://x)",'
    "50,,,,,90,,\r\n"
    'P8,"line one\r\nline two, with comma",50,,,1.1,97,,,\r\n'
    "P9,pregnant,30,female,60,,,100,yes,\r\n"
    "P10,biologic,40,male,,,,80,,true\r\n"
).encode("utf-8")


def open_page() -> AppTest:
    return open_app_page(PAGE, timeout=60)


def upload(at: AppTest, data: bytes, name: str = "cases.csv") -> AppTest:
    at.file_uploader(key="batch.file").set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def cli_batch(data: bytes, tmp_path: Path) -> bytes:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(data)
    done = run_core("batch", str(source), str(target))
    assert done.code == 0, done.stderr
    assert b"rows assessed" in done.stdout
    return target.read_bytes()


def cli_error(data: bytes, tmp_path: Path) -> str:
    source = tmp_path / "bad.csv"
    source.write_bytes(data)
    done = run_core("batch", str(source), "-")
    assert done.code == 2
    return done.stderr.strip().removeprefix(f"error: {source}: ")


def unescaped(text: str) -> str:
    """Text shown through escape_markdown, back to what it says."""
    return html.unescape(re.sub(r"\\(.)", r"\1", text))


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: str(m.value) for m in at.metric}


def table(at: AppTest) -> Any:
    return at.dataframe(key="batch.table").value


def as_bytes(value: str | bytes) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


# ---------------------------------------------------------------- before a file


def test_page_before_upload_offers_template_and_sample(
    downloads: dict[str, Callable[[], Any]],
) -> None:
    at = open_page()
    assert at.file_uploader(key="batch.file").allowed_type == [".csv"]
    assert "Upload a CSV file" in at.info[0].value
    assert not at.get("plotly_chart") and not at.metric
    assert as_bytes(downloads["baricitinib-batch-template.csv"]()) == template_csv()


def test_sample_button_loads_the_sample() -> None:
    at = open_page()
    at.button(key="batch.sample").click().run()
    assert not at.exception
    counts = review_batch(sample_csv()).counts
    assert metrics(at) == {
        "Rows": f"{counts.rows:,}",
        "Assessed": f"{counts.assessed:,}",
        "With an error": f"{counts.errors:,}",
    }


# ---------------------------------------------------------------- the CLI's bytes


def test_result_download_is_byte_identical_to_the_cli(
    downloads: dict[str, Callable[[], Any]], tmp_path: Path
) -> None:
    at = upload(open_page(), MIXED, "mixed cases.csv")
    page_bytes = as_bytes(downloads["mixed-cases-assessed.csv"]())
    assert page_bytes == cli_batch(MIXED, tmp_path)
    # The file really has error rows and spreadsheet-neutralised hostile text.
    assert b"age_years: '150' is not allowed" in page_bytes
    assert b"row has 3 cells but the header has 10 columns" in page_bytes
    assert b"'=HYPERLINK" in page_bytes
    assert not at.error  # bad rows are rows, not a file error


def test_template_upload_is_byte_identical_to_the_cli(
    downloads: dict[str, Callable[[], Any]], tmp_path: Path
) -> None:
    upload(open_page(), template_csv(), "template.csv")
    assert as_bytes(downloads["template-assessed.csv"]()) == cli_batch(template_csv(), tmp_path)


def test_counts_chart_and_words_match_the_core() -> None:
    at = upload(open_page(), MIXED)
    counts = review_batch(MIXED).counts
    assert counts.errors == 5  # P3 has a case id and no value: an empty row
    assert metrics(at)["Rows"] == "10" and metrics(at)["With an error"] == "5"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    verdict_bar, dose_bar = spec["data"]
    shown = dict(zip(verdict_bar["y"], verdict_bar["x"], strict=True))
    for verdict in ARTICLE_VERDICTS:
        assert shown[VERDICT_LABELS[verdict]] == counts.verdicts[verdict.value]
    assert dict(zip(dose_bar["y"], dose_bar["x"], strict=True))["No dose"] == counts.doses[""]
    words = " ".join(str(m.value) for m in at.markdown)
    assert "10 rows: 5 assessed, 5 with an error" in words


# ---------------------------------------------------------------- table, errors, filters


def test_error_rows_come_first_with_their_messages() -> None:
    at = upload(open_page(), MIXED)
    frame = table(at)
    assert list(frame["row"][:5]) == [3, 4, 5, 6, 8]
    assert set(frame["verdict"][:5]) == {ERROR_MARK}
    assert set(frame["verdict"][5:]) & {ERROR_MARK} == set()
    empty, *messages = list(frame["error"][:5])
    assert empty == "empty row"
    assert messages[0].startswith("age_years: '150'")
    assert "age_years: 'abc'" in messages[1] and "sex: 'robot'" in messages[1]
    assert messages[2] == "row has 3 cells but the header has 10 columns"
    assert messages[3] == "creatinine_umol_l: '97' is not allowed; allowed: " + (
        "blank when creatinine_mg_dl is given (give one of the two)"
    )
    errors = at.table[0].value  # the error list above the table: whole messages, escaped
    assert list(errors["Row"]) == [3, 4, 5, 6, 8]
    assert [unescaped(text) for text in errors["Error (row not assessed)"]] == [empty, *messages]


def test_errors_first_off_keeps_file_order() -> None:
    at = upload(open_page(), MIXED)
    at.toggle(key="batch.errors_first").set_value(False).run()
    assert list(table(at)["row"]) == list(range(1, 11))


def test_filters_by_verdict_dose_finding_and_text() -> None:
    at = upload(open_page(), MIXED)
    contraindicated = VERDICT_LABELS[Verdict.contraindicated]
    at.multiselect(key="batch.f.verdict").set_value([contraindicated]).run()
    assert list(table(at)["case_id"]) == ["P9"]
    at.multiselect(key="batch.f.verdict").set_value([ERROR_MARK]).run()
    assert list(table(at)["case_id"]) == ["P3", "P4", "P5", "P6", "P8"]
    at.multiselect(key="batch.f.verdict").set_value([]).run()

    at.multiselect(key="batch.f.dose").set_value(["2 mg"]).run()
    expected = [r for r, d in zip(range(10), run_batch(MIXED).dose_mg, strict=True) if d == "2"]
    assert sorted(table(at)["row"] - 1) == expected
    at.multiselect(key="batch.f.dose").set_value([]).run()

    at.multiselect(key="batch.f.finding").set_value(["ci.pregnancy"]).run()
    assert list(table(at)["case_id"]) == ["P9"]
    at.multiselect(key="batch.f.finding").set_value([]).run()

    at.text_input(key="batch.f.text").set_value("LINE TWO").run()
    assert list(table(at)["case_id"]) == ["P8"]


def test_input_columns_on_request() -> None:
    at = upload(open_page(), MIXED)
    assert "weight_kg" not in table(at).columns
    at.toggle(key="batch.with_inputs").set_value(True).run()
    weights = dict(zip(table(at)["row"], table(at)["weight_kg"], strict=True))
    assert (weights[2], weights[9], weights[10]) == ("80", "60", "")


def test_shown_rows_download_holds_only_the_filtered_rows(
    downloads: dict[str, Callable[[], Any]], tmp_path: Path
) -> None:
    at = upload(open_page(), MIXED, "mixed.csv")
    at.multiselect(key="batch.f.verdict").set_value([ERROR_MARK]).run()
    part = as_bytes(downloads["mixed-assessed-filtered.csv"]())
    whole = cli_batch(MIXED, tmp_path)
    assert part.split(b"\n")[0] == whole.split(b"\n")[0]
    assert part.count(b"\nP") == 5 and b"not allowed" in part and b"empty row" in part


# ---------------------------------------------------------------- one row


def test_row_exports_handout_and_json(downloads: dict[str, Callable[[], Any]]) -> None:
    at = upload(open_page(), MIXED)
    at.number_input(key="batch.row").set_value(9).run()  # P9: pregnant
    assert not at.exception
    assert at.error[0].value.startswith("**Contraindicated**")
    expected = assess(
        parse_scenario(
            {
                "age_years": "30",
                "sex": "female",
                "weight_kg": "60",
                "crcl_ml_min": "100",
                "pregnant": "yes",
            }
        )
    )
    json_name = next(n for n in downloads if n.endswith(".json") and "-p9-" in n)
    assert json_name == "baricitinib-assessment-p9-age30-crcl100.json"
    assert downloads[json_name]() == assessment_json(expected)
    handout = downloads[json_name.replace("assessment", "handout").replace(".json", ".md")]()
    assert "**Case:** P9" in handout and "**Note:** pregnant" in handout
    assert all(finding.id in handout for finding in expected.findings)
    links = [link for link in at.get("page_link") if "Explorer" in link.proto.label]
    # The row's scenario in the contract's spelling; defaults (sex female) left out.
    assert dict(parse_qsl(links[0].proto.query_string)) == {
        "age_years": "30",
        "weight_kg": "60",
        "crcl_ml_min": "100",
        "pregnant": "true",
    }


def test_hostile_row_exports_are_escaped(downloads: dict[str, Callable[[], Any]]) -> None:
    at = upload(open_page(), MIXED)
    at.number_input(key="batch.row").set_value(7).run()
    assert not at.exception
    handout = next(f() for n, f in downloads.items() if n.endswith(".md") and "hyperlink" in n)
    assert "<img" not in handout and "](http" not in handout and "**bold**" not in handout
    note = "<img src=x onerror=alert(1)> **bold** [link](http://x)"
    assert f"**Note:** {escape_markdown(note)}" in handout
    case_id = '=HYPERLINK("http://x")'
    assert f"**Case:** {escape_markdown(case_id)}" in handout
    # On screen: the case id and note only in st.text (plain), never in a Markdown element.
    assert any("<img src=x" in t.value for t in at.text)
    markdown_like = [*at.markdown, *at.caption, *at.error, *at.info, *at.success, *at.warning]
    assert not any("<img" in str(e.value) or "](http" in str(e.value) for e in markdown_like)


def test_error_row_shows_its_message_instead_of_exports(
    downloads: dict[str, Callable[[], Any]],
) -> None:
    at = upload(open_page(), MIXED)
    downloads.clear()
    at.number_input(key="batch.row").set_value(5).run()
    message = unescaped(at.error[0].value)
    assert message.startswith("Row 5 was not assessed: age_years: 'abc'")
    assert "sex: 'robot'" in message
    assert not [name for name in downloads if name.endswith((".md", ".json"))]


# ---------------------------------------------------------------- whole-file problems

UTF16 = "age_years\n50\n".encode("utf-16")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
XLSX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "blank lines": (b"\n\r\n  \n", "the file is empty"),
    "header only": (b"age_years,sex\n", "the file has a header but no rows"),
    "utf-16": (UTF16, "UTF-16"),
    "utf-16 no bom": ("age_years\n50\n".encode("utf-16-le"), "NUL bytes"),
    "latin-1": ("note,age_years\nJosé,50\n".encode("latin-1"), "not UTF-8"),
    "png renamed": (PNG, "not a CSV text file"),
    "xlsx renamed": (XLSX, "spreadsheet (xlsx/xls)"),
    "duplicate column": (b"age_years,sex,age_years\n50,female,51\n", "duplicate column"),
    "unknown column": (b"age_years,weigth_kg\n50,70\n", "did you mean 'weight_kg'?"),
    "semicolons": (b"age_years;sex\n50;female\n", "semicolons"),
    "unnamed column": (b"age_years,,sex\n50,,female\n", "column 2 of the header has no name"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_whole_file_problem_is_one_clear_message(case: str, tmp_path: Path) -> None:
    data, words = BAD_FILES[case]
    at = upload(open_page(), data, "input.csv")
    assert len(at.error) == 1
    shown = unescaped(at.error[0].value)
    with pytest.raises(BatchFileError) as raised:
        read_csv_bytes(data)
    assert words in str(raised.value)
    assert shown == f"input.csv: {raised.value}"
    assert str(raised.value) == cli_error(data, tmp_path)  # the CLI says the same
    assert not at.metric and not at.get("plotly_chart")


def test_too_many_rows_for_the_page() -> None:
    data = b"age_years\n" + b"50\n" * (MAX_ROWS + 1)
    at = upload(open_page(), data, "huge.csv")
    shown = unescaped(at.error[0].value)
    assert f"up to {MAX_ROWS:,} rows" in shown and "python -m core batch" in shown
    assert not at.metric


def test_largest_accepted_file_runs() -> None:
    data = b"age_years,crcl_ml_min\n" + b"72,45\n" * MAX_ROWS
    at = upload(open_page(), data, "big.csv")
    assert metrics(at)["Rows"] == f"{MAX_ROWS:,}"
    assert not at.error


def test_a_new_file_replaces_the_old_one_and_its_filters() -> None:
    at = upload(open_page(), MIXED)
    at.multiselect(key="batch.f.verdict").set_value([ERROR_MARK]).run()
    at = upload(at, template_csv(), "template.csv")
    assert metrics(at)["Rows"] == "1"
    assert list(table(at)["case_id"]) == ["example-1"]
    upload(at, b"", "empty.csv")
    assert "the file is empty" in at.error[0].value
    at.file_uploader(key="batch.file").set_value(None).run()
    assert not at.exception and not at.error and "Upload a CSV file" in at.info[0].value


def test_file_name_is_shown_as_text() -> None:
    at = upload(open_page(), b"", "**x** <b>y</b> [a](http://x).csv")
    value = at.error[0].value
    assert "<b>" not in value and "**x**" not in value and "](http" not in value
    assert unescaped(value) == "**x** <b>y</b> [a](http://x).csv: " + (
        "the file is empty: expected a header line of field names"
    )


# ---------------------------------------------------------------- memory and the table's words


def test_results_are_released_when_the_user_leaves_batch() -> None:
    at = upload(open_page(), MIXED)
    assert LOADED_KEY in at.session_state
    at.switch_page(EXPLORER.script).run()
    assert not at.exception
    assert LOADED_KEY not in at.session_state


def test_a_missing_value_shows_a_dash_and_one_row_reads_row() -> None:
    at = upload(open_page(), b"age_years\n50\n", "one.csv")
    assert at.dataframe(key="batch.table").proto.placeholder == "—"  # not "None"
    words = " ".join(str(m.value) for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "1 row:" in words and "1 row assessed" in words and "of 1 row." in words
    assert "1 rows" not in words


def test_the_table_holds_a_page_of_rows_and_the_download_all_of_them(
    monkeypatch: pytest.MonkeyPatch, downloads: dict[str, Callable[[], Any]]
) -> None:
    monkeypatch.setattr(batch_results, "GRID_ROWS", 3)
    at = upload(open_page(), MIXED, "mixed.csv")
    assert len(table(at)) == 3
    captions = " ".join(c.value for c in at.caption)
    assert "10 rows match; the table shows the first 3" in captions
    part = as_bytes(downloads["mixed-assessed-filtered.csv"]())
    assert part.count(b"\nP") == 9  # every matching row (one case_id is a formula)


# ---------------------------------------------------------------- under an audit reading


def test_the_batch_answers_under_the_reading_in_the_address() -> None:
    """The reading banner says the rules core answers under the other reading: so must the
    batch (CrCl 20 is not recommended, not contraindicated, when CrCl < 30 is read as the
    dosing section's "not recommended"); back to the app's reading, the file is assessed again."""
    data = b"case_id,crcl_ml_min\nlow,20\n"
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["reading"] = "crcl_below_30"
    at.run()
    at.switch_page(PAGE).run()
    upload(at, data)
    assert list(table(at)["verdict"]) == [VERDICT_LABELS[Verdict.not_recommended]]
    at.button(key="reading_back").click().run()
    assert not at.exception, at.exception
    assert list(table(at)["verdict"]) == [VERDICT_LABELS[Verdict.contraindicated]]
