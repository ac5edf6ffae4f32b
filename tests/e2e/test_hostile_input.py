"""No user-supplied text runs as script or loads remote content, on any registered page.

The payloads and the watch are in ``hostile_payloads.py``. Every registered page is opened
with ``HOSTILE_LINK`` (hostile values in scenario fields, in the pages' own parameters and as
unknown names) and gets hostile text typed into each of its text boxes in
``test_accessibility.py``'s page loop (one page load serves both audits, to keep the suite
fast). Here: a CSV with hostile cells uploaded
to the batch page, and a self-check. After each: no dialog fired, no
element the payloads would create exists, no ``window.__xss`` marker was set, and no request
left 127.0.0.1.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import wait_idle
from tests.e2e.hostile_payloads import (
    HOSTILE_CSV,
    IMG,
    assert_inert,
    type_into_text_boxes,
    watch_page,
)
from ui.page_registry import BATCH


def test_hostile_csv_upload_stays_text(page: Page, app_url: str) -> None:
    watch = watch_page(page)
    page.goto(f"{app_url}/{BATCH.url_path}")
    wait_idle(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "hostile.csv", "mimeType": "text/csv", "buffer": HOSTILE_CSV}]
    )
    wait_idle(page)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("3")  # three rows read
    wait_idle(page)
    # the results filter appears once a file is in (wait: the results render after the counts)
    expect(page.get_by_test_id("stTextInput").first).to_be_visible()
    assert_inert(page, watch)
    typed = type_into_text_boxes(page)
    assert typed, "no text box after the upload: the filter moved or the upload failed"
    assert_inert(page, watch)


def test_the_checks_can_fail(page: Page) -> None:
    """A page that does render a payload trips the watch: dialog, element and remote request."""
    watch = watch_page(page)
    page.set_content(f"<p>{IMG}</p><img src=http://example.invalid/y.png>")
    page.wait_for_timeout(300)
    assert watch.dialogs and page.evaluate("window.__xss") == 1
    assert page.locator("img[src='x']").count() == 1
    assert any("example.invalid" in url for url in watch.remote), watch.remote
