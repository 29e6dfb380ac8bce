"""The binding outside the build tree: after `meson install`, and built the
standard way from bindings/python/pyproject.toml (pip, against the build
tree's uninstalled pkg-config file). Each imports citynet in a fresh
process that does not see the build tree and runs issue 6's acceptance
line on data/istanbul, comparing with the build tree's answer."""

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

import citynet
from conftest import ISTANBUL, SOURCE_ROOT

BUILD_ROOT = os.environ.get("CITYNET_BUILD_ROOT")

ACCEPTANCE = ("import citynet, sys; n = citynet.load(sys.argv[1]); "
              "print(repr(n.view(start='2019-06-23', end='2024-03-31')"
              ".centrality('pagerank').to_dict()['istanbul'])); "
              "print(citynet.__file__)")


def expected_value():
    n = citynet.load(ISTANBUL)
    return n.view(start="2019-06-23", end="2024-03-31") \
        .centrality("pagerank").to_dict()["istanbul"]


def clean_env(**extra):
    """The test environment without the build tree's package on the path."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(extra)
    return env


def run_acceptance(env, cwd):
    result = subprocess.run([sys.executable, "-c", ACCEPTANCE, str(ISTANBUL)],
                            capture_output=True, text=True, env=env, cwd=cwd,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    value, location = result.stdout.split()
    return float(value), location


@pytest.fixture
def build_root():
    if os.environ.get("CITYNET_SANITIZED"):
        pytest.skip("installing and compiling outside the build tree is not "
                    "checked under sanitizers (an uninstrumented build would "
                    "load the instrumented library)")
    if not BUILD_ROOT or not (ISTANBUL / "nodes.csv").exists():
        pytest.skip("CITYNET_BUILD_ROOT is not set or data/istanbul is absent "
                    "(run through meson test)")
    return BUILD_ROOT


def test_meson_install(build_root, tmp_path):
    meson = shutil.which("meson")
    if meson is None:
        pytest.skip("meson is not on PATH")
    dest = tmp_path / "dest"
    result = subprocess.run([meson, "install", "-C", build_root, "--no-rebuild",
                             "--quiet", "--destdir", str(dest)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    packages = [p.parent for p in dest.rglob("citynet/__init__.py")]
    assert len(packages) == 1, packages
    package = packages[0]
    assert list(package.glob("_citynet*.so")), "the extension was not installed"
    libraries = {p.parent for p in dest.rglob("libcitynet.so.0")}
    assert len(libraries) == 1, libraries
    # A DESTDIR install is not at its prefix: point the loader at it.
    env = clean_env(PYTHONPATH=str(package.parent),
                    LD_LIBRARY_PATH=str(libraries.pop()))
    value, location = run_acceptance(env, tmp_path)
    assert location == str(package / "__init__.py")
    assert value == expected_value()


def test_pip_wheel_from_pyproject(build_root, tmp_path):
    if not all(importlib.util.find_spec(m) for m in ("pip", "setuptools", "wheel")):
        pytest.skip("pip, setuptools or wheel is missing (Debian: python3-pip "
                    "python3-setuptools python3-wheel)")
    uninstalled = os.path.join(build_root, "meson-uninstalled")
    if not os.path.exists(os.path.join(uninstalled, "citynet-uninstalled.pc")):
        pytest.skip(f"{uninstalled}/citynet-uninstalled.pc is absent")
    # A copy, so that setuptools' egg-info and build directories stay out
    # of the source tree.
    source = tmp_path / "src"
    shutil.copytree(SOURCE_ROOT / "bindings" / "python", source,
                    ignore=shutil.ignore_patterns("build", "*.egg-info",
                                                  "__pycache__"))
    wheels = tmp_path / "wheels"
    env = clean_env(PKG_CONFIG_PATH=uninstalled)
    result = subprocess.run([sys.executable, "-m", "pip", "wheel",
                             "--no-build-isolation", "--no-deps", "--no-index",
                             "-w", str(wheels), str(source)],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    built = list(wheels.glob("citynet-*.whl"))
    assert len(built) == 1, built
    target = tmp_path / "site"
    with zipfile.ZipFile(built[0]) as archive:
        names = archive.namelist()
        assert "citynet/py.typed" in names
        assert any(name.startswith("citynet/_citynet") and name.endswith(".so")
                   for name in names)
        archive.extractall(target)
    # The extension links the build tree's libcitynet with an rpath from
    # pkg-config, so only the package directory goes on the path.
    value, location = run_acceptance(clean_env(PYTHONPATH=str(target)), tmp_path)
    assert location == str(target / "citynet" / "__init__.py")
    assert value == expected_value()
    modules = {f"citynet/{p.name}" for p in
               (SOURCE_ROOT / "bindings" / "python" / "citynet").glob("*.py")}
    assert modules <= set(names), sorted(modules - set(names))
