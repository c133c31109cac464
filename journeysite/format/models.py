"""The front-matter format as pydantic models: the single source of truth for fields and the schema."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal, get_args

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
    QUADRANT_HIGH_FROM,
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


def empty(description: str | None = None) -> Any:
    """An empty list default, made fresh per model: pydantic would deep-copy a `[]` default on
    every validation (600 000 copies in a 5 000-journey check); the schema still says `[]`."""
    return Field(default_factory=list, description=description, json_schema_extra={"default": []})


def _values(kind: Any) -> str:
    """A Literal's allowed values for a field's help text: "web, mobile-app, email"."""
    return ", ".join(str(v) for v in get_args(kind))


class Model(BaseModel):
    """Strict: no coercion from text to numbers, no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=False)


class Note(Model):
    """A pain point or an opportunity; writers may give just the text."""

    text: str = Field(
        description="What happens, in the customer's or the team's words. Any text; inline Markdown allowed. Example: Address lookup fails"
    )
    severity: Severity | None = Field(
        None,
        description=f"How much it hurts (pain point) or matters (opportunity). One of: {_values(Severity)}; leave out when unrated. Example: high",
    )


def _text_to_note(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


NoteItem = Annotated[
    Note,
    BeforeValidator(_text_to_note),
    WithJsonSchema({"anyOf": [{"type": "string"}, Note.model_json_schema()]}),
]


class Expectations(Model):
    primary: Texts = empty(
        "What the customer must get at this stage: a list of texts. Example: [Fast, No paperwork]"
    )
    secondary: Texts = empty(
        "What the customer would also like: a list of texts. Example: [A human to call]"
    )


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
    name: str = Field(description="The measure's name. Any text. Example: CSAT")
    value: float | None = Field(
        None, description="The latest measured value: a number. Example: 78"
    )
    target: float | None = Field(None, description="The value aimed for: a number. Example: 85")
    unit: str | None = Field(
        None, description='The unit shown after value and target. Any text. Example: "%"'
    )
    better: Better = Field(
        "higher",
        description=f"Which way is better. One of: {_values(Better)} (default higher). Example: lower",
    )

    @property
    def on_target(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        if self.better == "higher":
            return self.value >= self.target
        return self.value <= self.target


class Source(Model):
    kind: SourceKind = Field(
        description=f"What kind of research or data this is. One of: {_values(SourceKind)}. Example: survey"
    )
    name: str = Field(
        description="The source's name; touchpoints cite it in `evidence`. Example: Q2 onboarding survey"
    )
    size: Annotated[int, Field(ge=0)] | None = Field(
        None,
        description="How many people or records it covers: a whole number, 0 or more. Example: 412",
    )
    date: IsoDate | None = Field(
        None, description="When it was collected, as YYYY-MM-DD. Example: 2026-06-01"
    )


class Touchpoint(Model):
    name: str = Field(
        description="What the customer meets: the touchpoint's name. Any text. Example: Sign-up form"
    )
    id: Id | None = Field(
        None,
        description=f"Unique within the journey; defaults to the slug of the name. Lower-case letters, digits and hyphens ({ID_PATTERN}). Example: sign-up-form",
    )
    channel: Channel | None = Field(
        None, description=f"Where it happens. One of: {_values(Channel)}. Example: web"
    )
    owner: Id | None = Field(
        None,
        description="The id of the stakeholder accountable for it (a team). Example: digital-team",
    )
    supporting: list[Id] = empty(
        "Ids of stakeholders that help deliver it. Example: [customer-care]"
    )
    tools: Texts = empty("Systems and tools behind it: a list of texts. Example: [CMS]")
    processes: Texts = empty("Processes it relies on: a list of texts. Example: [Identity check]")
    emotion: Emotion | None = Field(
        None,
        description=f"How the customer feels here, from {EMOTION_MIN} (very negative) to {EMOTION_MAX} (very positive). Example: 2",
    )
    pain_points: list[NoteItem] = empty(
        "What goes wrong here: texts, or {text, severity} with severity low, medium or high. Example: [{text: Address lookup fails, severity: high}]"
    )
    opportunities: list[NoteItem] = empty(
        "What could be better here: texts, or {text, severity}. Example: [Prefill the address]"
    )
    kpis: list[Kpi] = empty(
        'Measures of this touchpoint: {name, value, target, unit, better}. Example: [{name: Completion rate, value: 61, target: 80, unit: "%"}]'
    )
    evidence: Texts = empty(
        "Names of the journey's sources that back this touchpoint. Example: [Q2 onboarding survey]"
    )
    physical_evidence: Texts = empty(
        "Service blueprint lane: what the customer sees or receives. Example: [Confirmation email]"
    )
    frontstage: Texts = empty(
        "Service blueprint lane: what staff do in view of the customer. Example: [Chat agent helps]"
    )
    backstage: Texts = empty(
        "Service blueprint lane: what staff do out of view. Example: [Account created in CRM]"
    )
    support: Texts = empty(
        "Service blueprint lane: systems and partners behind it. Example: [Identity provider]"
    )
    fail_point: bool = Field(
        False,
        description="Whether the service often fails here: true or false (default false). Example: true",
    )

    @property
    def key(self) -> str:
        """The touchpoint's id within its journey: explicit, or the slug of its name."""
        return self.id or slugify(self.name)


class Stage(Model):
    name: str = Field(
        description="The stage's name; stages with the same name are compared across journeys. Example: Sign up"
    )
    phase: Id | None = Field(
        None, description="The id of the framework phase this stage belongs to. Example: onboard"
    )
    goal: str | None = Field(
        None,
        description="What the customer wants to achieve in this stage. Any text. Example: Create an account",
    )
    expectations: ExpectationsField = Field(
        Expectations(),
        description="What the customer expects: a list of texts, or {primary: [...], secondary: [...]}. Example: {primary: [Fast], secondary: [No paperwork]}",
    )
    actions: Texts = empty("What the customer does: a list of texts. Example: [Fills in the form]")
    thoughts: Texts = empty(
        'What the customer thinks: a list of texts. Example: ["Why do they need this?"]'
    )
    emotion: Emotion | None = Field(
        None,
        description=f"How the customer feels in this stage, from {EMOTION_MIN} (very negative) to {EMOTION_MAX} (very positive). Example: 2",
    )
    knowledge_gaps: Texts = empty(
        "What the team does not know yet about this stage: a list of texts. Example: [Why people abandon at step 3]"
    )
    pain_points: list[NoteItem] = empty(
        "What goes wrong in this stage: texts, or {text, severity} with severity low, medium or high. Example: [Long form]"
    )
    opportunities: list[NoteItem] = empty(
        "What could be better: texts, or {text, severity}. Example: [{text: Prefill from the quote, severity: high}]"
    )
    touchpoints: list[Touchpoint] = empty(
        "Where the customer meets the organisation in this stage: {name, channel, owner, ...}. Example: [{name: Sign-up form, channel: web, owner: digital-team}]"
    )


class PageFields(Model):
    """Fields every definition shares: identity and the page keys MkDocs/Material understand."""

    id: Id | None = Field(
        None,
        description=f"Unique per type; defaults to the file name without .md. Lower-case letters, digits and hyphens ({ID_PATTERN}). Example: onboarding",
    )
    description: str | None = Field(
        None,
        description="The page's description for search engines and social cards. Any text. Example: How new customers get connected",
    )
    hide: list[HideOption] = empty(
        f"Parts of the page Material hides. Any of: {_values(HideOption)}. Example: [toc]"
    )


class Persona(PageFields):
    type: Literal["persona"] = Field(
        description="Makes this file a persona. Always persona. Example: persona"
    )
    name: str = Field(description="The persona's name, the page title. Example: Nora Newcomer")
    segment: str | None = Field(
        None,
        description="The customer segment; large portals group personas by it. Example: Households",
    )
    summary: str | None = Field(
        None,
        description="Who the persona is, in a sentence. Example: Moved house and needs power on day one",
    )
    quote: str | None = Field(
        None, description="Something the persona would say. Example: I just want it to work."
    )
    goals: Texts = empty(
        "What the persona wants to achieve: a list of texts. Example: [Get connected fast]"
    )
    needs: Texts = empty("What the persona needs from us: a list of texts. Example: [Clear prices]")
    frustrations: Texts = empty("What annoys the persona: a list of texts. Example: [Long forms]")
    channels: Texts = empty(
        "Channels the persona prefers: a list of texts. Example: [mobile app, chat]"
    )

    @property
    def title(self) -> str:
        return self.name


class Relationship(Model):
    with_: Id = Field(alias="with", description="The id of the other stakeholder. Example: finance")
    kind: RelationshipKind = Field(
        description=f"How this stakeholder relates to the other. One of: {_values(RelationshipKind)}. Example: reports-to"
    )
    note: str | None = Field(
        None,
        description="Anything worth knowing about the relationship. Any text. Example: Monthly budget review",
    )


class Stakeholder(PageFields):
    type: Literal["stakeholder"] = Field(
        description="Makes this file a stakeholder. Always stakeholder. Example: stakeholder"
    )
    name: str = Field(description="The stakeholder's name, the page title. Example: Customer Care")
    kind: StakeholderKind = Field(
        "other",
        description=f"What kind of stakeholder. One of: {_values(StakeholderKind)} (default other). Example: team",
    )
    influence: Scale | None = Field(
        None,
        description=f"Power over the journeys, from {SCALE_MIN} (low) to {SCALE_MAX} (high); {QUADRANT_HIGH_FROM} and above is high. Example: 4",
    )
    interest: Scale | None = Field(
        None,
        description=f"Interest in the journeys, from {SCALE_MIN} (low) to {SCALE_MAX} (high); {QUADRANT_HIGH_FROM} and above is high. Example: 5",
    )
    motivations: Texts = empty(
        "What drives the stakeholder: a list of texts. Example: [Fewer repeat calls]"
    )
    objectives: Texts = empty(
        "What the stakeholder aims for: a list of texts. Example: [First-contact resolution 80 %]"
    )
    challenges: Texts = empty("What stands in the way: a list of texts. Example: [Legacy CRM]")
    contact: str | None = Field(
        None, description="Who to talk to. Any text. Example: care-leads@example.org"
    )
    relationships: list[Relationship] = empty(
        f"Relationships to other stakeholders: {{with: <stakeholder id>, kind, note}}; kind is one of {_values(RelationshipKind)}. Example: [{{with: finance, kind: reports-to}}]"
    )

    @property
    def title(self) -> str:
        return self.name


class Journey(PageFields):
    type: Literal["journey"] = Field(
        description="Makes this file a journey map. Always journey. Example: journey"
    )
    title: str = Field(description="The journey's title, the page title. Example: Onboarding")
    persona: Id = Field(
        description="The id of the persona whose journey this is (required). Example: new-customer"
    )
    map: MapType = Field(
        "current",
        description=f"The kind of map. One of: {_values(MapType)} (default current). Example: future",
    )
    baseline: Id | None = Field(
        None,
        description="Future maps only: the id of the current-state map this one improves on. Example: onboarding-today",
    )
    owner: Id | None = Field(
        None,
        description="The id of the stakeholder accountable for the map. Example: customer-care",
    )
    status: Status = Field(
        "draft",
        description=f"How far the map is checked. One of: {_values(Status)} (default draft). Example: validated",
    )
    reviewed: IsoDate | None = Field(
        None, description="When the map was last reviewed, as YYYY-MM-DD. Example: 2026-06-01"
    )
    review_every: Annotated[int, Field(ge=1, le=MAX_REVIEW_EVERY_DAYS)] = Field(
        DEFAULT_REVIEW_EVERY_DAYS,
        description=f"Days between reviews, 1 to {MAX_REVIEW_EVERY_DAYS} (default {DEFAULT_REVIEW_EVERY_DAYS}). Example: 90",
    )
    goal: str | None = Field(
        None,
        description="What the customer wants from the whole journey. Any text. Example: Get a working account in one sitting",
    )
    scenario: str | None = Field(
        None,
        description="The situation the map describes. Any text. Example: Nora moves house and needs power on day one",
    )
    sources: list[Source] = empty(
        f"The research behind the map: {{kind, name, size, date}}; kind is one of {_values(SourceKind)}. Example: [{{kind: survey, name: Q2 onboarding survey, size: 412}}]"
    )
    kpis: list[Kpi] = empty(
        'Measures of the whole journey: {name, value, target, unit, better}. Example: [{name: CSAT, value: 78, target: 85, unit: "%"}]'
    )
    stages: Annotated[list[Stage], Field(min_length=1)] = Field(
        description="The stages of the journey in order, at least one: {name, goal, emotion, touchpoints, ...}. Example: [{name: Sign up, emotion: 2}]"
    )

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

    type: Annotated[
        Literal["framework"],
        Field(
            description="Makes this file a lifecycle framework. Always framework. Example: framework"
        ),
    ]
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

    type: Annotated[
        Literal["opportunity"],
        Field(
            description="Makes this file an opportunity. Always opportunity. Example: opportunity"
        ),
    ]
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
            description=f"Where it stands. One of: {_values(OpportunityStatus)} (default idea). "
            "Example: validated"
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
    evidence: Texts = empty(
        "Names of research sources of the journeys at its moments. Example: "
        "`[Q2 onboarding survey]`."
    )


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

    type: Annotated[
        Literal["solution"],
        Field(description="Makes this file a solution. Always solution. Example: solution"),
    ]
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
            description=f"Where it stands. One of: {_values(SolutionStatus)} (default idea). "
            "Example: planned"
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
    measures: list[Measure] = empty(
        "The journey KPIs it should move. Example: "
        "`[{journey: moving-home, kpi: Home movers retained}]`."
    )


MODELS: dict[str, type[PageFields]] = {
    "journey": Journey,
    "persona": Persona,
    "stakeholder": Stakeholder,
    "framework": Framework,
    "opportunity": Opportunity,
    "solution": Solution,
}

Entity = Journey | Persona | Stakeholder | Framework | Opportunity | Solution
