"""The Pythonic layer over _capi: catalogue, sessions, results, plans."""
from __future__ import annotations

import ctypes
import datetime
import enum
import json
import weakref
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _capi
from ._capi import LgDate, LgError, LgHit, lib
from .errors import ClosedError, InvalidArgumentError, error_for

_PACKAGE_VERSION = (0, 1)


def version() -> str:
    """The C library's version, e.g. "0.1.0"."""
    return lib.lg_version().decode()


def _check_version() -> None:
    parts = version().split(".")
    if (int(parts[0]), int(parts[1])) != _PACKAGE_VERSION:
        raise ImportError(f"letgo: the package needs libletgo {_PACKAGE_VERSION[0]}."
                          f"{_PACKAGE_VERSION[1]}.x, found {version()}")


_check_version()


def _b(s: Optional[str]) -> Optional[bytes]:
    if s is None:
        return None
    if not isinstance(s, str):
        raise TypeError(f"expected str, got {type(s).__name__}")
    return s.encode("utf-8")


def _s(b: Optional[bytes]) -> Optional[str]:
    return None if b is None else b.decode("utf-8")


def _text(fn, *args) -> str:
    """Calls fn(*args, buf, cap, len) with the output convention: ask the
    length, then fill."""
    n = ctypes.c_size_t(0)
    fn(*args, None, 0, ctypes.byref(n))
    buf = ctypes.create_string_buffer(n.value + 1)
    fn(*args, buf, n.value + 1, ctypes.byref(n))
    return buf.raw[:n.value].decode("utf-8")


def _date(d: datetime.date) -> LgDate:
    if not isinstance(d, datetime.date):
        raise TypeError("expected a datetime.date")
    return LgDate(d.year, d.month, d.day)


def _pydate(d: LgDate) -> datetime.date:
    return datetime.date(d.year, d.month, d.day)


class Flags(enum.IntFlag):
    """Result flags."""
    NONE = 0
    CRISIS = 1
    PRORATED = 2


@dataclass(frozen=True)
class Entry:
    """A text of the catalogue, as written (see Catalog.render)."""
    id: str
    kind: str
    title: str
    body: str
    locale: str
    tags: Tuple[str, ...]
    phase: Optional[str] = None


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float


@dataclass(frozen=True)
class Option:
    value: float
    label: str


@dataclass(frozen=True)
class Item:
    """A question: its id, text, type ("scale", "yesno", "choice", "number"),
    range and labelled options."""
    id: str
    text: str
    type: str
    min: float
    max: float
    options: Tuple[Option, ...]


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    body: str
    phase: str
    date: datetime.date
    entry: Optional[str]


@dataclass(frozen=True)
class Day:
    index: int
    date: datetime.date
    tasks: Tuple[Task, ...]


@dataclass(frozen=True)
class CheckIn:
    date: datetime.date
    mood: int


_ITEM_TYPES = {0: "scale", 1: "yesno", 2: "choice", 3: "number"}


def _entry(ptr: int) -> Entry:
    n = lib.lg_entry_tag_count(ptr)
    return Entry(id=_s(lib.lg_entry_id(ptr)), kind=_s(lib.lg_entry_kind(ptr)),
                 title=_s(lib.lg_entry_title(ptr)), body=_s(lib.lg_entry_body(ptr)),
                 locale=_s(lib.lg_entry_locale(ptr)),
                 tags=tuple(_s(lib.lg_entry_tag(ptr, i)) for i in range(n)),
                 phase=_s(lib.lg_entry_phase(ptr)))


class _Handle:
    """An owned C handle: freed once, by close(), the with-block or the
    garbage collector; any use after that raises ClosedError."""

    _free = None  # the C function that frees the handle

    def __init__(self, ptr: int) -> None:
        self._ptr: Optional[int] = ptr

    @property
    def _p(self) -> int:
        if not self._ptr:
            raise ClosedError(f"this {type(self).__name__} is closed")
        return self._ptr

    @property
    def closed(self) -> bool:
        return not self._ptr

    def close(self) -> None:
        ptr, self._ptr = self._ptr, None
        if ptr:
            type(self)._free(ptr)

    def __enter__(self):
        self._p  # noqa: B018 - raises when closed
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass


class _Child(_Handle):
    """A handle made from a catalogue: keeps the catalogue alive, and is
    closed first when the catalogue is closed."""

    def __init__(self, ptr: int, catalog: "Catalog") -> None:
        super().__init__(ptr)
        self.catalog = catalog
        catalog._children.add(self)


class Catalog(_Handle):
    """The content catalogue: texts, questionnaires and plan templates.

    Catalog() holds the built-in English and Spanish content; extra packs
    (JSON text, bytes or file paths) load on top. Closing it closes every
    session, result and plan made from it."""

    _free = lib.lg_catalog_free

    def __init__(self, packs: Iterable[Union[str, bytes]] = (), empty: bool = False) -> None:
        ptr = ctypes.c_void_p()
        lib.lg_catalog_new(ctypes.byref(ptr), None, 1 if empty else 0)
        super().__init__(ptr.value)
        self._children: "weakref.WeakSet[_Child]" = weakref.WeakSet()
        for pack in packs:
            self.load(pack)

    def close(self) -> None:
        for child in list(getattr(self, "_children", ())):
            child.close()
        super().close()

    def load(self, pack: Union[str, bytes]) -> None:
        """Loads a pack given as JSON text (str or bytes). All or nothing:
        on error (SchemaError, ParseError, ...) nothing changed."""
        data = pack.encode("utf-8") if isinstance(pack, str) else bytes(pack)
        err = LgError()
        lib.lg_catalog_load(self._p, data, len(data), ctypes.byref(err))

    def load_file(self, path: Union[str, "os.PathLike[str]"]) -> None:  # noqa: F821
        import os
        err = LgError()
        lib.lg_catalog_load_file(self._p, os.fsencode(path), ctypes.byref(err))

    def entry(self, id: str, locale: Optional[str] = None) -> Optional[Entry]:
        """The entry with this id (locale fallback: es-MX, es, then en), or None."""
        ptr = lib.lg_catalog_entry(self._p, _b(id), _b(locale))
        return _entry(ptr) if ptr else None

    def entries(self) -> List[Entry]:
        """Every entry of every locale, in catalogue order."""
        return [_entry(lib.lg_catalog_entry_at(self._p, i))
                for i in range(lib.lg_catalog_entry_count(self._p))]

    def instruments(self) -> List[str]:
        return [_s(lib.lg_catalog_instrument_id(self._p, i))
                for i in range(lib.lg_catalog_instrument_count(self._p))]

    def templates(self) -> List[str]:
        return [_s(lib.lg_catalog_template_id(self._p, i))
                for i in range(lib.lg_catalog_template_count(self._p))]

    def search(self, query: str, locale: Optional[str] = None, limit: int = 10,
               title_weight: float = 2.0, any_word: bool = False) -> List[Hit]:
        """Ranked search (see docs/search.md). Returns up to `limit` hits."""
        if limit < 0:
            raise InvalidArgumentError("limit must not be negative")
        hits = (LgHit * max(limit, 1))()
        total = ctypes.c_size_t(0)
        lib.lg_catalog_search_ex(self._p, _b(query), _b(locale), float(title_weight),
                                 1 if any_word else 0, hits, limit, ctypes.byref(total))
        return [Hit(_entry(hits[i].entry), hits[i].score) for i in range(min(limit, total.value))]

    def render(self, text: str, locale: Optional[str] = None, **persona: str) -> str:
        """Fills {name}, {partner} and pronouns: render(t, name="Sam",
        partner_name="Alex", partner_pronouns="she")."""
        items: List[Optional[bytes]] = []
        for k, v in persona.items():
            items += [_b(k), _b(str(v))]
        items.append(None)
        arr = (ctypes.c_char_p * len(items))(*items)
        return _text(lib.lg_render, self._p, _b(text), _b(locale), arr)

    def assess(self, instrument: str, locale: Optional[str] = None) -> "Session":
        """Starts a questionnaire: "one-sided", "readiness", "checkin", "support"."""
        ptr = ctypes.c_void_p()
        lib.lg_session_new(ctypes.byref(ptr), self._p, _b(instrument), _b(locale))
        return Session(ptr.value, self)

    def plan(self, template: str = "let-go", locale: Optional[str] = None,
             **prefs: Any) -> "Plan":
        """Starts a plan; keyword arguments are preferences (docs/plan.md),
        e.g. region="GB", grief_days=10, interests=["fitness", "nature"]."""
        ptr = ctypes.c_void_p()
        lib.lg_plan_new(ctypes.byref(ptr), self._p, _b(template), _b(locale))
        plan = Plan(ptr.value, self)
        try:
            for k, v in prefs.items():
                plan.set(k, v)
        except BaseException:
            plan.close()
            raise
        return plan


class Session(_Child):
    """A questionnaire in progress. Iterate to get the next unanswered
    question; answer it; score when done."""

    _free = lib.lg_session_free

    def _item(self, ptr: int) -> Item:
        n = lib.lg_item_option_count(ptr)
        return Item(id=_s(lib.lg_item_id(ptr)), text=_s(lib.lg_item_text(ptr)),
                    type=_ITEM_TYPES.get(lib.lg_item_type(ptr), "unknown"),
                    min=lib.lg_item_min(ptr), max=lib.lg_item_max(ptr),
                    options=tuple(Option(lib.lg_item_option_value(ptr, i),
                                         _s(lib.lg_item_option_label(ptr, i))) for i in range(n)))

    def __iter__(self) -> Iterator[Item]:
        last = None
        while True:
            ptr = lib.lg_session_next(self._p)
            if not ptr:
                return
            item = self._item(ptr)
            if item.id == last:
                return  # the caller did not answer: stop instead of looping
            last = item.id
            yield item

    def next(self) -> Optional[Item]:
        ptr = lib.lg_session_next(self._p)
        return self._item(ptr) if ptr else None

    @property
    def items(self) -> List[Item]:
        return [self._item(lib.lg_session_item_at(self._p, i))
                for i in range(lib.lg_session_item_count(self._p))]

    @property
    def instrument(self) -> str:
        return _s(lib.lg_session_instrument(self._p))

    @property
    def title(self) -> str:
        return _s(lib.lg_session_title(self._p))

    @property
    def intro(self) -> str:
        return _s(lib.lg_session_intro(self._p))

    def answer(self, item_id: str, value: float) -> None:
        """Raises RangeError for a value the item does not take,
        NotFoundError for an unknown item, StateError for a skipped one."""
        lib.lg_session_answer(self._p, _b(item_id), float(value))

    def clear(self, item_id: str) -> None:
        lib.lg_session_clear(self._p, _b(item_id))

    @property
    def progress(self) -> Tuple[int, int]:
        """(answered, total) over the questions currently asked."""
        a, t = ctypes.c_size_t(0), ctypes.c_size_t(0)
        lib.lg_session_progress(self._p, ctypes.byref(a), ctypes.byref(t))
        return a.value, t.value

    def score(self) -> "Result":
        ptr = ctypes.c_void_p()
        lib.lg_session_score(self._p, ctypes.byref(ptr))
        return Result(ptr.value, self.catalog)

    def save(self) -> str:
        """The session as "letgo-session/1" JSON, for Session.restore."""
        return _text(lib.lg_session_save, self._p)

    @classmethod
    def restore(cls, catalog: Catalog, state: Union[str, bytes]) -> "Session":
        data = state.encode("utf-8") if isinstance(state, str) else bytes(state)
        ptr, err = ctypes.c_void_p(), LgError()
        lib.lg_session_restore(ctypes.byref(ptr), catalog._p, data, len(data), ctypes.byref(err))
        return cls(ptr.value, catalog)


class Result(_Child):
    """A scored questionnaire."""

    _free = lib.lg_result_free

    @property
    def score(self) -> float:
        return lib.lg_result_score(self._p)

    @property
    def band(self) -> str:
        return _s(lib.lg_result_band(self._p))

    @property
    def band_label(self) -> str:
        return _s(lib.lg_result_band_label(self._p))

    @property
    def band_summary(self) -> str:
        return _s(lib.lg_result_band_summary(self._p))

    @property
    def instrument(self) -> str:
        return _s(lib.lg_result_instrument(self._p))

    @property
    def flags(self) -> Flags:
        return Flags(lib.lg_result_flags(self._p))

    @property
    def subscales(self) -> Dict[str, float]:
        return {_s(lib.lg_result_subscale_id(self._p, i)): lib.lg_result_subscale_score(self._p, i)
                for i in range(lib.lg_result_subscale_count(self._p))}

    @property
    def feedback(self) -> List[str]:
        """Entry ids of the signs (or other feedback) the answers endorsed."""
        return [_s(lib.lg_result_feedback(self._p, i))
                for i in range(lib.lg_result_feedback_count(self._p))]

    def to_json(self, region: Optional[str] = None) -> str:
        if region is None:
            return _text(lib.lg_result_json, self._p)
        return _text(lib.lg_result_json_region, self._p, _b(region))

    def to_dict(self, region: Optional[str] = None) -> Dict[str, Any]:
        return json.loads(self.to_json(region))


_FORMATS = {"json": 0, "ics": 1, "ical": 1, "icalendar": 1, "md": 2, "markdown": 2}


class Plan(_Child):
    """A coping plan: set preferences, use results, build from a date,
    check in day by day, export."""

    _free = lib.lg_plan_free

    def set(self, key: str, value: Any) -> None:
        if isinstance(value, (list, tuple, set, frozenset)):
            value = ",".join(str(v) for v in value)
        lib.lg_plan_set(self._p, _b(key), _b(str(value)))

    def use(self, result: Result) -> None:
        lib.lg_plan_use_result(self._p, result._p)

    def build(self, start: datetime.date, seed: int = 0) -> None:
        lib.lg_plan_build(self._p, _date(start), int(seed))

    @property
    def days(self) -> List[Day]:
        out = []
        for d in range(lib.lg_plan_day_count(self._p)):
            tasks = []
            for i in range(lib.lg_plan_task_count(self._p, d)):
                t = lib.lg_plan_task(self._p, d, i)
                tasks.append(Task(id=_s(lib.lg_task_id(t)), title=_s(lib.lg_task_title(t)),
                                  body=_s(lib.lg_task_body(t)), phase=_s(lib.lg_task_phase(t)),
                                  date=_pydate(lib.lg_task_date(t)),
                                  entry=_s(lib.lg_task_entry(t))))
            out.append(Day(d, _pydate(lib.lg_plan_day_date(self._p, d)), tuple(tasks)))
        return out

    def checkin(self, date: datetime.date, mood: int, done: Iterable[str] = ()) -> None:
        ids = [_b(x) for x in done] + [None]
        arr = (ctypes.c_char_p * len(ids))(*ids)
        lib.lg_plan_checkin(self._p, _date(date), int(mood), arr)

    def adherence(self, day: Optional[int] = None) -> Tuple[int, int]:
        """(done, scheduled) for one day, or overall when day is None."""
        d, s = ctypes.c_size_t(0), ctypes.c_size_t(0)
        if day is None:
            lib.lg_plan_overall_adherence(self._p, ctypes.byref(d), ctypes.byref(s))
        else:
            lib.lg_plan_adherence(self._p, int(day), ctypes.byref(d), ctypes.byref(s))
        return d.value, s.value

    def streak(self, today: datetime.date) -> int:
        n = ctypes.c_size_t(0)
        lib.lg_plan_streak(self._p, _date(today), ctypes.byref(n))
        return n.value

    def export(self, fmt: str = "md") -> str:
        """The whole plan as "json", "ics" (RFC 5545) or "md" (Markdown)."""
        if fmt not in _FORMATS:
            raise InvalidArgumentError(f"format must be json, ics or md, not {fmt!r}")
        return _text(lib.lg_plan_export, self._p, _FORMATS[fmt])

    def to_dict(self) -> Dict[str, Any]:
        return json.loads(self.export("json"))

    def save(self) -> str:
        return _text(lib.lg_plan_save, self._p)

    @classmethod
    def restore(cls, catalog: Catalog, state: Union[str, bytes]) -> "Plan":
        data = state.encode("utf-8") if isinstance(state, str) else bytes(state)
        ptr, err = ctypes.c_void_p(), LgError()
        lib.lg_plan_restore(ctypes.byref(ptr), catalog._p, data, len(data), ctypes.byref(err))
        return cls(ptr.value, catalog)
