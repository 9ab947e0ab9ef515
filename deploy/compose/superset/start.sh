#!/bin/bash
# Starts Superset (profile superset): migrates its metadata database, creates the admin, imports the dashboard export
# in deploy/superset/polyclinic-warehouse (the warehouse database with the read-only login warehouse_reader on ingest's
# database, its datasets, charts and dashboard) as a ZIP bundle with the login's real password put in, then serves
# on 8088.
set -euo pipefail
superset db upgrade
superset fab create-admin --username admin --firstname Polyclinic --lastname Admin \
  --email admin@polyclinic.local --password "${SUPERSET_ADMIN_PASSWORD}" || true
superset init
# The export holds the database's password masked, as Superset exports it; the bundle gets the real one (URL-encoded)
# in a private temporary directory, never in the mounted files.
bundle_dir=$(mktemp -d)
trap 'rm -rf "$bundle_dir"' EXIT
python - /app/polyclinic-dashboards/polyclinic-warehouse "$bundle_dir/polyclinic-warehouse.zip" <<'PY'
import os, pathlib, sys, zipfile
from urllib.parse import quote

source, target = pathlib.Path(sys.argv[1]), sys.argv[2]
password = quote(os.environ["WAREHOUSE_READER_PASSWORD"], safe="")
with zipfile.ZipFile(target, "w") as bundle:
    for path in sorted(source.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "databases":
            text = text.replace(":XXXXXXXXXX@", ":" + password + "@")
        bundle.writestr(f"{source.name}/{path.relative_to(source).as_posix()}", text)
PY
superset import-dashboards --path "$bundle_dir/polyclinic-warehouse.zip" --username admin
exec gunicorn --bind 0.0.0.0:8088 --workers 2 --timeout 120 --limit-request-line 0 --limit-request-field_size 0 \
  "superset.app:create_app()"
