"""Material's search index written to disk one entry at a time, instead of as one string.

Material's search plugin serialises its whole index with one `json.dumps` and encodes the result
before writing it. At 10 000 journeys the index is about 130 MB of JSON, and the string, its
bytes and the encoder's pieces exist at once: the largest allocation of the whole build, half a
gigabyte on top of everything the build holds at its end (bench/README.md). `write_streamed`
writes the same bytes from the plugin's own entries and settings, with the same `json.dumps`
options, and the search plugin skips its own write for that build. Anything this module does
not recognise (another search plugin, an incremental `--dirty` rebuild, which merges the
previous index) is left to the search plugin.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

_SEPARATORS = (",", ":")
_CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")
"""The settings Material's `SearchIndex.generate_search_index` puts in the index, in its order."""


def material_search(config: Any) -> Any | None:
    """Material's search plugin of this build when it will write a full index, else None."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # pragma: no cover - Material is a dependency
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin):
            enabled = plugin.config.enabled and hasattr(plugin, "search_index")
            full = not plugin.is_dirty and plugin.search_index_prev is None
            return plugin if enabled and full else None
    return None


def index_chunks(search_index: Any) -> Iterator[str]:
    """The JSON of Material's `generate_search_index`, in pieces of one entry each."""
    settings = {key: search_index.config[key] for key in _CONFIG_KEYS}
    head = json.dumps(settings, separators=_SEPARATORS, default=str)
    yield f'{{"config":{head},"docs":['
    for position, entry in enumerate(search_index.entries):
        text = json.dumps(entry, separators=_SEPARATORS, default=str)
        yield f",{text}" if position else text
    yield "]}"


def write_streamed(config: Any) -> Any | None:
    """Write `search/search_index.json` and turn off the search plugin's own write.

    Returns the plugin, whose `enabled` must be set back to True once this build's
    `on_post_build` has run (journeysite.plugin), or None when the plugin is left to write it.
    """
    plugin = material_search(config)
    if plugin is None:
        return None
    path = os.path.join(config.site_dir, "search", "search_index.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.writelines(index_chunks(plugin.search_index))
    plugin.config.enabled = False
    return plugin
