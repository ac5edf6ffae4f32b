"""Serve the app with its code loaded before the first visitor.

``python -m deploy.serve [streamlit run options]`` (``make run``, every replica, the browser
tests and benchmarks) is ``streamlit run app.py`` with one step first, in the server's own
process: the rules core and the UI modules are imported, the core's content (the article, the
teaching cases, the audit entries) is read, one dose map and one monitoring timeline are built
(which loads the parts of plotly a figure needs), and the audit's properties check over the
whole rule space is run into the cache the audit page reads (the same for every visitor).

A plain ``streamlit run`` does that during the first visitor's first page (over a second on a
2-core machine, while the same server also sends the browser its scripts; 1.5 s more on the
first audit), so the first student to open a lecture link on a fresh server waited for it. The
server answers its health check only after this step (about 3 s more to start). Nothing here
belongs to a session: the properties report is one shared cached result, every other result is
computed and cached by the pages as before.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import logging
import pkgutil
import sys
import time
from pathlib import Path

APP_DIR = Path(__file__).resolve().parent.parent
APP_SCRIPT = "app.py"
WARMED_PACKAGES = ("core", "ui")


def warm_up() -> float:
    """Import every module of the rules core and the UI and read the core's content; returns the
    seconds it took. Touches no Streamlit session (there is none yet) and no page script."""
    started = time.perf_counter()
    # st.cache_data checks its storage when a module decorates a function; before the server
    # exists it warns "No runtime found" -- true, and harmless: the cache is made at the first
    # call, inside a session. Silenced while warming up only.
    import streamlit  # noqa: F401 -- its loggers exist (and have their level) before ours is set

    checker = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = checker.level
    checker.setLevel(logging.ERROR)
    try:
        _load_code_and_content()
    finally:
        checker.setLevel(level)
    return time.perf_counter() - started


def _load_code_and_content() -> None:
    for package_name in WARMED_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, package_name + "."):
            importlib.import_module(module.name)
    from core.audit import audit_entries
    from core.cases import teaching_cases
    from core.sources import article

    article()
    teaching_cases()
    audit_entries()
    _build_figures()
    _fill_audit_caches()
    # A first page also loads Streamlit's emoji table (the page icon is one) and, at its first
    # element, inspects the call stack once; inspect's table of module files is built then.
    if importlib.util.find_spec("streamlit.emojis") is not None:
        importlib.import_module("streamlit.emojis")
    inspect.stack(0)


def _fill_audit_caches() -> None:
    """The audit's properties check over the whole rule space under the app's reading (about
    1.5 s) and its overview table (every entry's answers under both readings, about 0.1 s),
    into the caches the audit page reads: the first reviewer does not wait for them."""
    from ui.audit_overview import overview_html
    from ui.property_panel import cached_report

    cached_report("")
    overview_html()


def _build_figures() -> None:
    """One dose map and one monitoring timeline of the default scenario, as a page sends them:
    plotly loads the code of each trace and property the first time a figure uses it."""
    import plotly.io

    from core import assess, monitoring_plan
    from core.grid import dose_grid
    from core.scenario import Scenario
    from ui.dose_map_figure import dose_map, map_marker
    from ui.monitoring_timeline import monitoring_timeline

    assessment = assess(Scenario())
    for figure in (
        dose_map(dose_grid(Scenario()), map_marker(assessment)),
        monitoring_timeline(monitoring_plan(assessment)),
    ):
        plotly.io.to_json(figure, validate=False)  # what st.plotly_chart sends


def main(argv: list[str]) -> int:
    """Warm up, then run ``streamlit run app.py`` with ``argv`` (its options) in this process."""
    sys.path.insert(0, str(APP_DIR))
    seconds = warm_up()
    print(f"Loaded the rules core and the pages in {seconds:.1f} s.", flush=True)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP_DIR / APP_SCRIPT), *argv]
    return int(cli.main(standalone_mode=False) or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
