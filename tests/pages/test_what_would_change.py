"""'What would change this answer?' on the Explorer (AppTest): computed changes as links to the
compare page, which opens with the change as B."""

from __future__ import annotations

from app_pages import open_app_page

from ui.page_registry import COMPARE, EXPLORER


def _text(at) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(m.value for m in at.markdown)


def test_explorer_lists_the_changes_with_compare_links() -> None:
    at = open_app_page(EXPLORER.script, age_years="72", crcl_ml_min="45")
    text = _text(at)
    assert "##### What would change this answer?" in text
    # Where the inputs sit between the limits, in small type under the heading.
    assert "CrCl 45 mL/min: 15 above the 30 limit, 15 below the 60 limit]" in text
    assert ":small[Age 72 years: 7 above the 65 limit, 2 above the 70 limit · CrCl" in text
    assert (
        "[CrCl 29.9 mL/min (15.1 mL/min lower): Contraindicated, no dose]"
        "(compare?age_years=72&crcl_ml_min=45&b.crcl_ml_min=29.9)"
    ) in text
    assert "b.hbsag_positive=true" in text


def test_the_link_opens_compare_with_the_change_as_b() -> None:
    at = open_app_page(
        COMPARE.script, age_years="72", crcl_ml_min="45", **{"b.crcl_ml_min": "29.9"}
    )
    text = _text(at)
    assert "Contraindicated" in "\n".join(e.value for e in at.error)
    assert "B: starting dose" in [m.label for m in at.metric]
    assert "**Scenario B = A with these changes**" in text


def test_under_a_reading_the_changes_follow_it_and_keep_it_in_the_links() -> None:
    at = open_app_page(EXPLORER.script, reading="age_thresholds", age_years="60")
    text = _text(at)
    assert "b.age_years=65&reading=age_thresholds" in text
    assert "b.age_years=66" not in text
