"""A rule id as a reviewer sees it on a student's page: small, in code type, linking to the rule's
row in the rule book with the page's scenario. The sentence before it is plain words; the id is
only the way to the rule behind them."""

from __future__ import annotations

from core.scenario import Scenario
from ui.page_registry import RULE_BOOK
from ui.scenario_state import scenario_link


def rule_book_link(scenario: Scenario, rule_id: str = "") -> str:
    """A link to the rule book with ``scenario`` (at one rule's row when ``rule_id`` is given)."""
    extra = {"rule": rule_id} if rule_id else {}
    return scenario_link(RULE_BOOK.url_path, scenario, **extra)


def rule_reviewer_link(scenario: Scenario, rule_id: str) -> str:
    """':small[([`rule.id`](rule-book?...))]': the id as a small link to its rule-book row."""
    return f":small[([`{rule_id}`]({rule_book_link(scenario, rule_id)}))]"
