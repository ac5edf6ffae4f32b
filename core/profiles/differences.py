"""What differs between the article and the labels for one scenario, with both sources quoted.

Pure: takes the scenario's assessments under every profile and returns data (no streamlit, no
plotly); the /labels page draws it. A difference is a comparison topic (a row of the label facts)
on which the profiles treat this patient differently, or an input no row holds that one profile
rules on (a label's "the facts do not cover this", or an article rule the labels have no row
for). Every quote is the article passage's own text or the label source's line from the facts.

Not imported by ``core.profiles`` itself: it needs ``core.assess``, which needs the profiles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.assess import Assessment, Finding, assess
from core.field_words import input_label
from core.profiles.comparison import ComparisonRow, comparison_table
from core.profiles.label_sources import FACTS_TABLE_ID
from core.profiles.profile import Profile
from core.profiles.registry import PROFILES
from core.rules import VERDICT_OF_CATEGORY, Category
from core.scenario import Scenario
from core.sources import article

UNVERIFIED = "unverified"
NO_ROW = "no row of the compiled label facts"
NO_RULE = "no rule"
# Findings that decide a verdict: the ones a difference is about.
VERDICT_CATEGORIES = frozenset(VERDICT_OF_CATEGORY)


def profile_assessments(scenario: Scenario) -> tuple[Assessment, ...]:
    """The scenario assessed under every profile, the article's first."""
    return tuple(assess(scenario, profile) for profile in PROFILES.values())


def source_quotes(profile: Profile, ids: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(id, quoted text) for each source id: the article passage's own text for the article,
    the label source's line (what it is and its address) for a label profile (unknown ids are
    skipped)."""
    quotes: list[tuple[str, str]] = []
    for source_id in dict.fromkeys(ids):
        if profile.is_label:
            if source_id in profile.sources:
                quotes.append((source_id, profile.sources[source_id]))
        else:
            try:
                quotes.append((source_id, " ".join(article().passage(source_id).text.split())))
            except KeyError:
                continue
    return tuple(quotes)


def cell_words(text: str, unverified: bool) -> str:
    """A cell's words, marked 'unverified: …' when the facts mark it so (once)."""
    return f"{UNVERIFIED}: {text}" if unverified and UNVERIFIED not in text else text


@dataclass(frozen=True)
class TopicSide:
    """What one profile says on a topic for this scenario: its rule (cell), what fired, sources."""

    profile: Profile
    cell_text: str
    unverified: bool
    fired: tuple[Finding, ...]
    quotes: tuple[tuple[str, str], ...]
    outcome: frozenset[tuple[str, int]]  # (category, reduced dose or 0) of what fired

    @property
    def words(self) -> str:
        """The profile's rule on the topic in words ('unverified: …' when so marked)."""
        return cell_words(self.cell_text, self.unverified)

    @property
    def not_covered(self) -> bool:
        """True when this profile's compiled facts do not cover the input (a label only)."""
        return any(f.category is Category.not_covered for f in self.fired)


@dataclass(frozen=True)
class TopicDifference:
    """One comparison topic (or uncovered input) where the profiles treat this scenario
    differently."""

    topic: str
    label: str
    sides: tuple[TopicSide, ...]

    @property
    def changes_outcome(self) -> bool:
        """True when the profiles reach different outcomes (a rule here that another lacks, or
        another category or dose); False when only the wording or detail differs."""
        return len({side.outcome for side in self.sides}) > 1

    @property
    def not_covered(self) -> bool:
        """True when a label's compiled facts do not cover this input."""
        return any(side.not_covered for side in self.sides)


def _outcome(profile: Profile, fired: Sequence[Finding]) -> frozenset[tuple[str, int]]:
    return frozenset(
        (f.category.value, profile.reduced_dose_mg if f.category is Category.dose else 0)
        for f in fired
    )


def _cited(profile: Profile, fired: Sequence[Finding]) -> list[str]:
    return [s for f in fired for s in (f.sources if profile.is_label else f.passages)]


def _side(assessment: Assessment, row: ComparisonRow) -> TopicSide | None:
    profile = assessment.profile
    try:
        cell = row.cell(profile.id)
    except KeyError:
        return None
    fired = tuple(f for f in assessment.findings if f.id in cell.rules)
    cited = _cited(profile, fired)
    if profile.is_label and not cell.sources and FACTS_TABLE_ID not in cited:
        cited.append(FACTS_TABLE_ID)  # a cell with no source ("no statement found"): the table
    return TopicSide(
        profile=profile,
        cell_text=cell.text,
        unverified=cell.unverified,
        fired=fired,
        quotes=source_quotes(profile, cited or cell.sources),
        outcome=_outcome(profile, fired),
    )


def _linked(profile: Profile) -> frozenset[str]:
    return frozenset(rule_id for cell in profile.cells for rule_id in cell.rules)


def _rowless_differences(assessments: Sequence[Assessment]) -> list[TopicDifference]:
    """Inputs no facts row holds that a profile rules on with a verdict (a label's "not
    covered", or an article rule): grouped by the inputs that fire them."""
    keys: list[frozenset[str]] = []
    for assessment in assessments:
        linked = _linked(assessment.profile)
        for finding in assessment.findings:
            key = frozenset(finding.inputs)
            rowless = finding.category in VERDICT_CATEGORIES and finding.id not in linked
            if rowless and key and key not in keys:
                keys.append(key)
    found: list[TopicDifference] = []
    for key in keys:
        sides: list[TopicSide] = []
        for assessment in assessments:
            profile = assessment.profile
            fired = tuple(
                f
                for f in assessment.findings
                if f.category in VERDICT_CATEGORIES and key & set(f.inputs)
            )
            outcomes = dict.fromkeys(profile.rules_by_id[f.id].outcome for f in fired)
            words = "; ".join(outcomes) if fired else NO_RULE
            cited = _cited(profile, fired)
            if profile.is_label and not fired:
                words, cited = NO_ROW, [FACTS_TABLE_ID]
            sides.append(
                TopicSide(
                    profile,
                    words,
                    False,
                    fired,
                    source_quotes(profile, cited),
                    _outcome(profile, fired),
                )
            )
        if len({side.outcome for side in sides}) > 1:
            label = ", ".join(dict.fromkeys(input_label(name) for name in sorted(key)))
            topic = "input:" + "+".join(sorted(key))
            found.append(TopicDifference(topic, label, tuple(sides)))
    return found


def topic_differences(assessments: Sequence[Assessment]) -> tuple[TopicDifference, ...]:
    """The topics on which at least one profile has a rule that applies to this scenario and
    the profiles do not say the same thing, then the inputs no facts row holds that a profile
    rules on; those that change the outcome first, gaps in the label facts first among them."""
    found: list[TopicDifference] = []
    for row in comparison_table():
        sides = tuple(s for a in assessments if (s := _side(a, row)) is not None)
        if not any(side.fired for side in sides):
            continue
        if len({side.words for side in sides}) == 1 and len({s.outcome for s in sides}) == 1:
            continue
        found.append(TopicDifference(row.topic, row.label, sides))
    found += _rowless_differences(assessments)
    # Outcome-changing first, and among those the inputs the label facts do not cover.
    return tuple(sorted(found, key=lambda d: (not d.changes_outcome, not d.not_covered)))


def renal_working(assessment: Assessment) -> str:
    """How the profile's renal measure was obtained: Cockcroft-Gault CrCl, or CKD-EPI eGFR."""
    if assessment.egfr is not None:
        return assessment.egfr.working
    return assessment.renal.working


def cell_with_sources(text: str, sources: Sequence[str], unverified: bool) -> str:
    """A comparison cell as plain text: 'text [E3, E6]', or 'unverified: …'."""
    words = cell_words(text, unverified)
    return f"{words} [{', '.join(sources)}]" if sources else words


def profile_column_title(profile: Profile) -> str:
    """A comparison column's title with the profile's date ('EU SmPC (compiled 2026-12)')."""
    when = "compiled" if profile.is_label else "last updated"
    return f"{profile.short_name} ({when} {profile.compiled})"


def comparison_records(rows: Sequence[ComparisonRow]) -> list[dict[str, str]]:
    """The comparison table as records: one per topic, one column per profile (dated)."""
    records: list[dict[str, str]] = []
    for row in rows:
        record = {"Topic": row.label}
        for cell in row.cells:
            record[profile_column_title(PROFILES[cell.profile_id])] = cell_with_sources(
                cell.text, cell.sources, cell.unverified
            )
        records.append(record)
    return records


def cited_sources(rows: Sequence[ComparisonRow]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Profile id -> every (source id, quoted text) the comparison table cites for it."""
    cited: dict[str, list[str]] = {}
    for row in rows:
        for cell in row.cells:
            cited.setdefault(cell.profile_id, []).extend(cell.sources)
    return {pid: source_quotes(PROFILES[pid], ids) for pid, ids in cited.items()}
