"""Command line: ``python -m core assess '<json>'`` and ``python -m core batch IN.csv OUT.csv``.

``assess`` prints one JSON object: the keys of ``Assessment.to_dict()`` (scenario, verdict,
dose_mg, crcl_ml_min_used, crcl_source, crcl_working, dose_reasoning, verdict_reason, findings,
finding_ids) plus ``monitoring_plan`` (started, horizon_months, notes, events with month, family,
what, why, passages) and ``screening_checklist`` (items with id, group, text, passages, status,
note). Key names are stable. ``--profile eu_smpc`` or ``us_label_ra`` assesses under a drug
label's rules instead of the article's (the default): the JSON then adds ``profile`` (id, name,
compiled date, notice, renal measure, sources) and, for the US label, the eGFR; the monitoring
plan and screening checklist are the article's, so they are printed for the article profile only.

Errors: one line on stderr, never a traceback. Exit codes: 0 done, 2 bad input (JSON, a
duplicate JSON key, scenario field, batch file or column, a batch output that is its own input),
1 the output cannot be written (a full disk, a closed pipe, an unwritable file).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import sys
from collections.abc import Sequence
from typing import BinaryIO

from core.assess import assess
from core.batch import OUTPUT_COLUMNS, BatchFileError, batch_command
from core.errors import ScenarioError
from core.exports import assessment_data
from core.profiles import DEFAULT_PROFILE_ID, PROFILE_IDS, get_profile
from core.scenario import parse_scenario

EXIT_INPUT = 2
EXIT_OUTPUT = 1


class _CommandError(Exception):
    def __init__(self, message: str, code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.code = code


class _DuplicateKeyError(ValueError):
    pass


def _object_without_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object; a key given twice is an error (json.loads would keep the last silently)."""
    data: dict[str, object] = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKeyError(key)
        data[key] = value
    return data


def _assess(arguments: argparse.Namespace) -> int:
    try:
        data = json.loads(arguments.scenario, object_pairs_hook=_object_without_duplicates)
    except _DuplicateKeyError as duplicate:
        raise _CommandError(
            f"invalid JSON: the key {str(duplicate)!r} is given twice (give each field once)"
        ) from None
    except RecursionError:
        raise _CommandError("invalid JSON: nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, and int literals over 4300 digits
        raise _CommandError(f"invalid JSON: {error}") from None
    if not isinstance(data, dict):
        raise _CommandError(
            f"the scenario must be a JSON object of field: value pairs, not {type(data).__name__}"
        )
    try:
        result = assessment_data(assess(parse_scenario(data), get_profile(arguments.profile)))
    except ScenarioError as error:
        raise _CommandError(str(error)) from None
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def write_all(stream: BinaryIO, data: bytes) -> None:
    """Write every byte or raise OSError: a buffered write to a pipe closed half-way may return
    a short count instead of raising, and the rest would be lost without a word."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if not written:
            raise OSError(errno.EIO, "the output accepted no more data")
        view = view[written:]


def _refuse_output_over_input(source: str, target: str) -> None:
    """Stop before anything is read or written when the output file is the input file (any
    spelling: a relative path, a symlink, a hard link)."""
    if "-" in (source, target):
        return
    try:
        same = os.path.samefile(source, target)
    except OSError:  # either does not exist yet: they cannot be the same file
        return
    if same:
        raise _CommandError(
            f"{target}: is the input file {source}; writing the output there would overwrite "
            "the input (give another output file)"
        )


class _WholeWrites:
    """A target whose every write goes through ``write_all``."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        write_all(self._stream, data)
        return len(data)


def _batch(arguments: argparse.Namespace) -> int:
    source, target = str(arguments.input), str(arguments.output)
    _refuse_output_over_input(source, target)
    try:
        stream = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    except OSError as error:
        raise _CommandError(f"{source}: cannot read: {error.strerror or error}") from None
    opened: list[BinaryIO] = []

    def open_target() -> _WholeWrites:  # only once the whole file has passed its check
        opened.append(sys.stdout.buffer if target == "-" else open(target, "wb"))  # noqa: SIM115
        return _WholeWrites(opened[-1])

    try:
        # streamed: the whole file is checked first, then assessed and written chunk by chunk
        tally = batch_command(stream, open_target, get_profile(arguments.profile))
        for output in opened:
            output.flush()
    except BatchFileError as error:
        raise _CommandError(f"{source}: {error}") from None
    except OSError as error:
        raise _CommandError(
            f"{target}: cannot write: {error.strerror or error}", EXIT_OUTPUT
        ) from None
    finally:
        for file in (stream, *opened):
            if file not in (sys.stdin.buffer, sys.stdout.buffer):
                # a failed flush was reported above; closing would only raise it again
                with contextlib.suppress(OSError):
                    file.close()
    if target != "-":
        print(f"{tally.rows} rows assessed, {tally.errors} with an error: {target}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (``--help`` on the command and on each subcommand)."""
    parser = argparse.ArgumentParser(
        prog="python -m core",
        description="Baricitinib prescribing rules of one source article (educational, not "
        "for clinical use).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    one = commands.add_parser(
        "assess",
        help="assess one scenario given as JSON",
        description="Assess one scenario and print the full assessment as JSON (with the "
        "monitoring plan and screening checklist). Every field has a default, so '{}' is valid.",
        epilog="""example: python -m core assess '{"age_years": 72, "crcl_ml_min": 45}'""",
    )
    one.add_argument(
        "scenario", help="a JSON object of scenario fields, e.g. '{\"age_years\": 72}'"
    )
    _profile_option(one)
    one.set_defaults(run=_assess)
    many = commands.add_parser(
        "batch",
        help="assess every row of a CSV file",
        description="Read one scenario per row (header = field names, any subset, any order; "
        "case_id and note are carried through) and write every input column plus "
        + ", ".join(OUTPUT_COLUMNS)
        + ". A bad row gets its message in 'error'; a bad file or column stops with one line.",
        epilog="Cells starting with = + - @ tab or CR are written with a leading ' "
        "(spreadsheet safety). Use - for stdin or stdout.",
    )
    many.add_argument("input", help="input CSV (UTF-8, with or without BOM), or - for stdin")
    many.add_argument("output", help="output CSV, or - for stdout")
    _profile_option(many)
    many.set_defaults(run=_batch)
    return parser


def _profile_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--profile",
        choices=PROFILE_IDS,
        default=DEFAULT_PROFILE_ID,
        help="whose rules: the article's (default) or a drug label's as compiled in 2026-12 "
        "(eu_smpc: EU SmPC 2023 and later; us_label_ra: US label, adult RA) — check the "
        "current label",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    arguments = build_parser().parse_args(argv)
    try:
        code: int = arguments.run(arguments)
        sys.stdout.flush()  # a full disk or closed pipe shows here, not at interpreter exit
    except _CommandError as failure:
        _error_line(str(failure))
        return failure.code
    except BrokenPipeError:  # e.g. `python -m core assess '{}' | head -1`
        _drop_standard_output()
        _error_line("standard output was closed before everything was written")
        return EXIT_OUTPUT
    except OSError as error:  # e.g. a full disk: `python -m core assess '{}' > /dev/full`
        _drop_standard_output()
        _error_line(f"cannot write to standard output: {error.strerror or error}")
        return EXIT_OUTPUT
    return code


def _error_line(message: str) -> None:
    """One line on stderr (nothing more to do if stderr itself cannot be written)."""
    with contextlib.suppress(OSError):
        print(f"error: {message}", file=sys.stderr, flush=True)


def _drop_standard_output() -> None:
    """Send what is left in stdout's buffer to the null device, so that Python's own flush at
    exit does not fail again with a traceback-like message."""
    # stdout may be no real file (e.g. in tests): then there is nothing to redirect.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
