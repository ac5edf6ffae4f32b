"""core.profiles.us_label_ra: one check per row of the label facts (the US column), each against
what the profile answers for a patient the row is about; the eGFR it doses by."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from core import Scenario, assess
from core.assess import ColumnAssessment, assess_columns
from core.egfr import egfr_of
from core.profiles import TOPICS, US_LABEL_RA
from core.rules import Category, Verdict
from core.scenario import parse_scenario
from tests.unit.profile_facts import BASE, US, columns_of, ids, run, text
from tests.unit.test_profile_eu_smpc import ARTICLE_CONTRAINDICATIONS, labs, monitoring

RowCheck = Callable[[], None]
ROW_CHECKS: dict[str, RowCheck] = {}


def row(topic: str) -> Callable[[RowCheck], RowCheck]:
    def register(check: RowCheck) -> RowCheck:
        ROW_CHECKS[topic] = check
        return check

    return register


def us_columns(egfr: np.ndarray) -> ColumnAssessment:
    """BASE on the column-wise path with the eGFR column given."""
    size = len(egfr)
    columns = columns_of([parse_scenario(BASE)] * size)
    columns["egfr"] = egfr
    return assess_columns(columns, size, US_LABEL_RA)


@row("standard_dose")
def _standard_dose() -> None:
    result = run(US)
    assert (result.verdict, result.dose_mg) == (Verdict.recommended, 2)
    assert "4 mg is not an RA dose" in result.dose_reasoning[0]


@row("age")
def _age() -> None:
    # eGFR 85.2 at 90 years (creatinine 0.6): no age rule, the dose stays 2 mg.
    old = run(US, age_years=90, creatinine_mg_dl=0.6)
    assert old.egfr is not None
    assert old.egfr.egfr is not None and old.egfr.egfr >= 60
    assert old.dose_mg == 2
    assert not [f for f in old.findings if f.category is Category.dose]


@row("other_reasons_2mg")
def _no_other_reasons() -> None:
    for field in ("cardiovascular_risk_factors", "recurrent_infections"):
        assert run(US, **{field: True}).dose_mg == 2, field
    assert run(US, sustained_remission=True).dose_mg == 2
    assert "us.silent.sustained_remission" in ids(run(US, sustained_remission=True))


@row("renal_measure")
def _renal_measure() -> None:
    result = run(US)
    assert result.egfr is not None and result.egfr.shown == "89.7"
    assert result.crcl_ml_min_used is None
    crcl_only = run(US, creatinine_mg_dl=None, crcl_ml_min=45)
    assert crcl_only.dose_mg is None
    assert "serum creatinine is needed" in text(crcl_only, "us.advice.egfr_needs_creatinine")
    nothing = run(US, creatinine_mg_dl=None)
    assert nothing.dose_mg is None
    assert "us.advice.renal_function_needed" in ids(nothing)


@row("renal_moderate")
def _renal_moderate() -> None:
    assert run(US, age_years=68, creatinine_mg_dl=1.2).dose_mg == 1  # eGFR 49.3
    # Edges on the column-wise path, where eGFR is an input: 30 to < 60 -> 1 mg.
    doses = us_columns(np.array([29.9, 30.0, 59.9, 60.0, 90.0])).dose_mg
    assert np.isnan(doses[0])
    assert doses[1:].tolist() == [1.0, 1.0, 2.0, 2.0]


@row("renal_severe")
def _renal_severe() -> None:
    result = run(US, sex="male", age_years=70, creatinine_mg_dl=3.0)  # eGFR 21.7
    assert (result.verdict, result.dose_mg) == (Verdict.not_recommended, None)
    assert "not recommended" in text(result, "us.nr.egfr_below_30")


@row("hepatic")
def _hepatic() -> None:
    assert run(US, child_pugh="C").verdict is Verdict.not_recommended
    assert run(US, child_pugh="B").verdict is Verdict.recommended  # a silent note only


@row("oat3")
def _oat3() -> None:
    result = run(US, oat3_inhibitor=True)
    assert result.dose_mg == 1
    assert "1 mg once daily" in text(result, "us.dose.oat3")


@row("labs_do_not_start")
def _labs() -> None:
    labs(US, "us")
    assert "500 cells/mm³" in text(run(US, lymphocytes_10e9_l=0.4), "us.nr.lymphocytes_low")


@row("monitoring_blood_liver")
def _blood_liver() -> None:
    monitoring(US, "us", {"active_tb": True})
    assert "routine patient management" in text(run(US), "us.monitoring.blood_liver")


@row("monitoring_lipids")
def _lipids() -> None:
    assert text(run(US), "us.monitoring.lipids") == "Lipids: 12 weeks after starting."


@row("contraindications")
def _contraindications() -> None:
    for changes in (*ARTICLE_CONTRAINDICATIONS, {"pregnant": True}):
        assert run(US, **changes).verdict is not Verdict.contraindicated, changes
    everything = {name: True for name in ("pregnant", "breastfeeding", "active_tb")}
    assert run(US, child_pugh="C", **everything).verdict is Verdict.not_recommended
    assert not [r.id for r in US_LABEL_RA.rules if r.category is Category.contraindication]


@row("active_serious_infection")
def _active_serious_infection() -> None:
    for field in ("active_serious_infection", "active_opportunistic_infection"):
        result = run(US, **{field: True})
        assert (result.verdict, result.dose_mg) == (Verdict.not_recommended, None), field
        note = text(result, "us.nr.active_infection")
        assert "avoid" in note and "including localized infections" in note


@row("recurrent_infections")
def _recurrent_infections() -> None:
    result = run(US, recurrent_infections=True)
    assert (result.verdict, result.dose_mg) == (Verdict.use_with_caution, 2)
    assert "carefully considered" in text(result, "us.caution.recurrent_infections")


@row("tuberculosis")
def _tuberculosis() -> None:
    active = run(US, active_tb=True)
    assert active.verdict is Verdict.not_recommended
    assert "should not be given" in text(active, "us.nr.active_tb")
    latent = run(US, tb_history_or_exposure=True)
    assert latent.verdict is Verdict.use_with_caution
    assert "boxed warning" in text(latent, "us.caution.latent_tb")
    assert "treat latent TB before starting" in text(latent, "us.caution.latent_tb")


@row("hbv_hbsag")
def _hbsag() -> None:
    result = run(US, hbsag_positive=True, antiviral_prophylaxis=True)
    assert result.verdict is Verdict.not_covered
    assert "excluded from the RA trials" in text(result, "us.not_covered.hbsag_positive")


@row("hbv_anti_hbc")
def _anti_hbc() -> None:
    result = run(US, anti_hbc_positive=True)
    assert result.verdict is Verdict.not_covered
    note = text(result, "us.not_covered.anti_hbc_without_anti_hbs")
    assert "hepatologist" in note and "HBV DNA" in note


@row("hcv")
def _hcv() -> None:
    result = run(US, hcv_positive=True)
    assert result.verdict is Verdict.not_covered
    assert "screen per guidelines" in text(result, "us.not_covered.hcv")


@row("hiv")
def _hiv() -> None:
    assert run(US, hiv_positive=True).verdict is Verdict.not_covered


@row("biologic_or_jak")
def _biologic() -> None:
    result = run(US, biologic_dmard=True)
    assert (result.verdict, result.dose_mg) == (Verdict.not_recommended, None)
    assert "Limitation of Use" in text(result, "us.nr.biologic_dmard")


@row("azathioprine_ciclosporin")
def _azathioprine() -> None:
    result = run(US, potent_immunosuppressant=True)
    assert (result.verdict, result.dose_mg) == (Verdict.not_recommended, None)
    assert "azathioprine and cyclosporine" in text(result, "us.nr.potent_immunosuppressant")


@row("infection_during_treatment")
def _infection_during_treatment() -> None:
    result = run(US, active_opportunistic_infection=True)
    assert "until it is controlled" in text(result, "us.advice.infection_during_treatment")


@row("herpes_zoster")
def _herpes_zoster() -> None:
    cell = US_LABEL_RA.cell("herpes_zoster")
    assert cell is not None and cell.rules == () and cell.sources == ("U9",)


@row("vte")
def _vte() -> None:
    cell = US_LABEL_RA.cell("vte")
    assert cell is not None and cell.unverified
    result = run(US, vte_history=True)
    assert (result.verdict, result.dose_mg) == (Verdict.not_covered, None)
    note = text(result, "us.not_covered.vte_history")
    assert "thrombosis" in note and "unverified" in note


@row("malignancy")
def _malignancy() -> None:
    result = run(US, malignancy_history=True)
    assert result.verdict is Verdict.not_covered
    assert "known malignancy is unverified" in text(result, "us.not_covered.malignancy_history")


@row("high_risk_groups")
def _high_risk_groups() -> None:
    cases = {
        "us.caution.boxed_warning_age_65": {"age_years": 65},
        "us.caution.boxed_warning_cardiovascular": {"cardiovascular_risk_factors": True},
    }
    for rule_id, changes in cases.items():
        result = run(US, **changes)
        assert (result.verdict, result.dose_mg) == (Verdict.use_with_caution, 2), rule_id
        assert "boxed warning" in text(result, rule_id)
        assert "MACE" in text(result, rule_id)
    assert run(US, age_years=64).verdict is Verdict.recommended


@row("live_vaccines")
def _live_vaccines() -> None:
    assert "avoid" in text(run(US), "us.advice.live_vaccines")


@row("pregnancy")
def _pregnancy() -> None:
    result = run(US, pregnant=True)
    assert (result.verdict, result.dose_mg) == (Verdict.use_with_caution, 2)
    assert "may cause fetal harm" in text(result, "us.caution.pregnancy")
    assert "not contraindicated" in text(result, "us.caution.pregnancy")


@row("breastfeeding")
def _breastfeeding() -> None:
    cell = US_LABEL_RA.cell("breastfeeding")
    assert cell is not None and cell.unverified
    result = run(US, breastfeeding=True)
    assert (result.verdict, result.dose_mg) == (Verdict.not_covered, None)
    assert "4 days after is unverified" in text(result, "us.not_covered.breastfeeding")


@row("contraception")
def _contraception_is_unverified() -> None:
    cell = US_LABEL_RA.cell("contraception")
    assert cell is not None and cell.unverified and not cell.sources
    result = run(US, planning_conception=True)
    advice = [f for f in result.findings if "ontracepti" in f.text]
    assert [f.id for f in advice] == [
        "us.not_covered.planning_conception",
        "us.silent.contraception",
    ]
    assert "unverified" in text(result, "us.silent.contraception")
    assert result.verdict is Verdict.not_covered


@row("sle")
def _sle() -> None:
    result = run(US, indication="systemic_lupus_erythematosus")
    assert result.verdict is Verdict.not_indicated
    assert "us.ni.sle" in ids(result)


def test_every_facts_row_has_a_test() -> None:
    assert set(ROW_CHECKS) == {topic for topic, _ in TOPICS}


@pytest.mark.parametrize("topic", sorted(ROW_CHECKS))
def test_label_facts_row(topic: str) -> None:
    ROW_CHECKS[topic]()


def test_reasons_for_the_lower_dose_do_not_stack() -> None:
    result = run(US, age_years=68, creatinine_mg_dl=1.2, oat3_inhibitor=True)
    assert result.dose_mg == 1
    assert "us.silent.dose_below_1mg" in ids(result)


def test_crcl_only_under_the_us_label_asks_for_creatinine() -> None:
    result = assess(Scenario(age_years=72, crcl_ml_min=45), US_LABEL_RA)
    assert result.dose_mg is None
    assert result.egfr is not None and result.egfr.egfr is None
    note = text(result, "us.advice.egfr_needs_creatinine")
    assert "45 mL/min" in note and "serum creatinine is needed" in note
    assert "not converted" in note
    assert "needs a serum creatinine" in result.dose_reasoning[0]
    assert egfr_of(Scenario(age_years=72, crcl_ml_min=45)).egfr is None
