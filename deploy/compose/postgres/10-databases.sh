#!/usr/bin/env bash
# Runs once, when PostgreSQL starts on an empty data directory (docker-entrypoint-initdb.d): one database and one
# login per service, each login owning only its own database; nobody but the owner may connect to it. Passwords come
# from the container's environment (deploy/compose/.env); none is written to disk here.
set -euo pipefail

create_owned_database() {
  local name="$1" password="$2"
  if [ -z "$password" ]; then
    echo "10-databases.sh: no password for the database user '$name'" >&2
    exit 1
  fi
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
  # PostgreSQL 15+ gives PUBLIC no CREATE on schema public any more; the owner keeps it.
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$name" -v name="$name" <<'SQL'
ALTER SCHEMA public OWNER TO :"name";
SQL
}

create_owned_database identity "${IDENTITY_DB_PASSWORD:-}"
create_owned_database booking "${BOOKING_DB_PASSWORD:-}"
create_owned_database audit "${AUDIT_DB_PASSWORD:-}"
create_owned_database notifier "${NOTIFIER_DB_PASSWORD:-}"
create_owned_database orders "${ORDERS_DB_PASSWORD:-}"
create_owned_database ingest "${INGEST_DB_PASSWORD:-}"
# Superset's own metadata (users, charts, dashboards), used only with the superset profile.
create_owned_database superset "${SUPERSET_DB_PASSWORD:-}"

# The read-only login Superset queries the warehouse with. The warehouse (ingest's schema) does not exist yet; the
# ingest service grants this role SELECT on it when it creates it.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v password="${WAREHOUSE_READER_PASSWORD:?no password for warehouse_reader}" <<'SQL'
CREATE ROLE warehouse_reader LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
SQL
