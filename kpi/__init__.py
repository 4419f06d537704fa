"""kpi: social-media and support KPIs as SQL, for Python's SQLite.

    import sqlite3
    import kpi

    conn = sqlite3.connect("kpi_dashboard.db")
    kpi.load(conn)
    conn.execute("SELECT ctr(3, 100)").fetchone()   # (0.03,)

The package carries kpi.so, compiled from the repository's ext/*.c when it
was installed (pip install .); imported from the repository itself (this
folder is at its root, so that `import kpi` there finds the package and
not the root's kpi.so) it uses the kpi.so that make built. In sqlite-vec's
convention:

- loadable_path() is the absolute path of that file without its ".so", the
  form load_extension() takes (SQLite adds the suffix and derives the entry
  point sqlite3_kpi_init from the name).
- load(conn) loads it into a connection of the standard sqlite3 module, of
  pysqlite3 (the same interface) or of apsw. For sqlite3 and pysqlite3 it
  turns extension loading on for the call and off again afterwards, so the
  SQL function load_extension() stays refused, as on a fresh connection.

A Python whose sqlite3 was built without extension loading (python.org's
macOS installer, pyenv without --enable-loadable-sqlite-extensions) has
connections without enable_load_extension; load() then raises LoadError
saying what to use instead.
"""

import os

__all__ = ["LoadError", "loadable_path", "load", "__version__"]

try:
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("sqlite-kpi")
    except PackageNotFoundError:  # imported from a source tree
        __version__ = None
except ImportError:  # Python < 3.8
    __version__ = None

ENTRY_POINT = "sqlite3_kpi_init"


class LoadError(RuntimeError):
    """kpi cannot be loaded into this connection (see the message)."""


NO_EXTENSIONS = (
    "kpi.load: this Python's sqlite3 module cannot load extensions (its "
    "connections have no enable_load_extension; it was built without "
    "--enable-loadable-sqlite-extensions). Use a Python that can: Debian's "
    "or Ubuntu's /usr/bin/python3, or one built with "
    "PYTHON_CONFIGURE_OPTS=--enable-loadable-sqlite-extensions; or connect "
    "with pysqlite3 (pip install pysqlite3-binary; "
    "from pysqlite3 import dbapi2 as sqlite3) or apsw (pip install apsw, "
    "Debian: python3-apsw), whose connections kpi.load also takes."
)


def loadable_path():
    """The path of this package's kpi.so without ".so", for load_extension.

    In the repository, where pip has not built the package's own kpi.so,
    it is the kpi.so that make builds at the root, beside this folder.
    """
    here = os.path.dirname(os.path.abspath(__file__))
    own = os.path.join(here, "kpi")
    root = os.path.dirname(here)
    if not os.path.isfile(own + ".so") and os.path.isfile(
        os.path.join(root, "ext", "kpi.c")
    ):
        return os.path.join(root, "kpi")
    return own


def _check_file(path):
    if not os.path.isfile(path + ".so"):
        raise LoadError(
            "kpi.load: %s.so is missing: install the package with "
            "'pip install --no-build-isolation .' from the repository (it "
            "compiles ext/*.c), or run make there" % path
        )


def load(conn):
    """Load kpi into conn (sqlite3, pysqlite3 or apsw connection)."""
    path = loadable_path()
    enable = getattr(conn, "enable_load_extension", None)
    if enable is not None:
        _check_file(path)
        enable(True)
        try:
            conn.load_extension(path)
        finally:
            enable(False)
        return
    if hasattr(conn, "enableloadextension") and hasattr(conn, "loadextension"):
        # apsw: the same C calls under other names; its loadextension takes
        # the entry point.
        _check_file(path)
        conn.enableloadextension(True)
        try:
            conn.loadextension(path, ENTRY_POINT)
        finally:
            conn.enableloadextension(False)
        return
    raise LoadError(NO_EXTENSIONS)
