"""Dose map at "/dose-map": the starting dose and verdict over age x CrCl, every other input held.

The grid comes from ``core.grid.dose_grid`` (the core's rule table, column-wise), the figure and
its words from ``ui.dose_map_figure`` / ``core.dose_regions``. The quick factors ARE scenario
fields: flipping one changes the shared scenario (and the URL), like the sidebar's checkbox.
"""

import plotly.graph_objects as go
import streamlit as st

from core import Scenario, assess
from core.dose_regions import SummaryLine, map_summary_lines
from core.exports import escape_prose, scenario_slug
from core.grid import DoseGrid, dose_grid
from core.measure_text import shown_measure
from core.scenario import field_info, parse_scenario
from ui.dose_map_figure import MapMarker, dose_map, map_marker
from ui.figure_cache import serialized_once
from ui.figure_style import chart_config
from ui.label_views import render_dose_maps, render_label_notice
from ui.lecture import for_display
from ui.page_registry import EXPLORER, LABELS, RULE_BOOK
from ui.reading import profile_of, reading_id, reading_profile
from ui.reviewer_links import rule_book_link, rule_reviewer_link
from ui.scenario_state import scenario_link, scenario_query, scenario_sidebar
from ui.shell import page_header

# Factors that reshape the whole map (UI choice: one flip shows a block, a reduction, a
# caution everywhere, or the step-1 gate). Each is a contract field.
QUICK_FACTORS: tuple[str, ...] = (
    "oat3_inhibitor",
    "pregnant",
    "biologic_dmard",
    "hbsag_positive",
    "antiviral_prophylaxis",
    "recurrent_infections",
    "failed_csdmard",
)
# Inputs the grid replaces (age, CrCl) or that only feed the CrCl it replaces.
GRID_REPLACES = ("age_years", "crcl_ml_min", "creatinine_mg_dl", "creatinine_umol_l")

QueryKey = tuple[tuple[str, str], ...]


def grid_key(scenario: Scenario) -> QueryKey:
    """The scenario's inputs the map holds fixed, as a hashable cache key."""
    return tuple(
        (name, value)
        for name, value in scenario_query(scenario).items()
        if name not in GRID_REPLACES
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_grid(key: QueryKey, reading: str = "") -> DoseGrid:
    """The grid for one set of held inputs under a reading (pure in the key; never mutated, so
    shareable)."""
    return dose_grid(parse_scenario(dict(key)), profile=profile_of(reading))


@st.cache_resource(max_entries=128, show_spinner=False)
def cached_figure(key: QueryKey, marker: MapMarker, reading: str = "") -> go.Figure:
    """The figure for held inputs + marker under a reading (never mutated, so serialised
    once)."""
    return serialized_once(dose_map(cached_grid(key, reading), marker))


FACTORS_KEY = "_dose_map_factors"  # the chips of the quick factors (their value: those on)


def _copy_factors() -> None:
    # on_change: the chips write their scenario fields; the URL sync picks them up on this run.
    chosen = set(st.session_state.get(FACTORS_KEY) or ())
    for field in QUICK_FACTORS:
        st.session_state[field] = field in chosen


def render_factor_chips(scenario: Scenario) -> None:
    """The quick factors as one row of chips, each on (highlighted) when the shared scenario has
    it; a click flips that scenario input. One element: the browser re-renders every element on
    every input, and seven toggles cost it about 3 ms of CPU each (bench/element_cost.py)."""
    st.session_state[FACTORS_KEY] = [f for f in QUICK_FACTORS if getattr(scenario, f)]
    st.pills(
        "Flip a factor, watch the map",
        QUICK_FACTORS,
        format_func=lambda field: str(field_info(field)["label"]),
        selection_mode="multi",
        key=FACTORS_KEY,
        on_change=_copy_factors,
        wrap=True,  # in a column Streamlit would keep them on one row, scrolled sideways
        help="A highlighted factor is on. These are scenario inputs: they change the shared "
        "scenario and the link, like the same inputs in the sidebar.",
    )


def summary_markdown(lines: list[SummaryLine], scenario: Scenario) -> str:
    """The summary as a Markdown list; each rule id is a small reviewer link to its row in the
    rule book (the sentence itself is plain words)."""
    items = []
    for line in lines:
        parts = [
            f"{escape_prose(where)} {rule_reviewer_link(scenario, rule)}"
            for where, rule in line.parts
        ]
        text = escape_prose(line.head) + (" " + "; ".join(parts) + "." if parts else "")
        items.append(f"- {text}")
    return "\n".join(items)


def scenario_words(scenario: Scenario, crcl: float | None, result: str) -> str:
    """Where this scenario sits on the map, in words."""
    age = f"age {scenario.age_years}"
    if crcl is None:
        return (
            f"**This scenario** ({age}): renal function unknown, so it has no place on the CrCl "
            f"axis and no marker. Its result: {escape_prose(result)}."
        )
    where = f"{age}, CrCl {shown_measure(crcl, 'crcl')} mL/min"
    off = " (off the map: the star sits at the edge)" if scenario.age_years > 100 else ""
    return f"**This scenario** (★ {where}){off}: {escape_prose(result)}."


page_header(
    "Dose map",
    "Starting dose and verdict for every age and CrCl, every other input held at the current "
    "scenario. Hover a region for its rules, a dashed line for the rule and its sentence.",
)
scenario = scenario_sidebar("dose_map")
assessment = assess(scenario, reading_profile())
marker = map_marker(assessment)
result = marker.result
key = grid_key(scenario)
grid = cached_grid(key, reading_id())
crcl = assessment.crcl_ml_min_used
figure = cached_figure(key, marker, reading_id())

chart, words = st.columns([5, 2], gap="small")
with chart:
    st.plotly_chart(
        for_display(figure),
        theme=None,
        config=chart_config(f"baricitinib-dose-map-{scenario_slug(assessment)}"),
        key="dose_map",
        width="stretch",
    )
    st.caption(
        "What the map assumes: each cell is this scenario with its age and CrCl replaced. The "
        "CrCl axis stands in for the scenario's serum creatinine or known CrCl, so 'renal "
        "function unknown' cannot occur on the map. A fixed creatinine would give a lower "
        "Cockcroft-Gault CrCl as age rises; the map takes CrCl as given. Ages 18-100 "
        "(the app accepts up to 120), CrCl 0-250 mL/min in steps of 1."
    )
with words:
    render_factor_chips(scenario)
    explorer_link = scenario_link(EXPLORER.url_path, scenario)
    # One Markdown element (each element is one more message the browser re-renders on every
    # click): the heading, where this scenario sits, the summary and the two links.
    st.markdown(
        "\n\n".join(
            [
                "##### In words",
                scenario_words(scenario, crcl, result),
                summary_markdown(map_summary_lines(grid), scenario),
                f"{EXPLORER.icon} [Open this scenario in the Explorer]({explorer_link}) · "
                f"{RULE_BOOK.icon} [All rules in the rule book]({rule_book_link(scenario)})",
            ]
        )
    )

# The same map under the drug labels, as small multiples (one per profile, shared axes).
# Behind a toggle because the three extra grids and figure cost ~0.3 s the first time.
st.divider()
if st.toggle(
    "Compare with the drug labels (EU SmPC, US label): one map per profile",
    key="_dose_map.show_profiles",
    help="The article stays the default profile; this only shows where the labels differ.",
):
    render_label_notice()
    render_dose_maps(scenario)
    st.markdown(
        f"Differences explained with both sources quoted: "
        f"[Article vs. drug labels]({scenario_link(LABELS.url_path, scenario)})"
    )
