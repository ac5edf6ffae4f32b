"""Rule book at "/rule-book": every rule of the core's table as a decision table, the article's
algorithm with the current scenario's path lit, and the list of questions the source leaves open.

Everything is generated from ``core.rules.RULES`` and ``core.assess`` (never a second copy of a
rule). ``?rule=<id>`` shows one rule: its row with the source quote, its section open (links
from the other pages).
"""

import streamlit as st

from core import assess
from core.algorithm import algorithm_path, path_lines
from core.exports import escape_prose
from core.rules import CATEGORY_LABELS, NOTE_EFFECTS, RULES_BY_ID, Category
from ui.algorithm_chart import algorithm_dot
from ui.decision_table_downloads import render_decision_table_downloads
from ui.page_registry import SOURCE
from ui.reading import reading_profile
from ui.results import render_verdict_banner
from ui.reviewer_links import rule_book_link
from ui.rule_sections import rule_sections_html
from ui.rule_table import filter_rules, fired_words, rule_table_html, template_words
from ui.scenario_state import scenario_link, scenario_sidebar
from ui.shell import page_header
from ui.url_params import optional_id_param

RULE = optional_id_param(
    "rule",
    lambda: RULES_BY_ID,
    allowed=f"a rule id of this app's rule table (e.g. {next(iter(RULES_BY_ID))})",
    nothing="all rules",
)
KEY = "_rule_book."


def show_all_rules() -> None:
    """``on_click``: drop the one-rule filter from the link."""
    RULE.set(None)


page_header(
    "Rule book",
    "Every rule the app applies, in plain words, with the article's sentence behind it. Rules "
    "that fire for the current scenario are marked ● with the inputs that made them fire.",
)
scenario = scenario_sidebar("rule_book", extra_params=(RULE.name,))
assessment = assess(scenario, reading_profile())
RULES = assessment.profile.rules  # the article's table, or its other reading's
findings = {f.id: f for f in assessment.findings}
only = RULE.value()

st.subheader("Decision table", anchor=False)
if only:
    st.info(f"Showing one rule from the link: `{only}`.", icon=":material/search:")
    st.button("Show all rules", on_click=show_all_rules, key=f"{KEY}show_all")
    chosen = filter_rules(RULES, only=(only,))
else:
    search, categories, firing = st.columns([3, 3, 2], vertical_alignment="bottom")
    with search:
        query = st.text_input(
            "Search by word", key=f"{KEY}query", placeholder="e.g. CrCl, pregnancy, OAT3"
        )
    with categories:
        picked = st.multiselect(
            "Categories (none = all)",
            [c for c in Category if any(rule.category is c for rule in RULES)],
            format_func=lambda c: CATEGORY_LABELS[c],
            key=f"{KEY}categories",
        )
    with firing:
        only_firing = st.toggle("Only rules firing now", key=f"{KEY}only_firing")
    chosen = filter_rules(RULES, picked, query, only=tuple(findings) if only_firing else ())

fired = {rule_id: fired_words(finding) for rule_id, finding in findings.items()}
st.caption(
    f"{len(chosen)} of {len(RULES)} rules shown · {sum(r.id in findings for r in chosen)} fire "
    "for the current scenario (● and shaded)."
)
# Every rule text and quote is read whole at 1280 px, without sideways scrolling (a data grid
# cut a cell to one line); long tables scroll inside their box.
with st.container(key="rule_table"):
    st.html(rule_table_html(chosen, fired))

render_decision_table_downloads("rule_book")

head, expand = st.columns([3, 1], vertical_alignment="bottom")
head.markdown("##### Each rule with its outcome and source passages")
expand_all = expand.toggle("Expand all", key=f"{KEY}expand_all", help="Open every rule below.")
st.html(
    rule_sections_html(
        chosen,
        fired,
        expanded={rule.id for rule in chosen} if expand_all else {only} if only else set(),
        passage_link=lambda pid: scenario_link(SOURCE.url_path, scenario, passage=pid),
    )
)

st.divider()
path = algorithm_path(assessment)
st.subheader("The article's algorithm, this scenario's path", anchor=False)
# The whole page width (text >= 12 px at 1280 px): in a 3/5 column it shrank to 8-9 px text.
with st.container(key="algorithm_chart"):
    st.graphviz_chart(algorithm_dot(path), width="stretch")
# The chart speaks plain words; the rule ids behind its notes are reviewer links, kept small.
path_rules = list(dict.fromkeys(rule_id for step in path.steps for rule_id in step.rules))
if path_rules:
    st.markdown(
        ":small[Rules on this path: "
        + " · ".join(
            f"[`{rule_id}`]({rule_book_link(scenario, rule_id)})" for rule_id in path_rules
        )
        + "]"
    )
words = st.container()
with words:
    st.subheader("The path in words", anchor=False)
    render_verdict_banner(assessment)
    st.markdown(
        "\n".join(f"{n}. {escape_prose(line)}" for n, line in enumerate(path_lines(path), 1))
    )
    st.caption(
        "Steps 6 and 7 are branches for a patient already on baricitinib: set 'sustained "
        "remission', 'inadequate response after 3-6 months' or 'serious adverse event' to "
        "light them. ▶ on the path · ■ stops here · ○ not reached."
    )

st.divider()
st.subheader("Where the source is silent", anchor=False)
silent = [rule for rule in RULES if rule.category is Category.source_silent]
st.markdown(
    "The article leaves these questions open. The app does not fill them in: when one applies "
    "it shows a *source is silent* note. " + NOTE_EFFECTS[Category.source_silent]
)
st.markdown(
    "\n".join(
        f"- [`{rule.id}`]({rule_book_link(scenario, rule.id)}) — "
        f"{'● fires now — ' if rule.id in findings else ''}"
        f"{escape_prose(template_words(rule.text))} "
        f":small[(when: {escape_prose(rule.when.describe())})]"
        for rule in silent
    )
)
