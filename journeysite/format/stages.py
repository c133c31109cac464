"""When two stages are the same stage: the one rule of the diff and of the baseline comparison.

A future map is compared with its baseline, and a map with its last revision, by pairing their
stages. Both used to pair them differently (exact names in the diff, case-folded names in order
on the future map's page), so one renamed stage was one stage on a page and a removed plus an
added stage in the pull-request diff. Now both ask `match_stages`.
"""

from __future__ import annotations

from collections.abc import Sequence


def normal_name(name: str) -> str:
    """Names match when equal after trimming, collapsing spaces and case-folding."""
    return " ".join(name.split()).casefold()


def match_stages(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """Old stage index → new stage index: the same name first, then the same position.

    A stage pairs with the first unpaired stage of the same normal name. One left unpaired pairs
    with the unpaired stage at its own position, when that stage's name is new to the old map:
    a stage renamed in place. Anything still unpaired was removed or added.
    """
    old_names = [normal_name(n) for n in old]
    new_names = [normal_name(n) for n in new]
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for i, name in enumerate(old_names):
        j = next((j for j, n in enumerate(new_names) if n == name and j not in taken), None)
        if j is not None:
            matched[i] = j
            taken.add(j)
    known = set(old_names)
    for i in range(min(len(old), len(new))):
        if i not in matched and i not in taken and new_names[i] not in known:
            matched[i] = i
            taken.add(i)
    return matched
