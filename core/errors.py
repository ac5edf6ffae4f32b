"""One error family for bad scenario input: each problem names the field, value and rule."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldProblem:
    """One rejected input: which field, what value was given, and what is allowed.

    ``unknown`` marks a field name that is not in the contract; ``allowed`` then holds the hint.
    """

    field: str
    value: object
    allowed: str
    unknown: bool = False

    def message(self) -> str:
        """Plain one-line message naming the field, the value and what is allowed."""
        if self.unknown:
            return f"unknown field {shown_value(self.field)}: {self.allowed}"
        return f"{self.field}: {shown_value(self.value)} is not allowed; allowed: {self.allowed}"


class ScenarioError(ValueError):
    """Raised when scenario input is invalid; carries every problem found, not only the first."""

    def __init__(self, problems: Iterable[FieldProblem]) -> None:
        self.problems: tuple[FieldProblem, ...] = tuple(problems)
        super().__init__("; ".join(p.message() for p in self.problems))


def shown_value(value: object, limit: int = 60) -> str:
    """The value as a short, quoted, single-line text (safe to show; never interpreted)."""
    try:
        text = repr(value)
    except ValueError:  # Python refuses to print ints over 4300 digits
        text = (
            f"<a {value.bit_length()}-bit integer>" if isinstance(value, int) else "<unprintable>"
        )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def closest_name(name: str, names: Iterable[str]) -> str | None:
    """The known name closest to ``name`` (for "did you mean" hints), or None if none is close."""
    key = name.strip().lower()
    known = list(names)
    matches = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    # A name without its unit ("age" for "age_years", "crcl" for "crcl_ml_min") is too short
    # for difflib's ratio, but it is the start of exactly the field meant.
    with_unit = [known_name for known_name in known if key and known_name.startswith(key + "_")]
    return with_unit[0] if with_unit else None


def unknown_field_problem(name: str, names: Iterable[str]) -> FieldProblem:
    """The problem for a field name that is not in the contract, with the closest suggestion."""
    suggestion = closest_name(name, names)
    hint = f"did you mean '{suggestion}'?" if suggestion else "not a scenario field"
    return FieldProblem(field=name, value=name, allowed=hint, unknown=True)
