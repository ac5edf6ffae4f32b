"""Inputs that cannot be true, and inputs that are lost: AppTest of what the inputs and the link
do to the patient. Every expectation is computed by the core for the scenario meant, so a widget
that swaps a value behind the user's back shows up as a different verdict, dose or CrCl.
"""

from __future__ import annotations

import pytest
from app_pages import open_app
from streamlit.testing.v1 import AppTest

from core import Scenario, assess
from core.dose_words import dose_words
from core.exports import escape_prose
from core.rules import VERDICT_LABELS
from core.scenario import FIELD_NAMES, parse_scenario
from ui.scenario_inputs import DOSE_FIELDS, GROUPS_KEY, further_groups
from ui.scenario_state import CREATININE_KEY, MG_DL, UNIT_KEY


def run_app(**params: str | list[str]) -> AppTest:
    return open_app(**params)


def alerts(at: AppTest, kind: str) -> str:
    return " ".join(str(e.value).replace("\\", "") for e in at.get(kind))


def verdict_banner(at: AppTest) -> str:
    """The page's verdict banner: the alert that starts with a verdict label."""
    # "**Recommended so far — dose pending**" is the recommended banner without renal function.
    labels = tuple(f"**{label}" for label in VERDICT_LABELS.values())
    texts = [str(e.value) for k in ("error", "warning", "info", "success") for e in at.get(k)]
    banners = [t for t in texts if t.startswith(labels)]
    assert len(banners) == 1, texts
    return banners[0]


def shows(at: AppTest, scenario: Scenario) -> None:
    """The page shows the verdict, dose and renal working the core gives ``scenario``."""
    expected = assess(scenario)
    assert verdict_banner(at).startswith(f"**{VERDICT_LABELS[expected.verdict]}")
    assert str(at.metric[0].value) == dose_words(expected).value
    assert any(escape_prose(expected.renal.working) in str(m.value) for m in at.markdown)


def url(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k] for k in at.query_params}


# ---------------------------------------------------------------- switching the unit


def test_unit_switch_never_changes_the_patient_even_past_the_box_range() -> None:
    at = run_app(age_years="60", creatinine_umol_l="1800")
    patient = Scenario(age_years=60, creatinine_umol_l=1800)
    shows(at, patient)
    at.radio(key=UNIT_KEY).set_value(MG_DL).run()
    assert not at.exception
    # 1800 µmol/L is 20.36 mg/dL, above the mg/dL range (20): the box still shows it, and the
    # rules still use the patient as given (not the box's default 0.1 mg/dL).
    assert at.number_input(key=CREATININE_KEY).value == pytest.approx(20.36)
    shows(at, patient)
    assert url(at) == {"age_years": "60", "creatinine_umol_l": "1800"}


def test_unit_round_trip_keeps_the_crcl_digit_for_digit() -> None:
    # 195 µmol/L is 2.2059 mg/dL; the box shows 2.21, which would be another CrCl.
    at = run_app(age_years="60", creatinine_umol_l="195")
    patient = Scenario(age_years=60, creatinine_umol_l=195)
    used = assess(patient).crcl_ml_min_used
    at.radio(key=UNIT_KEY).set_value(MG_DL).run()
    at.radio(key=UNIT_KEY).set_value("µmol/L").run()
    assert at.number_input(key=CREATININE_KEY).value == 195
    shows(at, patient)
    assert assess(parse_scenario(url(at))).crcl_ml_min_used == used


def test_an_edited_creatinine_out_of_range_is_named_and_not_used() -> None:
    at = run_app(age_years="60", creatinine_umol_l="1800")
    at.radio(key=UNIT_KEY).set_value(MG_DL).run()
    at.number_input(key=CREATININE_KEY).set_value(20.5).run()
    errors = alerts(at, "error")
    assert "20.5 is not allowed" in errors and "0.1 to 20 mg/dL" in errors
    assert "1800 µmol/L" in errors  # what the results use instead
    shows(at, Scenario(age_years=60, creatinine_umol_l=1800))


# ---------------------------------------------------------------- clearing a box


def test_clearing_crcl_means_not_known() -> None:
    at = run_app(age_years="72", crcl_ml_min="45")
    at.number_input(key="crcl_ml_min").set_value(None).run()
    shows(at, Scenario(age_years=72))
    assert url(at) == {"age_years": "72"}


def test_clearing_creatinine_means_not_measured() -> None:
    at = run_app(creatinine_mg_dl="1.2")
    at.number_input(key=CREATININE_KEY).set_value(None).run()
    shows(at, Scenario())
    assert url(at) == {}


def test_clearing_a_required_box_keeps_its_value_and_says_so() -> None:
    at = run_app(weight_kg="82", creatinine_mg_dl="1.1")
    at.number_input(key="weight_kg").set_value(None).run()
    assert at.number_input(key="weight_kg").value == 82
    shows(at, Scenario(weight_kg=82, creatinine_mg_dl=1.1))
    assert url(at)["weight_kg"] == "82"
    notice = alerts(at, "info")
    assert "Weight is required" in notice and "82 kg" in notice


# ---------------------------------------------------------------- the CrCl box


def test_crcl_box_shows_the_value_the_rules_use() -> None:
    at = run_app(crcl_ml_min="29.6")
    box = at.number_input(key="crcl_ml_min")
    used = assess(Scenario(crcl_ml_min=29.6)).crcl_ml_min_used
    assert used is not None
    assert box.format % box.value == f"{used:g}"


def test_typed_out_of_range_crcl_is_named_and_not_used() -> None:
    at = run_app(age_years="72", crcl_ml_min="45")
    at.number_input(key="crcl_ml_min").set_value(999.0).run()
    errors = alerts(at, "error")
    assert "999 is not allowed" in errors and "0 to 250 mL/min" in errors
    assert "45 mL/min" in errors
    shows(at, Scenario(age_years=72, crcl_ml_min=45))
    assert url(at) == {"age_years": "72", "crcl_ml_min": "45"}


# ---------------------------------------------------------------- impossible combinations


def _link_refusal_is_named(at: AppTest) -> None:
    warnings = alerts(at, "warning")
    assert "pregnant" in warnings and "'true'" in warnings and "male" in warnings
    # Either reading that drops one side of the contradiction, never both sides at once.
    readings = (Scenario(age_years=72, sex="male"), Scenario(age_years=72, pregnant=True))
    labels = {f"**{VERDICT_LABELS[assess(s).verdict]}**" for s in readings}
    assert verdict_banner(at).startswith(tuple(labels))
    assert at.slider(key="age_years").value == 72  # the rest of the link is kept


def test_link_male_and_pregnant_is_refused_by_name() -> None:
    _link_refusal_is_named(run_app(age_years="72", sex="male", pregnant="true"))


def _form_refusal_is_named(at: AppTest) -> None:
    at.radio(key="sex").set_value("male").run()
    assert not at.exception
    warnings = alerts(at, "warning")
    assert "Pregnant" in warnings and "male" in warnings and "not allowed" in warnings
    # The results are not those of a pregnant man: they stay the last valid patient's.
    shows(at, Scenario(pregnant=True))


def test_form_male_and_pregnant_is_refused_by_name() -> None:
    _form_refusal_is_named(run_app(pregnant="true"))


# ---------------------------------------------------------------- link names


def test_a_field_without_its_unit_gets_did_you_mean() -> None:
    at = run_app(age="72")
    assert "unknown field 'age': did you mean 'age_years'?" in alerts(at, "warning")


# ---------------------------------------------------------------- the sidebar order


def test_what_changes_the_dose_comes_first_in_the_sidebar() -> None:
    at = run_app()
    # Every group shown, so every input is drawn.
    at.sidebar.pills(key=GROUPS_KEY).set_value(list(further_groups())).run()
    fields = {*FIELD_NAMES, CREATININE_KEY}
    # The sidebar's widgets in document order (AppTest walks the tree depth first).
    order = [node.key for node in at.sidebar if getattr(node, "key", None) in fields]
    assert len(order) == len(FIELD_NAMES) - 1, order  # one creatinine box for two fields
    first = {"creatinine_mg_dl" if k == CREATININE_KEY else k for k in order[: len(DOSE_FIELDS)]}
    assert first == set(DOSE_FIELDS), order


def narrow_crcl_page() -> None:
    """A page whose CrCl box is narrower than the model (0 to 30): Streamlit swaps a linked 45
    for the box's default before the script sees it."""
    import streamlit as st

    from ui.scenario_state import current_scenario

    def render() -> None:
        st.number_input("CrCl", min_value=0.0, max_value=30.0, value=None, key="crcl_ml_min")

    scenario = current_scenario("narrow", render=render)
    st.markdown(f"used: {scenario.crcl_ml_min}")


def test_a_value_a_widget_resets_behind_the_script_is_named_and_kept() -> None:
    at = AppTest.from_function(narrow_crcl_page, default_timeout=30)
    at.query_params["crcl_ml_min"] = "45"
    at.run()
    assert not at.exception, at.exception
    assert at.number_input[0].value is None  # what Streamlit did: the box's default
    text = alerts(at, "warning")
    assert "the input could not show 45" in text and "from 0 to 250 mL/min" in text
    assert "used: 45.0" in [str(m.value) for m in at.markdown]
    assert at.query_params["crcl_ml_min"] == "45"
