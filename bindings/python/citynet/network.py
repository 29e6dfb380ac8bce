"""The network model: nodes, ties, countries and their group spells.

A :class:`Network` owns one ``CitynetNetwork *`` (released when the Python
object goes). Everything read from it is copied into plain Python values
(named tuples of str, float, int, dict), so rows stay valid on their own;
the sequence views (``network.nodes`` ...) hold the network alive.
"""

from __future__ import annotations

import math
import numbers
import sys
import threading
from typing import (TYPE_CHECKING, Any, Dict, Iterator, List, Mapping,
                    NamedTuple, Optional, Sequence, Tuple, Union)

from ._citynet import ffi, lib
from ._util import (DateLike, PathLike, date_text, format_date, from_c,
                    index_in, parse_date, path_to_c, strv, to_c)
from .errors import NotFoundError, UsageError, check

if TYPE_CHECKING:  # pragma: no cover
    from .view import View

__all__ = ["Network", "Node", "Tie", "Country", "GroupSpell", "Problem",
           "load", "validate", "NODE_COLUMNS", "TIE_COLUMNS"]

#: Built-in node fields; they cannot be used as extra attribute names.
NODE_COLUMNS = ("id", "kind", "name", "country", "lat", "lon", "population")
#: Built-in tie fields; they cannot be used as extra attribute names.
TIE_COLUMNS = ("source", "target", "layer", "weight", "directed", "start",
               "end", "ref")
#: Built-in country fields; they cannot be numeric attribute names.
COUNTRY_COLUMNS = ("iso3", "name")


class Node(NamedTuple):
    """One node, copied out of a network.

    ``lat``/``lon``/``population`` are None when unknown; ``attrs`` holds
    the extra string attributes (columns beyond the built-in ones).
    """
    index: int
    id: str
    kind: str
    name: str
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    population: Optional[float]
    attrs: Dict[str, str]


class Tie(NamedTuple):
    """One tie, copied out of a network. ``source``/``target`` are node ids;
    ``start``/``end`` are dates in their own precision ("2019", "2023-01",
    "2022-12-05") or None when open."""
    index: int
    source: str
    target: str
    layer: str
    weight: float
    directed: bool
    start: Optional[str]
    end: Optional[str]
    ref: Optional[str]
    attrs: Dict[str, str]


class GroupSpell(NamedTuple):
    """A country's membership of a group from ``start`` to ``end``
    (inclusive; None = open)."""
    country: str
    group: str
    start: Optional[str]
    end: Optional[str]
    ref: Optional[str]


class Country(NamedTuple):
    """A declared country: ISO3 ``code``, ``name``, numeric ``attrs``
    (a missing value is absent from the dict) and its group spells
    (``groups``) in declaration order."""
    index: int
    code: str
    name: str
    attrs: Dict[str, float]
    groups: Tuple[GroupSpell, ...]


class Problem(NamedTuple):
    """One problem of a bundle found by :func:`validate`. ``file`` is the
    file's name in the bundle (None for the bundle as a whole); ``line`` and
    ``column`` are 1-based, 0 when the problem concerns a whole file or
    line."""
    file: Optional[str]
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


NodeRef = Union[int, str, Node]
TieRef = Union[int, Tie]


def _is_clean(text: str) -> bool:
    """The C library's rule for names: non-empty, no control characters."""
    return bool(text) and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in text)


def _check_key(key: Any, reserved: Sequence[str], what: str) -> None:
    if not isinstance(key, str):
        raise TypeError(f"{what} names must be str, not {type(key).__name__}")
    if not _is_clean(key):
        raise UsageError(f"{what} name {key!r} must be non-empty without "
                         "control characters")
    if key in reserved:
        raise UsageError(f"{key!r} is a built-in column, not an attribute")


def _attr_value(value: Any, key: str) -> Optional[str]:
    """Returns an attribute value as str (None or "" means absent); bools
    become "true"/"false", numbers their shortest text."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value
    elif isinstance(value, (bool, _numpy_bool_types())):
        text = "true" if value else "false"
    elif isinstance(value, numbers.Integral):
        text = str(int(value))
    elif isinstance(value, numbers.Real):
        text = repr(float(value))
    else:
        raise TypeError(f"attribute {key!r} must be str, int, float or bool, "
                        f"not {type(value).__name__}")
    if "\0" in text:
        raise UsageError(f"attribute {key!r} contains a NUL character")
    return text or None


def _numpy_bool_types() -> tuple:
    """numpy.bool_ when numpy is already imported (never imports it)."""
    np = sys.modules.get("numpy")
    return (np.bool_,) if np is not None else ()


def _number(value: Any, what: str) -> float:
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{what} must be a number, not "
                        f"{type(value).__name__}") from None


def _bool(value: Any, what: str) -> bool:
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{what} must be a bool, not {type(value).__name__}")
    return bool(value)


class Network:
    """A network of nodes (cities, organisations, governments ...), dated
    weighted ties between them in layers, and the countries the nodes
    belong to with their dated group memberships.

    ``Network()`` is empty and knows the built-in kinds "city",
    "organisation" and "government"; :func:`load` reads a bundle directory.
    Nodes, ties and countries have stable 0-based indices in the order they
    were added; nothing is ever removed.

    Reading from several threads is safe. Building (the ``add_``/``set_``
    methods) takes a per-network lock, but must not run while other
    threads read the same network.
    """

    __slots__ = ("_ptr", "_lock", "__weakref__")

    def __init__(self) -> None:
        self._ptr = ffi.gc(lib.citynet_network_new(), lib.citynet_network_unref)
        self._lock = threading.Lock()

    @classmethod
    def _wrap(cls, ptr) -> "Network":
        """Takes ownership of a non-NULL ``CitynetNetwork *`` (transfer full)."""
        self = cls.__new__(cls)
        self._ptr = ffi.gc(ptr, lib.citynet_network_unref)
        self._lock = threading.Lock()
        return self

    def __repr__(self) -> str:
        return (f"<citynet.Network: {len(self.nodes)} nodes, "
                f"{len(self.ties)} ties, {len(self.countries)} countries, "
                f"layers {self.layers}>")

    # -- reading -------------------------------------------------------------

    @property
    def nodes(self) -> "NodeSeq":
        """The nodes as a sequence of :class:`Node`: ``len()``, iteration,
        ``nodes[i]`` (int index, negative from the end), ``nodes["id"]``
        (exact id), ``"id" in nodes``, ``nodes.get(id)``."""
        return NodeSeq(self)

    @property
    def ties(self) -> "TieSeq":
        """The ties as a sequence of :class:`Tie` in index order."""
        return TieSeq(self)

    @property
    def countries(self) -> "CountrySeq":
        """The declared countries as a sequence of :class:`Country`;
        ``countries["TUR"]`` looks one up by ISO3 code."""
        return CountrySeq(self)

    @property
    def layers(self) -> List[str]:
        """The distinct tie layers in first-use order."""
        return strv(lib.citynet_network_layers(self._ptr, ffi.NULL))

    @property
    def kinds(self) -> List[str]:
        """The registered node kinds (built-in ones first)."""
        return strv(lib.citynet_network_kinds(self._ptr, ffi.NULL))

    @property
    def groups(self) -> List[str]:
        """The distinct country group names (EU, NATO, ...)."""
        return strv(lib.citynet_network_groups(self._ptr, ffi.NULL))

    @property
    def node_attribute_keys(self) -> List[str]:
        """Extra node attribute names, in the order first set."""
        return strv(lib.citynet_network_node_attribute_keys(self._ptr, ffi.NULL))

    @property
    def tie_attribute_keys(self) -> List[str]:
        """Extra tie attribute names, in the order first set."""
        return strv(lib.citynet_network_tie_attribute_keys(self._ptr, ffi.NULL))

    @property
    def country_attribute_keys(self) -> List[str]:
        """Numeric country attribute names, in the order first set."""
        return strv(lib.citynet_network_country_attribute_keys(self._ptr,
                                                               ffi.NULL))

    @property
    def memberships(self) -> List[GroupSpell]:
        """Every group spell of every country, in declaration order."""
        return [self._spell(i)
                for i in range(lib.citynet_network_n_memberships(self._ptr))]

    def find(self, query: str) -> Node:
        """Returns the node a person would mean by ``query``: an exact id,
        else an exact display name, else a comparison ignoring case,
        diacritics and Turkish dotted/dotless I ("istanbul" finds
        "İstanbul").

        Raises NotFoundError (with the closest id as a hint) or
        AmbiguousError (listing the candidates).
        """
        return self._node(self._find(query))

    def groups_at(self, node: NodeRef, date: DateLike = None) -> List[str]:
        """Returns the sorted groups the node's country belongs to on
        ``date`` (a day; a partial date stands for its first day; None =
        now: spells with an open end). Empty for a node without a country.
        ``node`` is an index, an id or name (as :meth:`find`), or a Node."""
        index = self._resolve_node(node)
        day = parse_date(date, "date")
        result = lib.citynet_network_node_groups_at(self._ptr, index, day)
        if result == ffi.NULL:  # only on misuse, which _resolve_node rules out
            return []
        try:
            return strv(result)
        finally:
            lib.g_strfreev(result)

    def in_group(self, iso3: str, group: str, date: DateLike = None) -> bool:
        """Whether country ``iso3`` belonged to ``group`` on ``date`` (None
        = now). An unknown group is simply False; an undeclared country
        raises NotFoundError."""
        day = parse_date(date, "date")
        result = ffi.new("gboolean *")
        err = ffi.new("GError **")
        lib.citynet_network_country_in_group(
            self._ptr, to_c(iso3, "iso3"), to_c(group, "group"), day, result,
            err)
        check(err)
        return bool(result[0])

    # -- building ------------------------------------------------------------

    def register_kind(self, kind: str) -> None:
        """Makes ``kind`` (e.g. "region") acceptable to :meth:`add_node`;
        registering a known kind again does nothing."""
        err = ffi.new("GError **")
        with self._lock:
            lib.citynet_network_register_kind(self._ptr, to_c(kind, "kind"), err)
        check(err)

    def add_node(self, id: str, kind: str, name: Optional[str] = None,
                 country: Optional[str] = None, lat: Optional[float] = None,
                 lon: Optional[float] = None,
                 population: Optional[float] = None, **attrs: Any) -> int:
        """Adds a node and returns its index.

        Args:
            id: unique, non-empty identifier.
            kind: a registered kind ("city", "organisation", "government").
            name: display name; None uses ``id``.
            country: ISO3 code; cities and governments need one.
            lat, lon: WGS84 coordinates (both or neither).
            population: finite, >= 0.
            **attrs: extra string attributes (numbers and bools are
                converted to text; None is skipped).

        Everything is checked before the node is added, so a failure leaves
        the network unchanged. Raises UsageError (duplicate id, unknown
        kind, bad country code or coordinates).
        """
        if (lat is None) != (lon is None):
            raise UsageError("lat and lon must be given together")
        location = None
        if lat is not None:
            location = (_number(lat, "lat"), _number(lon, "lon"))
            if not (-90.0 <= location[0] <= 90.0
                    and -180.0 <= location[1] <= 180.0):
                raise UsageError(f"coordinates ({lat}, {lon}) out of range")
        pop = None
        if population is not None:
            pop = _number(population, "population")
            if not (math.isfinite(pop) and pop >= 0.0):
                raise UsageError("population must be a finite number >= 0")
        values = self._prepare_attrs(attrs, NODE_COLUMNS, "node attribute")
        c_id = to_c(id, "id")
        c_kind = to_c(kind, "kind")
        c_name = to_c(name, "name", optional=True)
        c_country = to_c(country, "country", optional=True)
        err = ffi.new("GError **")
        with self._lock:
            index = lib.citynet_network_add_node(self._ptr, c_id, c_kind, c_name,
                                                 c_country, err)
            check(err)
            if location is not None:
                lib.citynet_network_set_node_location(self._ptr, index,
                                                      location[0], location[1],
                                                      err)
                check(err)
            if pop is not None:
                lib.citynet_network_set_node_population(self._ptr, index, pop,
                                                        err)
                check(err)
            for key, value in values:
                lib.citynet_network_set_node_attribute(self._ptr, index, key,
                                                       value, err)
                check(err)
        return int(index)

    def set_node_location(self, node: NodeRef, lat: float, lon: float) -> None:
        """Sets a node's coordinates (lat in [-90, 90], lon in [-180, 180])."""
        index = self._resolve_node(node)
        err = ffi.new("GError **")
        with self._lock:
            lib.citynet_network_set_node_location(
                self._ptr, index, _number(lat, "lat"), _number(lon, "lon"), err)
        check(err)

    def set_node_population(self, node: NodeRef, population: float) -> None:
        """Sets a node's population (finite, >= 0)."""
        index = self._resolve_node(node)
        err = ffi.new("GError **")
        with self._lock:
            lib.citynet_network_set_node_population(
                self._ptr, index, _number(population, "population"), err)
        check(err)

    def set_node_attribute(self, node: NodeRef, key: str, value: Any) -> None:
        """Sets extra attribute ``key`` of a node; None or "" removes it."""
        index = self._resolve_node(node)
        _check_key(key, NODE_COLUMNS, "node attribute")
        text = _attr_value(value, key)
        err = ffi.new("GError **")
        with self._lock:
            lib.citynet_network_set_node_attribute(
                self._ptr, index, to_c(key, "attribute name"),
                to_c(text, key, optional=True), err)
        check(err)

    def add_tie(self, source: Union[str, Node], target: Union[str, Node],
                layer: str, weight: float = 1.0, directed: bool = False,
                start: DateLike = None, end: DateLike = None,
                ref: Optional[str] = None, **attrs: Any) -> int:
        """Adds a tie between two existing nodes and returns its index.

        Args:
            source, target: node ids (or Nodes); they must differ.
            layer: the tie type, e.g. "sister", "member", "aid", "visit".
            weight: finite and > 0.
            directed: whether the tie goes from source to target only.
            start, end: first and last date ("YYYY", "YYYY-MM",
                "YYYY-MM-DD", a datetime.date or an int year); None = open.
            ref: provenance (a citation).
            **attrs: extra string attributes.

        Raises NotFoundError (unknown node id) or UsageError (bad weight,
        date, self-tie); on failure the network is unchanged.
        """
        values = self._prepare_attrs(attrs, TIE_COLUMNS, "tie attribute")
        c_source = to_c(source.id if isinstance(source, Node) else source,
                        "source")
        c_target = to_c(target.id if isinstance(target, Node) else target,
                        "target")
        c_layer = to_c(layer, "layer")
        w = _number(weight, "weight")
        d = _bool(directed, "directed")
        c_start = to_c(date_text(start, "start"), "start", optional=True)
        c_end = to_c(date_text(end, "end"), "end", optional=True)
        c_ref = to_c(ref, "ref", optional=True)
        err = ffi.new("GError **")
        with self._lock:
            index = lib.citynet_network_add_tie(self._ptr, c_source, c_target,
                                                c_layer, w, d, c_start, c_end,
                                                c_ref, err)
            check(err)
            for key, value in values:
                lib.citynet_network_set_tie_attribute(self._ptr, index, key,
                                                      value, err)
                check(err)
        return int(index)

    def set_tie_attribute(self, tie: TieRef, key: str, value: Any) -> None:
        """Sets extra attribute ``key`` of a tie; None or "" removes it."""
        index = self._resolve_tie(tie)
        _check_key(key, TIE_COLUMNS, "tie attribute")
        text = _attr_value(value, key)
        err = ffi.new("GError **")
        with self._lock:
            lib.citynet_network_set_tie_attribute(
                self._ptr, index, to_c(key, "attribute name"), to_c(text, key, optional=True),
                err)
        check(err)

    def add_country(self, iso3: str, name: Optional[str] = None,
                    **attrs: float) -> int:
        """Declares a country and returns its index.

        Args:
            iso3: three ASCII capitals (ISO 3166-1 alpha-3 or a user code
                such as XKX).
            name: English name; None uses ``iso3``.
            **attrs: numeric attributes, e.g. ``un_agreement=0.73``
                (NaN or None = missing).

        Raises UsageError for a bad or duplicate code.
        """
        values = []
        for key, value in attrs.items():
            _check_key(key, COUNTRY_COLUMNS, "country attribute")
            values.append((to_c(key, "attribute name"), math.nan if value is None
                           else _number(value, key)))
        c_iso3 = to_c(iso3, "iso3")
        c_name = to_c(name, "name", optional=True)
        err = ffi.new("GError **")
        with self._lock:
            index = lib.citynet_network_add_country(self._ptr, c_iso3, c_name,
                                                    err)
            check(err)
            for key, value in values:
                lib.citynet_network_set_country_attribute(self._ptr, c_iso3, key,
                                                          value, err)
                check(err)
        return int(index)

    def set_country_attribute(self, iso3: str, key: str,
                              value: Optional[float]) -> None:
        """Sets numeric attribute ``key`` of declared country ``iso3``
        (None or NaN = missing). NotFoundError for an undeclared country."""
        _check_key(key, COUNTRY_COLUMNS, "country attribute")
        number = math.nan if value is None else _number(value, key)
        err = ffi.new("GError **")
        with self._lock:
            lib.citynet_network_set_country_attribute(
                self._ptr, to_c(iso3, "iso3"), to_c(key, "attribute name"), number, err)
        check(err)

    def add_country_group(self, iso3: str, group: str, start: DateLike = None,
                          end: DateLike = None,
                          ref: Optional[str] = None) -> None:
        """Records that declared country ``iso3`` belonged to ``group`` from
        ``start`` to ``end`` (inclusive; None = open). A country may have
        several spells in one group. NotFoundError for an undeclared
        country, UsageError for bad dates."""
        c_iso3 = to_c(iso3, "iso3")
        c_group = to_c(group, "group")
        c_start = to_c(date_text(start, "start"), "start", optional=True)
        c_end = to_c(date_text(end, "end"), "end", optional=True)
        c_ref = to_c(ref, "ref", optional=True)
        err = ffi.new("GError **")
        with self._lock:
            lib.citynet_network_add_country_group(self._ptr, c_iso3, c_group,
                                                  c_start, c_end, c_ref, err)
        check(err)

    # -- input/output and derived objects -------------------------------------

    def save(self, path: PathLike) -> None:
        """Writes the network as a bundle directory (created when missing):
        nodes.csv, ties.csv, countries.csv, country_groups.csv and kinds.csv
        when needed. Files are replaced atomically; FileError on failure."""
        c_path = path_to_c(path)
        err = ffi.new("GError **")
        lib.citynet_bundle_save(self._ptr, c_path, err)
        check(err)

    def view(self, layers: Union[str, Sequence[str], None] = None,
             at: DateLike = None, start: DateLike = None, end: DateLike = None,
             kinds: Union[str, Sequence[str], None] = None,
             combine: str = "sum", direction: str = "auto",
             drop_isolates: bool = False) -> "View":
        """Returns a :class:`~citynet.View`: the slice analytics run on.

        Args:
            layers: layer name(s) to keep (None: all). An unknown layer
                raises NotFoundError.
            at: keep ties active on this date (a year or month means every
                day of it). Not together with start/end.
            start, end: keep ties active on at least one day of
                [start, end]; either may be None (open).
            kinds: node kind(s) to keep (None: all); ties to other nodes
                drop out.
            combine: how parallel ties become one edge: "sum", "max",
                "count" or "none" (a multigraph).
            direction: "auto" (directed when any selected tie is),
                "undirected" or "directed".
            drop_isolates: keep only nodes with at least one selected tie.
        """
        from .view import View
        return View._build(self, layers=layers, at=at, start=start, end=end,
                           kinds=kinds, combine=combine, direction=direction,
                           drop_isolates=drop_isolates)

    def to_networkx(self):
        """Returns a ``networkx.MultiDiGraph`` (when any tie is directed)
        or ``MultiGraph`` with one edge per tie (key = tie index) carrying
        layer, weight, directed, start, end, ref and the extra attributes;
        nodes carry kind, name, country, lat, lon, population and extra
        attributes; ``G.graph`` holds kinds, countries and group spells.
        :func:`citynet.from_networkx` reads it back to an equal network."""
        from .nx import network_to_networkx
        return network_to_networkx(self)

    # -- internals ------------------------------------------------------------

    @staticmethod
    def _prepare_attrs(attrs: Mapping[str, Any], reserved: Sequence[str],
                       what: str) -> List[Tuple[bytes, Any]]:
        """Checks extra attributes and returns (key, value) as C strings."""
        out = []
        for key, value in attrs.items():
            _check_key(key, reserved, what)
            text = _attr_value(value, key)
            if text is not None:
                out.append((to_c(key, "attribute name"), to_c(text, key)))
        return out

    def _find(self, query: str) -> int:
        err = ffi.new("GError **")
        index = lib.citynet_network_find_node(self._ptr, to_c(query, "query"),
                                              err)
        check(err)
        return int(index)

    def _resolve_node(self, node: NodeRef) -> int:
        """Returns the index of a node given as index, id/name or Node."""
        if isinstance(node, Node):
            n = lib.citynet_network_n_nodes(self._ptr)
            if not (0 <= node.index < n) or \
                    from_c(lib.citynet_network_node_id(self._ptr,
                                                       node.index)) != node.id:
                raise NotFoundError(f"node {node.id!r} is not from this network")
            return node.index
        if isinstance(node, str):
            return self._find(node)
        return index_in(node, lib.citynet_network_n_nodes(self._ptr), "node")

    def _resolve_tie(self, tie: TieRef) -> int:
        if isinstance(tie, Tie):
            tie = tie.index
        return index_in(tie, lib.citynet_network_n_ties(self._ptr), "tie")

    def _node(self, i: int, keys: Optional[List[Tuple[str, bytes]]] = None) -> Node:
        """Copies node ``i`` (a valid index) into a Node."""
        p = self._ptr
        lat = ffi.new("double[2]")
        has_location = lib.citynet_network_node_location(p, i, lat, lat + 1)
        pop = ffi.new("double *")
        has_pop = lib.citynet_network_node_population(p, i, pop)
        if keys is None:
            keys = self._keys(lib.citynet_network_node_attribute_keys)
        attrs = {}
        for key, c_key in keys:
            value = lib.citynet_network_node_attribute(p, i, c_key)
            if value != ffi.NULL:
                attrs[key] = from_c(value)
        return Node(i, from_c(lib.citynet_network_node_id(p, i)),
                    from_c(lib.citynet_network_node_kind(p, i)),
                    from_c(lib.citynet_network_node_name(p, i)),
                    from_c(lib.citynet_network_node_country(p, i)),
                    lat[0] if has_location else None,
                    lat[1] if has_location else None,
                    pop[0] if has_pop else None, attrs)

    def _tie(self, i: int, keys: Optional[List[Tuple[str, bytes]]] = None) -> Tie:
        """Copies tie ``i`` (a valid index) into a Tie."""
        p = self._ptr
        if keys is None:
            keys = self._keys(lib.citynet_network_tie_attribute_keys)
        attrs = {}
        for key, c_key in keys:
            value = lib.citynet_network_tie_attribute(p, i, c_key)
            if value != ffi.NULL:
                attrs[key] = from_c(value)
        return Tie(i,
                   from_c(lib.citynet_network_node_id(
                       p, lib.citynet_network_tie_source(p, i))),
                   from_c(lib.citynet_network_node_id(
                       p, lib.citynet_network_tie_target(p, i))),
                   from_c(lib.citynet_network_tie_layer(p, i)),
                   float(lib.citynet_network_tie_weight(p, i)),
                   bool(lib.citynet_network_tie_directed(p, i)),
                   format_date(lib.citynet_network_tie_start(p, i)),
                   format_date(lib.citynet_network_tie_end(p, i)),
                   from_c(lib.citynet_network_tie_ref(p, i)), attrs)

    def _spell(self, i: int) -> GroupSpell:
        country = ffi.new("gsize *")
        group = ffi.new("const char **")
        start = ffi.new("CitynetDate *")
        end = ffi.new("CitynetDate *")
        ref = ffi.new("const char **")
        lib.citynet_network_membership(self._ptr, i, country, group, start, end,
                                       ref)
        return GroupSpell(
            from_c(lib.citynet_network_country_code(self._ptr, country[0])),
            from_c(group[0]), format_date(start[0]), format_date(end[0]),
            from_c(ref[0]))

    def _country(self, i: int, spells: Optional[Dict[str, list]] = None) -> Country:
        p = self._ptr
        code = from_c(lib.citynet_network_country_code(p, i))
        attrs = {}
        value = ffi.new("double *")
        for key, c_key in self._keys(lib.citynet_network_country_attribute_keys):
            if lib.citynet_network_country_attribute(p, i, c_key, value):
                attrs[key] = float(value[0])
        if spells is None:
            spells = self._spells_by_country()
        return Country(i, code, from_c(lib.citynet_network_country_name(p, i)),
                       attrs, tuple(spells.get(code, ())))

    def _spells_by_country(self) -> Dict[str, list]:
        out: Dict[str, list] = {}
        for spell in self.memberships:
            out.setdefault(spell.country, []).append(spell)
        return out

    def _keys(self, getter) -> List[Tuple[str, bytes]]:
        names = strv(getter(self._ptr, ffi.NULL))
        return [(name, name.encode()) for name in names]


class _Seq(Sequence):
    """Shared behaviour of the sequence views of a network."""

    __slots__ = ("_network",)
    _what = "item"
    _plural = "items"

    def __init__(self, network: Network) -> None:
        self._network = network  # keeps the C network alive

    def _len(self) -> int:
        raise NotImplementedError

    def _item(self, i: int, cache):
        raise NotImplementedError

    def _cache(self):
        return None

    def _lookup(self, key: str) -> int:
        raise TypeError(f"{self._what} keys must be int")

    def __len__(self) -> int:
        return int(self._len())

    def __iter__(self) -> Iterator:
        cache = self._cache()
        for i in range(self._len()):
            yield self._item(i, cache)

    def __getitem__(self, key):
        if isinstance(key, slice):
            cache = self._cache()
            return [self._item(i, cache) for i in range(*key.indices(len(self)))]
        if isinstance(key, str):
            return self._item(self._lookup(key), self._cache())
        return self._item(index_in(key, self._len(), self._what), self._cache())

    def __contains__(self, key) -> bool:
        if isinstance(key, str):
            try:
                self._lookup(key)
            except LookupError:
                return False
            return True
        return any(item == key for item in self)

    def get(self, key: str, default=None):
        """Returns the item with id/code ``key``, or ``default``."""
        try:
            return self[key]
        except LookupError:
            return default

    def to_list(self) -> list:
        """Returns every item as a list."""
        return list(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self)} {self._plural}>"


class NodeSeq(_Seq):
    """The nodes of a network (see :attr:`Network.nodes`)."""
    __slots__ = ()
    _what = "node"
    _plural = "nodes"

    def _len(self):
        return lib.citynet_network_n_nodes(self._network._ptr)

    def _cache(self):
        return self._network._keys(lib.citynet_network_node_attribute_keys)

    def _item(self, i, cache):
        return self._network._node(i, cache)

    def _lookup(self, key):
        index = lib.citynet_network_node_index(self._network._ptr,
                                               to_c(key, "node id"))
        if index < 0:
            raise NotFoundError(f"no node with id {key!r}")
        return int(index)

    def index(self, key, *args) -> int:
        """Returns the index of the node with id ``key`` (or of a Node)."""
        if isinstance(key, str):
            return self._lookup(key)
        return super().index(key, *args)

    def ids(self) -> List[str]:
        """Returns every node id in index order."""
        p = self._network._ptr
        return [from_c(lib.citynet_network_node_id(p, i))
                for i in range(lib.citynet_network_n_nodes(p))]


class TieSeq(_Seq):
    """The ties of a network (see :attr:`Network.ties`)."""
    __slots__ = ()
    _what = "tie"
    _plural = "ties"

    def _len(self):
        return lib.citynet_network_n_ties(self._network._ptr)

    def _cache(self):
        return self._network._keys(lib.citynet_network_tie_attribute_keys)

    def _item(self, i, cache):
        return self._network._tie(i, cache)


class CountrySeq(_Seq):
    """The declared countries of a network (see :attr:`Network.countries`)."""
    __slots__ = ()
    _what = "country"
    _plural = "countries"

    def _len(self):
        return lib.citynet_network_n_countries(self._network._ptr)

    def _cache(self):
        return self._network._spells_by_country()

    def _item(self, i, cache):
        return self._network._country(i, cache)

    def _lookup(self, key):
        index = lib.citynet_network_country_index(self._network._ptr,
                                                  to_c(key, "country code"))
        if index < 0:
            raise NotFoundError(f"no country {key!r}")
        return int(index)

    def codes(self) -> List[str]:
        """Returns every ISO3 code in index order."""
        p = self._network._ptr
        return [from_c(lib.citynet_network_country_code(p, i))
                for i in range(lib.citynet_network_n_countries(p))]


def load(path: PathLike) -> Network:
    """Loads a bundle directory (nodes.csv, ties.csv and the optional
    countries.csv, country_groups.csv, kinds.csv) all or nothing.

    Raises FileError when the directory or a file cannot be read, and
    DataError for malformed content: ``.file``, ``.line`` and ``.column``
    locate the first problem and ``.count`` is the number of problems.
    """
    c_path = path_to_c(path)
    err = ffi.new("GError **")
    ptr = lib.citynet_bundle_load(c_path, err)
    check(err)
    if ptr == ffi.NULL:
        raise UsageError("citynet_bundle_load failed without an error")
    return Network._wrap(ptr)


def validate(path: PathLike) -> List[Problem]:
    """Reads a bundle like :func:`load` but returns every problem found
    (an empty list for a valid bundle) instead of raising; a missing
    directory is itself a problem."""
    problems = lib.citynet_bundle_validate(path_to_c(path))
    try:
        out = []
        file = ffi.new("const char **")
        line = ffi.new("guint *")
        column = ffi.new("guint *")
        for i in range(lib.citynet_problems_count(problems)):
            message = lib.citynet_problems_get(problems, i, file, line, column)
            out.append(Problem(from_c(file[0]), int(line[0]), int(column[0]),
                               from_c(message)))
        return out
    finally:
        lib.citynet_problems_free(problems)
