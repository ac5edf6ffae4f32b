"""Door (c), the URL query string: hostile links through the same reading every page uses.

The bulk run fuzzes the *pure* reading behind ``ui.scenario_state``'s sync -- ``split_query``
(fields vs. extras vs. unknown names) and ``parse_query_fields`` (Scenario + problems) -- with
10 000+ hypothesis-generated query strings, each parsed first the way Streamlit fills
``st.query_params``. Every link must end in a Scenario plus problems: nothing raises, every bad
or repeated field is named by a problem (and takes its default), no non-blank value silently
becomes the default, and every other parameter is either a page's own or reported as unknown.

Then ~20 of the nastiest links go through the Explorer in AppTest: no exception, and a visible
warning naming each bad field.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlencode

import pytest
from app_pages import open_app
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.runtime.state.query_params import EMBED_QUERY_PARAMS_KEYS, _parse_query_string

from core.errors import FieldProblem, shown_value, unknown_field_problem
from core.scenario import FIELD_NAMES, Scenario
from ui.scenario_state import APP_PARAMS, parse_query_fields, split_query

# The contract oracle of the other fuzz doors (tests/fuzz is not a package: its modules import
# each other by plain name, so the folder goes on the path).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))
from fuzz_checks import check_keeping_valid, is_default, short
from fuzz_inputs import good_text, junk_text, mutate_text, random_text

LINK_COUNT = 10_000  # generated query strings in the default run
LINKS_PER_EXAMPLE = 10

# The extras each kind of page declares (app-wide ones, the cases page's, the compare prefix).
EXTRA_SETS: tuple[tuple[str, ...], ...] = (
    APP_PARAMS,
    (*APP_PARAMS, "case", "mode"),
    (*APP_PARAMS, "b."),
    (*APP_PARAMS, "passage", "profile"),
)
HOSTILE: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "![x](http://example.invalid/x.png)",
    "<iframe src=//example.invalid>",
    '"><script>alert(1)</script>',
    "**bold** _it_ `code` # heading",
    "{{7*7}}",
    "${7*7}",
    ":red[colour]",
    "$\\LaTeX$",
    "&lt;script&gt;",
    "%3Cscript%3E",
    "\x00",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "1e309",
    "9" * 400,
    "-" + "9" * 40,
    "__proto__",
    "constructor",
)
JUNK_KEYS: tuple[str, ...] = (
    "note",
    "embed",
    "EMBED_options",
    "__proto__",
    "<script>",
    "javascript:alert(1)",
    "age",
    "Age_Years",
    "age_years ",
    "b.",
    "b.age_years",
    "b.<svg onload=alert(1)>",
    "passage",
    "case",
    "lecture",
    "",
    "💊",
)

RAW_BITS: tuple[str, ...] = ("age_years=", "sex=", "&", "=", "%", "%ZZ", "%00", "%3C", "+", "72")


def junk_link_key(rng: random.Random) -> str:
    """A parameter name: usually a field (maybe repeated), else a page's own, a near miss, junk
    text or a huge name (each unknown name costs a did-you-mean search: kept to ~1 in 8)."""
    choice = rng.random()
    if choice < 0.875:
        return rng.choice(FIELD_NAMES)
    if choice < 0.95:
        return rng.choice(JUNK_KEYS)
    if choice < 0.99:
        return mutate_text(rng, rng.choice(FIELD_NAMES))
    return "k" * rng.randint(200, 3000)


def junk_link_value(rng: random.Random, name: str) -> str:
    """A value for field ``name`` (or any field's, for other keys): valid, odd, hostile, huge."""
    choice = rng.randrange(10)
    if choice <= 3:
        return junk_text(rng, name)
    if choice == 4:
        return rng.choice(HOSTILE)
    if choice == 5:
        return rng.choice(HOSTILE[:8]) * rng.randint(50, 400)  # very long
    if choice == 6:
        return str(rng.choice((1, -1)) * rng.randrange(10 ** rng.randint(1, 80)))
    if choice == 7:
        return repr(
            rng.choice((math.nan, math.inf, -math.inf, 1e308, -0.0, rng.uniform(-1e6, 1e6)))
        )
    if choice == 8:
        return random_text(rng, 20)
    return good_text(rng, name)


def junk_query(rng: random.Random) -> str:
    """A query string: 0-8 url-encoded pairs (keys may repeat), or raw address-bar text with
    broken escapes, runs of & and =, and unencoded hostile text."""
    if rng.random() < 0.15:
        bits = [rng.choice(RAW_BITS + HOSTILE) for _ in range(rng.randint(1, 8))]
        return "".join(bits) if rng.random() < 0.5 else "&".join(bits)
    pairs = []
    for _ in range(rng.randint(0, 8)):
        key = junk_link_key(rng)
        value_field = key if key in FIELD_NAMES else rng.choice(FIELD_NAMES)
        pairs.append((key, junk_link_value(rng, value_field)))
    if pairs and rng.random() < 0.1:
        pairs.append((pairs[0][0], junk_link_value(rng, rng.choice(FIELD_NAMES))))  # a repeat
    return urlencode(pairs)


def link_params(query: str) -> dict[str, list[str]]:
    """What reaches ``st.query_params``: Streamlit's own parser, embed keys left out."""
    parsed = _parse_query_string(query)
    return {k: v for k, v in parsed.items() if k.lower() not in EMBED_QUERY_PARAMS_KEYS}


def read_link(
    params: Mapping[str, list[str]], extras: tuple[str, ...]
) -> tuple[Scenario, list[FieldProblem], list[str]]:
    """The sync's reading of a link (what ``_sync_in`` does, minus the widgets)."""
    fields, unknown = split_query(params, extras)
    scenario, problems = parse_query_fields(fields)
    problems += [unknown_field_problem(name, FIELD_NAMES) for name in unknown]
    return scenario, problems, unknown


def check_link(query: str, extras: tuple[str, ...]) -> str:
    """The link's reading obeys the contract; returns "clean" or "warned"."""
    params = link_params(query)
    try:
        scenario, problems, unknown = read_link(params, extras)
    except Exception as error:  # the point: no link may raise
        raise AssertionError(f"{type(error).__name__} for {short(query)}: {error}") from error
    named = {problem.field for problem in problems}
    for problem in problems:
        text = problem.message()
        shown = shown_value(problem.field) if problem.unknown else f"{problem.field}: "
        assert text.startswith(("unknown field " + shown, shown)), f"{short(text)} lacks {shown}"
        assert "\n" not in text and "\r" not in text, short(text)
    for name, values in params.items():
        if name in FIELD_NAMES:
            if len(values) != 1:  # a repeated field: reported, and never half-applied
                assert name in named, f"repeated {name} not reported: {short(query)}"
                assert is_default(name, getattr(scenario, name)), (name, short(query))
        elif name in unknown:
            assert name in named, f"unknown parameter {short(name)} not reported"
        else:  # kept without a warning: it must be one of the page's own parameters
            assert any(name == e or (e.endswith(".") and name.startswith(e)) for e in extras), (
                f"{short(name)} dropped silently"
            )
    single = {name: v[0] for name, v in params.items() if name in FIELD_NAMES and len(v) == 1}
    # Each single field is read as the contract says, or reported and defaulted: never a
    # non-blank value that silently becomes the default.
    check_keeping_valid(single, scenario, [p for p in problems if not p.unknown])
    return "warned" if problems else "clean"


def run_links(rng: random.Random, count: int, tally: dict[str, int]) -> None:
    """``count`` generated links through ``check_link``, with a varying set of page extras."""
    for _ in range(count):
        query = junk_query(rng)
        tally[check_link(query, rng.choice(EXTRA_SETS))] += 1


def test_10000_generated_links() -> None:
    """10 000 links: hypothesis draws a seeded generator per example (derandomized, so a failure
    replays) and each example reads LINKS_PER_EXAMPLE links -- hypothesis' own per-example cost
    would otherwise dominate the run."""
    tally = {"clean": 0, "warned": 0}

    @settings(
        max_examples=LINK_COUNT // LINKS_PER_EXAMPLE,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.randoms(use_true_random=True))
    def run(rng: random.Random) -> None:
        run_links(rng, LINKS_PER_EXAMPLE, tally)

    run()
    assert sum(tally.values()) >= LINK_COUNT, tally
    # Both outcomes well represented, or the generator has drifted.
    assert tally["clean"] > LINK_COUNT // 50 and tally["warned"] > LINK_COUNT // 2, tally


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.randoms(use_true_random=False))
def test_links_shrinking(rng: random.Random) -> None:
    """Fewer links, every generator choice recorded: a failure shrinks to a small link."""
    check_link(junk_query(rng), rng.choice(EXTRA_SETS))


@pytest.mark.slow
def test_links_slow() -> None:
    seed = random.SystemRandom().randrange(2**32)
    print(f"URL fuzz seed {seed}")
    tally = {"clean": 0, "warned": 0}
    run_links(random.Random(seed), 20 * LINK_COUNT, tally)
    assert tally["warned"], tally


def test_the_checks_can_fail() -> None:
    """The oracle catches a silent default (a reading that drops a bad field unreported)."""
    single = {"age_years": "<script>"}
    with pytest.raises(AssertionError):
        check_keeping_valid(single, Scenario(), [])


# ---------------------------------------------------------------- the nastiest links, in AppTest

NASTY_LINKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("age_years=<script>alert(1)</script>", ("age_years",)),
    ("sex=<img src=x onerror=alert(1)>", ("sex",)),
    ("indication=javascript:alert(1)", ("indication",)),
    ("child_pugh=[x](javascript:alert(1))", ("child_pugh",)),
    ("weight_kg=NaN", ("weight_kg",)),
    ("weight_kg=inf", ("weight_kg",)),
    ("crcl_ml_min=-Infinity", ("crcl_ml_min",)),
    ("age_years=" + "9" * 400, ("age_years",)),
    ("creatinine_mg_dl=1e309", ("creatinine_mg_dl",)),
    ("pregnant=maybe&pregnant=true", ("pregnant",)),
    ("age_years=72&age_years=80", ("age_years",)),
    ("note=<script>alert(1)</script>", ("note",)),
    ("%3Csvg%20onload%3Dalert(1)%3E=1", ("<svg onload=alert(1)>",)),
    ("b.age_years=<svg onload=alert(1)>", ("b.age_years",)),  # not the Explorer's: unknown
    ("hiv_positive=" + "![x](http://example.invalid/x.png)", ("hiv_positive",)),
    ("sex=**bold**%0A%23 heading", ("sex",)),
    ("weight_kg=" + "<script>" * 300, ("weight_kg",)),
    ("vte_history=%00&k" + "k" * 2000 + "=1", ("vte_history", "k" * 60)),
    ("failed_csdmard=yes\u200b&age_years=\u0663", ("failed_csdmard", "age_years")),
    ("sex=male&crcl_ml_min=45&creatinine_mg_dl=1&creatinine_umol_l=88", ("creatinine_umol_l",)),
)


@pytest.mark.parametrize(("query", "fields"), NASTY_LINKS, ids=[q[:30] for q, _ in NASTY_LINKS])
def test_nasty_link_in_the_explorer(query: str, fields: tuple[str, ...]) -> None:
    params = link_params(query)
    at = open_app(
        **{name: values if len(values) > 1 else values[0] for name, values in params.items()}
    )
    warnings = " ".join(str(w.value) for w in at.warning)
    assert warnings, f"no warning for {query!r}"
    for field in fields:
        # the warning is escaped Markdown: compare without the backslashes and entities
        plain = warnings.replace("\\", "").replace("&lt;", "<").replace("&gt;", ">")
        assert field[:50] in plain, f"{field[:50]!r} not named in {warnings[:300]!r}"
