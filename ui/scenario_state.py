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

After a reconnection to a new session (a dead replica, a restarted server) the browser tab
keeps the case: ``ui.reconnection`` (the tab's case restored on a page switch, an input that
could not be applied said so).

Inputs never change the patient behind the user's back:

- The number boxes carry no min/max of their own (Streamlit replaces a value outside them by the
  box's default, and its browser side only shows a red icon for a typed one): the model checks
  the value, a bad one is named beside the box and in the page, and the results keep the last
  valid value. Clearing an optional box means "not known"; clearing a required one (weight)
  puts its value back and says so.
- The creatinine is kept as it was given (field and value): switching the unit shows the value
  converted, but the rules go on using the given one until the number itself is edited, so a
  round trip through the other unit changes nothing.
- Any widget Streamlit still resets in a run (a value outside a slider's range) is detected:
  the value seeded is kept and the reset is named in a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from core.errors import FieldProblem
from core.exports import escape_markdown
from core.field_words import value_words
from core.renal import creatinine_mg_dl_from_umol_l, creatinine_umol_l_from_mg_dl
from core.scenario import (
    DEFAULTS,
    FIELD_NAMES,
    Scenario,
    allowed_values,
    field_info,
    parse_scenario_keeping_valid,
)
from ui.reconnection import reconnection_notice, tab_case_script
from ui.url_params import (
    UNREAD_PARAM,
    repeated_problem,
    unknown_parameter_problem,
    unread_link_notice,
    unread_link_script,
    warn_link_problem,
)

LECTURE_PARAM = "lecture"
READING_PARAM = "reading"
CARRIED_PARAMS: tuple[str, ...] = (LECTURE_PARAM, READING_PARAM)
"""Parameters that change every page (lecture mode; the audit's other reading): a restored
case carries them along with the scenario fields."""
APP_PARAMS: tuple[str, ...] = (*CARRIED_PARAMS, UNREAD_PARAM)
"""Query parameters every page keeps (lecture mode; the audit's other reading; the notice of a
link Streamlit dropped)."""

# Session keys that are not widget keys (so Streamlit never drops them on a page switch).
_SCENARIO_KEY = "_scenario.current"
_WRITTEN_KEY = "_scenario.url_written"
_PAGE_KEY = "_scenario.page"
_GIVEN_CREATININE_KEY = "_scenario.creatinine_given"  # (field, value) as last given
_NOTICE_KEY = "_scenario.notice"  # a message from an input callback, shown on the next run

# The creatinine is one number box with a unit switch; these two keys are UI-only.
UNIT_KEY = "creatinine_unit"
CREATININE_KEY = "creatinine_value"
MG_DL = "mg/dL"
UMOL_L = "µmol/L"

_CREATININE_FIELDS = ("creatinine_mg_dl", "creatinine_umol_l")
_WIDGET_FIELDS = tuple(name for name in FIELD_NAMES if name not in _CREATININE_FIELDS)
_UNIT_FIELDS = {MG_DL: "creatinine_mg_dl", UMOL_L: "creatinine_umol_l"}
_UNIT_DIGITS = {MG_DL: 2, UMOL_L: 1}  # what the box shows; the value given is kept exactly

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


def _given_creatinine(scenario: Scenario) -> tuple[str, float] | None:
    for field in _CREATININE_FIELDS:
        value = getattr(scenario, field)
        if value is not None:
            return field, value
    return None


def _seed(scenario: Scenario, only_missing: bool) -> None:
    for key, value in widget_values(scenario).items():
        if not only_missing or key not in st.session_state:
            st.session_state[key] = value
    if not only_missing or _GIVEN_CREATININE_KEY not in st.session_state:
        st.session_state[_GIVEN_CREATININE_KEY] = _given_creatinine(scenario)
    if UNIT_KEY not in st.session_state:
        st.session_state[UNIT_KEY] = MG_DL


def creatinine_in_unit(field: str, value: float, unit: str) -> float:
    """A creatinine given as ``field`` = ``value``, as the box shows it in ``unit``."""
    if _UNIT_FIELDS[unit] == field:
        return value
    converted = (
        creatinine_umol_l_from_mg_dl(value)
        if unit == UMOL_L
        else creatinine_mg_dl_from_umol_l(value)
    )
    return round(converted, _UNIT_DIGITS[unit])


def _creatinine_data() -> dict[str, Any]:
    """The creatinine field for the Scenario: the one given, while the box shows it (in either
    unit); the box's number in the box's unit once the user has edited it."""
    box = st.session_state.get(CREATININE_KEY)
    if box is None:
        return {}
    unit = st.session_state.get(UNIT_KEY, MG_DL)
    given: tuple[str, float] | None = st.session_state.get(_GIVEN_CREATININE_KEY)
    if given is not None and creatinine_in_unit(*given, unit) == box:
        return {given[0]: given[1]}
    return {_UNIT_FIELDS.get(unit, "creatinine_mg_dl"): box}


def _widget_data() -> dict[str, Any]:
    data: dict[str, Any] = {name: st.session_state.get(name) for name in _WIDGET_FIELDS}
    data.update(_creatinine_data())
    return data


def is_required(name: str) -> bool:
    """True for a number field that cannot be blank (it has a default value, e.g. weight)."""
    return DEFAULTS.get(name) is not None


def convert_creatinine_unit() -> None:
    """``on_change`` of the unit switch: show the box's creatinine in the new unit. The patient
    does not change: the value given stays the one the rules use (see ``_creatinine_data``)."""
    value = st.session_state.get(CREATININE_KEY)
    if value is None:
        return
    unit = st.session_state.get(UNIT_KEY, MG_DL)
    old_unit = UMOL_L if unit == MG_DL else MG_DL
    given: tuple[str, float] | None = st.session_state.get(_GIVEN_CREATININE_KEY)
    if given is None or creatinine_in_unit(*given, old_unit) != value:
        given = (_UNIT_FIELDS[old_unit], value)  # a number the user typed: that is the given
        st.session_state[_GIVEN_CREATININE_KEY] = given
    st.session_state[CREATININE_KEY] = creatinine_in_unit(*given, unit)


def keep_required_value(name: str) -> None:
    """``on_change`` of a required number box: an emptied box gets its last value back (the
    field cannot be "not known"), and the next run says so beside the box."""
    if st.session_state.get(name) is not None:
        return
    value = getattr(last_valid_scenario(), name)
    st.session_state[name] = value
    notices: dict[str, str] = st.session_state.setdefault(_NOTICE_KEY, {})
    notices[name] = (
        f"{field_info(name)['label']} is required and cannot be left empty: it stays at "
        f"{value_words(name, value)}."
    )


def input_notice(name: str) -> str | None:
    """The message an input callback left for this field (shown once), or None."""
    notices: dict[str, str] = st.session_state.get(_NOTICE_KEY, {})
    return notices.pop(name, None)


def input_problem(name: str) -> FieldProblem | None:
    """The problem of one input box's current value (a typed 999, a creatinine out of range),
    or None; read between the sync steps, beside the box (the box itself only shows an icon)."""
    if name in _CREATININE_FIELDS:
        data = _creatinine_data()
    else:
        value = st.session_state.get(name)
        data = {} if value is None else {name: value}
    _, problems = parse_scenario_keeping_valid(data)
    return problems[0] if problems else None


def last_valid_scenario() -> Scenario:
    """The Scenario the results used in the last run (the default before any run)."""
    remembered: Scenario = st.session_state.get(_SCENARIO_KEY) or Scenario()
    return remembered


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
        repeated_problem(name, values) for name, values in fields.items() if len(values) != 1
    ]
    scenario, found = parse_scenario_keeping_valid(single)
    return scenario, problems + list(found)


def _default_words(name: str) -> str:
    default = DEFAULTS.get(name)
    return "blank" if default is None else encode_value(default)


def _warn(problems: Iterable[FieldProblem]) -> None:
    for problem in problems:
        warn_link_problem(
            problem, f"The default ({_default_words(problem.field)}) is used instead."
        )


def known_parameters(extras: Collection[str]) -> tuple[str, ...]:
    """Every parameter name a page reads: the scenario fields and its own (not the prefixes)."""
    return (*FIELD_NAMES, *(name for name in extras if not name.endswith(".")))


def _widgets_moved(remembered: Scenario) -> bool:
    """True when a live input widget (or an input callback) holds a value other than the one the
    last run ended with, i.e. the user changed an input since."""
    return any(
        key in st.session_state and st.session_state[key] != value
        for key, value in widget_values(remembered).items()
    )


def _sync_in(page_id: str, extras: Collection[str]) -> bool:
    """Before the widgets: decide the source of truth and seed the widget keys from it.
    True when the address held scenario fields."""
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    fields, unknown = split_query(params, extras)
    written: dict[str, list[str]] | None = st.session_state.get(_WRITTEN_KEY)
    remembered: Scenario | None = st.session_state.get(_SCENARIO_KEY)
    # A page switch drops the widgets' state; a default scenario writes no field (written is
    # {}), so the switch must be seen from the page id, or the widgets come back at their
    # minimums (age 18, weight 20, no csDMARD failure).
    switched = st.session_state.get(_PAGE_KEY) not in (None, page_id)
    st.session_state[_PAGE_KEY] = page_id
    known = known_parameters(extras)
    _warn(unknown_parameter_problem(name, known) for name in unknown)
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
    return bool(fields)


def form_problem_text(
    problem: FieldProblem, used: Scenario, side: str = "", results: str = "The results below"
) -> str:
    """A problem of an input on the page, in the form's words (label, not field name): the
    input (``side`` before its label, e.g. "B: "), the value typed, what is allowed, and the
    value ``results`` use instead (the last valid one)."""
    name = problem.field
    if name not in FIELD_NAMES:
        return f"{problem.message()}. {results} still use the last valid inputs."
    label = side + label_with_unit(name)
    value = typed_words(problem.value)
    return (
        f"{label}: {value} is not allowed; allowed: {problem.allowed}. {results} "
        f"use {used_value_words(name, used)} (the last valid value)."
    )


def typed_words(value: object) -> str:
    """A value an input holds, as typed: 999 (not 999.0), 'empty' for a cleared box."""
    if value is None:
        return "empty"
    return (
        f"{value:g}"
        if isinstance(value, int | float) and not isinstance(value, bool)
        else repr(value)
    )


def used_value_words(name: str, used: Scenario) -> str:
    """The value the results use for a field, in words (a creatinine in the unit it was given)."""
    if name in _CREATININE_FIELDS:
        given = _given_creatinine(used)
        return "no creatinine" if given is None else value_words(*given)
    return value_words(name, getattr(used, name))


def label_with_unit(name: str) -> str:
    """A field's label with its unit, e.g. 'Weight (kg)' (shared with the input widgets)."""
    info = field_info(name)
    unit = info.get("unit", "")
    return f"{info['label']} ({unit})" if unit else str(info["label"])


def scenario_from_inputs(
    data: dict[str, Any], remembered: Scenario
) -> tuple[Scenario, tuple[FieldProblem, ...]]:
    """The Scenario from the input widgets' values, and the problems. A bad input (a typed 999,
    an emptied required box, a combination the model refuses) is never replaced by a default:
    that field keeps its last valid value; if the rest still does not fit, the whole last
    valid scenario is used. Pure: the unit tests call it."""
    data = dict(data)
    for name, value in list(data.items()):
        if value is None and is_required(name):
            data[name] = getattr(remembered, name)
    scenario, problems = parse_scenario_keeping_valid(data)
    if not problems:
        return scenario, ()
    patched = dict(data)
    for problem in problems:
        if problem.field in _CREATININE_FIELDS:
            for field in _CREATININE_FIELDS:
                patched.pop(field, None)
            given = _given_creatinine(remembered)
            if given is not None:
                patched[given[0]] = given[1]
        elif problem.field in FIELD_NAMES:
            patched[problem.field] = getattr(remembered, problem.field)
    kept, still = parse_scenario_keeping_valid(patched)
    return (remembered if still else kept), problems


def _sync_out(extras: Collection[str], seeded: dict[str, Any]) -> Scenario:
    """After the widgets: build the Scenario, remember it, write the URL if it changed."""
    reset = {
        key: value
        for key, value in seeded.items()
        if key in st.session_state and st.session_state[key] != value
    }
    data = _widget_data()
    for key, value in reset.items():
        # Streamlit replaced a seeded value by the widget's default (outside its range): the
        # patient keeps the seeded value, and the reset is said.
        if key in data:
            data[key] = value
        field = key if key in FIELD_NAMES else _UNIT_FIELDS[st.session_state.get(UNIT_KEY, MG_DL)]
        st.warning(
            escape_markdown(
                f"{label_with_unit(field)}: the input could not show {typed_words(value)} "
                f"(allowed: {allowed_values(field)}) and fell back to "
                f"{typed_words(st.session_state[key])}; the fall-back value is not used."
            ),
            icon=":material/warning:",
        )
    remembered = last_valid_scenario()
    scenario, problems = scenario_from_inputs(data, remembered)
    for problem in problems:
        st.warning(escape_markdown(form_problem_text(problem, scenario)), icon=":material/warning:")
    st.session_state[_SCENARIO_KEY] = scenario
    if not problems:
        st.session_state[_GIVEN_CREATININE_KEY] = _given_creatinine(scenario)
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
    if unread_link_notice():
        st.stop()  # no result may stand as if it were the unread link's case
    reconnection_notice()
    address_had_case = _sync_in(page_id, extras)
    seeded = {key: st.session_state.get(key) for key in widget_values(Scenario())}
    if render is not None:
        render()
    unread_check = unread_link_script()  # before _sync_out writes the address
    scenario = _sync_out(extras, seeded)
    case_query = {
        **scenario_query(scenario),
        **{name: st.query_params[name] for name in CARRIED_PARAMS if name in st.query_params},
    }
    # Both scripts in ONE element (each element is a message the browser renders), below the
    # inputs: an empty element there shifts nothing in view.
    with st.sidebar:
        st.html(
            unread_check + tab_case_script(case_query, address_had_case),
            unsafe_allow_javascript=True,
        )
    return scenario


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
    "creatinine_in_unit",
    "current_scenario",
    "encode_value",
    "form_problem_text",
    "input_notice",
    "input_problem",
    "is_required",
    "keep_required_value",
    "known_parameters",
    "label_with_unit",
    "last_valid_scenario",
    "parse_query_fields",
    "reset_to_defaults",
    "scenario_from_inputs",
    "scenario_link",
    "scenario_query",
    "scenario_sidebar",
    "split_query",
    "typed_words",
    "used_value_words",
    "widget_values",
]
