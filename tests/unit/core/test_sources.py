"""The source passages reproduce the article body verbatim, and every rule cites real passages."""

import re
from pathlib import Path

import pytest

from core.rules import RULES
from core.sources import ARTICLE_FILE, article, passage_ids

SHARED_SEED = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "000_8208e5b1edb4f738.txt"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_passages_joined_reproduce_the_article_body() -> None:
    source = article()
    lines = ARTICLE_FILE.read_text(encoding="utf-8").split("\n")
    body = "\n".join(lines[source.body_first_line - 1 : source.body_last_line])
    joined = "\n".join(p.text for p in source.passages)
    assert _words(joined) == _words(body)


def test_body_runs_from_title_to_disclaimer_without_page_chrome() -> None:
    passages = article().passages
    assert (
        passages[0].text
        == "Recommendations for Using Baricitinib in Inflammatory and Autoimmune Diseases"
    )
    assert passages[-1].text.startswith(
        "This information is intended for healthcare professionals."
    )
    joined = " ".join(p.text for p in passages)
    for chrome in ("Personalize", "Article Review Status", "Have a follow-up question?"):
        assert chrome not in joined


def test_passage_ids_are_unique_and_dated_metadata_present() -> None:
    ids = [p.id for p in article().passages]
    assert len(ids) == len(set(ids))
    assert article().last_updated == "2025-09-21"


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="shared/ seed not beside this checkout")
def test_bundled_article_is_the_shared_seed() -> None:
    assert ARTICLE_FILE.read_bytes() == SHARED_SEED.read_bytes()


def test_every_rule_cites_existing_passages() -> None:
    known = passage_ids()
    for rule in RULES:
        assert rule.passages, rule.id
        assert set(rule.passages) <= known, rule.id


# Passages that state a rule (a dose, a contraindication, a caution, an HBV or pregnancy rule, a
# monitoring or screening step, an algorithm step that decides something, practical advice that
# changes what is done). Headings are not rules. algorithm.step3 (screening tests) is covered
# by the screening checklist; the rest of the article (mechanism, adverse-event lists, summary)
# is context.
RULE_SECTIONS = ("dosing.", "contraindications.", "cautions.", "hbv.", "pregnancy.")
RULE_SECTIONS += ("monitoring.", "screening.")
RULE_PASSAGES = frozenset(
    {
        "algorithm.step1",
        "algorithm.step2",
        "algorithm.step4",
        "algorithm.step5",
        "algorithm.step6",
        "algorithm.step7",
        "practical.remission_dose_reduction",
        "practical.glucocorticoid",
        "adverse.combination",
    }
)


def rule_stating_passages() -> set[str]:
    return {
        p.id
        for p in article().passages
        if not p.is_heading and (p.id.startswith(RULE_SECTIONS) or p.id in RULE_PASSAGES)
    }


def test_every_rule_stating_passage_is_cited_by_a_rule() -> None:
    cited = {passage for rule in RULES for passage in rule.passages}
    stating = rule_stating_passages()
    assert passage_ids() >= RULE_PASSAGES, "a listed passage id no longer exists"
    assert len(stating) >= 30
    assert stating - cited == set(), "these passages state a rule that no rule cites"
