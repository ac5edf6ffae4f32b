"""Save PNG screenshots of every page: ``python bench/screenshots.py DIR``.

Three sizes, the ones the app is checked at: every registered page at 1280x720 (a projector or
laptop; ``<stem>.png``), the Explorer and "present a case" in lecture mode at 1920x1080
(``lecture-*.png``), and every page on a phone at 390x844 (``phone-<stem>.png``).

Pages are discovered from the ``st.Page(...)`` calls in app.py's ``PAGES`` list (file, url_path,
default), so a new page is photographed without touching this script. Each page is opened with
``SCENARIO_QUERY`` (a scenario with findings in several categories) unless it is listed in
``PAGE_QUERIES``. Needs Debian's chromium at /usr/bin/chromium (never ``playwright install``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from app_server import IDLE_SELECTOR, running_app  # bench/ is on sys.path when run
from page_registry import registered_pages
from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
DESKTOP = {"width": 1280, "height": 720}
HALL = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
SCENARIO_QUERY = "age_years=72&crcl_ml_min=45&glucocorticoid=true"
PAGE_QUERIES: dict[str, str] = {}
WAIT_MS = 60_000  # a loaded 2-core machine can take a while for the first run


def settle(page: Page) -> None:
    """Wait for the script to finish, twice (a rerun follows the URL sync), then for charts."""
    page.wait_for_selector(IDLE_SELECTOR, timeout=WAIT_MS)
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE_SELECTOR, timeout=WAIT_MS)
    page.wait_for_timeout(900)  # charts draw after the script finishes


def shoot(page: Page, url: str, target: Path) -> None:
    page.goto(url)
    settle(page)
    page.screenshot(path=str(target))
    print(f"{target}")


def main(out_dir: Path) -> None:
    """Photograph every page into ``out_dir`` (three sizes; see the module docstring)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: install it with `sudo apt-get install chromium`")
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        pages = registered_pages()
        for viewport, prefix in ((DESKTOP, ""), (PHONE, "phone-")):
            page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
            for entry in pages:
                query = PAGE_QUERIES.get(entry.url_path, SCENARIO_QUERY)
                stem = Path(entry.script).stem
                shoot(page, f"{url}/{entry.url_path}?{query}", out_dir / f"{prefix}{stem}.png")
            page.close()
        page = browser.new_page(viewport=HALL)  # type: ignore[arg-type]
        shoot(page, f"{url}/?{SCENARIO_QUERY}&lecture=1", out_dir / "lecture-mode.png")
        page.goto(f"{url}/cases?mode=present&lecture=1&case=reductions_do_not_stack")
        settle(page)
        page.get_by_role("button", name="Reveal the answer").click()
        settle(page)
        page.screenshot(path=str(out_dir / "lecture-present-case.png"))
        print(out_dir / "lecture-present-case.png")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
