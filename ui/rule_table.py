"""The rule table as a decision table (pure: pandas, no streamlit), for the rule book.

``rule_rows(rules, findings)`` gives one row per rule of ``core.rules.RULES`` (id, category,
condition in plain words from ``rule.when.describe()``, outcome, passages, text, the passages'
verbatim words) plus, for the rules that fire for the current scenario, the input values that
made them fire.
``filter_rules`` selects by category and by words; ``rule_table`` makes the DataFrame.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence

import pandas as pd

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


def rule_rows(rules: Iterable[Rule], findings: Mapping[str, Finding]) -> list[dict[str, str]]:
    """One plain row per rule; ``findings`` maps the ids of the firing rules to their findings."""
    rows = []
    for rule in rules:
        finding = findings.get(rule.id)
        rows.append(
            dict(
                zip(
                    COLUMNS,
                    (
                        fired_words(finding) if finding else "",
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
        )
    return rows


def rule_table(rules: Iterable[Rule], findings: Mapping[str, Finding]) -> pd.DataFrame:
    """The decision table as a DataFrame (columns ``COLUMNS``, one row per rule)."""
    return pd.DataFrame(rule_rows(rules, findings), columns=list(COLUMNS))


def quote_line(passage_id: str) -> str:
    """A passage's verbatim text on one line (a table cell): its lines joined by spaces."""
    return " ".join(passage_text(passage_id).splitlines())


def passage_text(passage_id: str) -> str:
    """A passage's verbatim text, bullets and indentation kept as lines."""
    lines = article().passage(passage_id).text.splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


# Fixed column shares, so a long id or quote wraps inside its column instead of widening the
# table past the page. Our own constant CSS; nothing from the data goes in.
RULE_TABLE_CSS = """
<style>
.st-key-rule_table table { table-layout: fixed; width: 100%; }
.st-key-rule_table th, .st-key-rule_table td, .st-key-rule_table td * {
  white-space: pre-line !important; overflow-wrap: break-word !important; max-width: 100%; }
.st-key-rule_table th, .st-key-rule_table td { vertical-align: top; font-size: 0.85rem;
  line-height: 1.35; }
.st-key-rule_table td:nth-child(2) * { overflow-wrap: anywhere !important; }
.st-key-rule_table th:nth-child(1) { width: 10%; }
.st-key-rule_table th:nth-child(2) { width: 14%; }
.st-key-rule_table th:nth-child(3) { width: 14%; }
.st-key-rule_table th:nth-child(4) { width: 15%; }
.st-key-rule_table th:nth-child(5) { width: 23%; }
.st-key-rule_table th:nth-child(6) { width: 24%; }
/* A phone: the table keeps readable columns and scrolls sideways inside its own box. */
@media (max-width: 640px) {
  .st-key-rule_table table { min-width: 52rem; }
  .st-key-rule_table [data-testid="stTable"] { overflow-x: auto; }
}
</style>
"""
