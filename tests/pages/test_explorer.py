"""AppTest of the Explorer through app.py: inputs -> core -> what is shown, and the URL sync."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from app_pages import APP, open_app
from code_words import code_words
from streamlit.testing.v1 import AppTest

from core import Scenario, assess
from core.rules import RULES_BY_ID, VERDICT_LABELS, Verdict
from ui.scenario_inputs import GROUPS_KEY, further_groups
from ui.source_panel import (
    LECTURE_PANEL_HEIGHT,
    PANEL_CAPTION,
    PANEL_CLASS,
    PANEL_HEIGHT,
    PASSAGE_LINK_SCRIPT,
)


def run_app(**params: str) -> AppTest:
    return open_app(**params)


def dose_shown(at: AppTest) -> str:
    return str(at.metric[0].value)


def banner_text(at: AppTest) -> str:
    """All alert texts (verdict banner and warnings)."""
    return " ".join(
        str(e.value) for kind in ("error", "warning", "info", "success") for e in at.get(kind)
    )


def url(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k] for k in at.query_params}


def test_default_scenario_renders() -> None:
    at = run_app()
    expected = assess(Scenario())
    assert expected.dose_mg is None  # renal function unknown by default: no dose, with reason
    assert dose_shown(at) == "Enter renal function"
    shown = " ".join(str(m.value) for m in at.markdown)
    assert expected.dose_reasoning[0].split(":")[0] in shown
    # Never a green verdict beside a missing dose: the banner is neutral and says what is missing.
    assert not at.success
    assert at.info[0].value.startswith(f"**{VERDICT_LABELS[Verdict.recommended]} so far")
    assert "Enter renal function" in at.info[0].value
    assert at.slider(key="age_years").value == 50
    assert url(at) == {}
    assert not at.warning


def test_age_72_crcl_45_gives_2_mg_and_caution() -> None:
    at = run_app()
    at.slider(key="age_years").set_value(72).run()
    at.number_input(key="crcl_ml_min").set_value(45.0).run()
    assert not at.exception
    assert dose_shown(at) == "2 mg"
    assert "Use with caution" in at.warning[0].value
    reasoning = " ".join(str(m.value) for m in at.markdown)
    # The reasons in words; the rule ids only in the findings' small reviewer links.
    assert "Age 72 is over 70: reduce to 2 mg daily." in reasoning
    assert "within 30-60 mL/min: use 2 mg daily" in reasoning
    assert "do not stack" in reasoning
    assert url(at) == {"age_years": "72", "crcl_ml_min": "45"}


def test_crcl_25_is_contraindicated_without_dose() -> None:
    at = run_app()
    at.number_input(key="crcl_ml_min").set_value(25.0).run()
    assert dose_shown(at) == "No dose: contraindicated"
    assert at.error[0].value.startswith("**Contraindicated**")
    assert "CrCl" in at.error[0].value
    tabs = [t.label for t in at.tabs]
    assert any(label.startswith("Findings") for label in tabs)


def test_query_params_set_the_inputs() -> None:
    at = run_app(
        age_years="72",
        weight_kg="72.5",
        sex="Male",
        child_pugh="b",
        active_tb="yes",  # (pregnant would be refused for a man)
        glucocorticoid="1",
        creatinine_umol_l="120",
    )
    assert not at.warning  # every value is valid in some spelling: no link warning
    assert at.slider(key="age_years").value == 72
    assert at.number_input(key="weight_kg").value == 72.5
    assert at.radio(key="sex").value == "male"
    assert at.radio(key="child_pugh").value == "B"
    assert at.checkbox(key="active_tb").value is True
    assert at.checkbox(key="glucocorticoid").value is True
    assert at.radio(key="creatinine_unit").value == "µmol/L"
    assert at.number_input(key="creatinine_value").value == 120.0
    # Active TB: contraindicated, whatever else the link says (age 72 adds cautions and a dose
    # reduction: the banner's reason is still the contraindication's).
    assert at.error[0].value == f"**Contraindicated** — {RULES_BY_ID['ci.active_tb'].text}"
    # The address is normalised to the contract's spelling.
    assert url(at) == {
        "age_years": "72",
        "sex": "male",
        "weight_kg": "72.5",
        "creatinine_umol_l": "120",
        "child_pugh": "B",
        "active_tb": "true",
        "glucocorticoid": "true",
    }


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("age_years", "72.5", "whole number from 18 to 120"),
        ("age_years", "500", "whole number from 18 to 120"),
        ("crcl_ml_min", "abc", "from 0 to 250"),
        ("child_pugh", "D", "one of none, A, B, C"),
        ("pregnant", "maybe", "true/false"),
        ("pregnant", "true", "false when sex is male"),
        ("breastfeeding", "yes", "false when sex is male"),
    ],
)
def test_bad_query_value_warns_and_keeps_the_rest(name: str, value: str, allowed: str) -> None:
    other = {"sex": "male"} if name != "sex" else {"age_years": "30"}
    at = run_app(**{name: value}, **other)
    warnings = [str(w.value).replace("\\", "") for w in at.warning]
    assert any(name in w and value in w and allowed in w and "default" in w for w in warnings)
    assert at.radio(key="sex").value == "male"  # the good field still applies
    assert name not in url(at) and url(at)["sex"] == "male"


def test_unknown_and_repeated_params_warn() -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["agee"] = "3"
    at.query_params["crcl_ml_min"] = ["40", "50"]
    at.query_params["lecture"] = "1"
    at.run()
    warnings = " ".join(str(w.value).replace("\\", "") for w in at.warning)
    assert "unknown field 'agee'" in warnings and "age_years" in warnings
    assert "crcl_ml_min" in warnings and "given 2 times" in warnings
    assert url(at) == {"lecture": "1"}  # app param kept, unknown and repeated dropped


def test_hostile_value_is_shown_as_text() -> None:
    at = run_app(sex='<script>alert("x")</script>')
    warnings = [str(w.value) for w in at.warning if "sex" in str(w.value)]
    assert warnings
    assert "<script>" not in warnings[0] and "&lt;script&gt;" in warnings[0]


def test_unit_toggle_converts_creatinine() -> None:
    at = run_app()
    at.number_input(key="creatinine_value").set_value(1.2).run()
    assert url(at)["creatinine_mg_dl"] == "1.2"
    at.radio(key="creatinine_unit").set_value("µmol/L").run()
    assert at.number_input(key="creatinine_value").value == pytest.approx(106.1)
    # The box shows the other unit; the patient stays the one given (106.1 µmol/L would be
    # 1.2002 mg/dL): the link keeps the value as given.
    assert url(at) == {"creatinine_mg_dl": "1.2"}
    at.radio(key="creatinine_unit").set_value("mg/dL").run()
    assert at.number_input(key="creatinine_value").value == pytest.approx(1.2)
    at.radio(key="creatinine_unit").set_value("µmol/L").run()
    at.number_input(key="creatinine_value").set_value(110.0).run()  # a new number: in µmol/L
    assert url(at) == {"creatinine_umol_l": "110"}


def test_scenario_survives_a_cleared_url_and_reset_clears_it() -> None:
    at = run_app(age_years="80", oat3_inhibitor="true")
    at.query_params.clear()  # what the browser does on a page switch
    at.run()
    assert at.slider(key="age_years").value == 80
    assert url(at) == {"age_years": "80", "oat3_inhibitor": "true"}
    next(b for b in at.button if b.label == "Reset to defaults").click().run()
    assert at.slider(key="age_years").value == 50
    assert url(at) == {}


def open_groups(at: AppTest, *groups: str) -> AppTest:
    """Show input groups of the sidebar (all of them without names), as clicks on their chips
    would."""
    chips = at.sidebar.pills(key=GROUPS_KEY)
    chips.set_value(
        [*chips.value, *(g for g in groups or further_groups() if g not in chips.value)]
    )
    chips.run()
    assert not at.exception, at.exception
    return at


def fold_group(at: AppTest, group: str) -> AppTest:
    at.sidebar.pills(key=GROUPS_KEY).unselect(group).run()
    assert not at.exception, at.exception
    return at


def test_every_field_has_an_input() -> None:
    at = open_groups(run_app())
    keys = {
        w.key
        for kind in ("slider", "radio", "number_input", "checkbox", "selectbox")
        for w in at.get(kind)
    }
    from core.scenario import FIELD_NAMES

    creatinine = {"creatinine_mg_dl", "creatinine_umol_l"}
    assert set(FIELD_NAMES) - creatinine <= keys
    assert {"creatinine_value", "creatinine_unit"} <= keys


def test_a_folded_group_draws_no_inputs_until_opened() -> None:
    # Every input of every group would be sent (and drawn by the browser) on every rerun.
    at = run_app()
    # The groups start folded: none of their inputs is sent (the OAT3 box is a dose input).
    assert [w.key for w in at.checkbox] == ["oat3_inhibitor"]
    open_groups(at, "infection")
    assert at.checkbox(key="active_tb").value is False
    assert not any(w.key == "pregnant" for w in at.checkbox)  # another group: still folded


def test_a_value_in_a_folded_group_stays_in_the_scenario() -> None:
    at = open_groups(run_app(age_years="72"), "infection")
    at.checkbox(key="active_tb").check().run()
    fold_group(at, "infection")
    assert not any(w.key == "active_tb" for w in at.checkbox)
    at.slider(key="age_years").set_value(60).run()  # another input while the group is folded
    assert url(at) == {"age_years": "60", "active_tb": "true"}
    assert at.error[0].value.startswith("**Contraindicated**")
    open_groups(at, "infection")
    assert at.checkbox(key="active_tb").value is True


def test_a_group_set_from_the_link_opens_and_reset_clears_a_folded_one() -> None:
    at = run_app(active_tb="true", pregnant="true")
    assert at.checkbox(key="active_tb").value is True  # a group holding a value starts open
    fold_group(at, "infection")
    next(b for b in at.button if b.label == "Reset to defaults").click().run()
    assert url(at) == {}
    assert not at.error


def test_the_groups_are_one_control_that_names_each_group_and_its_count() -> None:
    # Seven expanders cost the browser about 4 ms of CPU each on every input; one control.
    at = run_app(active_tb="true", hbsag_positive="true")
    assert not at.sidebar.expander
    chips = at.sidebar.pills(key=GROUPS_KEY)
    assert "Infections and screening results · 2 set" in chips.options
    assert "Pregnancy and fertility" in chips.options
    assert chips.value == ["infection"]  # a group holding a value is shown
    assert "**Infections and screening results · 2 set**" in [m.value for m in at.sidebar.markdown]


def test_a_group_stays_as_the_user_left_it_when_its_count_changes() -> None:
    at = run_app(active_tb="true")
    fold_group(at, "infection")  # hidden by the user although it holds a value
    at.slider(key="age_years").set_value(60).run()
    assert "infection" not in at.sidebar.pills(key=GROUPS_KEY).value
    open_groups(at, "infection")
    at.checkbox(key="active_tb").uncheck().run()  # its count changes: 1 set -> none
    chips = at.sidebar.pills(key=GROUPS_KEY)
    assert "Infections and screening results" in chips.options
    assert chips.value == ["infection"]  # still shown, as the user left it


def test_only_the_chosen_tab_is_drawn() -> None:
    # The hidden tabs (the monitoring chart above all) were re-sent and re-drawn on every input.
    at = run_app(age_years="72", crcl_ml_min="45")
    assert not at.get("plotly_chart") and not at.get("download_button")
    at.session_state["_explorer.tab"] = "Monitoring timeline"  # as a click on the tab
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert not any("Because" in str(m.value) for m in at.markdown)  # the findings are hidden


def test_the_first_day_of_treatment_is_kept_while_its_tab_is_hidden() -> None:
    at = run_app(age_years="72", crcl_ml_min="45")
    at.session_state["_explorer.tab"] = "Downloads"
    at.run()
    at.date_input(key="_downloads.start_date").set_value(dt.date(2027, 3, 1)).run()
    at.session_state["_explorer.tab"] = "Screening checklist"
    at.run()
    assert not at.get("date_input")
    at.session_state["_explorer.tab"] = "Downloads"
    at.run()
    assert at.date_input(key="_downloads.start_date").value == dt.date(2027, 3, 1)


def test_a_slider_move_wins_over_a_stale_address() -> None:
    # Regression: under load the browser can send a rerun whose query string is still an older
    # write of ours (age 72 here) while the slider already shows the user's newer value.
    at = run_app(age_years="72", crcl_ml_min="45")
    next(s for s in at.slider if s.key == "age_years").set_value(73).run()
    assert url(at)["age_years"] == "73"
    at.query_params["age_years"] = "72"  # the stale address that arrives with the next move
    next(s for s in at.slider if s.key == "age_years").set_value(74)
    at.run()
    assert not at.exception
    assert next(s for s in at.slider if s.key == "age_years").value == 74
    assert url(at)["age_years"] == "74"
    assert "is not allowed" not in banner_text(at)  # no link warning: nothing was wrong


def test_a_not_indicated_dose_is_labelled_as_the_dose_once_indicated() -> None:
    at = run_app(failed_csdmard="false", crcl_ml_min="90")
    assert (at.metric[0].label, dose_shown(at)) == ("Dose once indicated", "4 mg")
    shown = " ".join(str(m.value) for m in at.markdown)
    assert "this is the dose once the indication is met" in shown
    at = run_app(crcl_ml_min="90")
    assert (at.metric[0].label, dose_shown(at)) == ("Starting dose", "4 mg")


def test_renal_function_has_the_creatinine_rise_note_and_its_source() -> None:
    at = run_app(sex="female", age_years="60", weight_kg="70", creatinine_umol_l="195")
    shown = " ".join(str(m.value) for m in at.markdown).replace("\\", "")
    assert "= 29.97 mL/min" in shown and "= 30.0 mL/min" not in shown
    assert "usually not clinically significant" in shown
    assert "adverse.laboratory" in shown
    assert at.error[0].value.startswith("**Contraindicated**")


def test_sidebar_draws_sex_and_weight_in_one_block_and_a_bad_weight_is_named_below() -> None:
    # Columns are three blocks the browser re-renders on every input; one horizontal block
    # holds both inputs, and the weight's message still follows right after it.
    at = run_app()
    assert not at.sidebar.columns
    at.number_input(key="weight_kg").set_value(900).run()
    sidebar_errors = [str(e.value).replace("\\", "") for e in at.sidebar.error]
    assert any("Not used: 900 is not allowed" in t and "20 to 400" in t for t in sidebar_errors)
    assert dose_shown(at)


def test_sidebar_footer_is_the_statement_with_its_rule_and_the_source_link() -> None:
    at = run_app()
    assert not at.sidebar.get("divider")  # the rule is in the statement's markdown
    footer = [str(c.value) for c in at.sidebar.caption]
    assert footer[-1].startswith("---") and "not for clinical decisions" in footer[-1]
    assert at.sidebar.get("page_link")[-1].proto.label == "Read the source article"


@pytest.mark.parametrize(("lecture", "height"), [("0", PANEL_HEIGHT), ("1", LECTURE_PANEL_HEIGHT)])
def test_the_article_panel_is_one_element_its_script_caption_and_box(
    lecture: str, height: int
) -> None:
    at = run_app(age_years="72", crcl_ml_min="45", lecture=lecture)
    # Each element is one more message the browser re-renders on every input: the link script,
    # the caption and the box were three elements beside the article (four in all).
    panels = [str(h.value) for h in at.main.get("html") if PANEL_CLASS in str(h.value)]
    assert len(panels) == 1
    (panel,) = panels
    assert panel.startswith(PASSAGE_LINK_SCRIPT)
    assert f'<p class="src-caption">{PANEL_CAPTION}</p>' in panel
    assert f'class="{PANEL_CLASS}" style="height: {height}px"' in panel
    assert 'role="region"' in panel and 'aria-label="The source article"' in panel
    assert PANEL_CAPTION not in " ".join(str(c.value) for c in at.main.caption)
    assert not [h for h in at.main.get("html") if str(h.value) == PASSAGE_LINK_SCRIPT]


def test_the_article_panel_names_the_citing_findings_in_words() -> None:
    at = run_app(age_years="72", crcl_ml_min="45")
    # The panel is one HTML element (st.html: no Markdown parse of the whole article per input).
    panel = next(str(h.value) for h in at.get("html") if "src-panel" in str(h.value))
    cites = re.findall(r'<span class="src-cite">▶ Cited by: ([^<]*)</span>', panel)
    assert cites, "no 'Cited by' line in the panel"
    # Was "Cited by: caution.age_over_65; advice.herpes_zoster": rule ids a student reads.
    assert code_words(" ".join(cites)) == [], cites
    assert "Use with caution (Age: 72 years)" in cites[0]
