"""Validate one file's front matter against the models; turn pydantic's errors into writer-facing lines."""

from __future__ import annotations

import datetime
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from journeysite.content.diagnostics import Code, Diagnostic, did_you_mean, quote
from journeysite.content.frontmatter import Locations, Path, dotted
from journeysite.format.models import MODELS, Entity
from journeysite.format.vocabulary import DEFINITION_TYPES, slugify

_EXPECTED = re.compile(r"'([^']*)'")
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with `- `)",
    "model_type": "a mapping of `field: value` lines",
    "model_attributes_type": "a mapping of `field: value` lines",
    "dict_type": "a mapping of `field: value` lines",
}
_RANGE_ERRORS = {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}
_DATE_ERRORS = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
}


def validate(data: dict, locations: Locations, path: str) -> tuple[Entity | None, list[Diagnostic]]:
    type_value = data.get("type")
    if type_value not in DEFINITION_TYPES:
        span = locations.value(("type",))
        expected = ", ".join(DEFINITION_TYPES)
        return None, [
            Diagnostic(
                path,
                span.line,
                span.column,
                "error",
                Code.UNKNOWN_TYPE,
                f"type: unknown type {quote(type_value)}; expected one of {expected}"
                + did_you_mean(type_value, DEFINITION_TYPES),
            )
        ]
    model = MODELS[type_value]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        diagnostics = [
            _diagnostic(error, model, locations, path)
            for error in exc.errors(include_url=False)
            if not locations.already_reported(tuple(error["loc"]))
        ]
        return None, _dedupe(diagnostics)


def _dedupe(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(diagnostics))


def _diagnostic(error: Any, model: type[BaseModel], locations: Locations, path: str) -> Diagnostic:
    loc: Path = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    where = dotted(loc)
    span = locations.value(loc)

    if kind == "extra_forbidden":
        name = loc[-1]
        span = locations.key(loc)
        prefix = f"{dotted(loc[:-1])}: " if loc[:-1] else ""
        code, message = (
            Code.UNKNOWN_FIELD,
            f"{prefix}unknown field `{name}`" + did_you_mean(name, field_names(model, loc[:-1])),
        )
    elif kind == "missing":
        code, message = Code.MISSING_FIELD, f"{where}: required field `{loc[-1]}` is missing"
    elif kind in ("literal_error", "enum"):
        options = _EXPECTED.findall(str(ctx.get("expected", "")))
        code, message = (
            Code.INVALID_VALUE,
            f"{where}: unknown value {quote(value)}; expected one of {', '.join(options)}"
            + did_you_mean(value, options),
        )
    elif kind in _TYPE_NAMES:
        code, message = (
            Code.WRONG_TYPE,
            f"{where}: expected {_TYPE_NAMES[kind]}, got {_describe(value)}",
        )
        raw = locations.raw.get(loc)
        if kind == "string_type" and raw is not None:
            message += f'; quote it ("{raw}") to keep it as written'
    elif kind in _RANGE_ERRORS:
        code, message = (
            Code.OUT_OF_RANGE,
            f"{where}: {_range_text(model, loc, ctx)} (got {_plain(value)})",
        )
    elif kind == "too_short":
        code, message = (
            Code.MISSING_FIELD,
            f"{where}: needs at least {ctx.get('min_length', 1)} item(s)",
        )
    elif kind == "string_pattern_mismatch":
        suggestion = slugify(value) if isinstance(value, str) else ""
        hint = f" (e.g. `{suggestion}`)" if suggestion else ""
        code, message = (
            Code.INVALID_ID,
            f"{where}: {quote(value)} is not a valid id: use lower-case letters, digits and "
            f"hyphens, starting with a letter or digit{hint}",
        )
    elif kind in _DATE_ERRORS and isinstance(value, str) and _DATE_SHAPE.fullmatch(value):
        code, message = Code.INVALID_VALUE, f"{where}: {quote(value)} is not a real date"
        try:
            datetime.date.fromisoformat(value)
        except ValueError as exc:
            message += f" ({exc})"
    elif kind in _DATE_ERRORS:
        code, message = (
            Code.WRONG_TYPE,
            f"{where}: expected a date written as YYYY-MM-DD, got {_describe(value)}",
        )
    else:
        code, message = Code.INVALID_VALUE, f"{where}: {error['msg']}"
    return Diagnostic(path, span.line, span.column, "error", code, message)


def _plain(value: Any) -> str:
    return str(value) if isinstance(value, (int, float)) else quote(value)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return quote(value)


def _range_text(model: type[BaseModel], loc: Path, ctx: dict) -> str:
    low, high = _bounds(model, loc)
    if low is not None and high is not None:
        return f"must be between {low} and {high}"
    if "ge" in ctx:
        return f"must be at least {ctx['ge']}"
    if "le" in ctx:
        return f"must be at most {ctx['le']}"
    if "gt" in ctx:
        return f"must be more than {ctx['gt']}"
    return f"must be less than {ctx.get('lt')}"


def _bounds(model: type[BaseModel], loc: Path) -> tuple[Any, Any]:
    """The ge/le bounds declared on the field at `loc`, read from the model itself."""
    owner = model_at(model, loc[:-1])
    field = _fields(owner).get(str(loc[-1])) if owner else None
    low = high = None
    if field is None:
        return low, high
    for meta in _metadata(field.annotation) + list(field.metadata):
        low = getattr(meta, "ge", None) if getattr(meta, "ge", None) is not None else low
        high = getattr(meta, "le", None) if getattr(meta, "le", None) is not None else high
    return low, high


def _metadata(annotation: Any) -> list[Any]:
    found: list[Any] = []
    if typing.get_origin(annotation) is typing.Annotated:
        found.extend(annotation.__metadata__)
        for meta in annotation.__metadata__:
            found.extend(getattr(meta, "metadata", []))
    for arg in typing.get_args(annotation):
        found.extend(_metadata(arg))
    return found


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or name): f for name, f in model.model_fields.items()}


def field_names(model: type[BaseModel], loc: Path) -> list[str]:
    owner = model_at(model, loc)
    return list(_fields(owner)) if owner else []


def model_at(model: type[BaseModel], loc: Path) -> type[BaseModel] | None:
    """The model class describing the mapping at `loc` (list indices are stepped over)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = _fields(current).get(part)
        current = _first_model(field.annotation) if field else None
    return current


def _first_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _first_model(arg)
            if found is not None:
                return found
    return None
