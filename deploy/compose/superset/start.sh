#!/bin/bash
# Starts Superset (profile superset): migrates its metadata database, creates the admin, registers the warehouse
# database (read-only login warehouse_reader on ingest's database) and imports the dashboards exported to
# deploy/superset/*.zip (added with the ingest service; none yet), then serves on 8088.
set -euo pipefail
superset db upgrade
superset fab create-admin --username admin --firstname Polyclinic --lastname Admin \
  --email admin@polyclinic.local --password "${SUPERSET_ADMIN_PASSWORD}" || true
superset init
superset set-database-uri --database_name warehouse \
  --uri "postgresql+psycopg2://warehouse_reader:${WAREHOUSE_READER_PASSWORD}@postgres:5432/ingest" || true
shopt -s nullglob
for bundle in /app/polyclinic-dashboards/*.zip; do
  superset import-dashboards --path "$bundle" --username admin
done
exec gunicorn --bind 0.0.0.0:8088 --workers 2 --timeout 120 --limit-request-line 0 --limit-request-field_size 0 \
  "superset.app:create_app()"
