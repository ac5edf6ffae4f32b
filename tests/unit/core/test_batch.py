"""core.batch in-process: formatting, blanks, ragged rows, chunking, progress, spreadsheet safety,
and the whole-file errors the Streamlit page shows (BatchFileError)."""

from __future__ import annotations

import csv
import io

import pytest

from core.batch import (
    OUTPUT_COLUMNS,
    BatchFileError,
    assess_csv,
    neutralise,
    number_text,
    read_csv_bytes,
    run_batch,
)


def rows_of(output: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output.decode("utf-8"), newline="")))


def test_output_columns_follow_the_input_columns() -> None:
    out = assess_csv(b"note,crcl_ml_min,case_id\nhello,45,P1\n")
    header = out.decode().splitlines()[0]
    assert header == "note,crcl_ml_min,case_id," + ",".join(OUTPUT_COLUMNS)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (45.0, "45"),
        (49.6, "49.6"),
        (0.0, "0"),
        (250.0, "250"),
        (60.04, "60.04"),
        (float("nan"), ""),
    ],
)
def test_number_text(value: float, text: str) -> None:
    assert number_text(value) == text


def test_formatting_of_dose_and_crcl() -> None:
    out = rows_of(
        assess_csv(
            b"age_years,sex,weight_kg,creatinine_mg_dl,crcl_ml_min\n"
            b"68,female,70,1.2,\n"
            b"50,,,,90\n"
            b"50,,,,\n"
            b"50,,,,20\n"
        )
    )
    assert [(r["crcl_ml_min_used"], r["dose_mg"]) for r in out] == [
        ("49.6", "2"),
        ("90", "4"),
        ("", ""),
        ("20", ""),
    ]
    assert out[3]["verdict"] == "contraindicated"
    assert "advice.renal_function_needed" in out[2]["finding_ids"].split(";")
    for row in out:
        ids = row["finding_ids"].split(";")
        assert ids == sorted(ids)


def test_blank_cells_take_the_default() -> None:
    blank, explicit = rows_of(
        assess_csv(b"age_years,sex,failed_csdmard,crcl_ml_min\n ,,, 90\n50,female,yes,90\n")
    )
    assert blank["error"] == ""
    for column in OUTPUT_COLUMNS:
        assert blank[column] == explicit[column]


def test_ragged_rows_are_row_errors_not_file_errors() -> None:
    out = rows_of(assess_csv(b"case_id,age_years\nA,50\nB\nC,50,extra\nD,72\n"))
    assert [r["case_id"] for r in out] == ["A", "B", "C", "D"]
    assert out[1]["error"] == "row has 1 cells but the header has 2 columns"
    assert out[2]["error"] == "row has 3 cells but the header has 2 columns"
    assert out[2]["age_years"] == "50"
    assert out[0]["error"] == out[3]["error"] == ""
    assert out[1]["verdict"] == out[2]["verdict"] == ""


def test_case_id_and_note_are_carried_through() -> None:
    out = rows_of(assess_csv(b'case_id,note\nX-1,"a, b ""quoted"""\n'))
    assert (out[0]["case_id"], out[0]["note"]) == ("X-1", 'a, b "quoted"')


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    data = io.StringIO(newline="")
    csv.writer(data).writerows([["case_id", "note", "age_years"], [cell, cell, cell]])
    row = rows_of(assess_csv(data.getvalue().encode()))[0]
    assert row["case_id"] == row["note"] == row["age_years"] == "'" + cell
    # the validation saw the cell as typed
    assert row["error"].startswith("age_years: ")


@pytest.mark.parametrize("cell", ["", "x=1", "a-b", "50", " =1"])
def test_harmless_cells_are_untouched(cell: str) -> None:
    assert neutralise(cell) == cell


def test_bom_crlf_and_blank_lines() -> None:
    plain = assess_csv(b"age_years,crcl_ml_min\n72,45\n50,90\n")
    assert assess_csv(b"\xef\xbb\xbfage_years,crcl_ml_min\r\n72,45\r\n\r\n50,90\r\n") == plain
    assert not plain.startswith(b"\xef\xbb\xbf")


def test_chunks_and_progress_do_not_change_the_output() -> None:
    lines = ["case_id,age_years,crcl_ml_min,pregnant"]
    lines += [
        f"{i},{18 + i % 100},{i % 251},{'yes' if i % 7 == 0 else 'bad' if i % 13 == 0 else ''}"
        for i in range(1000)
    ]
    data = ("\n".join(lines) + "\n").encode()
    seen: list[tuple[int, int]] = []
    small = assess_csv(data, progress=lambda done, total: seen.append((done, total)), chunk_rows=64)
    assert small == assess_csv(data)
    assert seen[-1] == (1000, 1000)
    assert len(seen) == 16
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_batch_result_summary() -> None:
    result = run_batch(b"age_years,pregnant\n50,no\nabc,no\n50,yes\n")
    assert result.error_count == 1
    counts = result.verdict_counts()
    assert counts["contraindicated"] == 1 and counts["recommended"] == 1
    assert sum(counts.values()) == 2


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf", "the file is empty"),
        (b"\xef\xbb\xbf \r\n", "the file is empty"),
        (b"age_years\n", "the file has a header but no rows"),
        (b"\xff\xfe", "UTF-16"),
        (b"age_years\n\xe9\n", "not UTF-8 text"),
        (b"agee_years\n1\n", "did you mean 'age_years'?"),
        (b'age_years\n"unterminated\n' + b"x" * 200_000 + b"\n", "not a readable CSV file"),
    ],
)
def test_whole_file_errors(data: bytes, expected: str) -> None:
    with pytest.raises(BatchFileError) as caught:
        read_csv_bytes(data)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message
