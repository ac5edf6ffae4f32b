"""The topic-by-topic comparison of the profiles, generated from their cells (for /labels)."""

from __future__ import annotations

from dataclasses import dataclass

from core.profiles.label_sources import TOPICS
from core.profiles.profile import CitationKind, FactCell, Profile
from core.profiles.registry import PROFILES


@dataclass(frozen=True)
class ComparisonCell:
    """One profile's cell: its text, source ids (passages or label sources) and their date."""

    profile_id: str
    profile_name: str
    text: str
    sources: tuple[str, ...]
    citation_kind: CitationKind
    compiled: str
    unverified: bool
    rules: tuple[str, ...]

    @classmethod
    def of(cls, profile: Profile, cell: FactCell) -> ComparisonCell:
        """The cell as shown beside the other profiles' cells."""
        return cls(
            profile.id,
            profile.short_name,
            cell.text,
            cell.sources,
            profile.citation_kind,
            profile.compiled,
            cell.unverified,
            cell.rules,
        )


@dataclass(frozen=True)
class ComparisonRow:
    """One topic: the article's cell first, then each label's."""

    topic: str
    label: str
    cells: tuple[ComparisonCell, ...]

    def cell(self, profile_id: str) -> ComparisonCell:
        """The cell of one profile (KeyError when there is none)."""
        for cell in self.cells:
            if cell.profile_id == profile_id:
                return cell
        raise KeyError(profile_id)


def comparison_table(profiles: tuple[Profile, ...] | None = None) -> list[ComparisonRow]:
    """Every topic of the label facts, with each profile's cell (profile order: article first).

    Show it with ``CHECK_CURRENT_LABEL`` and ``LABEL_FACTS_COMPILED`` (core.profiles).
    """
    chosen = profiles if profiles is not None else tuple(PROFILES.values())
    rows: list[ComparisonRow] = []
    for topic, label in TOPICS:
        cells = tuple(
            ComparisonCell.of(profile, cell)
            for profile in chosen
            if (cell := profile.cell(topic)) is not None
        )
        rows.append(ComparisonRow(topic, label, cells))
    return rows
