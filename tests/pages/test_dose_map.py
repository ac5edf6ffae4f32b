"""AppTest of the dose map page through app.py: defaults, shared links, factor chips, bad links."""

from __future__ import annotations

import json
import re
from typing import Any

from app_pages import APP, open_app_page
from streamlit.testing.v1 import AppTest

from ui.dose_map_figure import MARKER_NAME, UNKNOWN_RENAL_NOTE
from ui.page_registry import DOSE_MAP

PAGE = DOSE_MAP.script
FACTORS = "_dose_map_factors"  # the quick factors' chips on the page (views/dose_map.py)


def open_page(**params: str) -> AppTest:
    """The page at a shared link (the Explorer runs first: switch_page needs a run)."""
    return open_app_page(PAGE, **params)


def figure(at: AppTest) -> dict[str, Any]:
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec: dict[str, Any] = json.loads(charts[0].proto.spec)
    return spec


def words(at: AppTest) -> str:
    return " ".join(str(m.value) for m in at.markdown)


def test_defaults_show_the_map_words_and_no_marker() -> None:
    at = open_page()
    spec = figure(at)
    assert not any(t.get("name") == MARKER_NAME for t in spec["data"])
    assert UNKNOWN_RENAL_NOTE in [a["text"] for a in spec["layout"]["annotations"]]
    text = words(at)
    assert "dose.age_over_70" in text and "ci.crcl_below_30" in text
    assert "renal function unknown" in text
    assert "rule-book?" in text and "rule=dose.crcl_30_60" in text  # one click to the rule
    assert not at.warning


def test_shared_link_places_the_marker_and_sets_the_toggles() -> None:
    at = open_page(age_years="72", crcl_ml_min="45", oat3_inhibitor="true")
    star = next(t for t in figure(at)["data"] if t.get("name") == MARKER_NAME)
    assert (star["x"], star["y"]) == ([72], [45])
    assert "2 mg once daily" in star["hovertemplate"]
    # On (highlighted): the link's OAT3 inhibitor and the default csDMARD failure; the rest off.
    assert at.pills(key=FACTORS).value == ["oat3_inhibitor", "failed_csdmard"]
    text = words(at)
    assert "dose.oat3" in text and "No cell of the map gives 4 mg" in text
    assert "★ age 72, CrCl 45 mL/min" in text


def test_a_quick_toggle_changes_the_shared_scenario_and_the_map() -> None:
    at = open_page(age_years="60", crcl_ml_min="90")
    assert "Contraindicated 100%" not in words(at)
    at.pills(key=FACTORS).select("pregnant").run()
    assert not at.exception
    assert at.query_params["pregnant"] == "true"  # a scenario field: it stays in the link
    assert at.checkbox(key="pregnant").value is True  # the sidebar shows the same input
    assert "everywhere on the map :small[([`ci.pregnancy`](rule-book?" in words(at)
    assert "Contraindicated 100%" in words(at)
    heat = next(t for t in figure(at)["data"] if t["type"] == "heatmap")
    assert {z for row in heat["z"] for z in row} == {0}  # every brick contraindicated
    at.pills(key=FACTORS).unselect("pregnant").run()
    assert "pregnant" not in at.query_params


def test_bad_link_value_is_named_and_the_page_still_draws() -> None:
    at = open_page(age_years="abc", crcl_ml_min="45")
    shown = [str(w.value).replace("\\", "") for w in at.warning]  # Markdown escapes removed
    assert any("age_years" in text and "'abc'" in text for text in shown)
    star = next(t for t in figure(at)["data"] if t.get("name") == MARKER_NAME)
    assert star["x"] == [50]  # the default age, said so in the warning


def test_old_age_marker_sits_at_the_edge_and_says_so() -> None:
    at = open_page(age_years="110", crcl_ml_min="45")
    assert "off the map" in words(at)


def test_switching_from_the_explorer_with_the_default_scenario_keeps_it() -> None:
    """Regression: a default scenario writes no URL field, and the page switch used to bring
    the widgets back at their minimums (age 18, weight 20, no csDMARD failure)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.slider(key="age_years").value == 50
    assert {k: at.query_params[k] for k in at.query_params} == {}


def test_label_profile_maps_appear_only_when_asked_and_show_the_us_1_mg_band() -> None:
    at = open_page(age_years="68", creatinine_mg_dl="1.2")
    assert len(at.get("plotly_chart")) == 1  # the extra grids cost time: off by default
    toggle = next(t for t in at.toggle if t.key == "_dose_map.show_profiles")
    toggle.set_value(True).run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    spec = json.loads(charts[1].proto.spec)
    titles = " ".join(a.get("text", "") for a in spec["layout"].get("annotations", []))
    assert "eGFR" in json.dumps(spec["layout"])  # the US panel's own renal axis
    assert "EU" in titles and "US" in titles
    assert "1 mg" in json.dumps(spec["data"])  # the US label's reduced dose is drawn


def test_label_small_multiples_are_drawn_like_the_main_map_with_one_legend() -> None:
    for lecture in ("0", "1"):
        at = open_page(age_years="68", creatinine_mg_dl="1.2", lecture=lecture)
        next(t for t in at.toggle if t.key == "_dose_map.show_profiles").set_value(True).run()
        assert not at.exception
        main, panels = (json.loads(chart.proto.spec) for chart in at.get("plotly_chart"))
        main_heat = next(t for t in main["data"] if t["type"] == "heatmap")
        heats = [t for t in panels["data"] if t["type"] == "heatmap"]
        assert len(heats) == 3
        assert all(t["colorscale"] == main_heat["colorscale"] for t in heats)
        legend = [t["name"] for t in panels["data"] if t.get("showlegend") is True]
        assert len(legend) == len(set(legend))  # one legend, each entry once
        main_legend = [t["name"] for t in main["data"] if t.get("showlegend") is True]
        assert set(main_legend) <= set(legend)
        layout = panels["layout"]
        ranges = {
            tuple(layout[key]["range"]) for key in layout if key.startswith(("xaxis", "yaxis"))
        }
        assert ranges == {
            tuple(main["layout"]["xaxis"]["range"]),
            tuple(main["layout"]["yaxis"]["range"]),
        }
        smallest = min(
            [a["font"]["size"] for a in layout["annotations"]]
            + [layout[k]["tickfont"]["size"] for k in layout if k.startswith(("xaxis", "yaxis"))]
        )
        assert smallest >= (20 if lecture == "1" else 15), (lecture, smallest)


def test_a_stacking_reading_summarises_the_1_mg_its_cells_give() -> None:
    at = open_page(reading="dose_below_2mg", age_years="75", crcl_ml_min="45")
    assert not at.exception
    text = words(at)
    assert "The dose drops to 1 mg" in text
    # Where age and CrCl both reduce, the cells give 1 mg: 2 mg over 70 only above CrCl 60.
    assert "The dose drops to 2 mg within ages 71–100 and CrCl 61–250 mL/min" in text


def test_the_summary_gives_rule_ids_only_as_small_reviewer_links() -> None:
    at = open_page(age_years="75", crcl_ml_min="45")
    words = next(str(m.value) for m in at.markdown if str(m.value).startswith("##### In words"))
    summary = "\n".join(line for line in words.splitlines() if line.startswith("- "))
    assert summary.startswith("- The dose"), summary
    prose = re.sub(r":small\[(?:[^\[\]]|\[[^\]]*\])*\]", "", summary)
    assert "dose.age_over_70" in summary and "rule=dose.age_over_70" in summary
    assert not re.findall(r"\b(?:ci|nr|ni|dose|caution|silent|advice)\.[a-z_0-9]+", prose), prose
