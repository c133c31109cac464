"""A deterministic synthetic portfolio: N journeys, N/5 personas, N/10 stakeholders, a lifecycle
framework, N/2 opportunities and N/2 solutions.

Sizes follow the demo content: a journey has 5 stages of 3 touchpoints, each stage placed in a
phase, journey and touchpoint KPIs, research sources, prose; personas carry a profile;
stakeholders relationships; opportunities name moments (stages and touchpoints) across journeys,
solutions the opportunities they answer and the journey KPIs they should move. The framework has
one phase no stage is placed in (a blind spot). The same (N, seed) always writes the same bytes,
so runs on different machines build the same site.

    python3 bench/generate.py 500 /tmp/portfolio        # writes /tmp/portfolio/content/...
"""

from __future__ import annotations

import argparse
import math
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

FIRST = [
    "Amira",
    "Ben",
    "Carla",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Marek",
    "Nora",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tessa",
    "Umar",
    "Vera",
    "Wen",
    "Xavier",
    "Yara",
    "Zoe",
    "Aled",
    "Bea",
    "Cian",
    "Dilys",
    "Emeka",
    "Fern",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
]
LAST = [
    "Adeyemi",
    "Brennan",
    "Castillo",
    "Doyle",
    "Eriksen",
    "Fischer",
    "Gallagher",
    "Hussain",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Sato",
    "Tanaka",
    "Ulrich",
    "Varga",
    "Walsh",
    "Xu",
    "Yilmaz",
    "Zielinski",
    "Abbott",
    "Bianchi",
    "Chowdhury",
    "Dubois",
]
PLACES = [
    "urban",
    "rural",
    "coastal",
    "suburban",
    "northern",
    "southern",
    "city-centre",
    "market-town",
]
HOUSEHOLDS = [
    "renters",
    "homeowners",
    "students",
    "families",
    "retirees",
    "landlords",
    "commuters",
    "self-employed",
    "first-time-buyers",
    "shift-workers",
]
TEAMS = [
    "Billing Operations",
    "Customer Care",
    "Digital Experience",
    "Field Operations",
    "Pricing",
    "Retail Marketing",
    "Finance",
    "Metering",
    "Smart Home",
    "Collections",
    "Complaints",
    "Onboarding",
    "Data Platform",
    "Legal",
    "Procurement",
    "Partnerships",
    "Brand",
    "Energy Trading",
    "Home Services",
    "Social Media",
]
REGIONS = [
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Wales",
    "Scotland",
    "Midlands",
    "Coast",
    "Valley",
]
PARTNERS = [
    "BrightGrid",
    "MeterLine",
    "SolarFit",
    "HeatWise",
    "GridCo",
    "AdviceFirst",
    "PayRight",
    "HomeLink",
]
KINDS = ("team", "department", "partner", "supplier", "competitor", "customer", "regulator")
KIND_WEIGHTS = (40, 20, 12, 12, 5, 5, 6)
RELATIONS = ("influences", "depends-on", "collaborates", "conflicts", "supplies", "reports-to")
CHANNELS = ("web", "mobile-app", "email", "phone", "chat", "social", "in-person", "mail", "ads")
STAGES = (
    ("Awareness", "Notice that something needs to change"),
    ("Consideration", "Compare the options that fit"),
    ("Decision", "Choose and sign up without surprises"),
    ("Retention", "Get value from the service every month"),
    ("Advocacy", "Recommend it to friends and family"),
)
TOPICS = [
    "moving home",
    "switching tariff",
    "first bill",
    "smart meter install",
    "solar quote",
    "heat pump advice",
    "direct debit change",
    "meter reading",
    "payment difficulty",
    "price rise notice",
    "renewal",
    "complaint",
    "outage",
    "electric vehicle tariff",
    "account closure",
    "priority services",
]
TOUCHPOINTS = [
    "Comparison site listing",
    "Price alert email",
    "Tariff page",
    "Quote form",
    "Sales call",
    "Sign-up form",
    "Welcome email",
    "App onboarding",
    "Installer visit",
    "Meter reading reminder",
    "Monthly statement",
    "Support chat",
    "Phone queue",
    "Community forum post",
    "Review site rating",
    "Renewal letter",
    "Payment plan call",
    "Outage text message",
    "Referral email",
    "Satisfaction survey",
]
TOOLS = [
    "Salesforce",
    "Zendesk",
    "Junifer billing",
    "Braze",
    "Genesys Cloud",
    "Website CMS",
    "Field app",
    "Looker",
]
WORDS = [
    "customer",
    "needs",
    "clear",
    "price",
    "information",
    "before",
    "committing",
    "and",
    "wants",
    "the",
    "process",
    "to",
    "be",
    "quick",
    "simple",
    "honest",
    "friendly",
    "reliable",
    "the",
    "form",
    "asks",
    "for",
    "details",
    "already",
    "known",
    "and",
    "the",
    "reply",
    "takes",
    "days",
    "while",
    "agents",
    "cannot",
    "see",
    "earlier",
    "contacts",
    "so",
    "the",
    "customer",
    "repeats",
    "the",
    "story",
    "again",
]
PHASES = (
    ("discover", "Discover", "Awareness"),
    ("consider", "Consider", "Consideration"),
    ("join", "Join", "Decision"),
    ("use", "Use", "Retention"),
    ("recommend", "Recommend", "Advocacy"),
    ("leave", "Leave", None),
)
"""(id, name, the generated stage placed in it); no stage is placed in `leave`."""
PHASE_OF_STAGE = {stage: ident for ident, _, stage in PHASES if stage}
OPPORTUNITY_STATUSES = ("idea", "validated", "planned", "in-progress", "done", "dropped")
SOLUTION_STATUSES = ("idea", "planned", "in-progress", "shipped", "dropped")
KPI_NAMES = ("CSAT", "NPS", "Customer effort score", "Conversion rate", "Churn rate", "First reply")


@dataclass(frozen=True)
class Portfolio:
    journeys: int
    personas: int
    stakeholders: int
    segments: int
    opportunities: int = 0
    solutions: int = 0
    frameworks: int = 1

    @property
    def definitions(self) -> int:
        return (
            self.journeys
            + self.personas
            + self.stakeholders
            + self.frameworks
            + self.opportunities
            + self.solutions
        )


def sizes(n: int, management: bool = True) -> Portfolio:
    """The portfolio of N journeys; without `management`, no framework, opportunities or
    solutions (the portfolio the bench measured before journey management)."""
    personas = max(1, n // 5)
    segments = max(1, round(math.sqrt(personas) / 2))
    if not management:
        return Portfolio(n, personas, max(2, n // 10), segments, 0, 0, frameworks=0)
    return Portfolio(n, personas, max(2, n // 10), segments, n // 2, n // 2)


def _sentence(rng: random.Random, low: int = 6, high: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _list(indent: str, key: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"{indent}{key}:", *(f"{indent}  - {_q(item)}" for item in items)]


def segment_names(count: int) -> list[str]:
    names = [f"{p.capitalize()} {h.replace('-', ' ')}" for h in HOUSEHOLDS for p in PLACES]
    rng = random.Random(5)
    rng.shuffle(names)
    out = names[:count]
    while len(out) < count:
        out.append(f"{names[len(out) % len(names)]} {len(out) // len(names) + 1}")
    return out


def persona_file(i: int, segment: str, rng: random.Random) -> tuple[str, str]:
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
    ident = f"p{i:05d}"
    lines = [
        "---",
        "type: persona",
        f"id: {ident}",
        f"name: {_q(f'{name} ({ident})')}",
        f"segment: {_q(segment)}",
        f"summary: {_q(' '.join(_sentence(rng) for _ in range(3)))}",
        f"quote: {_q(_sentence(rng, 5, 9))}",
        *_list("", "goals", [_sentence(rng, 4, 8) for _ in range(3)]),
        *_list("", "needs", [_sentence(rng, 4, 8) for _ in range(4)]),
        *_list("", "frustrations", [_sentence(rng, 4, 8) for _ in range(3)]),
        *_list("", "channels", rng.sample(CHANNELS, 3)),
        "---",
        "",
        f"## Who {name.split()[0]} is",
        "",
        " ".join(_sentence(rng) for _ in range(5)),
        "",
        "## Research notes",
        "",
        " ".join(_sentence(rng) for _ in range(4)),
        "",
    ]
    return f"personas/{ident}.md", "\n".join(lines)


def stakeholder_file(i: int, count: int, rng: random.Random) -> tuple[str, str]:
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    if kind in ("partner", "supplier", "competitor"):
        name = f"{PARTNERS[i % len(PARTNERS)]} {REGIONS[(i // len(PARTNERS)) % len(REGIONS)]}"
    else:
        name = f"{TEAMS[i % len(TEAMS)]} {REGIONS[(i // len(TEAMS)) % len(REGIONS)]}"
    ident = f"s{i:05d}"
    others = [j for j in rng.sample(range(count), min(count, 4)) if j != i][: rng.randint(0, 3)]
    lines = [
        "---",
        "type: stakeholder",
        f"id: {ident}",
        f"name: {_q(f'{name} ({ident})')}",
        f"kind: {kind}",
        f"influence: {rng.randint(1, 5)}",
        f"interest: {rng.randint(1, 5)}",
        f"contact: {_q(f'{ident}@northwind.example')}",
        *_list("", "motivations", [_sentence(rng, 5, 9) for _ in range(2)]),
        *_list("", "objectives", [_sentence(rng, 5, 9) for _ in range(3)]),
        *_list("", "challenges", [_sentence(rng, 5, 9) for _ in range(2)]),
    ]
    if others:
        lines.append("relationships:")
        for j in others:
            lines += [
                f"  - with: s{j:05d}",
                f"    kind: {rng.choice(RELATIONS)}",
                f"    note: {_q(_sentence(rng))}",
            ]
    lines += ["---", "", "## Role in the journeys", "", _sentence(rng) + " " + _sentence(rng), ""]
    return f"stakeholders/{ident}.md", "\n".join(lines)


def _slug(name: str) -> str:
    """A touchpoint's id as journeysite derives it from an ASCII name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _sources(i: int) -> list[tuple[str, str]]:
    topic = TOPICS[i % len(TOPICS)].capitalize()
    return [
        ("survey", f"{topic} survey {i}"),
        ("analytics", f"{topic} funnel analytics"),
        ("support", f"{topic} contact reasons"),
    ]


def journey_file(
    i: int, size: Portfolio, rng: random.Random, touchpoints: list[tuple[str, str]] | None = None
) -> tuple[str, str]:
    """A journey's file; `touchpoints` collects its (stage, touchpoint id) for opportunities."""
    persona = i % size.personas
    topic = TOPICS[i % len(TOPICS)]
    ident = f"j{i:05d}"
    # Every fifth journey of a persona is a future-state map of the persona's first journey.
    future = i >= size.personas * 4 and i - 4 * size.personas < size.personas
    blueprint = not future and i >= size.personas and i % 7 == 3
    stakeholder = lambda: f"s{rng.randrange(size.stakeholders):05d}"  # noqa: E731
    sources = _sources(i)
    lines = [
        "---",
        "type: journey",
        f"id: {ident}",
        f"title: {_q(f'{topic.capitalize()} ({ident})')}",
        f"description: {_q(_sentence(rng))}",
        f"persona: p{persona:05d}",
        f"map: {'future' if future else 'blueprint' if blueprint else 'current'}",
    ]
    if future:
        lines.append(f"baseline: j{persona:05d}")
    lines += [
        f"owner: {stakeholder()}",
        f"status: {rng.choice(('draft', 'in-review', 'validated'))}",
        f"reviewed: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"goal: {_q(_sentence(rng))}",
        f"scenario: {_q(_sentence(rng, 12, 20))}",
        "sources:",
    ]
    for kind, name in sources:
        lines += [
            f"  - kind: {kind}",
            f"    name: {_q(name)}",
            f"    size: {rng.randint(50, 5000)}",
            f"    date: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        ]
    lines += [
        "kpis:",
        f"  - {{name: CSAT, value: {rng.randint(50, 95)}, target: 85, unit: '%', better: higher}}",
        f"  - {{name: Customer effort score, value: {rng.randint(2, 6)}.{rng.randint(0, 9)}, "
        "target: 3, unit: pts, better: lower}",
        "stages:",
    ]
    used: set[str] = set()
    for s, (stage, goal) in enumerate(STAGES):
        emotion = rng.randint(1, 5)
        lines += [f"  - name: {stage}"]
        if size.frameworks:
            lines += [f"    phase: {PHASE_OF_STAGE[stage]}"]
        lines += [
            f"    goal: {_q(goal)}",
            "    expectations:",
            *_list("      ", "primary", [_sentence(rng, 4, 8)]),
            *_list("      ", "secondary", [_sentence(rng, 4, 8)]),
            *_list("    ", "actions", [_sentence(rng, 4, 9) for _ in range(2)]),
            *_list("    ", "thoughts", [_sentence(rng, 4, 9)]),
            f"    emotion: {emotion}",
        ]
        if emotion <= 2:
            lines += [
                "    pain_points:",
                f"      - text: {_q(_sentence(rng))}",
                f"        severity: {rng.choice(('low', 'medium', 'high'))}",
            ]
        if s % 2 == 0:
            lines += _list("    ", "opportunities", [_sentence(rng)])
        lines.append("    touchpoints:")
        for _ in range(3):
            name = rng.choice(TOUCHPOINTS)
            while name in used:
                name = f"{name} {len(used)}"
            used.add(name)
            if touchpoints is not None:
                touchpoints.append((stage, _slug(name)))
            lines += [
                f"      - name: {_q(name)}",
                f"        channel: {rng.choice(CHANNELS)}",
                f"        owner: {stakeholder()}",
                f"        supporting: [{stakeholder()}]",
                f"        tools: [{_q(rng.choice(TOOLS))}]",
                f"        emotion: {rng.randint(1, 5)}",
                f"        evidence: [{_q(rng.choice(sources)[1])}]",
            ]
            if rng.random() < 0.3:
                lines += [
                    "        pain_points:",
                    f"          - {{text: {_q(_sentence(rng))}, severity: medium}}",
                ]
            if rng.random() < 0.3:
                lines += [
                    "        kpis:",
                    f"          - {{name: {rng.choice(KPI_NAMES)}, value: {rng.randint(20, 90)}, "
                    "target: 80, unit: '%'}",
                ]
            if blueprint:
                lines += [
                    *_list("        ", "frontstage", [_sentence(rng, 3, 6)]),
                    *_list("        ", "backstage", [_sentence(rng, 3, 6)]),
                ]
    lines += [
        "---",
        "",
        "## Summary",
        "",
        " ".join(_sentence(rng) for _ in range(6)),
        "",
        "## Next steps",
        "",
        *(f"- {_sentence(rng)}" for _ in range(3)),
        "",
    ]
    return f"journeys/{ident}.md", "\n".join(lines)


def framework_file() -> tuple[str, str]:
    lines = ["---", "type: framework", "id: lifecycle", "title: Energy customer lifecycle"]
    lines += ["phases:", *(f"  - {{id: {ident}, name: {name}}}" for ident, name, _ in PHASES)]
    lines += ["---", "", "The phases every synthetic journey is placed in.", ""]
    return "frameworks/lifecycle.md", "\n".join(lines)


def opportunity_file(
    i: int, size: Portfolio, touchpoints: list[list[tuple[str, str]]], rng: random.Random
) -> tuple[str, str]:
    """An opportunity at one to three moments: a stage or a touchpoint of a journey each."""
    journeys = sorted(rng.sample(range(size.journeys), min(size.journeys, rng.randint(1, 3))))
    ident = f"o{i:05d}"
    lines = [
        "---",
        "type: opportunity",
        f"id: {ident}",
        f"title: {_q(f'{_sentence(rng, 3, 6)[:-1]} ({ident})')}",
        f"statement: {_q('How might we ' + _sentence(rng, 5, 10).lower()[:-1] + '?')}",
        f"status: {rng.choice(OPPORTUNITY_STATUSES)}",
        f"owner: s{rng.randrange(size.stakeholders):05d}",
        f"impact: {rng.randint(1, 5)}",
        f"effort: {rng.randint(1, 5)}",
        "moments:",
    ]
    for j in journeys:
        stage, touchpoint = rng.choice(touchpoints[j])
        if rng.random() < 0.5:
            lines.append(f"  - {{journey: j{j:05d}, stage: {stage}}}")
        else:
            lines.append(f"  - {{journey: j{j:05d}, touchpoint: {touchpoint}}}")
    lines += [f"evidence: [{_q(rng.choice(_sources(journeys[0]))[1])}]", "---", ""]
    lines += [" ".join(_sentence(rng) for _ in range(3)), ""]
    return f"opportunities/{ident}.md", "\n".join(lines)


def solution_file(i: int, size: Portfolio, rng: random.Random) -> tuple[str, str]:
    """A solution to one or two opportunities, measured by a KPI every journey has."""
    answers = sorted(rng.sample(range(size.opportunities), min(size.opportunities, 2)))
    answers = answers[: rng.randint(1, 2)]
    ident = f"x{i:05d}"
    lines = [
        "---",
        "type: solution",
        f"id: {ident}",
        f"title: {_q(f'{_sentence(rng, 3, 6)[:-1]} ({ident})')}",
        f"opportunities: [{', '.join(f'o{o:05d}' for o in answers)}]",
        f"status: {rng.choice(SOLUTION_STATUSES)}",
        f"owner: s{rng.randrange(size.stakeholders):05d}",
        f"due: {rng.randint(2026, 2028)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "measures:",
        f"  - {{journey: j{rng.randrange(size.journeys):05d}, "
        f"kpi: {rng.choice(('CSAT', 'Customer effort score'))}}}",
        "---",
        "",
        " ".join(_sentence(rng) for _ in range(3)),
        "",
    ]
    return f"solutions/{ident}.md", "\n".join(lines)


def generate(n: int, out: Path, seed: int = 8, management: bool = True) -> Portfolio:
    """Write the content tree of an N-journey portfolio under `out` (replacing what is there)."""
    size = sizes(n, management)
    if out.exists():
        shutil.rmtree(out)
    segments = segment_names(size.segments)
    files: list[tuple[str, str]] = [("index.md", "# Portfolio\n\nSynthetic journey maps.\n")]
    for i in range(size.personas):
        files.append(persona_file(i, segments[i % size.segments], random.Random(seed * 7919 + i)))
    for i in range(size.stakeholders):
        rng = random.Random(seed * 104729 + i)
        files.append(stakeholder_file(i, size.stakeholders, rng))
    touchpoints: list[list[tuple[str, str]]] = []
    for i in range(n):
        touchpoints.append([])
        files.append(journey_file(i, size, random.Random(seed * 1299709 + i), touchpoints[i]))
    if size.frameworks:
        files.append(framework_file())
    for i in range(size.opportunities):
        rng = random.Random(seed * 15485863 + i)
        files.append(opportunity_file(i, size, touchpoints, rng))
    for i in range(size.solutions):
        files.append(solution_file(i, size, random.Random(seed * 32452843 + i)))
    for path, text in files:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("journeys", type=int)
    parser.add_argument("out", type=Path, help="project dir; files go to OUT/content")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--without-management", action="store_true", help="no framework, opportunities, solutions"
    )
    args = parser.parse_args()
    size = generate(args.journeys, args.out / "content", args.seed, not args.without_management)
    print(
        f"{size.journeys} journeys, {size.personas} personas in {size.segments} segments, "
        f"{size.stakeholders} stakeholders, {size.opportunities} opportunities, "
        f"{size.solutions} solutions -> {args.out / 'content'}"
    )


if __name__ == "__main__":
    main()
