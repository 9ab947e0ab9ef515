#!/bin/sh
# One-shot setup of Elasticsearch (service elk-init): the password Kibana logs in with (user kibana_system).
set -eu
: "${ELASTIC_PASSWORD:?ELASTIC_PASSWORD is not set}"
: "${KIBANA_SYSTEM_PASSWORD:?KIBANA_SYSTEM_PASSWORD is not set}"
curl --fail --silent --show-error -u "elastic:${ELASTIC_PASSWORD}" -H 'content-type: application/json' \
  -X POST http://elasticsearch:9200/_security/user/kibana_system/_password \
  -d "{\"password\":\"${KIBANA_SYSTEM_PASSWORD}\"}"
echo "elk-init: kibana_system's password is set"
