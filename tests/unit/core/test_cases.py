"""Teaching cases: every file validates, agrees with the core, and together they cover the brief.

The answer of each case is computed by the core here, at test time, and must equal the answer
the case file states: a case can never teach something the rules do not say. The coverage tests
fail when the only case covering something (a verdict, a dose rule, a side of a threshold) is
deleted or changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from code_words import code_words

from core import Assessment, Scenario, assess
from core.cases import (
    CASES_DIR,
    TAGS,
    CaseFileError,
    TeachingCase,
    case_scenario,
    load_case_file,
    load_cases,
    teaching_case,
    teaching_cases,
)
from core.rules import ARTICLE_VERDICTS, DOSE_RULES, Verdict
from core.scenario import ChildPugh, Sex
from core.sources import passage_ids

CASES = teaching_cases()
CASE_IDS = [case.id for case in CASES]


def _assessed() -> list[tuple[TeachingCase, Scenario, Assessment]]:
    out = []
    for case in CASES:
        scenario = case_scenario(case)
        out.append((case, scenario, assess(scenario)))
    return out


ASSESSED = _assessed()


def _covering(
    predicate: Callable[[TeachingCase, Scenario, Assessment], bool],
) -> list[str]:
    return [case.id for case, scenario, result in ASSESSED if predicate(case, scenario, result)]


# ------------------------------------------------------------------ loading and validity


def test_at_least_eighteen_cases_load() -> None:
    assert len(CASES) >= 18


def test_one_file_per_case_named_nn_slug_in_teaching_order() -> None:
    files = sorted(CASES_DIR.glob("*.yaml"))
    assert [f.name.split("_", 1)[1].removesuffix(".yaml") for f in files] == CASE_IDS
    assert [f.name[:2] for f in files] == [f"{n:02d}" for n in range(1, len(files) + 1)]


def test_ids_are_unique() -> None:
    assert len(CASE_IDS) == len(set(CASE_IDS))


def test_loader_is_cached_and_immutable() -> None:
    assert teaching_cases() is CASES
    assert isinstance(CASES, tuple)
    case = CASES[0]
    with pytest.raises(ValueError, match="frozen"):
        case.title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        case.scenario["age_years"] = 99  # type: ignore[index]


def test_teaching_case_by_id() -> None:
    assert teaching_case(CASE_IDS[0]) is CASES[0]
    with pytest.raises(KeyError, match="no teaching case 'nope'"):
        teaching_case("nope")


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_case_states_what_the_core_computes(case: TeachingCase) -> None:
    result = assess(case_scenario(case))
    assert (case.answer, case.dose_mg) == (result.verdict, result.dose_mg), (
        f"{case.id}: the file says {case.answer.value} / {case.dose_mg} mg, the core says "
        f"{result.verdict.value} / {result.dose_mg} mg"
    )


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_key_finding_fires_and_passages_exist(case: TeachingCase) -> None:
    result = assess(case_scenario(case))
    if case.key_finding is not None:
        assert case.key_finding in result.finding_ids
    assert set(case.passages) <= passage_ids()
    assert set(case.tags) <= TAGS


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_student_text_has_no_code_words(case: TeachingCase) -> None:
    """What a student reads is plain words: no passage id, rule id, enum value, placeholder.

    The passages behind a case are data (``passages``); the page shows them quoted, with their
    ids only as small reviewer links.
    """
    for name in ("title", "vignette", "question", "explanation"):
        text = getattr(case, name)
        assert code_words(text) == [], f"{case.id}.{name}: {code_words(text)}"


def test_code_words_are_found() -> None:
    """The check above can fail: the words the case files used to hold are caught."""
    old = "reduce the dose with OAT3 inhibitors (dosing.oat3); the verdict is 'not_recommended'"
    assert code_words(old) == ["dosing.oat3", "not_recommended"]
    assert code_words("Age {age_years} is over 65 (`dose.age_over_70`)") == [
        "dose.age_over_70",
        "{age_years}",
        "`",
        "`",
    ]


# ------------------------------------------------------------------ coverage of the brief


def test_every_verdict_is_covered() -> None:
    assert {case.answer for case in CASES} == set(ARTICLE_VERDICTS)


@pytest.mark.parametrize("rule_id", [rule.id for rule in DOSE_RULES])
def test_every_dose_rule_decides_some_case(rule_id: str) -> None:
    assert _covering(lambda c, s, r: rule_id in r.finding_ids and r.dose_mg == 2)


def test_non_stacking_note_is_taught() -> None:
    assert _covering(lambda c, s, r: "silent.dose_below_2mg" in r.finding_ids)


@pytest.mark.parametrize("age", [65, 66, 70, 71])
def test_both_sides_of_the_age_thresholds(age: int) -> None:
    assert _covering(lambda c, s, r: s.age_years == age)


@pytest.mark.parametrize(
    ("low", "high"), [(29.9, 29.9), (29.95, 29.99), (60.0, 60.0), (60.01, 60.1)]
)
def test_both_sides_of_the_renal_thresholds(low: float, high: float) -> None:
    assert _covering(
        lambda c, s, r: r.crcl_ml_min_used is not None and low <= r.crcl_ml_min_used <= high
    )


def test_a_clearance_that_rounds_to_30_but_is_below_it_is_taught_as_below() -> None:
    # The threshold compares the unrounded value: 29.97 would read "30.0" rounded to 0.1.
    below = _covering(
        lambda c, s, r: (
            r.crcl_ml_min_used is not None
            and r.crcl_ml_min_used < 30
            and round(r.crcl_ml_min_used, 1) == 30
        )
    )
    assert below
    for case in (c for c in CASES if c.id in below):
        assert (case.answer, case.dose_mg) == (Verdict.contraindicated, None)
        assert "30.0 mL/min" not in case.explanation


def test_cockcroft_gault_from_creatinine_in_two_cases_and_si_units_in_one() -> None:
    assert len(_covering(lambda c, s, r: r.renal.source == "cockcroft_gault")) >= 2
    assert _covering(lambda c, s, r: s.creatinine_umol_l is not None)


def test_oat3_interaction() -> None:
    assert _covering(lambda c, s, r: s.oat3_inhibitor and r.dose_mg == 2)


def test_hbv_cases() -> None:
    assert _covering(lambda c, s, r: s.hbsag_positive and not s.antiviral_prophylaxis)
    assert _covering(lambda c, s, r: s.hbsag_positive and s.antiviral_prophylaxis)
    assert _covering(lambda c, s, r: s.anti_hbc_positive and not s.hbsag_positive)


def test_pregnancy_and_male_conception_planning() -> None:
    assert _covering(lambda c, s, r: s.pregnant and r.verdict is Verdict.contraindicated)
    assert _covering(lambda c, s, r: s.sex is Sex.male and s.planning_conception and not s.pregnant)


def test_combination_with_a_biological_dmard() -> None:
    assert _covering(lambda c, s, r: s.biologic_dmard and "nr.biologic_dmard" in r.finding_ids)


def test_unknown_renal_function_gives_no_dose() -> None:
    assert _covering(
        lambda c, s, r: (
            r.crcl_ml_min_used is None and r.verdict is Verdict.recommended and c.dose_mg is None
        )
    )


def test_on_treatment_cases() -> None:
    assert _covering(lambda c, s, r: s.sustained_remission)
    assert _covering(lambda c, s, r: s.inadequate_response_3_to_6_months)


def test_at_least_two_cases_where_the_article_is_silent() -> None:
    silent = _covering(
        lambda c, s, r: (
            "silent" in c.tags and c.key_finding is not None and c.key_finding.startswith("silent.")
        )
    )
    assert len(silent) >= 2
    assert _covering(lambda c, s, r: s.hcv_positive)
    assert _covering(lambda c, s, r: s.child_pugh is ChildPugh.B)
    assert _covering(lambda c, s, r: s.tb_history_or_exposure)


def test_every_tag_is_used() -> None:
    assert set().union(*(case.tags for case in CASES)) == TAGS


# ------------------------------------------------------------------ invalid files fail loudly

GOOD = """\
id: sample
title: A sample
vignette: A patient.
scenario: {age_years: 52, crcl_ml_min: 85}
question: What now?
answer: recommended
dose_mg: 4
explanation: The standard dose (dosing.standard).
passages: [dosing.standard]
tags: [basics]
"""


def _write(tmp_path: Path, text: str, name: str = "01_sample.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path: Path) -> None:
    case = load_case_file(_write(tmp_path, GOOD))
    assert case.id == "sample"
    assert case_scenario(case).crcl_ml_min == 85


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("age_years: 52", "age_years: 17", "scenario: age_years: 17 is not allowed"),
        ("age_years: 52", "agee_years: 52", "did you mean 'age_years'"),
        ("answer: recommended", "answer: maybe", "answer"),
        ("dose_mg: 4", "dose_mg: 3", "dose_mg"),
        ("dose_mg: 4\n", "", "dose_mg: Field required"),
        ("[dosing.standard]", "[dosing.nowhere]", "unknown passage id(s) ['dosing.nowhere']"),
        ("[basics]", "[basic]", "unknown tag(s) ['basic']"),
        ("tags: [basics]", "tags: [basics]\nextra: 1", "extra"),
        ("dose_mg: 4", "dose_mg: 4\nkey_finding: dose.nope", "is not a rule id"),
        ("dose_mg: 4", "dose_mg: 4\nkey_finding: dose.oat3", "does not fire for this scenario"),
        ("id: sample", "id: other", "must equal the file name's slug 'sample'"),
    ],
)
def test_invalid_file_names_the_file_and_problem(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(CaseFileError) as caught:
        load_case_file(path)
    assert str(caught.value).startswith("01_sample.yaml: ")
    assert message in str(caught.value)


def test_bad_file_name_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(
        CaseFileError, match=re.escape("sample.yaml: file name must be NN_slug.yaml")
    ):
        load_case_file(_write(tmp_path, GOOD, "sample.yaml"))
    with pytest.raises(CaseFileError, match=re.escape("02_broken.yaml: not valid YAML")):
        load_case_file(_write(tmp_path, "id: [unclosed", "02_broken.yaml"))
    with pytest.raises(
        CaseFileError, match=re.escape("03_list.yaml: the file must hold one mapping")
    ):
        load_case_file(_write(tmp_path, "- a\n- b\n", "03_list.yaml"))


def test_duplicate_order_numbers_and_ids_fail(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    _write(tmp_path, GOOD.replace("id: sample", "id: sample_two"), "01_sample_two.yaml")
    with pytest.raises(
        CaseFileError, match=re.escape("order number 01 is also used by 01_sample.yaml")
    ):
        load_cases(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    _write(other, GOOD)
    _write(other, GOOD, "02_sample.yaml")
    with pytest.raises(
        CaseFileError, match=re.escape("id 'sample' is also used by 01_sample.yaml")
    ):
        load_cases(other)
