"""The dose map's regions, read off a ``core.grid.DoseGrid`` (pure: no streamlit, no plotly).

``map_regions(grid)``
    The grid compressed into bricks: neighbouring renal rows (and age columns) in which exactly
    the same rules fire are merged, so the 83 x 251 cells become a handful of rectangles, each
    with its zone (4 / 2 / 1 mg, or why there is no dose), its caution and not-indicated flags
    and the rules that fired there. The figure draws bricks, so its hover
    text names a whole region ("ages 18-65, CrCl 61-250 mL/min") and stays small to send.
``map_thresholds(grid)``
    The age and renal cut-offs of the grid's rule table (read from each rule's condition,
    never typed twice), with the rules that use them and where the line falls between grid cells.
``map_summary(grid)``
    The map in sentences: where the dose drops and why, where no dose is given, the caution band.

Every function reads the rules of the profile the grid was assessed under (``grid.profile``:
the article, one of its other readings, or a drug label), never the default table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from core.assess import VERDICT_CODES
from core.grid import DoseGrid
from core.measure_text import compares
from core.profiles import Profile, RenalMeasure
from core.profiles.differences import source_quotes
from core.rules import Category, Rule, Verdict

# Rule categories that shape the map (verdict or dose); the rest change neither.
MAP_CATEGORIES: tuple[Category, ...] = (
    Category.contraindication,
    Category.not_recommended,
    Category.not_indicated,
    Category.caution,
    Category.dose,
)
RENAL_WORDS: dict[RenalMeasure, str] = {"crcl": "CrCl", "egfr": "eGFR"}
RENAL_UNITS: dict[RenalMeasure, str] = {"crcl": "mL/min", "egfr": "mL/min/1.73 m²"}


class Zone(IntEnum):
    """What a cell gives: the heatmap's colour code (caution / not indicated are overlays).

    A dose zone is the dose itself, whatever profile gives it (2 mg is the article's reduced dose
    and the US label's standard one), so one colour means one dose on every map."""

    contraindicated = 0
    not_recommended = 1
    not_covered = 2  # a label profile only: its facts do not cover an input
    one_mg = 3  # a label (eGFR 30 to 60) or another reading of the article
    two_mg = 4
    four_mg = 5
    renal_unknown = 6  # cannot happen on the grid (the renal axis is given); kept for safety


DOSE_ZONES = frozenset({Zone.one_mg, Zone.two_mg, Zone.four_mg})
ZONE_OF_DOSE: dict[float, Zone] = {1.0: Zone.one_mg, 2.0: Zone.two_mg, 4.0: Zone.four_mg}
# The words of core.dose_words (the dose box), so the map says "no dose" as every page does.
ZONE_LABELS: dict[Zone, str] = {
    Zone.contraindicated: "No dose: contraindicated",
    Zone.not_recommended: "No dose: not recommended",
    Zone.not_covered: "No dose: not covered",
    Zone.one_mg: "1 mg once daily",
    Zone.two_mg: "2 mg once daily",
    Zone.four_mg: "4 mg once daily",
    Zone.renal_unknown: "Enter renal function",
}
ZONE_SHORT: dict[Zone, str] = {
    Zone.contraindicated: "Contraindicated",
    Zone.not_recommended: "Not recommended",
    Zone.not_covered: "Not covered",
    Zone.one_mg: "1 mg",
    Zone.two_mg: "2 mg",
    Zone.four_mg: "4 mg",
    Zone.renal_unknown: "Renal unknown",
}
_VERDICT_ZONES: dict[Verdict, Zone] = {
    Verdict.contraindicated: Zone.contraindicated,
    Verdict.not_recommended: Zone.not_recommended,
    Verdict.not_covered: Zone.not_covered,
}


@dataclass(frozen=True)
class Brick:
    """A rectangle of cells with the same rules firing: index ranges are inclusive."""

    row0: int
    row1: int
    col0: int
    col1: int
    zone: Zone
    verdict: Verdict
    caution: bool
    not_indicated: bool
    rules: tuple[str, ...]  # map-shaping rules that fired here, rule-table order

    @property
    def key(self) -> tuple[Zone, bool, bool]:
        """What the reader sees: the zone and both overlays."""
        return (self.zone, self.caution, self.not_indicated)


@dataclass(frozen=True)
class MapRegions:
    """The bricks, with the axes' cell values and cell edges (for a bricked heatmap)."""

    ages: npt.NDArray[np.int64]
    crcls: npt.NDArray[np.float64]
    age_edges: npt.NDArray[np.float64]
    crcl_edges: npt.NDArray[np.float64]
    row_starts: tuple[int, ...]
    col_starts: tuple[int, ...]
    bricks: tuple[Brick, ...]  # row-major over (row group, column group)


def cell_edges(axis: npt.NDArray[np.float64] | npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Cell boundaries of an increasing axis: midpoints, and half a step past each end."""
    values = np.asarray(axis, dtype=np.float64)
    if len(values) == 1:
        return np.array([values[0] - 0.5, values[0] + 0.5])
    mids = (values[1:] + values[:-1]) / 2
    first = values[0] - (values[1] - values[0]) / 2
    last = values[-1] + (values[-1] - values[-2]) / 2
    return np.concatenate(([first], mids, [last]))


def zones(grid: DoseGrid) -> npt.NDArray[np.int_]:
    """The zone code of every cell, shape (renal rows, age columns)."""
    zone = np.full(grid.dose_mg.shape, int(Zone.renal_unknown))
    for dose, dose_zone in ZONE_OF_DOSE.items():
        zone = np.where(grid.dose_mg == dose, int(dose_zone), zone)
    unknown_dose = ~np.isnan(grid.dose_mg) & ~np.isin(grid.dose_mg, list(ZONE_OF_DOSE))
    if unknown_dose.any():  # a dose no zone shows must never be drawn as another dose
        raise ValueError(f"no map zone for a dose of {grid.dose_mg[unknown_dose][0]:g} mg")
    for verdict, verdict_zone in _VERDICT_ZONES.items():
        zone = np.where(grid.verdict_code == VERDICT_CODES.index(verdict), int(verdict_zone), zone)
    return zone


def dose_zone(dose_mg: float) -> Zone:
    """The zone of a dose (e.g. a profile's standard dose)."""
    return ZONE_OF_DOSE[float(dose_mg)]


def _map_rule_ids(grid: DoseGrid) -> list[str]:
    rules = grid.profile.rules_by_id
    return [
        rule_id
        for rule_id in grid.fired
        if rule_id in rules and rules[rule_id].category in MAP_CATEGORIES
    ]


def _starts(changed: npt.NDArray[np.bool_]) -> tuple[int, ...]:
    return (0, *(int(i) + 1 for i in np.flatnonzero(changed)))


def map_regions(grid: DoseGrid) -> MapRegions:
    """Merge neighbouring rows and columns in which every rule fires alike into bricks."""
    rule_ids = list(grid.fired)
    stack = np.stack([grid.fired[r] for r in rule_ids], axis=-1)  # rows x cols x rules
    zone = zones(grid)
    # A brick must also be one zone: a zone can change where no rule does (renal unknown).
    row_changed = np.any(stack[1:] != stack[:-1], axis=(1, 2)) | np.any(
        zone[1:] != zone[:-1], axis=1
    )
    col_changed = np.any(stack[:, 1:] != stack[:, :-1], axis=(0, 2)) | np.any(
        zone[:, 1:] != zone[:, :-1], axis=0
    )
    row_starts, col_starts = _starts(row_changed), _starts(col_changed)
    row_ends = (*(s - 1 for s in row_starts[1:]), len(grid.crcls) - 1)
    col_ends = (*(s - 1 for s in col_starts[1:]), len(grid.ages) - 1)
    shaping = _map_rule_ids(grid)
    rules = grid.profile.rules_by_id
    bricks: list[Brick] = []
    for r0, r1 in zip(row_starts, row_ends, strict=True):
        for c0, c1 in zip(col_starts, col_ends, strict=True):
            verdict = VERDICT_CODES[int(grid.verdict_code[r0, c0])]
            fired = tuple(r for r in shaping if grid.fired[r][r0, c0])
            zone_here = Zone(int(zone[r0, c0]))
            bricks.append(
                Brick(
                    row0=r0,
                    row1=r1,
                    col0=c0,
                    col1=c1,
                    zone=zone_here,
                    verdict=verdict,
                    # The band shows where a dose is given: on "not indicated yet" too.
                    caution=zone_here in DOSE_ZONES
                    and any(rules[r].category is Category.caution for r in fired),
                    not_indicated=verdict is Verdict.not_indicated,
                    rules=fired,
                )
            )
    return MapRegions(
        ages=grid.ages,
        crcls=grid.crcls,
        age_edges=cell_edges(grid.ages),
        crcl_edges=cell_edges(grid.crcls),
        row_starts=row_starts,
        col_starts=col_starts,
        bricks=tuple(bricks),
    )


def connected_areas(regions: MapRegions) -> list[list[Brick]]:
    """Bricks grouped into areas a reader sees as one (same zone and overlays, touching)."""
    n_cols = len(regions.col_starts)
    bricks = regions.bricks
    seen: set[int] = set()
    areas: list[list[Brick]] = []
    for start in range(len(bricks)):
        if start in seen:
            continue
        seen.add(start)
        queue, area = [start], []
        while queue:
            index = queue.pop()
            area.append(bricks[index])
            r, c = divmod(index, n_cols)
            for rr, cc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                other = rr * n_cols + cc
                if (
                    0 <= rr < len(regions.row_starts)
                    and 0 <= cc < n_cols
                    and other not in seen
                    and bricks[other].key == bricks[index].key
                ):
                    seen.add(other)
                    queue.append(other)
        areas.append(area)
    return areas


# ---------------------------------------------------------------- thresholds


@dataclass(frozen=True)
class Threshold:
    """A cut-off on one axis: ``field`` is "age_years" or the grid's renal measure ("crcl" or
    "egfr"); ``position`` is where the line falls between grid cells; ``rules`` are the ids of
    the rules comparing with it."""

    field: str
    value: float
    position: float
    rules: tuple[str, ...]


def _line_position(axis: npt.NDArray[np.float64], op: str, value: float) -> float | None:
    edges = cell_edges(axis)
    # ">" and "<=" split after the last cell equal to the value; ">=" and "<" before it.
    if op in (">", "<="):
        index = int(np.searchsorted(axis, value, side="right"))
    else:
        index = int(np.searchsorted(axis, value, side="left"))
    if index <= 0 or index >= len(axis):
        return None  # the cut-off lies outside the map
    return float(edges[index])


def map_thresholds(grid: DoseGrid, rules: Sequence[Rule] | None = None) -> list[Threshold]:
    """Every age / renal cut-off used by a map-shaping rule, in (field, value) order."""
    by_id = grid.profile.rules_by_id
    chosen = rules if rules is not None else [by_id[r] for r in _map_rule_ids(grid)]
    axis_fields = ("age_years", grid.renal_measure)
    found: dict[tuple[str, float], tuple[float, list[str]]] = {}
    for rule in chosen:
        if rule.category not in MAP_CATEGORIES:
            continue
        for compare in compares(rule.when):
            if compare.field not in axis_fields:
                continue
            axis = np.asarray(grid.ages if compare.field == "age_years" else grid.crcls, float)
            position = _line_position(axis, compare.op, compare.value)
            if position is None:
                continue
            key = (compare.field, float(compare.value))
            _, ids = found.setdefault(key, (position, []))
            if rule.id not in ids:
                ids.append(rule.id)
    return [
        Threshold(field, value, position, tuple(ids))
        for (field, value), (position, ids) in sorted(found.items())
    ]


def rule_quotes(profile: Profile, rule: Rule, limit: int = 110) -> list[tuple[str, str]]:
    """The rule's first two sources as (id, text on one line shortened to ``limit``): article
    passages for the article (and its readings), label sources for a label profile."""
    cited = rule.sources if profile.is_label else rule.passages
    return [(sid, _shortened(text, limit)) for sid, text in source_quotes(profile, cited[:2])]


def _shortened(text: str, limit: int) -> str:
    text = " ".join(text.replace("•", " ").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- words


def runs(
    values: npt.NDArray[np.float64] | npt.NDArray[np.int64], mask: npt.NDArray[np.bool_]
) -> str:
    """Contiguous stretches of ``mask`` as value ranges: '30–60' or '18–65 and 71–100'."""
    parts: list[str] = []
    index = np.flatnonzero(mask)
    if not len(index):
        return ""
    breaks = np.flatnonzero(np.diff(index) > 1)
    starts = [index[0], *(index[b + 1] for b in breaks)]
    ends = [*(index[b] for b in breaks), index[-1]]
    for start, end in zip(starts, ends, strict=True):
        low, high = f"{values[start]:g}", f"{values[end]:g}"
        parts.append(low if start == end else f"{low}–{high}")
    return " and ".join(parts)


def extent_words(grid: DoseGrid, mask: npt.NDArray[np.bool_]) -> str:
    """Where a 2-D mask holds, in words: 'everywhere', 'at ages 71–100', 'at CrCl 30–60 mL/min'
    or a bounding box when it depends on both axes."""
    measure, unit = RENAL_WORDS[grid.renal_measure], RENAL_UNITS[grid.renal_measure]
    if mask.all():
        return "everywhere on the map"
    if np.all(mask == mask[:1, :]):  # the same in every renal row: depends on age only
        return f"at ages {runs(grid.ages, mask[0])}"
    if np.all(mask == mask[:, :1]):  # the same in every age column: depends on renal only
        return f"at {measure} {runs(grid.crcls, mask[:, 0])} {unit}"
    rows, cols = np.any(mask, axis=1), np.any(mask, axis=0)
    return f"within ages {runs(grid.ages, cols)} and {measure} {runs(grid.crcls, rows)} {unit}"


_HEADS: dict[Category, str] = {
    Category.dose: "The dose drops to {reduced} mg",
    Category.contraindication: "Contraindicated (no dose)",
    Category.not_recommended: "Not recommended (no dose)",
    Category.not_indicated: "Not indicated yet (algorithm step 1 not met)",
    Category.caution: "Use with caution",
}


@dataclass(frozen=True)
class SummaryLine:
    """One sentence of the summary: a head and (where, rule id) pairs; ``text`` joins them."""

    head: str
    parts: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        """The sentence with rule ids in brackets."""
        if not self.parts:
            return self.head
        return f"{self.head} " + "; ".join(f"{where} ({rule})" for where, rule in self.parts) + "."


def map_summary_lines(grid: DoseGrid) -> list[SummaryLine]:
    """The map in sentences, generated from the grid: one per category that shows on it, each
    rule with where it fires, then where 4 mg is given and the share of cells per outcome."""
    has_dose = ~np.isnan(grid.dose_mg)
    profile = grid.profile
    lines: list[SummaryLine] = []
    for category in _HEADS:
        parts: list[tuple[str, str]] = []
        for rule_id in _map_rule_ids(grid):
            if profile.rules_by_id[rule_id].category is not category:
                continue
            mask = grid.fired[rule_id]
            # A reduction matters only where a dose is given at all.
            shows = (mask & has_dose).any() if category is Category.dose else mask.any()
            if shows:
                parts.append((extent_words(grid, mask), rule_id))
        if parts:
            head = _HEADS[category].format(reduced=profile.reduced_dose_mg)
            lines.append(SummaryLine(head, tuple(parts)))
    zone = zones(grid)
    standard = profile.standard_dose_mg
    if (zone == dose_zone(standard)).any():
        lines.append(
            SummaryLine(
                f"{standard} mg (the standard dose) wherever no reduction and no block applies."
            )
        )
    else:
        lines.append(
            SummaryLine(f"No cell of the map gives {standard} mg with the scenario's other inputs.")
        )
    shares = [
        f"{ZONE_SHORT[z]} {100 * np.count_nonzero(zone == z) / zone.size:.0f}%"
        for z in sorted(Zone, reverse=True)
        if np.any(zone == z)
    ]
    lines.append(SummaryLine("Share of the map: " + ", ".join(shares) + "."))
    return lines


def map_summary(grid: DoseGrid) -> list[str]:
    """``map_summary_lines`` as plain sentences."""
    return [line.text for line in map_summary_lines(grid)]
