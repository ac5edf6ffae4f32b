"""The profiles by id, the article's first (the default)."""

from __future__ import annotations

from core.errors import closest_name
from core.profiles.article import ARTICLE
from core.profiles.eu_smpc import EU_SMPC
from core.profiles.profile import Profile
from core.profiles.us_label_ra import US_LABEL_RA

PROFILES: dict[str, Profile] = {p.id: p for p in (ARTICLE, EU_SMPC, US_LABEL_RA)}
PROFILE_IDS: tuple[str, ...] = tuple(PROFILES)
DEFAULT_PROFILE_ID = ARTICLE.id


def get_profile(profile_id: str) -> Profile:
    """The profile with this id; ValueError naming the allowed ids (and the closest) otherwise."""
    try:
        return PROFILES[profile_id]
    except KeyError:
        suggestion = closest_name(profile_id, PROFILE_IDS)
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        raise ValueError(
            f"unknown profile {profile_id!r}{hint}; allowed: {', '.join(PROFILE_IDS)}"
        ) from None
