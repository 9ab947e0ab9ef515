#!/usr/bin/env bash
# S11 orders benchmark, one command: bench/orders.sh
#
# Starts the dev stack in a fresh data directory ($BENCH_VAR_DIR/run-*) on ports away from the defaults, with the
# orders service left out (POLYCLINIC_DEV_EXTERNAL=orders), then measures:
#   1. ingestion: $BENCH_ORDERS generated orders (plus the stack's 301 demo orders) are published to topic orders
#      while the service is down; then the service starts as its own JVM (ServiceLauncher, full JIT) and drains the
#      backlog. The rate is taken from PostgreSQL itself: orders stored / (last batch's commit time - first batch's),
#      every row carrying its transaction's received_at; the first batch is not counted (target >= 5,000 orders/s);
#   2. reads: wrk against the service directly, GET /api/v1/orders/b563feb7b2b84b6test (from the cache) and, in the
#      same run, GET /bench/orders/reference, which answers the same order's stored JSON as fixed bytes through the
#      same Tomcat, filters and JWT check (polyclinic.orders.reference-endpoint.enabled); both with the admin's token,
#      $BENCH_REPEATS runs each in turns, the median run of each reported with its p99 (target: the order endpoint at
#      >= 70 % of the reference's throughput).
# Prints a markdown report (also written to <run>/report.md) and stops everything it started. The orders service
# listens on 8086 here too (the dev stack's fixed port for it): no other dev stack may run meanwhile.
# Needs JDK 21+ (JAVA_HOME or java on PATH), wrk and psql (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

var_root="${BENCH_VAR_DIR:-var/bench-orders}"
pg_port="${BENCH_PG_PORT:-55439}"
gateway_port="${BENCH_GATEWAY_PORT:-28280}"
identity_port="${BENCH_IDENTITY_PORT:-28281}"
booking_port="${BENCH_BOOKING_PORT:-28282}"
notifier_port="${BENCH_NOTIFIER_PORT:-28284}"
kafka_port="${BENCH_KAFKA_PORT:-29292}"
orders_port=8086
orders="${BENCH_ORDERS:-100000}"
duration="${BENCH_DURATION:-30}"
connections="${BENCH_CONNECTIONS:-16}"
threads="${BENCH_THREADS:-2}"
repeats="${BENCH_REPEATS:-3}"
start_timeout="${BENCH_START_TIMEOUT:-300}"

missing=()
command -v wrk > /dev/null || missing+=(wrk)
command -v psql > /dev/null || missing+=(postgresql-client)
bench_install_missing "${missing[@]}"

bench_new_run "$var_root"

bench_start_stack orders
for _ in $(seq 1 120); do [ -f "$POLYCLINIC_DEV_VAR_DIR/orders-demo-published" ] && break; sleep 0.5; done
[ -f "$POLYCLINIC_DEV_VAR_DIR/orders-demo-published" ] || { echo "The stack did not publish its demo orders" >&2; exit 1; }
demo=$(grep -o 'valid orders (distinct order_uid, to be stored): [0-9]*' "$POLYCLINIC_DEV_VAR_DIR/orders-demo-published" \
  | grep -o '[0-9]*$')

echo "Publishing $orders orders to topic orders" >&2
./mvnw -q -pl tools/order-producer -am compile exec:java \
  -Dexec.args="--bootstrap 127.0.0.1:$kafka_port --count $orders --rate 0 --seed 1" > "$work/producer.txt" 2>&1 \
  || { cat "$work/producer.txt" >&2; exit 1; }
produced=$(grep -o 'valid orders (distinct order_uid, to be stored): [0-9]*' "$work/producer.txt" | grep -o '[0-9]*$')
expected=$((produced + demo))

# The service's production defaults, not the dev stack's laptop ones (one consumer thread, a small cache).
service_settings="--spring.kafka.listener.concurrency=3 --polyclinic.orders.cache.maximum-size=50000"
echo "Starting the orders service on the backlog of $expected orders (log: $work/orders.log)" >&2
bench_start_service "$work/orders.log" \
  "-Dspring-boot.run.arguments=orders --polyclinic.orders.reference-endpoint.enabled=true $service_settings"
psql_orders() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d orders -v ON_ERROR_STOP=1 -qAt "$@"; }
started=$(date +%s)
until [ "$(psql_orders -c 'select count(*) from orders' 2> /dev/null || echo 0)" -ge "$expected" ]; do
  if ! kill -0 "$service" 2> /dev/null; then echo "The orders service died:" >&2; tail -40 "$work/orders.log" >&2; exit 1; fi
  if [ $(($(date +%s) - started)) -gt "$start_timeout" ]; then echo "Orders not stored after $start_timeout s" >&2; exit 1; fi
  sleep 0.5
done
read -r stored span rate <<< "$(psql_orders -F ' ' -c "
  with t as (select min(received_at) as first, max(received_at) as last from orders)
  select count(*), round(extract(epoch from t.last - t.first)::numeric, 2),
         round((count(*) filter (where received_at > t.first)) / nullif(extract(epoch from t.last - t.first), 0))
  from orders, t group by t.first, t.last")"
echo "Ingestion: $rate orders/s ($stored orders, last commit $span s after the first)" >&2
wait_for "$work/orders.log" "Started ServiceLauncher\|Started OrdersApplication" "$service" "The orders service"

token=$(bench_admin_token)
order_url="http://localhost:$orders_port/api/v1/orders/b563feb7b2b84b6test"
reference_url="http://localhost:$orders_port/bench/orders/reference"
order_bytes=$(curl -s -H "Authorization: Bearer $token" "$order_url" | wc -c)
reference_bytes=$(curl -s -H "Authorization: Bearer $token" "$reference_url" | wc -c)
[ "$order_bytes" -gt 100 ] && [ "$order_bytes" = "$reference_bytes" ] \
  || { echo "The two endpoints do not answer the same JSON ($order_bytes / $reference_bytes bytes)" >&2; exit 1; }
# Warm-up: both paths JIT-compiled before anything is measured.
for url in "$order_url" "$reference_url"; do
  wrk -t"$threads" -c"$connections" -d5s -H "Authorization: Bearer $token" "$url" > /dev/null
done

declare -A rates=() p99s=()
socket_errors=""
wrk_run() { # label url run
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $token" "$2" \
    > "$work/wrk-$1-$3.txt"
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$work/wrk-$1-$3.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk-$1-$3.txt")
  # A wrong status is a broken benchmark; a timeout (wrk gives up after 2 s) is a figure and goes into the report.
  if grep -q 'Non-2xx' "$work/wrk-$1-$3.txt"; then echo "wrk saw errors on $1:" >&2; cat "$work/wrk-$1-$3.txt" >&2; exit 1; fi
  grep -q 'Socket errors' "$work/wrk-$1-$3.txt" && socket_errors+=" $1 run $3: $(grep 'Socket errors' "$work/wrk-$1-$3.txt" | xargs);"
  rates[$1]="${rates[$1]:-} $rps"; p99s[$1]="${p99s[$1]:-} $rps:$p99"
  echo "  $1 run $3: $rps requests/s, p99 $p99" >&2
}
echo "wrk: $repeats runs of ${duration}s per endpoint, in turns" >&2
for run in $(seq 1 "$repeats"); do
  wrk_run reference "$reference_url" "$run"
  wrk_run order "$order_url" "$run"
done
median() { echo "$1" | tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
p99_of() { echo "$2" | tr ' ' '\n' | grep "^$1:" | head -1 | cut -d: -f2; }
order_rps=$(median "${rates[order]}"); reference_rps=$(median "${rates[reference]}")
order_p99=$(p99_of "$order_rps" "${p99s[order]}"); reference_p99=$(p99_of "$reference_rps" "${p99s[reference]}")
share=$(awk -v a="$order_rps" -v b="$reference_rps" 'BEGIN { printf "%.0f", 100 * a / b }')

cat > "$work/report.md" << REPORT
### Orders benchmark, $(date -u +%Y-%m-%d) ($(nproc) cores, $(git rev-parse --short HEAD))

Ingestion from Kafka into PostgreSQL: **$rate orders/s** ($stored orders stored from a backlog, last commit
$span s after the first; target >= 5,000). Producer: $(grep -m1 "^Sent" "$work/producer.txt")

| GET, wrk -t$threads -c$connections, ${duration}s x $repeats (median run), admin token | requests/s | p99 |
|---|---|---|
| \`/bench/orders/reference\` (stored JSON, $reference_bytes bytes, fixed) | $reference_rps | $reference_p99 |
| \`/api/v1/orders/{orderUid}\` (from the cache, $order_bytes bytes) | $order_rps | $order_p99 |

The order endpoint reaches **$share %** of the reference's throughput (target >= 70 %). Runs: order${rates[order]},
reference${rates[reference]}.${socket_errors:+ wrk socket errors:$socket_errors} Files: $work.
REPORT
cat "$work/report.md"
