"""Save a 1280x720 PNG of every page registered in app.py: ``python bench/screenshots.py DIR``.

Pages are discovered from the ``st.Page(...)`` calls in app.py's ``PAGES`` list (file, url_path,
default), so a new page is photographed without touching this script. Each page is opened with
``SCENARIO_QUERY`` (a scenario with findings in several categories) unless it is listed in
``PAGE_QUERIES``. Needs Debian's chromium at /usr/bin/chromium (never ``playwright install``).
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

from app_server import APP_DIR, IDLE_SELECTOR, running_app  # bench/ is on sys.path when run
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 720}
SCENARIO_QUERY = "age_years=72&crcl_ml_min=45&glucocorticoid=true"
PAGE_QUERIES: dict[str, str] = {}


@dataclass(frozen=True)
class PageEntry:
    """One registered page: its script, its url path ('' for the default page) and title."""

    script: str
    url_path: str
    title: str


def registered_pages(app_file: Path = APP_DIR / "app.py") -> list[PageEntry]:
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


def main(out_dir: Path) -> None:
    """Photograph every page into ``out_dir`` as <script stem>.png."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: install it with `sudo apt-get install chromium`")
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        for entry in registered_pages():
            query = PAGE_QUERIES.get(entry.url_path, SCENARIO_QUERY)
            page.goto(f"{url}/{entry.url_path}?{query}")
            page.wait_for_selector(IDLE_SELECTOR, timeout=20_000)
            page.wait_for_timeout(300)
            page.wait_for_selector(IDLE_SELECTOR, timeout=20_000)
            page.wait_for_timeout(700)  # charts draw after the script finishes
            target = out_dir / f"{Path(entry.script).stem}.png"
            page.screenshot(path=str(target))
            print(f"{entry.title:<24} {target}")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
