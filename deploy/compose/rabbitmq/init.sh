#!/bin/sh
# One-shot setup of the compose stack's RabbitMQ through its management API (service rabbitmq-init): the virtual
# host polyclinic and the notifier's user, allowed only its own queue and exchanges (notifications.email*).
# There is no guest user: the broker starts with the administrator from RABBITMQ_DEFAULT_USER/PASS.
# The notifier may also write to amq.default, the default exchange: its dead-letter replay puts a job back on
# notifications.email through it, as producers publish jobs (the vhost holds only the notification queues).
# RABBITMQ_API overrides the management API's address (deploy-tests' ComposeRabbitMqCredentialsTest runs this script).
set -eu
: "${RABBITMQ_ADMIN_PASSWORD:?RABBITMQ_ADMIN_PASSWORD is not set}"
: "${RABBITMQ_NOTIFIER_PASSWORD:?RABBITMQ_NOTIFIER_PASSWORD is not set}"
api=${RABBITMQ_API:-http://rabbitmq:15672/api}
put() {
  curl --fail --silent --show-error -u "admin:${RABBITMQ_ADMIN_PASSWORD}" -H 'content-type: application/json' \
    -X PUT "$api/$1" -d "$2"
}
put vhosts/polyclinic '{}'
put users/notifier "{\"password\":\"${RABBITMQ_NOTIFIER_PASSWORD}\",\"tags\":\"\"}"
put permissions/polyclinic/notifier \
  '{"configure":"^notifications\\.email.*","write":"^(notifications\\.email.*|amq\\.default)$","read":"^notifications\\.email.*"}'
echo "rabbitmq-init: virtual host and users are in place"
