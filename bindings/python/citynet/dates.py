"""The library's date rules, for Python code that wants to apply them.

Dates are "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a ``datetime.date`` or an int
year work too); None is an open date.
"""

from __future__ import annotations

from typing import Optional

from ._citynet import lib
from ._util import DateLike, format_date, parse_date

__all__ = ["normalize_date", "first_day", "last_day", "date_active",
           "date_overlaps"]


def normalize_date(date: DateLike) -> Optional[str]:
    """Returns ``date`` checked and written in its own precision ("2019",
    "2023-01", "2022-12-05"), or None when open. UsageError when invalid."""
    return format_date(parse_date(date, "date"))


def first_day(date: DateLike) -> Optional[str]:
    """Returns the first full day ``date`` covers ("2019" -> "2019-01-01"),
    or None when open."""
    return format_date(lib.citynet_date_first_day(parse_date(date, "date")))


def last_day(date: DateLike) -> Optional[str]:
    """Returns the last full day ``date`` covers ("2020-02" ->
    "2020-02-29"), or None when open."""
    return format_date(lib.citynet_date_last_day(parse_date(date, "date")))


def date_active(start: DateLike, end: DateLike, day: DateLike = None) -> bool:
    """Whether an interval [start, end] (as of a tie or a group spell)
    covers ``day``: the rule views use with ``at``. A partial ``day``
    stands for its first day; None means "now" (covered by intervals with
    an open end)."""
    return bool(lib.citynet_date_active(parse_date(start, "start"),
                                        parse_date(end, "end"),
                                        parse_date(day, "day")))


def date_overlaps(start: DateLike, end: DateLike, window_start: DateLike,
                  window_end: DateLike) -> bool:
    """Whether [start, end] shares at least one day with the window
    [window_start, window_end]; any bound may be None (open)."""
    return bool(lib.citynet_date_overlaps(parse_date(start, "start"),
                                          parse_date(end, "end"),
                                          parse_date(window_start, "window_start"),
                                          parse_date(window_end, "window_end")))
