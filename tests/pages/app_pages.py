"""Open a page of the app in AppTest the way a shared link does (shared by the page tests)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

APP = "../../app.py"  # AppTest.from_file resolves it against this file


def open_app_page(page: str, **params: str | list[str]) -> AppTest:
    """``page`` (a views/ script) at a link with ``params`` (a list: a repeated parameter): the
    default page runs first (switch_page needs a run), then the query parameters are set and the
    page runs."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at
