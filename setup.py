"""setup.py: the part of the Python package that pyproject.toml cannot say
with setuptools 66 (Debian 12): compiling ext/*.c into kpi/kpi.so.

The file is a SQLite extension, not a Python module, so it is named kpi.so
(SQLite derives the entry point sqlite3_kpi_init from that name) instead of
the kpi.cpython-311-x86_64-linux-gnu.so a Python extension would get.
"""

import glob
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

with open("VERSION", encoding="utf-8") as f:
    VERSION = f.read().strip()


class BuildKpi(build_ext):
    def get_ext_filename(self, fullname):
        name = super().get_ext_filename(fullname)
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        if name.endswith(suffix):
            name = name[: -len(suffix)] + ".so"
        return name

    def get_export_symbols(self, ext):
        return [BuildKpi.ENTRY]  # no PyInit_kpi: it is not a Python module

    ENTRY = "sqlite3_kpi_init"


setup(
    ext_modules=[
        Extension(
            "kpi.kpi",
            sources=sorted(glob.glob("ext/*.c")),
            depends=sorted(glob.glob("ext/*.h")) + ["VERSION"],
            define_macros=[
                ("_GNU_SOURCE", None),
                ("KPI_VERSION", '"%s"' % VERSION),
            ],
            extra_compile_args=["-std=c11"],
            extra_link_args=["-Wl,-soname,kpi.so"],
            libraries=["z", "m"],
        )
    ],
    cmdclass={"build_ext": BuildKpi},
)
