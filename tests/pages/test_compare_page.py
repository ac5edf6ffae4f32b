"""AppTest of the compare page through app.py: A from the URL, B's changes as b.<field>."""

from __future__ import annotations

from app_pages import open_app_page
from streamlit.testing.v1 import AppTest

from ui.page_registry import COMPARE

PAGE = COMPARE.script


def open_compare(**params: str) -> AppTest:
    return open_app_page(PAGE, **params)


def doses(at: AppTest) -> dict[str, str]:
    return {str(m.label): str(m.value) for m in at.metric}


def shown(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def url(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k] for k in at.query_params}


def test_b_starts_as_a_copy_of_a() -> None:
    at = open_compare(age_years="72", crcl_ml_min="80")
    assert doses(at) == {
        "A: starting dose": "2 mg once daily",
        "B: starting dose": "2 mg once daily",
    }
    assert "B is the same as A" in at.info[0].value
    assert not any(k.startswith("b.") for k in url(at))


def test_shared_comparison_shows_both_doses_and_explains_the_difference() -> None:
    at = open_compare(crcl_ml_min="72", **{"b.crcl_ml_min": "48"})
    assert doses(at) == {
        "A: starting dose": "4 mg once daily",
        "B: starting dose": "2 mg once daily",
    }
    text = shown(at)
    assert (
        "B gets 2 mg instead of 4 mg because CrCl fell from 72 to 48 mL/min: "
        "\u201cCrCl 48 mL/min is within 30-60 mL/min: use 2 mg daily\u201d" in text
    )
    assert "| Creatinine clearance" in text and "| 72 mL/min | 48 mL/min |" in text
    assert "**New in B (1)**" in text
    assert at.multiselect(key="_b.fields").value == ["crcl_ml_min"]
    assert at.number_input(key="_b.crcl_ml_min").value == 48.0
    assert url(at) == {"crcl_ml_min": "72", "b.crcl_ml_min": "48"}


def test_changing_b_in_the_form_updates_results_and_link() -> None:
    at = open_compare(crcl_ml_min="72")
    at.multiselect(key="_b.fields").set_value(["pregnant"]).run()
    assert not at.exception
    assert at.toggle(key="_b.pregnant").value is False  # starts from A's value
    at.toggle(key="_b.pregnant").set_value(True).run()
    assert doses(at)["B: starting dose"] == "No dose: contraindicated"
    assert any(str(e.value).startswith("**B: Contraindicated**") for e in at.error)
    assert "Pregnant changed from no to yes: \u201cPregnancy is an absolute" in shown(at)
    assert url(at)["b.pregnant"] == "true"


def test_bad_b_values_warn_naming_b_fields_and_keep_as_value() -> None:
    at = open_compare(
        age_years="70", **{"b.age_years": "500", "b.sexx": "male", "b.oat3_inhibitor": "yes"}
    )
    warnings = " ".join(str(w.value) for w in at.warning)
    assert "b\\.age\\_years" in warnings and "500" in warnings and "18 to 120" in warnings
    assert "b\\.sexx" in warnings and "did you mean 'b\\.sex'" in warnings
    assert "B keeps A's value" in warnings
    assert url(at) == {"age_years": "70", "b.oat3_inhibitor": "true"}  # bad ones dropped
    assert "`dose.oat3`" in shown(at)  # the good change applies


def test_hostile_b_value_is_shown_as_text() -> None:
    at = open_compare(**{"b.sex": "<script>alert(1)</script>"})
    warning = " ".join(str(w.value) for w in at.warning)
    assert "b\\.sex" in warning and "&lt;script&gt;" in warning and "<script>" not in warning


def test_a_typed_out_of_range_b_value_is_named_under_its_box_and_not_used() -> None:
    at = open_compare(crcl_ml_min="72", **{"b.crcl_ml_min": "48"})
    box = at.number_input(key="_b.crcl_ml_min")
    # No Streamlit min/max (it would only show a red icon): the model checks the value.
    assert (box.min, box.max) == (None, None)
    box.set_value(999.0).run()
    assert not at.exception
    errors = " ".join(str(e.value) for e in at.error).replace("\\", "")  # markdown escapes
    assert "B: Creatinine clearance" in errors and "999" in errors
    assert "0 to 250 mL/min" in errors
    assert "48 mL/min" in errors  # what B's results use instead: the last valid value
    (column,) = [c for c in at.columns if [n.key for n in c.number_input] == ["_b.crcl_ml_min"]]
    assert "999" in str(column.error[0].value)  # under its own box, in the box's column
    assert not any("Link value" in str(w.value) for w in at.warning)  # not a link problem
    assert doses(at)["B: starting dose"] == "2 mg once daily"  # B's results keep CrCl 48
    assert url(at)["b.crcl_ml_min"] == "48"
    box = at.number_input(key="_b.crcl_ml_min")
    assert box.value == 999.0  # the box keeps what was typed, beside the message
    box.set_value(25.0).run()  # a valid value is used again, and the message goes
    assert doses(at)["B: starting dose"] == "No dose: contraindicated"
    assert not any("999" in str(e.value) for e in at.error)
    assert url(at)["b.crcl_ml_min"] == "25"


def test_a_typed_out_of_range_b_age_keeps_bs_last_valid_age_not_as() -> None:
    at = open_compare(age_years="50", crcl_ml_min="90", **{"b.age_years": "80"})
    assert doses(at)["B: starting dose"] == "2 mg once daily"
    at.number_input(key="_b.age_years").set_value(150).run()
    errors = " ".join(str(e.value) for e in at.error).replace("\\", "")  # markdown escapes
    assert "B: Age" in errors and "150" in errors and "18 to 120" in errors and "80" in errors
    assert doses(at)["B: starting dose"] == "2 mg once daily"  # still 80, not A's 50
    assert url(at)["b.age_years"] == "80"
