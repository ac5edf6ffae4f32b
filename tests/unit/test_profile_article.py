"""core.profiles.article: the article's profile is the contract's rule table, unchanged, and the
default everywhere; the label-only blood counts change none of its answers."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from core import Scenario, assess
from core.profiles import ARTICLE
from core.rules import ARTICLE_VERDICTS, RULES, Category, Verdict
from core.scenario import FEMALE_ONLY_FIELDS, FIELD_NAMES, LABEL_LAB_FIELDS, parse_scenario
from core.sources import article

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


def random_scenarios(count: int, seed: int, labs: bool = False) -> list[Scenario]:
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
    for scenario in random_scenarios(200, seed=1):
        default, explicit = assess(scenario), assess(scenario, ARTICLE)
        assert default == explicit
        data = default.to_dict()
        assert list(data) == ARTICLE_KEYS
        assert not set(LABEL_LAB_FIELDS) & set(data["scenario"])
        assert all("sources" not in finding for finding in data["findings"])
    assert ARTICLE.rules is RULES


def test_blood_counts_change_no_article_result() -> None:
    for scenario in random_scenarios(300, seed=2, labs=True):
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


def test_the_article_never_answers_not_covered() -> None:
    assert not [r.id for r in ARTICLE.rules if r.category is Category.not_covered]
    assert Verdict.not_covered not in ARTICLE_VERDICTS
    assert len(ARTICLE_VERDICTS) == 5


def test_article_profile_carries_its_date_and_title() -> None:
    source = article()
    assert ARTICLE.compiled == source.last_updated
    assert source.title in ARTICLE.sources["article"]
    assert not ARTICLE.is_label


ROOT = Path(__file__).resolve().parents[2]


def run_core(*arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "core", *arguments],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )


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
