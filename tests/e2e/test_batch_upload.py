"""The batch page in real Chromium: a file goes through the real upload widget, the counts and
chart appear (and pass axe), the downloaded result is the command line's file byte for byte,
and a file that is not CSV gets its one-line message (no traceback)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page, expect

from core.batch import read_csv_bytes
from core.batch_template import sample_csv
from tests.e2e.conftest import open_page, wait_idle
from tests.e2e.test_accessibility import blocking_violations, charts_without_summary

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def open_batch_page(page: Page, app_url: str) -> None:
    # Through the navigation (a first deep link after a server start can land on "/").
    page.goto(app_url + "/")
    wait_idle(page)
    open_page(page, "Batch review")
    expect(page.get_by_role("heading", name="Batch review")).to_be_visible()
    wait_idle(page)


def upload(page: Page, name: str, data: bytes) -> None:
    page.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    wait_idle(page, timeout=60_000)


def metric(page: Page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return box.get_by_test_id("stMetricValue").inner_text().strip()


def test_upload_counts_chart_and_cli_identical_download(
    page: Page, app_url: str, console_errors: list[str], tmp_path: Path
) -> None:
    data = sample_csv()
    source = tmp_path / "sample.csv"
    source.write_bytes(data)
    subprocess.run(
        [sys.executable, "-m", "core", "batch", str(source), str(tmp_path / "cli.csv")],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    cli = (tmp_path / "cli.csv").read_bytes()
    rows = len(read_csv_bytes(data).rows)

    open_batch_page(page, app_url)
    upload(page, "sample.csv", data)
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    assert metric(page, "Rows") == str(rows)
    assert metric(page, "With an error") == "2"
    chart = page.locator(".js-plotly-plot").first
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(chart).to_contain_text("Error (not assessed)")
    expect(page.get_by_text("rows with an error (not assessed)")).to_be_visible()
    # With the results on screen (chart, tables, exports): axe and the chart's words.
    assert blocking_violations(page) == []
    assert charts_without_summary(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Result CSV (all rows").click()
    download = download_info.value
    assert download.suggested_filename == "sample-assessed.csv"
    assert Path(download.path()).read_bytes() == cli
    assert console_errors == []


def test_a_png_renamed_csv_gets_a_message_not_a_traceback(
    page: Page, app_url: str, console_errors: list[str]
) -> None:
    open_batch_page(page, app_url)
    upload(page, "photo.csv", PNG)
    alert = page.get_by_test_id("stAlertContentError")
    expect(alert).to_contain_text("photo.csv: not a CSV text file")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    assert "Traceback" not in page.inner_text("body")
    assert console_errors == []
