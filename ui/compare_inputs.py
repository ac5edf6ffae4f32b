"""Scenario B of the compare page: "A with these changes", kept in the URL as ``b.<field>``.

``scenario_b(a)`` reads B's changes (URL or session), draws the compact form (pick the inputs
to change, one widget each), writes the changes back to the URL and returns ``(b, changes)``.
B's widgets are generated from the core's field metadata (type, range, enum members, label,
unit), like the sidebar's; only the inputs picked are drawn, so the form stays small.

Source of truth, as in ``ui.scenario_state``: the URL when its ``b.`` fields differ from what
this session last wrote (a shared link); else the session's copy (``st.navigation`` clears the
query string on a page switch); else the widgets. A bad ``b.`` value is a visible warning that
names ``b.<field>``, the value and what is allowed; B then keeps A's value for that field.

B's number boxes work as A's (``ui.scenario_inputs``): no Streamlit min/max (it would swap a
typed value for its own or show only a red icon); the model checks the value, a bad one is
named under its box (the input, the value, what is allowed, what B's results use) and B's
results keep that field's last valid value.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import streamlit as st

from core.compare import apply_changes
from core.errors import FieldProblem
from core.exports import escape_markdown
from core.scenario import FIELD_NAMES, Scenario, field_info
from ui.scenario_inputs import NUMBER_FORMAT, bounds, label_of
from ui.scenario_state import encode_value, form_problem_text
from ui.url_params import repeated_problem, unknown_parameter_problem, warn_link_problem

PREFIX = "b."
_CHANGES_KEY = "_b.changes"  # field -> value (typed); not a widget key
_WRITTEN_KEY = "_b.url_written"
_PICK_KEY = "_b.fields"
CHANGEABLE: tuple[str, ...] = FIELD_NAMES
"""Every field can change in B (the blood counts too: a link's ``b.<count>`` is used, and the
differences table shows it even though only the label profiles read it)."""


def widget_key(name: str) -> str:
    """The session key of B's widget for one field."""
    return f"_b.{name}"


def _url_changes() -> dict[str, list[str]]:
    return {
        name.removeprefix(PREFIX): st.query_params.get_all(name)
        for name in st.query_params
        if name.startswith(PREFIX)
    }


def _b_problem(problem: FieldProblem) -> FieldProblem:
    """The problem with the URL's name (``b.<field>``)."""
    if problem.unknown:
        return unknown_parameter_problem(PREFIX + problem.field, [PREFIX + n for n in CHANGEABLE])
    return FieldProblem(PREFIX + problem.field, problem.value, problem.allowed)


def _warn(problems: list[FieldProblem]) -> None:
    for problem in problems:
        warn_link_problem(_b_problem(problem), "B keeps A's value.")


def _typed_changes(a: Scenario, raw: dict[str, list[str]]) -> dict[str, Any]:
    """Validate the URL's B changes against A; warn about the bad ones; the good ones, typed."""
    repeated = [repeated_problem(name, values) for name, values in raw.items() if len(values) != 1]
    single = {name: values[0] for name, values in raw.items() if len(values) == 1}
    b, problems = apply_changes(a, single)
    _warn(repeated + list(problems))
    bad = {p.field for p in problems}
    return {name: getattr(b, name) for name in single if name not in bad and name in FIELD_NAMES}


def _seed(changes: dict[str, Any], a: Scenario, force: bool) -> None:
    if force or _PICK_KEY not in st.session_state:
        st.session_state[_PICK_KEY] = list(changes)
    for name in CHANGEABLE:
        key = widget_key(name)
        if name in changes and (force or key not in st.session_state):
            st.session_state[key] = _widget_value(changes[name])
        elif key not in st.session_state:
            st.session_state[key] = _widget_value(getattr(a, name))


def _widget_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _forget_unpicked() -> None:
    # An input taken out of B's changes starts again from A's value when picked again.
    picked = set(st.session_state.get(_PICK_KEY, []))
    for name in CHANGEABLE:
        if name not in picked:
            st.session_state.pop(widget_key(name), None)


def _field_widget(name: str) -> None:
    """One of B's widgets, generated from the field's type and metadata."""
    annotation = Scenario.model_fields[name].annotation
    key = widget_key(name)
    label = f"B: {label_of(name)}"
    help_text = str(field_info(name).get("help", "")) or None
    if annotation is bool:
        st.toggle(label, key=key, help=help_text)
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        st.selectbox(label, [m.value for m in annotation], key=key, help=help_text)
    else:
        # No min_value/max_value, as in A's boxes: the model checks the value (see the module).
        low, high = bounds(name)
        whole = annotation is int
        allowed = f"Allowed: {low:g} to {high:g}."
        st.number_input(
            label,
            step=1 if whole else 0.1,
            format="%d" if whole else NUMBER_FORMAT,
            key=key,
            help=f"{help_text} {allowed}" if help_text else allowed,
            placeholder="unknown (blank)",
        )


def _write_url(changes: dict[str, Any]) -> None:
    wanted = {PREFIX + name: [_url_value(value)] for name, value in changes.items()}
    current = {n: st.query_params.get_all(n) for n in st.query_params if n.startswith(PREFIX)}
    if current != wanted:
        for name in current:
            if name not in wanted:
                del st.query_params[name]
        for name, values in wanted.items():
            st.query_params[name] = values[0]
    st.session_state[_WRITTEN_KEY] = {k.removeprefix(PREFIX): v for k, v in wanted.items()}


def _url_value(value: Any) -> str:
    return "" if value is None else encode_value(value)


def scenario_b(a: Scenario) -> tuple[Scenario, dict[str, Any]]:
    """Sync, draw B's compact form and return scenario B and B's changes (field -> value)."""
    raw = _url_changes()
    written = st.session_state.get(_WRITTEN_KEY)
    remembered: dict[str, Any] = st.session_state.get(_CHANGES_KEY, {})
    if raw and raw != written:
        _seed(_typed_changes(a, raw), a, force=True)
    elif not raw and remembered and written:
        _seed(remembered, a, force=True)
    else:
        _seed(remembered, a, force=False)
    st.multiselect(
        "Inputs to change in B",
        CHANGEABLE,
        key=_PICK_KEY,
        format_func=label_of,
        on_change=_forget_unpicked,
        placeholder="Pick one or more inputs; B starts as a copy of A",
    )
    picked = [name for name in CHANGEABLE if name in st.session_state[_PICK_KEY]]
    columns = st.columns(3)
    under: dict[str, Any] = {}  # field -> the slot right under its widget
    for index, name in enumerate(picked):
        with columns[index % 3]:
            _field_widget(name)
            under[name] = st.empty()
    values = {name: st.session_state.get(widget_key(name)) for name in picked}
    b, problems = form_changes(a, values, remembered)
    for problem in problems:
        text = escape_markdown(form_problem_text(problem, b, "B: ", "B's results"))
        # Under its box; a problem of no single input (a combination) above the boxes.
        slot = under.get(problem.field)
        (slot if slot is not None else st).error(text, icon=":material/error:")
    changes = {name: getattr(b, name) for name in picked}
    st.session_state[_CHANGES_KEY] = changes
    _write_url(changes)
    return b, changes


def form_changes(
    a: Scenario, values: dict[str, Any], remembered: dict[str, Any]
) -> tuple[Scenario, tuple[FieldProblem, ...]]:
    """Scenario B from the form's values, and their problems. A value the model refuses is
    never used: that field keeps B's last valid value (``remembered``), or A's when B never had
    one. Pure: the unit tests may call it."""
    b, problems = apply_changes(a, values)
    if not problems:
        return b, ()
    bad = {problem.field for problem in problems}
    kept = {
        name: remembered.get(name, getattr(a, name)) if name in bad else value
        for name, value in values.items()
    }
    b, _ = apply_changes(a, kept)  # what still does not fit keeps A's value (apply_changes)
    return b, problems
