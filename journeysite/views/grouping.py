"""Navigation groups for large portfolios: personas under their segment, stakeholders by kind.

Material renders the navigation into every page. With `navigation.prune` a page carries its own
branch plus one link per item on each level above it, so the cost of the navigation per page is
the length of those levels. A flat list of 2 000 personas would put 2 000 links on every page and
make the build quadratic; grouping keeps every level short. Small portals keep the flat lists.
"""

from __future__ import annotations

import math
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from journeysite.content.load import Definition
from journeysite.content.portal import Portal, persona_model, stakeholder_model
from journeysite.format.i18n import N_, gettext
from journeysite.format.vocabulary import STAKEHOLDER_KIND_GROUPS, slugify
from journeysite.views.uris import STAKEHOLDER_KINDS_FOLDER

T = TypeVar("T")

NO_SEGMENT = N_("Other personas")
"""The group of personas without a segment; its folder keeps the English key in every language."""


@dataclass(frozen=True)
class NavGroup:
    key: str
    """Unique among its siblings; the folder of the group's generated index page."""
    title: str
    members: tuple[Definition, ...]
    src_uri: str
    """The group's generated index page: the section's own page in the navigation."""


def is_grouped(mode: str, threshold: int, count: int) -> bool:
    return mode == "always" or (mode == "auto" and count > threshold)


def by_title(definitions: Iterable[Definition]) -> list[Definition]:
    return sorted(definitions, key=lambda d: (d.title, d.id))


def persona_groups(
    portal: Portal, mode: str, threshold: int, journeys_index: str
) -> list[NavGroup] | None:
    """Personas by segment (sorted by segment, personas without one last), or None if not grouped."""
    if not is_grouped(mode, threshold, len(portal.personas)):
        return None
    segments: dict[str, list[Definition]] = defaultdict(list)
    for persona in portal.personas.values():
        segments[(persona_model(persona).segment or "").strip()].append(persona)
    titles = sorted((s for s in segments if s), key=lambda s: (s.casefold(), s))
    if "" in segments:
        titles.append("")
    folder = posixpath.join(posixpath.dirname(journeys_index), "segment")
    groups = _groups(
        ((title or NO_SEGMENT, segments[title]) for title in titles),
        lambda title: slugify(title) or "segment",
        folder,
    )
    if "" in segments:  # last, titled in the build's language
        groups[-1] = replace(groups[-1], title=gettext(NO_SEGMENT))
    return groups


def stakeholder_groups(
    portal: Portal, mode: str, threshold: int, folder: str = STAKEHOLDER_KINDS_FOLDER
) -> list[NavGroup] | None:
    """Stakeholders by kind, in the vocabulary's order, or None if not grouped."""
    if not is_grouped(mode, threshold, len(portal.stakeholders)):
        return None
    kinds: dict[str, list[Definition]] = defaultdict(list)
    for stakeholder in portal.stakeholders.values():
        kinds[stakeholder_model(stakeholder).kind].append(stakeholder)
    english = STAKEHOLDER_KIND_GROUPS.english  # the folder names stay the same in every language
    titled = ((english[k], kinds[k]) for k in STAKEHOLDER_KIND_GROUPS if k in kinds)
    return [replace(g, title=gettext(g.title)) for g in _groups(titled, slugify, folder)]


def _groups(
    titled: Iterable[tuple[str, list[Definition]]], slug: Callable[[str], str], folder: str
) -> list[NavGroup]:
    pairs = list(titled)
    keys = unique_keys([slug(title) for title, _ in pairs])
    return [
        NavGroup(key, title, tuple(by_title(members)), posixpath.join(folder, key, "index.md"))
        for key, (title, members) in zip(keys, pairs, strict=True)
    ]


def unique_keys(keys: Iterable[str]) -> list[str]:
    """The keys with `-2`, `-3`, … added to repeats, for folder or file names among siblings."""
    used: set[str] = set()
    out = []
    for key in keys:
        candidate, counter = key, 2
        while candidate in used:
            candidate, counter = f"{key}-{counter}", counter + 1
        used.add(candidate)
        out.append(candidate)
    return out


def runs(members: Sequence[Definition], size: int) -> list[tuple[str, list[Definition]]]:
    """Members (sorted by title) in alphabetical runs, titled like `A–F`: at most `size` runs of
    at most `size` members, or, when that cannot hold them all, at most `size` runs each to be
    split into runs again (`run_tree`).

    A segment or kind can itself be large (a thousand teams, five thousand opportunities); its
    section then lists runs instead of members, so a page never carries more than about `size`
    links per level. Where one level of runs is enough they are as long as `size` allows; deeper,
    every level gets about the same number of runs (5 000 at 30: 18 runs of about 10 runs of 28).
    """
    size = max(size, 2)
    total = len(members)
    count = -(-total // size)
    if count <= 1:
        return [("", list(members))]
    if count > size:
        levels = 1
        while size ** (levels + 1) < total:
            levels += 1
        count = min(size, max(2, math.ceil(total ** (1 / (levels + 1)) - 1e-9)))
    length = -(-total // count)
    parts = [list(members[i : i + length]) for i in range(0, total, length)]
    return list(zip(run_titles(parts), parts, strict=True))


def run_tree(
    members: Sequence[Definition],
    size: int,
    item: Callable[[Definition], T],
    section: Callable[[str, list[T]], T],
) -> list[T]:
    """The navigation items of `members` in runs (`runs`), runs too long split again."""
    out: list[T] = []
    for title, run in runs(members, size):
        if not title:
            out += [item(member) for member in run]
        else:
            out.append(section(title, run_tree(run, size, item, section)))
    return out


def run_titles(parts: Sequence[Sequence[Definition]]) -> list[str]:
    """Distinct titles for consecutive runs of members sorted by title: `A–F`, `G`, `Ma–Mo`, or
    `first – last` when even two initials collide."""
    for letters in (1, 2):
        titles = [_run_title(part[0].title, part[-1].title, letters) for part in parts]
        if len(set(titles)) == len(titles):
            return titles
    return [_run_title(part[0].title, part[-1].title, None) for part in parts]


def _run_title(first: str, last: str, letters: int | None) -> str:
    if letters is None:
        return first if first == last else f"{first} – {last}"
    start, end = first[:letters].upper(), last[:letters].upper()
    return start if start == end else f"{start}–{end}"
