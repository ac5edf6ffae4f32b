"""core.profiles.differences: what differs between the article and the labels for one patient,
both sources quoted, including the inputs the compiled label facts do not cover."""

from __future__ import annotations

from core import Scenario
from core.profiles import ARTICLE, EU_SMPC, US_LABEL_RA
from core.profiles.differences import (
    TopicDifference,
    profile_assessments,
    source_quotes,
    topic_differences,
)
from core.profiles.label_sources import FACTS_TABLE_ID
from core.rules import Category
from core.sources import article

EXAMPLE = Scenario(age_years=68, sex="female", weight_kg=70, creatinine_mg_dl=1.2)


# ------------------------------------------------------------ differences for one scenario


def test_example_differences_age_renal_and_no_alternative() -> None:
    differences = {d.topic: d for d in topic_differences(profile_assessments(EXAMPLE))}
    age = differences["age"]
    assert age.changes_outcome
    fired = {side.profile.id: [f.id for f in side.fired] for side in age.sides}
    assert fired == {"article": [], "eu_smpc": ["eu.dose.age_65"], "us_label_ra": []}
    renal = differences["renal_moderate"]
    assert renal.changes_outcome  # 2 mg, 2 mg, 1 mg
    us_side = renal.sides[2]
    assert us_side.profile is US_LABEL_RA and "1 mg" in us_side.fired[0].text
    risk = differences["high_risk_groups"]
    eu_text = " ".join(f.text for f in risk.sides[1].fired)
    assert "only if no suitable alternative" in eu_text
    assert [f.id for f in risk.sides[0].fired] == ["caution.age_over_65"]
    # outcome-changing topics come first
    flags = [d.changes_outcome for d in topic_differences(profile_assessments(EXAMPLE))]
    assert flags == sorted(flags, reverse=True)


def test_differences_quote_both_kinds_of_source() -> None:
    age = next(d for d in topic_differences(profile_assessments(EXAMPLE)) if d.topic == "age")
    article_side, eu_side, _ = age.sides
    assert article_side.quotes == (
        ("dosing.age_over_70", " ".join(article().passage("dosing.age_over_70").text.split())),
    )
    assert dict(eu_side.quotes)["E3"] == EU_SMPC.sources["E3"]
    assert EU_SMPC.sources["E3"].startswith("EU package leaflet, post-2023 text")


def test_a_topic_nobody_rules_on_is_not_a_difference() -> None:
    topics = {d.topic for d in topic_differences(profile_assessments(EXAMPLE))}
    assert "hepatic" not in topics and "oat3" not in topics
    with_oat3 = Scenario(age_years=50, creatinine_mg_dl=0.8, oat3_inhibitor=True)
    oat3 = next(d for d in topic_differences(profile_assessments(with_oat3)) if d.topic == "oat3")
    assert oat3.changes_outcome  # 2 mg, 2 mg, 1 mg


def test_source_quotes_skip_unknown_ids() -> None:
    assert source_quotes(ARTICLE, ["no.such.passage"]) == ()
    assert source_quotes(US_LABEL_RA, ["U5", "U5", "E3"]) == (("U5", US_LABEL_RA.sources["U5"]),)


# ------------------------------------------------------------ bans and gaps as differences


def _by_topic(scenario: Scenario) -> dict[str, TopicDifference]:
    return {d.topic: d for d in topic_differences(profile_assessments(scenario))}


def test_severe_infection_on_a_biologic_shows_each_profiles_verdict_and_sources() -> None:
    found = _by_topic(Scenario(active_serious_infection=True, biologic_dmard=True))
    infection = found["active_serious_infection"]
    assert infection.changes_outcome
    article_side, eu_side, us_side = infection.sides
    assert [f.category for f in article_side.fired] == [Category.contraindication]
    assert [f.category for f in eu_side.fired] == [Category.caution]
    assert [f.category for f in us_side.fired] == [Category.not_recommended]
    assert dict(article_side.quotes)["contraindications.infection"] == " ".join(
        article().passage("contraindications.infection").text.split()
    )
    assert dict(eu_side.quotes) == {"E6": EU_SMPC.sources["E6"]}
    assert set(dict(us_side.quotes)) == {"U5", "U7"}
    biologic = found["biologic_or_jak"]  # all three: not recommended, in their own words
    assert not biologic.changes_outcome
    assert {side.outcome for side in biologic.sides} == {frozenset({("not_recommended", 0)})}


def test_an_input_the_facts_do_not_cover_is_a_difference_quoting_the_facts_table() -> None:
    hiv = _by_topic(Scenario(hiv_positive=True))["hiv"]
    assert hiv.not_covered and hiv.changes_outcome
    article_side, *labels = hiv.sides
    assert [f.id for f in article_side.fired] == ["silent.hiv"]
    assert "screening.labs" in dict(article_side.quotes)
    for side in labels:
        assert side.not_covered
        assert [f.category for f in side.fired] == [Category.not_covered]
        assert dict(side.quotes) == {FACTS_TABLE_ID: side.profile.sources[FACTS_TABLE_ID]}
    unverified = _by_topic(Scenario(vte_history=True))["vte"]
    assert unverified.not_covered
    assert unverified.sides[2].words.startswith("boxed warning: thrombosis")
    assert "unverified" in unverified.sides[2].words
    assert not unverified.sides[1].not_covered  # the EU caution is shown as worded


def test_an_input_no_facts_row_holds_is_still_a_difference() -> None:
    found = _by_topic(Scenario(inadequate_response_3_to_6_months=True))
    response = found["input:inadequate_response_3_to_6_months"]
    assert response.label == "No adequate response after 3-6 months"
    assert response.not_covered and response.changes_outcome
    article_side, eu_side, us_side = response.sides
    assert [f.id for f in article_side.fired] == ["nr.inadequate_response"]
    assert article_side.words == "discontinue"
    assert "algorithm.step7" in dict(article_side.quotes)
    assert [f.id for f in eu_side.fired] == ["eu.not_covered.inadequate_response"]
    assert [f.id for f in us_side.fired] == ["us.not_covered.inadequate_response"]
    assert FACTS_TABLE_ID in dict(us_side.quotes)
    naive = _by_topic(Scenario(failed_csdmard=False))
    prior = naive["input:failed_bdmard+failed_csdmard"]
    assert [f.id for f in prior.sides[0].fired] == ["ni.no_failed_dmard"]
    assert prior.sides[1].not_covered and prior.sides[2].not_covered


def test_advice_and_silent_notes_make_no_rowless_difference() -> None:
    # Glucocorticoid: the article advises (no verdict), the labels hold no row and say so in a
    # note that changes nothing: no verdict difference, no gap.
    found = topic_differences(profile_assessments(Scenario(glucocorticoid=True)))
    assert not [d for d in found if d.topic.startswith("input:") or d.not_covered]
    assert not [d for d in topic_differences(profile_assessments(Scenario())) if d.not_covered]


def test_gaps_in_the_label_facts_come_first() -> None:
    found = topic_differences(profile_assessments(Scenario(hiv_positive=True, age_years=68)))
    keys = [(not d.changes_outcome, not d.not_covered) for d in found]
    assert keys == sorted(keys)
    assert found[0].topic == "hiv"
