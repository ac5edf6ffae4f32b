"""Save PNG screenshots of every page: ``python tools/screenshots.py DIR``.

Three sizes, the ones the app is checked at: every registered page at 1280x720 (a projector or
laptop; ``<stem>.png``), the Explorer and "present a case" in lecture mode at 1920x1080
(``lecture-*.png``), and every page on a phone at 390x844 (``phone-<stem>.png``).

The pages come from the page registry (``ui.page_registry``), so a new page is photographed
without touching this script. Each page is opened with
``SCENARIO_QUERY`` (a scenario with findings in several categories) unless it is listed in
``PAGE_QUERIES``. Needs Debian's chromium at /usr/bin/chromium (never ``playwright install``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, when run as a script
from tools.app_server import running_app
from tools.browser import CHROMIUM, CHROMIUM_ARGS, MISSING_CHROMIUM, wait_idle
from ui.page_registry import CASES, EXPLORER, PAGES

DESKTOP = {"width": 1280, "height": 720}
HALL = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
SCENARIO_QUERY = "age_years=72&crcl_ml_min=45&glucocorticoid=true"
PAGE_QUERIES: dict[str, str] = {}
WAIT_MS = 60_000  # a loaded 2-core machine can take a while for the first run


def settle(page: Page) -> None:
    """Wait for the script to finish, twice (a rerun follows the URL sync), then for charts."""
    wait_idle(page, WAIT_MS, gap_ms=300)
    page.wait_for_timeout(900)  # charts draw after the script finishes


def shoot(page: Page, url: str, target: Path) -> None:
    """Open ``url``, wait until it settles and save it as ``target``."""
    page.goto(url)
    settle(page)
    page.screenshot(path=str(target))
    print(f"{target}")


def main(out_dir: Path) -> None:
    """Photograph every page into ``out_dir`` (three sizes; see the module docstring)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        sys.exit(MISSING_CHROMIUM)
    with running_app() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        for viewport, prefix in ((DESKTOP, ""), (PHONE, "phone-")):
            page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
            for entry in PAGES:
                query = PAGE_QUERIES.get(entry.url_path, SCENARIO_QUERY)
                shoot(
                    page, f"{url}/{entry.url_path}?{query}", out_dir / f"{prefix}{entry.name}.png"
                )
            page.close()
        page = browser.new_page(viewport=HALL)  # type: ignore[arg-type]
        explorer = f"{url}/{EXPLORER.url_path}?{SCENARIO_QUERY}&lecture=1"
        shoot(page, explorer, out_dir / "lecture-mode.png")
        page.goto(f"{url}/{CASES.url_path}?mode=present&lecture=1&case=reductions_do_not_stack")
        settle(page)
        page.get_by_role("button", name="Reveal the answer").click()
        settle(page)
        page.screenshot(path=str(out_dir / "lecture-present-case.png"))
        print(out_dir / "lecture-present-case.png")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
