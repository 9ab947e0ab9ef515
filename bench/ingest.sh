#!/usr/bin/env bash
# Ingest benchmark, one command: bench/ingest.sh
#
# Generates a $BENCH_ROWS-row (default 1,000,000), 6-column clinic_visits .xlsx with the fastexcel writer
# (bench/ingest/VisitsFiles.java) and a CSV of about $BENCH_CSV_MB MB (default 95, under the 100 MB upload limit);
# starts the dev stack without the ingest service (POLYCLINIC_DEV_EXTERNAL=ingest) in a fresh data directory on ports
# away from the defaults, then the ingest service as its own JVM (ServiceLauncher) with -Xmx512m and the JVM flags its
# deployments give it (JAVA_OPTS of deploy/compose/env/ingest.env: the Parallel GC); then measures:
#   1. the service: POST /api/v1/imports (multipart, dataset clinic_visits) of the .xlsx, timed from the upload
#      request to the job's SUCCEEDED (polled every 0.2 s), rows/s, the JVM's peak RSS (VmHWM);
#   2. pandas, the path Superset's upload takes: /usr/bin/python3 bench/ingest/pandas_import.py (read_excel with
#      openpyxl + DataFrame.to_sql) into the same PostgreSQL, timed from process start to to_sql's return, its peak RSS;
#   3. the CSV through the service, timed the same way.
# Before each timed step it waits (at most 180 s) until the machine is quiet (bench_wait_quiet in bench/lib.sh).
# Prints a markdown report (also written to <run>/report.md) with both times, rows/s, peak RSS and the ratio, and stops
# everything it started. The ingest service listens on 8085 here too: no other dev stack may run meanwhile.
# Needs JDK 21+, curl, jq, psql and Debian's python3-pandas, python3-openpyxl, python3-sqlalchemy, python3-psycopg2
# (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

var_root="${BENCH_VAR_DIR:-var/bench-ingest}"
pg_port="${BENCH_PG_PORT:-55449}"
gateway_port="${BENCH_GATEWAY_PORT:-28380}"
identity_port="${BENCH_IDENTITY_PORT:-28381}"
booking_port="${BENCH_BOOKING_PORT:-28382}"
notifier_port="${BENCH_NOTIFIER_PORT:-28384}"
kafka_port="${BENCH_KAFKA_PORT:-29392}"
ingest_port=8085
rows="${BENCH_ROWS:-1000000}"
csv_mb="${BENCH_CSV_MB:-95}"
heap="${BENCH_HEAP:-512m}"
jvm_opts="$(sed -n 's/^JAVA_OPTS=//p' deploy/compose/env/ingest.env)"
start_timeout="${BENCH_START_TIMEOUT:-900}"
job_timeout="${BENCH_JOB_TIMEOUT:-1800}"

missing=()
command -v psql > /dev/null || missing+=(postgresql-client)
command -v jq > /dev/null || missing+=(jq)
command -v curl > /dev/null || missing+=(curl)
/usr/bin/python3 -c 'import pandas, openpyxl, sqlalchemy, psycopg2' 2> /dev/null \
  || missing+=(python3-pandas python3-openpyxl python3-sqlalchemy python3-psycopg2)
bench_install_missing "${missing[@]}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

bench_new_run "$var_root"

echo "Generating $rows rows (.xlsx) and a ${csv_mb} MB CSV in $work" >&2
./mvnw -q -pl libs/spreadsheet dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" > "$work/cp.log" 2>&1 \
  || { cat "$work/cp.log" >&2; exit 1; }
"$java_bin" -cp "$(cat "$work/cp.txt")" bench/ingest/VisitsFiles.java xlsx "$work/visits.xlsx" "$rows"
csv_rows=$("$java_bin" -cp "$(cat "$work/cp.txt")" bench/ingest/VisitsFiles.java csv "$work/visits.csv" \
  $((csv_mb * 1000 * 1000)))

bench_start_stack ingest

echo "Starting the ingest service as its own JVM with -Xmx$heap $jvm_opts (log: $work/ingest.log)" >&2
bench_start_service "$work/ingest.log" "-Dspring-boot.run.jvmArguments=-Xmx$heap $jvm_opts" \
  "-Dspring-boot.run.arguments=ingest"
wait_for "$work/ingest.log" "Started ServiceLauncher\|Started IngestApplication" "$service" "The ingest service"
ingest_jvm=$(pgrep -s "$service" -f io.polyclinic.dev.ServiceLauncher | head -1)

token=$(bench_admin_token)

import_file() { # file, label -> prints "seconds rows_read status"
  local t0 t1 id status job
  t0=$(date +%s.%N)
  job=$(curl -s -f -H "Authorization: Bearer $token" -F "file=@$1" -F dataset=clinic_visits -F policy=SKIP_INVALID \
    "http://localhost:$ingest_port/api/v1/imports") || { echo "The upload of $2 failed" >&2; exit 1; }
  id=$(echo "$job" | jq -r .id)
  while true; do
    job=$(curl -s -H "Authorization: Bearer $token" "http://localhost:$ingest_port/api/v1/imports/$id")
    status=$(echo "$job" | jq -r .status)
    case "$status" in SUCCEEDED | FAILED | CANCELLED) break ;; esac
    if [ "$(echo "$(date +%s.%N) - $t0 > $job_timeout" | bc)" = 1 ]; then echo "$2 not done in $job_timeout s" >&2; exit 1; fi
    sleep 0.2
  done
  t1=$(date +%s.%N)
  echo "$job" > "$work/job-$2.json"
  [ "$status" = SUCCEEDED ] || { echo "The $2 import ended $status: $job" >&2; exit 1; }
  echo "$(echo "$t1 - $t0" | bc) $(echo "$job" | jq -r .rowsRead) $status"
}

# Each timed step starts on a quiet machine: the stack's start leaves autovacuum, analyze and demo data behind it.
bench_wait_quiet 180
echo "Importing the .xlsx through the service" >&2
read -r svc_s svc_rows _ <<< "$(import_file "$work/visits.xlsx" xlsx)"
svc_rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$ingest_jvm/status")
stored=$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d ingest -qAt -c 'select count(*) from warehouse.clinic_visits')

bench_wait_quiet 180
echo "Importing the same .xlsx with pandas read_excel + to_sql" >&2
t0=$(date +%s.%N)
pandas_out=$(/usr/bin/python3 bench/ingest/pandas_import.py "$work/visits.xlsx" \
  "postgresql+psycopg2://postgres@127.0.0.1:$pg_port/ingest" bench_pandas_clinic_visits)
t1=$(date +%s.%N)
pandas_s=$(echo "$t1 - $t0" | bc)
pandas_rows=$(echo "$pandas_out" | grep -o 'rows=[0-9]*' | cut -d= -f2)
pandas_rss_kb=$(echo "$pandas_out" | grep -o 'max_rss_kb=[0-9]*' | cut -d= -f2)
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d ingest -qc 'drop table if exists bench_pandas_clinic_visits' || true

bench_wait_quiet 180
echo "Importing the ${csv_mb} MB CSV through the service" >&2
read -r csv_s csv_read _ <<< "$(import_file "$work/visits.csv" csv)"
csv_rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$ingest_jvm/status")

rate() { echo "scale=0; $1 / $2" | bc; }
mb() { echo "scale=0; $1 / 1024" | bc; }
report="$work/report.md"
{
  echo "## Ingest benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end)"
  echo
  echo "| path | file | rows | time | rows/s | peak RSS |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  echo "| ingest service (-Xmx$heap $jvm_opts), upload -> SUCCEEDED | .xlsx $(du -h "$work/visits.xlsx" | cut -f1) | $svc_rows | ${svc_s} s | $(rate "$svc_rows" "$svc_s") | $(mb "$svc_rss_kb") MB |"
  echo "| pandas read_excel + to_sql, process start -> return | same .xlsx | $pandas_rows | ${pandas_s} s | $(rate "$pandas_rows" "$pandas_s") | $(mb "$pandas_rss_kb") MB |"
  echo "| ingest service, upload -> SUCCEEDED | CSV $(du -h "$work/visits.csv" | cut -f1) | $csv_read | ${csv_s} s | $(rate "$csv_read" "$csv_s") | $(mb "$csv_rss_kb") MB |"
  echo
  echo "Ratio (pandas time / service time, .xlsx): $(echo "scale=1; $pandas_s / $svc_s" | bc)x (target >= 5x)."
  echo "Rows in warehouse.clinic_visits after the .xlsx: $stored; CSV rows generated: $csv_rows."
} | tee "$report"
