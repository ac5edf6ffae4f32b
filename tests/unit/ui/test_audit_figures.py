"""The audit page's difference map: blocks that paint exactly the cells the readings change."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from core import Scenario
from core.audit import audit_entries, audit_entry, grid_difference
from ui.audit_figures import CHANGE_WORDS, change_codes, difference_map


def heatmap(difference: Any) -> dict[str, Any]:
    """The map's heatmap trace as the browser gets it."""
    traces = json.loads(difference_map(difference).to_json())["data"]
    assert [t["type"] for t in traces] == ["heatmap"]
    trace: dict[str, Any] = traces[0]
    return trace


def painted(trace: dict[str, Any], ages: Any, crcls: Any) -> np.ndarray:
    """The code each (CrCl, age) cell is painted with: the block whose edges enclose it."""
    columns = np.searchsorted(np.asarray(trace["x"]), ages) - 1
    rows = np.searchsorted(np.asarray(trace["y"]), crcls) - 1
    return np.asarray(trace["z"])[np.ix_(rows, columns)]


@pytest.mark.parametrize("entry_id", [entry.id for entry in audit_entries()])
def test_every_cell_is_painted_with_its_own_change(entry_id: str) -> None:
    entry = audit_entry(entry_id)
    difference = grid_difference(entry, entry.example_scenario)
    trace = heatmap(difference)
    ages, crcls = difference.app.ages, difference.app.crcls
    assert trace["x"][0] == ages[0] - 0.5 and trace["x"][-1] == ages[-1] + 0.5
    assert trace["y"][0] == crcls[0] - 0.5 and trace["y"][-1] == crcls[-1] + 0.5
    assert (painted(trace, ages, crcls) == change_codes(difference)).all()


def test_the_map_sends_blocks_with_their_ranges_not_one_cell_per_age_and_crcl() -> None:
    entry = audit_entry("age_thresholds")
    difference = grid_difference(entry, Scenario(crcl_ml_min=45))
    trace = heatmap(difference)
    cells = difference.size
    blocks = sum(len(row) for row in trace["z"])
    assert blocks < cells / 100  # a few blocks where the map has 20 000 cells
    codes = change_codes(difference)
    # The hover of the block holding a changed cell names the change and the cell's ranges.
    row, column = (int(i) for i in np.argwhere(codes > 0)[0])
    block_row = int(np.searchsorted(trace["y"], difference.app.crcls[row])) - 1
    block_column = int(np.searchsorted(trace["x"], difference.app.ages[column])) - 1
    text = trace["text"][block_row][block_column]
    assert text.endswith(": " + CHANGE_WORDS[int(codes[row, column])])
    age_words, crcl_words = text.split(" mL/min: ")[0].removeprefix("Age ").split(", CrCl ")
    low, _, high = age_words.partition("–")
    assert float(low) <= difference.app.ages[column] <= float(high or low)
    low, _, high = crcl_words.partition("–")
    assert float(low) <= difference.app.crcls[row] <= float(high or low)
