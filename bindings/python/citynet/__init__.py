"""citynet: analysis of intercity networks (Python binding of libcitynet).

Quick tour::

    import citynet
    n = citynet.load("data/istanbul")          # a bundle directory
    n.find("istanbul")                         # -> Node(...)
    v = n.view(start="2019-06-23", end="2024-03-31")
    c = v.composition("istanbul")              # a Table of rows
    c.select("group")                          # rows by partner group
    c.to_pandas()                              # needs pandas

Errors raise :class:`CitynetError` subclasses (:mod:`citynet.errors`).
Every C call releases the GIL, so loading and view building in threads run
in parallel with other Python code. See docs/python.md.
"""

from ._citynet import ffi as _ffi, lib as _lib
from .alignment import (EI_LEVELS, INTERVALS, UNITS, Affinity, AffinitySide,
                        Alignment, AlignmentSummary, AlignmentTotals,
                        AppliedAgreement, BlauComparison, Diversity,
                        DiversityRow, EIComparison, EIComparisonRow, EIIndex,
                        EIRow, GroupComposition, GroupCompositionRow,
                        GroupCompositionTotals, ProfileRow, SummaryRow,
                        TestResult, UnAgreement, UnAgreementRow, UnVoteCountry,
                        UnVotes)
from .analytics import (CENTRALITY_MEASURES, CENTRALITY_MODES,
                        LENGTH_RULES, UNDEFINED_RULES, CentralityOptions)
from .communities import (COMMUNITY_METHODS, COMPARISON_MEASURES,
                          LEIDEN_STARTS, Assortativity, AssortativityRow,
                          Communities, ComparisonRow, LabelRow, LabelStats,
                          MixingCell, MixingMatrix, PartitionComparison)
from .composition import (DIMENSIONS, Composition, CompositionRow,
                          CompositionTotals)
from .dates import date_active, date_overlaps, first_day, last_day, normalize_date
from .ego import (BROKERAGE_ROLES, BROKERAGE_STATS, EGO_MEASURES, EGO_MODES,
                  HOLES_MEASURES, HOLES_MODELS, Brokerage, BrokerageGlobal,
                  BrokerageGlobalRow, BrokerageRow, EgoMeasureRow, EgoMeasures,
                  HolesRow, StructuralHoles)
from .figure import (FIGURE_FORMATS, FIGURE_KINDS, Figure, FigureLabel,
                     FigureText)
from .importers import (AmbiguousPlace, CountryValue, DistrictMerge,
                        ImportReport, ImportResult, NameMerge, RejectedRow,
                        SplitPlace, UnmatchedCountry, country_name,
                        import_members, import_pairs, resolve_country)
from .errors import (AmbiguousError, CancelledError, CitynetError,
                     ComputationError, DataError, FileError, NotFoundError,
                     UsageError)
from .network import (Country, GroupSpell, Network, Node, Problem, Tie, load,
                      validate)
from .nx import from_networkx
from .partition import MISSING_LABEL, Partition, PartitionRow
from .projection import (PROJECTION_METHODS, Projection, ProjectionPair,
                         ProjectionPairs, ProjectionStats)
from .scores import ScoreRow, Scores
from .table import Table
from .view import COMBINE_RULES, DIRECTIONS, Edge, View

#: Version of the libcitynet shared library in use, e.g. "0.1.0".
library_version: str = _ffi.string(_lib.citynet_version()).decode()
#: Version of the headers the binding was compiled against.
header_version = (_lib.CITYNET_MAJOR_VERSION, _lib.CITYNET_MINOR_VERSION,
                  _lib.CITYNET_MICRO_VERSION)
__version__ = ".".join(str(part) for part in header_version)

# The handler installed with set_progress_handler(); kept referenced so the
# C callback stays valid while the library may call it.
_progress_callback = None


def set_progress_handler(func=None) -> None:
    """Installs ``func(fraction, what) -> bool`` as the library-wide
    progress handler for long computations (permutation tests, betweenness
    on large views, imports, loading); returning False cancels the
    computation, which then raises CancelledError. ``None`` removes it.
    The handler may be called from library worker threads; it runs with the
    GIL held and must not call back into citynet."""
    global _progress_callback
    if func is None:
        _lib.citynet_set_progress_handler(_ffi.NULL, _ffi.NULL)
        _progress_callback = None
        return
    if not callable(func):
        raise TypeError("the progress handler must be callable or None")

    def trampoline(fraction, what, _user_data):
        label = _ffi.string(what).decode("utf-8", "replace") if what else ""
        return 1 if func(float(fraction), label) is not False else 0

    callback = _ffi.callback("CitynetProgressFunc", trampoline, onerror=lambda *a: 0)
    _lib.citynet_set_progress_handler(callback, _ffi.NULL)
    _progress_callback = callback


__all__ = [
    "set_progress_handler", "CancelledError",
    "load", "validate", "from_networkx",
    "Network", "View", "Table", "Composition", "Scores", "ScoreRow",
    "Partition", "PartitionRow", "MISSING_LABEL",
    "CentralityOptions", "CENTRALITY_MEASURES", "CENTRALITY_MODES",
    "LENGTH_RULES", "UNDEFINED_RULES",
    "Projection", "ProjectionStats", "ProjectionPair", "ProjectionPairs",
    "PROJECTION_METHODS",
    "Communities", "PartitionComparison", "ComparisonRow", "Assortativity",
    "AssortativityRow", "MixingMatrix", "MixingCell", "LabelStats", "LabelRow",
    "COMMUNITY_METHODS",
    "LEIDEN_STARTS", "COMPARISON_MEASURES",
    "import_pairs", "import_members", "ImportResult", "ImportReport",
    "NameMerge", "UnmatchedCountry", "AmbiguousPlace", "SplitPlace",
    "DistrictMerge", "CountryValue", "RejectedRow", "resolve_country",
    "country_name",
    "Figure", "FigureText", "FigureLabel", "FIGURE_KINDS", "FIGURE_FORMATS",
    "EgoMeasures", "EgoMeasureRow", "StructuralHoles", "HolesRow",
    "Brokerage", "BrokerageRow", "BrokerageGlobal", "BrokerageGlobalRow",
    "EGO_MEASURES", "EGO_MODES", "HOLES_MEASURES", "HOLES_MODELS",
    "BROKERAGE_ROLES", "BROKERAGE_STATS",
    "GroupComposition", "GroupCompositionRow", "GroupCompositionTotals",
    "Diversity", "DiversityRow", "EIIndex", "EIRow", "Alignment", "ProfileRow",
    "AlignmentTotals", "BlauComparison", "EIComparison", "EIComparisonRow",
    "Affinity", "AffinitySide", "AlignmentSummary", "SummaryRow", "TestResult",
    "UnVotes", "UnVoteCountry", "UnAgreement", "UnAgreementRow",
    "AppliedAgreement", "UNITS", "INTERVALS", "EI_LEVELS",
    "Node", "Tie", "Country", "GroupSpell", "Problem", "Edge",
    "CompositionRow", "CompositionTotals",
    "date_active", "date_overlaps", "first_day", "last_day", "normalize_date",
    "CitynetError", "FileError", "DataError", "UsageError", "NotFoundError",
    "AmbiguousError", "ComputationError",
    "DIRECTIONS", "COMBINE_RULES", "DIMENSIONS",
    "library_version", "header_version", "__version__",
]
