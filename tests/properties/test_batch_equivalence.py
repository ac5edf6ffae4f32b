"""The batch path (column-wise validation + assess_columns) answers exactly like the one-scenario
path (parse_scenario + assess): same CrCl, verdict, dose, finding ids and the same error message;
a row with no value in any scenario field is an "empty row" there, never the default patient."""

from __future__ import annotations

import csv
import io

from core_strategies import cell_strategy, csv_tables
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.assess import assess
from core.batch import EMPTY_ROW, OUTPUT_COLUMNS, assess_csv, neutralise, parse_cell
from core.errors import ScenarioError
from core.scenario import FIELD_NAMES, parse_scenario

CHECK = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def expected_outputs(header: list[str], row: list[str]) -> dict[str, str]:
    """What the one-scenario path says for a row (the batch's output columns)."""
    data = {name: cell for name, cell in zip(header, row, strict=True) if name in FIELD_NAMES}
    if not any(cell.strip() for cell in data.values()):  # the batch's one rule of its own
        return dict.fromkeys(OUTPUT_COLUMNS[:-1], "") | {"error": EMPTY_ROW}
    try:
        scenario = parse_scenario(data)
    except ScenarioError as error:
        return dict.fromkeys(OUTPUT_COLUMNS[:-1], "") | {"error": str(error)}
    assessment = assess(scenario)
    return {
        "crcl_ml_min_used": assessment.renal.shown,
        "verdict": assessment.verdict.value,
        "dose_mg": "" if assessment.dose_mg is None else str(assessment.dose_mg),
        "finding_ids": ";".join(assessment.finding_ids),
        "error": "",
    }


def to_csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@CHECK
@given(csv_tables())
@example((["age_years", "sex"], [["abc", "x"], [" 72 ", "MALE"], ["", ""]]))
@example((["creatinine_mg_dl", "creatinine_umol_l", "age_years"], [["x", " 88 ", "q"]]))
@example((["crcl_ml_min", "creatinine_mg_dl"], [["", "1.2"], ["60.04", ""], ["1e2", "7_0"]]))
@example((["age_years", "weight_kg", "creatinine_umol_l", "sex"], [["68", "70", "106.08", "male"]]))
def test_batch_equals_one_scenario_path(table: tuple[list[str], list[list[str]]]) -> None:
    header, rows = table
    output = assess_csv(to_csv(header, rows)).decode("utf-8")
    written = list(csv.reader(io.StringIO(output, newline="")))
    assert written[0] == [*header, *OUTPUT_COLUMNS]
    assert len(written) == len(rows) + 1
    for row, out in zip(rows, written[1:], strict=True):
        assert out[: len(header)] == [neutralise(cell) for cell in row]
        got = dict(zip(OUTPUT_COLUMNS, out[len(header) :], strict=True))
        assert got == expected_outputs(header, row)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_each_cell_reads_like_the_model(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FIELD_NAMES))
    cell = data.draw(cell_strategy(name))
    value, message = parse_cell(name, cell)
    try:
        expected = getattr(parse_scenario({name: cell}), name)
    except ScenarioError as error:
        assert message == str(error)
        return
    assert message is None
    if cell.strip():
        assert value == expected
        assert type(value) is type(getattr(expected, "value", expected))
