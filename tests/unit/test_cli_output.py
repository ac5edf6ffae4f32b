"""`python -m core`: a duplicate JSON key, an output that cannot be written (full disk, closed
pipe) and a batch output over its own input are each one line on stderr and a non-zero exit
code, never a traceback and never a silently truncated or overwritten file."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.__main__ import EXIT_INPUT, EXIT_OUTPUT, main

ROOT = Path(__file__).resolve().parents[2]
FULL = OSError(errno.ENOSPC, "No space left on device")


class FailingBytes(io.RawIOBase):
    """A binary stream that accepts ``accept`` bytes, then fails with ``error``."""

    def __init__(self, error: OSError, accept: int = 0) -> None:
        self.error = error
        self.accept = accept

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | memoryview) -> int:  # type: ignore[override]
        if self.accept <= 0:
            raise self.error
        taken = min(len(data), self.accept)
        self.accept -= taken
        return taken  # a short count, as a pipe closed half-way may give


class FailingText(io.TextIOBase):
    """Standard output whose every write fails (text) or fails after a short write (binary)."""

    def __init__(self, error: OSError, accept: int = 0) -> None:
        self.error = error
        self.buffer = FailingBytes(error, accept)

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise self.error


def one_stderr_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


def test_a_duplicate_json_key_is_an_error_naming_the_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["assess", '{"sex": "female", "age_years": 50, "sex": "male"}'])
    assert code == EXIT_INPUT
    line = one_stderr_line(capsys)
    assert "'sex'" in line and "twice" in line
    assert "age_years" not in line


@pytest.mark.parametrize(
    ("error", "words"),
    [(FULL, "No space left on device"), (BrokenPipeError(errno.EPIPE, "Broken pipe"), "closed")],
)
def test_assess_output_that_cannot_be_written(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    words: str,
) -> None:
    monkeypatch.setattr(sys, "stdout", FailingText(error))
    assert main(["assess", '{"age_years": 72}']) == EXIT_OUTPUT
    assert words in one_stderr_line(capsys)


@pytest.mark.parametrize("accept", [0, 10])
@pytest.mark.parametrize("error", [FULL, BrokenPipeError(errno.EPIPE, "Broken pipe")])
def test_batch_to_stdout_that_cannot_take_it_all(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    error: OSError,
    accept: int,
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("age_years,crcl_ml_min\n72,45\n50,90\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", FailingText(error, accept))
    assert main(["batch", str(source), "-"]) == EXIT_OUTPUT
    assert "cannot write" in one_stderr_line(capsys)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_dev_full_as_a_user_would_type_it() -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "core", "assess", "{}"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    assert result.returncode == EXIT_OUTPUT
    assert result.stderr.decode().splitlines() == [
        "error: cannot write to standard output: No space left on device"
    ]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_batch_into_dev_full(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("age_years\n72\n", encoding="utf-8")
    assert main(["batch", str(source), "/dev/full"]) == EXIT_OUTPUT
    assert "/dev/full: cannot write: No space left on device" in one_stderr_line(capsys)


def _spellings(tmp_path: Path) -> list[str]:
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "in.csv")
    return [
        str(tmp_path / "in.csv"),
        str(tmp_path / "sub" / ".." / "in.csv"),
        "in.csv",
        str(link),
    ]


def test_batch_output_over_its_own_input_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    original = b"age_years,crcl_ml_min\n72,45\n"
    source.write_bytes(original)
    monkeypatch.chdir(tmp_path)
    for target in _spellings(tmp_path):
        assert main(["batch", str(source), target]) == EXIT_INPUT, target
        line = one_stderr_line(capsys)
        assert "is the input file" in line and target in line
        assert source.read_bytes() == original  # nothing was written


def test_batch_to_another_file_still_works(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(b"age_years,crcl_ml_min\n72,45\n")
    assert main(["batch", str(source), str(target)]) == 0
    assert target.read_text(encoding="utf-8").splitlines()[1].startswith("72,45,45,")
    capsys.readouterr()
