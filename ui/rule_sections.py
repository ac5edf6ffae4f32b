"""The rule book's sections, one per rule (condition, outcome, text, firing inputs, links to its
source passages), as ONE block of HTML with a native ``<details>`` per rule.

The passages' words are not repeated here: the table above the sections quotes them in its
"Source quote" column (sending every quote twice was a fifth of the page), and each link here
opens the passage in its place in the article.

Why not a Streamlit expander per rule: the browser's cost of showing a page grows with its
number of elements, and forty-odd expanders with their Markdown were about a fifth of the rule
book's rendering time on every visit. ``<details>`` folds and unfolds in the browser with no
rerun, like the expanders did.

Safety: built from our own rule table and article text, every piece through ``html.escape``;
the links come from the page (relative, from validated scenario values).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Collection, Iterable, Mapping

from core.rules import CATEGORY_LABELS, Rule
from ui.rule_table import FIRES_MARK, template_words

SECTION_CLASS = "rb-rule"

_CSS = f"""
<style>
.{SECTION_CLASS} {{ border: 1px solid #B8C2CC; border-radius: 0.4rem; margin: 0 0 0.5rem 0; }}
.{SECTION_CLASS} > summary {{ padding: 0.45rem 0.75rem; cursor: pointer; }}
.{SECTION_CLASS} > div {{ padding: 0 0.75rem 0.4rem 0.75rem; overflow-wrap: anywhere; }}
.{SECTION_CLASS} p {{ margin: 0.3rem 0; }}
.{SECTION_CLASS} a {{ color: #0A4F8F; }}
.{SECTION_CLASS} code {{ font-size: 0.8em; }}
</style>
"""


def section_label(rule: Rule, fires: bool) -> str:
    """'dose.age_over_70 — Dose · ● fires' (the section's always-visible line)."""
    mark = f" · {FIRES_MARK}" if fires else ""
    return f"{rule.id} — {CATEGORY_LABELS[rule.category]}{mark}"


def _text(value: object) -> str:
    return html.escape(str(value), quote=False)


def _section(
    rule: Rule, finding_words: str, expanded: bool, passage_link: Callable[[str], str]
) -> str:
    lines = [
        f"<strong>Condition:</strong> {_text(rule.when.describe())}",
        f"<strong>Outcome:</strong> {_text(rule.outcome)}",
        f"<strong>The app says:</strong> {_text(template_words(rule.text))}",
    ]
    if finding_words:
        lines.append(f"<strong>Fires for this scenario:</strong> {_text(finding_words)}")
    # The passage ids are reviewer links, kept small; the sentence around them is plain words.
    links = " · ".join(
        f'<a href="{html.escape(passage_link(pid), quote=True)}" target="_blank" '
        f'rel="noopener noreferrer"><code>{_text(pid)}</code></a>'
        for pid in rule.passages
    )
    lines.append(
        f"<strong>Source:</strong> quoted in the table above; read it in the article: {links}"
    )
    is_open = " open" if expanded else ""
    return (
        f'<details class="{SECTION_CLASS}" data-rule="{html.escape(rule.id, quote=True)}"'
        f"{is_open}><summary>{_text(section_label(rule, bool(finding_words)))}</summary>"
        f"<div><p>{'<br>'.join(lines)}</p></div></details>"
    )


def rule_sections_html(
    rules: Iterable[Rule],
    finding_words: Mapping[str, str],
    expanded: Collection[str],
    passage_link: Callable[[str], str],
) -> str:
    """Every rule's section; ``finding_words`` maps a firing rule's id to its inputs in words,
    ``expanded`` holds the ids shown open, ``passage_link`` gives a passage's source-page link."""
    sections = [
        _section(rule, finding_words.get(rule.id, ""), rule.id in expanded, passage_link)
        for rule in rules
    ]
    return _CSS + "\n".join(sections)
