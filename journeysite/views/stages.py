"""What every view shows of a stage: its emotion, and a label no other stage has.

When two stages are the same stage is a rule of the format: journeysite/format/stages.py.
"""

from __future__ import annotations

from journeysite.format.models import Stage


def stage_mood(stage: Stage) -> float | None:
    """A stage's emotion: as written, else the mean of its touchpoints' emotions."""
    if stage.emotion is not None:
        return float(stage.emotion)
    values = [tp.emotion for tp in stage.touchpoints if tp.emotion is not None]
    return sum(values) / len(values) if values else None


def numbered(labels: list[str]) -> list[str]:
    """Chart categories must differ, or ECharts draws two stages as one: repeats get a number."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out
