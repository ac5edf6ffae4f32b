"""The source article: its passages with stable ids, and its metadata (title, date, publisher)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.content_files import read_yaml

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
PASSAGES_FILE = CONTENT_DIR / "source" / "passages.yaml"
ARTICLE_FILE = CONTENT_DIR / "source" / "article.txt"


@dataclass(frozen=True)
class Passage:
    """A verbatim piece of the article. ``kind`` is h1/h2/h3 for headings, ``text`` otherwise."""

    id: str
    kind: str
    section: str
    text: str

    @property
    def is_heading(self) -> bool:
        """True for title and section headings."""
        return self.kind != "text"


@dataclass(frozen=True)
class Article:
    """Article metadata and its passages in reading order."""

    title: str
    page_title: str
    publisher: str
    last_updated: str
    last_updated_text: str
    body_first_line: int
    body_last_line: int
    passages: tuple[Passage, ...]

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id (KeyError if there is none)."""
        return _index(self)[passage_id]

    def section_title(self, passage_id: str) -> str:
        """The heading of the section a passage stands in, e.g. 'Dosing Recommendations'."""
        return self.passage(self.passage(passage_id).section).text


@cache
def article() -> Article:
    """Load the article once per process (immutable, so sharing it between sessions is safe)."""
    raw = read_yaml(PASSAGES_FILE.read_text(encoding="utf-8"))
    meta = raw["article"]
    passages = tuple(Passage(**item) for item in raw["passages"])
    return Article(passages=passages, **meta)


@cache
def _index(source: Article) -> dict[str, Passage]:
    return {p.id: p for p in source.passages}


def passage_ids() -> frozenset[str]:
    """Every passage id."""
    return frozenset(_index(article()))


def notice() -> str:
    """The educational notice every page and export carries, with the article's date."""
    source = article()
    return (
        "Educational software, not a clinical tool: do not use it for clinical decisions. "
        f"It follows one article, \u201c{source.title}\u201d ({source.publisher}, last updated "
        f"{source.last_updated_text})."
    )
