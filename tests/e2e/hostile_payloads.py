"""Hostile payloads for the browser tests, and the watch that proves they stayed text.

``HOSTILE_LINK`` puts script, event-handler, remote-image and ``javascript:`` payloads into
scenario fields, into the pages' own parameters and into unknown parameter names;
``HOSTILE_CSV`` into the cells of a batch upload. ``watch_page`` records dialogs and requests
off the loopback; ``assert_inert`` checks that nothing a payload would create exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from playwright.sync_api import Dialog, Page, Request, expect

from tests.e2e.conftest import wait_idle

IMG = "<img src=x onerror=alert(1);window.__xss=1>"
SCRIPT = "<script>alert(2);window.__xss=2</script>"
SVG = "<svg onload=alert(3);window.__xss=3>"
REMOTE = "![x](http://example.invalid/x.png) <img src=http://example.invalid/y.png>"
JS_LINK = "[click](javascript:alert(4)) <a href=javascript:alert(5)>a</a>"
HOSTILE_LINK = urlencode(
    [
        ("age_years", "72"),  # good values: the rest of the link still applies
        ("crcl_ml_min", "45"),
        ("glucocorticoid", "true"),
        ("note", IMG),
        ("passage", IMG),
        ("case", SCRIPT),
        ("mode", SVG),
        ("profile", JS_LINK),
        ("b.age_years", SVG),
        ("b.sex", REMOTE),
        ("sex", IMG),
        ("indication", REMOTE),
        ("child_pugh", JS_LINK),
        ("weight_kg", SCRIPT),
        (SVG, "1"),
        ("lecture", SCRIPT),
    ]
)
HOSTILE_CSV = (
    "case_id,note,age_years,sex,crcl_ml_min\r\n"
    f'"{IMG}","{SCRIPT}",72,female,45\r\n'
    f'"{SVG}","{REMOTE}",<script>,{IMG},45\r\n'
    f'"{JS_LINK}","=HYPERLINK(""http://example.invalid"",""x"")",50,male,{SVG}\r\n'
).encode()
# What the payloads would create if any of them were rendered as HTML or Markdown.
PAYLOAD_EFFECTS = (
    "img[src='x']",
    "img[src*='example.invalid']",
    "svg[onload]",
    "[onerror]",
    "a[href^='javascript']",
    "iframe",
)


@dataclass
class Watch:
    """Dialogs opened and requests to hosts other than the loopback, while the page runs."""

    dialogs: list[str] = field(default_factory=list)
    remote: list[str] = field(default_factory=list)

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.hostname not in ("127.0.0.1", "localhost"):
            self.remote.append(request.url)


def watch_page(page: Page) -> Watch:
    """Start watching ``page`` (call before it loads anything)."""
    seen = Watch()
    page.on("dialog", seen.on_dialog)
    page.on("request", seen.on_request)
    return seen


def assert_inert(page: Page, watch: Watch) -> None:
    page.wait_for_timeout(300)  # an onerror/onload would fire by now
    assert watch.dialogs == [], watch.dialogs
    assert page.evaluate("window.__xss") is None
    for selector in PAYLOAD_EFFECTS:
        expect(page.locator(selector)).to_have_count(0)
    assert watch.remote == [], watch.remote


def type_into_text_boxes(page: Page) -> int:
    """Hostile text into every visible text box (Enter commits it); returns how many."""
    boxes = page.locator(
        '[data-testid="stTextInput"] input:visible, [data-testid="stTextArea"] textarea:visible'
    )
    count = boxes.count()
    for index in range(count):
        boxes.nth(index).fill(f"{IMG} {SCRIPT} {REMOTE}")
        boxes.nth(index).press("Enter")
        wait_idle(page)
    return count
