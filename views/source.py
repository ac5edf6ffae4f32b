"""Source at "/source": the article passage by passage, each beside the rules that cite it.

``?passage=<id>`` scrolls to that passage and highlights it (the Explorer's and the rule book's
source links land here). Passages no rule cites are marked "descriptive", so a reviewer sees at
a glance what the rule table covers and what it leaves as text.
"""

import streamlit as st

from core import assess
from core.citations import citing_rules, coverage
from core.sources import article, passage_ids
from ui.annotated_source import Show, annotated_html, scroll_script
from ui.reading import reading_profile
from ui.reviewer_links import rule_book_link
from ui.rule_table import template_words
from ui.scenario_state import scenario_sidebar
from ui.shell import page_header
from ui.source_panel import passage_anchor
from ui.url_params import optional_id_param

PASSAGE = optional_id_param(
    "passage",
    passage_ids,
    allowed="a passage id of the article (as on this page, e.g. dosing.standard)",
    nothing="the whole article",
)
KEY = "_source."


page_header(
    "Source article",
    "The article the app follows, verbatim and passage by passage. Beside each passage: the "
    "rules that cite it (● = fires for the current scenario; those passages are shaded), or "
    "*descriptive* when no rule rests on it.",
)
scenario = scenario_sidebar("source", extra_params=(PASSAGE.name,))
target = PASSAGE.value()
assessment = assess(scenario, reading_profile())
firing = {f.id for f in assessment.findings}
# A citing rule in words: this scenario's finding text when it fires, else the rule's text.
said = {rule.id: template_words(rule.text) for rule in assessment.profile.rules}
said.update({f.id: f.text for f in assessment.findings})
citers = citing_rules()
cited, descriptive = coverage(citers)
source = article()

behind = sum(any(r in firing for r in ids) for ids in citers.values())
top = st.columns([2, 2, 2, 3, 3], vertical_alignment="bottom")
top[0].metric("Behind this scenario", behind)
top[1].metric("Passages cited by rules", cited)
top[2].metric("Descriptive passages", descriptive)
with top[3]:
    show = st.selectbox("Show", list(Show), format_func=lambda s: s.value, key=f"{KEY}show")
with top[4]:
    query = st.text_input("Search the article", key=f"{KEY}query", placeholder="e.g. CrCl")
st.caption(
    f"{source.title} — {source.publisher}, last updated {source.last_updated_text}. "
    "Left: the passage id and its text; right: the rules citing it, in words (the small ids "
    "link to the rule book)."
)
if target:
    st.info(
        f"You followed a link to passage `{target}`: it is highlighted below.",
        icon=":material/my_location:",
    )

# st.html, not Markdown: the browser would run the whole article through its Markdown pipeline
# (raw HTML included) on every run of the page.
st.html(
    annotated_html(
        citers,
        lambda rule_id: rule_book_link(scenario, rule_id),
        firing=firing,
        target=target,
        show=show or Show.all,
        query=query,
        rule_words=lambda rule_id: said.get(rule_id, rule_id),
    )
)
if target:
    # Our own script; the id is a known passage id (validated above).
    # An attribute selector: passage ids hold dots, which "#id" would read as classes.
    selector = f'[id="{passage_anchor(target)}"]'
    st.html(scroll_script(selector), unsafe_allow_javascript=True)
