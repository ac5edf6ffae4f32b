"""core.profiles.eu_smpc: one check per row of the label facts (the EU SmPC column), each
against what the profile answers for a patient the row is about."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.profiles import EU_SMPC, TOPICS
from core.rules import Category, Verdict
from tests.unit.profile_facts import EU, ids, run, text

RowCheck = Callable[[], None]
ROW_CHECKS: dict[str, RowCheck] = {}


def row(topic: str) -> Callable[[RowCheck], RowCheck]:
    def register(check: RowCheck) -> RowCheck:
        ROW_CHECKS[topic] = check
        return check

    return register


def labs(profile_id: str, prefix: str) -> None:
    """The blood-count rules of a label: below each limit "do not start", at it nothing."""
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


def monitoring(profile_id: str, prefix: str, blocker: dict[str, Any]) -> None:
    """Monitoring only for a patient who can start."""
    started = run(profile_id)
    assert "at baseline" in text(started, f"{prefix}.monitoring.blood_liver")
    assert "12 weeks" in text(started, f"{prefix}.monitoring.lipids")
    stopped = ids(run(profile_id, **blocker))
    assert not {f"{prefix}.monitoring.blood_liver", f"{prefix}.monitoring.lipids"} & stopped


# What the article lists as absolute contraindications, one at a time.
ARTICLE_CONTRAINDICATIONS: tuple[dict[str, Any], ...] = (
    {"active_serious_infection": True},
    {"active_tb": True},
    {"active_opportunistic_infection": True},
    {"child_pugh": "C"},
    {"creatinine_mg_dl": None, "crcl_ml_min": 20},
    {"breastfeeding": True},
)


@row("standard_dose")
def _standard_dose() -> None:
    result = run(EU)
    assert (result.verdict, result.dose_mg) == (Verdict.recommended, 4)
    assert result.dose_reasoning[0].startswith("Standard dose 4 mg once daily")


@row("age")
def _age() -> None:
    at_65 = run(EU, age_years=65)
    assert at_65.dose_mg == 2
    assert "65 or over" in text(at_65, "eu.dose.age_65")
    assert "particularly if you are over 65" in text(at_65, "eu.dose.age_65")
    assert "before 2023, 2 mg was “appropriate” from 75" in text(at_65, "eu.dose.age_65")
    at_64 = run(EU, age_years=64)
    assert at_64.dose_mg == 4
    assert "eu.dose.age_65" not in ids(at_64)


@row("other_reasons_2mg")
def _other_reasons_for_2mg() -> None:
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


@row("renal_measure")
def _renal_measure() -> None:
    given = run(EU, creatinine_mg_dl=None, crcl_ml_min=45)
    assert (given.crcl_ml_min_used, given.dose_mg, given.egfr) == (45, 2, None)
    unknown = run(EU, creatinine_mg_dl=None)
    assert unknown.dose_mg is None
    assert "creatinine clearance" in text(unknown, "eu.advice.renal_function_needed")


@row("renal_moderate")
def _renal_moderate() -> None:
    for crcl, dose in ((29.9, None), (30, 2), (45, 2), (60, 2), (60.1, 4)):
        assert run(EU, creatinine_mg_dl=None, crcl_ml_min=crcl).dose_mg == dose, crcl


@row("renal_severe")
def _renal_severe() -> None:
    result = run(EU, creatinine_mg_dl=None, crcl_ml_min=29)
    assert (result.verdict, result.dose_mg) == (Verdict.not_recommended, None)
    assert "not recommended" in text(result, "eu.nr.crcl_below_30")


@row("hepatic")
def _hepatic() -> None:
    severe = run(EU, child_pugh="C")
    assert severe.verdict is Verdict.not_recommended
    assert "not a contraindication" in text(severe, "eu.nr.severe_hepatic")
    assert run(EU, child_pugh="B").verdict is Verdict.recommended  # a silent note only


@row("oat3")
def _oat3() -> None:
    assert run(EU, oat3_inhibitor=True).dose_mg == 2


@row("labs_do_not_start")
def _labs() -> None:
    labs(EU, "eu")


@row("monitoring_blood_liver")
def _blood_liver() -> None:
    monitoring(EU, "eu", {"pregnant": True})
    assert "routine patient management" in text(run(EU), "eu.monitoring.blood_liver")


@row("monitoring_lipids")
def _lipids() -> None:
    assert text(run(EU), "eu.monitoring.lipids") == "Lipids: 12 weeks after starting."


@row("contraindications")
def _contraindications() -> None:
    assert run(EU, pregnant=True).verdict is Verdict.contraindicated
    for changes in ARTICLE_CONTRAINDICATIONS:
        assert run(EU, **changes).verdict is not Verdict.contraindicated, changes
    assert "hypersensitivity" in text(run(EU), "eu.advice.hypersensitivity")


@row("active_serious_infection")
def _active_serious_infection() -> None:
    # No ban found: the caution is shown as worded, neither a ban nor "recommended".
    for field in ("active_serious_infection", "active_opportunistic_infection"):
        result = run(EU, **{field: True})
        assert (result.verdict, result.dose_mg) == (Verdict.use_with_caution, 4), field
        caution = text(result, "eu.caution.active_infection")
        assert "found no ban" in caution
        assert "“active, chronic or recurrent infections”" in caution


@row("recurrent_infections")
def _recurrent_infections() -> None:
    result = run(EU, recurrent_infections=True)
    assert (result.verdict, result.dose_mg) == (Verdict.use_with_caution, 2)
    assert "caution" in text(result, "eu.caution.recurrent_infections")
    assert "eu.dose.recurrent_infections" in ids(result)


@row("tuberculosis")
def _tuberculosis() -> None:
    active = run(EU, active_tb=True)
    assert active.verdict is Verdict.not_recommended
    assert "should not be given" in text(active, "eu.nr.active_tb")
    latent = run(EU, tb_history_or_exposure=True)
    assert latent.verdict is Verdict.use_with_caution
    assert "consider anti-TB therapy" in text(latent, "eu.caution.latent_tb")


@row("hbv_hbsag")
def _hbsag() -> None:
    for prophylaxis in (False, True):
        result = run(EU, hbsag_positive=True, antiviral_prophylaxis=prophylaxis)
        assert result.verdict is Verdict.not_covered
        assert "no explicit rule found" in text(result, "eu.not_covered.hbsag_positive")


@row("hbv_anti_hbc")
def _anti_hbc() -> None:
    result = run(EU, anti_hbc_positive=True)
    assert (result.verdict, result.dose_mg) == (Verdict.not_covered, None)
    note = text(result, "eu.not_covered.anti_hbc_without_anti_hbs")
    assert "liver specialist" in note and "does not record anti-HBs" in note
    carrier = ids(run(EU, anti_hbc_positive=True, hbsag_positive=True))
    assert "eu.not_covered.anti_hbc_without_anti_hbs" not in carrier
    assert "eu.not_covered.hbsag_positive" in carrier


@row("hcv")
def _hcv() -> None:
    result = run(EU, hcv_positive=True)
    assert result.verdict is Verdict.not_covered
    assert "no explicit rule" in text(result, "eu.not_covered.hcv")


@row("hiv")
def _hiv() -> None:
    result = run(EU, hiv_positive=True)
    assert result.verdict is Verdict.not_covered
    assert "no statement on HIV" in text(result, "eu.not_covered.hiv")


@row("biologic_or_jak")
def _biologic() -> None:
    result = run(EU, biologic_dmard=True)
    assert (result.verdict, result.dose_mg) == (Verdict.not_recommended, None)
    assert "additive immunosuppression" in text(result, "eu.nr.biologic_dmard")


@row("azathioprine_ciclosporin")
def _azathioprine() -> None:
    cell = EU_SMPC.cell("azathioprine_ciclosporin")
    assert cell is not None and cell.unverified
    result = run(EU, potent_immunosuppressant=True)
    assert result.verdict is Verdict.not_covered  # the cell is unverified: no caution, no ban
    assert "unverified" in text(result, "eu.not_covered.potent_immunosuppressant")


@row("infection_during_treatment")
def _infection_during_treatment() -> None:
    result = run(EU, active_serious_infection=True)
    assert "resume it once the infection has resolved" in text(
        result, "eu.advice.infection_during_treatment"
    )
    assert "eu.advice.infection_during_treatment" not in ids(run(EU))


@row("herpes_zoster")
def _herpes_zoster() -> None:
    cell = EU_SMPC.cell("herpes_zoster")  # no scenario input: shown in the table only
    assert cell is not None and cell.rules == () and cell.sources == ("E6", "E17")


@row("vte")
def _vte() -> None:
    result = run(EU, vte_history=True)
    assert (result.verdict, result.dose_mg) == (Verdict.use_with_caution, 2)
    assert "stop if signs of DVT or PE" in text(result, "eu.caution.vte")


@row("malignancy")
def _malignancy() -> None:
    result = run(EU, malignancy_history=True)
    assert result.verdict is Verdict.use_with_caution
    caution = text(result, "eu.caution.malignancy_no_alternative")
    assert "only if no suitable alternative" in caution
    assert "current or history of malignancy" in caution


@row("high_risk_groups")
def _high_risk_groups() -> None:
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


@row("live_vaccines")
def _live_vaccines() -> None:
    assert "not during, or just before" in text(run(EU), "eu.advice.live_vaccines")


@row("pregnancy")
def _pregnancy() -> None:
    result = run(EU, pregnant=True)
    assert (result.verdict, result.dose_mg) == (Verdict.contraindicated, None)
    assert "contraindicated" in text(result, "eu.ci.pregnancy")


@row("breastfeeding")
def _breastfeeding() -> None:
    result = run(EU, breastfeeding=True)
    assert result.verdict is Verdict.not_recommended
    assert "should not be used during breast-feeding" in text(result, "eu.nr.breastfeeding")


@row("contraception")
def _contraception() -> None:
    assert "at least 1 week after" in text(run(EU), "eu.advice.contraception")
    man = run(EU, sex="male")
    assert "eu.advice.contraception" not in ids(man)
    assert "eu.silent.male_contraception" in ids(man)
    planning = run(EU, planning_conception=True)
    assert planning.verdict is Verdict.not_covered
    assert "no rule on planning a conception" in text(
        planning, "eu.not_covered.planning_conception"
    )


@row("sle")
def _sle() -> None:
    result = run(EU, indication="systemic_lupus_erythematosus")
    assert result.verdict is Verdict.not_indicated
    assert "phase 3 programme was discontinued" in text(result, "eu.ni.sle")


def test_every_facts_row_has_a_test() -> None:
    assert set(ROW_CHECKS) == {topic for topic, _ in TOPICS}


@pytest.mark.parametrize("topic", sorted(ROW_CHECKS))
def test_label_facts_row(topic: str) -> None:
    ROW_CHECKS[topic]()


def test_reasons_for_the_lower_dose_do_not_stack() -> None:
    result = run(EU, age_years=70, oat3_inhibitor=True)
    assert result.dose_mg == 2
    assert "eu.silent.dose_below_2mg" in ids(result)
    assert result.dose_reasoning[-1] == EU_SMPC.no_stack_note


def test_no_dose_rule_gives_anything_but_2mg() -> None:
    assert {r.outcome for r in EU_SMPC.rules if r.category is Category.dose} == {"2 mg once daily"}
