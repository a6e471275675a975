"""The model's field helper: each field names its Chinese key, its documentation and the limits
of its values, which `schema.py` enforces (see `values.py`)."""

from __future__ import annotations

from dataclasses import MISSING, field
from typing import Any


def spec(
    key: str,
    doc: str,
    *,
    unit: str = "",
    required: bool = False,
    example: object = None,
    default: object = MISSING,
    default_factory: Any = MISSING,
    low: object = None,
    high: object = None,
    signed: bool = False,
    max_length: int | None = None,
) -> Any:
    """A field: its Chinese key, documentation, and limits (numbers are ≥ 0 unless `signed`)."""
    meta = {"key": key, "doc": doc, "unit": unit, "required": required, "example": example}
    meta.update(low=low, high=high, signed=signed, max_length=max_length)
    if default_factory is not MISSING:
        return field(default_factory=default_factory, metadata=meta)
    return field(default=None if default is MISSING else default, metadata=meta)


def many(key: str, doc: str, *, example: object = None, required: bool = False) -> Any:
    return spec(key, doc, example=example, required=required, default_factory=list)


NAME_LENGTH = 120  # the .docx title and author hold 255 characters; no unit's name comes near
