# Shared parts of the benchmarks that run the dev stack with one service left out and start that service as its own
# JVM (bench/orders.sh, bench/ingest.sh, bench/analytics.sh). Sourced, not run: `source bench/lib.sh` after
# `set -euo pipefail` and `cd` to the repository root.
#
# The caller sets pg_port, gateway_port, identity_port, booking_port, notifier_port, kafka_port and start_timeout
# first. The functions set the globals work (this run's directory), stack and service (the session leaders' pids) and
# stop, on exit, every process they started.

# Installs the given Debian packages with apt-get (through sudo unless root); nothing when none are given.
bench_install_missing() { # package...
  [ $# -gt 0 ] || return 0
  echo "Installing $* with apt-get" >&2
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y "$@" > /dev/null
}

# A fresh run directory $var_root/run-<time> in $work; the dev stack keeps its data in $work/var.
bench_new_run() { # var_root
  mkdir -p "$1"
  work="$(cd "$1" && pwd)/run-$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$work"
  export POLYCLINIC_DEV_VAR_DIR="$work/var"
}

stack=""
service=""
stop_session() { # session leader pid, main class
  local jvm
  jvm=$(pgrep -s "$1" -f "$2" || true)
  [ -n "$jvm" ] && kill -TERM $jvm 2> /dev/null
  for _ in $(seq 1 120); do kill -0 "$1" 2> /dev/null || return 0; sleep 0.5; done
  kill -TERM -- "-$1" 2> /dev/null || true
}
stop_all() {
  [ -n "$service" ] && stop_session "$service" io.polyclinic.dev.ServiceLauncher
  stop_session "$stack" io.polyclinic.dev.DevStack
}

wait_for() { # log, pattern, pid, what
  local started; started=$(date +%s)
  until grep -q "$2" "$1"; do
    if ! kill -0 "$3" 2> /dev/null; then echo "$4 died, see its log:" >&2; tail -40 "$1" >&2; exit 1; fi
    if [ $(($(date +%s) - started)) -gt "$start_timeout" ]; then echo "$4 not ready after $start_timeout s" >&2; exit 1; fi
    sleep 0.5
  done
}

# Launches the dev stack on the caller's ports in a session of its own, so that exactly its processes are stopped at the
# end; sets stack and does not wait. Extra VAR=value settings go to its environment, $bench_stack_mvn_args (default
# none) to Maven. bench_launch_stack <log> [VAR=value...]
bench_launch_stack() {
  local log="$1"; shift
  env POLYCLINIC_DEV_POSTGRES_PORT="$pg_port" POLYCLINIC_DEV_GATEWAY_PORT="$gateway_port" \
    POLYCLINIC_DEV_IDENTITY_PORT="$identity_port" POLYCLINIC_DEV_BOOKING_PORT="$booking_port" \
    POLYCLINIC_DEV_NOTIFIER_PORT="$notifier_port" POLYCLINIC_DEV_KAFKA_PORT="$kafka_port" "$@" \
    setsid ./mvnw -q -pl dev -am spring-boot:run ${bench_stack_mvn_args:-} > "$log" 2>&1 &
  stack=$!
  echo "Starting the dev stack (log: $log)" >&2
}

# Starts the dev stack without the named service (POLYCLINIC_DEV_EXTERNAL), its log in $work/dev-stack.log, and waits
# until it is ready.
bench_start_stack() { # service left out
  bench_launch_stack "$work/dev-stack.log" POLYCLINIC_DEV_EXTERNAL="$1"
  service=""
  trap stop_all EXIT
  wait_for "$work/dev-stack.log" "Polyclinic is ready at http://localhost:$gateway_port" "$stack" "The dev stack"
}

# Starts one service as its own JVM (io.polyclinic.dev.ServiceLauncher, no optimized launch: full JIT) in a session
# of its own, its output in the log; sets service. The service's name goes in -Dspring-boot.run.arguments.
bench_start_service() { # log, further ./mvnw arguments...
  local log="$1"; shift
  setsid ./mvnw -q -pl dev -am spring-boot:run -Dspring-boot.run.optimizedLaunch=false \
    -Ddev.main-class=io.polyclinic.dev.ServiceLauncher "$@" > "$log" 2>&1 &
  service=$!
}

# Prints an access token of the dev stack's admin, logged in through the gateway.
bench_admin_token() {
  local password
  password=$(cat "$POLYCLINIC_DEV_VAR_DIR/dev-admin-password")
  curl -s -X POST "http://localhost:$gateway_port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@polyclinic.local\",\"password\":\"$password\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}

# Waits until the machine is quiet before a timed step: the stack's start leaves work behind it (autovacuum and
# analyze of the freshly seeded tables, demo data topped up after "ready", the JIT), which would otherwise land in the
# first measurement. Quiet: two 2-second samples in a row with under $2 % (default 15) of all CPUs busy, per
# /proc/stat. Gives up after $1 seconds and says so; prints how long it waited.
bench_wait_quiet() { # max_seconds [busy_percent]
  local max="$1" limit="${2:-15}" started quiet=0 a b busy
  started=$(date +%s)
  while [ "$quiet" -lt 2 ]; do
    if [ $(($(date +%s) - started)) -ge "$max" ]; then
      echo "The machine did not become quiet within $max s (last sample: $busy % busy); measuring anyway" >&2
      return 0
    fi
    read -r a < <(awk '/^cpu / {print $2+$3+$4+$6+$7+$8, $5}' /proc/stat | tr ' ' ':')
    sleep 2
    read -r b < <(awk '/^cpu / {print $2+$3+$4+$6+$7+$8, $5}' /proc/stat | tr ' ' ':')
    busy=$(( 100 * (${b%:*} - ${a%:*}) / ((${b%:*} - ${a%:*}) + (${b#*:} - ${a#*:}) + 1) ))
    if [ "$busy" -lt "$limit" ]; then quiet=$((quiet + 1)); else quiet=0; fi
  done
  echo "The machine was quiet after $(($(date +%s) - started)) s" >&2
}
