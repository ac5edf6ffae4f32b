"""The assessment as JSON: the contract's key names, and which renal measure a profile used."""

from __future__ import annotations

import json

from core import Scenario, assess
from core.audit import audit_entry
from core.batch import assess_rows
from core.profiles import get_profile
from core.scenario import parse_scenario

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


def test_the_blood_counts_are_echoed_only_when_given() -> None:
    blank = assess(Scenario()).to_dict()["scenario"]
    assert {"lymphocytes_10e9_l", "neutrophils_10e9_l", "haemoglobin_g_dl"}.isdisjoint(blank)
    given = assess(Scenario(lymphocytes_10e9_l=0.4)).to_dict()["scenario"]
    assert given["lymphocytes_10e9_l"] == 0.4
    assert {"neutrophils_10e9_l", "haemoglobin_g_dl"}.isdisjoint(given)


def test_the_column_path_halves_the_dose_only_where_two_reductions_stack() -> None:
    # Two readings that let reductions stack: only with the OAT3 one, or any two of them.
    header = ["age_years", "crcl_ml_min", "oat3_inhibitor"]
    rows = [["75", "45", "false"], ["75", "90", "true"], ["50", "90", "true"], ["50", "90", "no"]]
    for reading, doses in (
        ("oat3_reduction", ["2", "1", "2", "4"]),
        ("dose_below_2mg", ["1", "1", "2", "4"]),
    ):
        profile = audit_entry(reading).profile
        column_doses = assess_rows(header, rows, profile=profile)[2]
        assert column_doses == doses, reading
        one_by_one = [
            assess(parse_scenario(dict(zip(header, row, strict=True))), profile) for row in rows
        ]
        assert [str(a.dose_mg) for a in one_by_one] == doses, reading


def test_finding_texts_quote_a_measure_as_shown_never_rounded_across_a_threshold() -> None:
    # Cockcroft-Gault gives 29.952...: "{crcl:g}" of the raw value would print 29.9523.
    near_30 = Scenario(age_years=18, weight_kg=70, sex="male", creatinine_mg_dl=3.96)
    texts = [f.text for f in assess(near_30).findings]
    assert "CrCl 29.95 mL/min is below 30 mL/min" in texts[0]
    us = get_profile("us_label_ra")
    # CKD-EPI gives 59.963...: shown as 59.96, not 60 (the threshold) nor 59.9632.
    near_60 = assess(Scenario(age_years=18, creatinine_mg_dl=1.321), us)
    assert "eGFR 59.96 mL/min/1.73 m² is 30 to below 60: 1 mg once daily (US label)." in [
        f.text for f in near_60.findings
    ]
    # A given CrCl is quoted as given, every decimal.
    given = assess(Scenario(crcl_ml_min=45.123456), us)
    assert any(
        f.text.startswith("A creatinine clearance of 45.123456 mL/min is given")
        for f in given.findings
    )


def test_a_stacked_dose_says_why_it_is_half_the_reduced_dose() -> None:
    oat3 = audit_entry("oat3_reduction").profile
    stacked = assess(Scenario(age_years=75, crcl_ml_min=90, oat3_inhibitor=True), oat3)
    assert stacked.dose_mg == 1
    assert stacked.dose_reasoning[0] == "1 mg once daily because:"
    assert stacked.dose_reasoning[-1] == (
        "Under this reading of the article the reductions stack: half of 2 mg."
    )


def test_an_investigational_indication_is_named_in_words() -> None:
    texts = [f.text for f in assess(Scenario(indication="psoriatic_arthritis")).findings]
    assert any(
        text.startswith("Psoriatic arthritis is listed by the article as an indication under")
        for text in texts
    )
