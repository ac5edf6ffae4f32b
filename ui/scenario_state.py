"""The scenario's state: one explicit sync between the URL query string and the input widgets.

Every page calls ONE of these at the top of its script (after ``shell.page_header``):

``scenario = scenario_sidebar(page_id, extra_params=("passage",))``
    Renders the scenario inputs in the sidebar and returns the current ``Scenario``.

``scenario = current_scenario(page_id, extra_params=..., render=my_inputs)``
    The lower-level form: ``render`` (a no-argument callable) draws the inputs wherever the page
    wants them, e.g. ``lambda: render_scenario_inputs(container)``. With ``render=None`` no
    widget is drawn: the page only reads the scenario (from the link, or the last one the session
    used) and keeps it in the address.

``reset_to_defaults()``
    Puts every input back to its default (usable as a button's ``on_click``).

``scenario_link(page_path, scenario, **extra) -> str``
    A relative link such as ``"source?age_years=72&passage=dosing.standard"`` for
    "open in ..." links; ``scenario_query(scenario)`` is its query part as a dict.

``extra_params`` names the query parameters a page owns besides the scenario fields (e.g.
``"passage"``, ``"case"``, ``"profile"``); a name ending in ``"."`` is a prefix (``"b."`` keeps
``b.age_years`` for a compare page). ``APP_PARAMS`` (``lecture``, ``reading``) are kept on every
page. Any other parameter is reported as an unknown field (closest name suggested) and dropped.

How the source of truth is chosen, at the top of every run:

1. The URL holds scenario fields that differ from what this session last wrote (a shared link,
   a ``page_link`` with ``query_params``, a hand edit): the URL wins. It is validated with
   ``core.scenario.parse_scenario_keeping_valid``; good fields are kept, and every bad one (or a
   repeated one) is shown in a visible warning naming the field, the value and what is allowed,
   and takes its default.
2. The URL has no scenario field but the session has a scenario (``st.navigation`` clears the
   query string on a page switch): that scenario is restored.
3. Otherwise the widgets keep their own state.

Then the widgets run (key = contract field name, seeded only through ``st.session_state``),
the Scenario is built from them, kept in a non-widget session key, and the query string is
rewritten to exactly the non-default fields (plus the kept extras) -- only when it changed.
``bind="query-params"`` is not used: it truncates 72.5 to 72, drops valid spellings such as
``pregnant=yes`` and loses URL-seeded values on a page switch.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from core.errors import FieldProblem, unknown_field_problem
from core.exports import escape_markdown
from core.renal import creatinine_mg_dl_from_umol_l, creatinine_umol_l_from_mg_dl
from core.scenario import DEFAULTS, FIELD_NAMES, Scenario, parse_scenario_keeping_valid

APP_PARAMS: tuple[str, ...] = ("lecture", "reading")
"""Query parameters every page keeps (lecture mode; the audit's other reading)."""

# Session keys that are not widget keys (so Streamlit never drops them on a page switch).
_SCENARIO_KEY = "_scenario.current"
_WRITTEN_KEY = "_scenario.url_written"
_PAGE_KEY = "_scenario.page"

# The creatinine is one number box with a unit switch; these two keys are UI-only.
UNIT_KEY = "creatinine_unit"
CREATININE_KEY = "creatinine_value"
MG_DL = "mg/dL"
UMOL_L = "µmol/L"

_CREATININE_FIELDS = ("creatinine_mg_dl", "creatinine_umol_l")
_WIDGET_FIELDS = tuple(name for name in FIELD_NAMES if name not in _CREATININE_FIELDS)

RenderInputs = Callable[[], None]


# ---------------------------------------------------------------- encoding


def encode_value(value: Any) -> str:
    """One field value as it appears in a URL: booleans true/false, 72.0 as 72, enums by value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(getattr(value, "value", value))


def scenario_query(scenario: Scenario) -> dict[str, str]:
    """The scenario's non-default fields as URL query values (contract order)."""
    return {name: encode_value(value) for name, value in scenario.changed_fields().items()}


def scenario_link(page_path: str, scenario: Scenario, **extra: str) -> str:
    """A relative link to ``page_path`` (a url path such as ``"source"``; ``""`` = the Explorer)
    carrying the scenario's non-default fields and any ``extra`` parameters."""
    params = {**scenario_query(scenario), **{k: str(v) for k, v in extra.items()}}
    query = urlencode(params)
    path = page_path or "./"
    return f"{path}?{query}" if query else path


# ---------------------------------------------------------------- widget values


def widget_values(scenario: Scenario) -> dict[str, Any]:
    """The session-state values that make the input widgets show ``scenario``."""
    dumped = scenario.model_dump()
    values: dict[str, Any] = {}
    for name in _WIDGET_FIELDS:
        value = dumped[name]
        values[name] = getattr(value, "value", value)
    if scenario.creatinine_umol_l is not None:
        values[UNIT_KEY], values[CREATININE_KEY] = UMOL_L, scenario.creatinine_umol_l
    elif scenario.creatinine_mg_dl is not None:
        values[UNIT_KEY], values[CREATININE_KEY] = MG_DL, scenario.creatinine_mg_dl
    else:
        values[CREATININE_KEY] = None
    return values


def _seed(scenario: Scenario, only_missing: bool) -> None:
    for key, value in widget_values(scenario).items():
        if not only_missing or key not in st.session_state:
            st.session_state[key] = value
    if UNIT_KEY not in st.session_state:
        st.session_state[UNIT_KEY] = MG_DL


def _scenario_from_widgets() -> tuple[Scenario, tuple[FieldProblem, ...]]:
    data: dict[str, Any] = {name: st.session_state.get(name) for name in _WIDGET_FIELDS}
    creatinine = st.session_state.get(CREATININE_KEY)
    if creatinine is not None:
        field = (
            "creatinine_umol_l"
            if st.session_state.get(UNIT_KEY) == UMOL_L
            else ("creatinine_mg_dl")
        )
        data[field] = creatinine
    return parse_scenario_keeping_valid(data)


def convert_creatinine_unit() -> None:
    """``on_change`` of the unit switch: convert the number in the box to the new unit."""
    value = st.session_state.get(CREATININE_KEY)
    if value is None:
        return
    if st.session_state.get(UNIT_KEY) == UMOL_L:
        st.session_state[CREATININE_KEY] = round(creatinine_umol_l_from_mg_dl(value), 1)
    else:
        st.session_state[CREATININE_KEY] = round(creatinine_mg_dl_from_umol_l(value), 2)


def reset_to_defaults() -> None:
    """Put every scenario input back to its default (safe as a button's ``on_click``)."""
    _seed(Scenario(), only_missing=False)
    st.session_state[UNIT_KEY] = MG_DL


# ---------------------------------------------------------------- the sync


def _is_extra(name: str, extras: Collection[str]) -> bool:
    return any(name == e or (e.endswith(".") and name.startswith(e)) for e in extras)


def split_query(
    params: Mapping[str, Sequence[str]], extras: Collection[str]
) -> tuple[dict[str, list[str]], list[str]]:
    """The scenario fields of a parsed query string (every value, to see repeats) and the
    unknown names (neither a field nor one of ``extras``). Pure: the URL fuzz tests call it."""
    fields: dict[str, list[str]] = {}
    unknown: list[str] = []
    for name, values in params.items():
        if name in FIELD_NAMES:
            fields[name] = list(values)
        elif not _is_extra(name, extras):
            unknown.append(name)
    return fields, unknown


def parse_query_fields(fields: Mapping[str, list[str]]) -> tuple[Scenario, list[FieldProblem]]:
    """The Scenario from ``split_query``'s fields: each bad or repeated field is a problem and
    takes its default; the good ones are kept. Pure: the URL fuzz tests call it."""
    single = {name: values[0] for name, values in fields.items() if len(values) == 1}
    problems = [
        FieldProblem(name, values, f"one value (the field is given {len(values)} times)")
        for name, values in fields.items()
        if len(values) != 1
    ]
    scenario, found = parse_scenario_keeping_valid(single)
    return scenario, problems + list(found)


def _default_words(name: str) -> str:
    default = DEFAULTS.get(name)
    return "blank" if default is None else encode_value(default)


def _warn(problems: Iterable[FieldProblem]) -> None:
    for problem in problems:
        if problem.unknown:
            text = f"Link parameter ignored: {problem.message()}."
        else:
            text = (
                f"Link value not used: {problem.message()}. "
                f"The default ({_default_words(problem.field)}) is used instead."
            )
        # The value came from the URL: escaped, so it can neither format nor link anything.
        st.warning(escape_markdown(text), icon=":material/warning:")


def _widgets_moved(remembered: Scenario) -> bool:
    """True when a live input widget (or an input callback) holds a value other than the one the
    last run ended with, i.e. the user changed an input since."""
    return any(
        key in st.session_state and st.session_state[key] != value
        for key, value in widget_values(remembered).items()
    )


def _sync_in(page_id: str, extras: Collection[str]) -> None:
    """Before the widgets: decide the source of truth and seed the widget keys from it."""
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    fields, unknown = split_query(params, extras)
    written: dict[str, list[str]] | None = st.session_state.get(_WRITTEN_KEY)
    remembered: Scenario | None = st.session_state.get(_SCENARIO_KEY)
    # A page switch drops the widgets' state; a default scenario writes no field (written is
    # {}), so the switch must be seen from the page id, or the widgets come back at their
    # minimums (age 18, weight 20, no csDMARD failure).
    switched = st.session_state.get(_PAGE_KEY) not in (None, page_id)
    st.session_state[_PAGE_KEY] = page_id
    _warn(unknown_field_problem(name, FIELD_NAMES) for name in unknown)
    if not switched and remembered is not None and _widgets_moved(remembered):
        # The user changed an input in this run: that wins. The address that came with the
        # rerun can be one of our own earlier writes not yet applied by the browser (fast
        # slider moves under load); adopting it would undo the move.
        _seed(remembered, only_missing=True)
    elif fields and fields != written:
        scenario, problems = parse_query_fields(fields)
        _warn(problems)
        _seed(scenario, only_missing=False)
    elif not fields and remembered is not None and (written or switched):
        _seed(remembered, only_missing=False)
    else:
        _seed(remembered or Scenario(), only_missing=True)


def _sync_out(extras: Collection[str]) -> Scenario:
    """After the widgets: build the Scenario, remember it, write the URL if it changed."""
    scenario, problems = _scenario_from_widgets()
    _warn(problems)  # widgets keep values in range; this only speaks if a page seeded nonsense
    st.session_state[_SCENARIO_KEY] = scenario
    wanted = {name: [value] for name, value in scenario_query(scenario).items()}
    kept = {
        name: st.query_params.get_all(name)
        for name in st.query_params
        if name not in FIELD_NAMES and _is_extra(name, extras)
    }
    target = {**wanted, **kept}
    current = {name: st.query_params.get_all(name) for name in st.query_params}
    if current != target:
        st.query_params.from_dict(target)
    st.session_state[_WRITTEN_KEY] = wanted
    return scenario


def current_scenario(
    page_id: str,
    extra_params: Iterable[str] = (),
    render: RenderInputs | None = None,
) -> Scenario:
    """Sync the URL and the inputs, run ``render`` (the page's input widgets) in between, and
    return the current Scenario. ``page_id`` is a short stable name of the calling page."""
    extras = (*APP_PARAMS, *extra_params)
    _sync_in(page_id, extras)
    if render is not None:
        render()
    return _sync_out(extras)


def scenario_sidebar(page_id: str, extra_params: Iterable[str] = ()) -> Scenario:
    """The usual form: the scenario inputs in the sidebar; returns the current Scenario."""
    from ui.scenario_inputs import render_scenario_inputs  # inputs import this module

    def render() -> None:
        with st.sidebar:
            render_scenario_inputs()

    return current_scenario(page_id, extra_params, render)


__all__ = [
    "APP_PARAMS",
    "MG_DL",
    "UMOL_L",
    "convert_creatinine_unit",
    "current_scenario",
    "encode_value",
    "parse_query_fields",
    "reset_to_defaults",
    "scenario_link",
    "scenario_query",
    "scenario_sidebar",
    "split_query",
    "widget_values",
]
