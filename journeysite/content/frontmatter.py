"""Split a Markdown file into front matter and body, and read the YAML with a line for every value.

PyYAML's own constructor loses positions, keeps the last of duplicate keys, reads YAML 1.1's
`no`/`on`/`010` as booleans and octals, and expands aliases without bound. This module composes
values straight from libyaml's event stream instead, so all of that is seen and reported.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from journeysite.content.diagnostics import Code, Diagnostic, quote
from journeysite.format.limits import LARGEST_NUMBER, Limits

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_TAG = "tag:yaml.org,2002:"
_DECIMAL_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_DECIMAL_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$")
_CORE_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
# Spaces and tabs only, never `\s`: a pattern that can cross lines re-scans every blank line from
# every line start, quadratic in the file's length (20 000 blank lines took 38 s).
_TYPE_LINE = re.compile(r"^[ \t]*(-[ \t]+)?[\"']?type[\"']?[ \t]*:", re.MULTILINE)
# Front matter that is only a type name (`journey`, `type journey`): a definition missing its `type:`.
_BARE_TYPE = re.compile(r"(?:type\W*)?(journey|persona|stakeholder)|type", re.IGNORECASE)
_FENCE = "---"
# Only double-quoted YAML can spell these (as escapes such as "\e"); in a page they are invisible.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

Path = tuple[str | int, ...]


class Span(NamedTuple):
    """A 1-based line and column in the file (a tuple: one is made for every value)."""

    line: int
    column: int


@dataclass
class Locations:
    """Where each value and key of the front matter was written (file lines, 1-based)."""

    values: dict[Path, Span] = field(default_factory=dict)
    keys: dict[Path, Span] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)
    reported: set[Path] = field(default_factory=set)

    def value(self, path: Path) -> Span:
        for end in range(len(path), -1, -1):
            span = self.values.get(path[:end])
            if span is not None:
                return span
        return Span(1, 1)

    def key(self, path: Path) -> Span:
        return self.keys.get(path) or self.value(path)

    def already_reported(self, path: Path) -> bool:
        return any(path[:end] in self.reported for end in range(len(path) + 1))

    def kept(self) -> Locations:
        """The value positions alone, which is what cross-file checks read after validation.

        Keys and raw texts are only needed while the file itself is validated; dropping them
        halves what a loaded file holds (a 10 000-journey portfolio keeps every file loaded).
        """
        return Locations(values=self.values)


@dataclass
class Document:
    """A Markdown file split into its parts."""

    is_definition: bool
    data: Any = None
    locations: Locations = field(default_factory=Locations)
    body: str = ""
    body_line: int = 1
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _LimitReached(Exception):
    pass


def too_large(path: str, size: int, limits: Limits) -> Diagnostic:
    return Diagnostic(
        path,
        1,
        1,
        "error",
        Code.FILE_TOO_LARGE,
        f"file is {size:,} bytes; the limit is {limits.max_file_bytes:,} "
        "(max_file_bytes): split it, or raise the limit in the plugin config",
    )


def decode(raw: bytes, path: str, limits: Limits) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text: size limit, UTF-8 (a BOM is fine), CRLF and CR normalised to LF."""
    if len(raw) > limits.max_file_bytes:
        return None, [too_large(path, len(raw), limits)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [
            Diagnostic(
                path,
                line,
                1,
                "error",
                Code.FILE_ENCODING,
                f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            )
        ]
    return normalise_newlines(text), []


_YAML_LINE_BREAKS = re.compile("[\n\x85\u2028\u2029]")


def _yaml_lines(text: str) -> list[str]:
    """The lines as YAML counts them: NEL and the Unicode separators end a line too."""
    return _YAML_LINE_BREAKS.split(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _front_matter(lines: list[str]) -> tuple[str, int | None] | None:
    """The YAML between the fences and the index of the closing fence (None when unclosed)."""
    if lines[0].rstrip() != _FENCE:
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (_FENCE, "...")), None)
    return "\n".join(lines[1:end] if end else lines[1:]) + "\n", end


def _declares_type(yaml_text: str) -> bool:
    """A `type:` line, or front matter that is nothing but a type name (reported as an error)."""
    if _TYPE_LINE.search(yaml_text):
        return True
    bare = yaml_text.strip()
    return len(bare) <= 40 and _BARE_TYPE.fullmatch(bare) is not None


def claims(text: str) -> bool:
    """Whether journeysite reads this file as a definition (other pages are left to MkDocs)."""
    found = _front_matter(text.split("\n"))
    return found is not None and _declares_type(found[0])


def split(text: str, path: str, limits: Limits) -> Document:
    """Find the front matter; parse it only when it declares a `type` (other pages are left alone).

    Empty files and empty front matter (`---` twice) are ordinary pages: nothing claims them as maps.
    """
    lines = text.split("\n")
    found = _front_matter(lines)
    if found is None or not _declares_type(found[0]):
        return Document(is_definition=False, body=text)
    yaml_text, end = found
    if end is None:
        return Document(
            is_definition=True,
            diagnostics=[
                Diagnostic(
                    path,
                    1,
                    1,
                    "error",
                    Code.FRONT_MATTER_UNCLOSED,
                    "front matter is not closed: add a line `---` after the last field",
                )
            ],
        )
    doc = Document(is_definition=True, body="\n".join(lines[end + 1 :]), body_line=end + 2)
    _Composer(path, limits, doc).run(yaml_text)
    if not doc.diagnostics and not isinstance(doc.data, dict):
        span = doc.locations.value(())
        doc.diagnostics.append(
            Diagnostic(
                path,
                max(span.line, 2),
                1,
                "error",
                Code.FRONT_MATTER_NOT_MAPPING,
                "front matter must be a mapping of `field: value` lines "
                f"(got {_kind_of(doc.data)})" + _type_hint(doc.data),
            )
        )
    return doc


def _type_hint(value: Any) -> str:
    match = _BARE_TYPE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        return ""
    if match.group(1) is None:
        return "; write `type: journey`, `type: persona` or `type: stakeholder`"
    return f"; did you mean `type: {match.group(1).lower()}`?"


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"the single value {quote(value)}"


class _Frame:
    """An open mapping or list. `key` is the mapping key waiting for its value (None: none is)."""

    __slots__ = ("anchor", "container", "is_map", "key", "key_span", "path", "seen", "size", "span")

    def __init__(self, container: dict | list, path: Path, span: Span, anchor: str | None) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.path = path
        self.span = span
        self.anchor = anchor
        self.size = 1
        self.key: str | None = None
        self.key_span: Span | None = None
        self.seen: dict[str, int] = {}


def _event_source(text: str) -> Any:
    """libyaml's parser: a callable returning the next event, None after the last one.

    Called directly rather than through `yaml.parse`, whose generator costs a Python frame per
    event (3.6 million events in a 5 000-journey portfolio).
    """
    return Loader(text).get_event


# The first characters with which a plain scalar can be anything but text (booleans, numbers,
# nulls, dates, `<<`, `=`): every other plain scalar is text without asking the resolver.
_RESOLVABLE_FIRST = frozenset(
    first for first in _RESOLVER.yaml_implicit_resolvers if first is not None
) | {""}


class _Composer:
    """Builds plain Python values from YAML events, recording locations and problems.

    `compose` is the hot loop of loading a portfolio: it handles the common events inline and
    leaves every problem to the methods below, which report it.
    """

    LINE_OFFSET = 2  # YAML line 0 is the file's line 2: line 1 is the opening `---`.

    def __init__(self, path: str, limits: Limits, doc: Document) -> None:
        self.path = path
        self.limits = limits
        self.doc = doc
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.total = 0
        self.documents = 0

    def span(self, mark: Any) -> Span:
        return _shared_span(mark.line + self.LINE_OFFSET, mark.column + 1)

    def error(self, span: Span, code: Code, message: str, at: Path | None = None) -> None:
        self.doc.diagnostics.append(
            Diagnostic(self.path, span.line, span.column, "error", code, message)
        )
        if at is not None:
            self.doc.locations.reported.add(at)

    def too_deep_message(self) -> str:
        if self.limits.max_depth < _PARSER_NESTING_LIMIT:
            return f"nesting deeper than {self.limits.max_depth} levels (max_depth)"
        return f"nesting deeper than the YAML parser allows ({_PARSER_NESTING_LIMIT:,} levels)"

    def run(self, text: str) -> None:
        try:
            self.compose(_event_source(text))
        except _LimitReached:
            self.doc.data = None
        except yaml.MarkedYAMLError as exc:
            self.doc.data = None
            mark, opened = exc.problem_mark or exc.context_mark, exc.context_mark
            if opened is not None and mark.index >= len(text):
                # Found at the closing fence: the line that opened the construct is the one to fix.
                mark = opened
            span = self.span(mark) if mark else Span(1, 1)
            source_line = _yaml_lines(text)[mark.line] if mark else ""
            opened_on = self.span(opened).line if opened and opened.line != mark.line else None
            if exc.problem == _PARSER_NESTING_PROBLEM:
                self.error(span, Code.LIMIT_EXCEEDED, self.too_deep_message())
            else:
                self.error(span, Code.YAML_SYNTAX, _syntax_message(exc, source_line, opened_on))
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow
            self.doc.data = None
            self.error(*_reader_problem(exc, text, self.LINE_OFFSET))

    def compose(self, next_event: Any) -> None:
        stack = self.stack
        max_length = self.limits.max_string_length
        offset = self.LINE_OFFSET
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is ScalarEvent:
                mark = event.start_mark
                span = _shared_span(mark.line + offset, mark.column + 1)
                self.count(1, span)
                text = event.value
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is None:
                    if len(text) > max_length or text == "<<" or text in frame.seen:
                        self.take_key(frame, text, span)
                    else:
                        frame.seen[text] = span.line
                        frame.key, frame.key_span = text, span
                    continue
                path = self.here()
                if len(text) > max_length:
                    self.too_long(text, span, path)
                    value: Any = text[:64]  # reported; never resolved, kept short
                else:
                    if event.tag is not None:
                        self.check_tag(event.tag, span, path)
                    if event.style or not event.implicit[0] or text[:1] not in _RESOLVABLE_FIRST:
                        value = text
                    else:
                        value = self.resolve(text, span, path)
                if event.style == '"' and _CONTROL.search(text):
                    self.control_character(text, span, path)
                if type(value) is str:
                    if len(value) <= _SHARED_TEXT_LENGTH:
                        value = sys.intern(value)  # ids, enum values and names recur
                    raw = None
                else:
                    raw = text
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                self.deliver(value, span, 1, raw, path)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.container, frame.size)
                self.deliver(frame.container, frame.span, frame.size, None, self.here())
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self.start(event)
            elif kind is AliasEvent:
                self.alias(event)
            elif kind is DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.error(
                        self.span(event.start_mark),
                        Code.YAML_SYNTAX,
                        "front matter holds more than one YAML document; keep a single one",
                    )
                    raise _LimitReached

    def here(self) -> Path:
        """The path of the next value: the pending key of a mapping, the next index of a list."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame.is_map:
            return _shared_path((*frame.path, frame.key)) if frame.key is not None else frame.path
        return _shared_path((*frame.path, len(frame.container)))

    def count(self, values: int, span: Span) -> None:
        """Every key, value and container counts once; an alias counts all it repeats."""
        self.total += values
        if self.total > self.limits.max_values:
            self.error(
                span,
                Code.LIMIT_EXCEEDED,
                f"front matter expands to more than {self.limits.max_values:,} values "
                "(max_values); are aliases (`*name`) repeating large blocks?",
            )
            raise _LimitReached

    def in_key_position(self) -> bool:
        frame = self.stack[-1] if self.stack else None
        return frame is not None and frame.is_map and frame.key is None

    def alias(self, event: AliasEvent) -> None:
        span = self.span(event.start_mark)
        if self.in_key_position():
            self.error(span, Code.YAML_UNSUPPORTED, "a key must be a plain name, not an alias")
            raise _LimitReached
        path = self.here()
        found = self.anchors.get(event.anchor)
        if found is None:
            self.error(
                span,
                Code.YAML_SYNTAX,
                f"{dotted(path)}: `*{_short(event.anchor)}` refers to no anchor "
                f"`&{_short(event.anchor)}` written before it",
                at=path,
            )
            found = (None, 1)
        value, size = found
        self.count(size, span)
        self.deliver(value, span, size, None, path)

    def start(self, event: MappingStartEvent | SequenceStartEvent) -> None:
        span = self.span(event.start_mark)
        if self.in_key_position():
            self.error(span, Code.YAML_UNSUPPORTED, "a key must be a plain name, not a list or map")
            raise _LimitReached
        if len(self.stack) >= self.limits.max_depth:
            self.error(span, Code.LIMIT_EXCEEDED, self.too_deep_message())
            raise _LimitReached
        self.count(1, span)
        path = self.here()
        if event.tag is not None:
            self.check_tag(event.tag, span, path)
        container: dict | list = {} if type(event) is MappingStartEvent else []
        self.stack.append(_Frame(container, path, span, event.anchor))

    def check_tag(self, tag: str, span: Span, path: Path) -> None:
        if tag != "!" and tag not in _CORE_TAGS:
            written = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
            self.error(
                span,
                Code.YAML_UNSUPPORTED,
                f"{dotted(path)}: YAML tags such as `{_short(written)}` are not allowed; remove it",
                at=path,
            )

    def too_long(self, text: str, span: Span, path: Path) -> bool:
        if len(text) <= self.limits.max_string_length:
            return False
        self.error(
            span,
            Code.LIMIT_EXCEEDED,
            f"{dotted(path)}: text of {len(text):,} characters; the limit is "
            f"{self.limits.max_string_length:,} (max_string_length)",
            at=path,
        )
        return True

    def control_character(self, text: str, span: Span, path: Path) -> None:
        control = _CONTROL.search(text)
        if control is not None:
            self.error(
                span,
                Code.INVALID_VALUE,
                f"{dotted(path)}: text holds the control character U+{ord(control.group()):04X}; "
                "remove it (tabs and line breaks are the only ones allowed)",
                at=path,
            )

    def take_key(self, frame: _Frame, key: str, span: Span) -> None:
        if self.too_long(key, span, (*frame.path, key[:64])):
            key = key[:64]
        if key == "<<":
            self.error(
                span,
                Code.YAML_UNSUPPORTED,
                "merge keys (`<<`) are not supported; write the fields out",
            )
        first = frame.seen.get(key)
        if first is not None:
            self.error(
                span,
                Code.YAML_DUPLICATE_KEY,
                f"{dotted((*frame.path, key))}: duplicate key `{_short(key)}` (first written on "
                f"line {first}); YAML would silently keep only the last one",
                at=(*frame.path, key),
            )
        frame.seen.setdefault(key, span.line)
        frame.key, frame.key_span = key, span

    def resolve(self, text: str, span: Span, path: Path) -> Any:
        """A plain scalar that YAML may read as something other than text."""
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
        shown = _short(text)
        kind = tag.removeprefix(_TAG)
        if kind == "null":
            return None
        if kind == "bool":
            if text.lower() in ("true", "false"):
                return text.lower() == "true"
            self.error(
                span,
                Code.YAML_AMBIGUOUS,
                f"{dotted(path)}: `{shown}` is read by YAML as the boolean "
                f'{str(text.lower() in ("yes", "on")).lower()}: quote it ("{shown}") if you mean '
                "the text, or write true or false",
                at=path,
            )
            return text
        if kind == "int":
            if _DECIMAL_INT.match(text):
                return self.number(int, text, span, path)
            self.error(
                span,
                Code.YAML_AMBIGUOUS,
                f"{dotted(path)}: `{shown}` is read by YAML 1.1 as a number in another base or "
                f'notation; write a plain decimal number, or quote it ("{shown}") if you mean the text',
                at=path,
            )
            return text
        if kind == "float":
            if _DECIMAL_FLOAT.match(text):
                return self.number(float, text, span, path)
            self.error(
                span,
                Code.YAML_AMBIGUOUS,
                f"{dotted(path)}: `{shown}` is read by YAML as a special number; "
                f'quote it ("{shown}") if you mean the text',
                at=path,
            )
            return text
        return text  # str, timestamp (kept as written: dates are parsed by the model)

    def number(self, kind: type[int] | type[float], text: str, span: Span, path: Path) -> Any:
        """A decimal number; one too large to be exact in a browser is refused, never converted."""
        try:
            value = kind(text)
        except ValueError:  # Python refuses to convert integers of more than 4 300 digits
            value = None
        if value is not None and abs(value) <= LARGEST_NUMBER:
            return value
        self.error(
            span,
            Code.OUT_OF_RANGE,
            f"{dotted(path)}: the number `{_short(text)}` is too large; numbers may be at most "
            f"{LARGEST_NUMBER:,} either side of zero",
            at=path,
        )
        return text

    def deliver(self, value: Any, span: Span, size: int, raw: str | None, path: Path) -> None:
        """Put a finished value into its container, at `path` (from `here()`)."""
        locations = self.doc.locations
        if not self.stack:
            self.doc.data = value
            locations.values[()] = span
            return
        frame = self.stack[-1]
        frame.size += size
        if frame.is_map:
            frame.container[frame.key] = value
            locations.keys[path] = frame.key_span
            frame.key = None
        else:
            if len(frame.container) >= self.limits.max_list_length:
                self.error(
                    span,
                    Code.LIMIT_EXCEEDED,
                    f"{dotted(frame.path)}: more than {self.limits.max_list_length:,} items "
                    "(max_list_length)",
                )
                raise _LimitReached
            frame.container.append(value)
        locations.values[path] = span
        if raw is not None:
            locations.raw[path] = raw


def _short(text: str, limit: int = 60) -> str:
    """Writers' text inside a message: one line, at most `limit` characters."""
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reader_problem(exc: yaml.reader.ReaderError, text: str, offset: int) -> tuple[Span, Code, str]:
    # libyaml reports a byte offset, the pure-Python reader a character offset: the first
    # occurrence of the character is the one reported, whichever it is.
    character = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or " ")
    index = max(text.find(chr(character)), 0)
    line = text.count("\n", 0, index) + offset
    column = index - text.rfind("\n", 0, index)
    return (
        Span(line, column),
        Code.YAML_SYNTAX,
        f"invalid YAML: {exc.reason} (found U+{character:04X}); remove it",
    )


# Every file of a portfolio records the same paths (`stages[2].touchpoints[1].owner`) and many
# of the same positions: one shared, immutable object each keeps a large portfolio's locations
# to the size of their dicts (the caches are identity functions that hand back the first copy).
_SHARED_TEXT_LENGTH = 40
_shared_span = functools.lru_cache(maxsize=1 << 16)(Span)
_shared_path = functools.lru_cache(maxsize=1 << 16)(lambda path: path)


_PARSER_NESTING_PROBLEM = "exceeded maximum nesting depth"
_PARSER_NESTING_LIMIT = 1000
"""The libyaml bundled with recent PyYAML (6.0.4 measured) stops at 1 000 open flow collections; its
scanner reads a whole flow collection ahead, so `[[[[…` reaches that limit before the composer
sees the level past max_depth: the same limit, reported the same way."""


def _syntax_message(exc: yaml.MarkedYAMLError, source_line: str, opened_on: int | None) -> str:
    problem = exc.problem or "invalid YAML"
    context = f" {exc.context}" if exc.context else ""
    if context and opened_on is not None:
        context += f" that starts on line {opened_on}"
    message = f"invalid YAML: {problem}{context}"
    if "\t" in source_line:
        message += "; indent with spaces, not tabs"
    return message


def dotted(path: Path) -> str:
    """`stages[1].emotion` for ('stages', 1, 'emotion')."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "front matter"
