#!/usr/bin/python3
"""notebook.py: the weekly support KPIs from Python, with kpi loaded.

    make && /usr/bin/python3 examples/notebook.py [chart.png]

Loads kpi into Python's sqlite3, imports the sample exports of
examples/exports/ through sql/schema.sql and sql/import/*.sql, reads the
view v_conversations_weekly of sql/views.sql and prints it; with pandas
installed it comes back as a DataFrame, without it as plain rows. With
matplotlib installed it also saves a chart of the weekly median first
response time on X per language (frt_by_language.png by default).

It needs a Python whose sqlite3 can load extensions: Debian's and
Ubuntu's /usr/bin/python3 can; python.org's macOS build and a pyenv build
without --enable-loadable-sqlite-extensions cannot.
"""

import os
import sqlite3
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPORTS = os.path.join(ROOT, "examples", "exports")

# The kpi_csv table each import file reads, and the sample it reads from
# (examples/load_samples.sql does the same in the sqlite3 shell).
IMPORTS = [
    ("x_tweet_activity", "tweet_activity_metrics_*.csv"),
    ("facebook_hootsuite", "facebook_post_performance_*.csv"),
    ("zendesk_tickets", "zendesk_tickets_2025-03.csv"),
    ("nps_survey", "nps_survey_2025-03.csv"),
    ("twcs", "twcs_sample.csv"),
    ("ab_udacity", "ab_data_help_widget.csv"),
]
ACCOUNTS = [("x", "kpidemo", "en"), ("x", "kpidemo_fr", "fr"),
            ("facebook", "KPI Demo", "en"),
            ("facebook", "KPI Démo France", "fr"),
            ("x", "kpidemo_help", "en"), ("x", "kpidemo_aide", "fr"),
            ("zendesk", "Support EN", "en"), ("zendesk", "Support FR", "fr")]


def read_sql(name):
    with open(os.path.join(ROOT, "sql", name), encoding="utf-8") as f:
        return f.read()


def connect():
    con = sqlite3.connect(":memory:")
    if not hasattr(con, "enable_load_extension"):
        sys.exit("notebook.py: this Python's sqlite3 cannot load extensions;"
                 " use Debian's /usr/bin/python3")
    con.enable_load_extension(True)
    con.load_extension(os.path.join(ROOT, "kpi"))
    con.enable_load_extension(False)
    con.executescript(read_sql("schema.sql"))
    con.executemany("INSERT INTO accounts VALUES (?, ?, ?)", ACCOUNTS)
    for table, pattern in IMPORTS:
        # kpi_csv takes its options as SQL text: quote the path for it.
        path = os.path.join(EXPORTS, pattern).replace("'", "''")
        con.execute(f"CREATE VIRTUAL TABLE temp.{table} "
                    f"USING kpi_csv(filename='{path}')")
        con.executescript(read_sql(os.path.join("import", table + ".sql")))
        con.execute(f"DROP TABLE temp.{table}")
    con.executescript(read_sql("views.sql"))
    return con


QUERY = """
SELECT week, channel, language, conversations,
       round(100 * response_rate, 1) AS answered_pct,
       round(frt_median_min, 1) AS frt_median_min,
       round(frt_p90_min, 1) AS frt_p90_min,
       round(frt_bh_median_min, 1) AS frt_bh_median_min,
       round(100 * resolution_rate, 1) AS resolved_pct,
       round(100 * csat, 1) AS csat_pct
FROM v_conversations_weekly
ORDER BY channel, language, week
"""


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "frt_by_language.png"
    con = connect()
    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        df = pd.read_sql_query(QUERY, con)
        print(df.to_string(index=False))
        x = df[df.channel == "x"]
        series = {lang: (list(g.week), list(g.frt_median_min))
                  for lang, g in x.groupby("language")}
    else:
        cur = con.execute(QUERY)
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        print("  ".join(names))
        for r in rows:
            print("  ".join("" if v is None else str(v) for v in r))
        series = {}
        for r in rows:
            rec = dict(zip(names, r))
            if rec["channel"] == "x":
                weeks, frt = series.setdefault(rec["language"], ([], []))
                weeks.append(rec["week"])
                frt.append(rec["frt_median_min"])
    try:
        import matplotlib
        matplotlib.use("Agg")  # no display needed
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no chart")
        return
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for lang, (weeks, frt) in sorted(series.items()):
        ax.plot(weeks, frt, marker="o", label=lang)
    ax.set_title("Median first response time on X, by week")
    ax.set_xlabel("week (Monday)")
    ax.set_ylabel("minutes")
    ax.set_ylim(bottom=0)
    ax.legend(title="language")
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    print("chart:", out)


if __name__ == "__main__":
    main()
