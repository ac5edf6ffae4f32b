"""The rule table as a decision table (pure: no streamlit), for the rule book.

``rule_rows(rules, fired)`` gives one row per rule of ``core.rules.RULES`` (id, category,
condition in plain words from ``rule.when.describe()``, outcome, passages, text, the passages'
verbatim words) plus, for the rules that fire for the current scenario, the input values that
made them fire. ``filter_rules`` selects by category and by words; ``rule_table_html`` makes
the table the page shows.

Why one block of HTML (``ui.html_table``) and not ``st.table``: the browser drew the Arrow
table with its per-cell styles in about half a second of CPU on every visit (the page's largest
cost), a plain table in a few milliseconds. Built from our own rule table and article text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence

from core.assess import Finding
from core.field_words import input_label
from core.rules import CATEGORY_LABELS, RULES, Category, Rule
from core.sources import article
from ui.html_table import table_css, table_html
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
    rows = rule_rows(rules, fired)
    return table_html(
        TABLE_BOX_CLASS,
        "Decision table",
        SHOWN_COLUMNS,
        ([row[name] for name in SHOWN_COLUMNS] for row in rows),
        css=RULE_TABLE_CSS,
        row_classes=(FIRING_ROW_CLASS if row[SHOWN_COLUMNS[0]] else "" for row in rows),
    )


def quote_line(passage_id: str) -> str:
    """A passage's verbatim text on one line (a table cell): its lines joined by spaces."""
    return " ".join(passage_text(passage_id).splitlines())


def passage_text(passage_id: str) -> str:
    """A passage's verbatim text, bullets and indentation kept as lines."""
    lines = article().passage(passage_id).text.splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


TABLE_BOX_CLASS = "rb-table"
"""The box around the table: long tables scroll inside it (down, and sideways on a phone)."""

# The long table scrolls inside its box, under a header that stays in view; cells keep the line
# breaks between passages. Our own constant CSS; nothing from the data goes in.
RULE_TABLE_CSS = table_css(
    TABLE_BOX_CLASS,
    ("10%", "14%", "14%", "15%", "23%", "24%"),
    box="max-height: 560px; overflow: auto; border: 1px solid #D5DAE0; border-radius: 0.4rem;",
    cells="white-space: pre-line; padding: 0.4rem 0.5rem; border-bottom: 1px solid #E4E8EC;",
    phone_min_width="52rem",
    extra=f"""
.{TABLE_BOX_CLASS} th {{ position: sticky; top: 0; background: #F4F6F8; }}
.{TABLE_BOX_CLASS} tr.{FIRING_ROW_CLASS} td {{ background-color: #FFF3C4; }}
.{TABLE_BOX_CLASS} td:nth-child(2) {{ overflow-wrap: anywhere; }}
""",
)
