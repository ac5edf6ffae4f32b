"""A lecture hall on one machine: N ``streamlit run`` replicas behind HAProxy, all on 127.0.0.1.

``python -m deploy.replicas --replicas 3 --port 8500`` (or ``make replicas``) starts the replicas
on free ports, writes ``deploy/haproxy.cfg`` filled in for them into a temporary folder, starts
HAProxy in the foreground and serves until Ctrl-C; then it stops everything it started.

In code (the browser test, ``bench/load.py --replicas N``)::

    with running_replicas(3) as hall:
        hall.url                  # http://127.0.0.1:<port>, the balancer
        hall.replicas             # name -> Replica (port, process)
        hall.sessions_per_replica()  # from HAProxy's stats socket: open connections per replica
        hall.kill("r2")           # SIGKILL one replica, as a crashed machine would

Session affinity is HAProxy's inserted cookie ``COOKIE_NAME`` (value = the replica's name), the
WebSocket upgrade is plain HTTP mode, and a replica that is down is skipped (``redispatch``).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from deploy.serve import APP_SCRIPT

APP_DIR = Path(__file__).resolve().parent.parent
CONFIG_TEMPLATE = Path(__file__).resolve().parent / "haproxy.cfg"
COOKIE_NAME = "EXPLORER_REPLICA"
BIND_ADDRESS = "127.0.0.1"
HAPROXY = "haproxy"


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind((BIND_ADDRESS, 0))
        port: int = sock.getsockname()[1]
        return port


def streamlit_command(port: int, script: str = "app.py") -> list[str]:
    """The run line of one replica (headless, loopback only, no file watcher, no statistics);
    ``script`` relative to the app's folder (a benchmark runs a bare page beside the app). The
    app starts through ``deploy.serve`` (its code loaded before the first visitor), any other
    script with a plain ``streamlit run``."""
    launcher = (
        ["-m", "deploy.serve"] if script == APP_SCRIPT else ["-m", "streamlit", "run", script]
    )
    return [
        sys.executable,
        *launcher,
        "--server.port",
        str(port),
        "--server.address",
        BIND_ADDRESS,
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]


def start_streamlit(port: int, script: str = "app.py") -> subprocess.Popen[str]:
    """Start one ``streamlit run`` of ``script`` on ``port`` (output kept for error messages)."""
    return subprocess.Popen(
        streamlit_command(port, script),
        cwd=APP_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_healthy(url: str, proc: subprocess.Popen[str], timeout_s: float) -> None:
    """Poll ``url``/_stcore/health until 200; fail fast (with its output) if ``proc`` exits."""
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            output = proc.stdout.read() if proc.stdout else ""
            raise RuntimeError(f"{url}: the server exited with {proc.returncode}: {output}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url}/_stcore/health did not answer 200 in {timeout_s:.0f} s")
        time.sleep(0.1)


def stop(proc: subprocess.Popen[str]) -> None:
    """Terminate ``proc`` (kill it after 10 s) and close its output pipe."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    if proc.stdout:
        proc.stdout.close()


@contextmanager
def running_server(proc: subprocess.Popen[str], url: str, timeout_s: float) -> Iterator[str]:
    """Wait until the server ``proc`` answers on ``url``; yield ``url``; always stop ``proc``."""
    try:
        wait_healthy(url, proc, timeout_s)
        yield url
    finally:
        stop(proc)


@dataclass
class Replica:
    """One ``streamlit run`` process behind the balancer."""

    name: str
    port: int
    process: subprocess.Popen[str]


def haproxy_config(
    port: int, replicas: dict[str, int], stats_socket: Path, bind: str = BIND_ADDRESS
) -> str:
    """``deploy/haproxy.cfg`` filled in: the frontend on ``bind:port``, one server line per
    replica (name -> port on 127.0.0.1, the name is also its affinity cookie value)."""
    servers = "\n".join(
        f"    server {name} {BIND_ADDRESS}:{replica_port} cookie {name}"
        for name, replica_port in replicas.items()
    )
    return Template(CONFIG_TEMPLATE.read_text(encoding="utf-8")).substitute(
        stats_socket=str(stats_socket),
        bind_address=bind,
        port=port,
        cookie_name=COOKIE_NAME,
        servers=servers,
    )


def haproxy_stats(stats_socket: Path) -> list[dict[str, str]]:
    """HAProxy's ``show stat`` over its stats socket, one dict per row (CSV header names)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(str(stats_socket))
        sock.sendall(b"show stat\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    text = b"".join(chunks).decode().lstrip("# ")
    return list(csv.DictReader(io.StringIO(text)))


@dataclass
class ReplicaSet:
    """The balancer's address, its replicas and its stats socket."""

    url: str
    replicas: dict[str, Replica]
    stats_socket: Path
    config: str
    balancer: subprocess.Popen[str] = field(repr=False)

    def server_stats(self) -> dict[str, dict[str, str]]:
        """Replica name -> its row of ``show stat`` (``scur`` = connections open now, ``stot``
        = connections so far, ``status`` = UP/DOWN)."""
        return {
            row["svname"]: row
            for row in haproxy_stats(self.stats_socket)
            if row["pxname"] == "streamlit_replicas" and row["svname"] in self.replicas
        }

    def sessions_per_replica(self) -> dict[str, int]:
        """Replica name -> connections open to it now (each browser tab keeps one WebSocket)."""
        return {name: int(row["scur"]) for name, row in self.server_stats().items()}

    def kill(self, name: str) -> None:
        """SIGKILL one replica (no goodbye to its browsers, as when a machine dies)."""
        process = self.replicas[name].process
        process.send_signal(signal.SIGKILL)
        process.wait(10)

    def wait_status(self, name: str, status: str, timeout_s: float = 20.0) -> None:
        """Wait until HAProxy's health check reports ``status`` (e.g. "DOWN") for ``name``."""
        deadline = time.monotonic() + timeout_s
        while self.server_stats()[name]["status"].split()[0] != status:
            if time.monotonic() > deadline:
                raise RuntimeError(f"replica {name} not {status} after {timeout_s:.0f} s")
            time.sleep(0.2)


@contextmanager
def running_replicas(
    count: int = 3, port: int | None = None, timeout_s: float = 90.0
) -> Iterator[ReplicaSet]:
    """Start ``count`` replicas and HAProxy in front of them (``port``: free one if None); yield
    once the balancer and every replica answer; stop all of them at the end, even on failure."""
    if count < 1:
        raise ValueError(f"replicas: {count} is not allowed; give 1 or more")
    if shutil.which(HAPROXY) is None and not Path("/usr/sbin/haproxy").exists():
        raise RuntimeError("haproxy is missing: install it with `sudo apt-get install haproxy`")
    haproxy = shutil.which(HAPROXY) or "/usr/sbin/haproxy"
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="replicas-")))
        replicas: dict[str, Replica] = {}
        for index in range(1, count + 1):
            replica_port = free_port()
            process = start_streamlit(replica_port)
            replicas[f"r{index}"] = Replica(f"r{index}", replica_port, process)
            stack.callback(stop, process)
        for replica in replicas.values():  # started together, so they warm up in parallel
            wait_healthy(f"http://{BIND_ADDRESS}:{replica.port}", replica.process, timeout_s)
        front = port or free_port()
        stats_socket = folder / "haproxy.sock"
        config = haproxy_config(front, {n: r.port for n, r in replicas.items()}, stats_socket)
        config_path = folder / "haproxy.cfg"
        config_path.write_text(config, encoding="utf-8")
        balancer = subprocess.Popen(
            [haproxy, "-db", "-f", str(config_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        url = f"http://{BIND_ADDRESS}:{front}"
        stack.enter_context(running_server(balancer, url, timeout_s))
        hall = ReplicaSet(url, replicas, stats_socket, config, balancer)
        deadline = time.monotonic() + timeout_s
        while any(row["status"].split()[0] != "UP" for row in hall.server_stats().values()):
            if time.monotonic() > deadline:
                raise RuntimeError(f"replicas not all UP: {hall.server_stats()}")
            time.sleep(0.2)
        yield hall


def main() -> None:
    """Serve until Ctrl-C (or SIGTERM), then stop every process started here."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=3, help="streamlit replicas (3)")
    parser.add_argument("--port", type=int, default=8500, help="balancer port (8500)")
    args = parser.parse_args()
    # Clean up on SIGTERM too, and on SIGINT even when started in the background (where the
    # shell makes it ignore SIGINT).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with running_replicas(args.replicas, args.port) as hall:
        ports = ", ".join(f"{r.name} on {r.port}" for r in hall.replicas.values())
        print(f"HAProxy on {hall.url} (pid {os.getpid()}), replicas: {ports}", flush=True)
        print(f"stats: echo 'show stat' | socat - {hall.stats_socket}   Ctrl-C stops all")
        try:
            while hall.balancer.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
