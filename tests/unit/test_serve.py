"""The app's launcher (deploy.serve): it loads the rules core, the UI and the content before the
server listens, then hands over to ``streamlit run app.py`` with the options given; every way
of starting the app (make run, replicas, browser tests, benchmarks) goes through it."""

from __future__ import annotations

import pkgutil
import sys
from pathlib import Path

import pytest

import core
import ui
from deploy import serve
from deploy.replicas import streamlit_command


def test_warm_up_imports_every_core_and_ui_module_and_reads_the_content() -> None:
    seconds = serve.warm_up()
    assert seconds > 0
    for package in (core, ui):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            assert module.name in sys.modules, module.name
    from core.audit import audit_entries
    from core.cases import teaching_cases
    from core.sources import article

    # Read once and kept (functools.cache): the first page reads the same objects.
    for loader in (article, teaching_cases, audit_entries):
        assert loader.cache_info().currsize == 1, loader.__name__  # type: ignore[attr-defined]
    assert "plotly.io" in sys.modules


def test_warm_up_leaves_the_properties_report_in_the_audit_pages_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ui.property_panel as panel

    serve.warm_up()

    def not_again(*_: object) -> None:
        raise AssertionError("the properties were checked again")

    monkeypatch.setattr(panel, "check_properties", not_again)
    report = panel.cached_report("")  # what the audit page calls under the app's reading
    assert report.scenarios > 0
    import ui.audit_overview as overview

    monkeypatch.setattr(overview, "overview_rows", not_again)
    assert "<table" in overview.overview_html()


def test_warm_up_says_nothing_about_a_missing_runtime(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # st.cache_data's "No runtime found" warning would look like a fault in a server's log.
    caplog.set_level("WARNING")
    for name in [n for n in sys.modules if n == "ui" or n.startswith("ui.")]:
        # Imported afresh, so the decorators run again; the modules other tests hold come back
        # at the end of the test.
        monkeypatch.delitem(sys.modules, name)
    serve.warm_up()
    assert not [r for r in caplog.records if "No runtime" in r.getMessage()]


def test_main_runs_streamlit_run_on_the_app_with_the_options_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, object] = {}

    def fake_main(standalone_mode: bool) -> None:
        seen["argv"] = list(sys.argv)
        seen["standalone_mode"] = standalone_mode

    from streamlit.web import cli

    monkeypatch.setattr(serve, "warm_up", lambda: 0.5)
    monkeypatch.setattr(cli, "main", fake_main)
    monkeypatch.setattr(sys, "argv", ["deploy/serve.py"])
    assert serve.main(["--server.port", "8600"]) == 0
    app = str(Path(serve.__file__).resolve().parent.parent / "app.py")
    assert seen["argv"] == ["streamlit", "run", app, "--server.port", "8600"]
    assert seen["standalone_mode"] is False


def test_the_app_starts_through_the_launcher_a_bare_page_through_streamlit_run() -> None:
    app = streamlit_command(8601)
    assert app[1:3] == ["-m", "deploy.serve"]
    assert app[app.index("--server.port") + 1] == "8601"
    bare = streamlit_command(8602, "bench/bare_page.py")
    assert bare[1:5] == ["-m", "streamlit", "run", "bench/bare_page.py"]
    # The same options after the launcher, the port aside.
    assert app[3:] == [*bare[5:6], "8601", *bare[7:]]
    assert "--server.headless" in app and "--server.fileWatcherType" in app
