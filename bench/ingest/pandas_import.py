"""The path Superset's upload takes, for bench/ingest.sh: pandas read_excel (openpyxl) + DataFrame.to_sql.

Usage: /usr/bin/python3 pandas_import.py FILE.xlsx postgresql+psycopg2://USER@HOST:PORT/DB TABLE
Prints one line: rows=<n> seconds=<from process start to to_sql's return> max_rss_kb=<peak RSS>.
Needs Debian's python3-pandas, python3-openpyxl, python3-sqlalchemy, python3-psycopg2.
"""
import time

START = time.monotonic()

import resource  # noqa: E402
import sys  # noqa: E402

import pandas as pd  # noqa: E402
import sqlalchemy  # noqa: E402


def main():
    path, url, table = sys.argv[1], sys.argv[2], sys.argv[3]
    frame = pd.read_excel(path, engine="openpyxl")
    engine = sqlalchemy.create_engine(url)
    # Superset's upload writes with DataFrame.to_sql in chunks; 1,000 rows per INSERT batch here.
    frame.to_sql(table, engine, if_exists="replace", index=False, chunksize=1000)
    elapsed = time.monotonic() - START
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"rows={len(frame)} seconds={elapsed:.2f} max_rss_kb={rss}")


if __name__ == "__main__":
    main()
