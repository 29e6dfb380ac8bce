"""Builds the cffi extension ``citynet._citynet`` (API mode, out of line).

The declarations come from one file, ``citynet/_cdef.h``, copied by hand
from the public headers. The generated C includes ``<citynet/citynet.h>``,
so the compiler checks every declaration against the real prototypes.

Two ways to use this file:

* **setuptools** (``pyproject.toml``: ``cffi_modules =
  ["citynet_build.py:ffibuilder"]``) imports it and uses ``ffibuilder``,
  whose include and library paths come from ``pkg-config citynet`` (an
  installed libcitynet, or a build tree via ``PKG_CONFIG_PATH=
  build/meson-uninstalled``).
* **meson** runs ``python3 citynet_build.py --emit-c OUT.c``; this only
  writes the C source, and meson compiles it as an extension module with
  the library's own flags (include dirs, rpath to the build tree,
  sanitizers).

``python3 citynet_build.py --compile`` builds the module in place with the
pkg-config flags, for a quick manual build.
"""

import argparse
import os
import shlex
import subprocess
import sys

from cffi import FFI

HERE = os.path.dirname(os.path.abspath(__file__))
CDEF_PATH = os.path.join(HERE, "citynet", "_cdef.h")
MODULE_NAME = "citynet._citynet"
SOURCE = "#include <citynet/citynet.h>\n"


def read_cdef(path: str = CDEF_PATH) -> str:
    """Returns the cdef text; cffi's parser strips its C comments."""
    with open(path, encoding="utf-8") as f:
        return f.read()


def pkg_config_flags(package: str = "citynet") -> dict:
    """Returns set_source() keyword arguments from ``pkg-config``.

    Raises RuntimeError naming the package when pkg-config cannot find it.
    """
    def query(*args: str) -> list:
        try:
            out = subprocess.run(["pkg-config", *args, package], check=True,
                                 capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", "") or str(exc)
            raise RuntimeError(
                f"pkg-config cannot find {package!r} ({detail.strip()}); install "
                "libcitynet or set PKG_CONFIG_PATH (for a build tree: "
                "build/meson-uninstalled)") from exc
        return shlex.split(out)

    cflags = query("--cflags")
    libs = query("--libs")
    flags = {"include_dirs": [], "library_dirs": [], "libraries": [],
             "runtime_library_dirs": [], "extra_compile_args": [],
             "extra_link_args": []}
    for arg in cflags:
        if arg.startswith("-I"):
            flags["include_dirs"].append(arg[2:])
        else:
            flags["extra_compile_args"].append(arg)
    for arg in libs:
        if arg.startswith("-L"):
            flags["library_dirs"].append(arg[2:])
            # Keeps a build tree or a non-standard prefix loadable.
            if arg[2:] not in ("/usr/lib", "/usr/lib64", "/lib"):
                flags["runtime_library_dirs"].append(arg[2:])
        elif arg.startswith("-l"):
            flags["libraries"].append(arg[2:])
        else:
            flags["extra_link_args"].append(arg)
    return flags


def make_ffi(**source_kwargs) -> FFI:
    """Returns an FFI builder for ``citynet._citynet`` with the given
    set_source() keyword arguments (include_dirs, libraries, ...)."""
    ffi = FFI()
    ffi.cdef(read_cdef())
    ffi.set_source(MODULE_NAME, SOURCE, **source_kwargs)
    return ffi


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--emit-c", metavar="FILE",
                       help="write the extension's C source to FILE")
    group.add_argument("--compile", action="store_true",
                       help="compile the extension in place (pkg-config)")
    args = parser.parse_args(argv)
    if args.emit_c:
        ffi = make_ffi()
        ffi.emit_c_code(args.emit_c)
    else:
        ffi = make_ffi(**pkg_config_flags())
        ffi.compile(tmpdir=HERE, verbose=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
else:
    # setuptools' cffi_modules loads this file and takes ``ffibuilder``.
    ffibuilder = make_ffi(**pkg_config_flags())
