"""Compare: the diff of two assessments and its explanation, for known pairs of scenarios."""

from __future__ import annotations

from core import Scenario, assess
from core.compare import Comparison, InputChange, apply_changes, compare
from core.field_words import value_words
from core.rules import Verdict


def diff(a: Scenario, b: Scenario) -> Comparison:
    return compare(assess(a), assess(b))


def kinds(comparison: Comparison) -> dict[str, str]:
    return {change.id: change.kind for change in comparison.findings}


def test_crcl_72_to_48_gives_2_mg_and_says_why() -> None:
    c = diff(Scenario(crcl_ml_min=72), Scenario(crcl_ml_min=48))
    assert (c.a.dose_mg, c.b.dose_mg) == (4, 2) and c.dose_changed and not c.verdict_changed
    assert kinds(c) == {"dose.crcl_30_60": "appeared"}
    assert [(i.name, i.a, i.b) for i in c.inputs] == [
        ("crcl_ml_min", 72.0, 48.0),
        ("crcl", 72.0, 48.0),
    ]
    assert c.explanation == (
        "B gets 2 mg instead of 4 mg because CrCl fell from 72 to 48 mL/min: "
        "\u201cCrCl 48 mL/min is within 30-60 mL/min: use 2 mg daily\u201d.",
    )


def test_the_reverse_pair_says_the_rule_no_longer_applies() -> None:
    c = diff(Scenario(crcl_ml_min=48), Scenario(crcl_ml_min=72))
    assert kinds(c) == {"dose.crcl_30_60": "disappeared"}
    assert c.explanation[0].endswith(
        "CrCl rose from 48 to 72 mL/min: "
        "\u201cCrCl 48 mL/min is within 30-60 mL/min: use 2 mg daily\u201d no longer applies."
    )


def test_pregnancy_makes_b_contraindicated_without_dose() -> None:
    c = diff(Scenario(crcl_ml_min=72), Scenario(crcl_ml_min=72, pregnant=True))
    assert c.b.verdict is Verdict.contraindicated and c.b.dose_mg is None
    assert kinds(c)["ci.pregnancy"] == "appeared"
    assert kinds(c)["monitoring.schedule"] == "disappeared"  # no start, no monitoring
    verdict, dose, *rest = c.explanation
    assert verdict == (
        "B's verdict is Contraindicated instead of Recommended because "
        "Pregnant changed from no to yes: \u201cPregnancy is an absolute contraindication\u201d."
    )
    assert dose.startswith("B gets no dose instead of 4 mg")
    assert any("Monitor blood counts" in line and "Pregnant" in line for line in rest)
    assert not any("Pregnancy is" in line for line in rest)  # said once, in the verdict
    # Plain words: no rule id reaches the explanation a student reads.
    assert not any(finding_id in " ".join(c.explanation) for finding_id in kinds(c))


def test_age_66_to_60_milder_verdict_names_the_rule_that_went() -> None:
    c = diff(Scenario(age_years=66, crcl_ml_min=80), Scenario(age_years=60, crcl_ml_min=80))
    assert (c.a.verdict, c.b.verdict) == (Verdict.use_with_caution, Verdict.recommended)
    assert c.explanation == (
        "B's verdict is Recommended instead of Use with caution because Age fell from 66 to 60 "
        "years: \u201cAge 66 is over 65: higher risk of serious infections\u201d "
        "no longer applies.",
    )


def test_unknown_renal_function_in_b_blanks_the_dose() -> None:
    c = diff(Scenario(crcl_ml_min=72), Scenario())
    assert c.b.dose_mg is None and c.b.verdict is c.a.verdict
    assert c.explanation == (
        "B gets no dose instead of 4 mg because CrCl changed from 72 mL/min to unknown: "
        "\u201cRenal function is unknown: a creatinine clearance (or serum creatinine) is needed "
        "before a dose can be chosen\u201d.",
    )


def test_same_findings_with_other_values_are_changed_not_new() -> None:
    c = diff(Scenario(age_years=72, crcl_ml_min=80), Scenario(age_years=75, crcl_ml_min=80))
    assert kinds(c) == {"caution.age_over_65": "changed", "dose.age_over_70": "changed"}
    assert not c.dose_changed
    assert any("now reads" in line and "Age 75" in line for line in c.explanation)


def test_identical_scenarios_have_no_difference() -> None:
    c = diff(Scenario(age_years=72), Scenario(age_years=72))
    assert c.identical and c.explanation == () and c.inputs == () and c.findings == ()


def test_creatinine_change_shows_the_derived_crcl() -> None:
    # Cockcroft-Gault: (140-60) x 70 / (72 x 1.0) x 0.85 = 66.1; at 2.0 mg/dL it halves.
    c = diff(
        Scenario(age_years=60, creatinine_mg_dl=1.0), Scenario(age_years=60, creatinine_mg_dl=2.0)
    )
    names = [i.name for i in c.inputs]
    assert names == ["creatinine_mg_dl", "crcl"]
    assert c.b.dose_mg == 2 and "within 30-60 mL/min: use 2 mg daily" in c.explanation[0]
    assert "CrCl fell from 66.1" in c.explanation[0]


def test_apply_changes_b_is_a_with_changes() -> None:
    a = Scenario(age_years=70, crcl_ml_min=72, glucocorticoid=True)
    b, problems = apply_changes(a, {"crcl_ml_min": "48", "oat3_inhibitor": "yes"})
    assert problems == ()
    assert b == Scenario(age_years=70, crcl_ml_min=48, glucocorticoid=True, oat3_inhibitor=True)
    blank, _ = apply_changes(a, {"crcl_ml_min": ""})
    assert blank.crcl_ml_min is None  # a blank change clears A's value: unknown in B


def test_apply_changes_bad_value_keeps_as_value_and_names_the_field() -> None:
    a = Scenario(age_years=70)
    b, problems = apply_changes(a, {"age_years": "500", "sexx": "male", "pregnant": "yes"})
    assert b.age_years == 70 and b.pregnant  # the good change applies, the bad one keeps A's
    by_field = {p.field: p for p in problems}
    assert set(by_field) == {"age_years", "sexx"}
    assert "18 to 120" in by_field["age_years"].message()
    assert by_field["sexx"].unknown and "sex" in by_field["sexx"].allowed


def test_apply_changes_other_creatinine_unit_replaces_as() -> None:
    a = Scenario(creatinine_mg_dl=1.0)
    b, problems = apply_changes(a, {"creatinine_umol_l": "177"})
    assert problems == ()
    assert (b.creatinine_mg_dl, b.creatinine_umol_l) == (None, 177.0)


def test_input_change_words() -> None:
    assert InputChange("age_years", 66, 71).words() == "Age rose from 66 to 71 years"
    assert InputChange("pregnant", False, True).words() == "Pregnant changed from no to yes"
    assert value_words("crcl", None) == "unknown"
