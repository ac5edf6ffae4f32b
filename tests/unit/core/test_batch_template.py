"""The batch template and sample files: plain CSV the batch command accepts as they are."""

from __future__ import annotations

import csv
import io

from core.assess import assess
from core.batch import CARRIED_COLUMNS, run_batch
from core.batch_template import (
    EXAMPLE_CASE_ID,
    EXAMPLE_NOTE,
    EXAMPLE_VALUES,
    SAMPLE_MISTAKES,
    cell_text,
    sample_csv,
    template_csv,
)
from core.cases import case_scenario, teaching_cases
from core.scenario import DEFAULTS, FIELD_NAMES, parse_scenario


def table(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_template_has_case_id_note_and_every_field_once() -> None:
    header, *rows = table(template_csv())
    assert header == [*CARRIED_COLUMNS, *FIELD_NAMES]
    assert len(set(header)) == len(header)
    assert len(rows) == 1 and len(rows[0]) == len(header)


def test_template_is_plain_utf8_with_newline_ends() -> None:
    data = template_csv()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data and data.endswith(b"\n")
    assert not data.lstrip().startswith(b"#")  # no comment line: CSV has none


def test_template_example_row_is_the_contract_example_with_defaults_spelled_out() -> None:
    header, row = table(template_csv())
    cells = dict(zip(header, row, strict=True))
    assert cells["case_id"] == EXAMPLE_CASE_ID and cells["note"] == EXAMPLE_NOTE
    for name in FIELD_NAMES:
        expected = EXAMPLE_VALUES.get(name, DEFAULTS[name])
        assert cells[name] == cell_text(expected), name
    assert cells["failed_csdmard"] == "true" and cells["pregnant"] == "false"
    assert cells["creatinine_mg_dl"] == "" and cells["crcl_ml_min"] == "45"
    scenario = parse_scenario({name: cells[name] for name in FIELD_NAMES})
    assert scenario == parse_scenario(dict(EXAMPLE_VALUES))


def test_batch_accepts_the_template_as_is() -> None:
    result = run_batch(template_csv())
    expected = assess(parse_scenario(dict(EXAMPLE_VALUES)))
    assert result.error == [""]
    assert result.verdict == [expected.verdict.value]
    assert result.dose_mg == [str(expected.dose_mg)]


def test_cell_text_spellings() -> None:
    assert [cell_text(v) for v in (True, False, None, 70.0, 72.5, 45, "female")] == [
        "true",
        "false",
        "",
        "70",
        "72.5",
        "45",
        "female",
    ]


def test_sample_holds_every_teaching_case_then_the_mistakes() -> None:
    cases = teaching_cases()
    result = run_batch(sample_csv())
    case_ids = [row[result.header.index("case_id")] for row in result.rows]
    assert case_ids == [c.id for c in cases] + [m["case_id"] for m in SAMPLE_MISTAKES]
    for index, case in enumerate(cases):
        expected = assess(case_scenario(case))
        assert result.error[index] == "", case.id
        assert result.verdict[index] == expected.verdict.value, case.id
        assert result.verdict[index] == case.answer.value, case.id
    mistakes = result.error[len(cases) :]
    assert [m.split(":")[0] for m in mistakes] == ["age_years", "sex"]
    assert "'150'" in mistakes[0] and "'unknown'" in mistakes[1]


def test_sample_writes_only_the_columns_it_uses() -> None:
    header, *rows = table(sample_csv())
    for name in header:
        assert any(row[header.index(name)] for row in rows), name
