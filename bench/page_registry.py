"""The pages registered in app.py, read from its source (not by running it).

``registered_pages()`` parses the ``st.Page(...)`` calls in app.py's ``PAGES`` list (script,
url_path, default, title), so every tool that loops over the pages -- screenshots, browser
tests, axe audits, the load bench -- picks up a new page without being edited.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

APP_FILE = Path(__file__).resolve().parent.parent / "app.py"


@dataclass(frozen=True)
class PageEntry:
    """One registered page: its script, its url path ('' for the default page) and title."""

    script: str
    url_path: str
    title: str


def registered_pages(app_file: Path = APP_FILE) -> list[PageEntry]:
    """The st.Page entries of app.py, in order (read from the source, not by running it)."""
    pages: list[PageEntry] = []
    for node in ast.walk(ast.parse(app_file.read_text(encoding="utf-8"))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "Page"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            continue
        script = str(node.args[0].value)
        kwargs = {
            k.arg: k.value.value
            for k in node.keywords
            if k.arg and isinstance(k.value, ast.Constant)
        }
        url_path = "" if kwargs.get("default") else str(kwargs.get("url_path") or Path(script).stem)
        pages.append(PageEntry(script, url_path, str(kwargs.get("title", Path(script).stem))))
    pages.sort(key=lambda p: p.url_path != "")  # the default page first: deep links come after
    return pages
