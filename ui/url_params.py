"""A page's own URL parameters (besides the scenario fields), read, checked, warned and written
the same way on every page.

A page declares each parameter once::

    RULE = LinkParam("rule", parse=rule_or_none, allowed="a rule id of the rule book",
                     default=None, shown=lambda v: "all rules" if v is None else repr(v))
    only = RULE.value()        # from the link (checked, warned) or the session
    RULE.set(None)             # e.g. a "Show all rules" button

``value()`` takes the link's value when it differs from what this session last saw or wrote (a
shared link, a hand edit); otherwise the session's value (``st.navigation`` clears the query
string on a page switch) when the parameter is ``remembered``, else the default. A repeated or
bad value is never used and never silent: a warning names the parameter, the value, what is
allowed and what is shown instead. The value in use is written back to the address (omitted
when it is the default, unless ``always_in_link``), so a copied link reopens the same view.

The same wording serves the scenario fields (``ui.scenario_state``) and scenario B on the
compare page (``ui.compare_inputs``): ``warn_link_problem`` and ``repeated_problem``.

``unread_link_script()`` covers the one case Streamlit hides from the script: a query string
over its limits (1000 parameters, 512 KiB) reaches the script as an empty one. A script in the
browser sees the address, and reloads the page with ``link_not_read=<parameters>.<characters>``
so the page can say so instead of showing the default scenario as if it were the link's case.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import streamlit as st

from core.errors import FieldProblem, closest_name, shown_value
from core.exports import escape_markdown

T = TypeVar("T")

WARNING_ICON = ":material/warning:"

# Streamlit's own limits (streamlit.runtime.state.query_params, 1.67): a query string over
# either is replaced by an empty one before any script runs.
STREAMLIT_MAX_PARAMETERS = 1000
STREAMLIT_MAX_QUERY_CHARACTERS = 512 * 1024
UNREAD_PARAM = "link_not_read"


def repeated_problem(name: str, values: list[str]) -> FieldProblem:
    """The problem of a parameter given more than once (which one was meant is unknown)."""
    return FieldProblem(name, values, f"one value (given {len(values)} times in the link)")


def warn_link_problem(problem: FieldProblem, instead: str = "") -> None:
    """One visible warning for a link value that is not used: the parameter, the value, what
    is allowed and (``instead``) what is shown in its place."""
    message = problem.message()
    end = "" if message.endswith(("?", ".")) else "."
    if problem.unknown:
        text = f"Link parameter ignored: {message}{end}"
    else:
        text = f"Link value not used: {message}{end}"
        if instead:
            text += f" {instead}"
    # The value came from the URL: escaped, so it can neither format nor link anything.
    st.warning(escape_markdown(text), icon=WARNING_ICON)


def unknown_parameter_problem(name: str, known: Iterable[str]) -> FieldProblem:
    """A parameter no page reads, with the closest known name as a hint."""
    suggestion = closest_name(name, known)
    hint = f"did you mean '{suggestion}'?" if suggestion else "not a parameter of this page"
    return FieldProblem(field=name, value=name, allowed=hint, unknown=True)


@dataclass(frozen=True)
class LinkParam(Generic[T]):
    """One URL parameter a page owns: its name, how a text becomes a value (``parse`` returns
    None for a text that is not allowed), ``allowed`` in words, the default, and ``shown``, the
    value in words for "... is shown instead". ``choices`` (the allowed texts, when they are a
    list of ids) adds a "did you mean" for a near miss."""

    name: str
    parse: Callable[[str], T | None]
    allowed: str
    default: T
    shown: Callable[[T], str] = str
    remembered: bool = True
    always_in_link: bool = False
    choices: Callable[[], Collection[str]] | None = None

    @property
    def _value_key(self) -> str:
        return f"_param.{self.name}.value"

    @property
    def _seen_key(self) -> str:
        return f"_param.{self.name}.seen"

    def current(self) -> T:
        """The value in use, from the session only (reads no URL, draws nothing)."""
        value: T = st.session_state.get(self._value_key, self.default)
        return value

    def value(self) -> T:
        """The value for this run (see the module docstring); warns about a bad link value."""
        given = st.query_params.get_all(self.name)
        seen = st.session_state.get(self._seen_key)
        if not self.remembered and not given:
            st.session_state[self._value_key] = self.default
        if given and given != seen:
            parsed = self.parse(given[0]) if len(given) == 1 else None
            if parsed is None:
                problem = (
                    repeated_problem(self.name, given)
                    if len(given) != 1
                    else FieldProblem(self.name, given[0], self._allowed_for(given[0]))
                )
                fallback = self.current() if self.remembered else self.default
                warn_link_problem(problem, f"Shown instead: {self.shown(fallback)}.")
                st.session_state[self._value_key] = fallback
            else:
                st.session_state[self._value_key] = parsed
        value = self.current()
        self.set(value)
        return value

    def _allowed_for(self, text: str) -> str:
        """What is allowed, with the closest choice to ``text`` when one is close."""
        suggestion = closest_name(text, self.choices()) if self.choices else None
        return f"{self.allowed} (did you mean {suggestion!r}?)" if suggestion else self.allowed

    def set(self, value: T) -> None:
        """Make ``value`` the session's and put it in the address (the default is left out)."""
        st.session_state[self._value_key] = value
        want = [] if value == self.default and not self.always_in_link else [self.text(value)]
        if st.query_params.get_all(self.name) != want:
            if want:
                st.query_params[self.name] = want[0]
            else:
                del st.query_params[self.name]
        st.session_state[self._seen_key] = want

    def text(self, value: T) -> str:
        """The value as the link spells it (booleans as 1/0)."""
        if isinstance(value, bool):
            return "1" if value else "0"
        return str(value)


def choice_param(
    name: str,
    choices: Collection[str],
    default: str,
    shown: Callable[[str], str] = str,
    allowed: str = "one of",
    always_in_link: bool = False,
) -> LinkParam[str]:
    """A parameter whose value is one of ``choices`` (e.g. ``mode``: quiz or present; a case or
    an audit entry id); ``allowed`` is the words before the list of choices."""
    ordered = list(choices)
    return LinkParam(
        name,
        parse=lambda text: text if text in ordered else None,
        allowed=f"{allowed} " + ", ".join(ordered),
        default=default,
        shown=shown,
        always_in_link=always_in_link,
        choices=lambda: ordered,
    )


def optional_id_param(
    name: str,
    ids: Callable[[], Collection[str]],
    allowed: str,
    nothing: str,
    remembered: bool = False,
) -> LinkParam[str | None]:
    """A parameter naming one item (a rule, a passage, a reading) or nothing; ``nothing`` says
    what is shown without it. Not ``remembered`` (the default): without it in the link, nothing
    is picked."""

    def parse(text: str) -> str | None:
        return text if text in ids() else None

    return LinkParam(
        name,
        parse=parse,
        allowed=allowed,
        default=None,
        shown=lambda value: nothing if value is None else shown_value(value),
        remembered=remembered,
        choices=ids,
    )


def unread_link_notice() -> bool:
    """When the browser reported a link Streamlit did not read: an error saying so (and that
    nothing of it is shown), a way back to a fresh start; True then (the page should stop)."""
    given = st.query_params.get_all(UNREAD_PARAM)
    if not given:
        return False
    parameters, _, characters = given[0].partition(".")
    size = (
        f"{int(parameters):,} parameters and {int(characters):,} characters"
        if parameters.isdigit() and characters.isdigit()
        else "more than it reads"
    )
    st.error(
        escape_markdown(
            f"This link was not read: it has {size}. Streamlit reads at most "
            f"{STREAMLIT_MAX_PARAMETERS:,} parameters and {STREAMLIT_MAX_QUERY_CHARACTERS:,} "
            "characters and ignores a longer link entirely, so none of its values is used "
            "and no result is shown for it. Ask for a shorter link (only the inputs that "
            "differ from the defaults), or start from the default scenario."
        ),
        icon=":material/link_off:",
    )
    if st.button("Start from the default scenario", icon=":material/restart_alt:"):
        del st.query_params[UNREAD_PARAM]
        st.rerun()
    return True


# Our own constant script: it reads only the length of the address, never puts it anywhere.
_UNREAD_LINK_SCRIPT = f"""
<script>
(() => {{
  const query = window.location.search.slice(1);
  if (!query || query.startsWith("{UNREAD_PARAM}=")) return;
  const parameters = query.split("&").length;
  if (parameters > {STREAMLIT_MAX_PARAMETERS} || query.length > {STREAMLIT_MAX_QUERY_CHARACTERS}) {{
    window.location.replace(
      window.location.pathname + "?{UNREAD_PARAM}=" + parameters + "." + query.length);
  }}
}})();
</script>
"""


def unread_link_script() -> str:
    """The script that lets the browser check the address against Streamlit's limits (see the
    module docstring), for the caller's one script element; "" when not needed.

    Only on a run that sees no query string: a link Streamlit read is never over its limits.
    """
    return _UNREAD_LINK_SCRIPT if len(st.query_params) == 0 else ""
