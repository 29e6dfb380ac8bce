"""The binding's surface: the cdef matches the public headers, versions
agree, every public name is documented, and errors convert correctly."""

import inspect
import re

import pytest

import citynet
from citynet import errors
from conftest import SOURCE_ROOT

HEADERS = SOURCE_ROOT / "include" / "citynet"
CDEF = SOURCE_ROOT / "bindings" / "python" / "citynet" / "_cdef.h"
BOUND_HEADERS = ["common.h", "network.h", "view.h", "io.h", "composition.h",
                 "analytics.h", "communities.h", "projection.h", "ego.h",
                 "alignment.h", "import.h", "figure.h"]
GLIB_FUNCTIONS = {"g_error_free", "g_free", "g_strfreev"}

FUNCTION = re.compile(r"\b(citynet_\w+|g_\w+)\s*\(")


def header_functions(name):
    text = (HEADERS / name).read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    names = set()
    for decl in text.split(";"):
        if "CITYNET_API" in decl:
            match = FUNCTION.search(decl)
            assert match, decl
            names.add(match.group(1))
    return names


def cdef_functions():
    text = re.sub(r"/\*.*?\*/", "", CDEF.read_text(encoding="utf-8"), flags=re.S)
    return {m.group(1) for m in FUNCTION.finditer(text)}


def test_cdef_declares_only_public_functions():
    public = set().union(*(header_functions(h) for h in BOUND_HEADERS))
    extra = cdef_functions() - public - GLIB_FUNCTIONS
    assert not extra, f"declared in _cdef.h but not public: {sorted(extra)}"


def test_cdef_covers_bound_headers():
    missing = set().union(*(header_functions(h) for h in BOUND_HEADERS)) \
        - cdef_functions()
    assert not missing, f"public functions without a binding: {sorted(missing)}"


def test_every_umbrella_header_is_bound():
    umbrella = re.sub(r"/\*.*?\*/", "", (HEADERS / "citynet.h").read_text(
        encoding="utf-8"), flags=re.S)
    included = set(re.findall(r"#include <citynet/(\w+\.h)>", umbrella))
    assert included - {"version.h"} == set(BOUND_HEADERS)


def test_every_library_function_resolves():
    for name in cdef_functions():
        assert hasattr(citynet._lib, name), name


def test_versions_agree():
    meson = (SOURCE_ROOT / "meson.build").read_text(encoding="utf-8")
    project_version = re.search(r"version\s*:\s*'([^']+)'", meson).group(1)
    pyproject = (SOURCE_ROOT / "bindings" / "python" /
                 "pyproject.toml").read_text(encoding="utf-8")
    package_version = re.search(r'^version = "([^"]+)"', pyproject,
                                re.M).group(1)
    assert citynet.__version__ == project_version == package_version
    assert citynet.library_version == project_version


def test_public_names_documented():
    for name in citynet.__all__:
        obj = getattr(citynet, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), name
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                if inspect.isfunction(member) or isinstance(member, property):
                    assert inspect.getdoc(member), f"{name}.{attr}"
    for seq in (citynet.network.NodeSeq, citynet.network.TieSeq,
                citynet.network.CountrySeq, citynet.view.VertexSeq,
                citynet.view.EdgeSeq, citynet.view.ViewTieSeq):
        assert inspect.getdoc(seq)


def test_error_hierarchy():
    assert issubclass(citynet.FileError, OSError)
    assert issubclass(citynet.DataError, ValueError)
    assert issubclass(citynet.UsageError, ValueError)
    assert issubclass(citynet.NotFoundError, LookupError)
    assert issubclass(citynet.AmbiguousError, LookupError)
    assert issubclass(citynet.ComputationError, RuntimeError)
    for cls in (citynet.FileError, citynet.DataError, citynet.UsageError,
                citynet.NotFoundError, citynet.AmbiguousError,
                citynet.ComputationError):
        assert issubclass(cls, citynet.CitynetError)
    e = citynet.DataError("ties.csv:3:2: x", code=2, file="ties.csv", line=3,
                          column=2, count=1)
    assert str(e) == "ties.csv:3:2: x"
    import pickle
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is citynet.DataError
    assert (back.file, back.line, back.column, back.count) == ("ties.csv", 3, 2, 1)
    f = citynet.FileError("cannot read", code=1, file="nodes.csv")
    assert str(f) == "cannot read" and f.filename == "nodes.csv"


def test_check_frees_and_clears():
    ffi, lib = citynet._ffi, citynet._lib
    err = ffi.new("GError **")
    errors.check(err)  # NULL: nothing happens
    out = ffi.new("CitynetDate *")
    assert not lib.citynet_date_parse(b"2019-13", out, err)
    assert err[0] != ffi.NULL
    with pytest.raises(citynet.UsageError) as info:
        errors.check(err)
    assert err[0] == ffi.NULL
    assert info.value.code == lib.CITYNET_ERROR_INVALID_ARGUMENT
    assert "2019-13" in str(info.value)
