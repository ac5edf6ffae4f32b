"""Fixtures shared by the page tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """File name -> the data callable of every download button the page draws."""
    seen: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def spy(
        self: MediaFileManager,
        data_callable: Callable[[], Any],
        mimetype: str | None,
        coordinates: str,
        file_name: str | None = None,
        *,
        element_id: str = "",
    ) -> str:
        seen[str(file_name)] = data_callable
        return original(
            self, data_callable, mimetype, coordinates, file_name=file_name, element_id=element_id
        )

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return seen
