"""Start the real app with ``streamlit run`` on a free local port (for e2e tests and screenshots).

``with running_app() as url:`` yields ``http://127.0.0.1:<port>`` once ``/_stcore/health``
answers 200, fails fast (with the server's output) if the process exits, and always stops the
server on exit. The run line and the health wait are ``deploy.replicas``' (one replica, no
balancer).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

APP_DIR = Path(__file__).resolve().parent.parent
if str(APP_DIR) not in sys.path:  # run as a script (python bench/x.py): deploy/ is beside bench/
    sys.path.insert(0, str(APP_DIR))

from deploy.replicas import free_port, running_server, start_streamlit  # noqa: E402

IDLE_SELECTOR = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)

__all__ = ["APP_DIR", "IDLE_SELECTOR", "free_port", "running_app"]


@contextmanager
def running_app(timeout_s: float = 30.0, script: str = "app.py") -> Iterator[str]:
    """Run ``script`` (app.py) in a headless streamlit server; yield its base URL."""
    port = free_port()
    server = start_streamlit(port, script)
    with running_server(server, f"http://127.0.0.1:{port}", timeout_s) as url:
        yield url
