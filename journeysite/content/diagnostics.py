"""Errors and warnings as values: collected across all files and reported together with file:line."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Literal

SeverityLevel = Literal["error", "warning"]


class Code(StrEnum):
    """Stable codes, one per kind of problem; tools and docs may rely on them."""

    FILE_ENCODING = "file-encoding"
    FILE_TOO_LARGE = "file-too-large"
    FRONT_MATTER_UNCLOSED = "front-matter-unclosed"
    FRONT_MATTER_NOT_MAPPING = "front-matter-not-mapping"
    YAML_SYNTAX = "yaml-syntax"
    YAML_DUPLICATE_KEY = "yaml-duplicate-key"
    YAML_AMBIGUOUS = "yaml-ambiguous"
    YAML_UNSUPPORTED = "yaml-unsupported"
    LIMIT_EXCEEDED = "limit-exceeded"
    UNKNOWN_TYPE = "unknown-type"
    UNKNOWN_FIELD = "unknown-field"
    MISSING_FIELD = "missing-field"
    INVALID_VALUE = "invalid-value"
    WRONG_TYPE = "wrong-type"
    OUT_OF_RANGE = "out-of-range"
    INVALID_ID = "invalid-id"
    DUPLICATE_ID = "duplicate-id"
    SECOND_FRAMEWORK = "second-framework"
    UNKNOWN_REFERENCE = "unknown-reference"
    INVALID_REFERENCE = "invalid-reference"
    UNOWNED_TOUCHPOINT = "unowned-touchpoint"
    FILE_UNREADABLE = "file-unreadable"
    UNSAFE_PATH = "unsafe-path"
    PATH_COLLISION = "path-collision"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    severity: SeverityLevel
    code: Code
    message: str

    def format_text(self) -> str:
        return f"{printable(self.path)}:{self.line}: {self.severity}: {printable(self.message)}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the pull request's diff."""
        command = "error" if self.severity == "error" else "warning"
        path = _escape_property(printable(self.path))
        props = f"file={path},line={self.line},col={self.column}"
        title = _escape_property(f"journeysite {self.code}")
        return f"::{command} {props},title={title}::{_escape_data(printable(self.message))}"

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["code"] = str(self.code)
        data["file"] = data.pop("path")
        return data


# Control characters, line and paragraph separators, zero-width and bidirectional controls: in a
# terminal or CI log they could start a new line, colour or hide text, or reorder what is shown.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def printable(text: str) -> str:
    """Writers' text made safe for one line of a terminal or CI log: invisible characters escaped."""
    return _UNPRINTABLE.sub(lambda m: _escape_character(ord(m.group())), text)


def _escape_character(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def format_report(diagnostics: Sequence[Diagnostic], fmt: str = "text") -> str:
    ordered = sorted(diagnostics)
    if fmt == "json":
        return json.dumps([d.as_json() for d in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(d.format_github() for d in ordered)
    return "\n".join(d.format_text() for d in ordered)


def did_you_mean(value: object, candidates: Iterable[str]) -> str:
    """' (did you mean `x`?)' when a close candidate exists, else ''."""
    if not isinstance(value, str):
        return ""
    matches = difflib.get_close_matches(value, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"; did you mean `{matches[0]}`?" if matches else ""


def quote(value: object, limit: int = 60) -> str:
    """A short, single-line rendering of a value for messages."""
    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    text = text.replace("\n", "\\n")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"`{text}`"
