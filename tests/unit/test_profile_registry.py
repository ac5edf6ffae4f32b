"""core.profiles.profile and core.profiles.registry: the profiles by id, their cells transcribing
the facts table, and every door (assess JSON, the column-wise path, batch, the CLI) taking a
profile."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

from core import assess
from core.assess import VERDICT_CODES, assess_columns
from core.batch import assess_csv
from core.profiles import (
    EU_SMPC,
    PROFILE_IDS,
    PROFILES,
    TOPICS,
    US_LABEL_RA,
    Profile,
    get_profile,
)
from core.profiles.label_sources import FACTS_TABLE_ID
from core.rules import Verdict
from core.scenario import FIELD_NAMES, parse_scenario
from core.sources import passage_ids
from tests.unit.profile_facts import EU, LABELS, US, columns_of, facts_rows, ids, run
from tests.unit.test_profile_article import random_scenarios, run_core


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


@pytest.mark.parametrize("profile", list(PROFILES.values()), ids=PROFILE_IDS)
def test_cells_name_existing_rules_and_sources(profile: Profile) -> None:
    for cell in profile.cells:
        assert set(cell.rules) <= set(profile.rules_by_id), cell.topic
        if profile.is_label:
            assert set(cell.sources) <= set(profile.sources) - {FACTS_TABLE_ID}, cell.topic
    assert len(profile.rules_by_id) == len(profile.rules), "duplicate rule id"


def test_registry_and_unknown_profile() -> None:
    assert PROFILE_IDS == ("article", "eu_smpc", "us_label_ra")
    assert get_profile("eu_smpc") is EU_SMPC
    with pytest.raises(ValueError, match=r"did you mean 'eu_smpc'\?.*allowed: article"):
        get_profile("eu_smcp")


def test_profiles_carry_name_sources_date_and_notice() -> None:
    for profile in LABELS:
        assert profile.compiled == "2026-12"
        assert "check the current label" in profile.notice.lower()
        assert profile.sources[FACTS_TABLE_ID]
    assert (EU_SMPC.standard_dose_mg, EU_SMPC.reduced_dose_mg, EU_SMPC.renal_measure) == (
        4,
        2,
        "crcl",
    )
    assert (US_LABEL_RA.standard_dose_mg, US_LABEL_RA.reduced_dose_mg) == (2, 1)
    assert US_LABEL_RA.renal_measure == "egfr"


def test_label_json_names_the_profile_and_cites_label_sources() -> None:
    data = run(US, age_years=68, creatinine_mg_dl=1.2).to_dict()
    assert data["profile"]["id"] == US
    assert data["profile"]["compiled"] == "2026-12"
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


@pytest.mark.parametrize("profile", list(PROFILES.values()), ids=PROFILE_IDS)
def test_columns_agree_with_assess(profile: Profile) -> None:
    scenarios = random_scenarios(400, seed=3, labs=True)
    result = assess_columns(columns_of(scenarios), len(scenarios), profile)
    for index, scenario in enumerate(scenarios):
        one = assess(scenario, profile)
        assert VERDICT_CODES[result.verdict_code[index]] is one.verdict
        dose = result.dose_mg[index]
        assert (None if np.isnan(dose) else int(dose)) == one.dose_mg
        fired = {rule_id for rule_id, mask in result.fired.items() if mask[index]}
        assert fired == ids(one)


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


def test_dose_reasoning_names_no_verdict_code() -> None:
    """Failed before: "No dose: the verdict is 'not_recommended' (not recommended)"."""
    codes = [v.value for v in Verdict if "_" in v.value]
    for profile in PROFILES.values():
        for scenario in random_scenarios(150, seed=5):
            reasoning = " ".join(assess(scenario, profile).dose_reasoning)
            assert not [code for code in codes if code in reasoning], (profile.id, reasoning)
    blocked = run(EU, breastfeeding=True)
    assert blocked.dose_reasoning == ("No dose: the verdict is “Not recommended”.",)
