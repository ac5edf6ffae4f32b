"""The batch path at any size: records counted as parsed (quoted line breaks, CR, CRLF), the
page's row limit met before anything is assessed, blank rows as "empty row" errors in both
doors, the command's streamed output byte for byte the one before streaming (golden files),
and whole-file problems found anywhere in a file stopping with one line and no output."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import core.batch
from core.__main__ import main
from core.batch import (
    EMPTY_ROW,
    BatchFileError,
    assess_csv,
    batch_command,
    check_file,
    write_results,
)
from core.profiles import get_profile
from ui.batch_results import load_batch

# Shared with tests/unit/ui/test_batch_results.py.
GOLDEN = Path(__file__).parents[1] / "batch_golden"


# ------------------------------------------------------------------ records, not lines


def test_bare_cr_rows_over_the_limit_are_refused_before_any_row_is_assessed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the 9.9 MB file of "72\r" lines, small: 11 records, no "\n" at all
    data = b"age_years\r" + b"72\r" * 11

    def no_assessing(*_: object, **__: object) -> None:
        raise AssertionError("a row was assessed")

    monkeypatch.setattr(core.batch, "assess_rows", no_assessing)
    with pytest.raises(BatchFileError) as refused:
        load_batch("cr.csv", data, max_rows=10)
    assert str(refused.value).startswith(
        "the file has more than 10 rows; this page assesses up to 10"
    )


def test_bare_cr_rows_within_the_limit_are_rows() -> None:
    upload = load_batch("cr.csv", b"age_years\r" + b"72\r" * 10, max_rows=10)
    assert upload.counts.rows == 10 and upload.counts.errors == 0


def test_notes_with_many_line_breaks_count_as_records() -> None:
    # 5 rows whose notes hold 50 000 line breaks each: 5 records, under a limit of 10
    note = '"' + "\n" * 50_000 + '"'  # 250 005 lines in all
    data = ("case_id,age_years,note\n" + "".join(f"P{i},50,{note}\n" for i in range(5))).encode()
    upload = load_batch("notes.csv", data, max_rows=10)
    assert upload.counts.rows == 5 and upload.counts.errors == 0
    assert check_file(io.BytesIO(data)).rows == 5


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_every_record_end_counts_once(end: str) -> None:
    data = end.join(["age_years,note", '50,"a\nb"', '60,"c\r\nd"', "70,e", ""]).encode()
    assert check_file(io.BytesIO(data)).rows == 3
    assert check_file(io.BytesIO(data), read_bytes=4).rows == 3  # blocks split "\r\n"


# ------------------------------------------------------------------ blank rows


BLANK_ROWS = b"case_id,age_years,sex\nA,50,\n,,\n   \nB,, \n\t , \nC,72,male\n"


def test_blank_rows_are_empty_row_errors_in_the_command() -> None:
    out = assess_csv(BLANK_ROWS).decode().splitlines()
    assert out[2] == ",,,,,,," + EMPTY_ROW  # ",,"
    assert out[3].endswith(",,,,," + EMPTY_ROW)  # a line of spaces
    assert out[4].endswith(",,,,," + EMPTY_ROW)  # a case id, no value in any field
    assert out[5].endswith(",,,,," + EMPTY_ROW)  # spaces and a tab in every cell
    assert ",recommended," in out[1] and ",use_with_caution," in out[6]


def test_blank_rows_are_counted_as_errors_on_the_page() -> None:
    upload = load_batch("blank.csv", BLANK_ROWS)
    assert (upload.counts.rows, upload.counts.errors) == (6, 4)
    errors = upload.frame.set_index("row")["error"]
    assert [errors[row] for row in (2, 3, 4, 5)] == [EMPTY_ROW] * 4


def test_empty_lines_are_still_skipped() -> None:
    assert assess_csv(b"age_years\n50\n\n\n60\n") == assess_csv(b"age_years\n50\n60\n")


def test_a_ragged_row_with_text_keeps_its_own_message() -> None:
    out = assess_csv(b"case_id,age_years,sex\nA\n , \n").decode().splitlines()
    assert out[1].endswith("row has 1 cells but the header has 3 columns")
    assert out[2].endswith(EMPTY_ROW)


# ------------------------------------------------------------------ byte for byte


@pytest.mark.parametrize(
    ("name", "profile"), [("varied", "article"), ("varied", "us_label_ra"), ("small", "article")]
)
@pytest.mark.parametrize(("read_bytes", "chunk_rows"), [(1 << 20, 25_000), (5, 7), (64, 1)])
def test_streamed_output_is_the_output_before_streaming(
    name: str, profile: str, read_bytes: int, chunk_rows: int
) -> None:
    # golden files: the command's output before it streamed, for a file with every column kind,
    # quoted line breaks, CR / CRLF / LF record ends, a BOM, formula cells and ragged rows
    data = (GOLDEN / f"{name}.csv").read_bytes()
    expected = (GOLDEN / f"{name}.{profile}.out.csv").read_bytes()
    out = io.BytesIO()
    check_file(io.BytesIO(data), read_bytes=read_bytes)
    write_results(
        io.BytesIO(data), out, get_profile(profile), chunk_rows=chunk_rows, read_bytes=read_bytes
    )
    assert out.getvalue() == expected


class _Writes:
    def __init__(self) -> None:
        self.sizes: list[int] = []

    def write(self, data: bytes) -> int:
        self.sizes.append(len(data))
        return len(data)


def test_the_command_writes_chunk_by_chunk() -> None:
    data = (GOLDEN / "varied.csv").read_bytes()
    target = _Writes()
    tally = write_results(io.BytesIO(data), target, chunk_rows=100)
    assert len(target.sizes) == 1 + 6  # the header line, then 558 rows in chunks of 100
    assert tally.rows == 558
    assert sum(target.sizes) == len((GOLDEN / "varied.article.out.csv").read_bytes())


def test_stdin_is_read_twice_through_a_spool() -> None:
    class Pipe(io.BytesIO):
        def seekable(self) -> bool:
            return False

    data = (GOLDEN / "small.csv").read_bytes()
    out = io.BytesIO()
    tally = batch_command(Pipe(data), lambda: out)
    assert out.getvalue() == (GOLDEN / "small.article.out.csv").read_bytes()
    assert tally.rows == 5


# ------------------------------------------------------------------ bad files, anywhere


def late(problem: bytes) -> bytes:
    """A good file of 3 000 rows with ``problem`` at its end (several blocks in)."""
    return b"age_years,note\n" + b"50,fine\n" * 3_000 + problem


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (b"60,caf\xe9\n", "not UTF-8 text (byte 24021: b'\\xe9'); save the file as CSV UTF-8"),
        (b"60,a\x00b\n", "not a CSV text file (it contains NUL bytes); save it as CSV UTF-8"),
        (b'60,"open\n', "not a readable CSV file (line 3002: unexpected end of data)"),
    ],
)
def test_a_problem_late_in_the_file_stops_it_with_one_line_and_no_output(
    problem: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = late(problem)
    with pytest.raises(BatchFileError) as refused:
        check_file(io.BytesIO(data), read_bytes=1024)
    assert str(refused.value) == message
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(data)
    assert main(["batch", str(source), str(target)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"error: {source}: {message}\n"
    assert not target.exists()  # nothing written: the file was checked before any output
