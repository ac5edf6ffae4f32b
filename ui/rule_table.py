"""The rule table as a decision table (pure: no streamlit), for the rule book.

``rule_rows(rules, fired)`` gives one row per rule of ``core.rules.RULES`` (id, category,
condition in plain words from ``rule.when.describe()``, outcome, passages, text, the passages'
verbatim words) plus, for the rules that fire for the current scenario, the input values that
made them fire. ``filter_rules`` selects by category and by words; ``rule_table_html`` makes
the table the page shows.

Why one block of HTML and not ``st.table``: the browser drew the Arrow table with its per-cell
styles in about half a second of CPU on every visit (the page's largest cost), a plain table
in a few milliseconds. Safety: built from our own rule table and article text, every cell
through ``html.escape``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Mapping, Sequence

from core.assess import Finding
from core.field_words import input_label
from core.rules import CATEGORY_LABELS, RULES, Category, Rule
from core.sources import article
from ui.results import because_words

COLUMNS: tuple[str, ...] = (
    "Fires now",
    "Rule id",
    "Category",
    "Condition (plain words)",
    "Outcome",
    "Source passages",
    "What the app says",
    "Source quote",
)
SHOWN_COLUMNS: tuple[str, ...] = (
    "Fires now",
    "Rule id",
    "Category",
    "Condition (plain words)",
    "What the app says",
    "Source quote",
)
"""The table on the page (the outcome and the passage ids are in each rule's section below)."""
FIRES_MARK = "● fires"
FIRING_ROW_CLASS = "rb-fires"
"""The class of a firing rule's row (shaded)."""


_PLACEHOLDER = re.compile(r"\{(\w+)(?::[^}]*)?\}")


def template_words(text: str) -> str:
    """A rule text with its value slots in words: 'Age {age_years} is over 65' reads
    'Age ‹age› is over 65' (the rule book shows the rule, not one scenario's numbers)."""
    return _PLACEHOLDER.sub(lambda m: f"\u2039{input_label(m.group(1)).lower()}\u203a", text)


def rule_haystack(rule: Rule) -> str:
    """Everything a word search looks in: id, category, condition, outcome, text, passages and
    the passages' own words."""
    quotes = " ".join(article().passage(pid).text for pid in rule.passages)
    return " ".join(
        (
            rule.id,
            CATEGORY_LABELS[rule.category],
            rule.when.describe(),
            rule.outcome,
            rule.text,
            " ".join(rule.passages),
            quotes,
        )
    ).lower()


def filter_rules(
    rules: Sequence[Rule] = RULES,
    categories: Collection[Category] = (),
    query: str = "",
    only: Collection[str] = (),
) -> tuple[Rule, ...]:
    """Rules in table order: of the given categories (all when empty), containing every word of
    ``query`` (case-insensitive), and among ``only`` rule ids when it is given."""
    words = query.lower().split()
    return tuple(
        rule
        for rule in rules
        if (not categories or rule.category in categories)
        and (not only or rule.id in only)
        and all(word in rule_haystack(rule) for word in words)
    )


def fired_words(finding: Finding) -> str:
    """'● fires — Age: 72 years' (the inputs that made the rule fire)."""
    because = because_words(finding.inputs)
    return f"{FIRES_MARK} — {because}" if because else FIRES_MARK


def rule_rows(rules: Iterable[Rule], fired: Mapping[str, str]) -> list[dict[str, str]]:
    """One plain row per rule (keys ``COLUMNS``); ``fired`` maps the ids of the firing rules to
    their inputs in words (``fired_words``)."""
    return [
        dict(
            zip(
                COLUMNS,
                (
                    fired.get(rule.id, ""),
                    rule.id,
                    CATEGORY_LABELS[rule.category],
                    rule.when.describe(),
                    rule.outcome,
                    ", ".join(rule.passages),
                    template_words(rule.text),
                    "\n".join(quote_line(pid) for pid in rule.passages),
                ),
                strict=True,
            )
        )
        for rule in rules
    ]


def rule_table_html(rules: Iterable[Rule], fired: Mapping[str, str]) -> str:
    """The decision table the page shows (columns ``SHOWN_COLUMNS``, a firing rule's row of
    class ``FIRING_ROW_CLASS``), with its style; ``fired`` as in ``rule_rows``."""
    head = "".join(f'<th scope="col">{_cell(name)}</th>' for name in SHOWN_COLUMNS)
    firing = f'<tr class="{FIRING_ROW_CLASS}">'
    body = "".join(
        (firing if row[SHOWN_COLUMNS[0]] else "<tr>")
        + "".join(f"<td>{_cell(row[name])}</td>" for name in SHOWN_COLUMNS)
        + "</tr>"
        for row in rule_rows(rules, fired)
    )
    # The box scrolls, so it takes the keyboard focus (arrow keys scroll it) and has a name.
    box = f'<div class="{TABLE_BOX_CLASS}" tabindex="0" role="region" aria-label="Decision table">'
    return (
        f"{RULE_TABLE_CSS}{box}<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
        "</table></div>"
    )


def _cell(text: str) -> str:
    return html.escape(text, quote=False)


def quote_line(passage_id: str) -> str:
    """A passage's verbatim text on one line (a table cell): its lines joined by spaces."""
    return " ".join(passage_text(passage_id).splitlines())


def passage_text(passage_id: str) -> str:
    """A passage's verbatim text, bullets and indentation kept as lines."""
    lines = article().passage(passage_id).text.splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


TABLE_BOX_CLASS = "rb-table"
"""The box around the table: long tables scroll inside it (down, and sideways on a phone)."""

# Fixed column shares, so a long id or quote wraps inside its column instead of widening the
# table past the page; cells keep the line breaks between passages. Our own constant CSS;
# nothing from the data goes in.
RULE_TABLE_CSS = f"""
<style>
.{TABLE_BOX_CLASS} {{ max-height: 560px; overflow: auto; border: 1px solid #D5DAE0;
  border-radius: 0.4rem; }}
.{TABLE_BOX_CLASS} table {{ table-layout: fixed; width: 100%; border-collapse: collapse;
  margin: 0; }}
.{TABLE_BOX_CLASS} th, .{TABLE_BOX_CLASS} td {{ white-space: pre-line; overflow-wrap: break-word;
  vertical-align: top; text-align: left; font-size: 0.85rem; line-height: 1.35;
  padding: 0.4rem 0.5rem; border-bottom: 1px solid #E4E8EC; }}
.{TABLE_BOX_CLASS} th {{ position: sticky; top: 0; background: #F4F6F8; font-weight: 600; }}
.{TABLE_BOX_CLASS} tr.{FIRING_ROW_CLASS} td {{ background-color: #FFF3C4; }}
.{TABLE_BOX_CLASS} td:nth-child(2) {{ overflow-wrap: anywhere; }}
.{TABLE_BOX_CLASS} th:nth-child(1) {{ width: 10%; }}
.{TABLE_BOX_CLASS} th:nth-child(2) {{ width: 14%; }}
.{TABLE_BOX_CLASS} th:nth-child(3) {{ width: 14%; }}
.{TABLE_BOX_CLASS} th:nth-child(4) {{ width: 15%; }}
.{TABLE_BOX_CLASS} th:nth-child(5) {{ width: 23%; }}
.{TABLE_BOX_CLASS} th:nth-child(6) {{ width: 24%; }}
/* A phone: the table keeps readable columns and scrolls sideways inside its own box. */
@media (max-width: 640px) {{
  .{TABLE_BOX_CLASS} table {{ min-width: 52rem; }}
}}
</style>
"""
