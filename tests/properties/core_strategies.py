"""Hypothesis strategies for scenarios (valid ones) and CSV cells (valid, unusual and bad)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from core.scenario import FEMALE_ONLY_FIELDS, FIELD_NAMES, ChildPugh, Indication, Scenario, Sex

FLAGS: tuple[str, ...] = tuple(
    name for name, info in Scenario.model_fields.items() if info.annotation is bool
)
# Flags that are not risks: setting them may lift a verdict (e.g. failed_csdmard meets step 1).
NOT_RISKS = frozenset({"failed_csdmard", "failed_bdmard", "antiviral_prophylaxis"})
RISK_FLAGS: tuple[str, ...] = tuple(name for name in FLAGS if name not in NOT_RISKS)

CRCL_EDGES = (0.0, 10.0, 29.9, 30.0, 45.0, 59.9, 60.0, 60.1, 90.0, 250.0)


def _renal() -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.just({}),
        st.builds(lambda c: {"crcl_ml_min": c}, st.sampled_from(CRCL_EDGES)),
        st.builds(lambda c: {"crcl_ml_min": c}, st.floats(0, 250)),
        st.builds(lambda c: {"creatinine_mg_dl": c}, st.floats(0.1, 20)),
        st.builds(lambda c: {"creatinine_umol_l": c}, st.floats(9, 1800)),
        st.builds(
            lambda c, g: {"crcl_ml_min": g, "creatinine_mg_dl": c},
            st.floats(0.1, 20),
            st.floats(0, 250),
        ),
    )


@st.composite
def scenarios(draw: st.DrawFn, flag_probability: float = 0.15) -> Scenario:
    """Any valid scenario; flags are mostly off so that rare combinations stay reachable."""
    data: dict[str, Any] = {
        "age_years": draw(st.one_of(st.integers(18, 120), st.sampled_from((65, 66, 70, 71)))),
        "sex": draw(st.sampled_from(list(Sex))),
        "weight_kg": draw(st.floats(20, 400)),
        "child_pugh": draw(st.sampled_from(list(ChildPugh))),
        "indication": draw(
            st.one_of(st.just(Indication.rheumatoid_arthritis), st.sampled_from(list(Indication)))
        ),
    }
    data.update(draw(_renal()))
    for name in FLAGS:
        default = Scenario.model_fields[name].default
        flipped = draw(st.floats(0, 1)) < flag_probability
        data[name] = (not default) if flipped else default
    if data["sex"] is Sex.male:
        for name in FEMALE_ONLY_FIELDS:  # the model refuses them for a man
            data[name] = False
    return Scenario(**data)


# ----------------------------------------------------------------- CSV cells

_JUNK = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=6,
)
_SPACES = st.sampled_from(("", " ", "  ", "\t"))


def _padded(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda a, x, b: a + x + b, _SPACES, inner, _SPACES)


def _int_cells() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, 200).map(str),
        st.sampled_from(
            ("", "65", "66", "70", "71", "+50", "050", "5_0", "50.0", "50.5", "1e1", "abc", "-5")
        ),
        _JUNK,
    )


def _float_cells() -> st.SearchStrategy[str]:
    return st.one_of(
        st.floats(-5, 2000, allow_nan=False).map(lambda x: f"{x:.1f}"),
        st.floats(-5, 2000, allow_nan=False).map(lambda x: f"{x:.2f}"),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.integers(0, 2000).map(str),
        st.sampled_from(
            (
                "",
                "29.9",
                "30",
                "60",
                "60.1",
                "0",
                "1e2",
                "7_0",
                ".5",
                "70.",
                "0x46",
                "inf",
                "nan",
                "-1",
                "=1+1",
            )
        ),
        _JUNK,
    )


def _choice_cells(values: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(values),
        st.sampled_from(values).map(str.upper),
        st.sampled_from(values).map(str.capitalize),
        st.sampled_from(("", "x", "none ", "fem")),
        _JUNK,
    )


def _flag_cells() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(("true", "false", "yes", "no", "1", "0", "")),
        st.sampled_from(("TRUE", "No", "Yes", "y", "2", "maybe", "on", "-1", "@x")),
        _JUNK,
    )


def cell_strategy(name: str) -> st.SearchStrategy[str]:
    """Cells a user might type in a CSV column of field ``name`` (good, odd and bad)."""
    annotation = Scenario.model_fields[name].annotation
    if annotation is bool:
        return _padded(_flag_cells())
    if annotation is int:
        return _padded(_int_cells())
    for enum in (Sex, ChildPugh, Indication):
        if annotation is enum:
            return _padded(_choice_cells([m.value for m in enum]))
    return _padded(_float_cells())


@st.composite
def csv_tables(draw: st.DrawFn, max_rows: int = 6) -> tuple[list[str], list[list[str]]]:
    """A header (a few fields in any order, maybe case_id and note) and rows of cells."""
    fields = draw(st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=8, unique=True))
    if draw(st.booleans()):
        fields.append("creatinine_umol_l") if "creatinine_umol_l" not in fields else None
        fields.append("creatinine_mg_dl") if "creatinine_mg_dl" not in fields else None
    extras = [name for name in ("case_id", "note") if draw(st.booleans())]
    header = draw(st.permutations(fields + extras))
    rows = []
    for _ in range(draw(st.integers(1, max_rows))):
        row = [draw(cell_strategy(name)) if name in FIELD_NAMES else draw(_JUNK) for name in header]
        rows.append(row)
    return list(header), rows
