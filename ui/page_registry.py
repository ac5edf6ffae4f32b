"""The app's pages as data: one entry per page (script, title, icon, url path), nothing else.

``app.py`` turns ``PAGES`` into ``st.Page`` objects; links, tests, screenshots and benchmarks
import the entries from here, so a page's path is written once. Pure Python (no streamlit).

To add a page: write its script in ``views/`` (not ``pages/``: that folder name switches on
Streamlit's legacy multipage mode, which rejects the first deep link) and add one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    """One page: its script (relative to app.py), title, Material nav icon and url path.

    The default page (the Explorer) has the url path ``""``: it is served at ``/``.
    """

    script: str
    title: str
    icon: str
    url_path: str

    @property
    def is_default(self) -> bool:
        """True for the page served at ``/``."""
        return self.url_path == ""

    @property
    def name(self) -> str:
        """A short stable name: the script's file name without ``.py`` (e.g. ``dose_map``)."""
        return self.script.rsplit("/", 1)[-1].removesuffix(".py")


# Order: explore, teach, review (the navigation's order). Material nav icons, because emoji show
# as empty boxes on machines without an emoji font.
EXPLORER = PageEntry("views/explorer.py", "Explorer", ":material/tune:", "")
DOSE_MAP = PageEntry("views/dose_map.py", "Dose map", ":material/grid_on:", "dose-map")
COMPARE = PageEntry("views/compare.py", "Compare", ":material/compare_arrows:", "compare")
CASES = PageEntry("views/cases.py", "Teaching cases", ":material/school:", "cases")
RULE_BOOK = PageEntry("views/rule_book.py", "Rule book", ":material/rule:", "rule-book")
SOURCE = PageEntry("views/source.py", "Source article", ":material/article:", "source")
LABELS = PageEntry("views/labels.py", "Article vs labels", ":material/balance:", "labels")
BATCH = PageEntry("views/batch.py", "Batch review", ":material/table_view:", "batch")
AUDIT = PageEntry("views/audit.py", "Audit", ":material/fact_check:", "audit")

PAGES: tuple[PageEntry, ...] = (
    EXPLORER,
    DOSE_MAP,
    COMPARE,
    CASES,
    RULE_BOOK,
    SOURCE,
    LABELS,
    BATCH,
    AUDIT,
)
