#!/usr/bin/env bash
# S11 booking benchmark, one command: bench/booking-search.sh
#
# Starts the dev stack with the large data set (100k doctors, 2k clinics, 5M slots; loaded on the first run, kept in
# $BENCH_VAR_DIR) on ports away from the defaults, with the services' production defaults (tracing samples one
# request in ten, decision 0031), then measures against it:
#   1. throughput: doctor search through the gateway and directly at booking with wrk (a Lua script picks each
#      request from $BENCH_QUERIES generated searches: name fragments with and without typos, specialty, city or
#      lat/lon/radius, a date or a date range, every sort, a few later pages), $BENCH_REPEATS runs per path taken in
#      turns (gateway, booking, gateway, ...), the median run of each path reported; then the same SQL by pgbench
#      flat out: booking itself records the SQL it runs for each of those searches (the dev stack's SQL capture,
#      POLYCLINIC_DEV_SQL_CAPTURE_DIR), so pgbench replays exactly what the current code sends;
#   2. latency at a sustained load: the same searches through the gateway at fixed arrival rates (an open loop,
#      bench/booking/SearchLoad.java), $BENCH_LOAD_SHARES percent of the gateway's median wrk throughput,
#      $BENCH_LOAD_SECONDS each after $BENCH_LOAD_WARM_UP seconds not counted (the slowest 1 % of each run, with
#      their searches, in $BENCH_VAR_DIR/run-*/open-loop-<share>.txt); after each, pgbench runs the recorded SQL at
#      the same fixed rate (pgbench --rate, latency from each transaction's scheduled start as well), so that each
#      p99 is reported next to its SQL's own p99 at that rate, which makes the figures comparable across machines;
#   3. booking throughput: $BENCH_PATIENTS new patients book distinct free slots concurrently;
#   4. $BENCH_RACES races: all patients try to book one slot at once; exactly one 201, the rest 409.
# Prints a markdown report (also written to $BENCH_VAR_DIR/run-*/report.md) and stops the stack. The report states
# the two targets of decision 0031: the gateway within 15 % of direct throughput (median of the runs of each path),
# and the open-loop p99 at 75 % of saturation within 1.5 times pgbench's p99 at that rate.
# BENCH_PARTS picks parts ("throughput latency booking"), BENCH_PATHS the wrk paths ("gateway booking"); the latency
# part without the throughput part needs BENCH_SATURATION (searches/s). BENCH_PROFILE=1 records the dev stack's JVM
# with JFR during the first wrk run of each path and prints where its CPU went (bench/booking/JfrProfile.java).
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
repeats="${BENCH_REPEATS:-3}"
paths="${BENCH_PATHS:-gateway booking}"
parts="${BENCH_PARTS:-throughput latency booking}"
saturation="${BENCH_SATURATION:-}"
profile="${BENCH_PROFILE:-0}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jcmd="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"

has() { case " $2 " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
for p in $paths; do
  case "$p" in gateway | booking) ;; *) echo "BENCH_PATHS: unknown path $p (gateway, booking)" >&2; exit 2 ;; esac
done
for p in $parts; do
  case "$p" in throughput | latency | booking) ;; *) echo "BENCH_PARTS: unknown part $p" >&2; exit 2 ;; esac
done
if has latency "$parts" && ! has throughput "$parts" && [ -z "$saturation" ]; then
  echo "The latency part without the throughput part needs BENCH_SATURATION (searches/s)" >&2; exit 2
fi

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
# (optimizedLaunch=false): spring-boot:run otherwise stops at C1 for a faster start. The services keep their
# production defaults: the dev stack overrides none of the settings measured here (tracing's sampling probability
# included); the report names the sampling probability when the environment sets one.
jvm_args=""
[ "$profile" = "1" ] && jvm_args="-XX:FlightRecorderOptions:stackdepth=256"
POLYCLINIC_DEV_VAR_DIR="$var_dir" POLYCLINIC_DEV_POSTGRES_PORT="$pg_port" \
  POLYCLINIC_DEV_GATEWAY_PORT="$gateway_port" POLYCLINIC_DEV_IDENTITY_PORT="$identity_port" \
  POLYCLINIC_DEV_BOOKING_PORT="$booking_port" POLYCLINIC_DEMO_DATA_SCALE=large \
  POLYCLINIC_DEV_SQL_CAPTURE_DIR="$work/sql" \
  POLYCLINIC_GATEWAY_RATELIMIT_CAPACITY="${POLYCLINIC_GATEWAY_RATELIMIT_CAPACITY:-1000000000}" \
  setsid ./mvnw -q -pl dev -am spring-boot:run -Dspring-boot.run.optimizedLaunch=false \
  ${jvm_args:+"-Dspring-boot.run.jvmArguments=$jvm_args"} > "$log" 2>&1 &
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

field() { echo "$1" | grep -oE "(^| )$2=[^ ]+" | head -1 | cut -d= -f2; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
rate() { awk -v n="$(field "$1" requests)" -v s="$(field "$1" seconds)" 'BEGIN { printf "%.0f", n / s }'; }
url_of() { if [ "$1" = gateway ]; then echo "http://localhost:$gateway_port"; else echo "http://localhost:$booking_port"; fi; }
describe() { if [ "$1" = gateway ]; then echo "service through the gateway"; else echo "service directly at booking"; fi; }

wrk_run() { # url label
  BENCH_QUERIES="$work/queries.txt" wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s \
    -s bench/booking/search.lua "$1" > "$work/wrk-$2.txt" 2>&1
  grep '^BENCH' "$work/wrk-$2.txt"
}

script_args=()
for f in "$work"/pgbench/script-*.sql; do script_args+=(-f "$f"); done
# the session settings booking's pool uses (decision 0024); -M simple sends each statement with its values inlined
pgbench_run() { # label, then pgbench's own options (-T, --rate)
  local label=$1
  shift
  (cd "$work/pgbench" && PGOPTIONS="-c max_parallel_workers_per_gather=0" pgbench -n -M simple -h 127.0.0.1 \
    -p "$pg_port" -U postgres -c "$connections" -j "$threads" -l --log-prefix="$label" "$@" "${script_args[@]}" \
    booking > "../pgbench-$label.txt" 2>&1) \
    || { cat "$work/pgbench-$label.txt" >&2; exit 1; }
}
# "p50 p90 p99 count" in microseconds from pgbench's per-transaction logs (with --rate, from the scheduled start)
pgbench_percentiles() {
  cat "$work/pgbench/$1".* | awk '{print $3}' | sort -n | awk '
    { v[NR] = $1 } END { printf "%d %d %d %d", v[int(NR * 0.5 + 0.999)], v[int(NR * 0.9 + 0.999)], v[int(NR * 0.99 + 0.999)], NR }'
}

# The dev stack's JVM (every service runs in it), for JFR
stack_jvm() { pgrep -s "$stack" -f io.polyclinic.dev.DevStack | head -1; }

# ---- throughput: wrk per path, in turns, $repeats runs each; the median run of each path is reported ----
declare -A median_line=() all_rates=()
if has throughput "$parts"; then
  first_path=${paths%% *}
  echo "Warming up (JIT, PostgreSQL's cache) for ${duration} s through the $first_path path" >&2
  wrk_run "$(url_of "$first_path")" warmup > /dev/null
  declare -A runs=()
  for r in $(seq 1 "$repeats"); do
    for p in $paths; do
      echo "wrk, $(describe "$p"), run $r of $repeats, ${duration} s, $connections connections" >&2
      jvm=""
      if [ "$profile" = "1" ] && [ "$r" = 1 ]; then
        jvm=$(stack_jvm)
        "$jcmd" "$jvm" JFR.start name="bench-$p" settings=profile filename="$work/profile-$p.jfr" > /dev/null
      fi
      line=$(wrk_run "$(url_of "$p")" "$p-$r")
      if [ -n "$jvm" ]; then
        "$jcmd" "$jvm" JFR.stop name="bench-$p" > /dev/null
        "$java" bench/booking/JfrProfile.java "$work/profile-$p.jfr" "$(field "$line" requests)" \
          > "$work/profile-$p.md"
      fi
      runs[$p]+="$(rate "$line") $line"$'\n'
    done
  done
  for p in $paths; do
    sorted=$(printf '%s' "${runs[$p]}" | sort -n)
    n=$(echo "$sorted" | grep -c .)
    median_line[$p]=$(echo "$sorted" | sed -n "$(((n + 1) / 2))p" | cut -d' ' -f2-)
    all_rates[$p]=$(printf '%s' "${runs[$p]}" | cut -d' ' -f1 | paste -sd/ | sed 's#/# / #g')
  done

  echo "pgbench with the same SQL, ${duration} s, $connections connections" >&2
  pgbench_run tx -T "$duration"
  pg_tps=$(grep -oE 'tps = [0-9.]+' "$work/pgbench-tx.txt" | head -1 | cut -d' ' -f3)
  pg_failed=$(grep -oE 'number of failed transactions: [0-9]+' "$work/pgbench-tx.txt" | head -1 | grep -oE '[0-9]+$' \
    || echo 0)
  read -r pg_p50 pg_p90 pg_p99 pg_n <<< "$(pgbench_percentiles tx)"
fi

# ---- latency: the open loop at shares of saturation, each followed by pgbench at the same fixed rate ----
# wrk's closed loop saturates the box (16 connections always waiting on 2 cores), so its latencies are mostly queueing;
# the open loop measures the latency a search sees at a steady load below saturation
open_loop=()
if has latency "$parts"; then
  loop_path=gateway
  has gateway "$paths" || loop_path=booking
  if [ -z "$saturation" ]; then
    saturation=$(rate "${median_line[$loop_path]}")
  fi
  for share in $load_shares; do
    target=$(awk -v r="$saturation" -v p="$share" 'BEGIN { t = r * p / 100; printf "%.0f", t < 1 ? 1 : t }')
    echo "Open loop, $(describe "$loop_path"), $target searches/s ($share % of $saturation), ${load_seconds} s" >&2
    "$java" bench/booking/SearchLoad.java "$(url_of "$loop_path")" "$work/queries.txt" "$target" \
      "$load_seconds" "$load_warm_up" > "$work/open-loop-$share.txt"
    line=$(grep '^BENCH open-loop' "$work/open-loop-$share.txt")
    echo "pgbench at $target transactions/s, ${load_seconds} s" >&2
    pgbench_run "rate-$share" --rate="$target" -T "$load_seconds"
    read -r _ _ sql_p99 _ <<< "$(pgbench_percentiles "rate-$share")"
    open_loop+=("share=$share sqlp99=$sql_p99 $line")
  done
fi

# ---- booking throughput and races ----
booking_line=""
race_lines=""
races_ok=0
db_winners=0
if has booking "$parts"; then
  # Distinct free slots of ACTIVE doctors on the first days with enough of them, none within an hour of midnight UTC
  # (so one patient's slots on different days never overlap); the race slots on the days after.
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

  # the database's own count: every race slot must have exactly one appointment from this run (the winner's,
  # cancelled afterwards; the same slots come back in later runs, as each winner frees its slot again)
  race_ids=$(paste -sd, "$work/race-slots.txt" | sed -E "s/([0-9a-f-]{36})/'\\1'/g")
  [ -z "$race_ids" ] || db_winners=$(psql_booking -c "select count(*) from (select slot_id from appointments
    where slot_id in ($race_ids) and created_at >= '$booking_from' group by slot_id having count(*) = 1) x")
  booking_line=$(grep '^BENCH booking' "$work/booking.txt" || true)
  race_lines=$(grep '^BENCH race' "$work/booking.txt" || true)
  races_ok=$(echo "$race_lines" | grep -c 'verdict=exactly-one-winner' || true)
fi

percent() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", 100 * a / b }'; }
verdict() { if [ "$1" = 1 ]; then echo "**met**"; else echo "**not met**"; fi; }

{
  echo "## Booking at scale: run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Command: \`bench/booking-search.sh\` (commit $(git rev-parse --short HEAD 2> /dev/null || echo unknown)," \
    "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; the machine's other load is not" \
    "controlled). Tracing sampling probability:" \
    "${MANAGEMENT_TRACING_SAMPLING_PROBABILITY:-the default of the services}."
  echo "Data: $n_doctors doctors, $n_clinics clinics, $n_slots slots ($n_available AVAILABLE, $n_booked BOOKED," \
    "$n_blocked BLOCKED). ${load_line:-The data set was loaded by an earlier run.}"
  echo "Search mix: $queries searches (bench/booking/queries.sql), $n_captured of them recorded as SQL for pgbench;" \
    "wrk and pgbench: $connections connections, $threads threads, ${duration} s each after a ${duration} s warm-up."
  if has throughput "$parts"; then
    echo
    echo "| doctor search | requests/s (median of $repeats) | each run | p50 ms | p90 ms | p99 ms | errors / non-2xx |"
    echo "|---|---|---|---|---|---|---|"
    for p in $paths; do
      line=${median_line[$p]}
      echo "| $(describe "$p") (wrk) | $(rate "$line") | ${all_rates[$p]} | $(ms "$(field "$line" p50)") |" \
        "$(ms "$(field "$line" p90)") | $(ms "$(field "$line" p99)") |" \
        "$(field "$line" errors) / $(field "$line" non2xx) |"
    done
    echo "| the same SQL by pgbench | $(printf '%.0f' "$pg_tps") | | $(ms "$pg_p50") | $(ms "$pg_p90") |" \
      "$(ms "$pg_p99") | $pg_failed failed |"
    echo
    if has gateway "$paths" && has booking "$paths"; then
      gw_rate=$(rate "${median_line[gateway]}")
      bk_rate=$(rate "${median_line[booking]}")
      share=$(percent "$gw_rate" "$bk_rate")
      ok=""
      [ "$share" -ge 85 ] && ok=1
      echo "**Gateway throughput: $share % of direct** (median of $repeats runs per path: $gw_rate vs $bk_rate" \
        "searches/s; target at least 85 %, i.e. within 15 %: $(verdict "$ok"))."
    fi
    for p in $paths; do
      echo "Service throughput against pgbench's, $(describe "$p"): $(percent "$(rate "${median_line[$p]}")" "$pg_tps") %" \
        "(S11 target: at least 50 %)."
    done
  fi
  if has latency "$parts"; then
    echo
    echo "Latency at a steady load: the same searches, $(describe "$loop_path"), at fixed arrival rates for" \
      "${load_seconds} s each after ${load_warm_up} s not counted (bench/booking/SearchLoad.java; latency from each" \
      "request's due time, so queueing counts), shares of $saturation searches/s; then the recorded SQL by pgbench at" \
      "the same rate for ${load_seconds} s (\`pgbench --rate\`, latency from each transaction's scheduled start):"
    echo
    echo "| offered searches/s (share) | achieved/s | p50 ms | p90 ms | p99 ms | max ms | errors / non-2xx |" \
      "SQL p99 ms by pgbench at that rate | p99 / SQL p99 |"
    echo "|---|---|---|---|---|---|---|---|---|"
    sustained=""
    at75=""
    for line in "${open_loop[@]}"; do
      ratio=$(awk -v a="$(field "$line" p99)" -v b="$(field "$line" sqlp99)" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
      echo "| $(field "$line" rate) ($(field "$line" share) %) | $(field "$line" achieved) | $(ms "$(field "$line" p50)") |" \
        "$(ms "$(field "$line" p90)") | $(ms "$(field "$line" p99)") | $(ms "$(field "$line" max)") |" \
        "$(field "$line" errors) / $(field "$line" non2xx) | $(ms "$(field "$line" sqlp99)") | ${ratio}x |"
      [ "$(field "$line" p99)" -lt 50000 ] && sustained="$(field "$line" rate) searches/s ($(field "$line" share) %)"
      [ "$(field "$line" share)" = 75 ] && at75=$ratio
    done
    echo
    if [ -n "$at75" ]; then
      ok=$(awk -v r="$at75" 'BEGIN { if (r <= 1.5) print 1 }')
      echo "**Service p99 at 75 % of saturation: ${at75}x pgbench's p99 at that rate** (target at most 1.5x:" \
        "$(verdict "$ok"))."
    fi
    echo "Search p99 under 50 ms (S11) at a steady load of: ${sustained:-none of the loads measured}."
  fi
  if has booking "$parts"; then
    echo
    if [ -n "$booking_line" ]; then
      echo "Booking throughput through the gateway: $(field "$booking_line" bookings) bookings of distinct slots by" \
        "$patients patients, $book_concurrency at a time: $(field "$booking_line" perSecond) bookings/s," \
        "p50 $(field "$booking_line" p50ms) ms, p99 $(field "$booking_line" p99ms) ms, statuses $(field "$booking_line" statuses)."
    fi
    echo "Concurrent booking of one slot by $patients patients at once: $races_ok of $races races had exactly one 201" \
      "and $((patients - 1)) 409s; in the database $db_winners of $races race slots have exactly one appointment."
    echo "$race_lines" | sed -E 's/^BENCH race /- /'
  fi
  if [ "$profile" = "1" ]; then
    echo
    echo "CPU profiles of the dev stack's JVM during the first wrk run of each path (JFR):" \
      "$(for p in $paths; do printf '%s ' "$work/profile-$p.md"; done)"
  fi
} | tee "$work/report.md"
