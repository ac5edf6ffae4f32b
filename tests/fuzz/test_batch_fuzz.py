"""Door (c), ``python -m core batch`` with arbitrary CSV bytes: one generated file of 10 000
rows through the in-process entry point, 1 000 junk files (binary, NUL, other encodings, BOMs,
broken quoting, bad headers, long cells), a few real processes.

Every file ends in an output file or one ``error:`` line (exit 2); every row in outputs or an
``error`` cell naming the field; no silent default; nothing a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import functools
import io
import random
import subprocess
import sys
from pathlib import Path

import pytest
from fuzz_checks import (
    check_batch_output,
    check_cli_run,
    contract_scenario,
    run_cli,
    short,
)
from fuzz_inputs import (
    DEFAULT_COUNT,
    FORMULA_CELLS,
    SLOW_COUNT,
    batch_file,
    batch_header,
    batch_rows,
    csv_text,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core.__main__ as cli
from core.assess import assess
from core.batch import OUTPUT_COLUMNS, assess_csv

ROOT = Path(__file__).resolve().parents[2]
FILE_COUNT = 1_000
CROSS_CHECKED_ROWS = 400


@pytest.fixture(autouse=True)
def _one_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    # As in test_cli_fuzz: build the argparse parser once; main() still parses every argv.
    monkeypatch.setattr(cli, "build_parser", functools.cache(cli.build_parser))


def check_against_contract(
    header: list[str], rows: list[list[str]], answers: list[dict[str, str]], limit: int
) -> int:
    """For up to ``limit`` rows without an error: the outputs equal assess() of the scenario the
    contract reads from the cells (so no cell was read as anything else). Returns the count."""
    checked = 0
    for row, answer in zip(rows, answers, strict=True):
        if answer["error"] or checked >= limit:
            continue
        assessment = assess(contract_scenario(header, row))
        expected = {
            "crcl_ml_min_used": assessment.renal.shown,
            "verdict": assessment.verdict.value,
            "dose_mg": "" if assessment.dose_mg is None else str(assessment.dose_mg),
            "finding_ids": ";".join(assessment.finding_ids),
            "error": "",
        }
        assert answer == expected, f"{short(dict(zip(header, row, strict=True)), 2000)}"
        checked += 1
    return checked


def run_table(tmp_path: Path, seed: int, count: int) -> dict[str, int]:
    """One file of ``count`` generated rows through ``main(["batch", in, out])``."""
    rng = random.Random(seed)
    header = batch_header(rng)
    rows = batch_rows(rng, header, count)
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(csv_text(header, rows), encoding="utf-8", newline="")
    argv = ["batch", str(source), str(target)]
    run = run_cli(cli.main, argv)
    check_cli_run(run, argv)
    assert run.code == 0, run.stderr
    try:
        answers = check_batch_output(header, rows, target.read_bytes())
        checked = check_against_contract(header, rows, answers, CROSS_CHECKED_ROWS)
    except AssertionError as failure:
        raise AssertionError(f"seed {seed}: {failure}") from None
    errors = sum(1 for answer in answers if answer["error"])
    assert run.stdout.decode() == f"{count} rows assessed, {errors} with an error: {target}\n"
    return {"rows": count, "with_error": errors, "cross_checked": checked}


def test_batch_table_of_10000_rows(tmp_path: Path, fuzz_seed: int) -> None:
    tally = run_table(tmp_path, fuzz_seed, DEFAULT_COUNT)
    assert DEFAULT_COUNT // 10 < tally["with_error"] < DEFAULT_COUNT * 9 // 10, tally
    assert tally["cross_checked"] == CROSS_CHECKED_ROWS, tally


def reference_table(data: bytes) -> tuple[list[str], list[list[str]]]:
    """What the file holds, read by the csv module directly (header, non-blank rows)."""
    lines = [line for line in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) if line]
    return lines[0], lines[1:]


def check_file(data: bytes) -> str:
    """One whole file through ``main(["batch", "-", "-"])``; "assessed" or "refused"."""
    argv = ["batch", "-", "-"]
    run = run_cli(cli.main, argv, stdin=data)
    check_cli_run(run, argv)
    if run.code == 0:
        header, rows = reference_table(data)
        check_batch_output(header, rows, run.stdout)
        return "assessed"
    assert run.code == cli.EXIT_INPUT
    assert run.stderr.startswith("error: -: "), run.stderr
    return "refused"


def run_files(seed: int, count: int) -> dict[str, int]:
    """``count`` generated files from ``seed``; the tally of outcomes."""
    rng = random.Random(seed)
    tally = {"assessed": 0, "refused": 0}
    for index in range(count):
        data = batch_file(rng)
        try:
            tally[check_file(data)] += 1
        except AssertionError as failure:
            raise AssertionError(f"seed {seed}, file {index} {short(data)}: {failure}") from None
    return tally


def test_batch_1000_junk_files(fuzz_seed: int) -> None:
    tally = run_files(fuzz_seed, FILE_COUNT)
    assert tally["assessed"] > FILE_COUNT // 10 and tally["refused"] > FILE_COUNT // 5, tally


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.randoms(use_true_random=False))
def test_batch_file_shrinking(rng: random.Random) -> None:
    check_file(batch_file(rng))


@pytest.mark.slow
def test_batch_slow(tmp_path: Path, fuzz_seed: int) -> None:
    tally = run_table(tmp_path, fuzz_seed, SLOW_COUNT)
    assert tally["rows"] == SLOW_COUNT
    assert sum(run_files(fuzz_seed, SLOW_COUNT // 10).values()) == SLOW_COUNT // 10


def test_every_formula_cell_is_neutralised_in_every_column() -> None:
    """Each formula-like cell, in each input column kind and as the error's start."""
    header = ["case_id", "note", "age_years", "sex", "crcl_ml_min", "pregnant"]
    rows = [[cell] * len(header) for cell in FORMULA_CELLS]
    output = assess_csv(csv_text(header, rows).encode("utf-8"))
    written = list(csv.reader(io.StringIO(output.decode("utf-8"), newline="")))[1:]
    for cells, out in zip(rows, written, strict=True):
        assert out[: len(header)] == ["'" + cell for cell in cells], out
        # a field name leads the error; the cell is only ever quoted inside it
        assert out[-1].split(": ")[0] in header, out[-1]
    check_batch_output(header, rows, output)


def run_core(*arguments: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    """A real ``python -m core`` process reading stdin."""
    return subprocess.run(
        [sys.executable, "-m", "core", *arguments],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_batch_real_process_junk_file_and_table(fuzz_seed: int) -> None:
    junk = run_core("batch", "-", "-", stdin=b"\x00\xff\xfe" + bytes(range(256)) * 4)
    assert junk.returncode == 2 and junk.stdout == b""
    assert junk.stderr.decode().startswith("error: -: ") and junk.stderr.count(b"\n") == 1
    rng = random.Random(fuzz_seed)
    header = batch_header(rng)
    rows = batch_rows(rng, header, 500)
    data = csv_text(header, rows).encode("utf-8")
    table = run_core("batch", "-", "-", stdin=data)
    assert table.returncode == 0 and b"Traceback" not in table.stderr, table.stderr
    assert table.stdout == assess_csv(data)  # the process writes what the library gives
    check_batch_output(header, rows, table.stdout)
    assert OUTPUT_COLUMNS[-1] == "error"
