#!/usr/bin/env bash
# S11 collector benchmark, one command: bench/analytics.sh
#
# Starts the dev stack with the full JIT as in production (no optimized launch: spring-boot:run otherwise stops at C1),
# warms both endpoints up twice ($BENCH_WARMUP s each time), in a fresh data directory ($BENCH_VAR_DIR/run-*) on ports
# away from the defaults (the collector
# keeps its fixed 8087: no other dev stack may run meanwhile) with the collector's rate limit off and its benchmark
# reference on (POST /bench/noop: reads the body, answers 204, through the same Tomcat connector, filters and security
# chain as /track), then:
#   1. wrk POSTs the same tracker event (the demo site demo-clinic-site, which the processor stores) to /track and the same bytes to /bench/noop, $BENCH_REPEATS
#      runs of $BENCH_DURATION s each in turns, and reports the median run's requests/s and p99 of each (target: /track
#      at >= 70 % of the reference). /track answers 202 only once Kafka (acks=all) has the event;
#   2. every accepted event is counted in Kafka: the growth of analytics.raw-events' end offsets must be at least the
#      number of 202 answers (more by at most the requests in flight when wrk stopped);
#   3. the processor's events/s into PostgreSQL: it is off while wrk runs, and so is the analytics service's other
#      consumer of the raw events, the live one (polyclinic.analytics.processor.auto-startup, so that the collector and
#      its reference share the machine alike), then the stack restarts with both on and the processor stores the
#      backlog beside the live consumer; its rate is the events stored per second from the first to the last of the backlog
#      (rows of analytics' events table, polled every second until 10 s pass without growth).
# Prints a markdown report (also <run>/report.md) and stops everything it started. Needs JDK 21+, wrk and psql.
set -euo pipefail
cd "$(dirname "$0")/.."

var_root="${BENCH_VAR_DIR:-var/bench-analytics}"
pg_port="${BENCH_PG_PORT:-55449}"
gateway_port="${BENCH_GATEWAY_PORT:-28380}"
identity_port="${BENCH_IDENTITY_PORT:-28381}"
booking_port="${BENCH_BOOKING_PORT:-28382}"
notifier_port="${BENCH_NOTIFIER_PORT:-28384}"
kafka_port="${BENCH_KAFKA_PORT:-29392}"
collector_port=8087
duration="${BENCH_DURATION:-30}"
connections="${BENCH_CONNECTIONS:-32}"
threads="${BENCH_THREADS:-2}"
repeats="${BENCH_REPEATS:-3}"
warmup="${BENCH_WARMUP:-15}"
start_timeout="${BENCH_START_TIMEOUT:-300}"

source bench/lib.sh
missing=()
command -v wrk > /dev/null || missing+=(wrk)
command -v psql > /dev/null || missing+=(postgresql-client)
command -v bc > /dev/null || missing+=(bc)
bench_install_missing "${missing[@]}"

bench_new_run "$var_root"

./mvnw -q -pl services/analytics-collector dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" \
  > /dev/null
# The Kafka client logs to standard output too: the count is the last line that is only a number.
end_offsets() { java -cp "$(cat "$work/classpath.txt")" bench/analytics/TopicEndOffsets.java \
  "127.0.0.1:$kafka_port" analytics.raw-events 2> /dev/null | grep -E '^[0-9]+$' | tail -1; }

# The stack with the full JIT too (it holds the broker), the collector's reference endpoint on and its rate limit off.
bench_stack_mvn_args="-Dspring-boot.run.optimizedLaunch=false"
launch_stack() { # log [VAR=value...]
  local log="$1"; shift
  bench_launch_stack "$log" POLYCLINIC_COLLECTOR_REFERENCE_ENDPOINT_ENABLED=true \
    POLYCLINIC_COLLECTOR_RATE_LIMIT_ENABLED=false "$@"
}
# Launches the stack and waits until it is ready: start_stack <log> [VAR=value...]
start_stack() {
  launch_stack "$@"
  wait_for "$1" "Polyclinic is ready at http://localhost:$gateway_port" "$stack" "The dev stack"
}
trap stop_all EXIT

# The raw events' consumers (the processor and the live consumer of the analytics service) are off while the collector
# is measured: in production they run on other machines, here they would share the two cores, and the reference
# endpoint has no such neighbour. Events wait in Kafka meanwhile.
# The collector runs as its own JVM, as in production (a stateless service of its own), beside the stack that holds the
# Kafka broker; BENCH_COLLECTOR=stack keeps it inside the stack's JVM instead.
if [ "${BENCH_COLLECTOR:-own}" = own ]; then
  start_stack "$work/dev-stack.log" POLYCLINIC_ANALYTICS_PROCESSOR_AUTOSTARTUP=false \
    POLYCLINIC_DEV_EXTERNAL=analytics-collector
  POLYCLINIC_COLLECTOR_REFERENCE_ENDPOINT_ENABLED=true POLYCLINIC_COLLECTOR_RATE_LIMIT_ENABLED=false \
    bench_start_service "$work/collector.log" "-Dspring-boot.run.jvmArguments=${BENCH_COLLECTOR_JVM_ARGS:--Xmx512m}" \
    "-Dspring-boot.run.arguments=analytics-collector"
else
  start_stack "$work/dev-stack.log" POLYCLINIC_ANALYTICS_PROCESSOR_AUTOSTARTUP=false
fi

track_url="http://localhost:$collector_port/track"
reference_url="http://localhost:$collector_port/bench/noop"
# The demo site is created after "ready"; the collector accepts its events once it has started and read the site's
# record.
body=$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" bench/analytics/post.lua)
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -A 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0' \
    -H 'Content-Type: text/plain' -d "$body" "$track_url" || true)
  [ "$code" = 202 ] && break
  if [ -n "$service" ] && ! kill -0 "$service" 2> /dev/null; then
    echo "The collector died, see its log:" >&2; tail -40 "$work/collector.log" >&2; exit 1
  fi
  sleep 1
done
[ "$code" = 202 ] || { echo "The collector does not accept the demo site's events (HTTP $code)" >&2; exit 1; }
# Warm-up: both paths JIT-compiled by C2 before anything is measured (its events are counted like the others).
for url in "$reference_url" "$track_url" "$reference_url" "$track_url"; do
  wrk -t"$threads" -c"$connections" -d"${warmup}s" -s bench/analytics/post.lua "$url" > "$work/warmup.txt"
done
before=$(end_offsets)

declare -A rates=() p99s=()
accepted=0
wrk_run() { # label url run
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/analytics/post.lua "$2" > "$work/wrk-$1-$3.txt"
  local rps p99 answered other
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$work/wrk-$1-$3.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk-$1-$3.txt")
  read -r answered other < <(awk '/^answered/ {print $2, $4}' "$work/wrk-$1-$3.txt")
  if [ "$other" != 0 ]; then echo "wrk saw other answers than 202/204 on $1:" >&2; cat "$work/wrk-$1-$3.txt" >&2; exit 1; fi
  [ "$1" = track ] && accepted=$((accepted + answered))
  rates[$1]="${rates[$1]:-} $rps"; p99s[$1]="${p99s[$1]:-} $rps:$p99"
  echo "  $1 run $3: $rps requests/s, p99 $p99, $answered answered" >&2
}
echo "wrk: $repeats runs of ${duration}s per endpoint, in turns, $connections connections" >&2
for run in $(seq 1 "$repeats"); do
  wrk_run reference "$reference_url" "$run"
  wrk_run track "$track_url" "$run"
done
after=$(end_offsets)
in_kafka=$((after - before))

# The processor alone on the backlog: the stack restarted with it on, events stored per second from the first stored
# event of the backlog to the last (rows of analytics' events table, polled every second until 10 s without growth).
stored() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d analytics -qAt -c 'select count(*) from events' 2> /dev/null || echo -1; }
drain_from=$(stored)
stop_all
launch_stack "$work/dev-stack-processor.log"
last=$drain_from; first_t=""; last_t=""; still=0
while [ -z "$first_t" ] || [ "$still" -lt 10 ]; do
  now=$(stored)
  if [ "$now" -gt "$last" ]; then
    [ -z "$first_t" ] && first_t=$(date +%s.%N)
    last=$now; last_t=$(date +%s.%N); still=0
  else
    still=$((still + 1))
  fi
  if ! kill -0 "$stack" 2> /dev/null; then echo "The dev stack died:" >&2; tail -40 "$work/dev-stack-processor.log" >&2; exit 1; fi
  [ -z "$first_t" ] && [ "$(ps -o etimes= -p "$stack" | tr -d ' ')" -gt "$start_timeout" ] && break
  sleep 1
done
drained=$((last - drain_from))
drain_s=$([ -n "$first_t" ] && echo "scale=1; ($last_t - $first_t) / 1" | bc || echo 0)
processor_rate=$([ "$drained" -ge 1000 ] && echo "scale=0; $drained / $drain_s" | bc || echo "not measured (a backlog of $drained)")
echo "processor: stored $drained events of the backlog in $drain_s s" >&2

median() { echo "$1" | tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
p99_of() { echo "$2" | tr ' ' '\n' | grep "^$1:" | head -1 | cut -d: -f2; }
track_rps=$(median "${rates[track]}"); reference_rps=$(median "${rates[reference]}")
track_p99=$(p99_of "$track_rps" "${p99s[track]}"); reference_p99=$(p99_of "$reference_rps" "${p99s[reference]}")
share=$(awk -v a="$track_rps" -v b="$reference_rps" 'BEGIN { printf "%.0f", 100 * a / b }')
# wrk stops with up to one request per connection in flight: the server may still publish those, unanswered.
counted=$([ "$in_kafka" -ge "$accepted" ] && echo "every accepted event; $((in_kafka - accepted)) more were in flight when wrk stopped" || echo "MISSING $((accepted - in_kafka))")

cat > "$work/report.md" << REPORT
### Collector benchmark, $(date -u +%Y-%m-%d) ($(nproc) cores, $(git rev-parse --short HEAD))

| POST, wrk -t$threads -c$connections, ${duration}s x $repeats (median run) | requests/s | p99 |
|---|---|---|
| \`/bench/noop\` (reads the body, 204) | $reference_rps | $reference_p99 |
| \`/track\` (validated, published to Kafka with acks=all, 202) | $track_rps | $track_p99 |

\`/track\` reaches **$share %** of the reference's throughput (target >= 70 %). Runs: track${rates[track]},
reference${rates[reference]}. Accepted (202) during the measured runs: $accepted; new records in
analytics.raw-events: $in_kafka ($counted).

Processor (the analytics service, off while wrk ran, then started on the backlog): it stored $drained events in
$drain_s s: **$processor_rate events/s** into PostgreSQL (every event of one visitor's session, the hottest case for
the session and rollup upserts). Events in the table at the end: $last. Files: $work.
REPORT
cat "$work/report.md"
[ "$in_kafka" -ge "$accepted" ]
