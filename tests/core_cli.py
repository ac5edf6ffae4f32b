"""Run ``python -m core`` from a test: in this process (the default; milliseconds) or as a real
process (one smoke test per command; about a third of a second each).

Both give the same ``CliRun``: the exit code, stdout as bytes (the batch command writes bytes)
and stderr as text.
"""

from __future__ import annotations

import io
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import core.__main__ as cli

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class CliRun:
    """What one command line run gave: exit code, stdout (bytes) and stderr (text)."""

    code: int | None
    stdout: bytes
    stderr: str


def run_core(*arguments: str, stdin: bytes = b"") -> CliRun:
    """``python -m core ARGUMENTS`` in this process (see ``run_cli``)."""
    return run_cli(cli.main, list(arguments), stdin)


def run_cli(main: Callable[[list[str]], int], argv: list[str], stdin: bytes = b"") -> CliRun:
    """Run ``main(argv)`` in this process with its own stdin, stdout and stderr.

    The commands return their exit code; only argparse exits (SystemExit: ``--help``, usage
    errors) and its code is returned the same way. Any other exception fails the test with the
    arguments and the traceback: the real command would have printed a traceback.
    """
    out_bytes, err = io.BytesIO(), io.StringIO()
    text_in = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    text_out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = text_in, text_out, err
    try:
        try:
            code: int | None = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else None
        except Exception as error:  # the point: nothing else may escape
            trace = "".join(traceback.format_exception(error))
            raise AssertionError(
                f"{type(error).__name__} escaped for argv {repr(argv)[:300]}\n{trace}"
            ) from None
        text_out.flush()
        return CliRun(code, out_bytes.getvalue(), err.getvalue())
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        text_in.detach()  # keep the buffers open; they are garbage like the wrappers
        text_out.detach()


def run_core_process(*arguments: str, stdin: bytes | None = None) -> CliRun:
    """A real ``python -m core ARGUMENTS`` process started from the project root."""
    result = subprocess.run(
        [sys.executable, "-m", "core", *arguments],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )
    return CliRun(result.returncode, result.stdout, result.stderr.decode())
