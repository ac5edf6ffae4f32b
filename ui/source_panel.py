"""The source panel: the article's passages in reading order, the cited ones highlighted in place.

``render_source_panel(citations, height=...)`` draws the whole article in a scrollable box;
every passage has the HTML id ``passage_anchor(id)`` so a finding's link (``passage_href(id)``)
scrolls it into view, and the cited passages are marked with a border, a background AND a
"Cited by ..." line naming the findings (never colour alone).

Safety: the HTML is built only from our own article text and rule labels, every piece through
``html.escape``; nothing from the URL reaches it (citations are keyed by passage ids that exist,
and labelled by texts the core wrote).
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence

import streamlit as st

from core.sources import Passage, article

_CSS = """
<style>
.src-panel { font-size: 0.95rem; line-height: 1.45; }
.src-h1 { font-weight: 700; font-size: 1.1rem; margin: 0 0 0.4rem 0; }
.src-h2 { font-weight: 700; font-size: 1.05rem; margin: 0.9rem 0 0.25rem 0;
          border-bottom: 1px solid #B8C2CC; }
.src-h3 { font-weight: 600; margin: 0.5rem 0 0.15rem 0; }
.src-p { white-space: pre-wrap; margin: 0.1rem 0; padding: 0.15rem 0.4rem;
         border-left: 4px solid transparent; scroll-margin-top: 0.5rem; }
.src-p.cited { background: #FFF3C4; border-left-color: #8A5A00; }
.src-p:target { outline: 3px solid #0A4F8F; outline-offset: 1px; }
.src-cite { display: block; font-size: 0.85rem; font-weight: 600; color: #5A3B00;
            white-space: normal; }
.src-panel summary { cursor: pointer; }
.src-count { font-size: 0.8rem; font-weight: 600; color: #5A3B00; background: #FFF3C4;
             padding: 0 0.3rem; border-radius: 0.2rem; }
.src-id { font-family: monospace; font-size: 0.8rem; color: #4A5560; }
</style>
"""


def passage_anchor(passage_id: str) -> str:
    """The HTML id of a passage in the panel (prefixed: a bare 'title' would clash)."""
    return "passage-" + passage_id


def passage_href(passage_id: str) -> str:
    """An in-page link to a passage in the panel."""
    return "#" + passage_anchor(passage_id)


def _passage_html(passage: Passage, cited_by: Sequence[str]) -> str:
    text = html.escape(textwrap.dedent(passage.text).strip("\n"))
    if passage.is_heading:
        return f'<div class="src-{passage.kind}" id="{passage_anchor(passage.id)}">{text}</div>'
    classes = "src-p cited" if cited_by else "src-p"
    cite = ""
    if cited_by:
        names = html.escape("; ".join(dict.fromkeys(cited_by)))
        cite = f'<span class="src-cite">▶ Cited by: {names}</span>'
    pid = html.escape(passage.id)
    return (
        f'<div class="{classes}" id="{passage_anchor(passage.id)}">{cite}{text} '
        f'<span class="src-id">[{pid}]</span></div>'
    )


@st.cache_data(show_spinner=False, max_entries=256)
def source_html(citations: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """The article as HTML with the cited passages highlighted (cached: pure in its input).

    Each top-level section is a ``<details>`` block, open when it holds a cited passage and
    folded otherwise (the browser unfolds it when a link targets a passage inside).
    """
    cited = dict(citations)
    sections: dict[str, list[Passage]] = {}
    for passage in article().passages:
        sections.setdefault(passage.section, []).append(passage)
    parts = [_CSS, '<div class="src-panel">']
    for members in sections.values():
        heading, *body = members
        if heading.kind != "h2":  # the title block: always open, no fold
            parts += [_passage_html(p, cited.get(p.id, ())) for p in members]
            continue
        is_open = " open" if any(p.id in cited for p in members) else ""
        count = sum(p.id in cited for p in members)
        badge = f' <span class="src-count">▶ {count} cited</span>' if count else ""
        parts.append(
            f'<details{is_open} id="{passage_anchor(heading.id)}"><summary class="src-h2">'
            f"{html.escape(heading.text)}{badge}</summary>"
        )
        parts += [_passage_html(p, cited.get(p.id, ())) for p in body]
        parts.append("</details>")
    parts.append("</div>")
    return "\n".join(parts)


def citation_key(citations: Mapping[str, Sequence[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A hashable, ordered form of passage id -> citing labels (the cache key)."""
    return tuple(sorted((pid, tuple(labels)) for pid, labels in citations.items()))


def render_source_panel(citations: Mapping[str, Sequence[str]], height: int = 560) -> None:
    """The article in a scrollable box; ``citations`` maps passage id -> labels of its citers."""
    known = {p.id for p in article().passages}
    cited = {pid: labels for pid, labels in citations.items() if pid in known}
    st.caption(
        f"{len(cited)} passage{'s' if len(cited) != 1 else ''} cited by the current findings "
        "are highlighted (▶). Links in the findings scroll here."
    )
    with st.container(height=height, border=True, key="source_panel"):
        st.markdown(source_html(citation_key(cited)), unsafe_allow_html=True)
