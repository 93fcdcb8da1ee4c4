#!/usr/bin/env bash
# The throwaway PostgreSQL + PostGIS cluster the tests run against (listening on localhost only,
# as Debian sets it up).
#   start: (re)makes cluster 15/ci on port 5433 with role and database `partmap`, PostGIS in it
#          and a `partmap_template` database the tests copy for each store; prints the URL.
#   stop:  drops the cluster and everything in it.
set -euo pipefail
VERSION=15
NAME=${PARTMAP_PG_CLUSTER:-ci}
PORT=${PARTMAP_PG_PORT:-5433}
PASSWORD=partmap-test
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

as_postgres() { $SUDO runuser -u postgres -- "$@"; }
sql() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d "$1" -c "$2" >/dev/null; }

case "${1:-}" in
start)
    $SUDO pg_dropcluster --stop "$VERSION" "$NAME" 2>/dev/null || true
    $SUDO pg_createcluster "$VERSION" "$NAME" -p "$PORT" --start \
        -o fsync=off -o max_connections=500 >/dev/null
    sql postgres "CREATE ROLE partmap LOGIN CREATEDB PASSWORD '$PASSWORD'"
    sql postgres "CREATE DATABASE partmap OWNER partmap"
    sql partmap "CREATE EXTENSION postgis"
    sql postgres "CREATE DATABASE partmap_template OWNER partmap"
    sql partmap_template "CREATE EXTENSION postgis"
    echo "postgres://partmap:$PASSWORD@127.0.0.1:$PORT/partmap"
    ;;
stop)
    $SUDO pg_dropcluster --stop "$VERSION" "$NAME" 2>/dev/null || true
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
