"""The assessment as JSON: the contract's key names, and which renal measure a profile used."""

from __future__ import annotations

import json

from core import Scenario, assess
from core.profiles import get_profile

ASSESSMENT_KEYS = [
    "scenario",
    "verdict",
    "dose_mg",
    "crcl_ml_min_used",
    "crcl_source",
    "crcl_working",
    "dose_reasoning",
    "verdict_reason",
    "findings",
    "finding_ids",
]


def test_article_assessment_keys_and_finding_keys() -> None:
    assessment = assess(Scenario(age_years=72, crcl_ml_min=45))
    data = assessment.to_dict()
    assert list(data) == ASSESSMENT_KEYS
    assert (data["crcl_source"], data["crcl_working"]) == (
        "given",
        "Creatinine clearance given: 45 mL/min (used as is).",
    )
    finding = assessment.findings[0]
    assert finding.to_dict() == {
        "id": finding.id,
        "category": finding.category.value,
        "text": finding.text,
        "passages": list(finding.passages),
        "inputs": finding.inputs,
    }
    # Plain JSON values only: enums as their strings, so the JSON reads the same everywhere.
    assert json.loads(json.dumps(data)) == data
    assert type(data["scenario"]["sex"]) is str
    assert all(type(f["category"]) is str for f in data["findings"])


def test_a_profile_dosing_by_egfr_says_the_crcl_was_not_used() -> None:
    us = get_profile("us_label_ra")
    data = assess(Scenario(age_years=68, creatinine_mg_dl=1.2), us).to_dict()
    assert list(data) == [
        *ASSESSMENT_KEYS,
        "profile",
        "egfr_ml_min_1_73m2",
        "egfr_source",
        "egfr_working",
        "egfr_equation",
    ]
    assert (data["crcl_source"], data["crcl_working"]) == (
        "not_used",
        "Not used: the US label doses by eGFR.",
    )
    assert data["crcl_ml_min_used"] is None
    assert data["profile"] == {
        "id": us.id,
        "name": us.name,
        "compiled": us.compiled,
        "notice": us.notice,
        "renal_measure": "egfr",
        "sources": dict(us.sources),
    }
    eu = assess(Scenario(age_years=68, creatinine_mg_dl=1.2), get_profile("eu_smpc")).to_dict()
    assert eu["crcl_source"] == "cockcroft_gault"
