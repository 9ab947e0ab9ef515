#!/usr/bin/env bash
# S11 booking benchmark, one command: bench/booking-search.sh
#
# Starts the dev stack with the large data set (100k doctors, 2k clinics, 5M slots; loaded on the first run, kept in
# $BENCH_VAR_DIR) on ports away from the defaults, then measures against it:
#   1. doctor search through the gateway and directly at booking with wrk (a Lua script picks each request from
#      $BENCH_QUERIES generated searches: name fragments with and without typos, specialty, city or lat/lon/radius,
#      a date or a date range, every sort, a few later pages);
#   2. latency at a sustained load: the same searches through the gateway at fixed arrival rates (an open loop,
#      bench/booking/SearchLoad.java), $BENCH_LOAD_SHARES percent of the throughput wrk reached through the gateway,
#      $BENCH_LOAD_SECONDS each after $BENCH_LOAD_WARM_UP seconds not counted (the slowest 1 % of each run, with
#      their searches, in $BENCH_VAR_DIR/run-*/open-loop-<share>.txt);
#   3. the same SQL run directly by pgbench on the same database: booking itself records the SQL it runs for each of
#      those searches (the dev stack's SQL capture, POLYCLINIC_DEV_SQL_CAPTURE_DIR), so pgbench replays exactly what
#      the current code sends, whatever the repository class builds;
#   4. booking throughput: $BENCH_PATIENTS new patients book distinct free slots concurrently;
#   5. $BENCH_RACES races: all patients try to book one slot at once; exactly one 201, the rest 409.
# Prints a markdown report (also written to $BENCH_VAR_DIR/run-*/report.md) and stops the stack.
# Needs JDK 21+ (JAVA_HOME or java on PATH), wrk, pgbench and psql (installed with apt-get when missing).
# The gateway's per-client rate limit (300 a minute) stays on with a capacity no benchmark reaches. Any service
# setting passes through the environment, e.g. POLYCLINIC_BOOKING_MINNOTICE=30m.
set -euo pipefail
cd "$(dirname "$0")/.."

var_dir="${BENCH_VAR_DIR:-var/bench}"
pg_port="${BENCH_PG_PORT:-55419}"
gateway_port="${BENCH_GATEWAY_PORT:-28080}"
identity_port="${BENCH_IDENTITY_PORT:-28081}"
booking_port="${BENCH_BOOKING_PORT:-28082}"
duration="${BENCH_DURATION:-30}"
connections="${BENCH_CONNECTIONS:-16}"
threads="${BENCH_THREADS:-2}"
queries="${BENCH_QUERIES:-1000}"
scripts="${BENCH_SCRIPTS:-100}"
patients="${BENCH_PATIENTS:-500}"
bookings_per_patient="${BENCH_BOOKINGS_PER_PATIENT:-3}"
races="${BENCH_RACES:-3}"
book_concurrency="${BENCH_BOOK_CONCURRENCY:-16}"
load_shares="${BENCH_LOAD_SHARES:-25 50 75}"
load_seconds="${BENCH_LOAD_SECONDS:-60}"
load_warm_up="${BENCH_LOAD_WARM_UP:-10}"
start_timeout="${BENCH_START_TIMEOUT:-1800}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

missing=()
command -v wrk > /dev/null || missing+=(wrk)
command -v pgbench > /dev/null || missing+=(postgresql-client)
command -v psql > /dev/null || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} with apt-get" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y "${missing[@]}" > /dev/null
fi

mkdir -p "$var_dir"
work="$(cd "$var_dir" && pwd)/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$work/sql" "$work/pgbench"
log="$work/dev-stack.log"

# The dev stack in a session of its own, so that exactly its processes are stopped at the end. Full JIT
# (optimizedLaunch=false): spring-boot:run otherwise stops at C1 for a faster start.
POLYCLINIC_DEV_VAR_DIR="$var_dir" POLYCLINIC_DEV_POSTGRES_PORT="$pg_port" \
  POLYCLINIC_DEV_GATEWAY_PORT="$gateway_port" POLYCLINIC_DEV_IDENTITY_PORT="$identity_port" \
  POLYCLINIC_DEV_BOOKING_PORT="$booking_port" POLYCLINIC_DEMO_DATA_SCALE=large \
  POLYCLINIC_DEV_SQL_CAPTURE_DIR="$work/sql" \
  POLYCLINIC_GATEWAY_RATELIMIT_CAPACITY="${POLYCLINIC_GATEWAY_RATELIMIT_CAPACITY:-1000000000}" \
  setsid ./mvnw -q -pl dev -am spring-boot:run -Dspring-boot.run.optimizedLaunch=false > "$log" 2>&1 &
stack=$!
stop_stack() {
  local jvm
  jvm=$(pgrep -s "$stack" -f io.polyclinic.dev.DevStack || true)
  [ -n "$jvm" ] && kill -TERM $jvm 2> /dev/null
  for _ in $(seq 1 120); do kill -0 "$stack" 2> /dev/null || return 0; sleep 0.5; done
  kill -TERM -- "-$stack" 2> /dev/null || true
}
trap stop_stack EXIT

echo "Starting the dev stack (log: $log); the first run loads the large data set, which takes minutes" >&2
started=$(date +%s)
until grep -q "Polyclinic is ready at http://localhost:$gateway_port" "$log"; do
  if ! kill -0 "$stack" 2> /dev/null; then echo "The dev stack died, see its log:" >&2; tail -40 "$log" >&2; exit 1; fi
  if [ $(($(date +%s) - started)) -gt "$start_timeout" ]; then echo "Not ready after $start_timeout s" >&2; exit 1; fi
  sleep 1
done
echo "Ready after $(($(date +%s) - started)) s" >&2

psql_booking() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d booking -v ON_ERROR_STOP=1 -qAt "$@"; }
load_line=$(grep -o "Large demo data loaded: .*" "$log" || true)
data=$(psql_booking -F ' ' -c "select (select count(*) from doctors), (select count(*) from clinics),
  (select count(*) from slots), (select count(*) filter (where status = 'AVAILABLE') from slots),
  (select count(*) filter (where status = 'BOOKED') from slots), (select count(*) filter (where status = 'BLOCKED') from slots)")
read -r n_doctors n_clinics n_slots n_available n_booked n_blocked <<< "$data"

# Does this build sort by distance? (A sort it does not know is a 400.)
distance=0
probe=$(curl -s -o /dev/null -w '%{http_code}' \
  "http://localhost:$booking_port/api/v1/doctors?lat=55.75&lon=37.62&radiusKm=5&sort=distance&size=1")
[ "$probe" = "200" ] && distance=1

echo "Generating $queries searches" >&2
psql_booking -v n="$queries" -v distance="$distance" -f bench/booking/queries.sql > "$work/queries.txt"

echo "Recording the SQL booking runs for each search" >&2
i=0; failed=0
while IFS= read -r path; do
  i=$((i + 1))
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Polyclinic-Capture-Sql: $(printf 'q%05d' "$i")" \
    -H "Accept-Language: ru" "http://localhost:$booking_port$path")
  if [ "$code" != "200" ]; then failed=$((failed + 1)); echo "  $code $path" >&2; fi
done < "$work/queries.txt"
[ "$failed" -eq 0 ] || echo "$failed of $queries searches did not answer 200" >&2

# pgbench takes at most 128 scripts: every script holds a share of the searches and picks one at random per
# transaction, so each search is as likely as in wrk's mix.
captured=$(find "$work/sql" -name 'q*.sql' -size +0 | sort)
n_captured=$(echo "$captured" | grep -c . || true)
[ "$n_captured" -gt 0 ] || { echo "No SQL was recorded" >&2; exit 1; }
[ "$scripts" -le "$n_captured" ] || scripts=$n_captured
echo "$captured" | awk -v dir="$work/pgbench" -v n="$scripts" '
  { files[NR - 1] = $0 }
  END {
    for (s = 0; s < n; s++) {
      k = 0; for (i = s; i < NR; i += n) k++
      out = sprintf("%s/script-%03d.sql", dir, s)
      printf "\\set bench_pick random(0, %d)\n", k - 1 > out
      j = 0
      for (i = s; i < NR; i += n) {
        printf "%s :bench_pick = %d\n", (j == 0 ? "\\if" : "\\elif"), j >> out
        while ((getline line < files[i]) > 0) print line >> out
        close(files[i]); j++
      }
      print "\\endif" >> out
      close(out)
    }
  }'

wrk_run() { # url label
  BENCH_QUERIES="$work/queries.txt" wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s \
    -s bench/booking/search.lua "$1" > "$work/wrk-$2.txt" 2>&1
  grep '^BENCH' "$work/wrk-$2.txt"
}
echo "Warming up (JIT, PostgreSQL's cache) for ${duration} s" >&2
wrk_run "http://localhost:$gateway_port" warmup > /dev/null
echo "wrk through the gateway, ${duration} s, $connections connections" >&2
via_gateway=$(wrk_run "http://localhost:$gateway_port" gateway)
echo "wrk directly at booking, ${duration} s, $connections connections" >&2
direct=$(wrk_run "http://localhost:$booking_port" booking)

# wrk's closed loop saturates the box (16 connections always waiting on 2 cores), so its latencies are mostly queueing;
# the open loop measures the latency a search sees at a steady load below saturation
gw_requests=$(echo "$via_gateway" | grep -oE 'requests=[0-9]+' | cut -d= -f2)
gw_seconds=$(echo "$via_gateway" | grep -oE 'seconds=[0-9.]+' | cut -d= -f2)
open_loop=()
for share in $load_shares; do
  target=$(awk -v n="$gw_requests" -v s="$gw_seconds" -v p="$share" 'BEGIN { r = n / s * p / 100; printf "%.0f", r < 1 ? 1 : r }')
  echo "Open loop through the gateway at $target searches/s ($share % of wrk's), ${load_seconds} s" >&2
  "$java" bench/booking/SearchLoad.java "http://localhost:$gateway_port" "$work/queries.txt" "$target" \
    "$load_seconds" "$load_warm_up" > "$work/open-loop-$share.txt"
  line=$(grep '^BENCH open-loop' "$work/open-loop-$share.txt")
  open_loop+=("share=$share $line")
done

echo "pgbench with the same SQL, ${duration} s, $connections connections" >&2
script_args=()
for f in "$work"/pgbench/script-*.sql; do script_args+=(-f "$f"); done
# the session settings booking's pool uses (decision 0024); -M simple sends each statement with its values inlined
(cd "$work/pgbench" && PGOPTIONS="-c max_parallel_workers_per_gather=0" pgbench -n -M simple -h 127.0.0.1 \
  -p "$pg_port" -U postgres -c "$connections" -j "$threads" -T "$duration" -l --log-prefix=tx "${script_args[@]}" \
  booking > ../pgbench.txt 2>&1) \
  || { cat "$work/pgbench.txt" >&2; exit 1; }
pg_tps=$(grep -oE 'tps = [0-9.]+' "$work/pgbench.txt" | head -1 | cut -d' ' -f3)
pg_failed=$(grep -oE 'number of failed transactions: [0-9]+' "$work/pgbench.txt" | head -1 | grep -oE '[0-9]+$' || echo 0)
read -r pg_p50 pg_p90 pg_p99 pg_n <<< "$(cat "$work"/pgbench/tx* | awk '{print $3}' | sort -n | awk '
  { v[NR] = $1 } END { printf "%d %d %d %d", v[int(NR * 0.5 + 0.999)], v[int(NR * 0.9 + 0.999)], v[int(NR * 0.99 + 0.999)], NR }')"

# Booking: distinct free slots of ACTIVE doctors on the first days with enough of them, none within an hour of
# midnight UTC (so one patient's slots on different days never overlap); the race slots on the days after.
echo "Booking: $patients patients, $((patients * bookings_per_patient)) distinct slots, $races races" >&2
psql_booking -F ' ' -v p="$patients" -v b="$bookings_per_patient" -v r="$races" > "$work/slots.txt" <<'SQL'
with free as (
  select s.id, (s.start_at at time zone 'UTC')::date as day
    from slots s join doctors d on d.id = s.doctor_id
   where s.status = 'AVAILABLE' and d.status = 'ACTIVE' and s.start_at > now() + interval '1 day'
     and extract(hour from s.start_at at time zone 'UTC') between 1 and 22
     and not exists (select 1 from appointments a where a.slot_id = s.id and a.status <> 'CANCELLED')),
days as (
  select day, row_number() over (order by day) - 1 as k from free group by day having count(*) >= :p + :r
   order by day limit :b + 1),
numbered as (
  select f.id, d.k, row_number() over (partition by d.k order by md5(f.id::text)) - 1 as n
    from free f join days d on d.day = f.day)
select case when k < :b then 'book' else 'race' end, n, id from numbered
 where (k < :b and n < :p) or (k = :b and n < :r)
 order by k, n;
SQL
awk '$1 == "book" { print $2, $3 }' "$work/slots.txt" > "$work/throughput-slots.txt"
awk '$1 == "race" { print $3 }' "$work/slots.txt" > "$work/race-slots.txt"
booking_from=$(psql_booking -c "select now()")
"$java" bench/booking/BookingLoad.java "http://localhost:$gateway_port" "$patients" "$work/throughput-slots.txt" \
  "$work/race-slots.txt" "$book_concurrency" | tee "$work/booking.txt" >&2

# the database's own count: every race slot must have exactly one appointment from this run (the winner's, cancelled
# afterwards; the same slots come back in later runs, as each winner frees its slot again)
race_ids=$(paste -sd, "$work/race-slots.txt" | sed -E "s/([0-9a-f-]{36})/'\\1'/g")
db_winners=0
[ -z "$race_ids" ] || db_winners=$(psql_booking -c "select count(*) from (select slot_id from appointments
  where slot_id in ($race_ids) and created_at >= '$booking_from' group by slot_id having count(*) = 1) x")

field() { echo "$1" | grep -oE "(^| )$2=[^ ]+" | head -1 | cut -d= -f2; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
rate() { awk -v n="$(field "$1" requests)" -v s="$(field "$1" seconds)" 'BEGIN { printf "%.0f", n / s }'; }
gw_rate=$(rate "$via_gateway"); bk_rate=$(rate "$direct")
ratio() { awk -v a="$1" -v b="$pg_tps" 'BEGIN { printf "%.0f", 100 * a / b }'; }
booking_line=$(grep '^BENCH booking' "$work/booking.txt" || true)
race_lines=$(grep '^BENCH race' "$work/booking.txt" || true)
races_ok=$(echo "$race_lines" | grep -c 'verdict=exactly-one-winner' || true)

{
  echo "## Booking at scale: run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`bench/booking-search.sh\` (commit $(git rev-parse --short HEAD 2> /dev/null || echo unknown)," \
    "$(nproc) cores; the machine's other load is not controlled)."
  echo "Data: $n_doctors doctors, $n_clinics clinics, $n_slots slots ($n_available AVAILABLE, $n_booked BOOKED," \
    "$n_blocked BLOCKED). ${load_line:-The data set was loaded by an earlier run.}"
  echo "Search mix: $queries searches (bench/booking/queries.sql), $n_captured of them recorded as SQL for pgbench;" \
    "wrk and pgbench: $connections connections, $threads threads, ${duration} s each after a ${duration} s warm-up."
  echo
  echo "| doctor search | requests/s | p50 ms | p90 ms | p99 ms | errors / non-2xx |"
  echo "|---|---|---|---|---|---|"
  echo "| service through the gateway (wrk) | $gw_rate | $(ms "$(field "$via_gateway" p50)") |" \
    "$(ms "$(field "$via_gateway" p90)") | $(ms "$(field "$via_gateway" p99)") |" \
    "$(field "$via_gateway" errors) / $(field "$via_gateway" non2xx) |"
  echo "| service directly at booking (wrk) | $bk_rate | $(ms "$(field "$direct" p50)") |" \
    "$(ms "$(field "$direct" p90)") | $(ms "$(field "$direct" p99)") |" \
    "$(field "$direct" errors) / $(field "$direct" non2xx) |"
  echo "| the same SQL by pgbench | $(printf '%.0f' "$pg_tps") | $(ms "$pg_p50") | $(ms "$pg_p90") | $(ms "$pg_p99") |" \
    "$pg_failed failed |"
  echo
  echo
  echo "Latency at a steady load: the same searches through the gateway at fixed arrival rates for ${load_seconds} s" \
    "each" \
    "after ${load_warm_up} s not counted (bench/booking/SearchLoad.java; latency from each request's due time, so" \
    "queueing counts):"
  echo
  echo "| offered searches/s (share of wrk's) | achieved/s | p50 ms | p90 ms | p99 ms | max ms | errors / non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  sustained=""
  for line in "${open_loop[@]}"; do
    echo "| $(field "$line" rate) ($(field "$line" share) %) | $(field "$line" achieved) | $(ms "$(field "$line" p50)") |" \
      "$(ms "$(field "$line" p90)") | $(ms "$(field "$line" p99)") | $(ms "$(field "$line" max)") |" \
      "$(field "$line" errors) / $(field "$line" non2xx) |"
    [ "$(field "$line" p99)" -lt 50000 ] && sustained="$(field "$line" rate) searches/s ($(field "$line" share) % of wrk's)"
  done
  echo
  echo "Service throughput against pgbench's: $(ratio "$gw_rate") % through the gateway, $(ratio "$bk_rate") %" \
    "directly (S11 target: at least 50 %). Search p99 under 50 ms (S11) at a steady load of:" \
    "${sustained:-none of the loads measured}; at saturation (wrk) p99 is $(ms "$(field "$via_gateway" p99)") ms."
  echo
  if [ -n "$booking_line" ]; then
    echo "Booking throughput through the gateway: $(field "$booking_line" bookings) bookings of distinct slots by" \
      "$patients patients, $book_concurrency at a time: $(field "$booking_line" perSecond) bookings/s," \
      "p50 $(field "$booking_line" p50ms) ms, p99 $(field "$booking_line" p99ms) ms, statuses $(field "$booking_line" statuses)."
  fi
  echo "Concurrent booking of one slot by $patients patients at once: $races_ok of $races races had exactly one 201" \
    "and $((patients - 1)) 409s; in the database $db_winners of $races race slots have exactly one appointment."
  echo "$race_lines" | sed -E 's/^BENCH race /- /'
} | tee "$work/report.md"
