"""The balancer's configs: the local template filled in by deploy/replicas.py and the one for a
real host (deploy/haproxy-compose.cfg) are both valid for HAProxy (`haproxy -c`), and both carry
the settings a Streamlit lecture hall needs: cookie affinity, the health check, the WebSocket
idle timeout, redispatch away from a dead replica."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from deploy.replicas import COOKIE_NAME, haproxy_config

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ESSENTIALS = (
    "mode http",
    f"cookie {COOKIE_NAME} insert indirect nocache httponly",
    "option httpchk GET /_stcore/health",
    "http-check expect status 200",
    "timeout tunnel 1h",
    "timeout client 1h",
    "option redispatch",
    "balance roundrobin",
)


def local_config(tmp_path: Path) -> str:
    return haproxy_config(8500, {"r1": 8601, "r2": 8602}, tmp_path / "haproxy.sock")


def test_local_config_lists_every_replica_with_its_cookie(tmp_path: Path) -> None:
    config = local_config(tmp_path)
    assert "server r1 127.0.0.1:8601 cookie r1" in config
    assert "server r2 127.0.0.1:8602 cookie r2" in config
    assert "bind 127.0.0.1:8500" in config
    assert f"stats socket {tmp_path / 'haproxy.sock'}" in config


@pytest.mark.parametrize("name", ["local", "compose"])
def test_both_configs_carry_the_same_essentials(name: str, tmp_path: Path) -> None:
    config = (
        local_config(tmp_path)
        if name == "local"
        else (DEPLOY / "haproxy-compose.cfg").read_text(encoding="utf-8")
    )
    missing = [line for line in ESSENTIALS if line not in config]
    assert missing == []


@pytest.mark.parametrize("name", ["local", "compose"])
def test_haproxy_accepts_the_config(name: str, tmp_path: Path) -> None:
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        pytest.skip("haproxy is missing: install it with `sudo apt-get install haproxy`")
    path = tmp_path / "haproxy.cfg"
    if name == "local":
        path.write_text(local_config(tmp_path), encoding="utf-8")
    else:
        path = DEPLOY / "haproxy-compose.cfg"
    checked = subprocess.run(
        [haproxy, "-c", "-f", str(path)], capture_output=True, text=True, timeout=30
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "WARNING" not in checked.stdout + checked.stderr
