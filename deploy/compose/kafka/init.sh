#!/usr/bin/env bash
# One-shot setup of the compose stack's Kafka (runs in the kafka image as the service kafka-init): creates the topics
# of topics.txt and the ACLs of acls.txt as the administrator. Idempotent: a second run changes nothing.
set -euo pipefail
: "${KAFKA_ADMIN_PASSWORD:?KAFKA_ADMIN_PASSWORD is not set}"
bin=/opt/kafka/bin
config=$(mktemp)
trap 'rm -f "$config"' EXIT
cat >"$config" <<CONF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
CONF
server=kafka:9092

grep -v '^\s*#' /setup/topics.txt | while read -r topic partitions configs; do
  [ -n "${topic:-}" ] || continue
  options=()
  for setting in ${configs//,/ }; do
    options+=(--config "$setting")
  done
  "$bin/kafka-topics.sh" --bootstrap-server "$server" --command-config "$config" \
    --create --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor 1 "${options[@]}"
done

grep -v '^\s*#' /setup/acls.txt | while read -r principal operation type name; do
  [ -n "${principal:-}" ] || continue
  "$bin/kafka-acls.sh" --bootstrap-server "$server" --command-config "$config" \
    --add --allow-principal "User:$principal" --operation "$operation" "--$type" "$name"
done
echo "kafka-init: topics and ACLs are in place"
