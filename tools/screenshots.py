"""Save a 1280x720 PNG of every page: ``python tools/screenshots.py DIR``.

The pages come from the page registry (``ui.page_registry``), so a new page is photographed
without touching this script. Each page is opened with
``SCENARIO_QUERY`` (a scenario with findings in several categories) unless it is listed in
``PAGE_QUERIES``. Needs Debian's chromium at /usr/bin/chromium (never ``playwright install``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, when run as a script
from tools.app_server import IDLE_SELECTOR, running_app
from tools.browser import CHROMIUM, CHROMIUM_ARGS, MISSING_CHROMIUM
from ui.page_registry import PAGES

VIEWPORT = {"width": 1280, "height": 720}
SCENARIO_QUERY = "age_years=72&crcl_ml_min=45&glucocorticoid=true"
PAGE_QUERIES: dict[str, str] = {}


def main(out_dir: Path) -> None:
    """Photograph every page into ``out_dir`` as <script stem>.png."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        sys.exit(MISSING_CHROMIUM)
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        for entry in PAGES:
            query = PAGE_QUERIES.get(entry.url_path, SCENARIO_QUERY)
            page.goto(f"{url}/{entry.url_path}?{query}")
            page.wait_for_selector(IDLE_SELECTOR, timeout=20_000)
            page.wait_for_timeout(300)
            page.wait_for_selector(IDLE_SELECTOR, timeout=20_000)
            page.wait_for_timeout(700)  # charts draw after the script finishes
            target = out_dir / f"{entry.name}.png"
            page.screenshot(path=str(target))
            print(f"{entry.title:<24} {target}")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
