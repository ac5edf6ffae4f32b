"""How inputs read in plain words: a field's (or derived value's) label, unit and value.

One place for the wording shared by the handout, the findings' "triggered by" lines and the
compare page, so "72 years" or "CrCl 45 mL/min" reads the same everywhere.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from core.measure_text import shown_measure
from core.scenario import FIELD_NAMES, field_info

# Derived values the rules compare with thresholds (shown by ``shown_measure``).
MEASURES = frozenset({"crcl", "egfr"})

# Values a rule may read that are not contract fields (see core.assess.rule_env).
DERIVED_LABELS: dict[str, tuple[str, str]] = {
    "crcl": ("CrCl", "mL/min"),
    "egfr": ("eGFR used", "mL/min/1.73 m²"),
    "indication_words": ("Indication", ""),
}


def input_label(name: str) -> str:
    """The plain label of a contract field or a derived rule input ('Age', 'CrCl used')."""
    if name in DERIVED_LABELS:
        return DERIVED_LABELS[name][0]
    return str(field_info(name).get("label", name)) if name in FIELD_NAMES else name


def input_unit(name: str) -> str:
    """The unit of a contract field or derived input ('' when it has none)."""
    if name in DERIVED_LABELS:
        return DERIVED_LABELS[name][1]
    return str(field_info(name).get("unit", "")) if name in FIELD_NAMES else ""


def number_words(name: str, value: float) -> str:
    """A number without its unit: a derived measure (CrCl, eGFR) by ``shown_measure``, so it is
    never shown across a threshold from the value compared; any other number as ``:g``."""
    return shown_measure(value, name) if name in MEASURES else f"{value:g}"


def value_words(name: str, value: Any) -> str:
    """One input value in plain words with its unit ('72 years', 'yes', 'unknown')."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, StrEnum):
        words = value.value.replace("_", " ")
        return words.capitalize() if name == "indication" else words
    text = number_words(name, value) if isinstance(value, float | int) else str(value)
    unit = input_unit(name)
    return f"{text} {unit}" if unit else text
