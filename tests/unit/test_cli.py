"""`python -m core`: help, the assess JSON, and the batch command's whole-file errors.

The main paths run as real subprocesses (what a user types); the many bad-input variants call
``core.__main__.main`` in the test process (same code, without a second of start-up each).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.__main__ import main
from core.batch import assess_csv

ROOT = Path(__file__).resolve().parents[2]


def run_core(*arguments: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "core", *arguments],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def run_in_process(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(text: str) -> str:
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1, text
    return lines[0]


def one_error_line(result: subprocess.CompletedProcess[bytes]) -> str:
    assert result.returncode != 0
    text = result.stderr.decode()
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize("command", [[], ["assess"], ["batch"]])
def test_help(command: list[str]) -> None:
    result = run_core(*command, "--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "usage: python -m core" in text
    if command == ["batch"]:
        assert "crcl_ml_min_used, verdict, dose_mg, finding_ids, error" in text


def test_assess_prints_the_full_assessment() -> None:
    result = run_core("assess", '{"age_years": 72, "crcl_ml_min": 45}')
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["verdict"] == "use_with_caution"
    assert answer["dose_mg"] == 2
    assert answer["crcl_ml_min_used"] == 45.0
    assert answer["scenario"]["age_years"] == 72
    assert "dose.age_over_70" in answer["finding_ids"]
    for finding in answer["findings"]:
        assert {"id", "category", "text", "passages", "inputs"} <= set(finding)
    plan = answer["monitoring_plan"]
    assert plan["started"] is True
    blood = [e["month"] for e in plan["events"] if e["family"] == "blood_liver"]
    assert blood == [1, 3, 6, 9, 12, 15, 18, 21, 24]
    assert {item["status"] for item in answer["screening_checklist"]} <= {
        "to_do",
        "recorded",
        "priority",
    }


def test_assess_empty_object_is_the_default_scenario() -> None:
    answer = json.loads(run_core("assess", "{}").stdout)
    assert answer["verdict"] == "recommended"
    assert answer["dose_mg"] is None  # renal function unknown
    assert "advice.renal_function_needed" in answer["finding_ids"]


def test_assess_bad_json_subprocess() -> None:
    result = run_core("assess", "{bad")
    assert result.returncode == 2
    assert one_error_line(result).startswith("error: invalid JSON: ")
    assert result.stdout == b""


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("{bad", "error: invalid JSON: "),
        ("", "error: invalid JSON: "),
        ("[1, 2]", "error: the scenario must be a JSON object of field: value pairs, not list"),
        ('"x"', "error: the scenario must be a JSON object of field: value pairs, not str"),
        ('{"pregnant": 2}', "error: pregnant: 2 is not allowed; allowed: true/false"),
    ],
)
def test_assess_bad_input(capsys: pytest.CaptureFixture[str], argument: str, expected: str) -> None:
    code, out, err = run_in_process(capsys, "assess", argument)
    assert code == 2
    assert one_line(err).startswith(expected)
    assert out == ""


# ------------------------------------------------------------------- batch


def test_batch_writes_what_assess_csv_gives(tmp_path: Path) -> None:
    data = (
        "\ufeffcase_id,age_years,sex,creatinine_mg_dl,note\r\n"
        'a,68,female,1.2,"multi\nline, with comma"\r\n'
        'b,abc,,,=HYPERLINK("x")\r\n'
        "c,,,,\r\n"
    ).encode()
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(data)
    result = run_core("batch", str(source), str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == f"3 rows assessed, 2 with an error: {target}\n"
    assert target.read_bytes() == assess_csv(data)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0]["crcl_ml_min_used"] == "49.6"
    assert rows[0]["note"] == "multi\nline, with comma"
    assert rows[1]["note"] == '\'=HYPERLINK("x")'
    assert rows[1]["error"].startswith("age_years: 'abc' is not allowed")
    # a case id and no value in any scenario field: an empty row, not the default patient
    assert rows[2]["error"] == "empty row" and rows[2]["verdict"] == ""


def test_batch_stdin_to_stdout() -> None:
    result = run_core("batch", "-", "-", stdin=b"age_years,crcl_ml_min\n72,45\n")
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0].endswith("crcl_ml_min_used,verdict,dose_mg,finding_ids,error")
    assert lines[1].startswith("72,45,45,use_with_caution,2,")


BAD_FILES: list[tuple[bytes, str]] = [
    (b"", "the file is empty"),
    (b"\n\n", "the file is empty"),
    (b"age_years,sex\n", "the file has a header but no rows"),
    (b"age_years,sex\r\n\r\n", "the file has a header but no rows"),
    ("age_years\n72\nâge\n".encode("latin-1"), "not UTF-8 text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV text file"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb4", "spreadsheet (xlsx/xls) or zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "spreadsheet (xlsx/xls) or zip"),
    ("age_years\n72\n".encode("utf-16"), "UTF-16 text; save it as CSV UTF-8"),
    (b'{"age_years": 72}\n', "unknown column"),
    (b"age_years;sex\n72;male\n", "seems to use semicolons as separator"),
    (b"age_years,case_id,age_years\n1,2,3\n", "duplicate column 'age_years' (columns 1 and 3)"),
    (b"age_years,,sex\n1,2,3\n", "column 2 of the header has no name"),
    (
        b"case_id,Age_Years\n1,50\n",
        "unknown column 'Age_Years' (column 2): did you mean 'age_years'",
    ),
    (b"case_id,verdict\n1,x\n", "unknown column 'verdict' (column 2)"),
]


@pytest.mark.parametrize(("data", "expected"), BAD_FILES)
def test_batch_bad_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, expected: str
) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(data)
    code, out, err = run_in_process(capsys, "batch", str(source), str(target))
    line = one_line(err)
    assert code == 2
    assert line.startswith(f"error: {source}: ")
    assert expected in line
    assert out == ""
    assert not target.exists()


def test_batch_bad_file_subprocess(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"age_years,case_id,age_years\n1,2,3\n")
    result = run_core("batch", str(source), str(tmp_path / "out.csv"))
    assert result.returncode == 2
    assert "duplicate column 'age_years'" in one_error_line(result)


def test_batch_missing_input_and_unwritable_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run_in_process(capsys, "batch", str(tmp_path / "nope.csv"), "out.csv")
    assert "cannot read" in one_line(err)
    assert code == 2
    source = tmp_path / "in.csv"
    source.write_bytes(b"age_years\n50\n")
    code, _, err = run_in_process(capsys, "batch", str(source), str(tmp_path / "no" / "o.csv"))
    assert "cannot write" in one_line(err)
    assert code == 1


def test_batch_usage_error_is_not_a_traceback() -> None:
    result = run_core("batch", "only-one-argument.csv")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode()
