"""Exceptions: one class per libletgo status code."""
from __future__ import annotations

from typing import Optional


class LetgoError(Exception):
    """A libletgo call failed. Carries the status and, for input errors,
    where in the input: line and column (1-based), byte offset and the JSON
    Pointer of the offending node."""

    status: int = 0

    def __init__(self, message: str, status: Optional[int] = None, line: int = 0,
                 column: int = 0, offset: int = 0, pointer: str = "") -> None:
        super().__init__(message)
        if status is not None:
            self.status = status
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
        self.pointer = pointer


class OutOfMemoryError(LetgoError, MemoryError):
    status = -1


class InvalidArgumentError(LetgoError, ValueError):
    status = -2


class ParseError(LetgoError, ValueError):
    """Input is not well-formed JSON or UTF-8 (LG_ESYNTAX)."""
    status = -3


class SchemaError(LetgoError, ValueError):
    status = -4


class NotFoundError(LetgoError, LookupError):
    status = -5


class StateError(LetgoError):
    status = -6


class RangeError(LetgoError, ValueError):
    status = -7


class LetgoIOError(LetgoError, OSError):
    status = -8


class VersionError(LetgoError, ValueError):
    status = -9


class LimitError(LetgoError, ValueError):
    status = -10


class TruncatedError(LetgoError):
    status = -11


class ClosedError(LetgoError, ValueError):
    """The object was closed (or its catalogue was) and cannot be used."""


_BY_STATUS = {cls.status: cls for cls in (
    OutOfMemoryError, InvalidArgumentError, ParseError, SchemaError, NotFoundError,
    StateError, RangeError, LetgoIOError, VersionError, LimitError, TruncatedError)}


def error_for(status: int, message: str, line: int = 0, column: int = 0, offset: int = 0,
              pointer: str = "") -> LetgoError:
    cls = _BY_STATUS.get(status, LetgoError)
    return cls(message, status, line, column, offset, pointer)
