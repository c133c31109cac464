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
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from journeysite.diagnostics import Code, Diagnostic, quote
from journeysite.limits import Limits

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_TAG = "tag:yaml.org,2002:"
_DECIMAL_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_DECIMAL_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$")
_CORE_TAGS = frozenset(
    _TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
_TYPE_LINE = re.compile(r"^\s*(-\s+)?[\"']?type[\"']?\s*:", re.MULTILINE)
_FENCE = "---"

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)  # slots: a large portfolio keeps millions of these
class Span:
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
        return any(path[: len(p)] == p for p in self.reported)

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


def decode(raw: bytes, path: str, limits: Limits) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text: size limit, UTF-8 (a BOM is fine), CRLF and CR normalised to LF."""
    if len(raw) > limits.max_file_bytes:
        return None, [
            Diagnostic(
                path,
                1,
                1,
                "error",
                Code.FILE_TOO_LARGE,
                f"file is {len(raw):,} bytes; the limit is {limits.max_file_bytes:,} "
                "(max_file_bytes): split it, or raise the limit in the plugin config",
            )
        ]
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
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split(text: str, path: str, limits: Limits) -> Document:
    """Find the front matter; parse it only when it declares a `type` (other pages are left alone)."""
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return Document(is_definition=False, body=text)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (_FENCE, "...")), None)
    yaml_text = "\n".join(lines[1:end] if end else lines[1:]) + "\n"
    if not _TYPE_LINE.search(yaml_text):
        return Document(is_definition=False, body=text)
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
        doc.diagnostics.append(
            Diagnostic(
                path,
                2,
                1,
                "error",
                Code.FRONT_MATTER_NOT_MAPPING,
                "front matter must be a mapping of `field: value` lines "
                f"(got {_kind_of(doc.data)})",
            )
        )
    return doc


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"the single value {quote(value)}"


@dataclass
class _Frame:
    container: dict | list
    path: Path
    span: Span
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_span: Span | None = None
    key_pending: bool = False
    seen: dict[str, int] = field(default_factory=dict)


class _Composer:
    """Builds plain Python values from YAML events, recording locations and problems."""

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

    def run(self, text: str) -> None:
        try:
            for event in yaml.parse(text, Loader=Loader):
                self.handle(event)
        except _LimitReached:
            self.doc.data = None
        except yaml.MarkedYAMLError as exc:
            self.doc.data = None
            mark = exc.problem_mark or exc.context_mark
            span = self.span(mark) if mark else Span(1, 1)
            source_line = text.split("\n")[mark.line] if mark else ""
            self.error(span, Code.YAML_SYNTAX, _syntax_message(exc, source_line))
        except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
            self.doc.data = None
            position = getattr(exc, "position", 0)
            line = text.count("\n", 0, position) + self.LINE_OFFSET
            self.error(Span(line, 1), Code.YAML_SYNTAX, f"invalid YAML: {exc}")

    def here(self) -> Path:
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        return (*frame.path, frame.key) if frame.key_pending else frame.path

    def handle(self, event: Any) -> None:
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.error(
                    self.span(event.start_mark),
                    Code.YAML_SYNTAX,
                    "front matter holds more than one YAML document; keep a single one",
                )
                raise _LimitReached
        elif isinstance(event, ScalarEvent):
            self.scalar(event)
        elif isinstance(event, CollectionStartEvent):
            self.start(event)
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            frame = self.stack.pop()
            if frame.anchor:
                self.anchors[frame.anchor] = (frame.container, frame.size)
            self.deliver(frame.container, frame.span, frame.size, None)
        elif isinstance(event, AliasEvent):
            value, size = self.anchors.get(event.anchor, (None, 1))
            self.deliver(value, self.span(event.start_mark), size, None)

    def start(self, event: MappingStartEvent | SequenceStartEvent) -> None:
        span = self.span(event.start_mark)
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and not top.key_pending:
            self.error(span, Code.YAML_UNSUPPORTED, "a key must be a plain name, not a list or map")
            raise _LimitReached
        if len(self.stack) >= self.limits.max_depth:
            self.error(
                span,
                Code.LIMIT_EXCEEDED,
                f"nesting deeper than {self.limits.max_depth} levels (max_depth)",
            )
            raise _LimitReached
        path = self.here() if self.stack else ()
        self.check_tag(event.tag, span, path)
        container: dict | list = {} if isinstance(event, MappingStartEvent) else []
        self.stack.append(_Frame(container, path, span, event.anchor))

    def check_tag(self, tag: str | None, span: Span, path: Path) -> None:
        if tag and tag != "!" and tag not in _CORE_TAGS:
            written = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
            self.error(
                span,
                Code.YAML_UNSUPPORTED,
                f"{dotted(path)}: YAML tags such as `{written}` are not allowed; remove it",
                at=path,
            )

    def scalar(self, event: ScalarEvent) -> None:
        span = self.span(event.start_mark)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and not frame.key_pending:
            self.take_key(frame, event.value, span)
            return
        path = self.here() if frame else ()
        value = self.resolve(event, span, path)
        if isinstance(value, str) and len(value) > self.limits.max_string_length:
            self.error(
                span,
                Code.LIMIT_EXCEEDED,
                f"text of {len(value):,} characters; the limit is "
                f"{self.limits.max_string_length:,} (max_string_length)",
                at=path,
            )
            value = value[:64]
        elif isinstance(value, str) and len(value) <= _SHARED_TEXT_LENGTH:
            value = sys.intern(value)  # ids, enum values and names recur across a portfolio
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self.deliver(value, span, 1, event.value if not isinstance(value, str) else None)

    def take_key(self, frame: _Frame, key: str, span: Span) -> None:
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
                f"{dotted((*frame.path, key))}: duplicate key `{key}` (first written on line {first}); "
                "YAML would silently keep only the last one",
                at=(*frame.path, key),
            )
        frame.seen.setdefault(key, span.line)
        frame.key, frame.key_span, frame.key_pending = key, span, True

    def resolve(self, event: ScalarEvent, span: Span, path: Path) -> Any:
        plain = event.implicit[0] and not event.style
        self.check_tag(event.tag, span, path)
        if not plain:
            return event.value
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
        text = event.value
        kind = tag.removeprefix(_TAG)
        if kind == "null":
            return None
        if kind == "bool":
            if text.lower() in ("true", "false"):
                return text.lower() == "true"
            self.error(
                span,
                Code.YAML_AMBIGUOUS,
                f"{dotted(path)}: `{text}` is read by YAML as the boolean "
                f'{str(text.lower() in ("yes", "on")).lower()}: quote it ("{text}") if you mean '
                "the text, or write true or false",
                at=path,
            )
            return text
        if kind == "int":
            if _DECIMAL_INT.match(text):
                return int(text)
            self.error(
                span,
                Code.YAML_AMBIGUOUS,
                f"{dotted(path)}: `{text}` is read by YAML 1.1 as a number in another base or "
                f'notation; write a plain decimal number, or quote it ("{text}") if you mean the text',
                at=path,
            )
            return text
        if kind == "float":
            if _DECIMAL_FLOAT.match(text):
                return float(text)
            self.error(
                span,
                Code.YAML_AMBIGUOUS,
                f"{dotted(path)}: `{text}` is read by YAML as a special number; "
                f'quote it ("{text}") if you mean the text',
                at=path,
            )
            return text
        return text  # str, timestamp (kept as written: dates are parsed by the model)

    def deliver(self, value: Any, span: Span, size: int, raw: str | None) -> None:
        self.total += size
        if self.total > self.limits.max_values:
            self.error(
                span,
                Code.LIMIT_EXCEEDED,
                f"front matter expands to more than {self.limits.max_values:,} values "
                "(max_values); are aliases (`*name`) repeating large blocks?",
            )
            raise _LimitReached
        if not self.stack:
            self.doc.data = value
            self.doc.locations.values[()] = span
            return
        frame = self.stack[-1]
        frame.size += size
        locations = self.doc.locations
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            if len(frame.container) >= self.limits.max_list_length:
                if len(frame.container) == self.limits.max_list_length:
                    self.error(
                        span,
                        Code.LIMIT_EXCEEDED,
                        f"{dotted(frame.path)}: more than {self.limits.max_list_length:,} items "
                        "(max_list_length)",
                        at=frame.path,
                    )
                    frame.container.append(None)
                return
            frame.container.append(value)
        else:
            path = _shared_path((*frame.path, frame.key))
            frame.container[frame.key] = value
            if frame.key_span is not None:
                locations.keys[path] = frame.key_span
            frame.key_pending = False
        path = _shared_path(path)
        locations.values[path] = span
        if raw is not None:
            locations.raw[path] = raw


# Every file of a portfolio records the same paths (`stages[2].touchpoints[1].owner`) and many
# of the same positions: one shared, immutable object each keeps a large portfolio's locations
# to the size of their dicts (the caches are identity functions that hand back the first copy).
_SHARED_TEXT_LENGTH = 40
_shared_span = functools.lru_cache(maxsize=1 << 16)(Span)
_shared_path = functools.lru_cache(maxsize=1 << 16)(lambda path: path)


def _syntax_message(exc: yaml.MarkedYAMLError, source_line: str) -> str:
    problem = exc.problem or "invalid YAML"
    context = f" {exc.context}" if exc.context else ""
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
