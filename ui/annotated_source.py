"""The article passage by passage, each beside the rules that cite it (for the source page).

``core.citations.citing_rules()`` maps every passage id to the ids of the rules that cite it; a
text passage no rule cites is "descriptive". ``annotated_html(...)`` draws the article as rows:
passage id and verbatim text on the left, the citing rules in plain words (each with its id as a
small link to the rule book) or a "descriptive" tag on the right. The passages behind the
current scenario (cited by a rule that fires) are shaded with the words "Behind this scenario",
as in the Explorer's panel, and ``Show.current`` lists only them; the linked-to passage is
outlined with the words "You followed a link to this passage".

Safety: the HTML is built from our own article text and rule ids, each through ``html.escape``;
``target`` must already be a known passage id and ``rule_href`` must return links the page built
(relative, from validated scenario values).
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable, Collection, Mapping
from enum import StrEnum

from core.rules import RULES_BY_ID
from core.sources import Passage, article
from ui.rule_table import template_words
from ui.source_panel import passage_anchor

DESCRIPTIVE = "descriptive"


class Show(StrEnum):
    """Which passages the page lists."""

    all = "Whole article"
    current = "Only passages behind this scenario"
    cited = "Only passages cited by a rule"
    descriptive = "Only descriptive passages"


_CSS = """
<style>
.as-article { font-size: 1rem; line-height: 1.45; }
.as-row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 0.9rem;
          padding: 0.35rem 0.5rem; border-left: 5px solid transparent;
          border-bottom: 1px solid #E3E7EB; scroll-margin-top: 5rem; }
.as-row.cited { border-left-color: #0072B2; }
.as-row.descriptive { border-left-color: #C9CED4; border-left-style: dashed; }
.as-row.current { background: #FFF3C4; border-left-color: #8A5A00; }
.as-now { display: block; font-size: 0.85rem; font-weight: 700; color: #5A3B00; }
.as-row.target { background: #FFF3C4; outline: 3px solid #8A5A00; outline-offset: -1px; }
.as-text { white-space: pre-wrap; }
.as-id { display: block; font-family: monospace; font-size: 0.82rem; color: #4A5560; }
.as-rules { font-size: 0.9rem; }
.as-cites { margin: 0.1rem 0 0 0; padding-left: 1.1rem; }
.as-cites li { margin: 0 0 0.2rem 0; }
.as-rules a.as-rid { font-family: monospace; font-size: 0.75rem; font-weight: 400;
  color: #2D5B8A; }
.as-fires { font-weight: 700; }
.as-desc { font-style: italic; color: #4A5560; }
.as-here { display: block; font-weight: 700; color: #5A3B00; }
.as-h1 { font-size: 1.3rem; font-weight: 700; margin: 0.3rem 0; }
.as-h2 { font-size: 1.15rem; font-weight: 700; margin: 1rem 0 0.2rem 0;
         border-bottom: 2px solid #B8C2CC; scroll-margin-top: 5rem; }
.as-h3 { font-weight: 600; margin: 0.5rem 0 0.1rem 0; scroll-margin-top: 5rem; }
.as-text, .as-rules, .as-rules a { overflow-wrap: anywhere; }
/* A phone: the rules under the passage instead of beside it, so nothing scrolls sideways. */
@media (max-width: 640px) { .as-row { grid-template-columns: minmax(0, 1fr); } }
</style>
"""


def _rules_cell(
    ids: tuple[str, ...],
    firing: Collection[str],
    rule_href: Callable[[str], str],
    rule_words: Callable[[str], str],
) -> str:
    if not ids:
        return f'<span class="as-desc">{DESCRIPTIVE}: cited by no rule</span>'
    items = []
    for rule_id in ids:
        fires = rule_id in firing
        mark = "● " if fires else ""
        css = ' class="as-fires"' if fires else ""
        href = html.escape(rule_href(rule_id), quote=True)
        # The rule in words; its id only as a small link to the rule book (for reviewers).
        link = f'<a class="as-rid" href="{href}" target="_self">{html.escape(rule_id)}</a>'
        items.append(f"<li{css}>{mark}{html.escape(rule_words(rule_id))} {link}</li>")
    return f'Cited by:<ul class="as-cites">{"".join(items)}</ul>'


def _row(
    passage: Passage,
    ids: tuple[str, ...],
    firing: Collection[str],
    rule_href: Callable[[str], str],
    rule_words: Callable[[str], str],
    is_target: bool,
) -> str:
    anchor = html.escape(passage_anchor(passage.id), quote=True)
    text = html.escape(textwrap.dedent(passage.text).strip("\n"))
    if passage.is_heading:
        outline = ' style="outline: 3px solid #8A5A00"' if is_target else ""
        pid = f' <span class="as-id">[{html.escape(passage.id)}]</span>'
        return f'<div class="as-{passage.kind}" id="{anchor}"{outline}>{text}{pid}</div>'
    behind = [rule_id for rule_id in ids if rule_id in firing]
    classes = ["as-row", "cited" if ids else DESCRIPTIVE]
    classes += (["current"] if behind else []) + (["target"] if is_target else [])
    here = '<span class="as-here">▶ You followed a link to this passage</span>' if is_target else ""
    if behind:
        # Marked in words too (never colour alone), like the Explorer's "Cited by" line.
        count = f"{len(behind)} finding{'s' if len(behind) != 1 else ''}"
        here += f'<span class="as-now">● Behind this scenario ({count})</span>'

    pid = f'<span class="as-id">{html.escape(passage.id)}</span>'
    return (
        f'<div class="{" ".join(classes)}" id="{anchor}">'
        f'<div class="as-text">{here}{pid}{text}</div>'
        f'<div class="as-rules">{_rules_cell(ids, firing, rule_href, rule_words)}</div></div>'
    )


def annotated_html(
    citers: Mapping[str, tuple[str, ...]],
    rule_href: Callable[[str], str],
    firing: Collection[str] = (),
    target: str | None = None,
    show: Show = Show.all,
    query: str = "",
    rule_words: Callable[[str], str] | None = None,
) -> str:
    """The article as annotated rows (headings kept for context; the target always shown).

    ``rule_words`` gives a citing rule in plain words (default: the article's rule text, its
    value slots in words); the page passes this scenario's finding texts for the rules that fire.
    """
    words = query.lower().split()
    rule_words = rule_words or default_rule_words
    parts = [_CSS, '<div class="as-article">']
    for passage in article().passages:
        ids = citers.get(passage.id, ())
        is_target = passage.id == target
        if not passage.is_heading and not is_target:
            if show is Show.cited and not ids:
                continue
            if show is Show.current and not any(rule_id in firing for rule_id in ids):
                continue
            if show is Show.descriptive and ids:
                continue
            cites = " ".join(f"{rule_id} {rule_words(rule_id)}" for rule_id in ids)
            haystack = f"{passage.id} {passage.text} {cites}".lower()
            if not all(word in haystack for word in words):
                continue
        parts.append(_row(passage, ids, firing, rule_href, rule_words, is_target))
    parts.append("</div>")
    return "\n".join(parts)


def default_rule_words(rule_id: str) -> str:
    """A rule of the article's table in plain words: its text with value slots in words."""
    return template_words(RULES_BY_ID[rule_id].text)


def scroll_script(selector: str, block: str = "center") -> str:
    """A script that scrolls the first element matching the CSS ``selector`` into view once it
    exists (``block``: where it lands). Built from our own ids and keys (JSON-quoted all the
    same)."""
    import json

    return (
        "<script>(function(){var n=0;var t=setInterval(function(){"
        f"var el=document.querySelector({json.dumps(selector)});"
        f"if(el){{el.scrollIntoView({{block:{json.dumps(block)}}});clearInterval(t);}}"
        "if(++n>50){clearInterval(t);}},100);})();</script>"
    )
