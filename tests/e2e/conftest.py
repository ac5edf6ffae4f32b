"""Browser tests in real Chromium: one streamlit server and one browser per session (per worker
under ``pytest -n 2``, as ``make test`` runs them: each worker starts its own on a free port).

Debian's chromium at /usr/bin/chromium (never ``playwright install``). Without it the e2e tests
are skipped with the install command -- unless CI=true, where a missing browser fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page

from tools.app_server import running_app
from tools.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    IGNORED_CONSOLE_URLS,
    MISSING_CHROMIUM,
    nav_link,
    open_page,
    wait_idle,
)

__all__ = ["nav_link", "open_page", "wait_idle"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as e2e."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's chromium; skip (or fail under CI=true) when it is missing."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING_CHROMIUM)
        pytest.skip(MISSING_CHROMIUM)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": list(CHROMIUM_ARGS),
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A projector-sized window."""
    return {**browser_context_args, "viewport": {"width": 1280, "height": 720}}


@pytest.fixture(scope="session")
def app_url(browser_type_launch_args: dict[str, Any]) -> Iterator[str]:
    """The running app (started once per session, stopped at the end, even on failure)."""
    with running_app() as url:
        yield url


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Console errors and page errors seen during the test (the two known 404s filtered)."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        where = message.location.get("url") or ""
        if message.type == "error" and not any(s in where for s in IGNORED_CONSOLE_URLS):
            errors.append(f"{message.text} @ {where}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return errors
