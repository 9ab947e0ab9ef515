#!/bin/sh
# Starts Redis with ACL users from the environment: no default user, booking limited to its own keys (booking:*),
# an administrator for operations. Only entries with a TTL are evicted (volatile-lru): booking's cache generation
# counters have none and must survive memory pressure.
set -eu
: "${REDIS_ADMIN_PASSWORD:?REDIS_ADMIN_PASSWORD is not set}"
: "${REDIS_BOOKING_PASSWORD:?REDIS_BOOKING_PASSWORD is not set}"
acl=/tmp/users.acl
umask 077
cat >"$acl" <<ACL
user default off
user admin on >${REDIS_ADMIN_PASSWORD} ~* &* +@all
user booking on >${REDIS_BOOKING_PASSWORD} resetchannels ~booking:* +@read +@write +@keyspace +@connection -@dangerous
ACL
exec redis-server --aclfile "$acl" --maxmemory "${REDIS_MAXMEMORY:-256mb}" --maxmemory-policy volatile-lru \
  --appendonly no --save ''
