"""Every error message of the contract, through the three doors: the model (Scenario and
parse_scenario), ``python -m core assess`` and ``python -m core batch`` (``core.__main__.main`` in
this process: the same code a real process runs, see tests/unit/core/test_cli.py's smoke tests)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from core_cli import run_core
from pydantic import ValidationError

from core import Scenario, ScenarioError, parse_scenario

# (input as a CSV row or URL would give it, the exact message)
CASES: list[tuple[dict[str, str], str]] = [
    (
        {"age_years": "abc"},
        "age_years: 'abc' is not allowed; allowed: a whole number from 18 to 120 years",
    ),
    (
        {"age_years": "17"},
        "age_years: '17' is not allowed; allowed: a whole number from 18 to 120 years",
    ),
    (
        {"age_years": "121"},
        "age_years: '121' is not allowed; allowed: a whole number from 18 to 120 years",
    ),
    (
        {"age_years": "72.5"},
        "age_years: '72.5' is not allowed; allowed: a whole number from 18 to 120 years",
    ),
    ({"sex": "f"}, "sex: 'f' is not allowed; allowed: one of female, male"),
    (
        {"weight_kg": "heavy"},
        "weight_kg: 'heavy' is not allowed; allowed: a number from 20 to 400 kg",
    ),
    (
        {"weight_kg": "19.9"},
        "weight_kg: '19.9' is not allowed; allowed: a number from 20 to 400 kg",
    ),
    ({"weight_kg": "nan"}, "weight_kg: 'nan' is not allowed; allowed: a number from 20 to 400 kg"),
    (
        {"creatinine_mg_dl": "0.05"},
        "creatinine_mg_dl: '0.05' is not allowed; allowed: a number from 0.1 to 20 mg/dL or blank",
    ),
    (
        {"creatinine_umol_l": "2000"},
        "creatinine_umol_l: '2000' is not allowed; allowed: a number from 9 to 1800 µmol/L or "
        "blank",
    ),
    (
        {"crcl_ml_min": "-1"},
        "crcl_ml_min: '-1' is not allowed; allowed: a number from 0 to 250 mL/min or blank",
    ),
    (
        {"crcl_ml_min": "250.5"},
        "crcl_ml_min: '250.5' is not allowed; allowed: a number from 0 to 250 mL/min or blank",
    ),
    ({"child_pugh": "D"}, "child_pugh: 'D' is not allowed; allowed: one of none, A, B, C"),
    (
        {"indication": "gout"},
        "indication: 'gout' is not allowed; allowed: one of rheumatoid_arthritis, "
        "psoriatic_arthritis, atopic_dermatitis, systemic_lupus_erythematosus, "
        "juvenile_idiopathic_arthritis, other",
    ),
    ({"pregnant": "maybe"}, "pregnant: 'maybe' is not allowed; allowed: true/false, yes/no or 1/0"),
    (
        {"creatinine_mg_dl": "1.2", "creatinine_umol_l": "106"},
        "creatinine_umol_l: '106' is not allowed; allowed: blank when creatinine_mg_dl is given "
        "(give one of the two)",
    ),
    (
        {"age_years": "abc", "sex": "x"},
        "age_years: 'abc' is not allowed; allowed: a whole number from 18 to 120 years; "
        "sex: 'x' is not allowed; allowed: one of female, male",
    ),
]
IDS = [",".join(f"{k}={v}" for k, v in data.items()) for data, _ in CASES]


@pytest.mark.parametrize(("data", "message"), CASES, ids=IDS)
def test_model_door(data: dict[str, str], message: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data)
    assert str(caught.value) == message
    assert "\n" not in message
    with pytest.raises(ValidationError) as raw:
        Scenario.model_validate(data)
    text = str(raw.value)
    for name, value in data.items():
        if name in message.split(":")[0]:
            assert name in text and value in text


def test_model_door_unknown_field_suggests_the_closest() -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({"age_yrs": "50"})
    assert str(caught.value) == "unknown field 'age_yrs': did you mean 'age_years'?"
    with pytest.raises(ScenarioError, match="not a scenario field"):
        parse_scenario({"zzzz": "1"})


@pytest.mark.parametrize(("data", "message"), CASES, ids=IDS)
def test_cli_assess_door(data: dict[str, str], message: str) -> None:
    result = run_core("assess", json.dumps(data))
    assert result.code == 2
    assert result.stdout == b""
    assert result.stderr == f"error: {message}\n"


def test_cli_assess_door_unknown_field() -> None:
    result = run_core("assess", '{"age_yrs": 50}')
    assert result.code == 2
    assert result.stderr == "error: unknown field 'age_yrs': did you mean 'age_years'?\n"


@pytest.fixture(scope="module")
def batch_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    """All cases as rows of one CSV file (other cells blank), run through `python -m core batch`."""
    columns: list[str] = ["case_id"]
    for data, _ in CASES:
        columns += [name for name in data if name not in columns]
    folder = tmp_path_factory.mktemp("batch")
    source, target = folder / "in.csv", folder / "out.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for case_id, (data, _) in zip(IDS, CASES, strict=True):
            writer.writerow({"case_id": case_id, **data})
        writer.writerow({"case_id": "good", "age_years": "72", "crcl_ml_min": "45"})
    result = run_core("batch", str(source), str(target))
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    return list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))


@pytest.mark.parametrize(("data", "message"), CASES, ids=IDS)
def test_cli_batch_door(data: dict[str, str], message: str, batch_rows: list[Any]) -> None:
    row = next(r for r in batch_rows if r["case_id"] == IDS[CASES.index((data, message))])
    assert row["error"] == message
    assert row["verdict"] == row["dose_mg"] == row["crcl_ml_min_used"] == row["finding_ids"] == ""


def test_cli_batch_door_good_row_unaffected(batch_rows: list[Any]) -> None:
    row = batch_rows[-1]
    assert (row["case_id"], row["verdict"], row["dose_mg"], row["error"]) == (
        "good",
        "use_with_caution",
        "2",
        "",
    )


def test_cli_batch_door_unknown_column(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("case_id,age_yrs\n1,50\n", encoding="utf-8")
    result = run_core("batch", str(source), str(tmp_path / "out.csv"))
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "'age_yrs'" in lines[0] and "did you mean 'age_years'?" in lines[0]
    assert not (tmp_path / "out.csv").exists()
