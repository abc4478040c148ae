"""letgo: Python bindings for libletgo.

Questionnaires ("is my relationship one-sided?", "am I ready to move on?",
a daily check-in), a dated coping plan for letting go, and the texts behind
them, in English and Spanish. Thin classes over the C library (ctypes);
no C knowledge needed.

    with letgo.Catalog() as cat:
        session = cat.assess("one-sided")
        for item in session:
            session.answer(item.id, item.options[2].value)
        print(session.score().band_label)
"""
from __future__ import annotations

from ._api import (Catalog, CheckIn, Day, Entry, Flags, Hit, Item, Option, Plan, Result, Session,
                   Task, version)
from .errors import (ClosedError, InvalidArgumentError, LetgoError, LetgoIOError, LimitError,
                     NotFoundError, OutOfMemoryError, ParseError, RangeError, SchemaError,
                     StateError, TruncatedError, VersionError)

__all__ = [
    "Catalog", "CheckIn", "Day", "Entry", "Flags", "Hit", "Item", "Option", "Plan", "Result",
    "Session", "Task", "version", "ClosedError", "InvalidArgumentError", "LetgoError",
    "LetgoIOError", "LimitError", "NotFoundError", "OutOfMemoryError", "ParseError",
    "RangeError", "SchemaError", "StateError", "TruncatedError", "VersionError",
]
__version__ = "0.1.0"
