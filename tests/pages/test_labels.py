"""AppTest of /labels through app.py: the scenario under the three profiles side by side, the
differences with both sources, the US eGFR rule, and the comparison table with every topic."""

from __future__ import annotations

from app_pages import open_app_page
from streamlit.testing.v1 import AppTest

from core.profiles import CHECK_CURRENT_LABEL, PROFILES, TOPICS, comparison_table
from core.profiles.differences import profile_column_title
from core.rules import VERDICT_LABELS, Verdict
from ui.label_views import NO_RULE_FIRES
from ui.page_registry import LABELS

PAGE = LABELS.script


def run_labels(**params: str) -> AppTest:
    return open_app_page(PAGE, timeout=60, **params)


def doses(at: AppTest) -> list[str]:
    return [str(m.value) for m in at.metric]


def shown_text(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def alerts(at: AppTest) -> str:
    return " ".join(
        str(getattr(e, "value", ""))
        for kind in ("error", "warning", "info", "success")
        for e in at.get(kind)
    )


def table_rows(at: AppTest) -> list[dict[str, str]]:
    frame = at.table[0].value
    return [dict(row) for _, row in frame.iterrows()]


def test_defaults_render_three_profiles_notice_and_map() -> None:
    at = run_labels()
    # renal function unknown: the article and the EU SmPC ask for it, the US label for an eGFR
    assert doses(at) == ["Enter renal function", "Enter renal function", "US label needs eGFR"]
    assert "Check the current label" in alerts(at)
    assert CHECK_CURRENT_LABEL.split(":")[0] in alerts(at)
    assert len(at.get("plotly_chart")) == 1
    headers = [str(m.value) for m in at.main.markdown if str(m.value).startswith("#### ")]
    assert headers == ["#### Article", "#### EU SmPC", "#### US label"]
    assert not [w for w in at.warning if "not a scenario field" in str(w.value)]


def test_issue_example_shows_the_differences() -> None:
    at = run_labels(age_years="68", weight_kg="70", creatinine_mg_dl="1.2")
    assert doses(at) == ["2 mg once daily", "2 mg once daily", "1 mg once daily"]
    text = shown_text(at)
    # article: 2 mg for renal function, caution for age
    assert "CrCl 49.6 mL/min is within 30-60 mL/min: use 2 mg daily" in text
    assert "Age 68 is over 65: higher risk of serious infections." in text
    # EU: 2 mg for age and renal function, only if no suitable alternative
    assert "Age 68 (65 or over): 2 mg once daily (EU SmPC since 2023" in text
    assert "CrCl 49.6 mL/min is within 30-60 mL/min: 2 mg once daily (EU SmPC)" in text
    assert "use only if no suitable alternative is available" in text
    # US: 1 mg for eGFR 30 to < 60, with the eGFR working
    assert "eGFR 49.3 mL/min/1.73 m² is 30 to below 60: 1 mg once daily (US label)" in text
    assert "CKD-EPI 2021" in " ".join(str(c.value) for c in at.caption)
    # The age difference: the article's rule does not apply at 68, its passage is quoted,
    # and the EU rule's label source is cited.
    age_block = next(m for m in at.markdown if str(m.value).startswith("**Article:** over 70"))
    assert NO_RULE_FIRES in str(age_block.value)
    assert "Patients over 70 years: reduce to 2 mg daily" in str(age_block.value)
    assert "EU package leaflet, post-2023 text" in text
    assert "**Age**" in text and "**Moderate renal impairment**" in text


def test_crcl_only_us_says_it_needs_creatinine() -> None:
    at = run_labels(age_years="68", crcl_ml_min="50")
    assert doses(at) == ["2 mg once daily", "2 mg once daily", "US label needs eGFR"]
    text = shown_text(at)
    assert "the US label doses by eGFR, which needs a serum creatinine" in text
    captions = " ".join(str(c.value) for c in at.caption)
    assert "eGFR unknown: no serum creatinine" in captions
    assert "not converted into an eGFR" in captions


def test_comparison_table_lists_every_topic_with_sources_and_dates() -> None:
    at = run_labels()
    rows = table_rows(at)
    assert [row["Topic"] for row in rows] == [label for _, label in TOPICS]
    for row, comparison in zip(rows, comparison_table(), strict=True):
        for cell in comparison.cells:
            shown = row[profile_column_title(PROFILES[cell.profile_id])]
            assert cell.text in shown
            assert all(source in shown for source in cell.sources), (comparison.topic, shown)
    us_contraception = next(r for r in rows if r["Topic"] == "contraception")
    assert us_contraception["US label (compiled 2026-12)"].startswith("unverified:")
    expander = next(e for e in at.expander if "Sources cited" in e.label)
    cited = "\n".join(str(m.value) for m in expander.markdown)
    assert "U15" in cited and "US label highlights 2018 (copy)" in cited
    assert "(https://docslib.org/doc/783196/" in cited  # the address as a link
    assert "dosing.age\\_over\\_70" in cited


def verdicts(at: AppTest) -> list[str]:
    return [str(a.value) for kind in ("error", "warning", "info", "success") for a in at.get(kind)]


def test_severe_infection_on_a_biologic_is_no_label_recommended() -> None:
    """Failed before the 2026-12 facts: EU and US both said "Recommended"."""
    at = run_labels(
        age_years="50",
        creatinine_mg_dl="0.8",
        active_serious_infection="true",
        biologic_dmard="true",
    )
    shown = " ".join(verdicts(at))
    assert f"**{VERDICT_LABELS[Verdict.contraindicated]}**" in shown
    assert shown.count(f"**{VERDICT_LABELS[Verdict.not_recommended]}**") == 2
    assert f"**{VERDICT_LABELS[Verdict.recommended]}**" not in shown
    assert doses(at) == [
        "No dose: contraindicated",
        "No dose: not recommended",
        "No dose: not recommended",
    ]
    text = shown_text(at)
    # The infection topic: the article's ban, the EU caution as worded, the US "avoid".
    assert "**Active serious infection (incl. localized, sepsis, opportunistic)**" in text
    assert "“active, chronic or recurrent infections”" in text
    assert "“active, serious infection, including localized infections”" in text
    assert "Label facts compiled 2026-12: check the current label." in text


def test_an_input_the_facts_do_not_cover_is_shown_as_such() -> None:
    at = run_labels(age_years="50", creatinine_mg_dl="0.8", hiv_positive="true")
    shown = " ".join(verdicts(at))
    assert shown.count(f"**{VERDICT_LABELS[Verdict.not_covered]}**") == 2
    assert doses(at) == ["4 mg once daily", "No dose: not covered", "No dose: not covered"]
    text = shown_text(at)
    assert "The label facts do not cover this" in text
    assert "HIV positive: the compiled EU SmPC facts do not cover this" in text
    assert "HIV testing in high-risk populations" in text  # the article passage, quoted
    why = " ".join(str(c.value) for c in at.caption)
    assert "Why: HIV positive: the compiled US label facts do not cover this" in why
    assert "**LF** — Article vs. drug labels: facts for the comparison profiles" in text
