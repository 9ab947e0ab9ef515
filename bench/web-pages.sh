#!/usr/bin/env bash
# Server time of the web UI's main pages on the demo data (the target: under 200 ms), against a running dev stack:
#   bench/web-pages.sh [gateway=http://localhost:8080] [web=http://localhost:8090] [requests-per-page=50]
# For each page it makes N GET requests through the gateway (the patient pages as the logged-in demo patient, the staff
# pages as the admin, whose password the dev stack keeps in ${POLYCLINIC_DEV_VAR_DIR:-var}/dev-admin-password), then
# reads the web service's own timer http_server_requests_seconds (sum/count by URI template: the server time of the
# page, its API calls included, without the network to the browser) from /actuator/prometheus, and prints the mean
# and the client-side p95 of curl's total time. Needs curl and awk.
set -euo pipefail
GATEWAY="${1:-http://localhost:8080}"
WEB="${2:-http://localhost:8090}"
N="${3:-50}"
PATIENT_JAR="$(mktemp)"
ADMIN_JAR="$(mktemp)"
trap 'rm -f "$PATIENT_JAR" "$ADMIN_JAR"' EXIT

# curl keeps Secure cookies only over https: mark them sendable over http by hand.
unsecure() { sed -i 's/^\(#HttpOnly_\)\{0,1\}\([^\t]*\)\t\([^\t]*\)\t\([^\t]*\)\tTRUE/\1\2\t\3\t\4\tFALSE/' "$1"; }

# Logs in through the login form (its CSRF cookie and field first): log_in <cookie jar> <email> <password>
log_in() {
  local form csrf
  form="$(curl -s -c "$1" -b "$1" "$GATEWAY/login")"
  csrf="$(printf '%s' "$form" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)"
  unsecure "$1"
  curl -s -o /dev/null -c "$1" -b "$1" --data-urlencode "email=$2" --data-urlencode "password=$3" \
    --data-urlencode "_csrf=$csrf" --data-urlencode "next=/" "$GATEWAY/login"
  unsecure "$1"
}

# Requests each page N times with the cookie jar and prints curl's p95: measure <cookie jar> <page>...
measure() {
  local jar="$1" page
  shift
  for page in "$@"; do
    for _ in $(seq "$N"); do
      curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' "$GATEWAY$page"
    done | sort -n | awk -v page="$page" '{t[NR]=$1} END {printf "%-40s client p95 %6.1f ms\n", page, t[int(NR*0.95)]*1000}'
  done
}

log_in "$PATIENT_JAR" "patient@polyclinic.local" "Demo-Patient-2026!"
log_in "$ADMIN_JAR" "admin@polyclinic.local" "$(cat "${POLYCLINIC_DEV_VAR_DIR:-var}/dev-admin-password")"

doctor="$(curl -s "$GATEWAY/api/v1/doctors?size=1" | sed -n 's/.*"items":\[{"id":"\([^"]*\)".*/\1/p')"
measure "$PATIENT_JAR" "/" "/?specialty=cardiology&sort=rating" "/doctors/$doctor" "/me/appointments" "/login"
measure "$ADMIN_JAR" "/manage" "/manage/doctors" "/manage/clinics" "/manage/imports" "/manage/analytics" \
  "/admin/audit" "/admin/users"
echo
echo "web service server time (mean over all requests so far, by page):"
curl -s "$WEB/actuator/prometheus" | awk '
  /^http_server_requests_seconds_(sum|count)\{/ && /method="GET"/ && /status="200"/ {
    match($0, /uri="[^"]*"/); uri = substr($0, RSTART + 5, RLENGTH - 6)
    if ($0 ~ /_sum/) sum[uri] += $NF; else count[uri] += $NF
  }
  END { for (u in count) if (count[u] > 0 && u !~ /actuator|webjars|css|js/) printf "%-40s %6.1f ms (%d requests)\n", u, sum[u] / count[u] * 1000, count[u] }'
