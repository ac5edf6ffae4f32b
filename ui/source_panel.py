"""The source panel: the article's passages in reading order, the cited ones highlighted in place.

``render_source_panel(citations, height=...)`` draws, in a scrollable box, the passages the
current findings cite FIRST (most severe finding first, each with a "Cited by ..." line naming the
findings), then the whole article one click away (folded, the cited passages highlighted in
place with a border, a background AND the same line -- never colour alone). Every passage has
one element with the HTML id ``passage_anchor(id)``; a link to it (``passage_href(id)``) scrolls
only the box (``PASSAGE_LINK_SCRIPT``), so the verdict beside the box stays where it is.

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
from ui.lecture import lecture_on

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
.src-whole > summary { font-weight: 700; margin: 0.8rem 0 0.3rem 0; padding: 0.3rem 0.4rem;
                       border: 1px solid #B8C2CC; border-radius: 0.3rem; }
.src-lead { font-weight: 700; margin: 0 0 0.3rem 0; }
.src-flash { outline: 3px solid #0A4F8F; outline-offset: 1px; }
</style>
"""

# A click on an in-page passage link scrolls the box that holds the passage, not the page:
# anchor navigation would scroll every ancestor and push the verdict off the screen. When the
# box itself is off screen (a phone's single column), the box is brought into view first.
# Our own constant script; it reads only element ids the page wrote.
PASSAGE_LINK_SCRIPT = """<script>(function(){
if (window.__passageLinks) { return; } window.__passageLinks = true;
function scroller(el){ for (var n = el.parentElement; n; n = n.parentElement) {
  var y = getComputedStyle(n).overflowY;
  if ((y === 'auto' || y === 'scroll') && n.scrollHeight > n.clientHeight) { return n; } }
  return null; }
document.addEventListener('click', function(ev){
  var a = ev.target.closest && ev.target.closest('a[href^="#passage-"]');
  if (!a) { return; }
  var el = document.getElementById(a.getAttribute('href').slice(1));
  if (!el) { return; }
  ev.preventDefault();
  for (var d = el.closest('details'); d; d = d.parentElement.closest('details')) { d.open = true; }
  var box = scroller(el);
  if (!box || box === document.scrollingElement) { el.scrollIntoView({block: 'start'}); }
  else {
    var r = box.getBoundingClientRect();
    // Off screen: bring the whole box back (its bottom at the screen's foot when it fits,
    // which also brings back the verdict at the top of the same row).
    if (r.top < 0 || r.bottom > window.innerHeight) {
      box.scrollIntoView({block: r.height <= window.innerHeight ? 'end' : 'start'}); }
    box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 6;
  }
  document.querySelectorAll('.src-flash').forEach(function(n){ n.classList.remove('src-flash'); });
  el.classList.add('src-flash');
}, true);
})();</script>"""


def passage_anchor(passage_id: str) -> str:
    """The HTML id of a passage in the panel (prefixed: a bare 'title' would clash)."""
    return "passage-" + passage_id


def passage_href(passage_id: str) -> str:
    """An in-page link to a passage in the panel."""
    return "#" + passage_anchor(passage_id)


def _passage_html(passage: Passage, cited_by: Sequence[str], anchor: str = "") -> str:
    """One passage; ``anchor`` overrides its HTML id (the whole-article copy of a cited one)."""
    anchor = anchor or passage_anchor(passage.id)
    text = html.escape(textwrap.dedent(passage.text).strip("\n"))
    if passage.is_heading:
        return f'<div class="src-{passage.kind}" id="{anchor}">{text}</div>'
    classes = "src-p cited" if cited_by else "src-p"
    cite = ""
    if cited_by:
        names = html.escape("; ".join(dict.fromkeys(cited_by)))
        cite = f'<span class="src-cite">▶ Cited by: {names}</span>'
    pid = html.escape(passage.id)
    return (
        f'<div class="{classes}" id="{anchor}">{cite}{text} '
        f'<span class="src-id">[{pid}]</span></div>'
    )


@st.cache_data(show_spinner=False, max_entries=256)
def source_html(citations: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    """The cited passages first, then the whole article (cached: pure in its input).

    The whole article is one ``<details>`` block, folded when passages are cited (open when
    none is); inside, each top-level section is folded too. The link script unfolds them when a
    link targets a passage inside. A cited passage's copy in the whole article gets another id,
    so every id stays unique.
    """
    cited = dict(citations)
    passages = article().passages
    sections: dict[str, list[Passage]] = {}
    for passage in passages:
        sections.setdefault(passage.section, []).append(passage)
    parts = [_CSS, '<div class="src-panel">']
    # In the order of the findings citing them (most severe first: the verdict's passage,
    # then the dose's), so the ones that decide the answer are at the top of the box.
    by_id = {p.id: p for p in passages}
    first = [by_id[pid] for pid in cited if pid in by_id and not by_id[pid].is_heading]
    if first:
        parts.append(f'<p class="src-lead">Cited by the current findings ({len(first)})</p>')
        parts += [_passage_html(p, cited[p.id]) for p in first]

    def anchor_of(passage: Passage) -> str:
        copy = passage.id in cited and not passage.is_heading
        return ("whole-" if copy else "") + passage_anchor(passage.id)

    is_whole_open = "" if first else " open"
    parts.append(
        f'<details class="src-whole"{is_whole_open}><summary>Whole article '
        f"({len(passages)} passages, cited ones highlighted)</summary>"
    )
    for members in sections.values():
        heading, *body = members
        if heading.kind != "h2":  # the title block: always open, no fold
            parts += [_passage_html(p, cited.get(p.id, ()), anchor_of(p)) for p in members]
            continue
        count = sum(p.id in cited for p in members)
        badge = f' <span class="src-count">▶ {count} cited</span>' if count else ""
        parts.append(
            f'<details id="{passage_anchor(heading.id)}"><summary class="src-h2">'
            f"{html.escape(heading.text)}{badge}</summary>"
        )
        parts += [_passage_html(p, cited.get(p.id, ()), anchor_of(p)) for p in body]
        parts.append("</details>")
    parts.append("</details></div>")
    return "\n".join(parts)


def citation_key(citations: Mapping[str, Sequence[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A hashable form of passage id -> citing labels (the cache key), in citation order."""
    return tuple((pid, tuple(labels)) for pid, labels in citations.items())


# Heights that end the box on the first screen at 1280x720 (measured by the browser tests):
# the box starts ~240 px down (below the page navigation), ~330 px in lecture mode's larger type.
PANEL_HEIGHT = 450
LECTURE_PANEL_HEIGHT = 360


PANEL_CLASS = "src-box"
"""The scrolling box that holds the article on the Explorer."""
PANEL_CAPTION = "The article, cited passages first (▶)."

# The box as Streamlit draws a bordered container of fixed height (its border colour and
# radius), in our own element: the panel is one element, not four.
_PANEL_CSS = f"""
<style>
.{PANEL_CLASS} {{ overflow-y: auto; border: 1px solid rgba(49, 51, 63, 0.2);
  border-radius: 0.5rem; padding: 0.75rem 1rem; }}
.src-caption {{ font-size: 0.875rem; color: #555C66; margin: 0 0 0.5rem 0; }}
</style>
"""


def panel_html(citations: tuple[tuple[str, tuple[str, ...]], ...], height: int) -> str:
    """The whole panel as one block: the link script, the caption and the box of ``height``
    pixels holding ``source_html(citations)``. The box is a named region that takes the
    keyboard focus (arrow keys scroll it)."""
    return (
        f'{PASSAGE_LINK_SCRIPT}{_PANEL_CSS}<p class="src-caption">{PANEL_CAPTION}</p>'
        f'<div class="{PANEL_CLASS}" style="height: {height}px" tabindex="0" role="region" '
        f'aria-label="The source article">{source_html(citations)}</div>'
    )


def render_source_panel(citations: Mapping[str, Sequence[str]], height: int | None = None) -> None:
    """The article in a scrollable box; ``citations`` maps passage id -> labels of its citers.

    One ``st.html`` element (each element is one more message and component the browser
    re-renders on every input): the script, the caption and the box were four. Not Markdown:
    the browser would parse the whole article as Markdown with raw HTML on every input (about
    50 ms of its CPU per slider move).
    """
    if height is None:
        height = LECTURE_PANEL_HEIGHT if lecture_on() else PANEL_HEIGHT
    known = {p.id for p in article().passages}
    cited = {pid: labels for pid, labels in citations.items() if pid in known}
    st.html(panel_html(citation_key(cited), height), unsafe_allow_javascript=True)
