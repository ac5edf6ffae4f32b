"""Ready-made input files for the batch command: a template to fill in, and a sample to try.

``template_csv()``
    The header every batch file may use (``case_id``, ``note``, then every scenario field in
    contract order) and one example row: the contract's example (age 72, CrCl 45) with every
    other field written out at its default, so the file shows how each kind of value is spelled
    (``true``/``false``, ``female``, ``rheumatoid_arthritis``). Optional numbers stay blank.

``sample_csv()``
    The teaching cases (case_id = the case's id, note = its title), one row each, followed by
    two rows with deliberate mistakes, so a first look at the batch page shows error rows too.

Both are plain UTF-8 CSV (no byte-order mark, ``\\n`` line ends) that ``core.batch.run_batch``
accepts as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from core.batch import CARRIED_COLUMNS
from core.cases import teaching_cases
from core.scenario import DEFAULTS, FIELD_NAMES

TEMPLATE_COLUMNS: tuple[str, ...] = (*CARRIED_COLUMNS, *FIELD_NAMES)
EXAMPLE_CASE_ID = "example-1"
EXAMPLE_NOTE = "Replace this row with your own cases; a blank cell takes the field's default"
# The contract's own example ("python -m core assess '{"age_years": 72, "crcl_ml_min": 45}'").
EXAMPLE_VALUES: Mapping[str, Any] = {"age_years": 72, "crcl_ml_min": 45}

# Rows of the sample file that a reviewer should see rejected, each with its own message.
SAMPLE_MISTAKES: tuple[Mapping[str, str], ...] = (
    {"case_id": "mistake-age", "note": "an age outside 18-120", "age_years": "150"},
    {"case_id": "mistake-sex", "note": "an unknown choice", "sex": "unknown"},
)


def cell_text(value: Any) -> str:
    """A scenario value as a CSV cell: ``true``/``false``, the number, the choice, or blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(getattr(value, "value", value))


def _csv_bytes(header: Sequence[str], rows: Sequence[Mapping[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue().encode("utf-8")


def template_csv() -> bytes:
    """The batch template: every column the batch command accepts and one example row."""
    example = {name: cell_text(EXAMPLE_VALUES.get(name, DEFAULTS[name])) for name in FIELD_NAMES}
    example.update(case_id=EXAMPLE_CASE_ID, note=EXAMPLE_NOTE)
    return _csv_bytes(TEMPLATE_COLUMNS, [example])


def sample_csv() -> bytes:
    """A small sample batch: every teaching case, then two rows with a mistake each.

    Only the columns some row uses are written (a real file rarely has them all).
    """
    rows: list[dict[str, str]] = []
    for case in teaching_cases():
        row = {name: cell_text(value) for name, value in case.scenario.items()}
        row.update(case_id=case.id, note=case.title)
        rows.append(row)
    rows += [dict(mistake) for mistake in SAMPLE_MISTAKES]
    used = {name for row in rows for name in row}
    header = [name for name in TEMPLATE_COLUMNS if name in used]
    return _csv_bytes(header, rows)


__all__ = [
    "EXAMPLE_CASE_ID",
    "EXAMPLE_NOTE",
    "EXAMPLE_VALUES",
    "SAMPLE_MISTAKES",
    "TEMPLATE_COLUMNS",
    "cell_text",
    "sample_csv",
    "template_csv",
]
