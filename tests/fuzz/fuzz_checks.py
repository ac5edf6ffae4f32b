"""What every door must do with any input, written independently of the core's own parsing.

``contract_value`` is a reference reading of the contract: what a value may mean (or that it must
be rejected). It is deliberately generous -- it accepts every number Python's ``float`` reads --
so the core may be stricter (reject ``"٣"``) but never looser, and never different: a value the
core accepts must equal the reference value, and a non-blank value never becomes the default.

``outcome`` runs one call and turns any exception other than the documented ones into a test
failure that carries the input and the traceback (the fuzz tests' one way to fail).
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from fuzz_inputs import ENUMS, FLAG_FIELDS, INT_FIELDS

from core.batch import FORMULA_STARTS, OUTPUT_COLUMNS
from core.errors import ScenarioError
from core.scenario import DEFAULTS, FIELD_NAMES, Scenario

_PLAIN_INT = re.compile(r"[+-]?[0-9]+")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
BLANK: Any = type("Blank", (), {"__repr__": lambda self: "BLANK"})()
REJECT: Any = type("Reject", (), {"__repr__": lambda self: "REJECT"})()
TRUE_WORDS = ("true", "yes", "1")
FALSE_WORDS = ("false", "no", "0")


def _bounds(name: str) -> tuple[float, float]:
    bounds = {type(m).__name__: m for m in Scenario.model_fields[name].metadata}
    return float(bounds["Ge"].ge), float(bounds["Le"].le)


BOUNDS: dict[str, tuple[float, float]] = {
    name: _bounds(name) for name in FIELD_NAMES if name not in FLAG_FIELDS and name not in ENUMS
}


def short(value: object, limit: int = 200) -> str:
    """A repr for failure messages that never raises (huge ints have no repr past 4300 digits)."""
    try:
        text = repr(value)
    except ValueError:
        return f"<int of {value.bit_length() if isinstance(value, int) else '?'} bits>"
    return text if len(text) <= limit else text[:limit] + "…"


def contract_value(name: str, raw: Any) -> Any:
    """The value the contract allows for ``raw`` in field ``name``: BLANK, REJECT or the value
    (bool, enum value text, int or float)."""
    if raw is None:
        return BLANK
    if isinstance(raw, bytes):  # not reachable from JSON, CSV or a URL; read as its text
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            return REJECT
        if not raw.strip():
            return REJECT  # only a blank *text* means "the default"
    if isinstance(raw, str):
        raw = raw.strip()
        if not raw:
            return BLANK
    if name in FLAG_FIELDS:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str) and raw.lower() in TRUE_WORDS + FALSE_WORDS:
            return raw.lower() in TRUE_WORDS
        return REJECT
    if name in ENUMS:
        if isinstance(raw, StrEnum) and not isinstance(raw, ENUMS[name]):
            return REJECT  # a member of another choice list is not this field's value
        text = raw.value if isinstance(raw, StrEnum) else raw
        if not isinstance(text, str):
            return REJECT
        values = {m.value.lower(): m.value for m in ENUMS[name]}
        return values.get(text.lower(), REJECT)
    return _contract_number(name, raw)


def _contract_number(name: str, raw: Any) -> Any:
    if isinstance(raw, bool | StrEnum):
        return REJECT  # a yes/no or a choice is not a number
    try:
        if isinstance(raw, str | int | float | Decimal):
            number = float(raw)
        else:
            return REJECT
    except (ValueError, OverflowError):
        return REJECT
    low, high = BOUNDS[name]
    if not math.isfinite(number) or not low <= number <= high:
        return REJECT
    if name in INT_FIELDS:
        if number != int(number):
            return REJECT
        return int(number)
    return number


def impossible_for_the_sex(given: Mapping[str, Any]) -> set[str]:
    """The given fields the contract refuses in combination: pregnant or breastfeeding with
    sex=male (read by ``contract_value``; planning_conception is valid for both sexes)."""
    values = {name: contract_value(name, raw) for name, raw in given.items()}
    if values.get("sex") != "male":
        return set()
    return {name for name in ("pregnant", "breastfeeding") if values.get(name) is True}


def is_default(name: str, got: Any) -> bool:
    """Whether a read value is the field's default."""
    return _same(name, got, DEFAULTS[name]) if DEFAULTS[name] is not None else got is None


def stricter_ok(name: str, raw: Any) -> bool:
    """What the core may reject though the reference allows it: bytes and Decimal values, and
    number text other than plain ASCII decimals ("٣", "７０", "1e2", "72.", "7_0")."""
    if isinstance(raw, bytes | Decimal):  # no door passes these
        return True
    if not isinstance(raw, str) or name in FLAG_FIELDS or name in ENUMS:
        return False
    plain = _PLAIN_INT if name in INT_FIELDS else _PLAIN_NUMBER
    return bool(plain.fullmatch(raw.strip()) is None)


def _same(name: str, got: Any, expected: Any) -> bool:
    if isinstance(got, StrEnum):
        got = got.value
    if name in FLAG_FIELDS:
        return got is expected
    if name in INT_FIELDS:
        return type(got) is int and bool(got == expected)
    return bool(got == expected)


def field_of(key: Any) -> str | None:
    """The field a mapping key names (the model reads keys with ``str``), or None."""
    name = str(key)
    return name if name in FIELD_NAMES else None


# ------------------------------------------------------------------ the model door


def check_model_accepted(data: Mapping[Any, Any], scenario: Scenario) -> None:
    """An accepted mapping: no unknown key, no rejected value, each value as the contract says."""
    names = [field_of(key) for key in data]
    assert None not in names, f"unknown key accepted: {short(data)}"
    for key, raw in data.items():
        name = str(key)
        expected = contract_value(name, raw)
        got = getattr(scenario, name)
        assert expected is not REJECT, f"{name}: {short(raw)} accepted as {got!r}"
        if expected is BLANK:
            assert is_default(name, got), (name, raw, got)
        else:
            assert _same(name, got, expected), f"{name}: {short(raw)} read as {got!r}"
    both = [n for n in ("creatinine_mg_dl", "creatinine_umol_l") if getattr(scenario, n)]
    assert len(both) < 2, f"both creatinine fields accepted: {short(data)}"
    male = scenario.sex.value == "male"
    assert not (male and (scenario.pregnant or scenario.breastfeeding)), short(data)


def check_model_rejected(data: Any, error: ScenarioError) -> None:
    """A rejected input: a one-line message, every problem named, every bad field among them."""
    message = str(error)
    assert message and "\n" not in message and "\r" not in message, short(message)
    assert error.problems, "ScenarioError without problems"
    named = {problem.field for problem in error.problems}
    for problem in error.problems:
        assert problem.message() in message
    if not isinstance(data, Mapping):
        assert named == {"scenario"}, named
        return
    keys = {str(key) for key in data}
    unknown = {key for key in keys if key not in FIELD_NAMES}
    assert unknown <= named, f"unknown keys {unknown} not all named in {message!r}"
    given = {str(k): v for k, v in data.items() if str(k) in FIELD_NAMES}
    bad = {name for name, raw in given.items() if contract_value(name, raw) is REJECT}
    blank = {name for name, raw in given.items() if contract_value(name, raw) is BLANK}
    both = {"creatinine_mg_dl", "creatinine_umol_l"} <= set(given) - blank
    assert bad <= named or both, f"bad fields {bad - named} not named in {message!r}"
    assert named <= keys | {"creatinine_umol_l"}, f"named fields not in the input: {named - keys}"
    if not both:
        stricter = named & set(given) - bad - unknown - impossible_for_the_sex(given)
        odd = [name for name in stricter if not stricter_ok(name, given[name])]
        assert not odd, f"allowed values rejected: {[(n, short(given[n])) for n in odd]}"


def check_keeping_valid(
    data: Mapping[Any, Any], scenario: Scenario, problems: Sequence[Any]
) -> None:
    """The shared-link reading: each given field is either read as the contract says or reported
    (and then takes its default) -- never silently dropped."""
    reported = {problem.field for problem in problems}
    for key, raw in data.items():
        name = field_of(key)
        if name is None:
            assert str(key) in reported, f"unknown key {short(key)} not reported"
            continue
        expected = contract_value(name, raw)
        got = getattr(scenario, name)
        if name in reported:
            assert is_default(name, got), (name, got)
        elif expected is BLANK:
            assert is_default(name, got), (name, raw, got)
        else:
            assert expected is not REJECT, f"{name}: {short(raw)} kept as {got!r}, not reported"
            assert _same(name, got, expected), f"{name}: {short(raw)} read as {got!r}"


# ------------------------------------------------------------------ running calls


@dataclass(frozen=True)
class Outcome:
    """What one call ended in: a value or one of the documented exceptions."""

    value: Any = None
    error: BaseException | None = None


def outcome(
    call: Callable[..., Any], *arguments: Any, allowed: tuple[type[BaseException], ...] = ()
) -> Outcome:
    """Run ``call``; a documented exception is an Outcome, anything else fails the test with
    the input and the traceback."""
    try:
        return Outcome(value=call(*arguments))
    except allowed as error:
        return Outcome(error=error)
    except (Exception, SystemExit) as error:  # the point: nothing else may escape
        trace = "".join(traceback.format_exception(error))
        raise AssertionError(
            f"{type(error).__name__} escaped for input {short(arguments)}\n{trace}"
        ) from None


@dataclass
class CliRun:
    """One in-process run of the command line: exit code, stdout bytes, stderr text."""

    code: int | None
    stdout: bytes
    stderr: str


def run_cli(main: Callable[[list[str]], int], argv: list[str], stdin: bytes = b"") -> CliRun:
    """Run ``main(argv)`` in process with its own stdin, stdout and stderr. The commands return
    their code; only argparse's usage errors exit (SystemExit); any other exception fails."""
    out_bytes, err = io.BytesIO(), io.StringIO()
    text_in = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    text_out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = text_in, text_out, err
    try:
        result = outcome(main, argv, allowed=(SystemExit,))
        text_out.flush()
        code = result.value if result.error is None else getattr(result.error, "code", None)
        return CliRun(code, out_bytes.getvalue(), err.getvalue())
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        text_in.detach()  # keep the buffers open; they are garbage like the wrappers
        text_out.detach()


def check_cli_run(run: CliRun, argv: Sequence[str]) -> None:
    """Exit 0 with output and a quiet stderr, or exit != 0 with one ``error:`` line; never a
    traceback."""
    where = f"argv={short(list(argv))}"
    assert "Traceback" not in run.stderr, f"{where}\n{run.stderr}"
    assert isinstance(run.code, int), where
    if run.code == 0:
        assert run.stderr == "", f"{where}: {run.stderr!r}"
        assert run.stdout, where
        return
    assert run.stdout == b"", where
    lines = run.stderr.splitlines()
    if lines and lines[0].startswith("usage: python -m core"):
        # argparse reads an argument that starts with "-" as an option: its usage message.
        assert any(arg.startswith("-") for arg in argv), f"{where}: {run.stderr!r}"
        assert run.code == 2 and ": error: " in lines[-1], f"{where}: {run.stderr!r}"
        return
    assert len(lines) == 1 and lines[0].startswith("error: "), f"{where}: {run.stderr!r}"


# ------------------------------------------------------------------ batch output


def is_plain_number(text: str) -> bool:
    """A derived number cell: digits, a point, maybe an exponent; no sign."""
    return bool(text) and text[0].isdigit() and _float_or_none(text) is not None


def _float_or_none(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def check_spreadsheet_safe(cells: Sequence[str], where: str) -> None:
    """No cell a spreadsheet would read as a formula (=, +, -, @, tab, CR first)."""
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS), f"{where}: formula-like cell {short(cell)}"


def check_batch_output(
    header: Sequence[str], rows: Sequence[Sequence[str]], output: bytes
) -> list[dict[str, str]]:
    """The batch output for ``rows``: same rows echoed (neutralised), outputs or an error per
    row, every error naming the field, no silent default, nothing a spreadsheet would run."""
    text = output.decode("utf-8")
    assert not text.startswith("\ufeff")
    written = list(csv.reader(io.StringIO(text, newline="")))
    assert written[0] == [*header, *OUTPUT_COLUMNS]
    assert len(written) == len(rows) + 1, (len(written), len(rows))
    width = len(header)
    answers: list[dict[str, str]] = []
    for number, (row, out) in enumerate(zip(rows, written[1:], strict=True), start=1):
        where = f"row {number} {short(row)}"
        assert len(out) == width + len(OUTPUT_COLUMNS), where
        padded = (list(row) + [""] * width)[:width]
        for cell, echoed in zip(padded, out[:width], strict=True):
            risky = cell.startswith(FORMULA_STARTS)
            assert echoed == ("'" + cell if risky else cell), f"{where}: echoed as {short(echoed)}"
        check_spreadsheet_safe(out[:width], where)
        answer = dict(zip(OUTPUT_COLUMNS, out[width:], strict=True))
        check_spreadsheet_safe([answer["error"], answer["verdict"], answer["finding_ids"]], where)
        for name in ("crcl_ml_min_used", "dose_mg"):
            assert answer[name] == "" or is_plain_number(answer[name]), f"{where}: {answer}"
        blank_line = not any(cell.strip() for cell in row)
        _check_row_answer(header, padded, len(row) != width and not blank_line, answer, where)
        answers.append(answer)
    return answers


def _check_row_answer(
    header: Sequence[str], row: Sequence[str], ragged: bool, answer: dict[str, str], where: str
) -> None:
    given = {name: cell for name, cell in zip(header, row, strict=True) if name in FIELD_NAMES}
    values = {name: contract_value(name, cell) for name, cell in given.items()}
    bad = sorted(name for name, value in values.items() if value is REJECT)
    both = all(values.get(n, BLANK) is not BLANK for n in ("creatinine_mg_dl", "creatinine_umol_l"))
    error = answer["error"]
    if not ragged and all(value is BLANK for value in values.values()):
        # the contract: no value in any scenario field is an error row, never the default patient
        assert error == "empty row", f"{where}: a row with no value answered {answer}"
        assert answer["verdict"] == answer["dose_mg"] == answer["crcl_ml_min_used"] == "", where
        return
    if ragged:
        assert error.startswith("row has "), f"{where}: ragged row without its error: {error!r}"
    if error:
        assert "\n" not in error and "\r" not in error, where
        assert answer["verdict"] == answer["dose_mg"] == answer["crcl_ml_min_used"] == "", where
        if not ragged:
            if both:
                assert error.startswith("creatinine_umol_l: "), f"{where}: {error!r}"
            else:
                missing = [name for name in bad if f"{name}: " not in error]
                assert not missing, f"{where}: {missing} not named in {error!r}"
                impossible = impossible_for_the_sex(given)
                if not bad and impossible:
                    missing = [name for name in impossible if f"{name}: " not in error]
                    assert not missing, f"{where}: {missing} not named in {error!r}"
                fine = set(bad) | impossible
                stricter = [n for n in given if n not in fine and error.startswith(f"{n}: ")]
                stricter += [n for n in given if n not in fine and f"; {n}: " in error]
                odd = [n for n in stricter if not stricter_ok(n, given[n])]
                assert not odd, f"{where}: allowed cells of {odd} rejected: {error!r}"
                assert bad or stricter or impossible, f"{where}: error names no field: {error!r}"
        return
    assert not bad, f"{where}: {bad} accepted silently (verdict {answer['verdict']})"
    assert not both, f"{where}: both creatinine fields accepted"
    assert not impossible_for_the_sex(given), f"{where}: a pregnant or breastfeeding man accepted"
    assert answer["verdict"], f"{where}: no verdict and no error"


def contract_scenario(header: Sequence[str], row: Sequence[str]) -> Scenario:
    """The scenario the contract reads from a row every cell of which it allows."""
    values: dict[str, Any] = {}
    for name, cell in zip(header, row, strict=True):
        if name in FIELD_NAMES:
            value = contract_value(name, cell)
            if value is not BLANK:
                values[name] = value
    return Scenario(**values)
