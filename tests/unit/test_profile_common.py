"""core.profiles.common and what both label profiles share: every rule rests on a verified facts
row and cites its sources; an input the facts do not cover never gives a silent "recommended";
source-silent notes change nothing; every label rule is reachable."""

from __future__ import annotations

from typing import Any

import pytest

from core import Scenario, assess
from core.assess import NOT_COVERED_NO_DOSE, rule_env
from core.profiles import ARTICLE, Profile
from core.profiles.common import NOT_COVERED_BY_EITHER, UNCOVERED
from core.profiles.label_sources import FACTS_TABLE_ID
from core.renal import renal_function
from core.rules import VERDICT_OF_CATEGORY, Category, Verdict
from core.scenario import parse_scenario
from tests.unit.profile_facts import BASE, EU, LABELS, US, ids, run, text

# ------------------------------------------------------------ rules and their sources


@pytest.mark.parametrize("profile", LABELS, ids=lambda p: p.id)
def test_every_label_rule_cites_its_own_verified_sources(profile: Profile) -> None:
    verified: dict[str, set[str]] = {}
    any_row: dict[str, set[str]] = {}
    for cell in profile.cells:
        for rule_id in cell.rules:
            any_row.setdefault(rule_id, set()).update(cell.sources)
            if not cell.unverified:
                verified.setdefault(rule_id, set()).update(cell.sources)
    prefix = {EU: "eu.", US: "us."}[profile.id]
    for rule in profile.rules:
        assert rule.id.startswith(prefix), rule.id
        assert rule.passages == (), rule.id
        assert rule.sources, rule.id
        assert set(rule.sources) <= set(profile.sources), rule.id
        if rule.category in (Category.source_silent, Category.not_covered):
            # What the facts do not hold: the facts table itself, plus what its row does say.
            assert FACTS_TABLE_ID in rule.sources, rule.id
            assert set(rule.sources) - {FACTS_TABLE_ID} <= any_row.get(rule.id, set()), rule.id
        else:
            # Rests on verified rows of the facts table, citing only those rows' sources.
            assert rule.id in verified, f"{rule.id} is in no verified facts row"
            assert set(rule.sources) <= verified[rule.id], rule.id


@pytest.mark.parametrize("profile", LABELS, ids=lambda p: p.id)
def test_no_verdict_or_dose_rests_on_an_unverified_cell(profile: Profile) -> None:
    unverified = [cell for cell in profile.cells if cell.unverified]
    assert unverified, "the facts mark cells of both labels unverified"
    for cell in unverified:
        for rule_id in cell.rules:
            category = profile.rules_by_id[rule_id].category
            assert category in (Category.not_covered, Category.source_silent), rule_id


def test_label_rule_ids_do_not_clash_with_the_article() -> None:
    article_ids = set(ARTICLE.rules_by_id)
    for profile in LABELS:
        assert not article_ids & set(profile.rules_by_id)


# ------------------------------------------------------------ the facts do not cover this

# One scenario per "not covered" rule suffix (both labels).
NOT_COVERED_SCENARIOS: dict[str, dict[str, Any]] = {
    "hbsag_positive": {"hbsag_positive": True},
    "anti_hbc_without_anti_hbs": {"anti_hbc_positive": True},
    "hcv": {"hcv_positive": True},
    "hiv": {"hiv_positive": True},
    "potent_immunosuppressant": {"potent_immunosuppressant": True},
    "planning_conception": {"planning_conception": True},
    "vte_history": {"vte_history": True},
    "malignancy_history": {"malignancy_history": True},
    "breastfeeding": {"breastfeeding": True},
    "inadequate_response": {"inadequate_response_3_to_6_months": True},
    "serious_adverse_event": {"serious_adverse_event": True},
    "prior_treatment": {"failed_csdmard": False},
    "other_indication": {"indication": "psoriatic_arthritis"},
}


def _not_covered_rules() -> list[tuple[Profile, str]]:
    return [
        (profile, rule.id)
        for profile in LABELS
        for rule in profile.rules
        if rule.category is Category.not_covered
    ]


def test_every_not_covered_rule_has_a_scenario() -> None:
    suffixes = {rule_id.rsplit(".", 1)[1] for _, rule_id in _not_covered_rules()}
    assert suffixes == set(NOT_COVERED_SCENARIOS)
    assert {suffix for suffix, *_ in NOT_COVERED_BY_EITHER} <= suffixes


@pytest.mark.parametrize(
    ("profile", "rule_id"), _not_covered_rules(), ids=lambda v: getattr(v, "id", v)
)
def test_an_input_the_facts_do_not_cover_is_never_a_silent_recommended(
    profile: Profile, rule_id: str
) -> None:
    result = run(profile.id, **NOT_COVERED_SCENARIOS[rule_id.rsplit(".", 1)[1]])
    assert rule_id in ids(result)
    assert (result.verdict, result.dose_mg) == (Verdict.not_covered, None)
    assert result.dose_reasoning == (NOT_COVERED_NO_DOSE,)
    note = text(result, rule_id)
    assert "do not cover this" in note and "check the current label" in note
    assert result.verdict_reason == note
    # A monitoring plan would read as a start: none while the facts do not cover the patient.
    assert not [f for f in result.findings if f.category is Category.monitoring]


def test_severe_active_infection_on_a_biologic_is_never_recommended() -> None:
    """Failed before the 2026-12 facts: both labels answered "recommended"."""
    scenario = Scenario(active_serious_infection=True, biologic_dmard=True, creatinine_mg_dl=0.8)
    for profile in LABELS:
        result = assess(scenario, profile)
        assert (result.verdict, result.dose_mg) == (Verdict.not_recommended, None), profile.id
    assert "us.nr.active_infection" in ids(assess(scenario, LABELS[1]))
    assert "eu.nr.biologic_dmard" in ids(assess(scenario, LABELS[0]))


def _article_verdict_inputs() -> list[dict[str, Any]]:
    """One change of BASE per input the article gives a verdict for (each on its own)."""
    changes: list[dict[str, Any]] = []
    for name, info in Scenario.model_fields.items():
        if info.annotation is bool:
            changes.append({name: not info.default})
    changes += [{"child_pugh": "C"}, {"creatinine_mg_dl": 4.0}, {"age_years": 80}]
    changes += [{"indication": value} for value in ("psoriatic_arthritis", "other")]
    article_says = [run(ARTICLE.id, **change).verdict for change in changes]
    return [c for c, v in zip(changes, article_says, strict=True) if v is not Verdict.recommended]


@pytest.mark.parametrize("profile", LABELS, ids=lambda p: p.id)
def test_no_input_the_article_rules_on_gives_a_label_a_silent_recommended(
    profile: Profile,
) -> None:
    inputs = _article_verdict_inputs()
    assert len(inputs) >= 20
    for change in [*inputs, {"hcv_positive": True}, {"hiv_positive": True}]:
        result = run(profile.id, **change)
        assert result.verdict is not Verdict.recommended, (profile.id, change)
        deciding = [f for f in result.findings if f.category in VERDICT_OF_CATEGORY]
        assert deciding, (profile.id, change)


# ------------------------------------------------------------ the facts are silent

_SILENT_SCENARIOS: dict[str, dict[str, Any]] = {
    "child_pugh_a_b": {"child_pugh": "A"},
    "glucocorticoid": {"glucocorticoid": True},
}


def test_every_silent_input_has_a_scenario() -> None:
    assert set(_SILENT_SCENARIOS) == {suffix for suffix, _, _ in UNCOVERED}


@pytest.mark.parametrize("profile", LABELS, ids=lambda p: p.id)
@pytest.mark.parametrize("suffix", sorted(_SILENT_SCENARIOS))
def test_inputs_the_article_only_advises_on_get_a_note_and_change_nothing(
    profile: Profile, suffix: str
) -> None:
    plain = run(profile.id)
    result = run(profile.id, **_SILENT_SCENARIOS[suffix])
    rule_id = f"{profile.id[:2]}.silent.{suffix}"
    assert "check the current label" in text(result, rule_id)
    assert (result.verdict, result.dose_mg) == (plain.verdict, plain.dose_mg)


# ------------------------------------------------------------ every rule is reachable


def test_every_label_rule_fires_somewhere() -> None:
    """Together with the row checks and the tests above: no label rule is untested."""
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
        {"active_serious_infection": True, "tb_history_or_exposure": True},
        {"biologic_dmard": True, "potent_immunosuppressant": True},
        *NOT_COVERED_SCENARIOS.values(),
        *_SILENT_SCENARIOS.values(),
    ]
    for profile in LABELS:
        fired: set[str] = set()
        for changes in examples:
            fired |= ids(run(profile.id, **changes))
        assert fired == set(profile.rules_by_id), set(profile.rules_by_id) - fired


def test_rule_texts_format_with_the_env() -> None:
    env = rule_env(parse_scenario(BASE), renal_function(parse_scenario(BASE)))
    env.update(egfr=45.0, lymphocytes_10e9_l=0.1, neutrophils_10e9_l=0.1, haemoglobin_g_dl=5.0)
    env.update(crcl=45.0)
    for profile in LABELS:
        for rule in profile.rules:
            assert rule.text.format_map(env), rule.id
