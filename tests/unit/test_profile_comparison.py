"""core.profiles.comparison: the topic-by-topic table generated from the profiles' cells; the
three profiles side by side for the issue's example patient."""

from __future__ import annotations

from core import Scenario, assess
from core.profiles import CHECK_CURRENT_LABEL, PROFILE_IDS, PROFILES, TOPICS, comparison_table
from core.rules import Verdict
from tests.unit.profile_facts import EU, US, ids, text


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
    assert "2026-12" in CHECK_CURRENT_LABEL


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
