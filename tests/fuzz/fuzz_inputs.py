"""Cheap generators of hostile input for the three core doors, driven by a ``random.Random``.

One generator serves two drivers: a seeded ``Random`` for the bulk runs (thousands of inputs in a
second) and hypothesis' ``st.randoms()`` for the shrinking runs. Inputs that once tripped core
bugs (huge ints, deep JSON, booleans for numbers) are generated too: those bugs are fixed.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
from decimal import Decimal
from enum import StrEnum
from typing import Any

from core.scenario import FIELD_NAMES, ChildPugh, Indication, Scenario, Sex

DEFAULT_COUNT = 10_000  # inputs per door in the default run
SLOW_COUNT = 200_000  # ... and in the --slow run

FLAG_FIELDS: tuple[str, ...] = tuple(
    name for name, info in Scenario.model_fields.items() if info.annotation is bool
)
INT_FIELDS: tuple[str, ...] = tuple(
    name for name, info in Scenario.model_fields.items() if info.annotation is int
)
ENUMS: dict[str, type[StrEnum]] = {"sex": Sex, "child_pugh": ChildPugh, "indication": Indication}
NUMBER_FIELDS: tuple[str, ...] = tuple(
    name for name in FIELD_NAMES if name not in FLAG_FIELDS and name not in ENUMS
)
FLOAT_FIELDS: tuple[str, ...] = tuple(name for name in NUMBER_FIELDS if name not in INT_FIELDS)

# Inputs that once broke the core (fixed; regression tests in tests/fuzz/test_regressions.py):
# ints past Python's 4300-digit str limit, and JSON nested past the recursion limit.
INT_DIGITS_LIMIT = 4300
JSON_DEPTH_LIMIT = 1000

FORMULA_CELLS: tuple[str, ...] = (
    "=cmd|' /C calc'!A0",
    "=1+1",
    '=HYPERLINK("http://example.invalid","x")',
    "+1",
    "-1",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    "\t50",
    "\r50",
    "-0",
    "+50",
    "=50",
    "@",
    "-",
    "+",
)
UNICODE_BITS: tuple[str, ...] = (
    "\u200b",  # zero-width space
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\ufeff",  # byte-order mark
    "\u00a0",  # no-break space
    "\u3000",  # ideographic space
    "\u0085",  # next line
    "\x1c",  # file separator (str.strip removes it)
    "٣",  # Arabic-Indic three
    "٧٠",
    "７０",  # full-width digits
    "①",
    "½",
    "💊",
    "👩🏽‍⚕️",
    "é",
    "ß",
    "İ",
    "ﬀ",
    "<script>alert(1)</script>",
    "**bold**",
    "[x](http://example.invalid)",
    "\\",
    '"',
    "'",
    ",",
    "\n",
    "\r\n",
    "\x7f",
)
NUMBER_TEXTS: tuple[str, ...] = (
    "1e3",
    "1E2",
    "5e1",
    "7_0",
    "5_0",
    "1__0",
    "_70",
    "70_",
    " 72 ",
    "\t72\t",
    "072",
    "+72",
    "72.",
    ".5",
    "72.0",
    "72.5",
    "0x46",
    "0b1",
    "0o7",
    "1,5",
    "1.5.5",
    "inf",
    "-inf",
    "Infinity",
    "nan",
    "NaN",
    "-0",
    "-0.0",
    "0",
    "0.0",
    "1e-300",
    "1e309",
    "-1e309",
    "4.9e-324",
    "70.000000000000000000001",
    "9" * 40,
    "1" * 400,
    "(70)",
    "70kg",
    "70 kg",
    "seventy",
    "\u0663",
    "７２",
    "72\u200b",
    "\u200f72",
)
WORDS: tuple[str, ...] = (
    "true",
    "false",
    "yes",
    "no",
    "1",
    "0",
    "TRUE",
    "No",
    "y",
    "n",
    "on",
    "off",
    "2",
    "-1",
    "maybe",
    "t",
    "f",
    "ｙｅｓ",
    "yes\u200b",
)


def _edges(name: str) -> tuple[float, ...]:
    info = Scenario.model_fields[name]
    bounds = {type(m).__name__: m for m in info.metadata}
    low, high = float(bounds["Ge"].ge), float(bounds["Le"].le)
    return (low, high, low - 1, high + 1, low - 0.001, high + 0.001, (low + high) / 2)


def good_text(rng: random.Random, name: str) -> str:
    """A cell a careful user would type for field ``name`` (valid)."""
    if name in FLAG_FIELDS:
        return rng.choice(("true", "false", "yes", "no", "1", "0", "Yes", "FALSE"))
    if name in ENUMS:
        value = rng.choice([member.value for member in ENUMS[name]])
        return rng.choice((value, value.upper(), value.capitalize()))
    low, high = _edges(name)[:2]
    if name in INT_FIELDS:
        return str(rng.randint(int(low), int(high)))
    return f"{rng.uniform(low, high):.{rng.randint(0, 3)}f}"


TEXT_RANGES: tuple[tuple[int, int], ...] = (
    (0x20, 0x7E),  # ASCII
    (0x01, 0x1F),  # control characters (tab, CR, LF, ...)
    (0xA0, 0x24F),  # Latin
    (0x590, 0x6FF),  # Hebrew, Arabic (right to left, Arabic-Indic digits)
    (0x2000, 0x206F),  # spaces, zero-width and direction marks
    (0x3000, 0x303F),  # CJK punctuation, ideographic space
    (0xFF00, 0xFFEF),  # full-width forms and digits
    (0x1F300, 0x1F6FF),  # emoji
    (0x4E00, 0x4E80),  # CJK
)


def random_text(rng: random.Random, max_size: int = 12) -> str:
    """Random text from several Unicode ranges (no surrogates, no NUL)."""
    ranges = TEXT_RANGES
    chars = []
    for _ in range(rng.randint(0, max_size)):
        low, high = rng.choice(ranges)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars)


def mutate_text(rng: random.Random, text: str) -> str:
    """Insert, delete or replace a character, or wrap the text in odd padding."""
    choice = rng.randrange(6)
    position = rng.randint(0, len(text))
    if choice == 0:
        return text[:position] + rng.choice(UNICODE_BITS) + text[position:]
    if choice == 1 and text:
        return text[:position] + text[position + 1 :]
    if choice == 2:
        return rng.choice(("", " ", "\t", "\u00a0", "\u3000")) + text + rng.choice(("", " ", "\n"))
    if choice == 3:
        return rng.choice(FORMULA_CELLS)[:1] + text
    if choice == 4:
        return text + random_text(rng, 3)
    return text.upper() if rng.random() < 0.5 else text.replace("0", "O")


def junk_text(rng: random.Random, name: str) -> str:
    """Text for field ``name``: valid, edge, odd number syntax, formula, Unicode or random."""
    choice = rng.randrange(11)
    if choice == 0:
        return good_text(rng, name)
    if choice == 1:
        return mutate_text(rng, good_text(rng, name))
    if choice == 2:
        return rng.choice(NUMBER_TEXTS)
    if choice == 3:
        return rng.choice(WORDS)
    if choice == 4:
        return rng.choice(FORMULA_CELLS)
    if choice == 5:
        return rng.choice(UNICODE_BITS) + rng.choice(("", good_text(rng, name)))
    if choice == 6:
        return random_text(rng)
    if choice == 7:
        return rng.choice(("", " ", "  ", "\t", "\u3000", "\u00a0"))
    if choice == 8 and name in NUMBER_FIELDS:
        return repr(rng.choice(_edges(name)))
    if choice == 9:
        return rng.choice([m.value for e in ENUMS.values() for m in e])
    return str(rng.choice((-1, 0, 1, 2, 17, 18, 65, 70, 71, 120, 121, 250, 251, 400, 1800)))


def huge_int(rng: random.Random) -> int:
    """A big integer (up to a few thousand digits, below the known repr limit)."""
    digits = rng.choice((20, 309, 400, 1000, INT_DIGITS_LIMIT + 700))
    return int(rng.choice((1, -1)) * 10 ** (digits - 1) + rng.randrange(10))


def junk_value(rng: random.Random, name: str) -> Any:
    """A Python value for field ``name`` as any caller might pass to the model."""
    choice = rng.randrange(14)
    if choice <= 4:
        return junk_text(rng, name)
    if choice == 5:
        return rng.choice((None, True, False))
    if choice == 6:
        return rng.choice((0, 1, 2, -1, 18, 50, 70, 120, 121, 250, 400, 401, 1800, 1801))
    if choice == 7:
        return huge_int(rng)
    if choice == 8:
        return rng.choice(
            (math.nan, math.inf, -math.inf, -0.0, 0.0, 5e-324, 1e308, 50.0, 50.5, 72.00000001)
        )
    if choice == 9 and name in NUMBER_FIELDS:
        low, high = _edges(name)[:2]
        return rng.uniform(low - 10, high + 10)
    if choice == 10:
        return junk_text(rng, name).encode("utf-8", "surrogatepass")
    if choice == 11:
        return rng.choice(([], [50], {}, {"a": 1}, (), (70,), {70}, object()))
    if choice == 12:
        return rng.choice((Decimal("72"), Decimal("NaN"), Decimal("1E+400"), Decimal("-0")))
    members = [m for e in ENUMS.values() for m in e]
    return rng.choice(members)


def junk_key(rng: random.Random) -> Any:
    """A key that is not a field: a near miss, Unicode, a carried column, or not text at all."""
    choice = rng.randrange(3)
    if choice == 0:
        return mutate_text(rng, rng.choice(FIELD_NAMES))
    if choice == 1:
        return rng.choice(("case_id", "note", "", " ", "__class__", "model_config", "💊"))
    return rng.choice((1, None, 2.5, b"age_years", ("age_years",), True))


def junk_mapping(rng: random.Random) -> dict[Any, Any]:
    """A scenario-shaped dict: 0-6 fields, most with junk values; an unknown key in one in sixteen
    (each costs the core did-you-mean searches, by far the slowest part of a rejection)."""
    data: dict[Any, Any] = {}
    for name in rng.sample(FIELD_NAMES, rng.randint(0, 6)):
        data[name] = good_text(rng, name) if rng.random() < 0.4 else junk_value(rng, name)
    if rng.random() < 0.0625:
        data[junk_key(rng)] = junk_value(rng, rng.choice(FIELD_NAMES))
    return data


def model_input(rng: random.Random) -> Any:
    """Input for ``parse_scenario``: usually a mapping, sometimes not a mapping at all."""
    if rng.random() < 0.03:
        return rng.choice(([], "age_years=50", 5, None, [("age_years", 50)], b"{}"))
    return junk_mapping(rng)


# ---------------------------------------------------------------- assess JSON text


def _json_value(rng: random.Random, name: str) -> Any:
    choice = rng.randrange(8)
    if choice <= 3:
        return junk_text(rng, name)
    if choice == 4:
        return rng.choice((None, True, False, 0, 1, 50, 72, 45.0, -1, 1e308, 10**30))
    if choice == 5:
        return rng.choice((math.nan, math.inf, -math.inf, -0.0))
    if choice == 6:
        return rng.choice(([], [50], {}, {"value": 50}))
    return rng.uniform(-10, 2000)


def _valid_json_object(rng: random.Random) -> str:
    fields = rng.sample(FIELD_NAMES, rng.randint(0, 4))
    data = {name: good_text(rng, name) for name in fields}
    data.pop("creatinine_umol_l", None)
    return json.dumps(data)


def assess_text(rng: random.Random) -> str:
    """A command-line argument for ``python -m core assess``: junk JSON and non-JSON."""
    choice = rng.randrange(12)
    if choice == 0:  # valid half the time: a valid run costs ten rejected ones (its JSON)
        return _valid_json_object(rng) if rng.random() < 0.5 else random_text(rng, 8)
    if choice <= 4:
        data = {name: _json_value(rng, name) for name in rng.sample(FIELD_NAMES, rng.randint(0, 6))}
        if rng.random() < 0.0625:
            data[str(junk_key(rng))] = _json_value(rng, rng.choice(FIELD_NAMES))
        return json.dumps(data, ensure_ascii=rng.random() < 0.5)  # NaN/Infinity literals
    if choice == 5:
        text = _valid_json_object(rng)
        return mutate_text(rng, text)
    if choice == 6:
        text = _valid_json_object(rng)
        return text[: rng.randint(0, len(text))]
    if choice == 7:
        return rng.choice(("[]", "[1, 2]", '"x"', "null", "true", "72", "1e999", "-0", '""', "{}"))
    if choice == 8:
        depth = rng.choice((rng.randint(1, 50), JSON_DEPTH_LIMIT * 100))
        opener, closer = rng.choice((("[", "]"), ('{"a":', "}")))
        return opener * depth + "1" + closer * rng.choice((depth, depth - 1, 0))
    if choice == 9:
        digits = "9" * rng.choice((20, 400, 1000, INT_DIGITS_LIMIT + 700))
        name = rng.choice(FIELD_NAMES)
        return (
            '{"'
            + name
            + '": '
            + rng.choice(("", "-"))
            + digits
            + rng.choice(("", ".5", "e5"))
            + "}"
        )
    if choice == 10:
        return rng.choice(
            (
                '{"age_years": NaN}',
                '{"weight_kg": Infinity}',
                '{"crcl_ml_min": -Infinity}',
                '{"age_years": 72, "age_years": "x"}',
                '{"sex": "\\ud800"}',
                '{"\\u0000": 1}',
                '{"age_years": "\\u0000"}',
                "{'age_years': 72}",
                '{"age_years": 72,}',
                "",
                " ",
                "\x00",
                "\ufeff{}",
            )
        )
    return random_text(rng, 30)


# ---------------------------------------------------------------- batch CSV bytes


def csv_text(header: list[str], rows: list[list[str]], line_end: str = "\r\n") -> str:
    """Rows written with RFC 4180 quoting (what a spreadsheet saves)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def junk_cell(rng: random.Random, column: str) -> str:
    """A cell for ``column`` (a field, case_id or note); long cells now and then."""
    if column not in FIELD_NAMES or rng.random() < 0.05:
        choice = rng.randrange(6)
        if choice == 0:
            return rng.choice(FORMULA_CELLS)
        if choice == 1:
            return "x" * rng.choice((1000, 5000, 20000))
        if choice == 2:
            return '"quoted", with comma\nand "newline"'
        return random_text(rng, 20)
    return junk_text(rng, column)


def batch_header(rng: random.Random) -> list[str]:
    """Every field (so every column kind is exercised) plus case_id and note, shuffled."""
    header = [*FIELD_NAMES, "case_id", "note"]
    rng.shuffle(header)
    return header


def batch_rows(rng: random.Random, header: list[str], count: int) -> list[list[str]]:
    """``count`` rows: mostly blank or valid cells, 0-3 junk cells, now and then ragged."""
    width = len(header)
    field_columns = [i for i, name in enumerate(header) if name in FIELD_NAMES]
    carried = [i for i, name in enumerate(header) if name not in FIELD_NAMES]
    rows: list[list[str]] = []
    for _ in range(count):
        row = [""] * width
        for position in rng.sample(field_columns, min(len(field_columns), rng.randint(0, 6))):
            row[position] = good_text(rng, header[position])
        junk_count = min(width, rng.choice((0, 0, 0, 1, 1, 2, 3)))
        for position in rng.sample(field_columns + carried, junk_count):
            row[position] = junk_cell(rng, header[position])
        for position in carried:
            if rng.random() < 0.3:
                row[position] = junk_cell(rng, header[position])
        if rng.random() < 0.01:
            short = width > 1 and rng.random() < 0.5
            row = row[: rng.randint(1, width - 1)] if short else [*row, "extra"]
        rows.append(row)
    return rows


def _valid_file(rng: random.Random) -> str:
    header = rng.sample(FIELD_NAMES, rng.randint(1, 5)) + rng.choice(([], ["case_id"], ["note"]))
    rows = batch_rows(rng, header, rng.randint(1, 4))
    return csv_text(header, rows, rng.choice(("\r\n", "\n", "\r")))


def batch_file(rng: random.Random) -> bytes:
    """Whole-file junk for ``python -m core batch``: encodings, binary, broken CSV, headers."""
    text = _valid_file(rng)
    choice = rng.randrange(16)
    if choice <= 2:
        return text.encode("utf-8")
    if choice == 3:
        return text.encode(
            rng.choice(("utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252")), "replace"
        )
    if choice == 4:
        return b"\xef\xbb\xbf" * rng.randint(1, 2) + text.encode("utf-8")
    if choice == 5:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 200)))
    if choice == 6:
        data = bytearray(text.encode("utf-8"))
        for _ in range(rng.randint(1, 4)):
            if data:
                data[rng.randrange(len(data))] = rng.getrandbits(8)
        return bytes(data)
    if choice == 7:
        raw = text.encode("utf-8")
        position = rng.randint(0, len(raw))
        return raw[:position] + b"\x00" + raw[position:]
    if choice == 8:
        name = rng.choice(FIELD_NAMES)
        header = rng.choice(
            (
                f"{name},{name}",
                f"{name},,sex",
                f"{name};sex",
                f"{name}\tsex",
                mutate_text(rng, name),
                f"{name},unknown_column",
                "=cmd|' /C calc'!A0",
                f'"{name}',
                f"{name},case_id,case_id",
                "verdict,error",
            )
        )
        return (header + "\r\n" + "1,2\r\n").encode("utf-8")
    if choice == 9:
        return rng.choice((b"", b"\n", b"\r\n\r\n", b"   ", b"\xef\xbb\xbf", b"age_years\n"))
    if choice == 10:
        return text.replace('"', "", 1).encode("utf-8") + b'"unterminated'
    if choice == 11:
        return f"note\n{'x' * 131073}\n".encode()  # past the csv module's field limit
    if choice == 12:
        return rng.choice(
            (b"PK\x03\x04\x14\x00\x06\x00", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-1.7\n")
        )
    if choice == 13:
        return text.replace(",", rng.choice((";", "\t", "|")), 3).encode("utf-8")
    if choice == 14:
        return text.encode("utf-8").replace(b"\n", b"\n\n")
    return mutate_text(rng, text).encode("utf-8", "surrogatepass")
