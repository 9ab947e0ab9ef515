#!/usr/bin/env bash
# Validates the deploy files with the tools that run without a container engine (called by .ci/run, or on its own:
# bash deploy/validate.sh): compose (every profile), Kubernetes (kubectl kustomize, both overlays), Prometheus
# (promtool check config / rules, rule tests). Each section checks one kind of file; a failure fails the script. Missing Debian packages
# are installed with apt-get when the script may (root or sudo), else the section fails and says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

ensure_command() { # command debian-package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "validate: $1 is missing, installing the Debian package $2"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2"; } >/dev/null; then
    echo "validate: could not install $2; install it (apt-get install $2) and run again" >&2
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# docker-compose: deploy/compose/compose.yaml with every profile, against .env.example (docker-compose 1.29 or
# Compose v2; `config` parses, interpolates and validates against the Compose schema without an engine).
# ---------------------------------------------------------------------------------------------------------------
validate_compose() {
  local compose
  if docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
  else
    ensure_command docker-compose docker-compose
    compose=(docker-compose)
  fi
  local file=deploy/compose/compose.yaml env=deploy/compose/.env.example profile
  for profile in "" observability elk superset "observability elk superset"; do
    local args=()
    for p in $profile; do args+=(--profile "$p"); done
    echo "validate: compose ${profile:-(default)}"
    "${compose[@]}" -f "$file" --env-file "$env" "${args[@]}" config -q
  done
  # A missing secret stops compose with a message that names it (never a default secret).
  local without
  without=$(mktemp)
  grep -v '^AUDIT_CHAIN_KEY=' "$env" >"$without"
  if "${compose[@]}" -f "$file" --env-file "$without" config -q 2>"$without.err"; then
    echo "validate: compose accepted an environment without AUDIT_CHAIN_KEY" >&2
    rm -f "$without" "$without.err"
    return 1
  fi
  grep -q AUDIT_CHAIN_KEY "$without.err" || { cat "$without.err" >&2; rm -f "$without" "$without.err"; return 1; }
  rm -f "$without" "$without.err"
  # The setup scripts the stack runs are valid shell.
  bash -n deploy/compose/postgres/10-databases.sh deploy/compose/kafka/init.sh deploy/compose/superset/start.sh
  for script in deploy/compose/rabbitmq/init.sh deploy/compose/redis/start.sh deploy/elk/*.sh; do sh -n "$script"; done
  echo "validate: compose files are valid"
}

validate_compose

# ---- Kubernetes: both overlays render (the JUnit test in deploy/k8s-tests binds every object to the model) ----
ensure_command kubectl kubectl
for overlay in dev prod; do
  kubectl kustomize "deploy/k8s/overlays/$overlay" >/dev/null
  echo "validate: deploy/k8s/overlays/$overlay renders"
done

# ---- Prometheus: scrape configuration, alert rules and their unit tests ----
ensure_command promtool prometheus
promtool check config deploy/prometheus/prometheus.yml
promtool check rules deploy/prometheus/rules/*.rules.yml
(cd deploy/prometheus/rules && promtool test rules ./*.rules.test.yml)
echo "validate: prometheus configuration and rules pass"
