"""The floor for a page's AppTest run time: the same scenario widgets through the same URL sync,
and nothing else (for the page and dose map benchmarks; the browser benchmark's floor is the
served script ``bench/bare_page.py``)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
_BARE_PAGE = """
import sys
sys.path.insert(0, {root!r})
from ui.scenario_state import scenario_sidebar
scenario_sidebar("bare")
"""


def bare_sidebar_page() -> AppTest:
    """An AppTest of the bare sidebar page (not run yet)."""
    return AppTest.from_string(_BARE_PAGE.format(root=str(ROOT)), default_timeout=60)
