"""Extract the marked text into journeysite/locales/journeysite.pot and update every catalog.

    python3 scripts/messages.py          # or ./dev messages

New messages arrive in each `.po` untranslated (tests/test_i18n.py then fails until they are
translated); messages no longer in the code are dropped. Extraction follows babel.cfg.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "journeysite" / "locales"
TEMPLATE = LOCALES / "journeysite.pot"
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
SOURCES = ("journeysite", "theme")
"""The top-level folders babel.cfg's patterns reach: nothing else is walked (.venv, node_modules)."""


def extract() -> Catalog:
    """Every marked message of the package and its templates, with where it is used."""
    with (REPO / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog(project="journeysite", domain="journeysite", charset="utf-8")
    found = extract_from_dir(
        str(REPO),
        method_map,
        options_map,
        strip_comment_tags=True,
        directory_filter=lambda path: Path(path).relative_to(REPO).parts[0] in SOURCES,
    )
    for path, line, message, comments, context in found:
        catalog.add(message, None, [(path, line)], auto_comments=comments, context=context)
    return catalog


def _write(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as out:
        write_po(out, catalog, width=100, sort_output=True, include_lineno=False)


def main() -> int:
    template = extract()
    template.creation_date = template.revision_date = FIXED_DATE  # the same files on every run
    _write(TEMPLATE, template)
    for po_path in sorted(LOCALES.glob("*/LC_MESSAGES/journeysite.po")):
        language = po_path.parent.parent.name
        with po_path.open("rb") as po:
            catalog = read_po(po, locale=language, domain="journeysite")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.revision_date = FIXED_DATE
        _write(po_path, catalog)
    print(f"{len(template)} messages → {TEMPLATE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
