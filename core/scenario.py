"""The scenario: every input of the contract, with its unit, range, default and plain label.

Field metadata (label, group, unit, help) lives here once; pages build their widgets from it and
error messages quote its ranges, so nothing about a field is written twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from functools import partial
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from core.errors import FieldProblem, ScenarioError, unknown_field_problem


class Sex(StrEnum):
    """Sex, used by Cockcroft-Gault and the contraception advice."""

    female = "female"
    male = "male"


class ChildPugh(StrEnum):
    """Hepatic impairment class; ``none`` means no known liver disease."""

    none = "none"
    A = "A"
    B = "B"
    C = "C"


class Indication(StrEnum):
    """Indications the article names (only rheumatoid arthritis is approved per the article)."""

    rheumatoid_arthritis = "rheumatoid_arthritis"
    psoriatic_arthritis = "psoriatic_arthritis"
    atopic_dermatitis = "atopic_dermatitis"
    systemic_lupus_erythematosus = "systemic_lupus_erythematosus"
    juvenile_idiopathic_arthritis = "juvenile_idiopathic_arthritis"
    other = "other"


TRUE_WORDS = frozenset({"true", "yes", "1"})
FALSE_WORDS = frozenset({"false", "no", "0"})
FLAG_ALLOWED = "true/false, yes/no or 1/0"


def parse_flag(value: object) -> object:
    """Accept the contract's yes/no spellings (any case); anything else is an error, never False."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise PydanticCustomError("flag", "Input should be " + FLAG_ALLOWED)


def any_case(enum: type[StrEnum], value: object) -> object:
    """Accept an enum value in any case and with spaces around it ('Female', ' c'), nothing else
    (any other text is left as it is, for the model to refuse with the allowed values)."""
    if isinstance(value, str):
        word = value.strip().lower()
        for member in enum:
            if member.value.lower() == word:
                return member.value
    return value


Flag = Annotated[bool, BeforeValidator(parse_flag)]


# _meta and _flag run only while this module is imported, to build the fields; mutmut switches a
# mutant on only after the import, so their mutants could never be killed: they are not mutated
# (test_field_metadata_* checks what they build).
def _meta(
    label: str, group: str, help_text: str = "", unit: str = ""
) -> dict[str, Any]:  # pragma: no mutate block
    return {"label": label, "group": group, "help": help_text, "unit": unit}


def _flag(
    label: str, group: str, help_text: str, default: bool = False
) -> Any:  # pragma: no mutate block
    return Field(
        default=default, description=help_text, json_schema_extra=_meta(label, group, help_text)
    )


# Inputs that only a female patient can have; with sex=male they are an error naming them.
FEMALE_ONLY_FIELDS: tuple[str, ...] = ("pregnant", "breastfeeding")
FEMALE_ONLY_ALLOWED = (
    "false when sex is male (only a female patient can be pregnant or breastfeeding; "
    "planning_conception is valid for both sexes)"
)

# Groups, in the order pages show them.
GROUPS: tuple[tuple[str, str], ...] = (
    ("patient", "Patient"),
    ("renal_hepatic", "Kidney and liver"),
    ("indication", "Indication and treatment history"),
    ("infection", "Infections and screening results"),
    ("history", "Medical history"),
    ("reproduction", "Pregnancy and fertility"),
    ("comedication", "Co-medication"),
    ("on_treatment", "Already on baricitinib"),
    ("labs", "Blood counts (used by the label profiles)"),
)

# Optional blood counts that only the label profiles read (the article gives no thresholds):
# blank by default, and echoed in an assessment's JSON only when given.
LABEL_LAB_FIELDS: tuple[str, ...] = ("lymphocytes_10e9_l", "neutrophils_10e9_l", "haemoglobin_g_dl")


class Scenario(BaseModel):
    """One patient scenario in the contract's field names; ``Scenario()`` is the default case."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    age_years: int = Field(
        default=50,
        ge=18,
        le=120,
        description="Age in whole years (the article covers adults).",
        json_schema_extra=_meta(
            "Age", "patient", "Age in whole years; the article covers adults only.", "years"
        ),
    )
    sex: Annotated[Sex, BeforeValidator(partial(any_case, Sex))] = Field(
        default=Sex.female,
        description="Sex, for Cockcroft-Gault and contraception advice.",
        json_schema_extra=_meta("Sex", "patient", "Used by Cockcroft-Gault (x 0.85 for female)."),
    )
    weight_kg: float = Field(
        default=70.0,
        ge=20,
        le=400,
        allow_inf_nan=False,
        description="Actual body weight.",
        json_schema_extra=_meta(
            "Weight", "patient", "Actual body weight, for Cockcroft-Gault.", "kg"
        ),
    )
    creatinine_mg_dl: float | None = Field(
        default=None,
        ge=0.1,
        le=20,
        allow_inf_nan=False,
        description="Serum creatinine.",
        json_schema_extra=_meta(
            "Serum creatinine", "renal_hepatic", "Serum creatinine in mg/dL.", "mg/dL"
        ),
    )
    creatinine_umol_l: float | None = Field(
        default=None,
        ge=9,
        le=1800,
        allow_inf_nan=False,
        description="Serum creatinine in SI units (1 mg/dL = 88.4 µmol/L).",
        json_schema_extra=_meta(
            "Serum creatinine",
            "renal_hepatic",
            "Serum creatinine in µmol/L (1 mg/dL = 88.4 µmol/L).",
            "µmol/L",
        ),
    )
    crcl_ml_min: float | None = Field(
        default=None,
        ge=0,
        le=250,
        allow_inf_nan=False,
        description="Measured or known creatinine clearance; wins over creatinine.",
        json_schema_extra=_meta(
            "Creatinine clearance (known)",
            "renal_hepatic",
            "A measured or known CrCl; when given it is used instead of Cockcroft-Gault.",
            "mL/min",
        ),
    )
    child_pugh: Annotated[ChildPugh, BeforeValidator(partial(any_case, ChildPugh))] = Field(
        default=ChildPugh.none,
        description="Hepatic impairment class (none = no known liver disease).",
        json_schema_extra=_meta(
            "Child-Pugh class",
            "renal_hepatic",
            "Liver impairment class; 'none' means no known liver disease.",
        ),
    )
    indication: Annotated[Indication, BeforeValidator(partial(any_case, Indication))] = Field(
        default=Indication.rheumatoid_arthritis,
        description="The disease to treat.",
        json_schema_extra=_meta(
            "Indication",
            "indication",
            "Only rheumatoid arthritis is approved per the article; others are investigational.",
        ),
    )
    failed_csdmard: Flag = _flag(
        "Failed a conventional synthetic DMARD",
        "indication",
        "Inadequate response or intolerance to a csDMARD (e.g. methotrexate).",
        True,
    )
    failed_bdmard: Flag = _flag(
        "Failed a biological DMARD",
        "indication",
        "Inadequate response or intolerance to a biological DMARD.",
    )
    active_serious_infection: Flag = _flag(
        "Severe active infection", "infection", "A severe infection that is active now."
    )
    active_tb: Flag = _flag("Active tuberculosis", "infection", "Active TB now.")
    active_opportunistic_infection: Flag = _flag(
        "Active opportunistic infection",
        "infection",
        "An opportunistic infection that is active now.",
    )
    tb_history_or_exposure: Flag = _flag(
        "TB history or exposure", "infection", "Past TB or known TB exposure (latent TB questions)."
    )
    recurrent_infections: Flag = _flag(
        "Recurrent infections", "infection", "A history of recurrent infections."
    )
    hbsag_positive: Flag = _flag(
        "HBsAg positive", "infection", "Hepatitis B surface antigen positive."
    )
    anti_hbc_positive: Flag = _flag(
        "Anti-HBc positive", "infection", "Hepatitis B core antibody (HBcAb) positive."
    )
    antiviral_prophylaxis: Flag = _flag(
        "HBV antiviral prophylaxis",
        "infection",
        "Antiviral prophylaxis for hepatitis B in place or planned.",
    )
    hcv_positive: Flag = _flag(
        "Hepatitis C antibody positive", "infection", "Hepatitis C antibody positive."
    )
    hiv_positive: Flag = _flag("HIV positive", "infection", "HIV test positive.")
    malignancy_history: Flag = _flag("History of malignancy", "history", "Any past cancer.")
    cardiovascular_risk_factors: Flag = _flag(
        "Cardiovascular risk factors", "history", "One or more cardiovascular risk factors."
    )
    vte_history: Flag = _flag(
        "History of VTE",
        "history",
        "Past venous thromboembolism (DVT or PE). The article also advises caution with risk "
        "factors for thromboembolism in general, without listing them: this app reads only a "
        "past VTE.",
    )
    pregnant: Flag = _flag("Pregnant", "reproduction", "Currently pregnant.")
    breastfeeding: Flag = _flag(
        "Breastfeeding", "reproduction", "Currently breastfeeding (lactation)."
    )
    planning_conception: Flag = _flag(
        "Planning a conception", "reproduction", "The patient (female or male) plans a conception."
    )
    oat3_inhibitor: Flag = _flag(
        "Strong OAT3 inhibitor (e.g. probenecid)",
        "comedication",
        "Takes a strong OAT3 inhibitor such as probenecid.",
    )
    biologic_dmard: Flag = _flag(
        "Combined with a biological DMARD",
        "comedication",
        "Baricitinib would be combined with a biological DMARD.",
    )
    potent_immunosuppressant: Flag = _flag(
        "Combined with a potent immunosuppressant",
        "comedication",
        "E.g. azathioprine or ciclosporin.",
    )
    glucocorticoid: Flag = _flag(
        "Concomitant glucocorticoid", "comedication", "Takes a glucocorticoid alongside."
    )
    sustained_remission: Flag = _flag(
        "In sustained remission",
        "on_treatment",
        "Already on baricitinib and in sustained remission.",
    )
    inadequate_response_3_to_6_months: Flag = _flag(
        "No adequate response after 3-6 months",
        "on_treatment",
        "Already on baricitinib for 3-6 months without adequate response.",
    )
    serious_adverse_event: Flag = _flag(
        "Serious adverse event on baricitinib",
        "on_treatment",
        "A serious adverse event occurred on baricitinib.",
    )

    lymphocytes_10e9_l: float | None = Field(
        default=None,
        ge=0,
        le=100,
        allow_inf_nan=False,
        description="Absolute lymphocyte count (ALC), x10^9/L; only the label profiles use it.",
        json_schema_extra=_meta(
            "Lymphocyte count (ALC)",
            "labs",
            "Absolute lymphocyte count in 10⁹/L (500 cells/mm³ = 0.5 × 10⁹/L). The EU and US "
            "labels say not to start below 0.5; the article gives no threshold.",
            "×10⁹/L",
        ),
    )
    neutrophils_10e9_l: float | None = Field(
        default=None,
        ge=0,
        le=100,
        allow_inf_nan=False,
        description="Absolute neutrophil count (ANC), x10^9/L; only the label profiles use it.",
        json_schema_extra=_meta(
            "Neutrophil count (ANC)",
            "labs",
            "Absolute neutrophil count in 10⁹/L (1000 cells/mm³ = 1 × 10⁹/L). The EU and US "
            "labels say not to start below 1; the article gives no threshold.",
            "×10⁹/L",
        ),
    )
    haemoglobin_g_dl: float | None = Field(
        default=None,
        ge=1,
        le=25,
        allow_inf_nan=False,
        description="Haemoglobin, g/dL; only the label profiles use it.",
        json_schema_extra=_meta(
            "Haemoglobin",
            "labs",
            "Haemoglobin in g/dL (10 g/L = 1 g/dL). The EU and US labels say not to start "
            "below 8 g/dL; the article gives no threshold.",
            "g/dL",
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _blank_means_default(cls, data: Any) -> Any:
        """Blank cells take the default; unknown names and double creatinine are errors."""
        if not isinstance(data, Mapping):
            raise PydanticCustomError(
                "scenario_mapping", "A scenario must be an object of field: value pairs"
            )
        cleaned: dict[str, Any] = {}
        unknown: list[str] = []
        for key, value in data.items():
            name = str(key)
            if name not in FIELD_NAMES:
                unknown.append(name)
                continue
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if isinstance(value, bool) and name in _NUMBER_FIELDS:
                # pydantic would read true as 1.0 (CrCl 1 mL/min!): a yes/no is not a number.
                value = str(value).lower()
            cleaned[name] = value.strip() if isinstance(value, str) else value
        if unknown:
            hints = "; ".join(unknown_field_problem(n, FIELD_NAMES).message() for n in unknown)
            raise PydanticCustomError(
                "unknown_field", "{hints}", {"hints": hints, "fields": unknown}
            )
        if "creatinine_mg_dl" in cleaned and "creatinine_umol_l" in cleaned:
            raise PydanticCustomError(
                "creatinine_both",
                "give creatinine_mg_dl or creatinine_umol_l, not both",
                {"value": cleaned["creatinine_umol_l"]},
            )
        return cleaned

    @field_validator(
        "weight_kg",
        "creatinine_mg_dl",
        "creatinine_umol_l",
        "crcl_ml_min",
        "lymphocytes_10e9_l",
        "neutrophils_10e9_l",
        "haemoglobin_g_dl",
    )
    @classmethod
    def _no_negative_zero(cls, value: float | None) -> float | None:
        """-0 is a valid CrCl but would print as "-0"; adding 0.0 makes it 0.0."""
        return None if value is None else value + 0.0

    @model_validator(mode="after")
    def _possible_for_the_sex(self) -> Scenario:
        """Pregnancy and breastfeeding cannot be true of a male patient: refused, never ignored
        (a conception can be planned by either sex)."""
        if self.sex is Sex.male:
            impossible = [name for name in FEMALE_ONLY_FIELDS if getattr(self, name)]
            if impossible:
                raise PydanticCustomError(
                    "female_only",
                    "{names} cannot be true when sex is male",
                    {"names": ", ".join(impossible), "fields": impossible},
                )
        return self

    def changed_fields(self) -> dict[str, Any]:
        """The fields that differ from the defaults, as plain JSON values (for links and CSVs)."""
        return {
            name: value
            for name, value in self.model_dump(mode="json").items()
            if value != DEFAULTS[name]
        }


FIELD_NAMES: tuple[str, ...] = tuple(Scenario.model_fields)
_NUMBER_FIELDS = frozenset(
    name
    for name, info in Scenario.model_fields.items()
    if info.annotation in (int, float, float | None)
)
DEFAULTS: dict[str, Any] = Scenario.model_construct().model_dump(mode="json")


def field_info(name: str) -> dict[str, Any]:
    """Label, group, help and unit of a field (from the model's metadata)."""
    extra = Scenario.model_fields[name].json_schema_extra
    assert isinstance(extra, dict), f"{name} was declared without _meta"
    return dict(extra)


def allowed_values(name: str) -> str:
    """What a field accepts, in words, from its type and range (quoted in every error message)."""
    info = Scenario.model_fields[name]
    annotation = info.annotation
    if annotation is bool:
        return FLAG_ALLOWED
    for enum in (Sex, ChildPugh, Indication):
        if annotation is enum:
            return "one of " + ", ".join(member.value for member in enum)
    # Every number field has a range and a unit (test_every_number_field_has_a_range_and_a_unit).
    bounds = {type(m).__name__: m for m in info.metadata}
    unit = field_info(name)["unit"]
    blank = " or blank" if info.default is None else ""
    kind = "a whole number" if annotation is int else "a number"
    return f"{kind} from {bounds['Ge'].ge:g} to {bounds['Le'].le:g} {unit}{blank}"


def _problems(error: ValidationError, data: Mapping[str, Any]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for item in error.errors():
        kind = item["type"]
        ctx = item.get("ctx") or {}
        if kind == "unknown_field":
            problems.extend(unknown_field_problem(n, FIELD_NAMES) for n in ctx["fields"])
        elif kind == "creatinine_both":
            problems.append(
                FieldProblem(
                    "creatinine_umol_l",
                    ctx.get("value"),
                    "blank when creatinine_mg_dl is given (give one of the two)",
                )
            )
        elif kind == "female_only":
            problems.extend(
                FieldProblem(name, data.get(name, True), FEMALE_ONLY_ALLOWED)
                for name in ctx["fields"]
            )
        elif kind == "scenario_mapping":
            problems.append(
                FieldProblem("scenario", item.get("input"), "an object of field: value pairs")
            )
        else:
            # Pydantic's own error for one field: the model validators above raise the only
            # errors without a field, and an unknown name never reaches the field checks.
            name = str(item["loc"][0])
            value = data.get(name, item.get("input"))
            problems.append(FieldProblem(name, value, allowed_values(name)))
    return problems


def parse_scenario(data: Mapping[str, Any]) -> Scenario:
    """Validate contract input (strings as in a CSV row or URL, or JSON values).

    Raises ScenarioError listing every problem (field, value, what is allowed).
    """
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        if not isinstance(data, Mapping):
            raise ScenarioError(_problems(error, {})) from None
        problems = _problems(error, data)
    # Unknown names stop the model validator before the values are checked: check the known
    # fields too, so one message lists every problem.
    known = {key: value for key, value in data.items() if str(key) in FIELD_NAMES}
    if len(known) < len(data):
        try:
            Scenario.model_validate(known)
        except ValidationError as error:
            problems.extend(_problems(error, known))
    raise ScenarioError(problems)


def parse_scenario_keeping_valid(
    data: Mapping[str, Any],
) -> tuple[Scenario, tuple[FieldProblem, ...]]:
    """Validate, dropping only the bad fields (they take their default *and* are reported).

    Used for shared links: one bad value must not lose the rest of the scenario.
    """
    remaining = {str(key): value for key, value in data.items()}  # problems name fields as text
    found: list[FieldProblem] = []
    for _ in range(len(remaining) + 2):
        try:
            return parse_scenario(remaining), tuple(found)
        except ScenarioError as error:
            found.extend(error.problems)
            for problem in error.problems:
                remaining.pop(problem.field, None)
    return Scenario(), tuple(found)  # unreachable in practice: every round removes a field
