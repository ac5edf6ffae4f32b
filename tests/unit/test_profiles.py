"""Rule profiles: the label profiles against the compiled facts; the article profile unchanged.

- The profiles' cells are checked against label_facts.md (text, source ids, unverified marks).
- Every label rule cites sources of its own profile and rests on a verified facts row.
- One test per facts row and label profile (ROW_CHECKS), including the unverified one.
- The issue's side-by-side example; a CrCl-only scenario under the US label; the JSON shape;
  the column-wise path agreeing with ``assess`` for every profile.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import core.profiles
from core import Scenario, assess
from core.assess import VERDICT_CODES, Assessment, assess_columns, rule_env
from core.batch import assess_csv
from core.egfr import egfr_of
from core.profiles import (
    ARTICLE,
    CHECK_CURRENT_LABEL,
    EU_SMPC,
    LABEL_FACTS_COMPILED,
    PROFILE_IDS,
    PROFILES,
    TOPICS,
    US_LABEL_RA,
    Profile,
    comparison_table,
    get_profile,
)
from core.profiles.common import UNCOVERED
from core.profiles.label_sources import EU_SOURCES, FACTS_TABLE_ID, SLE_SOURCES, US_SOURCES
from core.renal import renal_function
from core.rules import RULES, Category, Verdict
from core.scenario import FEMALE_ONLY_FIELDS, FIELD_NAMES, LABEL_LAB_FIELDS, parse_scenario
from core.sources import article, passage_ids

FACTS_FILE = Path(core.profiles.__file__).parent / "label_facts.md"
SHARED_FACTS = Path(__file__).resolve().parents[3] / "shared" / "label-facts.md"
LABELS: tuple[Profile, ...] = (EU_SMPC, US_LABEL_RA)
EU, US = EU_SMPC.id, US_LABEL_RA.id

# A 50-year-old woman with normal renal function: CrCl 93.0 mL/min, eGFR 89.7.
BASE: dict[str, Any] = {"age_years": 50, "sex": "female", "weight_kg": 70, "creatinine_mg_dl": 0.8}


def run(profile_id: str, **changes: Any) -> Assessment:
    """Assess BASE with changes (a None change removes the field) under one profile."""
    data = {key: value for key, value in {**BASE, **changes}.items() if value is not None}
    return assess(parse_scenario(data), PROFILES[profile_id])


def ids(assessment: Assessment) -> set[str]:
    return {finding.id for finding in assessment.findings}


def text(assessment: Assessment, rule_id: str) -> str:
    return next(f.text for f in assessment.findings if f.id == rule_id)


# ------------------------------------------------------------ the facts file, parsed


def _cell(raw: str) -> tuple[str, tuple[str, ...], bool]:
    """(text, source ids, unverified) of one markdown table cell."""
    found = re.findall(r"\[([A-Z0-9, ]+)\]", raw)
    sources = tuple(part.strip() for group in found for part in group.split(","))
    unverified = "(*unverified*)" in raw
    words = re.sub(r"\s*\[[A-Z0-9, ]+\]", "", raw).replace("(*unverified*)", "")
    return words.replace("**", "").strip(), sources, unverified


def facts_rows() -> dict[str, dict[str, tuple[str, tuple[str, ...], bool]]]:
    """topic words -> {profile id -> (text, sources, unverified)} from the facts table."""
    rows: dict[str, dict[str, tuple[str, tuple[str, ...], bool]]] = {}
    for line in FACTS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith(("| topic", "|---")):
            continue
        topic, *cells = (part.strip() for part in line.strip().strip("|").split("|"))
        parsed = dict(zip(PROFILE_IDS, (_cell(cell) for cell in cells), strict=True))
        if parsed[US][0] == "same":  # "same [S1, S3]": the EU cell's words
            parsed[US] = (parsed[EU][0], parsed[US][1], parsed[US][2])
        rows[topic] = parsed
    return rows


def test_bundled_facts_file_is_the_shared_one() -> None:
    if not SHARED_FACTS.exists():
        pytest.skip("shared/label-facts.md not beside this checkout")
    assert FACTS_FILE.read_bytes() == SHARED_FACTS.read_bytes()


def test_topics_are_the_facts_table_rows_in_order() -> None:
    assert [words for _, words in TOPICS] == list(facts_rows())


@pytest.mark.parametrize("profile", list(PROFILES.values()), ids=PROFILE_IDS)
def test_cells_transcribe_the_facts_table(profile: Profile) -> None:
    rows = facts_rows()
    assert [cell.topic for cell in profile.cells] == [topic for topic, _ in TOPICS]
    for cell in profile.cells:
        words, sources, unverified = rows[dict(TOPICS)[cell.topic]][profile.id]
        assert cell.text == words, cell.topic
        assert cell.unverified is unverified, cell.topic
        if profile.is_label:
            assert cell.sources == sources, cell.topic
        else:
            assert sources == (), cell.topic  # the article column cites no label source
            assert set(cell.sources) <= passage_ids(), cell.topic


def test_label_sources_are_the_facts_file_sources() -> None:
    listed = FACTS_FILE.read_text(encoding="utf-8").split("## Sources", 1)[1].split("\n## ")[0]
    lines = {m.group(1): m.group(2) for m in re.finditer(r"^- ([UES]\d+) (.*)$", listed, re.M)}
    ours = {**US_SOURCES, **EU_SOURCES, **SLE_SOURCES}
    assert set(lines) | {"S3"} == set(ours)  # S3 shares S1's line
    for source_id, citation in ours.items():
        line = lines["S1" if source_id == "S3" else source_id]
        assert citation in line, source_id


# ------------------------------------------------------------ rules and their sources


@pytest.mark.parametrize("profile", LABELS, ids=lambda p: p.id)
def test_every_label_rule_cites_its_own_verified_sources(profile: Profile) -> None:
    linked: dict[str, set[str]] = {}
    for cell in profile.cells:
        if cell.unverified:
            assert cell.rules == (), f"unverified row {cell.topic} drives a rule"
            continue
        for rule_id in cell.rules:
            linked.setdefault(rule_id, set()).update(cell.sources)
    prefix = {EU: "eu.", US: "us."}[profile.id]
    for rule in profile.rules:
        assert rule.id.startswith(prefix), rule.id
        assert rule.passages == (), rule.id
        assert rule.sources, rule.id
        assert set(rule.sources) <= set(profile.sources), rule.id
        if rule.category is Category.source_silent:
            assert FACTS_TABLE_ID in rule.sources, rule.id
        else:
            # Rests on verified rows of the facts table, citing only those rows' sources.
            assert rule.id in linked, f"{rule.id} is in no verified facts row"
            assert set(rule.sources) <= linked[rule.id], rule.id


@pytest.mark.parametrize("profile", list(PROFILES.values()), ids=PROFILE_IDS)
def test_cells_name_existing_rules_and_sources(profile: Profile) -> None:
    for cell in profile.cells:
        assert set(cell.rules) <= set(profile.rules_by_id), cell.topic
        if profile.is_label:
            assert set(cell.sources) <= set(profile.sources) - {FACTS_TABLE_ID}, cell.topic
    assert len(profile.rules_by_id) == len(profile.rules), "duplicate rule id"


def test_label_rule_ids_do_not_clash_with_the_article() -> None:
    article_ids = {rule.id for rule in RULES}
    for profile in LABELS:
        assert not article_ids & set(profile.rules_by_id)


def test_the_us_label_has_no_contraindication_rule() -> None:
    assert not [r.id for r in US_LABEL_RA.rules if r.category is Category.contraindication]


def test_registry_and_unknown_profile() -> None:
    assert PROFILE_IDS == ("article", "eu_smpc", "us_label_ra")
    assert get_profile("eu_smpc") is EU_SMPC
    with pytest.raises(ValueError, match=r"did you mean 'eu_smpc'\?.*allowed: article"):
        get_profile("eu_smcp")


def test_profiles_carry_name_sources_date_and_notice() -> None:
    for profile in LABELS:
        assert profile.compiled == LABEL_FACTS_COMPILED == "2026-11"
        assert "check the current label" in profile.notice.lower()
        assert profile.sources[FACTS_TABLE_ID]
    source = article()
    assert ARTICLE.compiled == source.last_updated
    assert source.title in ARTICLE.sources["article"]
    assert (EU_SMPC.standard_dose_mg, EU_SMPC.reduced_dose_mg, EU_SMPC.renal_measure) == (
        4,
        2,
        "crcl",
    )
    assert (US_LABEL_RA.standard_dose_mg, US_LABEL_RA.reduced_dose_mg) == (2, 1)
    assert US_LABEL_RA.renal_measure == "egfr"


def test_every_label_rule_fires_somewhere() -> None:
    """Together with ROW_CHECKS and the silent-note tests: no label rule is untested."""
    examples: list[dict[str, Any]] = [
        {},
        {"age_years": 70, "creatinine_mg_dl": 1.2, "oat3_inhibitor": True},
        {"creatinine_mg_dl": 4.0},
        {"creatinine_mg_dl": None},
        {"creatinine_mg_dl": None, "crcl_ml_min": 45},
        {"sex": "male", "pregnant": False},
        {"pregnant": True},
        {"breastfeeding": True, "active_tb": True, "child_pugh": "C"},
        {"lymphocytes_10e9_l": 0.4, "neutrophils_10e9_l": 0.9, "haemoglobin_g_dl": 7.9},
        {"indication": "systemic_lupus_erythematosus"},
        {"cardiovascular_risk_factors": True, "malignancy_history": True, "vte_history": True},
        {"recurrent_infections": True, "sustained_remission": True, "anti_hbc_positive": True},
        *({"creatinine_mg_dl": 0.8, **flags} for flags in _UNCOVERED_SCENARIOS.values()),
    ]
    for profile in LABELS:
        fired: set[str] = set()
        for changes in examples:
            fired |= ids(run(profile.id, **changes))
        assert fired == set(profile.rules_by_id), set(profile.rules_by_id) - fired


# ------------------------------------------------------------ one test per facts row

RowCheck = Callable[[], None]
ROW_CHECKS: dict[tuple[str, str], RowCheck] = {}


def row(topic: str, profile_id: str) -> Callable[[RowCheck], RowCheck]:
    def register(check: RowCheck) -> RowCheck:
        ROW_CHECKS[(topic, profile_id)] = check
        return check

    return register


@row("standard_dose", EU)
def _eu_standard_dose() -> None:
    result = run(EU)
    assert (result.verdict, result.dose_mg) == (Verdict.recommended, 4)
    assert result.dose_reasoning[0].startswith("Standard dose 4 mg once daily")


@row("standard_dose", US)
def _us_standard_dose() -> None:
    result = run(US)
    assert (result.verdict, result.dose_mg) == (Verdict.recommended, 2)
    assert "4 mg is not an RA dose" in result.dose_reasoning[0]


@row("age", EU)
def _eu_age() -> None:
    at_65 = run(EU, age_years=65)
    assert at_65.dose_mg == 2
    assert "65 or over" in text(at_65, "eu.dose.age_65")
    assert "before 2023 the threshold was 75" in text(at_65, "eu.dose.age_65")
    at_64 = run(EU, age_years=64)
    assert at_64.dose_mg == 4
    assert "eu.dose.age_65" not in ids(at_64)


@row("age", US)
def _us_age() -> None:
    # eGFR 85.2 at 90 years (creatinine 0.6): no age rule, the dose stays 2 mg.
    old = run(US, age_years=90, creatinine_mg_dl=0.6)
    assert old.egfr is not None
    assert old.egfr.egfr is not None and old.egfr.egfr >= 60
    assert old.dose_mg == 2
    assert not [f for f in old.findings if f.category is Category.dose]


@row("other_reasons_2mg", EU)
def _eu_other_reasons_for_2mg() -> None:
    reasons = {
        "vte_history": "eu.dose.vte_risk",
        "cardiovascular_risk_factors": "eu.dose.mace_risk",
        "malignancy_history": "eu.dose.malignancy_risk",
        "recurrent_infections": "eu.dose.recurrent_infections",
        "sustained_remission": "eu.dose.sustained_control",
    }
    for field, rule_id in reasons.items():
        result = run(EU, **{field: True})
        assert result.dose_mg == 2, field
        assert rule_id in ids(result), field
        assert "2 mg once daily" in text(result, rule_id)


@row("other_reasons_2mg", US)
def _us_no_other_reasons() -> None:
    for field in ("vte_history", "cardiovascular_risk_factors", "malignancy_history"):
        assert run(US, **{field: True}).dose_mg == 2, field
    assert run(US, recurrent_infections=True, sustained_remission=True).dose_mg == 2


@row("renal_measure", EU)
def _eu_renal_measure() -> None:
    given = run(EU, creatinine_mg_dl=None, crcl_ml_min=45)
    assert (given.crcl_ml_min_used, given.dose_mg, given.egfr) == (45, 2, None)
    unknown = run(EU, creatinine_mg_dl=None)
    assert unknown.dose_mg is None
    assert "creatinine clearance" in text(unknown, "eu.advice.renal_function_needed")


@row("renal_measure", US)
def _us_renal_measure() -> None:
    result = run(US)
    assert result.egfr is not None and result.egfr.shown == "89.7"
    assert result.crcl_ml_min_used is None
    crcl_only = run(US, creatinine_mg_dl=None, crcl_ml_min=45)
    assert crcl_only.dose_mg is None
    assert "serum creatinine is needed" in text(crcl_only, "us.advice.egfr_needs_creatinine")
    nothing = run(US, creatinine_mg_dl=None)
    assert nothing.dose_mg is None
    assert "us.advice.renal_function_needed" in ids(nothing)


@row("renal_moderate", EU)
def _eu_renal_moderate() -> None:
    for crcl, dose in ((29.9, None), (30, 2), (45, 2), (60, 2), (60.1, 4)):
        assert run(EU, creatinine_mg_dl=None, crcl_ml_min=crcl).dose_mg == dose, crcl


@row("renal_moderate", US)
def _us_renal_moderate() -> None:
    assert run(US, age_years=68, creatinine_mg_dl=1.2).dose_mg == 1  # eGFR 49.3
    # Edges on the column-wise path, where eGFR is an input: 30 to < 60 -> 1 mg.
    egfr = np.array([29.9, 30.0, 59.9, 60.0, 90.0])
    doses = _us_columns(egfr).dose_mg
    assert np.isnan(doses[0])
    assert doses[1:].tolist() == [1.0, 1.0, 2.0, 2.0]


@row("renal_severe", EU)
def _eu_renal_severe() -> None:
    result = run(EU, creatinine_mg_dl=None, crcl_ml_min=29)
    assert (result.verdict, result.dose_mg) == (Verdict.not_recommended, None)
    assert "not recommended" in text(result, "eu.nr.crcl_below_30")


@row("renal_severe", US)
def _us_renal_severe() -> None:
    result = run(US, sex="male", age_years=70, creatinine_mg_dl=3.0)  # eGFR 21.7
    assert (result.verdict, result.dose_mg) == (Verdict.not_recommended, None)
    assert "not recommended" in text(result, "us.nr.egfr_below_30")


@row("hepatic", EU)
def _eu_hepatic() -> None:
    severe = run(EU, child_pugh="C")
    assert severe.verdict is Verdict.not_recommended
    assert "not a contraindication" in text(severe, "eu.nr.severe_hepatic")
    assert run(EU, child_pugh="B").verdict is Verdict.recommended


@row("hepatic", US)
def _us_hepatic() -> None:
    assert run(US, child_pugh="C").verdict is Verdict.not_recommended
    assert run(US, child_pugh="B").verdict is Verdict.recommended


@row("oat3", EU)
def _eu_oat3() -> None:
    assert run(EU, oat3_inhibitor=True).dose_mg == 2


@row("oat3", US)
def _us_oat3() -> None:
    result = run(US, oat3_inhibitor=True)
    assert result.dose_mg == 1
    assert "1 mg once daily" in text(result, "us.dose.oat3")


def _labs(profile_id: str, prefix: str) -> None:
    cases = (
        ("lymphocytes_10e9_l", 0.49, 0.5, "lymphocytes_low"),
        ("neutrophils_10e9_l", 0.99, 1.0, "neutrophils_low"),
        ("haemoglobin_g_dl", 7.9, 8.0, "haemoglobin_low"),
    )
    for field, low, limit, rule in cases:
        below = run(profile_id, **{field: low})
        assert (below.verdict, below.dose_mg) == (Verdict.not_recommended, None), field
        assert "do not start treatment (or interrupt it)" in text(below, f"{prefix}.nr.{rule}")
        assert run(profile_id, **{field: limit}).verdict is Verdict.recommended, field


@row("labs_do_not_start", EU)
def _eu_labs() -> None:
    _labs(EU, "eu")


@row("labs_do_not_start", US)
def _us_labs() -> None:
    _labs(US, "us")
    assert "500 cells/mm³" in text(run(US, lymphocytes_10e9_l=0.4), "us.nr.lymphocytes_low")


def _monitoring(profile_id: str, prefix: str, lipids: str, blocker: dict[str, Any]) -> None:
    started = run(profile_id)
    assert "at baseline" in text(started, f"{prefix}.monitoring.blood_liver")
    assert lipids in text(started, f"{prefix}.monitoring.lipids")
    stopped = ids(run(profile_id, **blocker))
    assert not {f"{prefix}.monitoring.blood_liver", f"{prefix}.monitoring.lipids"} & stopped


@row("monitoring_blood_liver", EU)
def _eu_blood_liver() -> None:
    _monitoring(EU, "eu", "12 weeks", {"pregnant": True})
    assert "routine patient management" in text(run(EU), "eu.monitoring.blood_liver")


@row("monitoring_blood_liver", US)
def _us_blood_liver() -> None:
    _monitoring(US, "us", "about 12 weeks", {"active_tb": True})
    assert "routine patient management" in text(run(US), "us.monitoring.blood_liver")


@row("monitoring_lipids", EU)
def _eu_lipids() -> None:
    assert text(run(EU), "eu.monitoring.lipids") == "Lipids: 12 weeks after starting."


@row("monitoring_lipids", US)
def _us_lipids() -> None:
    assert text(run(US), "us.monitoring.lipids") == "Lipids: about 12 weeks after starting."


# What the article lists as absolute contraindications, one at a time.
ARTICLE_CONTRAINDICATIONS: tuple[dict[str, Any], ...] = (
    {"active_serious_infection": True},
    {"active_tb": True},
    {"active_opportunistic_infection": True},
    {"child_pugh": "C"},
    {"creatinine_mg_dl": None, "crcl_ml_min": 20},
    {"breastfeeding": True},
)


@row("contraindications", EU)
def _eu_contraindications() -> None:
    assert run(EU, pregnant=True).verdict is Verdict.contraindicated
    for changes in ARTICLE_CONTRAINDICATIONS:
        assert run(EU, **changes).verdict is not Verdict.contraindicated, changes
    assert "hypersensitivity" in text(run(EU), "eu.advice.hypersensitivity")


@row("contraindications", US)
def _us_contraindications() -> None:
    for changes in (*ARTICLE_CONTRAINDICATIONS, {"pregnant": True}):
        assert run(US, **changes).verdict is not Verdict.contraindicated, changes
    everything = {name: True for name in ("pregnant", "breastfeeding", "active_tb")}
    assert run(US, child_pugh="C", **everything).verdict is Verdict.not_recommended


@row("active_tb", EU)
def _eu_active_tb() -> None:
    result = run(EU, active_tb=True)
    assert result.verdict is Verdict.not_recommended
    assert "should not be given" in text(result, "eu.nr.active_tb")


@row("active_tb", US)
def _us_active_tb() -> None:
    result = run(US, active_tb=True)
    assert result.verdict is Verdict.not_recommended
    assert "boxed warning" in text(result, "us.nr.active_tb")
    assert "should not be given" in text(result, "us.nr.active_tb")


@row("pregnancy", EU)
def _eu_pregnancy() -> None:
    result = run(EU, pregnant=True)
    assert (result.verdict, result.dose_mg) == (Verdict.contraindicated, None)
    assert "contraindicated" in text(result, "eu.ci.pregnancy")


@row("pregnancy", US)
def _us_pregnancy() -> None:
    result = run(US, pregnant=True)
    assert (result.verdict, result.dose_mg) == (Verdict.use_with_caution, 2)
    assert "may cause fetal harm" in text(result, "us.caution.pregnancy")
    assert "not contraindicated" in text(result, "us.caution.pregnancy")


@row("breastfeeding", EU)
def _eu_breastfeeding() -> None:
    result = run(EU, breastfeeding=True)
    assert result.verdict is Verdict.not_recommended
    assert "should not be used during breast-feeding" in text(result, "eu.nr.breastfeeding")


@row("breastfeeding", US)
def _us_breastfeeding() -> None:
    result = run(US, breastfeeding=True)
    assert result.verdict is Verdict.not_recommended
    assert "4 days after the last dose" in text(result, "us.nr.breastfeeding")


@row("contraception", EU)
def _eu_contraception() -> None:
    assert "at least 1 week after" in text(run(EU), "eu.advice.contraception")
    man = run(EU, sex="male")
    assert "eu.advice.contraception" not in ids(man)
    assert "eu.silent.male_contraception" in ids(man)


@row("contraception", US)
def _us_contraception_is_unverified() -> None:
    cell = US_LABEL_RA.cell("contraception")
    assert cell is not None and cell.unverified and not cell.rules and not cell.sources
    result = run(US, planning_conception=True)
    advice = [f for f in result.findings if "ontracepti" in f.text]
    assert [f.id for f in advice] == ["us.silent.contraception"]
    assert "unverified" in advice[0].text


@row("high_risk_groups", EU)
def _eu_high_risk_groups() -> None:
    cases = {
        "eu.caution.age_65_no_alternative": {"age_years": 65},
        "eu.caution.cardiovascular_no_alternative": {"cardiovascular_risk_factors": True},
        "eu.caution.malignancy_no_alternative": {"malignancy_history": True},
    }
    for rule_id, changes in cases.items():
        result = run(EU, **changes)
        assert result.verdict is Verdict.use_with_caution, rule_id
        assert "only if no suitable alternative" in text(result, rule_id)
    assert run(EU, age_years=64).verdict is Verdict.recommended


@row("high_risk_groups", US)
def _us_high_risk_groups() -> None:
    cases = {
        "us.caution.boxed_warning_age_65": {"age_years": 65},
        "us.caution.boxed_warning_cardiovascular": {"cardiovascular_risk_factors": True},
        "us.caution.boxed_warning_malignancy": {"malignancy_history": True},
    }
    for rule_id, changes in cases.items():
        result = run(US, **changes)
        assert (result.verdict, result.dose_mg) == (Verdict.use_with_caution, 2), rule_id
        assert "boxed warning" in text(result, rule_id)
        assert "MACE" in text(result, rule_id)
    assert run(US, age_years=64).verdict is Verdict.recommended


@row("live_vaccines", EU)
def _eu_live_vaccines() -> None:
    assert "not during, or just before" in text(run(EU), "eu.advice.live_vaccines")


@row("live_vaccines", US)
def _us_live_vaccines() -> None:
    assert "avoid" in text(run(US), "us.advice.live_vaccines")


@row("hbv_anti_hbc", EU)
def _eu_hbv() -> None:
    result = run(EU, anti_hbc_positive=True)
    assert result.verdict is Verdict.use_with_caution
    assert "specialist" in text(result, "eu.caution.anti_hbc_positive")
    carrier = ids(run(EU, anti_hbc_positive=True, hbsag_positive=True))
    assert "eu.caution.anti_hbc_positive" not in carrier
    assert "eu.silent.hbsag_positive" in carrier


@row("hbv_anti_hbc", US)
def _us_hbv() -> None:
    result = run(US, anti_hbc_positive=True)
    assert "hepatologist" in text(result, "us.caution.anti_hbc_positive")
    assert "HBV DNA" in text(result, "us.caution.anti_hbc_positive")


@row("sle", EU)
def _eu_sle() -> None:
    result = run(EU, indication="systemic_lupus_erythematosus")
    assert result.verdict is Verdict.not_indicated
    assert "phase 3 programme was stopped" in text(result, "eu.ni.sle")


@row("sle", US)
def _us_sle() -> None:
    result = run(US, indication="systemic_lupus_erythematosus")
    assert result.verdict is Verdict.not_indicated
    assert "us.ni.sle" in ids(result)


def test_every_facts_row_of_every_label_has_a_test() -> None:
    assert set(ROW_CHECKS) == {(topic, p.id) for topic, _ in TOPICS for p in LABELS}


@pytest.mark.parametrize("key", sorted(ROW_CHECKS), ids=lambda key: f"{key[1]}-{key[0]}")
def test_label_facts_row(key: tuple[str, str]) -> None:
    ROW_CHECKS[key]()


# ------------------------------------------------------------ the facts are silent

_UNCOVERED_SCENARIOS: dict[str, dict[str, Any]] = {
    "active_serious_infection": {"active_serious_infection": True},
    "active_opportunistic_infection": {"active_opportunistic_infection": True},
    "latent_tb": {"tb_history_or_exposure": True},
    "hbsag_positive": {"hbsag_positive": True},
    "hcv": {"hcv_positive": True},
    "hiv": {"hiv_positive": True},
    "child_pugh_a_b": {"child_pugh": "A"},
    "biologic_dmard": {"biologic_dmard": True},
    "potent_immunosuppressant": {"potent_immunosuppressant": True},
    "glucocorticoid": {"glucocorticoid": True},
    "inadequate_response": {"inadequate_response_3_to_6_months": True},
    "serious_adverse_event": {"serious_adverse_event": True},
    "prior_treatment": {"failed_csdmard": False},
    "other_indication": {"indication": "psoriatic_arthritis"},
}


def test_every_uncovered_input_has_a_scenario() -> None:
    assert set(_UNCOVERED_SCENARIOS) == {suffix for suffix, _, _ in UNCOVERED}


@pytest.mark.parametrize("profile", LABELS, ids=lambda p: p.id)
@pytest.mark.parametrize("suffix", sorted(_UNCOVERED_SCENARIOS))
def test_inputs_the_facts_do_not_cover_get_a_note_and_change_nothing(
    profile: Profile, suffix: str
) -> None:
    plain = run(profile.id)
    result = run(profile.id, **_UNCOVERED_SCENARIOS[suffix])
    rule_id = f"{profile.id[:2]}.silent.{suffix}"
    assert "check the current label" in text(result, rule_id)
    assert (result.verdict, result.dose_mg) == (plain.verdict, plain.dose_mg)


def test_reasons_for_the_lower_dose_do_not_stack() -> None:
    eu = run(EU, age_years=70, oat3_inhibitor=True)
    assert eu.dose_mg == 2
    assert "eu.silent.dose_below_2mg" in ids(eu)
    assert eu.dose_reasoning[-1] == EU_SMPC.no_stack_note
    us = run(US, age_years=68, creatinine_mg_dl=1.2, oat3_inhibitor=True)
    assert us.dose_mg == 1
    assert "us.silent.dose_below_1mg" in ids(us)


# ------------------------------------------------------------ the examples


def test_side_by_side_68_year_old_woman_creatinine_1_2() -> None:
    scenario = Scenario(age_years=68, sex="female", weight_kg=70, creatinine_mg_dl=1.2)
    by_profile = {pid: assess(scenario, profile) for pid, profile in PROFILES.items()}

    article_result = by_profile["article"]
    assert article_result.renal.shown == "49.6"  # Cockcroft-Gault ≈ 50
    assert article_result.dose_mg == 2
    assert {"dose.crcl_30_60", "caution.age_over_65"} <= ids(article_result)
    assert "dose.age_over_70" not in ids(article_result)
    assert article_result.verdict is Verdict.use_with_caution

    eu = by_profile[EU]
    assert eu.dose_mg == 2
    assert {"eu.dose.age_65", "eu.dose.crcl_30_60"} <= ids(eu)
    assert "only if no suitable alternative" in text(eu, "eu.caution.age_65_no_alternative")
    assert eu.verdict is Verdict.use_with_caution

    us = by_profile[US]
    assert us.egfr is not None and us.egfr.shown == "49.3"  # CKD-EPI 2021 ≈ 49
    assert us.dose_mg == 1
    assert "30 to below 60" in text(us, "us.dose.egfr_30_60")
    assert "1 mg once daily" in text(us, "us.dose.egfr_30_60")


def test_crcl_only_under_the_us_label_asks_for_creatinine() -> None:
    result = assess(Scenario(age_years=72, crcl_ml_min=45), US_LABEL_RA)
    assert result.dose_mg is None
    assert result.egfr is not None and result.egfr.egfr is None
    note = text(result, "us.advice.egfr_needs_creatinine")
    assert "45 mL/min" in note and "serum creatinine is needed" in note
    assert "not converted" in note
    assert "needs a serum creatinine" in result.dose_reasoning[0]
    # The other profiles use the given CrCl as before.
    assert assess(Scenario(age_years=72, crcl_ml_min=45), EU_SMPC).dose_mg == 2


# ------------------------------------------------------------ the article stays as it was

ARTICLE_KEYS = [
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


def _random_scenarios(count: int, seed: int, labs: bool = False) -> list[Scenario]:
    rng = random.Random(seed)
    flags = [n for n, info in Scenario.model_fields.items() if info.annotation is bool]
    scenarios = []
    for _ in range(count):
        data: dict[str, Any] = {
            "age_years": rng.choice([18, 40, 64, 65, 66, 70, 71, 90, 120]),
            "sex": rng.choice(["female", "male"]),
            "weight_kg": rng.choice([45, 70, 110]),
            "child_pugh": rng.choice(["none", "none", "A", "B", "C"]),
            "indication": rng.choice(
                ["rheumatoid_arthritis"] * 4 + ["systemic_lupus_erythematosus", "other"]
            ),
        }
        renal = rng.randrange(4)
        if renal == 1:
            data["creatinine_mg_dl"] = rng.choice([0.5, 0.8, 1.2, 1.6, 2.5, 4.0])
        elif renal == 2:
            data["crcl_ml_min"] = rng.choice([0, 29.9, 30, 45, 60, 60.1, 120])
        elif renal == 3:
            data["creatinine_umol_l"] = rng.choice([50, 100, 150, 300])
        for name in flags:
            if rng.random() < 0.12:
                data[name] = not Scenario.model_fields[name].default
        if data["sex"] == "male":  # the model refuses a pregnant or breastfeeding man
            data.update(dict.fromkeys(FEMALE_ONLY_FIELDS, False))
        if labs:
            data["lymphocytes_10e9_l"] = rng.choice([None, 0.3, 0.5, 2.0])
            data["neutrophils_10e9_l"] = rng.choice([None, 0.8, 1.0, 4.0])
            data["haemoglobin_g_dl"] = rng.choice([None, 7.5, 8.0, 13.0])
        scenarios.append(parse_scenario(data))
    return scenarios


def test_article_is_the_default_profile_and_its_json_keeps_its_keys() -> None:
    for scenario in _random_scenarios(200, seed=1):
        default, explicit = assess(scenario), assess(scenario, ARTICLE)
        assert default == explicit
        data = default.to_dict()
        assert list(data) == ARTICLE_KEYS
        assert not set(LABEL_LAB_FIELDS) & set(data["scenario"])
        assert all("sources" not in finding for finding in data["findings"])
    assert ARTICLE.rules is RULES


def test_blood_counts_change_no_article_result() -> None:
    for scenario in _random_scenarios(300, seed=2, labs=True):
        plain = scenario.model_copy(update=dict.fromkeys(LABEL_LAB_FIELDS))
        with_labs, without = assess(scenario), assess(plain)
        assert (with_labs.verdict, with_labs.dose_mg) == (without.verdict, without.dose_mg)
        assert with_labs.findings == without.findings
        assert with_labs.dose_reasoning == without.dose_reasoning


def test_blood_counts_are_optional_contract_fields() -> None:
    for name in LABEL_LAB_FIELDS:
        assert name in FIELD_NAMES
        assert Scenario.model_fields[name].default is None
        extra = Scenario.model_fields[name].json_schema_extra
        assert isinstance(extra, dict)
        assert extra["group"] == "labs" and extra["label"] and extra["unit"]
    parsed = parse_scenario({"lymphocytes_10e9_l": "0.4", "haemoglobin_g_dl": ""})
    assert (parsed.lymphocytes_10e9_l, parsed.haemoglobin_g_dl) == (0.4, None)
    with pytest.raises(ValueError, match=r"neutrophils_10e9_l: -1 .* from 0 to 100 ×10⁹/L"):
        parse_scenario({"neutrophils_10e9_l": -1})
    assert assess(parsed).to_dict()["scenario"]["lymphocytes_10e9_l"] == 0.4


# ------------------------------------------------------------ label JSON, columns, table


def test_label_json_names_the_profile_and_cites_label_sources() -> None:
    data = run(US, age_years=68, creatinine_mg_dl=1.2).to_dict()
    assert data["profile"]["id"] == US
    assert data["profile"]["compiled"] == "2026-11"
    assert "check the current label" in data["profile"]["notice"].lower()
    assert data["egfr_ml_min_1_73m2"] == pytest.approx(49.306, abs=0.001)
    assert "CKD-EPI 2021" in data["egfr_equation"]
    assert (data["crcl_ml_min_used"], data["crcl_source"]) == (None, "not_used")
    for finding in data["findings"]:
        assert finding["passages"] == []
        assert set(finding["sources"]) <= set(data["profile"]["sources"])
    eu = run(EU).to_dict()
    assert eu["profile"]["renal_measure"] == "crcl" and "egfr_ml_min_1_73m2" not in eu
    assert eu["verdict_reason"] == EU_SMPC.nothing_applies


def _columns_of(scenarios: list[Scenario]) -> dict[str, Any]:
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


def _us_columns(egfr: np.ndarray) -> Any:
    size = len(egfr)
    columns = _columns_of([parse_scenario(BASE)] * size)
    columns["egfr"] = egfr
    return assess_columns(columns, size, US_LABEL_RA)


@pytest.mark.parametrize("profile", list(PROFILES.values()), ids=PROFILE_IDS)
def test_columns_agree_with_assess(profile: Profile) -> None:
    scenarios = _random_scenarios(400, seed=3, labs=True)
    result = assess_columns(_columns_of(scenarios), len(scenarios), profile)
    for index, scenario in enumerate(scenarios):
        one = assess(scenario, profile)
        assert VERDICT_CODES[result.verdict_code[index]] is one.verdict
        dose = result.dose_mg[index]
        assert (None if np.isnan(dose) else int(dose)) == one.dose_mg
        fired = {rule_id for rule_id, mask in result.fired.items() if mask[index]}
        assert fired == ids(one)


def test_rule_texts_format_with_the_env() -> None:
    env = rule_env(parse_scenario(BASE), renal_function(parse_scenario(BASE)))
    env.update(egfr=45.0, lymphocytes_10e9_l=0.1, neutrophils_10e9_l=0.1, haemoglobin_g_dl=5.0)
    env.update(crcl=45.0)
    for profile in LABELS:
        for rule in profile.rules:
            assert rule.text.format_map(env), rule.id


def test_comparison_table_is_generated_from_the_profiles() -> None:
    table = comparison_table()
    assert [r.topic for r in table] == [topic for topic, _ in TOPICS]
    for comparison in table:
        assert [c.profile_id for c in comparison.cells] == list(PROFILE_IDS)
        for cell in comparison.cells:
            profile = PROFILES[cell.profile_id]
            source_cell = profile.cell(comparison.topic)
            assert source_cell is not None
            assert (cell.text, cell.sources) == (source_cell.text, source_cell.sources)
            assert cell.compiled == profile.compiled
            assert cell.citation_kind == profile.citation_kind
    renal = next(r for r in table if r.topic == "renal_moderate")
    assert renal.cell(US).text == "eGFR 30 to < 60 → 1 mg"
    assert renal.cell(US).sources == ("U5", "U15")
    assert renal.cell("article").sources == ("dosing.renal_30_60",)
    contraception = next(r for r in table if r.topic == "contraception")
    assert contraception.cell(US).unverified
    assert not contraception.cell(EU).unverified
    assert "check the current label" in CHECK_CURRENT_LABEL.lower()
    assert "2026-11" in CHECK_CURRENT_LABEL


# ------------------------------------------------------------ the command line

ROOT = Path(__file__).resolve().parents[2]


def run_core(*arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "core", *arguments],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_cli_assess_with_a_profile() -> None:
    scenario = '{"age_years": 68, "sex": "female", "weight_kg": 70, "creatinine_mg_dl": 1.2}'
    result = run_core("assess", "--profile", "eu_smpc", scenario)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["profile"]["id"] == EU
    assert answer["dose_mg"] == 2
    assert "eu.caution.age_65_no_alternative" in answer["finding_ids"]
    assert "monitoring_plan" not in answer  # the article's plan is not the label's
    us = json.loads(run_core("assess", "--profile", "us_label_ra", scenario).stdout)
    assert (us["dose_mg"], round(us["egfr_ml_min_1_73m2"], 1)) == (1, 49.3)


def test_cli_default_profile_is_the_article() -> None:
    scenario = '{"age_years": 72, "crcl_ml_min": 45}'
    plain, article_run = (
        run_core("assess", scenario),
        run_core("assess", "--profile", "article", scenario),
    )
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout == article_run.stdout
    assert "profile" not in json.loads(plain.stdout)
    bad = run_core("assess", "--profile", "eu", "{}")
    assert bad.returncode == 2
    assert "invalid choice: 'eu'" in bad.stderr.decode()


BATCH_CSV = (
    "case_id,age_years,sex,weight_kg,creatinine_mg_dl,crcl_ml_min,oat3_inhibitor\n"
    "woman68,68,female,70,1.2,,\n"
    "crcl_only,72,female,70,,45,\n"
    "oat3,50,male,80,0.9,,yes\n"
    "bad,500,female,70,1.0,,\n"
)


@pytest.mark.parametrize("profile", list(PROFILES.values()), ids=PROFILE_IDS)
def test_batch_with_a_profile_equals_assess(profile: Profile) -> None:
    rows = list(
        csv.DictReader(io.StringIO(assess_csv(BATCH_CSV.encode(), profile=profile).decode()))
    )
    assert [r["case_id"] for r in rows] == ["woman68", "crcl_only", "oat3", "bad"]
    for out in rows[:3]:
        data = {k: v for k, v in out.items() if k in FIELD_NAMES}
        one = assess(parse_scenario(data), profile)
        assert out["verdict"] == one.verdict.value
        assert out["dose_mg"] == ("" if one.dose_mg is None else str(one.dose_mg))
        assert out["finding_ids"] == ";".join(one.finding_ids)
    assert rows[3]["error"] and not rows[3]["verdict"]


def test_cli_batch_under_the_us_label(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(BATCH_CSV, encoding="utf-8")
    result = run_core("batch", "--profile", "us_label_ra", str(source), str(target))
    assert result.returncode == 0, result.stderr
    rows = {r["case_id"]: r for r in csv.DictReader(io.StringIO(target.read_text("utf-8")))}
    assert rows["woman68"]["dose_mg"] == "1"  # eGFR 49.3
    assert rows["woman68"]["crcl_ml_min_used"] == ""  # the US label does not use CrCl
    assert rows["crcl_only"]["dose_mg"] == ""
    assert "us.advice.egfr_needs_creatinine" in rows["crcl_only"]["finding_ids"]
    assert rows["oat3"]["dose_mg"] == "1"
