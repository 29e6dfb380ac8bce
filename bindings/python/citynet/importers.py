"""Importers: pair lists and membership lists into networks (import.h).

:func:`import_pairs` and :func:`import_members` turn a researcher's CSV
list (names instead of ids, country names instead of codes, spelling
variants, decimal commas, Latin-1, ...) into a :class:`~citynet.Network`
plus an :class:`ImportReport` that accounts for every row. The rules are
those of docs/import.md and of ``citynet import pairs|members``; every
option is a keyword argument with the command's default.
"""

from __future__ import annotations

import json
import numbers
from typing import (Any, Dict, List, Mapping, NamedTuple, Optional, Tuple)

from ._citynet import ffi, lib
from ._util import PathLike, from_c, path_to_c, to_c
from .errors import UsageError, check
from .network import Network

__all__ = [
    "import_pairs", "import_members", "ImportResult", "ImportReport",
    "NameMerge", "UnmatchedCountry", "AmbiguousPlace", "SplitPlace",
    "DistrictMerge", "CountryValue", "RejectedRow", "IMPORT_COLUMNS",
    "DEFAULT_DISTANCE_KM", "resolve_country", "country_name",
]

#: Places with the same name and country further apart than this (km) are
#: different places (CITYNET_IMPORT_DEFAULT_DISTANCE_KM).
DEFAULT_DISTANCE_KM: float = float(lib.CITYNET_IMPORT_DEFAULT_DISTANCE_KM)

#: The column names accepted as keys of ``columns=``, as in the command's
#: ``--column WHAT=HEADER`` (underscores work as well as hyphens).
IMPORT_COLUMNS: Dict[str, int] = {
    "source-city": lib.CITYNET_IMPORT_COLUMN_SOURCE_CITY,
    "source-country": lib.CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY,
    "source-lat": lib.CITYNET_IMPORT_COLUMN_SOURCE_LATITUDE,
    "source-lon": lib.CITYNET_IMPORT_COLUMN_SOURCE_LONGITUDE,
    "target-city": lib.CITYNET_IMPORT_COLUMN_TARGET_CITY,
    "target-country": lib.CITYNET_IMPORT_COLUMN_TARGET_COUNTRY,
    "target-lat": lib.CITYNET_IMPORT_COLUMN_TARGET_LATITUDE,
    "target-lon": lib.CITYNET_IMPORT_COLUMN_TARGET_LONGITUDE,
    # A membership list's member city: the same C columns as the source.
    "city": lib.CITYNET_IMPORT_COLUMN_SOURCE_CITY,
    "country": lib.CITYNET_IMPORT_COLUMN_SOURCE_COUNTRY,
    "lat": lib.CITYNET_IMPORT_COLUMN_SOURCE_LATITUDE,
    "lon": lib.CITYNET_IMPORT_COLUMN_SOURCE_LONGITUDE,
    "organisation": lib.CITYNET_IMPORT_COLUMN_ORGANISATION,
    "role": lib.CITYNET_IMPORT_COLUMN_ROLE,
    "start": lib.CITYNET_IMPORT_COLUMN_START,
    "end": lib.CITYNET_IMPORT_COLUMN_END,
    "weight": lib.CITYNET_IMPORT_COLUMN_WEIGHT,
    "ref": lib.CITYNET_IMPORT_COLUMN_REF,
}


# ---------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------

def resolve_country(name_or_code: str) -> Optional[str]:
    """Returns the ISO 3166-1 alpha-3 code of a country name, a common
    variant ("Türkiye", "Turkey", "Czech Republic", "Georgia (country)"),
    an alpha-2/alpha-3 code in any case, or a "Region, Country" value, by
    the rules of docs/import.md (citynet_country_resolve()); None when the
    value is unknown or empty. Kosovo is "XKX", Northern Cyprus "XNC"."""
    c_name = to_c(name_or_code, "name_or_code")
    return from_c(lib.citynet_country_resolve(c_name))


def country_name(iso3: str) -> Optional[str]:
    """Returns the English name imported bundles use for an ISO3 code
    ("TUR" -> "Türkiye", "RUS" -> "Russia"), or None for an unknown code
    (citynet_country_name())."""
    return from_c(lib.citynet_country_name(to_c(iso3, "iso3")))


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------

class NameMerge(NamedTuple):
    """A spelling merged into another spelling's node: ``node`` (its id),
    ``name`` (the kept display name, the first spelling seen), ``variant``
    (the other spelling), ``rows`` (rows spelling it so), ``first_line``
    (the first line with the variant; line 1 is the header)."""
    node: str
    name: str
    variant: str
    rows: int
    first_line: int


class UnmatchedCountry(NamedTuple):
    """A country value that did not resolve ("" for an empty cell), the
    closest known name when one is within 3 edits (never applied, else
    None), and the lines of the rows it affected (all rejected)."""
    value: str
    suggestion: Optional[str]
    lines: Tuple[int, ...]


class AmbiguousPlace(NamedTuple):
    """A place the import could not decide (several places of that name
    and no coordinates; several gazetteer entries far apart): its name,
    ISO3 country, the reason and the lines concerned."""
    name: str
    country: str
    reason: str
    lines: Tuple[int, ...]


class SplitPlace(NamedTuple):
    """A name (in one country) kept apart as several places by their
    coordinates: the node ids and the smallest distance between them in
    km."""
    name: str
    country: str
    nodes: Tuple[str, ...]
    min_distance_km: float


class DistrictMerge(NamedTuple):
    """A district mapped to its metropolis (``districts=``), with the
    number of rows naming it."""
    district: str
    country: str
    metropolis: str
    rows: int


class CountryValue(NamedTuple):
    """A distinct country value that resolved: what it resolved to, by
    which rule ("code", "name", "alias", "user-alias", "qualified") and how
    many rows used it."""
    value: str
    iso3: str
    rule: str
    uses: int


class RejectedRow(NamedTuple):
    """A rejected row: the line it starts on (1 is the header) and why."""
    line: int
    reason: str


#: The report's lists, in the order of the JSON report; each with its row type.
_SECTIONS = {
    "unmatched_countries": UnmatchedCountry,
    "countries": CountryValue,
    "ambiguous_places": AmbiguousPlace,
    "name_merges": NameMerge,
    "split_places": SplitPlace,
    "district_merges": DistrictMerge,
    "rejected_rows": RejectedRow,
}


def _lines(ptr, n) -> Tuple[int, ...]:
    return tuple(int(ptr[i]) for i in range(n)) if ptr != ffi.NULL else ()


class ImportReport:
    """What an import did with every input row (CitynetImportReport).

    The counts are attributes (``rows_read``, ``rows_kept``,
    ``rows_merged``, ``rows_rejected``, ``ties_created``,
    ``ties_with_duplicates``, ``nodes_created``, ``gazetteer_matches``);
    the invariant ``rows_read == rows_kept + rows_merged + rows_rejected``
    always holds. The lists (``name_merges``, ``unmatched_countries``,
    ``ambiguous_places``, ``split_places``, ``district_merges``,
    ``countries``, ``rejected_rows``) hold named tuples, copied from C.

    ``to_dict()`` is the JSON report (schema "citynet.import-report/1",
    docs/import.md), the same object ``citynet import`` writes to
    import-report.json; ``str(report)`` is the text report;
    ``to_pandas(section)`` gives one list as a DataFrame. Iterating yields
    the rejected rows.
    """

    __slots__ = ("_ptr", "source", "encoding", "delimiter", "rows_read",
                 "rows_kept", "rows_merged", "rows_rejected", "ties_created",
                 "ties_with_duplicates", "nodes_created", "gazetteer_matches",
                 "name_merges", "unmatched_countries", "ambiguous_places",
                 "split_places", "district_merges", "countries",
                 "rejected_rows")

    source: str
    encoding: str
    delimiter: str
    rows_read: int
    rows_kept: int
    rows_merged: int
    rows_rejected: int
    ties_created: int
    ties_with_duplicates: int
    nodes_created: int
    gazetteer_matches: int
    name_merges: List[NameMerge]
    unmatched_countries: List[UnmatchedCountry]
    ambiguous_places: List[AmbiguousPlace]
    split_places: List[SplitPlace]
    district_merges: List[DistrictMerge]
    countries: List[CountryValue]
    rejected_rows: List[RejectedRow]

    def __init__(self, *args, **kwargs) -> None:
        raise TypeError("an ImportReport comes from import_pairs() or "
                        "import_members()")

    @classmethod
    def _wrap(cls, ptr) -> "ImportReport":
        """Takes a transfer-full ``CitynetImportReport *``: keeps it (the
        text and JSON forms are made from it) and copies the rest."""
        self = cls.__new__(cls)
        self._ptr = ffi.gc(ptr, lib.citynet_import_report_free)
        p = self._ptr
        self.source = from_c(lib.citynet_import_report_source(p)) or ""
        self.encoding = from_c(lib.citynet_import_report_encoding(p)) or ""
        self.delimiter = lib.citynet_import_report_delimiter(p).decode("latin-1")
        for name in ("rows_read", "rows_kept", "rows_merged", "rows_rejected",
                     "ties_created", "ties_with_duplicates", "nodes_created",
                     "gazetteer_matches"):
            setattr(self, name, int(getattr(lib, "citynet_import_report_" + name)(p)))
        self._copy_lists()
        return self

    def _copy_lists(self) -> None:
        p = self._ptr
        s1, s2, s3 = (ffi.new("const char **") for _ in range(3))
        lines = ffi.new("const guint **")
        n_lines = ffi.new("gsize *")
        count = ffi.new("gsize *")
        line = ffi.new("guint *")
        ids = ffi.new("const char *const **")
        distance = ffi.new("double *")

        self.name_merges = []
        for i in range(lib.citynet_import_report_n_name_merges(p)):
            lib.citynet_import_report_name_merge(p, i, s1, s2, s3, line, count)
            self.name_merges.append(NameMerge(from_c(s1[0]), from_c(s2[0]),
                                              from_c(s3[0]), int(count[0]),
                                              int(line[0])))
        self.unmatched_countries = []
        for i in range(lib.citynet_import_report_n_unmatched_countries(p)):
            lib.citynet_import_report_unmatched_country(p, i, s1, s2, lines,
                                                        n_lines)
            self.unmatched_countries.append(UnmatchedCountry(
                from_c(s1[0]), from_c(s2[0]), _lines(lines[0], n_lines[0])))
        self.ambiguous_places = []
        for i in range(lib.citynet_import_report_n_ambiguous_places(p)):
            lib.citynet_import_report_ambiguous_place(p, i, s1, s2, s3, lines,
                                                      n_lines)
            self.ambiguous_places.append(AmbiguousPlace(
                from_c(s1[0]), from_c(s2[0]), from_c(s3[0]),
                _lines(lines[0], n_lines[0])))
        self.split_places = []
        for i in range(lib.citynet_import_report_n_split_places(p)):
            lib.citynet_import_report_split_place(p, i, s1, s2, ids, distance)
            nodes = []
            j = 0
            while ids[0] != ffi.NULL and ids[0][j] != ffi.NULL:
                nodes.append(from_c(ids[0][j]))
                j += 1
            self.split_places.append(SplitPlace(from_c(s1[0]), from_c(s2[0]),
                                                tuple(nodes), float(distance[0])))
        self.district_merges = []
        for i in range(lib.citynet_import_report_n_district_merges(p)):
            lib.citynet_import_report_district_merge(p, i, s1, s2, s3, count)
            self.district_merges.append(DistrictMerge(
                from_c(s1[0]), from_c(s2[0]), from_c(s3[0]), int(count[0])))
        self.countries = []
        for i in range(lib.citynet_import_report_n_countries(p)):
            lib.citynet_import_report_country(p, i, s1, s2, s3, count)
            self.countries.append(CountryValue(from_c(s1[0]), from_c(s2[0]),
                                               from_c(s3[0]), int(count[0])))
        self.rejected_rows = []
        for i in range(lib.citynet_import_report_n_rejected(p)):
            lib.citynet_import_report_rejected(p, i, line, s1)
            self.rejected_rows.append(RejectedRow(int(line[0]), from_c(s1[0])))

    # -- views of the whole report -------------------------------------------

    @property
    def counts(self) -> Dict[str, int]:
        """The row, tie and node counts as a dict (the JSON report's
        "counts" minus the list lengths)."""
        return {name: getattr(self, name) for name in (
            "rows_read", "rows_kept", "rows_merged", "rows_rejected",
            "ties_created", "ties_with_duplicates", "nodes_created",
            "gazetteer_matches")}

    def to_text(self) -> str:
        """Returns the readable text report (the layout of docs/import.md,
        as in import-report.txt)."""
        return _take_string(lib.citynet_import_report_to_text(self._ptr))

    def to_json(self) -> str:
        """Returns the report as JSON text (schema
        "citynet.import-report/1")."""
        return _take_string(lib.citynet_import_report_to_json(self._ptr))

    def to_dict(self) -> Dict[str, Any]:
        """Returns the JSON report as a dict: schema, kind, source,
        encoding, delimiter, gazetteer, counts and every list (members as
        listed in docs/import.md)."""
        return json.loads(self.to_json())

    def to_pandas(self, section: str = "rejected_rows"):
        """Returns one list of the report as a ``pandas.DataFrame``:
        "rejected_rows" (default), "unmatched_countries", "countries",
        "ambiguous_places", "name_merges", "split_places" or
        "district_merges". Raises ImportError without pandas."""
        if section not in _SECTIONS:
            raise UsageError(f"unknown report section {section!r}: expected "
                             + ", ".join(_SECTIONS))
        from .table import _require_pandas
        pandas = _require_pandas()
        return pandas.DataFrame.from_records(
            list(getattr(self, section)), columns=list(_SECTIONS[section]._fields))

    def write_text(self, path: PathLike) -> None:
        """Writes the text report to ``path`` atomically (temporary file
        and rename). Raises FileError."""
        err = ffi.new("GError **")
        lib.citynet_import_report_write_text(self._ptr, path_to_c(path), err)
        check(err)

    def write_json(self, path: PathLike) -> None:
        """Writes the JSON report to ``path`` atomically. Raises FileError."""
        err = ffi.new("GError **")
        lib.citynet_import_report_write_json(self._ptr, path_to_c(path), err)
        check(err)

    def __iter__(self):
        return iter(self.rejected_rows)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        extra = ""
        if self.unmatched_countries:
            extra += f", {len(self.unmatched_countries)} unmatched countries"
        if self.ambiguous_places:
            extra += f", {len(self.ambiguous_places)} ambiguous places"
        return (f"<citynet.ImportReport {self.source!r}: {self.rows_read} rows "
                f"read: {self.rows_kept} kept, {self.rows_merged} merged, "
                f"{self.rows_rejected} rejected; {self.nodes_created} nodes, "
                f"{self.ties_created} ties{extra}>")


def _take_string(ptr) -> str:
    """Copies and g_free()s a transfer-full ``char *``."""
    try:
        return from_c(ptr) or ""
    finally:
        lib.g_free(ptr)


class ImportResult(NamedTuple):
    """What :func:`import_pairs` and :func:`import_members` return: the
    network and its report; unpacks as ``network, report = ...``."""
    network: Network
    report: ImportReport


# ---------------------------------------------------------------------------
# Options
# ---------------------------------------------------------------------------

def _optional_path(value: Optional[PathLike], what: str):
    return ffi.NULL if value is None else path_to_c(value, what)


def _word(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return to_c(value, what)


def _positive_number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{what} must be a number, not {type(value).__name__}")
    return float(value)


def _options(*, layer, directed, columns, encoding, delimiter, decimal,
             gazetteer, gazetteer_layout, distance, districts,
             country_aliases, role_weights):
    """Builds a gc-managed CitynetImportOptions from validated keywords;
    option values the C setters reject raise UsageError with their
    message (the command's wording)."""
    if not isinstance(directed, bool):
        raise TypeError(f"directed must be a bool, not {type(directed).__name__}")
    if columns is not None and not isinstance(columns, Mapping):
        raise TypeError("columns must be a mapping of column name to header, "
                        f"not {type(columns).__name__}")
    if role_weights is not None and not isinstance(role_weights, Mapping):
        raise TypeError("role_weights must be a mapping of role to weight, "
                        f"not {type(role_weights).__name__}")
    # Convert everything before the C object exists, so that a TypeError
    # cannot leave it half set.
    c_layer = to_c(layer, "layer", optional=True)
    c_encoding = _word(encoding, "encoding")
    c_delimiter = _word(delimiter, "delimiter")
    c_decimal = _word(decimal, "decimal")
    c_gazetteer = _optional_path(gazetteer, "gazetteer")
    c_layout = (ffi.NULL if gazetteer_layout is None
                else _word(gazetteer_layout, "gazetteer_layout"))
    km = _positive_number(distance, "distance")
    c_districts = _optional_path(districts, "districts")
    c_aliases = _optional_path(country_aliases, "country_aliases")
    c_columns = []
    for what, header in (columns or {}).items():
        if not isinstance(what, str):
            raise TypeError(f"column names must be str, not {type(what).__name__}")
        key = what.replace("_", "-").lower()
        if key not in IMPORT_COLUMNS:
            raise UsageError(f"unknown column {what!r}: expected one of "
                             + ", ".join(IMPORT_COLUMNS))
        c_columns.append((IMPORT_COLUMNS[key],
                          to_c(header, f"columns[{what!r}]", optional=True)))
    c_roles = []
    for role, weight in (role_weights or {}).items():
        c_roles.append((to_c(role, "role"),
                        _positive_number(weight, f"role_weights[{role!r}]")))

    options = ffi.gc(lib.citynet_import_options_new(),
                     lib.citynet_import_options_free)
    err = ffi.new("GError **")
    if c_layer != ffi.NULL:
        lib.citynet_import_options_set_layer(options, c_layer, err)
        check(err)
    lib.citynet_import_options_set_encoding(options, c_encoding, err)
    check(err)
    lib.citynet_import_options_set_delimiter(options, c_delimiter, err)
    check(err)
    lib.citynet_import_options_set_decimal(options, c_decimal, err)
    check(err)
    lib.citynet_import_options_set_directed(options, directed)
    if c_gazetteer != ffi.NULL or c_layout != ffi.NULL:
        lib.citynet_import_options_set_gazetteer(options, c_gazetteer, c_layout,
                                                 err)
        check(err)
    lib.citynet_import_options_set_distance(options, km, err)
    check(err)
    if c_districts != ffi.NULL:
        lib.citynet_import_options_set_districts(options, c_districts, err)
        check(err)
    if c_aliases != ffi.NULL:
        lib.citynet_import_options_set_country_aliases(options, c_aliases, err)
        check(err)
    for column, header in c_columns:
        lib.citynet_import_options_set_column(options, column, header, err)
        check(err)
    for role, weight in c_roles:
        lib.citynet_import_options_set_role_weight(options, role, weight, err)
        check(err)
    return options


def _run(function, path: PathLike, options) -> ImportResult:
    c_path = path_to_c(path)
    report = ffi.new("CitynetImportReport **")
    err = ffi.new("GError **")
    try:
        ptr = function(c_path, options, report, err)
    finally:
        ffi.release(options)
    check(err)
    if ptr == ffi.NULL:  # pragma: no cover - the C API always sets an error
        raise UsageError("the import failed without an error")
    network = Network._wrap(ptr)
    return ImportResult(network, ImportReport._wrap(report[0]))


# ---------------------------------------------------------------------------
# The importers
# ---------------------------------------------------------------------------

def import_pairs(path: PathLike, *, layer: Optional[str] = None,
                 directed: bool = False,
                 columns: Optional[Mapping[str, Optional[str]]] = None,
                 encoding: str = "auto", delimiter: str = "auto",
                 decimal: str = "auto", gazetteer: Optional[PathLike] = None,
                 gazetteer_layout: Optional[str] = None,
                 distance: float = DEFAULT_DISTANCE_KM,
                 districts: Optional[PathLike] = None,
                 country_aliases: Optional[PathLike] = None) -> ImportResult:
    """Imports a CSV list of city pairs (one tie per row, a header row):
    ``network, report = citynet.import_pairs("twin_cities.csv")``.

    Columns are found by their usual headers (city1, country1, lat1, lng1,
    city2, country2, lat2, lng2, start, end, weight, ref);
    ``columns={"source-city": "from", "weight": ""}`` names others ("" =
    no such column; keys as the command's ``--column``, see
    :data:`IMPORT_COLUMNS`). ``layer`` defaults to "sister"; ties are
    undirected unless ``directed``. ``encoding`` is auto, utf-8, latin-1
    or windows-1252; ``delimiter`` auto, comma, semicolon or tab (or the
    character); ``decimal`` auto, point or comma. ``gazetteer`` (a
    simplemaps or GeoNames CSV; ``gazetteer_layout`` auto, simplemaps or
    geonames) adds coordinates and population; ``distance`` (km, default
    50) separates same-named places; ``districts`` maps districts to their
    metropolis; ``country_aliases`` adds country names (CSV alias,iso3).

    Node ids are like "istanbul-tur"; each tie has a "count" attribute.
    A bad row never fails the import: it is rejected and listed in the
    report. Raises FileError (unreadable input, gazetteer or mapping
    file), DataError (no header, a required column missing, a malformed
    gazetteer or mapping file; ``.file``, ``.line``, ``.column``),
    UsageError (a bad option value), TypeError (wrong argument types).
    """
    options = _options(layer=layer, directed=directed, columns=columns,
                       encoding=encoding, delimiter=delimiter, decimal=decimal,
                       gazetteer=gazetteer, gazetteer_layout=gazetteer_layout,
                       distance=distance, districts=districts,
                       country_aliases=country_aliases, role_weights=None)
    return _run(lib.citynet_import_pairs, path, options)


def import_members(path: PathLike, *, layer: Optional[str] = None,
                   directed: bool = True,
                   columns: Optional[Mapping[str, Optional[str]]] = None,
                   encoding: str = "auto", delimiter: str = "auto",
                   decimal: str = "auto", gazetteer: Optional[PathLike] = None,
                   gazetteer_layout: Optional[str] = None,
                   distance: float = DEFAULT_DISTANCE_KM,
                   districts: Optional[PathLike] = None,
                   country_aliases: Optional[PathLike] = None,
                   role_weights: Optional[Mapping[str, float]] = None
                   ) -> ImportResult:
    """Imports a CSV list of memberships (city, country, organisation,
    optional role, start, end, weight, ref, lat, lng; a header row):
    ``network, report = citynet.import_members("members.csv")``.

    Makes "organisation" nodes (ids are the slug of the name, e.g.
    "eurocities") and one tie per row from the city to its organisation
    in the layer ``layer`` (default "member"), directed unless
    ``directed=False``, with a "role" attribute. The role sets the weight
    (member 1; observer, associate, partner 0.5; board, founder,
    vice-president 2; president 3) unless the row has a weight;
    ``role_weights={"board": 2.5}`` adds or overrides roles (weights
    finite and > 0). The other options and the errors are those of
    :func:`import_pairs`; the membership columns are "city", "country",
    "lat", "lon", "organisation", "role", "start", "end", "weight", "ref".
    """
    options = _options(layer=layer, directed=directed, columns=columns,
                       encoding=encoding, delimiter=delimiter, decimal=decimal,
                       gazetteer=gazetteer, gazetteer_layout=gazetteer_layout,
                       distance=distance, districts=districts,
                       country_aliases=country_aliases,
                       role_weights=role_weights)
    return _run(lib.citynet_import_members, path, options)
