"""Rule profiles: the article's rule table (default) and the drug labels' (EU SmPC, US RA label).

Each profile is a rule table the same engine evaluates (``core.assess.assess(s, profile)``), with
its name, its sources, the date its facts were compiled, its doses and renal measure, and its
cells of the topic-by-topic comparison (``comparison_table()``).
"""

from core.profiles.article import ARTICLE
from core.profiles.comparison import ComparisonCell, ComparisonRow, comparison_table
from core.profiles.eu_smpc import EU_SMPC
from core.profiles.label_sources import (
    CHECK_CURRENT_LABEL,
    LABEL_FACTS_COMPILED,
    LABEL_FACTS_COMPILED_TEXT,
    TOPICS,
)
from core.profiles.profile import FactCell, Profile, RenalMeasure
from core.profiles.registry import DEFAULT_PROFILE_ID, PROFILE_IDS, PROFILES, get_profile
from core.profiles.us_label_ra import US_LABEL_RA

__all__ = [
    "ARTICLE",
    "CHECK_CURRENT_LABEL",
    "DEFAULT_PROFILE_ID",
    "EU_SMPC",
    "LABEL_FACTS_COMPILED",
    "LABEL_FACTS_COMPILED_TEXT",
    "PROFILES",
    "PROFILE_IDS",
    "TOPICS",
    "US_LABEL_RA",
    "ComparisonCell",
    "ComparisonRow",
    "FactCell",
    "Profile",
    "RenalMeasure",
    "comparison_table",
    "get_profile",
]
