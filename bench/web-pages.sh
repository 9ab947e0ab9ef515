#!/usr/bin/env bash
# Server time of the web UI's main pages on the demo data (the target: under 200 ms), against a running dev stack:
#   bench/web-pages.sh [gateway=http://localhost:8080] [web=http://localhost:8090] [requests-per-page=50]
# For each page it makes N GET requests through the gateway (a logged-in demo patient for "my appointments"), then
# reads the web service's own timer http_server_requests_seconds (sum/count by URI template: the server time of the
# page, its API calls included, without the network to the browser) from /actuator/prometheus, and prints the mean
# and the client-side p95 of curl's total time. Needs curl and awk.
set -euo pipefail
GATEWAY="${1:-http://localhost:8080}"
WEB="${2:-http://localhost:8090}"
N="${3:-50}"
JAR="$(mktemp)"
trap 'rm -f "$JAR"' EXIT

# Log in as the demo patient through the login form (its CSRF cookie and field first).
form="$(curl -s -c "$JAR" -b "$JAR" "$GATEWAY/login")"
csrf="$(printf '%s' "$form" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)"
# curl keeps Secure cookies only over https: send them back by hand.
sed -i 's/^\(#HttpOnly_\)\{0,1\}\([^\t]*\)\t\([^\t]*\)\t\([^\t]*\)\tTRUE/\1\2\t\3\t\4\tFALSE/' "$JAR"
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "email=patient@polyclinic.local" \
  --data-urlencode "password=Demo-Patient-2026!" --data-urlencode "_csrf=$csrf" --data-urlencode "next=/" "$GATEWAY/login"
sed -i 's/^\(#HttpOnly_\)\{0,1\}\([^\t]*\)\t\([^\t]*\)\t\([^\t]*\)\tTRUE/\1\2\t\3\t\4\tFALSE/' "$JAR"

doctor="$(curl -s "$GATEWAY/api/v1/doctors?size=1" | sed -n 's/.*"items":\[{"id":"\([^"]*\)".*/\1/p')"
pages=("/" "/?specialty=cardiology&sort=rating" "/doctors/$doctor" "/me/appointments" "/login")
for page in "${pages[@]}"; do
  for _ in $(seq "$N"); do
    curl -s -o /dev/null -b "$JAR" -w '%{time_total}\n' "$GATEWAY$page"
  done | sort -n | awk -v page="$page" '{t[NR]=$1} END {printf "%-40s client p95 %6.1f ms\n", page, t[int(NR*0.95)]*1000}'
done
echo
echo "web service server time (mean over all requests so far, by page):"
curl -s "$WEB/actuator/prometheus" | awk '
  /^http_server_requests_seconds_(sum|count)\{/ && /method="GET"/ && /status="200"/ {
    match($0, /uri="[^"]*"/); uri = substr($0, RSTART + 5, RLENGTH - 6)
    if ($0 ~ /_sum/) sum[uri] += $NF; else count[uri] += $NF
  }
  END { for (u in count) if (count[u] > 0 && u !~ /actuator|webjars|css|js/) printf "%-40s %6.1f ms (%d requests)\n", u, sum[u] / count[u] * 1000, count[u] }'
