"""The shape shared by every result object: a table of named-tuple rows.

Analytics results (a composition today; centralities and the like later)
are :class:`Table` subclasses. A subclass names its row type (a
``NamedTuple``) in ``Row`` and, when one column identifies a row (a node
id), that column in ``key_column``. It gets for free:

* ``len(t)``, iteration over rows, ``t[i]``, ``t.rows``, ``t.columns``;
* ``t.to_records()``: a list of dicts;
* ``t.to_dict()``: ``{key: {column: value}}`` when ``key_column`` is set,
  else
  ``{column: [values]}``;
* ``t.to_pandas()``: a DataFrame (indexed by ``key_column`` when set); pandas is
  imported only then, and its absence raises a clear ImportError;
* a readable ``repr``.
"""

from __future__ import annotations

from typing import (Any, ClassVar, Dict, Generic, Iterable, Iterator, List,
                    Optional, Sequence, Tuple, Type, TypeVar, Union, overload)

__all__ = ["Table"]

R = TypeVar("R", bound=tuple)

_REPR_ROWS = 12


def _require_pandas():
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(
            "to_pandas() needs pandas (Debian: apt-get install python3-pandas; "
            "or pip install pandas); use to_records() or to_dict() without it"
        ) from exc
    return pandas


class Table(Sequence[R], Generic[R]):
    """An immutable table of rows (named tuples of type ``Row``)."""

    #: The row type, a NamedTuple class; set by subclasses.
    Row: ClassVar[Type[tuple]]
    #: The column that identifies a row (e.g. "node"), or None.
    key_column: ClassVar[Optional[str]] = None

    __slots__ = ("_rows",)

    def __init__(self, rows: Iterable[R]) -> None:
        self._rows: Tuple[R, ...] = tuple(rows)

    @property
    def rows(self) -> List[R]:
        """The rows as a list (a new list; the rows themselves are tuples)."""
        return list(self._rows)

    @property
    def columns(self) -> Tuple[str, ...]:
        """The column names, in row order."""
        return tuple(self.Row._fields)

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[R]:
        return iter(self._rows)

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> List[R]: ...

    def __getitem__(self, index: Union[int, slice]):
        if isinstance(index, slice):
            return list(self._rows[index])
        return self._rows[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return type(self) is type(other) and self._rows == other._rows

    __hash__ = None  # type: ignore[assignment]

    def to_records(self) -> List[Dict[str, Any]]:
        """Returns every row as a dict of column -> value."""
        return [row._asdict() for row in self._rows]  # type: ignore[attr-defined]

    def to_dict(self) -> Dict[Any, Any]:
        """Returns ``{key value: {other columns}}`` when the table has a key
        column, else ``{column: [values in row order]}``."""
        if self.key_column is not None:
            out: Dict[Any, Any] = {}
            for record in self.to_records():
                k = record.pop(self.key_column)
                out[k] = record
            return out
        return {name: [row[i] for row in self._rows]
                for i, name in enumerate(self.columns)}

    def to_pandas(self):
        """Returns the rows as a ``pandas.DataFrame`` (indexed by the key
        column when there is one). Raises ImportError without pandas."""
        pandas = _require_pandas()
        frame = pandas.DataFrame.from_records(list(self._rows),
                                              columns=list(self.columns))
        if self.key_column is not None:
            frame = frame.set_index(self.key_column)
        return frame

    def _repr_header(self) -> str:
        return f"<citynet.{type(self).__name__}: {len(self)} rows>"

    def __repr__(self) -> str:
        lines = [self._repr_header()]
        if not self._rows:
            return lines[0]
        shown = self._rows[:_REPR_ROWS]
        cells = [list(self.columns)] + [[_cell(v) for v in row] for row in shown]
        widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]
        for r in cells:
            lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        if len(self._rows) > _REPR_ROWS:
            lines.append(f"... ({len(self._rows) - _REPR_ROWS} more rows)")
        return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
