"""Every CSV journeysite writes: `export --format csv` tables and the site's ownership.csv.

One dialect for all of them: UTF-8 with a byte order mark, CRLF line ends (RFC 4180), quotes only
where needed. CSV is the format people open in a spreadsheet, and Excel reads UTF-8 without a BOM
in the local code page (names with accents come out garbled); Python reads the BOM with
`encoding="utf-8-sig"` and most CSV libraries skip it. Since the files are for spreadsheets, text a
spreadsheet would run as a formula (OWASP's list: = + - @ tab CR) gets a leading `'`. Numbers are
data, not text: `-2` stays `-2`.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from journeysite.content.portal import Portal
from journeysite.exports.tables import COLUMNS, OWNERSHIP_COLUMNS, TABLES, ownership_rows

BOM = "\ufeff"
LINE_END = "\r\n"
LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list)."""


def escaped(text: str) -> str:
    """Text that a spreadsheet shows as written and never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Any) -> str | int | float:
    """A value as one CSV cell: numbers as numbers, everything else as escaped text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return int(value) if value.is_integer() else value
    if isinstance(value, list | tuple):
        return escaped(LIST_SEPARATOR.join(str(item) for item in value))
    return escaped(str(value))


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """The BOM and header, then one line per row (its `columns`, in order), one at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=LINE_END)

    def line(cells: Iterable[Any]) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow(cells)
        return out.getvalue()

    yield BOM + line(columns)
    for row in rows:
        yield line(cell(row[column]) for column in columns)


def table_csv(portal: Portal, table: str) -> Iterator[str]:
    """One table of `journeysite export --format csv --table`."""
    return csv_text(COLUMNS[table], TABLES[table](portal))


def ownership_csv(portal: Portal) -> Iterator[str]:
    """The site's ownership/ownership.csv."""
    return csv_text(OWNERSHIP_COLUMNS, ownership_rows(portal))
