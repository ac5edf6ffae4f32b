"""The rule table as a downloadable decision table (CSV and JSON), and back.

One row per rule: id, category, the condition in words and in a machine-readable form (a JSON
tree of the core.conditions objects, which ``condition_from_data`` turns back into the same
condition), outcome, plain text, passage ids and their quotes, and -- where an audit entry
applies -- the reading taken. The JSON and CSV carry the same rows.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import Any

from core.audit import AuditEntry, audit_entries
from core.conditions import (
    AllOf,
    Always,
    AnyOf,
    AtLeast,
    Compare,
    Condition,
    Equals,
    IsTrue,
    Known,
    Not,
)
from core.profiles import ARTICLE, Profile
from core.sources import article

COLUMNS: tuple[str, ...] = (
    "id",
    "category",
    "condition",
    "condition_json",
    "outcome",
    "text",
    "passages",
    "quotes",
    "reading",
)
CONDITION_TYPES: dict[str, type[Condition]] = {
    cls.__name__: cls
    for cls in (IsTrue, Compare, Equals, Known, AllOf, AnyOf, AtLeast, Not, Always)
}


def condition_data(condition: Condition) -> dict[str, Any]:
    """A condition as plain JSON-ready data: its type and its fields, parts nested."""
    data: dict[str, Any] = {"type": type(condition).__name__}
    for item in dataclasses.fields(condition):  # type: ignore[arg-type]
        value = getattr(condition, item.name)
        if isinstance(value, Condition):
            data[item.name] = condition_data(value)
        elif isinstance(value, tuple) and value and isinstance(value[0], Condition):
            data[item.name] = [condition_data(part) for part in value]
        elif isinstance(value, tuple):
            data[item.name] = list(value)
        else:
            data[item.name] = value
    return data


def condition_from_data(data: dict[str, Any]) -> Condition:
    """The condition back from ``condition_data`` (ValueError for an unknown type)."""
    kind = CONDITION_TYPES.get(str(data.get("type")))
    if kind is None:
        raise ValueError(f"unknown condition type {data.get('type')!r}")
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name == "type":
            continue
        if isinstance(value, dict):
            values[name] = condition_from_data(value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            values[name] = tuple(condition_from_data(part) for part in value)
        elif isinstance(value, list):
            values[name] = tuple(value)
        else:
            values[name] = value
    return kind(**values)


def _reading_words(rule_id: str, active: AuditEntry | None) -> str:
    lines = []
    for entry in audit_entries():
        if rule_id not in entry.rules:
            continue
        if active is not None and entry.id == active.id:
            lines.append(
                f"{entry.title} Other reading (not the app's default): {entry.other_reading}"
            )
        else:
            lines.append(f"{entry.title} The app's reading: {entry.app_reading}")
    return "\n".join(lines)


def decision_table_rows(
    profile: Profile = ARTICLE, active: AuditEntry | None = None
) -> list[dict[str, Any]]:
    """One row per rule of ``profile`` (``active``: the audit entry whose other reading it is)."""
    source = article()
    rows = []
    for rule in profile.rules:
        rows.append(
            {
                "id": rule.id,
                "category": rule.category.value,
                "condition": rule.when.describe(),
                "condition_json": condition_data(rule.when),
                "outcome": rule.outcome,
                "text": rule.text,
                "passages": list(rule.passages),
                "quotes": [source.passage(pid).text.strip() for pid in rule.passages],
                "reading": _reading_words(rule.id, active),
            }
        )
    return rows


def decision_table_json(profile: Profile = ARTICLE, active: AuditEntry | None = None) -> bytes:
    """The decision table as JSON: the profile, the source and the rows."""
    data = {
        "profile": profile.id,
        "source": dict(profile.sources),
        "columns": list(COLUMNS),
        "rules": decision_table_rows(profile, active),
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def decision_table_csv(profile: Profile = ARTICLE, active: AuditEntry | None = None) -> bytes:
    """The decision table as UTF-8 CSV: lists joined with ' | ', the condition tree as JSON."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in decision_table_rows(profile, active):
        writer.writerow(
            [
                row["id"],
                row["category"],
                row["condition"],
                json.dumps(row["condition_json"], ensure_ascii=False),
                row["outcome"],
                row["text"],
                " | ".join(row["passages"]),
                " | ".join(row["quotes"]),
                row["reading"],
            ]
        )
    return buffer.getvalue().encode("utf-8")
