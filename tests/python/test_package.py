"""The Python package (python/kpi, pyproject.toml), as installed by pip.

    build/venv/bin/python -m unittest discover -s tests/python -v

tests/integration/run.sh installs the package into a virtual environment
and runs this file with its Python, from another folder, so that `kpi`
comes from site-packages and not from the source tree.

KPI_NOEXT_PYTHON, when set, is a Python whose sqlite3 cannot load
extensions (pyenv's build without --enable-loadable-sqlite-extensions):
the package's LoadError is then checked on the real thing too.
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import kpi

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))


class Package(unittest.TestCase):
    def test_loadable_path(self):
        # sqlite-vec's convention: absolute, inside the package, no suffix.
        path = kpi.loadable_path()
        self.assertTrue(os.path.isabs(path))
        self.assertEqual(os.path.basename(path), "kpi")
        self.assertEqual(os.path.dirname(path),
                         os.path.dirname(os.path.abspath(kpi.__file__)))
        self.assertTrue(os.path.isfile(path + ".so"))

    def test_installed_not_source(self):
        # The test must exercise what pip installed.
        self.assertFalse(kpi.__file__.startswith(os.path.join(ROOT, "kpi")))

    def test_version(self):
        with open(os.path.join(ROOT, "VERSION"), encoding="utf-8") as f:
            want = f.read().strip()
        self.assertEqual(kpi.__version__, want)
        conn = sqlite3.connect(":memory:")
        kpi.load(conn)
        self.assertEqual(conn.execute("SELECT kpi_version()").fetchone(),
                         (want,))

    def test_load_from_other_folder(self):
        # 3 clicks on 100 impressions: 3 / 100 = 0.03. engagement_rate over
        # two posts (10 of 200, 30 of 200) is the ratio of sums 40 / 400.
        old = os.getcwd()
        with tempfile.TemporaryDirectory() as tmp:
            os.chdir(tmp)
            try:
                conn = sqlite3.connect(":memory:")
                kpi.load(conn)
                self.assertEqual(
                    conn.execute("SELECT ctr(3, 100)").fetchone(), (0.03,))
                self.assertEqual(conn.execute(
                    "SELECT engagement_rate(e, i) FROM (SELECT 10 AS e, "
                    "200 AS i UNION ALL SELECT 30, 200)").fetchone(), (0.1,))
            finally:
                os.chdir(old)

    def test_errors_reach_python(self):
        conn = sqlite3.connect(":memory:")
        kpi.load(conn)
        with self.assertRaises(sqlite3.OperationalError) as cm:
            conn.execute("SELECT nps(11)").fetchone()
        self.assertEqual(str(cm.exception),
                         "nps: score 11 is outside 0..10 in argument 1")

    def test_loading_turned_off_again(self):
        # load() leaves the SQL function load_extension() refused.
        conn = sqlite3.connect(":memory:")
        kpi.load(conn)
        with self.assertRaises(sqlite3.OperationalError) as cm:
            conn.execute("SELECT load_extension(?)",
                         (kpi.loadable_path(),)).fetchone()
        self.assertEqual(str(cm.exception), "not authorized")

    def test_source_tree(self):
        # In the repository root, `import kpi` is the kpi/ folder (not the
        # root's kpi.so as a Python module) and loads the kpi.so of make.
        if not os.path.isfile(os.path.join(ROOT, "kpi.so")):
            self.skipTest("kpi.so not built at the root (make)")
        code = ("import sqlite3, kpi\n"
                "conn = sqlite3.connect(':memory:')\n"
                "kpi.load(conn)\n"
                "print(kpi.loadable_path(), "
                "conn.execute('SELECT ctr(3, 100)').fetchone()[0])\n")
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        run = subprocess.run([sys.executable, "-c", code], cwd=ROOT,
                             env=env, capture_output=True, text=True)
        self.assertEqual(run.stderr, "")
        self.assertEqual(run.stdout, os.path.join(ROOT, "kpi") + " 0.03\n")

    def test_no_extension_loading(self):
        class NoExtConnection:  # what such a Python's sqlite3 gives
            def execute(self, sql):
                raise AssertionError("not reached")

        with self.assertRaises(kpi.LoadError) as cm:
            kpi.load(NoExtConnection())
        msg = str(cm.exception)
        for hint in ("/usr/bin/python3", "pysqlite3", "apsw",
                     "--enable-loadable-sqlite-extensions"):
            self.assertIn(hint, msg)

    @unittest.skipUnless(os.environ.get("KPI_NOEXT_PYTHON"),
                         "KPI_NOEXT_PYTHON not set")
    def test_real_python_without_extension_loading(self):
        exe = os.environ["KPI_NOEXT_PYTHON"]
        site = os.path.dirname(os.path.dirname(os.path.abspath(
            kpi.__file__)))
        code = ("import sqlite3, kpi\n"
                "assert not hasattr(sqlite3.connect(':memory:'),"
                " 'enable_load_extension')\n"
                "kpi.load(sqlite3.connect(':memory:'))\n")
        env = dict(os.environ, PYTHONPATH=site)
        run = subprocess.run([exe, "-c", code], env=env,
                             capture_output=True, text=True)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("kpi.LoadError: " + kpi.NO_EXTENSIONS, run.stderr)

    def test_apsw(self):
        try:
            import apsw
        except ImportError:
            self.skipTest("apsw not installed (Debian: python3-apsw)")
        conn = apsw.Connection(":memory:")
        kpi.load(conn)
        self.assertEqual(list(conn.cursor().execute("SELECT ctr(3, 100)")),
                         [(0.03,)])


if __name__ == "__main__":
    unittest.main()
