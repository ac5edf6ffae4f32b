"""AppTest of the pages' own link parameters (``ui.url_params``): every page reads, checks and
warns about its parameters the same way the scenario fields are read, and drops none silently.
"""

from __future__ import annotations

import pytest
from app_pages import open_app_page as open_page
from streamlit.testing.v1 import AppTest

from core.rules import RULES
from core.scenario import field_info
from core.sources import passage_ids
from ui.page_registry import CASES, COMPARE, EXPLORER, RULE_BOOK, SOURCE
from ui.url_params import choice_param


def warnings(at: AppTest) -> list[str]:
    return [str(w.value).replace("\\", "") for w in at.warning]


REPEATED = [
    (RULE_BOOK.script, "rule", [RULES[0].id, RULES[1].id], "all rules"),
    (SOURCE.script, "passage", sorted(passage_ids())[:2], "the whole article"),
    (CASES.script, "mode", ["present", "quiz"], "the quiz mode"),
    (EXPLORER.script, "lecture", ["1", "0"], "lecture mode off"),
    (EXPLORER.script, "reading", ["standard_dose", "tb_history"], "the app's default reading"),
]


@pytest.mark.parametrize(("page", "name", "values", "instead"), REPEATED)
def test_a_repeated_page_parameter_is_warned_like_a_scenario_field(
    page: str, name: str, values: list[str], instead: str
) -> None:
    at = open_page(page, **{name: values})
    expected = (
        f"Link value not used: {name}: {values!r} is not allowed; allowed: one value "
        f"(given 2 times in the link). Shown instead: {instead}."
    )
    assert expected in warnings(at)
    assert name not in at.query_params  # the link no longer claims either value


def test_a_repeated_rule_does_not_filter_the_rule_book() -> None:
    at = open_page(RULE_BOOK.script, rule=[RULES[0].id, RULES[1].id])
    assert not [i for i in at.info if "Showing one rule" in str(i.value)]


def test_a_repeated_mode_keeps_the_quiz() -> None:
    at = open_page(CASES.script, mode=["present", "quiz"])
    assert at.segmented_control[0].value == "quiz"


@pytest.mark.parametrize(
    ("field", "value"),
    [("lymphocytes_10e9_l", "0.3"), ("neutrophils_10e9_l", "0.8"), ("haemoglobin_g_dl", "7.5")],
)
def test_a_blood_count_for_b_is_used(field: str, value: str) -> None:
    at = open_page(COMPARE.script, **{f"b.{field}": value})
    assert not warnings(at)
    assert field in at.multiselect(key="_b.fields").value
    assert at.number_input(key=f"_b.{field}").value == float(value)
    table = "\n".join(str(m.value) for m in at.markdown)
    assert str(field_info(field)["label"]) in table  # the inputs that differ
    assert at.query_params[f"b.{field}"] == value


def test_a_bad_blood_count_for_b_is_named() -> None:
    at = open_page(COMPARE.script, **{"b.haemoglobin_g_dl": "99"})
    text = " ".join(warnings(at))
    assert "b.haemoglobin_g_dl: '99' is not allowed" in text and "1 to 25 g/dL" in text
    assert "B keeps A's value" in text


def test_a_mistyped_b_field_gets_did_you_mean() -> None:
    at = open_page(COMPARE.script, **{"b.age": "80"})
    assert "unknown field 'b.age': did you mean 'b.age_years'?" in " ".join(warnings(at))


def test_a_mistyped_page_parameter_gets_did_you_mean() -> None:
    at = open_page(SOURCE.script, pasage=sorted(passage_ids())[0])
    assert "unknown field 'pasage': did you mean 'passage'?" in " ".join(warnings(at))


@pytest.mark.parametrize(
    ("page", "name", "typed", "meant"),
    [
        (RULE_BOOK.script, "rule", "dose.age_over_7", "dose.age_over_70"),
        (CASES.script, "mode", "presnt", "present"),
        (EXPLORER.script, "reading", "tb_histry", "tb_history"),
    ],
)
def test_a_near_miss_page_parameter_value_gets_did_you_mean(
    page: str, name: str, typed: str, meant: str
) -> None:
    at = open_page(page, **{name: typed})
    text = " ".join(warnings(at))
    assert f"{name}: {typed!r} is not allowed; allowed: " in text
    assert f"(did you mean {meant!r}?)" in text


def test_choice_param_reads_only_its_choices() -> None:
    mode = choice_param("mode", ("quiz", "present"), "quiz")
    assert mode.parse("present") == "present" and mode.parse("Present") is None
    assert mode.allowed == "one of quiz, present"
