#!/usr/bin/env bash
# A throw-away PostgreSQL server on loopback for the test suite (Debian's postgresql package).
#   scripts/postgres-test.sh start DIR   → initdb in DIR, start on 127.0.0.1:$PGPORT, print DATABASE_URL
#   scripts/postgres-test.sh stop DIR    → stop it (the directory is left for the caller to remove)
# Runs the server as the unprivileged user `postgres` when started as root, as initdb requires.
set -euo pipefail

cmd=${1:?start|stop}
dir=${2:?a directory for the cluster}
port=${PGPORT:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
    echo "postgres-test: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
    exit 1
fi
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    if [ ! -f "$dir/PG_VERSION" ]; then
        as_owner "$bin/initdb" -D "$dir" -U hyoka --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" start >/dev/null
    echo "postgres://hyoka@127.0.0.1:$port/postgres"
    ;;
stop)
    if [ -f "$dir/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    fi
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
