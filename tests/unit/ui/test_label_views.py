"""The labels page's pure parts: the comparison table's cells (no streamlit)."""

from __future__ import annotations

import pytest

from core.profiles import TOPICS, comparison_table
from core.profiles.differences import UNVERIFIED
from ui.label_views import comparison_frame


def test_comparison_frame_has_every_topic_with_its_sources() -> None:
    rows = comparison_table()
    frame = comparison_frame(rows)
    assert list(frame["Topic"]) == [label for _, label in TOPICS]
    assert list(frame.columns) == [
        "Topic",
        "Article (last updated 2025-09-21)",
        "EU SmPC (compiled 2026-12)",
        "US label (compiled 2026-12)",
    ]
    for index, row in enumerate(rows):
        for column, comparison_cell in zip(frame.columns[1:], row.cells, strict=True):
            shown = frame.iloc[index][column]
            assert comparison_cell.text in shown
            for source in comparison_cell.sources:
                assert source in shown, (row.topic, column)
            assert (UNVERIFIED in shown) is comparison_cell.unverified


@pytest.mark.parametrize("topic", ["contraception", "breastfeeding"])
def test_unverified_cell_is_shown_as_unverified(topic: str) -> None:
    frame = comparison_frame(comparison_table())
    row = frame[frame["Topic"] == dict(TOPICS)[topic]].iloc[0]
    assert row["US label (compiled 2026-12)"].startswith("unverified: ")
