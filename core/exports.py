"""Exports of an assessment: JSON (the CLI's output), a Markdown handout, the monitoring schedule
as CSV and as iCalendar, and download file names. Pure functions; no streamlit, no plotly.
"""

from __future__ import annotations

import json

from core.assess import Assessment


def assessment_json(assessment: Assessment) -> str:
    """The assessment as JSON text: exactly what ``python -m core assess`` writes to stdout.

    This is the one canonical JSON form (UTF-8, not ASCII-escaped, 2-space indent, key order of
    ``Assessment.to_dict()``, one trailing newline). The CLI writes it as is
    (``sys.stdout.write(assessment_json(a))``, no extra newline) and the JSON download uses it too.
    """
    return json.dumps(assessment.to_dict(), indent=2, ensure_ascii=False) + "\n"
