"""Open a page of the app in AppTest the way a shared link does (shared by the page tests)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

APP = "../../app.py"  # AppTest.from_file resolves it against this file


def open_app(timeout: float = 30, **params: str | list[str]) -> AppTest:
    """The app's default page (the Explorer) at a link with ``params`` (a list: a repeated
    parameter), as the first request of a session."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def open_app_page(page: str, timeout: float = 30, **params: str | list[str]) -> AppTest:
    """``page`` (a views/ script) at a link with ``params`` (a list: a repeated parameter): the
    default page runs first (switch_page needs a run), then the query parameters are set and the
    page runs. ``timeout``: seconds a run may take (the labels and batch pages need more)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at
