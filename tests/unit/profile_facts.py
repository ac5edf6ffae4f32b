"""Shared by the profile tests: the label facts file parsed, and a scenario assessed by profile.

``facts_rows`` reads the bundled label_facts.md table, so a profile test compares the profile's
cells with the facts themselves, never with a copy typed into the test.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

import core.profiles
from core import assess
from core.assess import Assessment
from core.egfr import egfr_of
from core.profiles import EU_SMPC, PROFILE_IDS, PROFILES, US_LABEL_RA, Profile
from core.renal import renal_function
from core.scenario import FIELD_NAMES, Scenario, parse_scenario

FACTS_FILE = Path(core.profiles.__file__).parent / "label_facts.md"
SHARED_FACTS = Path(__file__).resolve().parents[3] / "shared" / "label-facts.md"
LABELS: tuple[Profile, ...] = (EU_SMPC, US_LABEL_RA)
EU, US = EU_SMPC.id, US_LABEL_RA.id
# Source ids the 2026-11 facts cited and the 2026-12 revision dropped.
VANISHED_SOURCES = frozenset({"U8", "U16", "U18", "E2", "E4", "E7", "E13"})

# A 50-year-old woman with normal renal function: CrCl 93.0 mL/min, eGFR 89.7.
BASE: dict[str, Any] = {"age_years": 50, "sex": "female", "weight_kg": 70, "creatinine_mg_dl": 0.8}


def run(profile_id: str, **changes: Any) -> Assessment:
    """Assess BASE with changes (a None change removes the field) under one profile."""
    data = {key: value for key, value in {**BASE, **changes}.items() if value is not None}
    return assess(parse_scenario(data), PROFILES[profile_id])


def ids(assessment: Assessment) -> set[str]:
    """The ids of the assessment's findings."""
    return {finding.id for finding in assessment.findings}


def text(assessment: Assessment, rule_id: str) -> str:
    """The text of one finding (StopIteration when it did not fire)."""
    return next(f.text for f in assessment.findings if f.id == rule_id)


def _cell(raw: str) -> tuple[str, tuple[str, ...], bool]:
    """(text, source ids, unverified) of one markdown table cell.

    A cell is unverified when it holds "*unverified*" anywhere: a whole-cell "(*unverified*)"
    is dropped from the words, an inline one (part of a cell) stays as the word "unverified".
    """
    found = re.findall(r"\[([A-Z0-9, ]+)\]", raw)
    sources = tuple(part.strip() for group in found for part in group.split(","))
    unverified = "*unverified*" in raw
    words = re.sub(r"\s*\[[A-Z0-9, ]+\]", "", raw).replace("(*unverified*)", "")
    words = words.replace("*unverified*", "unverified").replace("**", "")
    return re.sub(r"\s+", " ", words).strip(), sources, unverified


def facts_rows() -> dict[str, dict[str, tuple[str, tuple[str, ...], bool]]]:
    """topic words -> {profile id -> (text, sources, unverified)} from the facts table."""
    rows: dict[str, dict[str, tuple[str, tuple[str, ...], bool]]] = {}
    for line in FACTS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith(("| topic", "|---")):
            continue
        topic, *cells = (part.strip() for part in line.strip().strip("|").split("|"))
        parsed = dict(zip(PROFILE_IDS, (_cell(cell) for cell in cells), strict=True))
        if parsed[US][0] == "same":  # "same [U6]": the EU cell's words, the US sources
            parsed[US] = (parsed[EU][0], parsed[US][1], parsed[US][2])
        rows[topic] = parsed
    return rows


def facts_sources() -> dict[str, str]:
    """Source id -> its line (after the id) in the facts file's Sources section."""
    listed = FACTS_FILE.read_text(encoding="utf-8").split("## Sources", 1)[1].split("\n## ")[0]
    return {m.group(1): m.group(2) for m in re.finditer(r"^- ([UES]\d+) (.*)$", listed, re.M)}


def columns_of(scenarios: list[Scenario]) -> dict[str, Any]:
    """The scenarios as the column-wise path's columns (with derived ``crcl`` and ``egfr``)."""
    columns: dict[str, Any] = {}
    for name in FIELD_NAMES:
        values = [getattr(s, name) for s in scenarios]
        if name in ("sex", "child_pugh", "indication"):
            columns[name] = np.array([v.value for v in values], dtype=object)
        else:
            columns[name] = np.array([np.nan if v is None else v for v in values])
    crcl = [renal_function(s).crcl_ml_min for s in scenarios]
    egfr = [egfr_of(s).egfr for s in scenarios]
    columns["crcl"] = np.array([np.nan if v is None else v for v in crcl])
    columns["egfr"] = np.array([np.nan if v is None else v for v in egfr])
    return columns
