"""How a derived renal measure (CrCl, eGFR) is shown, so that it never crosses a threshold.

The rules compare the unrounded value a formula gives. Shown with one decimal, 29.97 would read
"30.0" while the rules treat it as below 30; ``shown_measure`` adds decimals exactly where the
rounded number would sit on another side of a threshold than the value compared ("29.97"). The
thresholds are read from every profile's rule table, so a new cut-off is honoured by itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from core.conditions import AllOf, AnyOf, AtLeast, Compare, Condition, Not
from core.profiles import PROFILES

# Enough to tell any two different floats apart; beyond it the exact form is used.
MAX_DECIMALS = 17


def compares(condition: Condition) -> Iterator[Compare]:
    """Every comparison with a constant inside a condition (depth first)."""
    if isinstance(condition, Compare):
        yield condition
    elif isinstance(condition, AllOf | AnyOf | AtLeast):
        for part in condition.parts:
            yield from compares(part)
    elif isinstance(condition, Not):
        yield from compares(condition.part)


@cache
def measure_thresholds(name: str) -> tuple[float, ...]:
    """The constants any profile's rules compare the derived value ``name`` with, sorted."""
    found = {
        float(compare.value)
        for profile in PROFILES.values()
        for rule in profile.rules
        for compare in compares(rule.when)
        if compare.field == name
    }
    return tuple(sorted(found))


def _side(value: float, threshold: float) -> int:
    return (value > threshold) - (value < threshold)


def shown_measure(value: float, name: str, decimals: int = 1) -> str:
    """``value`` rounded to ``decimals`` places, or to more where the rounded number would sit on
    another side of (or on) a threshold the rules compare ``name`` with; trailing zeros dropped.

    45.04 -> "45"; 49.58 -> "49.6"; 29.97 -> "29.97" (not "30"); 60.004 -> "60.004".
    """
    thresholds = measure_thresholds(name)
    for places in range(decimals, MAX_DECIMALS + 1):
        text = f"{value:.{places}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        shown = float(text)
        if all(_side(shown, t) == _side(value, t) for t in thresholds):
            return "0" if text == "-0" else text
    return repr(value)


def exact_text(value: float) -> str:
    """A value given as input, as typed: the shortest text that reads back as the same float
    (45.0 -> "45", 45.25 -> "45.25"); it is the value compared, so it sits on its own side."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


class ShownMeasure(float):
    """A derived value that formats itself as its shown text whatever the format spec.

    Rule texts are templates written by hand ("CrCl {crcl:g} mL/min"); giving them this value
    instead of the bare float means no template can print a number across a threshold.
    """

    text: str

    def __new__(cls, value: float, text: str) -> ShownMeasure:
        self = super().__new__(cls, value)
        self.text = text
        return self

    def __format__(self, spec: str) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def shown_env(env: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """A copy of a rule environment for formatting rule texts: each known derived value named
    in ``texts`` becomes a ``ShownMeasure`` with that text (unknown ones stay None)."""
    shown = dict(env)
    for name, text in texts.items():
        value = env.get(name)
        if value is not None:
            shown[name] = ShownMeasure(float(value), text)
    return shown
