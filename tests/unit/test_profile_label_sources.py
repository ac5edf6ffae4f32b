"""core.profiles.label_sources: the bundled facts file, its topics, its sources, its date."""

from __future__ import annotations

import pytest

from core.profiles import CHECK_CURRENT_LABEL, LABEL_FACTS_COMPILED, PROFILES, TOPICS
from core.profiles.label_sources import (
    EU_SOURCES,
    FACTS_TABLE_ID,
    STUDY_SOURCES,
    US_SOURCES,
)
from tests.unit.profile_facts import (
    FACTS_FILE,
    LABELS,
    SHARED_FACTS,
    VANISHED_SOURCES,
    facts_rows,
    facts_sources,
)


def test_bundled_facts_file_is_the_shared_one() -> None:
    if not SHARED_FACTS.exists():
        pytest.skip("shared/label-facts.md not beside this checkout")
    assert FACTS_FILE.read_bytes() == SHARED_FACTS.read_bytes()


def test_topics_are_the_facts_table_rows_in_order() -> None:
    assert [words for _, words in TOPICS] == list(facts_rows())


def test_label_sources_are_the_facts_file_sources_line_for_line() -> None:
    ours = {**US_SOURCES, **EU_SOURCES, **STUDY_SOURCES}
    assert ours == facts_sources()
    assert US_SOURCES["U13"].endswith("not re-found.")
    assert US_SOURCES["U21"].endswith("https://prescriberpoint.com/therapies/olumiant-866e9f3")


def test_sources_the_revision_dropped_are_cited_nowhere() -> None:
    assert not VANISHED_SOURCES & set(facts_sources())
    for profile in LABELS:
        assert not VANISHED_SOURCES & set(profile.sources), profile.id
        for rule in profile.rules:
            assert not VANISHED_SOURCES & set(rule.sources), rule.id
        for cell in profile.cells:
            assert not VANISHED_SOURCES & set(cell.sources), cell.topic


def test_compiled_date_and_check_the_current_label() -> None:
    assert LABEL_FACTS_COMPILED == "2026-12"
    assert "Compiled 2026-12" in FACTS_FILE.read_text(encoding="utf-8")
    assert "check the current label" in CHECK_CURRENT_LABEL.lower()
    assert "2026-12" in CHECK_CURRENT_LABEL
    assert "06/2026" in CHECK_CURRENT_LABEL  # the recent US change whose topic is unverified
    for profile in LABELS:
        assert profile.compiled == LABEL_FACTS_COMPILED
        assert profile.notice == CHECK_CURRENT_LABEL
        assert profile.sources[FACTS_TABLE_ID]
    assert {p.id for p in LABELS} < set(PROFILES)
