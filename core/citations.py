"""Which rules cite which passage of the article, and how much of the article the rules use."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from core.rules import RULES, Rule
from core.sources import article


def citing_rules(rules: Collection[Rule] = RULES) -> dict[str, tuple[str, ...]]:
    """Passage id -> ids of the rules citing it, in rule-table order (every passage present)."""
    cited: dict[str, list[str]] = {p.id: [] for p in article().passages}
    for rule in rules:
        for pid in rule.passages:
            cited.setdefault(pid, []).append(rule.id)
    return {pid: tuple(ids) for pid, ids in cited.items()}


def coverage(citers: Mapping[str, tuple[str, ...]]) -> tuple[int, int]:
    """(text passages cited by a rule, descriptive text passages)."""
    texts = [p for p in article().passages if not p.is_heading]
    cited = sum(bool(citers.get(p.id)) for p in texts)
    return cited, len(texts) - cited
