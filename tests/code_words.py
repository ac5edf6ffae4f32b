"""Code words in text a student reads: passage ids, rule ids, enum values, ``{placeholders}``
and backticks. Shared by the tests that check student-facing prose (case files, pages).

Ids are allowed only as small reviewer links: strip those (``without_reviewer_links``) before
looking.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from core.algorithm import Status
from core.rules import RULES_BY_ID, Category, Verdict
from core.scenario import Indication
from core.screening import ItemStatus
from core.sources import passage_ids

_ENUMS: tuple[type[StrEnum], ...] = (Verdict, Category, Indication, Status, ItemStatus)
_TOKEN = re.compile(r"[A-Za-z_0-9]+(?:[._][A-Za-z_0-9]+)+")
_MARKUP = re.compile(r"\{[^{}\s]*\}|`")
# A small reviewer link as the pages write it: ":small[...[id](link)...]".
_SMALL = re.compile(r":small\[(?:[^\[\]]|\[[^\[\]]*\])*\]")


@cache
def _code_tokens() -> frozenset[str]:
    # Dotted ids; enum values that are not plain words (one word like "none" reads as English).
    dotted = {pid for pid in passage_ids() if "." in pid} | set(RULES_BY_ID)
    values = {member.value for enum in _ENUMS for member in enum if "_" in member.value}
    return frozenset(dotted | values)


def code_words(text: str) -> list[str]:
    """The code words in ``text``: ids and enum values (as whole tokens) and markup."""
    tokens = _code_tokens()
    found = [m.group(0) for m in _TOKEN.finditer(text) if m.group(0) in tokens]
    return found + _MARKUP.findall(text)


def without_reviewer_links(text: str) -> str:
    """``text`` without its small reviewer links (where ids are allowed)."""
    return _SMALL.sub("", text)
