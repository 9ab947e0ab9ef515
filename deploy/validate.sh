#!/usr/bin/env bash
# Validates the deploy files with the tools that run without a container engine (called by .ci/run).
# Installs the Debian packages it needs when they are missing (as root, or through sudo).
# Sections: Kubernetes (kubectl kustomize, both overlays), Prometheus (promtool check config / rules, rule tests).
set -euo pipefail
cd "$(dirname "$0")"

need() { # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "validate: $1 is missing; installing the Debian package $2" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$2" >/dev/null
}

# ---- Kubernetes: both overlays render (the JUnit test in deploy/k8s-tests binds every object to the model) ----
need kubectl kubectl
for overlay in dev prod; do
  kubectl kustomize "k8s/overlays/$overlay" >/dev/null
  echo "validate: k8s/overlays/$overlay renders"
done

# ---- Prometheus: scrape configuration, alert rules and their unit tests ----
need promtool prometheus
promtool check config prometheus/prometheus.yml
promtool check rules prometheus/rules/*.rules.yml
(cd prometheus/rules && promtool test rules ./*.rules.test.yml)
echo "validate: prometheus configuration and rules pass"
