#!/usr/bin/env bash
# S11 "Dev stack: from the run command to ready in under 60 s on 2 cores (after the first build)".
# Runs the README's run command RUNS times (default 3) and reports the seconds from the command to the line
# "Polyclinic is ready at http://localhost:8080", then stops the stack with SIGTERM (what Ctrl-C triggers).
# The first run also builds and, with an empty ./var, initialises PostgreSQL and loads the demo data; compare it
# with the later ones. Usage: bench/dev-stack-ready.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
log="$(mktemp)"
trap 'pkill -TERM -f io.polyclinic.dev.DevStack 2>/dev/null || true; rm -f "$log"' EXIT

for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  ./mvnw -q -pl dev -am spring-boot:run > "$log" 2>&1 &
  until grep -q "Polyclinic is ready at http://localhost:8080" "$log"; do
    if ! kill -0 $! 2>/dev/null; then echo "run $i: the dev stack died, see its log:" >&2; tail -40 "$log" >&2; exit 1; fi
    if [ $(( ($(date +%s%N) - start) / 1000000000 )) -gt 300 ]; then echo "run $i: not ready after 300 s" >&2; exit 1; fi
    sleep 0.2
  done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  inside=$(grep -oE "started in [0-9.]+ s" "$log" | head -1)
  printf 'run %d: ready %d.%03d s after the command (%s inside the JVM)\n' "$i" $((ready_ms / 1000)) $((ready_ms % 1000)) "$inside"
  pkill -TERM -f io.polyclinic.dev.DevStack
  wait $! 2>/dev/null || true
done
