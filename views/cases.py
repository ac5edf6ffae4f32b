"""Teaching cases at /cases: a self-check quiz, and "present a case" for a lecture.

Quiz: pick a case, answer verdict and dose (and, for cases that name one, the finding that
matters most), submit, get the explained answer with the quoted source and a link into the
Explorer. The score lives in this browser session only. Present: step through chosen cases,
the answer hidden until revealed. ``case=<id>`` and ``mode=present`` in the URL open a case.
"""

from __future__ import annotations

import streamlit as st

from core.cases import teaching_case, teaching_cases
from core.quiz import (
    DOSE_CHOICES,
    QuizAnswer,
    QuizResult,
    ScoreBoard,
    dose_words,
    finding_choices,
    finding_label,
    score,
)
from core.rules import ARTICLE_VERDICTS, VERDICT_LABELS
from ui.scenario_state import current_scenario
from ui.shell import page_header
from ui.teaching import (
    CASE_PARAM,
    SCROLL_TO_ANSWER_KEY,
    case_ids,
    case_label,
    case_param,
    current_case_id,
    render_answer,
    render_case,
    render_feedback,
    set_current_case,
)
from ui.url_params import choice_param

MODES = {"quiz": "Quiz", "present": "Present"}
MODE = choice_param("mode", MODES, "quiz", shown=lambda mode: f"the {mode} mode")
_BOARD_KEY = "_quiz.board"
_RESULTS_KEY = "_quiz.results"  # case id -> the last QuizResult (to keep feedback on screen)
_PICK_KEY = "_cases.pick"
_MODE_KEY = "_cases.mode"
_SHOW_KEY = "_present.cases"
_REVEALED_KEY = "_present.revealed"

page_header("Teaching cases")
current_scenario("cases", extra_params=(CASE_PARAM, MODE.name), render=None)


def _mode_picked() -> None:
    MODE.set(st.session_state.get(_MODE_KEY) or "quiz")


def _mode() -> str:
    mode = MODE.value()
    st.session_state[_MODE_KEY] = mode
    with MODE_ROW[0]:
        st.segmented_control(
            "Mode",
            tuple(MODES),
            format_func=MODES.__getitem__,
            key=_MODE_KEY,
            required=True,
            label_visibility="collapsed",
            on_change=_mode_picked,
        )
    return mode


def _board() -> ScoreBoard:
    board: ScoreBoard = st.session_state.get(_BOARD_KEY, ScoreBoard())
    return board


def _reset_score() -> None:
    st.session_state[_BOARD_KEY] = ScoreBoard()
    st.session_state[_RESULTS_KEY] = {}


def _picked() -> None:
    set_current_case(st.session_state[_PICK_KEY])


def _next_case(step: int) -> None:
    ids = case_ids()
    index = ids.index(st.session_state[_PICK_KEY])
    st.session_state[_PICK_KEY] = ids[(index + step) % len(ids)]
    set_current_case(st.session_state[_PICK_KEY])


def quiz(case_id: str) -> None:
    """The quiz on one case: the form, then the feedback (kept until another case is picked)."""
    st.session_state[_PICK_KEY] = case_id
    ids = case_ids()
    pick, score_col = st.columns([3, 2], vertical_alignment="bottom")
    with pick:
        st.caption(
            "Invented patients; every answer is computed by the rules and checked against "
            "the source. Your score stays in this browser session."
        )
        st.selectbox(
            "Case",
            ids,
            key=_PICK_KEY,
            format_func=lambda i: case_label(teaching_case(i)),
            on_change=_picked,
        )
    with score_col:
        st.markdown(f"**Session score:** {_board().summary()}")
    case = teaching_case(case_id)
    render_case(case)
    choices = finding_choices(case)
    with st.form(f"quiz.{case.id}", border=True):
        verdict = st.radio(
            "Verdict",
            ARTICLE_VERDICTS,
            format_func=VERDICT_LABELS.__getitem__,
            index=None,
            horizontal=True,
        )
        dose_keys = tuple("none" if d is None else str(d) for d in DOSE_CHOICES)
        dose = st.radio(
            "Starting dose",
            dose_keys,
            format_func=lambda k: dose_words(None if k == "none" else int(k)),
            index=None,
            horizontal=True,
        )
        finding = None
        if choices:
            finding = st.radio(
                "Which finding matters most here?", choices, format_func=finding_label, index=None
            )
        submitted = st.form_submit_button("Check my answer", type="primary")
    results: dict[str, QuizResult] = st.session_state.setdefault(_RESULTS_KEY, {})
    if submitted:
        missing = [
            name
            for name, value in (("verdict", verdict), ("dose", dose), ("key finding", finding))
            if value is None and (name != "key finding" or choices)
        ]
        if missing:
            st.warning(f"Choose the {' and the '.join(missing)} first.", icon=":material/pan_tool:")
        else:
            assert verdict is not None and dose is not None
            given = QuizAnswer(verdict, None if dose == "none" else int(dose), finding)
            result = score(case, given)
            results[case.id] = result
            st.session_state[_BOARD_KEY] = _board().record(case.id, result)
            st.rerun()  # redraw the score line above with this answer counted
    if case.id in results:
        render_feedback(case, results[case.id])
    buttons = st.columns(3)
    buttons[0].button(
        "Previous case", on_click=_next_case, args=(-1,), icon=":material/arrow_back:"
    )
    buttons[1].button("Next case", on_click=_next_case, args=(1,), icon=":material/arrow_forward:")
    buttons[2].button("Reset my score", on_click=_reset_score, icon=":material/restart_alt:")


def _present_step(step: int, shown: list[str]) -> None:
    current = case_param().current()
    index = shown.index(current) if current in shown else 0
    set_current_case(shown[(index + step) % len(shown)])
    st.session_state[_REVEALED_KEY] = None


def _reveal(case_id: str) -> None:
    st.session_state[_REVEALED_KEY] = case_id
    st.session_state[SCROLL_TO_ANSWER_KEY] = True


def present(case_id: str) -> None:
    """Step through the chosen cases one by one; the answer stays hidden until revealed."""
    ids = case_ids()
    st.session_state.setdefault(_SHOW_KEY, ids)
    with MODE_ROW[1].expander("Cases to present", icon=":material/checklist:"):
        st.multiselect(
            "Cases to present, in teaching order",
            ids,
            key=_SHOW_KEY,
            format_func=lambda i: case_label(teaching_case(i)),
        )
    shown = [i for i in ids if i in st.session_state[_SHOW_KEY]] or ids
    if case_id not in shown:
        case_id = shown[0]
        set_current_case(case_id)
    case = teaching_case(case_id)
    position = f"Case {shown.index(case_id) + 1} of {len(shown)}"
    render_case(case, position)
    revealed = st.session_state.get(_REVEALED_KEY) == case_id
    back, reveal, forward = st.columns(3)
    back.button(
        "Previous",
        on_click=_present_step,
        args=(-1, shown),
        icon=":material/arrow_back:",
        width="stretch",
    )
    reveal.button(
        "Reveal the answer",
        on_click=_reveal,
        args=(case_id,),
        icon=":material/visibility:",
        type="primary",
        disabled=revealed,
        width="stretch",
    )
    forward.button(
        "Next",
        on_click=_present_step,
        args=(1, shown),
        icon=":material/arrow_forward:",
        width="stretch",
    )
    if revealed:
        render_answer(case, present=True)
    else:
        st.caption("The answer is hidden: discuss, then reveal.")


case_id = current_case_id()
MODE_ROW = st.columns([1, 3], vertical_alignment="center")
assert teaching_cases()  # the loader raises on a bad file; an empty folder would be a bug
if _mode() == "present":
    present(case_id)
else:
    quiz(case_id)
