"""A tiny condition language, so that a rule's condition is data.

The same condition object is read three ways: ``test`` on one scenario (plain Python, fast),
``mask`` on columns (numpy, for the dose map grid and batch files), and ``describe`` in plain
words (for the rule book). A property test proves ``test`` and ``mask`` agree.

Variables are scenario fields plus the derived ``crcl`` (None / NaN when renal function is
unknown). Any comparison with an unknown value is false.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Env = Mapping[str, Any]
Columns = Mapping[str, npt.NDArray[Any]]
Mask = npt.NDArray[np.bool_]

_OPS: dict[str, Callable[[Any, Any], Any]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
}
_WORDS = {">": "over", ">=": "at least", "<": "below", "<=": "at most", "==": "is"}


class Condition:
    """Base of all conditions: combine with ``&``, ``|`` and ``~``."""

    def test(self, env: Env) -> bool:
        """Evaluate on one scenario's values."""
        raise NotImplementedError

    def mask(self, columns: Columns, size: int) -> Mask:
        """Evaluate on columns of equal length ``size``."""
        raise NotImplementedError

    def describe(self) -> str:
        """The condition in plain words."""
        raise NotImplementedError

    def fields(self) -> tuple[str, ...]:
        """The inputs the condition reads, in order, without repeats."""
        raise NotImplementedError

    def __and__(self, other: Condition) -> Condition:
        return AllOf((self, other))

    def __or__(self, other: Condition) -> Condition:
        return AnyOf((self, other))

    def __invert__(self) -> Condition:
        return Not(self)


@dataclass(frozen=True)
class IsTrue(Condition):
    """A yes/no field is yes."""

    field: str
    words: str

    def test(self, env: Env) -> bool:
        return bool(env[self.field])

    def mask(self, columns: Columns, size: int) -> Mask:
        return np.asarray(columns[self.field], dtype=bool)

    def describe(self) -> str:
        return self.words

    def fields(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True)
class Compare(Condition):
    """A number field compared with a constant; false when the value is unknown."""

    field: str
    op: str
    value: float
    words: str = ""

    def test(self, env: Env) -> bool:
        current = env[self.field]
        if current is None or (isinstance(current, float) and math.isnan(current)):
            return False
        return bool(_OPS[self.op](current, self.value))

    def mask(self, columns: Columns, size: int) -> Mask:
        values = np.asarray(columns[self.field], dtype=float)
        # A comparison with NaN (unknown) is false, and numpy does not warn about it.
        compared: Mask = _OPS[self.op](values, self.value)
        return compared

    def describe(self) -> str:
        return self.words or f"{self.field} {_WORDS[self.op]} {self.value:g}"

    def fields(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True)
class Equals(Condition):
    """A choice field has one of the given values."""

    field: str
    values: tuple[str, ...]
    words: str = ""
    negate: bool = False

    def test(self, env: Env) -> bool:
        return (str(env[self.field]) in self.values) != self.negate

    def mask(self, columns: Columns, size: int) -> Mask:
        column = np.asarray(columns[self.field])
        if column.ndim == 1 and column.size and column.strides[0] == 0:
            # A broadcast constant (the dose map's fixed inputs): one comparison, not one per
            # cell -- converting every cell to text was most of a grid's time.
            hit = (str(column[0]) in self.values) != self.negate
            return np.full(size, hit)
        found = np.isin(column.astype(str), self.values)
        return ~found if self.negate else found

    def describe(self) -> str:
        if self.words:
            return self.words
        verb = "is not" if self.negate else "is"
        return f"{self.field} {verb} {' or '.join(self.values)}"

    def fields(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True)
class Known(Condition):
    """A derived number is known (not None / NaN)."""

    field: str
    words: str

    def test(self, env: Env) -> bool:
        value = env[self.field]
        return value is not None and not (isinstance(value, float) and math.isnan(value))

    def mask(self, columns: Columns, size: int) -> Mask:
        known: Mask = ~np.isnan(np.asarray(columns[self.field], dtype=float))
        return known

    def describe(self) -> str:
        return self.words

    def fields(self) -> tuple[str, ...]:
        return (self.field,)


@dataclass(frozen=True)
class AllOf(Condition):
    """Every part holds."""

    parts: tuple[Condition, ...]

    def test(self, env: Env) -> bool:
        return all(part.test(env) for part in self.parts)

    def mask(self, columns: Columns, size: int) -> Mask:
        result = np.ones(size, dtype=bool)
        for part in self.parts:
            result &= part.mask(columns, size)
        return result

    def describe(self) -> str:
        return " and ".join(_grouped(part) for part in self.parts)

    def fields(self) -> tuple[str, ...]:
        return _merged(self.parts)


@dataclass(frozen=True)
class AnyOf(Condition):
    """At least one part holds."""

    parts: tuple[Condition, ...]

    def test(self, env: Env) -> bool:
        return any(part.test(env) for part in self.parts)

    def mask(self, columns: Columns, size: int) -> Mask:
        result = np.zeros(size, dtype=bool)
        for part in self.parts:
            result |= part.mask(columns, size)
        return result

    def describe(self) -> str:
        return " or ".join(_grouped(part) for part in self.parts)

    def fields(self) -> tuple[str, ...]:
        return _merged(self.parts)


@dataclass(frozen=True)
class AtLeast(Condition):
    """At least ``count`` of the parts hold."""

    count: int
    parts: tuple[Condition, ...]
    words: str = ""

    def test(self, env: Env) -> bool:
        return sum(part.test(env) for part in self.parts) >= self.count

    def mask(self, columns: Columns, size: int) -> Mask:
        total = np.zeros(size, dtype=int)
        for part in self.parts:
            total += part.mask(columns, size)
        return total >= self.count

    def describe(self) -> str:
        return self.words or (
            f"at least {self.count} of: " + "; ".join(p.describe() for p in self.parts)
        )

    def fields(self) -> tuple[str, ...]:
        return _merged(self.parts)


@dataclass(frozen=True)
class Not(Condition):
    """The part does not hold."""

    part: Condition

    def test(self, env: Env) -> bool:
        return not self.part.test(env)

    def mask(self, columns: Columns, size: int) -> Mask:
        return ~self.part.mask(columns, size)  # every part's mask is yes/no already

    def describe(self) -> str:
        return f"not ({self.part.describe()})"

    def fields(self) -> tuple[str, ...]:
        return self.part.fields()


@dataclass(frozen=True)
class Always(Condition):
    """Holds for every scenario (for findings every patient gets)."""

    words: str = "always"

    def test(self, env: Env) -> bool:
        return True

    def mask(self, columns: Columns, size: int) -> Mask:
        return np.ones(size, dtype=bool)

    def describe(self) -> str:
        return self.words

    def fields(self) -> tuple[str, ...]:
        return ()


def _grouped(condition: Condition) -> str:
    text = condition.describe()
    return f"({text})" if isinstance(condition, AllOf | AnyOf) else text


def _merged(parts: tuple[Condition, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for part in parts for name in part.fields()))
