"""What differs between the article and the labels for one scenario, and the sources the
comparison table cites, as blocks of HTML (the /labels page; pure: no streamlit).

Why HTML and not Streamlit elements: each difference was a bordered container, a title, three
columns and a Markdown block per column (about nine elements, each one more message the browser
renders); a scenario with eight differences sent some eighty. One block draws them all; the
"same kind of outcome" group and the cited sources fold and unfold in the browser (a native
``<details>``), with no rerun.

What a reader sees is the same as before: per topic, each profile's rule, what applies to this
patient, and the sources — the article passage in its own words (in quotation marks, its id a
small link to the passage on the source page), a label source as its line from the facts with
its address as a link, and the date of the label facts.

Safety: every piece of text goes through ``html.escape``; the only addresses are the label
sources' own (``https://`` from our facts) and the page's relative source-page links.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

from core.profiles import PROFILES, ComparisonRow, Profile
from core.profiles.differences import (
    TopicDifference,
    TopicSide,
    comparison_records,
    profile_column_title,
)
from core.rules import CATEGORY_LABELS
from ui.html_table import table_css, table_html

NO_RULE_FIRES = "No rule of this profile applies to this patient here."
NOT_COVERED_BADGE = "The label facts do not cover this"
NOTHING_DIFFERS = "For this patient, no topic of the comparison applies differently."
WORDING_SUMMARY = "Same kind of outcome, different wording or detail"
CITED_SUMMARY = "Sources cited in the table (ids and their text)"

DIFFERENCE_CLASS = "lv-diff"
COMPARISON_CLASS = "lv-comparison"
"""The box of the topic-by-topic comparison table."""
PassageLink = Callable[[str], str]
"""A passage id -> its link on the source page (with the page's scenario)."""

_SIDES = len(PROFILES)
# Our own constant CSS; nothing from the data goes in. Sizes in rem and em, so lecture mode's
# larger root size enlarges them; one column per profile, stacked on a phone (as st.columns).
LABELS_CSS = f"""
<style>
.lv-block {{ overflow-wrap: break-word; }}
.lv-block p, .lv-block ul {{ margin: 0 0 0.4rem 0; }}
.lv-block li {{ margin: 0 0 0.2rem 0; }}
.lv-note {{ font-size: 0.875rem; }}
.{DIFFERENCE_CLASS} {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
  padding: 0.8rem 1rem 0.4rem 1rem; margin: 0 0 0.8rem 0; }}
.{DIFFERENCE_CLASS} h4 {{ font-size: 1rem; font-weight: 700; margin: 0 0 0.5rem 0;
  padding: 0; line-height: 1.5; }}
.lv-sides {{ display: grid; grid-template-columns: repeat({_SIDES}, minmax(0, 1fr));
  gap: 1rem; }}
.lv-block a {{ color: #0A4F8F; }}
.lv-src, .lv-src p {{ font-size: 0.875rem; line-height: 1.5; }}
.lv-src p {{ margin: 0 0 0.15rem 0; }}
.lv-src code {{ font-size: 0.8rem; overflow-wrap: anywhere; }}
.lv-badge {{ background: #FFF1DC; color: #7A4100; border-radius: 0.3rem;
  padding: 0.05rem 0.4rem; font-weight: 600; }}
.lv-fold {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
  margin: 0 0 0.8rem 0; }}
.lv-fold > summary {{ padding: 0.6rem 1rem; cursor: pointer; }}
.lv-fold > div {{ padding: 0 1rem 0.2rem 1rem; }}
.lv-fold[open] > summary {{ margin-bottom: 0.4rem; }}
@media (max-width: 640px) {{ .lv-sides {{ grid-template-columns: minmax(0, 1fr); gap: 0.6rem; }} }}
</style>
"""


def _text(value: object) -> str:
    return html.escape(str(value), quote=False)


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _link(href: str, words: str) -> str:
    return f'<a href="{_attr(href)}" target="_blank" rel="noopener noreferrer">{words}</a>'


def label_date(profile: Profile) -> str:
    """Where a label's facts come from and when: shown beside every label fact."""
    return f"Label facts compiled {profile.compiled}: check the current label."


def source_line(source_id: str, text: str, quoted: bool, passage_link: PassageLink) -> str:
    """One source as a paragraph: an article passage in quotation marks (its own words), its id
    a small link to it on the source page; a label source as its line from the facts, its
    address as a link."""
    if quoted:
        return (
            f"<p>{_link(passage_link(source_id), f'<code>{_text(source_id)}</code>')} "
            f"— “{_text(text)}”</p>"
        )
    what, _, address = text.partition(" — ")
    if address.startswith("https://"):
        source = _link(address, "source")
        return f"<p><strong>{_text(source_id)}</strong> — {_text(what)} — {source}</p>"
    return f"<p><strong>{_text(source_id)}</strong> — {_text(text)}</p>"


def _sources(quotes: Sequence[tuple[str, str]], profile: Profile, passage_link: PassageLink) -> str:
    lines = [source_line(sid, text, not profile.is_label, passage_link) for sid, text in quotes]
    if profile.is_label:
        lines.append(f"<p>{_text(label_date(profile))}</p>")
    return f'<div class="lv-src">{"".join(lines)}</div>'


def _side(side: TopicSide, passage_link: PassageLink) -> str:
    head = f"<p><strong>{_text(side.profile.short_name)}:</strong> {_text(side.words)}</p>"
    if side.fired:
        applies = "".join(
            f"<li><em>{_text(CATEGORY_LABELS[f.category])}:</em> {_text(f.text)}</li>"
            for f in side.fired
        )
    else:
        applies = f"<li><em>{_text(NO_RULE_FIRES)}</em></li>"
    sources = _sources(side.quotes, side.profile, passage_link)
    return f'<div class="lv-side">{head}<ul>{applies}</ul>{sources}</div>'


def difference_html(difference: TopicDifference, passage_link: PassageLink) -> str:
    """One topic that differs: its name, the gap badge when a label's facts do not cover the
    input, and each profile's rule, what applies to this patient and its sources."""
    label = difference.label[:1].upper() + difference.label[1:]
    gap = (
        f'<p><span class="lv-badge">{_text(NOT_COVERED_BADGE)}</span> — a label profile '
        "cannot say “recommended” here.</p>"
        if difference.not_covered
        else ""
    )
    sides = "".join(_side(side, passage_link) for side in difference.sides)
    return (
        f'<section class="{DIFFERENCE_CLASS}" data-topic="{_attr(difference.topic)}">'
        f'<h4>{_text(label)}</h4>{gap}<div class="lv-sides">{sides}</div></section>'
    )


def differences_summary(differences: Sequence[TopicDifference]) -> str:
    """How many topics change the outcome, how many of them the label facts do not cover, and
    how many differ only in wording."""
    outcome = [d for d in differences if d.changes_outcome]
    uncovered = [d for d in differences if d.not_covered]
    wording = len(differences) - len(outcome)
    return (
        f"{len(outcome)} topic(s) with a different outcome (a rule one profile applies and "
        f"another has not, or another dose or category), {len(uncovered)} of them an input the "
        f"compiled label facts do not cover; {wording} with the same kind of outcome in "
        "different words. Each with the profile's rule, what applies to this patient, and the "
        "sources quoted."
    )


def differences_html(differences: Sequence[TopicDifference], passage_link: PassageLink) -> str:
    """Every topic that differs for this scenario, those that change the outcome first; those
    that differ only in wording folded below them (or a line saying that nothing differs)."""
    if not differences:
        return f'<div class="lv-block"><p>{_text(NOTHING_DIFFERS)}</p></div>'
    outcome = [d for d in differences if d.changes_outcome]
    wording = [d for d in differences if not d.changes_outcome]
    parts = [f'<p class="lv-note">{_text(differences_summary(differences))}</p>']
    parts += [difference_html(d, passage_link) for d in outcome]
    if wording:
        inner = "".join(difference_html(d, passage_link) for d in wording)
        parts.append(
            f'<details class="lv-fold"><summary>{_text(WORDING_SUMMARY)} ({len(wording)})'
            f"</summary><div>{inner}</div></details>"
        )
    return f'<div class="lv-block">{"".join(parts)}</div>'


def cited_sources_html(
    cited: Mapping[str, Sequence[tuple[str, str]]], passage_link: PassageLink
) -> str:
    """Every source the comparison table cites, per profile (folded: the table shows the ids)."""
    groups = []
    for profile_id, quotes in cited.items():
        profile = PROFILES[profile_id]
        lines = "".join(
            source_line(sid, text, not profile.is_label, passage_link) for sid, text in quotes
        )
        groups.append(
            f"<p><strong>{_text(profile_column_title(profile))}</strong></p>"
            f'<div class="lv-src">{lines}</div>'
        )
    return (
        f'<details class="lv-fold"><summary>{_text(CITED_SUMMARY)}</summary>'
        f"<div>{''.join(groups)}</div></details>"
    )


# A topic column, then one column per profile; rules between the rows only (as the Streamlit
# table it replaces). The long cells wrap; on a phone the table scrolls sideways in its box.
_COMPARISON_CSS = table_css(
    COMPARISON_CLASS,
    ("16%", *(f"{84 / _SIDES:.0f}%",) * _SIDES),
    box="overflow-x: auto; margin: 0 0 0.6rem 0;",
    cells="padding: 0.35rem 0.5rem; border-bottom: 1px solid #D5DAE0;",
    phone_min_width="40rem",
    extra=f".{COMPARISON_CLASS} thead th {{ border-bottom: 2px solid #B8C2CC; }}",
)


def comparison_html(rows: Sequence[ComparisonRow]) -> str:
    """The comparison table: one row per topic (its header), one column per profile, each cell
    with its source ids (``core.profiles.differences.comparison_records``)."""
    records = comparison_records(rows)
    columns = list(records[0]) if records else ["Topic"]
    return table_html(
        COMPARISON_CLASS,
        "Comparison of the article and the labels, topic by topic",
        columns,
        ([record[column] for column in columns] for record in records),
        css=_COMPARISON_CSS,
        row_headers=True,
    )
