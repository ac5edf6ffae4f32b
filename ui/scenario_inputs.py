"""The scenario's input widgets, generated from the core's field metadata.

``render_scenario_inputs()`` draws every contract field: first the inputs that set the dose
(age, sex, weight, renal function, a strong OAT3 inhibitor), then Child-Pugh and the
indication, then one multi-choice of the further groups (``core.scenario.GROUPS`` order: a
group's inputs are drawn, under its name, only while it is chosen), and a "Reset to defaults"
button. A number
box whose value is not used says so right below it.
Each widget's key is the contract field name and its value is never given (number boxes get
``value=None``, so that emptying one means "not known"): ``ui.scenario_state`` seeds the keys
through ``st.session_state`` before the widgets run, so call this only through
``scenario_sidebar`` / ``current_scenario`` (it reads, it does not sync).

Labels, help texts, units and ranges all come from ``core.scenario`` (``field_info``, the
model's bounds), so a field is described once.
"""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st
from annotated_types import Ge, Le

from core.exports import escape_markdown
from core.renal import UMOL_L_PER_MG_DL
from core.scenario import DEFAULTS, GROUPS, ChildPugh, Indication, Scenario, Sex, field_info
from ui.scenario_state import (
    CREATININE_KEY,
    MG_DL,
    UMOL_L,
    UNIT_KEY,
    convert_creatinine_unit,
    input_notice,
    input_problem,
    is_required,
    keep_required_value,
    label_with_unit,
    last_valid_scenario,
    reset_to_defaults,
    typed_words,
    used_value_words,
)

DOSE_FIELDS = ("age_years", "sex", "weight_kg", "creatinine_mg_dl", "crcl_ml_min", "oat3_inhibitor")
"""Drawn first: every input the dose rules (and Cockcroft-Gault behind them) read."""
FRONT_FIELDS = ("child_pugh", "indication")
"""Drawn next, without an expander."""
_IN_FRONT = frozenset((*DOSE_FIELDS, *FRONT_FIELDS, "creatinine_umol_l"))
KEPT_WHILE_FOLDED: Literal["page"] = "page"
"""A folded group's inputs are not drawn; Streamlit keeps their values meanwhile (on this page:
a page switch re-seeds every input from the scenario anyway)."""
WEIGHT_STEP = 0.5  # kg per arrow press
NUMBER_FORMAT = "%g"  # the value the rules use, digit for digit (never 30 for 29.6)

INDICATION_LABELS: dict[str, str] = {
    Indication.rheumatoid_arthritis.value: "Rheumatoid arthritis",
    Indication.psoriatic_arthritis.value: "Psoriatic arthritis",
    Indication.atopic_dermatitis.value: "Atopic dermatitis",
    Indication.systemic_lupus_erythematosus.value: "Systemic lupus erythematosus",
    Indication.juvenile_idiopathic_arthritis.value: "Juvenile idiopathic arthritis",
    Indication.other.value: "Other",
}
CHILD_PUGH_LABELS: dict[str, str] = {
    ChildPugh.none.value: "None",
    ChildPugh.A.value: "A",
    ChildPugh.B.value: "B",
    ChildPugh.C.value: "C",
}
SEX_LABELS: dict[str, str] = {Sex.female.value: "Female", Sex.male.value: "Male"}


def bounds(name: str) -> tuple[float | None, float | None]:
    """The (min, max) a numeric field allows, from the model."""
    low: float | None = None
    high: float | None = None
    for item in Scenario.model_fields[name].metadata:
        if isinstance(item, Ge):
            low = float(item.ge)  # type: ignore[arg-type]
        elif isinstance(item, Le):
            high = float(item.le)  # type: ignore[arg-type]
    return low, high


def label_of(name: str) -> str:
    """A field's plain label with its unit, e.g. 'Weight (kg)'."""
    return label_with_unit(name)


def _help(name: str) -> str:
    return str(field_info(name).get("help", "")) or str(field_info(name)["label"])


def _box_message(name: str) -> None:
    """Below a number box: why its value is not used, or what an input callback did to it."""
    notice = input_notice(name)
    if notice:
        st.info(escape_markdown(notice), icon=":material/info:")
    problem = input_problem(name)
    if problem is not None:
        st.error(
            escape_markdown(
                f"Not used: {typed_words(problem.value)} is not allowed; "
                f"allowed: {problem.allowed}. "
                f"The results use {used_value_words(name, last_valid_scenario())}."
            ),
            icon=":material/error:",
        )


def _float_input(name: str, step: float, placeholder: str | None = None) -> None:
    _number_box(name, step, placeholder)
    _box_message(name)


def _number_box(name: str, step: float, placeholder: str | None = None) -> None:
    # No min_value/max_value: Streamlit would swap an out-of-range value for the box's default
    # and show only a red icon for a typed one; the model checks the value instead.
    low, high = bounds(name)
    st.number_input(
        label_of(name),
        value=None,
        step=step,
        format=NUMBER_FORMAT,
        key=name,
        help=f"{_help(name)} Allowed: {low:g} to {high:g}.",
        placeholder=placeholder,
        on_change=keep_required_value if is_required(name) else None,
        args=(name,) if is_required(name) else None,
        persist_state=KEPT_WHILE_FOLDED,
    )


def _creatinine_input() -> None:
    unit = st.session_state.get(UNIT_KEY, MG_DL)
    field = "creatinine_umol_l" if unit == UMOL_L else "creatinine_mg_dl"
    low, high = bounds(field)
    st.number_input(
        f"Serum creatinine ({unit})",
        value=None,
        step=1.0 if unit == UMOL_L else 0.1,
        format=NUMBER_FORMAT,
        key=CREATININE_KEY,
        placeholder="not measured",
        help="For Cockcroft-Gault, with age, weight and sex. Give it, or a known CrCl below. "
        f"Allowed: {low:g} to {high:g} {unit}.",
    )
    _box_message(field)
    st.radio(
        "Creatinine unit",
        (MG_DL, UMOL_L),
        key=UNIT_KEY,
        on_change=convert_creatinine_unit,
        horizontal=True,
        label_visibility="collapsed",
        help=f"Switching shows the value in the other unit (1 mg/dL = {UMOL_L_PER_MG_DL} "
        "µmol/L); the rules keep using the value as given until you change the number.",
    )


def _flag(name: str) -> None:
    st.checkbox(
        field_info(name)["label"], key=name, help=_help(name), persist_state=KEPT_WHILE_FOLDED
    )


def _field(name: str) -> None:
    """One widget for one contract field."""
    if name == "age_years":
        low, high = bounds(name)
        st.slider(
            label_of(name), int(low or 18), int(high or 120), key=name, help=_help(name), step=1
        )
    elif name == "sex":
        st.radio(
            label_of(name),
            tuple(SEX_LABELS),
            format_func=SEX_LABELS.__getitem__,
            key=name,
            horizontal=True,
            help=_help(name),
        )
    elif name == "weight_kg":
        _float_input(name, WEIGHT_STEP)
    elif name == "creatinine_mg_dl":
        _creatinine_input()
    elif name == "creatinine_umol_l":
        return  # the same box as creatinine_mg_dl, in the other unit
    elif name == "crcl_ml_min":
        _float_input(name, 1.0, placeholder="not known: use creatinine")
    elif name == "child_pugh":
        st.radio(
            label_of(name),
            tuple(CHILD_PUGH_LABELS),
            format_func=CHILD_PUGH_LABELS.__getitem__,
            key=name,
            horizontal=True,
            help=_help(name),
        )
    elif name == "indication":
        st.selectbox(
            label_of(name),
            tuple(INDICATION_LABELS),
            format_func=INDICATION_LABELS.__getitem__,
            key=name,
            help=_help(name),
        )
    elif Scenario.model_fields[name].annotation is bool:
        _flag(name)
    else:
        _float_input(name, 0.1, placeholder="not measured")


def fields_of(group: str) -> tuple[str, ...]:
    """The contract fields of one group, in contract order."""
    return tuple(n for n in Scenario.model_fields if field_info(n).get("group") == group)


def _changed_count(names: tuple[str, ...]) -> int:
    count = 0
    for name in names:
        value: Any = st.session_state.get(name, DEFAULTS[name])
        if name.startswith("creatinine"):
            continue
        if getattr(value, "value", value) != DEFAULTS[name]:
            count += 1
    return count


_OPENED_KEY = "_inputs.opened"  # group -> shown, as the user last left it (not a widget key)
GROUPS_KEY = "_inputs_groups"
"""The one control that shows or hides the groups of further inputs (its value: the group ids
shown)."""


def _opened_groups() -> dict[str, bool]:
    """Group -> shown, for the groups the user showed or hid in this session."""
    opened: dict[str, bool] = st.session_state.setdefault(_OPENED_KEY, {})
    return opened


def _groups_chosen(groups: tuple[str, ...]) -> None:
    chosen = set(st.session_state.get(GROUPS_KEY) or ())
    opened = _opened_groups()
    for group in groups:
        opened[group] = group in chosen


def further_groups() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Group id -> (title, its fields not drawn in front), for every group that has such
    fields, in ``core.scenario.GROUPS`` order: what the groups control offers."""
    return {
        group: (title, names)
        for group, title in GROUPS
        if (names := tuple(n for n in fields_of(group) if n not in _IN_FRONT))
    }


def _group_label(title: str, changed: int) -> str:
    return f"{title} · {changed} set" if changed else title


def render_scenario_inputs() -> None:
    """Draw every scenario input (front fields, then the further groups behind one choice of
    groups) and a reset button.

    Must run between ``ui.scenario_state``'s sync steps (see ``current_scenario``).
    """
    st.markdown("**Scenario**")  # bold, not a heading: the dose inputs start higher
    _field("age_years")
    # Side by side: the dose inputs fit higher up the sidebar (below the page navigation). One
    # horizontal block, not columns (three blocks the browser renders on every input); the sex
    # radio as wide as its two options, the weight box takes the rest, its message below both.
    with st.container(horizontal=True, gap="small", wrap=False, key="sex_weight"):
        _field("sex")
        _number_box("weight_kg", WEIGHT_STEP)
    _box_message("weight_kg")
    for name in (*DOSE_FIELDS, *FRONT_FIELDS):
        if name not in ("age_years", "sex", "weight_kg"):
            _field(name)
    groups = further_groups()
    changed = {group: _changed_count(names) for group, (_, names) in groups.items()}
    opened = _opened_groups()
    # The further groups as ONE multi-choice of chips (the browser re-renders every element on
    # every input: seven expanders cost about 4 ms of its CPU each, one control about 3 ms in
    # all). A chip names its group and how many of its inputs are set; a chosen group's inputs
    # are drawn below, the others are not drawn at all (their values stay in the session:
    # KEPT_WHILE_FOLDED). Shown: as the user left it, else when the group holds a value.
    st.session_state[GROUPS_KEY] = [g for g in groups if opened.get(g, changed[g] > 0)]
    chosen = st.pills(
        "More inputs (choose groups to show)",
        tuple(groups),
        format_func=lambda group: _group_label(groups[group][0], changed[group]),
        selection_mode="multi",
        key=GROUPS_KEY,
        on_change=_groups_chosen,
        args=(tuple(groups),),
        wrap=True,
        help="Each group shows its inputs below; the count says how many of them are set. "
        "A hidden group's values still count.",
    )
    for group in groups:
        if group in chosen:
            title, names = groups[group]
            st.markdown(f"**{_group_label(title, changed[group])}**")
            for name in names:
                _field(name)
    st.button(
        "Reset to defaults",
        on_click=reset_to_defaults,
        icon=":material/restart_alt:",
        help="Every input back to its default (a 50-year-old with RA and no risk factors).",
        width="stretch",
    )
