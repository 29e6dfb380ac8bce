"""setuptools entry point: only adds the cffi extension (cffi_modules),
which pyproject.toml cannot declare; all metadata is in pyproject.toml."""

from setuptools import setup

setup(cffi_modules=["citynet_build.py:ffibuilder"])
