"""Exceptions raised by the citynet binding, and the one helper that turns
a C ``GError`` into one of them.

Hierarchy (each class also derives from the built-in exception a Python
programmer would catch for that kind of failure)::

    CitynetError                      any failure reported by libcitynet
    ├── FileError (OSError)           CITYNET_ERROR_IO: cannot read/write
    ├── DataError (ValueError)        CITYNET_ERROR_DATA: malformed input
    │                                 file; .file .line .column .count
    ├── UsageError (ValueError)       CITYNET_ERROR_INVALID_ARGUMENT
    ├── NotFoundError (LookupError)   CITYNET_ERROR_NOT_FOUND
    ├── AmbiguousError (LookupError)  CITYNET_ERROR_AMBIGUOUS
    ├── ComputationError (RuntimeError)  CITYNET_ERROR_COMPUTATION
    └── CancelledError                CITYNET_ERROR_CANCELLED: the progress
                                      handler asked to stop

CITYNET_ERROR_FAILED (an unexpected failure) raises CitynetError itself.
Every exception has ``.code`` (the CitynetErrorCode number, or None when
raised by the binding's own argument checks) and ``.message``.
"""

from __future__ import annotations

from typing import Optional

from ._citynet import ffi, lib

__all__ = [
    "CitynetError", "FileError", "DataError", "UsageError", "NotFoundError",
    "AmbiguousError", "ComputationError", "check",
]


class CitynetError(Exception):
    """Base class of every error libcitynet reports.

    Attributes:
        message: the human-readable message (also ``str(exc)``).
        code: the ``CitynetErrorCode`` number, or None when the binding
            itself rejected an argument before calling C.
        file: for data errors, the input file's name (e.g. "ties.csv");
            otherwise None.
        line: 1-based line of the problem, 0 when unknown.
        column: 1-based column (CSV field), 0 when unknown.
        count: total number of problems found (the exception describes the
            first); 0 for errors that are not about input data.
    """

    code: Optional[int]
    message: str
    file: Optional[str]
    line: int
    column: int
    count: int

    def __init__(self, message: str, *, code: Optional[int] = None,
                 file: Optional[str] = None, line: int = 0, column: int = 0,
                 count: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.count = count

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):
        # Keeps the keyword attributes through pickling (multiprocessing).
        return (_rebuild, (type(self), self.message, self.code, self.file,
                           self.line, self.column, self.count))


def _rebuild(cls, message, code, file, line, column, count):
    return cls(message, code=code, file=file, line=line, column=column,
               count=count)


class FileError(CitynetError, OSError):
    """A file or directory could not be read or written (CITYNET_ERROR_IO).

    Also an ``OSError``; ``.filename`` is the file when the library named it.
    """

    def __init__(self, message: str, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.filename = self.file

    def __str__(self) -> str:
        return self.message


class DataError(CitynetError, ValueError):
    """An input file is malformed or holds an invalid value
    (CITYNET_ERROR_DATA). ``.file``, ``.line``, ``.column`` locate the first
    problem; ``.count`` is how many problems the file(s) have in total."""


class UsageError(CitynetError, ValueError):
    """An invalid argument: a bad date, a weight <= 0, a duplicate id, an
    unknown option value (CITYNET_ERROR_INVALID_ARGUMENT)."""


class NotFoundError(CitynetError, LookupError):
    """An unknown node, country, layer or kind (CITYNET_ERROR_NOT_FOUND).
    The message suggests the closest match when there is one."""


class AmbiguousError(CitynetError, LookupError):
    """A name matches several nodes (CITYNET_ERROR_AMBIGUOUS); the message
    lists every candidate id."""


class ComputationError(CitynetError, RuntimeError):
    """The underlying graph routine failed (CITYNET_ERROR_COMPUTATION)."""


class CancelledError(CitynetError):
    """The progress handler returned False and the computation stopped
    (CITYNET_ERROR_CANCELLED)."""


_BY_CODE = {
    lib.CITYNET_ERROR_FAILED: CitynetError,
    lib.CITYNET_ERROR_IO: FileError,
    lib.CITYNET_ERROR_DATA: DataError,
    lib.CITYNET_ERROR_INVALID_ARGUMENT: UsageError,
    lib.CITYNET_ERROR_NOT_FOUND: NotFoundError,
    lib.CITYNET_ERROR_AMBIGUOUS: AmbiguousError,
    lib.CITYNET_ERROR_COMPUTATION: ComputationError,
    lib.CITYNET_ERROR_CANCELLED: CancelledError,
}

_DOMAIN = lib.citynet_error_quark()


def _exception_from(error) -> CitynetError:
    """Builds the exception for a non-NULL ``GError *`` (not freed here)."""
    message = ffi.string(error.message).decode("utf-8", errors="replace") \
        if error.message != ffi.NULL else "unknown error"
    if error.domain != _DOMAIN:
        return CitynetError(message)
    cls = _BY_CODE.get(error.code, CitynetError)
    file_ptr = lib.citynet_error_get_file(error)
    file = (ffi.string(file_ptr).decode("utf-8", errors="replace")
            if file_ptr != ffi.NULL else None)
    return cls(message, code=int(error.code), file=file,
               line=int(lib.citynet_error_get_line(error)),
               column=int(lib.citynet_error_get_column(error)),
               count=int(lib.citynet_error_get_count(error)))


def check(error_ptr) -> None:
    """Raises the exception for the ``GError`` in ``error_ptr`` (a
    ``GError **`` from ``ffi.new``) and frees it; returns when it is NULL.

    This is the only place a GError is converted or freed.
    """
    error = error_ptr[0]
    if error == ffi.NULL:
        return
    try:
        exc = _exception_from(error)
    finally:
        error_ptr[0] = ffi.NULL
        lib.g_error_free(error)
    raise exc
