"""The Dockerfile's essentials (no Docker engine here to build it): slim Python 3.11, pinned
runtime requirements only, every runtime path copied, non-root user, health check, the run line."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
EXPECTED_CMD = [
    "python",
    "-m",
    "deploy.serve",  # streamlit run app.py, its code loaded before the first visitor
    "--server.address",
    "0.0.0.0",
    "--server.port",
    "8501",
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--server.fileWatcherType",
    "none",
]
# Top-level paths of the repository that the running app never needs.
NOT_RUNTIME = {"tests", "bench", "tools", "docs", ".ci", ".venv", ".git", "mutants"}
# Of deploy/ only the launcher (the rest starts replicas and a balancer on one machine; a
# container is one replica).
DEPLOY_RUNTIME = {"deploy/__init__.py", "deploy/serve.py"}


def instructions(text: str) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) per instruction: comments dropped, continuation lines joined."""
    joined = re.sub(
        r"\\\n",
        " ",
        "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")),
    )
    result = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, arguments = line.strip().partition(" ")
            result.append((keyword.upper(), arguments.strip()))
    return result


@pytest.fixture(scope="module")
def steps() -> list[tuple[str, str]]:
    return instructions(DOCKERFILE.read_text(encoding="utf-8"))


def arguments_of(steps: list[tuple[str, str]], keyword: str) -> list[str]:
    return [arguments for key, arguments in steps if key == keyword]


def test_slim_python_311_base(steps: list[tuple[str, str]]) -> None:
    assert steps[0][0] == "FROM"
    assert re.fullmatch(r"python:3\.11(\.\d+)?-slim(-\w+)?", steps[0][1]), steps[0][1]
    assert len(arguments_of(steps, "FROM")) == 1


def test_installs_the_pinned_runtime_requirements_only(steps: list[tuple[str, str]]) -> None:
    runs = " ; ".join(arguments_of(steps, "RUN"))
    assert re.search(r"pip install [^;]*-r requirements\.txt", runs), runs
    assert "requirements-dev" not in DOCKERFILE.read_text()
    assert "playwright" not in runs
    assert "requirements.txt" in arguments_of(steps, "COPY")[0]  # before the code: cached
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        requirement = line.split("#")[0].strip()
        if requirement:
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", requirement), requirement


def test_copies_every_runtime_path(steps: list[tuple[str, str]]) -> None:
    copied = {
        source.rstrip("/")
        for arguments in arguments_of(steps, "COPY")
        for source in shlex.split(arguments)[:-1]
        if not source.startswith("--")
    }
    for source in copied:
        assert (ROOT / source).exists(), f"COPY {source}: no such path"
    assert {source for source in copied if source.startswith("deploy")} == DEPLOY_RUNTIME
    copied = {source.split("/")[0] for source in copied}
    packages = {
        path.name
        for path in ROOT.iterdir()
        if path.is_dir()
        and path.name not in NOT_RUNTIME
        and not path.name.startswith(".")
        and (any(path.glob("*.py")) or path.name == "content")
    }
    assert packages <= copied, f"not copied: {packages - copied}"
    assert {"app.py", ".streamlit", "content"} <= copied
    assert not copied & NOT_RUNTIME


def test_runs_as_a_non_root_user(steps: list[tuple[str, str]]) -> None:
    keywords = [key for key, _ in steps]
    users = [index for index, key in enumerate(keywords) if key == "USER"]
    assert users, "no USER"
    last_user = users[-1]
    assert steps[last_user][1].split(":")[0] not in {"root", "0"}
    assert last_user < keywords.index("CMD")
    assert "RUN" not in keywords[last_user:], "installs must run before switching user"


def test_exposes_8501_and_checks_streamlit_health(steps: list[tuple[str, str]]) -> None:
    assert arguments_of(steps, "EXPOSE") == ["8501"]
    (check,) = arguments_of(steps, "HEALTHCHECK")
    assert "http://127.0.0.1:8501/_stcore/health" in check
    command = json.loads(check[check.index("CMD") + 3 :].strip())
    assert command[:2] == ["python", "-c"]
    compile(command[2], "healthcheck", "exec")  # the probe is valid Python
    assert "curl" not in check


def test_runs_streamlit_headless_on_all_interfaces(steps: list[tuple[str, str]]) -> None:
    (command,) = arguments_of(steps, "CMD")
    assert json.loads(command) == EXPECTED_CMD
    assert (ROOT / "app.py").is_file()
    assert (ROOT / "deploy" / "serve.py").is_file()


def test_dockerignore_keeps_local_state_out() -> None:
    ignored = {
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", ".venv", "tests", ".streamlit/secrets.toml"} <= ignored
    assert not ignored & {"app.py", "core", "ui", "views", "content", "requirements.txt"}
