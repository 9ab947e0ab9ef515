#!/bin/sh
# One-shot setup of Kibana (service kibana-init): the data view "polyclinic-logs" over the services' log indices, with
# @timestamp as its time field, so Discover opens on the logs at once (docs/operations.md, "Logs", has the queries).
set -eu
: "${ELASTIC_PASSWORD:?ELASTIC_PASSWORD is not set}"
curl --silent --show-error -u "elastic:${ELASTIC_PASSWORD}" -H 'kbn-xsrf: true' -H 'content-type: application/json' \
  -X POST http://kibana:5601/api/data_views/data_view \
  -d '{"override":true,"data_view":{"id":"polyclinic-logs","name":"polyclinic-logs","title":"polyclinic-logs-*","timeFieldName":"@timestamp"}}'
echo
echo "kibana-init: data view polyclinic-logs is in place"
