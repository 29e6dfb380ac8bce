"""Conversions between Python values and the C API's strings and dates.

Everything here validates before C sees a value: a Python call must raise,
never reach a g_return_if_fail() or hand C an embedded NUL.
"""

from __future__ import annotations

import datetime
import numbers
import operator
import os
from typing import Any, Iterable, List, Optional, Union

from ._citynet import ffi, lib
from .errors import UsageError, check

DateLike = Union[str, int, datetime.date, None]
PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def to_c(value: Optional[str], what: str, *, optional: bool = False):
    """Returns ``value`` encoded as UTF-8 bytes for a ``const char *``.

    ``None`` becomes ``ffi.NULL`` when ``optional``; any other non-str is a
    TypeError. A NUL character or an unencodable surrogate is a UsageError.
    """
    if value is None:
        if optional:
            return ffi.NULL
        raise TypeError(f"{what} must be a str, not None")
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if "\0" in value:
        raise UsageError(f"{what} contains a NUL character")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(f"{what} is not valid Unicode text: {exc}") from None


def path_to_c(path: PathLike, what: str = "path") -> bytes:
    """Returns a file system path as bytes (os.fsencode), rejecting NULs."""
    try:
        raw = os.fsencode(path)
    except TypeError:
        raise TypeError(f"{what} must be a str, bytes or os.PathLike, "
                        f"not {type(path).__name__}") from None
    if b"\0" in raw:
        raise UsageError(f"{what} contains a NUL character")
    if not raw:
        raise UsageError(f"{what} is empty")
    return raw


def from_c(ptr) -> Optional[str]:
    """Returns a borrowed C string as str (a copy), or None for NULL."""
    if ptr == ffi.NULL:
        return None
    return ffi.string(ptr).decode("utf-8", errors="replace")


def strv(ptr) -> List[str]:
    """Returns a NULL-terminated ``const char *const *`` as a list (copies)."""
    out: List[str] = []
    if ptr == ffi.NULL:
        return out
    i = 0
    while ptr[i] != ffi.NULL:
        out.append(ffi.string(ptr[i]).decode("utf-8", errors="replace"))
        i += 1
    return out


def date_text(value: DateLike, what: str) -> Optional[str]:
    """Returns a date argument as the text the C API parses, or None.

    Accepts "YYYY", "YYYY-MM", "YYYY-MM-DD", a ``datetime.date`` (a
    ``datetime`` uses its date), an int year, "" or None (open).
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        raise TypeError(f"{what} must be a date, a str or an int year, not bool")
    if isinstance(value, int):
        if not 1 <= value <= 9999:
            raise UsageError(f"{what}: year {value} is outside 1-9999")
        return f"{value:04d}"
    if isinstance(value, str):
        return value
    raise TypeError(f"{what} must be a date, a str or an int year, "
                    f"not {type(value).__name__}")


def parse_date(value: DateLike, what: str) -> int:
    """Returns a date argument packed as a CitynetDate (0 = open)."""
    text = date_text(value, what)
    if text is None or text == "":
        return 0
    out = ffi.new("CitynetDate *")
    err = ffi.new("GError **")
    lib.citynet_date_parse(to_c(text, what), out, err)
    check(err)
    return int(out[0])


def format_date(date: int) -> Optional[str]:
    """Returns a packed CitynetDate in its own precision, None when open."""
    if date == 0:
        return None
    buf = ffi.new("char[]", lib.CITYNET_DATE_STRING_SIZE)
    lib.citynet_date_format(date, buf)
    return ffi.string(buf).decode("ascii")


def index_in(value, length: int, what: str) -> int:
    """Returns ``value`` as an index in ``range(length)``; negative values
    count from the end as for lists. IndexError when out of range."""
    try:
        i = operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an int, not "
                        f"{type(value).__name__}") from None
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an int, not bool")
    if i < 0:
        i += length
    if not 0 <= i < length:
        raise IndexError(f"{what} {value} out of range (0..{length - 1})"
                         if length else f"{what} {value} out of range (empty)")
    return i


def str_list(values: Union[str, Iterable[str], None], what: str) -> List[str]:
    """Returns a str or an iterable of str as a list (None: empty)."""
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    out = list(values)
    for v in out:
        if not isinstance(v, str):
            raise TypeError(f"{what} must be str, not {type(v).__name__}")
    return out


def parse_name(parser, ctype: str, value: Any, what: str) -> int:
    """Returns the enum value the C parser ``parser`` gives for the str
    ``value``; UsageError with the library's message (the command line's)
    when the name is unknown."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    out = ffi.new(ctype)
    err = ffi.new("GError **")
    parser(to_c(value, what), out, err)
    check(err)
    return int(out[0])


def strict_flag(value: Any, what: str) -> bool:
    """A bool, or an integer equal to 0 or 1 (TypeError otherwise)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral) and value in (0, 1):
        return bool(value)
    raise TypeError(f"{what} must be a bool, not {type(value).__name__}")


def real_number(value: Any, what: str) -> float:
    """A real number other than a bool, as float (TypeError otherwise)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    return float(value)


def c_new(constructor, destructor, *args):
    """Calls the C ``constructor(*args, &error)``, raises its error, and
    returns the new object, freed by ``destructor`` when garbage
    collected (or at ffi.release())."""
    err = ffi.new("GError **")
    ptr = constructor(*args, err)
    check(err)
    return ffi.gc(ptr, destructor)
