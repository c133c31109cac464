"""The front-matter format as pydantic models: the single source of truth for fields and the schema."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from journeysite.format.vocabulary import (
    DEFAULT_REVIEW_EVERY_DAYS,
    EMOTION_MAX,
    EMOTION_MIN,
    ID_PATTERN,
    MAX_REVIEW_EVERY_DAYS,
    SCALE_MAX,
    SCALE_MIN,
    Better,
    Channel,
    MapType,
    OpportunityStatus,
    RelationshipKind,
    Severity,
    SolutionStatus,
    SourceKind,
    StakeholderKind,
    Status,
    slugify,
)

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Emotion = Annotated[int, Field(ge=EMOTION_MIN, le=EMOTION_MAX)]
Scale = Annotated[int, Field(ge=SCALE_MIN, le=SCALE_MAX)]
Texts = list[str]
HideOption = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]


def _iso_date_text(value: Any) -> Any:
    """Dates must be written as text YYYY-MM-DD; a bare number is never read as a timestamp."""
    if isinstance(value, (datetime.date, str)):
        return value
    raise PydanticCustomError("date_type", "expected a date written as YYYY-MM-DD")


IsoDate = Annotated[
    datetime.date,
    Field(strict=False),
    BeforeValidator(_iso_date_text),
    WithJsonSchema({"type": "string", "format": "date"}),
]


def empty() -> Any:
    """An empty list default, made fresh per model: pydantic would deep-copy a `[]` default on
    every validation (600 000 copies in a 5 000-journey check); the schema still says `[]`."""
    return Field(default_factory=list, json_schema_extra={"default": []})


class Model(BaseModel):
    """Strict: no coercion from text to numbers, no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=False)


class Note(Model):
    """A pain point or an opportunity; writers may give just the text."""

    text: str
    severity: Severity | None = None


def _text_to_note(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


NoteItem = Annotated[
    Note,
    BeforeValidator(_text_to_note),
    WithJsonSchema({"anyOf": [{"type": "string"}, Note.model_json_schema()]}),
]


class Expectations(Model):
    primary: Texts = empty()
    secondary: Texts = empty()


def _list_to_expectations(value: Any) -> Any:
    return {"primary": value} if isinstance(value, list) else value


ExpectationsField = Annotated[
    Expectations,
    BeforeValidator(_list_to_expectations),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}},
                Expectations.model_json_schema(),
            ]
        }
    ),
]


class Kpi(Model):
    name: str
    value: float | None = None
    target: float | None = None
    unit: str | None = None
    better: Better = "higher"

    @property
    def on_target(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        if self.better == "higher":
            return self.value >= self.target
        return self.value <= self.target


class Source(Model):
    kind: SourceKind
    name: str
    size: Annotated[int, Field(ge=0)] | None = None
    date: IsoDate | None = None


class Touchpoint(Model):
    name: str
    id: Id | None = None
    channel: Channel | None = None
    owner: Id | None = None
    supporting: list[Id] = empty()
    tools: Texts = empty()
    processes: Texts = empty()
    emotion: Emotion | None = None
    pain_points: list[NoteItem] = empty()
    opportunities: list[NoteItem] = empty()
    kpis: list[Kpi] = empty()
    evidence: Texts = empty()
    physical_evidence: Texts = empty()
    frontstage: Texts = empty()
    backstage: Texts = empty()
    support: Texts = empty()
    fail_point: bool = False

    @property
    def key(self) -> str:
        """The touchpoint's id within its journey: explicit, or the slug of its name."""
        return self.id or slugify(self.name)


class Stage(Model):
    name: str
    phase: Id | None = None
    goal: str | None = None
    expectations: ExpectationsField = Expectations()
    actions: Texts = empty()
    thoughts: Texts = empty()
    emotion: Emotion | None = None
    knowledge_gaps: Texts = empty()
    pain_points: list[NoteItem] = empty()
    opportunities: list[NoteItem] = empty()
    touchpoints: list[Touchpoint] = empty()


class PageFields(Model):
    """Fields every definition shares: identity and the page keys MkDocs/Material understand."""

    id: Id | None = None
    description: str | None = None
    hide: list[HideOption] = empty()


class Persona(PageFields):
    type: Literal["persona"]
    name: str
    segment: str | None = None
    summary: str | None = None
    quote: str | None = None
    goals: Texts = empty()
    needs: Texts = empty()
    frustrations: Texts = empty()
    channels: Texts = empty()

    @property
    def title(self) -> str:
        return self.name


class Relationship(Model):
    with_: Id = Field(alias="with")
    kind: RelationshipKind
    note: str | None = None


class Stakeholder(PageFields):
    type: Literal["stakeholder"]
    name: str
    kind: StakeholderKind = "other"
    influence: Scale | None = None
    interest: Scale | None = None
    motivations: Texts = empty()
    objectives: Texts = empty()
    challenges: Texts = empty()
    contact: str | None = None
    relationships: list[Relationship] = empty()

    @property
    def title(self) -> str:
        return self.name


class Journey(PageFields):
    type: Literal["journey"]
    title: str
    persona: Id
    map: MapType = "current"
    baseline: Id | None = None
    owner: Id | None = None
    status: Status = "draft"
    reviewed: IsoDate | None = None
    review_every: Annotated[int, Field(ge=1, le=MAX_REVIEW_EVERY_DAYS)] = DEFAULT_REVIEW_EVERY_DAYS
    goal: str | None = None
    scenario: str | None = None
    sources: list[Source] = empty()
    kpis: list[Kpi] = empty()
    stages: Annotated[list[Stage], Field(min_length=1)]

    def touchpoints(self) -> list[tuple[Stage, Touchpoint]]:
        return [(stage, tp) for stage in self.stages for tp in stage.touchpoints]


class Phase(Model):
    """A step of the customer lifecycle that journeys' stages are placed in."""

    id: Annotated[
        Id,
        Field(
            description="The phase's id, which a journey stage names in `phase:`: lower-case "
            "letters, digits and hyphens, unique in the framework. Example: `join`."
        ),
    ]
    name: Annotated[str, Field(description="The phase as people say it. Example: `Join`.")]
    description: Annotated[
        str | None,
        Field(description="What belongs in the phase. Example: `The customer signs up`."),
    ] = None


class Framework(PageFields):
    """The lifecycle every journey is lined up against: at most one per portal."""

    type: Annotated[Literal["framework"], Field(description="Always `framework`.")]
    title: Annotated[str, Field(description="The lifecycle's name. Example: `Customer lifecycle`.")]
    phases: Annotated[
        list[Phase],
        Field(
            min_length=1,
            description="The phases, at least one, in lifecycle order. Example: "
            "`[{id: discover, name: Discover}, {id: join, name: Join}]`.",
        ),
    ]


class Moment(Model):
    """Where customers meet an opportunity: a journey's stage by name, or a touchpoint by id."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["stage"]}, {"required": ["touchpoint"]}]}
    )

    journey: Annotated[Id, Field(description="The id of the journey. Example: `moving-home`.")]
    stage: Annotated[
        str | None,
        Field(
            description="A stage of that journey, by its name; set this or `touchpoint`, not "
            "both. Example: `Moving in`."
        ),
    ] = None
    touchpoint: Annotated[
        Id | None,
        Field(
            description="A touchpoint of that journey, by its id (explicit, or the slug of its "
            "name); set this or `stage`, not both. Example: `home-move-phone-call`."
        ),
    ] = None

    @model_validator(mode="after")
    def _one_place(self) -> Moment:
        """A moment is one place on a journey: a stage or a touchpoint, never both or neither."""
        if (self.stage is None) == (self.touchpoint is None):
            raise PydanticCustomError(
                "moment_place",
                "set exactly one of `stage` (a stage's name) or `touchpoint` (a touchpoint's id)",
            )
        return self


class Opportunity(PageFields):
    """An improvement customers would feel at moments across journeys, prioritised."""

    type: Annotated[Literal["opportunity"], Field(description="Always `opportunity`.")]
    title: Annotated[
        str,
        Field(description="The opportunity in a few words. Example: `Carry the tariff over`."),
    ]
    statement: Annotated[
        str | None,
        Field(
            description="The problem framed as a question. Example: `How might we keep movers' "
            "tariffs?`"
        ),
    ] = None
    status: Annotated[
        OpportunityStatus,
        Field(
            description="Where it stands: idea, validated, planned, in-progress, done or "
            "dropped. Default: idea."
        ),
    ] = "idea"
    owner: Annotated[
        Id | None,
        Field(description="The stakeholder id of the team that owns it. Example: `digital-team`."),
    ] = None
    impact: Annotated[
        Scale,
        Field(description="How much customers would gain, 1 (little) to 5 (a lot). Example: `4`."),
    ]
    effort: Annotated[
        Scale,
        Field(description="How much it takes to deliver, 1 (little) to 5 (a lot). Example: `2`."),
    ]
    moments: Annotated[
        list[Moment],
        Field(
            min_length=1,
            description="Where customers meet it, at least one. Example: "
            "`[{journey: moving-home, stage: Moving in}]`.",
        ),
    ]
    evidence: Annotated[
        Texts,
        Field(
            description="Names of research sources of the journeys at its moments. Example: "
            "`[Q2 onboarding survey]`."
        ),
    ] = empty()


class Measure(Model):
    """A journey KPI a solution should move, by journey id and KPI name."""

    journey: Annotated[Id, Field(description="The id of the journey. Example: `moving-home`.")]
    kpi: Annotated[
        str,
        Field(
            description="The name of a KPI of that journey, its own or a touchpoint's. "
            "Example: `Home movers retained`."
        ),
    ]


class Solution(PageFields):
    """A change delivered against opportunities, tracked to the KPIs it should move."""

    type: Annotated[Literal["solution"], Field(description="Always `solution`.")]
    title: Annotated[
        str,
        Field(description="The solution in a few words. Example: `Tariff carry-over form`."),
    ]
    opportunities: Annotated[
        list[Id],
        Field(
            min_length=1,
            description="Ids of the opportunities it answers, at least one. Example: "
            "`[carry-tariff-on-move]`.",
        ),
    ]
    status: Annotated[
        SolutionStatus,
        Field(
            description="Where it stands: idea, planned, in-progress, shipped or dropped. "
            "Default: idea."
        ),
    ] = "idea"
    owner: Annotated[
        Id | None,
        Field(description="The stakeholder id of the team that delivers it. Example: `it-team`."),
    ] = None
    due: Annotated[
        IsoDate | None,
        Field(description="When it should ship, written as YYYY-MM-DD. Example: `2027-06-30`."),
    ] = None
    measures: Annotated[
        list[Measure],
        Field(
            description="The journey KPIs it should move. Example: "
            "`[{journey: moving-home, kpi: Home movers retained}]`."
        ),
    ] = empty()


MODELS: dict[str, type[PageFields]] = {
    "journey": Journey,
    "persona": Persona,
    "stakeholder": Stakeholder,
    "framework": Framework,
    "opportunity": Opportunity,
    "solution": Solution,
}

Entity = Journey | Persona | Stakeholder | Framework | Opportunity | Solution
