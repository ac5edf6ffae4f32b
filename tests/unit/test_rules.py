"""Every rule fires where it should and stays quiet just outside; the verdict order.

FIRES and QUIET map every rule id of the article's table to scenarios (changes from BASE). A
test fails when a rule is added without an entry here: adding a rule = one entry + these rows.
"""

from __future__ import annotations

from typing import Any

import pytest

from core import RULES, Scenario, assess
from core.rules import ARTICLE_VERDICTS, RULES_BY_ID, VERDICT_ORDER, Category, Verdict
from core.sources import passage_ids

# Renal function known and normal, so that only the rule under test moves.
BASE: dict[str, Any] = {"crcl_ml_min": 90}

JIA = "juvenile_idiopathic_arthritis"

FIRES: dict[str, list[dict[str, Any]]] = {
    "ci.active_serious_infection": [{"active_serious_infection": True}],
    "ci.active_tb": [{"active_tb": True}],
    "ci.active_opportunistic_infection": [{"active_opportunistic_infection": True}],
    "ci.child_pugh_c": [{"child_pugh": "C"}],
    "ci.crcl_below_30": [{"crcl_ml_min": 29.9}, {"crcl_ml_min": 0}],
    "ci.pregnancy": [{"pregnant": True}],
    "ci.breastfeeding": [{"breastfeeding": True}],
    "nr.biologic_dmard": [{"biologic_dmard": True}],
    "nr.potent_immunosuppressant": [{"potent_immunosuppressant": True}],
    "nr.hbsag_without_prophylaxis": [{"hbsag_positive": True}],
    "nr.inadequate_response": [{"inadequate_response_3_to_6_months": True}],
    "nr.serious_adverse_event": [{"serious_adverse_event": True}],
    "ni.no_failed_dmard": [{"failed_csdmard": False}],
    "caution.age_over_65": [{"age_years": 66}, {"age_years": 120}],
    "caution.recurrent_infections": [{"recurrent_infections": True}],
    "caution.malignancy_history": [{"malignancy_history": True}],
    "caution.cardiovascular_risk": [{"cardiovascular_risk_factors": True}],
    "caution.vte_history": [{"vte_history": True}],
    "caution.tb_history": [{"tb_history_or_exposure": True}],
    "caution.anti_hbc_positive": [{"anti_hbc_positive": True}],
    "caution.hbsag_with_prophylaxis": [{"hbsag_positive": True, "antiviral_prophylaxis": True}],
    "caution.planning_conception": [{"planning_conception": True}],
    "caution.investigational_indication": [
        {"indication": "psoriatic_arthritis"},
        {"indication": "atopic_dermatitis"},
        {"indication": "systemic_lupus_erythematosus"},
        {"indication": JIA},
    ],
    "caution.unlisted_indication": [{"indication": "other"}],
    "dose.age_over_70": [{"age_years": 71}],
    "dose.crcl_30_60": [{"crcl_ml_min": 30}, {"crcl_ml_min": 45}, {"crcl_ml_min": 60}],
    "dose.oat3": [{"oat3_inhibitor": True}],
    "advice.renal_function_needed": [{"crcl_ml_min": None}],
    "advice.glucocorticoid": [{"glucocorticoid": True}],
    "advice.sustained_remission": [{"sustained_remission": True}],
    "advice.contraception": [{}, {"sex": "male"}],
    "advice.male_fertility": [{"sex": "male", "planning_conception": True}],
    "advice.herpes_zoster": [{}, {"pregnant": True}, {"failed_csdmard": False}],
    "silent.dose_below_2mg": [
        {"age_years": 71, "crcl_ml_min": 45},
        {"age_years": 71, "oat3_inhibitor": True},
        {"crcl_ml_min": 60, "oat3_inhibitor": True},
        {"sustained_remission": True, "oat3_inhibitor": True},
    ],
    "silent.hcv": [{"hcv_positive": True}],
    "silent.hiv": [{"hiv_positive": True}],
    "silent.latent_tb": [{"tb_history_or_exposure": True}],
    "silent.hbv_monitoring_frequency": [{"anti_hbc_positive": True}],
    "silent.paediatric": [{"indication": JIA}],
    "silent.child_pugh_a_b": [{"child_pugh": "A"}, {"child_pugh": "B"}],
    "screening.baseline": [{}, {"pregnant": True}],
    "monitoring.schedule": [{}, {"age_years": 80, "recurrent_infections": True}],
    "monitoring.crp_esr": [{}],
}

QUIET: dict[str, list[dict[str, Any]]] = {
    "ci.active_serious_infection": [{}],
    "ci.active_tb": [{"tb_history_or_exposure": True}],
    "ci.active_opportunistic_infection": [{}],
    "ci.child_pugh_c": [{"child_pugh": "B"}, {"child_pugh": "none"}],
    "ci.crcl_below_30": [{"crcl_ml_min": 30}, {"crcl_ml_min": None}],
    "ci.pregnancy": [{"planning_conception": True}],
    "ci.breastfeeding": [{}],
    "nr.biologic_dmard": [{"failed_bdmard": True}],
    "nr.potent_immunosuppressant": [{}],
    "nr.hbsag_without_prophylaxis": [
        {"hbsag_positive": True, "antiviral_prophylaxis": True},
        {"anti_hbc_positive": True},
    ],
    "nr.inadequate_response": [{}],
    "nr.serious_adverse_event": [{}],
    "ni.no_failed_dmard": [{}, {"failed_csdmard": False, "failed_bdmard": True}],
    "caution.age_over_65": [{"age_years": 65}],
    "caution.recurrent_infections": [{}],
    "caution.malignancy_history": [{}],
    "caution.cardiovascular_risk": [{}],
    "caution.vte_history": [{}],
    "caution.tb_history": [{}],
    "caution.anti_hbc_positive": [
        {"anti_hbc_positive": True, "hbsag_positive": True, "antiviral_prophylaxis": True}
    ],
    "caution.hbsag_with_prophylaxis": [
        {"antiviral_prophylaxis": True},
        {"hbsag_positive": True},
    ],
    "caution.planning_conception": [{}],
    "caution.investigational_indication": [{}, {"indication": "other"}],
    "caution.unlisted_indication": [{}, {"indication": "psoriatic_arthritis"}],
    "dose.age_over_70": [{"age_years": 70}],
    "dose.crcl_30_60": [{"crcl_ml_min": 29.9}, {"crcl_ml_min": 60.1}, {"crcl_ml_min": None}],
    "dose.oat3": [{}],
    "advice.renal_function_needed": [{}, {"crcl_ml_min": None, "creatinine_mg_dl": 1.0}],
    "advice.glucocorticoid": [{}],
    "advice.sustained_remission": [{}],
    "advice.contraception": [{"pregnant": True}],
    "advice.male_fertility": [{"planning_conception": True}, {"sex": "male"}],
    "silent.dose_below_2mg": [
        {"age_years": 71},
        {"crcl_ml_min": 60.1, "oat3_inhibitor": True},
        {"age_years": 70, "crcl_ml_min": 45},
        {"sustained_remission": True},
    ],
    "silent.hcv": [{}],
    "silent.hiv": [{}],
    "silent.latent_tb": [{"active_tb": True}],
    "silent.hbv_monitoring_frequency": [
        {"anti_hbc_positive": True, "hbsag_positive": True, "antiviral_prophylaxis": True}
    ],
    "silent.paediatric": [{"indication": "psoriatic_arthritis"}],
    "silent.child_pugh_a_b": [{}, {"child_pugh": "C"}],
    "screening.baseline": [
        {"inadequate_response_3_to_6_months": True},
        {"serious_adverse_event": True},
    ],
    "advice.herpes_zoster": [
        {"inadequate_response_3_to_6_months": True},
        {"serious_adverse_event": True},
    ],
    "monitoring.schedule": [{"pregnant": True}, {"failed_csdmard": False}],
    "monitoring.crp_esr": [{"crcl_ml_min": 29.9}, {"biologic_dmard": True}],
}


def scenario(changes: dict[str, Any]) -> Scenario:
    return Scenario(**{**BASE, **changes})


def cases(table: dict[str, list[dict[str, Any]]]) -> list[Any]:
    return [
        pytest.param(rule_id, changes, id=f"{rule_id}-{index}")
        for rule_id, entries in table.items()
        for index, changes in enumerate(entries)
    ]


def test_every_rule_has_firing_and_quiet_cases() -> None:
    ids = {rule.id for rule in RULES}
    assert ids - set(FIRES) == set(), "add a firing scenario for these rules to FIRES"
    assert ids - set(QUIET) == set(), "add a just-outside scenario for these rules to QUIET"
    assert set(FIRES) - ids == set(), "FIRES names rules that are not in the table"
    assert set(QUIET) - ids == set(), "QUIET names rules that are not in the table"
    assert all(FIRES[i] for i in ids) and all(QUIET[i] for i in ids)


def test_every_rule_is_complete_data() -> None:
    known = passage_ids()
    for rule in RULES:
        assert rule.passages and set(rule.passages) <= known, rule.id
        assert rule.text.strip() and rule.outcome.strip(), rule.id
        assert rule.when.describe().strip(), rule.id
    assert len(RULES_BY_ID) == len(RULES), "rule ids must be unique"


@pytest.mark.parametrize(("rule_id", "changes"), cases(FIRES))
def test_rule_fires(rule_id: str, changes: dict[str, Any]) -> None:
    assessment = assess(scenario(changes))
    assert rule_id in assessment.finding_ids
    finding = next(f for f in assessment.findings if f.id == rule_id)
    rule = RULES_BY_ID[rule_id]
    assert finding.passages == rule.passages
    assert finding.category is rule.category
    assert set(finding.inputs) == set(rule.inputs)
    assert "{" not in finding.text, "template left unfilled"


@pytest.mark.parametrize(("rule_id", "changes"), cases(QUIET))
def test_rule_stays_quiet(rule_id: str, changes: dict[str, Any]) -> None:
    assert rule_id not in assess(scenario(changes)).finding_ids


EACH_BOOLEAN_RISK = {
    "active_serious_infection": Verdict.contraindicated,
    "active_tb": Verdict.contraindicated,
    "active_opportunistic_infection": Verdict.contraindicated,
    "pregnant": Verdict.contraindicated,
    "breastfeeding": Verdict.contraindicated,
    "biologic_dmard": Verdict.not_recommended,
    "potent_immunosuppressant": Verdict.not_recommended,
    "hbsag_positive": Verdict.not_recommended,
    "inadequate_response_3_to_6_months": Verdict.not_recommended,
    "serious_adverse_event": Verdict.not_recommended,
    "recurrent_infections": Verdict.use_with_caution,
    "malignancy_history": Verdict.use_with_caution,
    "cardiovascular_risk_factors": Verdict.use_with_caution,
    "vte_history": Verdict.use_with_caution,
    "tb_history_or_exposure": Verdict.use_with_caution,
    "anti_hbc_positive": Verdict.use_with_caution,
    "planning_conception": Verdict.use_with_caution,
    # Advice and source-silent notes change no verdict.
    "hcv_positive": Verdict.recommended,
    "hiv_positive": Verdict.recommended,
    "glucocorticoid": Verdict.recommended,
    "sustained_remission": Verdict.recommended,
    "oat3_inhibitor": Verdict.recommended,
    "antiviral_prophylaxis": Verdict.recommended,
    "failed_bdmard": Verdict.recommended,
}


@pytest.mark.parametrize(("name", "verdict"), EACH_BOOLEAN_RISK.items())
def test_each_boolean_alone_gives_its_verdict(name: str, verdict: Verdict) -> None:
    assert assess(scenario({name: True})).verdict is verdict
    assert assess(scenario({name: False})).verdict is Verdict.recommended


def test_every_boolean_field_is_in_the_verdict_table() -> None:
    flags = {n for n, f in Scenario.model_fields.items() if f.annotation is bool}
    assert flags - set(EACH_BOOLEAN_RISK) == {"failed_csdmard"}


@pytest.mark.parametrize(
    ("age", "verdict"),
    [(65, Verdict.recommended), (66, Verdict.use_with_caution), (70, Verdict.use_with_caution)],
)
def test_age_thresholds_verdict(age: int, verdict: Verdict) -> None:
    assert assess(scenario({"age_years": age})).verdict is verdict


def test_verdict_order_is_the_contracts() -> None:
    assert [v.value for v in VERDICT_ORDER] == [
        "contraindicated",
        "not_recommended",
        "not_indicated",
        "not_covered",
        "use_with_caution",
        "recommended",
    ]
    # The article's own table gives the contract's five; "not covered" is a label profile's.
    assert [v.value for v in ARTICLE_VERDICTS] == [
        "contraindicated",
        "not_recommended",
        "not_indicated",
        "use_with_caution",
        "recommended",
    ]
    assert not [rule.id for rule in RULES_BY_ID.values() if rule.category is Category.not_covered]


# Each step adds a less severe problem to a scenario that already has a more severe one: the
# most severe category always wins, whatever else applies.
LADDER: list[tuple[dict[str, Any], Verdict]] = [
    ({}, Verdict.recommended),
    ({"age_years": 66}, Verdict.use_with_caution),
    ({"age_years": 66, "failed_csdmard": False}, Verdict.not_indicated),
    ({"age_years": 66, "failed_csdmard": False, "biologic_dmard": True}, Verdict.not_recommended),
    (
        {"age_years": 66, "failed_csdmard": False, "biologic_dmard": True, "pregnant": True},
        Verdict.contraindicated,
    ),
]


@pytest.mark.parametrize(("changes", "verdict"), LADDER)
def test_most_severe_category_wins(changes: dict[str, Any], verdict: Verdict) -> None:
    assessment = assess(scenario(changes))
    assert assessment.verdict is verdict
    if verdict is not Verdict.recommended:
        assert assessment.verdict_reason in {
            f.text
            for f in assessment.findings
            if f.category in (Category.contraindication, Category.not_recommended)
            or f.category in (Category.not_indicated, Category.caution)
        }


def test_findings_are_in_severity_order() -> None:
    assessment = assess(
        scenario({"pregnant": True, "age_years": 80, "biologic_dmard": True, "hcv_positive": True})
    )
    order = list(Category)
    ranks = [order.index(f.category) for f in assessment.findings]
    assert ranks == sorted(ranks)


def test_contract_example() -> None:
    a = assess(Scenario(age_years=72, crcl_ml_min=45))
    assert a.verdict == "use_with_caution"
    assert a.dose_mg == 2
    assert a.crcl_ml_min_used == 45.0
