"""The batch review's pieces (core.batch_review) and the page's table and words
(ui.batch_results): loading (progress, limits), counts, table, filters, the subset download,
file names, one-row exports, and the counts figure."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from core.assess import assess
from core.batch import BatchFileError, assess_csv
from core.batch_review import (
    RowFilter,
    file_size,
    filter_rows,
    input_columns,
    result_csv,
    result_file_name,
    review_batch,
    row_cells,
    row_exports,
)
from core.batch_template import sample_csv
from core.exports import assessment_json
from core.rules import ARTICLE_VERDICTS, VERDICT_LABELS, Verdict
from core.scenario import parse_scenario
from ui.batch_counts_figure import (
    BATCH_DOSE_AXIS,
    BATCH_ERROR_LABEL,
    BATCH_VERDICT_AXIS,
    BATCH_VERDICT_COLORS,
    BATCH_X_TITLE,
    batch_counts_figure,
)
from ui.batch_results import (
    ERROR_MARK,
    counts_summary,
    dose_options,
    load_batch,
    plural,
    results_frame,
    verdict_options,
)

GOLDEN = Path(__file__).parents[1] / "batch_golden"
FILE = (
    b"case_id,age_years,crcl_ml_min,pregnant,note\n"
    b"A,72,45,,first\n"  # caution, 2 mg
    b"B,50,90,,second\n"  # recommended, 4 mg
    b"C,30,100,yes,third\n"  # contraindicated, no dose
    b"D,abc,90,,fourth\n"  # error
    b"E,50,,,fifth\n"  # recommended, renal unknown: no dose
)


def test_load_batch_reports_progress_per_chunk() -> None:
    seen: list[tuple[int, int]] = []
    upload = load_batch("f.csv", FILE, lambda done, total: seen.append((done, total)))
    assert seen == [(5, 5)]
    assert result_csv(upload.review) == assess_csv(FILE)
    assert upload.name == "f.csv" and upload.size == len(FILE)


def test_load_batch_raises_the_core_file_error() -> None:
    with pytest.raises(BatchFileError, match="did you mean 'age_years'"):
        load_batch("f.csv", b"age_yeras\n50\n")


@pytest.mark.parametrize(
    ("data", "refused"),
    [
        (b"h\n" + b"1\n" * 10, False),
        (b"h\n" + b"1\n" * 10 + b"1", True),  # no final newline: still 11 rows
        (b"h\n" + b"1\n" * 11, True),
        (b"h\n" + b"1\n" * 9 + b"1", False),
        (b"h\r" + b"1\r" * 11, True),  # a bare CR ends a record too
        (b"h\r\n" + b"1\r\n" * 10, False),
        (b'h\n"1\n2\n3"\n' * 1 + b"1\n" * 9, False),  # a quoted cell spans lines: 10 records
    ],
)
def test_row_limit_counts_records(data: bytes, refused: bool) -> None:
    data = data.replace(b"h", b"age_years", 1)
    if refused:
        with pytest.raises(BatchFileError, match="up to 10 rows"):
            review_batch(data, max_rows=10)
    else:
        assert review_batch(data, max_rows=10).counts.rows == 10


def test_counts() -> None:
    counts = review_batch(FILE).counts
    assert (counts.rows, counts.errors, counts.assessed) == (5, 1, 4)
    assert counts.verdicts["recommended"] == 2 and counts.verdicts["contraindicated"] == 1
    assert counts.doses == {"2": 1, "4": 1, "": 2}
    assert counts.findings["ci.pregnancy"] == 1
    assert list(counts.findings) == sorted(counts.findings)
    assert verdict_options(counts) == [
        VERDICT_LABELS[Verdict.contraindicated],
        VERDICT_LABELS[Verdict.use_with_caution],
        VERDICT_LABELS[Verdict.recommended],
        ERROR_MARK,
    ]
    assert dose_options(counts) == ["4 mg", "2 mg", "No dose"]


def test_counts_summary_words() -> None:
    lines = counts_summary(review_batch(FILE).counts)
    assert lines[0] == "5 rows: 4 assessed, 1 with an error (not assessed)."
    assert "contraindicated 1 (20%)" in lines[1] and "recommended 2 (40%)" in lines[1]
    assert lines[2] == "Starting doses: 4 mg 1 (20%), 2 mg 1 (20%), no dose 2 (40%)."


def test_results_frame_columns_and_values() -> None:
    frame = results_frame(review_batch(FILE))
    assert list(frame.columns) == [
        "row",
        "case_id",
        "note",
        "verdict",
        "error",
        "dose",
        "crcl_used",
        "finding_ids",
    ]
    inputs = input_columns(FILE)
    assert list(inputs.columns) == ["age_years", "crcl_ml_min", "pregnant"]
    assert list(inputs["age_years"]) == ["72", "50", "30", "abc", "50"]
    assert list(frame["row"]) == [1, 2, 3, 4, 5]
    assert list(frame["dose"]) == ["2 mg", "4 mg", "No dose", "", "No dose"]
    assert frame["verdict"][3] == ERROR_MARK and frame["error"][3].startswith("age_years")
    assert frame["crcl_used"][0] == 45.0 and frame["crcl_used"].isna()[4]


def test_filters() -> None:
    frame = results_frame(review_batch(FILE))

    def rows(**chosen: object) -> list[int]:
        return list(filter_rows(frame, RowFilter(**chosen))["row"])  # type: ignore[arg-type]

    assert rows() == [4, 1, 2, 3, 5]
    assert rows(errors_first=False) == [1, 2, 3, 4, 5]
    assert rows(verdicts=("Recommended",)) == [2, 5]
    assert rows(doses=("No dose",)) == [3, 5]
    assert rows(doses=("No dose",), verdicts=("Recommended",)) == [5]
    assert rows(findings=("ci.pregnancy",)) == [3]
    assert rows(findings=("ci.pregnancy", "dose.age_over_70")) == [1, 3]
    assert rows(findings=("ci.preg",)) == []  # whole ids only
    assert rows(text="FOURTH") == [4]
    assert rows(text="e") == [2, 5]  # note "second", case_id "E" (case-insensitive)
    assert rows(text="[") == []  # plain text, not a pattern


def test_subset_download_equals_the_cli_on_those_rows() -> None:
    review = review_batch(FILE)
    lines = FILE.split(b"\n")
    for picked in ([0], [3], [1, 3, 4], [4, 0], []):
        subset_input = b"\n".join([lines[0], *(lines[i + 1] for i in sorted(picked))]) + b"\n"
        expected = assess_csv(subset_input) if picked else assess_csv(FILE).split(b"\n")[0] + b"\n"
        assert result_csv(review, picked) == expected
    assert result_csv(review) == assess_csv(FILE)


def test_download_of_a_file_in_many_blocks_with_line_breaks_in_cells() -> None:
    data = (GOLDEN / "varied.csv").read_bytes()
    expected = (GOLDEN / "varied.article.out.csv").read_bytes()
    review = review_batch(data, chunk_rows=50)
    assert len(review.blocks) == 12
    assert result_csv(review) == expected
    picked = [0, 49, 50, 51, 300, 557]
    part = result_csv(review, picked).decode()
    rows = list(csv.reader(io.StringIO(expected.decode(), newline="")))
    assert list(csv.reader(io.StringIO(part, newline=""))) == [
        rows[0],
        *(rows[i + 1] for i in picked),
    ]


def test_file_names_and_sizes() -> None:
    assert result_file_name("cases.csv") == "cases-assessed.csv"
    assert result_file_name("my cases (v2).csv") == "my-cases-v2-assessed.csv"
    assert result_file_name("../../etc/passwd.csv") == "passwd-assessed.csv"
    assert result_file_name("(!).csv") == "batch-assessed.csv"
    assert [file_size(n) for n in (812, 2_500, 6_100_000)] == ["812 bytes", "2.5 kB", "6.1 MB"]


def test_row_exports_match_the_one_scenario_path() -> None:
    review = review_batch(FILE)
    row = row_exports(row_cells(FILE, 2), 2)
    expected = assess(parse_scenario({"age_years": "30", "crcl_ml_min": "100", "pregnant": "yes"}))
    assert row.case_id == "C" and row.note == "third"
    assert row.json() == assessment_json(expected)
    assert row.assessment.verdict.value == review.table["verdict"][2]
    assert "**Case:** C" in row.handout()
    assert row.file_name("handout") == "baricitinib-handout-c-age30-crcl100.md"
    with pytest.raises(ValueError, match="age_years: 'abc'"):
        row_exports(row_cells(FILE, 3), 3, review.table["error"][3])


def test_every_sample_row_exports_the_batch_verdict() -> None:
    data = sample_csv()
    table = review_batch(data).table
    for index, error in enumerate(table["error"]):
        if not error:
            exported = row_exports(row_cells(data, index), index).assessment.verdict.value
            assert exported == table["verdict"][index]


def test_row_cells_of_a_file_with_line_breaks_in_cells() -> None:
    data = b'case_id,note,age_years\nA,"x\ny",50\nB,"\r\n\r",60\nC,,70\n'
    assert row_cells(data, 2) == {"case_id": "C", "note": "", "age_years": "70"}
    assert row_cells(data, 1)["note"] == "\r\n\r"
    with pytest.raises(IndexError):
        row_cells(data, 3)


def test_plural() -> None:
    assert [plural(n, "row") for n in (0, 1, 2, 1500)] == [
        "0 rows",
        "1 row",
        "2 rows",
        "1,500 rows",
    ]
    one = review_batch(b"age_years\n50\n").counts
    assert counts_summary(one)[0] == "1 row: 1 assessed, 0 with an error (not assessed)."


# ---------------------------------------------------------------- the figure


def test_counts_figure_bars_labels_and_axes() -> None:
    counts = review_batch(FILE).counts
    fig = batch_counts_figure(counts.verdicts, counts.doses, counts.errors).to_dict()
    verdicts, doses = fig["data"]
    assert list(verdicts["y"]) == [VERDICT_LABELS[v] for v in ARTICLE_VERDICTS] + [
        BATCH_ERROR_LABEL
    ]
    assert list(verdicts["x"]) == [1, 0, 0, 1, 2, 1]
    assert list(verdicts["text"])[-1] == "1 · 20%"
    assert list(verdicts["marker"]["color"])[:5] == [
        BATCH_VERDICT_COLORS[v] for v in ARTICLE_VERDICTS
    ]
    assert list(verdicts["marker"]["pattern"]["shape"]) == ["", "", "", "", "", "x"]
    assert list(doses["y"]) == ["4 mg", "2 mg", "No dose"]  # no 1 mg bar in the article
    assert list(doses["x"]) == [1, 1, 2]
    layout = fig["layout"]
    assert layout["xaxis"]["title"]["text"] == BATCH_X_TITLE
    assert layout["xaxis2"]["title"]["text"] == BATCH_X_TITLE
    assert layout["yaxis"]["title"]["text"] == BATCH_VERDICT_AXIS
    assert layout["yaxis2"]["title"]["text"] == BATCH_DOSE_AXIS
    assert layout["font"]["size"] >= 16
    # Each panel has room right of its longest bar for the count label.
    assert layout["xaxis"]["range"][1] >= 1.3 * max(verdicts["x"])
    assert layout["xaxis2"]["range"][1] >= 1.6 * max(doses["x"])


def test_counts_figure_shows_a_1_mg_bar_when_a_row_has_it() -> None:
    fig = batch_counts_figure({"recommended": 3}, {"1": 2, "4": 1}, 0).to_dict()
    assert list(fig["data"][1]["y"]) == ["4 mg", "2 mg", "1 mg", "No dose"]
    assert list(fig["data"][1]["x"]) == [1, 0, 2, 0]


def test_counts_figure_of_an_all_error_file() -> None:
    fig = batch_counts_figure({}, {}, 4).to_dict()
    assert list(fig["data"][0]["x"]) == [0, 0, 0, 0, 0, 4]
    assert fig["layout"]["xaxis"]["range"][1] > 4  # room for the count label


def test_counts_figure_shows_not_covered_only_when_a_row_has_it() -> None:
    counts = {"recommended": 1, "not_covered": 2}
    fig = batch_counts_figure(counts, {"2": 1, "": 2}, 0).to_dict()
    labels = list(fig["data"][0]["y"])
    assert labels[3:5] == [VERDICT_LABELS[Verdict.not_covered], "Use with caution"]
    assert list(fig["data"][0]["x"])[3] == 2
    assert BATCH_VERDICT_COLORS[Verdict.not_covered] not in {
        BATCH_VERDICT_COLORS[v] for v in ARTICLE_VERDICTS
    }
    article_only = batch_counts_figure({"recommended": 1}, {"4": 1}, 0).to_dict()
    assert VERDICT_LABELS[Verdict.not_covered] not in list(article_only["data"][0]["y"])
