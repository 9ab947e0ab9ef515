#!/usr/bin/env bash
# Loads the large booking data set (S11: 100k doctors, 2k clinics in real cities, 5M slots, their BOOKED
# appointments) into a booking database with COPY, after migrating its schema; one command:
#   bench/booking-data.sh <jdbc-url> [user] [password] [doctors=N] [clinics=N] [slots-per-doctor=N] [seed=N]
#   e.g. bench/booking-data.sh jdbc:postgresql://127.0.0.1:54329/booking postgres
# It changes nothing when the database already holds demo data (small or large). The dev stack loads the same set
# into an empty database with POLYCLINIC_DEMO_DATA_SCALE=large. Needs JDK 21+ (JAVA_HOME or java on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then sed -n '2,7p' "$0" >&2; exit 2; fi
for arg in "$@"; do
  case "$arg" in *" "*) echo "Arguments cannot contain spaces: $arg" >&2; exit 2 ;; esac
done
exec ./mvnw -q -pl dev -am spring-boot:run -Ddev.main-class=io.polyclinic.devdata.LargeDemoData \
  -Dspring-boot.run.arguments="$*"
